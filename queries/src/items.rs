//! The top-level items of a TU, as plain data: where each starts in the tree, its first and
//! last tokens and the files they were written in, the items one macro invocation makes
//! together, the definitions each holds. Built once per TU (`item_index`) and read by every
//! consumer: diagnostics' locations, the closure, the headers' prerequisites, the emitter.
//!
//! An item is a child of the tree's root, named by its index (`ItemId`); anchors are offsets
//! inside items, so they survive edits elsewhere. `ItemView` adds what cannot be stored (the
//! tree's nodes and tokens) for the consumers that walk the syntax.

use std::sync::Arc;

use rustc_hash::FxHashMap;
use syntax::parse_tu::ParsedTu;
use syntax::pp::PreprocessedTu;
use syntax::pp::provenance::{FileId, InclusionKind};
use syntax::syntax_kind::{SyntaxElement, SyntaxKind, SyntaxNode, SyntaxToken};

use crate::db::SourceDb;
use crate::earlier::EarlierIndex;
use crate::inputs::Tu;
use crate::parsing::parse;
use crate::preprocessing::preprocess;
use crate::sema::{Anchor, EntityId, EntityKind, FileScope, ItemId, Role, file_scope};

/// The items of a TU.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ItemIndex {
    /// By item, the tree offset where it starts.
    starts: Vec<u32>,
    /// By item, its first and last tokens other than trivia (none for a root token).
    ends: Vec<Option<ItemEnds>>,
    /// By item, the outermost invocations its first and last tokens come from.
    invocations: Vec<Option<Invocations>>,
    /// By item, the group of the items one macro invocation makes (items whose boundary lies
    /// inside an invocation are in one group, named by its first item); `NO_GROUP` else.
    groups: Vec<u32>,
    /// By group, its items in order.
    group_members: FxHashMap<u32, Vec<ItemId>>,
    /// By file, the kind of its first inclusion.
    first_inclusions: Vec<Option<InclusionKind>>,
    /// The function definitions (with a body), by item.
    functions: FxHashMap<ItemId, EntityId>,
    /// Where each function definition's body starts (an offset in its item).
    body_starts: FxHashMap<ItemId, u32>,
    /// The definitions of objects (tentative ones too), by item.
    object_definitions: FxHashMap<ItemId, Vec<ObjectDefinition>>,
}

/// An item's first and last tokens other than trivia.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ItemEnds {
    /// Their tree offsets.
    pub first: u32,
    pub last: u32,
    /// The files they were written in (their outermost invocation's, for a macro's).
    pub first_file: Option<FileId>,
    pub last_file: Option<FileId>,
    /// Where the first token was written in `first_file` (a byte offset).
    pub first_offset: Option<u32>,
}

/// An object's definition in an item: its name, and whether it has an initializer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ObjectDefinition {
    pub at: Anchor,
    pub entity: EntityId,
    pub initialized: bool,
}

const NO_GROUP: u32 = u32::MAX;

/// The outermost invocations an item's first and last tokens come from (by expansion id).
type Invocations = (Option<u32>, Option<u32>);

/// The entries of an index that are found item by item, in order.
#[derive(Default)]
struct Entries {
    starts: Vec<u32>,
    ends: Vec<Option<ItemEnds>>,
    invocations: Vec<Option<Invocations>>,
    body_starts: FxHashMap<ItemId, u32>,
}

impl Entries {
    /// Adds the entries of item `item`, root child `element`.
    fn push(
        &mut self,
        pp: &PreprocessedTu,
        parsed: &ParsedTu,
        item: ItemId,
        element: SyntaxElement,
    ) {
        self.starts.push(u32::from(element.text_range().start()));
        let node = element.into_node();
        let tokens = node.as_ref().and_then(end_tokens);
        self.ends.push(tokens.as_ref().map(|(first, last)| {
            let first_place = place_of(pp, parsed, first);
            ItemEnds {
                first: u32::from(first.text_range().start()),
                last: u32::from(last.text_range().start()),
                first_file: first_place.map(|(file, _)| file),
                last_file: place_of(pp, parsed, last).map(|(file, _)| file),
                first_offset: first_place.map(|(_, offset)| offset),
            }
        }));
        (self.invocations).push(tokens.map(|(first, last)| {
            (
                invocation(pp, parsed, &first),
                invocation(pp, parsed, &last),
            )
        }));
        if let Some(start) = node.as_ref().and_then(body_start) {
            self.body_starts.insert(item, start);
        }
    }
}

