//! One round of the closure: from the patched functions, every item the live patch needs,
//! scanned in source order (the earliest pending first), and what becomes of every function
//! and object referred to, as the policy decides.

use rustc_hash::{FxHashMap, FxHashSet};

use super::emitted::{Emitted, Sink};
use super::facts::Facts;
use super::questions::{can_externalize, symbol_change};
use super::tags::TagNeeds;
use super::uses::uses;
use super::{ClosureInput, Constraints};
use crate::livepatch::kernel;
use crate::livepatch::oracle::{Oracle, SymbolChangeKind};
use crate::livepatch::plan::{ItemForm, PlanDiagnostic};
use crate::livepatch::policy::{PolicyFailure, SymbolChange, SymbolKind};
use crate::livepatch::prerequisites::Prerequisite;
use crate::livepatch::reference::Reference;
use crate::sema::{
    Anchor, EntityId, EntityKind, ItemId, LocalId, LocalKind, LocalStorage, Role, Storage, Target,
};

/// What becomes of an entity, as far as the closure has decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum EntityFate {
    Patched(SymbolChange),
    Copied,
    Externalized(SymbolChange),
    /// Referred to in unevaluated code only (so far).
    Declared,
    /// A typedef or enumerator: its declaration is emitted as it is.
    Kept,
}

/// What one round found.
pub(super) struct Walk<'a> {
    pub facts: Facts<'a>,
    constraints: &'a Constraints,
    pub fates: FxHashMap<EntityId, EntityFate>,
    pub emitted: Emitted,
    pub tags: TagNeeds,
    /// Every reference in emitted code, to edit when its target is renamed.
    pub refs: Vec<(Anchor, EntityId)>,
    /// Block-scope objects of static storage referred to in evaluated code: externalized
    /// (with the change) or kept, by their function's item.
    pub local_fates: FxHashMap<(ItemId, LocalId), Option<SymbolChange>>,
    /// The references to them.
    pub local_refs: Vec<(Anchor, ItemId, LocalId)>,
    /// The functions whose address evaluated code takes.
    pub address_taken: FxHashSet<EntityId>,
    /// The first copied function found whose address is taken and that can be
    /// externalized: the next round externalizes it.
    pub to_force: Option<EntityId>,
    /// Functions copied for the headers the live patch includes, which call them by their
    /// names: not renamed when rewritten.
    pub keep_name: FxHashSet<EntityId>,
    /// The functions and objects whose address a static initializer the live patch
    /// defines takes, and where.
    constant_addresses: Vec<(EntityId, Anchor)>,
    pub diagnostics: Vec<PlanDiagnostic>,
}

