//! Lexing, per file: an edit re-lexes the edited file only.

use std::sync::Arc;

use syntax::lexer::LexedFile;

use crate::inputs::SourceFile;

/// The tokens of `file`; `None` when it is missing. Equal results are backdated, so a TU that
/// read the file is only re-preprocessed when the lexed file really changed.
#[salsa::tracked(returns(clone))]
pub fn lex(db: &dyn salsa::Database, file: SourceFile) -> Option<Arc<LexedFile>> {
    let text = file.text(db).as_deref()?;
    Some(Arc::new(syntax::lexer::lex(text)))
}
