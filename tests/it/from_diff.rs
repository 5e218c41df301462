//! `klp-ccp from-diff` on a small tree with its own compile_commands.json: which TUs a fix
//! affects, which functions it patches and why, and that the tree is never written.

use std::path::Path;

use serde_json::Value;

use crate::support::scratch::{Scratch, klp_ccp, klp_ccp_in, scratch_tree};

const HEADER: &str = "#define LIMIT 3
static inline int helper(int x) { return x + 1; }
static inline int via(int x) { return helper(x) * 2; }
";

const A: &str = "#include \"h.h\"
#define SCALE 2
int a_limit(int x) { return x > LIMIT; }
int a_help(int x) { return via(x); }
int a_scaled(int x) { return x * SCALE; }
int a_plain(int x)
{
\t/* keep it simple */
\treturn x;
}
";

const B: &str = "#include \"h.h\"
int b_limit(int x) { return x < LIMIT; }
int b_other(void) { return 0; }
";

const C: &str = "int c_fn(void) { return 1; }\n";

/// The tree: three TUs, two of which include `h.h`.
fn tree(name: &str) -> Scratch {
    let dir = scratch_tree(
        "from-diff",
        name,
        &[("include/h.h", HEADER), ("a.c", A), ("b.c", B), ("c.c", C)],
    );
    let entry = |file: &str| {
        serde_json::json!({
            "directory": dir.display().to_string(),
            "file": file,
            "arguments": ["gcc", "-O2", "-Iinclude", "-c", "-o", file.replace(".c", ".o"), file],
        })
    };
    let database = Value::Array(vec![entry("a.c"), entry("b.c"), entry("c.c")]);
    std::fs::write(dir.join("compile_commands.json"), database.to_string()).expect("database");
    dir
}

/// A git-style patch of one file: `old` lines become `new` lines at 1-based `line`.
fn patch(file: &str, line: usize, old: &[&str], new: &[&str]) -> String {
    let mut text = format!(
        "Subject: fix\n\ndiff --git a/{file} b/{file}\n--- a/{file}\n+++ b/{file}\n@@ -{line},{} +{line},{} @@\n",
        old.len(),
        new.len()
    );
    for l in old {
        text.push_str(&format!("-{l}\n"));
    }
    for l in new {
        text.push_str(&format!("+{l}\n"));
    }
    text
}

/// Runs from-diff on `dir` with the patches; the exit code, stdout and stderr.
fn from_diff(dir: &Path, patches: &[&str], extra: &[&str]) -> (Option<i32>, String, String) {
    let mut names = Vec::new();
    for (i, text) in patches.iter().enumerate() {
        let name = dir.join(format!("fix-{i}.patch"));
        std::fs::write(&name, text).expect("patch");
        names.push(name);
    }
    let out = klp_ccp()
        .current_dir(dir)
        .args([
            "from-diff",
            "--compile-commands=compile_commands.json",
            "--outdir=out",
        ])
        .args(extra)
        .args(&names)
        .output()
        .expect("klp-ccp runs");
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    (out.status.code(), text(&out.stdout), text(&out.stderr))
}

fn summary(dir: &Path) -> Value {
    let text = std::fs::read_to_string(dir.join("out/summary.json")).expect("summary.json");
    serde_json::from_str(&text).expect("summary.json is JSON")
}

/// Per TU of the summary: its status and its patched functions with their reasons.
fn outcome(summary: &Value) -> Vec<String> {
    let tus = summary["tus"].as_array().expect("tus");
    tus.iter()
        .map(|tu| {
            let patched: Vec<String> = (tu["patched"].as_array().expect("patched").iter())
                .map(|p| {
                    format!(
                        "{} ({})",
                        p["name"].as_str().unwrap_or(""),
                        p["reasons"][0].as_str().unwrap_or("")
                    )
                })
                .collect();
            format!(
                "{}: {} {}",
                tu["tu"].as_str().unwrap_or(""),
                tu["status"].as_str().unwrap_or(""),
                patched.join(", ")
            )
        })
        .collect()
}

fn outputs(dir: &Path) -> Vec<String> {
    let mut files: Vec<String> = ["a.c", "b.c", "c.c"]
        .into_iter()
        .filter(|f| dir.join("out").join(f).exists())
        .map(String::from)
        .collect();
    files.sort();
    files
}

/// Each live patch of `out/` compiles (when gcc is there): against the tree on disk, which
/// the patches did not change; a live patch never includes a header the fix changed.
fn assert_outputs_compile(dir: &Path) {
    for file in outputs(dir) {
        let compiled = std::process::Command::new("gcc")
            .current_dir(dir)
            .args(["-fsyntax-only", "-Werror", "-Iinclude"])
            .arg(Path::new("out").join(&file))
            .output();
        let Ok(compiled) = compiled else {
            eprintln!("no gcc: the live patches are not compiled");
            return;
        };
        let stderr = String::from_utf8_lossy(&compiled.stderr);
        assert!(
            compiled.status.success(),
            "out/{file} does not compile:\n{stderr}"
        );
    }
}

