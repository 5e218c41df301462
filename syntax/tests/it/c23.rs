//! C23 syntax as gcc 15 parses it by default (gnu23) and under the kernel's `-std=gnu11`:
//! the keywords depend on the dialect the invocation gives the preprocessed TU.

use std::path::Path;

use expect_test::expect;
use syntax::invocation::parse_invocation;
use syntax::parse_tu::parse_tu;
use syntax::parser::debug_tree;
use syntax::pp::{BuildClock, MemoryLoader, PpConfig, preprocess};

/// The tree of `source` compiled by `compiler` with `options`, and the syntax errors.
fn parse_as(compiler: &str, options: &[&str], source: &str) -> String {
    let mut args: Vec<String> = options.iter().map(|o| (*o).to_owned()).collect();
    args.extend(["-nostdinc".to_owned(), "/t.c".to_owned()]);
    let invocation = match parse_invocation(compiler, &args, Path::new("/")) {
        Ok(invocation) => invocation,
        Err(err) => return format!("invocation: {err}"),
    };
    let config = PpConfig::from_invocation(&invocation, &BuildClock::from_epoch(0));
    let mut loader = MemoryLoader::new([("/t.c", source)]);
    let tu = preprocess(&config, &mut loader);
    let parsed = parse_tu(&tu);
    let mut out = debug_tree(&parsed.parse.syntax_node());
    for error in &parsed.parse.errors {
        out.push_str(&format!("error: {}\n", error.message));
    }
    out
}

