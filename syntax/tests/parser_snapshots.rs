//! Snapshots of syntax trees, one small case per construct (`UPDATE_EXPECT=1 cargo test` updates
//! them). Every case also checks that the tree's text is the input's text.

mod parser;

use expect_test::{Expect, expect};

fn check(text: &str, expect: Expect) {
    let parse = parser::parse_text(text);
    assert_eq!(
        parse.tree_text(),
        text,
        "the tree must hold the input exactly"
    );
    expect.assert_eq(&parser::dump(text));
}

// Typedef names (the "lexer hack").

#[test]
fn typedef_name_makes_a_declaration() {
    check(
        "typedef int T;\nvoid f(void) { T * x; }",
        expect![[r#"
        TRANSLATION_UNIT@0..38
          DECLARATION@0..14
            DECL_SPECS@0..11
              TYPEDEF_KW@0..7 "typedef"
              WHITESPACE@7..8 " "
              INT_KW@8..11 "int"
            WHITESPACE@11..12 " "
            INIT_DECLARATOR@12..13
              NAME@12..13
                IDENT@12..13 "T"
            SEMICOLON@13..14 ";"
          NEWLINE@14..15 "\n"
          FUNCTION_DEF@15..38
            DECL_SPECS@15..19
              VOID_KW@15..19 "void"
            WHITESPACE@19..20 " "
            FN_DECLARATOR@20..27
              NAME@20..21
                IDENT@20..21 "f"
              PARAM_LIST@21..27
                L_PAREN@21..22 "("
                PARAM_DECL@22..26
                  DECL_SPECS@22..26
                    VOID_KW@22..26 "void"
                R_PAREN@26..27 ")"
            WHITESPACE@27..28 " "
            COMPOUND_STMT@28..38
              L_CURLY@28..29 "{"
              WHITESPACE@29..30 " "
              DECLARATION@30..36
                DECL_SPECS@30..31
                  TYPEDEF_NAME@30..31
                    IDENT@30..31 "T"
                WHITESPACE@31..32 " "
                INIT_DECLARATOR@32..35
                  POINTER_DECLARATOR@32..35
                    STAR@32..33 "*"
                    WHITESPACE@33..34 " "
                    NAME@34..35
                      IDENT@34..35 "x"
                SEMICOLON@35..36 ";"
              WHITESPACE@36..37 " "
              R_CURLY@37..38 "}"
    "#]],
    );
}

#[test]
fn ordinary_identifier_makes_an_expression() {
    check(
        "int T, x;\nvoid f(void) { T * x; }",
        expect![[r#"
        TRANSLATION_UNIT@0..33
          DECLARATION@0..9
            DECL_SPECS@0..3
              INT_KW@0..3 "int"
            WHITESPACE@3..4 " "
            INIT_DECLARATOR@4..5
              NAME@4..5
                IDENT@4..5 "T"
            COMMA@5..6 ","
            WHITESPACE@6..7 " "
            INIT_DECLARATOR@7..8
              NAME@7..8
                IDENT@7..8 "x"
            SEMICOLON@8..9 ";"
          NEWLINE@9..10 "\n"
          FUNCTION_DEF@10..33
            DECL_SPECS@10..14
              VOID_KW@10..14 "void"
            WHITESPACE@14..15 " "
            FN_DECLARATOR@15..22
              NAME@15..16
                IDENT@15..16 "f"
              PARAM_LIST@16..22
                L_PAREN@16..17 "("
                PARAM_DECL@17..21
                  DECL_SPECS@17..21
                    VOID_KW@17..21 "void"
                R_PAREN@21..22 ")"
            WHITESPACE@22..23 " "
            COMPOUND_STMT@23..33
              L_CURLY@23..24 "{"
              WHITESPACE@24..25 " "
              EXPR_STMT@25..31
                BIN_EXPR@25..30
                  IDENT_EXPR@25..26
                    IDENT@25..26 "T"
                  WHITESPACE@26..27 " "
                  STAR@27..28 "*"
                  WHITESPACE@28..29 " "
                  IDENT_EXPR@29..30
                    IDENT@29..30 "x"
                SEMICOLON@30..31 ";"
              WHITESPACE@31..32 " "
              R_CURLY@32..33 "}"
    "#]],
    );
}

#[test]
fn inner_declaration_hides_a_typedef() {
    check(
        "typedef int T;\nvoid f(void) { int T; T * x; }",
        expect![[r#"
        TRANSLATION_UNIT@0..45
          DECLARATION@0..14
            DECL_SPECS@0..11
              TYPEDEF_KW@0..7 "typedef"
              WHITESPACE@7..8 " "
              INT_KW@8..11 "int"
            WHITESPACE@11..12 " "
            INIT_DECLARATOR@12..13
              NAME@12..13
                IDENT@12..13 "T"
            SEMICOLON@13..14 ";"
          NEWLINE@14..15 "\n"
          FUNCTION_DEF@15..45
            DECL_SPECS@15..19
              VOID_KW@15..19 "void"
            WHITESPACE@19..20 " "
            FN_DECLARATOR@20..27
              NAME@20..21
                IDENT@20..21 "f"
              PARAM_LIST@21..27
                L_PAREN@21..22 "("
                PARAM_DECL@22..26
                  DECL_SPECS@22..26
                    VOID_KW@22..26 "void"
                R_PAREN@26..27 ")"
            WHITESPACE@27..28 " "
            COMPOUND_STMT@28..45
              L_CURLY@28..29 "{"
              WHITESPACE@29..30 " "
              DECLARATION@30..36
                DECL_SPECS@30..33
                  INT_KW@30..33 "int"
                WHITESPACE@33..34 " "
                INIT_DECLARATOR@34..35
                  NAME@34..35
                    IDENT@34..35 "T"
                SEMICOLON@35..36 ";"
              WHITESPACE@36..37 " "
              EXPR_STMT@37..43
                BIN_EXPR@37..42
                  IDENT_EXPR@37..38
                    IDENT@37..38 "T"
                  WHITESPACE@38..39 " "
                  STAR@39..40 "*"
                  WHITESPACE@40..41 " "
                  IDENT_EXPR@41..42
                    IDENT@41..42 "x"
                SEMICOLON@42..43 ";"
              WHITESPACE@43..44 " "
              R_CURLY@44..45 "}"
    "#]],
    );
}

#[test]
fn typedef_name_as_parameter_name() {
    check(
        "typedef int T;\nvoid f(T T);\nT y;",
        expect![[r#"
        TRANSLATION_UNIT@0..32
          DECLARATION@0..14
            DECL_SPECS@0..11
              TYPEDEF_KW@0..7 "typedef"
              WHITESPACE@7..8 " "
              INT_KW@8..11 "int"
            WHITESPACE@11..12 " "
            INIT_DECLARATOR@12..13
              NAME@12..13
                IDENT@12..13 "T"
            SEMICOLON@13..14 ";"
          NEWLINE@14..15 "\n"
          DECLARATION@15..27
            DECL_SPECS@15..19
              VOID_KW@15..19 "void"
            WHITESPACE@19..20 " "
            INIT_DECLARATOR@20..26
              FN_DECLARATOR@20..26
                NAME@20..21
                  IDENT@20..21 "f"
                PARAM_LIST@21..26
                  L_PAREN@21..22 "("
                  PARAM_DECL@22..25
                    DECL_SPECS@22..23
                      TYPEDEF_NAME@22..23
                        IDENT@22..23 "T"
                    WHITESPACE@23..24 " "
                    NAME@24..25
                      IDENT@24..25 "T"
                  R_PAREN@25..26 ")"
            SEMICOLON@26..27 ";"
          NEWLINE@27..28 "\n"
          DECLARATION@28..32
            DECL_SPECS@28..29
              TYPEDEF_NAME@28..29
                IDENT@28..29 "T"
            WHITESPACE@29..30 " "
            INIT_DECLARATOR@30..31
              NAME@30..31
                IDENT@30..31 "y"
            SEMICOLON@31..32 ";"
    "#]],
    );
}

#[test]
fn parameter_hides_typedef_in_body() {
    check(
        "typedef int T;\nint f(int T) { return T * 2; }",
        expect![[r#"
        TRANSLATION_UNIT@0..45
          DECLARATION@0..14
            DECL_SPECS@0..11
              TYPEDEF_KW@0..7 "typedef"
              WHITESPACE@7..8 " "
              INT_KW@8..11 "int"
            WHITESPACE@11..12 " "
            INIT_DECLARATOR@12..13
              NAME@12..13
                IDENT@12..13 "T"
            SEMICOLON@13..14 ";"
          NEWLINE@14..15 "\n"
          FUNCTION_DEF@15..45
            DECL_SPECS@15..18
              INT_KW@15..18 "int"
            WHITESPACE@18..19 " "
            FN_DECLARATOR@19..27
              NAME@19..20
                IDENT@19..20 "f"
              PARAM_LIST@20..27
                L_PAREN@20..21 "("
                PARAM_DECL@21..26
                  DECL_SPECS@21..24
                    INT_KW@21..24 "int"
                  WHITESPACE@24..25 " "
                  NAME@25..26
                    IDENT@25..26 "T"
                R_PAREN@26..27 ")"
            WHITESPACE@27..28 " "
            COMPOUND_STMT@28..45
              L_CURLY@28..29 "{"
              WHITESPACE@29..30 " "
              RETURN_STMT@30..43
                RETURN_KW@30..36 "return"
                WHITESPACE@36..37 " "
                BIN_EXPR@37..42
                  IDENT_EXPR@37..38
                    IDENT@37..38 "T"
                  WHITESPACE@38..39 " "
                  STAR@39..40 "*"
                  WHITESPACE@40..41 " "
                  LITERAL@41..42
                    NUMBER@41..42 "2"
                SEMICOLON@42..43 ";"
              WHITESPACE@43..44 " "
              R_CURLY@44..45 "}"
    "#]],
    );
}

#[test]
fn typedef_name_as_member_and_label() {
    check(
        "typedef int T;\nstruct S { T T; };\nvoid f(void) { T: goto T; }",
        expect![[r#"
        TRANSLATION_UNIT@0..61
          DECLARATION@0..14
            DECL_SPECS@0..11
              TYPEDEF_KW@0..7 "typedef"
              WHITESPACE@7..8 " "
              INT_KW@8..11 "int"
            WHITESPACE@11..12 " "
            INIT_DECLARATOR@12..13
              NAME@12..13
                IDENT@12..13 "T"
            SEMICOLON@13..14 ";"
          NEWLINE@14..15 "\n"
          DECLARATION@15..33
            DECL_SPECS@15..32
              STRUCT_SPEC@15..32
                STRUCT_KW@15..21 "struct"
                WHITESPACE@21..22 " "
                NAME@22..23
                  IDENT@22..23 "S"
                WHITESPACE@23..24 " "
                MEMBER_LIST@24..32
                  L_CURLY@24..25 "{"
                  WHITESPACE@25..26 " "
                  MEMBER_DECL@26..30
                    DECL_SPECS@26..27
                      TYPEDEF_NAME@26..27
                        IDENT@26..27 "T"
                    WHITESPACE@27..28 " "
                    MEMBER_DECLARATOR@28..29
                      NAME@28..29
                        IDENT@28..29 "T"
                    SEMICOLON@29..30 ";"
                  WHITESPACE@30..31 " "
                  R_CURLY@31..32 "}"
            SEMICOLON@32..33 ";"
          NEWLINE@33..34 "\n"
          FUNCTION_DEF@34..61
            DECL_SPECS@34..38
              VOID_KW@34..38 "void"
            WHITESPACE@38..39 " "
            FN_DECLARATOR@39..46
              NAME@39..40
                IDENT@39..40 "f"
              PARAM_LIST@40..46
                L_PAREN@40..41 "("
                PARAM_DECL@41..45
                  DECL_SPECS@41..45
                    VOID_KW@41..45 "void"
                R_PAREN@45..46 ")"
            WHITESPACE@46..47 " "
            COMPOUND_STMT@47..61
              L_CURLY@47..48 "{"
              WHITESPACE@48..49 " "
              LABELED_STMT@49..59
                NAME@49..50
                  IDENT@49..50 "T"
                COLON@50..51 ":"
                WHITESPACE@51..52 " "
                GOTO_STMT@52..59
                  GOTO_KW@52..56 "goto"
                  WHITESPACE@56..57 " "
                  NAME_REF@57..58
                    IDENT@57..58 "T"
                  SEMICOLON@58..59 ";"
              WHITESPACE@59..60 " "
              R_CURLY@60..61 "}"
    "#]],
    );
}

#[test]
fn enumerator_hides_typedef() {
    check(
        "typedef int T;\nvoid f(void) { enum { T }; T * 2; }",
        expect![[r#"
        TRANSLATION_UNIT@0..50
          DECLARATION@0..14
            DECL_SPECS@0..11
              TYPEDEF_KW@0..7 "typedef"
              WHITESPACE@7..8 " "
              INT_KW@8..11 "int"
            WHITESPACE@11..12 " "
            INIT_DECLARATOR@12..13
              NAME@12..13
                IDENT@12..13 "T"
            SEMICOLON@13..14 ";"
          NEWLINE@14..15 "\n"
          FUNCTION_DEF@15..50
            DECL_SPECS@15..19
              VOID_KW@15..19 "void"
            WHITESPACE@19..20 " "
            FN_DECLARATOR@20..27
              NAME@20..21
                IDENT@20..21 "f"
              PARAM_LIST@21..27
                L_PAREN@21..22 "("
                PARAM_DECL@22..26
                  DECL_SPECS@22..26
                    VOID_KW@22..26 "void"
                R_PAREN@26..27 ")"
            WHITESPACE@27..28 " "
            COMPOUND_STMT@28..50
              L_CURLY@28..29 "{"
              WHITESPACE@29..30 " "
              DECLARATION@30..41
                DECL_SPECS@30..40
                  ENUM_SPEC@30..40
                    ENUM_KW@30..34 "enum"
                    WHITESPACE@34..35 " "
                    ENUMERATOR_LIST@35..40
                      L_CURLY@35..36 "{"
                      WHITESPACE@36..37 " "
                      ENUMERATOR@37..38
                        NAME@37..38
                          IDENT@37..38 "T"
                      WHITESPACE@38..39 " "
                      R_CURLY@39..40 "}"
                SEMICOLON@40..41 ";"
              WHITESPACE@41..42 " "
              EXPR_STMT@42..48
                BIN_EXPR@42..47
                  IDENT_EXPR@42..43
                    IDENT@42..43 "T"
                  WHITESPACE@43..44 " "
                  STAR@44..45 "*"
                  WHITESPACE@45..46 " "
                  LITERAL@46..47
                    NUMBER@46..47 "2"
                SEMICOLON@47..48 ";"
              WHITESPACE@48..49 " "
              R_CURLY@49..50 "}"
    "#]],
    );
}

#[test]
fn block_scope_typedef_ends_with_block() {
    check(
        "void f(void) { { typedef int U; U u; } U * v; }",
        expect![[r#"
        TRANSLATION_UNIT@0..47
          FUNCTION_DEF@0..47
            DECL_SPECS@0..4
              VOID_KW@0..4 "void"
            WHITESPACE@4..5 " "
            FN_DECLARATOR@5..12
              NAME@5..6
                IDENT@5..6 "f"
              PARAM_LIST@6..12
                L_PAREN@6..7 "("
                PARAM_DECL@7..11
                  DECL_SPECS@7..11
                    VOID_KW@7..11 "void"
                R_PAREN@11..12 ")"
            WHITESPACE@12..13 " "
            COMPOUND_STMT@13..47
              L_CURLY@13..14 "{"
              WHITESPACE@14..15 " "
              COMPOUND_STMT@15..38
                L_CURLY@15..16 "{"
                WHITESPACE@16..17 " "
                DECLARATION@17..31
                  DECL_SPECS@17..28
                    TYPEDEF_KW@17..24 "typedef"
                    WHITESPACE@24..25 " "
                    INT_KW@25..28 "int"
                  WHITESPACE@28..29 " "
                  INIT_DECLARATOR@29..30
                    NAME@29..30
                      IDENT@29..30 "U"
                  SEMICOLON@30..31 ";"
                WHITESPACE@31..32 " "
                DECLARATION@32..36
                  DECL_SPECS@32..33
                    TYPEDEF_NAME@32..33
                      IDENT@32..33 "U"
                  WHITESPACE@33..34 " "
                  INIT_DECLARATOR@34..35
                    NAME@34..35
                      IDENT@34..35 "u"
                  SEMICOLON@35..36 ";"
                WHITESPACE@36..37 " "
                R_CURLY@37..38 "}"
              WHITESPACE@38..39 " "
              EXPR_STMT@39..45
                BIN_EXPR@39..44
                  IDENT_EXPR@39..40
                    IDENT@39..40 "U"
                  WHITESPACE@40..41 " "
                  STAR@41..42 "*"
                  WHITESPACE@42..43 " "
                  IDENT_EXPR@43..44
                    IDENT@43..44 "v"
                SEMICOLON@44..45 ";"
              WHITESPACE@45..46 " "
              R_CURLY@46..47 "}"
    "#]],
    );
}

#[test]
fn typeof_and_auto_type() {
    check(
        "typeof(int *) p; __typeof__(p) q; __auto_type r = q;",
        expect![[r#"
        TRANSLATION_UNIT@0..52
          DECLARATION@0..16
            DECL_SPECS@0..13
              TYPEOF_SPEC@0..13
                TYPEOF_KW@0..6 "typeof"
                L_PAREN@6..7 "("
                TYPE_NAME@7..12
                  DECL_SPECS@7..10
                    INT_KW@7..10 "int"
                  WHITESPACE@10..11 " "
                  POINTER_DECLARATOR@11..12
                    STAR@11..12 "*"
                R_PAREN@12..13 ")"
            WHITESPACE@13..14 " "
            INIT_DECLARATOR@14..15
              NAME@14..15
                IDENT@14..15 "p"
            SEMICOLON@15..16 ";"
          WHITESPACE@16..17 " "
          DECLARATION@17..33
            DECL_SPECS@17..30
              TYPEOF_SPEC@17..30
                TYPEOF_KW@17..27 "__typeof__"
                L_PAREN@27..28 "("
                IDENT_EXPR@28..29
                  IDENT@28..29 "p"
                R_PAREN@29..30 ")"
            WHITESPACE@30..31 " "
            INIT_DECLARATOR@31..32
              NAME@31..32
                IDENT@31..32 "q"
            SEMICOLON@32..33 ";"
          WHITESPACE@33..34 " "
          DECLARATION@34..52
            DECL_SPECS@34..45
              AUTO_TYPE_KW@34..45 "__auto_type"
            WHITESPACE@45..46 " "
            INIT_DECLARATOR@46..51
              NAME@46..47
                IDENT@46..47 "r"
              WHITESPACE@47..48 " "
              EQ@48..49 "="
              WHITESPACE@49..50 " "
              IDENT_EXPR@50..51
                IDENT@50..51 "q"
            SEMICOLON@51..52 ";"
    "#]],
    );
}

// Declarations and declarators.

#[test]
fn declarator_shapes() {
    check(
        "int *a[3], (*f)(int, char *), **const p, b[];",
        expect![[r#"
        TRANSLATION_UNIT@0..45
          DECLARATION@0..45
            DECL_SPECS@0..3
              INT_KW@0..3 "int"
            WHITESPACE@3..4 " "
            INIT_DECLARATOR@4..9
              POINTER_DECLARATOR@4..9
                STAR@4..5 "*"
                ARRAY_DECLARATOR@5..9
                  NAME@5..6
                    IDENT@5..6 "a"
                  L_BRACK@6..7 "["
                  LITERAL@7..8
                    NUMBER@7..8 "3"
                  R_BRACK@8..9 "]"
            COMMA@9..10 ","
            WHITESPACE@10..11 " "
            INIT_DECLARATOR@11..28
              FN_DECLARATOR@11..28
                PAREN_DECLARATOR@11..15
                  L_PAREN@11..12 "("
                  POINTER_DECLARATOR@12..14
                    STAR@12..13 "*"
                    NAME@13..14
                      IDENT@13..14 "f"
                  R_PAREN@14..15 ")"
                PARAM_LIST@15..28
                  L_PAREN@15..16 "("
                  PARAM_DECL@16..19
                    DECL_SPECS@16..19
                      INT_KW@16..19 "int"
                  COMMA@19..20 ","
                  WHITESPACE@20..21 " "
                  PARAM_DECL@21..27
                    DECL_SPECS@21..25
                      CHAR_KW@21..25 "char"
                    WHITESPACE@25..26 " "
                    POINTER_DECLARATOR@26..27
                      STAR@26..27 "*"
                  R_PAREN@27..28 ")"
            COMMA@28..29 ","
            WHITESPACE@29..30 " "
            INIT_DECLARATOR@30..39
              POINTER_DECLARATOR@30..39
                STAR@30..31 "*"
                POINTER_DECLARATOR@31..39
                  STAR@31..32 "*"
                  CONST_KW@32..37 "const"
                  WHITESPACE@37..38 " "
                  NAME@38..39
                    IDENT@38..39 "p"
            COMMA@39..40 ","
            WHITESPACE@40..41 " "
            INIT_DECLARATOR@41..44
              ARRAY_DECLARATOR@41..44
                NAME@41..42
                  IDENT@41..42 "b"
                L_BRACK@42..43 "["
                R_BRACK@43..44 "]"
            SEMICOLON@44..45 ";"
    "#]],
    );
}

#[test]
fn abstract_declarators_in_parameters() {
    check(
        "void f(int (*)(void), char [], int (int), ...);",
        expect![[r#"
        TRANSLATION_UNIT@0..47
          DECLARATION@0..47
            DECL_SPECS@0..4
              VOID_KW@0..4 "void"
            WHITESPACE@4..5 " "
            INIT_DECLARATOR@5..46
              FN_DECLARATOR@5..46
                NAME@5..6
                  IDENT@5..6 "f"
                PARAM_LIST@6..46
                  L_PAREN@6..7 "("
                  PARAM_DECL@7..20
                    DECL_SPECS@7..10
                      INT_KW@7..10 "int"
                    WHITESPACE@10..11 " "
                    FN_DECLARATOR@11..20
                      PAREN_DECLARATOR@11..14
                        L_PAREN@11..12 "("
                        POINTER_DECLARATOR@12..13
                          STAR@12..13 "*"
                        R_PAREN@13..14 ")"
                      PARAM_LIST@14..20
                        L_PAREN@14..15 "("
                        PARAM_DECL@15..19
                          DECL_SPECS@15..19
                            VOID_KW@15..19 "void"
                        R_PAREN@19..20 ")"
                  COMMA@20..21 ","
                  WHITESPACE@21..22 " "
                  PARAM_DECL@22..29
                    DECL_SPECS@22..26
                      CHAR_KW@22..26 "char"
                    WHITESPACE@26..27 " "
                    ARRAY_DECLARATOR@27..29
                      L_BRACK@27..28 "["
                      R_BRACK@28..29 "]"
                  COMMA@29..30 ","
                  WHITESPACE@30..31 " "
                  PARAM_DECL@31..40
                    DECL_SPECS@31..34
                      INT_KW@31..34 "int"
                    WHITESPACE@34..35 " "
                    FN_DECLARATOR@35..40
                      PARAM_LIST@35..40
                        L_PAREN@35..36 "("
                        PARAM_DECL@36..39
                          DECL_SPECS@36..39
                            INT_KW@36..39 "int"
                        R_PAREN@39..40 ")"
                  COMMA@40..41 ","
                  WHITESPACE@41..42 " "
                  ELLIPSIS@42..45 "..."
                  R_PAREN@45..46 ")"
            SEMICOLON@46..47 ";"
    "#]],
    );
}

#[test]
fn array_declarator_qualifiers() {
    check(
        "void f(int a[static const 3], int b[*], int n, int c[n]);",
        expect![[r#"
        TRANSLATION_UNIT@0..57
          DECLARATION@0..57
            DECL_SPECS@0..4
              VOID_KW@0..4 "void"
            WHITESPACE@4..5 " "
            INIT_DECLARATOR@5..56
              FN_DECLARATOR@5..56
                NAME@5..6
                  IDENT@5..6 "f"
                PARAM_LIST@6..56
                  L_PAREN@6..7 "("
                  PARAM_DECL@7..28
                    DECL_SPECS@7..10
                      INT_KW@7..10 "int"
                    WHITESPACE@10..11 " "
                    ARRAY_DECLARATOR@11..28
                      NAME@11..12
                        IDENT@11..12 "a"
                      L_BRACK@12..13 "["
                      STATIC_KW@13..19 "static"
                      WHITESPACE@19..20 " "
                      CONST_KW@20..25 "const"
                      WHITESPACE@25..26 " "
                      LITERAL@26..27
                        NUMBER@26..27 "3"
                      R_BRACK@27..28 "]"
                  COMMA@28..29 ","
                  WHITESPACE@29..30 " "
                  PARAM_DECL@30..38
                    DECL_SPECS@30..33
                      INT_KW@30..33 "int"
                    WHITESPACE@33..34 " "
                    ARRAY_DECLARATOR@34..38
                      NAME@34..35
                        IDENT@34..35 "b"
                      L_BRACK@35..36 "["
                      STAR@36..37 "*"
                      R_BRACK@37..38 "]"
                  COMMA@38..39 ","
                  WHITESPACE@39..40 " "
                  PARAM_DECL@40..45
                    DECL_SPECS@40..43
                      INT_KW@40..43 "int"
                    WHITESPACE@43..44 " "
                    NAME@44..45
                      IDENT@44..45 "n"
                  COMMA@45..46 ","
                  WHITESPACE@46..47 " "
                  PARAM_DECL@47..55
                    DECL_SPECS@47..50
                      INT_KW@47..50 "int"
                    WHITESPACE@50..51 " "
                    ARRAY_DECLARATOR@51..55
                      NAME@51..52
                        IDENT@51..52 "c"
                      L_BRACK@52..53 "["
                      IDENT_EXPR@53..54
                        IDENT@53..54 "n"
                      R_BRACK@54..55 "]"
                  R_PAREN@55..56 ")"
            SEMICOLON@56..57 ";"
    "#]],
    );
}

#[test]
fn implicit_int() {
    check(
        "static x;\nf() { return 0; }\n*p;",
        expect![[r#"
        TRANSLATION_UNIT@0..31
          DECLARATION@0..9
            DECL_SPECS@0..6
              STATIC_KW@0..6 "static"
            WHITESPACE@6..7 " "
            INIT_DECLARATOR@7..8
              NAME@7..8
                IDENT@7..8 "x"
            SEMICOLON@8..9 ";"
          NEWLINE@9..10 "\n"
          FUNCTION_DEF@10..27
            FN_DECLARATOR@10..13
              NAME@10..11
                IDENT@10..11 "f"
              PARAM_LIST@11..13
                L_PAREN@11..12 "("
                R_PAREN@12..13 ")"
            WHITESPACE@13..14 " "
            COMPOUND_STMT@14..27
              L_CURLY@14..15 "{"
              WHITESPACE@15..16 " "
              RETURN_STMT@16..25
                RETURN_KW@16..22 "return"
                WHITESPACE@22..23 " "
                LITERAL@23..24
                  NUMBER@23..24 "0"
                SEMICOLON@24..25 ";"
              WHITESPACE@25..26 " "
              R_CURLY@26..27 "}"
          NEWLINE@27..28 "\n"
          DECLARATION@28..31
            INIT_DECLARATOR@28..30
              POINTER_DECLARATOR@28..30
                STAR@28..29 "*"
                NAME@29..30
                  IDENT@29..30 "p"
            SEMICOLON@30..31 ";"
    "#]],
    );
}

#[test]
fn kr_function_definition() {
    check(
        "int f(a, b) int a; char *b; { return a; }",
        expect![[r#"
        TRANSLATION_UNIT@0..41
          FUNCTION_DEF@0..41
            DECL_SPECS@0..3
              INT_KW@0..3 "int"
            WHITESPACE@3..4 " "
            FN_DECLARATOR@4..11
              NAME@4..5
                IDENT@4..5 "f"
              PARAM_LIST@5..11
                L_PAREN@5..6 "("
                NAME@6..7
                  IDENT@6..7 "a"
                COMMA@7..8 ","
                WHITESPACE@8..9 " "
                NAME@9..10
                  IDENT@9..10 "b"
                R_PAREN@10..11 ")"
            WHITESPACE@11..12 " "
            DECLARATION@12..18
              DECL_SPECS@12..15
                INT_KW@12..15 "int"
              WHITESPACE@15..16 " "
              INIT_DECLARATOR@16..17
                NAME@16..17
                  IDENT@16..17 "a"
              SEMICOLON@17..18 ";"
            WHITESPACE@18..19 " "
            DECLARATION@19..27
              DECL_SPECS@19..23
                CHAR_KW@19..23 "char"
              WHITESPACE@23..24 " "
              INIT_DECLARATOR@24..26
                POINTER_DECLARATOR@24..26
                  STAR@24..25 "*"
                  NAME@25..26
                    IDENT@25..26 "b"
              SEMICOLON@26..27 ";"
            WHITESPACE@27..28 " "
            COMPOUND_STMT@28..41
              L_CURLY@28..29 "{"
              WHITESPACE@29..30 " "
              RETURN_STMT@30..39
                RETURN_KW@30..36 "return"
                WHITESPACE@36..37 " "
                IDENT_EXPR@37..38
                  IDENT@37..38 "a"
                SEMICOLON@38..39 ";"
              WHITESPACE@39..40 " "
              R_CURLY@40..41 "}"
    "#]],
    );
}

#[test]
fn function_returning_function_pointer() {
    check(
        "int (*g(int a))(char) { return 0; }",
        expect![[r#"
        TRANSLATION_UNIT@0..35
          FUNCTION_DEF@0..35
            DECL_SPECS@0..3
              INT_KW@0..3 "int"
            WHITESPACE@3..4 " "
            FN_DECLARATOR@4..21
              PAREN_DECLARATOR@4..15
                L_PAREN@4..5 "("
                POINTER_DECLARATOR@5..14
                  STAR@5..6 "*"
                  FN_DECLARATOR@6..14
                    NAME@6..7
                      IDENT@6..7 "g"
                    PARAM_LIST@7..14
                      L_PAREN@7..8 "("
                      PARAM_DECL@8..13
                        DECL_SPECS@8..11
                          INT_KW@8..11 "int"
                        WHITESPACE@11..12 " "
                        NAME@12..13
                          IDENT@12..13 "a"
                      R_PAREN@13..14 ")"
                R_PAREN@14..15 ")"
              PARAM_LIST@15..21
                L_PAREN@15..16 "("
                PARAM_DECL@16..20
                  DECL_SPECS@16..20
                    CHAR_KW@16..20 "char"
                R_PAREN@20..21 ")"
            WHITESPACE@21..22 " "
            COMPOUND_STMT@22..35
              L_CURLY@22..23 "{"
              WHITESPACE@23..24 " "
              RETURN_STMT@24..33
                RETURN_KW@24..30 "return"
                WHITESPACE@30..31 " "
                LITERAL@31..32
                  NUMBER@31..32 "0"
                SEMICOLON@32..33 ";"
              WHITESPACE@33..34 " "
              R_CURLY@34..35 "}"
    "#]],
    );
}

#[test]
fn nested_function() {
    check(
        "void f(void) { int g(int x) { return x; } g(1); }",
        expect![[r#"
        TRANSLATION_UNIT@0..49
          FUNCTION_DEF@0..49
            DECL_SPECS@0..4
              VOID_KW@0..4 "void"
            WHITESPACE@4..5 " "
            FN_DECLARATOR@5..12
              NAME@5..6
                IDENT@5..6 "f"
              PARAM_LIST@6..12
                L_PAREN@6..7 "("
                PARAM_DECL@7..11
                  DECL_SPECS@7..11
                    VOID_KW@7..11 "void"
                R_PAREN@11..12 ")"
            WHITESPACE@12..13 " "
            COMPOUND_STMT@13..49
              L_CURLY@13..14 "{"
              WHITESPACE@14..15 " "
              FUNCTION_DEF@15..41
                DECL_SPECS@15..18
                  INT_KW@15..18 "int"
                WHITESPACE@18..19 " "
                FN_DECLARATOR@19..27
                  NAME@19..20
                    IDENT@19..20 "g"
                  PARAM_LIST@20..27
                    L_PAREN@20..21 "("
                    PARAM_DECL@21..26
                      DECL_SPECS@21..24
                        INT_KW@21..24 "int"
                      WHITESPACE@24..25 " "
                      NAME@25..26
                        IDENT@25..26 "x"
                    R_PAREN@26..27 ")"
                WHITESPACE@27..28 " "
                COMPOUND_STMT@28..41
                  L_CURLY@28..29 "{"
                  WHITESPACE@29..30 " "
                  RETURN_STMT@30..39
                    RETURN_KW@30..36 "return"
                    WHITESPACE@36..37 " "
                    IDENT_EXPR@37..38
                      IDENT@37..38 "x"
                    SEMICOLON@38..39 ";"
                  WHITESPACE@39..40 " "
                  R_CURLY@40..41 "}"
              WHITESPACE@41..42 " "
              EXPR_STMT@42..47
                CALL_EXPR@42..46
                  IDENT_EXPR@42..43
                    IDENT@42..43 "g"
                  ARG_LIST@43..46
                    L_PAREN@43..44 "("
                    LITERAL@44..45
                      NUMBER@44..45 "1"
                    R_PAREN@45..46 ")"
                SEMICOLON@46..47 ";"
              WHITESPACE@47..48 " "
              R_CURLY@48..49 "}"
    "#]],
    );
}

#[test]
fn asm_label_and_attributes_after_declarator() {
    check(
        "int x asm(\"y\") __attribute__((unused)) = 1;",
        expect![[r#"
        TRANSLATION_UNIT@0..43
          DECLARATION@0..43
            DECL_SPECS@0..3
              INT_KW@0..3 "int"
            WHITESPACE@3..4 " "
            INIT_DECLARATOR@4..42
              NAME@4..5
                IDENT@4..5 "x"
              WHITESPACE@5..6 " "
              ASM_LABEL@6..14
                ASM_KW@6..9 "asm"
                L_PAREN@9..10 "("
                LITERAL@10..13
                  STRING@10..13 "\"y\""
                R_PAREN@13..14 ")"
              WHITESPACE@14..15 " "
              ATTRIBUTE_SPEC@15..38
                ATTRIBUTE_KW@15..28 "__attribute__"
                L_PAREN@28..29 "("
                L_PAREN@29..30 "("
                ATTRIBUTE@30..36
                  IDENT@30..36 "unused"
                R_PAREN@36..37 ")"
                R_PAREN@37..38 ")"
              WHITESPACE@38..39 " "
              EQ@39..40 "="
              WHITESPACE@40..41 " "
              LITERAL@41..42
                NUMBER@41..42 "1"
            SEMICOLON@42..43 ";"
    "#]],
    );
}

#[test]
fn attributes_before_later_declarator() {
    check(
        "__attribute__((noreturn)) void a(void), __attribute__((cold)) b(void);",
        expect![[r#"
        TRANSLATION_UNIT@0..70
          DECLARATION@0..70
            DECL_SPECS@0..30
              ATTRIBUTE_SPEC@0..25
                ATTRIBUTE_KW@0..13 "__attribute__"
                L_PAREN@13..14 "("
                L_PAREN@14..15 "("
                ATTRIBUTE@15..23
                  IDENT@15..23 "noreturn"
                R_PAREN@23..24 ")"
                R_PAREN@24..25 ")"
              WHITESPACE@25..26 " "
              VOID_KW@26..30 "void"
            WHITESPACE@30..31 " "
            INIT_DECLARATOR@31..38
              FN_DECLARATOR@31..38
                NAME@31..32
                  IDENT@31..32 "a"
                PARAM_LIST@32..38
                  L_PAREN@32..33 "("
                  PARAM_DECL@33..37
                    DECL_SPECS@33..37
                      VOID_KW@33..37 "void"
                  R_PAREN@37..38 ")"
            COMMA@38..39 ","
            WHITESPACE@39..40 " "
            INIT_DECLARATOR@40..69
              ATTRIBUTE_SPEC@40..61
                ATTRIBUTE_KW@40..53 "__attribute__"
                L_PAREN@53..54 "("
                L_PAREN@54..55 "("
                ATTRIBUTE@55..59
                  IDENT@55..59 "cold"
                R_PAREN@59..60 ")"
                R_PAREN@60..61 ")"
              WHITESPACE@61..62 " "
              FN_DECLARATOR@62..69
                NAME@62..63
                  IDENT@62..63 "b"
                PARAM_LIST@63..69
                  L_PAREN@63..64 "("
                  PARAM_DECL@64..68
                    DECL_SPECS@64..68
                      VOID_KW@64..68 "void"
                  R_PAREN@68..69 ")"
            SEMICOLON@69..70 ";"
    "#]],
    );
}

#[test]
fn attributes_between_star_and_qualifiers() {
    check(
        "int * __attribute__((aligned(8))) const p;",
        expect![[r#"
        TRANSLATION_UNIT@0..42
          DECLARATION@0..42
            DECL_SPECS@0..3
              INT_KW@0..3 "int"
            WHITESPACE@3..4 " "
            INIT_DECLARATOR@4..41
              POINTER_DECLARATOR@4..41
                STAR@4..5 "*"
                WHITESPACE@5..6 " "
                ATTRIBUTE_SPEC@6..33
                  ATTRIBUTE_KW@6..19 "__attribute__"
                  L_PAREN@19..20 "("
                  L_PAREN@20..21 "("
                  ATTRIBUTE@21..31
                    IDENT@21..28 "aligned"
                    ATTRIBUTE_ARGS@28..31
                      L_PAREN@28..29 "("
                      LITERAL@29..30
                        NUMBER@29..30 "8"
                      R_PAREN@30..31 ")"
                  R_PAREN@31..32 ")"
                  R_PAREN@32..33 ")"
                WHITESPACE@33..34 " "
                CONST_KW@34..39 "const"
                WHITESPACE@39..40 " "
                NAME@40..41
                  IDENT@40..41 "p"
            SEMICOLON@41..42 ";"
    "#]],
    );
}

#[test]
fn initializers_and_designators() {
    check(
        "int a[] = { [0 ... 2] = 1, [5] 2, 3 };\nstruct S s = { .a.b[2] = 1, c: 2, {} };",
        expect![[r#"
            TRANSLATION_UNIT@0..78
              DECLARATION@0..38
                DECL_SPECS@0..3
                  INT_KW@0..3 "int"
                WHITESPACE@3..4 " "
                INIT_DECLARATOR@4..37
                  ARRAY_DECLARATOR@4..7
                    NAME@4..5
                      IDENT@4..5 "a"
                    L_BRACK@5..6 "["
                    R_BRACK@6..7 "]"
                  WHITESPACE@7..8 " "
                  EQ@8..9 "="
                  WHITESPACE@9..10 " "
                  INIT_LIST@10..37
                    L_CURLY@10..11 "{"
                    WHITESPACE@11..12 " "
                    DESIGNATED_INIT@12..25
                      INDEX_DESIGNATOR@12..21
                        L_BRACK@12..13 "["
                        LITERAL@13..14
                          NUMBER@13..14 "0"
                        WHITESPACE@14..15 " "
                        ELLIPSIS@15..18 "..."
                        WHITESPACE@18..19 " "
                        LITERAL@19..20
                          NUMBER@19..20 "2"
                        R_BRACK@20..21 "]"
                      WHITESPACE@21..22 " "
                      EQ@22..23 "="
                      WHITESPACE@23..24 " "
                      LITERAL@24..25
                        NUMBER@24..25 "1"
                    COMMA@25..26 ","
                    WHITESPACE@26..27 " "
                    DESIGNATED_INIT@27..32
                      INDEX_DESIGNATOR@27..30
                        L_BRACK@27..28 "["
                        LITERAL@28..29
                          NUMBER@28..29 "5"
                        R_BRACK@29..30 "]"
                      WHITESPACE@30..31 " "
                      LITERAL@31..32
                        NUMBER@31..32 "2"
                    COMMA@32..33 ","
                    WHITESPACE@33..34 " "
                    LITERAL@34..35
                      NUMBER@34..35 "3"
                    WHITESPACE@35..36 " "
                    R_CURLY@36..37 "}"
                SEMICOLON@37..38 ";"
              NEWLINE@38..39 "\n"
              DECLARATION@39..78
                DECL_SPECS@39..47
                  STRUCT_SPEC@39..47
                    STRUCT_KW@39..45 "struct"
                    WHITESPACE@45..46 " "
                    NAME@46..47
                      IDENT@46..47 "S"
                WHITESPACE@47..48 " "
                INIT_DECLARATOR@48..77
                  NAME@48..49
                    IDENT@48..49 "s"
                  WHITESPACE@49..50 " "
                  EQ@50..51 "="
                  WHITESPACE@51..52 " "
                  INIT_LIST@52..77
                    L_CURLY@52..53 "{"
                    WHITESPACE@53..54 " "
                    DESIGNATED_INIT@54..65
                      FIELD_DESIGNATOR@54..56
                        DOT@54..55 "."
                        NAME_REF@55..56
                          IDENT@55..56 "a"
                      FIELD_DESIGNATOR@56..58
                        DOT@56..57 "."
                        NAME_REF@57..58
                          IDENT@57..58 "b"
                      INDEX_DESIGNATOR@58..61
                        L_BRACK@58..59 "["
                        LITERAL@59..60
                          NUMBER@59..60 "2"
                        R_BRACK@60..61 "]"
                      WHITESPACE@61..62 " "
                      EQ@62..63 "="
                      WHITESPACE@63..64 " "
                      LITERAL@64..65
                        NUMBER@64..65 "1"
                    COMMA@65..66 ","
                    WHITESPACE@66..67 " "
                    DESIGNATED_INIT@67..71
                      FIELD_DESIGNATOR@67..68
                        NAME_REF@67..68
                          IDENT@67..68 "c"
                      COLON@68..69 ":"
                      WHITESPACE@69..70 " "
                      LITERAL@70..71
                        NUMBER@70..71 "2"
                    COMMA@71..72 ","
                    WHITESPACE@72..73 " "
                    INIT_LIST@73..75
                      L_CURLY@73..74 "{"
                      R_CURLY@74..75 "}"
                    WHITESPACE@75..76 " "
                    R_CURLY@76..77 "}"
                SEMICOLON@77..78 ";"
        "#]],
    );
}

#[test]
fn c11_specifiers() {
    check(
        "_Thread_local _Alignas(16) _Atomic(int) a; _Atomic int b; _Noreturn void c(void);\n\
         _Bool d; _Complex double e; __int128 f; _Float128 g; __float128 h; __bf16 i;",
        expect![[r#"
            TRANSLATION_UNIT@0..158
              DECLARATION@0..42
                DECL_SPECS@0..39
                  THREAD_LOCAL_KW@0..13 "_Thread_local"
                  WHITESPACE@13..14 " "
                  ALIGNAS_SPEC@14..26
                    ALIGNAS_KW@14..22 "_Alignas"
                    L_PAREN@22..23 "("
                    LITERAL@23..25
                      NUMBER@23..25 "16"
                    R_PAREN@25..26 ")"
                  WHITESPACE@26..27 " "
                  ATOMIC_TYPE_SPEC@27..39
                    ATOMIC_KW@27..34 "_Atomic"
                    L_PAREN@34..35 "("
                    TYPE_NAME@35..38
                      DECL_SPECS@35..38
                        INT_KW@35..38 "int"
                    R_PAREN@38..39 ")"
                WHITESPACE@39..40 " "
                INIT_DECLARATOR@40..41
                  NAME@40..41
                    IDENT@40..41 "a"
                SEMICOLON@41..42 ";"
              WHITESPACE@42..43 " "
              DECLARATION@43..57
                DECL_SPECS@43..54
                  ATOMIC_KW@43..50 "_Atomic"
                  WHITESPACE@50..51 " "
                  INT_KW@51..54 "int"
                WHITESPACE@54..55 " "
                INIT_DECLARATOR@55..56
                  NAME@55..56
                    IDENT@55..56 "b"
                SEMICOLON@56..57 ";"
              WHITESPACE@57..58 " "
              DECLARATION@58..81
                DECL_SPECS@58..72
                  NORETURN_KW@58..67 "_Noreturn"
                  WHITESPACE@67..68 " "
                  VOID_KW@68..72 "void"
                WHITESPACE@72..73 " "
                INIT_DECLARATOR@73..80
                  FN_DECLARATOR@73..80
                    NAME@73..74
                      IDENT@73..74 "c"
                    PARAM_LIST@74..80
                      L_PAREN@74..75 "("
                      PARAM_DECL@75..79
                        DECL_SPECS@75..79
                          VOID_KW@75..79 "void"
                      R_PAREN@79..80 ")"
                SEMICOLON@80..81 ";"
              NEWLINE@81..82 "\n"
              DECLARATION@82..90
                DECL_SPECS@82..87
                  BOOL_KW@82..87 "_Bool"
                WHITESPACE@87..88 " "
                INIT_DECLARATOR@88..89
                  NAME@88..89
                    IDENT@88..89 "d"
                SEMICOLON@89..90 ";"
              WHITESPACE@90..91 " "
              DECLARATION@91..109
                DECL_SPECS@91..106
                  COMPLEX_KW@91..99 "_Complex"
                  WHITESPACE@99..100 " "
                  DOUBLE_KW@100..106 "double"
                WHITESPACE@106..107 " "
                INIT_DECLARATOR@107..108
                  NAME@107..108
                    IDENT@107..108 "e"
                SEMICOLON@108..109 ";"
              WHITESPACE@109..110 " "
              DECLARATION@110..121
                DECL_SPECS@110..118
                  INT128_KW@110..118 "__int128"
                WHITESPACE@118..119 " "
                INIT_DECLARATOR@119..120
                  NAME@119..120
                    IDENT@119..120 "f"
                SEMICOLON@120..121 ";"
              WHITESPACE@121..122 " "
              DECLARATION@122..134
                DECL_SPECS@122..131
                  FLOAT128_KW@122..131 "_Float128"
                WHITESPACE@131..132 " "
                INIT_DECLARATOR@132..133
                  NAME@132..133
                    IDENT@132..133 "g"
                SEMICOLON@133..134 ";"
              WHITESPACE@134..135 " "
              DECLARATION@135..148
                DECL_SPECS@135..145
                  GNU_FLOAT128_KW@135..145 "__float128"
                WHITESPACE@145..146 " "
                INIT_DECLARATOR@146..147
                  NAME@146..147
                    IDENT@146..147 "h"
                SEMICOLON@147..148 ";"
              WHITESPACE@148..149 " "
              DECLARATION@149..158
                DECL_SPECS@149..155
                  BF16_KW@149..155 "__bf16"
                WHITESPACE@155..156 " "
                INIT_DECLARATOR@156..157
                  NAME@156..157
                    IDENT@156..157 "i"
                SEMICOLON@157..158 ";"
        "#]],
    );
}

#[test]
fn keyword_spellings() {
    check(
        "__inline__ __signed__ __const volatile __volatile__ __restrict__ __thread int x;\n\
         __extension__ typedef __signed long long s64;",
        expect![[r#"
            TRANSLATION_UNIT@0..126
              DECLARATION@0..80
                DECL_SPECS@0..77
                  INLINE_KW@0..10 "__inline__"
                  WHITESPACE@10..11 " "
                  SIGNED_KW@11..21 "__signed__"
                  WHITESPACE@21..22 " "
                  CONST_KW@22..29 "__const"
                  WHITESPACE@29..30 " "
                  VOLATILE_KW@30..38 "volatile"
                  WHITESPACE@38..39 " "
                  VOLATILE_KW@39..51 "__volatile__"
                  WHITESPACE@51..52 " "
                  RESTRICT_KW@52..64 "__restrict__"
                  WHITESPACE@64..65 " "
                  THREAD_LOCAL_KW@65..73 "__thread"
                  WHITESPACE@73..74 " "
                  INT_KW@74..77 "int"
                WHITESPACE@77..78 " "
                INIT_DECLARATOR@78..79
                  NAME@78..79
                    IDENT@78..79 "x"
                SEMICOLON@79..80 ";"
              NEWLINE@80..81 "\n"
              DECLARATION@81..126
                EXTENSION_KW@81..94 "__extension__"
                WHITESPACE@94..95 " "
                DECL_SPECS@95..121
                  TYPEDEF_KW@95..102 "typedef"
                  WHITESPACE@102..103 " "
                  SIGNED_KW@103..111 "__signed"
                  WHITESPACE@111..112 " "
                  LONG_KW@112..116 "long"
                  WHITESPACE@116..117 " "
                  LONG_KW@117..121 "long"
                WHITESPACE@121..122 " "
                INIT_DECLARATOR@122..125
                  NAME@122..125
                    IDENT@122..125 "s64"
                SEMICOLON@125..126 ";"
        "#]],
    );
}

#[test]
fn named_address_space() {
    check(
        "extern __seg_gs int *p; int __seg_fs *q;",
        expect![[r#"
        TRANSLATION_UNIT@0..40
          DECLARATION@0..23
            DECL_SPECS@0..19
              EXTERN_KW@0..6 "extern"
              WHITESPACE@6..7 " "
              SEG_GS_KW@7..15 "__seg_gs"
              WHITESPACE@15..16 " "
              INT_KW@16..19 "int"
            WHITESPACE@19..20 " "
            INIT_DECLARATOR@20..22
              POINTER_DECLARATOR@20..22
                STAR@20..21 "*"
                NAME@21..22
                  IDENT@21..22 "p"
            SEMICOLON@22..23 ";"
          WHITESPACE@23..24 " "
          DECLARATION@24..40
            DECL_SPECS@24..36
              INT_KW@24..27 "int"
              WHITESPACE@27..28 " "
              SEG_FS_KW@28..36 "__seg_fs"
            WHITESPACE@36..37 " "
            INIT_DECLARATOR@37..39
              POINTER_DECLARATOR@37..39
                STAR@37..38 "*"
                NAME@38..39
                  IDENT@38..39 "q"
            SEMICOLON@39..40 ";"
    "#]],
    );
}

#[test]
fn static_assert() {
    check(
        "_Static_assert(sizeof(int) == 4, \"int\"); _Static_assert(1);",
        expect![[r#"
        TRANSLATION_UNIT@0..59
          STATIC_ASSERT@0..40
            STATIC_ASSERT_KW@0..14 "_Static_assert"
            L_PAREN@14..15 "("
            BIN_EXPR@15..31
              SIZEOF_EXPR@15..26
                SIZEOF_KW@15..21 "sizeof"
                L_PAREN@21..22 "("
                TYPE_NAME@22..25
                  DECL_SPECS@22..25
                    INT_KW@22..25 "int"
                R_PAREN@25..26 ")"
              WHITESPACE@26..27 " "
              EQ2@27..29 "=="
              WHITESPACE@29..30 " "
              LITERAL@30..31
                NUMBER@30..31 "4"
            COMMA@31..32 ","
            WHITESPACE@32..33 " "
            LITERAL@33..38
              STRING@33..38 "\"int\""
            R_PAREN@38..39 ")"
            SEMICOLON@39..40 ";"
          WHITESPACE@40..41 " "
          STATIC_ASSERT@41..59
            STATIC_ASSERT_KW@41..55 "_Static_assert"
            L_PAREN@55..56 "("
            LITERAL@56..57
              NUMBER@56..57 "1"
            R_PAREN@57..58 ")"
            SEMICOLON@58..59 ";"
    "#]],
    );
}

// Structs, unions, enums.

#[test]
fn struct_with_bitfields_and_attributes() {
    check(
        "struct __attribute__((packed)) S { int a : 3, : 0; char b[]; } __attribute__((aligned(4)));",
        expect![[r#"
            TRANSLATION_UNIT@0..91
              DECLARATION@0..91
                DECL_SPECS@0..90
                  STRUCT_SPEC@0..90
                    STRUCT_KW@0..6 "struct"
                    WHITESPACE@6..7 " "
                    ATTRIBUTE_SPEC@7..30
                      ATTRIBUTE_KW@7..20 "__attribute__"
                      L_PAREN@20..21 "("
                      L_PAREN@21..22 "("
                      ATTRIBUTE@22..28
                        IDENT@22..28 "packed"
                      R_PAREN@28..29 ")"
                      R_PAREN@29..30 ")"
                    WHITESPACE@30..31 " "
                    NAME@31..32
                      IDENT@31..32 "S"
                    WHITESPACE@32..33 " "
                    MEMBER_LIST@33..62
                      L_CURLY@33..34 "{"
                      WHITESPACE@34..35 " "
                      MEMBER_DECL@35..50
                        DECL_SPECS@35..38
                          INT_KW@35..38 "int"
                        WHITESPACE@38..39 " "
                        MEMBER_DECLARATOR@39..44
                          NAME@39..40
                            IDENT@39..40 "a"
                          WHITESPACE@40..41 " "
                          COLON@41..42 ":"
                          WHITESPACE@42..43 " "
                          LITERAL@43..44
                            NUMBER@43..44 "3"
                        COMMA@44..45 ","
                        WHITESPACE@45..46 " "
                        MEMBER_DECLARATOR@46..49
                          COLON@46..47 ":"
                          WHITESPACE@47..48 " "
                          LITERAL@48..49
                            NUMBER@48..49 "0"
                        SEMICOLON@49..50 ";"
                      WHITESPACE@50..51 " "
                      MEMBER_DECL@51..60
                        DECL_SPECS@51..55
                          CHAR_KW@51..55 "char"
                        WHITESPACE@55..56 " "
                        MEMBER_DECLARATOR@56..59
                          ARRAY_DECLARATOR@56..59
                            NAME@56..57
                              IDENT@56..57 "b"
                            L_BRACK@57..58 "["
                            R_BRACK@58..59 "]"
                        SEMICOLON@59..60 ";"
                      WHITESPACE@60..61 " "
                      R_CURLY@61..62 "}"
                    WHITESPACE@62..63 " "
                    ATTRIBUTE_SPEC@63..90
                      ATTRIBUTE_KW@63..76 "__attribute__"
                      L_PAREN@76..77 "("
                      L_PAREN@77..78 "("
                      ATTRIBUTE@78..88
                        IDENT@78..85 "aligned"
                        ATTRIBUTE_ARGS@85..88
                          L_PAREN@85..86 "("
                          LITERAL@86..87
                            NUMBER@86..87 "4"
                          R_PAREN@87..88 ")"
                      R_PAREN@88..89 ")"
                      R_PAREN@89..90 ")"
                SEMICOLON@90..91 ";"
        "#]],
    );
}

#[test]
fn anonymous_and_empty_structs() {
    check(
        "struct S { union { int a; float b; }; struct {}; int c; };",
        expect![[r#"
        TRANSLATION_UNIT@0..58
          DECLARATION@0..58
            DECL_SPECS@0..57
              STRUCT_SPEC@0..57
                STRUCT_KW@0..6 "struct"
                WHITESPACE@6..7 " "
                NAME@7..8
                  IDENT@7..8 "S"
                WHITESPACE@8..9 " "
                MEMBER_LIST@9..57
                  L_CURLY@9..10 "{"
                  WHITESPACE@10..11 " "
                  MEMBER_DECL@11..37
                    DECL_SPECS@11..36
                      STRUCT_SPEC@11..36
                        UNION_KW@11..16 "union"
                        WHITESPACE@16..17 " "
                        MEMBER_LIST@17..36
                          L_CURLY@17..18 "{"
                          WHITESPACE@18..19 " "
                          MEMBER_DECL@19..25
                            DECL_SPECS@19..22
                              INT_KW@19..22 "int"
                            WHITESPACE@22..23 " "
                            MEMBER_DECLARATOR@23..24
                              NAME@23..24
                                IDENT@23..24 "a"
                            SEMICOLON@24..25 ";"
                          WHITESPACE@25..26 " "
                          MEMBER_DECL@26..34
                            DECL_SPECS@26..31
                              FLOAT_KW@26..31 "float"
                            WHITESPACE@31..32 " "
                            MEMBER_DECLARATOR@32..33
                              NAME@32..33
                                IDENT@32..33 "b"
                            SEMICOLON@33..34 ";"
                          WHITESPACE@34..35 " "
                          R_CURLY@35..36 "}"
                    SEMICOLON@36..37 ";"
                  WHITESPACE@37..38 " "
                  MEMBER_DECL@38..48
                    DECL_SPECS@38..47
                      STRUCT_SPEC@38..47
                        STRUCT_KW@38..44 "struct"
                        WHITESPACE@44..45 " "
                        MEMBER_LIST@45..47
                          L_CURLY@45..46 "{"
                          R_CURLY@46..47 "}"
                    SEMICOLON@47..48 ";"
                  WHITESPACE@48..49 " "
                  MEMBER_DECL@49..55
                    DECL_SPECS@49..52
                      INT_KW@49..52 "int"
                    WHITESPACE@52..53 " "
                    MEMBER_DECLARATOR@53..54
                      NAME@53..54
                        IDENT@53..54 "c"
                    SEMICOLON@54..55 ";"
                  WHITESPACE@55..56 " "
                  R_CURLY@56..57 "}"
            SEMICOLON@57..58 ";"
    "#]],
    );
}

#[test]
fn struct_without_final_semicolon() {
    check(
        "struct { int a; int b } s;",
        expect![[r#"
        TRANSLATION_UNIT@0..26
          DECLARATION@0..26
            DECL_SPECS@0..23
              STRUCT_SPEC@0..23
                STRUCT_KW@0..6 "struct"
                WHITESPACE@6..7 " "
                MEMBER_LIST@7..23
                  L_CURLY@7..8 "{"
                  WHITESPACE@8..9 " "
                  MEMBER_DECL@9..15
                    DECL_SPECS@9..12
                      INT_KW@9..12 "int"
                    WHITESPACE@12..13 " "
                    MEMBER_DECLARATOR@13..14
                      NAME@13..14
                        IDENT@13..14 "a"
                    SEMICOLON@14..15 ";"
                  WHITESPACE@15..16 " "
                  MEMBER_DECL@16..21
                    DECL_SPECS@16..19
                      INT_KW@16..19 "int"
                    WHITESPACE@19..20 " "
                    MEMBER_DECLARATOR@20..21
                      NAME@20..21
                        IDENT@20..21 "b"
                  WHITESPACE@21..22 " "
                  R_CURLY@22..23 "}"
            WHITESPACE@23..24 " "
            INIT_DECLARATOR@24..25
              NAME@24..25
                IDENT@24..25 "s"
            SEMICOLON@25..26 ";"
    "#]],
    );
}

#[test]
fn zero_length_and_flexible_arrays() {
    check(
        "struct S { int n; int z[0]; int f[]; };",
        expect![[r#"
        TRANSLATION_UNIT@0..39
          DECLARATION@0..39
            DECL_SPECS@0..38
              STRUCT_SPEC@0..38
                STRUCT_KW@0..6 "struct"
                WHITESPACE@6..7 " "
                NAME@7..8
                  IDENT@7..8 "S"
                WHITESPACE@8..9 " "
                MEMBER_LIST@9..38
                  L_CURLY@9..10 "{"
                  WHITESPACE@10..11 " "
                  MEMBER_DECL@11..17
                    DECL_SPECS@11..14
                      INT_KW@11..14 "int"
                    WHITESPACE@14..15 " "
                    MEMBER_DECLARATOR@15..16
                      NAME@15..16
                        IDENT@15..16 "n"
                    SEMICOLON@16..17 ";"
                  WHITESPACE@17..18 " "
                  MEMBER_DECL@18..27
                    DECL_SPECS@18..21
                      INT_KW@18..21 "int"
                    WHITESPACE@21..22 " "
                    MEMBER_DECLARATOR@22..26
                      ARRAY_DECLARATOR@22..26
                        NAME@22..23
                          IDENT@22..23 "z"
                        L_BRACK@23..24 "["
                        LITERAL@24..25
                          NUMBER@24..25 "0"
                        R_BRACK@25..26 "]"
                    SEMICOLON@26..27 ";"
                  WHITESPACE@27..28 " "
                  MEMBER_DECL@28..36
                    DECL_SPECS@28..31
                      INT_KW@28..31 "int"
                    WHITESPACE@31..32 " "
                    MEMBER_DECLARATOR@32..35
                      ARRAY_DECLARATOR@32..35
                        NAME@32..33
                          IDENT@32..33 "f"
                        L_BRACK@33..34 "["
                        R_BRACK@34..35 "]"
                    SEMICOLON@35..36 ";"
                  WHITESPACE@36..37 " "
                  R_CURLY@37..38 "}"
            SEMICOLON@38..39 ";"
    "#]],
    );
}

#[test]
fn enum_with_attributes_and_trailing_comma() {
    check(
        "enum E { A __attribute__((deprecated)) = 1, B, } __attribute__((packed));",
        expect![[r#"
        TRANSLATION_UNIT@0..73
          DECLARATION@0..73
            DECL_SPECS@0..72
              ENUM_SPEC@0..72
                ENUM_KW@0..4 "enum"
                WHITESPACE@4..5 " "
                NAME@5..6
                  IDENT@5..6 "E"
                WHITESPACE@6..7 " "
                ENUMERATOR_LIST@7..48
                  L_CURLY@7..8 "{"
                  WHITESPACE@8..9 " "
                  ENUMERATOR@9..42
                    NAME@9..10
                      IDENT@9..10 "A"
                    WHITESPACE@10..11 " "
                    ATTRIBUTE_SPEC@11..38
                      ATTRIBUTE_KW@11..24 "__attribute__"
                      L_PAREN@24..25 "("
                      L_PAREN@25..26 "("
                      ATTRIBUTE@26..36
                        IDENT@26..36 "deprecated"
                      R_PAREN@36..37 ")"
                      R_PAREN@37..38 ")"
                    WHITESPACE@38..39 " "
                    EQ@39..40 "="
                    WHITESPACE@40..41 " "
                    LITERAL@41..42
                      NUMBER@41..42 "1"
                  COMMA@42..43 ","
                  WHITESPACE@43..44 " "
                  ENUMERATOR@44..45
                    NAME@44..45
                      IDENT@44..45 "B"
                  COMMA@45..46 ","
                  WHITESPACE@46..47 " "
                  R_CURLY@47..48 "}"
                WHITESPACE@48..49 " "
                ATTRIBUTE_SPEC@49..72
                  ATTRIBUTE_KW@49..62 "__attribute__"
                  L_PAREN@62..63 "("
                  L_PAREN@63..64 "("
                  ATTRIBUTE@64..70
                    IDENT@64..70 "packed"
                  R_PAREN@70..71 ")"
                  R_PAREN@71..72 ")"
            SEMICOLON@72..73 ";"
    "#]],
    );
}

// Attributes.

#[test]
fn attribute_arguments() {
    check(
        "void f(const char *, ...) __attribute__((format(printf, 1, 2), section(\".t\"), const, , aligned));",
        expect![[r#"
            TRANSLATION_UNIT@0..97
              DECLARATION@0..97
                DECL_SPECS@0..4
                  VOID_KW@0..4 "void"
                WHITESPACE@4..5 " "
                INIT_DECLARATOR@5..96
                  FN_DECLARATOR@5..25
                    NAME@5..6
                      IDENT@5..6 "f"
                    PARAM_LIST@6..25
                      L_PAREN@6..7 "("
                      PARAM_DECL@7..19
                        DECL_SPECS@7..17
                          CONST_KW@7..12 "const"
                          WHITESPACE@12..13 " "
                          CHAR_KW@13..17 "char"
                        WHITESPACE@17..18 " "
                        POINTER_DECLARATOR@18..19
                          STAR@18..19 "*"
                      COMMA@19..20 ","
                      WHITESPACE@20..21 " "
                      ELLIPSIS@21..24 "..."
                      R_PAREN@24..25 ")"
                  WHITESPACE@25..26 " "
                  ATTRIBUTE_SPEC@26..96
                    ATTRIBUTE_KW@26..39 "__attribute__"
                    L_PAREN@39..40 "("
                    L_PAREN@40..41 "("
                    ATTRIBUTE@41..61
                      IDENT@41..47 "format"
                      ATTRIBUTE_ARGS@47..61
                        L_PAREN@47..48 "("
                        IDENT_EXPR@48..54
                          IDENT@48..54 "printf"
                        COMMA@54..55 ","
                        WHITESPACE@55..56 " "
                        LITERAL@56..57
                          NUMBER@56..57 "1"
                        COMMA@57..58 ","
                        WHITESPACE@58..59 " "
                        LITERAL@59..60
                          NUMBER@59..60 "2"
                        R_PAREN@60..61 ")"
                    COMMA@61..62 ","
                    WHITESPACE@62..63 " "
                    ATTRIBUTE@63..76
                      IDENT@63..70 "section"
                      ATTRIBUTE_ARGS@70..76
                        L_PAREN@70..71 "("
                        LITERAL@71..75
                          STRING@71..75 "\".t\""
                        R_PAREN@75..76 ")"
                    COMMA@76..77 ","
                    WHITESPACE@77..78 " "
                    ATTRIBUTE@78..83
                      CONST_KW@78..83 "const"
                    COMMA@83..84 ","
                    WHITESPACE@84..85 " "
                    COMMA@85..86 ","
                    WHITESPACE@86..87 " "
                    ATTRIBUTE@87..94
                      IDENT@87..94 "aligned"
                    R_PAREN@94..95 ")"
                    R_PAREN@95..96 ")"
                SEMICOLON@96..97 ";"
        "#]],
    );
}

#[test]
fn std_attributes() {
    check(
        "[[gnu::unused]] int x; void f(void) { [[fallthrough]]; }",
        expect![[r#"
        TRANSLATION_UNIT@0..56
          DECLARATION@0..22
            DECL_SPECS@0..19
              ATTRIBUTE_SPEC@0..15
                L_BRACK@0..1 "["
                L_BRACK@1..2 "["
                ATTRIBUTE@2..13
                  IDENT@2..5 "gnu"
                  COLON@5..6 ":"
                  COLON@6..7 ":"
                  IDENT@7..13 "unused"
                R_BRACK@13..14 "]"
                R_BRACK@14..15 "]"
              WHITESPACE@15..16 " "
              INT_KW@16..19 "int"
            WHITESPACE@19..20 " "
            INIT_DECLARATOR@20..21
              NAME@20..21
                IDENT@20..21 "x"
            SEMICOLON@21..22 ";"
          WHITESPACE@22..23 " "
          FUNCTION_DEF@23..56
            DECL_SPECS@23..27
              VOID_KW@23..27 "void"
            WHITESPACE@27..28 " "
            FN_DECLARATOR@28..35
              NAME@28..29
                IDENT@28..29 "f"
              PARAM_LIST@29..35
                L_PAREN@29..30 "("
                PARAM_DECL@30..34
                  DECL_SPECS@30..34
                    VOID_KW@30..34 "void"
                R_PAREN@34..35 ")"
            WHITESPACE@35..36 " "
            COMPOUND_STMT@36..56
              L_CURLY@36..37 "{"
              WHITESPACE@37..38 " "
              ATTRIBUTE_STMT@38..54
                ATTRIBUTE_SPEC@38..53
                  L_BRACK@38..39 "["
                  L_BRACK@39..40 "["
                  ATTRIBUTE@40..51
                    IDENT@40..51 "fallthrough"
                  R_BRACK@51..52 "]"
                  R_BRACK@52..53 "]"
                SEMICOLON@53..54 ";"
              WHITESPACE@54..55 " "
              R_CURLY@55..56 "}"
    "#]],
    );
}

// Statements.

#[test]
fn statements() {
    check(
        "void f(int n) { if (n) ; else if (n > 1) n--; else { } while (n) n--; do n++; while (0);\n\
         for (int i = 0; i < n; i++) continue; for (;;) break; return; }",
        expect![[r#"
            TRANSLATION_UNIT@0..152
              FUNCTION_DEF@0..152
                DECL_SPECS@0..4
                  VOID_KW@0..4 "void"
                WHITESPACE@4..5 " "
                FN_DECLARATOR@5..13
                  NAME@5..6
                    IDENT@5..6 "f"
                  PARAM_LIST@6..13
                    L_PAREN@6..7 "("
                    PARAM_DECL@7..12
                      DECL_SPECS@7..10
                        INT_KW@7..10 "int"
                      WHITESPACE@10..11 " "
                      NAME@11..12
                        IDENT@11..12 "n"
                    R_PAREN@12..13 ")"
                WHITESPACE@13..14 " "
                COMPOUND_STMT@14..152
                  L_CURLY@14..15 "{"
                  WHITESPACE@15..16 " "
                  IF_STMT@16..54
                    IF_KW@16..18 "if"
                    WHITESPACE@18..19 " "
                    L_PAREN@19..20 "("
                    IDENT_EXPR@20..21
                      IDENT@20..21 "n"
                    R_PAREN@21..22 ")"
                    WHITESPACE@22..23 " "
                    EMPTY_STMT@23..24
                      SEMICOLON@23..24 ";"
                    WHITESPACE@24..25 " "
                    ELSE_KW@25..29 "else"
                    WHITESPACE@29..30 " "
                    IF_STMT@30..54
                      IF_KW@30..32 "if"
                      WHITESPACE@32..33 " "
                      L_PAREN@33..34 "("
                      BIN_EXPR@34..39
                        IDENT_EXPR@34..35
                          IDENT@34..35 "n"
                        WHITESPACE@35..36 " "
                        GT@36..37 ">"
                        WHITESPACE@37..38 " "
                        LITERAL@38..39
                          NUMBER@38..39 "1"
                      R_PAREN@39..40 ")"
                      WHITESPACE@40..41 " "
                      EXPR_STMT@41..45
                        POSTFIX_EXPR@41..44
                          IDENT_EXPR@41..42
                            IDENT@41..42 "n"
                          MINUS2@42..44 "--"
                        SEMICOLON@44..45 ";"
                      WHITESPACE@45..46 " "
                      ELSE_KW@46..50 "else"
                      WHITESPACE@50..51 " "
                      COMPOUND_STMT@51..54
                        L_CURLY@51..52 "{"
                        WHITESPACE@52..53 " "
                        R_CURLY@53..54 "}"
                  WHITESPACE@54..55 " "
                  WHILE_STMT@55..69
                    WHILE_KW@55..60 "while"
                    WHITESPACE@60..61 " "
                    L_PAREN@61..62 "("
                    IDENT_EXPR@62..63
                      IDENT@62..63 "n"
                    R_PAREN@63..64 ")"
                    WHITESPACE@64..65 " "
                    EXPR_STMT@65..69
                      POSTFIX_EXPR@65..68
                        IDENT_EXPR@65..66
                          IDENT@65..66 "n"
                        MINUS2@66..68 "--"
                      SEMICOLON@68..69 ";"
                  WHITESPACE@69..70 " "
                  DO_STMT@70..88
                    DO_KW@70..72 "do"
                    WHITESPACE@72..73 " "
                    EXPR_STMT@73..77
                      POSTFIX_EXPR@73..76
                        IDENT_EXPR@73..74
                          IDENT@73..74 "n"
                        PLUS2@74..76 "++"
                      SEMICOLON@76..77 ";"
                    WHITESPACE@77..78 " "
                    WHILE_KW@78..83 "while"
                    WHITESPACE@83..84 " "
                    L_PAREN@84..85 "("
                    LITERAL@85..86
                      NUMBER@85..86 "0"
                    R_PAREN@86..87 ")"
                    SEMICOLON@87..88 ";"
                  NEWLINE@88..89 "\n"
                  FOR_STMT@89..126
                    FOR_KW@89..92 "for"
                    WHITESPACE@92..93 " "
                    L_PAREN@93..94 "("
                    DECLARATION@94..104
                      DECL_SPECS@94..97
                        INT_KW@94..97 "int"
                      WHITESPACE@97..98 " "
                      INIT_DECLARATOR@98..103
                        NAME@98..99
                          IDENT@98..99 "i"
                        WHITESPACE@99..100 " "
                        EQ@100..101 "="
                        WHITESPACE@101..102 " "
                        LITERAL@102..103
                          NUMBER@102..103 "0"
                      SEMICOLON@103..104 ";"
                    WHITESPACE@104..105 " "
                    BIN_EXPR@105..110
                      IDENT_EXPR@105..106
                        IDENT@105..106 "i"
                      WHITESPACE@106..107 " "
                      LT@107..108 "<"
                      WHITESPACE@108..109 " "
                      IDENT_EXPR@109..110
                        IDENT@109..110 "n"
                    SEMICOLON@110..111 ";"
                    WHITESPACE@111..112 " "
                    POSTFIX_EXPR@112..115
                      IDENT_EXPR@112..113
                        IDENT@112..113 "i"
                      PLUS2@113..115 "++"
                    R_PAREN@115..116 ")"
                    WHITESPACE@116..117 " "
                    CONTINUE_STMT@117..126
                      CONTINUE_KW@117..125 "continue"
                      SEMICOLON@125..126 ";"
                  WHITESPACE@126..127 " "
                  FOR_STMT@127..142
                    FOR_KW@127..130 "for"
                    WHITESPACE@130..131 " "
                    L_PAREN@131..132 "("
                    SEMICOLON@132..133 ";"
                    SEMICOLON@133..134 ";"
                    R_PAREN@134..135 ")"
                    WHITESPACE@135..136 " "
                    BREAK_STMT@136..142
                      BREAK_KW@136..141 "break"
                      SEMICOLON@141..142 ";"
                  WHITESPACE@142..143 " "
                  RETURN_STMT@143..150
                    RETURN_KW@143..149 "return"
                    SEMICOLON@149..150 ";"
                  WHITESPACE@150..151 " "
                  R_CURLY@151..152 "}"
        "#]],
    );
}

#[test]
fn switch_with_case_ranges() {
    check(
        "void f(int x) { switch (x) { case 1 ... 5: case 7: x++; __attribute__((fallthrough)); default: break; } }",
        expect![[r#"
            TRANSLATION_UNIT@0..105
              FUNCTION_DEF@0..105
                DECL_SPECS@0..4
                  VOID_KW@0..4 "void"
                WHITESPACE@4..5 " "
                FN_DECLARATOR@5..13
                  NAME@5..6
                    IDENT@5..6 "f"
                  PARAM_LIST@6..13
                    L_PAREN@6..7 "("
                    PARAM_DECL@7..12
                      DECL_SPECS@7..10
                        INT_KW@7..10 "int"
                      WHITESPACE@10..11 " "
                      NAME@11..12
                        IDENT@11..12 "x"
                    R_PAREN@12..13 ")"
                WHITESPACE@13..14 " "
                COMPOUND_STMT@14..105
                  L_CURLY@14..15 "{"
                  WHITESPACE@15..16 " "
                  SWITCH_STMT@16..103
                    SWITCH_KW@16..22 "switch"
                    WHITESPACE@22..23 " "
                    L_PAREN@23..24 "("
                    IDENT_EXPR@24..25
                      IDENT@24..25 "x"
                    R_PAREN@25..26 ")"
                    WHITESPACE@26..27 " "
                    COMPOUND_STMT@27..103
                      L_CURLY@27..28 "{"
                      WHITESPACE@28..29 " "
                      CASE_STMT@29..55
                        CASE_KW@29..33 "case"
                        WHITESPACE@33..34 " "
                        LITERAL@34..35
                          NUMBER@34..35 "1"
                        WHITESPACE@35..36 " "
                        ELLIPSIS@36..39 "..."
                        WHITESPACE@39..40 " "
                        LITERAL@40..41
                          NUMBER@40..41 "5"
                        COLON@41..42 ":"
                        WHITESPACE@42..43 " "
                        CASE_STMT@43..55
                          CASE_KW@43..47 "case"
                          WHITESPACE@47..48 " "
                          LITERAL@48..49
                            NUMBER@48..49 "7"
                          COLON@49..50 ":"
                          WHITESPACE@50..51 " "
                          EXPR_STMT@51..55
                            POSTFIX_EXPR@51..54
                              IDENT_EXPR@51..52
                                IDENT@51..52 "x"
                              PLUS2@52..54 "++"
                            SEMICOLON@54..55 ";"
                      WHITESPACE@55..56 " "
                      ATTRIBUTE_STMT@56..85
                        ATTRIBUTE_SPEC@56..84
                          ATTRIBUTE_KW@56..69 "__attribute__"
                          L_PAREN@69..70 "("
                          L_PAREN@70..71 "("
                          ATTRIBUTE@71..82
                            IDENT@71..82 "fallthrough"
                          R_PAREN@82..83 ")"
                          R_PAREN@83..84 ")"
                        SEMICOLON@84..85 ";"
                      WHITESPACE@85..86 " "
                      DEFAULT_STMT@86..101
                        DEFAULT_KW@86..93 "default"
                        COLON@93..94 ":"
                        WHITESPACE@94..95 " "
                        BREAK_STMT@95..101
                          BREAK_KW@95..100 "break"
                          SEMICOLON@100..101 ";"
                      WHITESPACE@101..102 " "
                      R_CURLY@102..103 "}"
                  WHITESPACE@103..104 " "
                  R_CURLY@104..105 "}"
        "#]],
    );
}

#[test]
fn labels_and_goto() {
    check(
        "void f(void) { __label__ l; void *p = &&l; l: __attribute__((unused)); goto *p; goto l; end: }",
        expect![[r#"
            TRANSLATION_UNIT@0..94
              FUNCTION_DEF@0..94
                DECL_SPECS@0..4
                  VOID_KW@0..4 "void"
                WHITESPACE@4..5 " "
                FN_DECLARATOR@5..12
                  NAME@5..6
                    IDENT@5..6 "f"
                  PARAM_LIST@6..12
                    L_PAREN@6..7 "("
                    PARAM_DECL@7..11
                      DECL_SPECS@7..11
                        VOID_KW@7..11 "void"
                    R_PAREN@11..12 ")"
                WHITESPACE@12..13 " "
                COMPOUND_STMT@13..94
                  L_CURLY@13..14 "{"
                  WHITESPACE@14..15 " "
                  LABEL_DECL@15..27
                    LABEL_KW@15..24 "__label__"
                    WHITESPACE@24..25 " "
                    NAME@25..26
                      IDENT@25..26 "l"
                    SEMICOLON@26..27 ";"
                  WHITESPACE@27..28 " "
                  DECLARATION@28..42
                    DECL_SPECS@28..32
                      VOID_KW@28..32 "void"
                    WHITESPACE@32..33 " "
                    INIT_DECLARATOR@33..41
                      POINTER_DECLARATOR@33..35
                        STAR@33..34 "*"
                        NAME@34..35
                          IDENT@34..35 "p"
                      WHITESPACE@35..36 " "
                      EQ@36..37 "="
                      WHITESPACE@37..38 " "
                      LABEL_ADDR_EXPR@38..41
                        AMP2@38..40 "&&"
                        NAME_REF@40..41
                          IDENT@40..41 "l"
                    SEMICOLON@41..42 ";"
                  WHITESPACE@42..43 " "
                  LABELED_STMT@43..70
                    NAME@43..44
                      IDENT@43..44 "l"
                    COLON@44..45 ":"
                    WHITESPACE@45..46 " "
                    ATTRIBUTE_SPEC@46..69
                      ATTRIBUTE_KW@46..59 "__attribute__"
                      L_PAREN@59..60 "("
                      L_PAREN@60..61 "("
                      ATTRIBUTE@61..67
                        IDENT@61..67 "unused"
                      R_PAREN@67..68 ")"
                      R_PAREN@68..69 ")"
                    EMPTY_STMT@69..70
                      SEMICOLON@69..70 ";"
                  WHITESPACE@70..71 " "
                  GOTO_STMT@71..79
                    GOTO_KW@71..75 "goto"
                    WHITESPACE@75..76 " "
                    STAR@76..77 "*"
                    IDENT_EXPR@77..78
                      IDENT@77..78 "p"
                    SEMICOLON@78..79 ";"
                  WHITESPACE@79..80 " "
                  GOTO_STMT@80..87
                    GOTO_KW@80..84 "goto"
                    WHITESPACE@84..85 " "
                    NAME_REF@85..86
                      IDENT@85..86 "l"
                    SEMICOLON@86..87 ";"
                  WHITESPACE@87..88 " "
                  LABELED_STMT@88..92
                    NAME@88..91
                      IDENT@88..91 "end"
                    COLON@91..92 ":"
                  WHITESPACE@92..93 " "
                  R_CURLY@93..94 "}"
        "#]],
    );
}

#[test]
fn label_before_declaration() {
    check(
        "void f(void) { a: int x; }",
        expect![[r#"
        TRANSLATION_UNIT@0..26
          FUNCTION_DEF@0..26
            DECL_SPECS@0..4
              VOID_KW@0..4 "void"
            WHITESPACE@4..5 " "
            FN_DECLARATOR@5..12
              NAME@5..6
                IDENT@5..6 "f"
              PARAM_LIST@6..12
                L_PAREN@6..7 "("
                PARAM_DECL@7..11
                  DECL_SPECS@7..11
                    VOID_KW@7..11 "void"
                R_PAREN@11..12 ")"
            WHITESPACE@12..13 " "
            COMPOUND_STMT@13..26
              L_CURLY@13..14 "{"
              WHITESPACE@14..15 " "
              LABELED_STMT@15..24
                NAME@15..16
                  IDENT@15..16 "a"
                COLON@16..17 ":"
                WHITESPACE@17..18 " "
                DECLARATION@18..24
                  DECL_SPECS@18..21
                    INT_KW@18..21 "int"
                  WHITESPACE@21..22 " "
                  INIT_DECLARATOR@22..23
                    NAME@22..23
                      IDENT@22..23 "x"
                  SEMICOLON@23..24 ";"
              WHITESPACE@24..25 " "
              R_CURLY@25..26 "}"
    "#]],
    );
}

#[test]
fn asm_statements() {
    check(
        "void f(int x) { asm volatile goto (\"jmp %l[out]\" : [o] \"=r\" (x) : \"r\" (x), \"i\" (1) : \"memory\", \"cc\" : out); out: ; __asm__ (\"nop\"); }",
        expect![[r#"
            TRANSLATION_UNIT@0..133
              FUNCTION_DEF@0..133
                DECL_SPECS@0..4
                  VOID_KW@0..4 "void"
                WHITESPACE@4..5 " "
                FN_DECLARATOR@5..13
                  NAME@5..6
                    IDENT@5..6 "f"
                  PARAM_LIST@6..13
                    L_PAREN@6..7 "("
                    PARAM_DECL@7..12
                      DECL_SPECS@7..10
                        INT_KW@7..10 "int"
                      WHITESPACE@10..11 " "
                      NAME@11..12
                        IDENT@11..12 "x"
                    R_PAREN@12..13 ")"
                WHITESPACE@13..14 " "
                COMPOUND_STMT@14..133
                  L_CURLY@14..15 "{"
                  WHITESPACE@15..16 " "
                  ASM_STMT@16..107
                    ASM_KW@16..19 "asm"
                    WHITESPACE@19..20 " "
                    VOLATILE_KW@20..28 "volatile"
                    WHITESPACE@28..29 " "
                    GOTO_KW@29..33 "goto"
                    WHITESPACE@33..34 " "
                    L_PAREN@34..35 "("
                    LITERAL@35..48
                      STRING@35..48 "\"jmp %l[out]\""
                    WHITESPACE@48..49 " "
                    ASM_OUTPUTS@49..63
                      COLON@49..50 ":"
                      WHITESPACE@50..51 " "
                      ASM_OPERAND@51..63
                        L_BRACK@51..52 "["
                        NAME@52..53
                          IDENT@52..53 "o"
                        R_BRACK@53..54 "]"
                        WHITESPACE@54..55 " "
                        LITERAL@55..59
                          STRING@55..59 "\"=r\""
                        WHITESPACE@59..60 " "
                        L_PAREN@60..61 "("
                        IDENT_EXPR@61..62
                          IDENT@61..62 "x"
                        R_PAREN@62..63 ")"
                    WHITESPACE@63..64 " "
                    ASM_INPUTS@64..82
                      COLON@64..65 ":"
                      WHITESPACE@65..66 " "
                      ASM_OPERAND@66..73
                        LITERAL@66..69
                          STRING@66..69 "\"r\""
                        WHITESPACE@69..70 " "
                        L_PAREN@70..71 "("
                        IDENT_EXPR@71..72
                          IDENT@71..72 "x"
                        R_PAREN@72..73 ")"
                      COMMA@73..74 ","
                      WHITESPACE@74..75 " "
                      ASM_OPERAND@75..82
                        LITERAL@75..78
                          STRING@75..78 "\"i\""
                        WHITESPACE@78..79 " "
                        L_PAREN@79..80 "("
                        LITERAL@80..81
                          NUMBER@80..81 "1"
                        R_PAREN@81..82 ")"
                    WHITESPACE@82..83 " "
                    ASM_CLOBBERS@83..99
                      COLON@83..84 ":"
                      WHITESPACE@84..85 " "
                      LITERAL@85..93
                        STRING@85..93 "\"memory\""
                      COMMA@93..94 ","
                      WHITESPACE@94..95 " "
                      LITERAL@95..99
                        STRING@95..99 "\"cc\""
                    WHITESPACE@99..100 " "
                    ASM_LABELS@100..105
                      COLON@100..101 ":"
                      WHITESPACE@101..102 " "
                      NAME_REF@102..105
                        IDENT@102..105 "out"
                    R_PAREN@105..106 ")"
                    SEMICOLON@106..107 ";"
                  WHITESPACE@107..108 " "
                  LABELED_STMT@108..114
                    NAME@108..111
                      IDENT@108..111 "out"
                    COLON@111..112 ":"
                    WHITESPACE@112..113 " "
                    EMPTY_STMT@113..114
                      SEMICOLON@113..114 ";"
                  WHITESPACE@114..115 " "
                  ASM_STMT@115..131
                    ASM_KW@115..122 "__asm__"
                    WHITESPACE@122..123 " "
                    L_PAREN@123..124 "("
                    LITERAL@124..129
                      STRING@124..129 "\"nop\""
                    R_PAREN@129..130 ")"
                    SEMICOLON@130..131 ";"
                  WHITESPACE@131..132 " "
                  R_CURLY@132..133 "}"
        "#]],
    );
}

#[test]
fn file_scope_asm() {
    check(
        "asm(\".globl x\");",
        expect![[r#"
        TRANSLATION_UNIT@0..16
          ASM_STMT@0..16
            ASM_KW@0..3 "asm"
            L_PAREN@3..4 "("
            LITERAL@4..14
              STRING@4..14 "\".globl x\""
            R_PAREN@14..15 ")"
            SEMICOLON@15..16 ";"
    "#]],
    );
}

#[test]
fn pragmas_at_file_member_and_statement_level() {
    check(
        "#pragma pack(1)\nstruct S {\n#pragma x\nint a; };\nvoid f(void) {\n#pragma GCC unroll 4\nfor (;;) ; }\n",
        expect![[r##"
            TRANSLATION_UNIT@0..96
              PRAGMA_ITEM@0..15
                PRAGMA@0..15 "#pragma pack(1)"
              NEWLINE@15..16 "\n"
              DECLARATION@16..46
                DECL_SPECS@16..45
                  STRUCT_SPEC@16..45
                    STRUCT_KW@16..22 "struct"
                    WHITESPACE@22..23 " "
                    NAME@23..24
                      IDENT@23..24 "S"
                    WHITESPACE@24..25 " "
                    MEMBER_LIST@25..45
                      L_CURLY@25..26 "{"
                      NEWLINE@26..27 "\n"
                      PRAGMA_ITEM@27..36
                        PRAGMA@27..36 "#pragma x"
                      NEWLINE@36..37 "\n"
                      MEMBER_DECL@37..43
                        DECL_SPECS@37..40
                          INT_KW@37..40 "int"
                        WHITESPACE@40..41 " "
                        MEMBER_DECLARATOR@41..42
                          NAME@41..42
                            IDENT@41..42 "a"
                        SEMICOLON@42..43 ";"
                      WHITESPACE@43..44 " "
                      R_CURLY@44..45 "}"
                SEMICOLON@45..46 ";"
              NEWLINE@46..47 "\n"
              FUNCTION_DEF@47..95
                DECL_SPECS@47..51
                  VOID_KW@47..51 "void"
                WHITESPACE@51..52 " "
                FN_DECLARATOR@52..59
                  NAME@52..53
                    IDENT@52..53 "f"
                  PARAM_LIST@53..59
                    L_PAREN@53..54 "("
                    PARAM_DECL@54..58
                      DECL_SPECS@54..58
                        VOID_KW@54..58 "void"
                    R_PAREN@58..59 ")"
                WHITESPACE@59..60 " "
                COMPOUND_STMT@60..95
                  L_CURLY@60..61 "{"
                  NEWLINE@61..62 "\n"
                  PRAGMA_ITEM@62..82
                    PRAGMA@62..82 "#pragma GCC unroll 4"
                  NEWLINE@82..83 "\n"
                  FOR_STMT@83..93
                    FOR_KW@83..86 "for"
                    WHITESPACE@86..87 " "
                    L_PAREN@87..88 "("
                    SEMICOLON@88..89 ";"
                    SEMICOLON@89..90 ";"
                    R_PAREN@90..91 ")"
                    WHITESPACE@91..92 " "
                    EMPTY_STMT@92..93
                      SEMICOLON@92..93 ";"
                  WHITESPACE@93..94 " "
                  R_CURLY@94..95 "}"
              NEWLINE@95..96 "\n"
        "##]],
    );
}

#[test]
fn pragma_where_gcc_ignores_it() {
    check(
        "void f(void) { if (1) { }\n#pragma mark x\nelse { } }\n",
        expect![[r##"
        TRANSLATION_UNIT@0..52
          FUNCTION_DEF@0..51
            DECL_SPECS@0..4
              VOID_KW@0..4 "void"
            WHITESPACE@4..5 " "
            FN_DECLARATOR@5..12
              NAME@5..6
                IDENT@5..6 "f"
              PARAM_LIST@6..12
                L_PAREN@6..7 "("
                PARAM_DECL@7..11
                  DECL_SPECS@7..11
                    VOID_KW@7..11 "void"
                R_PAREN@11..12 ")"
            WHITESPACE@12..13 " "
            COMPOUND_STMT@13..51
              L_CURLY@13..14 "{"
              WHITESPACE@14..15 " "
              IF_STMT@15..49
                IF_KW@15..17 "if"
                WHITESPACE@17..18 " "
                L_PAREN@18..19 "("
                LITERAL@19..20
                  NUMBER@19..20 "1"
                R_PAREN@20..21 ")"
                WHITESPACE@21..22 " "
                COMPOUND_STMT@22..25
                  L_CURLY@22..23 "{"
                  WHITESPACE@23..24 " "
                  R_CURLY@24..25 "}"
                NEWLINE@25..26 "\n"
                PRAGMA@26..40 "#pragma mark x"
                NEWLINE@40..41 "\n"
                ELSE_KW@41..45 "else"
                WHITESPACE@45..46 " "
                COMPOUND_STMT@46..49
                  L_CURLY@46..47 "{"
                  WHITESPACE@47..48 " "
                  R_CURLY@48..49 "}"
              WHITESPACE@49..50 " "
              R_CURLY@50..51 "}"
          NEWLINE@51..52 "\n"
    "##]],
    );
}

#[test]
fn ident_directive() {
    check(
        "#ident \"v1\"\nint x;",
        expect![[r##"
        TRANSLATION_UNIT@0..18
          IDENT_DIRECTIVE@0..11
            HASH@0..1 "#"
            IDENT@1..6 "ident"
            WHITESPACE@6..7 " "
            LITERAL@7..11
              STRING@7..11 "\"v1\""
          NEWLINE@11..12 "\n"
          DECLARATION@12..18
            DECL_SPECS@12..15
              INT_KW@12..15 "int"
            WHITESPACE@15..16 " "
            INIT_DECLARATOR@16..17
              NAME@16..17
                IDENT@16..17 "x"
            SEMICOLON@17..18 ";"
    "##]],
    );
}

// Expressions.

#[test]
fn operator_precedence() {
    check(
        "int x = a = b ? c || d && e | f ^ g & h == i < j << k + l * m : n, o;",
        expect![[r#"
        TRANSLATION_UNIT@0..69
          DECLARATION@0..69
            DECL_SPECS@0..3
              INT_KW@0..3 "int"
            WHITESPACE@3..4 " "
            INIT_DECLARATOR@4..65
              NAME@4..5
                IDENT@4..5 "x"
              WHITESPACE@5..6 " "
              EQ@6..7 "="
              WHITESPACE@7..8 " "
              BIN_EXPR@8..65
                IDENT_EXPR@8..9
                  IDENT@8..9 "a"
                WHITESPACE@9..10 " "
                EQ@10..11 "="
                WHITESPACE@11..12 " "
                COND_EXPR@12..65
                  IDENT_EXPR@12..13
                    IDENT@12..13 "b"
                  WHITESPACE@13..14 " "
                  QUESTION@14..15 "?"
                  WHITESPACE@15..16 " "
                  BIN_EXPR@16..61
                    IDENT_EXPR@16..17
                      IDENT@16..17 "c"
                    WHITESPACE@17..18 " "
                    PIPE2@18..20 "||"
                    WHITESPACE@20..21 " "
                    BIN_EXPR@21..61
                      IDENT_EXPR@21..22
                        IDENT@21..22 "d"
                      WHITESPACE@22..23 " "
                      AMP2@23..25 "&&"
                      WHITESPACE@25..26 " "
                      BIN_EXPR@26..61
                        IDENT_EXPR@26..27
                          IDENT@26..27 "e"
                        WHITESPACE@27..28 " "
                        PIPE@28..29 "|"
                        WHITESPACE@29..30 " "
                        BIN_EXPR@30..61
                          IDENT_EXPR@30..31
                            IDENT@30..31 "f"
                          WHITESPACE@31..32 " "
                          CARET@32..33 "^"
                          WHITESPACE@33..34 " "
                          BIN_EXPR@34..61
                            IDENT_EXPR@34..35
                              IDENT@34..35 "g"
                            WHITESPACE@35..36 " "
                            AMP@36..37 "&"
                            WHITESPACE@37..38 " "
                            BIN_EXPR@38..61
                              IDENT_EXPR@38..39
                                IDENT@38..39 "h"
                              WHITESPACE@39..40 " "
                              EQ2@40..42 "=="
                              WHITESPACE@42..43 " "
                              BIN_EXPR@43..61
                                IDENT_EXPR@43..44
                                  IDENT@43..44 "i"
                                WHITESPACE@44..45 " "
                                LT@45..46 "<"
                                WHITESPACE@46..47 " "
                                BIN_EXPR@47..61
                                  IDENT_EXPR@47..48
                                    IDENT@47..48 "j"
                                  WHITESPACE@48..49 " "
                                  SHL@49..51 "<<"
                                  WHITESPACE@51..52 " "
                                  BIN_EXPR@52..61
                                    IDENT_EXPR@52..53
                                      IDENT@52..53 "k"
                                    WHITESPACE@53..54 " "
                                    PLUS@54..55 "+"
                                    WHITESPACE@55..56 " "
                                    BIN_EXPR@56..61
                                      IDENT_EXPR@56..57
                                        IDENT@56..57 "l"
                                      WHITESPACE@57..58 " "
                                      STAR@58..59 "*"
                                      WHITESPACE@59..60 " "
                                      IDENT_EXPR@60..61
                                        IDENT@60..61 "m"
                  WHITESPACE@61..62 " "
                  COLON@62..63 ":"
                  WHITESPACE@63..64 " "
                  IDENT_EXPR@64..65
                    IDENT@64..65 "n"
            COMMA@65..66 ","
            WHITESPACE@66..67 " "
            INIT_DECLARATOR@67..68
              NAME@67..68
                IDENT@67..68 "o"
            SEMICOLON@68..69 ";"
    "#]],
    );
}

#[test]
fn casts_and_compound_literals() {
    check(
        "int x = (int)(long)y + (struct S){ .a = 1 }.a + sizeof(int) + sizeof (int){2} + sizeof z;",
        expect![[r#"
        TRANSLATION_UNIT@0..89
          DECLARATION@0..89
            DECL_SPECS@0..3
              INT_KW@0..3 "int"
            WHITESPACE@3..4 " "
            INIT_DECLARATOR@4..88
              NAME@4..5
                IDENT@4..5 "x"
              WHITESPACE@5..6 " "
              EQ@6..7 "="
              WHITESPACE@7..8 " "
              BIN_EXPR@8..88
                BIN_EXPR@8..77
                  BIN_EXPR@8..59
                    BIN_EXPR@8..45
                      CAST_EXPR@8..20
                        L_PAREN@8..9 "("
                        TYPE_NAME@9..12
                          DECL_SPECS@9..12
                            INT_KW@9..12 "int"
                        R_PAREN@12..13 ")"
                        CAST_EXPR@13..20
                          L_PAREN@13..14 "("
                          TYPE_NAME@14..18
                            DECL_SPECS@14..18
                              LONG_KW@14..18 "long"
                          R_PAREN@18..19 ")"
                          IDENT_EXPR@19..20
                            IDENT@19..20 "y"
                      WHITESPACE@20..21 " "
                      PLUS@21..22 "+"
                      WHITESPACE@22..23 " "
                      MEMBER_EXPR@23..45
                        COMPOUND_LITERAL@23..43
                          L_PAREN@23..24 "("
                          TYPE_NAME@24..32
                            DECL_SPECS@24..32
                              STRUCT_SPEC@24..32
                                STRUCT_KW@24..30 "struct"
                                WHITESPACE@30..31 " "
                                NAME@31..32
                                  IDENT@31..32 "S"
                          R_PAREN@32..33 ")"
                          INIT_LIST@33..43
                            L_CURLY@33..34 "{"
                            WHITESPACE@34..35 " "
                            DESIGNATED_INIT@35..41
                              FIELD_DESIGNATOR@35..37
                                DOT@35..36 "."
                                NAME_REF@36..37
                                  IDENT@36..37 "a"
                              WHITESPACE@37..38 " "
                              EQ@38..39 "="
                              WHITESPACE@39..40 " "
                              LITERAL@40..41
                                NUMBER@40..41 "1"
                            WHITESPACE@41..42 " "
                            R_CURLY@42..43 "}"
                        DOT@43..44 "."
                        NAME_REF@44..45
                          IDENT@44..45 "a"
                    WHITESPACE@45..46 " "
                    PLUS@46..47 "+"
                    WHITESPACE@47..48 " "
                    SIZEOF_EXPR@48..59
                      SIZEOF_KW@48..54 "sizeof"
                      L_PAREN@54..55 "("
                      TYPE_NAME@55..58
                        DECL_SPECS@55..58
                          INT_KW@55..58 "int"
                      R_PAREN@58..59 ")"
                  WHITESPACE@59..60 " "
                  PLUS@60..61 "+"
                  WHITESPACE@61..62 " "
                  SIZEOF_EXPR@62..77
                    SIZEOF_KW@62..68 "sizeof"
                    WHITESPACE@68..69 " "
                    COMPOUND_LITERAL@69..77
                      L_PAREN@69..70 "("
                      TYPE_NAME@70..73
                        DECL_SPECS@70..73
                          INT_KW@70..73 "int"
                      R_PAREN@73..74 ")"
                      INIT_LIST@74..77
                        L_CURLY@74..75 "{"
                        LITERAL@75..76
                          NUMBER@75..76 "2"
                        R_CURLY@76..77 "}"
                WHITESPACE@77..78 " "
                PLUS@78..79 "+"
                WHITESPACE@79..80 " "
                SIZEOF_EXPR@80..88
                  SIZEOF_KW@80..86 "sizeof"
                  WHITESPACE@86..87 " "
                  IDENT_EXPR@87..88
                    IDENT@87..88 "z"
            SEMICOLON@88..89 ";"
    "#]],
    );
}

#[test]
fn postfix_and_prefix() {
    check(
        "int x = -*p++ + !a[1]->b.c(2, 3)-- + ~__real__ z + __imag__ z + __extension__ 1;",
        expect![[r#"
        TRANSLATION_UNIT@0..80
          DECLARATION@0..80
            DECL_SPECS@0..3
              INT_KW@0..3 "int"
            WHITESPACE@3..4 " "
            INIT_DECLARATOR@4..79
              NAME@4..5
                IDENT@4..5 "x"
              WHITESPACE@5..6 " "
              EQ@6..7 "="
              WHITESPACE@7..8 " "
              BIN_EXPR@8..79
                BIN_EXPR@8..61
                  BIN_EXPR@8..48
                    BIN_EXPR@8..34
                      PREFIX_EXPR@8..13
                        MINUS@8..9 "-"
                        PREFIX_EXPR@9..13
                          STAR@9..10 "*"
                          POSTFIX_EXPR@10..13
                            IDENT_EXPR@10..11
                              IDENT@10..11 "p"
                            PLUS2@11..13 "++"
                      WHITESPACE@13..14 " "
                      PLUS@14..15 "+"
                      WHITESPACE@15..16 " "
                      PREFIX_EXPR@16..34
                        BANG@16..17 "!"
                        POSTFIX_EXPR@17..34
                          CALL_EXPR@17..32
                            MEMBER_EXPR@17..26
                              MEMBER_EXPR@17..24
                                INDEX_EXPR@17..21
                                  IDENT_EXPR@17..18
                                    IDENT@17..18 "a"
                                  L_BRACK@18..19 "["
                                  LITERAL@19..20
                                    NUMBER@19..20 "1"
                                  R_BRACK@20..21 "]"
                                ARROW@21..23 "->"
                                NAME_REF@23..24
                                  IDENT@23..24 "b"
                              DOT@24..25 "."
                              NAME_REF@25..26
                                IDENT@25..26 "c"
                            ARG_LIST@26..32
                              L_PAREN@26..27 "("
                              LITERAL@27..28
                                NUMBER@27..28 "2"
                              COMMA@28..29 ","
                              WHITESPACE@29..30 " "
                              LITERAL@30..31
                                NUMBER@30..31 "3"
                              R_PAREN@31..32 ")"
                          MINUS2@32..34 "--"
                    WHITESPACE@34..35 " "
                    PLUS@35..36 "+"
                    WHITESPACE@36..37 " "
                    PREFIX_EXPR@37..48
                      TILDE@37..38 "~"
                      PREFIX_EXPR@38..48
                        REAL_KW@38..46 "__real__"
                        WHITESPACE@46..47 " "
                        IDENT_EXPR@47..48
                          IDENT@47..48 "z"
                  WHITESPACE@48..49 " "
                  PLUS@49..50 "+"
                  WHITESPACE@50..51 " "
                  PREFIX_EXPR@51..61
                    IMAG_KW@51..59 "__imag__"
                    WHITESPACE@59..60 " "
                    IDENT_EXPR@60..61
                      IDENT@60..61 "z"
                WHITESPACE@61..62 " "
                PLUS@62..63 "+"
                WHITESPACE@63..64 " "
                PREFIX_EXPR@64..79
                  EXTENSION_KW@64..77 "__extension__"
                  WHITESPACE@77..78 " "
                  LITERAL@78..79
                    NUMBER@78..79 "1"
            SEMICOLON@79..80 ";"
    "#]],
    );
}

#[test]
fn conditional_without_middle_operand() {
    check(
        "int x = a ?: b;",
        expect![[r#"
        TRANSLATION_UNIT@0..15
          DECLARATION@0..15
            DECL_SPECS@0..3
              INT_KW@0..3 "int"
            WHITESPACE@3..4 " "
            INIT_DECLARATOR@4..14
              NAME@4..5
                IDENT@4..5 "x"
              WHITESPACE@5..6 " "
              EQ@6..7 "="
              WHITESPACE@7..8 " "
              COND_EXPR@8..14
                IDENT_EXPR@8..9
                  IDENT@8..9 "a"
                WHITESPACE@9..10 " "
                QUESTION@10..11 "?"
                COLON@11..12 ":"
                WHITESPACE@12..13 " "
                IDENT_EXPR@13..14
                  IDENT@13..14 "b"
            SEMICOLON@14..15 ";"
    "#]],
    );
}

#[test]
fn statement_expression() {
    check(
        "int f(void) { return ({ int y = 1; y + 1; }); }",
        expect![[r#"
        TRANSLATION_UNIT@0..47
          FUNCTION_DEF@0..47
            DECL_SPECS@0..3
              INT_KW@0..3 "int"
            WHITESPACE@3..4 " "
            FN_DECLARATOR@4..11
              NAME@4..5
                IDENT@4..5 "f"
              PARAM_LIST@5..11
                L_PAREN@5..6 "("
                PARAM_DECL@6..10
                  DECL_SPECS@6..10
                    VOID_KW@6..10 "void"
                R_PAREN@10..11 ")"
            WHITESPACE@11..12 " "
            COMPOUND_STMT@12..47
              L_CURLY@12..13 "{"
              WHITESPACE@13..14 " "
              RETURN_STMT@14..45
                RETURN_KW@14..20 "return"
                WHITESPACE@20..21 " "
                STMT_EXPR@21..44
                  L_PAREN@21..22 "("
                  COMPOUND_STMT@22..43
                    L_CURLY@22..23 "{"
                    WHITESPACE@23..24 " "
                    DECLARATION@24..34
                      DECL_SPECS@24..27
                        INT_KW@24..27 "int"
                      WHITESPACE@27..28 " "
                      INIT_DECLARATOR@28..33
                        NAME@28..29
                          IDENT@28..29 "y"
                        WHITESPACE@29..30 " "
                        EQ@30..31 "="
                        WHITESPACE@31..32 " "
                        LITERAL@32..33
                          NUMBER@32..33 "1"
                      SEMICOLON@33..34 ";"
                    WHITESPACE@34..35 " "
                    EXPR_STMT@35..41
                      BIN_EXPR@35..40
                        IDENT_EXPR@35..36
                          IDENT@35..36 "y"
                        WHITESPACE@36..37 " "
                        PLUS@37..38 "+"
                        WHITESPACE@38..39 " "
                        LITERAL@39..40
                          NUMBER@39..40 "1"
                      SEMICOLON@40..41 ";"
                    WHITESPACE@41..42 " "
                    R_CURLY@42..43 "}"
                  R_PAREN@43..44 ")"
                SEMICOLON@44..45 ";"
              WHITESPACE@45..46 " "
              R_CURLY@46..47 "}"
    "#]],
    );
}

#[test]
fn generic_selection() {
    check(
        "int x = _Generic(1.0, float: 1, double: 2, default: 3);",
        expect![[r#"
        TRANSLATION_UNIT@0..55
          DECLARATION@0..55
            DECL_SPECS@0..3
              INT_KW@0..3 "int"
            WHITESPACE@3..4 " "
            INIT_DECLARATOR@4..54
              NAME@4..5
                IDENT@4..5 "x"
              WHITESPACE@5..6 " "
              EQ@6..7 "="
              WHITESPACE@7..8 " "
              GENERIC_SELECTION@8..54
                GENERIC_KW@8..16 "_Generic"
                L_PAREN@16..17 "("
                LITERAL@17..20
                  NUMBER@17..20 "1.0"
                COMMA@20..21 ","
                WHITESPACE@21..22 " "
                GENERIC_ASSOC@22..30
                  TYPE_NAME@22..27
                    DECL_SPECS@22..27
                      FLOAT_KW@22..27 "float"
                  COLON@27..28 ":"
                  WHITESPACE@28..29 " "
                  LITERAL@29..30
                    NUMBER@29..30 "1"
                COMMA@30..31 ","
                WHITESPACE@31..32 " "
                GENERIC_ASSOC@32..41
                  TYPE_NAME@32..38
                    DECL_SPECS@32..38
                      DOUBLE_KW@32..38 "double"
                  COLON@38..39 ":"
                  WHITESPACE@39..40 " "
                  LITERAL@40..41
                    NUMBER@40..41 "2"
                COMMA@41..42 ","
                WHITESPACE@42..43 " "
                GENERIC_ASSOC@43..53
                  DEFAULT_KW@43..50 "default"
                  COLON@50..51 ":"
                  WHITESPACE@51..52 " "
                  LITERAL@52..53
                    NUMBER@52..53 "3"
                R_PAREN@53..54 ")"
            SEMICOLON@54..55 ";"
    "#]],
    );
}

#[test]
fn builtins_taking_types() {
    check(
        "int a = __builtin_offsetof(struct S, a.b[1].c);\nint b = __builtin_types_compatible_p(int, long);\n\
         int c = __builtin_choose_expr(1, 2, 3);\nvoid f(__builtin_va_list ap) { int d = __builtin_va_arg(ap, int); }\n\
         typedef int v4 __attribute__((vector_size(16)));\n\
         v4 e = __builtin_convertvector(w, v4);",
        expect![[r#"
            TRANSLATION_UNIT@0..292
              DECLARATION@0..47
                DECL_SPECS@0..3
                  INT_KW@0..3 "int"
                WHITESPACE@3..4 " "
                INIT_DECLARATOR@4..46
                  NAME@4..5
                    IDENT@4..5 "a"
                  WHITESPACE@5..6 " "
                  EQ@6..7 "="
                  WHITESPACE@7..8 " "
                  OFFSETOF_EXPR@8..46
                    BUILTIN_OFFSETOF_KW@8..26 "__builtin_offsetof"
                    L_PAREN@26..27 "("
                    TYPE_NAME@27..35
                      DECL_SPECS@27..35
                        STRUCT_SPEC@27..35
                          STRUCT_KW@27..33 "struct"
                          WHITESPACE@33..34 " "
                          NAME@34..35
                            IDENT@34..35 "S"
                    COMMA@35..36 ","
                    WHITESPACE@36..37 " "
                    OFFSETOF_DESIGNATOR@37..45
                      NAME_REF@37..38
                        IDENT@37..38 "a"
                      DOT@38..39 "."
                      NAME_REF@39..40
                        IDENT@39..40 "b"
                      L_BRACK@40..41 "["
                      LITERAL@41..42
                        NUMBER@41..42 "1"
                      R_BRACK@42..43 "]"
                      DOT@43..44 "."
                      NAME_REF@44..45
                        IDENT@44..45 "c"
                    R_PAREN@45..46 ")"
                SEMICOLON@46..47 ";"
              NEWLINE@47..48 "\n"
              DECLARATION@48..96
                DECL_SPECS@48..51
                  INT_KW@48..51 "int"
                WHITESPACE@51..52 " "
                INIT_DECLARATOR@52..95
                  NAME@52..53
                    IDENT@52..53 "b"
                  WHITESPACE@53..54 " "
                  EQ@54..55 "="
                  WHITESPACE@55..56 " "
                  TYPES_COMPATIBLE_EXPR@56..95
                    BUILTIN_TYPES_COMPATIBLE_P_KW@56..84 "__builtin_types_compatible_p"
                    L_PAREN@84..85 "("
                    TYPE_NAME@85..88
                      DECL_SPECS@85..88
                        INT_KW@85..88 "int"
                    COMMA@88..89 ","
                    WHITESPACE@89..90 " "
                    TYPE_NAME@90..94
                      DECL_SPECS@90..94
                        LONG_KW@90..94 "long"
                    R_PAREN@94..95 ")"
                SEMICOLON@95..96 ";"
              NEWLINE@96..97 "\n"
              DECLARATION@97..136
                DECL_SPECS@97..100
                  INT_KW@97..100 "int"
                WHITESPACE@100..101 " "
                INIT_DECLARATOR@101..135
                  NAME@101..102
                    IDENT@101..102 "c"
                  WHITESPACE@102..103 " "
                  EQ@103..104 "="
                  WHITESPACE@104..105 " "
                  CHOOSE_EXPR@105..135
                    BUILTIN_CHOOSE_EXPR_KW@105..126 "__builtin_choose_expr"
                    L_PAREN@126..127 "("
                    LITERAL@127..128
                      NUMBER@127..128 "1"
                    COMMA@128..129 ","
                    WHITESPACE@129..130 " "
                    LITERAL@130..131
                      NUMBER@130..131 "2"
                    COMMA@131..132 ","
                    WHITESPACE@132..133 " "
                    LITERAL@133..134
                      NUMBER@133..134 "3"
                    R_PAREN@134..135 ")"
                SEMICOLON@135..136 ";"
              NEWLINE@136..137 "\n"
              FUNCTION_DEF@137..204
                DECL_SPECS@137..141
                  VOID_KW@137..141 "void"
                WHITESPACE@141..142 " "
                FN_DECLARATOR@142..165
                  NAME@142..143
                    IDENT@142..143 "f"
                  PARAM_LIST@143..165
                    L_PAREN@143..144 "("
                    PARAM_DECL@144..164
                      DECL_SPECS@144..161
                        TYPEDEF_NAME@144..161
                          IDENT@144..161 "__builtin_va_list"
                      WHITESPACE@161..162 " "
                      NAME@162..164
                        IDENT@162..164 "ap"
                    R_PAREN@164..165 ")"
                WHITESPACE@165..166 " "
                COMPOUND_STMT@166..204
                  L_CURLY@166..167 "{"
                  WHITESPACE@167..168 " "
                  DECLARATION@168..202
                    DECL_SPECS@168..171
                      INT_KW@168..171 "int"
                    WHITESPACE@171..172 " "
                    INIT_DECLARATOR@172..201
                      NAME@172..173
                        IDENT@172..173 "d"
                      WHITESPACE@173..174 " "
                      EQ@174..175 "="
                      WHITESPACE@175..176 " "
                      VA_ARG_EXPR@176..201
                        BUILTIN_VA_ARG_KW@176..192 "__builtin_va_arg"
                        L_PAREN@192..193 "("
                        IDENT_EXPR@193..195
                          IDENT@193..195 "ap"
                        COMMA@195..196 ","
                        WHITESPACE@196..197 " "
                        TYPE_NAME@197..200
                          DECL_SPECS@197..200
                            INT_KW@197..200 "int"
                        R_PAREN@200..201 ")"
                    SEMICOLON@201..202 ";"
                  WHITESPACE@202..203 " "
                  R_CURLY@203..204 "}"
              NEWLINE@204..205 "\n"
              DECLARATION@205..253
                DECL_SPECS@205..216
                  TYPEDEF_KW@205..212 "typedef"
                  WHITESPACE@212..213 " "
                  INT_KW@213..216 "int"
                WHITESPACE@216..217 " "
                INIT_DECLARATOR@217..252
                  NAME@217..219
                    IDENT@217..219 "v4"
                  WHITESPACE@219..220 " "
                  ATTRIBUTE_SPEC@220..252
                    ATTRIBUTE_KW@220..233 "__attribute__"
                    L_PAREN@233..234 "("
                    L_PAREN@234..235 "("
                    ATTRIBUTE@235..250
                      IDENT@235..246 "vector_size"
                      ATTRIBUTE_ARGS@246..250
                        L_PAREN@246..247 "("
                        LITERAL@247..249
                          NUMBER@247..249 "16"
                        R_PAREN@249..250 ")"
                    R_PAREN@250..251 ")"
                    R_PAREN@251..252 ")"
                SEMICOLON@252..253 ";"
              NEWLINE@253..254 "\n"
              DECLARATION@254..292
                DECL_SPECS@254..256
                  TYPEDEF_NAME@254..256
                    IDENT@254..256 "v4"
                WHITESPACE@256..257 " "
                INIT_DECLARATOR@257..291
                  NAME@257..258
                    IDENT@257..258 "e"
                  WHITESPACE@258..259 " "
                  EQ@259..260 "="
                  WHITESPACE@260..261 " "
                  CONVERTVECTOR_EXPR@261..291
                    BUILTIN_CONVERTVECTOR_KW@261..284 "__builtin_convertvector"
                    L_PAREN@284..285 "("
                    IDENT_EXPR@285..286
                      IDENT@285..286 "w"
                    COMMA@286..287 ","
                    WHITESPACE@287..288 " "
                    TYPE_NAME@288..290
                      DECL_SPECS@288..290
                        TYPEDEF_NAME@288..290
                          IDENT@288..290 "v4"
                    R_PAREN@290..291 ")"
                SEMICOLON@291..292 ";"
        "#]],
    );
}

#[test]
fn alignof_spellings() {
    check(
        "int a = _Alignof(int) + __alignof__(long) + __alignof(x);",
        expect![[r#"
        TRANSLATION_UNIT@0..57
          DECLARATION@0..57
            DECL_SPECS@0..3
              INT_KW@0..3 "int"
            WHITESPACE@3..4 " "
            INIT_DECLARATOR@4..56
              NAME@4..5
                IDENT@4..5 "a"
              WHITESPACE@5..6 " "
              EQ@6..7 "="
              WHITESPACE@7..8 " "
              BIN_EXPR@8..56
                BIN_EXPR@8..41
                  ALIGNOF_EXPR@8..21
                    ALIGNOF_KW@8..16 "_Alignof"
                    L_PAREN@16..17 "("
                    TYPE_NAME@17..20
                      DECL_SPECS@17..20
                        INT_KW@17..20 "int"
                    R_PAREN@20..21 ")"
                  WHITESPACE@21..22 " "
                  PLUS@22..23 "+"
                  WHITESPACE@23..24 " "
                  ALIGNOF_EXPR@24..41
                    ALIGNOF_KW@24..35 "__alignof__"
                    L_PAREN@35..36 "("
                    TYPE_NAME@36..40
                      DECL_SPECS@36..40
                        LONG_KW@36..40 "long"
                    R_PAREN@40..41 ")"
                WHITESPACE@41..42 " "
                PLUS@42..43 "+"
                WHITESPACE@43..44 " "
                ALIGNOF_EXPR@44..56
                  ALIGNOF_KW@44..53 "__alignof"
                  PAREN_EXPR@53..56
                    L_PAREN@53..54 "("
                    IDENT_EXPR@54..55
                      IDENT@54..55 "x"
                    R_PAREN@55..56 ")"
            SEMICOLON@56..57 ";"
    "#]],
    );
}

#[test]
fn string_concatenation() {
    check(
        "char *s = \"a\" L\"b\"\n  \"c\";",
        expect![[r#"
        TRANSLATION_UNIT@0..25
          DECLARATION@0..25
            DECL_SPECS@0..4
              CHAR_KW@0..4 "char"
            WHITESPACE@4..5 " "
            INIT_DECLARATOR@5..24
              POINTER_DECLARATOR@5..7
                STAR@5..6 "*"
                NAME@6..7
                  IDENT@6..7 "s"
              WHITESPACE@7..8 " "
              EQ@8..9 "="
              WHITESPACE@9..10 " "
              LITERAL@10..24
                STRING@10..13 "\"a\""
                WHITESPACE@13..14 " "
                STRING@14..18 "L\"b\""
                NEWLINE@18..19 "\n"
                WHITESPACE@19..21 "  "
                STRING@21..24 "\"c\""
            SEMICOLON@24..25 ";"
    "#]],
    );
}

// Errors and recovery.

#[test]
fn missing_semicolon() {
    check(
        "int x\nint y;",
        expect![[r#"
        TRANSLATION_UNIT@0..12
          DECLARATION@0..5
            DECL_SPECS@0..3
              INT_KW@0..3 "int"
            WHITESPACE@3..4 " "
            INIT_DECLARATOR@4..5
              NAME@4..5
                IDENT@4..5 "x"
          NEWLINE@5..6 "\n"
          DECLARATION@6..12
            DECL_SPECS@6..9
              INT_KW@6..9 "int"
            WHITESPACE@9..10 " "
            INIT_DECLARATOR@10..11
              NAME@10..11
                IDENT@10..11 "y"
            SEMICOLON@11..12 ";"
        error at 4 "int": expected '=', ',', ';', 'asm' or '__attribute__' before 'int'
    "#]],
    );
}

#[test]
fn bad_statement_recovers() {
    check(
        "void f(void) { x = ; y = 1 }\nint z;",
        expect![[r#"
        TRANSLATION_UNIT@0..35
          FUNCTION_DEF@0..28
            DECL_SPECS@0..4
              VOID_KW@0..4 "void"
            WHITESPACE@4..5 " "
            FN_DECLARATOR@5..12
              NAME@5..6
                IDENT@5..6 "f"
              PARAM_LIST@6..12
                L_PAREN@6..7 "("
                PARAM_DECL@7..11
                  DECL_SPECS@7..11
                    VOID_KW@7..11 "void"
                R_PAREN@11..12 ")"
            WHITESPACE@12..13 " "
            COMPOUND_STMT@13..28
              L_CURLY@13..14 "{"
              WHITESPACE@14..15 " "
              EXPR_STMT@15..20
                BIN_EXPR@15..18
                  IDENT_EXPR@15..16
                    IDENT@15..16 "x"
                  WHITESPACE@16..17 " "
                  EQ@17..18 "="
                WHITESPACE@18..19 " "
                SEMICOLON@19..20 ";"
              WHITESPACE@20..21 " "
              EXPR_STMT@21..26
                BIN_EXPR@21..26
                  IDENT_EXPR@21..22
                    IDENT@21..22 "y"
                  WHITESPACE@22..23 " "
                  EQ@23..24 "="
                  WHITESPACE@24..25 " "
                  LITERAL@25..26
                    NUMBER@25..26 "1"
              WHITESPACE@26..27 " "
              R_CURLY@27..28 "}"
          NEWLINE@28..29 "\n"
          DECLARATION@29..35
            DECL_SPECS@29..32
              INT_KW@29..32 "int"
            WHITESPACE@32..33 " "
            INIT_DECLARATOR@33..34
              NAME@33..34
                IDENT@33..34 "z"
            SEMICOLON@34..35 ";"
        error at 13 ";": expected expression before ';' token
        error at 21 "}": expected ';' before '}' token
    "#]],
    );
}

#[test]
fn stray_tokens_at_file_scope() {
    check(
        ") @ int x; }",
        expect![[r#"
        TRANSLATION_UNIT@0..12
          ERROR@0..1
            R_PAREN@0..1 ")"
          WHITESPACE@1..2 " "
          ERROR@2..3
            ERROR_TOKEN@2..3 "@"
          WHITESPACE@3..4 " "
          DECLARATION@4..10
            DECL_SPECS@4..7
              INT_KW@4..7 "int"
            WHITESPACE@7..8 " "
            INIT_DECLARATOR@8..9
              NAME@8..9
                IDENT@8..9 "x"
            SEMICOLON@9..10 ";"
          WHITESPACE@10..11 " "
          ERROR@11..12
            R_CURLY@11..12 "}"
        error at 0 ")": expected identifier or '(' before ')' token
        error at 2 "@": expected identifier or '(' before '@' token
        error at 9 "}": expected identifier or '(' before '}' token
    "#]],
    );
}

#[test]
fn unterminated_function() {
    check(
        "void f(void) { if (",
        expect![[r#"
        TRANSLATION_UNIT@0..19
          FUNCTION_DEF@0..19
            DECL_SPECS@0..4
              VOID_KW@0..4 "void"
            WHITESPACE@4..5 " "
            FN_DECLARATOR@5..12
              NAME@5..6
                IDENT@5..6 "f"
              PARAM_LIST@6..12
                L_PAREN@6..7 "("
                PARAM_DECL@7..11
                  DECL_SPECS@7..11
                    VOID_KW@7..11 "void"
                R_PAREN@11..12 ")"
            WHITESPACE@12..13 " "
            COMPOUND_STMT@13..19
              L_CURLY@13..14 "{"
              WHITESPACE@14..15 " "
              IF_STMT@15..19
                IF_KW@15..17 "if"
                WHITESPACE@17..18 " "
                L_PAREN@18..19 "("
                EXPR_STMT@19..19
        error at 12 "<end>": expected expression at end of input
    "#]],
    );
}

#[test]
fn several_errors_in_one_run() {
    check(
        "int a = ;\nint b = (1;\nstruct { int c d; } e;\nvoid g(void) { return 1 }",
        expect![[r#"
        TRANSLATION_UNIT@0..70
          DECLARATION@0..9
            DECL_SPECS@0..3
              INT_KW@0..3 "int"
            WHITESPACE@3..4 " "
            INIT_DECLARATOR@4..7
              NAME@4..5
                IDENT@4..5 "a"
              WHITESPACE@5..6 " "
              EQ@6..7 "="
            WHITESPACE@7..8 " "
            SEMICOLON@8..9 ";"
          NEWLINE@9..10 "\n"
          DECLARATION@10..21
            DECL_SPECS@10..13
              INT_KW@10..13 "int"
            WHITESPACE@13..14 " "
            INIT_DECLARATOR@14..20
              NAME@14..15
                IDENT@14..15 "b"
              WHITESPACE@15..16 " "
              EQ@16..17 "="
              WHITESPACE@17..18 " "
              PAREN_EXPR@18..20
                L_PAREN@18..19 "("
                LITERAL@19..20
                  NUMBER@19..20 "1"
            SEMICOLON@20..21 ";"
          NEWLINE@21..22 "\n"
          DECLARATION@22..44
            DECL_SPECS@22..41
              STRUCT_SPEC@22..41
                STRUCT_KW@22..28 "struct"
                WHITESPACE@28..29 " "
                MEMBER_LIST@29..41
                  L_CURLY@29..30 "{"
                  WHITESPACE@30..31 " "
                  MEMBER_DECL@31..39
                    DECL_SPECS@31..34
                      INT_KW@31..34 "int"
                    WHITESPACE@34..35 " "
                    MEMBER_DECLARATOR@35..36
                      NAME@35..36
                        IDENT@35..36 "c"
                    WHITESPACE@36..37 " "
                    ERROR@37..39
                      IDENT@37..38 "d"
                      SEMICOLON@38..39 ";"
                  WHITESPACE@39..40 " "
                  R_CURLY@40..41 "}"
            WHITESPACE@41..42 " "
            INIT_DECLARATOR@42..43
              NAME@42..43
                IDENT@42..43 "e"
            SEMICOLON@43..44 ";"
          NEWLINE@44..45 "\n"
          FUNCTION_DEF@45..70
            DECL_SPECS@45..49
              VOID_KW@45..49 "void"
            WHITESPACE@49..50 " "
            FN_DECLARATOR@50..57
              NAME@50..51
                IDENT@50..51 "g"
              PARAM_LIST@51..57
                L_PAREN@51..52 "("
                PARAM_DECL@52..56
                  DECL_SPECS@52..56
                    VOID_KW@52..56 "void"
                R_PAREN@56..57 ")"
            WHITESPACE@57..58 " "
            COMPOUND_STMT@58..70
              L_CURLY@58..59 "{"
              WHITESPACE@59..60 " "
              RETURN_STMT@60..68
                RETURN_KW@60..66 "return"
                WHITESPACE@66..67 " "
                LITERAL@67..68
                  NUMBER@67..68 "1"
              WHITESPACE@68..69 " "
              R_CURLY@69..70 "}"
        error at 6 ";": expected expression before ';' token
        error at 16 ";": expected ')' before ';' token
        error at 26 "d": expected ':', ',', ';', '}' or '__attribute__' before 'd'
        error at 47 "}": expected ';' before '}' token
    "#]],
    );
}

#[test]
fn unknown_type_names() {
    check(
        "foo_t a;\nvoid f(size_t n) { bar_t b = n; }",
        expect![[r#"
        TRANSLATION_UNIT@0..42
          DECLARATION@0..8
            DECL_SPECS@0..5
              TYPEDEF_NAME@0..5
                IDENT@0..5 "foo_t"
            WHITESPACE@5..6 " "
            INIT_DECLARATOR@6..7
              NAME@6..7
                IDENT@6..7 "a"
            SEMICOLON@7..8 ";"
          NEWLINE@8..9 "\n"
          FUNCTION_DEF@9..42
            DECL_SPECS@9..13
              VOID_KW@9..13 "void"
            WHITESPACE@13..14 " "
            FN_DECLARATOR@14..25
              NAME@14..15
                IDENT@14..15 "f"
              PARAM_LIST@15..25
                L_PAREN@15..16 "("
                PARAM_DECL@16..24
                  DECL_SPECS@16..22
                    TYPEDEF_NAME@16..22
                      IDENT@16..22 "size_t"
                  WHITESPACE@22..23 " "
                  NAME@23..24
                    IDENT@23..24 "n"
                R_PAREN@24..25 ")"
            WHITESPACE@25..26 " "
            COMPOUND_STMT@26..42
              L_CURLY@26..27 "{"
              WHITESPACE@27..28 " "
              DECLARATION@28..40
                DECL_SPECS@28..33
                  TYPEDEF_NAME@28..33
                    IDENT@28..33 "bar_t"
                WHITESPACE@33..34 " "
                INIT_DECLARATOR@34..39
                  NAME@34..35
                    IDENT@34..35 "b"
                  WHITESPACE@35..36 " "
                  EQ@36..37 "="
                  WHITESPACE@37..38 " "
                  IDENT_EXPR@38..39
                    IDENT@38..39 "n"
                SEMICOLON@39..40 ";"
              WHITESPACE@40..41 " "
              R_CURLY@41..42 "}"
        error at 0 "foo_t": unknown type name 'foo_t'
        error at 9 "size_t": unknown type name 'size_t'
        error at 16 "bar_t": unknown type name 'bar_t'
    "#]],
    );
}

#[test]
fn attributes_on_parameters() {
    check(
        "void f(int a __attribute__((unused)), __attribute__((nonnull)) char *b);",
        expect![[r#"
        TRANSLATION_UNIT@0..72
          DECLARATION@0..72
            DECL_SPECS@0..4
              VOID_KW@0..4 "void"
            WHITESPACE@4..5 " "
            INIT_DECLARATOR@5..71
              FN_DECLARATOR@5..71
                NAME@5..6
                  IDENT@5..6 "f"
                PARAM_LIST@6..71
                  L_PAREN@6..7 "("
                  PARAM_DECL@7..36
                    DECL_SPECS@7..10
                      INT_KW@7..10 "int"
                    WHITESPACE@10..11 " "
                    NAME@11..12
                      IDENT@11..12 "a"
                    WHITESPACE@12..13 " "
                    ATTRIBUTE_SPEC@13..36
                      ATTRIBUTE_KW@13..26 "__attribute__"
                      L_PAREN@26..27 "("
                      L_PAREN@27..28 "("
                      ATTRIBUTE@28..34
                        IDENT@28..34 "unused"
                      R_PAREN@34..35 ")"
                      R_PAREN@35..36 ")"
                  COMMA@36..37 ","
                  WHITESPACE@37..38 " "
                  PARAM_DECL@38..70
                    DECL_SPECS@38..67
                      ATTRIBUTE_SPEC@38..62
                        ATTRIBUTE_KW@38..51 "__attribute__"
                        L_PAREN@51..52 "("
                        L_PAREN@52..53 "("
                        ATTRIBUTE@53..60
                          IDENT@53..60 "nonnull"
                        R_PAREN@60..61 ")"
                        R_PAREN@61..62 ")"
                      WHITESPACE@62..63 " "
                      CHAR_KW@63..67 "char"
                    WHITESPACE@67..68 " "
                    POINTER_DECLARATOR@68..70
                      STAR@68..69 "*"
                      NAME@69..70
                        IDENT@69..70 "b"
                  R_PAREN@70..71 ")"
            SEMICOLON@71..72 ";"
    "#]],
    );
}

#[test]
fn more_keyword_spellings() {
    check(
        "__inline __volatile __restrict __const__ __signed long __typeof(1) a;\n\
         int b = __alignof(int) + __real a + __imag a;\n\
         int c __asm(\"d\") __attribute((unused));\n\
         _Float16 e; _Float32 f; _Float64 g; _Float32x h; _Float64x i;",
        expect![[r#"
            TRANSLATION_UNIT@0..217
              DECLARATION@0..69
                DECL_SPECS@0..66
                  INLINE_KW@0..8 "__inline"
                  WHITESPACE@8..9 " "
                  VOLATILE_KW@9..19 "__volatile"
                  WHITESPACE@19..20 " "
                  RESTRICT_KW@20..30 "__restrict"
                  WHITESPACE@30..31 " "
                  CONST_KW@31..40 "__const__"
                  WHITESPACE@40..41 " "
                  SIGNED_KW@41..49 "__signed"
                  WHITESPACE@49..50 " "
                  LONG_KW@50..54 "long"
                  WHITESPACE@54..55 " "
                  TYPEOF_SPEC@55..66
                    TYPEOF_KW@55..63 "__typeof"
                    L_PAREN@63..64 "("
                    LITERAL@64..65
                      NUMBER@64..65 "1"
                    R_PAREN@65..66 ")"
                WHITESPACE@66..67 " "
                INIT_DECLARATOR@67..68
                  NAME@67..68
                    IDENT@67..68 "a"
                SEMICOLON@68..69 ";"
              NEWLINE@69..70 "\n"
              DECLARATION@70..115
                DECL_SPECS@70..73
                  INT_KW@70..73 "int"
                WHITESPACE@73..74 " "
                INIT_DECLARATOR@74..114
                  NAME@74..75
                    IDENT@74..75 "b"
                  WHITESPACE@75..76 " "
                  EQ@76..77 "="
                  WHITESPACE@77..78 " "
                  BIN_EXPR@78..114
                    BIN_EXPR@78..103
                      ALIGNOF_EXPR@78..92
                        ALIGNOF_KW@78..87 "__alignof"
                        L_PAREN@87..88 "("
                        TYPE_NAME@88..91
                          DECL_SPECS@88..91
                            INT_KW@88..91 "int"
                        R_PAREN@91..92 ")"
                      WHITESPACE@92..93 " "
                      PLUS@93..94 "+"
                      WHITESPACE@94..95 " "
                      PREFIX_EXPR@95..103
                        REAL_KW@95..101 "__real"
                        WHITESPACE@101..102 " "
                        IDENT_EXPR@102..103
                          IDENT@102..103 "a"
                    WHITESPACE@103..104 " "
                    PLUS@104..105 "+"
                    WHITESPACE@105..106 " "
                    PREFIX_EXPR@106..114
                      IMAG_KW@106..112 "__imag"
                      WHITESPACE@112..113 " "
                      IDENT_EXPR@113..114
                        IDENT@113..114 "a"
                SEMICOLON@114..115 ";"
              NEWLINE@115..116 "\n"
              DECLARATION@116..155
                DECL_SPECS@116..119
                  INT_KW@116..119 "int"
                WHITESPACE@119..120 " "
                INIT_DECLARATOR@120..154
                  NAME@120..121
                    IDENT@120..121 "c"
                  WHITESPACE@121..122 " "
                  ASM_LABEL@122..132
                    ASM_KW@122..127 "__asm"
                    L_PAREN@127..128 "("
                    LITERAL@128..131
                      STRING@128..131 "\"d\""
                    R_PAREN@131..132 ")"
                  WHITESPACE@132..133 " "
                  ATTRIBUTE_SPEC@133..154
                    ATTRIBUTE_KW@133..144 "__attribute"
                    L_PAREN@144..145 "("
                    L_PAREN@145..146 "("
                    ATTRIBUTE@146..152
                      IDENT@146..152 "unused"
                    R_PAREN@152..153 ")"
                    R_PAREN@153..154 ")"
                SEMICOLON@154..155 ";"
              NEWLINE@155..156 "\n"
              DECLARATION@156..167
                DECL_SPECS@156..164
                  FLOAT16_KW@156..164 "_Float16"
                WHITESPACE@164..165 " "
                INIT_DECLARATOR@165..166
                  NAME@165..166
                    IDENT@165..166 "e"
                SEMICOLON@166..167 ";"
              WHITESPACE@167..168 " "
              DECLARATION@168..179
                DECL_SPECS@168..176
                  FLOAT32_KW@168..176 "_Float32"
                WHITESPACE@176..177 " "
                INIT_DECLARATOR@177..178
                  NAME@177..178
                    IDENT@177..178 "f"
                SEMICOLON@178..179 ";"
              WHITESPACE@179..180 " "
              DECLARATION@180..191
                DECL_SPECS@180..188
                  FLOAT64_KW@180..188 "_Float64"
                WHITESPACE@188..189 " "
                INIT_DECLARATOR@189..190
                  NAME@189..190
                    IDENT@189..190 "g"
                SEMICOLON@190..191 ";"
              WHITESPACE@191..192 " "
              DECLARATION@192..204
                DECL_SPECS@192..201
                  FLOAT32X_KW@192..201 "_Float32x"
                WHITESPACE@201..202 " "
                INIT_DECLARATOR@202..203
                  NAME@202..203
                    IDENT@202..203 "h"
                SEMICOLON@203..204 ";"
              WHITESPACE@204..205 " "
              DECLARATION@205..217
                DECL_SPECS@205..214
                  FLOAT64X_KW@205..214 "_Float64x"
                WHITESPACE@214..215 " "
                INIT_DECLARATOR@215..216
                  NAME@215..216
                    IDENT@215..216 "i"
                SEMICOLON@216..217 ";"
        "#]],
    );
}

#[test]
fn asm_inline_and_empty_sections() {
    check(
        "void f(void) { asm inline (\"\" ::: \"memory\"); __asm__ __volatile__ goto (\"\" :::: l); l: ; }",
        expect![[r#"
        TRANSLATION_UNIT@0..90
          FUNCTION_DEF@0..90
            DECL_SPECS@0..4
              VOID_KW@0..4 "void"
            WHITESPACE@4..5 " "
            FN_DECLARATOR@5..12
              NAME@5..6
                IDENT@5..6 "f"
              PARAM_LIST@6..12
                L_PAREN@6..7 "("
                PARAM_DECL@7..11
                  DECL_SPECS@7..11
                    VOID_KW@7..11 "void"
                R_PAREN@11..12 ")"
            WHITESPACE@12..13 " "
            COMPOUND_STMT@13..90
              L_CURLY@13..14 "{"
              WHITESPACE@14..15 " "
              ASM_STMT@15..44
                ASM_KW@15..18 "asm"
                WHITESPACE@18..19 " "
                INLINE_KW@19..25 "inline"
                WHITESPACE@25..26 " "
                L_PAREN@26..27 "("
                LITERAL@27..29
                  STRING@27..29 "\"\""
                WHITESPACE@29..30 " "
                ASM_OUTPUTS@30..31
                  COLON@30..31 ":"
                ASM_INPUTS@31..32
                  COLON@31..32 ":"
                ASM_CLOBBERS@32..42
                  COLON@32..33 ":"
                  WHITESPACE@33..34 " "
                  LITERAL@34..42
                    STRING@34..42 "\"memory\""
                R_PAREN@42..43 ")"
                SEMICOLON@43..44 ";"
              WHITESPACE@44..45 " "
              ASM_STMT@45..83
                ASM_KW@45..52 "__asm__"
                WHITESPACE@52..53 " "
                VOLATILE_KW@53..65 "__volatile__"
                WHITESPACE@65..66 " "
                GOTO_KW@66..70 "goto"
                WHITESPACE@70..71 " "
                L_PAREN@71..72 "("
                LITERAL@72..74
                  STRING@72..74 "\"\""
                WHITESPACE@74..75 " "
                ASM_OUTPUTS@75..76
                  COLON@75..76 ":"
                ASM_INPUTS@76..77
                  COLON@76..77 ":"
                ASM_CLOBBERS@77..78
                  COLON@77..78 ":"
                ASM_LABELS@78..81
                  COLON@78..79 ":"
                  WHITESPACE@79..80 " "
                  NAME_REF@80..81
                    IDENT@80..81 "l"
                R_PAREN@81..82 ")"
                SEMICOLON@82..83 ";"
              WHITESPACE@83..84 " "
              LABELED_STMT@84..88
                NAME@84..85
                  IDENT@84..85 "l"
                COLON@85..86 ":"
                WHITESPACE@86..87 " "
                EMPTY_STMT@87..88
                  SEMICOLON@87..88 ";"
              WHITESPACE@88..89 " "
              R_CURLY@89..90 "}"
    "#]],
    );
}

#[test]
fn builtin_has_attribute() {
    check(
        "int a = __builtin_has_attribute(int *, aligned(8)) + __builtin_has_attribute(a, unused);",
        expect![[r#"
            TRANSLATION_UNIT@0..88
              DECLARATION@0..88
                DECL_SPECS@0..3
                  INT_KW@0..3 "int"
                WHITESPACE@3..4 " "
                INIT_DECLARATOR@4..87
                  NAME@4..5
                    IDENT@4..5 "a"
                  WHITESPACE@5..6 " "
                  EQ@6..7 "="
                  WHITESPACE@7..8 " "
                  BIN_EXPR@8..87
                    HAS_ATTRIBUTE_EXPR@8..50
                      BUILTIN_HAS_ATTRIBUTE_KW@8..31 "__builtin_has_attribute"
                      L_PAREN@31..32 "("
                      TYPE_NAME@32..37
                        DECL_SPECS@32..35
                          INT_KW@32..35 "int"
                        WHITESPACE@35..36 " "
                        POINTER_DECLARATOR@36..37
                          STAR@36..37 "*"
                      COMMA@37..38 ","
                      WHITESPACE@38..39 " "
                      ATTRIBUTE@39..49
                        IDENT@39..46 "aligned"
                        ATTRIBUTE_ARGS@46..49
                          L_PAREN@46..47 "("
                          LITERAL@47..48
                            NUMBER@47..48 "8"
                          R_PAREN@48..49 ")"
                      R_PAREN@49..50 ")"
                    WHITESPACE@50..51 " "
                    PLUS@51..52 "+"
                    WHITESPACE@52..53 " "
                    HAS_ATTRIBUTE_EXPR@53..87
                      BUILTIN_HAS_ATTRIBUTE_KW@53..76 "__builtin_has_attribute"
                      L_PAREN@76..77 "("
                      IDENT_EXPR@77..78
                        IDENT@77..78 "a"
                      COMMA@78..79 ","
                      WHITESPACE@79..80 " "
                      ATTRIBUTE@80..86
                        IDENT@80..86 "unused"
                      R_PAREN@86..87 ")"
                SEMICOLON@87..88 ";"
        "#]],
    );
}
