//! The salsa query over types, at the grain of a TU: parsing is per TU, so is this; its
//! result compares equal when an edit changed nothing at file scope (function bodies are not
//! walked), and whoever depends on it keeps their memos.

use std::sync::Arc;

use super::error::TypeResult;
use super::file_scope::{Evaluation, FileTypes};
use super::target::TargetInfo;
use crate::db::SourceDb;
use crate::inputs::Tu;
use crate::locate::Locator;
use crate::parsing::parse;
use crate::preprocessing::preprocess;
use syntax::diagnostic::Diagnostic;

/// The types and layouts of the TU's file scope.
#[salsa::tracked(returns(clone))]
pub fn file_types(db: &dyn SourceDb, tu: Tu) -> Arc<FileTypes> {
    let parsed = parse(db, tu);
    let target = TargetInfo::from_config(tu.config(db));
    Arc::new(FileTypes::new(&parsed.parse.syntax_node(), target))
}

/// A constant expression given as text, evaluated at the end of the TU's file scope.
pub fn evaluate_in_tu(db: &dyn SourceDb, tu: Tu, text: &str) -> TypeResult<Evaluation> {
    file_types(db, tu).evaluate(text)
}

/// klp-ccp's diagnostics about the TU's types and constants, in the order found. Meant for a
/// TU that parsed without errors.
pub fn type_diagnostics(db: &dyn SourceDb, tu: Tu) -> Vec<Diagnostic> {
    let types = file_types(db, tu);
    if types.diagnostics.is_empty() {
        return Vec::new();
    }
    let pp = preprocess(db, tu);
    let parsed = parse(db, tu);
    let locator = Locator::new(&pp, &parsed);
    types
        .diagnostics
        .iter()
        .filter_map(|d| locator.at_range(d.severity, d.message.clone(), d.span.start, d.span.end))
        .collect()
}
