//! Line numbers: `#line` directives before the items whose expansion depends on where they
//! are written (`__LINE__`, `__FILE__`: the kernel's `WARN_ON` and `BUG_ON` record them), so
//! that after preprocessing a patched function is the original token for token, and gcc's
//! diagnostics about it point at the original lines. Inside an item the copied text keeps
//! its line ends (tokens dropped or written out leave theirs), so one directive at its
//! start is enough.

use syntax::pp::provenance::{self, FileId, OriginId};

use super::tokens::OutToken;
use super::{Emitter, Written};

/// An item's text as rendered.
pub(super) struct Rendered {
    /// Where it was written in the source, for the conditionals around it.
    pub source: Option<Written>,
    pub text: String,
    /// Where in its file the text begins, when it begins with copied text.
    pub begins: Option<(FileId, u32)>,
    /// What it does to `__COUNTER__`.
    pub counting: super::Counting,
}

/// Where a `#line` directive before an item's text must say it starts, if one must.
pub(super) fn line_mark(
    e: &Emitter<'_>,
    tokens: &[OutToken],
    rendered: &Rendered,
) -> Option<(FileId, u32)> {
    let begins = rendered.begins?;
    let depends = tokens
        .iter()
        .any(|token| (e.pp.tokens.get(token.pp)).is_some_and(|t| is_place_value(e, t.origin)));
    depends.then_some(begins)
}

/// Whether a token's value depends on where it is written (see `provenance::is_place_value`).
pub(super) fn is_place_value(e: &Emitter<'_>, origin: OriginId) -> bool {
    provenance::is_place_value(&e.pp.provenance, &e.pp.macros, &e.pp.interner, origin)
}

/// The `#line` directive (with its newline) saying that the next line is the line of
/// `offset` in `file`.
pub(super) fn line_directive(e: &Emitter<'_>, (file, offset): (FileId, u32)) -> Option<String> {
    let (line, _) = e.pp.files.get(file.0 as usize)?.line_col(offset);
    let path = e.pp.provenance.file(file).path.display().to_string();
    let quoted = path.replace('\\', "\\\\").replace('"', "\\\"");
    Some(format!("#line {line} \"{quoted}\"\n"))
}
