//! Structs, unions and enums in the live patch: a tag's definition where the copied code
//! needs its type complete (a member access, a by-value object, `sizeof`), a declaration
//! (`struct s;`) where pointers to it are all it handles, decided once every reference is
//! known.

use rustc_hash::{FxHashMap, FxHashSet};

use super::emitted::Sink;
use super::facts::Facts;
use crate::livepatch::completeness::needs_complete_at;
use crate::livepatch::plan::{Edit, EditKind, ItemForm};
use crate::sema::{Anchor, EntityId, EntityKind, ItemId, TagId, TagRole};

/// What the copied code needs of tags.
#[derive(Debug, Default)]
pub(super) struct TagNeeds {
    /// The tags emitted complete (their definitions).
    complete: FxHashSet<TagId>,
    /// References to tags that need them declared only.
    declared: Vec<(TagId, Anchor)>,
    /// Tags an included header needs declared at file scope before it.
    for_headers: Vec<TagId>,
    /// The typedefs used where their type must be complete.
    complete_typedefs: FxHashSet<EntityId>,
}

impl TagNeeds {
    /// A reference to a tag: where its type must be complete, its definition is emitted;
    /// elsewhere a declaration will do.
    pub fn refer(&mut self, facts: Facts<'_>, sink: &mut Sink<'_>, tag: TagId, at: Anchor) {
        if facts.token(at).is_some_and(|t| needs_complete_at(&t)) {
            self.keep(facts, sink, tag);
        } else {
            self.declared.push((tag, at));
        }
    }

    /// A reference to a typedef: noted when its type must be complete there.
    pub fn refer_typedef(&mut self, facts: Facts<'_>, entity: EntityId, at: Anchor) {
        if facts.token(at).is_some_and(|t| needs_complete_at(&t)) {
            self.complete_typedefs.insert(entity);
        }
    }

    /// A tag an included header needs declared before it.
    pub fn declare_for_header(&mut self, tag: TagId) {
        self.for_headers.push(tag);
    }

    /// The tags function definition `item` needs complete by what its expressions do.
    pub fn keep_used_complete(&mut self, facts: Facts<'_>, sink: &mut Sink<'_>, item: ItemId) {
        let Some(tags) = facts.input.bodies.complete_tags(item) else {
            return;
        };
        for &tag in tags.iter() {
            self.keep(facts, sink, tag);
        }
    }

    /// A struct, union or enum: its definition when it has one (whose members may need
    /// complete types), else its first declaration.
    pub fn keep(&mut self, facts: Facts<'_>, sink: &mut Sink<'_>, tag: TagId) {
        self.complete.insert(tag);
        let decls = &facts.scope().tag(tag).decls;
        let chosen = (decls.iter())
            .find(|d| d.role == TagRole::Definition)
            .or_else(|| decls.first())
            .copied();
        if let Some(decl) = chosen {
            sink.emit_tag_declaration(decl.at, facts.is_assertion(decl.at.item));
        }
    }

    /// The declarations of the tags referred to only where a declaration will do: none when
    /// the first reference declares the tag at file scope; else the tag's definition cut to
    /// `struct s;` (or its forward declaration, or whatever declares it first). Returns the
    /// edits cutting definitions.
    pub fn declare(&mut self, facts: Facts<'_>, sink: &mut Sink<'_>) -> Vec<Edit> {
        let mut first: FxHashMap<TagId, Anchor> = FxHashMap::default();
        for &(tag, at) in &self.declared {
            if !sink.emitted.contains(at.item) {
                continue;
            }
            let entry = first.entry(tag).or_insert(at);
            *entry = (*entry).min(at);
        }
        let mut edits = Vec::new();
        let mut firsts: Vec<(TagId, Anchor)> = first.into_iter().collect();
        firsts.sort_by_key(|&(tag, at)| (at, tag));
        for (tag, at) in firsts {
            if facts.declares_at_file_scope(at) {
                continue;
            }
            if !self.complete.contains(&tag) {
                declare_tag(facts, sink, tag, at, &mut edits);
            } else if !defined_before(facts, tag, at) {
                // Its definition comes later (copied, or read by an `#include` there): a
                // parameter list naming the tag before would give it prototype scope.
                forward_declare_tag(facts, sink, tag, at);
            }
        }
        for tag in std::mem::take(&mut self.for_headers) {
            let first = facts.scope().tag(tag).decls.first().map(|d| d.at);
            if let Some(first) = first.filter(|_| !self.complete.contains(&tag)) {
                declare_tag(facts, sink, tag, first, &mut edits);
            }
        }
        edits.extend(self.cut_typedef_definitions(facts, sink));
        edits
    }

