//! Building the file scope with gcc's rules for redeclarations: which declarations denote the
//! same entity, its linkage (`static` after non-`static`, `extern` and functions inheriting the
//! earlier linkage), definitions and tentative definitions, and the inline semantics of
//! functions (C99 and gnu89 `inline`, `extern inline`, `gnu_inline`).

use super::specs::SpecInfo;
use super::symbols::{
    Anchor, Conflict, ConflictKind, Decl, DeclId, Definition, Entity, EntityId, EntityKind,
    FileScope, FunctionDef, Inline, InlineMode, ItemId, Linkage, Role, Storage, Tag, TagDecl,
    TagId, TagKind, TagRole,
};

/// A file-scope declarator of an object, function or typedef.
pub(super) struct NewDecl<'a> {
    pub name: &'a str,
    pub at: Anchor,
    pub info: SpecInfo,
    /// The declarator declares a function.
    pub function: bool,
    /// An initializer, or a body.
    pub defines: bool,
}

/// The file scope being built, in source order.
pub(super) struct FileScopeBuilder {
    scope: FileScope,
}

impl FileScopeBuilder {
    pub(super) fn new(inline_mode: InlineMode) -> Self {
        FileScopeBuilder {
            scope: FileScope {
                inline_mode,
                ..FileScope::default()
            },
        }
    }

    /// The table so far.
    pub(super) fn scope(&self) -> &FileScope {
        &self.scope
    }

    /// What `name` denotes after the declarations so far.
    pub(super) fn lookup(&self, name: &str) -> Option<EntityId> {
        self.scope.lookup(name, ItemId(u32::MAX))
    }

    pub(super) fn lookup_tag(&self, name: &str) -> Option<TagId> {
        self.scope.lookup_tag(name, ItemId(u32::MAX))
    }

    /// Adds a declarator: a redeclaration of the entity the name denotes when the kinds agree,
    /// else a new entity.
    pub(super) fn declare(&mut self, new: &NewDecl) -> (EntityId, DeclId) {
        let kind = entity_kind(new);
        let role = role(new);
        let previous = self.lookup(new.name);
        let entity = match previous {
            Some(e) if same_kind(self.scope.entity(e).kind, kind) => {
                self.merge(e, new, role);
                e
            }
            Some(_) => {
                self.conflict(new.at, ConflictKind::DifferentKind);
                self.new_entity(new.name, new.at.item, kind, linkage_of(new, kind))
            }
            None => self.new_entity(new.name, new.at.item, kind, linkage_of(new, kind)),
        };
        let decl = self.add_decl(Decl {
            entity,
            at: new.at,
            storage: new.info.storage,
            thread_local: new.info.thread_local,
            role,
            inline: new.info.inline,
            gnu_inline: new.info.gnu_inline,
        });
        (entity, decl)
    }

    /// Adds an enumeration constant: always a new entity (a second declaration of the name at
    /// file scope is an error).
    pub(super) fn declare_enumerator(&mut self, name: &str, at: Anchor, tag: TagId) -> EntityId {
        if self.lookup(name).is_some() {
            self.conflict(at, ConflictKind::DifferentKind);
        }
        let kind = EntityKind::Enumerator { tag };
        let entity = self.new_entity(name, at.item, kind, Linkage::None);
        self.add_decl(Decl {
            entity,
            at,
            storage: Storage::None,
            thread_local: false,
            role: Role::Definition,
            inline: false,
            gnu_inline: false,
        });
        entity
    }

    fn add_decl(&mut self, decl: Decl) -> DeclId {
        let id = DeclId(self.scope.decls.len() as u32);
        self.scope.entities[decl.entity.0 as usize].decls.push(id);
        self.scope.decls.push(decl);
        id
    }

    /// Records a function definition (after its declarator was declared).
    pub(super) fn add_function(&mut self, name: &str, item: ItemId, decl: DeclId) {
        let name = self.scope.names.intern(name);
        let index = &self.scope.function_index;
        let occurrence = (0..)
            .find(|&n| !index.contains_key(&(name, n)))
            .unwrap_or_default();
        let index = self.scope.functions.len() as u32;
        self.scope.function_index.insert((name, occurrence), index);
        self.scope.functions.push(FunctionDef {
            name,
            occurrence,
            item,
            decl,
        });
    }

