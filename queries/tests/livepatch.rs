//! Live patches of small TUs, one rule a test, under the toy policy of the conformance suite
//! (POLICY-PROTOCOL.md, "The toy policy"): the live patch's text as klp-ccp writes it, then
//! its diagnostics as `--message-format=short` prints them (the main file's path left out).
//!
//! Each live patch is also compiled (`gcc -fsyntax-only`, beside the TU's headers), when gcc
//! is found: a live patch that does not compile is a bug.
//!
//! Where klp-ccp's output disagrees with the rules derived from the conformance cases, the
//! snapshot keeps what klp-ccp does now and a `TODO(rules §x.y)` comment says what the rule
//! wants.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use expect_test::expect;
use queries::livepatch::{
    Answer, LinkageChange, Policy, PolicyFailure, Question, Reply, SymbolChange, SymbolKind,
    live_patch,
};
use queries::{Db, Tu, parse, preprocess};
use syntax::diagnostic::short_line;
use syntax::pp::PpConfig;

const MAIN: &str = "/src/t.c";

// ---------------------------------------------------------------------------------------------
// The toy policy

/// The toy policy of the conformance suite (`shared/toy-policy/`), answering by names alone:
/// - `pu_*`, `ps_*`, `pe_*` are patched, and become `klpp_NAME` with their linkage kept,
///   made internal or made external;
/// - a function is externalizable when its name, after an optional `p[use]_`, starts with a
///   marker `e[use][p][r]_`; an object is externalized when its name starts with one; the
///   marker's second letter picks the linkage as above, `p` makes the symbol a pointer, `r`
///   renames it `klpe_NAME`;
/// - an externalizable function is externalized unless an eligible header defines it;
/// - a header whose path contains `internal` may not be included;
/// - a rewritten function becomes `klpr_NAME`;
/// - a retried name gets the retry count appended.
///
/// Questions the toy scripts cannot answer (the symbol of a function that is not patched,
/// say) fail as the scripts do: exit status 1.
struct ToyPolicy;

/// What an `e[use][p][r]_` marker at the start of a name says.
struct Marker {
    linkage: LinkageChange,
    pointer: bool,
    rename: bool,
}

/// The marker `name` starts with, if any.
fn marker(name: &str) -> Option<Marker> {
    let mut rest = name.strip_prefix('e')?;
    let linkage = linkage(rest.chars().next()?)?;
    rest = &rest[1..];
    let pointer = rest.starts_with('p');
    if pointer {
        rest = &rest[1..];
    }
    let rename = rest.starts_with('r');
    if rename {
        rest = &rest[1..];
    }
    rest.starts_with('_').then_some(Marker {
        linkage,
        pointer,
        rename,
    })
}

/// The linkage change a `u`, `s` or `e` stands for.
fn linkage(letter: char) -> Option<LinkageChange> {
    match letter {
        'u' => Some(LinkageChange::Keep),
        's' => Some(LinkageChange::MakeInternal),
        'e' => Some(LinkageChange::MakeExternal),
        _ => None,
    }
}

/// The linkage change of a patched function's `p[use]_` prefix, if it has one.
fn patched_prefix(name: &str) -> Option<LinkageChange> {
    let mut chars = name.chars();
    if chars.next()? != 'p' {
        return None;
    }
    let linkage = linkage(chars.next()?)?;
    (chars.next()? == '_').then_some(linkage)
}

/// `PREFIXNAME`, with the retry count appended after the first try.
fn numbered(prefix: &str, name: &str, retry: u32) -> String {
    match retry {
        0 => format!("{prefix}{name}"),
        _ => format!("{prefix}{name}{retry}"),
    }
}

/// The failure of a toy script that exits with status 1.
fn script_failure(question: &Question) -> PolicyFailure {
    PolicyFailure {
        option: question.option(),
        program: PathBuf::from("toy-policy").join(&question.option()["--pol-cmd-".len()..]),
        args: question.args(),
        reason: "exited with status 1".into(),
    }
}

