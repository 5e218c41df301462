//! The file-scope symbol table of a TU: every file-scope declaration of an object, function,
//! typedef or enumerator, grouped into entities by gcc's linkage rules, and every file-scope tag.
//!
//! Positions are an item (a top-level declaration or definition) and an offset relative to the
//! item's start, so that an edit inside one item leaves the table of the others equal: salsa
//! then stops at this table instead of re-running everything that reads it.

use rustc_hash::FxHashMap;

use crate::names::{NameId, Names};

/// A top-level item: its index among the root node's children, tokens included. Edits inside
/// items (function bodies, initializers) leave it unchanged.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ItemId(pub u32);

/// A place in the TU: an item and a text offset from the item's start.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Anchor {
    pub item: ItemId,
    pub offset: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EntityId(pub u32);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DeclId(pub u32);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TagId(pub u32);

/// What a file-scope name denotes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntityKind {
    Object,
    Function,
    /// `function_type`: the typedef names a function type, so that `F f;` declares a function.
    Typedef {
        function_type: bool,
    },
    /// An enumeration constant of the enumeration `tag`.
    Enumerator {
        tag: TagId,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Linkage {
    External,
    Internal,
    /// Typedefs and enumerators.
    None,
}

/// Whether and how the TU defines an object or function.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Definition {
    /// Declared only.
    None,
    /// Tentative definitions only (`int x;`): a definition with a zero initializer at the end of
    /// the TU.
    Tentative,
    /// Defined by this declaration (the last definition, when a gnu89 `extern inline` one is
    /// followed by the real one).
    Defined(DeclId),
}

/// How gcc treats an inline function's definition.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Inline {
    /// No declaration says `inline`.
    No,
    /// `inline` with internal linkage: an ordinary static function.
    Static,
    /// The definition here serves inlining only and the external definition is another TU's:
    /// gnu89 `extern inline` (`gnu: true`, also with `gnu_inline`), or a C99 inline definition
    /// (every declaration `inline`, none `extern`).
    InlineOnly { gnu: bool },
    /// Declared inline, and a definition here would be the external one.
    External,
}

/// An object, function, typedef or enumerator at file scope, with all its declarations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    pub name: NameId,
    pub kind: EntityKind,
    pub linkage: Linkage,
    /// Every declaration, in source order (redeclarations included).
    pub decls: Vec<DeclId>,
    pub definition: Definition,
    pub inline: Inline,
}

/// The storage-class specifier of a declaration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Storage {
    None,
    Extern,
    Static,
    Typedef,
    Auto,
    Register,
}

/// What one declaration of an object or function is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// With an initializer or a body.
    Definition,
    /// An object declared without initializer and without `extern`.
    Tentative,
    Declaration,
}

/// One file-scope declarator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decl {
    pub entity: EntityId,
    /// Where its name is.
    pub at: Anchor,
    pub storage: Storage,
    pub thread_local: bool,
    pub role: Role,
    pub inline: bool,
    /// `__attribute__((gnu_inline))`.
    pub gnu_inline: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TagKind {
    Struct,
    Union,
    Enum,
}

/// How a specifier declared a tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TagRole {
    /// With its members or enumerators.
    Definition,
    /// `struct S;`.
    Forward,
    /// A reference to a tag not declared yet, which declares it (`struct S *p;`).
    Implicit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TagDecl {
    pub at: Anchor,
    pub role: TagRole,
}

/// A struct, union or enum type declared at file scope (anonymous ones too).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag {
    pub name: Option<NameId>,
    pub kind: TagKind,
    pub decls: Vec<TagDecl>,
    /// Whether one of `decls` is a definition.
    pub defined: bool,
}

/// A function definition with a body: the key of its body's queries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FunctionDef {
    pub name: NameId,
    /// How many definitions of the same name come before it (a gnu89 `extern inline` one may be
    /// followed by the real one).
    pub occurrence: u32,
    pub item: ItemId,
    pub decl: DeclId,
}

