//! From what became of each entity to the plan's edits of the emitted text: renames (or
//! `(*klpe_x)` for a pointer), storage classes for the linkage asked for, initializers and
//! attributes dropped from declarations of the running kernel's objects, array lengths
//! written in, the renames of the copied functions that must be rewritten.

use rustc_hash::{FxHashMap, FxHashSet};

use super::facts::Facts;
use super::questions::symbol_change;
use super::walk::{EntityFate, Walk};
use crate::livepatch::kernel;
use crate::livepatch::oracle::{Oracle, SymbolChangeKind};
use crate::livepatch::plan::{Edit, EditKind, Fate, ItemForm, Plan, StorageClass};
use crate::livepatch::policy::{LinkageChange, PolicyFailure};
use crate::sema::{EntityId, EntityKind, Role, Storage};

/// The plan of a settled round: its items, the edits its fates call for, the diagnostics
/// (the policy's, taken once every question is asked, and the closure's).
pub(super) fn plan(
    mut walk: Walk<'_>,
    oracle: &mut dyn Oracle,
    tag_edits: Vec<Edit>,
) -> Result<Plan, PolicyFailure> {
    let rewritten = rewritten(&mut walk, oracle)?;
    let mut diagnostics = oracle.take_diagnostics();
    diagnostics.extend(walk.diagnostics.iter().cloned());
    let mut editor = Editor {
        facts: walk.facts,
        walk: &walk,
        edits: Vec::new(),
    };
    let mut fates = Vec::new();
    let mut entities: Vec<_> = walk.fates.iter().collect();
    entities.sort_by_key(|(e, _)| **e);
    for (&entity, fate) in entities {
        let fate = match rewritten.get(&entity) {
            Some(new_name) => editor.rewritten(entity, new_name),
            None => editor.entity(entity, fate),
        };
        fates.extend(fate.map(|fate| (walk.facts.name(entity).to_owned(), fate)));
    }
    editor.locals();
    editor.drop_unneeded_declarators();
    let mut edits = editor.edits;
    edits.extend(tag_edits);
    edits.sort();
    edits.dedup();
    Ok(Plan {
        items: walk.emitted.items().clone(),
        edits,
        diagnostics,
        fates,
    })
}

/// The copied functions that must be rewritten, with their new names: those whose text
/// refers to a symbol the live patch renames (or turns into a pointer), found until no more
/// are (a rewritten function is renamed in turn); asked about in the order of the entities.
fn rewritten(
    walk: &mut Walk<'_>,
    oracle: &mut dyn Oracle,
) -> Result<FxHashMap<EntityId, String>, PolicyFailure> {
    let facts = walk.facts;
    let mut renamed: FxHashSet<EntityId> = (walk.fates.iter())
        .filter(|&(&e, fate)| match fate {
            EntityFate::Patched(change) | EntityFate::Externalized(change) => {
                change.make_pointer || change.new_name != facts.name(e)
            }
            _ => false,
        })
        .map(|(&e, _)| e)
        .collect();
    let mut targets_by_item: FxHashMap<_, Vec<EntityId>> = FxHashMap::default();
    for &(at, target) in &walk.refs {
        targets_by_item.entry(at.item).or_default().push(target);
    }
    let mut candidates: Vec<EntityId> = (walk.fates.iter())
        .filter(|&(&e, fate)| *fate == EntityFate::Copied && facts.is_function(e))
        .filter(|&(e, _)| !walk.keep_name.contains(e))
        .map(|(&e, _)| e)
        .collect();
    candidates.sort();
    let mut found = Vec::new();
    loop {
        let refers = |entity: &EntityId| {
            let item = facts.definition_item(*entity);
            let targets = item.and_then(|item| targets_by_item.get(&item));
            targets.is_some_and(|targets| targets.iter().any(|t| renamed.contains(t)))
        };
        let (now, later): (Vec<EntityId>, Vec<EntityId>) = candidates.into_iter().partition(refers);
        if now.is_empty() {
            break;
        }
        renamed.extend(now.iter().copied());
        found.extend(now);
        candidates = later;
    }
    found.sort();
    let mut names = FxHashMap::default();
    for entity in found {
        let named = (facts.name(entity), facts.first_anchor(entity));
        let kind = SymbolChangeKind::Rewritten;
        let change = symbol_change(facts, oracle, &mut walk.diagnostics, named, kind)?;
        names.insert(entity, change.new_name);
    }
    Ok(names)
}

