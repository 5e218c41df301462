//! Statements and blocks (C11 6.8) with GNU extensions: case ranges, local labels, computed
//! goto, attribute statements, labels before declarations and closing braces.

use super::super::state::{Marker, Parser};
use super::specifiers::starts_decl_specs;
use super::{asm, attributes, declarations, ensure_progress, expressions, name, name_ref_or_error};
use crate::syntax_kind::SyntaxKind::{self, *};

/// `{ block-items }`, a scope of its own, one nesting level deeper (nested functions recurse
/// through here).
pub(super) fn compound_stmt(p: &mut Parser<'_>) {
    p.nested(compound_stmt_inner);
}

fn compound_stmt_inner(p: &mut Parser<'_>) {
    let m = p.start();
    if !p.expect(L_CURLY) {
        m.abandon(p);
        return;
    }
    p.scopes.push();
    while (!p.at(R_CURLY) && !p.at(EOF)) || p.at_pragma() {
        let before = p.pos();
        block_item(p);
        ensure_progress(p, before);
    }
    p.scopes.pop();
    p.expect(R_CURLY);
    m.complete(p, COMPOUND_STMT);
}

/// A declaration or a statement (gcc's `c_parser_compound_statement_nostart`).
fn block_item(p: &mut Parser<'_>) {
    if p.at_pragma() {
        declarations::pragma(p);
        return;
    }
    match p.current() {
        STATIC_ASSERT_KW => declarations::static_assert(p),
        LABEL_KW => declarations::label_decl(p),
        _ if starts_block_declaration(p) => declarations::declaration(p),
        _ => statement(p),
    }
}

fn starts_block_declaration(p: &Parser<'_>) -> bool {
    match p.current() {
        // `T:` is a label even when `T` names a type; `t x` declares `x` of an unknown type.
        IDENT => (p.nth_is_typedef_name(0) && !p.nth_at(1, COLON)) || p.nth_at(1, IDENT),
        EXTENSION_KW => {
            let mut n = 1;
            while p.nth_at(n, EXTENSION_KW) {
                n += 1;
            }
            starts_decl_specs(p, n)
        }
        _ if attributes::at_attribute(p, 0) => !is_attribute_statement(p),
        _ => starts_decl_specs(p, 0),
    }
}

/// Whether the attributes at the current token are followed by `;` (a statement such as
/// `__attribute__((fallthrough));`) rather than by a declaration; or, when C23 attributes are
/// among them, by anything that does not start a declaration (`[[gnu::cold]] {}`), as gcc's
/// `c_parser_compound_statement_nostart` decides after reading them.
fn is_attribute_statement(p: &Parser<'_>) -> bool {
    let mut n = 0;
    let mut standard = false;
    loop {
        if p.nth_at(n, ATTRIBUTE_KW) {
            n = skip_balanced(p, n + 1);
        } else if p.nth_at(n, L_BRACK) && p.nth_at(n + 1, L_BRACK) {
            standard = true;
            n = skip_balanced(p, n);
        } else {
            let declaration = starts_decl_specs(p, n)
                || matches!(p.nth(n), EXTENSION_KW | STATIC_ASSERT_KW)
                || (p.nth_at(n, IDENT) && p.nth_at(n + 1, IDENT));
            return p.nth_at(n, SEMICOLON) || (standard && !declaration);
        }
    }
}

/// The index after the bracketed group starting at token `n` (or `n` if none starts there).
fn skip_balanced(p: &Parser<'_>, mut n: usize) -> usize {
    let mut depth = 0usize;
    loop {
        match p.nth(n) {
            EOF => return n,
            L_PAREN | L_BRACK | L_CURLY => depth += 1,
            R_PAREN | R_BRACK | R_CURLY => depth = depth.saturating_sub(1),
            _ if depth == 0 => return n,
            _ => {}
        }
        n += 1;
        if depth == 0 {
            return n;
        }
    }
}

/// A statement, one nesting level deeper.
pub(super) fn statement(p: &mut Parser<'_>) {
    p.nested(statement_inner);
}

fn statement_inner(p: &mut Parser<'_>) {
    match p.current() {
        L_CURLY => compound_stmt(p),
        IDENT if p.nth_at(1, COLON) => labeled(p),
        CASE_KW | DEFAULT_KW => labeled(p),
        IF_KW => if_stmt(p),
        SWITCH_KW => keyword_paren_stmt(p, SWITCH_STMT),
        WHILE_KW => keyword_paren_stmt(p, WHILE_STMT),
        DO_KW => do_stmt(p),
        FOR_KW => for_stmt(p),
        GOTO_KW => goto_stmt(p),
        CONTINUE_KW => keyword_stmt(p, CONTINUE_STMT),
        BREAK_KW => keyword_stmt(p, BREAK_STMT),
        RETURN_KW => return_stmt(p),
        ASM_KW => asm::asm_stmt(p),
        SEMICOLON => keyword_stmt(p, EMPTY_STMT),
        _ if attributes::at_attribute(p, 0) => attribute_stmt(p),
        _ => expr_stmt(p),
    }
}

