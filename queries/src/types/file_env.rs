//! The file scope as a `TypeEnv`: the scopes of the file-scope walk, the tags declared at file
//! scope in order, and the history of every file-scope declaration, so that a function body
//! typed on its own sees the file scope as it stood at its definition (`FileEnv::at`).

use rustc_hash::FxHashMap;

use super::env::{Ordinary, ScopedEnv, TagLookup, TypeEnv};
use super::file_scope::TagEntry;
use super::ty::TypeId;
use crate::names::NameId;
use crate::sema::{Anchor, ItemId};

/// The file scope as a `TypeEnv`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct FileEnv {
    pub(super) scopes: ScopedEnv,
    depth: usize,
    pub(super) tags: Vec<TagEntry>,
    /// The top-level item being walked (its index among the root's children).
    pub(super) item: u32,
    /// Where that item starts in the text.
    item_start: u32,
    /// Each named tag type declared at file scope, with where its name is (as name resolution
    /// anchors its declarations).
    pub(super) tag_anchors: Vec<(Anchor, TypeId)>,
    /// Each file-scope declaration of a name: the item that made it and what it declared,
    /// in order.
    ordinary_history: FxHashMap<NameId, Vec<(u32, Ordinary)>>,
    tag_history: FxHashMap<NameId, Vec<(u32, TypeId)>>,
}

impl FileEnv {
    /// The file scope as it stood at the end of item `item`.
    pub(super) fn at(&self, item: u32) -> FileScopeAt<'_> {
        FileScopeAt { env: self, item }
    }
}

impl TypeEnv for FileEnv {
    fn ordinary(&self, name: NameId) -> Option<Ordinary> {
        self.scopes.ordinary(name)
    }

    fn tag(&self, name: NameId) -> Option<TagLookup> {
        self.scopes.tag(name)
    }

    fn declare_ordinary(&mut self, name: NameId, what: Ordinary) {
        if self.depth == 0 {
            let history = self.ordinary_history.entry(name).or_default();
            history.push((self.item, what));
        }
        self.scopes.declare_ordinary(name, what);
    }

    fn declare_tag(&mut self, name: NameId, ty: TypeId) {
        if self.depth == 0 {
            self.tags.push(TagEntry { name, ty });
            self.tag_history
                .entry(name)
                .or_default()
                .push((self.item, ty));
        }
        self.scopes.declare_tag(name, ty);
    }

    fn set_item(&mut self, item: u32, start: u32) {
        self.item = item;
        self.item_start = start;
    }

    fn new_tag_at(&mut self, ty: TypeId, at: u32) {
        if self.depth == 0 {
            let anchor = Anchor {
                item: ItemId(self.item),
                offset: at.saturating_sub(self.item_start),
            };
            self.tag_anchors.push((anchor, ty));
        }
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

/// The file scope at the end of one item: what a function body defined there sees of it.
#[derive(Clone, Copy)]
pub(super) struct FileScopeAt<'a> {
    env: &'a FileEnv,
    item: u32,
}

impl FileScopeAt<'_> {
    pub(super) fn ordinary(&self, name: NameId) -> Option<Ordinary> {
        latest(self.env.ordinary_history.get(&name)?, self.item)
    }

    pub(super) fn tag(&self, name: NameId) -> Option<TypeId> {
        latest(self.env.tag_history.get(&name)?, self.item)
    }
}

/// The last entry of a history made by item `item` or before.
fn latest<T: Copy>(history: &[(u32, T)], item: u32) -> Option<T> {
    let count = history.partition_point(|&(at, _)| at <= item);
    history[..count].last().map(|&(_, what)| what)
}

/// A function body's scopes: its blocks over the file scope at its definition.
pub(super) struct BodyEnv<'a> {
    file: FileScopeAt<'a>,
    blocks: ScopedEnv,
}

impl<'a> BodyEnv<'a> {
    pub(super) fn new(file: FileScopeAt<'a>) -> BodyEnv<'a> {
        BodyEnv {
            file,
            blocks: ScopedEnv::default(),
        }
    }
}

impl TypeEnv for BodyEnv<'_> {
    fn ordinary(&self, name: NameId) -> Option<Ordinary> {
        self.blocks
            .ordinary(name)
            .or_else(|| self.file.ordinary(name))
    }

    fn tag(&self, name: NameId) -> Option<TagLookup> {
        self.blocks.tag(name).or_else(|| {
            let ty = self.file.tag(name)?;
            Some(TagLookup {
                ty,
                innermost: false,
            })
        })
    }

    fn declare_ordinary(&mut self, name: NameId, what: Ordinary) {
        self.blocks.declare_ordinary(name, what);
    }

    fn declare_tag(&mut self, name: NameId, ty: TypeId) {
        self.blocks.declare_tag(name, ty);
    }

    fn push_scope(&mut self) {
        self.blocks.push_scope();
    }

    fn pop_scope(&mut self) {
        self.blocks.pop_scope();
    }
}
