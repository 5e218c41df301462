//! The build's dependency files: which headers a TU read when it was last built. They pick
//! the TUs a change may affect without preprocessing every TU of the database (a kernel has
//! tens of thousands); each TU picked is still preprocessed to confirm it. A TU without a
//! dependency file, or one older than its source, is always picked.
//!
//! Two formats: the `.d` file of gcc's `-MD`/`-MMD` (`target: dep dep \`), and the kernel's
//! `.cmd` file, into which kbuild's `fixdep` turns it (`deps_OBJ := \` then one dependency
//! a line, `$(wildcard ...)` entries for configuration options).

use std::path::{Path, PathBuf};

use crate::compile_commands::{CompileCommand, normalized};

/// What a TU's dependency file says it read (absolute paths), or `None` when there is no
/// usable one.
pub fn recorded(command: &CompileCommand) -> Option<Vec<PathBuf>> {
    let file = dependency_file(command)?;
    let written = std::fs::metadata(&file).and_then(|m| m.modified()).ok()?;
    let source = std::fs::metadata(&command.file)
        .and_then(|m| m.modified())
        .ok()?;
    if source > written {
        return None;
    }
    let text = std::fs::read_to_string(&file).ok()?;
    let words = dependency_words(&text);
    Some(
        words
            .map(|w| normalized(&command.directory.join(w)))
            .collect(),
    )
}

/// The dependency file of a command line (`-Wp,-MMD,F`, `-Wp,-MD,F`, `-MF F`), or kbuild's
/// `.cmd` file that replaced it, whichever exists.
fn dependency_file(command: &CompileCommand) -> Option<PathBuf> {
    let named = named_dependency_file(&command.original_args)?;
    let path = command.directory.join(named);
    if path.is_file() {
        return Some(path);
    }
    let name = path.file_name()?.to_str()?;
    let cmd = path.with_file_name(format!("{}.cmd", name.strip_suffix(".d")?));
    cmd.is_file().then_some(cmd)
}

fn named_dependency_file(args: &[String]) -> Option<&str> {
    let mut words = args.iter();
    while let Some(word) = words.next() {
        for prefix in ["-Wp,-MMD,", "-Wp,-MD,", "-MF"] {
            if let Some(rest) = word.strip_prefix(prefix) {
                if rest.is_empty() {
                    return words.next().map(String::as_str);
                }
                return Some(rest);
            }
        }
    }
    None
}

/// The dependency paths of a `.d` or `.cmd` text.
fn dependency_words(text: &str) -> impl Iterator<Item = &str> {
    let section = match text.lines().position(|l| l.starts_with("deps_")) {
        Some(start) => {
            let rest = text.lines().skip(start);
            rest.take_while(|l| !l.trim().is_empty())
                .collect::<Vec<_>>()
        }
        None => (text.split_once(':')).map_or_else(Vec::new, |(_, deps)| deps.lines().collect()),
    };
    section
        .into_iter()
        .flat_map(str::split_whitespace)
        .filter(|w| {
            !w.contains('$') && !w.ends_with(')') && !w.ends_with(':') && *w != ":=" && *w != "\\"
        })
        .filter(|w| !w.starts_with("deps_") && !w.starts_with('-'))
}

/// Whether `path` is among the `changed` paths (absolute, normalized).
pub fn mentions_any(recorded: &[PathBuf], changed: &[&Path]) -> bool {
    recorded.iter().any(|p| changed.contains(&p.as_path()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kbuild_cmd_file_lists_its_deps_section() {
        let text = "cmd_a.o := gcc -c a.c\n\nsource_a.o := a.c\n\ndeps_a.o := \\\n  include/linux/kconfig.h \\\n    $(wildcard include/config/X) \\\n  include/linux/x.h \\\n\na.o: $(deps_a.o)\n";
        let words: Vec<&str> = dependency_words(text).collect();
        assert_eq!(words, vec!["include/linux/kconfig.h", "include/linux/x.h"]);
    }

    #[test]
    fn a_gcc_d_file_lists_what_follows_the_target() {
        let text = "a.o: a.c include/x.h \\\n include/y.h\n";
        let words: Vec<&str> = dependency_words(text).collect();
        assert_eq!(words, vec!["a.c", "include/x.h", "include/y.h"]);
    }
}
