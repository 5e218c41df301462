//! What gcc does with unusual source text: a byte-order mark, null characters, comments left
//! open, identifiers with extended characters (UTF-8 or UCNs). Diagnostics are
//! `file:line:column` with 0-based byte columns.

use expect_test::expect;

use crate::support::pp::main_only;

#[test]
fn a_byte_order_mark_is_skipped() {
    expect![[r#"
        int x = 1;
        error: main.c:2:1: #error columns count from after the mark
    "#]]
    .assert_eq(&main_only(
        "\u{feff}int x = 1;\n#error columns count from after the mark\n",
    ));
}

#[test]
fn null_characters_are_whitespace_with_a_warning() {
    // gcc: one warning for each run of whitespace holding null characters, at its start (in
    // skipped groups too); one for each literal holding some, which keeps them.
    expect![[r#"
        int a b = 1;
        const char *s = "x<NUL>y";
        warning: main.c:1:5: null character(s) ignored
        warning: main.c:1:8: null character(s) ignored
        warning: main.c:2:16: null character(s) preserved in literal
        warning: main.c:4:1: null character(s) ignored
    "#]]
    .assert_eq(
        &main_only("int a \0b\0\0 = 1;\nconst char *s = \"x\0y\";\n#if 0\nx \0 y\n#endif\n")
            .replace('\0', "<NUL>"),
    );
}

#[test]
fn an_unterminated_comment_is_an_error_at_its_opening() {
    expect![[r#"
        int a;
        int
        error: main.c:2:4: unterminated comment
    "#]]
    .assert_eq(&main_only("int a;\nint /* open\nint b;\n"));
}

#[test]
fn an_unterminated_comment_in_a_skipped_group_is_an_error_too() {
    expect![[r#"

        error: main.c:2:0: unterminated comment
        error: main.c:1:0: unterminated #if
    "#]]
    .assert_eq(&main_only("#if 0\n/* open\n"));
}

#[test]
fn ucns_and_utf8_spell_one_identifier() {
    // As `gcc -E -P` prints them: identifiers with their extended characters as UCNs,
    // stringified ones as written.
    expect![[r#"
        int \U000000e9t\U000000e9 = 2 + 2;
        const char *s = "\u00e9 é";
        int \U000000e9\U000000e9;
    "#]]
    .assert_eq(&main_only(
        "#define \\u00e9 2\n\
         int été = é + \\U000000e9;\n\
         #define S(x) #x\n\
         const char *s = S(\\u00e9 é);\n\
         #define CAT(a, b) a ## b\n\
         int CAT(\\u00e9, é);\n",
    ));
}