/// Labels (`name:`, `case a ... b:`, `default:`) and what they label. A run of labels is parsed
/// in a loop, not by recursion: switches with thousands of `case`s are common.
fn labeled(p: &mut Parser<'_>) {
    let mut labels: Vec<(Marker, SyntaxKind)> = Vec::new();
    loop {
        let kind = match p.current() {
            IDENT if p.nth_at(1, COLON) => LABELED_STMT,
            CASE_KW => CASE_STMT,
            DEFAULT_KW => DEFAULT_STMT,
            _ => break,
        };
        let m = p.start();
        label(p, kind);
        labels.push((m, kind));
    }
    // A label may stand before a declaration or a closing brace (C2x; gcc accepts both).
    if !p.at(R_CURLY) {
        block_item(p);
    }
    for (m, kind) in labels.into_iter().rev() {
        m.complete(p, kind);
    }
}

fn label(p: &mut Parser<'_>, kind: SyntaxKind) {
    match kind {
        LABELED_STMT => {
            name(p);
            p.bump_any();
            attributes::attributes(p);
        }
        CASE_STMT => {
            p.bump_any();
            expressions::cond_expr(p);
            if p.eat(ELLIPSIS) {
                expressions::cond_expr(p);
            }
            p.expect(COLON);
        }
        _ => {
            p.bump_any();
            p.expect(COLON);
        }
    }
}

/// `if (c) s else if (d) t else u`: an `else if` chain is parsed in a loop, each `if` nested in
/// the previous one's `else`.
fn if_stmt(p: &mut Parser<'_>) {
    let mut open = Vec::new();
    loop {
        let m = p.start();
        p.bump_any();
        parenthesized_condition(p);
        statement(p);
        open.push(m);
        if !p.eat(ELSE_KW) {
            break;
        }
        if !p.at(IF_KW) {
            statement(p);
            break;
        }
    }
    for m in open.into_iter().rev() {
        m.complete(p, IF_STMT);
    }
}

fn parenthesized_condition(p: &mut Parser<'_>) {
    if p.expect(L_PAREN) {
        expressions::expr(p);
        p.expect(R_PAREN);
    }
}

/// `switch (e) s`, `while (e) s`.
fn keyword_paren_stmt(p: &mut Parser<'_>, kind: SyntaxKind) {
    let m = p.start();
    p.bump_any();
    parenthesized_condition(p);
    statement(p);
    m.complete(p, kind);
}

fn do_stmt(p: &mut Parser<'_>) {
    let m = p.start();
    p.bump_any();
    statement(p);
    if p.expect(WHILE_KW) {
        parenthesized_condition(p);
        p.expect(SEMICOLON);
    }
    m.complete(p, DO_STMT);
}

/// `for (init; cond; step) body`; a declaration as `init` is scoped to the statement.
fn for_stmt(p: &mut Parser<'_>) {
    let m = p.start();
    p.bump_any();
    p.scopes.push();
    if p.expect(L_PAREN) {
        if starts_block_declaration(p) {
            declarations::declaration(p);
        } else {
            optional_expr_then(p, SEMICOLON);
        }
        optional_expr_then(p, SEMICOLON);
        optional_expr_then(p, R_PAREN);
    }
    statement(p);
    p.scopes.pop();
    m.complete(p, FOR_STMT);
}

fn optional_expr_then(p: &mut Parser<'_>, end: SyntaxKind) {
    if !p.at(end) {
        expressions::expr(p);
    }
    p.expect(end);
}

/// `goto label;` or `goto *expr;`.
fn goto_stmt(p: &mut Parser<'_>) {
    let m = p.start();
    p.bump_any();
    if p.eat(STAR) {
        expressions::expr(p);
    } else {
        name_ref_or_error(p);
    }
    p.expect(SEMICOLON);
    m.complete(p, GOTO_STMT);
}

/// `break;`, `continue;`, `;`.
fn keyword_stmt(p: &mut Parser<'_>, kind: SyntaxKind) {
    let m = p.start();
    p.bump_any();
    if kind != EMPTY_STMT {
        p.expect(SEMICOLON);
    }
    m.complete(p, kind);
}

fn return_stmt(p: &mut Parser<'_>) {
    let m = p.start();
    p.bump_any();
    if !p.at(SEMICOLON) {
        expressions::expr(p);
    }
    p.expect(SEMICOLON);
    m.complete(p, RETURN_STMT);
}

/// `__attribute__((fallthrough));`, or C23's attributes of a statement (`[[gnu::cold]] {}`),
/// which hold the statement.
fn attribute_stmt(p: &mut Parser<'_>) {
    let m = p.start();
    let standard = p.at(L_BRACK);
    attributes::attributes(p);
    if standard && !p.at(SEMICOLON) {
        statement(p);
    } else {
        p.expect(SEMICOLON);
    }
    m.complete(p, ATTRIBUTE_STMT);
}

fn expr_stmt(p: &mut Parser<'_>) {
    let m = p.start();
    expressions::expr(p);
    p.expect(SEMICOLON);
    m.complete(p, EXPR_STMT);
}
