//! The salsa database: storage, the lazily filled map from paths to `SourceFile` inputs,
//! where files come from on first read, and the live-patching policy.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use rustc_hash::FxHashMap;
use salsa::Setter;
use syntax::pp::LoadError;

use crate::earlier::EarlierRuns;
use crate::fs::{FileSystem, MemoryFs, RealFs};
use crate::inputs::SourceFile;
use crate::lexing::LexCache;
use crate::livepatch::{Policy, PolicyInput, QuestionKind, create_policy_inputs};
use crate::log::{self, EventLog};

/// What queries need of a database beyond salsa: files by path, and the policy. A trait
/// (rather than `Db` itself) so that later query crates and test databases can stand in.
#[salsa::db]
pub trait SourceDb: salsa::Database {
    /// The input for `path`, created on first use from the file system, also when the file
    /// does not exist (its text is then `None`), so that reading it records a dependency.
    fn file(&self, path: &Path) -> SourceFile;

    /// The input holding the live-patching policy for questions of `kind` (see
    /// `livepatch::policy_answer`).
    fn policy_input(&self, kind: QuestionKind) -> PolicyInput;

    /// The lexed files shared with other databases, if any (see `LexCache`).
    fn lex_cache(&self) -> Option<&LexCache> {
        None
    }

    /// The last preprocessing and parse of each TU, which the runs after an edit take over
    /// from (see `EarlierRuns`); `None`: every run starts from scratch.
    fn earlier_runs(&self) -> Option<&EarlierRuns> {
        None
    }

    /// A handle on this database for another thread (sharing its storage), when it has
    /// one: queries run on it fill the memos this one reads.
    fn fork(&self) -> Option<Box<dyn SourceDb + Send>> {
        None
    }

    /// Whether preprocessing lexes the headers ahead on another core (`lex_ahead`): for a
    /// run that preprocesses one TU at a time.
    fn lexes_ahead(&self) -> bool {
        false
    }
}

/// klp-ccp's database. Clones share storage and files (as salsa's handles do), so a clone
/// can run queries on another thread.
#[salsa::db]
#[derive(Clone)]
pub struct Db {
    storage: salsa::Storage<Self>,
    /// Every path read so far. Shared between clones: the inputs in it live in the shared
    /// storage, and a second input for the same path would split its readers.
    files: Arc<Mutex<FxHashMap<PathBuf, SourceFile>>>,
    fs: Fs,
    log: Option<EventLog>,
    /// The policy inputs, one per kind of question, in `QuestionKind::ALL`'s order (made
    /// with the database, in `build`: an input needs the storage to exist).
    policy: Vec<PolicyInput>,
    /// Lexed files shared with the other databases of a run.
    lex_cache: Option<Arc<LexCache>>,
    /// Shared between clones, as the memos they stand beside.
    earlier_runs: Arc<EarlierRuns>,

    /// See `SourceDb::lexes_ahead`.
    lex_ahead: bool,
}

/// The file system the database reads through.
#[derive(Clone)]
struct Fs(Arc<dyn FileSystem>);

/// A database reading the real file system, under the default policy.
impl Default for Db {
    fn default() -> Self {
        Self::new(RealFs)
    }
}

#[salsa::db]
impl salsa::Database for Db {}

#[salsa::db]
impl SourceDb for Db {
    fn file(&self, path: &Path) -> SourceFile {
        if let Some(file) = self.known(path) {
            return file;
        }
        // Read outside the lock, so that threads preprocessing different TUs do not wait on
        // each other's I/O; should two threads race on one path, the first insert wins.
        let text = self.fs.0.read(path).map(Arc::from);
        *self
            .lock_files()
            .entry(path.to_path_buf())
            .or_insert_with(|| SourceFile::new(self, path.to_path_buf(), text))
    }

    fn policy_input(&self, kind: QuestionKind) -> PolicyInput {
        self.policy[kind as usize]
    }

    fn lex_cache(&self) -> Option<&LexCache> {
        self.lex_cache.as_deref()
    }

    fn earlier_runs(&self) -> Option<&EarlierRuns> {
        Some(&self.earlier_runs)
    }

    fn fork(&self) -> Option<Box<dyn SourceDb + Send>> {
        Some(Box::new(self.clone()))
    }

    fn lexes_ahead(&self) -> bool {
        self.lex_ahead
    }
}

impl Db {
    /// A database reading files from `fs`.
    pub fn new(fs: impl FileSystem + 'static) -> Self {
        Self::build(Arc::new(fs), None)
    }

    /// This database, lexing headers ahead of preprocessing on another core.
    pub fn lexing_ahead(mut self) -> Self {
        self.lex_ahead = true;
        self
    }

