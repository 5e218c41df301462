//! Live patches of the small TUs under `test_data/livepatch/`, one rule a case, under the
//! toy policy of the conformance suite (`test_data/livepatch/README.md` has the format).
//!
//! A case is a folder: `t.c` is the TU's main file (read as `/src/t.c`), every other file
//! beside it or below it a header at the same place under `/src`; an optional `flags` file
//! holds the TU's command line, an option a line (`-I DIR`, DIR relative to the case,
//! `-D NAME[=VALUE]` and `-Wall`); an optional `policy` file adjusts the toy policy (warnings, errors and
//! failures of its commands: `AdjustedToyPolicy`). The live patch klp-ccp writes is compared
//! with `expected.c`, its diagnostics (as `--message-format=short` prints them, the main
//! file's path left out) with `expected.diagnostics`, a file that is there only when there are
//! diagnostics. Run with `UPDATE_EXPECT=1` to write what klp-ccp gives.
//!
//! Each live patch is also compiled (`gcc -fsyntax-only -Wall -Werror`, the headers beside
//! it, as a kernel build would), when gcc is found: a live patch that does not compile is a
//! bug, and fails its case. A case whose live patch draws warnings by design (those of its
//! TU's own code, say) has a `gcc-warnings` file saying why: gcc's warnings are printed then,
//! not failures.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

use expect_test::expect_file;
use queries::livepatch::live_patch;
use queries::{Db, Tu, parse, preprocess};
use syntax::diagnostic::short_line;
use syntax::pp::{PpConfig, SearchDir};

use crate::support::toy_policy::AdjustedToyPolicy;

const ROOT: &str = "/src";
const MAIN: &str = "/src/t.c";

#[test]
fn live_patch_cases() {
    let cases_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("test_data/livepatch");
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&cases_dir)
        .expect("test_data/livepatch is there")
        .map(|entry| entry.expect("a readable entry").path())
        .filter(|path| path.is_dir())
        .collect();
    cases.sort();
    assert!(!cases.is_empty(), "no cases in {}", cases_dir.display());
    // Every case runs, and the failing ones are named together.
    let failed: Vec<String> = (cases.iter())
        .filter(|case| std::panic::catch_unwind(|| run_case(case)).is_err())
        .map(|case| case.display().to_string())
        .collect();
    assert!(failed.is_empty(), "failing cases:\n{}", failed.join("\n"));
}

/// Makes the live patch of one case and compares it with what the case expects.
fn run_case(case: &Path) {
    let files = case_files(case);
    let flags = std::fs::read_to_string(case.join("flags")).unwrap_or_default();
    let policy = std::fs::read_to_string(case.join("policy")).unwrap_or_default();
    let mut db = Db::with_files(files.iter().map(|(p, t)| (p.clone(), t.clone())));
    let tu = Tu::new(&db, config(&flags));
    db.set_policy(Arc::new(AdjustedToyPolicy::from_file_text(&policy)));
    let pp = preprocess(&db, tu);
    let front_end: Vec<String> = (pp.diagnostics.iter())
        .chain(&parse(&db, tu).diagnostics(&pp))
        .map(|d| short_line(&pp, d))
        .collect();
    assert!(
        front_end.is_empty(),
        "{}: the TU does not preprocess and parse cleanly: {front_end:#?}",
        case.display()
    );
    let (text, diagnostics) = match live_patch(&db, tu).as_ref() {
        Ok(patch) => {
            let lines: String = (patch.diagnostics.iter())
                .map(|d| short_line(&pp, d).replacen(&format!("{MAIN}: "), "", 1) + "\n")
                .collect();
            (patch.text.clone(), lines)
        }
        Err(failure) => (String::new(), format!("error: {failure}\n")),
    };
    expect_file![case.join("expected.c")].assert_eq(&text);
    let diagnostics_file = case.join("expected.diagnostics");
    if !diagnostics.is_empty() || diagnostics_file.exists() {
        expect_file![diagnostics_file].assert_eq(&diagnostics);
    }
    if !text.is_empty() {
        compile_with_gcc(case, &text);
    }
}

