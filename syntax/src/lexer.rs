//! Preprocessing tokens (C11 6.4 plus GNU: `$` in identifiers, UTF-8 identifiers), lossless.
//!
//! A source file is lexed once into a flat token vector, whitespace, newlines and comments
//! included as trivia, so that the concatenated token texts give back the file (but for a
//! byte-order mark opening it, which gcc drops as it reads the file). Line splices
//! (backslash-newline) may stand anywhere, even inside a token: the lexer first removes them into
//! a "spliced" text and remembers where they were, so that every token knows both its spelling
//! (in the spliced text) and its range in the original file.

use std::borrow::Cow;
use std::sync::Arc;

use logos::Logos;

mod token_list;

pub use token_list::TokenList;

/// The kind of one preprocessing token or trivia piece.
#[derive(Logos, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenKind {
    #[regex(r"[ \t\x0b\x0c\r]+")]
    Whitespace,
    /// Whitespace holding null characters, which gcc ignores as whitespace, warning "null
    /// character(s) ignored" once for each such run.
    #[regex(r"[ \t\x0b\x0c\r]*\x00[ \t\x0b\x0c\r\x00]*")]
    NulWhitespace,
    #[token("\n")]
    Newline,
    #[regex(r"//[^\n]*", allow_greedy = true)]
    LineComment,
    #[regex(r"/\*([^*]|\*+[^*/])*\*+/")]
    BlockComment,
    /// `/*` without its `*/`: gcc's "unterminated comment" error; the comment runs to the end.
    #[regex(r"/\*([^*]|\*+[^*/])*\**", priority = 0)]
    UnterminatedComment,
    /// Extended characters (UTF-8, or UCNs) are identifier characters; the reserved ones
    /// (`text`: raw bytes that are not UTF-8) are not, as gcc finds such bytes stray.
    #[regex(r"([A-Za-z_$]|[^\x00-\x7f\u{ef80}-\u{efff}]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})([A-Za-z0-9_$]|[^\x00-\x7f\u{ef80}-\u{efff}]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*")]
    Ident,
    #[regex(r"\.?[0-9]([0-9A-Za-z_.$]|[eEpP][+-]|[^\x00-\x7f\u{ef80}-\u{efff}])*")]
    Number,
    #[regex(r#"(u8|u|U|L)?'([^'\\\n]|\\[^\n])*'"#)]
    CharLit,
    #[regex(r#"(u8|u|U|L)?"([^"\\\n]|\\[^\n])*""#)]
    StrLit,
    /// A quote without its closing partner: gcc lexes the rest of the line as one "other" token
    /// (harmless in skipped groups, a diagnostic elsewhere).
    #[regex(
        r#"(u8|u|U|L)?'([^'\\\n]|\\[^\n])*\\?"#,
        priority = 0,
        allow_greedy = true
    )]
    #[regex(
        r#"(u8|u|U|L)?"([^"\\\n]|\\[^\n])*\\?"#,
        priority = 0,
        allow_greedy = true
    )]
    UnterminatedQuote,
    #[token("[")]
    #[token("]")]
    #[token("(")]
    #[token(")")]
    #[token("{")]
    #[token("}")]
    #[token(".")]
    #[token("->")]
    #[token("++")]
    #[token("--")]
    #[token("&")]
    #[token("*")]
    #[token("+")]
    #[token("-")]
    #[token("~")]
    #[token("!")]
    #[token("/")]
    #[token("%")]
    #[token("<<")]
    #[token(">>")]
    #[token("<")]
    #[token(">")]
    #[token("<=")]
    #[token(">=")]
    #[token("==")]
    #[token("!=")]
    #[token("^")]
    #[token("|")]
    #[token("&&")]
    #[token("||")]
    #[token("?")]
    #[token(":")]
    #[token(";")]
    #[token("...")]
    #[token("=")]
    #[token("*=")]
    #[token("/=")]
    #[token("%=")]
    #[token("+=")]
    #[token("-=")]
    #[token("<<=")]
    #[token(">>=")]
    #[token("&=")]
    #[token("^=")]
    #[token("|=")]
    #[token(",")]
    #[token("#")]
    #[token("##")]
    #[token("<:")]
    #[token(":>")]
    #[token("<%")]
    #[token("%>")]
    #[token("%:")]
    #[token("%:%:")]
    Punct,
    /// Any other single character (C11 6.4p1 "each non-white-space character that cannot be one
    /// of the above"): `@`, a stray backslash, a control character.
    Other,
}

