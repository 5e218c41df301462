//! External declarations, declarations (file and block scope alike), function definitions
//! (nested ones too, a GNU extension; K&R parameter declarations included), static assertions.

use super::super::scope::SavedScope;
use super::super::state::Parser;
use super::declarators::{self, Mode};
use super::specifiers::{Specs, decl_specs, starts_decl_specs};
use super::{
    asm, attributes, expressions, initializers, name, primary, skip_to_end_of_statement, statements,
};
use crate::syntax_kind::SyntaxKind::*;

/// One external declaration (gcc's `c_parser_external_declaration`).
pub(super) fn external_declaration(p: &mut Parser<'_>) {
    if p.at_pragma() {
        pragma(p);
        return;
    }
    match p.current() {
        SEMICOLON => empty_decl(p),
        HASH => ident_directive(p),
        ASM_KW => asm::asm_stmt(p),
        STATIC_ASSERT_KW => static_assert(p),
        // Implicit `int` lets a declaration begin with its declarator: `x;`, `*p;`, `f() {}`.
        IDENT | STAR | L_PAREN | EXTENSION_KW => declaration(p),
        _ if starts_decl_specs(p, 0) || attributes::at_attribute(p, 0) => declaration(p),
        _ => {
            let message = format!("expected identifier or '(' {}", p.describe_current());
            p.err_and_bump(message);
        }
    }
}

/// A declaration or a function definition (gcc's `c_parser_declaration_or_fndef`): which one is
/// known after the first declarator.
pub(super) fn declaration(p: &mut Parser<'_>) {
    let m = p.start();
    while p.eat(EXTENSION_KW) {}
    let specs = decl_specs(p);
    if p.eat(SEMICOLON) {
        m.complete(p, DECLARATION);
        return;
    }
    if first_declarator(p, specs) {
        m.complete(p, FUNCTION_DEF);
        return;
    }
    while p.eat(COMMA) {
        let d = p.start();
        // GNU: attributes before a later declarator apply to it alone.
        attributes::attributes(p);
        let declared = declarators::declarator(p, Mode::Named, specs.type_seen);
        init_declarator_rest(p, declared.name, specs);
        d.complete(p, INIT_DECLARATOR);
    }
    if !p.eat(SEMICOLON) {
        p.error_expected("',' or ';'");
        // A missing `;` before what begins another declaration costs nothing else.
        if !starts_decl_specs(p, 0) {
            skip_to_end_of_statement(p);
        }
    }
    m.complete(p, DECLARATION);
}

/// The first declarator, with its body when it turns out to be a function definition's
/// (returns `true` then), else as an init-declarator.
fn first_declarator(p: &mut Parser<'_>, specs: Specs) -> bool {
    let d = p.start();
    let declared = declarators::declarator(p, Mode::Named, specs.type_seen);
    if starts_function_body(p)
        && let Some(params) = &declared.params
    {
        d.abandon(p);
        if let Some(name) = declared.name {
            p.declare(name, false);
        }
        function_body(p, params);
        return true;
    }
    init_declarator_rest(p, declared.name, specs);
    d.complete(p, INIT_DECLARATOR);
    false
}

/// After a declarator, what makes it a function definition: its body, or K&R parameter
/// declarations before it. Attributes there belong to the declaration (gcc rejects them on a
/// definition).
fn starts_function_body(p: &Parser<'_>) -> bool {
    p.at(L_CURLY) || (starts_decl_specs(p, 0) && !attributes::at_attribute(p, 0))
}

/// Declares the declarator's identifier, then parses the asm label, attributes, initializer.
fn init_declarator_rest<'t>(p: &mut Parser<'t>, name: Option<&'t str>, specs: Specs) {
    // The identifier is in scope from the end of its declarator: its initializer sees it.
    if let Some(name) = name {
        p.declare(name, specs.typedef);
    }
    if p.at(ASM_KW) {
        attributes::asm_label(p);
    }
    attributes::attributes(p);
    if p.eat(EQ) {
        initializers::initializer(p);
    } else if !matches!(p.current(), COMMA | SEMICOLON) {
        p.error_expected("'=', ',', ';', 'asm' or '__attribute__'");
    }
}

/// K&R parameter declarations and the body, in the scope of the function's parameters.
fn function_body<'t>(p: &mut Parser<'t>, params: &SavedScope<'t>) {
    p.scopes.push();
    p.scopes.replay(params);
    while !p.at(L_CURLY) && starts_decl_specs(p, 0) {
        declaration(p);
    }
    statements::compound_stmt(p);
    p.scopes.pop();
}

pub(super) fn empty_decl(p: &mut Parser<'_>) {
    let m = p.start();
    p.bump_any();
    m.complete(p, EMPTY_DECL);
}

/// A pragma where declarations and statements stand (elsewhere pragmas are tokens of the
/// node they stand in).
pub(super) fn pragma(p: &mut Parser<'_>) {
    let m = p.start();
    p.bump_pragma();
    m.complete(p, PRAGMA_ITEM);
}

/// `#ident "text"` (or `#sccs`), which gcc's preprocessor passes on to the compiler.
fn ident_directive(p: &mut Parser<'_>) {
    let is_ident = p.nth_at(1, IDENT) && matches!(p.nth_text(1), "ident" | "sccs");
    if !is_ident || !p.nth_at(2, STRING) {
        let message = format!("stray '{}' in program", p.nth_text(0));
        p.err_and_bump(message);
        return;
    }
    let m = p.start();
    p.bump_any();
    p.bump_any();
    primary::string_literal_or_error(p);
    m.complete(p, IDENT_DIRECTIVE);
}

/// `_Static_assert (expr, "message");` (the message is optional since C2x; gcc 12 takes it).
pub(super) fn static_assert(p: &mut Parser<'_>) {
    let m = p.start();
    p.bump_any();
    if p.expect(L_PAREN) {
        expressions::cond_expr(p);
        if p.eat(COMMA) {
            primary::string_literal_or_error(p);
        }
        p.expect(R_PAREN);
    }
    if !p.eat(SEMICOLON) {
        p.error_expected("';'");
        skip_to_end_of_statement(p);
    }
    m.complete(p, STATIC_ASSERT);
}

/// `__label__ a, b;`: local labels of a block (labels are no ordinary identifiers).
pub(super) fn label_decl(p: &mut Parser<'_>) {
    let m = p.start();
    p.bump_any();
    loop {
        if name(p).is_none() {
            p.error_expected("identifier");
            break;
        }
        if !p.eat(COMMA) {
            break;
        }
    }
    if !p.eat(SEMICOLON) {
        p.error_expected("';'");
        skip_to_end_of_statement(p);
    }
    m.complete(p, LABEL_DECL);
}