/// How many of the first items' entries `earlier` holds as they are now: the items the parse
/// kept from the one `earlier` was made from, as far as their tokens are among those the
/// preprocessing took over from its run (the same tokens with the same provenance; a token
/// read again after the checkpoint may be the same but come from elsewhere).
fn kept_entries(pp: &PreprocessedTu, parsed: &ParsedTu, earlier: &EarlierIndex) -> usize {
    let Some((parse_run, kept)) = parsed.kept_from else {
        return 0;
    };
    let Some((pp_run, taken)) = pp.taken_over() else {
        return 0;
    };
    if parse_run != earlier.parse_run || pp_run != earlier.pp_run {
        return 0;
    }
    let ends = &earlier.index.ends;
    let within_taken = |item: usize| match ends.get(item) {
        Some(Some(ends)) => (parsed.token_index(ends.last))
            .and_then(|index| parsed.pp_token(index))
            .is_some_and(|token| token < taken),
        Some(None) => true,
        None => false,
    };
    let mut count = kept.min(ends.len());
    while count > 0 && !within_taken(count - 1) {
        count -= 1;
    }
    count
}

/// The item index of `tu`. An edit of a function body makes a new parse, which keeps the
/// earlier parse's items before the edit: their entries are taken over from the earlier index
/// (`EarlierRuns`) rather than found again.
#[salsa::tracked(returns(clone))]
pub fn item_index(db: &dyn SourceDb, tu: Tu) -> Arc<ItemIndex> {
    let pp = preprocess(db, tu);
    let parsed = parse(db, tu);
    let scope = file_scope(db, tu);
    let Some(earlier_runs) = db.earlier_runs() else {
        return Arc::new(ItemIndex::new(&pp, &parsed, &scope));
    };
    let earlier = earlier_runs.last_index(tu);
    let index = Arc::new(ItemIndex::resuming(&pp, &parsed, &scope, earlier.as_ref()));
    drop(earlier);
    let index_now = EarlierIndex {
        pp_run: pp.run(),
        parse_run: parsed.run,
        index: index.clone(),
    };
    earlier_runs.set_index(tu, index_now);
    index
}

impl ItemIndex {
    pub fn new(pp: &PreprocessedTu, parsed: &ParsedTu, scope: &FileScope) -> ItemIndex {
        ItemIndex::resuming(pp, parsed, scope, None)
    }

    /// The index, taking the entries of the items the parse kept from `earlier` (the index of
    /// the parse it resumed from) when their tokens are ones the preprocessing took over.
    fn resuming(
        pp: &PreprocessedTu,
        parsed: &ParsedTu,
        scope: &FileScope,
        earlier: Option<&EarlierIndex>,
    ) -> ItemIndex {
        let root = parsed.parse.syntax_node();
        let kept = earlier.map_or(0, |earlier| kept_entries(pp, parsed, earlier));
        let mut entries = match earlier {
            Some(earlier) if kept > 0 => earlier.index.entries_before(kept),
            _ => Entries::default(),
        };
        for (index, element) in root.children_with_tokens().enumerate().skip(kept) {
            entries.push(pp, parsed, ItemId(index as u32), element);
        }
        let Entries {
            starts,
            ends,
            invocations,
            body_starts,
        } = entries;
        let groups = groups(&invocations);
        let mut group_members: FxHashMap<u32, Vec<ItemId>> = FxHashMap::default();
        for (index, &group) in groups.iter().enumerate() {
            if group != NO_GROUP {
                group_members
                    .entry(group)
                    .or_default()
                    .push(ItemId(index as u32));
            }
        }
        ItemIndex {
            starts,
            ends,
            invocations,
            groups,
            group_members,
            first_inclusions: first_inclusions(pp),
            functions: (scope.functions.iter())
                .map(|f| (f.item, scope.decl(f.decl).entity))
                .collect(),
            body_starts,
            object_definitions: object_definitions(scope),
        }
    }

