//! klp-ccp's integration tests, one test binary: a module for each area, the helpers they share
//! in `support`. (The kernel-corpus layout check of the queries crate's types lives here, beside
//! the other kernel-corpus test, so that the corpus helper is one module.)

mod support;

mod cli;
mod from_diff;
mod kernel_corpus;
mod policy_file;
mod source_bytes;
mod tidy;
mod types_kernel;
mod watch;

/// The integration tests stay one binary: another test target under `tests/` (a file, or a
/// folder with a `main.rs`) belongs in `it/` as a module.
#[test]
fn the_integration_tests_are_one_binary() {
    let tests = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let mut others: Vec<String> = std::fs::read_dir(tests)
        .expect("the tests folder")
        .map(|entry| entry.expect("a readable entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "rs") || path.join("main.rs").exists())
        .filter(|path| !path.ends_with("it"))
        .map(|path| path.display().to_string())
        .collect();
    others.sort();
    assert!(
        others.is_empty(),
        "test targets besides tests/it: {others:?}"
    );
}