impl TokenKind {
    /// Whitespace, comments: what separates tokens without being one (newlines excluded).
    pub fn is_trivia(self) -> bool {
        matches!(
            self,
            TokenKind::Whitespace
                | TokenKind::NulWhitespace
                | TokenKind::LineComment
                | TokenKind::BlockComment
                | TokenKind::UnterminatedComment
        )
    }

    /// Trivia gcc remarks on as it lexes it: null characters, an unterminated comment.
    pub fn is_diagnosed_trivia(self) -> bool {
        matches!(
            self,
            TokenKind::NulWhitespace | TokenKind::UnterminatedComment
        )
    }
}

/// One token of a lexed file: its kind and its range in the spliced text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub kind: TokenKind,
    pub start: u32,
    pub end: u32,
}

/// A file's text with its line splices removed, and its tokens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LexedFile {
    /// The file's text without backslash-newlines: what token spellings are cut from. (The
    /// text read, shared, when it has none: see `lex_shared`.)
    pub text: Arc<str>,
    pub tokens: TokenList,
    /// Where splices were removed: (offset in the spliced text, total length removed up to
    /// and including this splice), ascending.
    splices: Vec<(u32, u32)>,
    /// Whether the file ends with a backslash-newline or without a newline (gcc warns on some).
    pub ends_without_newline: bool,
    /// Offsets (in the original text) where each line starts.
    line_starts: Vec<u32>,
    /// The original text, kept only when it differs from `text` (it had splices): the
    /// database's, shared, when there is one.
    original: Option<Arc<str>>,
}

impl LexedFile {
    pub fn spelling(&self, token: &Token) -> &str {
        &self.text[token.start as usize..token.end as usize]
    }

    /// Maps an offset in the spliced text back to the original file.
    pub fn original_offset(&self, spliced: u32) -> u32 {
        // A position right at a splice belongs after it, so that a token that starts after a
        // splice does not include the backslash-newline.
        let idx = self.splices.partition_point(|&(at, _)| at <= spliced);
        let removed = idx.checked_sub(1).map_or(0, |i| self.splices[i].1);
        spliced + removed
    }

    /// The original-file range of a token (for diagnostics and for cutting source text).
    pub fn original_range(&self, token: &Token) -> (u32, u32) {
        let start = self.original_offset(token.start);
        // The end is mapped as the position after the last character, which must not swallow
        // a splice that follows the token.
        let end = if token.end > token.start {
            self.original_offset(token.end - 1) + 1
        } else {
            start
        };
        (start, end)
    }

    pub fn has_splices(&self) -> bool {
        !self.splices.is_empty()
    }

    /// The file as it was read, splices included: what original ranges index.
    pub fn original_text(&self) -> &str {
        self.original.as_deref().unwrap_or(&self.text)
    }

    /// The 0-based line of an original-file offset.
    pub fn line_of(&self, offset: u32) -> u32 {
        (self.line_starts.partition_point(|&start| start <= offset) - 1) as u32
    }

    /// 1-based line and 0-based byte column of an original-file offset. The column counts
    /// bytes of the file: a raw byte the text holds as a reserved character is one.
    pub fn line_col(&self, offset: u32) -> (u32, u32) {
        let line = self.line_of(offset);
        let start = self.line_starts[line as usize];
        let before = self.original_text().get(start as usize..offset as usize);
        let column = before.map_or(offset - start, |s| crate::text::source_len_of(s) as u32);
        (line + 1, column)
    }
}

/// A UTF-8 byte-order mark, which gcc skips at the start of a file.
const BYTE_ORDER_MARK: char = '\u{feff}';

/// Lexes a whole file. A byte-order mark opening it is not part of its text: gcc drops it as
/// it reads the file, so offsets (and columns) count from after it.
pub fn lex(source: &str) -> LexedFile {
    lex_with(source, None)
}

