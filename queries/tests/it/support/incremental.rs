//! What the incremental tests share: a one-file TU over an event-logging database, the ids
//! of its function definitions, and salsa's log of executed queries rendered with the ids
//! replaced by names.

use queries::sema::{FunctionId, functions};
use queries::{Db, MemoryFs, Tu};
use salsa::plumbing::AsId;
use syntax::pp::PpConfig;

pub const MAIN: &str = "/src/t.c";

/// A database that logs the queries it executes, holding `source` as the main file, and
/// the TU of that file (gcc 12).
pub fn logged_tu(source: &str) -> (Db, Tu) {
    let db = Db::with_event_log(MemoryFs::from_iter([(MAIN, source)]));
    let tu = Tu::new(
        &db,
        PpConfig {
            main_file: MAIN.into(),
            gcc_major: 12,
            ..PpConfig::default()
        },
    );
    (db, tu)
}

/// The TU's function definitions, each with `query` run on it; their names and ids, for
/// reading the log.
pub fn run_per_function(db: &Db, tu: Tu, query: impl Fn(FunctionId)) -> Vec<(String, String)> {
    functions(db, tu)
        .into_iter()
        .map(|f| {
            query(f);
            (f.name(db).clone(), format!("{:?}", f.as_id()))
        })
        .collect()
}

/// The queries executed since the last call whose line `keep` accepts, one a line, with the
/// functions' ids replaced by their names and the TU's by `tu`.
pub fn executed(
    db: &Db,
    tu: Tu,
    names: &[(String, String)],
    keep: impl Fn(&str) -> bool,
) -> String {
    let tu_id = format!("{:?}", tu.as_id());
    db.take_executed()
        .iter()
        .filter(|line| keep(line))
        .map(|line| {
            let mut line = line.replace(&format!("({tu_id})"), "(tu)");
            for (name, id) in names {
                line = line.replace(&format!("({id})"), &format!("({name})"));
            }
            format!("{line}\n")
        })
        .collect()
}
