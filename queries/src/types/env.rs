//! The seam between types and scopes. `types` resolves no name itself: at each identifier
//! (an ordinary identifier in an expression, a typedef name, a tag name, a declarator's name)
//! it hands the identifier's place to a `TypeEnv`, which asks name resolution (`sema`) what
//! the use there denotes, or which declaration the name there makes, and keeps the types of
//! what is declared in tables keyed by `sema`'s ids (`EntityId`, `TagId`, `LocalId`).
//!
//! Places are text offsets in the tree walked; the environment knows the item walked and
//! makes them anchors as `sema` does. `file_env` has the implementations: the file scope's
//! walk, and a function body (or a text snippet) over the finished file scope.

use rustc_hash::FxHashMap;

use super::eval::Const;
use super::ty::TypeId;
use crate::sema::{ConflictKind, EntityId, ItemId, LocalId, Resolution};

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

/// What the tag name of a struct, union or enum specifier stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TagAt {
    /// A use of a visible tag, of this type.
    Refers(TypeId),
    /// A declaration of a tag declared before in the same scope, of this type (which a
    /// definition completes).
    Redeclares(TypeId),
    /// A declaration of a new tag (or a name nothing resolved: a new type all the same).
    New,
}

/// Scopes as type evaluation sees them. `at` is the text offset where the identifier's node
/// starts (`IDENT_EXPR`, `TYPEDEF_NAME`, the `NAME` of a declarator or tag), `text` its
/// spelling.
pub trait TypeEnv {
    /// What the ordinary identifier used at `at` denotes.
    fn ordinary(&self, at: u32, text: &str) -> Option<Ordinary>;
    /// What the tag name at `at` stands for.
    fn tag(&self, at: u32) -> TagAt;
    /// Records what the declarator named at `at` declares (a redeclaration replaces it).
    fn declare_ordinary(&mut self, at: u32, what: Ordinary);
    /// Records the type of the tag the specifier named at `at` declares.
    fn declare_tag(&mut self, at: u32, ty: TypeId);
    /// gcc's builtin typedef `text` (`__builtin_va_list`).
    fn builtin_type(&self, text: &str) -> Option<TypeId>;
    /// What file-scope entity `entity` is, as the walk stands (in a body: as it stood at the
    /// function's definition).
    fn entity(&self, entity: EntityId) -> Option<Ordinary>;
    /// The file-scope entity the declarator named at `at` declares (only the file scope's
    /// walk declares them).
    fn declared_entity(&self, _at: u32) -> Option<EntityId> {
        None
    }
    /// The conflict name resolution found with the file-scope declaration at `at`.
    fn conflict(&self, _at: u32) -> Option<ConflictKind> {
        None
    }
    /// Notes that the places to come are in top-level item `item`, which starts at text
    /// offset `start`, resolved by `own` besides the file's resolution (a function
    /// definition's declarator: only the file scope's walk goes from item to item).
    fn enter_item(&mut self, _item: ItemId, _start: u32, _own: Option<&Resolution>) {}
}

/// The types of name resolution's locals (block-scope and prototype-scope declarations,
/// tags and enumerators included), as the walk declares them.
#[derive(Debug, Default)]
pub(super) struct LocalTypes {
    pub(super) ordinary: FxHashMap<LocalId, Ordinary>,
    pub(super) tags: FxHashMap<LocalId, TypeId>,
}
