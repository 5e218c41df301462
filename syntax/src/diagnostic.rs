//! Diagnostics as values: a severity, a message and where it applies. Rendering (miette, or one
//! line each) is the binary's business; the location is resolved through the provenance.

use crate::pp::provenance::{InclusionId, OriginId};

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
