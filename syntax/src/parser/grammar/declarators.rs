//! Declarators (C11 6.7.6), named and abstract, with GNU attributes in them, and parameter lists.

use super::super::scope::SavedScope;
use super::super::state::{CompletedMarker, Marker, Parser};
use super::specifiers::{QUALIFIERS, decl_specs, starts_decl_specs};
use super::{attributes, expressions, name};
use crate::syntax_kind::SyntaxKind::*;

/// Which declarators are allowed (gcc's `c_dtr_syn`).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Mode {
    /// Must declare an identifier (declarations, members).
    Named,
    /// Must not (type names).
    Abstract,
    /// Either (parameters).
    Param,
}

/// What a declarator declared.
#[derive(Default)]
pub(super) struct Declared<'t> {
    pub(super) name: Option<&'t str>,
    /// When the declarator declares a function (its identifier's first derivation is a parameter
    /// list): what that list declared, for the function's body.
    pub(super) params: Option<SavedScope<'t>>,
    /// Whether a pointer, array or function derivation applies to the identifier already.
    derived: bool,
}

/// A declarator, possibly empty when abstract.
pub(super) fn declarator<'t>(p: &mut Parser<'t>, mode: Mode, type_seen: bool) -> Declared<'t> {
    p.nested(|p| declarator_inner(p, mode, type_seen))
        .unwrap_or_default()
}

fn declarator_inner<'t>(p: &mut Parser<'t>, mode: Mode, type_seen: bool) -> Declared<'t> {
    if !p.at(STAR) {
        return direct_declarator(p, mode, type_seen);
    }
    let m = p.start();
    p.bump_any();
    pointer_qualifiers(p);
    let mut inner = declarator(p, mode, type_seen);
    m.complete(p, POINTER_DECLARATOR);
    inner.derived = true;
    inner
}

/// Qualifiers and attributes after `*`.
fn pointer_qualifiers(p: &mut Parser<'_>) {
    loop {
        if p.at_ts(QUALIFIERS) {
            p.bump_any();
        } else if p.at(ATTRIBUTE_KW) {
            attributes::attribute_spec(p);
        } else {
            break;
        }
    }
}

fn direct_declarator<'t>(p: &mut Parser<'t>, mode: Mode, type_seen: bool) -> Declared<'t> {
    let mut declared = Declared::default();
    // An identifier is the declarator's name unless it names a type and no type specifier came
    // before (then it is a type in an abstract parameter declarator: gcc's rule).
    let base = if mode != Mode::Abstract && p.at(IDENT) && (type_seen || !p.nth_is_typedef_name(0))
    {
        let m = p.start();
        declared.name = Some(p.nth_text(0));
        p.bump_any();
        Some(m.complete(p, NAME))
    } else if p.at(L_PAREN) {
        let (base, inner) = parenthesized(p, mode, type_seen);
        declared = inner;
        Some(base)
    } else {
        if mode == Mode::Named {
            p.error_expected("identifier or '('");
        }
        None
    };
    suffixes(p, base, &mut declared);
    declared
}

/// `(` after the specifiers or inside a declarator: a parenthesized declarator, or the
/// parameter list of an abstract function declarator (gcc's `c_parser_direct_declarator`: a
/// list when what follows the `(` and its attributes begins specifiers, or is `)` or `...`).
fn parenthesized<'t>(
    p: &mut Parser<'t>,
    mode: Mode,
    type_seen: bool,
) -> (CompletedMarker, Declared<'t>) {
    let m = p.start();
    p.bump_any();
    attributes::attributes(p);
    let is_param_list = starts_decl_specs(p, 0) || p.at(R_PAREN) || p.at(ELLIPSIS);
    if mode != Mode::Named && is_param_list {
        param_list_rest(p);
        let list = m.complete(p, PARAM_LIST);
        let function = list.precede(p).complete(p, FN_DECLARATOR);
        let declared = Declared {
            derived: true,
            ..Declared::default()
        };
        return (function, declared);
    }
    let inner = declarator(p, mode, type_seen);
    p.expect(R_PAREN);
    (m.complete(p, PAREN_DECLARATOR), inner)
}

