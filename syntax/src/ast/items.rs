//! The translation unit and what stands at its top level or among a block's items:
//! declarations, function definitions, static assertions, pragmas, local label declarations.

use super::support::{child, children, token};
use super::{
    AsmStmt, AstChildren, AttributeSpec, CompoundStmt, DeclSpecs, Declarator, Expr, Initializer,
    Literal, Name, ast_enum, ast_node,
};
use crate::syntax_kind::SyntaxKind::*;
use crate::syntax_kind::SyntaxToken;

ast_node! {
    TranslationUnit = TRANSLATION_UNIT;
    /// `specs declarator K&R-declarations { body }`.
    FunctionDef = FUNCTION_DEF;
    /// `specs init-declarator, ...;` (also `struct S {...};` without declarators).
    Declaration = DECLARATION;
    InitDeclarator = INIT_DECLARATOR;
    /// `asm ("name")` after a declarator.
    AsmLabel = ASM_LABEL;
    /// A lone `;` among declarations.
    EmptyDecl = EMPTY_DECL;
    StaticAssert = STATIC_ASSERT;
    PragmaItem = PRAGMA_ITEM;
    IdentDirective = IDENT_DIRECTIVE;
    /// `__label__ a, b;`.
    LabelDecl = LABEL_DECL;
}

ast_enum! {
    /// What stands at file scope.
    ExternalDecl {
        FunctionDef(FunctionDef),
        Declaration(Declaration),
        EmptyDecl(EmptyDecl),
        StaticAssert(StaticAssert),
        Pragma(PragmaItem),
        Asm(AsmStmt),
        IdentDirective(IdentDirective),
    }
}

impl TranslationUnit {
    pub fn items(&self) -> AstChildren<ExternalDecl> {
        children(&self.syntax)
    }
}

impl FunctionDef {
    /// `__extension__` before the definition.
    pub fn extension_token(&self) -> Option<SyntaxToken> {
        token(&self.syntax, EXTENSION_KW)
    }

    /// `None` for an implicit `int` (`f() {}`).
    pub fn specs(&self) -> Option<DeclSpecs> {
        child(&self.syntax)
    }

    pub fn declarator(&self) -> Option<Declarator> {
        child(&self.syntax)
    }

    /// Old-style parameter declarations between the declarator and the body.
    pub fn kr_declarations(&self) -> AstChildren<Declaration> {
        children(&self.syntax)
    }

    pub fn body(&self) -> Option<CompoundStmt> {
        child(&self.syntax)
    }
}

impl Declaration {
    pub fn extension_token(&self) -> Option<SyntaxToken> {
        token(&self.syntax, EXTENSION_KW)
    }

    pub fn specs(&self) -> Option<DeclSpecs> {
        child(&self.syntax)
    }

    pub fn init_declarators(&self) -> AstChildren<InitDeclarator> {
        children(&self.syntax)
    }

    pub fn semicolon_token(&self) -> Option<SyntaxToken> {
        token(&self.syntax, SEMICOLON)
    }
}

impl InitDeclarator {
    pub fn declarator(&self) -> Option<Declarator> {
        child(&self.syntax)
    }

    pub fn asm_label(&self) -> Option<AsmLabel> {
        child(&self.syntax)
    }

    /// Attributes before (GNU, on a later declarator of a list) and after the declarator.
    pub fn attributes(&self) -> AstChildren<AttributeSpec> {
        children(&self.syntax)
    }

    pub fn eq_token(&self) -> Option<SyntaxToken> {
        token(&self.syntax, EQ)
    }

    pub fn initializer(&self) -> Option<Initializer> {
        child(&self.syntax)
    }
}

impl AsmLabel {
    pub fn name(&self) -> Option<Literal> {
        child(&self.syntax)
    }
}

impl StaticAssert {
    pub fn condition(&self) -> Option<Expr> {
        child(&self.syntax)
    }

    /// Optional since C2x.
    pub fn message(&self) -> Option<Literal> {
        super::support::nth_child::<Expr>(&self.syntax, 1).and_then(|e| match e {
            Expr::Literal(literal) => Some(literal),
            _ => None,
        })
    }
}

impl PragmaItem {
    /// The whole `#pragma ...` line.
    pub fn pragma_token(&self) -> Option<SyntaxToken> {
        token(&self.syntax, PRAGMA)
    }
}

impl IdentDirective {
    pub fn text(&self) -> Option<Literal> {
        child(&self.syntax)
    }
}

impl LabelDecl {
    pub fn labels(&self) -> AstChildren<Name> {
        children(&self.syntax)
    }
}