/// Collects the edits.
struct Editor<'w, 'a> {
    facts: Facts<'a>,
    walk: &'w Walk<'a>,
    edits: Vec<Edit>,
}

impl Editor<'_, '_> {
    fn push(&mut self, at: crate::sema::Anchor, kind: EditKind) {
        self.edits.push(Edit { at, kind });
    }

    /// A rewritten function: copied, renamed, internal.
    fn rewritten(&mut self, entity: EntityId, new_name: &str) -> Option<Fate> {
        self.rename(entity, new_name, false);
        self.make_first_static(entity);
        Some(Fate::Copied {
            name: new_name.to_owned(),
        })
    }

    fn entity(&mut self, entity: EntityId, fate: &EntityFate) -> Option<Fate> {
        let facts = self.facts;
        let name = facts.name(entity).to_owned();
        match fate {
            EntityFate::Patched(change) => {
                self.rename(entity, &change.new_name, false);
                self.set_linkage(entity, change.linkage);
                Some(Fate::Patched {
                    name: change.new_name.clone(),
                })
            }
            EntityFate::Copied => {
                let view = facts.input.view;
                let always_inlined =
                    kernel::is_always_inlined_gnu_inline(facts.scope(), view, entity);
                if facts.is_function(entity) && !always_inlined {
                    self.make_first_static(entity);
                }
                Some(Fate::Copied { name })
            }
            EntityFate::Externalized(change) => {
                self.rename(entity, &change.new_name, change.make_pointer);
                if change.make_pointer {
                    self.set_pointer_linkage(entity, change.linkage);
                } else {
                    self.set_linkage(entity, change.linkage);
                }
                match facts.scope().entity(entity).kind {
                    EntityKind::Object => self.declare_only(entity, change.make_pointer),
                    // A function's attributes (`notrace`) are not for a pointer.
                    EntityKind::Function if change.make_pointer => {
                        for at in facts.decl_anchors(entity) {
                            self.push(at, EditKind::DropAttributes);
                        }
                    }
                    _ => {}
                }
                Some(Fate::Externalized {
                    name: change.new_name.clone(),
                    pointer: change.make_pointer,
                })
            }
            EntityFate::Declared => {
                if facts.scope().entity(entity).kind == EntityKind::Object {
                    self.declare_only(entity, false);
                    self.set_storage_all(entity, Some(StorageClass::Extern));
                }
                Some(Fate::Declared)
            }
            EntityFate::Kept => None,
        }
    }

    /// Renames every declaration of and reference to `entity`, or makes them `(*new)`.
    fn rename(&mut self, entity: EntityId, new: &str, pointer: bool) {
        let facts = self.facts;
        if new == facts.name(entity) && !pointer {
            return;
        }
        let text = if pointer {
            format!("(*{new})")
        } else {
            new.to_owned()
        };
        let references = (self.walk.refs.iter())
            .filter(|(_, e)| *e == entity)
            .map(|(at, _)| *at);
        let anchors: Vec<_> = facts
            .decl_anchors(entity)
            .into_iter()
            .chain(references)
            .collect();
        for at in anchors {
            if self.walk.emitted.contains(at.item) {
                self.push(at, EditKind::Replace(text.clone()));
            }
        }
    }

    fn set_linkage(&mut self, entity: EntityId, linkage: LinkageChange) {
        match linkage {
            LinkageChange::Keep => {}
            LinkageChange::MakeInternal => self.make_first_static(entity),
            LinkageChange::MakeExternal => self.set_storage_all(entity, Some(StorageClass::Extern)),
        }
    }

    /// The linkage of a symbol turned into a pointer, an object now: every declaration says
    /// it (a pointer declared without storage class at file scope would be a definition with
    /// external linkage).
    fn set_pointer_linkage(&mut self, entity: EntityId, linkage: LinkageChange) {
        let class = match linkage {
            LinkageChange::Keep => return,
            LinkageChange::MakeInternal => StorageClass::Static,
            LinkageChange::MakeExternal => StorageClass::Extern,
        };
        let scope = self.facts.scope();
        for &d in &scope.entity(entity).decls {
            let decl = scope.decl(d);
            if storage_class(decl.storage) != Some(class) {
                self.push(decl.at, EditKind::Storage(Some(class)));
            }
        }
    }