/// Array and function derivations after the direct declarator's base.
fn suffixes<'t>(
    p: &mut Parser<'t>,
    mut base: Option<CompletedMarker>,
    declared: &mut Declared<'t>,
) {
    loop {
        match p.current() {
            // `[[` begins standard attributes, never an array.
            L_BRACK if !p.nth_at(1, L_BRACK) => {
                let m = precede_or_start(p, base);
                array_suffix(p);
                base = Some(m.complete(p, ARRAY_DECLARATOR));
            }
            L_PAREN => {
                let m = precede_or_start(p, base);
                let saved = param_list(p);
                base = Some(m.complete(p, FN_DECLARATOR));
                if !declared.derived && declared.name.is_some() {
                    declared.params = Some(saved);
                }
            }
            _ => break,
        }
        declared.derived = true;
    }
}

fn precede_or_start(p: &mut Parser<'_>, base: Option<CompletedMarker>) -> Marker {
    match base {
        Some(base) => base.precede(p),
        None => p.start(),
    }
}

/// `[static qualifiers size]`, `[*]`, `[]`.
fn array_suffix(p: &mut Parser<'_>) {
    p.bump_any();
    loop {
        if p.at(STATIC_KW) || p.at_ts(QUALIFIERS) {
            p.bump_any();
        } else if p.at(ATTRIBUTE_KW) {
            attributes::attribute_spec(p);
        } else {
            break;
        }
    }
    if p.at(STAR) && p.nth_at(1, R_BRACK) {
        p.bump_any();
    } else if !p.at(R_BRACK) {
        expressions::assign_expr(p);
    }
    p.expect(R_BRACK);
}

/// A parameter list in its own prototype scope, whose declarations are returned.
pub(super) fn param_list<'t>(p: &mut Parser<'t>) -> SavedScope<'t> {
    let m = p.start();
    p.bump_any();
    let saved = param_list_rest(p);
    m.complete(p, PARAM_LIST);
    saved
}

/// The parameter list after its `(`, up to and including the `)`.
fn param_list_rest<'t>(p: &mut Parser<'t>) -> SavedScope<'t> {
    p.scopes.push();
    if starts_identifier_list(p) {
        identifier_list(p);
    } else if !p.at(R_PAREN) {
        parameters(p);
    }
    if !p.eat(R_PAREN) {
        p.error_expected("';', ',' or ')'");
        skip_to_close_paren(p);
    }
    p.scopes.pop_saving()
}

/// gcc's test for an old-style identifier list: a plain identifier not followed by what would
/// make it a misspelt type name.
fn starts_identifier_list(p: &Parser<'_>) -> bool {
    let next = p.nth(1);
    p.at(IDENT)
        && !p.nth_is_typedef_name(0)
        && !matches!(next, IDENT | STAR | L_PAREN | L_BRACK)
        && !next.is_keyword()
}

fn identifier_list(p: &mut Parser<'_>) {
    loop {
        if let Some(declared) = name(p) {
            p.declare(declared, false);
        } else {
            p.error_expected("identifier");
            break;
        }
        if !p.eat(COMMA) {
            break;
        }
    }
}

fn parameters(p: &mut Parser<'_>) {
    loop {
        if p.eat(ELLIPSIS) {
            break;
        }
        if !param_decl(p) {
            break;
        }
        if !p.eat(COMMA) {
            break;
        }
    }
}

/// One parameter declaration; `false` when there was none to parse.
fn param_decl(p: &mut Parser<'_>) -> bool {
    let m = p.start();
    let specs = decl_specs(p);
    if specs.count == 0 {
        m.abandon(p);
        p.error_expected("declaration specifiers or '...'");
        return false;
    }
    let declared = declarator(p, Mode::Param, specs.type_seen);
    if let Some(declared) = declared.name {
        p.declare(declared, false);
    }
    attributes::attributes(p);
    m.complete(p, PARAM_DECL);
    true
}

/// Recovery in a broken parameter list: skips up to its `)` (included), stopping before
/// anything that ends the declaration.
fn skip_to_close_paren(p: &mut Parser<'_>) {
    let m = p.start();
    let mut depth = 0usize;
    loop {
        match p.current() {
            EOF => break,
            SEMICOLON | L_CURLY | R_CURLY if depth == 0 => break,
            R_PAREN if depth == 0 => {
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
