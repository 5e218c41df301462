//! Every directive gcc 12 accepts in C, and the diagnostics of the bad ones.

use expect_test::expect;

use crate::support::pp::{self, main_only, output};

#[test]
fn conditionals() {
    let src = "#if 1 + 2 * 3 == 7 && defined FROM_COMMAND_LINE\nyes1\n#else\nno1\n#endif\n#ifdef NOPE\nno2\n#elif (-1 < 0u) || 0x10 != 16\nno3\n#elifdef __GNUC__\nyes2\n#else\nno4\n#endif\n#ifndef NOPE\nyes3\n#endif\n#if 0\n#if garbage (\n#error never\n#endif\n#elifndef NOPE\nyes4\n#endif\n";
    expect![[r#"
        yes1
        yes2
        yes3
        yes4
    "#]]
    .assert_eq(&main_only(src));
}

#[test]
fn if_arithmetic_follows_gcc() {
    let src = "#if -1 > 0u\nunsigned_compare\n#endif\n#if (2 || 1/0) && 'a' == 97 && '\\377' < 0\nshort_circuit\n#endif\n#if 0x7fffffffffffffff + 0 > 0 && 1 << 63 < 0 && -1 >> 1 == -1\nwidth_64\n#endif\n#if (0 ? 1/0 : 2) == 2 && (1, 2) == 2 && undefined_name == 0\nmisc\n#endif\n";
    expect![[r#"
        unsigned_compare
        short_circuit
        width_64
        misc
    "#]]
    .assert_eq(&main_only(src));
}

#[test]
fn if_errors() {
    let src = "#if\n#endif\n#if 1 +\n#endif\n#if 1 / 0\n#endif\n#if 1 2\n#endif\n#if 1.0\n#endif\n#if (1\n#endif\n#if defined\n#endif\n";
    expect![[r#"

        error: main.c:1:1: #if with no expression
        error: main.c:3:1: #if with no expression
        error: main.c:5:6: division by zero in #if
        error: main.c:7:6: missing binary operator before token "2"
        error: main.c:9:4: floating constant in preprocessor expression
        error: main.c:11:1: missing ')' in expression
        error: main.c:13:4: operator "defined" requires an identifier
    "#]]
    .assert_eq(&main_only(src));
}

#[test]
fn stray_and_unterminated_conditionals() {
    expect![[r#"
        a
        error: main.c:1:1: #else without #if
        error: main.c:2:1: #endif without #if
        error: main.c:6:1: #else after #else
        error: main.c:5:0: unterminated #else
    "#]]
    .assert_eq(&main_only("#else\n#endif\n#if 1\na\n#else\n#else\n"));
}

#[test]
fn includes_search_the_includer_directory_then_the_chain() {
    let files = [
        (
            "main.c",
            "#include \"dir/a.h\"\n#include <b.h>\n#define HDR <c.h>\n#include HDR\n",
        ),
        ("dir/a.h", "#include \"a2.h\"\na\n"),
        ("dir/a2.h", "a2\n"),
        ("inc/b.h", "b\n#include_next <b.h>\n"),
        ("inc2/b.h", "b_next\n"),
        ("sys/c.h", "c __INCLUDE_LEVEL__ __FILE__\n"),
    ];
    expect![[r#"
        a2
        a
        b
        b_next
        c 1 "sys/c.h"
    "#]]
    .assert_eq(&output(&files));
}

#[test]
fn missing_include_is_fatal() {
    expect![[r#"
        before
        error: main.c:2:9: nothere.h: No such file or directory
    "#]]
    .assert_eq(&main_only("before\n#include \"nothere.h\"\nafter\n"));
}

#[test]
fn include_guards_and_pragma_once() {
    let files = [
        (
            "main.c",
            "#include \"g.h\"\n#include \"g.h\"\n#include \"o.h\"\n#include \"o.h\"\n#include \"u.h\"\n#include \"u.h\"\n",
        ),
        ("g.h", "#ifndef G_H\n#define G_H\nguarded\n#endif\n"),
        ("o.h", "#pragma once\nonce\n"),
        ("u.h", "unguarded\n"),
    ];
    expect![[r#"
        guarded
        once
        unguarded
        unguarded
    "#]]
    .assert_eq(&output(&files));
}

#[test]
fn has_include_and_feature_tests() {
    let files = [
        (
            "main.c",
            "#if __has_include(\"x.h\") && !__has_include(<nope.h>)\nyes\n#endif\n#if __has_attribute(__fallthrough__) && !__has_attribute(bogus) && __has_builtin(__builtin_expect)\nattrs\n#endif\n#ifdef __has_include\nis_macro\n#endif\n",
        ),
        ("x.h", ""),
    ];
    expect![[r#"
        yes
        attrs
        is_macro
    "#]]
    .assert_eq(&output(&files));
}

#[test]
fn line_error_warning_ident_null_and_unknown() {
    let src = "#line 100 \"renamed.c\"\n__LINE__ __FILE__\n#\n#ident \"v1\"\n#warning careful\n#error stop here\n#frobnicate\n# 7 \"marker.c\"\n__LINE__ __FILE__\n";
    expect![[r#"
        100 "renamed.c"
        #ident "v1"
        7 "marker.c"
        warning: main.c:5:1: #warning careful
        error: main.c:6:1: #error stop here
        error: main.c:7:1: invalid preprocessing directive #frobnicate
    "#]]
    .assert_eq(&main_only(src));
}

#[test]
fn pragmas_pass_through_unless_cpp_handles_them() {
    let src = "#pragma pack(1)\n#pragma GCC poison bad\n#pragma GCC diagnostic push\n#pragma GCC warning \"w\"\nx\n";
    expect![[r#"
        #pragma pack(1)
        #pragma GCC diagnostic push
        x
        warning: main.c:4:12: w
    "#]]
    .assert_eq(&main_only(src));
}

#[test]
fn define_errors() {
    let src = "#define\n#define 1x\n#define defined\n#define f(a, a) a\n#define g(a b\n#define h(a) #b\n#define i ## x\n#undef\n";
    expect![[r#"

        error: no macro name given in #define directive
        error: main.c:2:8: macro names must be identifiers
        error: main.c:3:8: "defined" cannot be used as a macro name
        error: main.c:4:13: duplicate macro parameter "a"
        error: main.c:5:12: expected ',' or ')', found "b"
        error: main.c:6:13: '#' is not followed by a macro parameter
        error: main.c:7:10: '##' cannot appear at either end of a macro expansion
        error: no macro name given in #undef directive
    "#]]
    .assert_eq(&main_only(src));
}

#[test]
fn file_names_follow_the_macro_prefix_map() {
    let config = syntax::pp::PpConfig {
        main_file: "./src/main.c".into(),
        macro_prefix_map: vec![
            ("./".into(), "".into()),
            ("./src/".into(), "mapped/".into()),
        ],
        gcc_major: 12,
        ..syntax::pp::PpConfig::default()
    };
    let mut loader = syntax::pp::MemoryLoader::new([
        (
            "./src/main.c",
            "__FILE__ __BASE_FILE__ __FILE_NAME__\n#include \"h.h\"\n",
        ),
        ("./src/h.h", "__FILE__\n"),
    ]);
    let tu = syntax::pp::preprocess(&config, &mut loader);
    expect![[r#"
        "mapped/main.c" "mapped/main.c" "main.c"
        "mapped/h.h"
    "#]]
    .assert_eq(&syntax::pp::render(&tu));
}

#[test]
fn system_headers_are_marked_and_quiet() {
    let files = [
        (
            "main.c",
            "#include \"own.h\"\n#include <sysdir.h>\n#include \"pragma.h\"\n",
        ),
        ("own.h", "#endif junk\n"),
        ("sys/sysdir.h", "#ifdef X\n#endif junk\n"),
        (
            "pragma.h",
            "#pragma GCC system_header\n#ifdef X\n#endif junk\n",
        ),
    ];
    let tu = pp::run(&files);
    let system: Vec<String> = tu
        .provenance
        .files
        .iter()
        .filter(|f| f.system)
        .map(|f| f.path.display().to_string())
        .collect();
    expect![[r#"
        ["<built-in>", "<built-in>", "<command-line>", "sys/sysdir.h", "pragma.h"]
    "#]]
    .assert_eq(&format!("{system:?}\n"));
    expect![[r#"

        error: own.h:1:1: #endif without #if
    "#]]
    .assert_eq(&output(&files));
}

#[test]
fn if_warns_about_integer_constants_as_gcc_does() {
    // Evaluated or not (as gcc 12: columns 1-based there); a hexadecimal constant is
    // unsigned without a word.
    let src = "#if 18446744073709551616 == 0 && 9223372036854775808 > 0\nyes\n#endif\n\
               #if 1 || 18446744073709551616 || 0xffffffffffffffff\n#endif\n";
    expect![[r#"
        yes
        warning: main.c:1:4: integer constant is too large for its type
        warning: main.c:1:33: integer constant is so large that it is unsigned
        warning: main.c:4:9: integer constant is too large for its type
    "#]]
    .assert_eq(&main_only(src));
}

/// Preprocesses `text` as gcc `major` would (only the version differs from `run`).
fn for_gcc(major: u32, text: &str) -> String {
    use syntax::pp::{MemoryLoader, PpConfig, preprocess, render};
    let config = PpConfig {
        main_file: "main.c".into(),
        gcc_major: major,
        ..PpConfig::default()
    };
    let mut loader = MemoryLoader::new([("main.c", text)]);
    render(&preprocess(&config, &mut loader))
}

/// The feature tests' answers follow the gcc release (as gcc 12, 13, 14 and 15 answer):
/// standard attributes' values went from the C2x drafts' to C23's, a standard attribute named
/// alone is the standard one in `__has_attribute` too, and the builtins come and go.
#[test]
fn feature_tests_by_gcc_version() {
    let src = "__has_c_attribute(nodiscard) __has_c_attribute(__fallthrough__) \
               __has_c_attribute(noreturn) __has_c_attribute(unsequenced) \
               __has_attribute(deprecated) __has_attribute(noreturn) \
               __has_attribute(gnu::maybe_unused) __has_c_attribute(gnu::noreturn) \
               __has_attribute(counted_by) __has_attribute(musttail) \
               __has_builtin(__builtin_clzg) __has_builtin(__builtin_counted_by_ref) \
               __has_builtin(__builtin_ia32_fnclex) __has_builtin(__builtin_va_arg) \
               __has_builtin(__memcpy_chk)\n";
    let got: Vec<String> = [12, 13, 14, 15]
        .iter()
        .map(|&major| format!("{major}: {}", for_gcc(major, src).trim()))
        .collect();
    expect![[r#"
        12: 202003 201904 0 0 201904 1 0 1 0 0 0 0 1 0 1
        13: 202003 201910 202202 0 201904 202202 0 1 0 0 0 0 1 0 1
        14: 202311 202311 202311 0 202311 202311 0 1 0 0 1 0 1 0 1
        15: 202311 202311 202311 202311 202311 202311 0 1 1 1 1 1 0 1 1"#]]
    .assert_eq(&got.join("\n"));
}

/// C23 in the preprocessor (gcc 15's gnu23 against gnu11, as gcc 15.3.0 preprocesses
/// them): digit separators make `1'000` one pp-number, in `#if` too; `true` is 1 in `#if`.
#[test]
fn c23_digit_separators_and_true() {
    use syntax::pp::{MemoryLoader, PpConfig, preprocess, render};
    let src = "#if 1'000 == 1000 && true\nseparated\n#endif\nx = 1'000'000 + 0x1'f;\n";
    let got: Vec<String> = [true, false]
        .iter()
        .map(|&c2x| {
            let config = PpConfig {
                main_file: "main.c".into(),
                gcc_major: 15,
                c2x,
                ..PpConfig::default()
            };
            let mut loader = MemoryLoader::new([("main.c", src)]);
            let tu = preprocess(&config, &mut loader);
            let mut out = render(&tu);
            for d in &tu.diagnostics {
                out.push_str(&format!("{d:?}\n"));
            }
            out
        })
        .collect();
    expect![[r#"
        separated
        x = 1'000'000 + 0x1'f;
        --
        x = 1'000'000 + 0x1'f;
        Diagnostic { severity: Error, message: "missing binary operator before token \"'000 == 1000 && true\"", origin: Some(OriginId(4)), extent: Token, inclusion: Some(InclusionId(2)) }
    "#]].assert_eq(&got.join("--\n"));
}
