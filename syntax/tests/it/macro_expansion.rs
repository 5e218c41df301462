//! Macro expansion rules (C11 6.10.3 and GNU extensions), as gcc applies them.

use expect_test::expect;

use crate::support::pp::main_only;

#[test]
fn object_and_function_like() {
    expect![[r#"
        int x = 1 + 2 * (3);
    "#]]
    .assert_eq(&main_only(
        "#define ONE 1\n#define TWICE(x) 2 * (x)\nint x = ONE + TWICE(3);\n",
    ));
}

#[test]
fn function_like_name_without_arguments_is_not_invoked_but_newlines_do_not_matter() {
    expect![[r#"
        f + (1)
    "#]]
    .assert_eq(&main_only("#define f(x) (x)\nf + f\n\n(1)\n"));
}

#[test]
fn self_reference_is_painted_blue() {
    expect![[r#"
        foo bar (2 * bar(2))
    "#]]
    .assert_eq(&main_only(
        "#define foo foo\n#define bar(x) (2 * bar(x))\nfoo bar bar(2)\n",
    ));
}

/// C11 6.10.3.5 EXAMPLE 3.
#[test]
fn standard_example_3() {
    let src = r#"#define x 3
#define f(a) f(x * (a))
#undef x
#define x 2
#define g f
#define z z[0]
#define h g(~
#define m(a) a(w)
#define w 0,1
#define t(a) a
#define p() int
#define q(x) x
#define r(x,y) x ## y
#define str(x) # x
f(y+1) + f(f(z)) % t(t(g)(0) + t)(1);
g(x+(3,4)-w) | h 5) & m
(f)^m(m);
p() i[q()] = { q(1), r(2,3), r(4,), r(,5), r(,) };
char c[2][6] = { str(hello), str() };
"#;
    expect![[r#"
        f(2 * (y+1)) + f(2 * (f(2 * (z[0])))) % f(2 * (0)) + t(1);
        f(2 * (2 +(3,4)-0,1)) | f(2 * (~ 5)) & f(2 * (0,1))^m(0,1);
        int i[] = { 1, 23, 4, 5, };
        char c[2][6] = { "hello", "" };
    "#]]
    .assert_eq(&main_only(src));
}

/// C11 6.10.3.5 EXAMPLE 4: `#` and `##` with strings and placemarkers.
#[test]
fn standard_example_4() {
    let src = r#"#define str(s) # s
#define xstr(s) str(s)
#define debug(s, t) printf("x" # s "= %d, x" # t "= %s", \
 x ## s, x ## t)
#define INCFILE(n) vers ## n
#define glue(a, b) a ## b
#define xglue(a, b) glue(a, b)
#define HIGHLOW "hello"
#define LOW LOW ", world"
debug(1, 2);
fputs(str(strncmp("abc\0d", "abc", '\4') // this goes away
 == 0) str(: @\n), s);
xstr(INCFILE(2).h)
glue(HIGH, LOW);
xglue(HIGH, LOW)
"#;
    expect![[r#"
        printf("x" "1" "= %d, x" "2" "= %s", x1, x2);
        fputs("strncmp(\"abc\\0d\", \"abc\", '\\4') == 0" ": @\n", s);
        "vers2.h"
        "hello";
        "hello" ", world"
    "#]]
    .assert_eq(&main_only(src));
}

/// C11 6.10.3.5 EXAMPLE 5: empty arguments.
#[test]
fn standard_example_5() {
    let src = "#define t(x,y,z) x ## y ## z\nint j[] = { t(1,2,3), t(,4,5), t(6,,7), t(8,9,),\nt(10,,), t(,11,), t(,,12), t(,,) };\n";
    expect![[r#"
        int j[] = { 123, 45, 67, 89,
        10, 11, 12, };
    "#]]
    .assert_eq(&main_only(src));
}

/// C11 6.10.3.5 EXAMPLE 7: variable arguments.
#[test]
fn standard_example_7() {
    let src = r#"#define debug(...) fprintf(stderr, __VA_ARGS__)
#define showlist(...) puts(#__VA_ARGS__)
#define report(test, ...) ((test)?puts(#test):\
 printf(__VA_ARGS__))
debug("Flag");
debug("X = %d\n", x);
showlist(The first, second, and third items.);
report(x>y, "x is %d but y is %d", x, y);
"#;
    expect![[r#"
        fprintf(stderr, "Flag");
        fprintf(stderr, "X = %d\n", x);
        puts("The first, second, and third items.");
        ((x>y)?puts("x>y"): printf("x is %d but y is %d", x, y));
    "#]]
    .assert_eq(&main_only(src));
}

/// The classic rescanning case: the result of `f(2)` picks up `(9)` from the text after it.
#[test]
fn rescan_continues_into_following_text() {
    expect![[r#"
        2*9*g
    "#]]
    .assert_eq(&main_only("#define f(a) a*g\n#define g(a) f(a)\nf(2)(9)\n"));
}

#[test]
fn arguments_are_expanded_before_substitution_but_not_for_hash_operators() {
    expect![[r#"
        "ONE" 1 ONEtwo
    "#]]
    .assert_eq(&main_only(
        "#define ONE 1\n#define s(x) #x x x ## two\ns(ONE)\n",
    ));
}

#[test]
fn gnu_named_variadic_and_comma_elision() {
    let src = "#define e(fmt, args...) p(fmt , ## args)\n#define v(x, ...) q(x , ## __VA_ARGS__)\n#define only(...) r(0 , ## __VA_ARGS__)\ne(1) e(1,) e(1, 2, 3)\nv(1) v(1,) v(1, 2)\nonly() only(1)\n";
    expect![[r#"
        p(1) p(1 ,) p(1 , 2, 3)
        q(1) q(1 ,) q(1 , 2)
        r(0) r(0 , 1)
    "#]]
    .assert_eq(&main_only(src));
}

#[test]
fn va_opt() {
    let src = "#define F(a, ...) f(a __VA_OPT__(,) __VA_ARGS__)\n#define E\n#define G(x, ...) x ## __VA_OPT__(y ## __VA_ARGS__)\nF(1) F(1, 2) F(1, E) G(a) G(a, b)\n";
    expect![[r#"
        f(1) f(1, 2) f(1 ) a ayb
    "#]]
    .assert_eq(&main_only(src));
}

#[test]
fn paste_forming_an_invalid_token_is_an_error() {
    expect![[r#"
        x / /
        error: main.c:2:12: pasting "/" and "/" does not give a valid preprocessing token
    "#]]
    .assert_eq(&main_only("#define cat(a, b) a ## b\ncat(x,) cat(/, /)\n"));
}

#[test]
fn argument_count_errors() {
    expect![[r#"
        f g
        f
        error: main.c:3:0: macro "f" requires 2 arguments, but only 1 given
        error: main.c:3:5: macro "g" passed 2 arguments, but takes just 1
        error: main.c:4:0: unterminated argument list invoking macro "f"
    "#]]
    .assert_eq(&main_only(
        "#define f(a, b) a\n#define g(a) a\nf(1) g(1, 2)\nf(1,\n",
    ));
}

#[test]
fn directives_inside_arguments_take_effect() {
    expect![[r#"
        d
    "#]]
    .assert_eq(&main_only("#define a(b) b\na(\n#define c d\n)\nc\n"));
}

#[test]
fn dynamic_macros() {
    let src = "__LINE__ __FILE__ __COUNTER__ __COUNTER__ __INCLUDE_LEVEL__\n#define L __LINE__\n#define f(x) L x\nf(\n__LINE__\n)\n__DATE__ __TIME__ __BASE_FILE__ __FILE_NAME__\n";
    expect![[r#"
        1 "main.c" 0 1 0
        4 5
        "Nov 26 2026" "23:11:24" "main.c" "main.c"
    "#]]
    .assert_eq(&main_only(src));
}

#[test]
fn redefinition_warns_unless_identical() {
    expect![[r#"
        2
        warning: main.c:3:8: "A" redefined
    "#]]
    .assert_eq(&main_only("#define A 1\n#define A 1\n#define A 2\nA\n"));
}

#[test]
fn pragma_operator_and_push_pop_macro() {
    let src = "#define X 1\n_Pragma(\"push_macro(\\\"X\\\")\")\n#undef X\n#define X 2\nX\n#pragma pop_macro(\"X\")\nX _Pragma(\"GCC diagnostic push\") y\n";
    expect![[r#"
        2
        1
        #pragma GCC diagnostic push
        y
    "#]]
    .assert_eq(&main_only(src));
}

#[test]
fn conditionals_inside_arguments_expand_their_macros() {
    let src = "#define ENABLED(x) x\n#define ON 1\n#define WRAP(a) [a]\nWRAP(\n#if ENABLED(ON)\nyes\n#else\nno\n#endif\n)\n";
    expect![[r#"
        [yes]
    "#]]
    .assert_eq(&main_only(src));
}

/// `A0 x`, `A1 A0 A0`, ... `A{levels}`: an expansion of 2^levels tokens.
fn doubling_chain(levels: u32) -> String {
    let mut src = String::from("#define A0 x\n");
    for i in 1..=levels {
        src.push_str(&format!("#define A{i} A{} A{}\n", i - 1, i - 1));
    }
    src
}

/// The number of tokens out and the last three, and the diagnostics of preprocessing
/// `main.c` under `limits` (`line:col: message`, 1-based lines, 0-based columns).
fn limited(src: &str, limits: syntax::pp::Limits) -> String {
    limited_files(&[("main.c", src)], limits)
}

/// The same for a TU of several files (the first is the main file); places in other files
/// than the main one are prefixed with their path.
fn limited_files(files: &[(&str, &str)], limits: syntax::pp::Limits) -> String {
    let config = syntax::pp::PpConfig {
        main_file: files[0].0.into(),
        gcc_major: 12,
        limits,
        ..syntax::pp::PpConfig::default()
    };
    let mut loader = syntax::pp::MemoryLoader::new(files.iter().copied());
    let tu = syntax::pp::preprocess(&config, &mut loader);
    let last = tu.tokens.len().saturating_sub(3);
    let tail: Vec<&str> = tu.tokens[last..].iter().map(|t| tu.spelling(t)).collect();
    let mut out = format!("{} tokens, ending {}\n", tu.tokens.len(), tail.join(" "));
    for d in &tu.diagnostics {
        let place = d.origin.map_or(String::new(), |origin| {
            let (file, start, _) = tu.provenance.expansion_point(origin);
            let (line, col) = tu.files[file.0 as usize].line_col(start);
            let path = tu.provenance.file(file).path.display().to_string();
            if path == files[0].0 {
                format!("{line}:{col}: ")
            } else {
                format!("{path}:{line}:{col}: ")
            }
        });
        out.push_str(&format!("{place}{}\n", d.message));
    }
    out
}

#[test]
fn an_expansion_beyond_the_bound_is_an_error_at_its_invocation() {
    // 2^30 tokens would take gigabytes: the default bound stops the expansion, quickly, and
    // the rest of the file is preprocessed.
    let src = format!("{}int before;\nA30\nint after;\n", doubling_chain(30));
    expect![[r#"
        11184806 tokens, ending int after ;
        33:0: macro expansion too large: more than 33554432 tokens from one invocation
    "#]]
    .assert_eq(&limited(&src, syntax::pp::Limits::default()));
}

#[test]
fn expansions_within_the_bound_are_whole() {
    // A10 makes 2 + 4 + ... + 1024 tokens of A9 to A0, and 1024 of x: 3070 in all.
    let src = format!("{}A10\n", doubling_chain(10));
    let limits = syntax::pp::Limits {
        expansion_tokens: 3070,
        ..syntax::pp::Limits::default()
    };
    expect![[r#"
        1024 tokens, ending x x x
    "#]]
    .assert_eq(&limited(&src, limits));
    let limits = syntax::pp::Limits {
        expansion_tokens: 3069,
        ..syntax::pp::Limits::default()
    };
    expect![[r#"
        1023 tokens, ending x x x
        12:0: macro expansion too large: more than 3069 tokens from one invocation
    "#]]
    .assert_eq(&limited(&src, limits));
}

#[test]
fn a_translation_unit_beyond_the_bound_is_an_error_where_it_overflows() {
    let src = format!("{}A4 A4\nA4 A4\nint after;\n", doubling_chain(4));
    let limits = syntax::pp::Limits {
        tu_tokens: 40,
        ..syntax::pp::Limits::default()
    };
    expect![[r#"
        40 tokens, ending x x x
        7:0: preprocessed translation unit too large: more than 40 tokens
    "#]]
    .assert_eq(&limited(&src, limits));
}

#[test]
fn an_argument_used_many_times_is_bounded_as_it_is_substituted() {
    // Each level substitutes its argument 64 times: 64^5 = 2^30 tokens, the last level's
    // result a thousand times the bound, which is not built.
    let uses = vec!["x"; 64].join(" ");
    let src = format!("#define D(x) {uses}\nD(D(D(D(D(y)))))\nint after;\n");
    let limits = syntax::pp::Limits {
        expansion_tokens: 1 << 20,
        ..syntax::pp::Limits::default()
    };
    expect![[r#"
        3 tokens, ending int after ;
        2:0: macro expansion too large: more than 1048576 tokens from one invocation
    "#]]
    .assert_eq(&limited(&src, limits));
}

#[test]
fn a_header_including_itself_twice_ends_at_the_bound_on_inclusions() {
    // Found by fuzzing: without a guard, each entry of h.h enters it twice more, 2^200 files
    // before the nesting limit stops each chain (gcc takes forever too). The default bound
    // on the files entered ends it, quickly, with an error where it is reached.
    let header = "#include \"h.h\"\n#include \"h.h\"\nint h;\n";
    let files = [
        ("main.c", "int before;\n#include \"h.h\"\nint after;\n"),
        ("h.h", header),
    ];
    let start = std::time::Instant::now();
    let out = limited_files(&files, syntax::pp::Limits::default());
    let elapsed = start.elapsed();
    // Every chain that reaches the nesting limit says so, as with gcc; the last error is
    // the bound's.
    let depth_errors = (out.lines())
        .filter(|l| l.ends_with("#include nested depth 200 exceeds maximum of 200"))
        .count();
    let rest: Vec<&str> = (out.lines())
        .filter(|l| !l.ends_with("#include nested depth 200 exceeds maximum of 200"))
        .collect();
    expect![[r#"
        [
            "196008 tokens, ending int h ;",
            "h.h:1:9: too many inclusions: more than 65536 files entered by #include",
        ]
    "#]]
    .assert_debug_eq(&rest);
    assert!(depth_errors < 1 << 16, "{depth_errors} nesting errors");
    assert!(elapsed.as_secs() < 30, "took {elapsed:?}");
}

#[test]
fn included_files_are_bounded_in_tokens_even_when_skipped() {
    // Each entry of h.h reads its skipped group but outputs nothing: the bound on the tokens
    // of the files entered stops what the bound on the output cannot.
    let header = "#include \"h.h\"\n#include \"h.h\"\n#if 0\na b c d e f g h\n#endif\n";
    let files = [
        ("main.c", "int before;\n#include \"h.h\"\nint after;\n"),
        ("h.h", header),
    ];
    let limits = syntax::pp::Limits {
        included_tokens: 1000,
        ..syntax::pp::Limits::default()
    };
    expect![[r#"
        3 tokens, ending int before ;
        h.h:1:9: included files too large: more than 1000 tokens in the files entered by #include
    "#]]
    .assert_eq(&limited_files(&files, limits));
}
