//! Live patches of small TUs, one rule a test, under the toy policy of the conformance suite
//! (POLICY-PROTOCOL.md, "The toy policy"): the live patch's text as klp-ccp writes it, then
//! its diagnostics as `--message-format=short` prints them (the main file's path left out).
//!
//! Each live patch is also compiled (`gcc -fsyntax-only`, beside the TU's headers), when gcc
//! is found: a live patch that does not compile is a bug, and fails its test.
//!
//! Where klp-ccp's output disagrees with the rules derived from the conformance cases, the
//! snapshot keeps what klp-ccp does now and a `TODO(rules §x.y)` comment says what the rule
//! wants.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use expect_test::expect;
use queries::livepatch::{Policy, PolicyFailure, Question, Reply, SymbolKind, live_patch};
use queries::{Db, Tu, parse, preprocess};
use syntax::diagnostic::short_line;
use syntax::pp::PpConfig;

const MAIN: &str = "/src/t.c";

#[path = "support/toy_policy.rs"]
mod toy_policy;

use toy_policy::{ToyPolicy, script_failure};

/// The toy policy, with a `WARNING:` line added to the answer of the command `option` about
/// `name`.
struct WarningAbout {
    option: &'static str,
    name: &'static str,
    warning: &'static str,
}

impl Policy for WarningAbout {
    fn ask(&self, question: &Question) -> Result<Reply, PolicyFailure> {
        let mut reply = ToyPolicy.ask(question)?;
        if question.option() == self.option && question.args().iter().any(|a| a == self.name) {
            reply.warnings.push(self.warning.into());
        }
        Ok(reply)
    }
}

/// The toy policy, with an `ERROR:` line added to the answer of the command `option` about
/// `name`.
struct ErrorAbout {
    option: &'static str,
    name: &'static str,
    error: &'static str,
}

