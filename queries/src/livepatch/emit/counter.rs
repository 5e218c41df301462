//! `__COUNTER__`: each expansion takes the next value, so copied text that expands it again
//! gets other values than the TU gave it (the kernel's `BUILD_BUG_ON` and `READ_ONCE` name
//! symbols `__compiletime_assert_N` after it). The live patch's own expansions are counted
//! as they come: the pre-included headers', the copied text's, and an `#include`'s, which
//! reads its header and every file that header includes that the live patch did not read
//! before (files the live patch copies from are not read: their include guards are
//! defined); each file expands as often as it did in the TU. Before copied text whose first
//! value is ahead of the count, an `#if` line expands `__COUNTER__` as often as it takes to
//! catch up. (Text written out already has its values as numbers.)

use rustc_hash::FxHashSet;
use syntax::pp::PreprocessedTu;
use syntax::pp::provenance::{ExpansionId, FileId, InclusionId, InclusionKind, Origin, OriginId};

use crate::livepatch::include_graph::IncludeGraph;

use super::tokens::OutToken;
use super::{Emitter, Piece};

/// The `__COUNTER__` expansions whose values reach the TU's output: their values, and
/// where in the output they are.
#[derive(Debug, Default)]
pub(super) struct CounterUses {
    /// By position in the output (sorted), the value.
    uses: Vec<(u32, u32)>,
    /// By file, how many values its text took (its readings together).
    by_file: rustc_hash::FxHashMap<FileId, u32>,
    /// The value of each expansion of `__COUNTER__`.
    values: rustc_hash::FxHashMap<ExpansionId, u32>,
}

/// What a piece of the output does to the count.
#[derive(Debug, Clone, Default)]
pub(super) enum Counting {
    #[default]
    Nothing,
    /// An `#include`d header: what it did in the TU.
    Inclusion(InclusionId),
    /// Copied text: expands these values of the TU, in order.
    Values(Vec<u32>),
}

impl CounterUses {
    pub(super) fn new(pp: &PreprocessedTu) -> CounterUses {
        let counter = (pp.provenance.expansions.iter().enumerate())
            .filter(|(_, e)| pp.interner.resolve(pp.macros.def(e.macro_id).name) == "__COUNTER__")
            .map(|(index, _)| ExpansionId(index as u32));
        let values: rustc_hash::FxHashMap<ExpansionId, u32> = counter
            .enumerate()
            .map(|(value, id)| (id, value as u32))
            .collect();
        let mut uses = Vec::new();
        let mut by_file: rustc_hash::FxHashMap<FileId, u32> = rustc_hash::FxHashMap::default();
        if !values.is_empty() {
            let mut seen = FxHashSet::default();
            for (position, token) in pp.tokens.iter().enumerate() {
                for_each_counter_expansion(pp, token.origin, |id| {
                    if seen.insert(id)
                        && let Some(&value) = values.get(&id)
                    {
                        uses.push((position as u32, value));
                        let (file, _, _) = pp.provenance.outermost_expansion_point(token.origin);
                        *by_file.entry(file).or_default() += 1;
                    }
                });
            }
        }
        CounterUses {
            uses,
            by_file,
            values,
        }
    }

    /// How many values were taken in the output range `from..to`.
    fn taken_in(&self, (from, to): (u32, u32)) -> u32 {
        let start = self.uses.partition_point(|&(p, _)| p < from);
        let end = self.uses.partition_point(|&(p, _)| p < to);
        (end - start) as u32
    }
}

fn counter_uses<'e>(e: &'e Emitter<'_>) -> &'e CounterUses {
    &e.tables.counter_uses
}

/// Calls `found` with each `__COUNTER__` expansion a token's value comes from (as an
/// argument, or pasted), in the order of a depth-first walk from the right. Most tokens come
/// from no paste: their chain of arguments is followed without a list of pending origins.
pub(super) fn for_each_counter_expansion(
    pp: &PreprocessedTu,
    origin: OriginId,
    mut found: impl FnMut(ExpansionId),
) {
    let mut pending: Vec<OriginId> = Vec::new();
    let mut next = Some(origin);
    while let Some(origin) = next.or_else(|| pending.pop()) {
        next = None;
        match pp.provenance.origin(origin) {
            Origin::MacroArg { arg, .. } => next = Some(arg),
            Origin::Pasted { lhs, rhs, .. } => {
                pending.push(lhs);
                next = Some(rhs);
            }
            Origin::Builtin { expansion } => found(expansion),
            _ => {}
        }
    }
}

/// The values of `__COUNTER__` the copied (not written out) tokens expand again.
pub(super) fn counter_values(
    e: &Emitter<'_>,
    tokens: &[OutToken],
    written_out: &FxHashSet<ExpansionId>,
) -> Counting {
    let uses = counter_uses(e);
    if uses.values.is_empty() {
        return Counting::Nothing;
    }
    let mut values = Vec::new();
    for token in tokens {
        let Some(pp_token) = e.pp.tokens.get(token.pp) else {
            continue;
        };
        let outermost = e.outermost(pp_token.origin);
        if outermost.is_some_and(|e| written_out.contains(&e)) {
            continue;
        }
        for_each_counter_expansion(e.pp, pp_token.origin, |id| {
            values.extend(uses.values.get(&id));
        });
    }
    values.sort_unstable();
    values.dedup();
    if values.is_empty() {
        Counting::Nothing
    } else {
        Counting::Values(values)
    }
}

/// For each piece (in output order), how many `__COUNTER__` values to take before it.
pub(super) fn counter_advances(e: &Emitter<'_>, pieces: &[Piece]) -> Vec<u32> {
    let uses = counter_uses(e);
    let provenance = &e.pp.provenance;
    let mut count: u32 = (provenance.inclusions.iter())
        .filter(|i| matches!(i.kind, InclusionKind::PreInclude | InclusionKind::Imacros))
        .map(|i| uses.taken_in(i.positions))
        .sum();
    let mut advances = Vec::with_capacity(pieces.len());
    if uses.values.is_empty() {
        advances.resize(pieces.len(), 0);
        return advances;
    }
    let graph = IncludeGraph::new(e.pp);
    // The build of the live patch pre-includes what the TU's did.
    let mut read: FxHashSet<FileId> = (provenance.inclusions.iter())
        .filter(|i| matches!(i.kind, InclusionKind::PreInclude | InclusionKind::Imacros))
        .flat_map(|i| graph.reachable(i.file, |_| true))
        .collect();
    for piece in pieces {
        let mut advance = 0;
        match &piece.counting {
            Counting::Nothing => {}
            Counting::Inclusion(inclusion) => {
                if let Some(header) = provenance.inclusions.get(inclusion.0 as usize) {
                    let covered = |f| e.coverage.covering(f).is_some();
                    for file in graph.reachable(header.file, covered) {
                        if read.insert(file) {
                            count += uses.by_file.get(&file).copied().unwrap_or(0);
                        }
                    }
                }
            }
            Counting::Values(values) => {
                let first = values.first().copied().unwrap_or(count);
                advance = first.saturating_sub(count);
                count = count.max(first) + values.len() as u32;
            }
        }
        advances.push(advance);
    }
    advances
}

/// The lines that take `advance` values of `__COUNTER__`.
pub(super) fn advance_lines(advance: u32) -> String {
    let terms = vec!["__COUNTER__"; advance as usize].join(" + ");
    format!("/* klp-ccp: __COUNTER__ taken to its value in the TU */\n#if {terms}\n#endif\n")
}
