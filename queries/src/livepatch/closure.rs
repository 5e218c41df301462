//! The closure of the patched functions: starting from their definitions, every item the live
//! patch needs, and for each function and object it refers to what becomes of it (copied,
//! externalized, declared), as the policy decides; then the edits that follow (renames,
//! pointers, storage classes).
//!
//! Items are scanned in source order, the earliest pending one first. Taking the address of a
//! function that can be externalized forces its externalization; when that function was
//! already copied (its body scanned), the closure starts over with it forced, since what only
//! its body referred to may be needed no more.

use std::collections::BTreeSet;
use std::sync::Arc;

use rustc_hash::{FxHashMap, FxHashSet};
use syntax::syntax_kind::{SyntaxKind, SyntaxNode, SyntaxToken};

use super::completeness::needs_complete_at;
use super::oracle::{Oracle, Places, SymbolChangeKind};
use super::plan::{Edit, EditKind, Fate, ItemForm, Plan, PlanDiagnostic, StorageClass};
use super::policy::{LinkageChange, PolicyFailure, SymbolChange, SymbolKind};
use super::prerequisites::Prerequisite;
use super::reference::{Reference, classify};
use crate::sema::{
    Anchor, Definition, EntityId, EntityKind, FileScope, ItemId, LocalId, LocalKind, LocalStorage,
    Resolution, Role, Storage, TagId, TagRole, Target,
};

/// What the closure reads of the TU.
pub struct ClosureInput<'a> {
    pub scope: &'a FileScope,
    pub root: &'a SyntaxNode,
    /// The tree offset where each item starts.
    pub item_starts: &'a [u32],
    /// The resolution of everything outside function bodies.
    pub file_uses: &'a Resolution,
    /// The resolution of each function definition, by its item.
    pub bodies: &'a FxHashMap<ItemId, Arc<Resolution>>,
    /// For each array object declared without a length, the length its initializer gave.
    pub array_lengths: &'a FxHashMap<EntityId, u64>,
    /// Where anchors are.
    pub places: &'a dyn Places,
    /// By item, the group of items one macro invocation makes (`u32::MAX`: none), so that an
    /// invocation is emitted with all it makes.
    pub groups: &'a [u32],
    /// By function definition, the tags whose types its body's expressions need complete.
    pub complete_tags: &'a FxHashMap<ItemId, FxHashSet<String>>,
    /// What the headers the live patch includes need declared before them.
    pub prerequisites: &'a [Prerequisite],
}

/// Computes the closure of the functions the policy says are patched.
///
/// A function whose address copied code takes must be externalized when it can be (the
/// running kernel compares such pointers); externalizing it takes its body out of the
/// closure, and with it what only that body referred to. So the closure is computed again
/// with the functions to externalize ("forced") until that set settles: each round keeps
/// the forced functions whose address is still taken and adds the first one (in the order
/// items are scanned) found copied though its address is taken. Should the rounds cycle, the
/// set only grows from then on, which ends.
///
/// A function whose address a static initializer of the live patch takes needs a constant
/// address: when the policy would make it a pointer, it is copied instead (from the next
/// round on; that set only grows).
pub fn closure(input: &ClosureInput<'_>, oracle: &mut dyn Oracle) -> Result<Plan, PolicyFailure> {
    let mut forced = FxHashSet::default();
    let mut copied_for_address = FxHashSet::default();
    let mut tried: Vec<FxHashSet<EntityId>> = Vec::new();
    let mut growing = false;
    loop {
        // What the policy said in an earlier round is said again when asked again.
        oracle.take_diagnostics();
        let mut walk = Walk::new(input, &forced, &copied_for_address);
        walk.run(oracle)?;
        let mut next: FxHashSet<EntityId> = if growing {
            forced.clone()
        } else {
            forced.intersection(&walk.address_taken).copied().collect()
        };
        next.extend(walk.to_force);
        let copy = walk.pointers_in_static_initializers();
        let copies_more = !copy.is_subset(&copied_for_address);
        if next == forced && !copies_more {
            let tag_edits = walk.declare_tags();
            return walk.finish(oracle, tag_edits);
        }
        copied_for_address.extend(copy);
        growing |= tried.contains(&next);
        tried.push(std::mem::replace(&mut forced, next));
    }
}

/// What becomes of an entity, as far as the closure has decided.
#[derive(Debug, Clone, PartialEq, Eq)]
enum EntityFate {
    Patched(SymbolChange),
    Copied,
    Externalized(SymbolChange),
    /// Referred to in unevaluated code only (so far).
    Declared,
    /// A typedef or enumerator: its declaration is emitted as it is.
    Kept,
}

struct Walk<'a> {
    input: &'a ClosureInput<'a>,
    forced: &'a FxHashSet<EntityId>,
    /// Functions copied because a static initializer takes their address.
    copied_for_address: &'a FxHashSet<EntityId>,
    /// The functions and objects whose address a static initializer the live patch
    /// defines takes, and where.
    constant_addresses: Vec<(EntityId, Anchor)>,
    fates: FxHashMap<EntityId, EntityFate>,
    items: std::collections::BTreeMap<ItemId, ItemForm>,
    pending: BTreeSet<ItemId>,
    scanned: FxHashSet<ItemId>,
    /// Every reference in emitted code, to edit when its target is renamed.
    refs: Vec<(Anchor, EntityId)>,
    /// Block-scope objects of static storage (`static` locals, `extern` ones with no
    /// file-scope declaration) referred to in evaluated code: externalized (with the change)
    /// or kept.
    local_fates: FxHashMap<(ItemId, LocalId), Option<SymbolChange>>,
    /// The references to them.
    local_refs: Vec<(Anchor, ItemId, LocalId)>,
    /// The tags emitted complete (their definitions).
    complete: FxHashSet<TagId>,
    /// The functions whose address evaluated code takes.
    address_taken: FxHashSet<EntityId>,
    /// The first copied function found whose address is taken and that can be
    /// externalized: the next round externalizes it.
    to_force: Option<EntityId>,
    /// References to tags that need them declared only.
    declared_tags: Vec<(TagId, Anchor)>,
    /// Functions copied for the headers the live patch includes, which call them by their
    /// names: not renamed when rewritten.
    keep_name: FxHashSet<EntityId>,
    /// Tags an included header needs declared at file scope before it.
    header_tags: Vec<TagId>,
    /// The typedefs used where their type must be complete.
    complete_typedefs: FxHashSet<EntityId>,
    /// The function definitions by item.
    definitions: FxHashMap<ItemId, EntityId>,
    /// Items emitted only because a macro invocation that makes a needed item makes them
    /// too (the kernel's `TRACE_EVENT`): copied as the invocation has them.
    company: FxHashSet<ItemId>,
    /// The object definitions (tentative ones too) by item.
    object_definitions: FxHashMap<ItemId, Vec<ObjectDefinition>>,
    /// The root's children, by item.
    item_nodes: Vec<Option<SyntaxNode>>,
    diagnostics: Vec<PlanDiagnostic>,
}

