//! The database's inputs: the source files, and the translation units to preprocess.

use std::path::PathBuf;
use std::sync::Arc;

use syntax::pp::{LoadError, PpConfig};

/// One path the preprocessor asked for. Created on first read (see `SourceDb::file`), also for
/// paths that do not exist, so that a file that appears later invalidates whoever probed it.
#[salsa::input]
pub struct SourceFile {
    /// The path as the preprocessor spelled it (not canonicalized).
    #[returns(ref)]
    pub path: PathBuf,
    /// The text, or why there is none (the file is missing, or cannot be read).
    pub text: Result<Arc<str>, LoadError>,
}

/// One translation unit: how its compiler invocation preprocesses it.
#[salsa::input]
pub struct Tu {
    #[returns(ref)]
    pub config: PpConfig,
}
