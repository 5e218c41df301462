//! From places in the syntax tree to places in the source, the way klp-ccp reports them.
//!
//! Semantic queries keep positions that survive edits elsewhere (offsets inside one top-level
//! item) or tree offsets; a diagnostic needs the preprocessor tokens behind them and their
//! origins. A token written in a file is reported where it stands; a token a macro expansion
//! made, at the whole outermost macro invocation (name to closing parenthesis).

use syntax::diagnostic::{Diagnostic, Extent, Severity};
use syntax::parse_tu::ParsedTu;
use syntax::pp::PreprocessedTu;
use syntax::pp::provenance::{OriginId, Provenance};
use syntax::syntax_kind::SyntaxNode;

/// Finds the preprocessor tokens behind tree offsets.
pub struct Locator<'a> {
    pp: &'a PreprocessedTu,
    parsed: &'a ParsedTu,
    root: SyntaxNode,
    /// The start of each child of the root, by item index.
    item_starts: Vec<u32>,
}

impl<'a> Locator<'a> {
    pub fn new(pp: &'a PreprocessedTu, parsed: &'a ParsedTu) -> Locator<'a> {
        let root = parsed.parse.syntax_node();
        let item_starts = root
            .children_with_tokens()
            .map(|e| u32::from(e.text_range().start()))
            .collect();
        Locator {
            pp,
            parsed,
            root,
            item_starts,
        }
    }

    /// The tree offset where top-level item `item` (an index among the root's children)
    /// starts.
    pub fn item_start(&self, item: u32) -> Option<u32> {
        self.item_starts.get(item as usize).copied()
    }

    /// The top-level item tree offset `offset` is in.
    pub fn item_at(&self, offset: u32) -> u32 {
        self.item_starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1) as u32
    }

    /// A diagnostic about the token starting at tree offset `start`, reported at its start.
    pub fn at_token(&self, severity: Severity, message: String, start: u32) -> Option<Diagnostic> {
        let index = self.parsed.token_index(start)?;
        let origin = self.origin(index)?;
        let (origin, extent) = match start_of(&self.pp.provenance, origin) {
            (origin, None) => (origin, Extent::Start),
            (origin, Some(invocation)) => (origin, invocation),
        };
        Some(diagnostic(severity, message, origin, extent))
    }

    /// A diagnostic about the code between tree offsets `start` and `end` (trivia at either
    /// end ignored), reported from its first to its last token.
    pub fn at_range(
        &self,
        severity: Severity,
        message: String,
        start: u32,
        end: u32,
    ) -> Option<Diagnostic> {
        let starts = &self.parsed.token_starts;
        let first = starts.partition_point(|&s| s < start);
        let last = starts.partition_point(|&s| s < end).checked_sub(1)?;
        let first = (first..=last).find(|&i| !self.parsed.is_trivia(i))?;
        let last = (first..=last).rev().find(|&i| !self.parsed.is_trivia(i))?;
        let (origin, _) = start_of(&self.pp.provenance, self.origin(first)?);
        let end = end_of(&self.pp.provenance, self.origin(last)?);
        // One source token (an identifier, an object-like macro's name) is reported at its
        // start, as klp-ccp always did.
        let extent = if end == origin {
            Extent::Start
        } else {
            Extent::Through(end)
        };
        Some(diagnostic(severity, message, origin, extent))
    }

    /// The text of the token starting at tree offset `start`.
    pub fn token_text(&self, start: u32) -> Option<String> {
        let token = self.root.token_at_offset(start.into()).right_biased()?;
        Some(token.text().to_owned())
    }

    fn origin(&self, token_index: usize) -> Option<OriginId> {
        let pp_token = self.pp.tokens.get(self.parsed.pp_token(token_index)?)?;
        Some(pp_token.origin)
    }
}

fn diagnostic(severity: Severity, message: String, origin: OriginId, extent: Extent) -> Diagnostic {
    Diagnostic {
        severity,
        message,
        origin: Some(origin),
        extent,
        inclusion: None,
    }
}

/// Where a report about a token starts: the token when it was written in a file; the
/// outermost macro invocation when an expansion made it, with the invocation's extent (name
/// to closing parenthesis).
fn start_of(provenance: &Provenance, origin: OriginId) -> (OriginId, Option<Extent>) {
    let Some(expansion) = provenance.outermost_expansion(origin) else {
        return (origin, None);
    };
    let expansion = provenance.expansion(expansion);
    match expansion.close {
        Some(close) => (expansion.name, Some(Extent::Through(close))),
        None => (expansion.name, Some(Extent::Token)),
    }
}

/// The last source token of a report ending at a token.
fn end_of(provenance: &Provenance, origin: OriginId) -> OriginId {
    let Some(expansion) = provenance.outermost_expansion(origin) else {
        return origin;
    };
    let expansion = provenance.expansion(expansion);
    expansion.close.unwrap_or(expansion.name)
}
