//! What the live patch is made of, as the closure decides it: which top-level items are
//! emitted and in which form, and the edits to their text (renames, pointers, storage
//! classes). Positions are anchors (an item and an offset in it), so that the plan of an
//! unchanged closure compares equal after edits elsewhere in the TU.

use std::collections::BTreeMap;

use crate::sema::{Anchor, ItemId};

/// The live patch's content.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    /// The top-level items to emit, in source order.
    pub items: BTreeMap<ItemId, ItemForm>,
    /// Edits of the emitted text, sorted by position.
    pub edits: Vec<Edit>,
    /// What the closure found to say (policy warnings, objects copied for want of
    /// externalization), located at the entity.
    pub diagnostics: Vec<PlanDiagnostic>,
    /// What became of each symbol, for `-v` and tests: its name and fate.
    pub fates: Vec<(String, Fate)>,
}

/// How an item is emitted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemForm {
    /// As written.
    Whole,
    /// A function definition as a declaration: its body becomes `;`.
    Prototype,
    /// Only the struct, union or enum specifier whose tag is at this offset of the item,
    /// followed by `;` (a tag first declared inside a `_Static_assert`, which is not copied).
    TagSpecifier { offset: u32 },
}

/// An edit of the emitted text at one token.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Edit {
    /// The token (an identifier: a use, or a declarator's name).
    pub at: Anchor,
    pub kind: EditKind,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum EditKind {
    /// The identifier becomes this text (a new name, or `(*new)` for a pointer).
    Replace(String),
    /// The declaration declaring the name at `at` gets this storage class (replacing the
    /// one it has, `None`: removing it).
    Storage(Option<StorageClass>),
    /// The initializer of the declarator named at `at` is dropped.
    DropInitializer,
    /// The declarator named at `at` declares an array of unknown length that its initializer
    /// completed: the length is written in.
    ArrayLength(u64),
    /// The declaration declaring the name at `at` loses its attributes (a block-scope object
    /// made `extern` cannot keep a `section`).
    DropAttributes,
    /// The struct, union or enum definition whose tag is at `at` loses its members: a
    /// declaration of the tag is all that is needed.
    DropMembers,
    /// The declarator named at `at` is dropped, with a comma next to it: the object it
    /// declares is not needed, another declarator of its declaration is.
    DropDeclarator,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum StorageClass {
    Static,
    Extern,
}

/// A diagnostic of the closure.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PlanDiagnostic {
    pub at: Anchor,
    /// Through this anchor (the end of a declarator), when the location is a range.
    pub through: Option<Anchor>,
    pub error: bool,
    pub message: String,
}

/// What becomes of a function or object the live patch refers to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fate {
    /// A patched function: its definition, under `name`.
    Patched { name: String },
    /// A definition copied into the live patch (with internal linkage; renamed when
    /// rewritten).
    Copied { name: String },
    /// Referred to in the running kernel: declared under `name`, through a pointer when
    /// `pointer`.
    Externalized { name: String, pointer: bool },
    /// Referred to in unevaluated code only: declared, as it is.
    Declared,
}
