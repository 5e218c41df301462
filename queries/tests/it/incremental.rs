//! Incremental preprocessing, read off salsa's log of executed queries: what an edit re-runs,
//! and that nothing else runs.

use expect_test::expect;
use queries::{Db, MemoryFs, Tu, preprocess};
use salsa::Setter;
use syntax::pp::{PpConfig, SearchDir};

/// A includes a header beside it, a header from the bracket search (found in the second
/// directory, after probing the first), and one only `__has_include` asks for (missing);
/// B includes the shared header only.
fn files() -> MemoryFs {
    MemoryFs::from_iter([
        (
            "/src/a.c",
            "#include \"a.h\"\n\
             #include <common.h>\n\
             #if __has_include(<opt.h>)\n\
             #include <opt.h>\n\
             #endif\n\
             int a = A + COMMON + OPT;\n",
        ),
        ("/src/a.h", "#define A 1\n"),
        ("/src/b.c", "#include <common.h>\nint b = COMMON;\n"),
        ("/inc2/common.h", "#define COMMON 2\n#define OPT 0\n"),
    ])
}

fn config(main_file: &str) -> PpConfig {
    PpConfig {
        main_file: main_file.into(),
        search: vec![
            SearchDir {
                path: "/inc1".into(),
                system: false,
            },
            SearchDir {
                path: "/inc2".into(),
                system: true,
            },
        ],
        bracket_start: 0,
        gcc_major: 12,
        date: "Nov 26 2026".into(),
        time: "12:00:00".into(),
        ..PpConfig::default()
    }
}

/// The database with both TUs preprocessed once, and its log emptied.
fn setup() -> (Db, Tu, Tu) {
    let db = Db::with_event_log(files());
    let a = Tu::new(&db, config("/src/a.c"));
    let b = Tu::new(&db, config("/src/b.c"));
    query(&db, a, b);
    db.take_executed();
    (db, a, b)
}

/// Checks the queries executed since the last check, one a line.
#[track_caller]
fn assert_executed(db: &Db, expected: expect_test::Expect) {
    let lines: String = db
        .take_executed()
        .iter()
        .map(|q| format!("{q}\n"))
        .collect();
    expected.assert_eq(&lines);
}

/// Both TUs' output, as their tokens' spellings.
fn query(db: &Db, a: Tu, b: Tu) -> [String; 2] {
    [a, b].map(|tu| {
        let pp = preprocess(db, tu);
        let spellings: Vec<&str> = pp.tokens.iter().map(|t| pp.spelling(t)).collect();
        spellings.join(" ")
    })
}

