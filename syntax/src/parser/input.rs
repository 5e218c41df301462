//! The parser's view of the token stream: the significant tokens only, each remembering its
//! index in the full stream (trivia included), so that errors and the tree builder can refer back.
//!
//! `#pragma` lines are kept apart: gcc ignores the pragmas it does not know wherever they stand,
//! so the parser sees them only where it asks for them (between declarations and statements),
//! and elsewhere they go into the tree as tokens of the node they stand in.

use crate::syntax_kind::SyntaxKind;

/// The tokens the parser reads, trivia included, in order: a kind and a spelling each. A
/// preprocessed TU gives them from its own tables (`parse_tu`), so that a large TU does not
/// also hold a list of (kind, spelling) pairs while it is parsed; a lexed text gives a list.
pub trait Tokens {
    fn len(&self) -> usize;

    fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The kind of token `i` (`i < len()`).
    fn kind(&self, i: usize) -> SyntaxKind;

    /// The spelling of token `i` (`i < len()`).
    fn text(&self, i: usize) -> &str;
}

impl Tokens for Vec<(SyntaxKind, &str)> {
    fn len(&self) -> usize {
        self.as_slice().len()
    }

    fn kind(&self, i: usize) -> SyntaxKind {
        self.get(i).map_or(SyntaxKind::EOF, |&(kind, _)| kind)
    }

    fn text(&self, i: usize) -> &str {
        self.get(i).map_or("", |&(_, text)| text)
    }
}

/// The tokens of another list from `start` on (a parse resuming after kept items).
pub(crate) struct Tail<'t> {
    pub(crate) tokens: &'t (dyn Tokens + Sync),
    pub(crate) start: usize,
}

impl Tokens for Tail<'_> {
    fn len(&self) -> usize {
        self.tokens.len().saturating_sub(self.start)
    }

    fn kind(&self, i: usize) -> SyntaxKind {
        self.tokens.kind(self.start + i)
    }

    fn text(&self, i: usize) -> &str {
        self.tokens.text(self.start + i)
    }
}

pub(crate) struct Input<'t> {
    tokens: &'t dyn Tokens,
    /// The kinds of the significant tokens, dense, for cheap lookahead.
    kinds: Vec<SyntaxKind>,
    /// For each significant token, its index in `tokens`.
    raw: Vec<u32>,
    /// The pragmas, in order: the significant token each precedes.
    pragmas: Vec<u32>,
}

impl<'t> Input<'t> {
    pub(crate) fn new(tokens: &'t dyn Tokens) -> Input<'t> {
        let all = (0..tokens.len()).map(|i| tokens.kind(i));
        let significant = all.clone().filter(|kind| !kind.is_trivia()).count();
        let mut kinds = Vec::with_capacity(significant);
        let mut raw = Vec::with_capacity(significant);
        let mut pragmas = Vec::new();
        for (index, kind) in all.enumerate() {
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
            .filter(|&&r| (r as usize) < self.tokens.len())
            .map_or("", |&r| self.tokens.text(r as usize))
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
}
