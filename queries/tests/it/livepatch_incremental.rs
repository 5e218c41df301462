//! Incremental live-patch creation, read off salsa's log of executed queries: the patched set
//! is the policy's (a durable input per kind of question), so changing it re-runs the
//! `is-patched` answers and the live-patch queries for the new set, never preprocessing,
//! parsing or file-scope semantics (a body is resolved and typed when a closure first reaches
//! it); going back to a set tried before re-runs nothing after the answers; a policy whose
//! answers come out the same re-runs nothing after the answers.

use std::sync::Arc;

use expect_test::{Expect, expect};
use queries::livepatch::{DefaultPolicy, QuestionKind, live_patch};
use queries::{Db, Tu};

use crate::support::incremental::logged_tu;

const SOURCE: &str = "\
static int counter;
static int helper(int x) { return x + counter; }
int first(void) { return helper(1); }
int second(int n) { return n * 2; }
";

fn setup(patched: &[&str]) -> (Db, Tu) {
    let (mut db, tu) = logged_tu(SOURCE);
    db.set_policy(policy(patched));
    (db, tu)
}

fn policy(patched: &[&str]) -> Arc<DefaultPolicy> {
    Arc::new(DefaultPolicy::new(patched.iter().map(|s| s.to_string())))
}

/// The live patch's text (or the policy's failure).
fn text(db: &Db, tu: Tu) -> String {
    match live_patch(db, tu).as_ref() {
        Ok(live_patch) => live_patch.text.clone(),
        Err(failure) => format!("{failure}"),
    }
}

/// The names of the queries executed since the last call, once each, in order.
#[track_caller]
fn assert_executed(db: &Db, expected: Expect) {
    let mut names: Vec<String> = Vec::new();
    for line in db.take_executed() {
        let name = line.split('(').next().unwrap_or_default().to_owned();
        if !names.contains(&name) {
            names.push(name);
        }
    }
    expected.assert_eq(&names.join("\n"));
}

#[test]
fn changing_the_patched_set_reruns_no_front_end_query() {
    let (mut db, tu) = setup(&["first"]);
    expect![[r#"
        /* klp-ccp: from /src/t.c */
        extern int counter;

        static int helper(int x) { return x + counter; }

        int klpp_first(void) { return helper(1); }

    "#]]
    .assert_eq(&text(&db, tu));
    db.take_executed();
    db.set_policy(policy(&["second"]));
    expect![[r#"
        /* klp-ccp: from /src/t.c */
        int klpp_second(int n) { return n * 2; }

    "#]]
    .assert_eq(&text(&db, tu));
    assert_executed(
        &db,
        expect![[r#"
            policy_answer
            patched_names
            live_patch_for
            closure_for
            body_resolution
            function_syntax
            needed_complete"#]],
    );
}

#[test]
fn going_back_to_a_patched_set_reruns_nothing_after_the_answers() {
    let (mut db, tu) = setup(&["first"]);
    let first = text(&db, tu);
    db.set_policy(policy(&["second"]));
    text(&db, tu);
    db.take_executed();
    db.set_policy(policy(&["first"]));
    assert_eq!(text(&db, tu), first);
    assert_executed(
        &db,
        expect![[r#"
            policy_answer
            patched_names"#]],
    );
}

#[test]
fn a_policy_answering_the_same_reruns_nothing_after_its_answers() {
    let (mut db, tu) = setup(&["first"]);
    let before = text(&db, tu);
    db.take_executed();
    db.set_policy(policy(&["first"]));
    assert_eq!(text(&db, tu), before);
    assert_executed(&db, expect![[r#"policy_answer"#]]);
}

/// How many policy answers the last re-run asked again.
fn answers_asked(db: &Db) -> usize {
    (db.take_executed().iter())
        .filter(|line| line.starts_with("policy_answer"))
        .count()
}

#[test]
fn a_change_of_one_kind_of_question_re_asks_only_that_kind() {
    let (mut db, tu) = setup(&["first"]);
    text(&db, tu);
    db.set_policy_for(&[QuestionKind::IsPatched], policy(&["second"]));
    text(&db, tu);
    db.take_executed();
    db.set_policy_for(&[QuestionKind::IsPatched], policy(&["first"]));
    text(&db, tu);
    // The is-patched questions of the three functions the source file defines, no others.
    assert_eq!(answers_asked(&db), 3);
    db.set_policy(policy(&["first"]));
    text(&db, tu);
    // Every kind: the questions the closure of `first` asked are asked again too.
    assert_eq!(answers_asked(&db), 7);
}

#[test]
fn a_tu_with_syntax_errors_gets_no_live_patch_but_an_error() {
    let (mut db, tu) = logged_tu("int first(void) { return 1 +; }\nint second(void) { }\n");
    db.set_policy(policy(&["first"]));
    let live_patch = live_patch(&db, tu);
    let live_patch = live_patch.as_ref().as_ref().expect("no policy failure");
    let errors: Vec<&str> = (live_patch.diagnostics.iter())
        .filter(|d| d.is_error())
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(
        errors,
        ["the translation unit has errors: no live patch is made of it"]
    );
}
