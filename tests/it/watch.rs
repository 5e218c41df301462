//! `klp-ccp watch` as a user drives it, `--patched-functions=@FILE`, and `--explain`.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use crate::support::scratch::{Scratch, klp_ccp};

fn scratch(name: &str, files: &[(&str, &str)]) -> Scratch {
    let dir = std::env::temp_dir().join(format!("klp-ccp-watch-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch directory");
    for (path, text) in files {
        let path = dir.join(path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("scratch directory");
        }
        write_file(&path, text);
    }
    Scratch(dir)
}

/// Writes `text` to `path` as an editor saves: a new file renamed over the old one (which
/// also keeps a script never open for writing while a command might run it).
fn write_file(path: &Path, text: &str) {
    let temp = path.with_extension("klp-test-tmp");
    std::fs::write(&temp, text).expect("scratch file");
    if std::fs::metadata(path).is_ok_and(|m| {
        use std::os::unix::fs::PermissionsExt;
        m.permissions().mode() & 0o111 != 0
    }) {
        make_executable(&temp);
    }
    std::fs::rename(&temp, path).expect("rename into place");
}

fn make_executable(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).expect("chmod");
}

const TU: &str = "\
#include \"types.h\"
static int counter;
int ext_fn(int);
int ext_other(int);
static int helper(int x) { return x + counter; }
int patched_fn(int x) { return helper(x) + ext_fn(x); }
int other_fn(struct pair *p) { return p->a * 2; }
";

const TYPES_H: &str = "struct pair { int a; int b; };\n";

const OBJECTS_EXTERNALIZED: &str = "#!/bin/sh\necho 'RESULT: YES'\n";
const OBJECTS_COPIED: &str = "#!/bin/sh\necho 'RESULT: NO'\n";

/// The options of every run of the tests' TU (watch and one-shot alike), before `--`.
fn options(outfile: &str) -> Vec<String> {
    vec![
        format!("--outfile={outfile}"),
        "--patched-functions=@patched.txt".to_owned(),
        "--pol-cmd-shall-externalize-obj=policy/shall-externalize-obj".to_owned(),
        "--message-format=short".to_owned(),
    ]
}