impl ToyPolicy {
    fn answer(&self, question: &Question) -> Option<Answer> {
        let yes_no = |yes| Some(Answer::YesNo(yes));
        let change = |new_name, linkage, make_pointer| {
            Some(Answer::SymbolChange(SymbolChange {
                new_name,
                linkage,
                make_pointer,
            }))
        };
        match question {
            Question::IsPatched { name } => yes_no(patched_prefix(name).is_some()),
            Question::MayIncludeHeader { header, .. } => yes_no(!header.contains("internal")),
            Question::CanExternalizeFun { name, .. } => {
                let rest = name.get(3..).filter(|_| patched_prefix(name).is_some());
                yes_no(marker(name).is_some() || rest.and_then(marker).is_some())
            }
            Question::ShallExternalizeFun { from_header, .. } => yes_no(!from_header),
            Question::ShallExternalizeObj { name } => yes_no(marker(name).is_some()),
            Question::ModifyPatchedFunSym { name, retry } => change(
                numbered("klpp_", name, *retry),
                patched_prefix(name)?,
                false,
            ),
            Question::ModifyExternalizedSym { kind, name, retry } => {
                let rest = match kind {
                    SymbolKind::Function if patched_prefix(name).is_some() => &name[3..],
                    _ => name,
                };
                let marker = marker(rest)?;
                let new_name = if marker.rename {
                    numbered("klpe_", name, *retry)
                } else {
                    name.clone()
                };
                change(new_name, marker.linkage, marker.pointer)
            }
            Question::RenamedRewrittenFun { name, retry } => {
                Some(Answer::NewName(numbered("klpr_", name, *retry)))
            }
        }
    }
}

impl Policy for ToyPolicy {
    fn ask(&self, question: &Question) -> Result<Reply, PolicyFailure> {
        self.answer(question)
            .map(Reply::plain)
            .ok_or_else(|| script_failure(question))
    }
}

/// The toy policy, with a `WARNING:` line added to its answers about `name`.
struct WarningAbout {
    name: &'static str,
    warning: &'static str,
}

impl Policy for WarningAbout {
    fn ask(&self, question: &Question) -> Result<Reply, PolicyFailure> {
        let mut reply = ToyPolicy.ask(question)?;
        if question.args().iter().any(|arg| arg == self.name) {
            reply.warnings.push(self.warning.into());
        }
        Ok(reply)
    }
}

/// The toy policy, with the command answering `option` broken: it prints nothing.
struct Failing {
    option: &'static str,
}

impl Policy for Failing {
    fn ask(&self, question: &Question) -> Result<Reply, PolicyFailure> {
        if question.option() == self.option {
            return Err(PolicyFailure {
                reason: "printed no `RESULT:` line".into(),
                ..script_failure(question)
            });
        }
        ToyPolicy.ask(question)
    }
}