#[test]
fn first_run_lexes_every_file_tried_once_across_tus() {
    let db = Db::with_event_log(files());
    let a = Tu::new(&db, config("/src/a.c"));
    let b = Tu::new(&db, config("/src/b.c"));
    let out = query(&db, a, b);
    expect![[r#"
        [
            "int a = 1 + 2 + 0 ;",
            "int b = 2 ;",
        ]
    "#]]
    .assert_debug_eq(&out);
    // B reuses A's lexing of the shared header, and of the miss in /inc1.
    assert_executed(
        &db,
        expect![[r#"
            preprocess(/src/a.c)
            lex(/src/a.c)
            lex(/src/a.h)
            lex(/inc1/common.h)
            lex(/inc2/common.h)
            lex(/inc1/opt.h)
            lex(/inc2/opt.h)
            preprocess(/src/b.c)
            lex(/src/b.c)
        "#]],
    );
}

#[test]
fn requery_without_changes_runs_nothing() {
    let (mut db, a, b) = setup();
    query(&db, a, b);
    assert_executed(&db, expect![[""]]);

    // Setting the text a file already has is no change either.
    assert!(!db.set_file_text("/src/a.h", Some("#define A 1\n".into())));
    query(&db, a, b);
    assert_executed(&db, expect![[""]]);
}

#[test]
fn header_of_a_only_reruns_a_and_relexes_that_header() {
    let (mut db, a, b) = setup();
    assert!(db.set_file_text("/src/a.h", Some("#define A 10\n".into())));
    let out = query(&db, a, b);
    assert_eq!(out[0], "int a = 10 + 2 + 0 ;");
    assert_executed(
        &db,
        expect![[r#"
            lex(/src/a.h)
            preprocess(/src/a.c)
        "#]],
    );
}

#[test]
fn main_file_of_b_relexes_that_file_only() {
    let (mut db, a, b) = setup();
    db.set_file_text(
        "/src/b.c",
        Some("#include <common.h>\nlong b = COMMON;\n".into()),
    );
    let out = query(&db, a, b);
    assert_eq!(out[1], "long b = 2 ;");
    assert_executed(
        &db,
        expect![[r#"
            lex(/src/b.c)
            preprocess(/src/b.c)
        "#]],
    );
}

#[test]
fn shared_header_reruns_both_tus_but_is_lexed_once() {
    let (mut db, a, b) = setup();
    db.set_file_text(
        "/inc2/common.h",
        Some("#define COMMON 3\n#define OPT 0\n".into()),
    );
    let out = query(&db, a, b);
    assert_eq!(out, ["int a = 1 + 3 + 0 ;", "int b = 3 ;"]);
    assert_executed(
        &db,
        expect![[r#"
            lex(/inc2/common.h)
            preprocess(/src/a.c)
            preprocess(/src/b.c)
        "#]],
    );
}

#[test]
fn header_appearing_earlier_in_the_search_reruns_the_tus_that_probed_there() {
    let (mut db, a, b) = setup();
    // Both TUs probed /inc1/common.h before finding /inc2/common.h.
    db.set_file_text(
        "/inc1/common.h",
        Some("#define COMMON 4\n#define OPT 0\n".into()),
    );
    let out = query(&db, a, b);
    assert_eq!(out, ["int a = 1 + 4 + 0 ;", "int b = 4 ;"]);
    // The shadowed /inc2/common.h is no longer read, and so not re-lexed.
    assert_executed(
        &db,
        expect![[r#"
            lex(/inc1/common.h)
            preprocess(/src/a.c)
            preprocess(/src/b.c)
        "#]],
    );
}

#[test]
fn header_appearing_where_has_include_looked_reruns_that_tu_only() {
    let (mut db, a, b) = setup();
    db.set_file_text("/inc2/opt.h", Some("#undef OPT\n#define OPT 5\n".into()));
    let out = query(&db, a, b);
    assert_eq!(out[0], "int a = 1 + 2 + 5 ;");
    assert_executed(
        &db,
        expect![[r#"
            lex(/inc2/opt.h)
            preprocess(/src/a.c)
        "#]],
    );
}

#[test]
fn header_disappearing_reruns_its_includer() {
    let (mut db, a, b) = setup();
    assert!(db.set_file_text("/src/a.h", None));
    let out = query(&db, a, b);
    // A missing include is fatal, as in gcc: the TU stops there.
    assert_eq!(out[0], "");
    assert!(preprocess(&db, a).has_errors());
    assert_executed(
        &db,
        expect![[r#"
            lex(/src/a.h)
            preprocess(/src/a.c)
            lex(/inc1/a.h)
            lex(/inc2/a.h)
        "#]],
    );
}

#[test]
fn paths_tried_are_known_including_missing_ones() {
    let (db, _, _) = setup();
    expect![[r#"
        [
            "/inc1/common.h",
            "/inc1/opt.h",
            "/inc2/common.h",
            "/inc2/opt.h",
            "/src/a.c",
            "/src/a.h",
            "/src/b.c",
        ]
    "#]]
    .assert_debug_eq(&db.known_paths());
}

#[test]
fn changed_invocation_reruns_its_tu_without_relexing() {
    let (mut db, a, b) = setup();
    let mut cfg = config("/src/b.c");
    cfg.command_line_defines = "#define COMMON 9\n".into();
    b.set_config(&mut db).to(cfg);
    let out = query(&db, a, b);
    // The header's `#define COMMON 2` redefines it: the command line only adds a warning.
    assert_eq!(out[1], "int b = 2 ;");
    assert_executed(
        &db,
        expect![[r#"
            preprocess(/src/b.c)
        "#]],
    );
}

#[test]
fn database_from_a_map_of_files_keeps_no_log() {
    let files = std::collections::HashMap::from([("/m.c", "#define V 1\nint v = V;\n")]);
    let db = Db::with_files(files);
    let tu = Tu::new(&db, config("/m.c"));
    let pp = preprocess(&db, tu);
    assert_eq!(syntax::pp::render(&pp), "int v = 1;\n");
    assert_executed(&db, expect![[""]]);
}

/// A database seeded with another's preprocessing of the same invocation (sharing its lexed
/// files, as `from-diff`'s patched tree after the pristine one) resumes from it after an edit
/// of the main file, and gives what a run from scratch gives.
#[test]
fn preprocessing_seeded_from_another_database_equals_a_run_from_scratch() {
    let mut header = String::from("#define TWICE(x) ((x) * 2)\n");
    for i in 0..800 {
        header.push_str(&format!("extern int h{i}(int a, long b);\n"));
    }
    let mut main = String::from("#include \"big.h\"\n");
    for i in 0..400 {
        main.push_str(&format!(
            "int f{i}(int x) {{ return TWICE(h{i}(x, {i})); }}\n"
        ));
    }
    let edited = main.replace("int f390(int x) {", "int f390(int x) { x += __LINE__;");
    let files = |main: &str| MemoryFs::from_iter([("/s/t.c", main), ("/s/big.h", &header)]);
    let config = PpConfig {
        main_file: "/s/t.c".into(),
        gcc_major: 12,
        ..PpConfig::default()
    };
    let lexed = std::sync::Arc::new(queries::LexCache::default());
    let pristine = Db::new(files(&main)).sharing_lexed_files(lexed.clone());
    let earlier = preprocess(&pristine, Tu::new(&pristine, config.clone()));
    let patched = Db::new(files(&edited)).sharing_lexed_files(lexed);
    let tu = Tu::new(&patched, config.clone());
    if let Some(runs) = queries::SourceDb::earlier_runs(&patched) {
        runs.seed(tu, earlier);
    }
    let scratch = Db::new(files(&edited));
    let fresh = preprocess(&scratch, Tu::new(&scratch, config));
    let resumed = preprocess(&patched, tu);
    assert_eq!(syntax::pp::first_difference(&resumed, &fresh), None);
    assert!(syntax::pp::render(&resumed).contains("x += 392;"));
}

/// After edits of function bodies (and of the file scope) in a TU long enough for
/// preprocessing to resume from a checkpoint and the parse to keep the items before the edit,
/// the item index, which takes over the kept items' entries, is the one a run from scratch
/// makes: a macro invocation across items keeps its group, a `#pragma` and a file-scope
/// typedef keep their entries.
#[test]
fn item_index_after_edits_equals_a_run_from_scratch() {
    let mut main = String::from(
        "#define PAIR(n) int n##_a(void) { return 1; } int n##_b(void) { return 2; }\n",
    );
    for i in 0..1200 {
        main.push_str(&format!("int f{i}(int x) {{ x += {i}; return x * 2; }}\n"));
        if i % 150 == 0 {
            main.push_str(&format!("PAIR(p{i})\n#pragma pack(push, 4)\n"));
        }
    }
    let edits = [
        main.replace("x += 1190;", "x += 1190; x -= __LINE__;"),
        main.replace("x += 700;", "x += 700; { int y = x; x = y; }"),
        main.replace("x += 1199;", "x += 1199;\n#pragma once\n"),
        main.replace("int f1080(", "typedef int t1080; int f1080("),
        main.replace("x += 900;", "x += 900; PAIR(q)"),
        main.clone(),
    ];
    let config = PpConfig {
        main_file: "/s/t.c".into(),
        gcc_major: 12,
        ..PpConfig::default()
    };
    let mut db = Db::new(MemoryFs::from_iter([("/s/t.c", main.as_str())]));
    let tu = Tu::new(&db, config.clone());
    queries::items::item_index(&db, tu);
    for edited in edits {
        db.set_file_text(std::path::Path::new("/s/t.c"), Some(edited.clone()));
        let scratch = Db::new(MemoryFs::from_iter([("/s/t.c", edited.as_str())]));
        let fresh = queries::items::item_index(&scratch, Tu::new(&scratch, config.clone()));
        let resumed = queries::items::item_index(&db, tu);
        assert!(resumed == fresh, "the index after an edit differs");
    }
}