fn assert_untouched(dir: &Path) {
    for (file, text) in [("include/h.h", HEADER), ("a.c", A), ("b.c", B), ("c.c", C)] {
        let now = std::fs::read_to_string(dir.join(file)).expect("tree file");
        assert_eq!(now, text, "{file} was written");
    }
}

#[test]
fn a_changed_body_patches_its_function_only() {
    let dir = tree("body");
    let fix = patch("a.c", 9, &["\treturn x;"], &["\treturn x + 1;"]);
    let (code, stdout, stderr) = from_diff(&dir, &[&fix], &[]);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(
        outcome(&summary(&dir)),
        ["a.c: patched a_plain (body changed)"]
    );
    assert_eq!(outputs(&dir), ["a.c"]);
    let live_patch = std::fs::read_to_string(dir.join("out/a.c")).expect("output");
    assert!(live_patch.contains("klpp_a_plain"), "{live_patch}");
    assert!(
        stdout.contains("a.c: patched a_plain (body changed)"),
        "{stdout}"
    );
    assert_untouched(&dir);
}

#[test]
fn a_changed_macro_of_the_source_patches_the_functions_expanding_it() {
    let dir = tree("macro");
    let fix = patch("a.c", 2, &["#define SCALE 2"], &["#define SCALE 3"]);
    let (code, _, stderr) = from_diff(&dir, &[&fix], &[]);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(
        outcome(&summary(&dir)),
        ["a.c: patched a_scaled (uses changed macro SCALE)"]
    );
}

#[test]
fn a_changed_header_macro_reaches_every_tu_including_it() {
    let dir = tree("header-macro");
    let fix = patch("include/h.h", 1, &["#define LIMIT 3"], &["#define LIMIT 4"]);
    let (code, _, stderr) = from_diff(&dir, &[&fix], &[]);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(
        outcome(&summary(&dir)),
        [
            "a.c: patched a_limit (uses changed macro LIMIT)",
            "b.c: patched b_limit (uses changed macro LIMIT)"
        ]
    );
    assert_eq!(outputs(&dir), ["a.c", "b.c"]);
    assert_outputs_compile(&dir);
    assert_untouched(&dir);
}

#[test]
fn a_changed_inline_helper_of_a_header_patches_its_users_in_the_tu() {
    let dir = tree("inline");
    let fix = patch(
        "include/h.h",
        2,
        &["static inline int helper(int x) { return x + 1; }"],
        &["static inline int helper(int x) { return x + 2; }"],
    );
    let (code, _, stderr) = from_diff(&dir, &[&fix], &[]);
    assert_eq!(code, Some(0), "{stderr}");
    let summary = summary(&dir);
    assert_eq!(
        outcome(&summary),
        [
            "a.c: patched a_help (calls changed inline helper (through via))",
            "b.c: nothing-to-patch "
        ]
    );
    assert_eq!(
        outputs(&dir),
        ["a.c"],
        "b.c uses no changed function: no live patch"
    );
    let live_patch = std::fs::read_to_string(dir.join("out/a.c")).expect("output");
    assert_outputs_compile(&dir);
    assert!(
        live_patch.contains("return x + 2;"),
        "the helper comes from the patched tree:\n{live_patch}"
    );
}

#[test]
fn a_comment_only_change_has_nothing_to_patch() {
    let dir = tree("comment");
    let fix = patch(
        "a.c",
        8,
        &["\t/* keep it simple */"],
        &["\t/* keep it very simple */"],
    );
    let (code, stdout, stderr) = from_diff(&dir, &[&fix], &[]);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(outcome(&summary(&dir)), ["a.c: nothing-to-patch "]);
    assert!(outputs(&dir).is_empty());
    assert!(stdout.contains("a.c: nothing to patch"), "{stdout}");
}

#[test]
fn a_new_function_is_copied_not_patched() {
    let dir = tree("new-function");
    let fix = patch(
        "a.c",
        6,
        &[
            "int a_plain(int x)",
            "{",
            "\t/* keep it simple */",
            "\treturn x;",
        ],
        &[
            "static int a_new(int x) { return -x; }",
            "int a_plain(int x)",
            "{",
            "\t/* keep it simple */",
            "\treturn a_new(x);",
        ],
    );
    let (code, _, stderr) = from_diff(&dir, &[&fix], &[]);
    assert_eq!(code, Some(0), "{stderr}");
    let summary = summary(&dir);
    assert_eq!(outcome(&summary), ["a.c: patched a_plain (body changed)"]);
    assert_eq!(
        summary["tus"][0]["new_functions"],
        serde_json::json!(["a_new"])
    );
    let live_patch = std::fs::read_to_string(dir.join("out/a.c")).expect("output");
    assert!(
        live_patch.contains("static int a_new(int x)"),
        "{live_patch}"
    );
}