    /// Definitions of tags inside emitted typedefs whose types nothing needs complete: cut to
    /// the tag (`typedef struct s t;`).
    fn cut_typedef_definitions(&self, facts: Facts<'_>, sink: &Sink<'_>) -> Vec<Edit> {
        let scope = facts.scope();
        let mut edits = Vec::new();
        for (index, tag) in scope.tags.iter().enumerate() {
            let tag_id = TagId(index as u32);
            let Some(definition) = tag.decls.iter().find(|d| d.role == TagRole::Definition) else {
                continue;
            };
            let item = definition.at.item;
            if tag.name.is_none() || self.complete.contains(&tag_id) || !sink.emitted.contains(item)
            {
                continue;
            }
            let typedefs: Vec<EntityId> = (scope.decls.iter())
                .filter(|d| d.at.item == item)
                .map(|d| d.entity)
                .filter(|&e| matches!(scope.entity(e).kind, EntityKind::Typedef { .. }))
                .collect();
            // An item declaring anything besides the typedefs (an object of the type) stays.
            let declares_more =
                (scope.decls.iter()).any(|d| d.at.item == item && !typedefs.contains(&d.entity));
            let cut = !typedefs.is_empty()
                && typedefs.iter().all(|e| !self.complete_typedefs.contains(e))
                && !declares_more;
            if cut {
                edits.push(Edit {
                    at: definition.at,
                    kind: EditKind::DropMembers,
                });
            }
        }
        edits
    }
}

/// Whether `tag`'s definition comes before `at`.
fn defined_before(facts: Facts<'_>, tag: TagId, at: Anchor) -> bool {
    (facts.scope().tag(tag).decls.iter())
        .any(|d| d.role == TagRole::Definition && d.at.item < at.item)
}

/// Emits a forward declaration (`struct s;`) of `tag`, needed complete later, for a
/// reference at `first` before its definition (which cannot be cut: it is needed whole).
fn forward_declare_tag(facts: Facts<'_>, sink: &mut Sink<'_>, tag: TagId, first: Anchor) {
    let forward = (facts.scope().tag(tag).decls.iter())
        .find(|d| d.role == TagRole::Forward && d.at.item < first.item);
    if let Some(chosen) = forward {
        sink.emit_tag_declaration(chosen.at, facts.is_assertion(chosen.at.item));
    }
}

/// Emits a declaration of `tag` for its first reference at `first`.
fn declare_tag(
    facts: Facts<'_>,
    sink: &mut Sink<'_>,
    tag: TagId,
    first: Anchor,
    edits: &mut Vec<Edit>,
) {
    let decls = &facts.scope().tag(tag).decls;
    let definition = decls.iter().find(|d| d.role == TagRole::Definition);
    // A definition cut to `struct s;` declares the tag where it is: only one before the
    // reference will do (one after it, or in a header the live patch includes later, would
    // leave a parameter list naming the tag first).
    let cut_before =
        definition.filter(|d| d.at.item <= first.item && facts.declares_only_tags(d.at.item));
    if let Some(definition) = cut_before {
        sink.emit_one(definition.at.item, ItemForm::Whole);
        edits.push(Edit {
            at: definition.at,
            kind: EditKind::DropMembers,
        });
        return;
    }
    let forward = (decls.iter()).find(|d| d.role == TagRole::Forward && d.at.item <= first.item);
    if let Some(chosen) = forward.or(definition).or(decls.first()) {
        if chosen.role == TagRole::Definition {
            edits.push(Edit {
                at: chosen.at,
                kind: EditKind::DropMembers,
            });
        }
        sink.emit_tag_declaration(chosen.at, facts.is_assertion(chosen.at.item));
    }
}
