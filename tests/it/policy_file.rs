//! `--policy=FILE`: the policy file answers as the equivalent policy commands do, byte for
//! byte, on a TU compiled with the local gcc (skipped without gcc, nm or sh); its errors are
//! located and stop the run before any work.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::scratch::{Scratch, klp_ccp};

fn scratch(name: &str, files: &[(&str, &str)]) -> Scratch {
    let dir = std::env::temp_dir().join(format!("klp-ccp-polfile-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("scratch directory");
    for (path, text) in files {
        write(&dir.join(path), text);
    }
    Scratch(dir)
}

fn write(path: &Path, text: &str) {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("scratch directory");
    }
    std::fs::write(path, text).expect("scratch file");
}

/// The shipped kallsyms policy file.
fn kallsyms_toml() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/policies/kallsyms.toml")
}

/// A TU with what the kallsyms policy tells apart: a static function inlined away (no symbol)
/// and one kept, local and global objects, a weak reference, an extern function, an eligible
/// header under include/ and a private one beside the TU, and a name (`klpe_hits`) that the
/// externalized `hits` clashes with.
const TU: &[(&str, &str)] = &[
    (
        "include/linux/counter.h",
        "static inline int header_inline(int v) { return v - 1; }\n\
         extern int header_ext(int v);\n",
    ),
    (
        "local.h",
        "static inline int local_helper(int v) { return v * 3; }\n",
    ),
    (
        "demo.c",
        r#"#include <linux/counter.h>
#include "local.h"

extern int backend_write(int v);
extern int optional_hook(int v) __attribute__((weak));
int shared_total;
int klpe_hits;
static int hits;

static inline __attribute__((always_inline)) int tiny(int v)
{
	return v + 1;
}

static __attribute__((noinline)) int kept(int v)
{
	hits += v;
	return backend_write(v) + shared_total;
}

int fix_me(int v)
{
	if (optional_hook)
		optional_hook(v);
	hits++;
	return tiny(v) + kept(v) + local_helper(v) + header_inline(v) + header_ext(v)
		+ shared_total;
}

int other(int v)
{
	return kept(v * 2) + tiny(v);
}
"#,
    ),
];

const GCC_ARGS: &[&str] = &["-O2", "-Iinclude", "-c", "demo.c"];