    /// The entries of the first `count` items.
    fn entries_before(&self, count: usize) -> Entries {
        let count = count.min(self.starts.len());
        Entries {
            starts: self.starts[..count].to_vec(),
            ends: self.ends[..count].to_vec(),
            invocations: self.invocations[..count].to_vec(),
            body_starts: (self.body_starts.iter())
                .filter(|(item, _)| (item.0 as usize) < count)
                .map(|(&item, &start)| (item, start))
                .collect(),
        }
    }

    /// How many items there are.
    pub fn len(&self) -> usize {
        self.starts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.starts.is_empty()
    }

    /// The tree offset where `item` starts.
    pub fn start(&self, item: ItemId) -> Option<u32> {
        self.starts.get(item.0 as usize).copied()
    }

    /// The tree offset of an anchor.
    pub fn offset(&self, at: Anchor) -> Option<u32> {
        Some(self.start(at.item)? + at.offset)
    }

    /// The item tree offset `offset` is in.
    pub fn item_at(&self, offset: u32) -> ItemId {
        ItemId(
            self.starts
                .partition_point(|&s| s <= offset)
                .saturating_sub(1) as u32,
        )
    }

    /// An item's first and last tokens.
    pub fn ends(&self, item: ItemId) -> Option<ItemEnds> {
        self.ends.get(item.0 as usize).copied().flatten()
    }

    /// The file an item's first token was written in.
    pub fn first_file(&self, item: ItemId) -> Option<FileId> {
        self.ends(item)?.first_file
    }

    /// The file an item's first token was written in, and where in it.
    pub fn first_place(&self, item: ItemId) -> Option<(FileId, u32)> {
        let ends = self.ends(item)?;
        Some((ends.first_file?, ends.first_offset?))
    }

    /// The file an item's last token was written in.
    pub fn last_file(&self, item: ItemId) -> Option<FileId> {
        self.ends(item)?.last_file
    }

    /// The group of items one macro invocation makes that `item` is in, named by its first
    /// item.
    pub fn group(&self, item: ItemId) -> Option<u32> {
        self.groups
            .get(item.0 as usize)
            .copied()
            .filter(|&g| g != NO_GROUP)
    }

    /// The items of a group, in order.
    pub fn group_members(&self, group: u32) -> &[ItemId] {
        self.group_members
            .get(&group)
            .map_or(&[], |members| members.as_slice())
    }

    /// The kind of the first inclusion of `file`.
    pub fn first_inclusion(&self, file: FileId) -> Option<InclusionKind> {
        self.first_inclusions
            .get(file.0 as usize)
            .copied()
            .flatten()
    }

    /// The function that `item` defines (with a body).
    pub fn function(&self, item: ItemId) -> Option<EntityId> {
        self.functions.get(&item).copied()
    }

    /// Where the body of function definition `item` starts, as an offset in the item.
    pub fn body_start(&self, item: ItemId) -> Option<u32> {
        self.body_starts.get(&item).copied()
    }

    /// The objects `item` defines (tentatively or not).
    pub fn object_definitions(&self, item: ItemId) -> &[ObjectDefinition] {
        self.object_definitions
            .get(&item)
            .map_or(&[], |definitions| definitions.as_slice())
    }
}

/// An item's first and last tokens other than trivia.
fn end_tokens(node: &SyntaxNode) -> Option<(SyntaxToken, SyntaxToken)> {
    let range = node.text_range();
    let inside = |t: &SyntaxToken| range.contains_range(t.text_range());
    let first = std::iter::successors(node.first_token(), |t| t.next_token())
        .take_while(inside)
        .find(|t| !t.kind().is_trivia())?;
    let last = std::iter::successors(node.last_token(), |t| t.prev_token())
        .take_while(inside)
        .find(|t| !t.kind().is_trivia())?;
    Some((first, last))
}

/// The preprocessor token of a tree token.
fn pp_token<'a>(
    pp: &'a PreprocessedTu,
    parsed: &ParsedTu,
    token: &SyntaxToken,
) -> Option<&'a syntax::pp::token::PpToken> {
    let index = parsed.token_index(token.text_range().start().into())?;
    pp.tokens.get(parsed.pp_token(index)?)
}