#[test]
fn the_toy_policy_answers_by_names() {
    let function = |name: &str| Question::ModifyExternalizedSym {
        kind: SymbolKind::Function,
        name: name.into(),
        retry: 0,
    };
    let questions = [
        Question::IsPatched {
            name: "pu_f".into(),
        },
        Question::IsPatched { name: "f".into() },
        Question::MayIncludeHeader {
            header: "/src/internal/x.h".into(),
            pre_include: false,
        },
        Question::CanExternalizeFun {
            name: "ps_espr_f".into(),
            definition: None,
        },
        Question::CanExternalizeFun {
            name: "e_f".into(),
            definition: None,
        },
        Question::ShallExternalizeFun {
            name: "ee_f".into(),
            from_header: true,
        },
        Question::ShallExternalizeObj {
            name: "eur_o".into(),
        },
        Question::ShallExternalizeObj {
            name: "pu_eu_o".into(),
        },
        Question::ModifyPatchedFunSym {
            name: "pe_f".into(),
            retry: 2,
        },
        function("pu_espr_f"),
        function("eep_f"),
        Question::ModifyExternalizedSym {
            kind: SymbolKind::Object,
            name: "eur_o".into(),
            retry: 1,
        },
        Question::RenamedRewrittenFun {
            name: "g".into(),
            retry: 0,
        },
        function("g"),
    ];
    let answers: String = questions
        .iter()
        .map(|q| match ToyPolicy.ask(q) {
            Ok(reply) => format!("{} -> {:?}\n", q.args().join(" "), reply.answer),
            Err(failure) => format!("{failure}\n"),
        })
        .collect();
    expect![[r#"
        pu_f -> YesNo(true)
        f -> YesNo(false)
        /src/internal/x.h -> YesNo(false)
        ps_espr_f -> YesNo(true)
        e_f -> YesNo(false)
        ee_f from-header -> YesNo(false)
        eur_o -> YesNo(true)
        pu_eu_o -> YesNo(false)
        pe_f 2 -> SymbolChange(SymbolChange { new_name: "klpp_pe_f2", linkage: MakeExternal, make_pointer: false })
        function pu_espr_f 0 -> SymbolChange(SymbolChange { new_name: "klpe_pu_espr_f", linkage: MakeInternal, make_pointer: true })
        function eep_f 0 -> SymbolChange(SymbolChange { new_name: "eep_f", linkage: MakeExternal, make_pointer: true })
        object eur_o 1 -> SymbolChange(SymbolChange { new_name: "klpe_eur_o1", linkage: Keep, make_pointer: false })
        g 0 -> NewName("klpr_g")
        policy command `toy-policy/modify-externalized-sym function g 0` (--pol-cmd-modify-externalized-sym) failed: exited with status 1
    "#]]
    .assert_eq(&answers);
}

// ---------------------------------------------------------------------------------------------
// The harness

/// The live patch of the TU made of `files` (the main file first, `/src/t.c`, its headers
/// beside it) under the toy policy.
fn live_patch_of(files: &[(&str, &str)]) -> String {
    live_patch_under(Arc::new(ToyPolicy), files)
}

/// The live patch of the TU made of `files` under `policy`: its text, then its diagnostics,
/// one a line; or the policy's failure. The text is checked to compile.
fn live_patch_under(policy: Arc<dyn Policy>, files: &[(&str, &str)]) -> String {
    assert_eq!(files[0].0, MAIN, "the main file comes first");
    let mut db = Db::with_files(files.iter().copied());
    let tu = Tu::new(
        &db,
        PpConfig {
            main_file: MAIN.into(),
            gcc_major: 12,
            builtin_defines: "#define __GNUC__ 12\n#define __GNUC_STDC_INLINE__ 1\n\
                              #define __x86_64__ 1\n"
                .into(),
            ..PpConfig::default()
        },
    );
    db.set_policy(policy);
    let pp = preprocess(&db, tu);
    let front_end: Vec<String> = pp
        .diagnostics
        .iter()
        .chain(&parse(&db, tu).diagnostics(&pp))
        .map(|d| short_line(&pp, d))
        .collect();
    assert!(
        front_end.is_empty(),
        "the TU does not preprocess and parse cleanly: {front_end:#?}"
    );
    let live_patch = live_patch(&db, tu);
    let live_patch = match live_patch.as_ref() {
        Ok(live_patch) => live_patch,
        Err(failure) => return format!("error: {failure}\n"),
    };
    assert_compiles(files, &live_patch.text);
    let mut out = live_patch.text.clone();
    for d in &live_patch.diagnostics {
        out.push_str(&short_line(&pp, d).replacen(&format!("{MAIN}: "), "", 1));
        out.push('\n');
    }
    out
}

/// Compiles `text` with gcc, `-fsyntax-only`, in a directory holding the headers of `files`.
#[track_caller]
fn assert_compiles(files: &[(&str, &str)], text: &str) {
    let Some(dir) = scratch_dir() else {
        return;
    };
    for (path, content) in &files[1..] {
        let relative = Path::new(path)
            .strip_prefix("/src")
            .expect("a file under /src");
        let path = dir.join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, content).unwrap();
    }
    let patch = dir.join("livepatch.c");
    std::fs::write(&patch, text).unwrap();
    let output = Command::new("gcc")
        .args(["-fsyntax-only", "-x", "c"])
        .arg(&patch)
        .output();
    let _ = std::fs::remove_dir_all(&dir);
    let output = match output {
        Ok(output) => output,
        Err(err) => {
            println!("gcc not run ({err}): the live patch is not compiled");
            return;
        }
    };
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "the live patch does not compile:\n{text}\ngcc says:\n{stderr}"
    );
    if !stderr.is_empty() {
        println!("gcc warns about the live patch:\n{stderr}");
    }
}

