//! The closure of the patched functions: starting from their definitions, every item the live
//! patch needs, and for each function and object it refers to what becomes of it (copied,
//! externalized, declared), as the policy decides; then the edits that follow (renames,
//! pointers, storage classes).
//!
//! A round (`walk`) scans items in source order, the earliest pending one first; `tags`
//! decides which structs, unions and enums go in whole; `edits` turns the round's decisions
//! into the plan. Rounds repeat until their constraints settle (see `closure`).

mod edits;
mod emitted;
mod facts;
mod questions;
mod tags;
mod uses;
mod walk;

use std::sync::Arc;

use rustc_hash::{FxHashMap, FxHashSet};

use super::oracle::{Oracle, Places};
use super::patched_set::PatchedNames;
use super::plan::Plan;
use super::policy::PolicyFailure;
use super::prerequisites::Prerequisite;
use crate::items::ItemView;
use crate::sema::{EntityId, FileScope, ItemId, Resolution, TagId};

pub(crate) use uses::item_uses;

/// What the closure reads of the TU.
pub struct ClosureInput<'a> {
    /// The functions the policy patches.
    pub patched: &'a PatchedNames,
    pub scope: &'a FileScope,
    /// The items, with the tree.
    pub view: &'a ItemView<'a>,
    /// The resolution of everything outside function bodies.
    pub file_uses: &'a Resolution,
    /// The function definitions' bodies, read when the closure reaches them.
    pub bodies: &'a dyn FunctionBodies,
    /// For each array object declared without a length, the length its initializer gave.
    pub array_lengths: &'a FxHashMap<EntityId, u64>,
    /// Where anchors are.
    pub places: &'a dyn Places,
    /// What the headers the live patch includes need declared before them.
    pub prerequisites: &'a [Prerequisite],
    /// gcc warns about a static function declared and never defined (the TU's
    /// `-Wunused-function`, by `-Wall` too).
    pub warns_unused_function: bool,
}

/// What the closure reads of a function definition's body, by the definition's item. Asked
/// only of the functions the closure reaches: the bodies of the others are never resolved or
/// typed (a live patch of one function of a kernel TU reaches a few dozen of its thousands),
/// and the closure depends on the bodies it read only.
pub trait FunctionBodies {
    /// The resolution of the definition's declarator, parameters and body.
    fn resolution(&self, item: ItemId) -> Option<Arc<Resolution>>;
    /// The tags whose types the body's expressions need complete, by name.
    fn complete_tags(&self, item: ItemId) -> Option<Arc<FxHashSet<TagId>>>;
    /// Runs `work`, which reads the bodies of `items` in their order, while these are read
    /// ahead (from the last) where another core can.
    fn reading_ahead(&self, items: &[ItemId], work: &mut dyn FnMut()) {
        let _ = items;
        work();
    }
}

/// What a round must respect, from the rounds before it.
#[derive(Debug, Default)]
struct Constraints {
    /// Functions to externalize whatever the policy prefers: copied code takes their
    /// address.
    forced: FxHashSet<EntityId>,
    /// Functions to copy rather than make pointers: a static initializer takes their
    /// address.
    copied_for_address: FxHashSet<EntityId>,
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
    let mut constraints = Constraints::default();
    let mut tried: Vec<FxHashSet<EntityId>> = Vec::new();
    let mut growing = false;
    loop {
        // What the policy said in an earlier round is said again when asked again.
        oracle.take_diagnostics();
        let mut walk = walk::Walk::new(input, &constraints);
        walk.run(oracle)?;
        let mut forced: FxHashSet<EntityId> = if growing {
            constraints.forced.clone()
        } else {
            (constraints.forced.intersection(&walk.address_taken))
                .copied()
                .collect()
        };
        forced.extend(walk.to_force);
        let copy = walk.pointers_in_static_initializers();
        let copies_more = !copy.is_subset(&constraints.copied_for_address);
        if forced == constraints.forced && !copies_more {
            let tag_edits = walk.declare_tags();
            return edits::plan(walk, oracle, tag_edits);
        }
        constraints.copied_for_address.extend(copy);
        growing |= tried.contains(&forced);
        tried.push(std::mem::replace(&mut constraints.forced, forced));
    }
}
