//! A parse that takes over from an earlier one after an edit (`parse_tu_resuming`) gives the
//! tree, errors and tables a parse from scratch gives, whatever the edit, and keeps the items
//! before it.

use rowan::GreenNodeData;
use syntax::parse_tu::{ParsedTu, parse_tu, parse_tu_resuming};
use syntax::pp::PreprocessedTu;

use crate::support::pp::run;
use crate::support::rng::Rng;

const HEADER: &str = "\
typedef int T;
typedef struct point { int x, y; } point_t;
#define SCALE(v) ((v) * 2)
enum colour { RED, GREEN };
static inline int twice(T v) { return SCALE(v); }
";

const MAIN: &str = "\
#include \"h.h\"
typedef long U;
int first(point_t *p) { T * q = &p->x; return *q; }
#pragma pack(push, 1)
struct packed { char c; int i; };
#pragma pack(pop)
int second(int n) { int T = n; return T * 2; }
U third(U u) { U * w = &u; return *w + twice(RED); }
#ifdef SCALE
int fourth(void) { return SCALE(3); }
#endif
";

fn tu(main: &str) -> PreprocessedTu {
    run(&[("main.c", main), ("h.h", HEADER)])
}

/// Parses `edited` resuming from the parse of `original`, checks it against a parse from
/// scratch, and returns the resumed parse.
#[track_caller]
fn assert_resumes(original: &str, edited: &str) -> ParsedTu {
    let (before, after) = (tu(original), tu(edited));
    let earlier = parse_tu(&before);
    let resumed = parse_tu_resuming(&after, Some((&before, &earlier)));
    let fresh = parse_tu(&after);
    let context = format!("edit:\n{original}\n---\n{edited}");
    assert_eq!(resumed.parse.green, fresh.parse.green, "{context}");
    assert_eq!(resumed.parse.errors, fresh.parse.errors, "{context}");
    assert_eq!(
        resumed.parse.scope_changes, fresh.parse.scope_changes,
        "{context}"
    );
    assert_eq!(resumed.pp_tokens, fresh.pp_tokens, "{context}");
    assert_eq!(resumed.token_starts, fresh.token_starts, "{context}");
    resumed
}

#[test]
fn an_edit_in_a_body_keeps_the_header_items() {
    let edited = MAIN.replace("return T * 2;", "return T * 3 + 1;");
    let before = tu(MAIN);
    let earlier = parse_tu(&before);
    let after = tu(&edited);
    let resumed = parse_tu_resuming(&after, Some((&before, &earlier)));
    // The header's first item is the earlier tree's own node, not parsed again.
    let first_item = |parsed: &ParsedTu| {
        let child = parsed.parse.green.children().next()?.into_node()?;
        Some(child as *const GreenNodeData)
    };
    assert!(first_item(&earlier).is_some());
    assert_eq!(first_item(&resumed), first_item(&earlier));
    assert_ne!(first_item(&parse_tu(&after)), first_item(&earlier));
}

#[test]
fn typedef_names_declared_before_the_edit_still_name_types() {
    // `T * q` is a declaration only if `T` is known as a typedef name when parsing resumes;
    // `U` is declared in the main file, just before the edited item.
    assert_resumes(
        MAIN,
        &MAIN.replace("T * q = &p->x;", "T * q = &p->y; T * r;"),
    );
    assert_resumes(MAIN, &MAIN.replace("U * w = &u;", "U * w = &u; U * v;"));
}

#[test]
fn edits_that_change_the_file_scope_or_break_the_syntax() {
    assert_resumes(MAIN, &MAIN.replace("typedef long U;", "long U;"));
    assert_resumes(
        MAIN,
        &MAIN.replace("int second", "typedef int V; int second"),
    );
    assert_resumes(MAIN, &MAIN.replace("return *q; }", "return *q; "));
    assert_resumes(&MAIN.replace("return *q; }", "return *q; "), MAIN);
}

#[test]
fn random_edits_give_what_a_fresh_parse_gives() {
    let pieces = [
        "",
        " ",
        "\n",
        "}",
        "{",
        ";",
        "T * z;",
        "typedef int T;",
        "int T;",
        "(",
        "#pragma x\n",
        "U",
        "#define T int\n",
        "SCALE(",
        "/* c */",
    ];
    let mut rng = Rng(0x5eed_1234);
    for _ in 0..300 {
        let mut edited = MAIN.to_owned();
        for _ in 0..1 + rng.below(2) {
            let at = (0..=rng.below(edited.len()))
                .rev()
                .find(|&i| edited.is_char_boundary(i));
            let at = at.unwrap_or(0);
            let cut = (at + rng.below(4)).min(edited.len());
            let piece = pieces[rng.below(pieces.len())];
            edited.replace_range(at..cut, piece);
        }
        assert_resumes(MAIN, &edited);
    }
}

/// The same tokens in another dialect (C23's keywords) are parsed again, not kept: `bool` is
/// an identifier in GNU C17 and a type in C23.
#[test]
fn a_parse_of_another_dialect_is_not_resumed_from() {
    let text = "int bool = 1;\nint f(void) { return bool; }\nint g(void) { return 2; }\n\
                int h(void) { return 3; }\nint i(void) { return 4; }\n";
    let (before, mut after) = (tu(text), tu(text));
    after.dialect = syntax::syntax_kind::Dialect {
        gcc_major: 13,
        c23: true,
    };
    let earlier = parse_tu(&before);
    let resumed = parse_tu_resuming(&after, Some((&before, &earlier)));
    let fresh = parse_tu(&after);
    assert_eq!(resumed.parse.green, fresh.parse.green);
    assert_eq!(resumed.parse.errors, fresh.parse.errors);
}