/// `lex` of a text held in an `Arc` (a database's file): the lexed file shares it when it
/// has neither splices nor a byte-order mark, instead of holding a copy.
pub fn lex_shared(source: &Arc<str>) -> LexedFile {
    lex_with(source, Some(source))
}

fn lex_with(source: &str, shared: Option<&Arc<str>>) -> LexedFile {
    let unmarked = source.strip_prefix(BYTE_ORDER_MARK);
    let shared = shared.filter(|_| unmarked.is_none());
    let source = unmarked.unwrap_or(source);
    let (text, splices) = remove_splices(source);
    let text: Arc<str> = match shared {
        Some(shared) if splices.is_empty() => shared.clone(),
        _ => Arc::from(text.as_ref()),
    };
    let line_starts = std::iter::once(0)
        .chain(source.match_indices('\n').map(|(i, _)| i as u32 + 1))
        .collect();
    let ends_without_newline = !text.is_empty() && !text.ends_with('\n');
    let original = (!splices.is_empty()).then(|| match shared {
        Some(shared) => shared.clone(),
        None => Arc::from(source),
    });
    let tokens = tokenize(&text, false);
    LexedFile {
        text,
        tokens,
        splices,
        ends_without_newline,
        line_starts,
        original,
    }
}

/// The tokens of a spliced text. With `digit_separators` (C23's, which gcc's C2x modes
/// have), a `'` followed by a digit, letter or `_` continues a pp-number: `1'000` is one
/// token, where older modes read a number and a character constant.
fn tokenize(text: &str, digit_separators: bool) -> TokenList {
    let mut tokens = TokenList::with_capacity(text.len() / 4);
    let mut offset = 0;
    'restart: loop {
        let mut lexer = TokenKind::lexer(&text[offset..]);
        while let Some(result) = lexer.next() {
            let span = lexer.span();
            let (start, end) = (offset + span.start, offset + span.end);
            let kind = result.unwrap_or(TokenKind::Other);
            if digit_separators && kind == TokenKind::Number {
                let extended = number_end(text, end);
                if extended > end {
                    push_token(&mut tokens, kind, start, extended, text);
                    offset = extended;
                    continue 'restart;
                }
            }
            push_token(&mut tokens, kind, start, end, text);
        }
        // A file's tokens are kept as long as the database: without the growth's spare room.
        tokens.shrink_to_fit();
        return tokens;
    }
}

/// Whether a pp-number goes on with a digit separator at `at`: `'` then a digit, letter or `_`.
fn separator_at(text: &str, at: usize) -> bool {
    let bytes = text.as_bytes();
    bytes.get(at) == Some(&b'\'')
        && bytes
            .get(at + 1)
            .is_some_and(|&b| b.is_ascii_alphanumeric() || b == b'_')
}

/// Where a pp-number that the lexer ended at `end` ends when digit separators continue it
/// (`end` itself if none does): after each separator, the pp-number's characters go on.
fn number_end(text: &str, mut end: usize) -> usize {
    if !separator_at(text, end) {
        return end;
    }
    let bytes = text.as_bytes();
    loop {
        if separator_at(text, end) {
            end += 2;
            continue;
        }
        match bytes.get(end) {
            // A sign after an exponent letter (`1'e+5`).
            Some(b'+' | b'-') if matches!(bytes[end - 1], b'e' | b'E' | b'p' | b'P') => end += 1,
            Some(b) if b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'$') => end += 1,
            Some(_) => match text[end..].chars().next() {
                Some(c) if !c.is_ascii() && !crate::text::is_reserved(c) => end += c.len_utf8(),
                _ => return end,
            },
            None => return end,
        }
    }
}

/// The file re-lexed with C23's digit separators (see [`tokenize`]), or `None` when no
/// pp-number in it runs into one: the tokens are then those of [`lex`].
pub fn with_digit_separators(file: &LexedFile) -> Option<LexedFile> {
    let separated = file
        .tokens
        .iter()
        .any(|t| t.kind == TokenKind::Number && separator_at(&file.text, t.end as usize));
    separated.then(|| LexedFile {
        tokens: tokenize(&file.text, true),
        ..file.clone()
    })
}

