//! The directives the live patch writes besides the copied text: the `#include`s of the
//! headers it includes, the `#define`s and `#undef`s of the macros its text uses (each where
//! it was), those a predeclaration before an `#include` needs.

use std::path::Path;

use rustc_hash::FxHashSet;
use syntax::pp::macros::{MacroEvent, MacroId};
use syntax::pp::provenance::{COMMAND_LINE, FileId, InclusionId, Origin, OriginId};
use syntax::pp::token::Symbol;

use super::counter::Counting;
use super::render::CopiedRanges;
use super::{Emitter, Piece, Written, rank};
use crate::livepatch::source_text::{directive_text, past_open_comment};

/// The macros the predeclarations before `inclusion` invoke: their `#define`s copied
/// before them from the header, and an `#undef` after them for each that the header
/// expects undefined (it names the macro before defining it).
pub(super) fn predeclaration_macros(
    e: &Emitter<'_>,
    inclusion: InclusionId,
    copied: &mut CopiedRanges,
) -> Vec<Piece> {
    copied.sort();
    let position = e.coverage.position(inclusion);
    let provenance = &e.pp.provenance;
    let mut seen = FxHashSet::default();
    let mut pieces = Vec::new();
    for expansion in &provenance.expansions {
        let (file, start, _) = provenance.outermost_expansion_point(expansion.name);
        if !copied.contains(file, start) || !seen.insert(expansion.macro_id) {
            continue;
        }
        let Some(definition) = e.pp.macros.defs.get(expansion.macro_id.0 as usize) else {
            continue;
        };
        let Some((file, start, end)) = definition.directive else {
            continue;
        };
        let Some(text) = directive_line(e, file, start, end) else {
            continue;
        };
        pieces.push(Piece {
            position,
            rank: rank::PREDEFINE,
            source: Some(Written::new(file, position, start, end)),
            text: directive_text(text),
            ends_item: false,
            line: None,
            counting: Counting::Nothing,
            order: None,
        });
        if named_before_defined(e, inclusion, expansion.macro_id) {
            let name = e.pp.interner.resolve(definition.name);
            pieces.push(Piece {
                position,
                rank: rank::UNDEFINE,
                source: None,
                text: format!("#undef {name}"),
                ends_item: false,
                line: None,
                counting: Counting::Nothing,
                order: Some(e.events_before(inclusion)),
            });
        }
    }
    pieces
}

/// Whether the content of `inclusion` names macro `id`'s name (as a plain identifier, or
/// in a conditional directive's condition) before `id` defines it.
pub(super) fn named_before_defined(e: &Emitter<'_>, inclusion: InclusionId, id: MacroId) -> bool {
    named_before_defined_in_text(e, inclusion, id) || tested_before_defined(e, inclusion, id)
}

/// Whether a conditional directive of `inclusion`'s file names macro `id` before `id`'s
/// `#define` there (`#if defined(G)` before `#define G`).
pub(super) fn tested_before_defined(e: &Emitter<'_>, inclusion: InclusionId, id: MacroId) -> bool {
    let Some(definition) = e.pp.macros.defs.get(id.0 as usize) else {
        return false;
    };
    let Some((file, defined_at, _)) = definition.directive else {
        return false;
    };
    let name = e.pp.interner.resolve(definition.name);
    let text = e.file_text(file);
    let provenance = &e.pp.provenance;
    let in_file = |group: &&syntax::pp::provenance::ConditionalGroup| {
        group.inclusion == inclusion
            && provenance
                .inclusions
                .get(inclusion.0 as usize)
                .map(|i| i.file)
                == Some(file)
    };
    (provenance.conditionals.iter())
        .filter(in_file)
        .filter(|group| group.directive.0 < defined_at)
        .filter_map(|group| text.get(group.directive.0 as usize..group.directive.1 as usize))
        .any(|directive| {
            directive
                .split(|c: char| !c.is_ascii_alphanumeric() && c != '_')
                .any(|word| word == name)
        })
}

pub(super) fn named_before_defined_in_text(
    e: &Emitter<'_>,
    inclusion: InclusionId,
    id: MacroId,
) -> bool {
    let Some(defined_at) =
        e.pp.macros
            .events
            .iter()
            .zip(&e.pp.event_positions)
            .find(|(event, _)| matches!(event, MacroEvent::Define(d) if *d == id))
            .map(|(_, &position)| position as usize)
    else {
        return false;
    };
    let Some(definition) = e.pp.macros.defs.get(id.0 as usize) else {
        return false;
    };
    let start = e.coverage.position(inclusion) as usize;
    e.pp.tokens
        .get(start..defined_at)
        .unwrap_or_default()
        .iter()
        .any(|t| t.text == definition.name)
}

