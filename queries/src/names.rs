//! Interned identifier spellings, the one name table of the crate: name resolution's file
//! scope and function bodies, and the type arenas, refer to names by small indices that compare
//! without string compares.
//!
//! The spellings share one buffer, found by their hash: interning allocates nothing per name
//! (a kernel TU interns tens of thousands).
//!
//! A table may be a layer over another (`Names::layer_after`): a function body's type arena
//! layers its names over the file scope's, ids below `first` being the base's. Looking a name
//! up through the layers is the owner's business (`types::Types::intern_name`).

use std::hash::BuildHasher;

use rustc_hash::{FxBuildHasher, FxHashMap};

/// An identifier in the table it was interned in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NameId(pub u32);

const NONE: u32 = u32::MAX;

/// The spellings of one table, in order of first appearance.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Names {
    /// The id of this table's first name (0 but for a layer over another table).
    first: u32,
    /// Every spelling, one after the other.
    text: String,
    /// Where each spelling ends in `text` (it starts where the previous one ends).
    ends: Vec<u32>,
    /// By spelling hash, the index of the first name with that hash.
    by_hash: FxHashMap<u64, u32>,
    /// By index, the next name with the same hash (`NONE` ends the chain).
    next: Vec<u32>,
}

impl Names {
    /// An empty layer over a table that ends before `first` (its ids continue `below`'s).
    pub fn layer_after(below: &Names) -> Names {
        Names {
            first: below.end(),
            ..Names::default()
        }
    }

    /// The id after this table's last.
    fn end(&self) -> u32 {
        self.first + self.ends.len() as u32
    }

    /// The id of `spelling`, added on first use.
    pub fn intern(&mut self, spelling: &str) -> NameId {
        let hash = FxBuildHasher.hash_one(spelling);
        if let Some(id) = self.find(hash, spelling) {
            return id;
        }
        self.add(hash, spelling)
    }

    /// Adds `spelling`, which this table does not have (and a layer's base does not either).
    pub fn push(&mut self, spelling: &str) -> NameId {
        self.add(FxBuildHasher.hash_one(spelling), spelling)
    }

    fn add(&mut self, hash: u64, spelling: &str) -> NameId {
        let index = self.ends.len() as u32;
        self.text.push_str(spelling);
        self.ends.push(self.text.len() as u32);
        let chained = self.by_hash.insert(hash, index).unwrap_or(NONE);
        self.next.push(chained);
        NameId(self.first + index)
    }

    /// The id of `spelling` when the table has it.
    pub fn get(&self, spelling: &str) -> Option<NameId> {
        self.find(FxBuildHasher.hash_one(spelling), spelling)
    }

    fn find(&self, hash: u64, spelling: &str) -> Option<NameId> {
        let mut index = *self.by_hash.get(&hash)?;
        while index != NONE {
            let id = NameId(self.first + index);
            if self.text(id) == Some(spelling) {
                return Some(id);
            }
            index = self.next.get(index as usize).copied().unwrap_or(NONE);
        }
        None
    }

    /// The spelling of `id`, when it is this table's.
    pub fn text(&self, id: NameId) -> Option<&str> {
        let index = id.0.checked_sub(self.first)? as usize;
        let end = *self.ends.get(index)?;
        let start = match index.checked_sub(1) {
            Some(previous) => self.ends.get(previous).copied().unwrap_or(0),
            None => 0,
        };
        self.text.get(start as usize..end as usize)
    }

    /// The spelling of `id` (empty when it is not this table's).
    pub fn resolve(&self, id: NameId) -> &str {
        self.text(id).unwrap_or("")
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }
}
