//! Declaration specifiers, struct/union/enum specifiers, type names and attributes.

use super::support::{child, child_after, children, first_token, tokens};
use super::{
    AstChildren, AstNode, Declarator, EmptyDecl, Expr, Name, PragmaItem, StaticAssert, ast_enum,
    ast_node,
};
use crate::syntax_kind::SyntaxKind::{self, *};
use crate::syntax_kind::{SyntaxElement, SyntaxToken};

ast_node! {
    /// Storage classes, type specifiers and qualifiers, function specifiers, alignment and
    /// attributes, in source order.
    DeclSpecs = DECL_SPECS;
    /// A typedef name used as a type specifier.
    TypedefName = TYPEDEF_NAME;
    /// `struct` or `union`, with a tag, members or both.
    StructSpec = STRUCT_SPEC;
    MemberList = MEMBER_LIST;
    /// One struct member declaration: `specs declarator : width, ...;`.
    MemberDecl = MEMBER_DECL;
    MemberDeclarator = MEMBER_DECLARATOR;
    EnumSpec = ENUM_SPEC;
    EnumeratorList = ENUMERATOR_LIST;
    Enumerator = ENUMERATOR;
    /// `typeof (T)` or `typeof (e)`, every spelling.
    TypeofSpec = TYPEOF_SPEC;
    /// `_BitInt (N)`.
    BitIntSpec = BITINT_SPEC;
    /// `_Atomic (T)`.
    AtomicTypeSpec = ATOMIC_TYPE_SPEC;
    /// `_Alignas (T)` or `_Alignas (e)`.
    AlignasSpec = ALIGNAS_SPEC;
    /// Specifiers and an abstract declarator: the operand of casts, `sizeof`, ...
    TypeName = TYPE_NAME;
    /// `__attribute__ ((...))` or `[[...]]`.
    AttributeSpec = ATTRIBUTE_SPEC;
    Attribute = ATTRIBUTE;
    AttributeArgs = ATTRIBUTE_ARGS;
}

/// One declaration specifier.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum DeclSpecifier {
    /// A keyword: storage class, basic type, qualifier, function specifier, `__auto_type`.
    Keyword(SyntaxToken),
    TypedefName(TypedefName),
    Struct(StructSpec),
    Enum(EnumSpec),
    Typeof(TypeofSpec),
    BitInt(BitIntSpec),
    Atomic(AtomicTypeSpec),
    Alignas(AlignasSpec),
    Attribute(AttributeSpec),
}

impl DeclSpecs {
    pub fn specifiers(&self) -> impl Iterator<Item = DeclSpecifier> + use<> {
        self.syntax
            .children_with_tokens()
            .filter_map(|element| match element {
                SyntaxElement::Token(t) if t.kind().is_keyword() => Some(DeclSpecifier::Keyword(t)),
                SyntaxElement::Token(_) => None,
                SyntaxElement::Node(n) => match n.kind() {
                    TYPEDEF_NAME => TypedefName::cast(n).map(DeclSpecifier::TypedefName),
                    STRUCT_SPEC => StructSpec::cast(n).map(DeclSpecifier::Struct),
                    ENUM_SPEC => EnumSpec::cast(n).map(DeclSpecifier::Enum),
                    TYPEOF_SPEC => TypeofSpec::cast(n).map(DeclSpecifier::Typeof),
                    BITINT_SPEC => BitIntSpec::cast(n).map(DeclSpecifier::BitInt),
                    ATOMIC_TYPE_SPEC => AtomicTypeSpec::cast(n).map(DeclSpecifier::Atomic),
                    ALIGNAS_SPEC => AlignasSpec::cast(n).map(DeclSpecifier::Alignas),
                    ATTRIBUTE_SPEC => AttributeSpec::cast(n).map(DeclSpecifier::Attribute),
                    _ => None,
                },
            })
    }

    /// The keyword specifiers (`static`, `unsigned`, `const`, ...).
    pub fn keywords(&self) -> impl Iterator<Item = SyntaxToken> + use<> {
        tokens(&self.syntax).filter(|t| t.kind().is_keyword())
    }

    pub fn has_keyword(&self, kind: SyntaxKind) -> bool {
        self.keywords().any(|t| t.kind() == kind)
    }

    pub fn attributes(&self) -> AstChildren<AttributeSpec> {
        children(&self.syntax)
    }
}

impl TypedefName {
    pub fn ident_token(&self) -> Option<SyntaxToken> {
        first_token(&self.syntax)
    }
}

impl StructSpec {
    /// `struct` or `union`.
    pub fn keyword(&self) -> Option<SyntaxToken> {
        first_token(&self.syntax)
    }

    pub fn is_union(&self) -> bool {
        self.keyword().is_some_and(|t| t.kind() == UNION_KW)
    }

    pub fn tag(&self) -> Option<Name> {
        child(&self.syntax)
    }

    /// `None` for a reference to a tag (`struct S *p`).
    pub fn members(&self) -> Option<MemberList> {
        child(&self.syntax)
    }

    /// Attributes after the keyword and after the closing brace.
    pub fn attributes(&self) -> AstChildren<AttributeSpec> {
        children(&self.syntax)
    }
}

