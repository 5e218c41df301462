//! Primary expressions: identifiers, constants, string literals, parentheses, GNU statement
//! expressions, `_Generic`, and gcc's built-in forms that take type names.

use super::super::state::{CompletedMarker, Marker, Parser};
use super::super::token_set::TokenSet;
use super::specifiers::{starts_type_name, type_name};
use super::{CLOSERS, attributes, expressions, name_ref_or_error, statements};
use crate::syntax_kind::SyntaxKind::{self, *};

/// Where a missing expression is reported without consuming the token: it ends something, so
/// the enclosing construct can recover there.
const KEEP_ON_ERROR: TokenSet = CLOSERS.union(TokenSet::new(&[L_CURLY, COLON, EOF]));

pub(super) fn primary(p: &mut Parser<'_>) -> Option<CompletedMarker> {
    let m = p.start();
    let kind = match p.current() {
        IDENT => {
            p.bump_any();
            IDENT_EXPR
        }
        // C23's `true`, `false` and `nullptr` are constants like numbers.
        NUMBER | CHAR | TRUE_KW | FALSE_KW | NULLPTR_KW => {
            p.bump_any();
            LITERAL
        }
        STRING => {
            strings(p);
            LITERAL
        }
        L_PAREN => {
            p.bump_any();
            expressions::expr(p);
            p.expect(R_PAREN);
            PAREN_EXPR
        }
        GENERIC_KW => return Some(generic_selection(p, m)),
        BUILTIN_OFFSETOF_KW => return Some(offsetof(p, m)),
        BUILTIN_VA_ARG_KW => return Some(builtin(p, m, &[Arg::Expr, Arg::Type], VA_ARG_EXPR)),
        BUILTIN_TYPES_COMPATIBLE_P_KW => {
            return Some(builtin(
                p,
                m,
                &[Arg::Type, Arg::Type],
                TYPES_COMPATIBLE_EXPR,
            ));
        }
        BUILTIN_CHOOSE_EXPR_KW => {
            let args = [Arg::Expr, Arg::Expr, Arg::Expr];
            return Some(builtin(p, m, &args, CHOOSE_EXPR));
        }
        BUILTIN_CONVERTVECTOR_KW => {
            return Some(builtin(p, m, &[Arg::Expr, Arg::Type], CONVERTVECTOR_EXPR));
        }
        BUILTIN_HAS_ATTRIBUTE_KW => {
            let args = [Arg::TypeOrExpr, Arg::Attribute];
            return Some(builtin(p, m, &args, HAS_ATTRIBUTE_EXPR));
        }
        _ => {
            m.abandon(p);
            expected_expression(p);
            return None;
        }
    };
    Some(m.complete(p, kind))
}

/// Reports a missing expression; a token that cannot continue anything is skipped, so that
/// lists and statements make progress.
fn expected_expression(p: &mut Parser<'_>) {
    p.error_expected("expression");
    if !p.at_ts(KEEP_ON_ERROR) && !p.current().is_keyword() {
        p.bump_error();
    }
}

/// Adjacent string literals, which concatenate.
fn strings(p: &mut Parser<'_>) {
    while p.at(STRING) {
        p.bump_any();
    }
}

/// A string literal as a `LITERAL` node (asm templates, asm labels, static assertion messages).
pub(super) fn string_literal_or_error(p: &mut Parser<'_>) {
    if !p.at(STRING) {
        p.error_expected("string literal");
        return;
    }
    let m = p.start();
    strings(p);
    m.complete(p, LITERAL);
}

/// GNU `({ ... })`.
pub(super) fn stmt_expr(p: &mut Parser<'_>) -> CompletedMarker {
    let m = p.start();
    p.bump_any();
    statements::compound_stmt(p);
    p.expect(R_PAREN);
    m.complete(p, STMT_EXPR)
}

/// `_Generic (e, T: e, default: e)`.
fn generic_selection(p: &mut Parser<'_>, m: Marker) -> CompletedMarker {
    p.bump_any();
    if p.expect(L_PAREN) {
        expressions::assign_expr(p);
        while p.eat(COMMA) {
            generic_assoc(p);
        }
        p.expect(R_PAREN);
    }
    m.complete(p, GENERIC_SELECTION)
}

fn generic_assoc(p: &mut Parser<'_>) {
    let m = p.start();
    if !p.eat(DEFAULT_KW) {
        type_name(p);
    }
    p.expect(COLON);
    expressions::assign_expr(p);
    m.complete(p, GENERIC_ASSOC);
}

/// `__builtin_offsetof (T, a.b[i].c)`.
fn offsetof(p: &mut Parser<'_>, m: Marker) -> CompletedMarker {
    p.bump_any();
    if p.expect(L_PAREN) {
        type_name(p);
        if p.expect(COMMA) {
            offsetof_designator(p);
        }
        p.expect(R_PAREN);
    }
    m.complete(p, OFFSETOF_EXPR)
}

fn offsetof_designator(p: &mut Parser<'_>) {
    let m = p.start();
    name_ref_or_error(p);
    loop {
        match p.current() {
            DOT | ARROW => {
                p.bump_any();
                name_ref_or_error(p);
            }
            L_BRACK => {
                p.bump_any();
                expressions::expr(p);
                p.expect(R_BRACK);
            }
            _ => break,
        }
    }
    m.complete(p, OFFSETOF_DESIGNATOR);
}

/// An argument of a built-in form.
#[derive(Clone, Copy)]
enum Arg {
    Expr,
    Type,
    TypeOrExpr,
    /// An attribute as inside `__attribute__((...))`.
    Attribute,
}

/// A built-in form: the keyword, then its arguments in parentheses, each as `args` says.
fn builtin(p: &mut Parser<'_>, m: Marker, args: &[Arg], kind: SyntaxKind) -> CompletedMarker {
    p.bump_any();
    if p.expect(L_PAREN) {
        for (i, arg) in args.iter().enumerate() {
            if i > 0 && !p.expect(COMMA) {
                break;
            }
            match arg {
                Arg::Expr => {
                    expressions::assign_expr(p);
                }
                Arg::Type => type_name(p),
                Arg::TypeOrExpr if starts_type_name(p, 0) => type_name(p),
                Arg::TypeOrExpr => {
                    expressions::assign_expr(p);
                }
                Arg::Attribute => attributes::attribute_or_error(p),
            }
        }
        p.expect(R_PAREN);
    }
    m.complete(p, kind)
}