#[test]
fn c23_keywords_and_bitint() {
    let source = "constexpr bool t = true;\nvoid *p = nullptr;\n\
                  typeof_unqual(const int) u;\nunsigned _BitInt(9) b;\n\
                  static_assert(alignof(int) == 4);\n";
    expect![[r#"
        TRANSLATION_UNIT@0..129
          DECLARATION@0..24
            DECL_SPECS@0..14
              CONSTEXPR_KW@0..9 "constexpr"
              WHITESPACE@9..10 " "
              BOOL_KW@10..14 "bool"
            WHITESPACE@14..15 " "
            INIT_DECLARATOR@15..23
              NAME@15..16
                IDENT@15..16 "t"
              WHITESPACE@16..17 " "
              EQ@17..18 "="
              WHITESPACE@18..19 " "
              LITERAL@19..23
                TRUE_KW@19..23 "true"
            SEMICOLON@23..24 ";"
          NEWLINE@24..25 "\n"
          DECLARATION@25..43
            DECL_SPECS@25..29
              VOID_KW@25..29 "void"
            WHITESPACE@29..30 " "
            INIT_DECLARATOR@30..42
              POINTER_DECLARATOR@30..32
                STAR@30..31 "*"
                NAME@31..32
                  IDENT@31..32 "p"
              WHITESPACE@32..33 " "
              EQ@33..34 "="
              WHITESPACE@34..35 " "
              LITERAL@35..42
                NULLPTR_KW@35..42 "nullptr"
            SEMICOLON@42..43 ";"
          NEWLINE@43..44 "\n"
          DECLARATION@44..71
            DECL_SPECS@44..68
              TYPEOF_SPEC@44..68
                TYPEOF_UNQUAL_KW@44..57 "typeof_unqual"
                L_PAREN@57..58 "("
                TYPE_NAME@58..67
                  DECL_SPECS@58..67
                    CONST_KW@58..63 "const"
                    WHITESPACE@63..64 " "
                    INT_KW@64..67 "int"
                R_PAREN@67..68 ")"
            WHITESPACE@68..69 " "
            INIT_DECLARATOR@69..70
              NAME@69..70
                IDENT@69..70 "u"
            SEMICOLON@70..71 ";"
          NEWLINE@71..72 "\n"
          DECLARATION@72..94
            DECL_SPECS@72..91
              UNSIGNED_KW@72..80 "unsigned"
              WHITESPACE@80..81 " "
              BITINT_SPEC@81..91
                BITINT_KW@81..88 "_BitInt"
                L_PAREN@88..89 "("
                LITERAL@89..90
                  NUMBER@89..90 "9"
                R_PAREN@90..91 ")"
            WHITESPACE@91..92 " "
            INIT_DECLARATOR@92..93
              NAME@92..93
                IDENT@92..93 "b"
            SEMICOLON@93..94 ";"
          NEWLINE@94..95 "\n"
          STATIC_ASSERT@95..128
            STATIC_ASSERT_KW@95..108 "static_assert"
            L_PAREN@108..109 "("
            BIN_EXPR@109..126
              ALIGNOF_EXPR@109..121
                ALIGNOF_KW@109..116 "alignof"
                L_PAREN@116..117 "("
                TYPE_NAME@117..120
                  DECL_SPECS@117..120
                    INT_KW@117..120 "int"
                R_PAREN@120..121 ")"
              WHITESPACE@121..122 " "
              EQ2@122..124 "=="
              WHITESPACE@124..125 " "
              LITERAL@125..126
                NUMBER@125..126 "4"
            R_PAREN@126..127 ")"
            SEMICOLON@127..128 ";"
          NEWLINE@128..129 "\n"
    "#]]
    .assert_eq(&parse_as("x86_64-gcc-15.x", &[], source));
}

#[test]
fn c23_statements_and_attributes() {
    let source = "[[nodiscard, gnu::always_inline]] inline int f(void) {\n\
                  auto x = 1; int a[2] = {}; thread_local static int n;\n\
                  if (false) [[gnu::cold]] {}\nreturn x + a[0] + n;\n}\n";
    expect![[r#"
        TRANSLATION_UNIT@0..160
          FUNCTION_DEF@0..159
            DECL_SPECS@0..44
              ATTRIBUTE_SPEC@0..33
                L_BRACK@0..1 "["
                L_BRACK@1..2 "["
                ATTRIBUTE@2..11
                  IDENT@2..11 "nodiscard"
                COMMA@11..12 ","
                WHITESPACE@12..13 " "
                ATTRIBUTE@13..31
                  IDENT@13..16 "gnu"
                  COLON@16..17 ":"
                  COLON@17..18 ":"
                  IDENT@18..31 "always_inline"
                R_BRACK@31..32 "]"
                R_BRACK@32..33 "]"
              WHITESPACE@33..34 " "
              INLINE_KW@34..40 "inline"
              WHITESPACE@40..41 " "
              INT_KW@41..44 "int"
            WHITESPACE@44..45 " "
            FN_DECLARATOR@45..52
              NAME@45..46
                IDENT@45..46 "f"
              PARAM_LIST@46..52
                L_PAREN@46..47 "("
                PARAM_DECL@47..51
                  DECL_SPECS@47..51
                    VOID_KW@47..51 "void"
                R_PAREN@51..52 ")"
            WHITESPACE@52..53 " "
            COMPOUND_STMT@53..159
              L_CURLY@53..54 "{"
              NEWLINE@54..55 "\n"
              DECLARATION@55..66
                DECL_SPECS@55..59
                  AUTO_KW@55..59 "auto"
                WHITESPACE@59..60 " "
                INIT_DECLARATOR@60..65
                  NAME@60..61
                    IDENT@60..61 "x"
                  WHITESPACE@61..62 " "
                  EQ@62..63 "="
                  WHITESPACE@63..64 " "
                  LITERAL@64..65
                    NUMBER@64..65 "1"
                SEMICOLON@65..66 ";"
              WHITESPACE@66..67 " "
              DECLARATION@67..81
                DECL_SPECS@67..70
                  INT_KW@67..70 "int"
                WHITESPACE@70..71 " "
                INIT_DECLARATOR@71..80
                  ARRAY_DECLARATOR@71..75
                    NAME@71..72
                      IDENT@71..72 "a"
                    L_BRACK@72..73 "["
                    LITERAL@73..74
                      NUMBER@73..74 "2"
                    R_BRACK@74..75 "]"
                  WHITESPACE@75..76 " "
                  EQ@76..77 "="
                  WHITESPACE@77..78 " "
                  INIT_LIST@78..80
                    L_CURLY@78..79 "{"
                    R_CURLY@79..80 "}"
                SEMICOLON@80..81 ";"
              WHITESPACE@81..82 " "
              DECLARATION@82..108
                DECL_SPECS@82..105
                  THREAD_LOCAL_KW@82..94 "thread_local"
                  WHITESPACE@94..95 " "
                  STATIC_KW@95..101 "static"
                  WHITESPACE@101..102 " "
                  INT_KW@102..105 "int"
                WHITESPACE@105..106 " "
                INIT_DECLARATOR@106..107
                  NAME@106..107
                    IDENT@106..107 "n"
                SEMICOLON@107..108 ";"
              NEWLINE@108..109 "\n"
              IF_STMT@109..136
                IF_KW@109..111 "if"
                WHITESPACE@111..112 " "
                L_PAREN@112..113 "("
                LITERAL@113..118
                  FALSE_KW@113..118 "false"
                R_PAREN@118..119 ")"
                WHITESPACE@119..120 " "
                ATTRIBUTE_STMT@120..136
                  ATTRIBUTE_SPEC@120..133
                    L_BRACK@120..121 "["
                    L_BRACK@121..122 "["
                    ATTRIBUTE@122..131
                      IDENT@122..125 "gnu"
                      COLON@125..126 ":"
                      COLON@126..127 ":"
                      IDENT@127..131 "cold"
                    R_BRACK@131..132 "]"
                    R_BRACK@132..133 "]"
                  WHITESPACE@133..134 " "
                  COMPOUND_STMT@134..136
                    L_CURLY@134..135 "{"
                    R_CURLY@135..136 "}"
              NEWLINE@136..137 "\n"
              RETURN_STMT@137..157
                RETURN_KW@137..143 "return"
                WHITESPACE@143..144 " "
                BIN_EXPR@144..156
                  BIN_EXPR@144..152
                    IDENT_EXPR@144..145
                      IDENT@144..145 "x"
                    WHITESPACE@145..146 " "
                    PLUS@146..147 "+"
                    WHITESPACE@147..148 " "
                    INDEX_EXPR@148..152
                      IDENT_EXPR@148..149
                        IDENT@148..149 "a"
                      L_BRACK@149..150 "["
                      LITERAL@150..151
                        NUMBER@150..151 "0"
                      R_BRACK@151..152 "]"
                  WHITESPACE@152..153 " "
                  PLUS@153..154 "+"
                  WHITESPACE@154..155 " "
                  IDENT_EXPR@155..156
                    IDENT@155..156 "n"
                SEMICOLON@156..157 ";"
              NEWLINE@157..158 "\n"
              R_CURLY@158..159 "}"
          NEWLINE@159..160 "\n"
    "#]]
    .assert_eq(&parse_as("x86_64-gcc-15.2.0", &[], source));
}

/// Under `-std=gnu11`, and for gcc 12 in any mode, C23's words are ordinary identifiers.
#[test]
fn c23_words_are_identifiers_before_c23() {
    let source = "typedef _Bool bool; bool nullptr = 0; int constexpr;\n";
    let got = [
        parse_as("x86_64-gcc-15", &["-std=gnu11"], source),
        parse_as("aarch64-gcc-12.2.0", &["-std=gnu2x"], source),
    ];
    assert_eq!(
        got[0], got[1],
        "gnu11 on gcc 15 and gnu2x on gcc 12 parse alike"
    );
    expect![[r#"
        TRANSLATION_UNIT@0..53
          DECLARATION@0..19
            DECL_SPECS@0..13
              TYPEDEF_KW@0..7 "typedef"
              WHITESPACE@7..8 " "
              BOOL_KW@8..13 "_Bool"
            WHITESPACE@13..14 " "
            INIT_DECLARATOR@14..18
              NAME@14..18
                IDENT@14..18 "bool"
            SEMICOLON@18..19 ";"
          WHITESPACE@19..20 " "
          DECLARATION@20..37
            DECL_SPECS@20..24
              TYPEDEF_NAME@20..24
                IDENT@20..24 "bool"
            WHITESPACE@24..25 " "
            INIT_DECLARATOR@25..36
              NAME@25..32
                IDENT@25..32 "nullptr"
              WHITESPACE@32..33 " "
              EQ@33..34 "="
              WHITESPACE@34..35 " "
              LITERAL@35..36
                NUMBER@35..36 "0"
            SEMICOLON@36..37 ";"
          WHITESPACE@37..38 " "
          DECLARATION@38..52
            DECL_SPECS@38..41
              INT_KW@38..41 "int"
            WHITESPACE@41..42 " "
            INIT_DECLARATOR@42..51
              NAME@42..51
                IDENT@42..51 "constexpr"
            SEMICOLON@51..52 ";"
          NEWLINE@52..53 "\n"
    "#]]
    .assert_eq(&got[0]);
}

/// In a block, C23 attributes before a statement stand with it (`[[gnu::cold]] {}`, as gcc
/// reads them, warning that `cold` is ignored); before declaration specifiers they are the
/// declaration's.
#[test]
fn c23_attributes_of_block_items() {
    let source = "void f(void) { [[gnu::cold]] {} [[maybe_unused]] int x; [[gnu::hot]] f(); }\n";
    let tree = parse_as("x86_64-gcc-15", &[], source);
    let shown: Vec<&str> = tree
        .lines()
        .filter(|l| l.contains("_STMT") || l.contains("DECLARATION") || l.contains("error"))
        .map(str::trim)
        .collect();
    expect![[r#"
        COMPOUND_STMT@13..75
        ATTRIBUTE_STMT@15..31
        COMPOUND_STMT@29..31
        DECLARATION@32..55
        ATTRIBUTE_STMT@56..73
        EXPR_STMT@69..73"#]]
    .assert_eq(&shown.join("\n"));
}
