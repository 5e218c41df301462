//! An item's tokens as the live patch emits them: in its form (a definition as its
//! prototype, a tag's specifier alone), the edits applied, the tokens edits drop left out;
//! items one macro invocation makes merged into one.

use rowan::TextRange;
use rustc_hash::FxHashSet;
use syntax::pp::provenance::{ExpansionId, FileId, InclusionId};
use syntax::syntax_kind::{SyntaxKind, SyntaxNode};

use super::Emitter;
use crate::livepatch::plan::ItemForm;

/// One token of an item as emitted.
#[derive(Debug, Clone)]
pub(super) struct OutToken {
    pub pp: usize,
    /// Its text when edited.
    pub text: Option<String>,
    /// Text to write before it.
    pub before: Option<String>,
    /// Text to write after it.
    pub after: Option<String>,
    /// Tokens were dropped before it: what precedes it is not copied along.
    pub gap: bool,
}

/// Where an item's tokens come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Segment {
    /// A header the live patch includes.
    Included(InclusionId),
    /// A file the live patch copies from.
    Copied(FileId),
}

/// The emitted items with their tokens; items that one macro invocation makes (the
/// kernel's `EXPORT_SYMBOL` makes several declarations) as one, the invocation written
/// once.
pub(super) fn merged_items(
    e: &Emitter<'_>,
) -> Vec<(SyntaxNode, Vec<OutToken>, FxHashSet<ExpansionId>)> {
    let mut merged: Vec<(SyntaxNode, Vec<OutToken>, FxHashSet<ExpansionId>)> = Vec::new();
    for (&item, &form) in &e.plan.items {
        let Some(node) = e.item_node(item) else {
            continue;
        };
        let (tokens, cut) = item_tokens(e, &node, form);
        let joins = merged.last().is_some_and(|(_, previous, _)| {
            let invocation = |t: Option<&OutToken>| {
                let token = e.pp.tokens.get(t?.pp)?;
                e.outermost(token.origin)
            };
            let last = invocation(previous.last());
            last.is_some() && last == invocation(tokens.first())
        });
        match merged.last_mut() {
            Some((_, previous, previous_cut)) if joins => {
                previous.extend(tokens);
                previous_cut.extend(cut);
            }
            _ => merged.push((node, tokens, cut)),
        }
    }
    merged
}

/// The item's tokens as emitted (its form and the edits applied), and the outermost
/// invocations some of whose tokens were dropped (which must be written out expanded).
pub(super) fn item_tokens(
    e: &Emitter<'_>,
    node: &SyntaxNode,
    form: ItemForm,
) -> (Vec<OutToken>, FxHashSet<ExpansionId>) {
    let mut cut = FxHashSet::default();
    let body = match form {
        ItemForm::Prototype => node
            .children()
            .find(|c| c.kind() == SyntaxKind::COMPOUND_STMT)
            .map(|b| b.text_range()),
        ItemForm::Whole | ItemForm::TagSpecifier { .. } => None,
    };
    let only = match form {
        ItemForm::TagSpecifier { offset } => tag_specifier(node, offset),
        _ => None,
    };
    let mut out: Vec<OutToken> = Vec::new();
    let mut gap = false;
    for token in node
        .descendants_with_tokens()
        .filter_map(|e| e.into_token())
    {
        if token.kind().is_trivia() {
            continue;
        }
        let range = token.text_range();
        let inside = |r: &TextRange| r.contains_range(range);
        if only.as_ref().is_some_and(|r| !r.contains_range(range)) {
            continue;
        }
        if body.as_ref().is_some_and(inside) || e.edits.dropped.iter().any(inside) {
            gap = true;
            let origin = e.pp_index(&token).and_then(|i| e.pp.tokens.get(i));
            if let Some(outermost) = origin.and_then(|t| e.outermost(t.origin)) {
                cut.insert(outermost);
            }
            continue;
        }
        let Some(pp) = e.pp_index(&token) else {
            continue;
        };
        let action = e.edits.action(u32::from(range.start()));
        out.push(OutToken {
            pp,
            text: action.and_then(|a| a.text.clone()),
            before: action.and_then(|a| a.before.clone()),
            after: None,
            gap,
        });
        gap = false;
    }
    if (body.is_some() || only.is_some())
        && let Some(last) = out.last_mut()
    {
        last.after = Some(";".to_owned());
    }
    (out, cut)
}

/// The item's tokens by where they come from: a header the live patch includes, or a
/// file it copies from. Most items have one source; one written across an `#include`
/// has several.
pub(super) fn segments(
    e: &Emitter<'_>,
    tokens: &[OutToken],
) -> Vec<(Segment, std::ops::Range<usize>)> {
    let mut segments: Vec<(Segment, std::ops::Range<usize>)> = Vec::new();
    for (index, token) in tokens.iter().enumerate() {
        let Some(pp_token) = e.pp.tokens.get(token.pp) else {
            continue;
        };
        let (file, _, _) = e.pp.provenance.outermost_expansion_point(pp_token.origin);
        let source = match e.coverage.covering(file) {
            Some(inclusion) => Segment::Included(inclusion),
            None => Segment::Copied(file),
        };
        match segments.last_mut() {
            Some((last, range)) if *last == source => range.end = index + 1,
            _ => segments.push((source, index..index + 1)),
        }
    }
    segments
}

/// The inclusion whose `#include` provides every token of an item, if any.
pub(super) fn covering_inclusion(e: &Emitter<'_>, tokens: &[OutToken]) -> Option<InclusionId> {
    let mut covering = None;
    for token in tokens {
        let origin = e.pp.tokens.get(token.pp)?.origin;
        let (file, _, _) = e.pp.provenance.outermost_expansion_point(origin);
        let inclusion = e.coverage.covering(file)?;
        if covering.is_some_and(|c| c != inclusion) {
            return None;
        }
        covering = Some(inclusion);
    }
    covering
}

/// The range of the struct, union or enum specifier whose tag is at `offset` of `node`.
fn tag_specifier(node: &SyntaxNode, offset: u32) -> Option<TextRange> {
    let start = u32::from(node.text_range().start()) + offset;
    let token = node.token_at_offset(start.into()).right_biased()?;
    let spec = token
        .parent_ancestors()
        .find(|n| matches!(n.kind(), SyntaxKind::STRUCT_SPEC | SyntaxKind::ENUM_SPEC))?;
    Some(spec.text_range())
}
