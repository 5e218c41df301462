//! What the closure looks up about the TU: entities' names, declarations and definitions,
//! the tokens at anchors and what their syntax says.

use syntax::syntax_kind::{SyntaxKind, SyntaxNode, SyntaxToken};

use super::ClosureInput;
use crate::livepatch::reference::{Reference, classify};
use crate::sema::{Anchor, Definition, EntityId, EntityKind, FileScope, ItemId, Linkage};

/// Lookups over the closure's input.
#[derive(Clone, Copy)]
pub(super) struct Facts<'a> {
    pub input: &'a ClosureInput<'a>,
}

impl<'a> Facts<'a> {
    pub fn scope(&self) -> &'a FileScope {
        self.input.scope
    }

    pub fn name(&self, entity: EntityId) -> &'a str {
        let scope = self.scope();
        scope.name(scope.entity(entity).name)
    }

    pub fn is_function(&self, entity: EntityId) -> bool {
        self.scope().entity(entity).kind == EntityKind::Function
    }

    /// The anchor of an entity's first declaration.
    pub fn first_anchor(&self, entity: EntityId) -> Anchor {
        let scope = self.scope();
        (scope.entity(entity).decls.first())
            .map(|&d| scope.decl(d).at)
            .unwrap_or(Anchor {
                item: ItemId(0),
                offset: 0,
            })
    }

    pub fn decl_anchors(&self, entity: EntityId) -> Vec<Anchor> {
        let scope = self.scope();
        (scope.entity(entity).decls.iter())
            .map(|&d| scope.decl(d).at)
            .collect()
    }

    /// The item of an entity's definition: an object's, or a function's with a body.
    pub fn definition_item(&self, entity: EntityId) -> Option<ItemId> {
        let scope = self.scope();
        match scope.entity(entity).definition {
            Definition::Defined(decl) => {
                let item = scope.decl(decl).at.item;
                let has_body = self.input.view.index.function(item).is_some();
                (!self.is_function(entity) || has_body).then_some(item)
            }
            _ => None,
        }
    }

    pub fn definition_anchor(&self, entity: EntityId) -> Option<Anchor> {
        let scope = self.scope();
        match scope.entity(entity).definition {
            Definition::Defined(decl) => Some(scope.decl(decl).at),
            _ => None,
        }
    }

    /// Whether `entity` is a function with internal linkage that the TU defines.
    pub fn is_static_function(&self, entity: EntityId) -> bool {
        self.is_function(entity)
            && self.scope().entity(entity).linkage == Linkage::Internal
            && self.definition_item(entity).is_some()
    }

    /// Whether the TU declares an identifier `name` (an entity's or a tag's).
    pub fn is_declared(&self, name: &str) -> bool {
        let scope = self.scope();
        scope.names.get(name).is_some_and(|id| {
            scope.entities.iter().any(|e| e.name == id)
                || scope.tags.iter().any(|t| t.name == Some(id))
        })
    }

    pub fn node(&self, item: ItemId) -> Option<SyntaxNode> {
        self.input.view.node(item)
    }

    pub fn token(&self, at: Anchor) -> Option<SyntaxToken> {
        self.input.view.token(at)
    }

    /// How the identifier at `at` refers to what it names.
    pub fn classify(&self, at: Anchor) -> Reference {
        match self.token(at) {
            Some(token) => classify(&token),
            None => Reference {
                call: false,
                evaluated: true,
            },
        }
    }

    /// Whether item `item` is a declaration of tags only (`struct s {...};`, no declarator).
    pub fn declares_only_tags(&self, item: ItemId) -> bool {
        self.node(item).is_some_and(|node| {
            node.kind() == SyntaxKind::DECLARATION
                && !node
                    .children()
                    .any(|c| c.kind() == SyntaxKind::INIT_DECLARATOR)
        })
    }

    /// Whether a tag referred to first at `at` is declared there at file scope (not in a
    /// parameter list or a function body, where the declaration would be local to it).
    pub fn declares_at_file_scope(&self, at: Anchor) -> bool {
        self.token(at).is_some_and(|token| {
            !token
                .parent_ancestors()
                .any(|n| matches!(n.kind(), SyntaxKind::PARAM_LIST | SyntaxKind::COMPOUND_STMT))
        })
    }

    /// Whether item `item` is a `_Static_assert`.
    pub fn is_assertion(&self, item: ItemId) -> bool {
        self.node(item)
            .is_some_and(|node| node.kind() == SyntaxKind::STATIC_ASSERT)
    }

    /// Whether the token at `at` is in the initializer of an object of static storage the
    /// live patch defines (a file-scope one, or a `static` local).
    pub fn in_static_initializer(&self, at: Anchor) -> bool {
        let Some(token) = self.token(at) else {
            return false;
        };
        let Some(init) = token
            .parent_ancestors()
            .find(|n| n.kind() == SyntaxKind::INIT_DECLARATOR)
        else {
            return false;
        };
        let after_eq = init
            .children_with_tokens()
            .find(|e| e.kind() == SyntaxKind::EQ)
            .is_some_and(|eq| eq.text_range().end() <= token.text_range().start());
        let Some(declaration) = init
            .parent()
            .filter(|d| d.kind() == SyntaxKind::DECLARATION)
        else {
            return false;
        };
        let at_file_scope = declaration.parent().is_some_and(|p| p.parent().is_none());
        let is_static = (declaration.children())
            .filter(|c| c.kind() == SyntaxKind::DECL_SPECS)
            .flat_map(|specs| specs.children_with_tokens())
            .any(|e| e.kind() == SyntaxKind::STATIC_KW);
        after_eq && (at_file_scope || is_static)
    }
}
