//! Which files each file includes: what an `#include` the live patch writes reads, as far
//! as the TU tells (its `#include`s that read files, and those skipped as re-inclusions,
//! which the live patch's `#include` would read when nothing had before), and in which
//! order.

use rustc_hash::{FxHashMap, FxHashSet};
use syntax::pp::PreprocessedTu;
use syntax::pp::provenance::{FileId, InclusionId};

use super::headers::Coverage;

/// Which files each file includes, by its `#include`s that read them and those that were
/// skipped as re-inclusions, each with where its directive stands.
pub struct IncludeGraph {
    /// By file: its `#include`s (directive offset, file), in the order of the text.
    includes: Vec<Vec<(u32, FileId)>>,
}

impl IncludeGraph {
    pub fn new(pp: &PreprocessedTu) -> IncludeGraph {
        let provenance = &pp.provenance;
        let mut includes = vec![Vec::new(); provenance.files.len()];
        let mut edge = |from: FileId, offset: u32, to: FileId| {
            if let Some(list) = includes.get_mut(from.0 as usize) {
                list.push((offset, to));
            }
        };
        for inclusion in &provenance.inclusions {
            if let Some((from, offset, _)) = inclusion.from {
                edge(from, offset, inclusion.file);
            }
        }
        for skipped in &provenance.reinclusions {
            if let Some(parent) = provenance.inclusions.get(skipped.parent.0 as usize) {
                edge(parent.file, skipped.offset, skipped.file);
            }
        }
        for list in &mut includes {
            list.sort_unstable();
            list.dedup();
        }
        IncludeGraph { includes }
    }

    /// The files `start` includes, directly or not, through the files `read` accepts.
    pub fn reachable(&self, start: FileId, read: impl Fn(FileId) -> bool) -> FxHashSet<FileId> {
        self.reading(start, read).files.into_keys().collect()
    }

    /// How an `#include` of `start` reads the files `read` accepts: each once (its include
    /// guard keeps it from being read again), in the order of the directives.
    pub fn reading(&self, start: FileId, read: impl Fn(FileId) -> bool) -> Reading {
        let mut files: FxHashMap<FileId, Entered> = FxHashMap::default();
        if !read(start) {
            return Reading { files };
        }
        files.insert(
            start,
            Entered {
                order: 0,
                from: None,
            },
        );
        // Depth first, each file's `#include`s in the order of its text.
        let mut stack: Vec<(FileId, usize)> = vec![(start, 0)];
        while let Some((file, next)) = stack.pop() {
            let list = self.includes.get(file.0 as usize).map_or(&[][..], |l| l);
            let Some(&(offset, included)) = list.get(next) else {
                continue;
            };
            stack.push((file, next + 1));
            if !files.contains_key(&included) && read(included) {
                let order = files.len() as u32;
                let from = Some((file, offset));
                files.insert(included, Entered { order, from });
                stack.push((included, 0));
            }
        }
        Reading { files }
    }
}

/// Where a reading entered a file: its rank among the files entered, and the file and the
/// offset of the `#include` that entered it (`None` for the file read first).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Entered {
    order: u32,
    from: Option<(FileId, u32)>,
}

/// The files one `#include` reads (with the files they include), in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reading {
    files: FxHashMap<FileId, Entered>,
}

impl Reading {
    pub fn contains(&self, file: &FileId) -> bool {
        self.files.contains_key(file)
    }

    /// Whether the text at `offset` of `file` is read before that at `other` of
    /// `other_file` (both read by this reading).
    pub fn precedes(
        &self,
        (file, offset): (FileId, u32),
        (other_file, other): (FileId, u32),
    ) -> bool {
        if file == other_file {
            return offset < other;
        }
        // Where `file` stands on the way to `other_file`, and the other way round.
        if let Some(directive) = self.entered_through(other_file, file) {
            return offset < directive;
        }
        if let Some(directive) = self.entered_through(file, other_file) {
            return directive < other;
        }
        match (self.files.get(&file), self.files.get(&other_file)) {
            (Some(a), Some(b)) => a.order < b.order,
            _ => false,
        }
    }

    /// When `ancestor` enters `file` (through the files it includes): the offset in
    /// `ancestor` of the `#include` it does that with.
    fn entered_through(&self, file: FileId, ancestor: FileId) -> Option<u32> {
        let mut current = file;
        for _ in 0..self.files.len() {
            let (from, offset) = self.files.get(&current)?.from?;
            if from == ancestor {
                return Some(offset);
            }
            current = from;
        }
        None
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
    /// By included header (an index of `headers`): how it reads its files.
    reachable: Vec<Reading>,
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
        let reachable: Vec<Reading> = (ordered.iter())
            .map(|&i| match pp.provenance.inclusions.get(i.0 as usize) {
                Some(start) => graph.reading(start.file, |f| coverage.covering(f).is_some()),
                None => Reading {
                    files: FxHashMap::default(),
                },
            })
            .collect();
        let mut read_by: FxHashMap<FileId, usize> = FxHashMap::default();
        for (index, reading) in reachable.iter().enumerate() {
            for &file in reading.files.keys() {
                read_by.entry(file).or_insert(index);
            }
        }
        IncludedReads {
            headers: ordered,
            reachable,
            read_by,
        }
    }

    /// When an included header reads `file`: how the first one to read it reads its files.
    pub fn read_with(&self, file: FileId) -> Option<&Reading> {
        self.reachable.get(*self.read_by.get(&file)?)
    }

    /// The included headers, each with how it reads its files.
    pub fn readings(&self) -> impl Iterator<Item = (InclusionId, &Reading)> + '_ {
        self.headers.iter().copied().zip(&self.reachable)
    }

    /// The files the included headers read.
    pub fn files(&self) -> impl Iterator<Item = FileId> + '_ {
        self.read_by.keys().copied()
    }

    /// The first included header to read `file`.
    pub fn reader(&self, file: FileId) -> Option<InclusionId> {
        self.headers.get(*self.read_by.get(&file)?).copied()
    }
}