/// The `#include` lines of the needed headers, each where the header's content began.
pub(super) fn include_pieces(e: &Emitter<'_>, includes: &FxHashSet<InclusionId>) -> Vec<Piece> {
    includes
        .iter()
        .filter_map(|&inclusion| {
            let directive = e.coverage.directive_text(e.pp, inclusion)?;
            let (file, start, end) = (e.pp.provenance.inclusions)
                .get(inclusion.0 as usize)?
                .from?;
            let position = e.coverage.position(inclusion);
            Some(Piece {
                position,
                rank: rank::INCLUDE,
                source: Some(Written::new(file, position, start, end)),
                text: directive,
                ends_item: false,
                line: None,
                counting: Counting::Inclusion(inclusion),
                order: Some(e.events_before(inclusion)),
            })
        })
        .collect()
}

/// The `#define`s (and `#undef`s) of the macros used, written in files the live patch
/// copies from, each where it was.
///
/// Those before an `#include` the live patch keeps are all written: the header may test
/// or use any of them (the kernel's `pr_fmt`), and must see the state it saw.
pub(super) fn define_pieces(
    e: &Emitter<'_>,
    used: &FxHashSet<MacroId>,
    last_include: Option<u32>,
    copied: &CopiedRanges,
) -> Vec<(Piece, Symbol)> {
    let used_names: FxHashSet<_> = used
        .iter()
        .filter_map(|id| e.pp.macros.defs.get(id.0 as usize))
        .map(|d| d.name)
        .collect();
    let mut pieces = Vec::new();
    let events = e.pp.macros.events.iter().zip(&e.pp.event_positions);
    for (index, (event, &position)) in events.enumerate() {
        let before_include = last_include.is_some_and(|p| position <= p);
        let (directive, name) = match event {
            MacroEvent::Define(id) => {
                if !used.contains(id) && !before_include {
                    continue;
                }
                let Some(definition) = e.pp.macros.defs.get(id.0 as usize) else {
                    continue;
                };
                (definition.directive, definition.name)
            }
            MacroEvent::Undef { name, origin, .. } => {
                if !used_names.contains(name) && !before_include {
                    continue;
                }
                (undef_directive(e, *origin), *name)
            }
        };
        let Some((file, start, end)) = directive else {
            continue;
        };
        // A directive inside copied text (a function body's) is written with it.
        if copied.contains(file, start) {
            continue;
        }
        let Some(text) = directive_line(e, file, start, end) else {
            continue;
        };
        let mut text = directive_text(text);
        if e.pp.provenance.file(file).path == Path::new(COMMAND_LINE) {
            // The live patch is built with another command line (the kernel's
            // `KBUILD_MODNAME` names another module): what the copied code uses keeps
            // the TU's definition.
            let MacroEvent::Define(id) = event else {
                continue;
            };
            let Some(definition) = e.pp.macros.defs.get(id.0 as usize) else {
                continue;
            };
            if !used.contains(id) {
                continue;
            }
            let name = e.pp.interner.resolve(definition.name);
            text = format!("#undef {name}\n{text}");
        } else if e.coverage.covering(file).is_some() || e.coverage.is_pre_included(file) {
            continue;
        }
        let piece = Piece {
            position,
            rank: rank::DEFINE,
            source: Some(Written::new(file, position, start, end)),
            text,
            ends_item: false,
            line: None,
            counting: Counting::Nothing,
            order: Some(index as u32),
        };
        pieces.push((piece, name));
    }
    pieces
}

/// The `#undef` line whose macro name has origin `origin`.
pub(super) fn undef_directive(e: &Emitter<'_>, origin: OriginId) -> Option<(FileId, u32, u32)> {
    let Origin::Source { file, start, end } = e.pp.provenance.origin(origin) else {
        return None;
    };
    let text = e.pp.files.get(file.0 as usize)?.original_text();
    let line_start = text[..start as usize].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[end as usize..]
        .find('\n')
        .map_or(text.len(), |i| end as usize + i);
    Some((file, line_start as u32, line_end as u32))
}

/// The text of the directive line(s) from the line of `start` (its `#`) to the end of
/// the line of `last` (where the directive's last token starts) in `file`.
pub(super) fn directive_line<'e>(
    e: &'e Emitter<'_>,
    file: FileId,
    start: u32,
    last: u32,
) -> Option<&'e str> {
    let text = e.pp.files.get(file.0 as usize)?.original_text();
    let line_start = text.get(..start as usize)?.rfind('\n').map_or(0, |i| i + 1);
    let mut line_end = text
        .get(last as usize..)?
        .find('\n')
        .map_or(text.len(), |i| last as usize + i);
    // A backslash-newline after the last token continues the line (with nothing on it).
    while text
        .get(..line_end)
        .is_some_and(|t| t.trim_end_matches('\r').ends_with('\\'))
    {
        line_end = text
            .get(line_end + 1..)
            .and_then(|rest| rest.find('\n'))
            .map_or(text.len(), |i| line_end + 1 + i);
    }
    let line_end = past_open_comment(text, line_start, line_end);
    text.get(line_start..line_end)
}
