//! Which files each file includes: what an `#include` the live patch writes reads, as far
//! as the TU tells (its `#include`s that read files, and those skipped as re-inclusions,
//! which the live patch's `#include` would read when nothing had before).

use rustc_hash::FxHashSet;
use syntax::pp::PreprocessedTu;
use syntax::pp::provenance::FileId;

/// Which files each file includes, by its `#include`s that read them and those that were
/// skipped as re-inclusions.
pub struct IncludeGraph {
    includes: Vec<Vec<FileId>>,
}

impl IncludeGraph {
    pub fn new(pp: &PreprocessedTu) -> IncludeGraph {
        let provenance = &pp.provenance;
        let mut includes = vec![Vec::new(); provenance.files.len()];
        let mut edge = |from: FileId, to: FileId| {
            if let Some(list) = includes.get_mut(from.0 as usize) {
                list.push(to);
            }
        };
        for inclusion in &provenance.inclusions {
            if let Some((from, _, _)) = inclusion.from {
                edge(from, inclusion.file);
            }
        }
        for skipped in &provenance.reinclusions {
            if let Some(parent) = provenance.inclusions.get(skipped.parent.0 as usize) {
                edge(parent.file, skipped.file);
            }
        }
        IncludeGraph { includes }
    }

    /// The files `start` includes, directly or not, through the files `read` accepts.
    pub fn reachable(&self, start: FileId, read: impl Fn(FileId) -> bool) -> FxHashSet<FileId> {
        let mut seen = FxHashSet::default();
        let mut stack = vec![start];
        while let Some(file) = stack.pop() {
            if read(file) && seen.insert(file) {
                stack.extend(self.includes.get(file.0 as usize).into_iter().flatten());
            }
        }
        seen
    }
}
