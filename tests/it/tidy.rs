//! House rules of the source tree, checked as rust-analyzer's `tidy` does: every module says
//! what it is, code that input can reach does not `unwrap`, no debugging output is left, and
//! each crate's integration tests are one binary.

use std::path::{Path, PathBuf};

/// The crates' source folders, relative to the workspace root.
const SOURCE_DIRS: [&str; 3] = ["src", "syntax/src", "queries/src"];

/// The folders whose non-test code must not `unwrap()` or `expect(..)`: the database and the
/// binary see the user's input. (`syntax` proves its few `expect`s locally.)
const NO_UNWRAP_DIRS: [&str; 2] = ["src", "queries/src"];

/// The longest a source file of `syntax` or `queries` may grow before it is split by concept.
const MAX_LINES: usize = 600;

#[test]
fn every_module_is_documented() {
    let undocumented: Vec<String> = rust_files(&SOURCE_DIRS)
        .into_iter()
        .filter(|(_, text)| !text.trim_start().starts_with("//!"))
        .map(|(path, _)| path.display().to_string())
        .collect();
    assert!(
        undocumented.is_empty(),
        "modules without a `//!` comment saying what they are: {undocumented:#?}"
    );
}

#[test]
fn no_unwrap_outside_tests() {
    let found = lines_matching(&NO_UNWRAP_DIRS, |line| {
        line.contains(".unwrap()") || line.contains(".expect(")
    });
    assert!(
        found.is_empty(),
        "unwrap/expect in code input can reach (return an error instead): {found:#?}"
    );
}

#[test]
fn no_dbg() {
    let found = lines_matching(&SOURCE_DIRS, |line| line.contains("dbg!("));
    assert!(found.is_empty(), "dbg! left behind: {found:#?}");
}

#[test]
fn no_oversized_files_in_the_libraries() {
    let oversized: Vec<String> = rust_files(&["syntax/src", "queries/src"])
        .into_iter()
        .filter(|(_, text)| text.lines().count() > MAX_LINES)
        .map(|(path, text)| format!("{} ({} lines)", path.display(), text.lines().count()))
        .collect();
    assert!(
        oversized.is_empty(),
        "files over {MAX_LINES} lines (split them by concept): {oversized:#?}"
    );
}

/// Each crate's integration tests stay one binary: another test target under its `tests/`
/// (a file, or a folder with a `main.rs`) belongs in `tests/it/` as a module.
#[test]
fn the_integration_tests_are_one_binary_a_crate() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut others: Vec<String> = Vec::new();
    for tests in ["tests", "syntax/tests", "queries/tests"] {
        let entries = std::fs::read_dir(root.join(tests)).expect("the tests folder");
        others.extend(
            entries
                .map(|entry| entry.expect("a readable entry").path())
                .filter(|path| {
                    path.extension().is_some_and(|e| e == "rs") || path.join("main.rs").exists()
                })
                .filter(|path| !path.ends_with("it"))
                .map(|path| path.display().to_string()),
        );
    }
    others.sort();
    assert!(
        others.is_empty(),
        "test targets besides tests/it: {others:?}"
    );
}

/// `FILE:LINE: text` of the non-test, non-comment lines of `dirs` that `matches`.
fn lines_matching(dirs: &[&str], matches: impl Fn(&str) -> bool) -> Vec<String> {
    let mut found = Vec::new();
    for (path, text) in rust_files(dirs) {
        if is_test_file(&path) {
            continue;
        }
        for (n, line) in non_test_code(&text).lines().enumerate() {
            let code = line.trim_start();
            if !code.starts_with("//") && matches(code) {
                found.push(format!("{}:{}: {}", path.display(), n + 1, code));
            }
        }
    }
    found
}

/// The text before the file's `#[cfg(test)]` module, which by convention ends the file.
fn non_test_code(text: &str) -> &str {
    text.find("#[cfg(test)]").map_or(text, |at| &text[..at])
}

/// A file that only tests hold (`tests.rs`, or in a `tests` folder).
fn is_test_file(path: &Path) -> bool {
    path.file_stem().is_some_and(|s| s == "tests")
        || path.components().any(|c| c.as_os_str() == "tests")
}

/// Every `.rs` file below `dirs` with its text, sorted by path.
fn rust_files(dirs: &[&str]) -> Vec<(PathBuf, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in dirs {
        collect(&root.join(dir), root, &mut files);
    }
    files.sort();
    files
}

fn collect(dir: &Path, root: &Path, out: &mut Vec<(PathBuf, String)>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, root, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let relative = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
            out.push((relative, text));
        }
    }
}
