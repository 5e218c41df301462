//! Declarators, named and abstract, and parameter lists.

use super::support::{child, children, first_token, token, tokens};
use super::{AstChildren, AttributeSpec, DeclSpecs, Expr, ast_enum, ast_node};
use crate::syntax_kind::SyntaxKind::*;
use crate::syntax_kind::SyntaxToken;

ast_node! {
    /// A declared identifier: a declarator's name, a tag, an enumerator, a label.
    Name = NAME;
    /// An identifier that names a member, a label or (in `offsetof`) a member path step.
    NameRef = NAME_REF;
    /// `* qualifiers declarator`.
    PointerDeclarator = POINTER_DECLARATOR;
    /// `declarator [static qualifiers size]`.
    ArrayDeclarator = ARRAY_DECLARATOR;
    /// `declarator (parameters)`.
    FnDeclarator = FN_DECLARATOR;
    /// `(attributes declarator)`.
    ParenDeclarator = PAREN_DECLARATOR;
    /// `(parameter declarations, ...)` or an old-style `(identifiers)`.
    ParamList = PARAM_LIST;
    ParamDecl = PARAM_DECL;
}

ast_enum! {
    /// A declarator; abstract ones have no `Name` inside.
    Declarator {
        Name(Name),
        Pointer(PointerDeclarator),
        Array(ArrayDeclarator),
        Function(FnDeclarator),
        Paren(ParenDeclarator),
    }
}

impl Name {
    pub fn ident_token(&self) -> Option<SyntaxToken> {
        first_token(&self.syntax)
    }

    pub fn text(&self) -> String {
        self.ident_token()
            .map_or_else(String::new, |t| t.text().to_owned())
    }
}

impl NameRef {
    pub fn ident_token(&self) -> Option<SyntaxToken> {
        first_token(&self.syntax)
    }

    pub fn text(&self) -> String {
        self.ident_token()
            .map_or_else(String::new, |t| t.text().to_owned())
    }
}

impl Declarator {
    /// The declarator this one derives from (`None` for a name, or at the bottom of an abstract
    /// declarator).
    pub fn inner(&self) -> Option<Declarator> {
        match self {
            Declarator::Name(_) => None,
            Declarator::Pointer(it) => it.inner(),
            Declarator::Array(it) => it.inner(),
            Declarator::Function(it) => it.inner(),
            Declarator::Paren(it) => it.inner(),
        }
    }

    /// The declared identifier, `None` for an abstract declarator.
    pub fn name(&self) -> Option<Name> {
        let mut current = self.clone();
        loop {
            match current {
                Declarator::Name(name) => return Some(name),
                other => current = other.inner()?,
            }
        }
    }
}

impl PointerDeclarator {
    pub fn star_token(&self) -> Option<SyntaxToken> {
        token(&self.syntax, STAR)
    }

    /// `const`, `volatile`, `restrict`, `_Atomic`, address spaces.
    pub fn qualifiers(&self) -> impl Iterator<Item = SyntaxToken> + use<> {
        tokens(&self.syntax).filter(|t| t.kind().is_keyword())
    }

    pub fn attributes(&self) -> AstChildren<AttributeSpec> {
        children(&self.syntax)
    }

    pub fn inner(&self) -> Option<Declarator> {
        child(&self.syntax)
    }
}

impl ArrayDeclarator {
    pub fn inner(&self) -> Option<Declarator> {
        child(&self.syntax)
    }

    /// `static` and qualifiers inside the brackets (parameters only).
    pub fn qualifiers(&self) -> impl Iterator<Item = SyntaxToken> + use<> {
        tokens(&self.syntax).filter(|t| t.kind().is_keyword())
    }

    pub fn attributes(&self) -> AstChildren<AttributeSpec> {
        children(&self.syntax)
    }

    /// `None` for `[]` and `[*]`.
    pub fn size(&self) -> Option<Expr> {
        child(&self.syntax)
    }

    /// `[*]`: a variable length array of unspecified size.
    pub fn is_star(&self) -> bool {
        token(&self.syntax, STAR).is_some()
    }
}

impl FnDeclarator {
    pub fn inner(&self) -> Option<Declarator> {
        child(&self.syntax)
    }

    pub fn params(&self) -> Option<ParamList> {
        child(&self.syntax)
    }
}

impl ParenDeclarator {
    pub fn attributes(&self) -> AstChildren<AttributeSpec> {
        children(&self.syntax)
    }

    pub fn inner(&self) -> Option<Declarator> {
        child(&self.syntax)
    }
}

impl ParamList {
    pub fn params(&self) -> AstChildren<ParamDecl> {
        children(&self.syntax)
    }

    /// The names of an old-style identifier list.
    pub fn identifiers(&self) -> AstChildren<Name> {
        children(&self.syntax)
    }

    /// Ends with `...`.
    pub fn is_variadic(&self) -> bool {
        token(&self.syntax, ELLIPSIS).is_some()
    }

    pub fn attributes(&self) -> AstChildren<AttributeSpec> {
        children(&self.syntax)
    }
}

impl ParamDecl {
    pub fn specs(&self) -> Option<DeclSpecs> {
        child(&self.syntax)
    }

    /// Named, abstract, or `None`.
    pub fn declarator(&self) -> Option<Declarator> {
        child(&self.syntax)
    }

    pub fn attributes(&self) -> AstChildren<AttributeSpec> {
        children(&self.syntax)
    }
}
