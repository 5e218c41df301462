//! Lexing, per file: an edit re-lexes the edited file only.

use std::sync::Arc;

use syntax::lexer::LexedFile;
use syntax::pp::LoadError;

use crate::inputs::SourceFile;

/// The tokens of `file`, or why it has none. Equal results are backdated, so a TU that read
/// the file is only re-preprocessed when the lexed file really changed.
#[salsa::tracked(returns(clone))]
pub fn lex(db: &dyn salsa::Database, file: SourceFile) -> Result<Arc<LexedFile>, LoadError> {
    let text = file.text(db).as_deref().map_err(Clone::clone)?;
    Ok(Arc::new(syntax::lexer::lex(text)))
}
