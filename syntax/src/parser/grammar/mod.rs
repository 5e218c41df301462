//! The C grammar, one module per area. Each function parses one construct at the current token
//! and emits its node; the comments name the gcc function whose decisions it follows where
//! the grammar alone does not decide (C's ambiguities are resolved as gcc resolves them).

mod asm;
mod attributes;
mod declarations;
mod declarators;
mod expressions;
mod initializers;
mod primary;
mod specifiers;
mod statements;

use super::state::Parser;
use super::token_set::TokenSet;
use crate::syntax_kind::SyntaxKind::*;

/// The whole translation unit: external declarations up to the end of input.
pub(crate) fn translation_unit(p: &mut Parser<'_>) {
    let m = p.start();
    while !p.at(EOF) || p.at_pragma() {
        let before = p.pos();
        declarations::external_declaration(p);
        ensure_progress(p, before);
    }
    if p.recover_from_depth_limit() {
        // Nesting went too deep somewhere: everything after that point is one error node.
        let e = p.start();
        while !p.at(EOF) {
            p.bump_any();
        }
        e.complete(p, ERROR);
    }
    m.complete(p, TRANSLATION_UNIT);
}

/// Loops over list items call this so that an item that consumed nothing cannot loop forever:
/// the token it stuck at becomes an error.
pub(crate) fn ensure_progress(p: &mut Parser<'_>, before: usize) {
    if p.pos() == before && !p.at(EOF) {
        let message = format!("unexpected token {}", quoted_current(p));
        p.err_and_bump(message);
    }
}

/// The current token for a message: `')'`, `'int'`, or "end of input".
pub(crate) fn quoted_current(p: &Parser<'_>) -> String {
    if p.at(EOF) {
        return "end of input".to_owned();
    }
    format!("'{}'", p.nth_text(0))
}

/// Skips to the end of the current declaration or statement after an error, as gcc's
/// `c_parser_skip_to_end_of_block_or_statement`: up to and including a `;` at this nesting level,
/// or up to a `}` that closes an enclosing block (included when it closes a block opened while
/// skipping). The skipped tokens form an error node.
pub(crate) fn skip_to_end_of_statement(p: &mut Parser<'_>) {
    if p.at(EOF) {
        return;
    }
    let m = p.start();
    let mut depth = 0usize;
    loop {
        match p.current() {
            EOF => break,
            SEMICOLON if depth == 0 => {
                p.bump_any();
                break;
            }
            R_CURLY if depth == 0 => break,
            L_CURLY | L_PAREN | L_BRACK => depth += 1,
            R_CURLY => {
                depth -= 1;
                if depth == 0 {
                    p.bump_any();
                    break;
                }
            }
            R_PAREN | R_BRACK => depth = depth.saturating_sub(1),
            _ => {}
        }
        p.bump_any();
    }
    m.complete(p, ERROR);
}

/// Tokens that end a list or a construct: where recovery inside an expression stops.
pub(crate) const CLOSERS: TokenSet = TokenSet::new(&[R_PAREN, R_BRACK, R_CURLY, SEMICOLON, COMMA]);

/// A declared identifier as a `NAME` node; its spelling, or `None` when not at an identifier.
pub(crate) fn name<'t>(p: &mut Parser<'t>) -> Option<&'t str> {
    if !p.at(IDENT) {
        return None;
    }
    let text = p.nth_text(0);
    let m = p.start();
    p.bump_any();
    m.complete(p, NAME);
    Some(text)
}

/// A referring identifier (member, label) as a `NAME_REF` node, or an error.
pub(crate) fn name_ref_or_error(p: &mut Parser<'_>) {
    if !p.at(IDENT) {
        p.error_expected("identifier");
        return;
    }
    let m = p.start();
    p.bump_any();
    m.complete(p, NAME_REF);
}
