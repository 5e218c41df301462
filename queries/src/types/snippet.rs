//! C text that is not part of a TU, parsed: a constant expression a user asks about, the
//! declaration of a gcc builtin. The text is lexed and parsed without preprocessing.

use syntax::ast::{AstNode, ExternalDecl, TranslationUnit};
use syntax::lexer::{lex, with_digit_separators};
use syntax::parser::parse;
use syntax::syntax_kind::{Dialect, SyntaxKind};

use super::error::{TypeError, TypeResult};

/// The last top-level item of `source`, which must parse without errors.
pub(super) fn last_item(source: &str) -> TypeResult<ExternalDecl> {
    last_item_in(source, Dialect::default())
}

/// The last top-level item of `source` read with the keywords of `dialect`.
pub(super) fn last_item_in(source: &str, dialect: Dialect) -> TypeResult<ExternalDecl> {
    let mut lexed = lex(source);
    if dialect.c23
        && let Some(separated) = with_digit_separators(&lexed)
    {
        lexed = separated;
    }
    let input: Vec<(SyntaxKind, &str)> = lexed
        .tokens
        .iter()
        .map(|t| {
            let spelling = lexed.spelling(&t);
            (
                SyntaxKind::from_token_in(t.kind, spelling, dialect),
                spelling,
            )
        })
        .collect();
    let parsed = parse(&input);
    if let Some(error) = parsed.errors.first() {
        return Err(TypeError::new(format!(
            "cannot parse `{source}`: {}",
            error.message
        )));
    }
    TranslationUnit::cast(parsed.syntax_node())
        .and_then(|tu| tu.items().last())
        .ok_or_else(|| TypeError::new(format!("`{source}` declares nothing")))
}