/// The files of a case, by their paths under `/src`, but for what the harness reads.
fn case_files(case: &Path) -> Vec<(PathBuf, String)> {
    let mut files = Vec::new();
    let mut dirs = vec![case.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("a readable case folder") {
            let path = entry.expect("a readable entry").path();
            let relative = path.strip_prefix(case).expect("inside the case");
            let name = relative.to_string_lossy();
            if path.is_dir() {
                dirs.push(path);
            } else if !matches!(
                &*name,
                "flags" | "policy" | "gcc-warnings" | "expected.c" | "expected.diagnostics"
            ) {
                let text = std::fs::read_to_string(&path).expect("a UTF-8 file");
                files.push((Path::new(ROOT).join(relative), text));
            }
        }
    }
    files
}

/// The TU's preprocessor configuration: x86_64, gcc 12 in gnu11 mode, with the case's
/// `-I` directories, `-D` macros and `-Wall` (which warns of unused functions).
fn config(flags: &str) -> PpConfig {
    let mut search = Vec::new();
    let mut defines = String::new();
    let mut warn_unused_function = false;
    for line in flags.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if line == "-Wall" {
            warn_unused_function = true;
        } else if let Some(dir) = line.strip_prefix("-I") {
            search.push(SearchDir {
                path: Path::new(ROOT).join(dir.trim()),
                system: false,
            });
        } else if let Some(define) = line.strip_prefix("-D") {
            let (name, value) = define
                .trim()
                .split_once('=')
                .unwrap_or((define.trim(), "1"));
            defines.push_str(&format!("#define {name} {value}\n"));
        } else {
            panic!("unknown flag `{line}`");
        }
    }
    PpConfig {
        main_file: MAIN.into(),
        search,
        gcc_major: 12,
        builtin_defines: "#define __GNUC__ 12\n#define __GNUC_STDC_INLINE__ 1\n\
                          #define __x86_64__ 1\n"
            .into(),
        command_line_defines: defines,
        warn_unused_function,
        ..PpConfig::default()
    }
}

/// Compiles the live patch in a copy of the case's folder, as the case's flags say (but its
/// `-D` macros, which the live patch carries itself where it needs them), and checks that gcc
/// accepts it without a warning (with warnings, if the case has a `gcc-warnings` file).
/// Skipped without gcc.
fn compile_with_gcc(case: &Path, text: &str) {
    if Command::new("gcc").arg("--version").output().is_err() {
        println!("gcc not found: the live patches are not compiled");
        return;
    }
    let name = case.file_name().expect("a case name").to_string_lossy();
    let dir = std::env::temp_dir().join(format!("klp-ccp-fixture-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    for (path, content) in case_files(case) {
        let path = dir.join(path.strip_prefix(ROOT).expect("under /src"));
        std::fs::create_dir_all(path.parent().expect("a folder")).expect("a scratch folder");
        std::fs::write(path, content).expect("a scratch file");
    }
    let patch = dir.join("livepatch.c");
    std::fs::write(&patch, text).expect("a scratch file");
    let flags = std::fs::read_to_string(case.join("flags")).unwrap_or_default();
    let includes: Vec<String> = (flags.lines())
        .filter_map(|l| l.trim().strip_prefix("-I"))
        .map(|dir| format!("-I{}", dir.trim()))
        .collect();
    let warnings_allowed = case.join("gcc-warnings").exists();
    let werror: &[&str] = if warnings_allowed {
        // Implicit declarations are errors all the same, as in the kernel's build.
        &[
            "-Werror=implicit-function-declaration",
            "-Werror=implicit-int",
        ]
    } else {
        &["-Werror"]
    };
    let output = Command::new("gcc")
        .current_dir(&dir)
        .args(["-fsyntax-only", "-Wall", "-x", "c"])
        .args(werror)
        .args(&includes)
        .arg(&patch)
        .output();
    let _ = std::fs::remove_dir_all(&dir);
    let output = output.expect("gcc runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success() && (warnings_allowed || stderr.is_empty()),
        "{}: the live patch does not compile:\n{text}\ngcc says:\n{stderr}",
        case.display()
    );
    if !stderr.is_empty() {
        println!(
            "{}: gcc says about the live patch:\n{stderr}",
            case.display()
        );
    }
}
