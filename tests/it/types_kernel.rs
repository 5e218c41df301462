//! Cross-check of klp-ccp's layouts against gcc on the kernel corpus (found in
//! `$KLP_CCP_KERNEL_CORPUS` or `~/.cache/klp-ccp/kernel-corpus`; skipped with a message when
//! absent, or when gcc is not installed): for each corpus TU, `_Static_assert` lines for the
//! size and alignment of every file-scope struct, union, enum and typedef klp-ccp lays out,
//! and for the offsets of their members, are appended to a copy of the TU beside it, which gcc
//! then compiles with the TU's own arguments. No assertion may fail.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use queries::sema::functions;
use queries::types::{
    AssertionKind, AssertionTally, FileTypes, LayoutAssertion, body_types, file_types,
};
use queries::{Db, Tu};

use syntax::invocation::parse_invocation;
use syntax::pp::{BuildClock, PpConfig};

use crate::support::corpus::kernel_tree;

fn gcc_available() -> bool {
    Command::new("gcc")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// What one TU's check found.
#[derive(Default)]
struct Tally {
    types: usize,
    aligns: usize,
    members: usize,
    objects: usize,
    /// klp-ccp's own errors (the kernel is valid code: there must be none).
    errors: usize,
    failed: Vec<String>,
    /// The checks themselves, for the count of distinct ones over all TUs (headers repeat).
    checks: BTreeSet<(u8, String)>,
}

/// Compiles the TU with the assertions appended, in a copy beside it (removed afterwards),
/// and returns the assertions gcc found false, and gcc's other errors.
fn run_gcc(
    linux: &Path,
    tu: &str,
    args: &[String],
    assertions: &[LayoutAssertion],
) -> (BTreeSet<usize>, Vec<String>) {
    let source = std::fs::read_to_string(linux.join(tu)).expect("TU source");
    let mut text = source;
    text.push('\n');
    for (i, assertion) in assertions.iter().enumerate() {
        text.push_str(&assertion.line(i));
        text.push('\n');
    }
    let dir = Path::new(tu).parent().unwrap_or(Path::new("."));
    let copy = dir.join(format!(".klp-ccp-layout-{}.c", std::process::id()));
    std::fs::write(linux.join(&copy), text).expect("write the copy");
    let output = Command::new("gcc")
        .args(args)
        .arg("-fsyntax-only")
        .arg(&copy)
        .current_dir(linux)
        .output();
    let _ = std::fs::remove_file(linux.join(&copy));
    let output = output.expect("run gcc");
    let stderr = String::from_utf8_lossy(&output.stderr);
    let mut failed = BTreeSet::new();
    let mut other = Vec::new();
    for line in stderr.lines().filter(|l| l.contains("error")) {
        match line.split("klp-ccp layout ").nth(1) {
            Some(rest) => {
                let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
                if let Ok(i) = digits.parse() {
                    failed.insert(i);
                }
            }
            None => other.push(line.to_owned()),
        }
    }
    (failed, other)
}

/// The errors of typing the TU's function bodies (each a failure to type valid code: a
/// `_Static_assert` or `BUILD_BUG_ON` found false, an expression klp-ccp cannot type), with
/// the function they are in.
fn body_errors(db: &Db, tu: Tu, assertions: &mut AssertionTally) -> Vec<String> {
    let mut errors = Vec::new();
    for function in functions(db, tu) {
        let body = body_types(db, function);
        let name = function.name(db);
        errors.extend(body.errors.iter().map(|e| format!("{name}: {}", e.message)));
        assertions.held += body.assertions.held;
        assertions.undecided += body.assertions.undecided;
        assertions.unreachable += body.assertions.unreachable;
    }
    errors
}

fn check_tu(linux: &Path, name: &str, args: &[String]) -> Tally {
    let mut full_args = args.to_vec();
    full_args.push(name.to_owned());
    let invocation = parse_invocation("x86_64-gcc-12.2.0", &full_args, linux)
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    let config = PpConfig::from_invocation(&invocation, &BuildClock::from_epoch(0));
    let db = Db::default();
    let tu = Tu::new(&db, config);
    let types: std::sync::Arc<FileTypes> = file_types(&db, tu);
    let mut assertions_met = types.assertions;
    let body_errors = body_errors(&db, tu, &mut assertions_met);
    let mut assertions = types.layout_assertions();
    // A canary that must fail: proof that gcc ran the assertions and that failures are seen.
    assertions.push(LayoutAssertion {
        kind: AssertionKind::Size,
        check: "sizeof(char) == 2".to_owned(),
    });
    let (mut failed, other) = run_gcc(linux, name, args, &assertions);
    assert!(
        failed.remove(&(assertions.len() - 1)),
        "{name}: the canary assertion did not fail; gcc: {other:?}"
    );
    assertions.pop();
    let count = |kind| assertions.iter().filter(|a| a.kind == kind).count();
    let tally = Tally {
        types: count(AssertionKind::Size),
        aligns: count(AssertionKind::Align),
        members: count(AssertionKind::Offset),
        objects: count(AssertionKind::ObjectSize),
        errors: types.errors.len() + body_errors.len(),
        failed: failed
            .iter()
            .filter_map(|&i| assertions.get(i))
            .map(|a| format!("{name}: {}", a.check))
            .chain(other.iter().map(|l| format!("{name}: gcc: {l}")))
            .collect(),
        checks: assertions
            .iter()
            .map(|a| (a.kind as u8, a.check.clone()))
            .collect(),
    };
    println!(
        "{name}: {} types, {} alignments, {} member offsets, {} object sizes checked; \
         {} failed; {} tags, {} typedefs, {} klp-ccp errors{}; {} in function bodies{}; \
         {} compile-time assertions held, {} not constant, {} unreachability marks",
        tally.types,
        tally.aligns,
        tally.members,
        tally.objects,
        tally.failed.len(),
        types.tags.len(),
        types.typedefs.len(),
        types.errors.len(),
        types
            .errors
            .first()
            .map(|e| format!(" (first: {})", e.message))
            .unwrap_or_default(),
        body_errors.len(),
        body_errors
            .first()
            .map(|e| format!(" (first: {e})"))
            .unwrap_or_default(),
        assertions_met.held,
        assertions_met.undecided,
        assertions_met.unreachable,
    );
    tally
}

#[test]
fn kernel_layouts_agree_with_gcc() {
    if !gcc_available() {
        println!("gcc not found: skipped");
        return;
    }
    let Some((linux, tus)) = kernel_tree() else {
        return;
    };
    let mut total = Tally::default();
    for tu in &tus {
        let (name, args) = (&tu.name, &tu.args);
        let tally = check_tu(&linux, name, args);
        total.types += tally.types;
        total.aligns += tally.aligns;
        total.members += tally.members;
        total.objects += tally.objects;
        total.errors += tally.errors;
        total.failed.extend(tally.failed);
        total.checks.extend(tally.checks);
    }
    let distinct = |kind: AssertionKind| {
        total
            .checks
            .iter()
            .filter(|(k, _)| *k == kind as u8)
            .count()
    };
    println!(
        "total: {} types (size and alignment), {} member offsets and {} object sizes checked \
         against gcc ({} distinct types, {} distinct member offsets, {} distinct objects), \
         {} failed",
        total.types,
        total.members,
        total.objects,
        distinct(AssertionKind::Size),
        distinct(AssertionKind::Offset),
        distinct(AssertionKind::ObjectSize),
        total.failed.len()
    );
    for failure in total.failed.iter().take(50) {
        println!("FAILED {failure}");
    }
    assert!(
        total.failed.is_empty(),
        "{} layout assertions failed",
        total.failed.len()
    );
    assert_eq!(
        total.errors, 0,
        "klp-ccp reported errors on valid kernel code"
    );
    assert!(
        distinct(AssertionKind::Size) >= 200,
        "only {} types checked",
        distinct(AssertionKind::Size)
    );
}
