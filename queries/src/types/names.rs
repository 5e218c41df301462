//! Interned identifiers: members, tags, typedefs and objects are named by a `NameId`, so that
//! types hold plain indices and lookups hash once.
//!
//! `Names` is one layer of the interner: the type arena layers a function body's names over
//! the file scope's (see `Types::extending`), ids below `first` being the base's.

use rustc_hash::FxHashMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NameId(u32);

/// One layer of interned names.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Names {
    /// The id of this layer's first name.
    first: u32,
    texts: Vec<Box<str>>,
    ids: FxHashMap<Box<str>, NameId>,
}

impl Names {
    /// An empty layer over one that ends before `first`.
    pub(super) fn layer_after(below: &Names) -> Names {
        Names {
            first: below.end(),
            ..Names::default()
        }
    }

    /// The id after this layer's last.
    fn end(&self) -> u32 {
        self.first + self.texts.len() as u32
    }

    /// Adds a name this layer and the ones below do not have.
    pub(super) fn push(&mut self, text: &str) -> NameId {
        let id = NameId(self.end());
        self.texts.push(text.into());
        self.ids.insert(text.into(), id);
        id
    }

    /// The id of `text` in this layer.
    pub(super) fn get(&self, text: &str) -> Option<NameId> {
        self.ids.get(text).copied()
    }

    /// The text of `id`, when it is this layer's.
    pub(super) fn text(&self, id: NameId) -> Option<&str> {
        let index = id.0.checked_sub(self.first)?;
        self.texts.get(index as usize).map(|t| &**t)
    }
}
