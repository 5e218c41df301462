//! What klp-ccp's tests and benches share (a crate of its own, rather than files included by
//! `#[path]` into each test and bench target): the kernel corpus that
//! `../shared/tools/kernel-corpus-setup` builds, and the TUs the benches measure.

pub mod corpus;
pub mod subject;
