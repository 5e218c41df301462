//! The parser's view of the token stream: the significant tokens only, each remembering its
//! index in the full stream (trivia included), so that errors and the tree builder can refer back.
//!
//! `#pragma` lines are kept apart: gcc ignores the pragmas it does not know wherever they stand,
//! so the parser sees them only where it asks for them (between declarations and statements),
//! and elsewhere they go into the tree as tokens of the node they stand in.

use crate::syntax_kind::SyntaxKind;

pub(crate) struct Input<'t> {
    tokens: &'t [(SyntaxKind, &'t str)],
    /// The kinds of the significant tokens, dense, for cheap lookahead.
    kinds: Vec<SyntaxKind>,
    /// For each significant token, its index in `tokens`.
    raw: Vec<u32>,
    /// The pragmas, in order: the significant token each precedes.
    pragmas: Vec<u32>,
}

impl<'t> Input<'t> {
    pub(crate) fn new(tokens: &'t [(SyntaxKind, &'t str)]) -> Input<'t> {
        let significant = tokens.iter().filter(|(kind, _)| !kind.is_trivia()).count();
        let mut kinds = Vec::with_capacity(significant);
        let mut raw = Vec::with_capacity(significant);
        let mut pragmas = Vec::new();
        for (index, &(kind, _)) in tokens.iter().enumerate() {
            if kind == SyntaxKind::PRAGMA {
                pragmas.push(kinds.len() as u32);
            } else if !kind.is_trivia() {
                kinds.push(kind);
                raw.push(index as u32);
            }
        }
        Input {
            tokens,
            kinds,
            raw,
            pragmas,
        }
    }

    /// The number of significant tokens.
    pub(crate) fn len(&self) -> usize {
        self.kinds.len()
    }

    /// The kind of significant token `i`, `EOF` past the end.
    pub(crate) fn kind(&self, i: usize) -> SyntaxKind {
        self.kinds.get(i).copied().unwrap_or(SyntaxKind::EOF)
    }

    /// The spelling of significant token `i`, empty past the end.
    pub(crate) fn text(&self, i: usize) -> &'t str {
        self.raw
            .get(i)
            .and_then(|&r| self.tokens.get(r as usize))
            .map_or("", |&(_, text)| text)
    }

    /// The index in the full token stream of significant token `i`; the stream's length (end of
    /// input) past the end.
    pub(crate) fn raw_index(&self, i: usize) -> usize {
        self.raw.get(i).map_or(self.tokens.len(), |&r| r as usize)
    }

    /// The significant token that pragma `i` precedes, if there is such a pragma.
    pub(crate) fn pragma_before(&self, i: usize) -> Option<usize> {
        self.pragmas.get(i).map(|&before| before as usize)
    }

    pub(crate) fn raw_tokens(&self) -> &'t [(SyntaxKind, &'t str)] {
        self.tokens
    }
}
