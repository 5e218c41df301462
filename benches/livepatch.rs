//! `cargo bench --bench livepatch`: making a live patch of a real TU (see
//! `test_support::subject`) under the default policy: cold (a fresh database, preprocessing
//! included), and warm, in one database, after each change a user tuning a live patch makes:
//! - going back and forth between two patched sets (each tried before: memos reused);
//! - a patched set never tried before (only the closure and the emission run);
//! - one policy answer changed (one kind of question re-asked);
//! - an edit of one function body in the `.c` file;
//! - an edit of one header the TU includes.
//!
//! `KLP_CCP_BENCH_TABLE=1 cargo bench --bench livepatch` instead times each scenario once per
//! corpus TU and prints a table (TU, cold ms, each warm ms, warm/cold).

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use criterion::{Criterion, criterion_group};
use queries::livepatch::{Answer, DefaultPolicy, Policy, PolicyFailure, Question, Reply};
use queries::livepatch::{QuestionKind, live_patch};
use queries::sema::functions;
use queries::{Db, Tu};
use syntax::pp::PpConfig;

use test_support::subject::{Subject, all_subjects, bench_subject, config_of};

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

/// The default policy, but objects are copied rather than externalized when `copy_objects`:
/// a change of one kind of answer.
struct ObjectPolicy {
    base: DefaultPolicy,
    copy_objects: bool,
}

impl Policy for ObjectPolicy {
    fn ask(&self, question: &Question) -> Result<Reply, PolicyFailure> {
        let mut reply = self.base.ask(question)?;
        if let Question::ShallExternalizeObj { .. } = question {
            reply.answer = Answer::YesNo(!self.copy_objects);
        }
        Ok(reply)
    }
}

/// The functions the main file defines (after its headers), in source order.
fn main_file_functions(db: &Db, tu: Tu) -> Vec<String> {
    let names: Vec<String> = functions(db, tu)
        .iter()
        .map(|f| f.name(db).clone())
        .collect();
    // The last definitions are the main file's; a few dozen are plenty.
    let keep = names.len().min(64);
    names[names.len() - keep..].to_vec()
}

/// One TU set up for warm runs: its database, the functions to patch, the files to edit.
struct Warm {
    db: Db,
    tu: Tu,
    functions: Vec<String>,
    source: PathBuf,
    header: Option<PathBuf>,
}

impl Warm {
    fn new(config: &PpConfig) -> Option<Warm> {
        let mut db = Db::default();
        let tu = Tu::new(&db, config.clone());
        let functions = main_file_functions(&db, tu);
        let last = functions.last()?.clone();
        db.set_policy(policy(&last));
        make(&db, tu);
        let pp = queries::preprocess(&db, tu);
        let source = config.main_file.clone();
        let header = (pp.provenance.files.iter())
            .map(|f| f.path.clone())
            .find(|p| p.extension().is_some_and(|e| e == "h"));
        Some(Warm {
            db,
            tu,
            functions,
            source,
            header,
        })
    }

    /// Patches the `n`th function of the main file (cycling).
    fn patch(&mut self, n: usize) -> usize {
        let name = &self.functions[n % self.functions.len()];
        (self.db).set_policy_for(&[QuestionKind::IsPatched], policy(name));
        make(&self.db, self.tu)
    }

    /// Changes how objects are externalized (one kind of question).
    fn flip_objects(&mut self, copy_objects: bool) -> usize {
        let last = self.functions.last().cloned().unwrap_or_default();
        let base = DefaultPolicy::new([last]);
        let policy = Arc::new(ObjectPolicy { base, copy_objects });
        (self.db).set_policy_for(&[QuestionKind::ShallExternalizeObj], policy);
        make(&self.db, self.tu)
    }

    /// Edits `path` by appending a comment line, or taking it away again: the text of a
    /// body (or a header) changes, the declarations do not.
    fn edit(&mut self, path: &PathBuf, marker: bool) -> usize {
        let Ok(text) = std::fs::read_to_string(path) else {
            return 0;
        };
        let text = if marker {
            format!("{text}\n/* klp-ccp bench edit */\n")
        } else {
            text
        };
        self.db.set_file_text(path, Some(text));
        make(&self.db, self.tu)
    }

