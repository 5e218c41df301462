//! Where the database reads a file the first time it is asked for: the real file system, or a
//! map held in memory (tests, and callers that have the sources already).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use syntax::pp::LoadError;

/// A source of file texts. Only consulted on the first read of a path: from then on the
/// database's `SourceFile` input is the truth, and changes go through `Db::set_file_text`.
pub trait FileSystem: Send + Sync {
    /// The text of the file at `path`, or why there is none.
    fn read(&self, path: &Path) -> Result<String, LoadError>;
}

/// The operating system's file system.
#[derive(Debug, Default, Clone, Copy)]
pub struct RealFs;

impl FileSystem for RealFs {
    /// Read as gcc reads: a directory named like a header is missing, as the include search
    /// probes it and moves on; `/dev/null` is an empty file (see `read_source`).
    fn read(&self, path: &Path) -> Result<String, LoadError> {
        syntax::pp::read_source(path)
    }
}

/// Files held in memory, by path; any other path is missing.
#[derive(Debug, Default, Clone)]
pub struct MemoryFs {
    files: HashMap<PathBuf, String>,
}

impl MemoryFs {
    pub fn new(files: HashMap<PathBuf, String>) -> Self {
        Self { files }
    }
}

impl<P: Into<PathBuf>, S: Into<String>> FromIterator<(P, S)> for MemoryFs {
    fn from_iter<I: IntoIterator<Item = (P, S)>>(iter: I) -> Self {
        let files = iter
            .into_iter()
            .map(|(p, s)| (p.into(), s.into()))
            .collect();
        Self { files }
    }
}

impl FileSystem for MemoryFs {
    fn read(&self, path: &Path) -> Result<String, LoadError> {
        self.files.get(path).cloned().ok_or(LoadError::Missing)
    }
}
