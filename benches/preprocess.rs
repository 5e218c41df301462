//! `cargo bench --bench preprocess`: preprocessing and parsing a real TU, the largest of the
//! kernel corpus
//! (`../shared/tools/kernel-corpus-setup`, in `$KLP_CCP_KERNEL_CORPUS` or
//! `~/.cache/klp-ccp/kernel-corpus`) when it is there, else a synthetic macro-heavy TU.

use criterion::{Criterion, criterion_group, criterion_main};

use syntax::pp::{FsLoader, preprocess, render};
use test_support::subject::{bench_subject, config_of};

fn bench_preprocess(c: &mut Criterion) {
    let subject = bench_subject();
    let Some(config) = config_of(&subject) else {
        eprintln!("bench: cannot read the invocation of {}", subject.name);
        return;
    };
    let mut group = c.benchmark_group(format!("preprocess {}", subject.name));
    group.sample_size(20);
    group.bench_function("preprocess", |b| {
        b.iter(|| preprocess(&config, &mut FsLoader))
    });
    group.bench_function("preprocess + render", |b| {
        b.iter(|| render(&preprocess(&config, &mut FsLoader)))
    });
    let preprocessed = preprocess(&config, &mut FsLoader);
    group.bench_function("parse", |b| {
        b.iter(|| syntax::parse_tu::parse_tu(&preprocessed))
    });
    group.bench_function("salsa db, cold", |b| {
        b.iter(|| {
            let db = queries::Db::default();
            let tu = queries::Tu::new(&db, config.clone());
            queries::preprocess(&db, tu)
        })
    });
    let db = queries::Db::default();
    let tu = queries::Tu::new(&db, config.clone());
    queries::preprocess(&db, tu);
    group.bench_function("salsa db, unchanged re-query", |b| {
        b.iter(|| queries::preprocess(&db, tu))
    });
    group.finish();
}

criterion_group!(benches, bench_preprocess);
criterion_main!(benches);
