//! The syntax crate's integration tests, one test binary: a module for each area, the helpers
//! they share in `support`.

mod support;

mod c23;
mod directives;
mod fuzz;
mod macro_expansion;
mod parser_ast;
mod parser_cases;
mod parser_conformance;
mod parser_files;
mod parser_fuzz;
mod predefined_snapshots;
mod predefined_vs_gcc;
mod provenance;
mod source_text;

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
