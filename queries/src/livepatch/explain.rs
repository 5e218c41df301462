//! Why each thing is in the live patch: for every function and object the plan decides
//! about, every type and tag it defines, every macro it `#define`s and every header it
//! `#include`s, what was decided and a shortest chain of references leading to it from a
//! patched function.
//!
//! The chains are found by a breadth-first search over the references of the emitted items
//! (sema's uses: outside function bodies from `file_resolution`, inside the bodies the live
//! patch copies whole from `body_resolution`), starting at the patched functions. A thing
//! no emitted item refers to (a macro, a header included for its macros) has an empty chain.
//! The policy's answers are not here: the queries do not keep them by entity, the binary
//! does (it asked them).

use std::collections::VecDeque;

use rustc_hash::{FxHashMap, FxHashSet};
use syntax::parse_tu::ParsedTu;
use syntax::pp::PreprocessedTu;
use syntax::pp::provenance::InclusionId;

use super::emit::{included_headers, written_macros};
use super::plan::{EditKind, Fate, ItemForm};
use super::policy::PolicyFailure;
use super::query::{Planned, closure_plan};
use crate::db::SourceDb;
use crate::inputs::Tu;
use crate::items::{ItemIndex, ItemView, item_index};
use crate::parsing::parse;
use crate::preprocessing::preprocess;
use crate::sema::{
    EntityId, EntityKind, FileScope, ItemId, LocalKind, Resolution, TagId, TagRole, Target,
    body_resolution, file_resolution, file_scope, function_syntax, functions,
};

/// Every decision of a live patch, in a stable order: functions and objects as the plan
/// lists them, then types, tags, macros and headers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Explanation {
    pub items: Vec<Explained>,
    /// The edges of the shortest-path tree, `(from, to)` as item names: what refers to what.
    pub edges: Vec<(String, String)>,
}

/// One decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explained {
    /// The C name (`struct page` for a tag, `<linux/mm.h>` for a header).
    pub name: String,
    pub kind: ExplainedKind,
    pub decision: Decision,
    /// For a header, the path the policy was asked about.
    pub path: Option<String>,
    /// A shortest chain of references from a patched function to this, both ends included
    /// (a patched function's chain is itself); empty when no emitted item refers to it.
    pub chain: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ExplainedKind {
    Function,
    Object,
    Type,
    Tag,
    Macro,
    Header,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Decision {
    Patched,
    Copied,
    Externalized,
    Declared,
    Included,
    Defined,
}

impl ExplainedKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ExplainedKind::Function => "function",
            ExplainedKind::Object => "object",
            ExplainedKind::Type => "type",
            ExplainedKind::Tag => "tag",
            ExplainedKind::Macro => "macro",
            ExplainedKind::Header => "header",
        }
    }
}

impl Decision {
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Patched => "patched",
            Decision::Copied => "copied",
            Decision::Externalized => "externalized",
            Decision::Declared => "declared",
            Decision::Included => "included",
            Decision::Defined => "defined",
        }
    }
}

/// A thing references lead to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Node {
    Entity(EntityId),
    Tag(TagId),
}

