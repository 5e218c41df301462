//! The seam between types and scopes: what evaluating types needs to look up (typedef names,
//! tags, objects and enumeration constants) and to declare (tags, enumerators, parameters).
//! `ScopedEnv` implements it for the file scope and the scopes nested in it (prototypes,
//! and blocks for whoever walks them); name resolution's scopes can implement it instead.

use rustc_hash::FxHashMap;

use super::eval::Const;
use super::ty::TypeId;
use crate::names::NameId;

/// What an ordinary identifier denotes, as far as types care.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ordinary {
    Typedef(TypeId),
    /// An object, with the alignment its declaration asked for (`aligned`, `_Alignas`).
    Object {
        ty: TypeId,
        align: Option<u32>,
        /// A C23 `constexpr` object's value, which constant expressions may use.
        constant: Option<Const>,
    },
    Function(TypeId),
    Enumerator(Const),
}

/// A visible tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TagLookup {
    pub ty: TypeId,
    /// Declared in the innermost open scope (where a definition completes it rather than
    /// declaring a new type).
    pub innermost: bool,
}

/// Scopes as type evaluation sees them.
pub trait TypeEnv {
    /// The innermost visible declaration of ordinary identifier `name`.
    fn ordinary(&self, name: NameId) -> Option<Ordinary>;
    fn tag(&self, name: NameId) -> Option<TagLookup>;
    /// Declares `name` in the innermost scope (a redeclaration replaces the entry).
    fn declare_ordinary(&mut self, name: NameId, what: Ordinary);
    fn declare_tag(&mut self, name: NameId, ty: TypeId);
    /// Notes that the declarations to come are made by top-level item `item`, which starts at
    /// text offset `start` (only the file scope keeps track).
    fn set_item(&mut self, _item: u32, _start: u32) {}
    /// Notes that the tag declared last (`declare_tag`) is a new type `ty`, its name at text
    /// offset `at` (only the file scope keeps track, for name resolution's ids).
    fn new_tag_at(&mut self, _ty: TypeId, _at: u32) {}
    /// Opens a scope (a function prototype's, whose tags and parameters vanish with it).
    fn push_scope(&mut self);
    fn pop_scope(&mut self);
}

/// Scopes as maps from names to the innermost entry, with an undo log per open scope.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ScopedEnv {
    ordinary: FxHashMap<NameId, Ordinary>,
    tags: FxHashMap<NameId, (TypeId, usize)>,
    undo: Vec<Undo>,
    marks: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Undo {
    Ordinary(NameId, Option<Ordinary>),
    Tag(NameId, Option<(TypeId, usize)>),
}

impl ScopedEnv {
    /// The nesting depth of the innermost scope (0: file scope).
    fn depth(&self) -> usize {
        self.marks.len()
    }
}

impl TypeEnv for ScopedEnv {
    fn ordinary(&self, name: NameId) -> Option<Ordinary> {
        self.ordinary.get(&name).copied()
    }

    fn tag(&self, name: NameId) -> Option<TagLookup> {
        self.tags.get(&name).map(|&(ty, depth)| TagLookup {
            ty,
            innermost: depth == self.depth(),
        })
    }

    fn declare_ordinary(&mut self, name: NameId, what: Ordinary) {
        let previous = self.ordinary.insert(name, what);
        if !self.marks.is_empty() {
            self.undo.push(Undo::Ordinary(name, previous));
        }
    }

    fn declare_tag(&mut self, name: NameId, ty: TypeId) {
        let previous = self.tags.insert(name, (ty, self.depth()));
        if !self.marks.is_empty() {
            self.undo.push(Undo::Tag(name, previous));
        }
    }

    fn push_scope(&mut self) {
        self.marks.push(self.undo.len());
    }

    fn pop_scope(&mut self) {
        let Some(mark) = self.marks.pop() else {
            return;
        };
        for undo in self.undo.drain(mark..).rev() {
            match undo {
                Undo::Ordinary(name, Some(previous)) => {
                    self.ordinary.insert(name, previous);
                }
                Undo::Ordinary(name, None) => {
                    self.ordinary.remove(&name);
                }
                Undo::Tag(name, Some(previous)) => {
                    self.tags.insert(name, previous);
                }
                Undo::Tag(name, None) => {
                    self.tags.remove(&name);
                }
            }
        }
    }
}
