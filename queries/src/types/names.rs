//! Interned identifiers: members, tags, typedefs and objects are named by a `NameId`, so that
//! types hold plain indices and lookups hash once.

use rustc_hash::FxHashMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NameId(u32);

/// The interner.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Names {
    texts: Vec<Box<str>>,
    ids: FxHashMap<Box<str>, NameId>,
}

impl Names {
    pub fn intern(&mut self, text: &str) -> NameId {
        if let Some(&id) = self.ids.get(text) {
            return id;
        }
        let id = NameId(self.texts.len() as u32);
        self.texts.push(text.into());
        self.ids.insert(text.into(), id);
        id
    }

    /// The id of `text` if it was ever interned (a name never seen is declared nowhere).
    pub fn lookup(&self, text: &str) -> Option<NameId> {
        self.ids.get(text).copied()
    }

    pub fn text(&self, id: NameId) -> &str {
        self.texts.get(id.0 as usize).map_or("", |t| t)
    }
}
