//! klp-ccp's name-resolution diagnostics: `identifier "x" not declared`, at the identifier,
//! or at the whole macro invocation that produced it (klp-ccp locates macro-made tokens so).
//!
//! Resolutions store item-relative positions (so that they survive edits elsewhere); here they
//! become tree tokens, then preprocessor tokens and their origins.

use std::sync::Arc;

use syntax::diagnostic::{Diagnostic, Severity};

use super::queries::{body_resolution, file_resolution, functions};
use super::symbols::Anchor;
use crate::db::SourceDb;
use crate::inputs::Tu;
use crate::locate::Locator;
use crate::parsing::parse;
use crate::preprocessing::preprocess;

/// The name-resolution diagnostics of a TU, in source order. Meant for a TU that parsed
/// without errors.
pub fn sema_diagnostics(db: &dyn SourceDb, tu: Tu) -> Vec<Diagnostic> {
    let undeclared = undeclared_uses(db, tu);
    if undeclared.is_empty() {
        return Vec::new();
    }
    let pp = preprocess(db, tu);
    let parsed = parse(db, tu);
    let locator = Locator::new(&pp, &parsed);
    undeclared
        .iter()
        .filter_map(|&at| {
            let start = locator.item_start(at.item.0)? + at.offset;
            let name = locator.token_text(start)?;
            let message = format!("identifier \"{name}\" not declared");
            locator.at_token(Severity::Warning, message, start)
        })
        .collect()
}

/// Where the TU uses identifiers that nothing declares, in source order. A query, so that
/// the per-body queries it runs nest under it (and so that an unchanged result stops
/// salsa's re-evaluation here).
#[salsa::tracked(returns(clone))]
pub fn undeclared_uses(db: &dyn SourceDb, tu: Tu) -> Arc<Vec<Anchor>> {
    let mut undeclared: Vec<Anchor> = file_resolution(db, tu).undeclared().map(|u| u.at).collect();
    for function in functions(db, tu) {
        undeclared.extend(body_resolution(db, function).undeclared().map(|u| u.at));
    }
    undeclared.sort();
    Arc::new(undeclared)
}
