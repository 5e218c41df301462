//! What watch mode watches, and what a change notice for a path means: a file the TU read
//! (its source, a header, a path searched for a header and not found), a list of patched
//! functions (`--patched-functions=@FILE`), a policy command, or the policy file and its
//! data.
//!
//! Directories are watched, not files: an editor saving a file often writes a new file and
//! renames it over the old one, which a watch on the old file would not see. A path is
//! known by its directory's canonical path and its file name, which is how the watcher
//! names what changed in a watched directory.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

use queries::livepatch::QuestionKind;

/// What a changed path is to the live patch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Watched {
    /// A path the TU read (as the database knows it).
    Source(PathBuf),
    /// An `@FILE` of `--patched-functions`.
    PatchedList,
    /// The policy file (`--policy`) or a data file of it (`--symbols`), as given.
    PolicyFile(PathBuf),
    /// The policy command answering this kind of question, at this path (absolute).
    Command(QuestionKind, PathBuf),
}

/// The watched paths, by the name the watcher gives them.
#[derive(Debug, Default)]
pub struct WatchedPaths {
    by_key: HashMap<PathBuf, Vec<Watched>>,
    /// The directories to watch (canonical).
    pub directories: BTreeSet<PathBuf>,
    /// The database's paths added so far.
    sources: HashSet<PathBuf>,
}

impl WatchedPaths {
    /// Adds `path` (relative to `cwd`) as `what`; a path whose directory does not exist is
    /// left out (nothing there can change without the directory being made first, and the
    /// TU is not read again until something else changes).
    pub fn add(&mut self, cwd: &Path, path: &Path, what: Watched) {
        let absolute = cwd.join(path);
        let mut keys = Vec::new();
        if let Some(key) = key(&absolute) {
            keys.push(key);
        }
        // A symlink (a policy command linked from elsewhere) changes when its target does.
        if let Ok(target) = std::fs::canonicalize(&absolute)
            && !keys.contains(&target)
        {
            keys.push(target);
        }
        for key in keys {
            if let Some(directory) = key.parent() {
                self.directories.insert(directory.to_owned());
            }
            let entry = self.by_key.entry(key).or_default();
            if !entry.contains(&what) {
                entry.push(what.clone());
            }
        }
    }

    /// Whether the database's path `path` is not watched yet (it is from now on).
    pub fn is_new_source(&mut self, path: &Path) -> bool {
        self.sources.insert(path.to_owned())
    }

    /// What the changed path `path` (as the watcher names it) is, if watched.
    pub fn lookup(&self, path: &Path) -> &[Watched] {
        self.by_key.get(path).map_or(&[], Vec::as_slice)
    }
}

/// The canonical directory of `path` joined with its file name.
fn key(path: &Path) -> Option<PathBuf> {
    let directory = std::fs::canonicalize(path.parent()?).ok()?;
    Some(directory.join(path.file_name()?))
}
