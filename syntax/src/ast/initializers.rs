//! Initializers and designators.

use super::support::{child, child_after, child_before, children, token};
use super::{AstChildren, AstNode, Expr, NameRef, ast_enum, ast_node};
use crate::syntax_kind::SyntaxKind::*;
use crate::syntax_kind::{SyntaxNode, SyntaxToken};

ast_node! {
    /// `{ item, ... }`.
    InitList = INIT_LIST;
    /// `designators = initializer`, or GNU `field: initializer` / `[index] initializer`.
    DesignatedInit = DESIGNATED_INIT;
    /// `.field` (or the `field` of GNU `field:`).
    FieldDesignator = FIELD_DESIGNATOR;
    /// `[index]` or GNU `[first ... last]`.
    IndexDesignator = INDEX_DESIGNATOR;
}

ast_enum! {
    Designator {
        Field(FieldDesignator),
        Index(IndexDesignator),
    }
}

/// An initializer: an expression or a braced list.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Initializer {
    Expr(Expr),
    List(InitList),
}

impl AstNode for Initializer {
    fn can_cast(kind: crate::syntax_kind::SyntaxKind) -> bool {
        InitList::can_cast(kind) || Expr::can_cast(kind)
    }

    fn cast(node: SyntaxNode) -> Option<Self> {
        if InitList::can_cast(node.kind()) {
            return InitList::cast(node).map(Initializer::List);
        }
        Expr::cast(node).map(Initializer::Expr)
    }

    fn syntax(&self) -> &SyntaxNode {
        match self {
            Initializer::Expr(it) => it.syntax(),
            Initializer::List(it) => it.syntax(),
        }
    }
}

/// An item of a braced list.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum InitItem {
    Plain(Initializer),
    Designated(DesignatedInit),
}

impl AstNode for InitItem {
    fn can_cast(kind: crate::syntax_kind::SyntaxKind) -> bool {
        DesignatedInit::can_cast(kind) || Initializer::can_cast(kind)
    }

    fn cast(node: SyntaxNode) -> Option<Self> {
        if DesignatedInit::can_cast(node.kind()) {
            return DesignatedInit::cast(node).map(InitItem::Designated);
        }
        Initializer::cast(node).map(InitItem::Plain)
    }

    fn syntax(&self) -> &SyntaxNode {
        match self {
            InitItem::Plain(it) => it.syntax(),
            InitItem::Designated(it) => it.syntax(),
        }
    }
}

impl InitList {
    pub fn items(&self) -> AstChildren<InitItem> {
        children(&self.syntax)
    }
}

impl DesignatedInit {
    pub fn designators(&self) -> AstChildren<Designator> {
        children(&self.syntax)
    }

    /// `=`; `None` in the GNU forms without it.
    pub fn eq_token(&self) -> Option<SyntaxToken> {
        token(&self.syntax, EQ)
    }

    /// The obsolete GNU `field: value` form.
    pub fn is_old_style(&self) -> bool {
        token(&self.syntax, COLON).is_some()
    }

    pub fn initializer(&self) -> Option<Initializer> {
        child(&self.syntax)
    }
}

impl FieldDesignator {
    pub fn name(&self) -> Option<NameRef> {
        child(&self.syntax)
    }
}

impl IndexDesignator {
    pub fn index(&self) -> Option<Expr> {
        child_before(&self.syntax, ELLIPSIS)
    }

    /// The last index of a GNU range `[first ... last]`.
    pub fn range_end(&self) -> Option<Expr> {
        child_after(&self.syntax, ELLIPSIS)
    }
}