    /// Internal linkage: the first declaration says `static` (the later ones inherit it).
    fn make_first_static(&mut self, entity: EntityId) {
        let scope = self.facts.scope();
        let Some(&first) = scope.entity(entity).decls.first() else {
            return;
        };
        let decl = scope.decl(first);
        if decl.storage != Storage::Static {
            self.push(decl.at, EditKind::Storage(Some(StorageClass::Static)));
        }
    }

    /// Every declaration of `entity` gets storage class `class` (`extern` is dropped from
    /// function definitions, which say it by having none).
    fn set_storage_all(&mut self, entity: EntityId, class: Option<StorageClass>) {
        let scope = self.facts.scope();
        let is_function = self.facts.is_function(entity);
        for &d in &scope.entity(entity).decls {
            let decl = scope.decl(d);
            let wanted = match (class, is_function) {
                (Some(StorageClass::Extern), true) if decl.storage == Storage::Static => None,
                (Some(StorageClass::Extern), true) => continue,
                (wanted, _) => wanted,
            };
            if storage_class(decl.storage) != wanted {
                self.push(decl.at, EditKind::Storage(wanted));
            }
        }
    }

    /// An object referred to in the running kernel: its declarations lose their initializers
    /// (and attributes) and get their array lengths.
    fn declare_only(&mut self, entity: EntityId, pointer: bool) {
        let scope = self.facts.scope();
        let length = self.facts.input.array_lengths.get(&entity).copied();
        for &d in &scope.entity(entity).decls {
            let decl = scope.decl(d);
            if decl.role == Role::Definition {
                self.push(decl.at, EditKind::DropInitializer);
            }
            // A definition's attributes (`__used`, `__section`) are its own: the declaration
            // of the running kernel's object does without them, and so does a pointer to it
            // (which is no per-cpu variable, say, whatever its object is).
            if decl.role == Role::Definition || (pointer && decl.role == Role::Tentative) {
                self.push(decl.at, EditKind::DropAttributes);
            }
            if let Some(length) = length {
                self.push(decl.at, EditKind::ArrayLength(length));
            }
        }
    }

    /// The edits of the externalized block-scope objects: renamed (or made pointers) at their
    /// declaration and uses, declared `extern` without initializer.
    fn locals(&mut self) {
        let walk = self.walk;
        for (&(item, local), change) in &walk.local_fates {
            let (Some(change), Some(body)) = (change, walk.facts.input.bodies.resolution(item))
            else {
                continue;
            };
            let declared = body.local(local).at;
            let old = body.names.resolve(body.local(local).name);
            let text = match (change.make_pointer, change.new_name == old) {
                (true, _) => Some(format!("(*{})", change.new_name)),
                (false, false) => Some(change.new_name.clone()),
                (false, true) => None,
            };
            let uses = (walk.local_refs.iter())
                .filter(|(_, i, l)| (*i, *l) == (item, local))
                .map(|(at, _, _)| *at);
            if let Some(text) = text {
                for at in std::iter::once(declared).chain(uses) {
                    self.push(at, EditKind::Replace(text.clone()));
                }
            }
            self.push(declared, EditKind::Storage(Some(StorageClass::Extern)));
            self.push(declared, EditKind::DropInitializer);
            self.push(declared, EditKind::DropAttributes);
        }
    }

    /// In a declaration of several objects (`int a, x, b;`), those nothing refers to are
    /// not defined again with the one that is.
    fn drop_unneeded_declarators(&mut self) {
        let walk = self.walk;
        let index = walk.facts.input.view.index;
        for (&item, form) in walk.emitted.items() {
            let defined = index.object_definitions(item);
            if *form != ItemForm::Whole || defined.len() < 2 {
                continue;
            }
            let unneeded: Vec<_> = (defined.iter())
                .filter(|definition| !walk.fates.contains_key(&definition.entity))
                .map(|definition| definition.at)
                .collect();
            if unneeded.len() == defined.len() {
                continue;
            }
            for at in unneeded {
                self.push(at, EditKind::DropDeclarator);
            }
        }
    }
}

/// The storage class a declaration has, as the plan names them.
fn storage_class(storage: Storage) -> Option<StorageClass> {
    match storage {
        Storage::Static => Some(StorageClass::Static),
        Storage::Extern => Some(StorageClass::Extern),
        _ => None,
    }
}
