//! The preprocessed TU as text, as `gcc -E -P` writes it (up to whitespace): tokens that were
//! separated stay separated, tokens that would lex differently when glued get a space, and
//! `#pragma` lines stand on lines of their own.

use std::fmt::Write;

use super::PreprocessedTu;
use super::macros::MacroKind;
use super::token::{PpToken, flags};
use crate::lexer::TokenKind;

/// Renders the token stream.
pub fn render(tu: &PreprocessedTu) -> String {
    render_impl(tu, false)
}

/// `-dD`: the token stream with every `#define` and `#undef` in place.
pub fn render_with_definitions(tu: &PreprocessedTu) -> String {
    render_impl(tu, true)
}

fn render_impl(tu: &PreprocessedTu, definitions: bool) -> String {
    let mut out = String::with_capacity(tu.tokens.len() * 6);
    let mut prev: Option<&PpToken> = None;
    let mut events = tu.macros.events.iter().zip(&tu.event_positions).peekable();
    for (index, tok) in tu.tokens.iter().enumerate() {
        while definitions && let Some((event, _)) = events.next_if(|(_, at)| **at as usize <= index)
        {
            push_line(&mut out, &event_line(tu, event));
            prev = None;
        }
        out.push_str(separator(tu, prev, tok));
        push_spelling(&mut out, tok.kind, tu.spelling(tok));
        prev = Some(tok);
    }
    out.push('\n');
    for (event, _) in events.filter(|_| definitions) {
        push_line(&mut out, &event_line(tu, event));
    }
    out
}

/// What goes between `prev` and `tok` in the text of the TU: nothing, a space (whitespace was
/// there, or the tokens would glue) or a newline (a new source line, a `#pragma` line's edge).
pub fn separator(tu: &PreprocessedTu, prev: Option<&PpToken>, tok: &PpToken) -> &'static str {
    let Some(p) = prev else {
        return "";
    };
    let pragma_edge = tok.has(flags::PRAGMA) && tok.has(flags::BOL)
        || p.has(flags::PRAGMA) && !tok.has(flags::PRAGMA);
    if pragma_edge || tok.has(flags::BOL) {
        "\n"
    } else if tok.has(flags::PREV_WHITE) || would_glue(p, tu.spelling(p), tok, tu.spelling(tok)) {
        " "
    } else {
        ""
    }
}

/// Appends a token as gcc prints it: an identifier's extended characters as UCNs
/// (`\U000000e9`), however it was written (cpplib's `cpp_output_token`).
fn push_spelling(out: &mut String, kind: TokenKind, spelling: &str) {
    if kind != TokenKind::Ident || spelling.is_ascii() {
        out.push_str(spelling);
        return;
    }
    for c in spelling.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            let _ = write!(out, "\\U{:08x}", u32::from(c));
        }
    }
}

/// Appends a line of its own.
fn push_line(out: &mut String, line: &str) {
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
    out.push_str(line);
    out.push('\n');
}

fn event_line(tu: &PreprocessedTu, event: &super::macros::MacroEvent) -> String {
    match *event {
        super::macros::MacroEvent::Define(id) => definition_line(tu, tu.macros.def(id)),
        super::macros::MacroEvent::Undef { name, .. } => {
            format!("#undef {}", tu.interner.resolve(name))
        }
    }
}

/// Whether two tokens written without space would lex as something else.
fn would_glue(a: &PpToken, at: &str, b: &PpToken, bt: &str) -> bool {
    let (Some(x), Some(y)) = (at.chars().last(), bt.chars().next()) else {
        return false;
    };
    let ident_char = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '$' || !c.is_ascii();
    match (a.kind, b.kind) {
        (TokenKind::Ident | TokenKind::Number, _) if ident_char(y) => true,
        (TokenKind::Number, _) if matches!(y, '.' | '+' | '-') => true,
        (TokenKind::Ident, TokenKind::StrLit | TokenKind::CharLit) => true,
        (TokenKind::Punct, TokenKind::Number) if x == '.' => true,
        (TokenKind::Punct, TokenKind::Punct) => punct_continues(at, y),
        (TokenKind::Punct, _) if x == '/' && matches!(y, '/' | '*') => true,
        (TokenKind::Other, _) if x == '\\' => true,
        _ => false,
    }
}

/// Whether punctuator `p` followed by character `c` could lex as a longer token (C11 6.4.6
/// with digraphs, and comment openers). Conservative: `%:` `%` is kept apart although only
/// `%:%:` would glue.
fn punct_continues(p: &str, c: char) -> bool {
    match p {
        "-" => matches!(c, '>' | '-' | '='),
        "+" => matches!(c, '+' | '='),
        "<" => matches!(c, '<' | '=' | ':' | '%'),
        ">" => matches!(c, '>' | '='),
        "&" => matches!(c, '&' | '='),
        "|" => matches!(c, '|' | '='),
        "%" => matches!(c, '=' | '>' | ':'),
        "/" => matches!(c, '=' | '/' | '*'),
        "." => c == '.',
        "#" | "%:" => matches!(c, '#' | '%'),
        ":" => c == '>',
        "=" | "!" | "*" | "^" | "<<" | ">>" => c == '=',
        _ => false,
    }
}

/// `-dM`: the macros defined at the end, one `#define` line each.
pub fn render_macro_definitions(tu: &PreprocessedTu) -> String {
    let mut ids: Vec<_> = tu.macros.current.values().copied().collect();
    ids.sort();
    let mut out = String::new();
    for id in ids {
        let def = tu.macros.def(id);
        if matches!(def.kind, MacroKind::Builtin(_)) {
            continue;
        }
        out.push_str(&definition_line(tu, def));
        out.push('\n');
    }
    out
}

/// `#define NAME(params) body` as gcc prints it.
pub fn definition_line(tu: &PreprocessedTu, def: &super::macros::MacroDef) -> String {
    let mut line = String::from("#define ");
    push_spelling(&mut line, TokenKind::Ident, tu.interner.resolve(def.name));
    if let MacroKind::Function { params, variadic } = &def.kind {
        let mut names: Vec<String> = params
            .iter()
            .map(|p| tu.interner.resolve(*p).to_owned())
            .collect();
        if *variadic && let Some(last) = names.last_mut() {
            if last == "__VA_ARGS__" {
                *last = "...".into();
            } else {
                last.push_str("...");
            }
        }
        line.push('(');
        line.push_str(&names.join(", "));
        line.push(')');
    }
    for (i, tok) in def.body.iter().enumerate() {
        if i == 0 || tok.has(flags::PREV_WHITE) {
            line.push(' ');
        }
        line.push_str(tu.spelling(tok));
    }
    line
}
