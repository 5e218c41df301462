//! Where the TU uses each macro: every invocation's and every definedness test's place (its
//! outermost expansion point), sorted by file and offset, so that the macros a copied
//! stretch of text uses are found by two binary searches rather than by walking each of the
//! TU's hundreds of thousands of invocations for each layout. Made once per preprocessed TU
//! (in `PpTables`), for every round's layout.

use syntax::pp::PreprocessedTu;
use syntax::pp::macros::MacroId;
use syntax::pp::provenance::FileId;

#[derive(Debug)]
pub(super) struct MacroUses {
    /// (file, offset, macro), sorted.
    uses: Vec<(FileId, u32, MacroId)>,
}

impl MacroUses {
    pub fn new(pp: &PreprocessedTu) -> MacroUses {
        let provenance = &pp.provenance;
        let expanded = (provenance.expansions.iter()).map(|e| (e.name, e.macro_id));
        let tested = (provenance.macro_tests.iter()).map(|t| (t.name, t.macro_id));
        let mut uses: Vec<_> = (expanded.chain(tested))
            .map(|(name, macro_id)| {
                let (file, start, _) = provenance.outermost_expansion_point(name);
                (file, start, macro_id)
            })
            .collect();
        uses.sort_unstable();
        MacroUses { uses }
    }

    /// The uses at offsets `start..end` of `file`.
    pub fn within(&self, file: FileId, start: u32, end: u32) -> &[(FileId, u32, MacroId)] {
        let from = self
            .uses
            .partition_point(|&(f, at, _)| (f, at) < (file, start));
        let to = self
            .uses
            .partition_point(|&(f, at, _)| (f, at) < (file, end));
        &self.uses[from..to.max(from)]
    }
}
