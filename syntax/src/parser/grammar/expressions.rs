//! Expressions (C11 6.5): comma, assignment, conditional (with GNU's omitted middle operand),
//! binary operators by precedence climbing, casts, unary operators and postfix operators.

use super::super::state::{CompletedMarker, Parser};
use super::super::token_set::TokenSet;
use super::specifiers::{starts_type_name, type_name};
use super::{initializers, name_ref_or_error, primary};
use crate::syntax_kind::SyntaxKind::{self, *};

const ASSIGN_OPS: TokenSet = TokenSet::new(&[
    EQ, STAR_EQ, SLASH_EQ, PERCENT_EQ, PLUS_EQ, MINUS_EQ, SHL_EQ, SHR_EQ, AMP_EQ, CARET_EQ, PIPE_EQ,
]);

const PREFIX_OPS: TokenSet = TokenSet::new(&[
    PLUS2,
    MINUS2,
    AMP,
    STAR,
    PLUS,
    MINUS,
    TILDE,
    BANG,
    EXTENSION_KW,
    REAL_KW,
    IMAG_KW,
]);

// Each parsing function reports "expected expression" itself when there is none, and returns
// the expression's node for the caller to wrap, if the caller wants to.

/// A full expression, comma operator included.
pub(super) fn expr(p: &mut Parser<'_>) -> Option<CompletedMarker> {
    let mut lhs = assign_expr(p)?;
    while p.at(COMMA) {
        let m = lhs.precede(p);
        p.bump_any();
        assign_expr(p);
        lhs = m.complete(p, BIN_EXPR);
    }
    Some(lhs)
}

/// An assignment expression (what arguments and initializers are). Assignment is
/// right-associative: its right operand recurses, one nesting level deeper.
pub(super) fn assign_expr(p: &mut Parser<'_>) -> Option<CompletedMarker> {
    let lhs = cond_expr(p)?;
    if !p.at_ts(ASSIGN_OPS) {
        return Some(lhs);
    }
    let m = lhs.precede(p);
    p.bump_any();
    p.nested(assign_expr);
    Some(m.complete(p, BIN_EXPR))
}

/// A conditional expression (what constant expressions are): `c ? a : b` and GNU `c ?: b`;
/// the else branch recurses (right-associative).
pub(super) fn cond_expr(p: &mut Parser<'_>) -> Option<CompletedMarker> {
    let cond = binary(p, 0)?;
    if !p.at(QUESTION) {
        return Some(cond);
    }
    let m = cond.precede(p);
    p.bump_any();
    if !p.at(COLON) {
        expr(p);
    }
    p.expect(COLON);
    p.nested(cond_expr);
    Some(m.complete(p, COND_EXPR))
}

/// The binding power of a binary operator: higher binds tighter; 0 for no binary operator.
fn binding_power(kind: SyntaxKind) -> u8 {
    match kind {
        PIPE2 => 1,
        AMP2 => 2,
        PIPE => 3,
        CARET => 4,
        AMP => 5,
        EQ2 | NEQ => 6,
        LT | GT | LTEQ | GTEQ => 7,
        SHL | SHR => 8,
        PLUS | MINUS => 9,
        STAR | SLASH | PERCENT => 10,
        _ => 0,
    }
}

/// Binary operators binding tighter than `min`, left-associative. Recursion is bounded by the
/// number of precedence levels.
fn binary(p: &mut Parser<'_>, min: u8) -> Option<CompletedMarker> {
    let mut lhs = cast_expr(p)?;
    loop {
        let power = binding_power(p.current());
        if power <= min {
            break;
        }
        let m = lhs.precede(p);
        p.bump_any();
        binary(p, power);
        lhs = m.complete(p, BIN_EXPR);
    }
    Some(lhs)
}

/// A cast expression or any unary expression, one nesting level deeper (parentheses and prefix
/// operators recurse through here, so this bounds expression nesting).
pub(super) fn cast_expr(p: &mut Parser<'_>) -> Option<CompletedMarker> {
    p.nested(cast_expr_inner).flatten()
}

