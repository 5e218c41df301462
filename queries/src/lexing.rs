//! Lexing, per file: an edit re-lexes the edited file only. Databases of one run (a
//! `from-diff` run has one per TU and tree) may share a `LexCache`, so that a header many TUs
//! read is lexed once: a file's tokens depend on its text only.

use std::sync::{Arc, Mutex, PoisonError};

use rustc_hash::FxHashMap;
use syntax::lexer::LexedFile;
use syntax::pp::LoadError;

use crate::db::SourceDb;
use crate::inputs::SourceFile;

/// The tokens of `file`, or why it has none. Equal results are backdated, so a TU that read
/// the file is only re-preprocessed when the lexed file really changed.
#[salsa::tracked(returns(clone))]
pub fn lex(db: &dyn SourceDb, file: SourceFile) -> Result<Arc<LexedFile>, LoadError> {
    let text = file.text(db).as_ref().map_err(Clone::clone)?;
    Ok(match db.lex_cache() {
        Some(cache) => cache.lexed(text),
        None => Arc::new(syntax::lexer::lex_shared(text)),
    })
}

/// Lexed files by their text, shared by databases.
#[derive(Default)]
pub struct LexCache {
    files: Mutex<FxHashMap<Arc<str>, Arc<LexedFile>>>,
}

impl LexCache {
    /// The tokens of `text`, lexed on the first request only. (Two threads asking for one
    /// new text at once may both lex it; the first result is kept.)
    pub fn lexed(&self, text: &Arc<str>) -> Arc<LexedFile> {
        let lock = || self.files.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(lexed) = lock().get(text) {
            return lexed.clone();
        }
        let lexed = Arc::new(syntax::lexer::lex_shared(text));
        lock().entry(text.clone()).or_insert(lexed).clone()
    }
}