    /// Declares a tag at file scope by a definition or `struct S;` (merging with an earlier
    /// declaration of the same tag), or implicitly by a reference nothing declared before.
    pub(super) fn declare_tag(
        &mut self,
        name: Option<&str>,
        kind: TagKind,
        at: Anchor,
        role: TagRole,
    ) -> TagId {
        let previous = name.and_then(|n| self.lookup_tag(n));
        if let Some(tag) = previous {
            let existing = self.scope.tag(tag);
            let problem = if existing.kind != kind {
                Some(ConflictKind::TagKindMismatch)
            } else if existing.defined && role == TagRole::Definition {
                Some(ConflictKind::TagRedefinition)
            } else {
                None
            };
            match problem {
                None => {
                    self.add_tag_decl(tag, at, role);
                    return tag;
                }
                Some(problem) => self.conflict(at, problem),
            }
        }
        self.new_tag(name, kind, at, role)
    }

    /// A reference to a visible tag of a possibly different kind.
    pub(super) fn check_tag_kind(&mut self, tag: TagId, kind: TagKind, at: Anchor) {
        if self.scope.tag(tag).kind != kind {
            self.conflict(at, ConflictKind::TagKindMismatch);
        }
    }

    /// The table, with each entity's definition state and inline semantics settled.
    pub(super) fn finish(mut self) -> FileScope {
        let mode = self.scope.inline_mode;
        for index in 0..self.scope.entities.len() {
            let (definition, inline) = settle(&self.scope, &self.scope.entities[index], mode);
            let entity = &mut self.scope.entities[index];
            entity.definition = definition;
            entity.inline = inline;
        }
        self.scope
    }

    fn merge(&mut self, entity: EntityId, new: &NewDecl, role: Role) {
        let existing = self.scope.entity(entity);
        let linkage = existing.linkage;
        let defined_before = self.definitions(entity).last();
        let gnu_extern_inline = defined_before.is_some_and(|d| self.is_gnu_extern_inline(d));
        match new.info.storage {
            Storage::Static if linkage == Linkage::External => {
                // gcc lets a `static` definition silently replace a gnu89 `extern inline` one.
                if !gnu_extern_inline {
                    self.conflict(new.at, ConflictKind::StaticFollowsNonStatic);
                }
                self.scope.entities[entity.0 as usize].linkage = Linkage::Internal;
            }
            Storage::Extern | Storage::Typedef | Storage::Static => {}
            _ if new.function => {}
            _ if linkage == Linkage::Internal => {
                self.conflict(new.at, ConflictKind::NonStaticFollowsStatic);
            }
            _ => {}
        }
        let typedef = new.info.storage == Storage::Typedef;
        let redefined = defined_before.is_some_and(|old| !self.may_redefine(old, new));
        if role == Role::Definition && !typedef && redefined {
            self.conflict(new.at, ConflictKind::Redefinition);
        }
    }

    /// Whether gcc lets `new` define a function again after its definition `old`: only a
    /// definition that serves inlining alone (gnu89 `extern inline`) may be replaced, by one
    /// that does not, and only under gnu89 semantics (`-fgnu89-inline`, or `gnu_inline` on
    /// either). gcc's `diagnose_mismatched_decls`.
    /// (`gnu_inline` counts where it is written: gcc ignores it on a declaration that is not
    /// inline, and requires it on every inline one.)
    fn may_redefine(&self, old: DeclId, new: &NewDecl) -> bool {
        let mode = self.scope.inline_mode;
        let old = self.scope.decl(old);
        let new_info = &new.info;
        let gnu = mode == InlineMode::Gnu89
            || (old.inline && old.gnu_inline)
            || (new_info.inline && new_info.gnu_inline);
        gnu && is_extern_inline(mode, old.inline, old.gnu_inline, old.storage)
            && !is_extern_inline(mode, new_info.inline, new_info.gnu_inline, new_info.storage)
    }

    /// The definitions of `entity` so far.
    fn definitions(&self, entity: EntityId) -> impl Iterator<Item = DeclId> + '_ {
        let decls = &self.scope.entity(entity).decls;
        decls
            .iter()
            .copied()
            .filter(|&d| self.scope.decl(d).role == Role::Definition)
    }

    /// A definition that serves inlining only under gnu89 semantics.
    fn is_gnu_extern_inline(&self, decl: DeclId) -> bool {
        let decl = self.scope.decl(decl);
        let gnu = self.scope.inline_mode == InlineMode::Gnu89 || decl.gnu_inline;
        gnu && decl.inline && decl.storage == Storage::Extern
    }

    fn new_entity(
        &mut self,
        name: &str,
        item: ItemId,
        kind: EntityKind,
        linkage: Linkage,
    ) -> EntityId {
        let name = self.scope.names.intern(name);
        let id = EntityId(self.scope.entities.len() as u32);
        self.scope.entities.push(Entity {
            name,
            kind,
            linkage,
            decls: Vec::new(),
            definition: Definition::None,
            inline: Inline::No,
        });
        self.scope.ordinary.bind(name, item, id);
        id
    }

    fn new_tag(&mut self, name: Option<&str>, kind: TagKind, at: Anchor, role: TagRole) -> TagId {
        let name = name.map(|n| self.scope.names.intern(n));
        let id = TagId(self.scope.tags.len() as u32);
        self.scope.tags.push(Tag {
            name,
            kind,
            decls: Vec::new(),
            defined: false,
        });
        if let Some(name) = name {
            self.scope.tag_names.bind(name, at.item, id);
        }
        self.add_tag_decl(id, at, role);
        id
    }

    fn add_tag_decl(&mut self, tag: TagId, at: Anchor, role: TagRole) {
        let tag = &mut self.scope.tags[tag.0 as usize];
        tag.decls.push(TagDecl { at, role });
        tag.defined |= role == TagRole::Definition;
    }

    fn conflict(&mut self, at: Anchor, kind: ConflictKind) {
        self.scope.conflicts.push(Conflict { at, kind });
    }
}