#[test]
fn a_hunk_that_does_not_apply_fails_naming_it_and_writes_nothing() {
    let dir = tree("bad-hunk");
    let fix = patch("a.c", 9, &["\treturn y;"], &["\treturn x + 1;"]);
    let (code, _, stderr) = from_diff(&dir, &[&fix], &[]);
    assert_eq!(code, Some(1));
    assert!(
        stderr.contains("fix-0.patch: a.c: hunk #1 (@@ -9,1 +9,1 @@) does not apply"),
        "{stderr}"
    );
    assert!(!dir.join("out").exists());
    assert_untouched(&dir);
}

#[test]
fn shards_share_the_affected_tus_out() {
    let dir = tree("shards");
    let fix = patch("include/h.h", 1, &["#define LIMIT 3"], &["#define LIMIT 4"]);
    let mut seen = Vec::new();
    for shard in ["--shard=1/2", "--shard=2/2"] {
        let (code, _, stderr) = from_diff(&dir, &[&fix], &[shard]);
        assert_eq!(code, Some(0), "{stderr}");
        seen.extend(outcome(&summary(&dir)));
        std::fs::remove_dir_all(dir.join("out")).expect("clean");
    }
    seen.sort();
    assert_eq!(
        seen,
        [
            "a.c: patched a_limit (uses changed macro LIMIT)",
            "b.c: patched b_limit (uses changed macro LIMIT)"
        ]
    );
}

#[test]
fn check_takes_the_command_line_from_compile_commands() {
    let dir = tree("check");
    let database = "--compile-commands=compile_commands.json";
    let out = klp_ccp_in(&dir, &["check", "--message-format=short", database, "a.c"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = klp_ccp_in(&dir, &["check", database, "nowhere.c"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no entry for nowhere.c"));
}

#[test]
fn hunks_in_two_functions_patch_both() {
    let dir = tree("two-hunks");
    let fix = "--- a/a.c\n+++ b/a.c\n@@ -3,3 +3,3 @@\n-int a_limit(int x) { return x > LIMIT; }\n+int a_limit(int x) { return x >= LIMIT; }\n int a_help(int x) { return via(x); }\n int a_scaled(int x) { return x * SCALE; }\n@@ -8,3 +8,3 @@\n \t/* keep it simple */\n-\treturn x;\n+\treturn -x;\n }\n";
    let (code, _, stderr) = from_diff(&dir, &[fix], &[]);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(
        outcome(&summary(&dir)),
        ["a.c: patched a_limit (body changed), a_plain (body changed)"]
    );
    assert_outputs_compile(&dir);
}

#[test]
fn a_new_header_and_its_include_are_read_from_the_patches() {
    let dir = tree("new-header");
    let new_header = "--- /dev/null\n+++ b/include/n.h\n@@ -0,0 +1 @@\n+#define OFFSET 7\n";
    let include = patch(
        "c.c",
        1,
        &["int c_fn(void) { return 1; }"],
        &["#include \"n.h\"", "int c_fn(void) { return OFFSET; }"],
    );
    let (code, _, stderr) = from_diff(&dir, &[new_header, &include], &[]);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(
        outcome(&summary(&dir)),
        ["c.c: patched c_fn (body changed)"]
    );
    assert!(!dir.join("include/n.h").exists(), "the tree is not written");
    let live_patch = std::fs::read_to_string(dir.join("out/c.c")).expect("output");
    assert!(
        live_patch.contains("#define OFFSET 7"),
        "the new header is copied:\n{live_patch}"
    );
    assert_outputs_compile(&dir);
}

#[test]
fn an_output_folder_with_files_in_it_is_refused_before_any_work() {
    let dir = tree("outdir");
    std::fs::create_dir_all(dir.join("out")).expect("out");
    std::fs::write(dir.join("out/old.c"), "old").expect("old output");
    let fix = patch("a.c", 9, &["\treturn x;"], &["\treturn x + 1;"]);
    let (code, _, stderr) = from_diff(&dir, &[&fix], &[]);
    assert_eq!(code, Some(2));
    assert!(
        stderr.contains("--outdir=out: exists and is not empty"),
        "{stderr}"
    );
    assert!(!dir.join("out/a.c").exists());
}
