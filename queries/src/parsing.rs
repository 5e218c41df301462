//! Parsing, per translation unit, from its preprocessed token stream.
//!
//! A TU is one tree, so an edit anywhere re-runs `parse`; but the database remembers each TU's
//! last parse (`EarlierParses`, outside salsa), and a re-parse keeps the items before the first
//! token that changed (in a `.c` file, the headers' thousands of items) and parses the rest.
//! The result is the same as a parse from scratch, so `parse` stays a function of its input.

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use rustc_hash::FxHashMap;
use syntax::parse_tu::{ParsedTu, parse_tu_resuming};
use syntax::pp::PreprocessedTu;

use crate::db::SourceDb;
use crate::inputs::Tu;
use crate::preprocessing::preprocess;

/// The TU's syntax tree and syntax errors. `no_eq`: a new token stream is a new tree (the
/// parse of a TU is redone only when its preprocessing was).
#[salsa::tracked(returns(clone), no_eq)]
pub fn parse(db: &dyn SourceDb, tu: Tu) -> Arc<ParsedTu> {
    let tokens = preprocess(db, tu);
    let Some(earlier) = db.earlier_parses() else {
        return Arc::new(syntax::parse_tu::parse_tu(&tokens));
    };
    let before = earlier.get(tu);
    let resuming = (before.as_ref()).map(|(tokens, parsed)| (&**tokens, &**parsed));
    let parsed = Arc::new(parse_tu_resuming(&tokens, resuming));
    drop(before);
    earlier.set(tu, tokens, parsed.clone());
    parsed
}

/// Each TU's last parse and the tokens it read. They are the current memos of `preprocess`
/// and `parse` (shared, not copied) until an edit makes new ones; the next parse then reads
/// them and replaces them.
#[derive(Default)]
pub struct EarlierParses {
    parses: Mutex<FxHashMap<Tu, EarlierParse>>,
}

/// A TU's parse and the tokens it read.
type EarlierParse = (Arc<PreprocessedTu>, Arc<ParsedTu>);

impl EarlierParses {
    fn get(&self, tu: Tu) -> Option<EarlierParse> {
        self.lock().get(&tu).cloned()
    }

    fn set(&self, tu: Tu, tokens: Arc<PreprocessedTu>, parsed: Arc<ParsedTu>) {
        self.lock().insert(tu, (tokens, parsed));
    }

    /// A panic while the lock was held cannot leave the map half-updated (inserts are single
    /// calls), so a poisoned lock is still good to use.
    fn lock(&self) -> MutexGuard<'_, FxHashMap<Tu, EarlierParse>> {
        self.parses.lock().unwrap_or_else(PoisonError::into_inner)
    }
}
