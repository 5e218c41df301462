//! The queries crate's integration tests, one test binary: a module for each area, the helpers
//! they share in `support`.

mod support;

mod c23;
mod check;
mod check_constants;
mod check_conversions;
mod check_declarations;
mod incremental;
mod livepatch;
mod livepatch_fixtures;
mod livepatch_incremental;
mod policy;
mod real_fs;
mod sema;
mod sema_incremental;
mod source_bytes;
mod types;
mod types_incremental;
mod types_names;
