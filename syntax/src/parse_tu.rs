//! Parsing a preprocessed TU: its tokens become the parser's input, with the whitespace that
//! `pp::render` puts between them as trivia (so the tree's text is the preprocessed text) and
//! each `#pragma` line as one PRAGMA token; the tree's tokens map back to the preprocessor's,
//! and through their provenance to the source.

use crate::diagnostic::{Diagnostic, Severity};
use crate::lexer::TokenKind;
use crate::parser::{Parse, Resume, Tokens, parse, parse_resuming};
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
    /// This parse, among the parses of the process: what a table derived from a parse
    /// remembers it by.
    pub run: u64,
    /// The parse this one resumed from (its `run`) and how many of its root children (nodes
    /// and tokens) it kept as they were.
    pub kept_from: Option<(u64, usize)>,
}

/// The parses made so far in the process.
static PARSES: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

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
    parse_tu_resuming(tu, None)
}

/// Parses the preprocessed TU, keeping the items of an earlier parse (of `earlier`'s tokens)
/// that come before the first token the two TUs do not share, but one: an edit in a function
/// body re-parses from the item before it (the parser looks a few tokens ahead), the headers'
/// items before it are kept. The result is the one `parse_tu` gives.
pub fn parse_tu_resuming(
    tu: &PreprocessedTu,
    earlier: Option<(&PreprocessedTu, &ParsedTu)>,
) -> ParsedTu {
    let resume = earlier.and_then(|(earlier_tu, earlier)| {
        let (children, token) = resume_point(earlier_tu, earlier, tu)?;
        Some((earlier, children, token))
    });
    let mut input = TuTokens::with_capacity(tu, tu.tokens.len() * 2 + 1);
    // The tokens before the resumption are the earlier parse's: their tables are taken over,
    // and the input is made from there on (its first token is the earlier's, and so is the
    // trivia before it).
    let mut i = 0;
    let mut prev: Option<&PpToken> = None;
    let mut skip_separator = false;
    if let Some((earlier, _, token)) = resume {
        input.take_over(earlier, token);
        i = earlier.pp_tokens[token] as usize;
        prev = i.checked_sub(1).and_then(|p| tu.tokens.get(p));
        skip_separator = true;
    }
    let mut kinds = KindCache::default();
    while let Some(tok) = tu.tokens.get(i) {
        let sep = separator(tu, prev, tok);
        if !sep.is_empty() && !skip_separator {
            input.push(trivia_kind(sep), sep.len(), NOT_A_TOKEN);
        }
        skip_separator = false;
        if tok.has(flags::PRAGMA) {
            let end = pragma_line_end(tu, i);
            input.push_pragma(pragma_text(tu, i, end), i as u32);
            prev = tu.tokens.get(end - 1);
            i = end;
            continue;
        }
        input.push(kinds.kind(tu, tok), tu.spelling(tok).len(), i as u32);
        prev = Some(tok);
        i += 1;
    }
    // The rendered text ends with a newline.
    input.push(SyntaxKind::NEWLINE, 1, NOT_A_TOKEN);
    let parse = match resume {
        Some((earlier, children, token)) => {
            let earlier = &earlier.parse;
            parse_resuming(
                &input,
                Resume {
                    earlier,
                    children,
                    token,
                },
            )
        }
        None => parse(&input),
    };
    let TuTokens {
        mut pp_tokens,
        mut token_starts,
        ..
    } = input;
    // Kept as long as the parse: without the capacity reserved for the worst case.
    pp_tokens.shrink_to_fit();
    token_starts.shrink_to_fit();
    ParsedTu {
        parse,
        pp_tokens,
        token_starts,
        run: PARSES.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
        kept_from: resume.map(|(earlier, children, _)| (earlier.run, children)),
    }
}

