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
