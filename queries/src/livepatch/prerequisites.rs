//! What the headers the live patch includes need from earlier in the TU.
//!
//! An `#include`d header is compiled whole, not only the declarations the live patch uses
//! from it. Whatever its text refers to that the TU declared before the `#include`, and that
//! the header does not include itself, must be declared before it in the live patch too: a
//! function or object declared, a typedef kept, a tag defined where the header needs it
//! complete (headers-7, tag-defs-13). These needs feed the closure, whose new items may bring
//! in more headers: the closure is run again until they settle. (The macros such a header
//! uses from earlier in the TU are emission's: `emit/header_macros.rs`.)

use std::cell::RefCell;

use rustc_hash::{FxHashMap, FxHashSet};
use syntax::pp::PreprocessedTu;
use syntax::pp::provenance::{FileId, InclusionId};
use syntax::syntax_kind::{SyntaxKind, SyntaxNode, SyntaxToken};

use super::closure::ClosureInput;
use super::completeness::needs_complete_at;
use super::headers::Coverage;
use super::include_graph::{IncludedReads, Reading};
use crate::sema::{Anchor, EntityId, EntityKind, ItemId, TagId, TagRole, Target};

/// What an included header needs declared before its `#include`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Prerequisite {
    /// A function, object or typedef the header refers to: declared as it is.
    Declared(EntityId),
    /// A struct, union or enum the header needs complete.
    Complete(TagId),
    /// A struct or union the header names first in a parameter list, where a tag not
    /// declared before has prototype scope: declared at file scope before it.
    DeclaredTag(TagId),
    /// An item written across the header's `#include` (its start or its end in the header):
    /// the header's text is only whole with all of it.
    Straddling(ItemId),
}

/// What each item of an included header needs, kept from one round of the closure to the
/// next (the rounds include mostly the same headers): an item read by a header that reads
/// its files as it did needs what it needed.
#[derive(Default)]
pub struct NeedsMemo {
    by_header: FxHashMap<InclusionId, HeaderNeeds>,
}

/// How an included header read its files, and what its items needed then.
struct HeaderNeeds {
    reading: Reading,
    items: FxHashMap<ItemId, Vec<Prerequisite>>,
}

impl NeedsMemo {
    /// Forgets the headers no longer included, or reading their files otherwise.
    fn keep_same_readings(&mut self, reads: &IncludedReads) {
        let now: FxHashMap<InclusionId, &Reading> = reads.readings().collect();
        (self.by_header).retain(|header, needs| now.get(header) == Some(&&needs.reading));
    }

    fn get(&self, header: InclusionId, item: ItemId) -> Option<&[Prerequisite]> {
        Some(self.by_header.get(&header)?.items.get(&item)?.as_slice())
    }

    fn insert(
        &mut self,
        header: InclusionId,
        reading: &Reading,
        item: ItemId,
        needs: Vec<Prerequisite>,
    ) {
        let entry = (self.by_header.entry(header)).or_insert_with(|| HeaderNeeds {
            reading: reading.clone(),
            items: FxHashMap::default(),
        });
        entry.items.insert(item, needs);
    }
}

/// The prerequisites of the headers the live patch includes (`included`, as `coverage`
/// covers the files), each with the first included header that needs it (what `--explain`
/// chains it through), in a stable order. `memo` keeps each item's needs for the next round.
pub fn header_prerequisites(
    input: &ClosureInput<'_>,
    included: &FxHashSet<InclusionId>,
    coverage: &Coverage,
    pp: &PreprocessedTu,
    memo: &mut NeedsMemo,
) -> Vec<(Prerequisite, InclusionId)> {
    let covering = |file: Option<FileId>| {
        file.filter(|&f| !coverage.is_pre_included(f))
            .and_then(|f| coverage.covering(f))
    };
    let finder = Finder {
        input,
        coverage,
        typedef_tags: RefCell::default(),
    };
    let reads = IncludedReads::new(pp, coverage, included);
    memo.keep_same_readings(&reads);
    let mut needed_by: FxHashMap<Prerequisite, InclusionId> = FxHashMap::default();
    let index = input.view.index;
    // The items of the files the included headers read, each with what it is read with and
    // by: their bodies are read in this order, and ahead on another core.
    let mut read_items = Vec::new();
    for item in (0..index.len()).map(|i| ItemId(i as u32)) {
        let first = covering(index.first_file(item));
        let last = covering(index.last_file(item));
        let straddled = [first, last]
            .into_iter()
            .flatten()
            .find(|i| included.contains(i));
        if let Some(header) = straddled.filter(|_| first != last) {
            needed_by
                .entry(Prerequisite::Straddling(item))
                .or_insert(header);
        }
        let file = index
            .first_file(item)
            .filter(|&f| !coverage.is_pre_included(f));
        if let Some(file) = file
            && let (Some(provided), Some(header)) = (reads.read_with(file), reads.reader(file))
        {
            read_items.push((item, provided, header));
        }
    }
    // Only the bodies of the items not met in an earlier round are read.
    let items: Vec<ItemId> = (read_items.iter())
        .filter(|&&(item, _, header)| memo.get(header, item).is_none())
        .map(|&(item, _, _)| item)
        .collect();
    input.bodies.reading_ahead(&items, &mut || {
        let mut needs = FxHashSet::default();
        for &(item, provided, header) in &read_items {
            if memo.get(header, item).is_none() {
                finder.needs_of(item, provided, &mut needs);
                memo.insert(header, provided, item, needs.drain().collect());
            }
            for &need in memo.get(header, item).unwrap_or_default() {
                needed_by.entry(need).or_insert(header);
            }
        }
    });
    let mut needs: Vec<(Prerequisite, InclusionId)> = needed_by.into_iter().collect();
    needs.sort();
    needs
}