/// The explanation of the live patch of `tu` (computed after `live_patch`, whose work it
/// reuses).
pub fn explain(db: &dyn SourceDb, tu: Tu) -> Result<Explanation, PolicyFailure> {
    let planned = closure_plan(db, tu);
    let planned = match planned.as_ref() {
        Ok(planned) => planned,
        Err(failure) => return Err(failure.clone()),
    };
    let (plan, coverage) = (&planned.plan, &planned.coverage);
    let scope = file_scope(db, tu);
    let pp = preprocess(db, tu);
    let parsed = parse(db, tu);
    let index = item_index(db, tu);
    let file_uses = file_resolution(db, tu);
    let mut bodies: FxHashMap<ItemId, std::sync::Arc<Resolution>> = FxHashMap::default();
    for function in functions(db, tu) {
        if let Some(syntax) = function_syntax(db, function)
            && plan.items.get(&syntax.item) == Some(&ItemForm::Whole)
        {
            bodies.insert(syntax.item, body_resolution(db, function));
        }
    }
    let view = ItemView::new(&index, &parsed.parse.syntax_node());
    let graph = Graph::new(&scope, &view, &file_uses, &bodies, plan);
    let entities: FxHashMap<&str, EntityId> = (scope.entities.iter().enumerate())
        .filter(|(_, e)| matches!(e.kind, EntityKind::Function | EntityKind::Object))
        .map(|(i, e)| (scope.name(e.name), EntityId(i as u32)))
        .rev()
        .collect();
    let roots: Vec<Node> = (plan.fates.iter())
        .filter(|(_, fate)| matches!(fate, Fate::Patched { .. }))
        .filter_map(|(name, _)| entities.get(name.as_str()).map(|&e| Node::Entity(e)))
        .collect();
    let parents = graph.search(&roots);
    let name_of = |node: Node| node_name(&scope, node);
    let chain = |node: Node| chain_to(&parents, node, &name_of);

    let mut items = Vec::new();
    for (name, fate) in &plan.fates {
        let entity = entities.get(name.as_str()).copied();
        let kind = match entity.map(|e| scope.entity(e).kind) {
            Some(EntityKind::Object) => ExplainedKind::Object,
            _ => ExplainedKind::Function,
        };
        let decision = match fate {
            Fate::Patched { .. } => Decision::Patched,
            Fate::Copied { .. } => Decision::Copied,
            Fate::Externalized { .. } => Decision::Externalized,
            Fate::Declared => Decision::Declared,
        };
        items.push(Explained {
            name: name.clone(),
            kind,
            decision,
            path: None,
            chain: entity.map(|e| chain(Node::Entity(e))).unwrap_or_default(),
        });
    }
    for (i, entity) in scope.entities.iter().enumerate() {
        let emitted =
            (entity.decls.iter()).any(|&d| plan.items.contains_key(&scope.decl(d).at.item));
        if matches!(entity.kind, EntityKind::Typedef { .. }) && emitted {
            items.push(Explained {
                name: scope.name(entity.name).to_owned(),
                kind: ExplainedKind::Type,
                decision: Decision::Defined,
                path: None,
                chain: chain(Node::Entity(EntityId(i as u32))),
            });
        }
    }
    let dropped_members: FxHashSet<_> = (plan.edits.iter())
        .filter(|edit| edit.kind == EditKind::DropMembers)
        .map(|edit| edit.at)
        .collect();
    for (i, tag) in scope.tags.iter().enumerate() {
        let mut emitted = (tag.decls.iter()).filter(|d| plan.items.contains_key(&d.at.item));
        let Some(first) = emitted.next() else {
            continue;
        };
        let defines = std::iter::once(first).chain(emitted).any(|d| {
            d.role == TagRole::Definition
                && !dropped_members.contains(&d.at)
                && !matches!(
                    plan.items.get(&d.at.item),
                    Some(ItemForm::TagSpecifier { .. })
                )
        });
        items.push(Explained {
            name: name_of(Node::Tag(TagId(i as u32))),
            kind: ExplainedKind::Tag,
            decision: if defines {
                Decision::Defined
            } else {
                Decision::Declared
            },
            path: None,
            chain: chain(Node::Tag(TagId(i as u32))),
        });
    }
    for name in written_macros(&pp, &parsed, &index, plan, coverage) {
        items.push(Explained {
            name,
            kind: ExplainedKind::Macro,
            decision: Decision::Defined,
            path: None,
            chain: Vec::new(),
        });
    }
    for inclusion in sorted_inclusions(&pp, &parsed, &index, planned) {
        let Some(directive) = coverage.directive_text(&pp, inclusion) else {
            continue;
        };
        let Some(included) = pp.provenance.inclusions.get(inclusion.0 as usize) else {
            continue;
        };
        let name = header_name(&directive);
        // The nearest thing the header provides that an emitted item refers to.
        let provided = (parents.order.iter().copied()).find(|&node| {
            graph.first_item(node).is_some_and(|item| {
                index
                    .first_file(item)
                    .is_some_and(|file| coverage.covering(file) == Some(inclusion))
            })
        });
        let mut header_chain = provided.map(&chain).unwrap_or_default();
        if !header_chain.is_empty() {
            header_chain.push(name.clone());
        }
        items.push(Explained {
            name,
            kind: ExplainedKind::Header,
            decision: Decision::Included,
            path: Some(pp.provenance.file(included.file).path.display().to_string()),
            chain: header_chain,
        });
    }
    let edges = (parents.parent.iter())
        .filter_map(|(&node, &parent)| Some((name_of(parent?), name_of(node))))
        .collect::<FxHashSet<_>>();
    let mut edges: Vec<(String, String)> = edges.into_iter().collect();
    edges.sort();
    Ok(Explanation { items, edges })
}

