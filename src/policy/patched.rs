//! `--patched-functions`: names given on the command line (comma-separated), and lists of
//! names in files, `@FILE`: one name a line, `#` starting a comment, blank lines ignored.

use std::path::{Path, PathBuf};

use super::{BadPatchedFunction, patched_function_names};
use queries::livepatch::is_identifier;

/// The patched functions of the command line, and the files that named some of them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PatchedFunctions {
    /// In the order given, each once.
    pub names: Vec<String>,
    /// The `@FILE`s, as given (relative ones taken from the current directory).
    pub files: Vec<PathBuf>,
}

/// Why `--patched-functions` cannot be read.
#[derive(Debug, thiserror::Error)]
pub enum PatchedListError {
    #[error(transparent)]
    BadName(#[from] BadPatchedFunction),
    #[error("--patched-functions=@{}: cannot read it: {error}", .path.display())]
    Read {
        path: PathBuf,
        error: std::io::Error,
    },
    #[error("--patched-functions=@{}: line {line}: `{text}` is not a function name", .path.display())]
    BadLine {
        path: PathBuf,
        line: usize,
        text: String,
    },
}

/// Reads the entries of `--patched-functions` (as clap split them at commas); `@FILE`
/// entries are read from `cwd`.
pub fn read_patched_functions(
    entries: &[String],
    cwd: &Path,
) -> Result<PatchedFunctions, PatchedListError> {
    let mut patched = PatchedFunctions::default();
    for entry in entries {
        let entry = entry.trim();
        let names = match entry.strip_prefix('@') {
            Some(file) => {
                let path = PathBuf::from(file);
                let names = read_list(&cwd.join(&path), &path)?;
                patched.files.push(path);
                names
            }
            None => patched_function_names(std::slice::from_ref(&entry.to_owned()))?,
        };
        for name in names {
            if !patched.names.contains(&name) {
                patched.names.push(name);
            }
        }
    }
    Ok(patched)
}

/// The names listed in the file at `path` (`given`: as the user named it, for messages).
fn read_list(path: &Path, given: &Path) -> Result<Vec<String>, PatchedListError> {
    let text = std::fs::read_to_string(path).map_err(|error| PatchedListError::Read {
        path: given.to_owned(),
        error,
    })?;
    let mut names = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let name = line.split('#').next().unwrap_or("").trim();
        if name.is_empty() {
            continue;
        }
        if !is_identifier(name) {
            return Err(PatchedListError::BadLine {
                path: given.to_owned(),
                line: n + 1,
                text: name.to_owned(),
            });
        }
        names.push(name.to_owned());
    }
    Ok(names)
}

#[cfg(test)]
mod tests {
    use super::read_patched_functions;

    #[test]
    fn names_and_files_mix_and_comments_are_skipped() {
        let dir = std::env::temp_dir().join(format!("klp-ccp-patched-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("scratch directory");
        std::fs::write(
            dir.join("list"),
            "# the fix\nfoo\n  bar   # and its helper\n\nfoo\n",
        )
        .expect("scratch file");
        std::fs::write(dir.join("bad"), "foo\nnot a name\n").expect("scratch file");
        let entries = ["baz".to_owned(), "@list".to_owned()];
        let patched = read_patched_functions(&entries, &dir).expect("readable");
        assert_eq!(patched.names, ["baz", "foo", "bar"]);
        assert_eq!(patched.files, [std::path::PathBuf::from("list")]);
        let error = read_patched_functions(&["@bad".to_owned()], &dir).expect_err("bad line");
        assert_eq!(
            error.to_string(),
            "--patched-functions=@bad: line 2: `not a name` is not a function name"
        );
        let error = read_patched_functions(&["@missing".to_owned()], &dir).expect_err("missing");
        assert!(
            error
                .to_string()
                .starts_with("--patched-functions=@missing: cannot read it:"),
            "{error}"
        );
        let _ = std::fs::remove_dir_all(dir);
    }
}
