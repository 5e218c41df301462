//! Parsing a preprocessed TU: its tokens become the parser's input, with the whitespace that
//! `pp::render` puts between them as trivia (so the tree's text is the preprocessed text) and
//! each `#pragma` line as one PRAGMA token; the tree's tokens map back to the preprocessor's,
//! and through their provenance to the source.

use crate::diagnostic::{Diagnostic, Severity};
use crate::lexer::TokenKind;
use crate::parser::{Parse, parse};
use crate::pp::token::{PpToken, flags};
use crate::pp::{PreprocessedTu, separator};
use crate::syntax_kind::SyntaxKind;

/// The parse of a TU and the way back from parser tokens to preprocessor tokens.
#[derive(Debug, Clone)]
pub struct ParsedTu {
    pub parse: Parse,
    /// For each parser token, trivia included, the index of the preprocessor token it is (the
    /// first one of a `#pragma` line), or `NOT_A_TOKEN` for trivia.
    pub pp_tokens: Vec<u32>,
    /// For each parser token, trivia included, its start offset in the tree: a token's
    /// index among the tree's tokens found from its offset by a binary search.
    pub token_starts: Vec<u32>,
}

const NOT_A_TOKEN: u32 = u32::MAX;

impl ParsedTu {
    /// The preprocessor token behind parser token `index` (trivia: the next real token; the
    /// end of input: the last token).
    pub fn pp_token(&self, index: usize) -> Option<usize> {
        let after = self.pp_tokens.get(index..).unwrap_or_default();
        after
            .iter()
            .find(|&&t| t != NOT_A_TOKEN)
            .or_else(|| self.pp_tokens.iter().rev().find(|&&t| t != NOT_A_TOKEN))
            .map(|&t| t as usize)
    }

    /// The index of the tree token starting at offset `start`.
    pub fn token_index(&self, start: u32) -> Option<usize> {
        self.token_starts.binary_search(&start).ok()
    }

    /// Whether parser token `index` is trivia (whitespace between tokens).
    pub fn is_trivia(&self, index: usize) -> bool {
        self.pp_tokens.get(index) == Some(&NOT_A_TOKEN)
    }

    /// The syntax errors as diagnostics located through the provenance.
    pub fn diagnostics(&self, tu: &PreprocessedTu) -> Vec<Diagnostic> {
        self.parse
            .errors
            .iter()
            .map(|e| Diagnostic {
                severity: Severity::Error,
                message: e.message.clone(),
                origin: self.pp_token(e.token).map(|t| tu.tokens[t].origin),
                extent: crate::diagnostic::Extent::Token,
                inclusion: None,
            })
            .collect()
    }
}

/// Parses the preprocessed TU.
pub fn parse_tu(tu: &PreprocessedTu) -> ParsedTu {
    // The `#pragma` lines' texts first, so that the parser input can borrow them: the input
    // is then made in one pass, without an intermediate list as long as the TU (a large TU's
    // peak memory is while it is parsed).
    let mut pragma_texts: Vec<String> = Vec::new();
    let mut i = 0;
    while let Some(tok) = tu.tokens.get(i) {
        if tok.has(flags::PRAGMA) {
            let end = pragma_line_end(tu, i);
            pragma_texts.push(pragma_text(tu, i, end));
            i = end;
        } else {
            i += 1;
        }
    }
    let mut kinds = KindCache::default();
    let mut out = ParserInput::with_capacity(tu.tokens.len() * 2 + 1);
    let mut pragmas = pragma_texts.iter();
    let mut prev: Option<&PpToken> = None;
    let mut i = 0;
    while let Some(tok) = tu.tokens.get(i) {
        let sep = separator(tu, prev, tok);
        if !sep.is_empty() {
            out.push(trivia_kind(sep), sep, NOT_A_TOKEN);
        }
        if tok.has(flags::PRAGMA) {
            let end = pragma_line_end(tu, i);
            let text = pragmas.next().map_or("", String::as_str);
            out.push(SyntaxKind::PRAGMA, text, i as u32);
            prev = tu.tokens.get(end - 1);
            i = end;
            continue;
        }
        out.push(kinds.kind(tu, tok), tu.spelling(tok), i as u32);
        prev = Some(tok);
        i += 1;
    }
    // The rendered text ends with a newline.
    out.push(SyntaxKind::NEWLINE, "\n", NOT_A_TOKEN);
    ParsedTu {
        parse: parse(&out.input),
        pp_tokens: out.pp_tokens,
        token_starts: out.token_starts,
    }
}

/// The parser's input and, for each of its tokens, what `ParsedTu` keeps.
struct ParserInput<'a> {
    input: Vec<(SyntaxKind, &'a str)>,
    pp_tokens: Vec<u32>,
    token_starts: Vec<u32>,
    offset: u32,
}

impl<'a> ParserInput<'a> {
    fn with_capacity(capacity: usize) -> ParserInput<'a> {
        ParserInput {
            input: Vec::with_capacity(capacity),
            pp_tokens: Vec::with_capacity(capacity),
            token_starts: Vec::with_capacity(capacity),
            offset: 0,
        }
    }

    fn push(&mut self, kind: SyntaxKind, text: &'a str, pp: u32) {
        self.input.push((kind, text));
        self.pp_tokens.push(pp);
        self.token_starts.push(self.offset);
        self.offset = self.offset.wrapping_add(text.len() as u32);
    }
}

/// The kind of the trivia `text` between two tokens.
fn trivia_kind(text: &str) -> SyntaxKind {
    if text == "\n" {
        SyntaxKind::NEWLINE
    } else {
        SyntaxKind::WHITESPACE
    }
}

/// The index after the `#pragma` line starting at `start`.
fn pragma_line_end(tu: &PreprocessedTu, start: usize) -> usize {
    let rest = &tu.tokens[start + 1..];
    let len = rest
        .iter()
        .position(|t| !t.has(flags::PRAGMA) || t.has(flags::BOL))
        .unwrap_or(rest.len());
    start + 1 + len
}

/// A `#pragma` line's text, spaced as the rendered TU spaces it.
fn pragma_text(tu: &PreprocessedTu, start: usize, end: usize) -> String {
    let mut text = String::new();
    let mut prev = None;
    for tok in &tu.tokens[start..end] {
        text.push_str(separator(tu, prev, tok));
        text.push_str(tu.spelling(tok));
        prev = Some(tok);
    }
    text
}

/// Syntax kinds by spelling symbol: keywords and punctuators are looked up once per spelling.
#[derive(Default)]
struct KindCache {
    by_symbol: Vec<Option<SyntaxKind>>,
}

impl KindCache {
    fn kind(&mut self, tu: &PreprocessedTu, tok: &PpToken) -> SyntaxKind {
        // Only identifiers and punctuators depend on the spelling alone; literals depend on
        // their token kind, which the spelling determines too, but they are not worth caching.
        if !matches!(tok.kind, TokenKind::Ident | TokenKind::Punct) {
            return SyntaxKind::from_token_in(tok.kind, tu.spelling(tok), tu.dialect);
        }
        let index = tok.text.index();
        if index >= self.by_symbol.len() {
            self.by_symbol.resize(index + 1, None);
        }
        *self.by_symbol[index].get_or_insert_with(|| {
            SyntaxKind::from_token_in(tok.kind, tu.spelling(tok), tu.dialect)
        })
    }
}
