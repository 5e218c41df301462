//! Name resolution: scopes, namespaces and linkage, after C11 6.2 and gcc's rules.
//!
//! - `file_scope(tu)`: every file-scope object, function, typedef, enumerator and tag, with
//!   its declarations, linkage, definition state and inline semantics;
//! - `body_resolution(function)`: for one function definition, its scopes and local
//!   declarations and every identifier use with what it denotes;
//! - `file_resolution(tu)`: the same for the items outside function bodies;
//! - `undeclared_uses(tu)`: the uses nothing declares, in source order; `sema_diagnostics(tu)`
//!   makes them klp-ccp's `identifier "x" not declared` warnings.
//!
//! Data is plain Rust (arenas, indices, interned names), with positions relative to the
//! top-level item they are in, so that the per-body queries compare equal, and stop salsa's
//! re-evaluation, when another body is edited.

mod body;
mod builtins;
mod diagnostics;
mod file_walk;
mod flat;
mod linkage;
mod queries;
mod resolution;
mod scopes;
mod specs;
mod symbols;
mod walk;

pub use body::resolve_item;
pub use diagnostics::{sema_diagnostics, sema_diagnostics_of, undeclared_uses};
pub use file_walk::walk_file as resolve_file;
pub use queries::{
    FunctionId, FunctionSyntax, body_resolution, file_resolution, file_scope, function_syntax,
    functions, functions_by_item,
};
pub use resolution::{
    Local, LocalId, LocalKind, LocalStorage, Namespace, Resolution, Scope, ScopeId, ScopeKind,
    Target, Use,
};
pub use symbols::{
    Anchor, Conflict, ConflictKind, Decl, DeclId, Definition, Entity, EntityId, EntityKind,
    FileScope, FunctionDef, Inline, InlineMode, ItemId, Linkage, Role, Storage, Tag, TagDecl,
    TagId, TagKind, TagRole,
};