/// A fresh directory to compile in; `None` (after saying so) when there is no gcc.
fn scratch_dir() -> Option<PathBuf> {
    static COUNT: AtomicUsize = AtomicUsize::new(0);
    if Command::new("gcc").arg("--version").output().is_err() {
        println!("gcc not found: the live patch is not compiled");
        return None;
    }
    let dir = std::env::temp_dir().join(format!(
        "klp-ccp-livepatch-test-{}-{}",
        std::process::id(),
        COUNT.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    Some(dir)
}

// ---------------------------------------------------------------------------------------------
// Patched functions

#[test]
fn patched_functions_are_renamed_klpp_with_their_linkage_kept_made_internal_or_external() {
    let patch = live_patch_of(&[(
        MAIN,
        r#"
int pu_f(void) { return 1; }
int ps_g(void) { return pu_f() + 1; }
static int pe_h(void) { return ps_g() + 1; }
int other(void) { return pe_h(); }
"#,
    )]);
    expect![[r#""#]].assert_eq(&patch);
}

// ---------------------------------------------------------------------------------------------
// Copied functions

#[test]
fn a_static_helper_is_copied_with_its_callees() {
    let patch = live_patch_of(&[(
        MAIN,
        r#"
static int twice(int x) { return 2 * x; }
static int unused(int x) { return x; }
static int helper(int x) { return twice(x) + 1; }
int pu_f(int x) { return helper(x); }
"#,
    )]);
    expect![[r#""#]].assert_eq(&patch);
}

#[test]
fn a_copied_function_is_made_static_at_its_first_declaration_only() {
    // fun-closure-2.
    let patch = live_patch_of(&[(
        MAIN,
        r#"
void g(void);
void h(void) { g(); }
void g(void) { h(); }
void pu_f(void) { g(); }
"#,
    )]);
    expect![[r#""#]].assert_eq(&patch);
}

// ---------------------------------------------------------------------------------------------
// Externalized functions

#[test]
fn a_called_externalizable_function_is_externalized_when_the_policy_says_so() {
    // fun-closure-3: all the declarations kept, the definition made one, its callees dropped.
    let patch = live_patch_of(&[(
        MAIN,
        r#"
void h(void) {}
void ee_g(void);
void ee_g(void) { h(); }
void pu_f(void) { ee_g(); }
"#,
    )]);
    expect![[r#""#]].assert_eq(&patch);
}

#[test]
fn a_called_externalizable_function_an_eligible_header_defines_is_copied() {
    // headers-4: shall-externalize-fun answers NO `from-header`; a static predeclaration
    // before the `#include` gives the header's definition internal linkage.
    let patch = live_patch_of(&[
        (
            MAIN,
            r#"#include "t.h"
void pu_f(void) { ee_g(); }
"#,
        ),
        ("/src/t.h", "void ee_g(void) {}\n"),
    ]);
    expect![[r#""#]].assert_eq(&patch);
}

#[test]
fn a_function_whose_address_is_taken_is_externalized() {
    let patch = live_patch_of(&[(
        MAIN,
        r#"
void ee_g(void) {}
void (*pu_f(void))(void) { return &ee_g; }
"#,
    )]);
    expect![[r#""#]].assert_eq(&patch);
}

#[test]
fn an_externalized_function_can_become_a_renamed_pointer() {
    // Rules §2.3 (inferred): `(*NEW)` at the declarator and at every reference.
    let patch = live_patch_of(&[(
        MAIN,
        r#"
extern int espr_f(int);
int pu_f(void) { return espr_f(1); }
"#,
    )]);
    expect![[r#""#]].assert_eq(&patch);
}

// ---------------------------------------------------------------------------------------------
// Externalized objects

#[test]
fn an_object_externalized_as_a_pointer_is_used_through_it() {
    // ext-obj-4.
    let patch = live_patch_of(&[(
        MAIN,
        r#"
extern int espr_o;
int pu_f(void) { return espr_o + 1; }
"#,
    )]);
    expect![[r#""#]].assert_eq(&patch);
}

#[test]
fn an_object_made_external_loses_its_initializer_and_gets_its_array_length() {
    // ext-obj-3, ext-obj-5.
    let patch = live_patch_of(&[(
        MAIN,
        r#"
static int ee_o = 0;
static char ee_s[] = "123";
unsigned long pu_f(void) { return ee_o + sizeof(ee_s) + ee_s[0]; }
"#,
    )]);
    expect![[r#""#]].assert_eq(&patch);
}

#[test]
fn an_object_keeping_its_linkage_is_left_as_written() {
    // ext-obj-1: a tentative definition stays one.
    let patch = live_patch_of(&[(
        MAIN,
        r#"
int eu_o;
int pu_f(void) { return eu_o; }
"#,
    )]);
    expect![[r#""#]].assert_eq(&patch);
}

#[test]
fn an_object_the_policy_does_not_externalize_is_copied_with_a_warning() {
    // ext-obj-11: copied with its initializer, whose references join the closure.
    let patch = live_patch_of(&[(
        MAIN,
        r#"
void ee_f(void) {}
static void (*o)(void) = &ee_f;
void pu_g(void) { o(); }
"#,
    )]);
    expect![[r#""#]].assert_eq(&patch);
}

// ---------------------------------------------------------------------------------------------
// Unevaluated references

#[test]
fn what_only_sizeof_references_is_declared_not_externalized() {
    // unevaluated-1, ext-obj-6: declarations only, no pointer, no rename.
    let patch = live_patch_of(&[(
        MAIN,
        r#"
int espr_o;
char espr_s[] = "abc";
static int g(void) { return 1; }
unsigned long pu_f(void) { return sizeof(espr_o) + sizeof(espr_s) + sizeof(g()); }
"#,
    )]);
    expect![[r#""#]].assert_eq(&patch);
}

// ---------------------------------------------------------------------------------------------
// Types

#[test]
fn the_typedefs_tags_and_enumerators_the_code_needs_are_emitted() {
    let patch = live_patch_of(&[(
        MAIN,
        r#"
typedef unsigned long ulong;
typedef int unused_t;
struct point { int x, y; };
struct unused { int z; };
enum color { RED, GREEN };
ulong pu_f(struct point *p) { return p->x + GREEN; }
"#,
    )]);
    expect![[r#""#]].assert_eq(&patch);
}

#[test]
fn a_struct_only_pointed_to_in_a_body_is_declared_not_defined() {
    // tag-decls-11: the definition reduced to a declaration.
    let patch = live_patch_of(&[(
        MAIN,
        r#"
struct A { int a; };
void pu_f(void) { struct A *a = 0; (void)a; }
"#,
    )]);
    expect![[r#""#]].assert_eq(&patch);
}

// ---------------------------------------------------------------------------------------------
// Macros

#[test]
fn macro_invocations_are_kept_and_their_defines_emitted() {
    let patch = live_patch_of(&[(
        MAIN,
        r#"
#define TWICE(x) ((x) * 2)
#define ONE 1
#define UNUSED 3
int pu_f(int a) { return TWICE(a) + ONE; }
"#,
    )]);
    expect![[r#""#]].assert_eq(&patch);
}

#[test]
fn a_macro_whose_body_holds_a_renamed_identifier_is_written_out_expanded() {
    // macros-25: no `#define` for the expanded macro.
    let patch = live_patch_of(&[(
        MAIN,
        r#"
int espr_i;
#define GET_I espr_i
int pu_f(void) { return GET_I; }
"#,
    )]);
    expect![[r#""#]].assert_eq(&patch);
}

#[test]
fn a_macro_argument_is_rewritten_in_place() {
    // macros-24.
    let patch = live_patch_of(&[(
        MAIN,
        r#"
#define READ_ONCE(x) (*(volatile typeof(x) *)&(x))
int espr_i;
int pu_f(void) { return READ_ONCE(espr_i); }
"#,
    )]);
    expect![[r#""#]].assert_eq(&patch);
}

// ---------------------------------------------------------------------------------------------
// Headers

#[test]
fn an_includable_header_is_included_and_an_internal_one_copied_from() {
    // headers-1: the copied non-static function made static.
    let patch = live_patch_of(&[
        (
            MAIN,
            r#"#include "t.h"
#include "internal.h"
int pu_f(struct s *p) { return helper(get(p)); }
"#,
        ),
        (
            "/src/t.h",
            "struct s { int a; };\nstatic inline int get(struct s *p) { return p->a; }\n",
        ),
        (
            "/src/internal.h",
            "int helper(int x) { return x; }\nint unused_helper(void) { return 0; }\n",
        ),
    ]);
    expect![[r#""#]].assert_eq(&patch);
}

#[test]
fn a_header_defining_an_externalized_function_is_copied_from_not_included() {
    // fun-closure-5: `&ee_g` forces the externalization although the header is eligible;
    // including it would define `ee_g`.
    let patch = live_patch_of(&[
        (
            MAIN,
            r#"#include "t.h"
void *pu_f(struct s *p) { p->a = 1; return &ee_g; }
"#,
        ),
        ("/src/t.h", "struct s { int a; };\nvoid ee_g(void) {}\n"),
    ]);
    expect![[r#""#]].assert_eq(&patch);
}

// ---------------------------------------------------------------------------------------------
// Rewritten functions

#[test]
fn a_copied_function_referring_to_a_renamed_symbol_is_rewritten_klpr() {
    // Rules §2.6 (inferred): renamed `klpr_NAME` together with its references.
    let patch = live_patch_of(&[(
        MAIN,
        r#"
void eer_g(void);
static void helper(void) { eer_g(); }
void pu_f(void) { helper(); }
"#,
    )]);
    expect![[r#""#]].assert_eq(&patch);
}

// ---------------------------------------------------------------------------------------------
// The policy's diagnostics and failures

#[test]
fn a_policy_warning_is_reported_at_the_entity_asked_about() {
    let policy = WarningAbout {
        name: "espr_o",
        warning: "espr_o is racy",
    };
    let patch = live_patch_under(
        Arc::new(policy),
        &[(
            MAIN,
            r#"
extern int espr_o;
int pu_f(void) { return espr_o; }
"#,
        )],
    );
    expect![[r#""#]].assert_eq(&patch);
}

#[test]
fn a_failing_policy_gives_an_error_and_no_live_patch() {
    let policy = Failing {
        option: "--pol-cmd-shall-externalize-obj",
    };
    let patch = live_patch_under(
        Arc::new(policy),
        &[(
            MAIN,
            r#"
extern int espr_o;
int pu_f(void) { return espr_o; }
"#,
        )],
    );
    expect![[r#""#]].assert_eq(&patch);
}
