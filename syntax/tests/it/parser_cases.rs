//! The parser's snapshot cases, one small case per construct, as files: `NAME.c` under
//! `test_data/parser/ok/` parses without an error, under `test_data/parser/err/` with at least
//! one; `NAME.rast` beside it holds the tree and the errors as `parser::dump` prints them
//! (`UPDATE_EXPECT=1 cargo test` writes it). Every case also checks that the tree's text is the
//! input's text, and every `ok` case that gcc accepts it (`gcc -fsyntax-only`; skipped, with a
//! message, when there is no gcc). An `ok` case of a construct newer gcc versions brought
//! names the version on its first line, `// gcc N`, and is compiled only by gcc N or later.

use std::path::{Path, PathBuf};
use std::process::Command;

use expect_test::expect_file;

use crate::support::parser;

#[test]
fn parser_cases() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("test_data/parser");
    let gcc = gcc_major();
    if gcc.is_none() {
        println!("gcc not found: the `ok` cases are not compiled");
    }
    let mut failed = Vec::new();
    for (folder, with_errors) in [("ok", false), ("err", true)] {
        let cases = cases(&root.join(folder));
        assert!(!cases.is_empty(), "no cases in test_data/parser/{folder}");
        // Every case runs, and the failing ones are named together.
        for case in cases {
            let gcc = gcc.filter(|_| !with_errors);
            if std::panic::catch_unwind(|| check(&case, with_errors, gcc)).is_err() {
                failed.push(case.display().to_string());
            }
        }
    }
    assert!(failed.is_empty(), "failing cases:\n{}", failed.join("\n"));
}

/// The `.c` files of a folder, sorted; a `.rast` file without its `.c` file fails.
fn cases(folder: &Path) -> Vec<PathBuf> {
    let mut cases = Vec::new();
    for entry in std::fs::read_dir(folder).expect("a readable case folder") {
        let path = entry.expect("a readable entry").path();
        match path.extension().and_then(|e| e.to_str()) {
            Some("c") => cases.push(path),
            Some("rast") => assert!(
                path.with_extension("c").exists(),
                "{} has no case beside it",
                path.display()
            ),
            _ => panic!("{} is neither a case nor its tree", path.display()),
        }
    }
    cases.sort();
    cases
}

/// Parses one case and compares its dump with the `.rast` file beside it; compiles it with
/// gcc of major version `gcc`, if given.
fn check(case: &Path, with_errors: bool, gcc: Option<u32>) {
    let text = std::fs::read_to_string(case).expect("a UTF-8 case");
    let parse = parser::parse_text(&text);
    assert_eq!(
        parse.tree_text(),
        text,
        "{}: the tree must hold the input exactly",
        case.display()
    );
    expect_file![case.with_extension("rast")].assert_eq(&parser::dump(&text));
    assert_eq!(
        !parse.errors.is_empty(),
        with_errors,
        "{}: an `ok` case parses without an error, an `err` case with one",
        case.display()
    );
    let Some(gcc) = gcc else {
        return;
    };
    let needed = gcc_needed(&text);
    if needed <= gcc {
        compile_with_gcc(case);
    } else {
        println!("{}: needs gcc {needed}, not compiled", case.display());
    }
}

/// The major version of `gcc`, when it runs.
fn gcc_major() -> Option<u32> {
    let output = Command::new("gcc").arg("-dumpversion").output().ok()?;
    let version = String::from_utf8_lossy(&output.stdout);
    version.trim().split('.').next()?.parse().ok()
}

/// The gcc version a case needs: the `N` of a first line `// gcc N`, else 0.
fn gcc_needed(text: &str) -> u32 {
    let line = text.lines().next().unwrap_or_default();
    line.strip_prefix("// gcc ").map_or(0, |n| {
        n.trim().parse().expect("a gcc version after `// gcc `")
    })
}

/// Checks that gcc accepts the case (warnings allowed).
fn compile_with_gcc(case: &Path) {
    let output = Command::new("gcc")
        .args(["-fsyntax-only", "-x", "c"])
        .arg(case)
        .output()
        .expect("gcc runs");
    assert!(
        output.status.success(),
        "{}: gcc rejects the case:\n{}",
        case.display(),
        String::from_utf8_lossy(&output.stderr)
    );
}
