//! klp-ccp's name-resolution diagnostics: `identifier "x" not declared`, at the identifier,
//! or at the whole macro invocation that produced it (klp-ccp locates macro-made tokens so);
//! and gcc's `redefinition of 'x'`, at the second definition's name.
//!
//! Resolutions store item-relative positions (so that they survive edits elsewhere); here they
//! become tree tokens, then preprocessor tokens and their origins.

use std::sync::Arc;

use syntax::diagnostic::{Diagnostic, Severity};

use super::queries::{body_resolution, file_resolution, file_scope, functions_by_item};
use super::symbols::{Anchor, ConflictKind, ItemId};
use crate::db::SourceDb;
use crate::inputs::Tu;
use crate::locate::Locator;
use crate::parsing::parse;
use crate::preprocessing::preprocess;

/// What is found at a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Finding {
    Undeclared,
    /// A second definition of an object or function (gcc's error).
    Redefinition,
}

/// The name-resolution diagnostics of a TU, in source order. Meant for a TU that parsed
/// without errors.
pub fn sema_diagnostics(db: &dyn SourceDb, tu: Tu) -> Vec<Diagnostic> {
    located(db, tu, &undeclared_uses(db, tu))
}

/// `sema_diagnostics` with the bodies of only the function definitions `body_wanted` picks
/// (by item): a live patch resolves the bodies it copies, not the TU's thousands of others.
pub fn sema_diagnostics_of(
    db: &dyn SourceDb,
    tu: Tu,
    body_wanted: &dyn Fn(ItemId) -> bool,
) -> Vec<Diagnostic> {
    located(db, tu, &undeclared_in(db, tu, body_wanted))
}

/// The diagnostics of the uses `undeclared` and of the file scope's redefinitions.
fn located(db: &dyn SourceDb, tu: Tu, undeclared: &[Anchor]) -> Vec<Diagnostic> {
    let mut found: Vec<(Anchor, Finding)> = (undeclared.iter())
        .map(|&at| (at, Finding::Undeclared))
        .collect();
    let scope = file_scope(db, tu);
    found.extend(
        (scope.conflicts.iter())
            .filter(|c| c.kind == ConflictKind::Redefinition)
            .map(|c| (c.at, Finding::Redefinition)),
    );
    if found.is_empty() {
        return Vec::new();
    }
    found.sort();
    let pp = preprocess(db, tu);
    let parsed = parse(db, tu);
    let locator = Locator::new(&pp, &parsed);
    found
        .iter()
        .filter_map(|&(at, finding)| {
            let start = locator.item_start(at.item.0)? + at.offset;
            let name = locator.token_text(start)?;
            let (severity, message) = match finding {
                Finding::Undeclared => (
                    Severity::Warning,
                    format!("identifier \"{name}\" not declared"),
                ),
                Finding::Redefinition => (Severity::Error, format!("redefinition of '{name}'")),
            };
            locator.at_token(severity, message, start)
        })
        .collect()
}

/// Where the TU uses identifiers that nothing declares, in source order. A query, so that
/// the per-body queries it runs nest under it (and so that an unchanged result stops
/// salsa's re-evaluation here).
#[salsa::tracked(returns(clone))]
pub fn undeclared_uses(db: &dyn SourceDb, tu: Tu) -> Arc<Vec<Anchor>> {
    Arc::new(undeclared_in(db, tu, &|_| true))
}

/// The uses of undeclared identifiers outside function bodies and in the bodies
/// `body_wanted` picks (by item), in source order.
fn undeclared_in(db: &dyn SourceDb, tu: Tu, body_wanted: &dyn Fn(ItemId) -> bool) -> Vec<Anchor> {
    let mut undeclared: Vec<Anchor> = file_resolution(db, tu).undeclared().map(|u| u.at).collect();
    for (_, function) in functions_by_item(db, tu)
        .into_iter()
        .filter(|&(item, _)| body_wanted(item))
    {
        undeclared.extend(body_resolution(db, function).undeclared().map(|u| u.at));
    }
    undeclared.sort();
    undeclared
}
