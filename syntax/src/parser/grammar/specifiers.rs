//! Declaration specifiers (C11 6.7.1-6.7.5 and GNU extensions) and type names (6.7.7).

use super::super::state::Parser;
use super::super::token_set::TokenSet;
use super::{
    attributes, declarations, declarators, ensure_progress, expressions, name,
    skip_to_end_of_statement,
};
use crate::syntax_kind::SyntaxKind::{self, *};

pub(super) const STORAGE_CLASS: TokenSet = TokenSet::new(&[
    TYPEDEF_KW,
    EXTERN_KW,
    STATIC_KW,
    AUTO_KW,
    REGISTER_KW,
    THREAD_LOCAL_KW,
    CONSTEXPR_KW,
]);

/// Type qualifiers, named address spaces included (gcc treats `__seg_gs` as a qualifier).
pub(super) const QUALIFIERS: TokenSet = TokenSet::new(&[
    CONST_KW,
    VOLATILE_KW,
    RESTRICT_KW,
    ATOMIC_KW,
    SEG_FS_KW,
    SEG_GS_KW,
]);

const FUNCTION_SPECIFIERS: TokenSet = TokenSet::new(&[INLINE_KW, NORETURN_KW]);

/// Type specifiers that are one keyword.
const SIMPLE_TYPE_SPECIFIERS: TokenSet = TokenSet::new(&[
    VOID_KW,
    CHAR_KW,
    SHORT_KW,
    INT_KW,
    LONG_KW,
    FLOAT_KW,
    DOUBLE_KW,
    SIGNED_KW,
    UNSIGNED_KW,
    BOOL_KW,
    COMPLEX_KW,
    INT128_KW,
    FLOAT16_KW,
    FLOAT32_KW,
    FLOAT64_KW,
    FLOAT128_KW,
    FLOAT32X_KW,
    FLOAT64X_KW,
    FLOAT128X_KW,
    GNU_FLOAT128_KW,
    FLOAT80_KW,
    BF16_KW,
    DECIMAL32_KW,
    DECIMAL64_KW,
    DECIMAL128_KW,
    DECIMAL64X_KW,
    AUTO_TYPE_KW,
]);

/// Keyword specifiers that are no type specifiers (`typedef` aside).
const OTHER_KEYWORD_SPECIFIERS: TokenSet =
    STORAGE_CLASS.union(QUALIFIERS).union(FUNCTION_SPECIFIERS);

/// Keywords that begin a type name (gcc's `c_token_starts_typename`).
const TYPE_NAME_KEYWORDS: TokenSet = SIMPLE_TYPE_SPECIFIERS
    .union(QUALIFIERS)
    .union(TokenSet::new(&[
        STRUCT_KW,
        UNION_KW,
        ENUM_KW,
        TYPEOF_KW,
        TYPEOF_UNQUAL_KW,
        BITINT_KW,
        ATTRIBUTE_KW,
    ]));

/// Keywords that begin declaration specifiers (gcc's `c_token_starts_declspecs`).
const DECL_SPEC_KEYWORDS: TokenSet = TYPE_NAME_KEYWORDS
    .union(STORAGE_CLASS)
    .union(FUNCTION_SPECIFIERS)
    .union(TokenSet::new(&[ALIGNAS_KW]));

/// Whether token `n` begins declaration specifiers.
pub(super) fn starts_decl_specs(p: &Parser<'_>, n: usize) -> bool {
    DECL_SPEC_KEYWORDS.contains(p.nth(n)) || p.nth_is_typedef_name(n)
}

/// Whether token `n` begins a type name: what makes `(T)x` a cast and `sizeof (T)` a type's size.
pub(super) fn starts_type_name(p: &Parser<'_>, n: usize) -> bool {
    TYPE_NAME_KEYWORDS.contains(p.nth(n)) || p.nth_is_typedef_name(n)
}

/// What the declaration specifiers said that the rest of the declaration depends on.
#[derive(Default, Clone, Copy)]
pub(super) struct Specs {
    /// `typedef` was among them: the declarators declare typedef names.
    pub(super) typedef: bool,
    /// A type specifier was seen: an identifier after it is a declarator even if it names a type.
    pub(super) type_seen: bool,
    /// How many specifiers (attributes included) there were.
    pub(super) count: u32,
}

/// Declaration specifiers (gcc's `c_parser_declspecs`), as one `DECL_SPECS` node, if any.
pub(super) fn decl_specs(p: &mut Parser<'_>) -> Specs {
    p.nested(decl_specs_inner).unwrap_or_default()
}

