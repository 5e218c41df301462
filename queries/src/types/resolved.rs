//! Name resolution's answers, found by anchor: what the identifier use at an anchor denotes,
//! and which of `sema`'s declarations (a local, a file-scope entity or tag) the declarator
//! or tag name at an anchor makes. `types` walks the same trees as `sema` and computes
//! anchors as it does (the identifier's node: its item, and its offset from the item's
//! start), so that it resolves no name itself.

use rustc_hash::FxHashMap;

use crate::sema::{
    Anchor, ConflictKind, EntityId, FileScope, LocalId, LocalKind, Namespace, Resolution, TagId,
    Target,
};

/// The uses and local declarations of one or more resolutions, by anchor. Locals are
/// numbered across the resolutions added (the file walk adds one per function definition).
#[derive(Debug, Default)]
pub(super) struct Resolved {
    ordinary: FxHashMap<Anchor, Target>,
    tags: FxHashMap<Anchor, Target>,
    locals: FxHashMap<Anchor, LocalId>,
    /// By local: the earlier declaration of the same thing in the same scope.
    previous: Vec<Option<LocalId>>,
}

impl Resolved {
    pub(super) fn of(resolution: &Resolution) -> Resolved {
        let mut resolved = Resolved::default();
        resolved.add(resolution);
        resolved
    }

    /// Adds a resolution's uses and locals, its locals renumbered after those known.
    pub(super) fn add(&mut self, resolution: &Resolution) {
        let base = self.previous.len() as u32;
        let shift = |local: LocalId| LocalId(local.0 + base);
        for used in &resolution.uses {
            let target = match used.target {
                Target::Local(local) => Target::Local(shift(local)),
                target => target,
            };
            let table = match used.namespace {
                Namespace::Ordinary => &mut self.ordinary,
                Namespace::Tag => &mut self.tags,
                Namespace::Label => continue,
            };
            table.insert(used.at, target);
        }
        for (index, local) in resolution.locals.iter().enumerate() {
            if !matches!(local.kind, LocalKind::Label { .. }) {
                self.locals.insert(local.at, shift(LocalId(index as u32)));
            }
            self.previous.push(local.previous.map(shift));
        }
    }

    /// What the ordinary identifier used at `at` denotes.
    pub(super) fn ordinary(&self, at: Anchor) -> Option<Target> {
        self.ordinary.get(&at).copied()
    }

    /// What the tag name used at `at` denotes.
    pub(super) fn tag(&self, at: Anchor) -> Option<Target> {
        self.tags.get(&at).copied()
    }

    /// The local declared at `at`.
    pub(super) fn local(&self, at: Anchor) -> Option<LocalId> {
        self.locals.get(&at).copied()
    }

    /// The earlier declaration of the same local in the same scope.
    pub(super) fn previous(&self, local: LocalId) -> Option<LocalId> {
        self.previous.get(local.0 as usize).copied().flatten()
    }
}

/// The file scope's declarations by anchor.
#[derive(Debug, Default)]
pub(super) struct FileDecls {
    entities: FxHashMap<Anchor, EntityId>,
    tags: FxHashMap<Anchor, TagId>,
    conflicts: FxHashMap<Anchor, ConflictKind>,
}

impl FileDecls {
    pub(super) fn of(scope: &FileScope) -> FileDecls {
        let entities = scope.decls.iter().map(|d| (d.at, d.entity)).collect();
        let tags = (scope.tags.iter().enumerate())
            .flat_map(|(i, tag)| (tag.decls.iter()).map(move |d| (d.at, TagId(i as u32))))
            .collect();
        let conflicts = scope.conflicts.iter().map(|c| (c.at, c.kind)).collect();
        FileDecls {
            entities,
            tags,
            conflicts,
        }
    }

    /// The entity the declarator named at `at` declares.
    pub(super) fn entity(&self, at: Anchor) -> Option<EntityId> {
        self.entities.get(&at).copied()
    }

    /// The tag the specifier named at `at` declares.
    pub(super) fn tag(&self, at: Anchor) -> Option<TagId> {
        self.tags.get(&at).copied()
    }

    /// The conflict name resolution found with the declaration at `at`.
    pub(super) fn conflict(&self, at: Anchor) -> Option<ConflictKind> {
        self.conflicts.get(&at).copied()
    }
}