ast_enum! {
    /// What stands in a struct's member list.
    MemberItem {
        Member(MemberDecl),
        Empty(EmptyDecl),
        StaticAssert(StaticAssert),
        Pragma(PragmaItem),
    }
}

impl MemberList {
    pub fn items(&self) -> AstChildren<MemberItem> {
        children(&self.syntax)
    }
}

impl MemberDecl {
    pub fn extension_token(&self) -> Option<SyntaxToken> {
        super::support::token(&self.syntax, EXTENSION_KW)
    }

    pub fn specs(&self) -> Option<DeclSpecs> {
        child(&self.syntax)
    }

    /// Empty for an anonymous struct or union member.
    pub fn declarators(&self) -> AstChildren<MemberDeclarator> {
        children(&self.syntax)
    }
}

impl MemberDeclarator {
    /// `None` for an unnamed bit-field.
    pub fn declarator(&self) -> Option<Declarator> {
        child(&self.syntax)
    }

    pub fn bit_width(&self) -> Option<Expr> {
        child_after(&self.syntax, COLON)
    }

    pub fn attributes(&self) -> AstChildren<AttributeSpec> {
        children(&self.syntax)
    }
}

impl EnumSpec {
    pub fn tag(&self) -> Option<Name> {
        child(&self.syntax)
    }

    pub fn enumerators(&self) -> Option<EnumeratorList> {
        child(&self.syntax)
    }

    pub fn attributes(&self) -> AstChildren<AttributeSpec> {
        children(&self.syntax)
    }
}

impl EnumeratorList {
    pub fn enumerators(&self) -> AstChildren<Enumerator> {
        children(&self.syntax)
    }
}

impl Enumerator {
    pub fn name(&self) -> Option<Name> {
        child(&self.syntax)
    }

    pub fn attributes(&self) -> AstChildren<AttributeSpec> {
        children(&self.syntax)
    }

    pub fn value(&self) -> Option<Expr> {
        child_after(&self.syntax, EQ)
    }
}

/// The operand of `typeof` or `_Alignas`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum TypeOrExpr {
    Type(TypeName),
    Expr(Expr),
}

fn type_or_expr(node: &crate::syntax_kind::SyntaxNode) -> Option<TypeOrExpr> {
    child(node)
        .map(TypeOrExpr::Type)
        .or_else(|| child(node).map(TypeOrExpr::Expr))
}

impl TypeofSpec {
    pub fn operand(&self) -> Option<TypeOrExpr> {
        type_or_expr(&self.syntax)
    }

    /// `typeof_unqual` or `__typeof_unqual__`: the operand's type without qualifiers.
    pub fn is_unqual(&self) -> bool {
        first_token(&self.syntax).is_some_and(|t| t.kind() == TYPEOF_UNQUAL_KW)
    }
}

impl BitIntSpec {
    /// The width, a constant expression.
    pub fn width(&self) -> Option<Expr> {
        child(&self.syntax)
    }
}

impl AtomicTypeSpec {
    pub fn type_name(&self) -> Option<TypeName> {
        child(&self.syntax)
    }
}

impl AlignasSpec {
    pub fn operand(&self) -> Option<TypeOrExpr> {
        type_or_expr(&self.syntax)
    }
}

impl TypeName {
    pub fn specs(&self) -> Option<DeclSpecs> {
        child(&self.syntax)
    }

    /// The abstract declarator, if any.
    pub fn declarator(&self) -> Option<Declarator> {
        child(&self.syntax)
    }
}

impl AttributeSpec {
    /// `[[...]]` rather than `__attribute__((...))`.
    pub fn is_std(&self) -> bool {
        self.keyword().is_some_and(|t| t.kind() == L_BRACK)
    }

    /// `__attribute__` (or `[`).
    pub fn keyword(&self) -> Option<SyntaxToken> {
        first_token(&self.syntax)
    }

    pub fn attributes(&self) -> AstChildren<Attribute> {
        children(&self.syntax)
    }
}

impl Attribute {
    /// The attribute's name token (an identifier or a keyword such as `const`); for
    /// `gnu::name`, the last one.
    pub fn name_token(&self) -> Option<SyntaxToken> {
        tokens(&self.syntax).filter(|t| t.kind() != COLON).last()
    }

    /// The scope of a `scope::name` attribute.
    pub fn scope_token(&self) -> Option<SyntaxToken> {
        let mut names = tokens(&self.syntax).filter(|t| t.kind() != COLON);
        let first = names.next();
        names.next().and(first)
    }

    pub fn args(&self) -> Option<AttributeArgs> {
        child(&self.syntax)
    }
}

/// An attribute argument.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum AttributeArg {
    /// An expression; a lone identifier (`printf` in `format(printf, 1, 2)`) is an
    /// `Expr::Ident`.
    Expr(Expr),
    Type(TypeName),
}

impl AttributeArgs {
    pub fn args(&self) -> impl Iterator<Item = AttributeArg> + use<> {
        self.syntax.children().filter_map(|n| {
            TypeName::cast(n.clone())
                .map(AttributeArg::Type)
                .or_else(|| Expr::cast(n).map(AttributeArg::Expr))
        })
    }
}
