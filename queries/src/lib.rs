//! klp-ccp's salsa database (after rust-analyzer's design: `syntax` is pure, this crate owns
//! the database, its inputs and the queries over them).
//!
//! Source files are inputs created lazily, on the first read of their path (salsa's
//! lazy-input pattern), including paths that turn out missing: an include search that probed
//! a path depends on it, so the file appearing there re-runs that TU.

mod db;
pub mod definitions;
mod earlier;
mod fs;
mod inputs;
pub mod items;
mod lex_ahead;
mod lexing;
pub mod livepatch;
mod locate;
mod log;
pub mod names;
mod parallel;
mod parsing;
mod patched_names;
mod preprocessing;
pub mod sema;
pub mod skeleton;
pub mod types;

pub use db::{Db, SourceDb};
pub use earlier::EarlierRuns;
pub use fs::{FileSystem, MemoryFs, RealFs};
pub use inputs::{SourceFile, Tu};
pub use lexing::{LexCache, lex};
pub use parallel::{
    ask_questions_ahead, parse_for_live_patch, resolve_and_type_bodies, with_file_types_ahead,
};
pub use parsing::parse;
pub use patched_names::patched_name_errors;
pub use preprocessing::preprocess;
pub use sema::{sema_diagnostics, sema_diagnostics_of};
pub use types::{FileTypes, evaluate_in_tu, file_types, type_diagnostics, type_diagnostics_of};
