//! Struct, union and enum specifiers: declaring, completing and referring to tags, and the
//! enumeration constants an enum declares in the enclosing scope.

use syntax::syntax_kind::SyntaxKind::*;

use super::{Outer, Walker};
use crate::sema::flat::{Keyword, Node};
use crate::sema::resolution::{LocalKind, Namespace, Target};
use crate::sema::symbols::{TagId, TagKind, TagRole};

impl Walker<'_, '_> {
    /// A struct, union or enum specifier. The tag is declared before the members, so that a
    /// struct can point to itself; members declare no ordinary identifiers, but tags and
    /// enumeration constants inside belong to the enclosing scope.
    pub(super) fn tag_spec(&mut self, node: Node) {
        let kind = self.tag_kind(node);
        let name = self.flat.child_of_kind(node, NAME);
        let has_body = self
            .flat
            .children(node)
            .any(|c| matches!(self.flat.kind(c), MEMBER_LIST | ENUMERATOR_LIST));
        let role = if has_body {
            Some(TagRole::Definition)
        } else if self.is_forward_declaration(node) {
            Some(TagRole::Forward)
        } else {
            None
        };
        let file_tag = match (role, name) {
            (Some(role), _) => self.declare_tag(name.unwrap_or(node), name.is_some(), kind, role),
            (None, Some(name)) => self.tag_reference(name, kind),
            (None, None) => None,
        };
        let enclosing_enum = std::mem::replace(&mut self.file_enum, file_tag);
        self.children(node);
        self.file_enum = enclosing_enum;
    }

    fn tag_kind(&self, node: Node) -> TagKind {
        if self.flat.has_keyword(node, Keyword::Union) {
            TagKind::Union
        } else if self.flat.has_keyword(node, Keyword::Enum) {
            TagKind::Enum
        } else {
            TagKind::Struct
        }
    }

    /// `struct S;`: a declaration whose only content is the specifier declares the tag anew in
    /// the current scope, even when an outer one is visible.
    fn is_forward_declaration(&self, node: Node) -> bool {
        let Some(specs) = self
            .flat
            .parent(node)
            .filter(|&p| self.flat.kind(p) == DECL_SPECS)
        else {
            return false;
        };
        let Some(declaration) = self
            .flat
            .parent(specs)
            .filter(|&p| self.flat.kind(p) == DECLARATION)
        else {
            return false;
        };
        self.flat
            .child_of_kind(declaration, INIT_DECLARATOR)
            .is_none()
    }

    /// Declares a tag in the current scope, at `at` (its name, when `named`); returns it when
    /// that is file scope.
    fn declare_tag(
        &mut self,
        at: Node,
        named: bool,
        kind: TagKind,
        role: TagRole,
    ) -> Option<TagId> {
        if !self.at_file_scope() {
            if named {
                self.declare_local(Namespace::Tag, at, LocalKind::Tag(kind, role));
            }
            return None;
        }
        let anchor = self.anchor(at);
        let text = named.then(|| self.flat.text(at));
        match &mut self.outer {
            Outer::Building(builder) => Some(builder.declare_tag(text, kind, anchor, role)),
            Outer::Frozen(_) => None,
        }
    }

    /// `struct S` referring to a visible tag, or declaring it when none is.
    fn tag_reference(&mut self, name: Node, kind: TagKind) -> Option<TagId> {
        let text = self.flat.text(name);
        let local = self
            .res
            .names
            .get(text)
            .and_then(|id| self.scopes.lookup(Namespace::Tag, id));
        if let Some(local) = local {
            self.record(name, Namespace::Tag, Target::Local(local));
            return None;
        }
        if let Some(tag) = self.file_tag_lookup(text) {
            self.record(name, Namespace::Tag, Target::Tag(tag));
            let at = self.anchor(name);
            if let Outer::Building(builder) = &mut self.outer {
                builder.check_tag_kind(tag, kind, at);
            }
            return Some(tag);
        }
        self.declare_tag(name, true, kind, TagRole::Implicit)
    }

    /// An enumeration constant: its value first, then the constant (whose scope begins after
    /// its enumerator).
    pub(super) fn enumerator(&mut self, node: Node) {
        self.children(node);
        let Some(name) = self.flat.child_of_kind(node, NAME) else {
            return;
        };
        if !self.at_file_scope() {
            self.declare_local(Namespace::Ordinary, name, LocalKind::Enumerator);
            return;
        }
        let (at, text, tag) = (self.anchor(name), self.flat.text(name), self.file_enum);
        if let (Outer::Building(builder), Some(tag)) = (&mut self.outer, tag) {
            builder.declare_enumerator(text, at, tag);
        }
    }
}
