//! The environments of the walks (see `env`): `FileEnv` for the walk of the file scope,
//! which fills `FileScopeTypes`, the types of name resolution's file-scope entities (each
//! with its history by item, so that a function body typed on its own sees the file scope as
//! it stood at its definition) and tags; and `ItemEnv` for a function body, or a text
//! snippet evaluated at the end of the file scope, over the finished `FileScopeTypes`.

use rustc_hash::FxHashMap;

use super::env::{LocalTypes, Ordinary, TagAt, TypeEnv};
use super::resolved::{FileDecls, Resolved};
use super::ty::TypeId;
use crate::sema::{Anchor, ConflictKind, EntityId, FileScope, ItemId, Resolution, TagId, Target};

/// The types of the file scope's entities and tags, by name resolution's ids.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct FileScopeTypes {
    /// Each entity's declarations: the item that made it and what it declared, in order.
    entities: FxHashMap<EntityId, Vec<(ItemId, Ordinary)>>,
    tags: FxHashMap<TagId, TypeId>,
    /// gcc's builtin typedefs, which no declaration makes.
    builtins: Vec<(&'static str, TypeId)>,
}

impl FileScopeTypes {
    pub(super) fn new(builtins: Vec<(&'static str, TypeId)>) -> FileScopeTypes {
        FileScopeTypes {
            builtins,
            ..FileScopeTypes::default()
        }
    }

    /// What `entity` was at the end of item `item`.
    fn entity_at(&self, entity: EntityId, item: ItemId) -> Option<Ordinary> {
        let history = self.entities.get(&entity)?;
        let count = history.partition_point(|&(at, _)| at <= item);
        history[..count].last().map(|&(_, what)| what)
    }

    /// What `entity` is at the end of the file scope.
    pub(super) fn entity(&self, entity: EntityId) -> Option<Ordinary> {
        self.entities.get(&entity)?.last().map(|&(_, what)| what)
    }

    /// Each entity with what it is at the end of the file scope.
    pub(super) fn entities(&self) -> impl Iterator<Item = (EntityId, Ordinary)> + '_ {
        (self.entities.iter()).filter_map(|(&id, history)| Some((id, history.last()?.1)))
    }

    pub(super) fn tag(&self, tag: TagId) -> Option<TypeId> {
        self.tags.get(&tag).copied()
    }

    fn builtin(&self, text: &str) -> Option<TypeId> {
        (self.builtins.iter()).find_map(|&(name, ty)| (name == text).then_some(ty))
    }

    /// What the use resolved to `target` denotes in item `item`.
    fn ordinary(
        &self,
        target: Target,
        locals: &LocalTypes,
        item: ItemId,
        text: &str,
    ) -> Option<Ordinary> {
        match target {
            Target::Local(local) => locals.ordinary.get(&local).copied(),
            Target::Entity(entity) => self.entity_at(entity, item),
            Target::BuiltinType => self.builtin(text).map(Ordinary::Typedef),
            Target::Tag(_) | Target::Builtin | Target::FunctionName | Target::Undeclared => None,
        }
    }
}

/// Name resolution's answers for the item walked, and the types of its locals.
#[derive(Debug, Default)]
struct ItemScopes {
    resolved: Resolved,
    locals: LocalTypes,
    item: ItemId,
    /// Where the item starts in the text walked.
    item_start: u32,
}

impl ItemScopes {
    fn anchor(&self, at: u32) -> Anchor {
        Anchor {
            item: self.item,
            offset: at.saturating_sub(self.item_start),
        }
    }

    fn ordinary(&self, file: &FileScopeTypes, at: u32, text: &str) -> Option<Ordinary> {
        let target = self.resolved.ordinary(self.anchor(at))?;
        file.ordinary(target, &self.locals, self.item, text)
    }

    /// What the tag name at `at` stands for, the file scope's declarations (`decls`) known in
    /// its walk.
    fn tag(&self, file: &FileScopeTypes, decls: Option<&FileDecls>, at: u32) -> TagAt {
        let anchor = self.anchor(at);
        let (tags, locals) = (&file.tags, &self.locals.tags);
        if let Some(target) = self.resolved.tag(anchor) {
            let ty = match target {
                Target::Local(local) => locals.get(&local),
                Target::Tag(tag) => tags.get(&tag),
                _ => None,
            };
            return ty.map_or(TagAt::New, |&ty| TagAt::Refers(ty));
        }
        let earlier = match self.resolved.local(anchor) {
            Some(local) => (self.resolved.previous(local)).and_then(|p| locals.get(&p)),
            None => decls.and_then(|d| d.tag(anchor)).and_then(|t| tags.get(&t)),
        };
        earlier.map_or(TagAt::New, |&ty| TagAt::Redeclares(ty))
    }

