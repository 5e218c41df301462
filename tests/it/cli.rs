//! The command line as a kernel engineer uses it: exit statuses, output and diagnostics.

use std::path::Path;
use std::process::Command;

use expect_test::{Expect, expect};

use crate::support::scratch::{Scratch, klp_ccp};

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
/// to `out.c`; the snapshot has the exit code, stderr (`dir` spelled `$DIR`) and whether
/// `out.c` was written.
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
        String::from_utf8_lossy(&out.stderr).replace(&dir.display().to_string(), "$DIR"),
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
            error: --patched-functions: "skipped" is not declared in this TU (after preprocessing); it is written in a conditional group not compiled, at a.c:4
            error: a.c: line 2, column 4: --patched-functions: "object" is not a function
            --- out.c written: false
        "#]],
    );
}

#[test]
fn a_patched_function_that_is_an_alias_or_assembler_says_so() {
    let tu = "\
static long do_ping(int x) { return x; }
long sys_ping(int x) __attribute__((alias(\"do_ping\")));
void tramp(void);
asm(\".globl tramp\\ntramp: ret\");
";
    let dir = scratch("alias", &[("a.c", tu)]);
    create_in(
        &dir,
        &["--patched-functions=sys_ping,tramp"],
        expect![[r#"
            exit 1
            --- stderr
            error: a.c: line 2, column 5: --patched-functions: "sys_ping" is declared but not defined in this TU (it is an alias of "do_ping": patch that function)
            error: a.c: line 3, column 5: --patched-functions: "tramp" is declared but not defined in this TU (a top-level asm defines it: code written in assembler cannot be live patched from C)
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
            error: nothing to patch: name the patched functions with --patched-functions=LIST (or let --pol-cmd-is-patched or the policy file's [patched] functions decide)
            --- out.c written: false
        "#]],
    );
    create_in(
        &dir,
        &[],
        expect![[r#"
            exit 1
            --- stderr
            error: nothing to patch: name the patched functions with --patched-functions=LIST (or let --pol-cmd-is-patched or the policy file's [patched] functions decide)
            --- out.c written: false
        "#]],
    );
    create_in(
        &dir,
        &["--patched-functions=", "--pol-cmd-is-patched=no"],
        expect![[r#"
            exit 1
            --- stderr
            error: nothing to patch: the policy (--pol-cmd-is-patched or the policy file) makes no function of this TU patched
            --- out.c written: false
        "#]],
    );
    // A TU without functions has nothing a policy could patch: an empty live patch, as
    // the original klp-ccp makes.
    std::fs::write(dir.join("empty.c"), "").expect("an empty TU");
    let empty = klp_ccp()
        .current_dir(&dir)
        .args([
            "--outfile=empty-out.c",
            "--pol-cmd-is-patched=no",
            "--",
            "empty.c",
        ])
        .output()
        .expect("klp-ccp runs");
    assert_eq!(empty.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&empty.stderr), "");
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

// ---------------------------------------------------------------------------------------------
// The output file

/// Creates the live patch of `PATCHED_TU` (as `a.c`, with a header `h.h`) in `dir` to
/// `outfile`; the exit code and stderr.
fn create_to(dir: &Path, outfile: &str) -> (i32, String) {
    let out = klp_ccp()
        .current_dir(dir)
        .args([
            &format!("--outfile={outfile}"),
            "--patched-functions=f",
            "--",
            "a.c",
        ])
        .output()
        .expect("klp-ccp runs");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    (out.status.code().unwrap_or(-1), stderr)
}

fn output_scratch(name: &str) -> Scratch {
    let tu = format!("#include \"h.h\"\n{PATCHED_TU}");
    scratch(name, &[("a.c", &tu), ("h.h", "/* nothing */\n")])
}

fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path)
        .expect("the file")
        .permissions()
        .mode()
        & 0o7777
}

fn is_live_patch(path: &Path) -> bool {
    std::fs::read_to_string(path).is_ok_and(|text| text.contains("int klpp_f(int x)"))
}

#[test]
fn an_output_file_keeps_its_permissions_and_a_new_one_gets_the_usual_ones() {
    use std::os::unix::fs::PermissionsExt;
    let dir = output_scratch("out-mode");
    let existing = dir.join("existing.c");
    std::fs::write(&existing, "old\n").expect("an earlier output");
    std::fs::set_permissions(&existing, std::fs::Permissions::from_mode(0o640)).expect("chmod");
    // Given away where allowed (as root), to see that the owner is kept.
    let given = std::os::unix::fs::chown(&existing, Some(4242), Some(4242)).is_ok();
    assert_eq!(create_to(&dir, "existing.c"), (0, String::new()));
    assert!(is_live_patch(&existing));
    assert_eq!(mode(&existing), 0o640);
    if given {
        use std::os::unix::fs::MetadataExt;
        let metadata = std::fs::metadata(&existing).expect("the output");
        assert_eq!((metadata.uid(), metadata.gid()), (4242, 4242));
    }
    assert_eq!(create_to(&dir, "new.c"), (0, String::new()));
    // The umask applies as to any file the user creates.
    std::fs::write(dir.join("reference"), "").expect("a reference file");
    assert_eq!(mode(&dir.join("new.c")), mode(&dir.join("reference")));
}

#[test]
fn an_output_symlink_is_kept_and_its_target_written() {
    let dir = output_scratch("out-symlink");
    std::fs::create_dir(dir.join("real")).expect("a directory");
    std::fs::write(dir.join("real/target.c"), "old\n").expect("the target");
    std::os::unix::fs::symlink("real/target.c", dir.join("link.c")).expect("a symlink");
    std::os::unix::fs::symlink("real/dangling.c", dir.join("dangling.c")).expect("a symlink");
    assert_eq!(create_to(&dir, "link.c"), (0, String::new()));
    assert!(is_live_patch(&dir.join("real/target.c")));
    assert!(dir.join("link.c").is_symlink());
    assert_eq!(create_to(&dir, "dangling.c"), (0, String::new()));
    assert!(is_live_patch(&dir.join("real/dangling.c")));
    assert!(dir.join("dangling.c").is_symlink());
}

#[test]
fn an_output_file_with_hard_links_keeps_them() {
    use std::os::unix::fs::MetadataExt;
    let dir = output_scratch("out-links");
    std::fs::write(
        dir.join("out.c"),
        "a longer earlier text than the live patch's ".repeat(40),
    )
    .expect("an earlier output");
    std::fs::hard_link(dir.join("out.c"), dir.join("alias.c")).expect("a hard link");
    assert_eq!(create_to(&dir, "out.c"), (0, String::new()));
    assert!(is_live_patch(&dir.join("out.c")));
    let text = std::fs::read_to_string(dir.join("out.c")).expect("the output");
    assert_eq!(
        std::fs::read_to_string(dir.join("alias.c")).ok(),
        Some(text)
    );
    assert_eq!(
        std::fs::metadata(dir.join("out.c")).expect("out.c").nlink(),
        2
    );
}

#[test]
fn an_output_that_is_not_a_regular_file_is_refused() {
    let dir = output_scratch("out-special");
    let fifo = Command::new("mkfifo")
        .arg(dir.join("fifo"))
        .status()
        .expect("mkfifo runs");
    assert!(fifo.success());
    std::fs::create_dir(dir.join("sub")).expect("a directory");
    let refusals: String = ["fifo", "/dev/full", "sub"]
        .iter()
        .map(|path| {
            let (code, stderr) = create_to(&dir, path);
            format!("{code} {stderr}")
        })
        .collect();
    expect![[r#"
        1 error: cannot write the output file fifo: it is a FIFO, not a regular file
        1 error: cannot write the output file /dev/full: it is a device, not a regular file
        1 error: cannot write the output file sub: it is a directory, not a regular file
    "#]]
    .assert_eq(&refusals);
    assert!(dir.join("sub").is_dir());
}

#[test]
fn an_output_file_the_tu_reads_is_refused() {
    let dir = output_scratch("out-input");
    let source = std::fs::read_to_string(dir.join("a.c")).expect("the source");
    std::fs::hard_link(dir.join("h.h"), dir.join("h-link.h")).expect("a hard link");
    let refusals: String = ["a.c", "./h.h", "h-link.h"]
        .iter()
        .map(|path| {
            let (code, stderr) = create_to(&dir, path);
            format!("{code} {stderr}")
        })
        .collect();
    expect![[r#"
        1 error: cannot write the output file a.c: it is a.c, which the translation unit reads
        1 error: cannot write the output file ./h.h: it is h.h, which the translation unit reads
        1 error: cannot write the output file h-link.h: it is h.h, which the translation unit reads
    "#]]
    .assert_eq(&refusals);
    assert_eq!(std::fs::read_to_string(dir.join("a.c")).ok(), Some(source));
    assert_eq!(
        std::fs::read_to_string(dir.join("h.h")).ok().as_deref(),
        Some("/* nothing */\n")
    );
}

/// A TU whose live patch is large: `f` calls `count` helpers.
fn large_tu(count: usize) -> String {
    let mut text = String::new();
    for i in 0..count {
        text.push_str(&format!(
            "static int helper{i}(int x) {{ int y = x * {i}; return y + x / ({i} + 1); }}\n"
        ));
    }
    text.push_str("int f(int x) {\n  int sum = 0;\n");
    for i in 0..count {
        text.push_str(&format!("  sum += helper{i}(x);\n"));
    }
    text.push_str("  return sum;\n}\n");
    text
}

/// Pseudo-random delays, different at each run (xorshift seeded by the clock).
struct Delays(u64);

impl Delays {
    fn new() -> Delays {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(1, |d| d.subsec_nanos());
        Delays(u64::from(nanos) | 1)
    }

    /// A delay up to `max`.
    fn next(&mut self, max: std::time::Duration) -> std::time::Duration {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        max.mul_f64((self.0 % 1000) as f64 / 1000.0)
    }
}

#[test]
fn a_signal_leaves_no_temporary_file_behind() {
    let dir = scratch("signals", &[("a.c", &large_tu(300))]);
    let args = ["--outfile=out.c", "--patched-functions=f", "--", "a.c"];
    let started = std::time::Instant::now();
    let full = klp_ccp()
        .current_dir(&dir)
        .args(args)
        .status()
        .expect("klp-ccp runs");
    assert!(full.success());
    let run_time = started.elapsed();
    let complete = std::fs::read_to_string(dir.join("out.c")).expect("the live patch");
    let mut delays = Delays::new();
    for round in 0..30 {
        let mut child = klp_ccp()
            .current_dir(&dir)
            .args(args)
            .spawn()
            .expect("klp-ccp starts");
        std::thread::sleep(delays.next(run_time));
        let signal = if round % 2 == 0 { "INT" } else { "TERM" };
        let _ = Command::new("kill")
            .args([&format!("-{signal}"), &child.id().to_string()])
            .status();
        let status = child.wait().expect("klp-ccp ends");
        // A signal that comes before klp-ccp has installed its handler (a delay near zero)
        // ends it as the signal does by default, before any temporary file exists.
        let by_signal = {
            use std::os::unix::process::ExitStatusExt;
            matches!(status.signal(), Some(2 | 15))
        };
        assert!(
            matches!(status.code(), Some(0 | 130 | 143)) || by_signal,
            "round {round}: {status:?}"
        );
        let mut names: Vec<String> = std::fs::read_dir(&dir)
            .expect("the directory")
            .map(|e| {
                e.expect("an entry")
                    .file_name()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        names.sort();
        assert_eq!(names, ["a.c", "out.c"], "round {round}: {status:?}");
        let text = std::fs::read_to_string(dir.join("out.c")).expect("the live patch");
        assert!(text == complete, "round {round}: a partial output");
    }
}

// ---------------------------------------------------------------------------------------------
// Policy commands' limits

#[test]
fn a_hanging_policy_command_fails_the_run_at_the_timeout() {
    let dir = scratch(
        "policy-timeout",
        &[("a.c", PATCHED_TU), ("hangs", "#!/bin/sh\nsleep 1000\n")],
    );
    make_executable(&dir.join("hangs"));
    let started = std::time::Instant::now();
    create_in(
        &dir,
        &[
            "--patched-functions=f",
            "--pol-cmd-shall-externalize-obj=hangs",
            "--policy-timeout=0.5",
        ],
        expect![[r#"
            exit 1
            --- stderr
            error: policy command `$DIR/hangs counter` (--pol-cmd-shall-externalize-obj) failed: did not finish within the time limit, 0.5 s (killed; see --policy-timeout)
            --- out.c written: false
        "#]],
    );
    assert!(started.elapsed() < std::time::Duration::from_secs(20));
    let zero = klp_ccp()
        .current_dir(&dir)
        .args(["--policy-timeout=0", "--patched-functions=f", "--", "a.c"])
        .output()
        .expect("klp-ccp runs");
    assert_eq!(zero.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&zero.stderr);
    assert!(
        stderr.contains("`0` is not a positive number of seconds"),
        "{stderr}"
    );
}

// ---------------------------------------------------------------------------------------------
// Diagnostics rendering

/// Runs `klp-ccp check` on `a.c` in `dir` with `options`; the exit code and stderr.
fn check_in(dir: &Path, options: &[&str], compiler_args: &[&str]) -> (i32, String) {
    let out = klp_ccp()
        .current_dir(dir)
        .arg("check")
        .args(options)
        .arg("--")
        .args(compiler_args)
        .arg("a.c")
        .output()
        .expect("klp-ccp runs");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    (out.status.code().unwrap_or(-1), stderr)
}

#[test]
fn a_diagnostic_far_into_a_long_line_shows_a_slice_of_it() {
    let line = format!("int x = {}; int y = ;\n", " ".repeat(70_000));
    let dir = scratch("long-line", &[("a.c", &line)]);
    let (code, stderr) = check_in(&dir, &[], &[]);
    expect![[r#"
        exit 1
          × expected expression before ';' token
           ╭─[a.c:1:70009]
         1 │ …                                                                                ; int y = ;
           ·                                                                                  ┬
           ·                                                                                  ╰── here
           ╰────
          × expected expression before ';' token
           ╭─[a.c:1:70019]
         1 │ …                                                                      ; int y = ;
           ·                                                                                  ┬
           ·                                                                                  ╰── here
           ╰────
    "#]]
    .assert_eq(&format!("exit {code}\n{stderr}"));
}

#[test]
fn many_errors_are_cut_at_the_limit_and_counted() {
    let text: String = (0..20_000).map(|i| format!("int x{i} = ;\n")).collect();
    let dir = scratch("many-errors", &[("a.c", &text)]);
    let started = std::time::Instant::now();
    let (code, stderr) = check_in(&dir, &[], &[]);
    assert!(started.elapsed() < std::time::Duration::from_secs(30));
    assert_eq!(code, 1);
    assert_eq!(stderr.matches("× expected expression").count(), 100);
    assert!(stderr.len() < 100_000, "{} bytes", stderr.len());
    assert!(
        stderr.ends_with("note: 19900 more errors not shown (--max-errors=100; 0 for no limit)\n"),
        "{}",
        &stderr[stderr.len() - 200..]
    );
    let (_, short) = check_in(&dir, &["--message-format=short", "--max-errors=2"], &[]);
    expect![[r#"
        error: a.c: line 1, column 9: expected expression before ';' token
        error: a.c: line 2, column 9: expected expression before ';' token
        note: 19998 more errors not shown (--max-errors=2; 0 for no limit)
    "#]]
    .assert_eq(&short);
    let (_, gcc) = check_in(&dir, &["--message-format=short"], &["-fmax-errors=1"]);
    expect![[r#"
        error: a.c: line 1, column 9: expected expression before ';' token
        note: 19999 more errors not shown (--max-errors=1; 0 for no limit)
    "#]]
    .assert_eq(&gcc);
    let started = std::time::Instant::now();
    let (_, all) = check_in(&dir, &["--max-errors=0"], &[]);
    assert!(started.elapsed() < std::time::Duration::from_secs(60));
    assert_eq!(all.matches("× expected expression").count(), 20_000);
}

// ---------------------------------------------------------------------------------------------
// Help, usage and -v

#[test]
fn long_help_documents_the_policy_protocol_and_the_exit_statuses() {
    let out = klp_ccp().arg("--help").output().expect("klp-ccp runs");
    assert_eq!(out.status.code(), Some(0));
    let help = String::from_utf8_lossy(&out.stdout);
    for needed in [
        "RESULT: <answer>",
        "WARNING: <text>",
        "ERROR: <text>",
        "not\n  through a shell, with no stdin",
        "--policy-timeout",
        "1 MiB",
        "Exit status:",
        "  70 ",
        "--max-errors",
        "Policy file (--policy=FILE, --symbols=FILE):",
        "[[externalized]]",
        "weak-undefined",
    ] {
        assert!(help.contains(needed), "no {needed:?} in:\n{help}");
    }
}

#[test]
fn a_compiler_argument_without_the_separator_gets_a_tip() {
    let dir = scratch("no-separator", &[("foo.c", "")]);
    let out = klp_ccp()
        .current_dir(&dir)
        .args(["check", "--message-format=short", "foo.c"])
        .output()
        .expect("klp-ccp runs");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(
            "tip: compiler arguments go after `--`: klp-ccp check --message-format=short -- foo.c"
        ),
        "{stderr}"
    );
}

#[test]
fn verbose_says_how_long_each_phase_took() {
    let dir = scratch("verbose", &[("a.c", PATCHED_TU)]);
    let out = klp_ccp()
        .current_dir(&dir)
        .args([
            "-v",
            "--outfile=out.c",
            "--patched-functions=f",
            "--",
            "a.c",
        ])
        .output()
        .expect("klp-ccp runs");
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let phases: Vec<&str> = stderr
        .lines()
        .filter_map(|line| line.strip_prefix("klp-ccp: ")?.split(':').next())
        .collect();
    assert_eq!(
        phases,
        [
            "preprocess",
            "parse",
            "live patch",
            "semantics",
            "policy",
            "write"
        ],
        "{stderr}"
    );
    assert!(stderr.contains("policy: 0 commands run, "), "{stderr}");
}
