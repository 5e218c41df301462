//! The questions about symbols the closure asks the policy.

use super::facts::Facts;
use crate::livepatch::oracle::{Oracle, SymbolChangeKind};
use crate::livepatch::plan::PlanDiagnostic;
use crate::livepatch::policy::{PolicyFailure, SymbolChange};
use crate::sema::{Anchor, EntityId, Linkage};

/// Whether references to function `entity` can be bound to the running kernel's.
pub(super) fn can_externalize(
    facts: Facts<'_>,
    oracle: &mut dyn Oracle,
    entity: EntityId,
) -> Result<bool, PolicyFailure> {
    let scope = facts.scope();
    let definition = facts.definition_anchor(entity).map(|at| {
        let external = scope.entity(entity).linkage == Linkage::External;
        (external, at)
    });
    oracle.can_externalize_fun(facts.name(entity), definition, facts.first_anchor(entity))
}

/// Asks for a symbol's new name and linkage, again while a new name clashes with an
/// identifier the TU declares; after `MAX_RENAME_RETRIES` the last answer is taken, and the
/// clash reported.
pub(super) fn symbol_change(
    facts: Facts<'_>,
    oracle: &mut dyn Oracle,
    diagnostics: &mut Vec<PlanDiagnostic>,
    (name, at): (&str, Anchor),
    kind: SymbolChangeKind,
) -> Result<SymbolChange, PolicyFailure> {
    let mut retry = 0;
    loop {
        let change = oracle.symbol_change(kind.question(name, retry), at)?;
        let clashes = change.new_name != name && facts.is_declared(&change.new_name);
        if !clashes {
            return Ok(change);
        }
        if retry >= MAX_RENAME_RETRIES {
            diagnostics.push(PlanDiagnostic {
                at,
                through: None,
                error: true,
                message: format!(
                    "the policy's new name for \"{name}\" is still \"{}\", which the TU \
                     declares, after {retry} retries",
                    change.new_name
                ),
            });
            return Ok(change);
        }
        retry += 1;
    }
}

/// How often a clashing new name is asked for again.
const MAX_RENAME_RETRIES: u32 = 100;