    /// Edits the body of a function of the main file: a statement before its last
    /// `return` (which only a body can hold).
    fn edit_body(&mut self, round: usize) -> usize {
        let Ok(text) = std::fs::read_to_string(&self.source) else {
            return 0;
        };
        let Some(at) = text.rfind("\treturn ") else {
            return 0;
        };
        let edited = format!("{}\t(void)({round});\n{}", &text[..at], &text[at..]);
        self.db.set_file_text(&self.source, Some(edited));
        make(&self.db, self.tu)
    }
}

fn bench_livepatch(c: &mut Criterion) {
    let subject = bench_subject();
    let Some(config) = config_of(&subject) else {
        eprintln!("bench: cannot read the invocation of {}", subject.name);
        return;
    };
    let Some(mut warm) = Warm::new(&config) else {
        eprintln!("bench: {} defines no function", subject.name);
        return;
    };
    let mut group = c.benchmark_group(format!("livepatch {}", subject.name));
    group.sample_size(10);
    group.bench_function("cold", |b| {
        b.iter_batched(
            || {
                let mut db = Db::default();
                db.set_policy(policy(warm.functions.last().map_or("", |f| f)));
                db
            },
            |db| {
                let tu = Tu::new(&db, config.clone());
                make(&db, tu)
            },
            criterion::BatchSize::PerIteration,
        )
    });
    let (first, last) = (0, warm.functions.len() - 1);
    let mut flip = false;
    group.bench_function("after changing the patched set", |b| {
        b.iter(|| {
            flip = !flip;
            warm.patch(if flip { last } else { first })
        })
    });
    let mut next = 0;
    group.bench_function("after patching a function not patched before", |b| {
        b.iter(|| {
            next += 1;
            warm.patch(next)
        })
    });
    warm.patch(last);
    group.bench_function("after changing one kind of policy answer", |b| {
        b.iter(|| {
            flip = !flip;
            warm.flip_objects(flip)
        })
    });
    let mut round = 0;
    group.bench_function("after editing a function body in the .c file", |b| {
        b.iter(|| {
            round += 1;
            warm.edit_body(round)
        })
    });
    if let Some(header) = warm.header.clone() {
        group.bench_function("after editing a header", |b| {
            b.iter(|| {
                flip = !flip;
                warm.edit(&header, flip)
            })
        });
    }
    group.finish();
}

/// Times `f` once.
fn millis(f: impl FnOnce() -> usize) -> f64 {
    let start = Instant::now();
    std::hint::black_box(f());
    start.elapsed().as_secs_f64() * 1000.0
}

/// The table of cold and warm runs over every corpus TU.
fn print_table(subjects: Vec<Subject>) {
    println!(
        "| TU | cold ms | patched set ms | new function ms | policy answer ms | body edit ms | header edit ms | body edit / cold |"
    );
    println!("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    for subject in subjects {
        let Some(config) = config_of(&subject) else {
            continue;
        };
        let mut warm = None;
        let cold = millis(|| {
            warm = Warm::new(&config);
            0
        });
        let Some(mut warm) = warm else {
            continue;
        };
        let last = warm.functions.len() - 1;
        // Both sets tried once before the measured flip.
        warm.patch(0);
        warm.patch(last);
        let set = millis(|| warm.patch(0));
        let new = millis(|| warm.patch(1));
        let answer = millis(|| warm.flip_objects(true));
        let body = millis(|| warm.edit_body(1));
        let header = warm
            .header
            .clone()
            .map_or(0.0, |h| millis(|| warm.edit(&h, true)));
        println!(
            "| {} | {cold:.0} | {set:.1} | {new:.1} | {answer:.1} | {body:.0} | {header:.0} | {:.0}% |",
            subject.name,
            body / cold * 100.0
        );
    }
}

criterion_group!(benches, bench_livepatch);

fn main() {
    if std::env::var_os("KLP_CCP_BENCH_TABLE").is_some() {
        print_table(all_subjects());
        return;
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
}
