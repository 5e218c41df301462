//! Interned identifier spellings: each table (the file scope, a function body) keeps its own,
//! so that its data refers to names by small indices and compares without string compares.
//!
//! The spellings share one buffer, found by their hash: interning allocates nothing per name
//! (a kernel TU interns tens of thousands).

use std::hash::BuildHasher;

use rustc_hash::{FxBuildHasher, FxHashMap};

/// An identifier in the table it was interned in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NameId(pub u32);

const NONE: u32 = u32::MAX;

/// The spellings of one table, in order of first appearance.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Names {
    /// Every spelling, one after the other.
    text: String,
    /// Where each spelling ends in `text` (it starts where the previous one ends).
    ends: Vec<u32>,
    /// By spelling hash, the first name with that hash.
    first: FxHashMap<u64, u32>,
    /// By name, the next name with the same hash (`NONE` ends the chain).
    next: Vec<u32>,
}

impl Names {
    /// The id of `spelling`, added on first use.
    pub fn intern(&mut self, spelling: &str) -> NameId {
        let hash = FxBuildHasher.hash_one(spelling);
        if let Some(id) = self.find(hash, spelling) {
            return id;
        }
        let id = self.ends.len() as u32;
        self.text.push_str(spelling);
        self.ends.push(self.text.len() as u32);
        let chained = self.first.insert(hash, id).unwrap_or(NONE);
        self.next.push(chained);
        NameId(id)
    }

    /// The id of `spelling` when the table has it.
    pub fn get(&self, spelling: &str) -> Option<NameId> {
        self.find(FxBuildHasher.hash_one(spelling), spelling)
    }

    fn find(&self, hash: u64, spelling: &str) -> Option<NameId> {
        let mut id = *self.first.get(&hash)?;
        while id != NONE {
            if self.resolve(NameId(id)) == spelling {
                return Some(NameId(id));
            }
            id = self.next.get(id as usize).copied().unwrap_or(NONE);
        }
        None
    }

    pub fn resolve(&self, id: NameId) -> &str {
        let index = id.0 as usize;
        let start = match index.checked_sub(1) {
            Some(previous) => self.ends.get(previous).copied().unwrap_or(0),
            None => 0,
        };
        let end = self.ends.get(index).copied().unwrap_or(start);
        self.text.get(start as usize..end as usize).unwrap_or("")
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }
}
