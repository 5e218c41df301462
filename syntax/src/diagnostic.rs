//! Diagnostics as values: a severity, a message and where it applies. Rendering (miette, or one
//! line each) is the binary's business; the location is resolved through the provenance.

use crate::pp::PreprocessedTu;
use crate::pp::provenance::{FileId, InclusionId, OriginId};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Warning,
    Error,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub message: String,
    /// The token the diagnostic is about (the first one of a span); `None` for the TU as a
    /// whole.
    pub origin: Option<OriginId>,
    /// How much of the source the diagnostic covers, from `origin`.
    pub extent: Extent,
    /// The inclusion that was being read, for the "included from" stack.
    pub inclusion: Option<InclusionId>,
}

/// The part of the source a diagnostic covers, starting at its origin token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Extent {
    /// The origin token.
    #[default]
    Token,
    /// Only the position where the origin token starts (`line 3, column 4`).
    Start,
    /// From the origin token's start to the end of this last token (an expression, a
    /// declaration).
    Through(OriginId),
}

impl Diagnostic {
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// A diagnostic's place in a file: 1-based lines, 0-based byte columns, end exclusive.
pub struct Place {
    pub file: FileId,
    pub start: (u32, u32),
    pub end: (u32, u32),
    /// The byte range in the file.
    pub range: (u32, u32),
}

impl Place {
    /// The place of a diagnostic: where the user wrote the tokens (macro-made ones at their
    /// invocation); a span whose ends lie in different files is cut to its first token.
    pub fn spanning(tu: &PreprocessedTu, origin: OriginId, extent: Extent) -> Place {
        let (file, start, token_end) = tu.provenance.expansion_point(origin);
        let end = match extent {
            Extent::Token => token_end,
            Extent::Start => start,
            Extent::Through(last) => match tu.provenance.expansion_point(last) {
                (last_file, _, last_end) if last_file == file && last_end >= start => last_end,
                _ => token_end,
            },
        };
        let lexed = &tu.files[file.0 as usize];
        Place {
            file,
            start: lexed.line_col(start),
            end: lexed.line_col(end.max(start)),
            range: (start, end.max(start)),
        }
    }

    /// `line 3, column 4`, `line 3, columns 4-9` or `line 3, column 4 to line 5, column 1`.
    pub fn short(&self) -> String {
        let ((l1, c1), (l2, c2)) = (self.start, self.end);
        if l1 != l2 {
            format!("line {l1}, column {c1} to line {l2}, column {c2}")
        } else if c2 <= c1 + 1 {
            format!("line {l1}, column {c1}")
        } else {
            format!("line {l1}, columns {c1}-{c2}")
        }
    }
}

/// `warning` or `error`, as diagnostics begin.
pub fn severity_word(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// A diagnostic as `--message-format=short` prints it:
/// `warning: FILE: line L, column C: MESSAGE`.
pub fn short_line(tu: &PreprocessedTu, d: &Diagnostic) -> String {
    let word = severity_word(d.severity);
    match d.origin {
        Some(origin) => {
            let place = Place::spanning(tu, origin, d.extent);
            let path = tu.provenance.file(place.file).path.display();
            format!("{word}: {path}: {}: {}", place.short(), d.message)
        }
        None => format!("{word}: {}", d.message),
    }
}
