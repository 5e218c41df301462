//! Errors of a policy file and its data, located where the user can fix them: a key or value
//! of the policy file (`FILE:LINE:COLUMN`, from the TOML parser's byte spans), or a line of a
//! symbol file.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// A place in a text file, 1-based.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub file: PathBuf,
    pub line: usize,
    /// In characters, not bytes, as editors count.
    pub column: usize,
}

impl Location {
    /// Where byte `offset` of `text` (the contents of `file`) is.
    pub fn at(file: &Path, text: &str, offset: usize) -> Location {
        let before = text.get(..offset).unwrap_or(text);
        let line_start = before.rfind('\n').map_or(0, |newline| newline + 1);
        Location {
            file: file.to_owned(),
            line: before.matches('\n').count() + 1,
            column: before[line_start..].chars().count() + 1,
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file.display(), self.line, self.column)
    }
}

/// Why a policy file cannot be used. Each message says where and what.
#[derive(Debug, thiserror::Error)]
pub enum PolicyFileError {
    #[error("cannot read the policy file {}: {source}", .path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    /// A key, a value or a pattern of the policy file.
    #[error("{at}: {message}")]
    Invalid { at: Location, message: String },
    /// A symbol file named by `--symbols`.
    #[error("--symbols: {error}")]
    CommandLineData { error: super::sources::DataError },
    /// A data file named in the policy file: located at its name there.
    #[error("{at}: {error}")]
    FileData {
        at: Location,
        error: super::sources::DataError,
    },
}

/// The policy file's text, to locate its spans.
#[derive(Clone, Copy)]
pub struct Source<'a> {
    pub path: &'a Path,
    pub text: &'a str,
}

impl Source<'_> {
    pub fn location(&self, span: &Range<usize>) -> Location {
        Location::at(self.path, self.text, span.start)
    }

    /// An error at `span` of the policy file.
    pub fn invalid(&self, span: &Range<usize>, message: impl Into<String>) -> PolicyFileError {
        PolicyFileError::Invalid {
            at: self.location(span),
            message: message.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Location;
    use std::path::Path;

    #[test]
    fn lines_and_columns_count_from_one_in_characters() {
        let text = "a = 1\nbé = 2\n";
        let at = |offset| Location::at(Path::new("p.toml"), text, offset).to_string();
        assert_eq!(at(0), "p.toml:1:1");
        assert_eq!(at(6), "p.toml:2:1");
        // `=` after a two-byte character
        assert_eq!(at(10), "p.toml:2:4");
        assert_eq!(at(99), "p.toml:3:1");
    }
}