impl<'a> Walk<'a> {
    pub fn new(input: &'a ClosureInput<'a>, constraints: &'a Constraints) -> Walk<'a> {
        Walk {
            facts: Facts { input },
            constraints,
            fates: FxHashMap::default(),
            emitted: Emitted::default(),
            tags: TagNeeds::default(),
            refs: Vec::new(),
            local_fates: FxHashMap::default(),
            local_refs: Vec::new(),
            address_taken: FxHashSet::default(),
            to_force: None,
            keep_name: FxHashSet::default(),
            constant_addresses: Vec::new(),
            diagnostics: Vec::new(),
        }
    }

    /// The round: the roots, then every pending item until none is.
    pub fn run(&mut self, oracle: &mut dyn Oracle) -> Result<(), PolicyFailure> {
        self.add_roots(oracle)?;
        while let Some(item) = self.emitted.next_to_scan() {
            self.scan(item, oracle)?;
        }
        Ok(())
    }

    /// Emits `item` (with its invocation's company) in `form`.
    fn emit(&mut self, item: ItemId, form: ItemForm) {
        self.with_tags(|_, _, sink| sink.emit(item, form));
    }

    /// Runs `f` on the tag needs with a sink for the items they emit.
    fn with_tags<T>(&mut self, f: impl FnOnce(&mut TagNeeds, Facts<'a>, &mut Sink<'_>) -> T) -> T {
        let fates = &self.fates;
        let index = self.facts.input.view.index;
        let declared_only = |item: ItemId| {
            index.function(item).is_some_and(|entity| {
                matches!(
                    fates.get(&entity),
                    Some(EntityFate::Externalized(_) | EntityFate::Declared)
                )
            })
        };
        let mut sink = Sink {
            emitted: &mut self.emitted,
            index,
            declared_only: &declared_only,
        };
        f(&mut self.tags, self.facts, &mut sink)
    }

    /// The patched functions (the patched set's definitions, in source order); then what
    /// the included headers need.
    fn add_roots(&mut self, oracle: &mut dyn Oracle) -> Result<(), PolicyFailure> {
        let input = self.facts.input;
        let scope = input.scope;
        for function in &scope.functions {
            let decl = scope.decl(function.decl);
            let name = scope.name(function.name);
            if self.fates.contains_key(&decl.entity) || !input.patched.contains(name) {
                continue;
            }
            let kind = SymbolChangeKind::Patched;
            let change = symbol_change(
                self.facts,
                oracle,
                &mut self.diagnostics,
                (name, decl.at),
                kind,
            )?;
            self.fates.insert(decl.entity, EntityFate::Patched(change));
            self.emit_declarations(decl.entity, ItemForm::Whole);
        }
        for &prerequisite in input.prerequisites {
            match prerequisite {
                Prerequisite::Declared(entity) if self.facts.is_static_function(entity) => {
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
                Prerequisite::Complete(tag) => self.with_tags(|t, f, s| t.keep(f, s, tag)),
                Prerequisite::DeclaredTag(tag) => self.tags.declare_for_header(tag),
                Prerequisite::Straddling(item) => self.emit(item, ItemForm::Whole),
            }
        }
        Ok(())
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

    /// Scans an emitted item's references.
    fn scan(&mut self, item: ItemId, oracle: &mut dyn Oracle) -> Result<(), PolicyFailure> {
        let form = self.emitted.form(item).unwrap_or(ItemForm::Whole);
        let company = self.emitted.is_company(item);
        if company {
            // What a copied invocation initializes besides is the running kernel's as much as
            // what the live patch refers to (the kernel's trace events register theirs).
            let evaluated = Reference {
                call: false,
                evaluated: true,
            };
            let index = self.facts.input.view.index;
            for definition in index
                .object_definitions(item)
                .iter()
                .filter(|d| d.initialized)
            {
                self.refer(definition.entity, evaluated, oracle)?;
            }
        }
        for u in uses(self, item, form) {
            match u.target {
                Target::Entity(entity) => {
                    self.refs.push((u.at, entity));
                    self.tags.refer_typedef(self.facts, entity, u.at);
                    let mut reference = self.facts.classify(u.at);
                    // The address a copied invocation's item takes is the copy's, as the
                    // invocation's other items are: no reason to use the running kernel's.
                    reference.call |= company;
                    // So is the address a static initializer of the live patch's takes: a
                    // constant, which no pointer filled at load time is.
                    if reference.evaluated && self.facts.in_static_initializer(u.at) {
                        reference.call = true;
                        self.constant_addresses.push((entity, u.at));
                    }
                    self.refer(entity, reference, oracle)?;
                }
                Target::Tag(tag) => self.with_tags(|t, f, s| t.refer(f, s, tag, u.at)),
                Target::Local(local) => self.refer_local(item, local, u.at, oracle)?,
                _ => {}
            }
        }
        if form == ItemForm::Whole {
            self.with_tags(|t, f, s| t.keep_used_complete(f, s, item));
        }
        Ok(())
    }

    /// A reference to a file-scope entity.
    fn refer(
        &mut self,
        entity: EntityId,
        reference: Reference,
        oracle: &mut dyn Oracle,
    ) -> Result<(), PolicyFailure> {
        match self.facts.scope().entity(entity).kind {
            EntityKind::Typedef { .. } => self.keep(entity),
            EntityKind::Enumerator { tag } => {
                self.fates.insert(entity, EntityFate::Kept);
                self.with_tags(|t, f, s| t.keep(f, s, tag));
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
                    && can_externalize(self.facts, oracle, entity)?
                {
                    self.to_force = Some(entity);
                }
                return Ok(());
            }
            None if self.patched_in_header(entity, oracle)? => return Ok(()),
            _ if !reference.evaluated && !self.definition_wanted(entity) => {
                if current.is_none() {
                    self.fates.insert(entity, EntityFate::Declared);
                    self.emit_declarations(entity, ItemForm::Prototype);
                }
                return Ok(());
            }
            _ => {}
        }
        let facts = self.facts;
        let defined = facts.definition_item(entity).is_some();
        if defined && self.constraints.copied_for_address.contains(&entity) {
            self.fates.insert(entity, EntityFate::Copied);
            self.emit_declarations(entity, ItemForm::Whole);
            return Ok(());
        }
        let can = can_externalize(facts, oracle, entity)?;
        let externalize = can
            && (self.constraints.forced.contains(&entity) || !reference.call || !defined || {
                let from_header = match facts.definition_anchor(entity) {
                    Some(at) => oracle.in_eligible_header(at)?,
                    None => false,
                };
                let at = facts.first_anchor(entity);
                oracle.shall_externalize_fun(facts.name(entity), from_header, at)?
            });
        if externalize {
            self.externalize(entity, SymbolKind::Function, oracle)?;
        } else {
            let fate = if defined {
                EntityFate::Copied
            } else {
                EntityFate::Declared
            };
            self.fates.insert(entity, fate);
            self.emit_declarations(entity, ItemForm::Whole);
        }
        Ok(())
    }

    /// Whether a function referred to in unevaluated code only needs more than a declaration:
    /// a static one the TU defines, declared only, draws gcc's "declared `static` but never
    /// defined" where the TU's flags warn of unused functions (the kernel's `-Wall -Werror`
    /// make it an error); it is then copied or externalized as if called.
    fn definition_wanted(&self, entity: EntityId) -> bool {
        self.facts.input.warns_unused_function && self.facts.is_static_function(entity)
    }

    /// Whether function `entity`, defined in a header and reached by the closure, is patched
    /// as the policy says; it is then a root.
    fn patched_in_header(
        &mut self,
        entity: EntityId,
        oracle: &mut dyn Oracle,
    ) -> Result<bool, PolicyFailure> {
        let facts = self.facts;
        let Some(at) = facts.definition_anchor(entity) else {
            return Ok(false);
        };
        if !facts.input.places.in_header(at) || facts.definition_item(entity).is_none() {
            return Ok(false);
        }
        let name = facts.name(entity);
        if !oracle.is_patched(name, at)? {
            return Ok(false);
        }
        let kind = SymbolChangeKind::Patched;
        let change = symbol_change(facts, oracle, &mut self.diagnostics, (name, at), kind)?;
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
        // A global register variable (`register T x asm("reg");`) is no object in memory
        // and no symbol: there is nothing to externalize or declare `extern`, its
        // declaration is all there is, copied as written however it is referred to.
        let scope = self.facts.scope();
        let decls = &scope.entity(entity).decls;
        if (decls.iter()).any(|&d| scope.decl(d).storage == Storage::Register) {
            self.keep(entity);
            return Ok(());
        }
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
        let at = self.facts.first_anchor(entity);
        let name = self.facts.name(entity);
        if oracle.shall_externalize_obj(name, at)? {
            return self.externalize(entity, SymbolKind::Object, oracle);
        }
        self.fates.insert(entity, EntityFate::Copied);
        self.emit_declarations(entity, ItemForm::Whole);
        let definition = self.facts.definition_anchor(entity).unwrap_or(at);
        self.diagnostics.push(PlanDiagnostic {
            at: definition,
            through: None,
            error: false,
            message: format!("referenced object \"{name}\" cannot get externalized"),
        });
        Ok(())
    }

    fn externalize(
        &mut self,
        entity: EntityId,
        kind: SymbolKind,
        oracle: &mut dyn Oracle,
    ) -> Result<(), PolicyFailure> {
        let facts = self.facts;
        let at = facts.first_anchor(entity);
        let change_kind = SymbolChangeKind::Externalized(kind);
        let named = (facts.name(entity), at);
        let change = symbol_change(facts, oracle, &mut self.diagnostics, named, change_kind)?;
        self.fates.insert(entity, EntityFate::Externalized(change));
        let form = match kind {
            SymbolKind::Function => ItemForm::Prototype,
            SymbolKind::Object => ItemForm::Whole,
        };
        self.emit_declarations(entity, form);
        Ok(())
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
        let facts = self.facts;
        let Some(body) = facts.input.bodies.resolution(item) else {
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
        if !static_storage || kernel::macro_owns_local(facts.input.places, declared.at) {
            return Ok(());
        }
        self.local_refs.push((at, item, local));
        if self.local_fates.contains_key(&(item, local)) || !facts.classify(at).evaluated {
            return Ok(());
        }
        let name = body.names.resolve(declared.name).to_owned();
        let fate = if oracle.shall_externalize_obj(&name, declared.at)? {
            let kind = SymbolChangeKind::Externalized(SymbolKind::Object);
            Some(symbol_change(
                facts,
                oracle,
                &mut self.diagnostics,
                (&name, declared.at),
                kind,
            )?)
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

    /// Emits the declarations of `entity` up to its definition (later ones add nothing, and
    /// the kernel's `EXPORT_SYMBOL` after a definition would export the live patch's copy);
    /// its definition (a function's) in `form`.
    fn emit_declarations(&mut self, entity: EntityId, form: ItemForm) {
        let facts = self.facts;
        let scope = facts.scope();
        let definition = facts.definition_item(entity);
        let decls = &scope.entity(entity).decls;
        let first_tentative = || {
            (decls.iter())
                .map(|&d| scope.decl(d))
                .find(|d| d.role == Role::Tentative)
                .map(|d| d.at)
        };
        let last = (facts.definition_anchor(entity))
            .or_else(first_tentative)
            .map(|at| at.item);
        let items: Vec<ItemId> = (decls.iter())
            .map(|&d| scope.decl(d).at.item)
            .filter(|&item| last.is_none_or(|last| item <= last))
            .collect();
        for item in items {
            let form = if Some(item) == definition {
                form
            } else {
                ItemForm::Whole
            };
            self.emit(item, form);
        }
    }

    /// The functions whose address a static initializer takes that the policy made
    /// pointers, which the next round copies; the objects made so are reported (their
    /// address is no constant, and an object cannot be copied instead).
    pub fn pointers_in_static_initializers(&mut self) -> FxHashSet<EntityId> {
        let mut copy = FxHashSet::default();
        for &(entity, at) in &self.constant_addresses {
            let Some(EntityFate::Externalized(change)) = self.fates.get(&entity) else {
                continue;
            };
            if !change.make_pointer {
                continue;
            }
            if self.facts.is_function(entity) && self.facts.definition_item(entity).is_some() {
                copy.insert(entity);
            } else {
                let name = self.facts.name(entity);
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

    /// The declarations of the tags the copied code needs declared only; the edits cutting
    /// definitions to declarations.
    pub fn declare_tags(&mut self) -> Vec<crate::livepatch::plan::Edit> {
        self.with_tags(|t, f, s| t.declare(f, s))
    }
}