/// The name an identifier's spelling denotes: each universal character name (`\u00e9`,
/// `\U000000e9`) replaced by the character it names, as gcc keeps identifiers in UTF-8, so
/// that `\u00e9t\u00e9` and `été` are one identifier (C11 6.4.2.1p3). A UCN naming no
/// character, or a reserved one (`text`), is left as written.
pub fn identifier_name(spelling: &str) -> Cow<'_, str> {
    if !spelling.contains('\\') {
        return Cow::Borrowed(spelling);
    }
    let mut name = String::with_capacity(spelling.len());
    let mut rest = spelling;
    while let Some(backslash) = rest.find('\\') {
        name.push_str(&rest[..backslash]);
        let after = &rest[backslash + 1..];
        match universal_character(after) {
            Some((c, len)) => {
                name.push(c);
                rest = &after[len..];
            }
            None => {
                name.push('\\');
                rest = after;
            }
        }
    }
    name.push_str(rest);
    Cow::Owned(name)
}

/// The character a UCN after its backslash (`u00e9...`) names, and the UCN's length.
fn universal_character(after_backslash: &str) -> Option<(char, usize)> {
    let digits = match after_backslash.as_bytes().first()? {
        b'u' => 4,
        b'U' => 8,
        _ => return None,
    };
    let hex = after_backslash.get(1..1 + digits)?;
    if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let c = char::from_u32(u32::from_str_radix(hex, 16).ok()?)?;
    (!crate::text::is_reserved(c)).then_some((c, 1 + digits))
}

/// The kind of `text` when it is exactly one preprocessing token (no trivia, nothing
/// unterminated): what `##` may produce.
pub fn single_token(text: &str) -> Option<TokenKind> {
    let mut lexer = TokenKind::lexer(text);
    let kind = lexer.next()?.ok()?;
    let whole = lexer.span().end == text.len();
    let proper =
        !kind.is_trivia() && !matches!(kind, TokenKind::Newline | TokenKind::UnterminatedQuote);
    (whole && proper).then_some(kind)
}

/// Appends a token; an `Other` error span longer than one character (logos reports a whole
/// failed match) is split into single characters, as C says.
fn push_token(tokens: &mut TokenList, kind: TokenKind, start: usize, end: usize, text: &str) {
    if kind == TokenKind::Other && end - start > 1 {
        for (offset, ch) in text[start..end].char_indices() {
            let s = start + offset;
            tokens.push(kind, s as u32, (s + ch.len_utf8()) as u32);
        }
        return;
    }
    tokens.push(kind, start as u32, end as u32);
}

/// Removes backslash-newlines (`\` then optional horizontal whitespace, as gcc allows with a
/// warning, then `\n` or `\r\n`).
fn remove_splices(source: &str) -> (Cow<'_, str>, Vec<(u32, u32)>) {
    if !source.contains('\\') {
        return (Cow::Borrowed(source), Vec::new());
    }
    let bytes = source.as_bytes();
    let mut text = String::with_capacity(source.len());
    let mut splices = Vec::new();
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'\\'
            && let Some(len) = splice_len(&bytes[i..])
        {
            text.push_str(&source[copied..i]);
            let removed = splices.last().map_or(0, |&(_, total)| total) + len as u32;
            splices.push((text.len() as u32, removed));
            i += len;
            copied = i;
            continue;
        }
        i += 1;
    }
    text.push_str(&source[copied..]);
    (Cow::Owned(text), splices)
}

