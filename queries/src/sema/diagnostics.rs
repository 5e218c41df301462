//! klp-ccp's name-resolution diagnostics: `identifier "x" not declared`, at the identifier,
//! or at the whole macro invocation that produced it (klp-ccp locates macro-made tokens so).
//!
//! Resolutions store item-relative positions (so that they survive edits elsewhere); here they
//! become tree tokens, then preprocessor tokens and their origins.

use std::sync::Arc;

use syntax::diagnostic::{Diagnostic, Extent, Severity};
use syntax::parse_tu::ParsedTu;
use syntax::pp::PreprocessedTu;
use syntax::pp::provenance::{ExpansionId, Origin, OriginId, Provenance};
use syntax::syntax_kind::SyntaxNode;

use super::queries::{body_resolution, file_resolution, functions};
use super::symbols::Anchor;
use crate::db::SourceDb;
use crate::inputs::Tu;
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
    let locator = Locator::new(&parsed);
    undeclared
        .iter()
        .filter_map(|&at| locator.not_declared(&pp, &parsed, at))
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

/// Finds the tokens that item-relative positions denote.
struct Locator {
    root: SyntaxNode,
    /// The start of each child of the root, by `ItemId`.
    item_starts: Vec<u32>,
    /// The start of each token of the tree (trivia included), in order: a token's index here
    /// is its index in the parser's input.
    token_starts: Vec<u32>,
}

impl Locator {
    fn new(parsed: &ParsedTu) -> Locator {
        let root = parsed.parse.syntax_node();
        let item_starts = root
            .children_with_tokens()
            .map(|e| u32::from(e.text_range().start()))
            .collect();
        let token_starts = root
            .descendants_with_tokens()
            .filter_map(|e| e.into_token())
            .map(|t| u32::from(t.text_range().start()))
            .collect();
        Locator {
            root,
            item_starts,
            token_starts,
        }
    }

    fn not_declared(
        &self,
        pp: &PreprocessedTu,
        parsed: &ParsedTu,
        at: Anchor,
    ) -> Option<Diagnostic> {
        let start = self.item_starts.get(at.item.0 as usize)? + at.offset;
        let token = self.root.token_at_offset(start.into()).right_biased()?;
        let index = self.token_starts.binary_search(&start).ok()?;
        let pp_token = pp.tokens.get(parsed.pp_token(index)?)?;
        let (origin, extent) = location(&pp.provenance, pp_token.origin);
        Some(Diagnostic {
            severity: Severity::Warning,
            message: format!("identifier \"{}\" not declared", token.text()),
            origin: Some(origin),
            extent,
            inclusion: None,
        })
    }
}

/// Where klp-ccp reports a token: its start when it was written in a file; the outermost macro
/// invocation (name to closing parenthesis) when an expansion made it.
fn location(provenance: &Provenance, origin: OriginId) -> (OriginId, Extent) {
    let Some(expansion) = outermost_expansion(provenance, origin) else {
        return (origin, Extent::Start);
    };
    let expansion = provenance.expansion(expansion);
    match expansion.close {
        Some(close) => (expansion.name, Extent::Through(close)),
        None => (expansion.name, Extent::Token),
    }
}

fn outermost_expansion(provenance: &Provenance, mut id: OriginId) -> Option<ExpansionId> {
    let mut outermost = None;
    loop {
        let expansion = match provenance.origin(id) {
            Origin::Source { .. } => return outermost,
            Origin::MacroBody { expansion, .. }
            | Origin::MacroArg { expansion, .. }
            | Origin::Stringified { expansion, .. }
            | Origin::Pasted { expansion, .. }
            | Origin::Builtin { expansion } => expansion,
        };
        outermost = Some(expansion);
        id = provenance.expansion(expansion).name;
    }
}