/// Where a parse of `tu` can take over from `earlier`'s parse of `earlier_tu`: the number of
/// root children kept and the parser token to start at. `None` when nothing can be kept, the
/// earlier parse had errors (recovery may have looked further ahead), or was of another
/// dialect.
fn resume_point(
    earlier_tu: &PreprocessedTu,
    earlier: &ParsedTu,
    tu: &PreprocessedTu,
) -> Option<(usize, usize)> {
    // Keywords depend on the dialect: items read in another are parsed again.
    if !earlier.parse.errors.is_empty() || earlier_tu.dialect != tu.dialect {
        return None;
    }
    // A preprocessing resumed from the earlier one took its first tokens over as they were.
    let same = tu.tokens_taken_from(earlier_tu);
    let first_difference = (earlier_tu.tokens.iter().zip(&tu.tokens))
        .skip(same)
        .position(|(a, b)| {
            a.kind != b.kind || a.flags != b.flags || earlier_tu.spelling(a) != tu.spelling(b)
        })
        .map_or(earlier_tu.tokens.len().min(tu.tokens.len()), |i| same + i);
    // The first parser token that may differ (a `#pragma` line is one token from its first
    // preprocessor token on, so the token before the difference may be one too).
    let differs = (earlier.pp_tokens.iter())
        .rposition(|&t| t != NOT_A_TOKEN && (t as usize) < first_difference)
        .unwrap_or(0);
    let differs_at = *earlier.token_starts.get(differs)?;
    // The root's children that end before that token; the last of them is parsed again.
    let root = earlier.parse.green.children();
    let mut offset = 0u32;
    // The last two of them: (index, start).
    let (mut before_last, mut last) = (None, None);
    for (index, child) in root.enumerate() {
        let end = offset + u32::from(child.text_len());
        if end > differs_at {
            break;
        }
        if child.as_node().is_some() {
            (before_last, last) = (last, Some((index, offset)));
        }
        offset = end;
    }
    let (children, start) = before_last?;
    Some((children, earlier.token_index(start)?))
}

/// The parser's input, read from the preprocessed TU's tokens (their spellings are not
/// copied: a large TU's peak memory is while it is parsed), and for each of its tokens what
/// `ParsedTu` keeps.
struct TuTokens<'a> {
    tu: &'a PreprocessedTu,
    /// The first token made here (the ones before are an earlier parse's: see `take_over`);
    /// `kinds` starts there.
    first: usize,
    kinds: Vec<SyntaxKind>,
    pp_tokens: Vec<u32>,
    token_starts: Vec<u32>,
    /// The `#pragma` lines' texts, by parser token index, ascending.
    pragmas: Vec<(u32, String)>,
    offset: u32,
}

impl<'a> TuTokens<'a> {
    fn with_capacity(tu: &'a PreprocessedTu, capacity: usize) -> TuTokens<'a> {
        TuTokens {
            tu,
            first: 0,
            kinds: Vec::with_capacity(capacity),
            pp_tokens: Vec::with_capacity(capacity),
            token_starts: Vec::with_capacity(capacity),
            pragmas: Vec::new(),
            offset: 0,
        }
    }

    /// Takes the earlier parse's first `tokens` tokens over (their tables only: a parse
    /// resuming after them reads no further back).
    fn take_over(&mut self, earlier: &ParsedTu, tokens: usize) {
        self.pp_tokens
            .extend_from_slice(&earlier.pp_tokens[..tokens]);
        self.token_starts
            .extend_from_slice(&earlier.token_starts[..tokens]);
        self.offset = earlier.token_starts.get(tokens).copied().unwrap_or(0);
        self.first = tokens;
    }

    /// A token of `len` bytes: preprocessor token `pp`, or trivia (`NOT_A_TOKEN`).
    fn push(&mut self, kind: SyntaxKind, len: usize, pp: u32) {
        self.kinds.push(kind);
        self.pp_tokens.push(pp);
        self.token_starts.push(self.offset);
        self.offset = self.offset.wrapping_add(len as u32);
    }

    /// A `#pragma` line starting at preprocessor token `pp`, as one token.
    fn push_pragma(&mut self, text: String, pp: u32) {
        let len = text.len();
        self.pragmas
            .push(((self.first + self.kinds.len()) as u32, text));
        self.push(SyntaxKind::PRAGMA, len, pp);
    }
}

impl Tokens for TuTokens<'_> {
    fn len(&self) -> usize {
        self.first + self.kinds.len()
    }

    fn kind(&self, i: usize) -> SyntaxKind {
        let made = i.checked_sub(self.first).and_then(|i| self.kinds.get(i));
        made.copied().unwrap_or(SyntaxKind::EOF)
    }

    fn text(&self, i: usize) -> &str {
        match (self.kind(i), self.pp_tokens.get(i).copied()) {
            (SyntaxKind::PRAGMA, _) => {
                let at = self
                    .pragmas
                    .binary_search_by_key(&(i as u32), |(at, _)| *at);
                at.map_or("", |at| self.pragmas[at].1.as_str())
            }
            (SyntaxKind::NEWLINE, Some(NOT_A_TOKEN)) => "\n",
            (_, Some(NOT_A_TOKEN)) => " ",
            (_, Some(pp)) => (self.tu.tokens.get(pp as usize)).map_or("", |t| self.tu.spelling(t)),
            (_, None) => "",
        }
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
