//! The live patch laid out: the items' pieces, each at the position in the TU's output it
//! stands for, the headers included instead of copied (for the items and for the macros
//! the copied text uses), the `#define`s that text needs, in the order they are written.

use rustc_hash::{FxHashMap, FxHashSet};
use syntax::pp::macros::MacroId;
use syntax::pp::provenance::{ExpansionId, InclusionId};
use syntax::pp::token::Symbol;
use syntax::syntax_kind::{SyntaxKind, SyntaxNode};

use super::assemble::assemble;
use super::conditionals::ChainId;
use super::counter::Counting;
use super::directives::{define_pieces, include_pieces, predeclaration_macros};
use super::header_macros::header_macro_needs;
use super::lines::line_mark;
use super::render::{CopiedRanges, render};
use super::shadowed_macros::unshadow_new_names;
use super::tokens::{OutToken, Segment, covering_inclusion, item_tokens, merged_items, segments};
use super::{Emitter, Piece, rank};
use crate::livepatch::plan::ItemForm;

/// What the items make of the live patch, and what that needs.
pub(super) struct Layout {
    pieces: Vec<Piece>,
    /// The headers included.
    pub includes: FxHashSet<InclusionId>,
    /// The macros the copied text uses.
    used_macros: FxHashSet<MacroId>,
    /// Those the predeclarations use (and the conditionals around them).
    early_macros: FxHashSet<MacroId>,
    /// The text copied (sorted).
    copied: CopiedRanges,
    /// The `#define`s and `#undef`s written, with the names they are of.
    defines: Vec<(Piece, Symbol)>,
}

impl Layout {
    /// The names of the macros `#define`d (not those `#undef`ed), in the order written.
    pub(super) fn defined(&self) -> Vec<Symbol> {
        let mut names = Vec::new();
        for (piece, name) in &self.defines {
            let directive = piece.text.trim_start().trim_start_matches('#').trim_start();
            if directive.starts_with("define") && !names.contains(name) {
                names.push(*name);
            }
        }
        names
    }
}

/// What the items make of the live patch, gathered before the directives they need.
#[derive(Default)]
struct Gathered {
    pieces: Vec<Piece>,
    /// The headers included.
    pub includes: FxHashSet<InclusionId>,
    /// The text copied.
    copied: CopiedRanges,
    /// The text copied for predeclarations, by the inclusion they stand before.
    predeclared: FxHashMap<InclusionId, CopiedRanges>,
}

pub(super) fn run(e: &Emitter<'_>) -> String {
    run_laid(e, layout(e))
}

/// Writes the live patch laid out as `laid` (by `layout` with an emitter of the same plan).
pub(super) fn run_laid(e: &Emitter<'_>, laid: Layout) -> String {
    let Layout {
        mut pieces,
        includes,
        early_macros,
        defines,
        ..
    } = laid;
    pieces.extend(include_pieces(e, &includes));
    let early_names: FxHashSet<Symbol> = (early_macros.iter())
        .filter_map(|id| Some(e.pp.macros.defs.get(id.0 as usize)?.name))
        .collect();
    for (mut piece, name) in defines {
        if early_names.contains(&name) {
            piece.rank = rank::EARLY_DEFINE;
            piece.order = None;
        }
        pieces.push(piece);
    }
    let positions = &e.pp.event_positions;
    pieces.sort_by_key(|p| {
        // What stands before an `#include` comes after the events at its position;
        // an item after all of them.
        let order = p.order.unwrap_or_else(|| {
            let before_include = p.rank < rank::DEFINE;
            positions.partition_point(|&q| q < p.position || (!before_include && q == p.position))
                as u32
        });
        (p.position, order, p.rank)
    });
    assemble(e, &pieces)
}

/// The pieces of the items, the headers the live patch includes (for the items and for
/// the macros they use), and the macros the copied text uses.
pub(super) fn layout(e: &Emitter<'_>) -> Layout {
    let mut gathered = Gathered::default();
    for (node, tokens, cut) in merged_items(e) {
        let segments = segments(e, &tokens);
        if segments.len() > 1 {
            gather_pieces_across_includes(e, &tokens, segments, &cut, &mut gathered);
        } else {
            gather_item(e, &node, tokens, cut, &mut gathered);
        }
    }
    let Gathered {
        mut pieces,
        mut includes,
        mut copied,
        mut predeclared,
    } = gathered;
    let mut early = CopiedRanges::default();
    for (inclusion, ranges) in &mut predeclared {
        pieces.extend(predeclaration_macros(e, *inclusion, ranges));
        early.extend(ranges);
    }
    // The conditionals written around pieces test macros too.
    for piece in &pieces {
        let Some(written) = piece.source else {
            continue;
        };
        let predeclared = matches!(piece.rank, rank::PREDEFINE | rank::PREDECLARATION);
        for chain in e.enclosing(written) {
            for range in e.conditionals.directive_lines(chain) {
                copied.add((written.file, range.0, range.1));
                if predeclared {
                    early.add((written.file, range.0, range.1));
                }
            }
        }
    }
    let used = used_macros_with_headers(e, &mut copied, &mut includes);
    let early_macros = used_macros(e, &mut early, &mut FxHashSet::default());
    let mut layout = Layout {
        pieces,
        includes,
        used_macros: used,
        early_macros,
        copied,
        defines: Vec::new(),
    };
    settle_defines(e, &mut layout);
    layout
}

