//! klp-ccp's integration tests, one test binary: a module for each area, the helpers they share
//! in `support`. (The kernel-corpus layout check of the queries crate's types lives here, beside
//! the other kernel-corpus test, so that the corpus helper is one module.)

mod support;

mod cli;
mod from_diff;
mod incremental_kernel;
mod kernel_corpus;
mod policy_file;
mod source_bytes;
mod tidy;
mod types_kernel;
mod watch;
