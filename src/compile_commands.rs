//! `compile_commands.json` (the JSON compilation database of clang's tools, which the kernel's
//! `scripts/clang-tools/gen_compile_commands.py` writes): for each source file, the directory
//! the compiler ran in and its command line, as an argument list (`arguments`) or as one
//! shell-quoted string (`command`).

use std::path::{Component, Path, PathBuf};

use serde::Deserialize;

/// One entry: how one source file was compiled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompileCommand {
    /// Where the compiler ran (absolute): relative paths of the command line start there.
    pub directory: PathBuf,
    /// The source file, absolute.
    pub file: PathBuf,
    /// The command line without the compiler's name, without dependency-file options.
    pub args: Vec<String>,
    /// The command line as the database has it (the build's dependency file is named there).
    pub original_args: Vec<String>,
}

/// Why a compilation database cannot be used; the message names the file.
#[derive(Debug, thiserror::Error)]
pub enum CompileCommandsError {
    #[error("cannot read {}: {error}", .path.display())]
    Read {
        path: PathBuf,
        error: std::io::Error,
    },
    #[error("{}: not a compilation database: {error}", .path.display())]
    Json {
        path: PathBuf,
        error: serde_json::Error,
    },
    #[error("{}: entry {index} (file `{file}`): {reason}", .path.display())]
    Entry {
        path: PathBuf,
        index: usize,
        file: String,
        reason: &'static str,
    },
    #[error("{}: no entry for {}", .path.display(), .file.display())]
    NoEntry { path: PathBuf, file: PathBuf },
}

#[derive(Deserialize)]
struct RawEntry {
    directory: PathBuf,
    file: PathBuf,
    arguments: Option<Vec<String>>,
    command: Option<String>,
}

/// The entries of the database at `path`, in its order. A relative `directory` is taken
/// from the database's own folder.
pub fn load(path: &Path) -> Result<Vec<CompileCommand>, CompileCommandsError> {
    let text = std::fs::read_to_string(path).map_err(|error| CompileCommandsError::Read {
        path: path.to_owned(),
        error,
    })?;
    let raw: Vec<RawEntry> =
        serde_json::from_str(&text).map_err(|error| CompileCommandsError::Json {
            path: path.to_owned(),
            error,
        })?;
    let base = absolute(path.parent().unwrap_or(Path::new(".")));
    (raw.into_iter().enumerate())
        .map(|(index, entry)| {
            let bad = |reason| CompileCommandsError::Entry {
                path: path.to_owned(),
                index,
                file: entry.file.display().to_string(),
                reason,
            };
            let directory = normalized(&base.join(&entry.directory));
            let file = normalized(&directory.join(&entry.file));
            let words = match (&entry.arguments, &entry.command) {
                (Some(arguments), _) => arguments.clone(),
                (None, Some(command)) => shlex::split(command)
                    .ok_or_else(|| bad("its `command` is not a valid shell command line"))?,
                (None, None) => return Err(bad("it has neither `arguments` nor `command`")),
            };
            let args = compiler_args(words.clone())
                .ok_or_else(|| bad("its command line names no compiler"))?;
            Ok(CompileCommand {
                directory,
                file,
                args,
                original_args: words,
            })
        })
        .collect()
}

/// The entry of `file` (relative to `cwd`, or absolute).
pub fn find<'a>(
    path: &Path,
    commands: &'a [CompileCommand],
    file: &Path,
    cwd: &Path,
) -> Result<&'a CompileCommand, CompileCommandsError> {
    let wanted = normalized(&cwd.join(file));
    commands
        .iter()
        .find(|c| c.file == wanted)
        .ok_or_else(|| CompileCommandsError::NoEntry {
            path: path.to_owned(),
            file: file.to_owned(),
        })
}

/// The command line without the compiler. Dependency-file options go: klp-ccp does not
/// write the build's `.d` files.
fn compiler_args(words: Vec<String>) -> Option<Vec<String>> {
    let mut words = words.into_iter();
    words.next()?;
    let is_dependency_option = |w: &String| w.starts_with("-Wp,-MMD,") || w.starts_with("-Wp,-MD,");
    Some(words.filter(|w| !is_dependency_option(w)).collect())
}

/// The file system as a compiler run in a directory sees it: relative paths start there.
pub struct DirectoryFs(pub PathBuf);

impl queries::FileSystem for DirectoryFs {
    fn read(&self, path: &Path) -> Result<String, syntax::pp::LoadError> {
        syntax::pp::read_source(&self.0.join(path))
    }
}

/// `path` made absolute against the current directory (unchanged when that is unknown).
pub fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_owned())
}

/// `path` without `.` components and with `a/..` pairs removed, as far as textual: the
/// database and a patch name files by such paths, not always canonical ones.
pub fn normalized(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir
                if matches!(out.components().next_back(), Some(Component::Normal(_))) =>
            {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalized_drops_dots_and_parent_pairs() {
        assert_eq!(normalized(Path::new("/a/./b/../c")), PathBuf::from("/a/c"));
        assert_eq!(normalized(Path::new("../x/./y")), PathBuf::from("../x/y"));
    }

    #[test]
    fn compiler_args_drop_the_compiler_and_dependency_files() {
        let words = ["gcc", "-Wp,-MMD,a/.b.o.d", "-O2", "-c", "a/b.c"].map(String::from);
        let args = compiler_args(words.to_vec());
        assert_eq!(
            args,
            Some(["-O2", "-c", "a/b.c"].map(String::from).to_vec())
        );
    }
}
