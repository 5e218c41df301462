//! The file scope as a `TypeEnv`: the scopes of the file-scope walk, and the tags declared at
//! file scope in order.

use super::env::{Ordinary, ScopedEnv, TagLookup, TypeEnv};
use super::file_scope::TagEntry;
use super::names::NameId;
use super::ty::TypeId;

/// The file scope as a `TypeEnv`, recording the tags declared at file scope in order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct FileEnv {
    pub(super) scopes: ScopedEnv,
    depth: usize,
    pub(super) tags: Vec<TagEntry>,
}

impl TypeEnv for FileEnv {
    fn ordinary(&self, name: NameId) -> Option<Ordinary> {
        self.scopes.ordinary(name)
    }

    fn tag(&self, name: NameId) -> Option<TagLookup> {
        self.scopes.tag(name)
    }

    fn declare_ordinary(&mut self, name: NameId, what: Ordinary) {
        self.scopes.declare_ordinary(name, what);
    }

    fn declare_tag(&mut self, name: NameId, ty: TypeId) {
        if self.depth == 0 {
            self.tags.push(TagEntry { name, ty });
        }
        self.scopes.declare_tag(name, ty);
    }

    fn push_scope(&mut self) {
        self.depth += 1;
        self.scopes.push_scope();
    }

    fn pop_scope(&mut self) {
        self.depth = self.depth.saturating_sub(1);
        self.scopes.pop_scope();
    }
}