/// The `#define`s the copied text needs, and what that adds: the conditionals written
/// around them test macros too, which may need more `#define`s (or `#include`s), until
/// no new conditional is written.
fn settle_defines(e: &Emitter<'_>, layout: &mut Layout) {
    let mut accounted: FxHashSet<ChainId> = FxHashSet::default();
    loop {
        let includes = &layout.includes;
        let last_include = includes.iter().map(|&i| e.coverage.position(i)).max();
        let defines = define_pieces(e, &layout.used_macros, last_include, &layout.copied);
        let mut grew = false;
        for written in defines.iter().filter_map(|(piece, _)| piece.source) {
            for chain in e.enclosing(written) {
                if accounted.insert(chain) {
                    grew = true;
                    for range in e.conditionals.directive_lines(chain) {
                        layout.copied.add((written.file, range.0, range.1));
                    }
                }
            }
        }
        if !grew {
            layout.defines = defines;
            return;
        }
        layout.used_macros = used_macros_with_headers(e, &mut layout.copied, &mut layout.includes);
    }
}

/// An item written across an `#include`: the header's part is its `#include`, the rest
/// is copied piece by piece, each under its file's marker.
fn gather_pieces_across_includes(
    e: &Emitter<'_>,
    tokens: &[OutToken],
    segments: Vec<(Segment, std::ops::Range<usize>)>,
    cut: &FxHashSet<ExpansionId>,
    gathered: &mut Gathered,
) {
    let last = segments.len().saturating_sub(1);
    for (index, (source, range)) in segments.into_iter().enumerate() {
        let part = &tokens[range];
        match source {
            Segment::Included(inclusion) => {
                gathered.includes.insert(inclusion);
            }
            Segment::Copied(_) => {
                let Some(first) = part.first() else { continue };
                let rendered = render(e, part, cut, &mut gathered.copied);
                let line = line_mark(e, part, &rendered);
                gathered.pieces.push(Piece {
                    position: first.pp as u32,
                    rank: rank::ITEM,
                    source: rendered.source,
                    text: rendered.text,
                    ends_item: index == last,
                    line,
                    counting: rendered.counting,
                    order: None,
                });
            }
        }
    }
}

/// An item from one file: copied, or provided by an included header (and then written
/// besides only when edited).
fn gather_item(
    e: &Emitter<'_>,
    node: &SyntaxNode,
    tokens: Vec<OutToken>,
    cut: FxHashSet<ExpansionId>,
    gathered: &mut Gathered,
) {
    let Some(first) = tokens.first() else {
        return;
    };
    let mut position = first.pp as u32;
    let mut rank = rank::ITEM;
    let mut tokens = (tokens, cut);
    if let Some(inclusion) = covering_inclusion(e, &tokens.0) {
        gathered.includes.insert(inclusion);
        let edited = (tokens.0.iter()).any(|t| t.text.is_some() || t.before.is_some());
        if !edited {
            return;
        }
        // An edited declaration in an included header is written besides: a renamed or
        // pointer declaration after the header; a copied function's `static` declaration
        // before it, so that the header's definition is internal too.
        if node.kind() == SyntaxKind::FUNCTION_DEF {
            tokens = item_tokens(e, node, ItemForm::Prototype);
            position = e.coverage.position(inclusion);
            rank = rank::PREDECLARATION;
        }
    }
    let copied_to = match covering_inclusion(e, &tokens.0) {
        Some(inclusion) if rank == rank::PREDECLARATION => {
            gathered.predeclared.entry(inclusion).or_default()
        }
        _ => &mut gathered.copied,
    };
    // Stable sorting keeps these before the item.
    for undef in unshadow_new_names(e, &mut tokens.0) {
        gathered.pieces.push(Piece {
            position,
            rank,
            source: None,
            text: undef,
            ends_item: false,
            line: None,
            counting: Counting::Nothing,
            order: None,
        });
    }
    let rendered = render(e, &tokens.0, &tokens.1, copied_to);
    let line = (rank == rank::ITEM)
        .then(|| line_mark(e, &tokens.0, &rendered))
        .flatten();
    gathered.pieces.push(Piece {
        position,
        rank,
        source: rendered.source,
        text: rendered.text,
        ends_item: rank == rank::ITEM,
        line,
        counting: rendered.counting,
        order: None,
    });
}

/// The macros the copied text uses (as `used_macros` finds them), and those the included
/// headers use from outside them, until no header is added for them.
fn used_macros_with_headers(
    e: &Emitter<'_>,
    copied: &mut CopiedRanges,
    includes: &mut FxHashSet<InclusionId>,
) -> FxHashSet<MacroId> {
    let mut used = used_macros(e, copied, includes);
    loop {
        let (headers, defined) = header_macro_needs(e, includes);
        used.extend(defined);
        let before = includes.len();
        includes.extend(headers);
        if includes.len() == before {
            return used;
        }
    }
}

/// The macros invoked in the copied text (the invocations it retains, and those they
/// expand in turn), noting the headers that must be included for their definitions.
fn used_macros(
    e: &Emitter<'_>,
    copied: &mut CopiedRanges,
    includes: &mut FxHashSet<InclusionId>,
) -> FxHashSet<MacroId> {
    copied.sort();
    let uses = e.macro_uses();
    let mut used = FxHashSet::default();
    let within = copied
        .iter()
        .flat_map(|(file, start, end)| uses.within(file, start, end));
    // A use in stretches that overlap is met again: `used` has it then.
    for &(file, start, macro_id) in within {
        if !copied.contains(file, start) || !used.insert(macro_id) {
            continue;
        }
        let definition = e.pp.macros.defs.get(macro_id.0 as usize);
        if let Some((file, _, _)) = definition.and_then(|d| d.directive)
            && let Some(inclusion) = e.coverage.covering(file)
        {
            includes.insert(inclusion);
        }
    }
    used
}
