//! Macro invocations that expand to nothing, written next to an invocation the live patch
//! writes out expanded (`A()G()B()`, `G()` making a renamed symbol): they go with it, as
//! nothing, rather than stay as invocations of macros the live patch would have to define
//! (macros-12).

use rustc_hash::{FxHashMap, FxHashSet};
use syntax::pp::PreprocessedTu;
use syntax::pp::provenance::{ExpansionId, FileId, Origin};

use super::Emitter;

/// The invocations written in files that expand to no token, by where they start and end.
#[derive(Debug, Default)]
pub(super) struct EmptyInvocations {
    by_start: FxHashMap<(FileId, u32), u32>,
    by_end: FxHashMap<(FileId, u32), u32>,
}

impl EmptyInvocations {
    pub(super) fn new(pp: &PreprocessedTu) -> EmptyInvocations {
        let provenance = &pp.provenance;
        let productive: FxHashSet<ExpansionId> = (pp.tokens.iter())
            .filter_map(|t| provenance.outermost_expansion(t.origin))
            .collect();
        let mut empty = EmptyInvocations::default();
        for (index, expansion) in provenance.expansions.iter().enumerate() {
            let id = ExpansionId(index as u32);
            let Origin::Source { file, start, end } = provenance.origin(expansion.name) else {
                continue;
            };
            if productive.contains(&id) {
                continue;
            }
            let end = expansion
                .close
                .map_or(end, |close| provenance.expansion_point(close).2);
            empty.by_start.insert((file, start), end);
            empty.by_end.insert((file, end), start);
        }
        empty
    }
}

/// `start..end` of `file` widened over the invocations expanding to nothing right before
/// and after it on its line.
pub(super) fn with_empty_neighbours(
    e: &Emitter<'_>,
    file: FileId,
    (start, end): (u32, u32),
) -> (u32, u32) {
    let empty = (e.tables.empty_invocations).get_or_init(|| EmptyInvocations::new(e.pp));
    let text = e.file_text(file);
    let blank = |from: usize, to: usize| {
        text.get(from..to)
            .is_some_and(|t| t.chars().all(|c| c == ' ' || c == '\t'))
    };
    let (mut start, mut end) = (start, end);
    loop {
        let before = text
            .get(..start as usize)
            .map_or(0, |t| t.trim_end_matches([' ', '\t']).len() as u32);
        match empty.by_end.get(&(file, before)) {
            Some(&from) if blank(before as usize, start as usize) => start = from,
            _ => break,
        }
    }
    loop {
        let rest = text.get(end as usize..).unwrap_or_default();
        let after = end + (rest.len() - rest.trim_start_matches([' ', '\t']).len()) as u32;
        match empty.by_start.get(&(file, after)) {
            Some(&to) => end = to,
            None => break,
        }
    }
    (start, end)
}