/// How many typedefs of typedefs `typedef_tag` goes through.
const TYPEDEF_DEPTH: u32 = 8;

struct Finder<'a> {
    input: &'a ClosureInput<'a>,
    coverage: &'a Coverage,
    /// `typedef_tag`'s answers, by typedef: a kernel TU's headers use a few typedefs
    /// (`u32`, `size_t`) hundreds of thousands of times.
    typedef_tags: RefCell<FxHashMap<EntityId, Option<TagId>>>,
}

impl Finder<'_> {
    /// What item `item` (in an included header) needs from outside the files its header
    /// includes.
    fn needs_of(&self, item: ItemId, provided: &Reading, needs: &mut FxHashSet<Prerequisite>) {
        let input = self.input;
        let mut uses: Vec<(Anchor, Target)> = super::closure::item_uses(input.file_uses, item)
            .iter()
            .map(|u| (u.at, u.target))
            .collect();
        if let Some(body) = input.bodies.resolution(item) {
            uses.extend(body.uses.iter().map(|u| (u.at, u.target)));
        }
        let node = self.item_node(item);
        for (at, target) in uses {
            match target {
                Target::Entity(entity) => {
                    if self.needed_entity(entity, item, provided) {
                        needs.insert(Prerequisite::Declared(entity));
                    }
                    // A typedef used where its type must be complete (a member by value)
                    // needs the struct it names defined, not only the typedef.
                    // (The cheap tests first: most uses are of functions and objects, and
                    // most tags are the header's own; the syntax tree is looked at last.)
                    if let Some(tag) = self.typedef_tag_of(entity)
                        && self.needed_tag(tag, item, provided)
                        && self.needs_complete(node.as_ref(), at)
                    {
                        needs.insert(Prerequisite::Complete(tag));
                    }
                }
                Target::Tag(tag)
                    if self.needed_tag(tag, item, provided)
                        && self.needs_complete(node.as_ref(), at) =>
                {
                    needs.insert(Prerequisite::Complete(tag));
                }
                Target::Tag(tag)
                    if self.declared_tag(tag, item, provided)
                        && self.in_parameter_list(node.as_ref(), at) =>
                {
                    needs.insert(Prerequisite::DeclaredTag(tag));
                }
                _ => {}
            }
        }
        let complete_tags = input.bodies.complete_tags(item);
        for &tag in complete_tags.iter().flat_map(|tags| tags.iter()) {
            if self.needed_tag(tag, item, provided) {
                needs.insert(Prerequisite::Complete(tag));
            }
        }
    }

    /// `typedef_tag` of a typedef entity, remembered; `None` at once for other entities.
    fn typedef_tag_of(&self, entity: EntityId) -> Option<TagId> {
        let scope = self.input.scope;
        if !matches!(scope.entity(entity).kind, EntityKind::Typedef { .. }) {
            return None;
        }
        if let Some(&known) = self.typedef_tags.borrow().get(&entity) {
            return known;
        }
        let tag = self.typedef_tag(entity, TYPEDEF_DEPTH);
        self.typedef_tags.borrow_mut().insert(entity, tag);
        tag
    }

    /// The struct, union or enum typedef `entity` names as it is (not through a pointer, an
    /// array or a function), through other typedefs (`depth` of them at most).
    fn typedef_tag(&self, entity: EntityId, depth: u32) -> Option<TagId> {
        let scope = self.input.scope;
        if depth == 0 || !matches!(scope.entity(entity).kind, EntityKind::Typedef { .. }) {
            return None;
        }
        let at = scope.decl(*scope.entity(entity).decls.first()?).at;
        let node = self.item_node(at.item);
        let name = self.token_in(node.as_ref(), at)?;
        let derived = name.parent_ancestors().any(|n| {
            matches!(
                n.kind(),
                SyntaxKind::POINTER_DECLARATOR
                    | SyntaxKind::ARRAY_DECLARATOR
                    | SyntaxKind::FN_DECLARATOR
            )
        });
        if derived {
            return None;
        }
        // The type is the item's first use, in its specifiers (before the name); a tag not
        // declared before is declared there instead (`typedef struct s t;` first).
        let first = super::closure::item_uses(self.input.file_uses, at.item)
            .iter()
            .find(|u| u.at.offset < at.offset);
        match first.map(|u| u.target) {
            Some(Target::Tag(tag)) => Some(tag),
            Some(Target::Entity(named)) => self.typedef_tag(named, depth - 1),
            Some(_) => None,
            None => (scope.tags.iter().enumerate())
                .find(|(_, t)| {
                    (t.decls.iter()).any(|d| d.at.item == at.item && d.at.offset < at.offset)
                })
                .map(|(index, _)| TagId(index as u32)),
        }
    }

    /// Whether `entity` is declared before `item` only outside what the header provides.
    fn needed_entity(&self, entity: EntityId, item: ItemId, provided: &Reading) -> bool {
        let scope = self.input.scope;
        let anchors: Vec<Anchor> = (scope.entity(entity).decls.iter())
            .map(|&d| scope.decl(d).at)
            .collect();
        self.declared_outside(&anchors, item, provided)
    }

    fn needed_tag(&self, tag: TagId, item: ItemId, provided: &Reading) -> bool {
        let decls = &self.input.scope.tag(tag).decls;
        let definitions: Vec<Anchor> = decls
            .iter()
            .filter(|d| d.role == TagRole::Definition)
            .map(|d| d.at)
            .collect();
        !definitions.is_empty() && self.declared_outside(&definitions, item, provided)
    }

    /// Whether `tag` is declared (in any way) before `item` only outside what the header
    /// provides.
    fn declared_tag(&self, tag: TagId, item: ItemId, provided: &Reading) -> bool {
        let anchors: Vec<Anchor> = (self.input.scope.tag(tag).decls.iter())
            .map(|d| d.at)
            .collect();
        self.declared_outside(&anchors, item, provided)
    }

    /// Whether the token at `at` is in a parameter list.
    fn in_parameter_list(&self, node: Option<&SyntaxNode>, at: Anchor) -> bool {
        self.token_in(node, at).is_some_and(|token| {
            token
                .parent_ancestors()
                .any(|n| n.kind() == SyntaxKind::PARAM_LIST)
        })
    }

    /// Whether the declarations at `anchors` include one before `item` and none that the
    /// header provides before `item` (or the build does, by pre-including it).
    ///
    /// A declaration in a file the header reads only after `item`'s (the header reads
    /// `item`'s file first, where the TU had read it through the declaration's file:
    /// <linux/mm_inline.h> reads <linux/huge_mm.h> before <linux/mm.h>, which defines the
    /// `struct vm_fault` huge_mm.h's inline functions dereference) does not provide it.
    fn declared_outside(&self, anchors: &[Anchor], item: ItemId, provided: &Reading) -> bool {
        let index = self.input.view.index;
        let place = index.first_place(item);
        let mut before = false;
        for at in anchors.iter().filter(|at| at.item < item) {
            let Some(file) = index.first_file(at.item) else {
                return false;
            };
            if self.coverage.is_pre_included(file) {
                return false;
            }
            if provided.contains(&file) {
                let read_before = match (index.first_place(at.item), place) {
                    (Some(declared), Some(place)) => provided.precedes(declared, place),
                    _ => true,
                };
                if read_before {
                    return false;
                }
            }
            before = true;
        }
        before
    }

    fn needs_complete(&self, node: Option<&SyntaxNode>, at: Anchor) -> bool {
        self.token_in(node, at)
            .is_some_and(|t| needs_complete_at(&t))
    }

    /// The token at `at` of item `node`.
    fn token_in(&self, node: Option<&SyntaxNode>, at: Anchor) -> Option<SyntaxToken> {
        let start = self.input.view.index.start(at.item)?;
        node?
            .token_at_offset((start + at.offset).into())
            .right_biased()
    }

    fn item_node(&self, item: ItemId) -> Option<SyntaxNode> {
        self.input.view.node(item)
    }
}
