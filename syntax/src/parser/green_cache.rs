//! Sharing of green tokens and small green nodes, as rowan's `NodeCache` does, at less cost.
//!
//! Most tokens repeat a spelling (punctuators, keywords, whitespace, common identifiers), and
//! so do small nodes (names, constants, `int` specifiers). Every shareable element gets an id;
//! a small node is looked up by its kind and its children's ids. A node with an unshared child
//! cannot be a repeat, so it is neither looked up nor remembered: the table holds only what can
//! repeat, which keeps it small. (rowan's cache hashes whole subtrees again whenever its table
//! grows, which on a kernel TU costs more than parsing.)

use rowan::{GreenNode, GreenToken, NodeOrToken};
use rustc_hash::FxHashMap;

use crate::syntax_kind::SyntaxKind;

pub(crate) type GreenElement = NodeOrToken<GreenNode, GreenToken>;

/// The id of an element that is not shared.
pub(crate) const UNSHARED: u32 = u32::MAX;

/// How many children a node may have to be shared: up to seven (trivia included) covers
/// `__attribute__((name))`, `x + 1` and the like. On a kernel TU about two nodes in three are
/// then shared, and the tree takes a third of the memory it takes unshared (14 MB instead of
/// 39 MB for mm/memory.c). Longer keys cost more than they save.
const SMALL: usize = 7;

/// Slots of the cache of tokens by spelling address (a power of two).
const BY_ADDRESS_SLOTS: usize = 4096;

/// A token remembered by the address and length of its spelling.
#[derive(Clone)]
struct ByAddress {
    address: usize,
    len: usize,
    kind: SyntaxKind,
    id: u32,
    token: GreenToken,
}

pub(crate) struct GreenCache<'t> {
    tokens: FxHashMap<(SyntaxKind, &'t str), (u32, GreenToken)>,
    /// The last token of each kind: punctuators, keywords and whitespace nearly always repeat
    /// it, which spares hashing their text.
    last_of_kind: Vec<Option<(u32, GreenToken)>>,
    /// Recent tokens by the address of their spelling: a preprocessor that interns spellings
    /// hands the same `&str` for every occurrence of an identifier, which this finds without
    /// hashing or comparing text. (Spellings at distinct addresses just miss.)
    by_address: Vec<Option<ByAddress>>,
    nodes: FxHashMap<(SyntaxKind, [u32; SMALL]), (u32, GreenNode)>,
    next_id: u32,
}

impl<'t> GreenCache<'t> {
    pub(crate) fn with_capacity(tokens: usize) -> GreenCache<'t> {
        GreenCache {
            tokens: FxHashMap::with_capacity_and_hasher(tokens / 16, Default::default()),
            last_of_kind: vec![None; 256],
            by_address: vec![None; BY_ADDRESS_SLOTS],
            nodes: FxHashMap::with_capacity_and_hasher(tokens / 32, Default::default()),
            next_id: 0,
        }
    }

    pub(crate) fn token(&mut self, kind: SyntaxKind, text: &'t str) -> (u32, GreenToken) {
        if has_fixed_spellings(kind) {
            if let Some(Some((id, last))) = self.last_of_kind.get(kind as usize)
                && last.text() == text
            {
                return (*id, last.clone());
            }
            let entry = self.intern(kind, text);
            if let Some(slot) = self.last_of_kind.get_mut(kind as usize) {
                *slot = Some(entry.clone());
            }
            return entry;
        }
        let address = text.as_ptr() as usize;
        // Fibonacci hashing: interned spellings sit at aligned addresses, whose low bits alone
        // would crowd a few slots.
        let slot =
            (address.wrapping_mul(0x9e37_79b9_7f4a_7c15_u64 as usize) >> 20) % BY_ADDRESS_SLOTS;
        if let Some(Some(hit)) = self.by_address.get(slot)
            && hit.address == address
            && hit.len == text.len()
            && hit.kind == kind
        {
            return (hit.id, hit.token.clone());
        }
        let (id, token) = self.intern(kind, text);
        if let Some(entry) = self.by_address.get_mut(slot) {
            let len = text.len();
            let token = token.clone();
            *entry = Some(ByAddress {
                address,
                len,
                kind,
                id,
                token,
            });
        }
        (id, token)
    }

    fn intern(&mut self, kind: SyntaxKind, text: &'t str) -> (u32, GreenToken) {
        let next_id = &mut self.next_id;
        self.tokens
            .entry((kind, text))
            .or_insert_with(|| (fresh(next_id), GreenToken::new(kind.into(), text)))
            .clone()
    }

    /// A node of `kind` with the children at the end of `children` from `first` on (which are
    /// moved out).
    pub(crate) fn node(
        &mut self,
        kind: SyntaxKind,
        children: &mut Vec<(u32, GreenElement)>,
        first: usize,
    ) -> (u32, GreenNode) {
        let Some(key) = small_key(kind, children.get(first..).unwrap_or_default()) else {
            let node = GreenNode::new(kind.into(), children.drain(first..).map(|(_, e)| e));
            return (UNSHARED, node);
        };
        let next_id = &mut self.next_id;
        let entry = self
            .nodes
            .entry(key)
            .or_insert_with(|| {
                let elements = children.drain(first..).map(|(_, e)| e);
                (fresh(next_id), GreenNode::new(kind.into(), elements))
            })
            .clone();
        children.truncate(first);
        entry
    }
}

/// Punctuators, keywords and trivia: kinds whose next token nearly always has the spelling of
/// the last one.
fn has_fixed_spellings(kind: SyntaxKind) -> bool {
    kind.is_punct() || kind.is_keyword() || kind.is_trivia()
}

fn fresh(next_id: &mut u32) -> u32 {
    let id = *next_id;
    // Past four billion elements, new ones get `UNSHARED`: they are simply not shared.
    *next_id = next_id.saturating_add(1);
    id
}

/// A node's sharing key, if it is small and all its children are shared.
fn small_key(
    kind: SyntaxKind,
    children: &[(u32, GreenElement)],
) -> Option<(SyntaxKind, [u32; SMALL])> {
    if children.len() > SMALL {
        return None;
    }
    let mut key = [UNSHARED; SMALL];
    for (slot, &(id, _)) in key.iter_mut().zip(children) {
        if id == UNSHARED {
            return None;
        }
        *slot = id;
    }
    Some((kind, key))
}
