//! `cargo bench --bench semantics`: name resolution, types and constant evaluation of a real
//! TU (see `test_support::subject`), cold and after an edit inside one function body.

use criterion::{Criterion, criterion_group, criterion_main};
use queries::sema::functions;
use queries::types::{FileTypes, TargetInfo, body_types};
use queries::{Db, Tu, file_types, parse, sema_diagnostics, type_diagnostics};

use syntax::pp::PpConfig;
use test_support::subject::{bench_subject, config_of};

/// Everything `klp-ccp check` computes after parsing.
fn check_semantics(db: &Db, tu: Tu) -> usize {
    sema_diagnostics(db, tu).len() + type_diagnostics(db, tu).len()
}

/// Types every function body.
fn type_bodies(db: &Db, tu: Tu) -> usize {
    functions(db, tu)
        .into_iter()
        .map(|f| body_types(db, f).expressions.len())
        .sum()
}

fn bench_semantics(c: &mut Criterion) {
    let subject = bench_subject();
    let Some(config) = config_of(&subject) else {
        eprintln!("bench: cannot read the invocation of {}", subject.name);
        return;
    };
    let mut group = c.benchmark_group(format!("semantics {}", subject.name));
    group.sample_size(10);
    let fresh = |config: &PpConfig| {
        let db = Db::default();
        let tu = Tu::new(&db, config.clone());
        parse(&db, tu);
        (db, tu)
    };
    let (db, tu) = fresh(&config);
    let root = parse(&db, tu).parse.syntax_node();
    let target = TargetInfo::from_config(&config);
    group.bench_function("file-scope types and layouts", |b| {
        b.iter(|| FileTypes::new(&root, target))
    });
    group.bench_function("check semantics, cold (after parsing)", |b| {
        b.iter_batched(
            || fresh(&config),
            |(db, tu)| check_semantics(&db, tu),
            criterion::BatchSize::PerIteration,
        )
    });
    group.bench_function("type all bodies, cold (after file-scope types)", |b| {
        b.iter_batched(
            || {
                let (db, tu) = fresh(&config);
                file_types(&db, tu);
                (db, tu)
            },
            |(db, tu)| type_bodies(&db, tu),
            criterion::BatchSize::PerIteration,
        )
    });
    bench_body_edit(&mut group, &config, &subject);
    group.finish();
}

/// Re-checking after an edit inside one function body of the main file: everything per TU
/// re-runs (preprocessing, parsing), the per-body queries only for the edited body.
fn bench_body_edit(
    group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    config: &PpConfig,
    subject: &test_support::subject::Subject,
) {
    // The database knows the main file by the path the invocation names it with.
    let main = config.main_file.clone();
    let Ok(original) = std::fs::read_to_string(subject.dir.join(&main)) else {
        return;
    };
    // The first `return 0;` of the file, alternately `return 0;` and `return 00;`.
    let Some(at) = original.find("return 0;") else {
        return;
    };
    let edited = format!("{}return 00;{}", &original[..at], &original[at + 9..]);
    let mut db = Db::default();
    let tu = Tu::new(&db, config.clone());
    check_semantics(&db, tu);
    let mut flip = false;
    group.bench_function("re-check after editing one body", |b| {
        b.iter(|| {
            flip = !flip;
            let text = if flip { &edited } else { &original };
            assert!(
                db.set_file_text(&main, Some(text.clone())),
                "the edit reaches the TU"
            );
            check_semantics(&db, tu)
        })
    });
}

criterion_group!(benches, bench_semantics);
criterion_main!(benches);