fn decl_specs_inner(p: &mut Parser<'_>) -> Specs {
    let m = p.start();
    let mut specs = Specs::default();
    while let Some(spec) = decl_spec(p, specs.type_seen) {
        specs.count += 1;
        specs.typedef |= spec == Spec::Typedef;
        specs.type_seen |= spec == Spec::Type;
    }
    if specs.count == 0 {
        m.abandon(p);
    } else {
        m.complete(p, DECL_SPECS);
    }
    specs
}

/// What a specifier is, as far as the rest of the declaration cares.
#[derive(PartialEq, Eq)]
enum Spec {
    Typedef,
    Type,
    Other,
}

/// One declaration specifier, or `None` at the first token that is none.
fn decl_spec(p: &mut Parser<'_>, type_seen: bool) -> Option<Spec> {
    let kind = p.current();
    let spec = match kind {
        TYPEDEF_KW => bump(p, Spec::Typedef),
        ATOMIC_KW if p.nth_at(1, L_PAREN) => {
            parenthesized_spec(p, ATOMIC_TYPE_SPEC);
            Spec::Type
        }
        STRUCT_KW | UNION_KW => {
            struct_spec(p);
            Spec::Type
        }
        ENUM_KW => {
            enum_spec(p);
            Spec::Type
        }
        TYPEOF_KW | TYPEOF_UNQUAL_KW => {
            parenthesized_spec(p, TYPEOF_SPEC);
            Spec::Type
        }
        BITINT_KW => {
            bitint_spec(p);
            Spec::Type
        }
        ALIGNAS_KW => {
            parenthesized_spec(p, ALIGNAS_SPEC);
            Spec::Other
        }
        ATTRIBUTE_KW => {
            attributes::attribute_spec(p);
            Spec::Other
        }
        L_BRACK if p.nth_at(1, L_BRACK) => {
            attributes::std_attribute_spec(p);
            Spec::Other
        }
        // A typedef name is a type specifier only while no type specifier was seen: in
        // `T T;` the second `T` is the declarator (gcc's rule).
        IDENT if !type_seen && p.nth_is_typedef_name(0) => {
            typedef_name(p);
            Spec::Type
        }
        // Two identifiers in a row: the first must be a type whose declaration is missing.
        IDENT if !type_seen && p.nth_at(1, IDENT) => {
            let message = format!("unknown type name '{}'", p.nth_text(0));
            p.error(message);
            typedef_name(p);
            Spec::Type
        }
        _ if SIMPLE_TYPE_SPECIFIERS.contains(kind) => bump(p, Spec::Type),
        _ if OTHER_KEYWORD_SPECIFIERS.contains(kind) => bump(p, Spec::Other),
        _ => return None,
    };
    Some(spec)
}

fn typedef_name(p: &mut Parser<'_>) {
    let m = p.start();
    p.bump_any();
    m.complete(p, TYPEDEF_NAME);
}

fn bump(p: &mut Parser<'_>, spec: Spec) -> Spec {
    p.bump_any();
    spec
}

/// `typeof (T or e)`, `_Atomic (T)`, `_Alignas (T or e)`.
fn parenthesized_spec(p: &mut Parser<'_>, kind: SyntaxKind) {
    let m = p.start();
    p.bump_any();
    if p.expect(L_PAREN) {
        type_name_or_expr(p);
        p.expect(R_PAREN);
    }
    m.complete(p, kind);
}

/// `_BitInt ( constant-expression )`.
fn bitint_spec(p: &mut Parser<'_>) {
    let m = p.start();
    p.bump_any();
    if p.expect(L_PAREN) {
        expressions::expr(p);
        p.expect(R_PAREN);
    }
    m.complete(p, BITINT_SPEC);
}

/// A type name if one starts here, else an expression (in `typeof`, `_Alignas`, attributes).
pub(super) fn type_name_or_expr(p: &mut Parser<'_>) {
    if starts_type_name(p, 0) {
        type_name(p);
    } else {
        expressions::expr(p);
    }
}

/// `struct` or `union`, attributes, tag, members, attributes after the closing brace.
fn struct_spec(p: &mut Parser<'_>) {
    tag_spec(p, STRUCT_SPEC, member_list);
}

/// A tagged type's specifier: the keyword, attributes, an optional tag, an optional body
/// (required without a tag), attributes after the body.
fn tag_spec(p: &mut Parser<'_>, kind: SyntaxKind, body: fn(&mut Parser<'_>)) {
    let m = p.start();
    p.bump_any();
    attributes::attributes(p);
    let named = p.at(IDENT);
    if named {
        name(p);
    }
    if p.at(L_CURLY) {
        body(p);
        attributes::attributes(p);
    } else if !named {
        p.error_expected("'{'");
    }
    m.complete(p, kind);
}

