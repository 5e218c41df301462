//! What the parser emits: a flat list of events that the tree builder turns into a tree. Keeping
//! the parser free of tree building lets it wrap a finished node into a later-started parent
//! (`forward_parent`), which left-recursive constructs like `a + b` and `f(x)[1]` need.
//!
//! There are about four events a token, so they are packed into 32 bits each.

use std::num::NonZeroU32;

use rustc_hash::FxHashMap;

use crate::syntax_kind::SyntaxKind;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Event {
    /// A node starts. `forward_parent` is the distance to a later `Start` that must become this
    /// node's parent (it was created by `CompletedMarker::precede`).
    Start {
        kind: SyntaxKind,
        forward_parent: Option<NonZeroU32>,
    },
    Finish,
    /// The next significant token (with the trivia before it).
    Token,
    /// A started node that was abandoned, or a start already consumed through a forward parent.
    Tombstone,
}

const TOMBSTONE: u32 = 0;
const TOKEN: u32 = 1;
const FINISH: u32 = 2;
/// A start: this bit, the kind in the next eight bits, the forward parent's distance below.
const START: u32 = 1 << 31;
const KIND_SHIFT: u32 = 23;
const DISTANCE_MASK: u32 = (1 << KIND_SHIFT) - 1;
/// A distance too large for its bits: the real one is in `Events::far`.
const FAR: u32 = DISTANCE_MASK;

/// The event list, packed.
pub(crate) struct Events {
    packed: Vec<u32>,
    /// Forward-parent distances that do not fit, by event index.
    far: FxHashMap<u32, u32>,
}

impl Events {
    pub(crate) fn with_capacity(capacity: usize) -> Events {
        Events {
            packed: Vec::with_capacity(capacity),
            far: FxHashMap::default(),
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.packed.len()
    }

    #[inline]
    pub(crate) fn push(&mut self, event: Event) {
        let packed = self.pack(self.packed.len(), event);
        self.packed.push(packed);
    }

    pub(crate) fn pop(&mut self) {
        self.packed.pop();
    }

    #[inline]
    pub(crate) fn get(&self, index: usize) -> Event {
        let Some(&packed) = self.packed.get(index) else {
            return Event::Tombstone;
        };
        unpack(packed, index, &self.far)
    }

    #[inline]
    pub(crate) fn set(&mut self, index: usize, event: Event) {
        let packed = self.pack(index, event);
        if let Some(slot) = self.packed.get_mut(index) {
            *slot = packed;
        }
    }

    /// The packed form of `event` at `index` (a far distance goes to the side table).
    #[inline]
    fn pack(&mut self, index: usize, event: Event) -> u32 {
        match event {
            Event::Tombstone => TOMBSTONE,
            Event::Token => TOKEN,
            Event::Finish => FINISH,
            Event::Start {
                kind,
                forward_parent,
            } => {
                let distance = forward_parent.map_or(0, NonZeroU32::get);
                let stored = if distance >= FAR {
                    self.far.insert(index as u32, distance);
                    FAR
                } else {
                    distance
                };
                START | (u32::from(kind as u16) << KIND_SHIFT) | stored
            }
        }
    }
}

/// A stretch of the event list, which the tree builder reads and consumes forward parents
/// in (their distances never leave it), by the list's indices.
pub(crate) struct EventSlice<'a> {
    packed: &'a mut [u32],
    /// The index of `packed[0]` in the list.
    base: usize,
    far: &'a FxHashMap<u32, u32>,
}

impl Events {
    /// The events of `range` (not past the end).
    pub(crate) fn slice_mut(&mut self, range: std::ops::Range<usize>) -> EventSlice<'_> {
        let base = range.start.min(self.packed.len());
        let packed = self.packed.get_mut(range).unwrap_or_default();
        EventSlice {
            packed,
            base,
            far: &self.far,
        }
    }

    /// The events before `a`, from `a` to `b`, and from `b` on (`a <= b <= len`).
    pub(crate) fn split3(
        &mut self,
        a: usize,
        b: usize,
    ) -> (EventSlice<'_>, EventSlice<'_>, EventSlice<'_>) {
        let far = &self.far;
        let len = self.packed.len();
        let (first, rest) = self.packed.split_at_mut(a.min(len));
        let (second, third) = rest.split_at_mut(b.saturating_sub(a).min(rest.len()));
        let (a, b) = (first.len(), first.len() + second.len());
        (
            EventSlice {
                packed: first,
                base: 0,
                far,
            },
            EventSlice {
                packed: second,
                base: a,
                far,
            },
            EventSlice {
                packed: third,
                base: b,
                far,
            },
        )
    }
}

impl EventSlice<'_> {
    /// The list's indices of these events.
    pub(crate) fn range(&self) -> std::ops::Range<usize> {
        self.base..self.base + self.packed.len()
    }

    /// The event at list index `index` (a tombstone outside the slice).
    #[inline]
    pub(crate) fn get(&self, index: usize) -> Event {
        let packed = index
            .checked_sub(self.base)
            .and_then(|i| self.packed.get(i));
        match packed {
            Some(&packed) => unpack(packed, index, self.far),
            None => Event::Tombstone,
        }
    }

    /// The event at list index `index`, leaving a tombstone.
    pub(crate) fn take(&mut self, index: usize) -> Event {
        let event = self.get(index);
        if let Some(slot) = (index.checked_sub(self.base)).and_then(|i| self.packed.get_mut(i)) {
            *slot = TOMBSTONE;
        }
        event
    }
}

/// The event `packed` stands for at list index `index`.
#[inline]
fn unpack(packed: u32, index: usize, far: &FxHashMap<u32, u32>) -> Event {
    match packed {
        TOKEN => Event::Token,
        FINISH => Event::Finish,
        _ if packed & START == 0 => Event::Tombstone,
        _ => {
            let kind = SyntaxKind::from_raw(((packed & !START) >> KIND_SHIFT) as u16);
            let distance = match packed & DISTANCE_MASK {
                FAR => far.get(&(index as u32)).copied().unwrap_or(0),
                near => near,
            };
            Event::Start {
                kind,
                forward_parent: NonZeroU32::new(distance),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_roundtrip_packed() {
        let mut events = Events::with_capacity(4);
        let starts = [
            Event::Start {
                kind: SyntaxKind::ERROR,
                forward_parent: None,
            },
            Event::Start {
                kind: SyntaxKind::BIN_EXPR,
                forward_parent: NonZeroU32::new(7),
            },
            Event::Start {
                kind: SyntaxKind::TRANSLATION_UNIT,
                forward_parent: NonZeroU32::new(FAR + 5),
            },
        ];
        for event in starts
            .into_iter()
            .chain([Event::Token, Event::Finish, Event::Tombstone])
        {
            events.push(event);
            assert_eq!(events.get(events.len() - 1), event);
        }
        assert_eq!(events.slice_mut(0..events.len()).take(1), starts[1]);
        assert_eq!(events.get(1), Event::Tombstone);
    }
}