/// The name of an entity, or `struct NAME` of a tag.
fn node_name(scope: &FileScope, node: Node) -> String {
    match node {
        Node::Entity(entity) => scope.name(scope.entity(entity).name).to_owned(),
        Node::Tag(tag) => {
            let tag = scope.tag(tag);
            let keyword = match tag.kind {
                crate::sema::TagKind::Struct => "struct",
                crate::sema::TagKind::Union => "union",
                crate::sema::TagKind::Enum => "enum",
            };
            match tag.name {
                Some(name) => format!("{keyword} {}", scope.name(name)),
                None => format!("{keyword} <anonymous>"),
            }
        }
    }
}

/// The chain of names from a root to `node`, empty when the search did not reach it.
fn chain_to(parents: &Search, node: Node, name_of: &impl Fn(Node) -> String) -> Vec<String> {
    let mut chain = Vec::new();
    let mut at = Some(node);
    while let Some(node) = at {
        let Some(&parent) = parents.parent.get(&node) else {
            return Vec::new();
        };
        chain.push(name_of(node));
        at = parent;
        // The search's tree has no cycles; this bounds a broken one.
        if chain.len() > parents.parent.len() {
            return Vec::new();
        }
    }
    chain.reverse();
    chain
}

/// The references between the emitted items' entities and tags.
struct Graph<'a> {
    scope: &'a FileScope,
    /// By node, the emitted items declaring it.
    declared_by: FxHashMap<Node, Vec<ItemId>>,
    /// By emitted item, what it refers to, in order.
    refers_to: FxHashMap<ItemId, Vec<Node>>,
}

/// The breadth-first search's result: each node reached, with the node it was reached from
/// (`None` for a root), and the nodes in the order reached.
struct Search {
    parent: FxHashMap<Node, Option<Node>>,
    order: Vec<Node>,
}