    /// This database, sharing lexed files with the others given `cache` (files with the same
    /// text are lexed once).
    pub fn sharing_lexed_files(mut self, cache: Arc<LexCache>) -> Self {
        self.lex_cache = Some(cache);
        self
    }

    /// A database whose files are the given ones (any other path is missing).
    pub fn with_files<P: Into<PathBuf>, S: Into<String>>(
        files: impl IntoIterator<Item = (P, S)>,
    ) -> Self {
        Self::new(files.into_iter().collect::<MemoryFs>())
    }

    /// A database reading files from `fs` that records the queries it executes; see
    /// `take_executed`.
    pub fn with_event_log(fs: impl FileSystem + 'static) -> Self {
        Self::build(Arc::new(fs), Some(EventLog::default()))
    }

    /// The event callback is fixed when the storage is made, so the log is chosen here.
    fn build(fs: Arc<dyn FileSystem>, log: Option<EventLog>) -> Self {
        let storage = salsa::Storage::new(log.as_ref().map(EventLog::callback));
        let mut db = Self {
            storage,
            files: Arc::default(),
            fs: Fs(fs),
            log,
            policy: Vec::new(),
            lex_cache: None,
            earlier_runs: Arc::default(),

            lex_ahead: false,
        };
        db.policy = create_policy_inputs(&db).to_vec();
        db
    }

    /// Replaces the policy (the default one answers until this is called). The questions
    /// asked so far are asked anew when a query needs them again; only the dependents of the
    /// answers that changed re-run.
    pub fn set_policy(&mut self, policy: Arc<dyn Policy>) {
        self.set_policy_for(&QuestionKind::ALL, policy);
    }

    /// Replaces the policy for the questions of `kinds` only (a policy command that changed,
    /// or the patched set, which only `IsPatched` reads): the answers to other kinds of
    /// question stay valid.
    pub fn set_policy_for(&mut self, kinds: &[QuestionKind], policy: Arc<dyn Policy>) {
        for &kind in kinds {
            let input = self.policy_input(kind);
            input.set_policy(self).to(policy.clone());
        }
    }

    /// The queries executed since the last call, as `query(path)`, oldest first; empty when
    /// the database keeps no log.
    pub fn take_executed(&self) -> Vec<String> {
        let Some(log) = &self.log else {
            return Vec::new();
        };
        log.take()
            .into_iter()
            .map(|key| log::render(self, key))
            .collect()
    }

    /// Sets the text of `path` (`None`: the file is gone). Returns whether that changed
    /// anything: setting the text a file already has starts no new revision, so the next
    /// query re-validates nothing.
    pub fn set_file_text(&mut self, path: impl AsRef<Path>, text: Option<String>) -> bool {
        self.set_file_read(path.as_ref(), text.ok_or(LoadError::Missing))
    }

    /// Sets what reading `path` gives: its text, or why there is none. Returns whether that
    /// changed anything.
    fn set_file_read(&mut self, path: &Path, text: Result<String, LoadError>) -> bool {
        let text: Result<Arc<str>, LoadError> = text.map(Arc::from);
        let Some(file) = self.known(path) else {
            // Nobody has read the path yet, so nothing depends on it: just remember it.
            let file = SourceFile::new(self, path.to_path_buf(), text);
            self.lock_files().insert(path.to_path_buf(), file);
            return true;
        };
        if *file.text(self) == text {
            return false;
        }
        // The setter hands back the old read, which is not needed.
        let _old = file.set_text(self).to(text);
        true
    }

    /// Re-reads `path` from the file system (for a watcher's change notice). Paths never
    /// read are left alone: no query depends on them. Returns whether the input changed.
    pub fn reload_file(&mut self, path: impl AsRef<Path>) -> bool {
        let path = path.as_ref();
        if self.known(path).is_none() {
            return false;
        }
        let text = self.fs.0.read(path);
        self.set_file_read(path, text)
    }

    /// Every path read so far, missing ones included (a watcher must watch those too), sorted.
    pub fn known_paths(&self) -> Vec<PathBuf> {
        let mut paths: Vec<PathBuf> = self.lock_files().keys().cloned().collect();
        paths.sort();
        paths
    }

    fn known(&self, path: &Path) -> Option<SourceFile> {
        self.lock_files().get(path).copied()
    }

    /// A panic while the lock was held cannot leave the map half-updated (inserts are
    /// single calls), so a poisoned lock is still good to use.
    fn lock_files(&self) -> MutexGuard<'_, FxHashMap<PathBuf, SourceFile>> {
        self.files.lock().unwrap_or_else(PoisonError::into_inner)
    }
}