fn cast_expr_inner(p: &mut Parser<'_>) -> Option<CompletedMarker> {
    let kind = p.current();
    match kind {
        L_PAREN if p.nth_at(1, L_CURLY) => {
            let stmt_expr = primary::stmt_expr(p);
            Some(postfix(p, stmt_expr))
        }
        L_PAREN if starts_type_name(p, 1) => Some(cast_or_compound_literal(p)),
        AMP2 if p.nth_at(1, IDENT) => Some(label_address(p)),
        SIZEOF_KW => Some(sizeof_like(p, SIZEOF_EXPR)),
        ALIGNOF_KW => Some(sizeof_like(p, ALIGNOF_EXPR)),
        _ if PREFIX_OPS.contains(kind) => {
            let m = p.start();
            p.bump_any();
            cast_expr(p);
            Some(m.complete(p, PREFIX_EXPR))
        }
        _ => {
            let operand = primary::primary(p)?;
            Some(postfix(p, operand))
        }
    }
}

/// `(T) e` or the compound literal `(T) { ... }` (which takes postfix operators).
fn cast_or_compound_literal(p: &mut Parser<'_>) -> CompletedMarker {
    let m = p.start();
    p.bump_any();
    type_name(p);
    p.expect(R_PAREN);
    if p.at(L_CURLY) {
        initializers::init_list(p);
        let literal = m.complete(p, COMPOUND_LITERAL);
        return postfix(p, literal);
    }
    cast_expr(p);
    m.complete(p, CAST_EXPR)
}

/// GNU `&&label`.
fn label_address(p: &mut Parser<'_>) -> CompletedMarker {
    let m = p.start();
    p.bump_any();
    name_ref_or_error(p);
    m.complete(p, LABEL_ADDR_EXPR)
}

/// `sizeof e`, `sizeof (T)`, `sizeof (T){...}` (a compound literal's size), and alike for
/// `_Alignof`/`__alignof__`.
fn sizeof_like(p: &mut Parser<'_>, kind: SyntaxKind) -> CompletedMarker {
    let m = p.start();
    p.bump_any();
    if p.at(L_PAREN) && starts_type_name(p, 1) {
        let inner = p.start();
        p.bump_any();
        type_name(p);
        p.expect(R_PAREN);
        if p.at(L_CURLY) {
            initializers::init_list(p);
            let literal = inner.complete(p, COMPOUND_LITERAL);
            postfix(p, literal);
        } else {
            inner.abandon(p);
        }
    } else {
        cast_expr(p);
    }
    m.complete(p, kind)
}

/// Postfix operators after `lhs`: subscripts, calls, member access, `++`, `--`.
pub(super) fn postfix(p: &mut Parser<'_>, mut lhs: CompletedMarker) -> CompletedMarker {
    loop {
        let kind = match p.current() {
            L_BRACK => {
                let m = lhs.precede(p);
                p.bump_any();
                expr(p);
                p.expect(R_BRACK);
                (m, INDEX_EXPR)
            }
            L_PAREN => {
                let m = lhs.precede(p);
                arg_list(p);
                (m, CALL_EXPR)
            }
            DOT | ARROW => {
                let m = lhs.precede(p);
                p.bump_any();
                name_ref_or_error(p);
                (m, MEMBER_EXPR)
            }
            PLUS2 | MINUS2 => {
                let m = lhs.precede(p);
                p.bump_any();
                (m, POSTFIX_EXPR)
            }
            _ => break,
        };
        lhs = kind.0.complete(p, kind.1);
    }
    lhs
}

fn arg_list(p: &mut Parser<'_>) {
    let m = p.start();
    p.bump_any();
    if !p.at(R_PAREN) {
        loop {
            assign_expr(p);
            if !p.eat(COMMA) {
                break;
            }
        }
    }
    p.expect(R_PAREN);
    m.complete(p, ARG_LIST);
}
