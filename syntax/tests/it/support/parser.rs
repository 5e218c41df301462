//! Shared by the parser tests: turning C text into the token stream the parser takes, as the
//! preprocessor delivers it (trivia included, a `#pragma` line as one `PRAGMA` token), and
//! showing parse results.

use syntax::lexer::{LexedFile, TokenKind, lex};
use syntax::parser::{Parse, debug_tree, parse};
use syntax::syntax_kind::SyntaxKind;

/// The parser's tokens for a lexed text.
pub fn tokens(lexed: &LexedFile) -> Vec<(SyntaxKind, &str)> {
    let text: &str = &lexed.text;
    let mut out: Vec<(SyntaxKind, &str)> = Vec::with_capacity(lexed.tokens.len());
    let mut at_line_start = true;
    let mut i = 0;
    while i < lexed.tokens.len() {
        let token = lexed.tokens.at(i);
        let spelling = lexed.spelling(&token);
        if at_line_start && spelling == "#" && is_pragma(lexed, i + 1) {
            let end = line_end(lexed, i);
            let last = lexed.tokens.at(end - 1);
            out.push((
                SyntaxKind::PRAGMA,
                &text[token.start as usize..last.end as usize],
            ));
            i = end;
            continue;
        }
        let kind = SyntaxKind::from_token(token.kind, spelling);
        match token.kind {
            TokenKind::Newline => at_line_start = true,
            _ if kind.is_trivia() => {}
            _ => at_line_start = false,
        }
        out.push((kind, spelling));
        i += 1;
    }
    out
}

/// Whether the tokens from `i` are (whitespace, then) the identifier `pragma`.
fn is_pragma(lexed: &LexedFile, mut i: usize) -> bool {
    while let Some(token) = lexed.tokens.get(i) {
        match token.kind {
            TokenKind::Whitespace => i += 1,
            TokenKind::Ident => return lexed.spelling(&token) == "pragma",
            _ => return false,
        }
    }
    false
}

/// The index of the newline ending the line of token `i` (or the number of tokens).
fn line_end(lexed: &LexedFile, mut i: usize) -> usize {
    while lexed
        .tokens
        .get(i)
        .is_some_and(|t| t.kind != TokenKind::Newline)
    {
        i += 1;
    }
    i
}

/// Parses a text.
pub fn parse_text(text: &str) -> Parse {
    let lexed = lex(text);
    parse(&tokens(&lexed))
}

/// The tree dump followed by the errors, each with the text of the token it is at.
pub fn dump(text: &str) -> String {
    let lexed = lex(text);
    let tokens = tokens(&lexed);
    let parse = parse(&tokens);
    let mut out = debug_tree(&parse.syntax_node());
    for error in &parse.errors {
        let at = tokens.get(error.token).map_or("<end>", |t| t.1);
        out.push_str(&format!(
            "error at {} {at:?}: {}\n",
            error.token, error.message
        ));
    }
    out
}

/// 1-based line and column of token `index`.
pub fn line_col(tokens: &[(SyntaxKind, &str)], index: usize) -> (usize, usize) {
    let mut line = 1;
    let mut col = 1;
    for (_, text) in tokens.iter().take(index) {
        for ch in text.chars() {
            if ch == '\n' {
                line += 1;
                col = 1;
            } else {
                col += 1;
            }
        }
    }
    (line, col)
}
