//! The items the live patch emits, as the closure finds them: each in its form, those not
//! scanned yet pending (the earliest first), and those emitted only because the macro
//! invocation that makes a needed item makes them too (its "company": the kernel's
//! `TRACE_EVENT` and `SYSCALL_DEFINE` make several items each).

use std::collections::{BTreeMap, BTreeSet};

use rustc_hash::FxHashSet;

use crate::items::ItemIndex;
use crate::livepatch::plan::ItemForm;
use crate::sema::Anchor;
use crate::sema::ItemId;

#[derive(Debug, Default)]
pub(super) struct Emitted {
    items: BTreeMap<ItemId, ItemForm>,
    pending: BTreeSet<ItemId>,
    scanned: FxHashSet<ItemId>,
    company: FxHashSet<ItemId>,
}

impl Emitted {
    /// The next item to scan, in source order.
    pub fn next_to_scan(&mut self) -> Option<ItemId> {
        while let Some(item) = self.pending.pop_first() {
            if self.scanned.insert(item) {
                return Some(item);
            }
        }
        None
    }

    pub fn form(&self, item: ItemId) -> Option<ItemForm> {
        self.items.get(&item).copied()
    }

    pub fn contains(&self, item: ItemId) -> bool {
        self.items.contains_key(&item)
    }

    pub fn is_company(&self, item: ItemId) -> bool {
        self.company.contains(&item)
    }

    pub fn items(&self) -> &BTreeMap<ItemId, ItemForm> {
        &self.items
    }

    /// Emits `item` in `form`, with the other items of its macro invocation (the invocation
    /// is copied whole), each in the form `company_form` gives. A definition emitted whole
    /// only as company, of a function that turns out externalized or declared, becomes its
    /// prototype.
    pub fn emit(
        &mut self,
        index: &ItemIndex,
        item: ItemId,
        form: ItemForm,
        company_form: impl Fn(ItemId) -> ItemForm,
    ) {
        if let Some(group) = index.group(item) {
            for &member in index.group_members(group) {
                if member == item {
                    continue;
                }
                if !self.items.contains_key(&member) {
                    self.company.insert(member);
                }
                self.emit_one(member, company_form(member));
            }
        }
        let was_company = self.company.remove(&item);
        if was_company
            && form == ItemForm::Prototype
            && let Some(entry) = self.items.get_mut(&item)
        {
            *entry = ItemForm::Prototype;
        }
        self.emit_one(item, form);
    }

    /// Emits `item` alone. A definition needed whole and as a declaration is emitted
    /// whole (and scanned again).
    pub fn emit_one(&mut self, item: ItemId, form: ItemForm) {
        let entry = self.items.entry(item).or_insert(form);
        if form == ItemForm::Whole && *entry != ItemForm::Whole {
            *entry = ItemForm::Whole;
            self.scanned.remove(&item);
        }
        if !self.scanned.contains(&item) {
            self.pending.insert(item);
        }
    }
}

/// Where the closure's parts emit items: the items so far, and what decides the form of an
/// item emitted as company.
pub(super) struct Sink<'s> {
    pub emitted: &'s mut Emitted,
    pub index: &'s ItemIndex,
    /// Whether an item is the definition of a function the live patch only declares (it
    /// refers to the running kernel's, or to none): emitted as company, as a prototype.
    pub declared_only: &'s dyn Fn(ItemId) -> bool,
}

impl Sink<'_> {
    /// Emits `item` with its invocation's company.
    pub fn emit(&mut self, item: ItemId, form: ItemForm) {
        let declared_only = self.declared_only;
        let company_form = |member| {
            if declared_only(member) {
                ItemForm::Prototype
            } else {
                ItemForm::Whole
            }
        };
        self.emitted.emit(self.index, item, form, company_form);
    }

    pub fn emit_one(&mut self, item: ItemId, form: ItemForm) {
        self.emitted.emit_one(item, form);
    }

    /// Emits the item declaring a tag at `at`; of a `_Static_assert`, only the tag's
    /// specifier (the assertion says nothing the live patch needs).
    pub fn emit_tag_declaration(&mut self, at: Anchor, in_assertion: bool) {
        if in_assertion {
            let form = ItemForm::TagSpecifier { offset: at.offset };
            self.emit_one(at.item, form);
        } else {
            self.emit(at.item, ItemForm::Whole);
        }
    }
}