impl Policy for ErrorAbout {
    fn ask(&self, question: &Question) -> Result<Reply, PolicyFailure> {
        let mut reply = ToyPolicy.ask(question)?;
        if question.option() == self.option && question.args().iter().any(|a| a == self.name) {
            reply.errors.push(self.error.into());
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
/// beside it) under the toy policy. A leading newline of a file's text is left out, so that
/// a raw string can start on the line after its quote.
fn live_patch_of(files: &[(&str, &str)]) -> String {
    live_patch_under(Arc::new(ToyPolicy), files)
}

/// The live patch of the TU made of `files` under `policy`: its text, then its diagnostics,
/// one a line; or the policy's failure. The text is checked to compile as `gcc` says.
fn live_patch_under(policy: Arc<dyn Policy>, files: &[(&str, &str)]) -> String {
    live_patch_built_with("", policy, files)
}

/// `live_patch_under` for a TU built with the command line's `-D` options `defines` (as
/// `#define` lines); the live patch is compiled without them.
fn live_patch_built_with(defines: &str, policy: Arc<dyn Policy>, files: &[(&str, &str)]) -> String {
    assert_eq!(files[0].0, MAIN, "the main file comes first");
    let files: Vec<(&str, &str)> = files
        .iter()
        .map(|&(path, text)| (path, text.strip_prefix('\n').unwrap_or(text)))
        .collect();
    let mut db = Db::with_files(files.iter().copied());
    let tu = Tu::new(
        &db,
        PpConfig {
            main_file: MAIN.into(),
            gcc_major: 12,
            builtin_defines: "#define __GNUC__ 12\n#define __GNUC_STDC_INLINE__ 1\n\
                              #define __x86_64__ 1\n"
                .into(),
            command_line_defines: defines.into(),
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
    check_with_gcc(&files, &live_patch.text);
    let mut out = live_patch.text.clone();
    for d in &live_patch.diagnostics {
        out.push_str(&short_line(&pp, d).replacen(&format!("{MAIN}: "), "", 1));
        out.push('\n');
    }
    out
}

/// Compiles `text` with `gcc -fsyntax-only` in a directory holding the headers of `files`,
/// implicit declarations being errors as in the kernel's build (and gcc 14's default), and
/// checks that gcc accepts it. Skipped without gcc.
#[track_caller]
fn check_with_gcc(files: &[(&str, &str)], text: &str) {
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
        .args([
            "-fsyntax-only",
            "-Werror=implicit-function-declaration",
            "-Werror=implicit-int",
            "-x",
            "c",
        ])
        .arg(&patch)
        .output();
    let _ = std::fs::remove_dir_all(&dir);
    let output = match output {
        Ok(output) => output,
        Err(err) => {
            println!("gcc did not run ({err}): the live patch is not compiled");
            return;
        }
    };
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "the live patch does not compile:\n{text}\ngcc says:\n{stderr}"
    );
    if !stderr.is_empty() {
        println!("gcc says about the live patch:\n{stderr}");
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
    // Rules §2.1: `pu_` keeps the linkage, `ps_` gets `static`, `pe_` loses it (the space
    // after it stays); references are renamed too; `other`, which calls a patched function,
    // is not needed.
    let patch = live_patch_of(&[(
        MAIN,
        r#"
int pu_f(void) { return 1; }
int ps_g(void) { return pu_f() + 1; }
static int pe_h(void) { return ps_g() + 1; }
int other(void) { return pe_h(); }
"#,
    )]);
    expect![[r#"
        /* klp-ccp: from /src/t.c */
        int klpp_pu_f(void) { return 1; }

        static int klpp_ps_g(void) { return klpp_pu_f() + 1; }

         int klpp_pe_h(void) { return klpp_ps_g() + 1; }

    "#]]
    .assert_eq(&patch);
}

#[test]
fn a_new_name_clashing_with_an_identifier_is_retried() {
    // Rules §2.7: `klpp_pu_f` is taken, so the policy is asked again with RETRY 1.
    let patch = live_patch_of(&[(
        MAIN,
        r#"
int klpp_pu_f;
int pu_f(void) { return 0; }
"#,
    )]);
    expect![[r#"
        /* klp-ccp: from /src/t.c */
        int klpp_pu_f1(void) { return 0; }

    "#]]
    .assert_eq(&patch);
}

// Rules §1.2: `ps_g`, patched by the policy's answer when the closure reaches it, is defined
// in the live patch as `klpp_ps_g` (its header then conflicts and is copied from).
#[test]
fn a_patched_function_defined_in_a_header() {
    let patch = live_patch_of(&[
        (
            MAIN,
            r#"
#include "t.h"
int pu_f(void) { return ps_g(); }
"#,
        ),
        ("/src/t.h", "int ps_g(void) { return 1; }\n"),
    ]);
    expect![[r#"
        /* klp-ccp: from /src/t.h */
        static int klpp_ps_g(void) { return 1; }


        /* klp-ccp: from /src/t.c */
        int klpp_pu_f(void) { return klpp_ps_g(); }

    "#]]
    .assert_eq(&patch);
}

// ---------------------------------------------------------------------------------------------
// Copied functions

#[test]
fn a_static_helper_is_copied_with_its_callees() {
    // Rules §1.4: not externalizable, so copied; `unused` is not.
    let patch = live_patch_of(&[(
        MAIN,
        r#"
static int twice(int x) { return 2 * x; }
static int unused(int x) { return x; }
static int helper(int x) { return twice(x) + 1; }
int pu_f(int x) { return helper(x); }
"#,
    )]);
    expect![[r#"
        /* klp-ccp: from /src/t.c */
        static int twice(int x) { return 2 * x; }

        static int helper(int x) { return twice(x) + 1; }

        int klpp_pu_f(int x) { return helper(x); }

    "#]]
    .assert_eq(&patch);
}

#[test]
fn a_copied_function_is_made_static_at_its_first_declaration_only() {
    // Rules §2.2, fun-closure-2.
    let patch = live_patch_of(&[(
        MAIN,
        r#"
void g(void);
void h(void) { g(); }
void g(void) { h(); }
void pu_f(void) { g(); }
"#,
    )]);
    expect![[r#"
        /* klp-ccp: from /src/t.c */
        static void g(void);

        static void h(void) { g(); }

        void g(void) { h(); }

        void klpp_pu_f(void) { g(); }

    "#]]
    .assert_eq(&patch);
}

#[test]
fn gnu_inline_functions_are_copied_static_unless_always_inline() {
    // Rules §1.8, gnu-inline-fun-1.
    let patch = live_patch_of(&[(
        MAIN,
        r#"
extern inline __attribute__((gnu_inline, always_inline)) void g(void) {}
extern inline __attribute__((gnu_inline)) void h(void) {}
void pu_f(void) { g(); h(); }
"#,
    )]);
    expect![[r#"
        /* klp-ccp: from /src/t.c */
        extern inline __attribute__((gnu_inline, always_inline)) void g(void) {}

        static inline __attribute__((gnu_inline)) void h(void) {}

        void klpp_pu_f(void) { g(); h(); }

    "#]]
    .assert_eq(&patch);
}

// ---------------------------------------------------------------------------------------------
// Externalized functions

#[test]
fn a_called_externalizable_function_is_externalized_when_the_policy_says_so() {
    // Rules §1.4, §2.3, fun-closure-3: all the declarations kept, the definition made one,
    // its callee `h` not needed.
    let patch = live_patch_of(&[(
        MAIN,
        r#"
void h(void) {}
void ee_g(void);
void ee_g(void) { h(); }
void pu_f(void) { ee_g(); }
"#,
    )]);
    expect![[r#"
        /* klp-ccp: from /src/t.c */
        void ee_g(void);

        void ee_g(void);

        void klpp_pu_f(void) { ee_g(); }

    "#]]
    .assert_eq(&patch);
}

#[test]
fn a_called_externalizable_function_an_eligible_header_defines_is_copied() {
    // Rules §1.4, §3.3, headers-4: shall-externalize-fun answers NO `from-header`; a static
    // predeclaration before the `#include` gives the header's definition internal linkage.
    let patch = live_patch_of(&[
        (
            MAIN,
            r#"
#include "t.h"
void pu_f(void) { ee_g(); }
"#,
        ),
        ("/src/t.h", "void ee_g(void) {}\n"),
    ]);
    expect![[r#"
        /* klp-ccp: from /src/t.h */
        static void ee_g(void);

        /* klp-ccp: from /src/t.c */
        #include "t.h"
        void klpp_pu_f(void) { ee_g(); }

    "#]]
    .assert_eq(&patch);
}

#[test]
fn a_function_whose_address_is_taken_is_externalized() {
    // Rules §1.4: a non-call reference forces the externalization.
    let patch = live_patch_of(&[(
        MAIN,
        r#"
void ee_g(void) {}
void (*pu_f(void))(void) { return &ee_g; }
"#,
    )]);
    expect![[r#"
        /* klp-ccp: from /src/t.c */
        void ee_g(void);

        void (*klpp_pu_f(void))(void) { return &ee_g; }

    "#]]
    .assert_eq(&patch);
}

#[test]
fn which_function_is_forced_depends_on_the_order_bodies_are_scanned() {
    // Rules §1.5, fun-closure-8: `ee_h`, first in source order, forces `ee_g`; `ee_h` is
    // copied (NO `from-header`), and the header, defining `ee_g`, copied from.
    let patch = live_patch_of(&[
        (
            MAIN,
            r#"
#include "t.h"
void pu_f(void) { ee_g(); ee_h(); }
"#,
        ),
        (
            "/src/t.h",
            r#"
void* ee_g(void);
void* ee_h(void) { return &ee_g; }
void* ee_g(void) { return &ee_h; }
"#,
        ),
    ]);
    expect![[r#"
        /* klp-ccp: from /src/t.h */
        void* ee_g(void);

        static void* ee_h(void) { return &ee_g; }

        void* ee_g(void);


        /* klp-ccp: from /src/t.c */
        void klpp_pu_f(void) { ee_g(); ee_h(); }

    "#]]
    .assert_eq(&patch);
}

#[test]
fn an_externalized_function_can_become_a_renamed_pointer() {
    // Rules §2.3 (inferred): `(*NEW)` at the declarator and at every reference, `extern`
    // replaced by `static` (MAKE-INTERNAL).
    let patch = live_patch_of(&[(
        MAIN,
        r#"
extern int espr_f(int);
int pu_f(void) { return espr_f(1); }
"#,
    )]);
    expect![[r#"
        /* klp-ccp: from /src/t.c */
        static int (*klpe_espr_f)(int);

        int klpp_pu_f(void) { return (*klpe_espr_f)(1); }

    "#]]
    .assert_eq(&patch);
}

#[test]
fn a_function_externalized_as_a_pointer_with_a_declaration_and_a_definition() {
    let patch = live_patch_of(&[(
        MAIN,
        r#"
void espr_f(void);
void espr_f(void) {}
void pu_f(void) { espr_f(); }
"#,
    )]);
    expect![[r#"
        /* klp-ccp: from /src/t.c */
        static void (*klpe_espr_f)(void);

        static void (*klpe_espr_f)(void);

        void klpp_pu_f(void) { (*klpe_espr_f)(); }

    "#]]
    .assert_eq(&patch);
}

// ---------------------------------------------------------------------------------------------
// Externalized objects

#[test]
fn an_object_externalized_as_a_pointer_is_used_through_it() {
    // Rules §2.4, ext-obj-4.
    let patch = live_patch_of(&[(
        MAIN,
        r#"
extern int espr_o;
int pu_f(void) { return espr_o + 1; }
"#,
    )]);
    expect![[r#"
        /* klp-ccp: from /src/t.c */
        static int (*klpe_espr_o);

        int klpp_pu_f(void) { return (*klpe_espr_o) + 1; }

    "#]]
    .assert_eq(&patch);
}

#[test]
fn an_object_externalized_as_a_pointer_with_a_declaration_and_a_definition() {
    let patch = live_patch_of(&[(
        MAIN,
        r#"
extern int espr_o;
int espr_o = 5;
int pu_f(void) { return espr_o; }
"#,
    )]);
    expect![[r#"
        /* klp-ccp: from /src/t.c */
        static int (*klpe_espr_o);

        static int (*klpe_espr_o) ;

        int klpp_pu_f(void) { return (*klpe_espr_o); }

    "#]]
    .assert_eq(&patch);
}

// A pointer to an object is no object of its kind: a per-cpu variable's section attribute
// stays with the running kernel's variable (the invocation defining it is written out).
#[test]
fn an_object_externalized_as_a_pointer_loses_its_attributes() {
    let patch = live_patch_of(&[(
        MAIN,
        r#"
#define DEFINE_PER_CPU(type, name) __attribute__((section(".data..percpu"))) __typeof__(type) name
static DEFINE_PER_CPU(int, espr_count);
int pu_f(void) { return espr_count; }
"#,
    )]);
    expect![[r#"
        /* klp-ccp: from /src/t.c */
        static __typeof__ ( int ) (*klpe_espr_count);

        int klpp_pu_f(void) { return (*klpe_espr_count); }

    "#]]
    .assert_eq(&patch);
}

// What the initializer of an object the live patch only declares refers to is not needed.
#[test]
fn a_dropped_initializer_needs_nothing() {
    let patch = live_patch_of(&[(
        MAIN,
        r#"
static int g(void) { return 1; }
struct ops { int (*f)(void); };
static struct ops esr_ops = { .f = g };
int pu_f(void) { return esr_ops.f(); }
"#,
    )]);
    expect![[r#"
        /* klp-ccp: from /src/t.c */
        struct ops { int (*f)(void); };

        static struct ops klpe_esr_ops ;

        int klpp_pu_f(void) { return klpe_esr_ops.f(); }

    "#]]
    .assert_eq(&patch);
}

// A function made a pointer has no function attributes.
#[test]
fn a_function_externalized_as_a_pointer_loses_its_attributes() {
    let patch = live_patch_of(&[(
        MAIN,
        r#"
static __attribute__((no_instrument_function)) int espr_f(void) { return 1; }
int pu_f(void) { return espr_f(); }
"#,
    )]);
    expect![[r#"
        /* klp-ccp: from /src/t.c */
        static int (*klpe_espr_f)(void);

        int klpp_pu_f(void) { return (*klpe_espr_f)(); }

    "#]]
    .assert_eq(&patch);
}

// The items a needed item's macro invocation makes besides are copied with it; the objects
// among them are the running kernel's too (the kernel's `TRACE_EVENT` registers one in a
// section: a copy would register it again), and the addresses they take are the copies'.
#[test]
fn objects_an_invocation_makes_besides_are_externalized() {
    let patch = live_patch_of(&[(
        MAIN,
        r#"
#define EVENT(name) \
	static int name##_probe(void) { return 2; } \
	static int (*esr_##name)(void) = name##_probe; \
	static int name(void) { return 3; }
EVENT(tick)
int pu_f(void) { return tick(); }
"#,
    )]);
    expect![[r#"
        /* klp-ccp: from /src/t.c */
        static int tick_probe ( void ) { return 2 ; } static int ( * klpe_esr_tick ) ( void ) ; static int tick ( void ) { return 3 ; }

        int klpp_pu_f(void) { return tick(); }

    "#]]
    .assert_eq(&patch);
}

// Of a declaration of several objects, those nothing refers to are not defined again.
#[test]
fn objects_declared_with_a_needed_one_are_left_out() {
    let patch = live_patch_of(&[(
        MAIN,
        r#"
static int a = 1, esr_x = 2, b;
static int c, d;
int pu_f(void) { return esr_x + d; }
"#,
    )]);
    expect![[r#"
        /* klp-ccp: from /src/t.c */
        static int klpe_esr_x ;

        static int d;

        int klpp_pu_f(void) { return klpe_esr_x + d; }

        warning: line 2, column 14: referenced object "d" cannot get externalized
    "#]]
    .assert_eq(&patch);
}

#[test]
fn an_object_made_external_loses_its_initializer_and_gets_its_array_length() {
    // Rules §2.4, ext-obj-3, ext-obj-5 (the space before ` = ...` stays).
    let patch = live_patch_of(&[(
        MAIN,
        r#"
static int ee_o = 0;
static char ee_s[] = "123";
unsigned long pu_f(void) { return ee_o + sizeof(ee_s) + ee_s[0]; }
"#,
    )]);
    expect![[r#"
        /* klp-ccp: from /src/t.c */
        extern int ee_o ;

        extern char ee_s[4] ;

        unsigned long klpp_pu_f(void) { return ee_o + sizeof(ee_s) + ee_s[0]; }

    "#]]
    .assert_eq(&patch);
}

#[test]
fn an_object_keeping_its_linkage_is_left_as_written() {
    // Rules §2.4, ext-obj-1: a tentative definition stays one.
    let patch = live_patch_of(&[(
        MAIN,
        r#"
int eu_o;
int pu_f(void) { return eu_o; }
"#,
    )]);
    expect![[r#"
        /* klp-ccp: from /src/t.c */
        int eu_o;

        int klpp_pu_f(void) { return eu_o; }

    "#]]
    .assert_eq(&patch);
}

#[test]
fn a_block_scope_static_object_is_externalized_in_place() {
    // Rules §2.5, ext-obj-8: made `extern` whatever the linkage asked, the initializer
    // dropped, the array length not written in.
    let patch = live_patch_of(&[(
        MAIN,
        r#"
void pu_f(void)
{
	static char espr_o[] = "123";
	espr_o;
}
"#,
    )]);
    expect![[r#"
        /* klp-ccp: from /src/t.c */
        void klpp_pu_f(void)
        {
        	extern char (*klpe_espr_o)[] ;
        	(*klpe_espr_o);
        }

    "#]]
    .assert_eq(&patch);
}

// A block-scope static is no global symbol of its name: bound to one under its own name (no
// rename, no pointer), it would be bound to nothing, and it stays as it is.
#[test]
fn a_block_scope_static_bound_under_its_own_name_stays() {
    let patch = live_patch_of(&[(
        MAIN,
        r#"
int pu_f(void)
{
	static int ee_count;
	return ee_count++;
}
"#,
    )]);
    expect![[r#"
        /* klp-ccp: from /src/t.c */
        int klpp_pu_f(void)
        {
        	static int ee_count;
        	return ee_count++;
        }

        warning: line 3, column 12: referenced object "ee_count" cannot get externalized
    "#]]
    .assert_eq(&patch);
}

#[test]
fn an_object_the_policy_does_not_externalize_is_copied_with_a_warning() {
    // Rules §1.6, §7, ext-obj-11: copied with its initializer, whose `&ee_f` forces the
    // externalization of `ee_f`; the warning spans the declarator.
    let patch = live_patch_of(&[(
        MAIN,
        r#"
void ee_f(void) {}
static void (*o)(void) = &ee_f;
void pu_g(void) { o(); }
"#,
    )]);
    expect![[r#"
        /* klp-ccp: from /src/t.c */
        void ee_f(void);

        static void (*o)(void) = &ee_f;

        void klpp_pu_g(void) { o(); }

        warning: line 2, columns 12-22: referenced object "o" cannot get externalized
    "#]]
    .assert_eq(&patch);
}

// ---------------------------------------------------------------------------------------------
// Unevaluated references

#[test]
fn what_only_sizeof_references_is_declared_not_externalized() {
    // Rules §1.3, §1.6, unevaluated-1, ext-obj-6: declarations only, no pointer, no rename.
    let patch = live_patch_of(&[(
        MAIN,
        r#"
int espr_o;
char espr_s[] = "abc";
static int g(void) { return 1; }
unsigned long pu_f(void) { return sizeof(espr_o) + sizeof(espr_s) + sizeof(g()); }
"#,
    )]);
    expect![[r#"
        /* klp-ccp: from /src/t.c */
        extern int espr_o;

        extern char espr_s[4] ;

        static int g(void);

        unsigned long klpp_pu_f(void) { return sizeof(espr_o) + sizeof(espr_s) + sizeof(g()); }

    "#]]
    .assert_eq(&patch);
}

#[test]
fn the_dead_arms_of_constant_conditions_are_unevaluated() {
    // Rules §1.3, unevaluated-2, unevaluated-4: `i` and `k` only declared.
    let patch = live_patch_of(&[(
        MAIN,
        r#"
static int i(void) { return 0; }
static int j(void) { return 0; }
static int k(void) { return 0; }
int pu_f(void) { return (0 ? i() : j()) + (1 || k()); }
"#,
    )]);
    expect![[r#"
        /* klp-ccp: from /src/t.c */
        static int i(void);

        static int j(void) { return 0; }

        static int k(void);

        int klpp_pu_f(void) { return (0 ? i() : j()) + (1 || k()); }

    "#]]
    .assert_eq(&patch);
}

// ---------------------------------------------------------------------------------------------
// Types

#[test]
fn the_typedefs_tags_and_enumerators_the_code_needs_are_emitted() {
    // Rules §1.7: a member access needs `struct point`, an enumerator its `enum`.
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
    expect![[r#"
        /* klp-ccp: from /src/t.c */
        typedef unsigned long ulong;

        struct point { int x, y; };

        enum color { RED, GREEN };

        ulong klpp_pu_f(struct point *p) { return p->x + GREEN; }

    "#]]
    .assert_eq(&patch);
}

#[test]
fn a_struct_only_pointed_to_is_declared_not_defined() {
    let patch = live_patch_of(&[(
        MAIN,
        r#"
struct A { int a; };
typedef struct B { int b; } td_b;
void pu_f(struct A *a, td_b *b) { (void)a; (void)b; }
"#,
    )]);
    expect![[r#"
        /* klp-ccp: from /src/t.c */
        struct A ;

        typedef struct B td_b;

        void klpp_pu_f(struct A *a, td_b *b) { (void)a; (void)b; }

    "#]]
    .assert_eq(&patch);
}

// A member access in an argument matching a `...` needs the struct complete as anywhere
// else (the kernel's trace output functions print `field->member`s).
#[test]
fn a_struct_accessed_in_a_variadic_argument_is_defined() {
    let patch = live_patch_of(&[(
        MAIN,
        r#"
struct A { int x; };
int printf(const char *, ...);
int pu_f(struct A *field) { return printf("%d", field->x); }
"#,
    )]);
    expect![[r#"
        /* klp-ccp: from /src/t.c */
        struct A { int x; };

        int printf(const char *, ...);

        int klpp_pu_f(struct A *field) { return printf("%d", field->x); }

    "#]]
    .assert_eq(&patch);
}

#[test]
fn a_tag_first_used_at_file_scope_needs_no_forward_declaration() {
    let patch = live_patch_of(&[(
        MAIN,
        r#"
struct A;
struct A *pu_f(struct A *a) { return a; }
"#,
    )]);
    expect![[r#"
        /* klp-ccp: from /src/t.c */
        struct A *klpp_pu_f(struct A *a) { return a; }

    "#]]
    .assert_eq(&patch);
}

// ---------------------------------------------------------------------------------------------
// Macros

#[test]
fn macro_invocations_are_kept_and_their_defines_emitted() {
    // Rules §4.1, §4.3: `UNUSED` is not needed.
    let patch = live_patch_of(&[(
        MAIN,
        r#"
#define TWICE(x) ((x) * 2)
#define ONE 1
#define UNUSED 3
int pu_f(int a) { return TWICE(a) + ONE; }
"#,
    )]);
    expect![[r#"
        /* klp-ccp: from /src/t.c */
        #define TWICE(x) ((x) * 2)
        #define ONE 1
        int klpp_pu_f(int a) { return TWICE(a) + ONE; }

    "#]]
    .assert_eq(&patch);
}

#[test]
fn a_macro_whose_body_holds_a_renamed_identifier_is_written_out_expanded() {
    // Rules §4.2, macros-25: and no `#define` for it.
    let patch = live_patch_of(&[(
        MAIN,
        r#"
int espr_i;
#define GET_I espr_i
int pu_f(void) { return GET_I; }
"#,
    )]);
    expect![[r#"
        /* klp-ccp: from /src/t.c */
        static int (*klpe_espr_i);

        int klpp_pu_f(void) { return (*klpe_espr_i); }

    "#]]
    .assert_eq(&patch);
}

#[test]
fn a_macro_argument_is_rewritten_in_place() {
    // Rules §4.1, macros-24.
    let patch = live_patch_of(&[(
        MAIN,
        r#"
#define READ_ONCE(x) (*(volatile typeof(x) *)&(x))
int espr_i;
int pu_f(void) { return READ_ONCE(espr_i); }
"#,
    )]);
    expect![[r#"
        /* klp-ccp: from /src/t.c */
        #define READ_ONCE(x) (*(volatile typeof(x) *)&(x))
        static int (*klpe_espr_i);

        int klpp_pu_f(void) { return READ_ONCE((*klpe_espr_i)); }

    "#]]
    .assert_eq(&patch);
}

// ... or after the item, when the item does not invoke it again.
#[test]
fn a_macro_shadowing_a_new_name_is_defined_again_after_the_item() {
    let patch = live_patch_of(&[(
        MAIN,
        r#"
#define klpp_pu_f(x) (x + 1)
static int g(int y) { return klpp_pu_f(y); }
int pu_f(int y) { return g(y); }
int h(int y) { return klpp_pu_f(y); }
"#,
    )]);
    expect![[r#"
        /* klp-ccp: from /src/t.c */
        #define klpp_pu_f(x) (x + 1)
        static int g(int y) { return klpp_pu_f(y); }


        /* klp-ccp: not from file */
        #undef klpp_pu_f

        /* klp-ccp: from /src/t.c */
        int klpp_pu_f(int y) { return g(y); }
        #define klpp_pu_f(x) (x + 1)


    "#]]
    .assert_eq(&patch);
}

// Issue 5 (7): the live patch is built with another command line (the kernel's
// `KBUILD_MODNAME` names the live patch's module): a command-line macro the copied code uses
// is defined again, with the TU's value.
#[test]
fn a_command_line_macro_the_copied_code_uses_keeps_its_value() {
    let patch = live_patch_built_with(
        "#define KBUILD_MODNAME \"memory\"\n#define UNUSED 1\n",
        Arc::new(ToyPolicy),
        &[(
            MAIN,
            r#"
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt
static const char *name(void) { return pr_fmt("x"); }
const char *pu_f(void) { return name(); }
"#,
        )],
    );
    expect![[r#"
        /* klp-ccp: from <command-line> */
        #undef KBUILD_MODNAME
        #define KBUILD_MODNAME "memory"

        /* klp-ccp: from /src/t.c */
        #define pr_fmt(fmt) KBUILD_MODNAME ": " fmt
        static const char *name(void) { return pr_fmt("x"); }

        const char *klpp_pu_f(void) { return name(); }

    "#]]
    .assert_eq(&patch);
}

// A function-like macro expands only where a `(` follows: a new name without one is left
// alone.
#[test]
fn a_function_like_macro_shadows_only_a_new_name_called() {
    let patch = live_patch_of(&[(
        MAIN,
        r#"
#define klpe_eur_x(a) (a)
extern int eur_x;
int pu_f(void) { return eur_x + klpe_eur_x(1); }
"#,
    )]);
    expect![[r#"
        /* klp-ccp: from /src/t.c */
        #define klpe_eur_x(a) (a)
        extern int klpe_eur_x;

        int klpp_pu_f(void) { return klpe_eur_x + klpe_eur_x(1); }

    "#]]
    .assert_eq(&patch);
}

// A new name that is a macro's where it is written: the macro is undefined before the item
// and defined again before the item invokes it next (macros-13).
#[test]
fn a_new_name_clashing_with_a_macro_is_undefined_around_it() {
    let patch = live_patch_of(&[(
        MAIN,
        r#"
#define klpp_pu_f hello
#define __str(a) #a
#define str(a) __str(a)
static void g(void) { str(klpp_pu_f); }
void pu_f(void)
{
	g();
	str(klpp_pu_f);
}
"#,
    )]);
    expect![[r#"
        /* klp-ccp: from /src/t.c */
        #define klpp_pu_f hello
        #define __str(a) #a
        #define str(a) __str(a)
        static void g(void) { str(klpp_pu_f); }


        /* klp-ccp: not from file */
        #undef klpp_pu_f

        /* klp-ccp: from /src/t.c */
        void klpp_pu_f(void)
        {
        	g();
	
        #define klpp_pu_f hello
        str(klpp_pu_f);
        }

    "#]]
    .assert_eq(&patch);
}

// ---------------------------------------------------------------------------------------------
// Conditional compilation

// Rules §5, macros-20: the conditionals around copied items are written around them, those
// around several items once; a file's include guard is not.
#[test]
fn conditionals_around_copied_items_are_written_around_them() {
    let patch = live_patch_of(&[
        (
            MAIN,
            r#"
#include "internal.h"
#define A 1
#if !A
static int g(void) { return 0; }
#elif A
static int g(void) { return 1; }
static int h(void) { return 2; }
#endif
int pu_f(void) { return g() + h() + i(); }
"#,
        ),
        (
            "/src/internal.h",
            r#"
#ifndef INTERNAL_H
#define INTERNAL_H
static int i(void) { return 3; }
#endif
"#,
        ),
    ]);
    expect![[r#"
        /* klp-ccp: from /src/internal.h */
        static int i(void) { return 3; }


        /* klp-ccp: from /src/t.c */
        #define A 1
        #if !A
        #error "klp-ccp: non-taken branch"
        #elif A
        static int g(void) { return 1; }

        static int h(void) { return 2; }

        #else
        #error "klp-ccp: a preceeding branch should have been taken"
        #endif
        int klpp_pu_f(void) { return g() + h() + i(); }

    "#]]
    .assert_eq(&patch);
}

// A macro a written conditional tests (`#ifdef`, `defined`) has its `#define` written too.
#[test]
fn the_macros_written_conditionals_test_are_defined() {
    let patch = live_patch_of(&[(
        MAIN,
        r#"
#define X
#define Y 2
#ifdef X
static int g(void) { return 1; }
#endif
#if defined(Y) && Y > 1
static int h(void) { return 2; }
#endif
int pu_f(void) { return g() + h(); }
"#,
    )]);
    expect![[r#"
        /* klp-ccp: from /src/t.c */
        #define X
        #define Y 2
        #ifdef X
        static int g(void) { return 1; }

        #else
        #error "klp-ccp: a preceeding branch should have been taken"
        #endif
        #if defined(Y) && Y > 1
        static int h(void) { return 2; }

        #else
        #error "klp-ccp: a preceeding branch should have been taken"
        #endif
        int klpp_pu_f(void) { return g() + h(); }

    "#]]
    .assert_eq(&patch);
}

// Rules §4.5, macros-20: a predeclaration from an included header comes with the conditional
// around it there; a macro the header tests before defining it is undefined again before the
// `#include`.
#[test]
fn a_predeclaration_keeps_the_conditionals_around_it() {
    let patch = live_patch_of(&[
        (
            MAIN,
            r#"
#define FOO()
#include "t.h"
void pu_f(void) { G(); }
"#,
        ),
        (
            "/src/t.h",
            r#"
#if defined(G)
#elif defined(FOO)
#define G g
#define EXTERN_VOID extern void
EXTERN_VOID G(void) {}
#endif
"#,
        ),
    ]);
    expect![[r#"
        /* klp-ccp: from /src/t.c */
        #define FOO()

        /* klp-ccp: from /src/t.h */
        #if defined(G)
        #error "klp-ccp: non-taken branch"
        #elif defined(FOO)
        #define G g
        static void G(void);
        #else
        #error "klp-ccp: a preceeding branch should have been taken"
        #endif

        /* klp-ccp: not from file */
        #undef G

        /* klp-ccp: from /src/t.c */
        #include "t.h"
        void klpp_pu_f(void) { G(); }

    "#]]
    .assert_eq(&patch);
}

#[test]
fn conditional_groups_in_copied_text_keep_only_their_taken_branches() {
    // Rules §5, condincl-1, condincl-2, condincl-4: directives copied, each non-taken branch
    // an `#error` line, an `#else` added where a taken `#if` has none; in a declarator cut
    // by the groups, and in a body.
    let patch = live_patch_of(&[(
        MAIN,
        r#"
#define A(x) x
#define B 1
void A(
#if B
pu_f
#else
other
#endif
)(void)
{
#if B /* 1 */
	int a;
#endif
#if 0
	int b;
#else
	int c;
#endif
}
"#,
    )]);
    expect![[r#"
        /* klp-ccp: from /src/t.c */
        #define A(x) x
        #define B 1
        void A(
        #if B
        klpp_pu_f
        #else
        #error "klp-ccp: non-taken branch"
        #endif
        )(void)
        {
        #if B /* 1 */
        	int a;
        #else
        #error "klp-ccp: a preceeding branch should have been taken"
        #endif
        #if 0
        #error "klp-ccp: non-taken branch"
        #else
        	int c;
        #endif
        }

    "#]]
    .assert_eq(&patch);
}

// ---------------------------------------------------------------------------------------------
// Headers

#[test]
fn an_includable_header_is_included_and_an_internal_one_copied_from() {
    // Rules §3.1, §3.6, headers-1: the copied non-static function made static.
    let patch = live_patch_of(&[
        (
            MAIN,
            r#"
#include "t.h"
#include "internal.h"
int pu_f(struct s *p) { return helper(get(p)); }
"#,
        ),
        (
            "/src/t.h",
            r#"
struct s { int a; };
static inline int get(struct s *p) { return p->a; }
"#,
        ),
        (
            "/src/internal.h",
            r#"
int helper(int x) { return x; }
int unused_helper(void) { return 0; }
"#,
        ),
    ]);
    expect![[r#"
        /* klp-ccp: from /src/t.c */
        #include "t.h"

        /* klp-ccp: from /src/internal.h */
        static int helper(int x) { return x; }


        /* klp-ccp: from /src/t.c */
        int klpp_pu_f(struct s *p) { return helper(get(p)); }

    "#]]
    .assert_eq(&patch);
}

#[test]
fn a_header_defining_an_externalized_function_is_copied_from_not_included() {
    // Rules §3.1, fun-closure-5: `&ee_g` forces the externalization although the header is
    // eligible; including it would define `ee_g`.
    let patch = live_patch_of(&[
        (
            MAIN,
            r#"
#include "t.h"
void *pu_f(struct s *p) { p->a = 1; return &ee_g; }
"#,
        ),
        (
            "/src/t.h",
            r#"
struct s { int a; };
void ee_g(void) {}
"#,
        ),
    ]);
    expect![[r#"
        /* klp-ccp: from /src/t.h */
        struct s { int a; };

        void ee_g(void);


        /* klp-ccp: from /src/t.c */
        void *klpp_pu_f(struct s *p) { p->a = 1; return &ee_g; }

    "#]]
    .assert_eq(&patch);
}

// An included header is compiled whole: what its unused `i` calls, the TU declared before the
// `#include`, so the live patch declares it there too (the definition made a declaration,
// linkage unchanged; headers-7).
#[test]
fn an_included_header_gets_the_declarations_it_uses() {
    let patch = live_patch_of(&[
        (
            MAIN,
            r#"
void h(void) {}
#include "t.h"
void pu_f(void) { g(); }
"#,
        ),
        (
            "/src/t.h",
            r#"
static void i(void) { h(); }
static void g(void) {}
"#,
        ),
    ]);
    expect![[r#"
        /* klp-ccp: from /src/t.c */
        void h(void);

        #include "t.h"
        void klpp_pu_f(void) { g(); }

    "#]]
    .assert_eq(&patch);
}

// A header that needs a struct complete (here for `offsetof`) gets its definition before the
// `#include` (tag-defs-13).
#[test]
fn an_included_header_gets_the_complete_types_it_uses() {
    let patch = live_patch_of(&[
        (
            MAIN,
            r#"
struct A { int a; };
struct B { int b; };
#include "t.h"
void pu_f(void) { g(); }
"#,
        ),
        (
            "/src/t.h",
            r#"
_Static_assert(__builtin_offsetof(struct A, a) == 0, "");
static inline int size(struct B *b) { return sizeof(*b); }
static inline void g(void) {}
"#,
        ),
    ]);
    expect![[r#"
        /* klp-ccp: from /src/t.c */
        struct A { int a; };

        struct B { int b; };

        #include "t.h"
        void klpp_pu_f(void) { g(); }

    "#]]
    .assert_eq(&patch);
}

// What a header gets from a header it includes itself is no prerequisite, even when that
// header was read before (its guard skips it there).
#[test]
fn an_included_header_provides_what_it_includes_itself() {
    let patch = live_patch_of(&[
        (
            MAIN,
            r#"
#include "types.h"
static int unused;
#include "t.h"
void pu_f(void) { g(); }
"#,
        ),
        (
            "/src/types.h",
            r#"
#ifndef TYPES_H
#define TYPES_H
struct A { int a; };
static inline int h(struct A *a) { return a->a; }
#endif
"#,
        ),
        (
            "/src/t.h",
            r#"
#include "types.h"
static inline int i(struct A *a) { return h(a) + a->a; }
static inline void g(void) {}
"#,
        ),
    ]);
    expect![[r#"
        /* klp-ccp: from /src/t.c */
        #include "t.h"
        void klpp_pu_f(void) { g(); }

    "#]]
    .assert_eq(&patch);
}

// Items written across an included header's `#include` are emitted whole around it: the
// header's text is only whole with them (headers-5).
#[test]
fn items_written_across_an_included_header_come_with_it() {
    let patch = live_patch_of(&[
        (
            MAIN,
            r#"
static void
#include "t.h"
i(void) {}
void pu_f(void) { h(); }
"#,
        ),
        (
            "/src/t.h",
            r#"
g(void) {}
static void h(void) {}
static void
"#,
        ),
    ]);
    expect![[r#"
        /* klp-ccp: from /src/t.c */
        static void
        #include "t.h"
        i(void) {}

        void klpp_pu_f(void) { h(); }

    "#]]
    .assert_eq(&patch);
}

// An item written across files the live patch copies from is copied piece by piece, each
// under its file's marker; the headers it includes that the live patch may include stay
// `#include`s (headers-6).
#[test]
fn an_item_across_copied_files_is_copied_piece_by_piece() {
    let patch = live_patch_of(&[
        (
            MAIN,
            r#"
static
#include "internal.h"
void pu_f(void) { g(); }
"#,
        ),
        (
            "/src/internal.h",
            r#"
void
#include "name.h"
(void)
#include "brace.h"
}
"#,
        ),
        ("/src/name.h", "g\n"),
        ("/src/brace.h", "{\n"),
    ]);
    expect![[r#"
        /* klp-ccp: from /src/t.c */
        static

        /* klp-ccp: from /src/internal.h */
        void
        #include "name.h"
        (void)
        #include "brace.h"
        }


        /* klp-ccp: from /src/t.c */
        void klpp_pu_f(void) { g(); }

    "#]]
    .assert_eq(&patch);
}

#[test]
fn a_predeclaration_from_a_header_comes_with_the_macros_it_invokes() {
    let patch = live_patch_of(&[
        (
            MAIN,
            r#"
#include "t.h"
#define FOO void
FOO pu_f(void) { g(); }
"#,
        ),
        (
            "/src/t.h",
            r#"
#define FOO int
FOO g(void) { return 0; }
#undef FOO
"#,
        ),
    ]);
    expect![[r#"
        /* klp-ccp: from /src/t.h */
        #define FOO int
        static FOO g(void);

        /* klp-ccp: from /src/t.c */
        #include "t.h"
        #define FOO void
        FOO klpp_pu_f(void) { g(); }

    "#]]
    .assert_eq(&patch);
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
    expect![[r#"
        /* klp-ccp: from /src/t.c */
        void klpe_eer_g(void);

        static void klpr_helper(void) { klpe_eer_g(); }

        void klpp_pu_f(void) { klpr_helper(); }

    "#]]
    .assert_eq(&patch);
}

// A header defining a function the live patch rewrites is copied from, not included.
#[test]
fn a_function_rewritten_from_an_included_header() {
    let patch = live_patch_of(&[
        (
            MAIN,
            r#"
#include "t.h"
int pu_f(void) { return get(); }
"#,
        ),
        (
            "/src/t.h",
            r#"
extern int espr_o;
static inline int get(void) { return espr_o; }
"#,
        ),
    ]);
    expect![[r#"
        /* klp-ccp: from /src/t.h */
        static int (*klpe_espr_o);

        static inline int klpr_get(void) { return (*klpe_espr_o); }


        /* klp-ccp: from /src/t.c */
        int klpp_pu_f(void) { return klpr_get(); }

    "#]]
    .assert_eq(&patch);
}

// ---------------------------------------------------------------------------------------------
// The policy's diagnostics and failures

#[test]
fn a_policy_warning_is_reported_at_the_entity_asked_about() {
    let policy = WarningAbout {
        option: "--pol-cmd-shall-externalize-obj",
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
    expect![[r#"
        /* klp-ccp: from /src/t.c */
        static int (*klpe_espr_o);

        int klpp_pu_f(void) { return (*klpe_espr_o); }

        warning: line 1, column 11: espr_o is racy
    "#]]
    .assert_eq(&patch);
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
    expect![[r#"
        error: policy command `toy-policy/shall-externalize-obj espr_o` (--pol-cmd-shall-externalize-obj) failed: printed no `RESULT:` line
    "#]].assert_eq(&patch);
}

/// A TU whose patched function calls an inline function of a header it includes, which
/// refers to an object the live patch renames: the header is asked about, and the function
/// rewritten.
const REWRITTEN_FROM_HEADER: &[(&str, &str)] = &[
    (
        MAIN,
        r#"
int other;
#include "t.h"
int pu_f(void) { return get(); }
"#,
    ),
    (
        "/src/t.h",
        r#"
extern int espr_o;
static inline int get(void) { return espr_o; }
"#,
    ),
];

#[test]
fn a_header_policy_warning_is_reported_at_the_include_directive() {
    let policy = WarningAbout {
        option: "--pol-cmd-may-include-header",
        name: "/src/t.h",
        warning: "t.h is deprecated",
    };
    let patch = live_patch_under(Arc::new(policy), REWRITTEN_FROM_HEADER);
    expect![[r#"
        /* klp-ccp: from /src/t.h */
        static int (*klpe_espr_o);

        static inline int klpr_get(void) { return (*klpe_espr_o); }


        /* klp-ccp: from /src/t.c */
        int klpp_pu_f(void) { return klpr_get(); }

        warning: line 2, columns 0-14: t.h is deprecated
    "#]]
    .assert_eq(&patch);
}

#[test]
fn a_header_policy_error_is_an_error_diagnostic() {
    let policy = ErrorAbout {
        option: "--pol-cmd-may-include-header",
        name: "/src/t.h",
        error: "t.h must not be used",
    };
    let patch = live_patch_under(Arc::new(policy), REWRITTEN_FROM_HEADER);
    assert!(
        patch.ends_with("error: line 2, columns 0-14: t.h must not be used\n"),
        "{patch}"
    );
}

#[test]
fn a_rewritten_function_policy_warning_is_reported_at_its_declaration() {
    let policy = WarningAbout {
        option: "--pol-cmd-renamed-rewritten-fun",
        name: "get",
        warning: "get is rewritten",
    };
    let patch = live_patch_under(Arc::new(policy), REWRITTEN_FROM_HEADER);
    expect![[r#"
        /* klp-ccp: from /src/t.h */
        static int (*klpe_espr_o);

        static inline int klpr_get(void) { return (*klpe_espr_o); }


        /* klp-ccp: from /src/t.c */
        int klpp_pu_f(void) { return klpr_get(); }

        warning: /src/t.h: line 2, column 18: get is rewritten
    "#]]
    .assert_eq(&patch);
}