/// The length of a line splice starting at a backslash, if there is one.
fn splice_len(bytes: &[u8]) -> Option<usize> {
    let mut j = 1;
    while j < bytes.len() && matches!(bytes[j], b' ' | b'\t' | b'\x0c' | b'\x0b') {
        j += 1;
    }
    match bytes.get(j..) {
        Some([b'\n', ..]) => Some(j + 1),
        Some([b'\r', b'\n', ..]) => Some(j + 2),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use expect_test::{Expect, expect};

    fn check(source: &str, expect: Expect) {
        let lexed = lex(source);
        let mut out = String::new();
        for t in lexed.tokens.iter() {
            let (s, e) = lexed.original_range(&t);
            out.push_str(&format!(
                "{:?} {:?} @{s}..{e}\n",
                t.kind,
                lexed.spelling(&t)
            ));
        }
        expect.assert_eq(&out);
    }

    #[test]
    fn lossless_without_splices() {
        let src = "int $x = 0x1p-3 + .5e+2; // c\n/* b */ a->b %:%: L'c' u8\"s\"@\r\n";
        let lexed = lex(src);
        let joined: String = lexed.tokens.iter().map(|t| lexed.spelling(&t)).collect();
        assert_eq!(joined, src);
    }

    #[test]
    fn digit_separators() {
        let source = "1'000'000 0x1'Fu 1'e+5 1 '0' 0'a'";
        let lexed = lex(source);
        let separated = with_digit_separators(&lexed).map(|f| {
            f.tokens
                .iter()
                .filter(|t| !t.kind.is_trivia())
                .map(|t| format!("{:?} {}", t.kind, f.spelling(&t)))
                .collect::<Vec<_>>()
                .join("\n")
        });
        expect![[r#"
            Number 1'000'000
            Number 0x1'Fu
            Number 1'e+5
            Number 1
            CharLit '0'
            Number 0'a
            UnterminatedQuote '"#]]
        .assert_eq(&separated.unwrap_or_default());
        assert!(with_digit_separators(&lex("x = 1 '0';")).is_none());
    }

    #[test]
    fn tokens_and_trivia() {
        check(
            "a+++b 1.2e+3x '\\'' \"s\\\"\" %:%: <:#",
            expect![[r##"
                Ident "a" @0..1
                Punct "++" @1..3
                Punct "+" @3..4
                Ident "b" @4..5
                Whitespace " " @5..6
                Number "1.2e+3x" @6..13
                Whitespace " " @13..14
                CharLit "'\\''" @14..18
                Whitespace " " @18..19
                StrLit "\"s\\\"\"" @19..24
                Whitespace " " @24..25
                Punct "%:%:" @25..29
                Whitespace " " @29..30
                Punct "<:" @30..32
                Punct "#" @32..33
            "##]],
        );
    }

    #[test]
    fn splices_inside_tokens() {
        check(
            "ab\\\ncd /\\\r\n* x *\\\n/ e",
            expect![[r##"
                Ident "abcd" @0..6
                Whitespace " " @6..7
                BlockComment "/* x */" @7..19
                Whitespace " " @19..20
                Ident "e" @20..21
            "##]],
        );
    }

    #[test]
    fn unterminated_things() {
        check(
            "don't stop\n\"abc\n/* open",
            expect![[r##"
                Ident "don" @0..3
                UnterminatedQuote "'t stop" @3..10
                Newline "\n" @10..11
                UnterminatedQuote "\"abc" @11..15
                Newline "\n" @15..16
                UnterminatedComment "/* open" @16..23
            "##]],
        );
    }

    #[test]
    fn raw_bytes_are_stray_outside_literals() {
        // The file's bytes `x\xffy "\xff" été`: gcc finds the first 0xff stray.
        check(
            &crate::text::decode(b"x\xffy \"\xff\" \xc3\xa9t\xc3\xa9".to_vec()),
            expect![[r#"
                Ident "x" @0..1
                Other "\u{efff}" @1..4
                Ident "y" @4..5
                Whitespace " " @5..6
                StrLit "\"\u{efff}\"" @6..11
                Whitespace " " @11..12
                Ident "été" @12..17
            "#]],
        );
    }

    #[test]
    fn universal_character_names_denote_characters() {
        let names: Vec<_> = [
            "abc",
            "\\u00e9t\\u00e9",
            "x\\U0001F600y",
            "\\uD800",
            "\\uef80",
        ]
        .iter()
        .map(|s| identifier_name(s).into_owned())
        .collect();
        assert_eq!(names, ["abc", "été", "x\u{1F600}y", "\\uD800", "\\uef80"]);
    }

    #[test]
    fn stray_characters() {
        check(
            "@ \\ `",
            expect![[r##"
                Other "@" @0..1
                Whitespace " " @1..2
                Other "\\" @2..3
                Whitespace " " @3..4
                Other "`" @4..5
            "##]],
        );
    }
}