/// The output of a one-shot run in `dir` with the same inputs as the watch.
fn one_shot(dir: &Path) -> String {
    let out = klp_ccp()
        .current_dir(dir)
        .args(options("one-shot.c"))
        .args(["--", "a.c"])
        .output()
        .expect("klp-ccp runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(dir.join("one-shot.c")).expect("the one-shot output");
    std::fs::remove_file(dir.join("one-shot.c")).expect("remove the one-shot output");
    text
}

/// A running `klp-ccp watch` and the lines it prints.
struct Watching {
    child: Child,
    lines: Receiver<String>,
    stderr: Receiver<String>,
}

/// Generous: the machine may be busy; nothing here is a timing assertion.
const PATIENCE: Duration = Duration::from_secs(120);

impl Watching {
    fn start(dir: &Path) -> Watching {
        let mut child = klp_ccp()
            .current_dir(dir)
            .arg("watch")
            .args(options("out.c"))
            .args(["--", "a.c"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("klp-ccp watch starts");
        let lines = forward(child.stdout.take().expect("stdout"));
        let stderr = forward(child.stderr.take().expect("stderr"));
        Watching {
            child,
            lines,
            stderr,
        }
    }

    /// The next line it prints.
    fn next_line(&self) -> String {
        match self.lines.recv_timeout(PATIENCE) {
            Ok(line) => line,
            Err(_) => panic!(
                "no line from klp-ccp watch; stderr: {}",
                self.stderr_so_far()
            ),
        }
    }

    fn stderr_so_far(&self) -> String {
        self.stderr.try_iter().collect::<Vec<_>>().join("\n")
    }
}

impl Drop for Watching {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The lines of `stream`, as they come.
fn forward(stream: impl std::io::Read + Send + 'static) -> Receiver<String> {
    let (sender, receiver) = channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stream).lines() {
            let Ok(line) = line else { break };
            if sender.send(line).is_err() {
                break;
            }
        }
    });
    receiver
}

/// The file names in `dir`, sorted.
fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("the directory")
        .map(|e| {
            e.expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    names
}

#[test]
fn watch_follows_every_kind_of_change_and_ends_on_sigint() {
    let scratch = scratch(
        "loop",
        &[
            ("a.c", TU),
            ("types.h", TYPES_H),
            ("patched.txt", "# the fix\npatched_fn\n"),
            ("policy/shall-externalize-obj", OBJECTS_EXTERNALIZED),
        ],
    );
    let dir = &scratch.0;
    make_executable(&dir.join("policy/shall-externalize-obj"));
    let watching = Watching::start(dir);
    let first = watching.next_line();
    assert!(first.contains("first run"), "{first}");
    assert!(first.contains("out.c written"), "{first}");
    let read_out = || std::fs::read_to_string(dir.join("out.c")).expect("the output");
    assert_eq!(read_out(), one_shot(dir));
    assert!(read_out().contains("extern int counter"), "{}", read_out());

    // The patched-function list.
    write_file(&dir.join("patched.txt"), "patched_fn\nother_fn # too\n");
    let line = watching.next_line();
    assert!(
        line.contains("patched functions (+other_fn) changed"),
        "{line}"
    );
    assert!(line.contains("+patched other_fn"), "{line}");
    assert!(line.contains("+#include \"types.h\""), "{line}");
    assert_eq!(read_out(), one_shot(dir));

    // A function's body.
    write_file(
        &dir.join("a.c"),
        &TU.replace("return x + counter;", "return x + counter + ext_other(x);"),
    );
    let line = watching.next_line();
    assert!(line.contains("a.c changed"), "{line}");
    assert!(line.contains("+externalized ext_other"), "{line}");
    let mended = read_out();
    assert_eq!(mended, one_shot(dir));

    // A bad edit: errors, the output left alone; then mended.
    let good = std::fs::read_to_string(dir.join("a.c")).expect("the source");
    write_file(
        &dir.join("a.c"),
        &good.replace("int ext_fn(int);", "int ext_fn(int;"),
    );
    let line = watching.next_line();
    assert!(line.contains("a.c changed"), "{line}");
    assert!(line.contains("errors"), "{line}");
    assert!(line.contains("left as it was"), "{line}");
    assert_eq!(read_out(), mended);
    write_file(&dir.join("a.c"), &good);
    let line = watching.next_line();
    assert!(line.contains("a.c changed"), "{line}");
    assert_eq!(read_out(), one_shot(dir));

    // A policy command's answer.
    write_file(&dir.join("policy/shall-externalize-obj"), OBJECTS_COPIED);
    let line = watching.next_line();
    assert!(
        line.contains("policy command --pol-cmd-shall-externalize-obj"),
        "{line}"
    );
    assert!(line.contains("-externalized counter"), "{line}");
    assert!(line.contains("+copied counter"), "{line}");
    assert_eq!(read_out(), one_shot(dir));
    assert!(read_out().contains("static int counter"), "{}", read_out());

    // Ctrl-C ends it cleanly.
    let mut watching = watching;
    let pid = watching.child.id().to_string();
    let killed = Command::new("kill").args(["-INT", &pid]).status();
    assert!(killed.is_ok_and(|s| s.success()));
    let status = watching.child.wait().expect("klp-ccp watch ends");
    assert_eq!(status.code(), Some(0), "{}", watching.stderr_so_far());
    assert_eq!(
        names_in(dir),
        ["a.c", "out.c", "patched.txt", "policy", "types.h"]
    );
    assert_eq!(names_in(&dir.join("policy")), ["shall-externalize-obj"]);
}

#[test]
fn watch_needs_an_output_file() {
    let out = klp_ccp()
        .args(["watch", "--patched-functions=f", "--", "a.c"])
        .output()
        .expect("klp-ccp runs");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("--outfile"), "{stderr}");
}

#[test]
fn patched_functions_come_from_a_file_too() {
    let scratch = scratch(
        "at-file",
        &[
            ("a.c", TU),
            ("types.h", TYPES_H),
            ("list", "# patched\n\npatched_fn   # the fix\nother_fn\n"),
        ],
    );
    let dir = &scratch.0;
    let run = |patched: &str, outfile: &str| {
        klp_ccp()
            .current_dir(dir)
            .args([&format!("--outfile={outfile}"), patched, "--", "a.c"])
            .output()
            .expect("klp-ccp runs")
    };
    let from_file = run("--patched-functions=@list", "from-file.c");
    assert!(from_file.status.success(), "{from_file:?}");
    let listed = run("--patched-functions=patched_fn,other_fn", "listed.c");
    assert!(listed.status.success(), "{listed:?}");
    let read = |name: &str| std::fs::read_to_string(dir.join(name)).expect("an output");
    assert_eq!(read("from-file.c"), read("listed.c"));
    assert!(read("from-file.c").contains("klpp_other_fn"));

    let missing = run("--patched-functions=@nowhere", "missing.c");
    assert_eq!(missing.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&missing.stderr);
    assert!(
        stderr.contains("--patched-functions=@nowhere: cannot read it"),
        "{stderr}"
    );
    write_file(&dir.join("list"), "patched_fn\nnot-a-name\n");
    let bad = run("--patched-functions=@list", "bad.c");
    assert_eq!(bad.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&bad.stderr);
    assert!(
        stderr.contains("@list: line 2: `not-a-name` is not a function name"),
        "{stderr}"
    );
}

/// A TU with a chain of helpers, objects and a header, and its live patch explained.
fn explained(format: &str) -> (Scratch, String) {
    let scratch = scratch(
        &format!("explain-{format}"),
        &[
            (
                "a.c",
                "#include \"types.h\"\n\
                 static int table[4];\n\
                 int shared;\n\
                 int ext_fn(int);\n\
                 static int leaf(int x) { return table[x & 3] + shared; }\n\
                 static int middle(struct pair *p) { return leaf(p->a) + ext_fn(p->b); }\n\
                 int patched_fn(struct pair *p) { return middle(p); }\n",
            ),
            ("types.h", TYPES_H),
        ],
    );
    let out = klp_ccp()
        .current_dir(&scratch.0)
        .args([
            "--outfile=out.c",
            "--patched-functions=patched_fn",
            &format!("--explain=why.{format}"),
            &format!("--explain-format={format}"),
            "--",
            "a.c",
        ])
        .output()
        .expect("klp-ccp runs");
    assert!(out.status.success(), "{out:?}");
    let text = std::fs::read_to_string(scratch.0.join(format!("why.{format}"))).expect("--explain");
    (scratch, text)
}

#[test]
fn explain_gives_every_copied_and_externalized_symbol_a_chain_from_a_patched_function() {
    let (_scratch, text) = explained("json");
    let value: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    let items = value["items"].as_array().expect("items");
    let patched: Vec<&str> = (items.iter())
        .filter(|i| i["decision"] == "patched")
        .filter_map(|i| i["name"].as_str())
        .collect();
    assert_eq!(patched, ["patched_fn"]);
    let mut decided = Vec::new();
    for item in items {
        let name = item["name"].as_str().expect("a name");
        let decision = item["decision"].as_str().expect("a decision");
        let chain: Vec<&str> = (item["chain"].as_array().expect("a chain").iter())
            .filter_map(|c| c.as_str())
            .collect();
        if matches!(decision, "copied" | "externalized" | "patched") {
            assert_eq!(chain.first(), Some(&"patched_fn"), "{item}");
            assert_eq!(chain.last(), Some(&name), "{item}");
            decided.push(format!("{} {name}: {}", decision, chain.join(" > ")));
        }
    }
    decided.sort();
    assert_eq!(
        decided,
        [
            "copied leaf: patched_fn > middle > leaf",
            "copied middle: patched_fn > middle",
            "externalized ext_fn: patched_fn > middle > ext_fn",
            "externalized shared: patched_fn > middle > leaf > shared",
            "externalized table: patched_fn > middle > leaf > table",
            "patched patched_fn: patched_fn",
        ]
    );
    let kinds = |name: &str| {
        (items.iter())
            .find(|i| i["name"] == name)
            .map(|i| format!("{} {}", i["kind"], i["decision"]))
    };
    assert_eq!(kinds("\"types.h\""), Some("\"header\" \"included\"".into()));
    assert_eq!(kinds("shared"), Some("\"object\" \"externalized\"".into()));
    let shared = (items.iter())
        .find(|i| i["name"] == "shared")
        .expect("shared");
    let policy = shared["policy"].as_str().expect("the answers about it");
    assert!(
        policy.contains("shall-externalize-obj shared: YES (default)"),
        "{policy}"
    );
}

#[test]
fn explain_as_a_graphviz_graph() {
    let (scratch, text) = explained("dot");
    assert!(text.starts_with("digraph"), "{text}");
    assert!(
        text.contains("\"function:patched_fn\" -> \"function:middle\""),
        "{text}"
    );
    assert!(text.contains("color=red"), "{text}");
    let dot = Command::new("dot")
        .args(["-Tsvg", "-o", "/dev/null"])
        .arg(scratch.0.join("why.dot"))
        .output();
    match dot {
        Ok(out) => assert!(
            out.status.success(),
            "dot rejects it: {}",
            String::from_utf8_lossy(&out.stderr)
        ),
        Err(_) => eprintln!("graphviz `dot` is not installed: the graph is not checked with it"),
    }
}

/// The chains of `--explain=FILE` for a live patch of `patched_fn` of `a.c` in `files`, as
/// `decision name: chain` lines.
fn explained_chains(name: &str, files: &[(&str, &str)]) -> (Scratch, Vec<String>) {
    let scratch = scratch(name, files);
    let out = klp_ccp()
        .current_dir(&scratch.0)
        .args([
            "--outfile=out.c",
            "--patched-functions=patched_fn",
            "--explain=why.json",
            "--",
            "a.c",
        ])
        .output()
        .expect("klp-ccp runs");
    assert!(out.status.success(), "{out:?}");
    let text = std::fs::read_to_string(scratch.0.join("why.json")).expect("--explain");
    let value: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    let chains = (value["items"].as_array().expect("items").iter())
        .map(|item| {
            let chain: Vec<&str> = (item["chain"].as_array().expect("a chain").iter())
                .filter_map(|c| c.as_str())
                .collect();
            format!(
                "{} {}: {}",
                item["decision"],
                item["name"],
                chain.join(" > ")
            )
        })
        .collect();
    (scratch, chains)
}

#[test]
fn explain_chains_what_a_macro_invocation_makes_together() {
    let (_scratch, chains) = explained_chains(
        "explain-company",
        &[(
            "a.c",
            "int helper(int *p);\n\
             #define ACCESSORS(n) \\\n\
             static int get_##n(int *p) { return p[0]; } \\\n\
             static int set_##n(int *p) { return helper(p); }\n\
             ACCESSORS(x)\n\
             int patched_fn(int *p) { return get_x(p); }\n",
        )],
    );
    assert!(
        chains.contains(
            &"\"externalized\" \"helper\": patched_fn > get_x > set_x > helper".to_owned()
        ),
        "{chains:#?}"
    );
}

#[test]
fn explain_chains_what_an_included_header_needs_through_that_header() {
    let (scratch, chains) = explained_chains(
        "explain-header-needs",
        &[
            (
                "a.c",
                "struct box { int v; };\n\
                 struct crate { int w; };\n\
                 #include \"peek.h\"\n\
                 int patched_fn(void *p) { return peek(p); }\n",
            ),
            (
                "peek.h",
                "static inline int peek(struct box *b) { return b->v; }\n\
                 static inline int open_crate(struct crate *c) { return c->w; }\n",
            ),
        ],
    );
    let live_patch = std::fs::read_to_string(scratch.0.join("out.c")).expect("the live patch");
    assert!(
        live_patch.contains("struct crate { int w; };\n\n#include \"peek.h\""),
        "{live_patch}"
    );
    // `peek` comes with its header; what the header's other function needs comes
    // through the header.
    assert_eq!(
        chains,
        [
            "\"included\" \"peek\": patched_fn > peek",
            "\"patched\" \"patched_fn\": patched_fn",
            "\"defined\" \"struct box\": patched_fn > peek > struct box",
            "\"defined\" \"struct crate\": patched_fn > peek > \"peek.h\" > struct crate",
            "\"included\" \"\\\"peek.h\\\"\": patched_fn > peek > \"peek.h\"",
        ]
    );
}
