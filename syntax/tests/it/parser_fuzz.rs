//! The parser never panics and never overflows its stack, whatever the input: deeply nested
//! constructs of every kind, and random inputs built from C fragments, garbled. The tree's text
//! is always the input's text. The number of random inputs is `KLP_CCP_FUZZ_INPUTS` (default
//! 3000); the seed is `KLP_CCP_FUZZ_SEED`.

use syntax::lexer::lex;

use crate::support::parser;
use crate::support::rng::Rng;

/// Parses `text` and checks the tree holds it exactly; returns the number of errors.
fn parse_checked(text: &str) -> usize {
    let lexed = lex(text);
    let tokens = parser::tokens(&lexed);
    let parse = syntax::parser::parse(&tokens);
    assert_eq!(
        parse.tree_text(),
        *lexed.text,
        "tree text differs for {text:?}"
    );
    for error in &parse.errors {
        assert!(
            error.token <= tokens.len(),
            "error index out of range for {text:?}"
        );
    }
    parse.errors.len()
}

/// Runs `f` on a thread with a small stack (2 MiB, the default for test threads and less than a
/// main thread's), so that unbounded recursion shows as a crash.
fn on_small_stack(f: impl FnOnce() + Send + 'static) {
    let handle = std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(f)
        .expect("spawning a test thread");
    assert!(handle.join().is_ok(), "the parser panicked");
}

/// Each nesting construct, `open` repeated `n` times around `middle`, then `close` as often.
const NESTINGS: &[(&str, &str, &str, &str)] = &[
    ("int x = ", "(", "1", ");"),
    ("int x = ", "-", "1", ";"),
    ("int x = ", "(int)", "1", ";"),
    ("int x = ", "sizeof ", "1", ";"),
    ("int x = ", "a ? b : ", "c", ";"),
    ("int x = ", "a = ", "c", ";"),
    ("int x = ", "f(", "1", ");"),
    ("int x = ", "(int){", "1", "};"),
    ("int x = ", "({ ", "1;", " });"),
    ("int x[] = ", "{", "1", "};"),
    ("int ", "(", "x", ");"),
    ("int ", "*", "x", ";"),
    ("int ", "(*", "x", ")(void);"),
    ("int x", "[1]", "", ";"),
    ("void f(void) ", "{", "", "}"),
    ("", "void f(void) { ", "", "}"),
    ("void f(void) { ", "if (1) ", ";", "}"),
    ("void f(void) { ", "while (1) ", ";", "}"),
    ("void f(void) { ", "a: ", ";", "}"),
    ("void f(void) { ", "case 1: ", ";", "}"),
    ("void f(void) { ", "if (1) ; else ", ";", "}"),
    ("", "struct { ", "int x;", " } y;"),
    ("", "typeof(", "int", ") x;"),
    ("void f(", "void (*)(", "int", "));"),
    ("int x __attribute__((", "a(", "1", "))));"),
];

#[test]
fn deep_nesting_is_bounded() {
    for &(prefix, open, middle, close) in NESTINGS {
        for depth in [10, 999, 5000] {
            let text = format!(
                "{prefix}{}{middle}{}\n",
                open.repeat(depth),
                close.repeat(depth)
            );
            if std::env::var_os("KLP_CCP_FUZZ_TRACE").is_some() {
                eprintln!("{open:?} x {depth}");
            }
            on_small_stack(move || {
                parse_checked(&text);
            });
        }
    }
}

/// Chains that the grammar iterates over but that nest in the tree, `{}` standing for the
/// repeated part.
const CHAINS: &[(&str, &str)] = &[
    ("int x = 1{};", " + 1"),
    ("int x = (1{});", ", 1"),
    ("int x = f{};", "(1)"),
    ("int x{};", "[1]"),
    ("void f(int a) {{ switch (a) {{ {} ; }} }}", "case 1: "),
    ("void f(void) {{ if (1) ;{} }}", " else if (1) ;"),
];

#[test]
fn long_chains_parse() {
    // As long as the longest in gcc's test suite (2168 operators), and some more.
    for &(template, link) in CHAINS {
        let text = template.replace("{}", &link.repeat(3000));
        on_small_stack(move || assert_eq!(parse_checked(&text), 0, "{text:.60}"));
    }
    let text = format!("int a[] = {{ {} }};", "1, ".repeat(100_000));
    on_small_stack(move || assert_eq!(parse_checked(&text), 0));
}