impl<'a> Walk<'a> {
    fn new(
        input: &'a ClosureInput<'a>,
        forced: &'a FxHashSet<EntityId>,
        copied_for_address: &'a FxHashSet<EntityId>,
    ) -> Walk<'a> {
        let scope = input.scope;
        let definitions = scope
            .functions
            .iter()
            .map(|f| (f.item, scope.decl(f.decl).entity))
            .collect();
        Walk {
            input,
            forced,
            copied_for_address,
            constant_addresses: Vec::new(),
            fates: FxHashMap::default(),
            items: Default::default(),
            pending: BTreeSet::new(),
            scanned: FxHashSet::default(),
            refs: Vec::new(),
            local_fates: FxHashMap::default(),
            local_refs: Vec::new(),
            complete: FxHashSet::default(),
            declared_tags: Vec::new(),
            address_taken: FxHashSet::default(),
            to_force: None,
            header_tags: Vec::new(),
            keep_name: FxHashSet::default(),
            complete_typedefs: FxHashSet::default(),
            definitions,
            company: FxHashSet::default(),
            object_definitions: object_definitions(scope),
            item_nodes: input
                .root
                .children_with_tokens()
                .map(|e| e.into_node())
                .collect(),
            diagnostics: Vec::new(),
        }
    }

    fn run(&mut self, oracle: &mut dyn Oracle) -> Result<(), PolicyFailure> {
        self.add_roots(oracle)?;
        while let Some(item) = self.pending.pop_first() {
            if self.scanned.insert(item) {
                self.scan(item, oracle)?;
            }
        }
        Ok(())
    }

    /// The patched functions: every definition in the source file the policy says is
    /// patched, and those in headers that are named as patched. (Asking about each of the
    /// hundreds of inline functions of the kernel's headers would cost a process each: those
    /// the closure reaches are asked about when it does.)
    fn add_roots(&mut self, oracle: &mut dyn Oracle) -> Result<(), PolicyFailure> {
        let scope = self.input.scope;
        for function in &scope.functions {
            let decl = scope.decl(function.decl);
            let name = scope.name(function.name);
            let patched = if self.input.places.in_header(decl.at) {
                oracle.named_as_patched(name)
            } else {
                oracle.is_patched(name, decl.at)?
            };
            if self.fates.contains_key(&decl.entity) || !patched {
                continue;
            }
            let change = self.symbol_change(oracle, name, decl.at, SymbolChangeKind::Patched)?;
            self.fates.insert(decl.entity, EntityFate::Patched(change));
            self.emit_declarations(decl.entity, ItemForm::Whole);
        }
        for &prerequisite in self.input.prerequisites {
            match prerequisite {
                Prerequisite::Declared(entity) if self.is_static_function(entity) => {
                    self.copy_for_header(entity);
                }
                Prerequisite::Declared(entity) => {
                    // As by an unevaluated reference: declared, not copied.
                    let reference = Reference {
                        call: false,
                        evaluated: false,
                    };
                    self.refer(entity, reference, oracle)?;
                }
                Prerequisite::Complete(tag) => self.keep_tag(tag),
                Prerequisite::DeclaredTag(tag) => self.header_tags.push(tag),
                Prerequisite::Straddling(item) => self.emit_item(item, ItemForm::Whole),
            }
        }
        Ok(())
    }

    /// Whether `entity` is a function with internal linkage that the TU defines.
    fn is_static_function(&self, entity: EntityId) -> bool {
        let scope = self.input.scope;
        scope.entity(entity).kind == EntityKind::Function
            && scope.entity(entity).linkage == crate::sema::Linkage::Internal
            && self.definition_item(entity).is_some()
    }

    /// A static function an included header refers to: the header's code calls it by its
    /// name, and gcc wants a static function it uses defined ("used but never defined"), so
    /// it is copied under its name whatever the policy would make of a reference of the
    /// live patch's own.
    fn copy_for_header(&mut self, entity: EntityId) {
        self.keep_name.insert(entity);
        if self.fates.contains_key(&entity) {
            return;
        }
        self.fates.insert(entity, EntityFate::Copied);
        self.emit_declarations(entity, ItemForm::Whole);
    }

    /// Whether the token at `at` is in the initializer of an object of static storage the
    /// live patch defines (a file-scope one, or a `static` local).
    fn in_static_initializer(&self, at: Anchor) -> bool {
        let Some(token) = self.token(at) else {
            return false;
        };
        let Some(init) = token
            .parent_ancestors()
            .find(|n| n.kind() == SyntaxKind::INIT_DECLARATOR)
        else {
            return false;
        };
        let after_eq = init
            .children_with_tokens()
            .find(|e| e.kind() == SyntaxKind::EQ)
            .is_some_and(|eq| eq.text_range().end() <= token.text_range().start());
        let Some(declaration) = init
            .parent()
            .filter(|d| d.kind() == SyntaxKind::DECLARATION)
        else {
            return false;
        };
        let at_file_scope = declaration.parent().is_some_and(|p| p.parent().is_none());
        let is_static = (declaration.children())
            .filter(|c| c.kind() == SyntaxKind::DECL_SPECS)
            .flat_map(|specs| specs.children_with_tokens())
            .any(|e| e.kind() == SyntaxKind::STATIC_KW);
        after_eq && (at_file_scope || is_static)
    }

    /// The functions whose address a static initializer takes that the policy made
    /// pointers, which the next round copies; the objects made so are reported (their
    /// address is no constant, and an object cannot be copied instead).
    fn pointers_in_static_initializers(&mut self) -> FxHashSet<EntityId> {
        let mut copy = FxHashSet::default();
        for &(entity, at) in &self.constant_addresses {
            let Some(EntityFate::Externalized(change)) = self.fates.get(&entity) else {
                continue;
            };
            if !change.make_pointer {
                continue;
            }
            let is_function = self.input.scope.entity(entity).kind == EntityKind::Function;
            if is_function && self.definition_item(entity).is_some() {
                copy.insert(entity);
            } else {
                let name = self.name(entity);
                self.diagnostics.push(PlanDiagnostic {
                    at,
                    through: None,
                    error: true,
                    message: format!(
                        "a static initializer takes the address of \"{name}\", which the \
                         policy makes a pointer: the address would be no constant"
                    ),
                });
            }
        }
        copy
    }

    /// Scans an emitted item's references.
    fn scan(&mut self, item: ItemId, oracle: &mut dyn Oracle) -> Result<(), PolicyFailure> {
        let form = self.items.get(&item).copied().unwrap_or(ItemForm::Whole);
        let body_start = self.body_start(item);
        if self.company.contains(&item) {
            // What a copied invocation initializes besides is the running kernel's as much as
            // what the live patch refers to (the kernel's trace events register theirs).
            let evaluated = Reference {
                call: false,
                evaluated: true,
            };
            let defined = self
                .object_definitions
                .get(&item)
                .cloned()
                .unwrap_or_default();
            for definition in defined.iter().filter(|d| d.initialized) {
                self.refer(definition.entity, evaluated, oracle)?;
            }
        }
        let dropped = self.dropped_initializers(item);
        let mut uses: Vec<_> = item_uses(self.input.file_uses, item)
            .iter()
            .filter(|u| !dropped.iter().any(|r| r.contains(&u.at.offset)))
            .cloned()
            .collect();
        if let Some(body) = self.input.bodies.get(&item) {
            uses.extend(body.uses.iter().filter(|u| {
                form == ItemForm::Whole || body_start.is_none_or(|start| u.at.offset < start)
            }));
            for u in uses.iter_mut() {
                if let Target::Local(local) = u.target
                    && let LocalKind::Extern {
                        entity: Some(entity),
                        ..
                    } = body.local(local).kind
                {
                    u.target = Target::Entity(entity);
                }
            }
        }
        for u in uses {
            match u.target {
                Target::Entity(entity) => {
                    self.refs.push((u.at, entity));
                    if self.token(u.at).is_some_and(|t| needs_complete_at(&t)) {
                        self.complete_typedefs.insert(entity);
                    }
                    let mut reference = self.classify(u.at);
                    // The address a copied invocation's item takes is the copy's, as the
                    // invocation's other items are: no reason to use the running kernel's.
                    reference.call |= self.company.contains(&item);
                    // So is the address a static initializer of the live patch's takes: a
                    // constant, which no pointer filled at load time is.
                    if reference.evaluated && self.in_static_initializer(u.at) {
                        reference.call = true;
                        self.constant_addresses.push((entity, u.at));
                    }
                    self.refer(entity, reference, oracle)?;
                }
                Target::Tag(tag) => self.refer_tag(tag, u.at),
                Target::Local(local) => self.refer_local(item, local, u.at, oracle)?,
                _ => {}
            }
        }
        if form == ItemForm::Whole {
            self.keep_tags_used_complete(item);
        }
        Ok(())
    }

    /// The initializers of item `item` that the live patch drops (those of objects it
    /// declares only), as offsets in the item: what they refer to is not needed.
    fn dropped_initializers(&self, item: ItemId) -> Vec<std::ops::Range<u32>> {
        let Some(defined) = self.object_definitions.get(&item) else {
            return Vec::new();
        };
        let start = self
            .input
            .item_starts
            .get(item.0 as usize)
            .copied()
            .unwrap_or(0);
        defined
            .iter()
            .filter(|definition| {
                matches!(
                    self.fates.get(&definition.entity),
                    Some(EntityFate::Externalized(_) | EntityFate::Declared)
                )
            })
            .filter_map(|definition| {
                let range = super::emit::initializer_range(&self.token(definition.at)?)?;
                Some(u32::from(range.start()) - start..u32::from(range.end()) - start)
            })
            .collect()
    }

    /// A reference to a local: a block-scope object of static storage is asked about as file
    /// scope ones are (the live patch's function must use the running kernel's object).
    fn refer_local(
        &mut self,
        item: ItemId,
        local: LocalId,
        at: Anchor,
        oracle: &mut dyn Oracle,
    ) -> Result<(), PolicyFailure> {
        let Some(body) = self.input.bodies.get(&item) else {
            return Ok(());
        };
        let declared = body.local(local);
        let static_storage = matches!(
            declared.kind,
            LocalKind::Object(LocalStorage::Static)
                | LocalKind::Extern {
                    function: false,
                    entity: None
                }
        );
        // One a macro declares (the kernel's `DO_ONCE`, `pr_warn_once`) is the macro's own
        // business, not a symbol the user knows: the copy keeps its own.
        if !static_storage || self.input.places.made_by_macro(declared.at) {
            return Ok(());
        }
        self.local_refs.push((at, item, local));
        if self.local_fates.contains_key(&(item, local)) || !self.classify(at).evaluated {
            return Ok(());
        }
        let name = body.names.resolve(declared.name).to_owned();
        let fate = if oracle.shall_externalize_obj(&name, declared.at)? {
            let kind = SymbolChangeKind::Externalized(SymbolKind::Object);
            Some(self.symbol_change(oracle, &name, declared.at, kind)?)
        } else {
            None
        };
        // A `static` local is no global symbol of its name (gcc names it `name.N`): bound
        // to one under its own name, it would be bound to nothing. It stays the live patch's.
        let is_static = matches!(declared.kind, LocalKind::Object(LocalStorage::Static));
        let unbound = |change: &SymbolChange| change.new_name == name && !change.make_pointer;
        let fate = fate.filter(|change| !(is_static && unbound(change)));
        if is_static && fate.is_none() {
            self.diagnostics.push(PlanDiagnostic {
                at: declared.at,
                through: None,
                error: false,
                message: format!("referenced object \"{name}\" cannot get externalized"),
            });
        }
        self.local_fates.insert((item, local), fate);
        Ok(())
    }

    /// The edits of the externalized block-scope objects: renamed (or made pointers) at their
    /// declaration and uses, declared `extern` without initializer.
    fn plan_locals(&self, plan: &mut Plan) {
        for (&(item, local), change) in &self.local_fates {
            let (Some(change), Some(body)) = (change, self.input.bodies.get(&item)) else {
                continue;
            };
            let declared = body.local(local).at;
            let old = body.names.resolve(body.local(local).name);
            let text = match (change.make_pointer, change.new_name == old) {
                (true, _) => Some(format!("(*{})", change.new_name)),
                (false, false) => Some(change.new_name.clone()),
                (false, true) => None,
            };
            let uses = self
                .local_refs
                .iter()
                .filter(|(_, i, l)| (*i, *l) == (item, local))
                .map(|(at, _, _)| *at);
            if let Some(text) = text {
                for at in std::iter::once(declared).chain(uses) {
                    plan.edits.push(Edit {
                        at,
                        kind: EditKind::Replace(text.clone()),
                    });
                }
            }
            for kind in [
                EditKind::Storage(Some(StorageClass::Extern)),
                EditKind::DropInitializer,
                EditKind::DropAttributes,
            ] {
                plan.edits.push(Edit { at: declared, kind });
            }
        }
    }

    /// Where the body of function definition `item` starts (an offset in the item).
    fn body_start(&self, item: ItemId) -> Option<u32> {
        let node = self.item_node(item)?;
        let body = node
            .children()
            .find(|c| c.kind() == SyntaxKind::COMPOUND_STMT)?;
        Some(u32::from(body.text_range().start()) - u32::from(node.text_range().start()))
    }

    fn item_node(&self, item: ItemId) -> Option<SyntaxNode> {
        self.item_nodes.get(item.0 as usize).cloned().flatten()
    }

    /// The token at an anchor, looked up from its item (the root has too many children to
    /// search from it).
    fn token(&self, at: Anchor) -> Option<SyntaxToken> {
        let node = self.item_node(at.item)?;
        let start = self.input.item_starts.get(at.item.0 as usize)?;
        node.token_at_offset((start + at.offset).into())
            .right_biased()
    }

    fn classify(&self, at: Anchor) -> Reference {
        match self.token(at) {
            Some(token) => classify(&token),
            None => Reference {
                call: false,
                evaluated: true,
            },
        }
    }

    /// A reference to a file-scope entity.
    fn refer(
        &mut self,
        entity: EntityId,
        reference: Reference,
        oracle: &mut dyn Oracle,
    ) -> Result<(), PolicyFailure> {
        let scope = self.input.scope;
        match scope.entity(entity).kind {
            EntityKind::Typedef { .. } => self.keep(entity),
            EntityKind::Enumerator { tag } => {
                self.fates.insert(entity, EntityFate::Kept);
                self.keep_tag(tag);
            }
            EntityKind::Function => return self.refer_function(entity, reference, oracle),
            EntityKind::Object => self.refer_object(entity, reference, oracle)?,
        }
        Ok(())
    }

    fn keep(&mut self, entity: EntityId) {
        if self.fates.insert(entity, EntityFate::Kept).is_none() {
            self.emit_declarations(entity, ItemForm::Whole);
        }
    }

    /// A reference to a tag: where its type must be complete, its definition is emitted;
    /// elsewhere a declaration will do (decided once all references are known).
    fn refer_tag(&mut self, tag: TagId, at: Anchor) {
        if self.token(at).is_some_and(|t| needs_complete_at(&t)) {
            self.keep_tag(tag);
        } else {
            self.declared_tags.push((tag, at));
        }
    }

    /// The tags function definition `item` needs complete by what its expressions do.
    fn keep_tags_used_complete(&mut self, item: ItemId) {
        let Some(names) = self.input.complete_tags.get(&item) else {
            return;
        };
        let scope = self.input.scope;
        let tags: Vec<TagId> = names
            .iter()
            .filter_map(|name| scope.lookup_tag(name, item))
            .collect();
        for tag in tags {
            self.keep_tag(tag);
        }
    }

    /// The declarations of the tags referred to only where a declaration will do: none when
    /// the first reference declares the tag at file scope; else the tag's definition cut to
    /// `struct s;` (or its forward declaration, or whatever declares it first). Returns the
    /// edits cutting definitions.
    fn declare_tags(&mut self) -> Vec<Edit> {
        let mut first: FxHashMap<TagId, Anchor> = FxHashMap::default();
        for &(tag, at) in &self.declared_tags {
            if self.complete.contains(&tag) || !self.items.contains_key(&at.item) {
                continue;
            }
            let entry = first.entry(tag).or_insert(at);
            *entry = (*entry).min(at);
        }
        let mut edits = Vec::new();
        let mut firsts: Vec<(TagId, Anchor)> = first.into_iter().collect();
        firsts.sort_by_key(|&(tag, at)| (at, tag));
        for (tag, at) in firsts {
            if !self.declares_at_file_scope(at) {
                self.declare_tag(tag, at, &mut edits);
            }
        }
        for tag in std::mem::take(&mut self.header_tags) {
            let first = self.input.scope.tag(tag).decls.first().map(|d| d.at);
            if let Some(first) = first.filter(|_| !self.complete.contains(&tag)) {
                self.declare_tag(tag, first, &mut edits);
            }
        }
        edits.extend(self.cut_typedef_definitions());
        edits
    }

    /// Emits a declaration of `tag` for its first reference at `first`.
    fn declare_tag(&mut self, tag: TagId, first: Anchor, edits: &mut Vec<Edit>) {
        let decls = self.input.scope.tag(tag).decls.clone();
        let definition = decls.iter().find(|d| d.role == TagRole::Definition);
        if let Some(definition) = definition.filter(|d| self.declares_only_tags(d.at.item)) {
            self.emit_one_item(definition.at.item, ItemForm::Whole);
            edits.push(Edit {
                at: definition.at,
                kind: EditKind::DropMembers,
            });
            return;
        }
        let forward = decls
            .iter()
            .find(|d| d.role == TagRole::Forward && d.at.item <= first.item);
        if let Some(chosen) = forward.or(definition).or(decls.first()) {
            if chosen.role == TagRole::Definition {
                edits.push(Edit {
                    at: chosen.at,
                    kind: EditKind::DropMembers,
                });
            }
            self.emit_tag_declaration(chosen.at);
        }
    }

    /// Definitions of tags inside emitted typedefs whose types nothing needs complete: cut to
    /// the tag (`typedef struct s t;`).
    fn cut_typedef_definitions(&self) -> Vec<Edit> {
        let scope = self.input.scope;
        let mut edits = Vec::new();
        for (index, tag) in scope.tags.iter().enumerate() {
            let tag_id = TagId(index as u32);
            let Some(definition) = tag.decls.iter().find(|d| d.role == TagRole::Definition) else {
                continue;
            };
            let item = definition.at.item;
            if tag.name.is_none()
                || self.complete.contains(&tag_id)
                || !self.items.contains_key(&item)
            {
                continue;
            }
            let typedefs: Vec<EntityId> = scope
                .decls
                .iter()
                .filter(|d| d.at.item == item)
                .map(|d| d.entity)
                .filter(|&e| matches!(scope.entity(e).kind, EntityKind::Typedef { .. }))
                .collect();
            let cut = !typedefs.is_empty()
                && typedefs.iter().all(|e| !self.complete_typedefs.contains(e))
                && !self.keeps_whole_for_other_reasons(item, &typedefs);
            if cut {
                edits.push(Edit {
                    at: definition.at,
                    kind: EditKind::DropMembers,
                });
            }
        }
        edits
    }

    /// Whether the item declares anything besides the typedefs (an object of the type).
    fn keeps_whole_for_other_reasons(&self, item: ItemId, typedefs: &[EntityId]) -> bool {
        let scope = self.input.scope;
        scope
            .decls
            .iter()
            .any(|d| d.at.item == item && !typedefs.contains(&d.entity))
    }

    /// Whether item `item` is a declaration of tags only (`struct s {...};`, no declarator).
    fn declares_only_tags(&self, item: ItemId) -> bool {
        self.item_node(item).is_some_and(|node| {
            node.kind() == SyntaxKind::DECLARATION
                && !node
                    .children()
                    .any(|c| c.kind() == SyntaxKind::INIT_DECLARATOR)
        })
    }

    /// Whether a tag referred to first at `at` is declared there at file scope (not in a
    /// parameter list or a function body, where the declaration would be local to it).
    fn declares_at_file_scope(&self, at: Anchor) -> bool {
        self.token(at).is_some_and(|token| {
            !token
                .parent_ancestors()
                .any(|n| matches!(n.kind(), SyntaxKind::PARAM_LIST | SyntaxKind::COMPOUND_STMT))
        })
    }

    /// A struct, union or enum: its definition when it has one (whose members may need
    /// complete types), else its first declaration.
    fn keep_tag(&mut self, tag: TagId) {
        self.complete.insert(tag);
        let decls = &self.input.scope.tag(tag).decls;
        let chosen = decls
            .iter()
            .find(|d| d.role == TagRole::Definition)
            .or_else(|| decls.first())
            .copied();
        if let Some(decl) = chosen {
            self.emit_tag_declaration(decl.at);
        }
    }

    /// Emits the item declaring a tag at `at`; of a `_Static_assert`, only the tag's
    /// specifier (the assertion says nothing the live patch needs).
    fn emit_tag_declaration(&mut self, at: Anchor) {
        let in_assertion = self
            .item_node(at.item)
            .is_some_and(|node| node.kind() == SyntaxKind::STATIC_ASSERT);
        if in_assertion {
            let form = ItemForm::TagSpecifier { offset: at.offset };
            self.emit_one_item(at.item, form);
        } else {
            self.emit_item(at.item, ItemForm::Whole);
        }
    }

    fn refer_function(
        &mut self,
        entity: EntityId,
        reference: Reference,
        oracle: &mut dyn Oracle,
    ) -> Result<(), PolicyFailure> {
        let address_taken = reference.evaluated && !reference.call;
        if address_taken {
            self.address_taken.insert(entity);
        }
        let current = self.fates.get(&entity).cloned();
        match current {
            Some(EntityFate::Patched(_) | EntityFate::Externalized(_)) => return Ok(()),
            Some(EntityFate::Copied) => {
                if address_taken
                    && self.to_force.is_none()
                    && self.can_externalize(entity, oracle)?
                {
                    self.to_force = Some(entity);
                }
                return Ok(());
            }
            None if self.patched_in_header(entity, oracle)? => return Ok(()),
            _ if !reference.evaluated => {
                if current.is_none() {
                    self.fates.insert(entity, EntityFate::Declared);
                    self.emit_declarations(entity, ItemForm::Prototype);
                }
                return Ok(());
            }
            _ => {}
        }
        let defined = self.definition_item(entity).is_some();
        if defined && self.copied_for_address.contains(&entity) {
            self.fates.insert(entity, EntityFate::Copied);
            self.emit_declarations(entity, ItemForm::Whole);
            return Ok(());
        }
        let can = self.can_externalize(entity, oracle)?;
        let externalize = can
            && (self.forced.contains(&entity) || !reference.call || !defined || {
                let from_header = match self.definition_anchor(entity) {
                    Some(at) => oracle.in_eligible_header(at)?,
                    None => false,
                };
                oracle.shall_externalize_fun(
                    self.name(entity),
                    from_header,
                    self.first_anchor(entity),
                )?
            });
        if externalize {
            self.externalize(entity, SymbolKind::Function, oracle)?;
        } else if defined {
            self.fates.insert(entity, EntityFate::Copied);
            self.emit_declarations(entity, ItemForm::Whole);
        } else {
            self.fates.insert(entity, EntityFate::Declared);
            self.emit_declarations(entity, ItemForm::Whole);
        }
        Ok(())
    }

    /// Whether function `entity`, defined in a header and reached by the closure, is patched
    /// as the policy says; it is then a root.
    fn patched_in_header(
        &mut self,
        entity: EntityId,
        oracle: &mut dyn Oracle,
    ) -> Result<bool, PolicyFailure> {
        let Some(at) = self.definition_anchor(entity) else {
            return Ok(false);
        };
        if !self.input.places.in_header(at) || self.definition_item(entity).is_none() {
            return Ok(false);
        }
        let name = self.name(entity);
        if !oracle.is_patched(name, at)? {
            return Ok(false);
        }
        let change = self.symbol_change(oracle, name, at, SymbolChangeKind::Patched)?;
        self.fates.insert(entity, EntityFate::Patched(change));
        self.emit_declarations(entity, ItemForm::Whole);
        Ok(true)
    }

    fn refer_object(
        &mut self,
        entity: EntityId,
        reference: Reference,
        oracle: &mut dyn Oracle,
    ) -> Result<(), PolicyFailure> {
        let current = self.fates.get(&entity).cloned();
        if !reference.evaluated {
            if current.is_none() {
                self.fates.insert(entity, EntityFate::Declared);
                self.emit_declarations(entity, ItemForm::Whole);
            }
            return Ok(());
        }
        if !matches!(current, None | Some(EntityFate::Declared)) {
            return Ok(());
        }
        // A global register variable (`register T x asm("reg");`) is no object in memory:
        // there is nothing to externalize, its declaration is all there is.
        let scope = self.input.scope;
        let decls = &scope.entity(entity).decls;
        if decls
            .iter()
            .any(|&d| scope.decl(d).storage == Storage::Register)
        {
            self.keep(entity);
            return Ok(());
        }
        let at = self.first_anchor(entity);
        if oracle.shall_externalize_obj(self.name(entity), at)? {
            return self.externalize(entity, SymbolKind::Object, oracle);
        }
        self.fates.insert(entity, EntityFate::Copied);
        self.emit_declarations(entity, ItemForm::Whole);
        let definition = self.definition_anchor(entity).unwrap_or(at);
        self.diagnostics.push(PlanDiagnostic {
            at: definition,
            through: None,
            error: false,
            message: format!(
                "referenced object \"{}\" cannot get externalized",
                self.name(entity)
            ),
        });
        Ok(())
    }

    fn externalize(
        &mut self,
        entity: EntityId,
        kind: SymbolKind,
        oracle: &mut dyn Oracle,
    ) -> Result<(), PolicyFailure> {
        let name = self.name(entity).to_owned();
        let at = self.first_anchor(entity);
        let change = self.symbol_change(oracle, &name, at, SymbolChangeKind::Externalized(kind))?;
        self.fates.insert(entity, EntityFate::Externalized(change));
        let form = match kind {
            SymbolKind::Function => ItemForm::Prototype,
            SymbolKind::Object => ItemForm::Whole,
        };
        self.emit_declarations(entity, form);
        Ok(())
    }

    fn can_externalize(
        &mut self,
        entity: EntityId,
        oracle: &mut dyn Oracle,
    ) -> Result<bool, PolicyFailure> {
        let scope = self.input.scope;
        let definition = self.definition_anchor(entity).map(|at| {
            let external = scope.entity(entity).linkage == crate::sema::Linkage::External;
            (external, at)
        });
        oracle.can_externalize_fun(self.name(entity), definition, self.first_anchor(entity))
    }

    /// Asks for a symbol's new name and linkage, again while a new name clashes with an
    /// identifier the TU declares.
    fn symbol_change(
        &self,
        oracle: &mut dyn Oracle,
        name: &str,
        at: Anchor,
        kind: SymbolChangeKind,
    ) -> Result<SymbolChange, PolicyFailure> {
        let mut retry = 0;
        loop {
            let change = oracle.symbol_change(kind, name, retry, at)?;
            let clashes = change.new_name != name && self.is_declared(&change.new_name);
            if !clashes || retry >= MAX_RETRIES {
                return Ok(change);
            }
            retry += 1;
        }
    }

    fn is_declared(&self, name: &str) -> bool {
        let scope = self.input.scope;
        scope.names.get(name).is_some_and(|id| {
            scope.entities.iter().any(|e| e.name == id)
                || scope.tags.iter().any(|t| t.name == Some(id))
        })
    }

    /// Emits every declaration of `entity`; its definition (a function's) in `form`.
    /// Emits the declarations of `entity` up to its definition (later ones add nothing, and
    /// the kernel's `EXPORT_SYMBOL` would export the live patch's copy); its definition (a
    /// function's) in `form`.
    fn emit_declarations(&mut self, entity: EntityId, form: ItemForm) {
        let definition = self.definition_item(entity);
        let scope = self.input.scope;
        let first_tentative = || {
            let decls = &scope.entity(entity).decls;
            decls
                .iter()
                .map(|&d| scope.decl(d))
                .find(|d| d.role == Role::Tentative)
                .map(|d| d.at)
        };
        let last = self
            .definition_anchor(entity)
            .or_else(first_tentative)
            .map(|at| at.item);
        let items: Vec<ItemId> = self
            .decl_items(entity)
            .filter(|&item| last.is_none_or(|last| item <= last))
            .collect();
        for item in items {
            let form = if Some(item) == definition {
                form
            } else {
                ItemForm::Whole
            };
            self.emit_item(item, form);
        }
    }

    fn emit_item(&mut self, item: ItemId, form: ItemForm) {
        // Items one macro invocation makes are emitted together (the invocation is copied
        // whole).
        let groups = self.input.groups;
        let group_of = |index: usize| groups.get(index).copied().filter(|&g| g != u32::MAX);
        if let Some(group) = group_of(item.0 as usize) {
            // Members are near one another (whitespace between items may be root children).
            let window = group as usize..groups.len().min(group as usize + GROUP_WINDOW);
            let members: Vec<usize> = window.filter(|&i| group_of(i) == Some(group)).collect();
            for member in members {
                let member = ItemId(member as u32);
                if member == item {
                    continue;
                }
                if !self.items.contains_key(&member) {
                    self.company.insert(member);
                }
                let form = self.company_form(member);
                self.emit_one_item(member, form);
            }
        }
        let was_company = self.company.remove(&item);
        // A definition emitted whole only as company, of a function that turns out
        // externalized or declared: its prototype is what is needed.
        if was_company
            && form == ItemForm::Prototype
            && let Some(entry) = self.items.get_mut(&item)
        {
            *entry = ItemForm::Prototype;
        }
        self.emit_one_item(item, form);
    }

    /// The form of an item emitted because the invocation of a needed item makes it too:
    /// whole, but for the definition of a function the live patch refers to in the running
    /// kernel (or only declares), whose body is not the live patch's.
    fn company_form(&self, item: ItemId) -> ItemForm {
        let declared_only = self.definitions.get(&item).is_some_and(|entity| {
            matches!(
                self.fates.get(entity),
                Some(EntityFate::Externalized(_) | EntityFate::Declared)
            )
        });
        if declared_only {
            ItemForm::Prototype
        } else {
            ItemForm::Whole
        }
    }

    fn emit_one_item(&mut self, item: ItemId, form: ItemForm) {
        let entry = self.items.entry(item).or_insert(form);
        // A definition needed whole and as a declaration is emitted whole.
        if form == ItemForm::Whole && *entry != ItemForm::Whole {
            *entry = ItemForm::Whole;
            self.scanned.remove(&item);
        }
        if !self.scanned.contains(&item) {
            self.pending.insert(item);
        }
    }

    fn decl_anchors(&self, entity: EntityId) -> Vec<Anchor> {
        let scope = self.input.scope;
        (scope.entity(entity).decls.iter())
            .map(|&d| scope.decl(d).at)
            .collect()
    }

    fn decl_items(&self, entity: EntityId) -> impl Iterator<Item = ItemId> + '_ {
        let scope = self.input.scope;
        scope
            .entity(entity)
            .decls
            .iter()
            .map(move |&d| scope.decl(d).at.item)
    }

    /// The item of a function's definition with a body.
    fn definition_item(&self, entity: EntityId) -> Option<ItemId> {
        let scope = self.input.scope;
        match scope.entity(entity).definition {
            Definition::Defined(decl) => {
                let item = scope.decl(decl).at.item;
                let is_function = scope.entity(entity).kind == EntityKind::Function;
                (!is_function || self.definitions.contains_key(&item)).then_some(item)
            }
            _ => None,
        }
    }

    fn definition_anchor(&self, entity: EntityId) -> Option<Anchor> {
        let scope = self.input.scope;
        match scope.entity(entity).definition {
            Definition::Defined(decl) => Some(scope.decl(decl).at),
            _ => None,
        }
    }

    fn first_anchor(&self, entity: EntityId) -> Anchor {
        let scope = self.input.scope;
        scope
            .entity(entity)
            .decls
            .first()
            .map(|&d| scope.decl(d).at)
            .unwrap_or(Anchor {
                item: ItemId(0),
                offset: 0,
            })
    }

    fn name(&self, entity: EntityId) -> &'a str {
        let scope = self.input.scope;
        scope.name(scope.entity(entity).name)
    }

    /// The plan: items, the edits the fates call for, diagnostics.
    fn finish(self, oracle: &mut dyn Oracle, tag_edits: Vec<Edit>) -> Result<Plan, PolicyFailure> {
        // Taken after the rewritten functions' names are asked, so that those answers'
        // diagnostics are kept too.
        let rewritten = self.rewritten(oracle)?;
        let mut diagnostics = oracle.take_diagnostics();
        diagnostics.extend(self.diagnostics.iter().cloned());
        let mut plan = Plan {
            items: self.items.clone(),
            edits: Vec::new(),
            diagnostics,
            fates: Vec::new(),
        };
        let mut entities: Vec<_> = self.fates.iter().collect();
        entities.sort_by_key(|(e, _)| **e);
        for (&entity, fate) in entities {
            match rewritten.get(&entity) {
                Some(new_name) => self.plan_rewritten(entity, new_name, &mut plan),
                None => self.plan_entity(entity, fate, &mut plan),
            }
        }
        self.plan_locals(&mut plan);
        self.drop_unneeded_declarators(&mut plan);
        plan.edits.extend(tag_edits);
        plan.edits.sort();
        plan.edits.dedup();
        Ok(plan)
    }

    /// In a declaration of several objects (`int a, x, b;`), those nothing refers to are
    /// not defined again with the one that is.
    fn drop_unneeded_declarators(&self, plan: &mut Plan) {
        for (item, form) in &self.items {
            let Some(defined) = self.object_definitions.get(item) else {
                continue;
            };
            if *form != ItemForm::Whole || defined.len() < 2 {
                continue;
            }
            let unneeded: Vec<Anchor> = (defined.iter())
                .filter(|definition| !self.fates.contains_key(&definition.entity))
                .map(|definition| definition.at)
                .collect();
            if unneeded.len() == defined.len() {
                continue;
            }
            for at in unneeded {
                let kind = EditKind::DropDeclarator;
                plan.edits.push(Edit { at, kind });
            }
        }
    }

    /// The copied functions that must be rewritten, with their new names: those whose text
    /// refers to a symbol the live patch renames (or turns into a pointer), found until no
    /// more are (a rewritten function is renamed in turn).
    fn rewritten(
        &self,
        oracle: &mut dyn Oracle,
    ) -> Result<FxHashMap<EntityId, String>, PolicyFailure> {
        let mut renamed: FxHashSet<EntityId> = self
            .fates
            .iter()
            .filter(|&(&e, fate)| match fate {
                EntityFate::Patched(change) | EntityFate::Externalized(change) => {
                    change.make_pointer || change.new_name != self.name(e)
                }
                _ => false,
            })
            .map(|(&e, _)| e)
            .collect();
        let mut rewritten = FxHashMap::default();
        loop {
            let next = self.fates.iter().find_map(|(&entity, fate)| {
                let copied = *fate == EntityFate::Copied
                    && self.input.scope.entity(entity).kind == EntityKind::Function;
                let item = self.definition_item(entity)?;
                let refers = self
                    .refs
                    .iter()
                    .any(|(at, target)| at.item == item && renamed.contains(target));
                let renamable =
                    !rewritten.contains_key(&entity) && !self.keep_name.contains(&entity);
                (copied && refers && renamable).then_some(entity)
            });
            let Some(entity) = next else {
                return Ok(rewritten);
            };
            let at = self.first_anchor(entity);
            let change =
                self.symbol_change(oracle, self.name(entity), at, SymbolChangeKind::Rewritten)?;
            renamed.insert(entity);
            rewritten.insert(entity, change.new_name);
        }
    }

    /// A rewritten function: copied, renamed, internal.
    fn plan_rewritten(&self, entity: EntityId, new_name: &str, plan: &mut Plan) {
        self.rename(entity, new_name, false, plan);
        self.make_first_static(entity, plan);
        plan.fates.push((
            self.name(entity).to_owned(),
            Fate::Copied {
                name: new_name.to_owned(),
            },
        ));
    }

    fn plan_entity(&self, entity: EntityId, fate: &EntityFate, plan: &mut Plan) {
        let name = self.name(entity).to_owned();
        match fate {
            EntityFate::Patched(change) => {
                self.rename(entity, &change.new_name, false, plan);
                self.set_linkage(entity, change.linkage, plan);
                plan.fates.push((
                    name,
                    Fate::Patched {
                        name: change.new_name.clone(),
                    },
                ));
            }
            EntityFate::Copied => {
                if self.input.scope.entity(entity).kind == EntityKind::Function
                    && !self.is_always_inlined_gnu_inline(entity)
                {
                    self.make_first_static(entity, plan);
                }
                plan.fates.push((name.clone(), Fate::Copied { name }));
            }
            EntityFate::Externalized(change) => {
                self.rename(entity, &change.new_name, change.make_pointer, plan);
                if change.make_pointer {
                    self.set_pointer_linkage(entity, change.linkage, plan);
                } else {
                    self.set_linkage(entity, change.linkage, plan);
                }
                match self.input.scope.entity(entity).kind {
                    EntityKind::Object => self.declare_only(entity, change.make_pointer, plan),
                    // A function's attributes (`notrace`) are not for a pointer.
                    EntityKind::Function if change.make_pointer => {
                        for at in self.decl_anchors(entity) {
                            let kind = EditKind::DropAttributes;
                            plan.edits.push(Edit { at, kind });
                        }
                    }
                    _ => {}
                }
                plan.fates.push((
                    name,
                    Fate::Externalized {
                        name: change.new_name.clone(),
                        pointer: change.make_pointer,
                    },
                ));
            }
            EntityFate::Declared => {
                if self.input.scope.entity(entity).kind == EntityKind::Object {
                    self.declare_only(entity, false, plan);
                    self.set_storage_all(entity, Some(StorageClass::Extern), plan);
                }
                plan.fates.push((name, Fate::Declared));
            }
            EntityFate::Kept => {}
        }
    }

    /// Renames every declaration of and reference to `entity`, or makes them `(*new)`.
    fn rename(&self, entity: EntityId, new: &str, pointer: bool, plan: &mut Plan) {
        let old = self.name(entity);
        if new == old && !pointer {
            return;
        }
        let text = if pointer {
            format!("(*{new})")
        } else {
            new.to_owned()
        };
        let anchors = self.decl_anchors(entity).into_iter().chain(
            self.refs
                .iter()
                .filter(|(_, e)| *e == entity)
                .map(|(at, _)| *at),
        );
        for at in anchors {
            if self.items.contains_key(&at.item) {
                plan.edits.push(Edit {
                    at,
                    kind: EditKind::Replace(text.clone()),
                });
            }
        }
    }

    fn set_linkage(&self, entity: EntityId, linkage: LinkageChange, plan: &mut Plan) {
        match linkage {
            LinkageChange::Keep => {}
            LinkageChange::MakeInternal => self.make_first_static(entity, plan),
            LinkageChange::MakeExternal => {
                self.set_storage_all(entity, Some(StorageClass::Extern), plan)
            }
        }
    }

    /// The linkage of a symbol turned into a pointer, an object now: every declaration says
    /// it (a pointer declared without storage class at file scope would be a definition with
    /// external linkage).
    fn set_pointer_linkage(&self, entity: EntityId, linkage: LinkageChange, plan: &mut Plan) {
        let class = match linkage {
            LinkageChange::Keep => return,
            LinkageChange::MakeInternal => StorageClass::Static,
            LinkageChange::MakeExternal => StorageClass::Extern,
        };
        let scope = self.input.scope;
        for &d in &scope.entity(entity).decls {
            let decl = scope.decl(d);
            let has = match decl.storage {
                Storage::Static => Some(StorageClass::Static),
                Storage::Extern => Some(StorageClass::Extern),
                _ => None,
            };
            if has != Some(class) {
                plan.edits.push(Edit {
                    at: decl.at,
                    kind: EditKind::Storage(Some(class)),
                });
            }
        }
    }

    /// Internal linkage: the first declaration says `static` (the later ones inherit it).
    fn make_first_static(&self, entity: EntityId, plan: &mut Plan) {
        let scope = self.input.scope;
        let Some(&first) = scope.entity(entity).decls.first() else {
            return;
        };
        let decl = scope.decl(first);
        if decl.storage != Storage::Static {
            plan.edits.push(Edit {
                at: decl.at,
                kind: EditKind::Storage(Some(StorageClass::Static)),
            });
        }
    }

    /// Whether `entity` is a gnu_inline function that is always inlined: its `extern inline`
    /// definition never leaves a reference to an external symbol, so it is copied as it is.
    fn is_always_inlined_gnu_inline(&self, entity: EntityId) -> bool {
        let scope = self.input.scope;
        let decls = &scope.entity(entity).decls;
        let gnu_inline = decls.iter().any(|&d| scope.decl(d).gnu_inline);
        gnu_inline
            && decls.iter().any(|&d| {
                self.item_node(scope.decl(d).at.item).is_some_and(|node| {
                    node.descendants_with_tokens()
                        .filter_map(|e| e.into_token())
                        .any(|t| matches!(t.text(), "always_inline" | "__always_inline__"))
                })
            })
    }

    /// Every declaration of `entity` gets storage class `class` (`extern` is dropped from
    /// function definitions, which say it by having none).
    fn set_storage_all(&self, entity: EntityId, class: Option<StorageClass>, plan: &mut Plan) {
        let scope = self.input.scope;
        let is_function = scope.entity(entity).kind == EntityKind::Function;
        for &d in &scope.entity(entity).decls {
            let decl = scope.decl(d);
            let wanted = match (class, is_function) {
                (Some(StorageClass::Extern), true) if decl.storage == Storage::Static => None,
                (Some(StorageClass::Extern), true) => continue,
                (wanted, _) => wanted,
            };
            let has = match decl.storage {
                Storage::Static => Some(StorageClass::Static),
                Storage::Extern => Some(StorageClass::Extern),
                _ => None,
            };
            if has != wanted {
                plan.edits.push(Edit {
                    at: decl.at,
                    kind: EditKind::Storage(wanted),
                });
            }
        }
    }

    /// An object referred to in the running kernel: its declarations lose their initializers
    /// (and attributes) and get their array lengths.
    fn declare_only(&self, entity: EntityId, pointer: bool, plan: &mut Plan) {
        let scope = self.input.scope;
        let length = self.input.array_lengths.get(&entity).copied();
        for &d in &scope.entity(entity).decls {
            let decl = scope.decl(d);
            if decl.role == Role::Definition {
                plan.edits.push(Edit {
                    at: decl.at,
                    kind: EditKind::DropInitializer,
                });
            }
            // A definition's attributes (`__used`, `__section`) are its own: the declaration
            // of the running kernel's object does without them, and so does a pointer to it
            // (which is no per-cpu variable, say, whatever its object is).
            if decl.role == Role::Definition || (pointer && decl.role == Role::Tentative) {
                plan.edits.push(Edit {
                    at: decl.at,
                    kind: EditKind::DropAttributes,
                });
            }
            if let Some(length) = length {
                plan.edits.push(Edit {
                    at: decl.at,
                    kind: EditKind::ArrayLength(length),
                });
            }
        }
    }
}

/// How far apart (in root children) the items of one macro invocation may be.
const GROUP_WINDOW: usize = 4096;

/// How often a clashing new name is asked for again before it is taken as it is.
const MAX_RETRIES: u32 = 100;

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

/// An object's definition: its name, and whether it has an initializer.
#[derive(Debug, Clone, Copy)]
struct ObjectDefinition {
    at: Anchor,
    entity: EntityId,
    initialized: bool,
}

/// The uses of `resolution` in `item` (uses are in item order).
pub(super) fn item_uses(resolution: &Resolution, item: ItemId) -> &[crate::sema::Use] {
    let uses = &resolution.uses;
    let start = uses.partition_point(|u| u.at.item < item);
    let end = uses.partition_point(|u| u.at.item <= item);
    &uses[start..end]
}