fn member_list(p: &mut Parser<'_>) {
    let m = p.start();
    p.bump_any();
    while (!p.at(R_CURLY) && !p.at(EOF)) || p.at_pragma() {
        let before = p.pos();
        member_decl(p);
        ensure_progress(p, before);
    }
    p.expect(R_CURLY);
    m.complete(p, MEMBER_LIST);
}

/// One struct-declaration (gcc's `c_parser_struct_declaration`), an extra `;`, a pragma or a
/// static assertion.
fn member_decl(p: &mut Parser<'_>) {
    if p.at_pragma() {
        declarations::pragma(p);
        return;
    }
    match p.current() {
        SEMICOLON => declarations::empty_decl(p),
        STATIC_ASSERT_KW => declarations::static_assert(p),
        _ => member_declaration(p),
    }
}

fn member_declaration(p: &mut Parser<'_>) {
    let m = p.start();
    while p.eat(EXTENSION_KW) {}
    let specs = decl_specs(p);
    if specs.count == 0 {
        p.error_expected("specifier-qualifier-list");
        skip_to_end_of_statement(p);
        m.complete(p, MEMBER_DECL);
        return;
    }
    if !p.at(SEMICOLON) && !p.at(R_CURLY) {
        loop {
            member_declarator(p, specs.type_seen);
            if !p.eat(COMMA) {
                break;
            }
        }
    }
    // gcc accepts a missing `;` before the closing brace (with a pedantic warning).
    if !p.eat(SEMICOLON) && !p.at(R_CURLY) {
        p.error_expected("':', ',', ';', '}' or '__attribute__'");
        skip_to_end_of_statement(p);
    }
    m.complete(p, MEMBER_DECL);
}

/// A declarator, a bit-field width or both, with attributes around the width.
fn member_declarator(p: &mut Parser<'_>, type_seen: bool) {
    let m = p.start();
    if !p.at(COLON) {
        declarators::declarator(p, declarators::Mode::Named, type_seen);
    }
    attributes::attributes(p);
    if p.eat(COLON) {
        expressions::cond_expr(p);
        attributes::attributes(p);
    }
    m.complete(p, MEMBER_DECLARATOR);
}

fn enum_spec(p: &mut Parser<'_>) {
    tag_spec(p, ENUM_SPEC, enumerator_list);
}

fn enumerator_list(p: &mut Parser<'_>) {
    let m = p.start();
    p.bump_any();
    while !p.at(R_CURLY) && !p.at(EOF) {
        if !p.at(IDENT) {
            p.error_expected("identifier");
            skip_enumerator(p);
        } else {
            enumerator(p);
        }
        if !p.eat(COMMA) {
            break;
        }
    }
    if !p.eat(R_CURLY) {
        p.error_expected("',' or '}'");
        skip_enumerator(p);
        p.eat(R_CURLY);
    }
    m.complete(p, ENUMERATOR_LIST);
}

fn enumerator(p: &mut Parser<'_>) {
    let m = p.start();
    let declared = name(p);
    attributes::attributes(p);
    if p.eat(EQ) {
        expressions::cond_expr(p);
    }
    // An enumeration constant is an ordinary identifier: it hides a typedef of its name.
    if let Some(declared) = declared {
        p.declare(declared, false);
    }
    m.complete(p, ENUMERATOR);
}

/// Skips a broken enumerator up to the next `,` or `}` (balanced).
fn skip_enumerator(p: &mut Parser<'_>) {
    let m = p.start();
    let mut depth = 0usize;
    loop {
        match p.current() {
            EOF => break,
            COMMA | R_CURLY if depth == 0 => break,
            SEMICOLON if depth == 0 => break,
            L_PAREN | L_BRACK | L_CURLY => depth += 1,
            R_PAREN | R_BRACK | R_CURLY => depth = depth.saturating_sub(1),
            _ => {}
        }
        p.bump_any();
    }
    m.complete(p, ERROR);
}

/// A type name: specifiers and qualifiers, then an optional abstract declarator.
pub(super) fn type_name(p: &mut Parser<'_>) {
    let m = p.start();
    let specs = decl_specs(p);
    if specs.count == 0 {
        p.error_expected("specifier-qualifier-list");
    }
    declarators::declarator(p, declarators::Mode::Abstract, specs.type_seen);
    m.complete(p, TYPE_NAME);
}
