//! Diagnostics as values: a severity, a message and where it applies. Rendering (miette, or one
//! line each) is the binary's business; the location is resolved through the provenance.

use crate::pp::provenance::{InclusionId, OriginId};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Warning,
    Error,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub message: String,
    /// The token the diagnostic is about; `None` for the TU as a whole.
    pub origin: Option<OriginId>,
    /// The inclusion that was being read, for the "included from" stack.
    pub inclusion: Option<InclusionId>,
}

impl Diagnostic {
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}
