//! Declarators: the declared name, the derivation closest to it (which says whether a
//! function is declared), the array sizes, and parameter lists with their prototype scopes.

use syntax::syntax_kind::SyntaxKind::{self, *};

use super::Walker;
use crate::sema::flat::Node;
use crate::sema::resolution::{LocalKind, Namespace, ScopeKind};
use crate::sema::specs::Shape;

/// What walking a declarator found.
#[derive(Debug, Clone, Copy)]
pub(super) struct DeclaratorInfo {
    /// The `NAME` node; `None` for an abstract declarator.
    pub name: Option<Node>,
    pub shape: Shape,
}

pub(super) fn is_declarator(kind: SyntaxKind) -> bool {
    matches!(
        kind,
        NAME | POINTER_DECLARATOR | ARRAY_DECLARATOR | FN_DECLARATOR | PAREN_DECLARATOR
    )
}

impl Walker<'_, '_> {
    /// Walks a declarator: sizes and parameter lists are resolved; the name is returned for
    /// the caller to declare.
    pub(super) fn declarator(&mut self, node: Node) -> DeclaratorInfo {
        let kind = self.flat.kind(node);
        let mut info = DeclaratorInfo {
            name: (kind == NAME).then_some(node),
            shape: Shape::Plain,
        };
        if kind == NAME {
            return info;
        }
        self.each_child(node, |walker, child| match walker.flat.kind(child) {
            PARAM_LIST => walker.params(child, info),
            k if is_declarator(k) => info = walker.declarator(child),
            _ => walker.node(child),
        });
        if info.shape == Shape::Plain {
            info.shape = match kind {
                FN_DECLARATOR => Shape::Function,
                POINTER_DECLARATOR | ARRAY_DECLARATOR => Shape::Object,
                _ => Shape::Plain,
            };
        }
        info
    }

    /// A function declarator's parameters: the definition's (applied directly to the name)
    /// go to the function's scope, others to a prototype scope of their own.
    fn params(&mut self, node: Node, inner: DeclaratorInfo) {
        if self.defining && inner.shape == Shape::Plain && inner.name.is_some() {
            self.defining = false;
            self.param_list(node, true);
            return;
        }
        self.push_scope(ScopeKind::Prototype);
        self.param_list(node, false);
        self.scopes.pop();
    }

    /// Parameter declarations, or the identifier list of an old-style definition (which
    /// declares its parameters; in a mere declaration it declares nothing).
    fn param_list(&mut self, node: Node, definition: bool) {
        self.each_child(node, |walker, child| match walker.flat.kind(child) {
            NAME if definition => {
                walker.declare_local(Namespace::Ordinary, child, LocalKind::Param)
            }
            _ => walker.node(child),
        });
    }

    /// A parameter declaration: specifiers, declarator, then its name.
    pub(super) fn param_decl(&mut self, node: Node) {
        self.each_child(node, |walker, child| {
            if !is_declarator(walker.flat.kind(child)) {
                walker.node(child);
                return;
            }
            let declarator = walker.declarator(child);
            if let (Some(name), false) = (declarator.name, walker.at_file_scope()) {
                walker.declare_local(Namespace::Ordinary, name, LocalKind::Param);
            }
        });
    }
}
