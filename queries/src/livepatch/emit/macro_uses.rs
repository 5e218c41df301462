//! Where the TU uses each macro: every invocation's and every definedness test's place (its
//! outermost expansion point), sorted by file and offset, so that the macros a copied
//! stretch of text uses are found by two binary searches rather than by walking each of the
//! TU's hundreds of thousands of invocations for each layout. Made once per preprocessed TU
//! (in `PpTables`), for every round's layout.

use rustc_hash::FxHashSet;
use syntax::pp::PreprocessedTu;
use syntax::pp::macros::MacroId;
use syntax::pp::provenance::FileId;

#[derive(Debug)]
pub(super) struct MacroUses {
    /// (file, offset, macro), sorted.
    uses: Vec<(FileId, u32, MacroId)>,
    /// Each macro's first use in each file (in the order the TU expands and tests macros),
    /// sorted by file: what the included headers use (`header_macros`) is found from the
    /// files they read, rather than by walking every use of the TU for each layout.
    first_uses: Vec<(FileId, u32, MacroId)>,
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
        let mut seen: FxHashSet<(FileId, MacroId)> = FxHashSet::default();
        let mut first_uses: Vec<_> = (uses.iter())
            .filter(|&&(file, _, macro_id)| seen.insert((file, macro_id)))
            .copied()
            .collect();
        first_uses.sort_by_key(|&(file, _, _)| file);
        uses.sort_unstable();
        MacroUses { uses, first_uses }
    }

    /// The first use of each macro used in `file`.
    pub fn first_uses_in(&self, file: FileId) -> &[(FileId, u32, MacroId)] {
        let from = (self.first_uses).partition_point(|&(f, _, _)| f < file);
        let to = (self.first_uses).partition_point(|&(f, _, _)| f <= file);
        &self.first_uses[from..to]
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