impl<'a> Graph<'a> {
    fn new(
        scope: &'a FileScope,
        view: &ItemView<'_>,
        file_uses: &Resolution,
        bodies: &FxHashMap<ItemId, std::sync::Arc<Resolution>>,
        plan: &super::plan::Plan,
    ) -> Graph<'a> {
        let mut declared_by: FxHashMap<Node, Vec<ItemId>> = FxHashMap::default();
        for decl in &scope.decls {
            if plan.items.contains_key(&decl.at.item) {
                declared_by
                    .entry(Node::Entity(decl.entity))
                    .or_default()
                    .push(decl.at.item);
            }
        }
        for (i, tag) in scope.tags.iter().enumerate() {
            for decl in &tag.decls {
                if plan.items.contains_key(&decl.at.item) {
                    declared_by
                        .entry(Node::Tag(TagId(i as u32)))
                        .or_default()
                        .push(decl.at.item);
                }
            }
        }
        let mut refers_to: FxHashMap<ItemId, Vec<Node>> = FxHashMap::default();
        for (&item, &form) in &plan.items {
            let mut nodes = Vec::new();
            let file = super::closure::item_uses(file_uses, item);
            let body = bodies.get(&item).filter(|_| form == ItemForm::Whole);
            let body_uses = body.map_or(&[][..], |body| &body.uses[..]);
            let skip = dropped_initializers(view, plan, item);
            for u in file.iter().chain(body_uses) {
                if skip.iter().any(|range| range.contains(&u.at.offset)) {
                    continue;
                }
                let node = match u.target {
                    Target::Entity(entity) => Node::Entity(entity),
                    Target::Tag(tag) => Node::Tag(tag),
                    Target::Local(local) => match body.map(|b| b.local(local).kind) {
                        Some(LocalKind::Extern {
                            entity: Some(entity),
                            ..
                        }) => Node::Entity(entity),
                        _ => continue,
                    },
                    _ => continue,
                };
                nodes.push(node);
            }
            refers_to.insert(item, nodes);
        }
        Graph {
            scope,
            declared_by,
            refers_to,
        }
    }

    /// The first item declaring `node` (emitted or not): where it comes from.
    fn first_item(&self, node: Node) -> Option<ItemId> {
        match node {
            Node::Entity(entity) => {
                let decl = *self.scope.entity(entity).decls.first()?;
                Some(self.scope.decl(decl).at.item)
            }
            Node::Tag(tag) => Some(self.scope.tag(tag).decls.first()?.at.item),
        }
    }

    fn search(&self, roots: &[Node]) -> Search {
        let mut parent: FxHashMap<Node, Option<Node>> = FxHashMap::default();
        let mut order = Vec::new();
        let mut queue = VecDeque::new();
        for &root in roots {
            if parent.insert(root, None).is_none() {
                order.push(root);
                queue.push_back(root);
            }
        }
        while let Some(node) = queue.pop_front() {
            let items = self.declared_by.get(&node).map_or(&[][..], Vec::as_slice);
            for item in items {
                let targets = self.refers_to.get(item).map_or(&[][..], Vec::as_slice);
                for &target in targets {
                    if let std::collections::hash_map::Entry::Vacant(slot) = parent.entry(target) {
                        slot.insert(Some(node));
                        order.push(target);
                        queue.push_back(target);
                    }
                }
            }
        }
        Search { parent, order }
    }
}

/// The initializers of `item` the live patch drops (the plan's edits say which), as offsets
/// in the item: what they refer to is not needed.
fn dropped_initializers(
    view: &ItemView<'_>,
    plan: &super::plan::Plan,
    item: ItemId,
) -> Vec<std::ops::Range<u32>> {
    let start = view.index.start(item).unwrap_or(0);
    (plan.edits.iter())
        .filter(|edit| edit.at.item == item && edit.kind == EditKind::DropInitializer)
        .filter_map(|edit| {
            let token = view.token(edit.at)?;
            let range = super::emit::initializer_range(&token)?;
            let from = u32::from(range.start()).checked_sub(start)?;
            let to = u32::from(range.end()).checked_sub(start)?;
            Some(from..to)
        })
        .collect()
}

/// The headers the live patch of `tu` includes, as its `#include` lines name them
/// (`<linux/mm.h>`), in source order: `explain`'s headers without their chains.
pub fn included_header_names(db: &dyn SourceDb, tu: Tu) -> Result<Vec<String>, PolicyFailure> {
    let planned = closure_plan(db, tu);
    let planned = planned.as_ref().as_ref().map_err(Clone::clone)?;
    let (pp, parsed, index) = (preprocess(db, tu), parse(db, tu), item_index(db, tu));
    let names = sorted_inclusions(&pp, &parsed, &index, planned)
        .into_iter()
        .filter_map(|inclusion| planned.coverage.directive_text(&pp, inclusion))
        .map(|directive| header_name(&directive))
        .collect();
    Ok(names)
}

fn sorted_inclusions(
    pp: &PreprocessedTu,
    parsed: &ParsedTu,
    index: &ItemIndex,
    planned: &Planned,
) -> Vec<InclusionId> {
    let (plan, coverage) = (&planned.plan, &planned.coverage);
    let mut headers: Vec<InclusionId> = (included_headers(pp, parsed, index, plan, coverage))
        .into_iter()
        .collect();
    headers.sort();
    headers
}

/// The header an `#include` line names: `<linux/mm.h>`, `"internal.h"`.
fn header_name(directive: &str) -> String {
    (directive.trim_start().trim_start_matches('#').trim_start())
        .trim_start_matches("include_next")
        .trim_start_matches("include")
        .trim()
        .to_owned()
}
