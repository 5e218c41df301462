//! The pristine TU's function definitions without parsing it, when the fix changes one
//! stretch of its preprocessed tokens: outside the stretch the two versions' tokens are the
//! same (compared as definitions are: `__LINE__` values aside), so the functions there are
//! unchanged, and a function around the stretch has its pristine tokens between the same
//! ends. Anything else (a function beginning or ending inside the stretch that is not a pure
//! insertion) asks for the pristine parse.

use queries::definitions::{FunctionDefinition, MacroTexts, comparable_spelling, definition};
use syntax::pp::PreprocessedTu;

/// The pristine definitions matching `patched` (the patched TU's, in order; new functions
/// left out), or `None` when the stretch does not tell them.
pub fn pristine_definitions(
    pristine: &PreprocessedTu,
    patched_pp: &PreprocessedTu,
    patched: &[FunctionDefinition],
) -> Option<Vec<FunctionDefinition>> {
    let (n, m) = (pristine.tokens.len(), patched_pp.tokens.len());
    let same = |i: usize, j: usize| {
        comparable_spelling(pristine, &pristine.tokens[i])
            == comparable_spelling(patched_pp, &patched_pp.tokens[j])
    };
    let prefix = (0..n.min(m)).find(|&i| !same(i, i)).unwrap_or(n.min(m));
    let room = n.min(m) - prefix;
    let suffix = (0..room)
        .find(|&k| !same(n - 1 - k, m - 1 - k))
        .unwrap_or(room);
    let (changed_from, changed_to) = (prefix, m - suffix);
    let pure_insertion = n - suffix == prefix;
    let mut macros = MacroTexts::default();
    let mut before = Vec::new();
    for def in patched {
        let (first, last) = def.span.tokens;
        if last < changed_from || first >= changed_to {
            before.push(def.clone());
        } else if first < changed_from && last >= changed_to {
            let mut span = def.span.clone();
            // The stretch's length differs between the versions by `m - n`.
            span.tokens = (first, (last + n).checked_sub(m)?);
            before.push(definition(pristine, span, &mut macros));
        } else if !(pure_insertion && first >= changed_from && last < changed_to) {
            return None;
        }
    }
    Some(before)
}
