//! GNU attributes (`__attribute__((...))`), C2x-style attributes (`[[...]]`, which gcc accepts
//! as an extension) and asm labels (`int x asm("y")`).

use super::super::state::Parser;
use super::specifiers::{starts_type_name, type_name};
use super::{expressions, primary};
use crate::syntax_kind::SyntaxKind::{self, *};

/// Any number of attribute specifiers.
pub(super) fn attributes(p: &mut Parser<'_>) {
    loop {
        if p.at(ATTRIBUTE_KW) {
            attribute_spec(p);
        } else if p.at(L_BRACK) && p.nth_at(1, L_BRACK) {
            std_attribute_spec(p);
        } else {
            break;
        }
    }
}

/// Whether attributes start at token `n`.
pub(super) fn at_attribute(p: &Parser<'_>, n: usize) -> bool {
    p.nth_at(n, ATTRIBUTE_KW) || (p.nth_at(n, L_BRACK) && p.nth_at(n + 1, L_BRACK))
}

/// `__attribute__ ((a, b(args), ...))`.
pub(super) fn attribute_spec(p: &mut Parser<'_>) {
    let m = p.start();
    p.bump_any();
    if p.expect(L_PAREN) && p.expect(L_PAREN) {
        attribute_list(p, R_PAREN);
        if p.expect(R_PAREN) {
            p.expect(R_PAREN);
        }
    }
    m.complete(p, ATTRIBUTE_SPEC);
}

/// `[[a, gnu::b(args)]]`.
pub(super) fn std_attribute_spec(p: &mut Parser<'_>) {
    let m = p.start();
    p.bump_any();
    p.bump_any();
    attribute_list(p, R_BRACK);
    if p.expect(R_BRACK) {
        p.expect(R_BRACK);
    }
    m.complete(p, ATTRIBUTE_SPEC);
}

/// Comma-separated attributes, empty ones allowed, up to `close`.
fn attribute_list(p: &mut Parser<'_>, close: SyntaxKind) {
    while !p.at(close) && !p.at(EOF) {
        if p.eat(COMMA) {
            continue;
        }
        if !(p.at(IDENT) || p.current().is_keyword()) {
            p.error_expected("identifier");
            break;
        }
        attribute(p);
        if !p.at(COMMA) {
            break;
        }
    }
}

/// One attribute, or an error when no name is there.
pub(super) fn attribute_or_error(p: &mut Parser<'_>) {
    if p.at(IDENT) || p.current().is_keyword() {
        attribute(p);
    } else {
        p.error_expected("identifier");
    }
}

/// An attribute: a name (any identifier or keyword, e.g. `const`, possibly `gnu::name`) and
/// optional arguments.
fn attribute(p: &mut Parser<'_>) {
    let m = p.start();
    p.bump_any();
    if p.at(COLON) && p.nth_at(1, COLON) && (p.nth_at(2, IDENT) || p.nth(2).is_keyword()) {
        p.bump_any();
        p.bump_any();
        p.bump_any();
    }
    if p.at(L_PAREN) {
        attribute_args(p);
    }
    m.complete(p, ATTRIBUTE);
}

/// `(arg, ...)`: expressions, or an identifier (gcc allows a type's name too, as in
/// `mode(T)`), or a type name.
fn attribute_args(p: &mut Parser<'_>) {
    let m = p.start();
    p.bump_any();
    while !p.at(R_PAREN) && !p.at(EOF) {
        attribute_arg(p);
        if !p.eat(COMMA) {
            break;
        }
    }
    p.expect(R_PAREN);
    m.complete(p, ATTRIBUTE_ARGS);
}

fn attribute_arg(p: &mut Parser<'_>) {
    let lone_identifier = p.at(IDENT) && matches!(p.nth(1), COMMA | R_PAREN);
    if lone_identifier {
        let m = p.start();
        p.bump_any();
        m.complete(p, IDENT_EXPR);
    } else if starts_type_name(p, 0) {
        type_name(p);
    } else {
        expressions::assign_expr(p);
    }
}

/// `asm ("name")` after a declarator.
pub(super) fn asm_label(p: &mut Parser<'_>) {
    let m = p.start();
    p.bump_any();
    if p.expect(L_PAREN) {
        primary::string_literal_or_error(p);
        p.expect(R_PAREN);
    }
    m.complete(p, ASM_LABEL);
}
