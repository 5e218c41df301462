//! A lexed file's tokens, kept compactly.

use super::{Token, TokenKind};

/// A file's tokens, trivia included. They cover the text without gaps (every byte is in a
/// token, `Other` for a stray one), so a token ends where the next starts: each is kept as
/// its start and kind (5 bytes instead of a `Token`'s 12; a large TU's main file has tens of
/// millions, kept as long as the database).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TokenList {
    starts: Vec<u32>,
    kinds: Vec<TokenKind>,
    /// Where the last token ends.
    end: u32,
}

impl TokenList {
    pub(super) fn with_capacity(capacity: usize) -> TokenList {
        TokenList {
            starts: Vec::with_capacity(capacity),
            kinds: Vec::with_capacity(capacity),
            end: 0,
        }
    }

    /// Appends the token `start..end`, which must start where the last one ends.
    pub(super) fn push(&mut self, kind: TokenKind, start: u32, end: u32) {
        debug_assert_eq!(start, self.end, "tokens cover the text without gaps");
        self.starts.push(start);
        self.kinds.push(kind);
        self.end = end;
    }

    pub(super) fn shrink_to_fit(&mut self) {
        self.starts.shrink_to_fit();
        self.kinds.shrink_to_fit();
    }

    pub fn len(&self) -> usize {
        self.kinds.len()
    }

    pub fn is_empty(&self) -> bool {
        self.kinds.is_empty()
    }

    /// Token `index`, if there is one.
    pub fn get(&self, index: usize) -> Option<Token> {
        let kind = *self.kinds.get(index)?;
        let start = self.starts[index];
        let end = self.starts.get(index + 1).copied().unwrap_or(self.end);
        Some(Token { kind, start, end })
    }

    /// Token `index`; past the end, an empty token there (callers index tokens they know).
    pub fn at(&self, index: usize) -> Token {
        self.get(index).unwrap_or(Token {
            kind: TokenKind::Whitespace,
            start: self.end,
            end: self.end,
        })
    }

    /// The tokens from `index` on.
    pub fn iter_from(&self, index: usize) -> impl Iterator<Item = Token> + '_ {
        (index..self.len()).filter_map(|i| self.get(i))
    }

    pub fn iter(&self) -> impl Iterator<Item = Token> + '_ {
        self.iter_from(0)
    }
}
