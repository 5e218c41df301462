//! C types and their layout, after gcc: the type representation (an arena of interned types,
//! records and enums as nominal entities), the evaluation of declaration specifiers and
//! declarators into types, integer constant evaluation in the target's widths, the typing of
//! every expression and klp-ccp's checks of them, and gcc's record layout for x86_64 (SysV)
//! and aarch64 (AAPCS64).
//!
//! The entry points:
//! - [`file_types`]: the salsa query giving, for a TU, every file-scope tag, typedef and object
//!   with its type, and the layout of every record ([`FileTypes`]);
//! - [`body_types`]: the salsa query typing one function body ([`BodyTypes`]), and
//!   [`type_of`] reading an expression's type from it; [`body_type_diagnostics`], the same
//!   work keeping only its diagnostics (what `check` needs of every body);
//! - [`type_diagnostics`]: klp-ccp's diagnostics about types and constants (`check`);
//! - [`evaluate_in_tu`]: a constant expression written as text (`sizeof(struct x)`,
//!   `__builtin_offsetof(struct x, m)`) evaluated in a TU's file-scope context;
//! - [`TypeCx`] with a [`TypeEnv`]: the library the rest of semantics calls; `TypeEnv` is
//!   where names are resolved, by name resolution (`sema`): types keeps no scopes of its own.
//!
//! Module map: `ty` (the type data), `arena` (interning, layered: a body's types
//! extend the file scope's), `record` (struct, union and enum entities), `target`, `layout`
//! (gcc's record layout), `size` (size and alignment of any type), `value` (integer
//! arithmetic in target widths), `literal`, `convert` (promotions and the usual arithmetic
//! conversions), `compat` (compatible and composite types), `attrs`, `pragma` (`#pragma
//! pack`), `cx` (the evaluation context), `lower` (specifiers and declarators), `c23` (`_BitInt`, `typeof_unqual`, `constexpr` values), `declare`
//! (what a declaration declares), `members` (struct and enum bodies), `init` (the walk of
//! initializers against the object's type), `typing` (expression types), `eval` (constant
//! evaluation), `builtins` and `builtin_signatures` (gcc's builtins), `snippet` (C text
//! parsed on its own), `env` (the scope seam: what an identifier's place denotes, asked of
//! `sema`), `resolved` (`sema`'s answers indexed by anchor), `file_env` (the environments:
//! the file scope's walk, and a body over the file scope as it stood at its definition, by
//! `sema`'s ids), `file_scope` (the walk of a TU's top level), `body` (the walk of a function
//! body), `link` (the file scope's tags and objects keyed by name resolution's ids),
//! `check` (klp-ccp's diagnostics about operations), `assertions` (layout
//! checks for gcc), `display` (types as C), `error`, `query` (the salsa queries).

mod arena;
mod array_size;
mod assertions;
mod attrs;
mod body;
mod builtin_signatures;
mod builtins;
mod c23;
mod check;
mod compat;
mod convert;
mod cx;
mod declare;
mod display;
mod env;
mod error;
mod eval;
mod file_env;
mod file_scope;
mod init;
mod layout;
mod link;
mod literal;
mod literal_tokens;
mod lower;
mod members;
mod pragma;
mod query;
mod record;
mod resolved;
mod size;
mod snippet;
mod target;
mod ty;
mod typing;
mod value;

pub use arena::Types;
pub use assertions::{AssertionKind, LayoutAssertion};
pub use cx::{AssertionTally, TypeCx};
pub use declare::Declared;
pub use env::{Ordinary, TagAt, TypeEnv};
pub use error::{Span, TypeDiagnostic, TypeError};
pub use eval::Const;
pub use file_scope::{Evaluation, FileTypes, TagEntry, TypedefEntry};
pub use layout::{FieldLayout, RecordLayout};
pub use lower::Storage;
pub use pragma::PackState;
pub use query::{
    BodyTypes, body_type_diagnostics, body_types, evaluate_in_tu, file_types, type_diagnostics,
    type_diagnostics_of, type_of,
};
pub(crate) use query::{diagnostics_with, type_body};
pub use record::{EnumBody, EnumDef, EnumId, Member, Record, RecordAttrs, RecordDef, RecordId};
pub use size::Layout;
pub use target::TargetInfo;
pub use ty::{ArrayLen, FloatKind, FnType, IntKind, Quals, TypeData, TypeId, TypeKind};
pub use typing::Typed;
pub use value::{ConstValue, IntValue};