/// The kernel policy as shell commands, reading `nm` output from `KLP_POLICY_SYMS` (as
/// ../shared/kernel-policy does).
const COMMANDS: &[(&str, &str)] = &[
    ("is-patched", r#"echo "RESULT: NO""#),
    (
        "may-include-header",
        r#"case "/$1" in */include/*) echo "RESULT: YES" ;; *) echo "RESULT: NO" ;; esac"#,
    ),
    (
        "can-externalize-fun",
        r#"if [ "$2" = internal ]; then
  if awk -v n="$1" '$NF == n && $(NF-1) ~ /^[tT]$/ { f = 1 } END { exit !f }' "$KLP_POLICY_SYMS"
  then echo "RESULT: YES"; else echo "RESULT: NO"; fi
else echo "RESULT: YES"; fi"#,
    ),
    (
        "shall-externalize-fun",
        r#"if [ "$2" = from-header ]; then echo "RESULT: NO"; else echo "RESULT: YES"; fi"#,
    ),
    ("shall-externalize-obj", r#"echo "RESULT: YES""#),
    (
        "modify-patched-fun-sym",
        r#"new="klpp_$1"; [ "$2" != 0 ] && new="$new$2"; echo "RESULT: $new MAKE-INTERNAL""#,
    ),
    (
        "modify-externalized-sym",
        r#"if awk -v n="$2" '$NF == n && $(NF-1) ~ /^[a-z]$/ { f = 1 } END { exit !f }' "$KLP_POLICY_SYMS"
then new="klpe_$2"; [ "$3" != 0 ] && new="$new$3"; echo "RESULT: $new MAKE-INTERNAL MAKE-POINTER"
else echo "RESULT: $2 MAKE-EXTERNAL"; fi"#,
    ),
    (
        "renamed-rewritten-fun",
        r#"new="klpr_$1"; [ "$2" != 0 ] && new="$new$2"; echo "RESULT: $new""#,
    ),
];

/// Whether `program` runs here.
fn available(program: &str, arg: &str) -> bool {
    Command::new(program)
        .arg(arg)
        .output()
        .is_ok_and(|out| out.status.success())
}

/// The TU compiled to `demo.o` (with gcc's ipa-clones dump) and its `nm` output in `syms`;
/// `None` without the tools.
fn compiled(name: &str) -> Option<Scratch> {
    if !available("gcc", "--version") || !available("nm", "--version") {
        eprintln!("skipped: no gcc or nm");
        return None;
    }
    let dir = scratch(name, TU);
    let gcc = Command::new("gcc")
        .current_dir(&dir.0)
        .args(GCC_ARGS)
        .args(["-o", "demo.o", "-fdump-ipa-clones"])
        .status()
        .expect("gcc runs");
    assert!(gcc.success(), "gcc compiles the test TU");
    let nm = Command::new("nm")
        .current_dir(&dir.0)
        .arg("demo.o")
        .output()
        .expect("nm runs");
    write(&dir.0.join("syms"), &String::from_utf8_lossy(&nm.stdout));
    Some(dir)
}

/// Writes the policy commands into `dir/policy/`.
fn write_commands(dir: &Path) -> Vec<String> {
    use std::os::unix::fs::PermissionsExt;
    COMMANDS
        .iter()
        .map(|(question, body)| {
            let path = dir.join("policy").join(question);
            write(&path, &format!("#!/bin/sh\n{body}\n"));
            let executable = std::fs::Permissions::from_mode(0o755);
            std::fs::set_permissions(&path, executable).expect("script permissions");
            format!("--pol-cmd-{question}={}", path.display())
        })
        .collect()
}

/// Runs klp-ccp in `dir` with `options`, writing `outfile`; its exit status, the output
/// file's text (empty when none) and stderr.
fn create(dir: &Path, outfile: &str, options: &[String]) -> (i32, String, String) {
    let out = klp_ccp()
        .current_dir(dir)
        .env("KLP_POLICY_SYMS", dir.join("syms"))
        .arg(format!("--outfile={outfile}"))
        .args(options)
        .arg("--")
        .args(GCC_ARGS)
        .output()
        .expect("klp-ccp runs");
    let text = std::fs::read_to_string(dir.join(outfile)).unwrap_or_default();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    (out.status.code().unwrap_or(-1), text, stderr)
}

fn options(list: &[&str]) -> Vec<String> {
    list.iter().map(|&s| s.to_owned()).collect()
}

#[test]
fn the_kallsyms_policy_file_makes_the_live_patch_its_commands_make() {
    let Some(dir) = compiled("equivalence") else {
        return;
    };
    let dir = &dir.0;
    let policy = format!("--policy={}", kallsyms_toml().display());
    let mut by_commands = write_commands(dir);
    by_commands.push("--patched-functions=fix_me".into());
    let commands = create(dir, "commands.c", &by_commands);
    let elf = create(
        dir,
        "elf.c",
        &options(&["--patched-functions=fix_me", &policy, "--symbols=demo.o"]),
    );
    let nm = create(
        dir,
        "nm.c",
        &options(&["--patched-functions=fix_me", &policy, "--symbols=syms"]),
    );
    assert_eq!(commands.0, 0, "{}", commands.2);
    assert_eq!(commands, elf, "the policy file reading the object");
    assert_eq!(commands, nm, "the policy file reading nm output");
    let text = &commands.1;
    for expected in [
        "#include <linux/counter.h>",
        "static inline int local_helper(int v)",
        "static int (*klpe_optional_hook)(int v)",
        "static int (*klpe_hits1);",
        "static int (*klpe_kept)(int v);",
        "static inline __attribute__((always_inline)) int tiny(int v)",
        "static int klpp_fix_me(int v)",
        "extern int shared_total;",
    ] {
        assert!(text.contains(expected), "`{expected}` in:\n{text}");
    }
}

#[test]
fn ipa_clones_make_the_callers_of_an_inlined_patched_function_patched() {
    let Some(dir) = compiled("ipa-clones") else {
        return;
    };
    let dir = &dir.0;
    let policy = format!("--policy={}", kallsyms_toml().display());
    let (code, text, stderr) = create(
        dir,
        "out.c",
        &options(&[
            "--patched-functions=tiny",
            &policy,
            "--symbols=demo.o",
            "--symbols=demo.c.000i.ipa-clones",
            "--message-format=short",
        ]),
    );
    assert_eq!(code, 0, "{stderr}");
    for patched in [
        "klpp_tiny(int v)",
        "klpp_fix_me(int v)",
        "klpp_other(int v)",
    ] {
        assert!(text.contains(patched), "`{patched}` in:\n{text}");
    }
    let warnings: Vec<&str> = stderr
        .lines()
        .filter(|l| l.contains("patched too"))
        .collect();
    assert_eq!(
        warnings,
        [
            "warning: demo.c: line 21, column 4: patched too: `tiny`, which is patched, was \
             inlined into it (gcc's ipa-clones dump)",
            "warning: demo.c: line 30, column 4: patched too: `tiny`, which is patched, was \
             inlined into it (gcc's ipa-clones dump)",
        ]
    );
}

/// A TU that needs no compiler.
const PLAIN_TU: &[(&str, &str)] = &[(
    "m.c",
    "static int counter;\nint fix_me(int v) { return counter + v; }\nint fix_too(void) { return 0; }\n",
)];

fn create_plain(dir: &Path, options: &[&str]) -> (i32, String, String) {
    let out = klp_ccp()
        .current_dir(dir)
        .arg("--outfile=out.c")
        .args(options)
        .args(["--", "m.c"])
        .output()
        .expect("klp-ccp runs");
    let text = std::fs::read_to_string(dir.join("out.c")).unwrap_or_default();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    (out.status.code().unwrap_or(-1), text, stderr)
}

#[test]
fn errors_in_the_policy_file_are_located_and_stop_the_run() {
    let dir = scratch(
        "errors",
        &[
            PLAIN_TU[0],
            (
                "key.toml",
                "[headers]\neligible = [\"include/**\"]\nelegible = []\n",
            ),
            ("glob.toml", "[functions]\ncopy = [\"ok\", \"bad[\"]\n"),
            ("template.toml", "[rewritten]\nrename = \"klpr_{nom}\"\n"),
            (
                "data.toml",
                "# the exports\nsymvers = [\"Module.symvers\"]\n",
            ),
            ("nm.toml", "symbols = [\"syms\"]\n"),
            ("syms", "0000 T fix_me\nthis is no nm output\n"),
        ],
    );
    let dir = &dir.0;
    let run = |args: &[&str]| {
        let mut all = vec!["--patched-functions=fix_me"];
        all.extend_from_slice(args);
        let (code, text, stderr) = create_plain(dir, &all);
        assert!(text.is_empty(), "no output written");
        format!("{code} {}", stderr.trim_end())
    };
    assert_eq!(
        run(&["--policy=key.toml"]),
        "1 error: key.toml:3:1: unknown field `elegible`, expected one of `eligible`, \
         `ineligible`, `default`"
    );
    assert_eq!(
        run(&["--policy=glob.toml"]),
        "1 error: glob.toml:2:15: bad pattern: unclosed character class; missing ']'"
    );
    assert_eq!(
        run(&["--policy=template.toml"]),
        "1 error: template.toml:2:10: only `{name}` may stand in braces in a template"
    );
    assert_eq!(
        run(&["--policy=data.toml"]),
        "1 error: data.toml:2:12: cannot read Module.symvers: No such file or directory (os \
         error 2)"
    );
    assert_eq!(
        run(&["--policy=nm.toml"]),
        "1 error: nm.toml:1:12: syms: line 2: not a line of nm, System.map or /proc/kallsyms: \
         `this is no nm output` (expected `ADDRESS TYPE NAME [[MODULE]]` or `TYPE NAME`)"
    );
    assert_eq!(
        run(&["--policy=key.toml", "--symbols=missing.o"]),
        "1 error: key.toml:3:1: unknown field `elegible`, expected one of `eligible`, \
         `ineligible`, `default`"
    );
    assert_eq!(
        run(&["--policy=nm.toml", "--symbols=missing.o"]),
        "1 error: nm.toml:1:12: syms: line 2: not a line of nm, System.map or /proc/kallsyms: \
         `this is no nm output` (expected `ADDRESS TYPE NAME [[MODULE]]` or `TYPE NAME`)"
    );
    let empty = dir.join("empty.toml");
    write(&empty, "");
    assert_eq!(
        run(&["--policy=empty.toml", "--symbols=missing.o"]),
        "1 error: --symbols: cannot read missing.o: No such file or directory (os error 2)"
    );
}

#[test]
fn a_command_overrides_the_file_for_its_question_and_the_file_may_name_patched_functions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = scratch(
        "override",
        &[
            PLAIN_TU[0],
            (
                "p.toml",
                "[patched]\nfunctions = [\"fix_*\"]\nrename = \"new_{name}\"\nlinkage = \"internal\"\n\
                 [[externalized]]\nwhen = [\"unknown\"]\nrename = \"klpe_{name}\"\n\
                 linkage = \"internal\"\npointer = true\n",
            ),
            (
                "rename",
                "#!/bin/sh\necho \"RESULT: cmd_$1 KEEP-LINKAGE\"\n",
            ),
        ],
    );
    let dir = &dir.0;
    let script = std::fs::Permissions::from_mode(0o755);
    std::fs::set_permissions(dir.join("rename"), script).expect("script permissions");
    let (code, text, stderr) = create_plain(dir, &["--policy=p.toml"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(text.contains("static int (*klpe_counter);"), "{text}");
    assert!(text.contains("static int new_fix_me(int v)"), "{text}");
    assert!(text.contains("static int new_fix_too(void)"), "{text}");
    let (code, text, stderr) = create_plain(
        dir,
        &["--policy=p.toml", "--pol-cmd-modify-patched-fun-sym=rename"],
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(text.contains("int cmd_fix_me(int v)"), "{text}");
    assert!(text.contains("int cmd_fix_too(void)"), "{text}");
}
