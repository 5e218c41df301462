//! The command line as a kernel engineer uses it: exit statuses, output and diagnostics.

use std::path::{Path, PathBuf};
use std::process::Command;

use expect_test::{Expect, expect};

fn klp_ccp() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_klp-ccp"));
    cmd.env("SOURCE_DATE_EPOCH", "0");
    cmd
}

/// A scratch directory, removed when the test is done with it.
struct Scratch(PathBuf);

impl std::ops::Deref for Scratch {
    type Target = Path;

    fn deref(&self) -> &Path {
        &self.0
    }
}

impl AsRef<Path> for Scratch {
    fn as_ref(&self) -> &Path {
        &self.0
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A scratch directory with the given files.
fn scratch(name: &str, files: &[(&str, &str)]) -> Scratch {
    let dir = std::env::temp_dir().join(format!("klp-ccp-cli-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("scratch directory");
    for (path, text) in files {
        let path = dir.join(path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("scratch directory");
        }
        std::fs::write(path, text).expect("scratch file");
    }
    Scratch(dir)
}

/// Runs klp-ccp in `dir`; the snapshot has the exit code, stdout and stderr.
fn run(dir: &Path, args: &[&str], expect: Expect) {
    let out = klp_ccp()
        .current_dir(dir)
        .args(args)
        .output()
        .expect("klp-ccp runs");
    let text = format!(
        "exit {}\n--- stdout\n{}--- stderr\n{}",
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    expect.assert_eq(&text);
}

#[test]
fn preprocess_the_shipped_example() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    run(
        root,
        &[
            "preprocess",
            "--",
            "-nostdinc",
            "-I",
            "examples/livepatch-demo/include",
            "examples/livepatch-demo/counter.c",
        ],
        expect![[r#"
            exit 0
            --- stdout
            struct counter {
            int value;
            int limit;
            };
            static inline int counter_clamp(const struct counter *c, int v)
            {
            return v > c->limit ? c->limit : v;
            }
            extern int counter_log(const char *fmt, ...);
            static int nr_adds;
            static void note_add(int delta)
            {
            nr_adds++;
            counter_log("counter: " "added %d\n",delta);
            }
            int counter_add(struct counter *c, int delta)
            {
            note_add(delta);
            c->value = counter_clamp(c, c->value + delta);
            return c->value;
            }
            --- stderr
        "#]],
    );
}

#[test]
fn check_reports_errors_in_short_format_and_fails() {
    let dir = scratch(
        "short",
        &[
            (
                "m.c",
                "#define CAT(a, b) a ## b\nint x = CAT(/, /);\n#include \"h.h\"\n",
            ),
            ("h.h", "#warning careful\n#if 1\n"),
        ],
    );
    run(
        &dir,
        &["check", "--message-format=short", "--", "m.c"],
        expect![[r#"
            exit 1
            --- stdout
            --- stderr
            error: m.c: line 2, column 12: pasting "/" and "/" does not give a valid preprocessing token
            warning: h.h: line 1, columns 1-8: #warning careful
            error: h.h: line 2, columns 0-5: unterminated #if
        "#]],
    );
}

#[test]
fn missing_input_file_is_an_error() {
    let dir = scratch("missing", &[]);
    run(
        &dir,
        &["preprocess", "--", "-c", "nothere.c"],
        expect![[r#"
            exit 1
            --- stdout
            --- stderr
              × nothere.c: No such file or directory
        "#]],
    );
}

#[test]
fn compiler_command_line_needs_one_input() {
    let dir = scratch("two-inputs", &[("a.c", ""), ("b.c", "")]);
    let out = klp_ccp()
        .current_dir(&dir)
        .args(["check", "--", "a.c", "b.c"])
        .output()
        .expect("klp-ccp runs");
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.starts_with("error: "), "{stderr}");
    assert!(stderr.contains("a.c") && stderr.contains("b.c"), "{stderr}");
}

#[test]
fn unknown_option_and_bad_compiler_are_rejected() {
    let dir = scratch("bad-options", &[("a.c", "")]);
    let unknown = klp_ccp()
        .current_dir(&dir)
        .args(["--frobnicate", "--", "a.c"])
        .output()
        .expect("klp-ccp runs");
    assert_eq!(unknown.status.code(), Some(2));
    let compiler = klp_ccp()
        .current_dir(&dir)
        .args(["check", "--compiler=sparc-gcc-12.2.0", "--", "a.c"])
        .output()
        .expect("klp-ccp runs");
    assert_eq!(compiler.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&compiler.stderr).contains("sparc"));
}

#[test]
fn dump_macros_with_dm() {
    let dir = scratch(
        "dm",
        &[(
            "a.c",
            "#define ANSWER 42\n#define F(x, ...) x + __VA_ARGS__\n",
        )],
    );
    let out = klp_ccp()
        .current_dir(&dir)
        .args(["preprocess", "--", "-dM", "-undef", "a.c"])
        .output()
        .expect("klp-ccp runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("#define ANSWER 42\n"), "{stdout}");
    assert!(
        stdout.contains("#define F(x, ...) x + __VA_ARGS__\n"),
        "{stdout}"
    );
}

#[test]
fn date_and_time_follow_source_date_epoch() {
    let dir = scratch("date", &[("a.c", "__DATE__ __TIME__\n")]);
    run(
        &dir,
        &["preprocess", "--", "a.c"],
        expect![[r#"
            exit 0
            --- stdout
            "Jan  1 1970" "00:00:00"
            --- stderr
        "#]],
    );
}

const PATCHED_TU: &str = "\
#define LIMIT 10
static int counter;
static int bump(int by) { return counter += by; }
int f(int x) { return x > LIMIT ? bump(x) : 0; }
int unrelated(void) { return 1; }
";

#[test]
fn live_patch_creation_writes_the_closure_of_the_patched_function() {
    let dir = scratch("create", &[("a.c", PATCHED_TU)]);
    let out = klp_ccp()
        .current_dir(&dir)
        .args(["--outfile=out.c", "--patched-functions=f", "--", "a.c"])
        .output()
        .expect("klp-ccp runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(dir.join("out.c")).expect("the live patch");
    expect![[r#"
        /* klp-ccp: from a.c */
        #define LIMIT 10
        extern int counter;

        static int bump(int by) { return counter += by; }

        int klpp_f(int x) { return x > LIMIT ? bump(x) : 0; }

    "#]]
    .assert_eq(&text);
}

#[test]
fn a_failing_policy_command_stops_the_run_and_writes_nothing() {
    let dir = scratch(
        "create-fail",
        &[
            ("a.c", PATCHED_TU),
            ("policy", "#!/bin/sh\necho oops >&2\nexit 3\n"),
        ],
    );
    make_executable(&dir.join("policy"));
    std::fs::write(dir.join("out.c"), "previous\n").expect("an earlier output");
    let out = klp_ccp()
        .current_dir(&dir)
        .args([
            "--outfile=out.c",
            "--patched-functions=f",
            "--pol-cmd-shall-externalize-obj=policy",
            "--message-format=short",
            "--",
            "a.c",
        ])
        .output()
        .expect("klp-ccp runs");
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("policy counter"), "{stderr}");
    assert!(
        stderr.contains("--pol-cmd-shall-externalize-obj"),
        "{stderr}"
    );
    let kept = std::fs::read_to_string(dir.join("out.c")).expect("the earlier output");
    assert_eq!(
        kept, "previous\n",
        "a failed run leaves the output file alone"
    );
}

fn make_executable(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let mut permissions = std::fs::metadata(path).expect("the script").permissions();
    permissions.set_mode(0o755);
    std::fs::set_permissions(path, permissions).expect("chmod");
}

// ---------------------------------------------------------------------------------------------
// The patched functions

/// Runs live-patch creation of `a.c` in `dir` with `args` (before `--`), short diagnostics,
/// to `out.c`; the snapshot has the exit code, stderr and whether `out.c` was written.
fn create_in(dir: &Path, args: &[&str], expect: Expect) {
    let out = klp_ccp()
        .current_dir(dir)
        .args(["--outfile=out.c", "--message-format=short"])
        .args(args)
        .args(["--", "a.c"])
        .output()
        .expect("klp-ccp runs");
    let text = format!(
        "exit {}\n--- stderr\n{}--- out.c written: {}\n",
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr),
        dir.join("out.c").exists()
    );
    expect.assert_eq(&text);
}

const UNPATCHABLE_TU: &str = "\
int declared(int);
int object;
#if 0
int skipped(void) { return 0; }
#endif
int f(int x) { return declared(x); }
";

#[test]
fn a_patched_function_the_tu_does_not_define_is_an_error() {
    let dir = scratch("not-defined", &[("a.c", UNPATCHABLE_TU)]);
    create_in(
        &dir,
        &["--patched-functions=f,nothere,declared,skipped,object"],
        expect![[r#"
            exit 1
            --- stderr
            error: --patched-functions: "nothere" is not declared in this TU (after preprocessing)
            error: a.c: line 1, column 4: --patched-functions: "declared" is declared but not defined in this TU
            error: --patched-functions: "skipped" is not declared in this TU (after preprocessing)
            error: a.c: line 2, column 4: --patched-functions: "object" is not a function
            --- out.c written: false
        "#]],
    );
}

#[test]
fn nothing_to_patch_is_an_error() {
    let dir = scratch(
        "nothing",
        &[
            ("a.c", UNPATCHABLE_TU),
            ("no", "#!/bin/sh\necho 'RESULT: NO'\n"),
            (
                "f-only",
                "#!/bin/sh\ncase $1 in f) echo 'RESULT: YES';; *) echo 'RESULT: NO';; esac\n",
            ),
        ],
    );
    make_executable(&dir.join("no"));
    make_executable(&dir.join("f-only"));
    create_in(
        &dir,
        &["--patched-functions="],
        expect![[r#"
            exit 1
            --- stderr
            error: nothing to patch: name the patched functions with --patched-functions=LIST (or let --pol-cmd-is-patched decide)
            --- out.c written: false
        "#]],
    );
    create_in(
        &dir,
        &[],
        expect![[r#"
            exit 1
            --- stderr
            error: nothing to patch: name the patched functions with --patched-functions=LIST (or let --pol-cmd-is-patched decide)
            --- out.c written: false
        "#]],
    );
    create_in(
        &dir,
        &["--patched-functions=", "--pol-cmd-is-patched=no"],
        expect![[r#"
            exit 1
            --- stderr
            error: nothing to patch: the policy (--pol-cmd-is-patched) makes no function of this TU patched
            --- out.c written: false
        "#]],
    );
    create_in(
        &dir,
        &["--patched-functions=", "--pol-cmd-is-patched=f-only"],
        expect![[r#"
            exit 0
            --- stderr
            --- out.c written: true
        "#]],
    );
}
