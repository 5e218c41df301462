//! Running a TU's per-function queries on all cores: function bodies are resolved and typed
//! independently of each other, so `check` fills their memos from several threads (each with
//! a clone of the database, which shares the storage) before it reads them in order.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::thread;

use syntax::parse_tu::ParsedTu;

use crate::db::{Db, SourceDb};
use crate::inputs::Tu;
use crate::livepatch::{ask_policy, content_positions, pp_tables, questions_asked_first};
use crate::parsing::parse;
use crate::preprocessing::preprocess;
use crate::sema::{body_resolution, functions};
use crate::types::{body_type_diagnostics, file_types};

/// The stack of a worker: as deep as the nesting the parser accepts needs (address space
/// only, until used).
const WORKER_STACK: usize = 256 << 20;

/// Computes the name resolution and the type diagnostics of every function body of `tu`,
/// and the file-scope queries they need, on up to `threads` threads.
pub fn resolve_and_type_bodies(db: &Db, tu: Tu, threads: usize) {
    let threads = threads.max(1);
    let (functions, ()) = thread::scope(|scope| {
        let types_db = db.clone();
        let file_types = scope.spawn(move || {
            file_types(&types_db, tu);
        });
        let functions = functions(db, tu);
        (functions, file_types.join().unwrap_or(()))
    });
    let next = AtomicUsize::new(0);
    thread::scope(|scope| {
        for _ in 0..threads {
            let db = db.clone();
            let (next, functions) = (&next, &functions);
            let worker = move || {
                while let Some(&function) = functions.get(next.fetch_add(1, Ordering::Relaxed)) {
                    body_resolution(&db, function);
                    body_type_diagnostics(&db, function);
                }
            };
            // Without a thread, the caller's (which has the stack for deep nesting) does it.
            let spawned = thread::Builder::new()
                .stack_size(WORKER_STACK)
                .spawn_scoped(scope, worker.clone());
            if spawned.is_err() {
                worker();
            }
        }
    });
}

/// Parses `tu` for a live patch: what emission reads of the preprocessed TU alone is made
/// on another thread meanwhile (without a thread, when the live patch first reads it).
pub fn parse_for_live_patch(db: &Db, tu: Tu) -> Arc<ParsedTu> {
    thread::scope(|scope| {
        let tables_db = db.clone();
        let _tables =
            thread::Builder::new().spawn_scoped(scope, move || make_pp_tables(&tables_db, tu));
        parse(db, tu)
    })
}

/// Runs `work` (which makes a live patch of `tu`) while what emission reads of the
/// preprocessed TU alone is made on another thread, as soon as the TU is preprocessed (a
/// warm run after an edit makes them again; without a thread, the live patch makes them).
pub fn with_pp_tables_ahead<R>(db: &dyn SourceDb, tu: Tu, work: impl FnOnce() -> R) -> R {
    let Some(fork) = db.fork() else {
        return work();
    };
    thread::scope(|scope| {
        let _tables =
            thread::Builder::new().spawn_scoped(scope, move || make_pp_tables(&*fork, tu));
        work()
    })
}

/// What emission reads of the preprocessed TU alone, whatever the plan: its tables, the
/// parts of them found when first needed, and where each inclusion's content begins.
fn make_pp_tables(db: &dyn SourceDb, tu: Tu) {
    pp_tables(db, tu).prepare(&preprocess(db, tu));
    content_positions(db, tu);
}

/// Runs `work` while the file scope's types of `tu` are made on another thread (`work`
/// reads them from the shared memo, waiting for them if it gets there first; without a
/// thread, it makes them).
pub fn with_file_types_ahead<R>(db: &Db, tu: Tu, work: impl FnOnce() -> R) -> R {
    thread::scope(|scope| {
        let types_db = db.clone();
        let _types = thread::Builder::new()
            .stack_size(WORKER_STACK)
            .spawn_scoped(scope, move || {
                file_types(&types_db, tu);
            });
        work()
    })
}

/// Asks the policy, on up to `threads` threads, the questions live-patch creation asks
/// whatever the answers (whether each header may be included, whether each function the
/// source file defines is patched), each possibly a process of the user's: answered into the
/// shared memo beforehand.
pub fn ask_questions_ahead(db: &Db, tu: Tu, threads: usize) {
    let questions = questions_asked_first(db, tu);
    let next = AtomicUsize::new(0);
    thread::scope(|scope| {
        for _ in 0..threads.max(1) {
            let db = db.clone();
            let (next, questions) = (&next, &questions);
            scope.spawn(move || {
                while let Some(question) = questions.get(next.fetch_add(1, Ordering::Relaxed)) {
                    let _ = ask_policy(&db, question.clone());
                }
            });
        }
    });
}

/// Runs `work` on this thread while another, on `fork`, calls `read` for each of `items`
/// from the last, until `work` is done: `work` reads them from the first, and finds those
/// the other thread reached already made (the two meet somewhere in the middle). Without a
/// thread, `work` does it all.
pub fn while_ahead<T: Copy + Sync>(
    fork: Box<dyn SourceDb + Send>,
    items: &[T],
    work: &mut dyn FnMut(),
    read: impl Fn(&dyn SourceDb, T) + Sync,
) {
    let done = AtomicBool::new(false);
    thread::scope(|scope| {
        let (done, read) = (&done, &read);
        let helper = move || {
            for &item in items.iter().rev() {
                if done.load(Ordering::Relaxed) {
                    break;
                }
                read(&*fork, item);
            }
        };
        let spawned = thread::Builder::new()
            .stack_size(WORKER_STACK)
            .spawn_scoped(scope, helper);
        work();
        done.store(true, Ordering::Relaxed);
        drop(spawned);
    });
}