/// Declarations that gcc rejects or warns about, found without evaluating types.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConflictKind {
    /// `static` after a declaration with external linkage.
    StaticFollowsNonStatic,
    /// An object without storage class after a `static` one.
    NonStaticFollowsStatic,
    /// The name was declared as another kind of thing (a typedef, an enumerator, a function
    /// and an object).
    DifferentKind,
    /// A second definition of an object or function (not after a gnu89 `extern inline` one).
    Redefinition,
    /// `union S` for a struct tag and the like.
    TagKindMismatch,
    /// A second definition of a tag.
    TagRedefinition,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Conflict {
    pub at: Anchor,
    pub kind: ConflictKind,
}

/// The inline semantics the TU is compiled with (gcc's `__GNUC_GNU_INLINE__` or
/// `__GNUC_STDC_INLINE__`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum InlineMode {
    /// gnu89 (`-std=gnu89`, gcc before 5, `-fgnu89-inline`).
    Gnu89,
    #[default]
    C99,
}

/// The file-scope symbol table.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FileScope {
    pub names: Names,
    pub entities: Vec<Entity>,
    pub decls: Vec<Decl>,
    pub tags: Vec<Tag>,
    /// The function definitions, in source order.
    pub functions: Vec<FunctionDef>,
    pub conflicts: Vec<Conflict>,
    pub inline_mode: InlineMode,
    /// What each name denoted from which item on.
    pub(super) ordinary: History<EntityId>,
    /// The same for tags.
    pub(super) tag_names: History<TagId>,
    /// `functions` by name and occurrence.
    pub(super) function_index: FxHashMap<(NameId, u32), u32>,
}

impl FileScope {
    /// The entity `name` denotes in item `item` (declarations of the item itself included: a
    /// function's body sees the function).
    pub fn lookup(&self, name: &str, item: ItemId) -> Option<EntityId> {
        let id = self.names.get(name)?;
        self.ordinary.at(id, item)
    }

    /// The tag `name` denotes in item `item`.
    pub fn lookup_tag(&self, name: &str, item: ItemId) -> Option<TagId> {
        let id = self.names.get(name)?;
        self.tag_names.at(id, item)
    }

    pub fn entity(&self, id: EntityId) -> &Entity {
        &self.entities[id.0 as usize]
    }

    pub fn decl(&self, id: DeclId) -> &Decl {
        &self.decls[id.0 as usize]
    }

    pub fn tag(&self, id: TagId) -> &Tag {
        &self.tags[id.0 as usize]
    }

    pub fn name(&self, id: NameId) -> &str {
        self.names.resolve(id)
    }

    /// The definition `occurrence` of function `name`.
    pub fn function(&self, name: &str, occurrence: u32) -> Option<&FunctionDef> {
        let id = self.names.get(name)?;
        let index = *self.function_index.get(&(id, occurrence))?;
        self.functions.get(index as usize)
    }
}

/// The bindings of names over the items of a TU: for each name, its bindings from the latest
/// back, chained through one vector (most names are bound once, so a vector per name would
/// be an allocation per name).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct History<T> {
    /// By name, its latest binding.
    latest: Vec<u32>,
    bindings: Vec<Binding<T>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Binding<T> {
    item: ItemId,
    value: T,
    /// The binding it replaced (`NO_BINDING` for the first).
    earlier: u32,
}

const NO_BINDING: u32 = u32::MAX;

impl<T> Default for History<T> {
    fn default() -> Self {
        History {
            latest: Vec::new(),
            bindings: Vec::new(),
        }
    }
}

impl<T: Copy> History<T> {
    /// Records that `name` denotes `value` from `item` on (items come in source order).
    pub(super) fn bind(&mut self, name: NameId, item: ItemId, value: T) {
        let index = name.0 as usize;
        if index >= self.latest.len() {
            self.latest.resize(index + 1, NO_BINDING);
        }
        let earlier = self.latest[index];
        self.latest[index] = self.bindings.len() as u32;
        self.bindings.push(Binding {
            item,
            value,
            earlier,
        });
    }

    /// What `name` denotes in `item`: its last binding made at or before it.
    fn at(&self, name: NameId, item: ItemId) -> Option<T> {
        let mut index = *self.latest.get(name.0 as usize)?;
        while let Some(binding) = self.bindings.get(index as usize) {
            if binding.item <= item {
                return Some(binding.value);
            }
            index = binding.earlier;
        }
        None
    }
}
