//! Incremental typing, read off salsa's log of executed queries: an edit inside one function
//! body re-types that body only; the file scope's types and the other bodies keep their
//! memos. Preprocessing and parsing are per TU, so they re-run, as do the skeleton (the tree
//! without the bodies' insides, which the file scope is typed from) and the cutting out of
//! each definition; their results compare equal for what the edit did not touch, and salsa
//! stops there.

use expect_test::{Expect, expect};
use queries::sema::{FunctionId, functions};
use queries::types::{Span, body_types, type_of};
use queries::{Db, Tu, file_types};

use crate::support::incremental::{MAIN, executed, logged_tu, run_per_function};

const SOURCE: &str = "\
struct point { int x, y; };
static long scale(struct point *p, long k) { return p->x * k; }
int first(void) { struct point p = { 1, 2 }; return scale(&p, 3); }
int second(int n) { char c = n; return c + 1; }
";

/// Types every body; returns the functions' names and ids, for reading the log.
fn type_all(db: &Db, tu: Tu) -> Vec<(String, String)> {
    file_types(db, tu);
    run_per_function(db, tu, |f| {
        body_types(db, f);
    })
}

/// Checks the type queries executed since the last check, one a line, with the functions'
/// ids replaced by their names and the TU's by `tu`.
#[track_caller]
fn assert_typed(db: &Db, tu: Tu, names: &[(String, String)], expected: Expect) {
    expected.assert_eq(&executed(db, tu, names, |line| line.contains("types")));
}

#[test]
fn first_run_types_the_file_scope_and_each_body_once() {
    let (db, tu) = logged_tu(SOURCE);
    let names = type_all(&db, tu);
    assert_typed(
        &db,
        tu,
        &names,
        expect![[r#"
            file_types(tu)
            body_types(scale)
            body_types(first)
            body_types(second)
        "#]],
    );
}

#[test]
fn edit_inside_one_body_retypes_that_body_only() {
    let (mut db, tu) = logged_tu(SOURCE);
    type_all(&db, tu);
    db.take_executed();
    // A longer body: every later token moves, yet the other results stay equal.
    let edited = SOURCE.replace("char c = n; return c + 1;", "char c = n * 2; return c - 1;");
    assert!(db.set_file_text(MAIN, Some(edited)));
    let names = type_all(&db, tu);
    assert_typed(
        &db,
        tu,
        &names,
        expect![[r#"
            body_types(second)
        "#]],
    );
}

#[test]
fn an_equal_file_scope_written_longer_retypes_no_body() {
    let (mut db, tu) = logged_tu(SOURCE);
    type_all(&db, tu);
    db.take_executed();
    // Outside the bodies: the file scope is typed again, to the same types, and every later
    // item starts further on, which the file scope's types must not record.
    let edited = SOURCE.replace("int x, y;", "int x; int y;");
    assert!(db.set_file_text(MAIN, Some(edited)));
    let names = type_all(&db, tu);
    assert_typed(
        &db,
        tu,
        &names,
        expect![[r#"
            file_types(tu)
        "#]],
    );
}

#[test]
fn edit_inside_a_body_before_other_items_retypes_that_body_only() {
    let (mut db, tu) = logged_tu(SOURCE);
    type_all(&db, tu);
    db.take_executed();
    let edited = SOURCE.replace("return scale(&p, 3);", "p.y++; return scale(&p, 4);");
    assert!(db.set_file_text(MAIN, Some(edited)));
    let names = type_all(&db, tu);
    assert_typed(
        &db,
        tu,
        &names,
        expect![[r#"
            body_types(first)
        "#]],
    );
}

#[test]
fn expressions_in_bodies_have_types() {
    let (db, tu) = logged_tu(SOURCE);
    let text_of = |f: FunctionId, span: Span| -> String {
        type_of(&db, f, span).unwrap_or_else(|| "?".into())
    };
    let scale = functions(&db, tu)[0];
    // `p->x * k` in `static long scale(...) { return p->x * k; }`, offsets from the
    // definition's start.
    let definition = "static long scale(struct point *p, long k) { return p->x * k; }";
    let expr = definition.find("p->x * k").unwrap_or(0) as u32;
    let product = Span {
        start: expr,
        end: expr + 8,
    };
    let member = Span {
        start: expr,
        end: expr + 4,
    };
    expect!["long"].assert_eq(&text_of(scale, product));
    expect!["int"].assert_eq(&text_of(scale, member));
}
