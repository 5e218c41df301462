//! Which functions of a TU a fix changes, and why: the rule that makes a diff a patched set.
//!
//! - A function of the TU's own file whose definition differs after preprocessing is
//!   patched: its text changed (`body changed`), or a macro it expands did (`uses changed
//!   macro X`), or something else made it preprocess differently (`expands differently`:
//!   a conditional, an include). Moving it (`__LINE__`) or editing a comment does not count.
//! - A function new in the patched TU is not patched: it is copied as a callee.
//! - A function defined in a header is not patched itself (the changed header cannot be
//!   included, and an inline has no symbol of its own); the TU's functions that use it,
//!   directly or through other functions of headers, are patched instead (`calls changed
//!   inline Y`).

use std::collections::BTreeMap;
use std::path::Path;

use queries::definitions::FunctionDefinition;

use super::tree::Overlay;

/// A function the fix patches, with why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatchedFunction {
    pub name: String,
    pub reasons: Vec<String>,
}

/// What a fix changes in one TU.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Changes {
    /// In source order.
    pub patched: Vec<PatchedFunction>,
    /// Functions the patched TU defines and the pristine one does not.
    pub new_functions: Vec<String>,
    /// Changed functions of headers (not patched themselves).
    pub changed_in_headers: Vec<String>,
}

/// The changes between the `pristine` and `patched` definitions of a TU compiled in
/// `directory`; `refers_to(f, g)` says whether the patched TU's function `f` uses function `g`.
pub fn changes(
    pristine: &[FunctionDefinition],
    patched: &[FunctionDefinition],
    overlay: &Overlay,
    directory: &Path,
    refers_to: &dyn Fn(&str, &str) -> bool,
) -> Changes {
    let before = by_name(pristine);
    let mut changes = Changes::default();
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    let mut header_changes: Vec<&str> = Vec::new();
    for definition in patched {
        let occurrence = seen.entry(definition.name()).or_default();
        let old = before
            .get(definition.name())
            .and_then(|defs| defs.get(*occurrence));
        *occurrence += 1;
        let Some(old) = old else {
            if !before.contains_key(definition.name()) {
                changes.new_functions.push(definition.name().to_owned());
            }
            continue;
        };
        if old.text == definition.text {
            continue;
        }
        if definition.span.in_header {
            header_changes.push(definition.name());
            continue;
        }
        let reasons = vec![reason(old, definition, overlay, directory)];
        changes.patched.push(PatchedFunction {
            name: definition.name().to_owned(),
            reasons,
        });
    }
    changes.changed_in_headers = header_changes.iter().map(|&n| n.to_owned()).collect();
    patch_users_of_headers(&mut changes, patched, &header_changes, refers_to);
    changes
}

/// Why a function of the TU's own file preprocesses differently.
fn reason(
    old: &FunctionDefinition,
    new: &FunctionDefinition,
    overlay: &Overlay,
    directory: &Path,
) -> String {
    let edited = overlay
        .changed_from(directory, &new.span.file)
        .is_some_and(|file| {
            let (first, last) = (new.span.lines.0 as usize, new.span.lines.1 as usize);
            file.touched_lines
                .iter()
                .any(|&line| (first..=last).contains(&line))
        });
    if edited {
        return "body changed".to_owned();
    }
    let changed_macros: Vec<&str> = (new.macros.iter())
        .filter(|(name, definition)| {
            (old.macros.iter())
                .all(|(old_name, old_definition)| old_name != name || old_definition != definition)
        })
        .map(|(name, _)| name.as_str())
        .collect();
    match changed_macros.as_slice() {
        [] => "expands differently".to_owned(),
        [one] => format!("uses changed macro {one}"),
        many => format!("uses changed macros {}", many.join(", ")),
    }
}

/// The functions of the TU's own file that use a changed function of a header, directly or
/// through other functions of headers, become patched.
fn patch_users_of_headers(
    changes: &mut Changes,
    patched: &[FunctionDefinition],
    header_changes: &[&str],
    refers_to: &dyn Fn(&str, &str) -> bool,
) {
    if header_changes.is_empty() {
        return;
    }
    // The functions of headers that reach a changed one, each with the changed one it
    // reaches: grown until nothing more is found.
    let mut reaching: BTreeMap<&str, &str> = header_changes.iter().map(|&n| (n, n)).collect();
    loop {
        let before = reaching.len();
        for definition in patched.iter().filter(|d| d.span.in_header) {
            if reaching.contains_key(definition.name()) {
                continue;
            }
            if let Some((_, changed)) = uses_one_of(definition, &reaching, refers_to) {
                reaching.insert(definition.name(), changed);
            }
        }
        if reaching.len() == before {
            break;
        }
    }
    for definition in patched.iter().filter(|d| !d.span.in_header) {
        let Some((callee, changed)) = uses_one_of(definition, &reaching, refers_to) else {
            continue;
        };
        let why = if callee == changed {
            format!("calls changed inline {changed}")
        } else {
            format!("calls changed inline {changed} (through {callee})")
        };
        match changes
            .patched
            .iter_mut()
            .find(|p| p.name == definition.name())
        {
            Some(known) => known.reasons.push(why),
            None => changes.patched.push(PatchedFunction {
                name: definition.name().to_owned(),
                reasons: vec![why],
            }),
        }
    }
    let order: BTreeMap<&str, usize> = (patched.iter().enumerate())
        .map(|(i, d)| (d.name(), i))
        .rev()
        .collect();
    (changes.patched).sort_by_key(|p| order.get(p.name.as_str()).copied());
}

/// The function of `reaching` that `definition` uses, if any, with the changed function it
/// reaches. Its tokens are looked at first: name resolution only runs for a function that
/// names one.
fn uses_one_of<'d, 'a>(
    definition: &'d FunctionDefinition,
    reaching: &BTreeMap<&str, &'a str>,
    refers_to: &dyn Fn(&str, &str) -> bool,
) -> Option<(&'d str, &'a str)> {
    let mut named: Vec<&str> = (definition.text.split(' '))
        .filter(|token| reaching.contains_key(token))
        .collect();
    named.sort_unstable();
    named.dedup();
    let callee = (named.into_iter())
        .find(|&callee| callee != definition.name() && refers_to(definition.name(), callee))?;
    Some((callee, reaching.get(callee).copied()?))
}

fn by_name(definitions: &[FunctionDefinition]) -> BTreeMap<&str, Vec<&FunctionDefinition>> {
    let mut map: BTreeMap<&str, Vec<&FunctionDefinition>> = BTreeMap::new();
    for definition in definitions {
        map.entry(definition.name()).or_default().push(definition);
    }
    map
}
