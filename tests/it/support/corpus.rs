//! The kernel corpus, from the crate the tests and benches share.

pub use test_support::corpus::{corpus_dir, corpus_tus};