    /// Records a local's type; false when no local is declared at `at`.
    fn declare_ordinary(&mut self, at: u32, what: Ordinary) -> bool {
        let Some(local) = self.resolved.local(self.anchor(at)) else {
            return false;
        };
        self.locals.ordinary.insert(local, what);
        true
    }

    /// Records a local tag's type; false when no local is declared at `at`.
    fn declare_tag(&mut self, at: u32, ty: TypeId) -> bool {
        let Some(local) = self.resolved.local(self.anchor(at)) else {
            return false;
        };
        self.locals.tags.insert(local, ty);
        true
    }
}

/// The file scope's walk: its items resolved by the file's resolution (and each function
/// definition's declarator by its own), file-scope declarations recorded in `types`.
#[derive(Debug)]
pub(super) struct FileEnv {
    pub(super) types: FileScopeTypes,
    decls: FileDecls,
    scopes: ItemScopes,
}

impl FileEnv {
    pub(super) fn new(
        scope: &FileScope,
        resolution: &Resolution,
        types: FileScopeTypes,
    ) -> FileEnv {
        FileEnv {
            types,
            decls: FileDecls::of(scope),
            scopes: ItemScopes {
                resolved: Resolved::of(resolution),
                ..ItemScopes::default()
            },
        }
    }
}

impl TypeEnv for FileEnv {
    fn ordinary(&self, at: u32, text: &str) -> Option<Ordinary> {
        self.scopes.ordinary(&self.types, at, text)
    }

    fn tag(&self, at: u32) -> TagAt {
        self.scopes.tag(&self.types, Some(&self.decls), at)
    }

    fn declare_ordinary(&mut self, at: u32, what: Ordinary) {
        if self.scopes.declare_ordinary(at, what) {
            return;
        }
        if let Some(entity) = self.decls.entity(self.scopes.anchor(at)) {
            let history = self.types.entities.entry(entity).or_default();
            history.push((self.scopes.item, what));
        }
    }

    fn declare_tag(&mut self, at: u32, ty: TypeId) {
        if self.scopes.declare_tag(at, ty) {
            return;
        }
        if let Some(tag) = self.decls.tag(self.scopes.anchor(at)) {
            self.types.tags.insert(tag, ty);
        }
    }

    fn builtin_type(&self, text: &str) -> Option<TypeId> {
        self.types.builtin(text)
    }

    fn entity(&self, entity: EntityId) -> Option<Ordinary> {
        self.types.entity(entity)
    }

    fn declared_entity(&self, at: u32) -> Option<EntityId> {
        self.decls.entity(self.scopes.anchor(at))
    }

    fn conflict(&self, at: u32) -> Option<ConflictKind> {
        self.decls.conflict(self.scopes.anchor(at))
    }

    fn enter_item(&mut self, item: ItemId, start: u32, own: Option<&Resolution>) {
        (self.scopes.item, self.scopes.item_start) = (item, start);
        if let Some(own) = own {
            self.scopes.resolved.add(own);
        }
    }
}

/// One item walked over the finished file scope, as it stood at the item: a function body
/// (its declarator, parameters and statements), or a text snippet at the end of the file.
pub(super) struct ItemEnv<'a> {
    file: &'a FileScopeTypes,
    scopes: ItemScopes,
}

impl<'a> ItemEnv<'a> {
    /// Item `item`, resolved as `resolution`, starting at text offset `start`.
    pub(super) fn new(
        file: &'a FileScopeTypes,
        resolution: &Resolution,
        item: ItemId,
        start: u32,
    ) -> ItemEnv<'a> {
        ItemEnv {
            file,
            scopes: ItemScopes {
                resolved: Resolved::of(resolution),
                locals: LocalTypes::default(),
                item,
                item_start: start,
            },
        }
    }
}

impl TypeEnv for ItemEnv<'_> {
    fn ordinary(&self, at: u32, text: &str) -> Option<Ordinary> {
        self.scopes.ordinary(self.file, at, text)
    }

    fn tag(&self, at: u32) -> TagAt {
        self.scopes.tag(self.file, None, at)
    }

    fn declare_ordinary(&mut self, at: u32, what: Ordinary) {
        self.scopes.declare_ordinary(at, what);
    }

    fn declare_tag(&mut self, at: u32, ty: TypeId) {
        self.scopes.declare_tag(at, ty);
    }

    fn builtin_type(&self, text: &str) -> Option<TypeId> {
        self.file.builtin(text)
    }

    fn entity(&self, entity: EntityId) -> Option<Ordinary> {
        self.file.entity_at(entity, self.scopes.item)
    }
}