/// gcc's `DECL_EXTERN_INLINE`: an inline definition that is not the function's external
/// one. Under gnu89 semantics (the mode, or `gnu_inline`) that is `extern inline`; under
/// C99's, `inline` without a storage class (an inline definition).
fn is_extern_inline(mode: InlineMode, inline: bool, gnu_inline: bool, storage: Storage) -> bool {
    let gnu = mode == InlineMode::Gnu89 || gnu_inline;
    inline
        && if gnu {
            storage == Storage::Extern
        } else {
            storage == Storage::None
        }
}

fn entity_kind(new: &NewDecl) -> EntityKind {
    if new.info.storage == Storage::Typedef {
        EntityKind::Typedef {
            function_type: new.function,
        }
    } else if new.function {
        EntityKind::Function
    } else {
        EntityKind::Object
    }
}

fn same_kind(old: EntityKind, new: EntityKind) -> bool {
    matches!(
        (old, new),
        (EntityKind::Object, EntityKind::Object)
            | (EntityKind::Function, EntityKind::Function)
            | (EntityKind::Typedef { .. }, EntityKind::Typedef { .. })
    )
}

/// The linkage of a first declaration.
fn linkage_of(new: &NewDecl, kind: EntityKind) -> Linkage {
    match (kind, new.info.storage) {
        (EntityKind::Typedef { .. } | EntityKind::Enumerator { .. }, _) => Linkage::None,
        (_, Storage::Static) => Linkage::Internal,
        _ => Linkage::External,
    }
}

fn role(new: &NewDecl) -> Role {
    match new.info.storage {
        _ if new.defines => Role::Definition,
        Storage::Typedef => Role::Definition,
        _ if new.function => Role::Declaration,
        Storage::Extern => Role::Declaration,
        _ => Role::Tentative,
    }
}

/// An entity's definition state and inline semantics, from all its declarations.
fn settle(scope: &FileScope, entity: &Entity, mode: InlineMode) -> (Definition, Inline) {
    let decls: Vec<&Decl> = entity.decls.iter().map(|&d| scope.decl(d)).collect();
    let definition = entity
        .decls
        .iter()
        .rev()
        .find(|&&d| scope.decl(d).role == Role::Definition);
    let state = match (entity.kind, definition) {
        (EntityKind::Object | EntityKind::Function, Some(&d)) => Definition::Defined(d),
        (EntityKind::Object, None) if decls.iter().any(|d| d.role == Role::Tentative) => {
            Definition::Tentative
        }
        _ => Definition::None,
    };
    let inline = match entity.kind {
        EntityKind::Function => {
            inline_state(entity, &decls, definition.map(|&d| scope.decl(d)), mode)
        }
        _ => Inline::No,
    };
    (state, inline)
}

/// gcc's inline semantics for a function.
fn inline_state(
    entity: &Entity,
    decls: &[&Decl],
    definition: Option<&Decl>,
    mode: InlineMode,
) -> Inline {
    if !decls.iter().any(|d| d.inline) {
        return Inline::No;
    }
    if entity.linkage == Linkage::Internal {
        return Inline::Static;
    }
    let gnu = mode == InlineMode::Gnu89 || decls.iter().any(|d| d.gnu_inline);
    if gnu {
        // gnu89: `extern inline` on the definition makes it an inlining-only body.
        let deciding = definition.or(decls.last().copied());
        let extern_inline = deciding.is_some_and(|d| d.inline && d.storage == Storage::Extern);
        return if extern_inline {
            Inline::InlineOnly { gnu: true }
        } else {
            Inline::External
        };
    }
    // C99 6.7.4: an inline definition when every file-scope declaration says `inline` and none
    // says `extern`.
    if decls
        .iter()
        .all(|d| d.inline && d.storage != Storage::Extern)
    {
        Inline::InlineOnly { gnu: false }
    } else {
        Inline::External
    }
}
