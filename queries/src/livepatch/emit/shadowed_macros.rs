//! New names that a macro would expand.
//!
//! A renamed symbol's new name may be a macro's name where the live patch writes it (a
//! `#define klpp_f ...` in the TU). The live patch then undefines the macro before the item
//! and defines it again, with its own `#define` line, before the item next invokes it, or
//! after the item when it does not (macros-13).

use rustc_hash::{FxHashMap, FxHashSet};
use syntax::pp::macros::{MacroEvent, MacroId};
use syntax::pp::provenance::FileId;

use super::Emitter;
use super::directives::directive_line;
use super::tokens::OutToken;
use crate::livepatch::source_text::directive_text;

/// Makes room for the new names of an item's tokens that a macro shadows: the `#undef`s
/// and `#define`s around them go into the tokens' surrounding text. Returns the macros
/// to undefine before the item.
pub(super) fn unshadow_new_names(e: &Emitter<'_>, tokens: &mut [OutToken]) -> Vec<String> {
    let clashes: Vec<(usize, String, MacroId)> = tokens
        .iter()
        .enumerate()
        .filter_map(|(index, token)| {
            let text = token.text.as_deref()?;
            let name = new_name(text)?;
            let id = macro_defined_at(e, name, token.pp)?;
            // A function-like macro expands only where a `(` follows its name.
            let next = tokens.get(index + 1).and_then(|t| e.pp.tokens.get(t.pp));
            let called = text == name && next.is_some_and(|t| e.pp.spelling(t) == "(");
            let expands = !e.pp.macros.def(id).is_function_like() || called;
            expands.then(|| (index, name.to_owned(), id))
        })
        .collect();
    if clashes.is_empty() {
        return Vec::new();
    }
    let shadowed: FxHashSet<MacroId> = clashes.iter().map(|c| c.2).collect();
    let invocations = invocation_points(e, &shadowed);
    let mut undefined: FxHashMap<MacroId, bool> = FxHashMap::default();
    let mut before_item = Vec::new();
    for (index, token) in tokens.iter_mut().enumerate() {
        let invocation = invocation_range(e, token);
        for (&id, is_undefined) in undefined.iter_mut() {
            let invokes = |(file, start, end): (FileId, u32, u32)| {
                (invocations.get(&id).into_iter().flatten())
                    .any(|&(f, at)| f == file && start <= at && at < end)
            };
            if *is_undefined && invocation.is_some_and(invokes) {
                prepend(&mut token.before, &define_line(e, id));
                *is_undefined = false;
            }
        }
        for (_, name, id) in clashes.iter().filter(|c| c.0 == index) {
            match undefined.insert(*id, true) {
                None => before_item.push(format!("#undef {name}")),
                Some(false) => prepend(&mut token.before, &format!("\n#undef {name}\n")),
                Some(true) => {}
            }
        }
    }
    let restore: Vec<MacroId> = (undefined.iter())
        .filter(|(_, undefined)| **undefined)
        .map(|(id, _)| *id)
        .collect();
    if let Some(last) = tokens.last_mut() {
        for id in restore {
            let after = last.after.get_or_insert_with(String::new);
            after.push_str(&define_line(e, id));
        }
    }
    before_item
}

/// The macro named `name` defined where preprocessor token `position` was read.
pub(super) fn macro_defined_at(e: &Emitter<'_>, name: &str, position: usize) -> Option<MacroId> {
    let symbol = e.pp.interner.get(name)?;
    let mut defined = None;
    let events = e.pp.macros.events.iter().zip(&e.pp.event_positions);
    for (event, _) in events.take_while(|(_, at)| **at as usize <= position) {
        match *event {
            MacroEvent::Define(id) if e.pp.macros.def(id).name == symbol => defined = Some(id),
            MacroEvent::Undef { name, .. } if name == symbol => defined = None,
            _ => {}
        }
    }
    defined
}

/// Where the invocations of the given macros were written (their name; inside the
/// arguments of an outer invocation when written there).
pub(super) fn invocation_points(
    e: &Emitter<'_>,
    macros: &FxHashSet<MacroId>,
) -> FxHashMap<MacroId, Vec<(FileId, u32)>> {
    let provenance = &e.pp.provenance;
    let mut points: FxHashMap<MacroId, Vec<(FileId, u32)>> = FxHashMap::default();
    for expansion in (provenance.expansions.iter()).filter(|e| macros.contains(&e.macro_id)) {
        let (file, start, _) = provenance.outermost_expansion_point(expansion.name);
        points
            .entry(expansion.macro_id)
            .or_default()
            .push((file, start));
    }
    points
}

/// The source range of the outermost invocation a token comes from.
pub(super) fn invocation_range(e: &Emitter<'_>, token: &OutToken) -> Option<(FileId, u32, u32)> {
    let origin = e.pp.tokens.get(token.pp)?.origin;
    Some(e.invocation_place(e.outermost(origin)?))
}

/// The macro's `#define` line, on a line of its own.
pub(super) fn define_line(e: &Emitter<'_>, id: MacroId) -> String {
    let line =
        e.pp.macros
            .defs
            .get(id.0 as usize)
            .and_then(|d| d.directive)
            .and_then(|(file, start, end)| directive_line(e, file, start, end));
    match line {
        Some(line) => format!("\n{}\n", directive_text(line)),
        None => String::new(),
    }
}

/// The identifier an edit writes (`klpe_x` of `(*klpe_x)`).
fn new_name(text: &str) -> Option<&str> {
    let name = text.trim_start_matches("(*").trim_end_matches(')');
    crate::livepatch::is_identifier(name).then_some(name)
}

fn prepend(slot: &mut Option<String>, text: &str) {
    let rest = slot.take().unwrap_or_default();
    *slot = Some(format!("{text}{rest}"));
}
