//! A record of which queries salsa executed, for tests and for explaining what a change
//! re-ran (watch mode).

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use salsa::plumbing::FromId;
use salsa::{DatabaseKeyIndex, Event, EventKind};

use crate::inputs::{SourceFile, Tu};

/// The queries that salsa executed, in order. Clones share the record.
#[derive(Clone, Default)]
pub(crate) struct EventLog {
    executed: Arc<Mutex<Vec<DatabaseKeyIndex>>>,
}

impl EventLog {
    /// The storage callback that fills this log. Only executions are kept: validations of
    /// memoized values are what a no-op looks like, and are not news.
    pub(crate) fn callback(&self) -> Box<dyn Fn(Event) + Send + Sync + 'static> {
        let log = self.clone();
        Box::new(move |event| {
            if let EventKind::WillExecute { database_key } = event.kind {
                log.lock().push(database_key);
            }
        })
    }

    pub(crate) fn take(&self) -> Vec<DatabaseKeyIndex> {
        std::mem::take(&mut *self.lock())
    }

    /// A panic in a query while the lock was held leaves the record usable: it is a list that
    /// is only ever pushed to.
    fn lock(&self) -> MutexGuard<'_, Vec<DatabaseKeyIndex>> {
        self.executed.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// `query(subject)`, where the subject is a file path for the per-file queries and the main
/// file for the per-TU ones, so that logs read without knowing salsa's ids.
pub(crate) fn render(db: &dyn salsa::Database, key: DatabaseKeyIndex) -> String {
    // salsa names the query only in the key's `Debug` output (`lex(Id(3))`), and only while a
    // database is attached.
    let debug = salsa::attach(db, || format!("{key:?}"));
    let Some((name, _)) = debug.split_once('(') else {
        return debug;
    };
    match name {
        "lex" => format!("{name}({})", file_of(db, key).display()),
        "preprocess" => format!("{name}({})", main_file_of(db, key).display()),
        _ => debug,
    }
}

/// The file keying a `lex` execution (its only argument is a `SourceFile`).
fn file_of(db: &dyn salsa::Database, key: DatabaseKeyIndex) -> &std::path::Path {
    SourceFile::from_id(key.key_index()).path(db)
}

/// The main file of the TU keying a `preprocess` execution (its only argument is a `Tu`).
fn main_file_of(db: &dyn salsa::Database, key: DatabaseKeyIndex) -> &std::path::Path {
    &Tu::from_id(key.key_index()).config(db).main_file
}
