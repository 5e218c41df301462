//! The source tree as the databases read it: the files on disk, and the same tree with the
//! patches applied in memory (the tree itself is never written). Both views share one cache
//! of what was read from disk, so that a header is read once per run, whatever the number
//! of TUs and views reading it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use queries::FileSystem;
use rustc_hash::FxHashMap;
use syntax::pp::LoadError;

use super::apply::{HunkError, apply};
use super::patch::FilePatch;
use crate::compile_commands::normalized;

/// A file the patches change.
#[derive(Debug, Clone)]
pub struct ChangedFile {
    /// Its path relative to the tree, as the patch names it.
    pub relative: PathBuf,
    /// Its text after the patches (`None`: deleted).
    pub text: Option<Arc<str>>,
    /// The lines of the patched file where the patches added lines or removed some (1-based,
    /// sorted): a definition that covers one was edited itself.
    pub touched_lines: Vec<usize>,
}

/// The patched tree: the changed files by absolute path (symlinks resolved).
#[derive(Debug, Default)]
pub struct Overlay {
    pub files: BTreeMap<PathBuf, ChangedFile>,
}

/// Why the patches cannot be applied; the message names the patch and the file.
#[derive(Debug, thiserror::Error)]
pub enum ApplyError {
    #[error("{patch}: {file}: {error}")]
    Hunk {
        patch: String,
        file: String,
        error: HunkError,
    },
    #[error("{patch}: {file}: {reason}")]
    File {
        patch: String,
        file: String,
        reason: String,
    },
}

impl Overlay {
    /// The tree `root` with the file changes of `patches` (each named, in order) applied.
    pub fn apply(root: &Path, patches: &[(String, Vec<FilePatch>)]) -> Result<Overlay, ApplyError> {
        let mut overlay = Overlay::default();
        for (name, files) in patches {
            for file in files {
                overlay.apply_file(root, name, file)?;
            }
        }
        Ok(overlay)
    }

    fn apply_file(&mut self, root: &Path, patch: &str, file: &FilePatch) -> Result<(), ApplyError> {
        let relative = file.path().to_owned();
        let shown = relative.display().to_string();
        let fail = |reason: String| ApplyError::File {
            patch: patch.to_owned(),
            file: shown.clone(),
            reason,
        };
        let key = canonical(&root.join(&relative));
        let before: Vec<u8> = match (self.files.get(&key), &file.old) {
            (_, None) => Vec::new(),
            (Some(changed), Some(_)) => match &changed.text {
                Some(text) => syntax::text::encode(text).into_owned(),
                None => return Err(fail("an earlier patch deleted it".into())),
            },
            (None, Some(_)) => std::fs::read(&key).map_err(|e| {
                fail(format!(
                    "cannot read {}: {e} (the tree is {}: --tree sets it)",
                    key.display(),
                    root.display()
                ))
            })?,
        };
        if file.old.is_none()
            && (self.files.get(&key).is_some_and(|c| c.text.is_some())
                || (!self.files.contains_key(&key) && key.exists()))
        {
            return Err(fail("the patch creates it, but it exists".into()));
        }
        let after = apply(&before, &file.hunks).map_err(|error| ApplyError::Hunk {
            patch: patch.to_owned(),
            file: shown.clone(),
            error,
        })?;
        let text = file
            .new
            .as_ref()
            .map(|_| Arc::from(syntax::text::decode(after)));
        let mut touched: Vec<usize> = (file.hunks.iter())
            .flat_map(|h| h.added_lines().into_iter().chain(h.removal_points()))
            .collect();
        if let Some(earlier) = self.files.get(&key) {
            touched.extend(&earlier.touched_lines);
        }
        touched.sort_unstable();
        touched.dedup();
        let changed = ChangedFile {
            relative,
            text,
            touched_lines: touched,
        };
        self.files.insert(key, changed);
        Ok(())
    }

    /// The change of the file that a TU compiled in `directory` names `path` (relative to
    /// the directory, or absolute), if the patches change it.
    pub fn changed_from(&self, directory: &Path, path: &Path) -> Option<&ChangedFile> {
        self.changed(&normalized(&directory.join(path)))
    }

    /// The change of the file at `path` (absolute), if the patches change it.
    pub fn changed(&self, path: &Path) -> Option<&ChangedFile> {
        // Resolving symlinks costs system calls: only for a name the patches change.
        let name = path.file_name()?;
        if !self.files.keys().any(|key| key.file_name() == Some(name)) {
            return None;
        }
        self.files.get(&canonical(path))
    }
}

/// `path` with symlinks resolved as far as it exists (a new file's folder), textually
/// normalized beyond.
pub fn canonical(path: &Path) -> PathBuf {
    if let Ok(real) = std::fs::canonicalize(path) {
        return real;
    }
    match (path.parent(), path.file_name()) {
        (Some(parent), Some(name)) if !parent.as_os_str().is_empty() => {
            canonical(parent).join(name)
        }
        _ => normalized(path),
    }
}

/// What was read from disk, by absolute path: shared by every database of a run.
#[derive(Default)]
pub struct ReadCache {
    texts: Mutex<FxHashMap<PathBuf, Result<String, LoadError>>>,
}

impl ReadCache {
    fn read(&self, path: &Path) -> Result<String, LoadError> {
        let lock = || self.texts.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(read) = lock().get(path) {
            return read.clone();
        }
        let read = syntax::pp::read_source(path);
        lock().insert(path.to_owned(), read.clone());
        read
    }
}

/// A database's view of the tree from the directory a TU was compiled in: relative paths
/// start there, and the patched view sees the overlay's files instead of the disk's.
#[derive(Clone)]
pub struct TreeFs {
    pub directory: PathBuf,
    pub overlay: Option<Arc<Overlay>>,
    pub cache: Arc<ReadCache>,
}

impl FileSystem for TreeFs {
    fn read(&self, path: &Path) -> Result<String, LoadError> {
        let overlay = self.overlay.as_ref();
        if let Some(changed) = overlay.and_then(|o| o.changed_from(&self.directory, path)) {
            return changed
                .text
                .as_deref()
                .map(str::to_owned)
                .ok_or(LoadError::Missing);
        }
        self.cache.read(&normalized(&self.directory.join(path)))
    }
}
