//! Parsing, per translation unit, from its preprocessed token stream.
//!
//! A TU is one tree, so an edit anywhere re-runs `parse`; but the database remembers each TU's
//! last parse (`EarlierRuns`, outside salsa), and a re-parse keeps the items before the first
//! token that changed (in a `.c` file, the headers' thousands of items) and parses the rest.
//! The result is the same as a parse from scratch, so `parse` stays a function of its input.

use std::sync::Arc;

use syntax::parse_tu::{ParsedTu, parse_tu_resuming};

use crate::db::SourceDb;
use crate::inputs::Tu;
use crate::preprocessing::preprocess;

/// The TU's syntax tree and syntax errors. `no_eq`: a new token stream is a new tree (the
/// parse of a TU is redone only when its preprocessing was).
#[salsa::tracked(returns(clone), no_eq)]
pub fn parse(db: &dyn SourceDb, tu: Tu) -> Arc<ParsedTu> {
    let tokens = preprocess(db, tu);
    let Some(earlier) = db.earlier_runs() else {
        return Arc::new(syntax::parse_tu::parse_tu(&tokens));
    };
    let before = earlier.last(tu);
    let resuming =
        (before.as_ref()).and_then(|(tokens, parsed)| Some((&**tokens, &**parsed.as_ref()?)));
    let parsed = Arc::new(parse_tu_resuming(&tokens, resuming));
    drop(before);
    earlier.set(tu, tokens, parsed.clone());
    parsed
}
