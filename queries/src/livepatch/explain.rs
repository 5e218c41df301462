//! Why each thing is in the live patch: for every function and object the plan decides
//! about, every type and tag it defines, every macro it `#define`s and every header it
//! `#include`s, what was decided and a shortest chain of references leading to it from a
//! patched function. What the plan takes from a header the live patch includes is
//! `included`: the `#include` brings it, not the live patch's own text.
//!
//! The chains are found by a breadth-first search over the references of the emitted items
//! (sema's uses: outside function bodies from `file_resolution`, inside the bodies the live
//! patch copies whole from `body_resolution`), starting at the patched functions. A thing
//! an included header declares leads to that header, and a header to what it needs declared
//! before its `#include` (the closure's header prerequisites: a tag its inline functions
//! dereference, say). A thing nothing leads to (a macro, a header included for its macros)
//! has an empty chain.
//! The policy's answers are not here: the queries do not keep them by entity, the binary
//! does (it asked them).

use std::collections::VecDeque;

use rustc_hash::{FxHashMap, FxHashSet};
use syntax::pp::provenance::InclusionId;

use super::emit::EmitInput;
use super::plan::{EditKind, Fate, ItemForm};
use super::policy::PolicyFailure;
use super::prerequisites::Prerequisite;
use super::query::emit_input;
use super::query::{Planned, closure_plan, pp_tables};
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
    /// A header the live patch includes.
    Header(InclusionId),
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
    let tables = pp_tables(db, tu);
    let input = emit_input(&pp, &tables, &parsed, &index, planned);
    let headers: FxHashMap<InclusionId, String> = sorted_inclusions(&input)
        .into_iter()
        .filter_map(|inclusion| {
            let directive = coverage.directive_text(&pp, inclusion)?;
            Some((inclusion, header_name(&directive)))
        })
        .collect();
    let mut graph = Graph::new(&scope, &view, &file_uses, &bodies, plan);
    graph.add_headers(&headers, planned, &index);
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
    let name_of = |node: Node| node_name(&scope, &headers, node);
    let chain = |node: Node| chain_to(&parents, node, &name_of);

    let mut items = Vec::new();
    // An item of a header the live patch includes is not written: the `#include` brings it.
    let from_header = |items: &mut dyn Iterator<Item = ItemId>| {
        let mut emitted = items
            .filter(|item| plan.items.contains_key(item))
            .peekable();
        emitted.peek().is_some()
            && emitted.all(|item| {
                (index.first_file(item)).is_some_and(|file| coverage.covering(file).is_some())
            })
    };
    let entity_items = |entity: EntityId| {
        (scope.entity(entity).decls.iter()).map(|&decl| scope.decl(decl).at.item)
    };
    for (name, fate) in &plan.fates {
        let entity = entities.get(name.as_str()).copied();
        let included = entity.is_some_and(|e| from_header(&mut entity_items(e)));
        let kind = match entity.map(|e| scope.entity(e).kind) {
            Some(EntityKind::Object) => ExplainedKind::Object,
            _ => ExplainedKind::Function,
        };
        let decision = match fate {
            Fate::Patched { .. } => Decision::Patched,
            Fate::Copied { .. } | Fate::Declared if included => Decision::Included,
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
            let included = from_header(&mut entity_items(EntityId(i as u32)));
            items.push(Explained {
                name: scope.name(entity.name).to_owned(),
                kind: ExplainedKind::Type,
                decision: if included {
                    Decision::Included
                } else {
                    Decision::Defined
                },
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
        let included = from_header(&mut tag.decls.iter().map(|d| d.at.item));
        items.push(Explained {
            name: name_of(Node::Tag(TagId(i as u32))),
            kind: ExplainedKind::Tag,
            decision: match (included, defines) {
                (true, _) => Decision::Included,
                (false, true) => Decision::Defined,
                (false, false) => Decision::Declared,
            },
            path: None,
            chain: chain(Node::Tag(TagId(i as u32))),
        });
    }
    for name in input.written_macros() {
        items.push(Explained {
            name,
            kind: ExplainedKind::Macro,
            decision: Decision::Defined,
            path: None,
            chain: Vec::new(),
        });
    }
    for inclusion in sorted_inclusions(&input) {
        let (Some(name), Some(included)) = (
            headers.get(&inclusion),
            pp.provenance.inclusions.get(inclusion.0 as usize),
        ) else {
            continue;
        };
        items.push(Explained {
            name: name.clone(),
            kind: ExplainedKind::Header,
            decision: Decision::Included,
            path: Some(pp.provenance.file(included.file).path.display().to_string()),
            chain: chain(Node::Header(inclusion)),
        });
    }
    let edges = (parents.parent.iter())
        .filter_map(|(&node, &parent)| Some((name_of(parent?), name_of(node))))
        .collect::<FxHashSet<_>>();
    let mut edges: Vec<(String, String)> = edges.into_iter().collect();
    edges.sort();
    Ok(Explanation { items, edges })
}

/// The name of an entity, `struct NAME` of a tag, `<linux/mm.h>` of a header.
fn node_name(scope: &FileScope, headers: &FxHashMap<InclusionId, String>, node: Node) -> String {
    match node {
        Node::Header(inclusion) => headers.get(&inclusion).cloned().unwrap_or_default(),
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

/// A stable order of nodes: entities, tags, headers, each by id.
fn node_order(node: Node) -> (u8, u32) {
    match node {
        Node::Entity(entity) => (0, entity.0),
        Node::Tag(tag) => (1, tag.0),
        Node::Header(inclusion) => (2, inclusion.0),
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

/// The references between the emitted items' entities and tags, and the included headers.
struct Graph<'a> {
    scope: &'a FileScope,
    /// By node, the emitted items declaring it.
    declared_by: FxHashMap<Node, Vec<ItemId>>,
    /// By emitted item, what it refers to, in order.
    refers_to: FxHashMap<ItemId, Vec<Node>>,
    /// By entity or tag, the included header it comes from.
    provided_by: FxHashMap<Node, InclusionId>,
    /// By included header, what it needs declared before it.
    needs: FxHashMap<InclusionId, Vec<Node>>,
}

/// The breadth-first search's result: each node reached, with the node it was reached from
/// (`None` for a root).
struct Search {
    parent: FxHashMap<Node, Option<Node>>,
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
        let mut declares: FxHashMap<ItemId, Vec<Node>> = FxHashMap::default();
        for (&node, items) in &declared_by {
            for &item in items {
                declares.entry(item).or_default().push(node);
            }
        }
        for nodes in declares.values_mut() {
            nodes.sort_by_key(|&node| node_order(node));
        }
        let declared_in = |item: ItemId| declares.get(&item).into_iter().flatten().copied();
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
            // The tags an item defines come with it (`typedef struct s {...} t;` leads from
            // `t` to `struct s`, a struct to the anonymous unions inside it), and so does
            // what the other items of its macro invocation declare (the kernel's
            // `PAGEFLAG(...)` makes `SetPageX` with `PageX`).
            nodes.extend(declared_in(item).filter(|node| matches!(node, Node::Tag(_))));
            let company =
                (view.index.group(item)).map_or(&[][..], |group| view.index.group_members(group));
            for &member in company.iter().filter(|&&member| member != item) {
                nodes.extend(declared_in(member));
            }
            refers_to.insert(item, nodes);
        }
        Graph {
            scope,
            declared_by,
            refers_to,
            provided_by: FxHashMap::default(),
            needs: FxHashMap::default(),
        }
    }

    /// Adds the included headers (`headers`): the edges from what each provides to it, and
    /// from it to what it needs.
    fn add_headers(
        &mut self,
        headers: &FxHashMap<InclusionId, String>,
        planned: &Planned,
        index: &ItemIndex,
    ) {
        let coverage = &planned.coverage;
        let scope = self.scope;
        let nodes = (0..scope.entities.len()).map(|i| Node::Entity(EntityId(i as u32)));
        let tags = (0..scope.tags.len()).map(|i| Node::Tag(TagId(i as u32)));
        for node in nodes.chain(tags) {
            let header = (self.declaring_items(node).into_iter())
                .filter_map(|item| coverage.covering(index.first_file(item)?))
                .find(|inclusion| headers.contains_key(inclusion));
            if let Some(header) = header {
                self.provided_by.insert(node, header);
            }
        }
        for &(need, header) in &planned.header_needs {
            let needed: Vec<Node> = match need {
                Prerequisite::Declared(entity) => vec![Node::Entity(entity)],
                Prerequisite::Complete(tag) | Prerequisite::DeclaredTag(tag) => {
                    vec![Node::Tag(tag)]
                }
                Prerequisite::Straddling(item) => (self.declared_by.iter())
                    .filter(|(_, items)| items.contains(&item))
                    .map(|(&node, _)| node)
                    .collect(),
            };
            self.needs.entry(header).or_default().extend(needed);
        }
        for needed in self.needs.values_mut() {
            needed.sort_by_key(|&node| node_order(node));
        }
    }

    /// What `node` leads to: what the items declaring it refer to, the header it comes
    /// from, what a header needs.
    fn next(&self, node: Node) -> impl Iterator<Item = Node> + '_ {
        let items = self.declared_by.get(&node).map_or(&[][..], Vec::as_slice);
        let referred = (items.iter())
            .flat_map(|item| self.refers_to.get(item).map_or(&[][..], Vec::as_slice))
            .copied();
        let header = self.provided_by.get(&node).map(|&h| Node::Header(h));
        let needed = match node {
            Node::Header(h) => self.needs.get(&h).map_or(&[][..], Vec::as_slice),
            _ => &[][..],
        };
        referred.chain(header).chain(needed.iter().copied())
    }

    /// The items declaring `node` (emitted or not), a tag's definitions first: where it
    /// may come from.
    fn declaring_items(&self, node: Node) -> Vec<ItemId> {
        let scope = self.scope;
        match node {
            Node::Entity(entity) => (scope.entity(entity).decls.iter())
                .map(|&decl| scope.decl(decl).at.item)
                .collect(),
            Node::Tag(tag) => {
                let decls = &scope.tag(tag).decls;
                let definitions = decls.iter().filter(|d| d.role == TagRole::Definition);
                let others = decls.iter().filter(|d| d.role != TagRole::Definition);
                definitions.chain(others).map(|d| d.at.item).collect()
            }
            Node::Header(_) => Vec::new(),
        }
    }

    fn search(&self, roots: &[Node]) -> Search {
        let mut parent: FxHashMap<Node, Option<Node>> = FxHashMap::default();
        let mut queue = VecDeque::new();
        for &root in roots {
            if parent.insert(root, None).is_none() {
                queue.push_back(root);
            }
        }
        while let Some(node) = queue.pop_front() {
            for target in self.next(node) {
                if let std::collections::hash_map::Entry::Vacant(slot) = parent.entry(target) {
                    slot.insert(Some(node));
                    queue.push_back(target);
                }
            }
        }
        Search { parent }
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
    let tables = pp_tables(db, tu);
    let names = sorted_inclusions(&emit_input(&pp, &tables, &parsed, &index, planned))
        .into_iter()
        .filter_map(|inclusion| planned.coverage.directive_text(&pp, inclusion))
        .map(|directive| header_name(&directive))
        .collect();
    Ok(names)
}

/// The inclusions the live patch `#include`s, in the TU's order.
fn sorted_inclusions(input: &EmitInput<'_>) -> Vec<InclusionId> {
    let mut headers: Vec<InclusionId> = input.included_headers().into_iter().collect();
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
