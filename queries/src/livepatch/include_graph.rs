//! Which files each file includes: what an `#include` the live patch writes reads, as far
//! as the TU tells (its `#include`s that read files, and those skipped as re-inclusions,
//! which the live patch's `#include` would read when nothing had before).

use rustc_hash::{FxHashMap, FxHashSet};
use syntax::pp::PreprocessedTu;
use syntax::pp::provenance::{FileId, InclusionId};

use super::headers::Coverage;

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

/// The files the live patch's `#include`s read, and which of them reads each first.
///
/// An `#include` reads every file its header includes that was not read before, also
/// files the TU read first through another header (the kernel's <linux/vmstat.h>, which
/// <linux/mm.h> includes, included again by <linux/mm_inline.h>): the text of each such
/// file is compiled with the earliest `#include` that reads it. Files the live patch
/// copies from are not read again (their include guards are defined), nor are the files
/// only they include.
pub struct IncludedReads {
    /// The included headers, in the order of their `#include`s.
    headers: Vec<InclusionId>,
    /// By included header (an index of `headers`): the files it reads.
    reachable: Vec<FxHashSet<FileId>>,
    /// By file: the first included header reading it (an index of `reachable`).
    read_by: FxHashMap<FileId, usize>,
}

impl IncludedReads {
    pub fn new(
        pp: &PreprocessedTu,
        coverage: &Coverage,
        included: &FxHashSet<InclusionId>,
    ) -> IncludedReads {
        let graph = IncludeGraph::new(pp);
        let mut ordered: Vec<InclusionId> = included.iter().copied().collect();
        ordered.sort_by_key(|&i| (coverage.position(i), i));
        let reachable: Vec<FxHashSet<FileId>> = (ordered.iter())
            .map(|&i| match pp.provenance.inclusions.get(i.0 as usize) {
                Some(start) => graph.reachable(start.file, |f| coverage.covering(f).is_some()),
                None => FxHashSet::default(),
            })
            .collect();
        let mut read_by: FxHashMap<FileId, usize> = FxHashMap::default();
        for (index, files) in reachable.iter().enumerate() {
            for &file in files {
                read_by.entry(file).or_insert(index);
            }
        }
        IncludedReads {
            headers: ordered,
            reachable,
            read_by,
        }
    }

    /// When an included header reads `file`: all the files the first one to read it reads.
    pub fn read_with(&self, file: FileId) -> Option<&FxHashSet<FileId>> {
        self.reachable.get(*self.read_by.get(&file)?)
    }

    /// The first included header to read `file`.
    pub fn reader(&self, file: FileId) -> Option<InclusionId> {
        self.headers.get(*self.read_by.get(&file)?).copied()
    }
}
