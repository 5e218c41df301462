//! The kernel corpus, from the crate the tests and benches share.

use std::path::PathBuf;

pub use test_support::corpus::{CorpusTu, corpus_dir, corpus_tus};

/// The corpus's kernel tree and TUs, the working directory set to the tree (the TUs'
/// arguments are relative to it, and the database reads files through the working directory;
/// every kernel test sets the same one). `None`, with a message, without the corpus.
pub fn kernel_tree() -> Option<(PathBuf, Vec<CorpusTu>)> {
    let Some(dir) = corpus_dir() else {
        println!("kernel corpus absent: skipped (run ../shared/tools/kernel-corpus-setup)");
        return None;
    };
    let linux = dir.join("linux");
    std::env::set_current_dir(&linux).expect("kernel tree");
    let tus = corpus_tus(&dir);
    assert!(!tus.is_empty(), "corpus.tsv lists TUs");
    Some((linux, tus))
}