#[test]
fn overlong_chains_are_cut_not_crashing() {
    for &(template, link) in CHAINS {
        let text = template.replace("{}", &link.repeat(50_000));
        on_small_stack(move || assert!(parse_checked(&text) > 0, "{text:.60}"));
    }
}

const FRAGMENTS: &[&str] = &[
    "typedef int T;",
    "T * x;",
    "T T;",
    "int f(T T) { T * y; }",
    "struct S { int a : 3; T b; };",
    "enum E { A = 1, B, };",
    "union { int x; } u;",
    "int (*fp)(int, ...);",
    "f() {}",
    "int g(a, b) int a; char *b; { return a; }",
    "x = (T){1, 2}.a;",
    "({ int z = 1; z; })",
    "__attribute__((unused))",
    "__attribute__((aligned(8), section(\".x\")))",
    "[[gnu::unused]]",
    "asm volatile goto (\"\" : [o] \"=r\" (x) : \"r\" (y) : \"memory\" : l);",
    "int v asm(\"w\");",
    "_Static_assert(1, \"m\");",
    "_Generic(x, int: 1, default: 2)",
    "__builtin_offsetof(T, a.b[1])",
    "__builtin_va_arg(ap, int)",
    "__builtin_types_compatible_p(int, T)",
    "__builtin_choose_expr(1, 2, 3)",
    "case 1 ... 3:",
    "&&lab",
    "goto *p;",
    "__label__ l;",
    "__extension__",
    "a ?: b",
    "sizeof(int)",
    "_Alignof(T)",
    "typeof(x)",
    "__auto_type q = 1;",
    "_Atomic(int)",
    "_Atomic int",
    "__seg_gs",
    "[1 ... 3] = 4",
    ".a.b[2] = 1",
    "a: 1",
    "#pragma once\n",
    "\n#pragma pack(1)\n",
    "{",
    "}",
    "(",
    ")",
    "[",
    "]",
    ";",
    ",",
    "=",
    "*",
    "...",
    ":",
    "?",
    "&",
    "if (x)",
    "else",
    "for (int i = 0; i < n; i++)",
    "while (0)",
    "do",
    "return",
    "break;",
    "continue;",
    "switch (x)",
    "default:",
    "int",
    "char",
    "long",
    "unsigned",
    "static",
    "extern",
    "const",
    "volatile",
    "restrict",
    "inline",
    "register",
    "void",
    "x",
    "T",
    "1",
    "'c'",
    "\"s\"",
    "@",
    "\\",
    "#",
    "##",
    " ",
    "\n",
    "/* c */",
    "// c\n",
    "__real__ x",
    "__imag__ x",
    "L'x'",
    "u8\"s\"",
    "0x1p-3",
    "1.5e+3f",
];

fn random_input(rng: &mut Rng) -> String {
    let mut text = String::new();
    for _ in 0..rng.below(40) + 1 {
        text.push_str(FRAGMENTS[rng.below(FRAGMENTS.len())]);
        if rng.below(4) == 0 {
            text.push(' ');
        }
    }
    // Sometimes garble: cut, duplicate or swap a piece.
    if rng.below(3) == 0 && text.len() > 2 {
        let cut = rng.below(text.len());
        let cut = (0..=cut)
            .rev()
            .find(|&i| text.is_char_boundary(i))
            .unwrap_or(0);
        text.truncate(cut);
    }
    text
}

#[test]
fn random_inputs_never_panic() {
    let seed = std::env::var("KLP_CCP_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x5eed_c0de_u64);
    let inputs = std::env::var("KLP_CCP_FUZZ_INPUTS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(3000);
    on_small_stack(move || {
        let mut rng = Rng(seed | 1);
        for _ in 0..inputs {
            let text = random_input(&mut rng);
            parse_checked(&text);
        }
    });
}

#[test]
fn random_bytes_never_panic() {
    on_small_stack(|| {
        let mut rng = Rng(0x0123_4567_89ab_cdef);
        for _ in 0..500 {
            let bytes: Vec<u8> = (0..rng.below(200)).map(|_| rng.next() as u8).collect();
            parse_checked(&String::from_utf8_lossy(&bytes));
        }
    });
}
