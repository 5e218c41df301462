//! What the database remembers of each TU's last run, beside salsa, so that the run after an
//! edit redoes only what comes after the edit (see `preprocessing`, `parsing` and `items`).
//! The results are those of a run from scratch, so the queries stay functions of their inputs.

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use rustc_hash::FxHashMap;
use syntax::parse_tu::ParsedTu;
use syntax::pp::PreprocessedTu;

use crate::inputs::Tu;
use crate::items::ItemIndex;

/// Each TU's last parse and the preprocessed TU it read. They are the current memos of
/// `preprocess` and `parse` (shared, not copied) until an edit makes new ones: the next
/// preprocessing resumes from the earlier one's checkpoint before the edit, the next parse
/// keeps the earlier tree's items before it, and then replaces them.
#[derive(Default)]
pub struct EarlierRuns {
    parses: Mutex<FxHashMap<Tu, EarlierRun>>,
    /// Each TU's last item index, with the runs it was made from: the next one takes over
    /// the entries of the items the next parse kept (`ItemIndex::resuming`).
    indexes: Mutex<FxHashMap<Tu, EarlierIndex>>,
}

/// An item index and the runs it was made from (`PreprocessedTu::run`, `ParsedTu::run`).
#[derive(Clone)]
pub(crate) struct EarlierIndex {
    pub pp_run: u64,
    pub parse_run: u64,
    pub index: Arc<ItemIndex>,
}

/// A TU's preprocessing and its parse, if it was parsed.
type EarlierRun = (Arc<PreprocessedTu>, Option<Arc<ParsedTu>>);

impl EarlierRuns {
    pub(crate) fn last(&self, tu: Tu) -> Option<EarlierRun> {
        self.lock().get(&tu).cloned()
    }

    pub(crate) fn set(&self, tu: Tu, tokens: Arc<PreprocessedTu>, parsed: Arc<ParsedTu>) {
        self.lock().insert(tu, (tokens, Some(parsed)));
    }

    /// Lets `tu`'s first preprocessing resume from `tokens`, the preprocessing of the same
    /// invocation in another database sharing its lexed files (`LexCache`): `from-diff`'s
    /// patched tree after the pristine one.
    pub fn seed(&self, tu: Tu, tokens: Arc<PreprocessedTu>) {
        self.lock().insert(tu, (tokens, None));
    }

    pub(crate) fn last_index(&self, tu: Tu) -> Option<EarlierIndex> {
        lock(&self.indexes).get(&tu).cloned()
    }

    pub(crate) fn set_index(&self, tu: Tu, index: EarlierIndex) {
        lock(&self.indexes).insert(tu, index);
    }

    /// A panic while the lock was held cannot leave the map half-updated (inserts are single
    /// calls), so a poisoned lock is still good to use.
    fn lock(&self) -> MutexGuard<'_, FxHashMap<Tu, EarlierRun>> {
        lock(&self.parses)
    }
}

/// Locks a map (see `EarlierRuns::lock` on poisoning).
fn lock<T>(map: &Mutex<T>) -> MutexGuard<'_, T> {
    map.lock().unwrap_or_else(PoisonError::into_inner)
}