/// The file a tree token was written in and its offset there (its outermost invocation's,
/// for a macro's).
fn place_of(pp: &PreprocessedTu, parsed: &ParsedTu, token: &SyntaxToken) -> Option<(FileId, u32)> {
    let origin = pp_token(pp, parsed, token)?.origin;
    let (file, offset, _) = pp.provenance.outermost_expansion_point(origin);
    Some((file, offset))
}

/// The outermost macro invocation a tree token comes from.
fn invocation(pp: &PreprocessedTu, parsed: &ParsedTu, token: &SyntaxToken) -> Option<u32> {
    let origin = pp_token(pp, parsed, token)?.origin;
    Some(pp.provenance.outermost_expansion(origin)?.0)
}

/// By item, its group: consecutive items one of whose boundaries lies inside one
/// invocation (the previous item's last token and the next item's first come from it).
fn groups(invocations: &[Option<Invocations>]) -> Vec<u32> {
    let mut groups = vec![NO_GROUP; invocations.len()];
    let mut previous: Option<(usize, u32)> = None;
    for (index, ends) in invocations.iter().enumerate() {
        let Some((first, last)) = ends else {
            continue;
        };
        if let (Some((p, p_last)), Some(first)) = (previous, first)
            && p_last == *first
        {
            let group = if groups[p] == NO_GROUP {
                p as u32
            } else {
                groups[p]
            };
            groups[p] = group;
            groups[index] = group;
        }
        previous = last.map(|l| (index, l));
    }
    groups
}

/// By file, the kind of its first inclusion.
fn first_inclusions(pp: &PreprocessedTu) -> Vec<Option<InclusionKind>> {
    let mut first = vec![None; pp.provenance.files.len()];
    for inclusion in pp.provenance.inclusions.iter().rev() {
        if let Some(slot) = first.get_mut(inclusion.file.0 as usize) {
            *slot = Some(inclusion.kind);
        }
    }
    first
}

/// Where the body of a function definition starts, as an offset in it.
fn body_start(node: &SyntaxNode) -> Option<u32> {
    if node.kind() != SyntaxKind::FUNCTION_DEF {
        return None;
    }
    let body = node
        .children()
        .find(|c| c.kind() == SyntaxKind::COMPOUND_STMT)?;
    Some(u32::from(body.text_range().start()) - u32::from(node.text_range().start()))
}

/// The definitions of objects (tentative ones too), by item.
fn object_definitions(scope: &FileScope) -> FxHashMap<ItemId, Vec<ObjectDefinition>> {
    let mut definitions: FxHashMap<ItemId, Vec<ObjectDefinition>> = FxHashMap::default();
    for decl in &scope.decls {
        let defines = matches!(decl.role, Role::Definition | Role::Tentative);
        if defines && scope.entity(decl.entity).kind == EntityKind::Object {
            definitions
                .entry(decl.at.item)
                .or_default()
                .push(ObjectDefinition {
                    at: decl.at,
                    entity: decl.entity,
                    initialized: decl.role == Role::Definition,
                });
        }
    }
    definitions
}

/// The index with the tree: items' nodes and tokens.
pub struct ItemView<'a> {
    pub index: &'a ItemIndex,
    nodes: Vec<Option<SyntaxNode>>,
}

impl<'a> ItemView<'a> {
    pub fn new(index: &'a ItemIndex, root: &SyntaxNode) -> ItemView<'a> {
        let nodes = root.children_with_tokens().map(|e| e.into_node()).collect();
        ItemView { index, nodes }
    }

    /// The node of `item` (none for a token at the root).
    pub fn node(&self, item: ItemId) -> Option<SyntaxNode> {
        self.nodes.get(item.0 as usize).cloned().flatten()
    }

    /// The token at an anchor, looked up from its item (the root has too many children to
    /// search from it).
    pub fn token(&self, at: Anchor) -> Option<SyntaxToken> {
        self.token_at(self.index.offset(at)?)
    }

    /// The token at tree offset `offset`.
    pub fn token_at(&self, offset: u32) -> Option<SyntaxToken> {
        let node = self.node(self.index.item_at(offset))?;
        node.token_at_offset(offset.into()).right_biased()
    }
}
