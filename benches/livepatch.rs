//! `cargo bench --bench livepatch`: making a live patch of a real TU (see
//! `support/subject.rs`) under the default policy: cold (a fresh database, preprocessing
//! included), and again after changing the patched set in the same database (only the
//! policy's answers and the live-patch queries re-run).

use std::sync::Arc;

use criterion::{Criterion, criterion_group, criterion_main};
use queries::livepatch::{DefaultPolicy, live_patch};
use queries::sema::functions;
use queries::{Db, Tu};

#[path = "support/subject.rs"]
mod subject;

use subject::{bench_subject, config_of};

/// The length of the live patch (0 when the policy failed).
fn make(db: &Db, tu: Tu) -> usize {
    live_patch(db, tu)
        .as_ref()
        .as_ref()
        .map_or(0, |live_patch| live_patch.text.len())
}

fn policy(patched: &str) -> Arc<DefaultPolicy> {
    Arc::new(DefaultPolicy::new([patched.to_owned()]))
}

/// Two functions to patch in turn: the TU's last two definitions (the main file's, which
/// comes after its headers).
fn two_functions(db: &Db, tu: Tu) -> Option<(String, String)> {
    let names: Vec<String> = functions(db, tu)
        .iter()
        .map(|f| f.name(db).clone())
        .collect();
    let [.., before_last, last] = names.as_slice() else {
        return None;
    };
    Some((before_last.clone(), last.clone()))
}

fn bench_livepatch(c: &mut Criterion) {
    let subject = bench_subject();
    let Some(config) = config_of(&subject) else {
        eprintln!("bench: cannot read the invocation of {}", subject.name);
        return;
    };
    let mut db = Db::default();
    let tu = Tu::new(&db, config.clone());
    let Some((first, last)) = two_functions(&db, tu) else {
        eprintln!("bench: {} defines no function", subject.name);
        return;
    };
    let mut group = c.benchmark_group(format!("livepatch {}", subject.name));
    group.sample_size(10);
    group.bench_function("cold", |b| {
        b.iter_batched(
            || {
                let mut db = Db::default();
                db.set_policy(policy(&last));
                db
            },
            |db| {
                let tu = Tu::new(&db, config.clone());
                make(&db, tu)
            },
            criterion::BatchSize::PerIteration,
        )
    });
    db.set_policy(policy(&first));
    make(&db, tu);
    let mut flip = false;
    group.bench_function("after changing the patched set", |b| {
        b.iter(|| {
            flip = !flip;
            db.set_policy(policy(if flip { &last } else { &first }));
            make(&db, tu)
        })
    });
    group.finish();
}

criterion_group!(benches, bench_livepatch);
criterion_main!(benches);
