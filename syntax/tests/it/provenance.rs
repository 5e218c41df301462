//! Every output token knows where it came from: a file range, or the macro expansion that made
//! it, recursively; and the include tree and conditional groups are recorded.

use expect_test::{Expect, expect};
use syntax::pp::dump::dump;

use crate::support::pp::run;

fn check(files: &[(&str, &str)], expect: Expect) {
    expect.assert_eq(&dump(&run(files)));
}

#[test]
fn nested_expansion_and_arguments_holding_macros() {
    check(
        &[(
            "main.c",
            "#define ONE 1\n#define ID(x) x\n#define WRAP(y) [ID(y)]\nWRAP(ONE)\n",
        )],
        expect![[r#"
            [            body(main.c:3:16) of WRAP@main.c:4:0
            1            arg0(arg0(body(main.c:1:12) of ONE@main.c:4:5) of WRAP@main.c:4:0) of ID@body(main.c:3:17) of WRAP@main.c:4:0
            ]            body(main.c:3:22) of WRAP@main.c:4:0
        "#]],
    );
}

#[test]
fn stringify_and_paste() {
    check(
        &[(
            "main.c",
            "#define S(x) #x\n#define P(a, b) a ## b\nS(a + b) P(x, 1)\n",
        )],
        expect![[r#"
            "a + b"      #arg0 of S@main.c:3:0
            x1           paste(arg0(main.c:3:11) of P@main.c:3:9 ## arg1(main.c:3:14) of P@main.c:3:9) of P@main.c:3:9
        "#]],
    );
}

#[test]
fn va_opt_tokens_come_from_the_body() {
    check(
        &[(
            "main.c",
            "#define F(a, ...) f(a __VA_OPT__(,) __VA_ARGS__)\nF(1, 2)\n",
        )],
        expect![[r#"
            f            body(main.c:1:18) of F@main.c:2:0
            (            body(main.c:1:19) of F@main.c:2:0
            1            arg0(main.c:2:2) of F@main.c:2:0
            ,            body(main.c:1:33) of F@main.c:2:0
            2            arg1(main.c:2:5) of F@main.c:2:0
            )            body(main.c:1:47) of F@main.c:2:0
        "#]],
    );
}

#[test]
fn includes_and_conditional_groups() {
    check(
        &[
            (
                "main.c",
                "#include \"a.h\"\n#if 0\nno\n#elif 1\nyes\n#else\nno\n#endif\n",
            ),
            ("a.h", "#ifdef X\n#endif\n"),
        ],
        expect![[r#"
            yes          main.c:5:0
            include "a.h" (Include) at main.c:1:0 -> a.h
            group at a.h:1:0 skipped
            group at main.c:2:0 skipped
            group at main.c:4:0 taken
            group at main.c:6:0 skipped
        "#]],
    );
}
