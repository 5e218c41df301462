//! Incremental name resolution, read off salsa's log of executed queries: an edit inside one
//! function body re-runs that body's resolution only. Preprocessing and parsing are per TU,
//! so they re-run, as do the skeleton (the tree without the bodies' insides, which the walk
//! outside bodies reads) and the cutting out of each definition; their results compare equal
//! for what the edit did not touch, and salsa stops there.

use expect_test::{Expect, expect};
use queries::sema::{body_resolution, file_scope};
use queries::{Db, Tu};

use crate::support::incremental::{MAIN, executed, logged_tu, run_per_function};

const SOURCE: &str = "\
int counter;
static int helper(int x) { return x + counter; }
int first(void) { return helper(1); }
int second(int n) { int local = n; return helper(local); }
";

fn setup(source: &str) -> (Db, Tu) {
    let (db, tu) = logged_tu(source);
    resolve_all(&db, tu);
    db.take_executed();
    (db, tu)
}

/// Resolves every body; returns the functions' names and ids, for reading the log.
fn resolve_all(db: &Db, tu: Tu) -> Vec<(String, String)> {
    file_scope(db, tu);
    run_per_function(db, tu, |f| {
        body_resolution(db, f);
    })
}

/// Checks the queries executed since the last check, one a line, with the functions' ids
/// replaced by their names and the TU's by `tu`.
#[track_caller]
fn assert_executed(db: &Db, tu: Tu, names: &[(String, String)], expected: Expect) {
    expected.assert_eq(&executed(db, tu, names, |_| true));
}

/// Checks the queries that resolving every body again runs after `SOURCE` is edited into
/// `edited`.
#[track_caller]
fn assert_edit_executes(edited: String, expected: Expect) {
    let (mut db, tu) = setup(SOURCE);
    assert!(db.set_file_text(MAIN, Some(edited)));
    let names = resolve_all(&db, tu);
    assert_executed(&db, tu, &names, expected);
}

#[test]
fn first_run_resolves_each_body_once() {
    let (db, tu) = logged_tu(SOURCE);
    let names = resolve_all(&db, tu);
    assert_executed(
        &db,
        tu,
        &names,
        expect![[r#"
            file_scope(tu)
            file_items(tu)
            file_skeleton(tu)
            parse(tu)
            preprocess(/src/t.c)
            lex(/src/t.c)
            body_resolution(helper)
            function_syntax(helper)
            body_resolution(first)
            function_syntax(first)
            body_resolution(second)
            function_syntax(second)
        "#]],
    );
}

#[test]
fn requery_without_changes_runs_nothing() {
    let (db, tu) = setup(SOURCE);
    let names = resolve_all(&db, tu);
    assert_executed(&db, tu, &names, expect![[""]]);
}

#[test]
fn edit_inside_one_body_reruns_that_body_only() {
    // A longer body: every later token moves, yet the other bodies' results stay equal.
    let edited = SOURCE.replace(
        "int local = n; return helper(local);",
        "int local = n * 2 + 1; if (local) local--; return helper(local);",
    );
    assert_edit_executes(
        edited,
        expect![[r#"
            lex(/src/t.c)
            preprocess(/src/t.c)
            parse(tu)
            file_skeleton(tu)
            function_syntax(helper)
            function_syntax(first)
            function_syntax(second)
            body_resolution(second)
        "#]],
    );
}

#[test]
fn edit_of_an_earlier_body_leaves_later_bodies_alone() {
    let edited = SOURCE.replace("return x + counter;", "return x + counter + 1;");
    assert_edit_executes(
        edited,
        expect![[r#"
            lex(/src/t.c)
            preprocess(/src/t.c)
            parse(tu)
            file_skeleton(tu)
            function_syntax(helper)
            body_resolution(helper)
            function_syntax(first)
            function_syntax(second)
        "#]],
    );
}

#[test]
fn new_file_scope_declaration_reruns_every_body() {
    assert_edit_executes(
        format!("extern int added;\n{SOURCE}"),
        expect![[r#"
            lex(/src/t.c)
            preprocess(/src/t.c)
            parse(tu)
            file_skeleton(tu)
            file_items(tu)
            file_scope(tu)
            function_syntax(helper)
            body_resolution(helper)
            function_syntax(first)
            body_resolution(first)
            function_syntax(second)
            body_resolution(second)
        "#]],
    );
}

/// The diagnostics' lines and names, one a line.
fn diagnostics(db: &Db, tu: Tu) -> String {
    let pp = queries::preprocess(db, tu);
    queries::sema_diagnostics(db, tu)
        .iter()
        .map(|d| {
            let line = d.origin.map_or(0, |origin| {
                let (file, offset, _) = pp.provenance.expansion_point(origin);
                pp.files[file.0 as usize].line_col(offset).0
            });
            format!("line {line}: {}\n", d.message)
        })
        .collect()
}

#[test]
fn diagnostics_of_a_reused_body_follow_an_edit_before_it() {
    let source = "int f(void) { return 0; }\nint g(void) { return missing; }\n";
    let (mut db, tu) = setup(source);
    expect![[r#"
        line 2: identifier "missing" not declared
    "#]]
    .assert_eq(&diagnostics(&db, tu));
    let edited = source.replace("return 0;", "\n  int x = 0;\n  return x;\n");
    assert!(db.set_file_text(MAIN, Some(edited)));
    let names = resolve_all(&db, tu);
    // g's resolution is reused; its use is located anew, four lines down.
    expect![[r#"
        line 5: identifier "missing" not declared
    "#]]
    .assert_eq(&diagnostics(&db, tu));
    assert!(
        !db.take_executed()
            .iter()
            .any(|q| q.contains(&format!("body_resolution({})", names[1].1)))
    );
}
