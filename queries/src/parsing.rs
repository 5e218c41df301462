//! Parsing, per translation unit, from its preprocessed token stream.

use std::sync::Arc;

use syntax::parse_tu::ParsedTu;

use crate::db::SourceDb;
use crate::inputs::Tu;
use crate::preprocessing::preprocess;

/// The TU's syntax tree and syntax errors. `no_eq`: a new token stream is a new tree (the
/// parse of a TU is redone only when its preprocessing was).
#[salsa::tracked(returns(clone), no_eq)]
pub fn parse(db: &dyn SourceDb, tu: Tu) -> Arc<ParsedTu> {
    Arc::new(syntax::parse_tu::parse_tu(&preprocess(db, tu)))
}
