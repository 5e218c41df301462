//! Initializers (C11 6.7.9) with GNU designators: ranges `[a ... b]`, the obsolete `field:` and
//! `[index]` without `=`.

use super::super::state::Parser;
use super::{expressions, name_ref_or_error};
use crate::syntax_kind::SyntaxKind::*;

pub(super) fn initializer(p: &mut Parser<'_>) {
    if p.at(L_CURLY) {
        init_list(p);
    } else {
        expressions::assign_expr(p);
    }
}

/// `{ item, ... }`, empty allowed (GNU), one nesting level deeper.
pub(super) fn init_list(p: &mut Parser<'_>) {
    let m = p.start();
    p.nested(init_list_inner);
    m.complete(p, INIT_LIST);
}

fn init_list_inner(p: &mut Parser<'_>) {
    p.bump_any();
    while !p.at(R_CURLY) && !p.at(EOF) {
        init_item(p);
        if !p.eat(COMMA) {
            break;
        }
    }
    if !p.eat(R_CURLY) {
        p.error_expected("'}'");
        skip_to_close_curly(p);
    }
}

fn init_item(p: &mut Parser<'_>) {
    match p.current() {
        DOT | L_BRACK => designated(p),
        IDENT if p.nth_at(1, COLON) => old_style_designated(p),
        _ => initializer(p),
    }
}

/// Designators, `=` (which gcc lets an array index designator omit) and the initializer.
fn designated(p: &mut Parser<'_>) {
    let m = p.start();
    let mut only_index = true;
    loop {
        match p.current() {
            DOT => {
                only_index = false;
                field_designator(p);
            }
            L_BRACK => index_designator(p),
            _ => break,
        }
    }
    if !p.eat(EQ) && !only_index {
        p.error_expected("'='");
    }
    initializer(p);
    m.complete(p, DESIGNATED_INIT);
}

/// GNU `field: value`.
fn old_style_designated(p: &mut Parser<'_>) {
    let m = p.start();
    let d = p.start();
    name_ref_or_error(p);
    d.complete(p, FIELD_DESIGNATOR);
    p.bump_any();
    initializer(p);
    m.complete(p, DESIGNATED_INIT);
}

fn field_designator(p: &mut Parser<'_>) {
    let m = p.start();
    p.bump_any();
    name_ref_or_error(p);
    m.complete(p, FIELD_DESIGNATOR);
}

/// `[index]` or GNU `[first ... last]`.
fn index_designator(p: &mut Parser<'_>) {
    let m = p.start();
    p.bump_any();
    expressions::cond_expr(p);
    if p.eat(ELLIPSIS) {
        expressions::cond_expr(p);
    }
    p.expect(R_BRACK);
    m.complete(p, INDEX_DESIGNATOR);
}

/// Recovery in a broken initializer list: skips to its `}` (included), stopping before a `;`
/// that ends the declaration.
fn skip_to_close_curly(p: &mut Parser<'_>) {
    let m = p.start();
    let mut depth = 0usize;
    loop {
        match p.current() {
            EOF => break,
            SEMICOLON if depth == 0 => break,
            R_CURLY if depth == 0 => {
                p.bump_any();
                break;
            }
            L_PAREN | L_BRACK | L_CURLY => depth += 1,
            R_PAREN | R_BRACK | R_CURLY => depth = depth.saturating_sub(1),
            _ => {}
        }
        p.bump_any();
    }
    m.complete(p, ERROR);
}
