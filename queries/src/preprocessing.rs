//! Preprocessing, per translation unit, reading every file through the database so that salsa
//! knows which files (present or missing) a TU depends on.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use syntax::lexer::LexedFile;
use syntax::pp::{FileLoader, LoadError, PreprocessedTu, preprocess_after_edit};

use crate::db::SourceDb;
use crate::inputs::Tu;
use crate::lex_ahead::lex_ahead;
use crate::lexing::lex;

/// The preprocessed TU. `no_eq`: `PreprocessedTu` has no equality, and any change to a file
/// the TU read moves token offsets in its provenance anyway, so a re-run result is new.
#[salsa::tracked(returns(clone), no_eq)]
pub fn preprocess(db: &dyn SourceDb, tu: Tu) -> Arc<PreprocessedTu> {
    let config = tu.config(db);
    let mut loader = DbLoader { db };
    // After an edit, the run resumes from the last one's checkpoint before it (every file
    // read before it being the same): the headers are not read again.
    if let Some((earlier, _)) = db.earlier_runs().and_then(|earlier| earlier.last(tu)) {
        return Arc::new(preprocess_after_edit(config, &mut loader, &earlier));
    }
    let ahead = db.lexes_ahead().then(|| db.fork()).flatten();
    let Some(ahead) = ahead else {
        return Arc::new(syntax::pp::preprocess(config, &mut loader));
    };
    // The headers are lexed ahead on another core (`lex_ahead`) until this is done (without
    // a thread, the preprocessor lexes them all).
    let stop = AtomicBool::new(false);
    std::thread::scope(|scope| {
        let stop = &stop;
        let _ahead = std::thread::Builder::new()
            .spawn_scoped(scope, move || lex_ahead(&*ahead, config, stop));
        let preprocessed = syntax::pp::preprocess(config, &mut loader);
        stop.store(true, Ordering::Relaxed);
        Arc::new(preprocessed)
    })
}

/// Hands the preprocessor files from the database: every path it tries, found or not, becomes
/// an input that the running `preprocess` depends on.
struct DbLoader<'db> {
    db: &'db dyn SourceDb,
}

impl FileLoader for DbLoader<'_> {
    fn load(&mut self, path: &Path) -> Result<Arc<LexedFile>, LoadError> {
        lex(self.db, self.db.file(path))
    }
}
