//! Typed views of the syntax tree: one struct per node kind, one enum per family of node kinds
//! (declarators, statements, expressions, ...), with accessors for what the semantic stage and
//! the emitter walk. Each view is a cheap wrapper around a `SyntaxNode`; accessors that find
//! nothing (in a tree with errors) return `None`.
//!
//! The node structs and enums are declared as data through the `ast_node!` and `ast_enum!`
//! macros; the accessors are written per module.

mod asm;
mod declarators;
mod expressions;
mod initializers;
mod items;
mod specifiers;
mod statements;

use std::marker::PhantomData;

pub use asm::*;
pub use declarators::*;
pub use expressions::*;
pub use initializers::*;
pub use items::*;
pub use specifiers::*;
pub use statements::*;

use crate::syntax_kind::{SyntaxKind, SyntaxNode, SyntaxNodeChildren};

/// A typed view of a node.
pub trait AstNode: Sized {
    fn can_cast(kind: SyntaxKind) -> bool;
    fn cast(node: SyntaxNode) -> Option<Self>;
    fn syntax(&self) -> &SyntaxNode;
}

/// The children of a node that have type `N`.
#[derive(Debug, Clone)]
pub struct AstChildren<N> {
    inner: SyntaxNodeChildren,
    ph: PhantomData<N>,
}

impl<N: AstNode> Iterator for AstChildren<N> {
    type Item = N;

    fn next(&mut self) -> Option<N> {
        self.inner.by_ref().find_map(N::cast)
    }
}

/// Declares node structs: `Name = KIND`.
macro_rules! ast_node {
    ($($(#[$meta:meta])* $name:ident = $kind:ident;)*) => {$(
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub struct $name {
            syntax: crate::syntax_kind::SyntaxNode,
        }

        impl crate::ast::AstNode for $name {
            fn can_cast(kind: crate::syntax_kind::SyntaxKind) -> bool {
                kind == crate::syntax_kind::SyntaxKind::$kind
            }

            fn cast(node: crate::syntax_kind::SyntaxNode) -> Option<Self> {
                Self::can_cast(node.kind()).then_some(Self { syntax: node })
            }

            fn syntax(&self) -> &crate::syntax_kind::SyntaxNode {
                &self.syntax
            }
        }
    )*};
}

/// Declares an enum over node types: `Enum { Variant(Type), ... }`.
macro_rules! ast_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident($ty:ty)),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$vmeta])* $variant($ty),)*
        }

        impl crate::ast::AstNode for $name {
            fn can_cast(kind: crate::syntax_kind::SyntaxKind) -> bool {
                $(<$ty as crate::ast::AstNode>::can_cast(kind))||*
            }

            fn cast(node: crate::syntax_kind::SyntaxNode) -> Option<Self> {
                let kind = node.kind();
                $(
                    if <$ty as crate::ast::AstNode>::can_cast(kind) {
                        return <$ty as crate::ast::AstNode>::cast(node).map($name::$variant);
                    }
                )*
                None
            }

            fn syntax(&self) -> &crate::syntax_kind::SyntaxNode {
                match self {
                    $($name::$variant(it) => it.syntax(),)*
                }
            }
        }

        $(
            impl From<$ty> for $name {
                fn from(it: $ty) -> $name {
                    $name::$variant(it)
                }
            }
        )*
    };
}

pub(crate) use {ast_enum, ast_node};

/// Finding children: the helpers the accessors are written with.
pub(crate) mod support {
    use super::{AstChildren, AstNode};
    use crate::syntax_kind::{SyntaxElement, SyntaxKind, SyntaxNode, SyntaxToken};

    pub(crate) fn child<N: AstNode>(parent: &SyntaxNode) -> Option<N> {
        parent.children().find_map(N::cast)
    }

    pub(crate) fn children<N: AstNode>(parent: &SyntaxNode) -> AstChildren<N> {
        AstChildren {
            inner: parent.children(),
            ph: std::marker::PhantomData,
        }
    }

    /// The `n`-th child of type `N`.
    pub(crate) fn nth_child<N: AstNode>(parent: &SyntaxNode, n: usize) -> Option<N> {
        children(parent).nth(n)
    }

    pub(crate) fn token(parent: &SyntaxNode, kind: SyntaxKind) -> Option<SyntaxToken> {
        parent
            .children_with_tokens()
            .filter_map(SyntaxElement::into_token)
            .find(|t| t.kind() == kind)
    }

    /// The significant tokens that are direct children.
    pub(crate) fn tokens(parent: &SyntaxNode) -> impl Iterator<Item = SyntaxToken> + use<> {
        parent
            .children_with_tokens()
            .filter_map(SyntaxElement::into_token)
            .filter(|t| !t.kind().is_trivia())
    }

    /// The first significant direct token.
    pub(crate) fn first_token(parent: &SyntaxNode) -> Option<SyntaxToken> {
        tokens(parent).next()
    }

    /// The child of type `N` that follows the direct token of kind `after` (for operands that
    /// only their position tells apart, as the branches of `?:`).
    pub(crate) fn child_after<N: AstNode>(parent: &SyntaxNode, after: SyntaxKind) -> Option<N> {
        parent
            .children_with_tokens()
            .skip_while(|e| e.as_token().is_none_or(|t| t.kind() != after))
            .filter_map(SyntaxElement::into_node)
            .find_map(N::cast)
    }

    /// The child of type `N` that comes before the direct token of kind `before`.
    pub(crate) fn child_before<N: AstNode>(parent: &SyntaxNode, before: SyntaxKind) -> Option<N> {
        parent
            .children_with_tokens()
            .take_while(|e| e.as_token().is_none_or(|t| t.kind() != before))
            .filter_map(SyntaxElement::into_node)
            .find_map(N::cast)
    }

    /// The child of type `N` between the direct tokens `after` and `before` (a missing operand
    /// between them gives `None`).
    pub(crate) fn child_between<N: AstNode>(
        parent: &SyntaxNode,
        after: SyntaxKind,
        before: SyntaxKind,
    ) -> Option<N> {
        parent
            .children_with_tokens()
            .skip_while(|e| e.as_token().is_none_or(|t| t.kind() != after))
            .skip(1)
            .take_while(|e| e.as_token().is_none_or(|t| t.kind() != before))
            .filter_map(SyntaxElement::into_node)
            .find_map(N::cast)
    }
}
