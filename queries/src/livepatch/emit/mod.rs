//! Writing the live patch: the plan's items, cut from the source files as written (macro
//! invocations, comments and all), edited, in source order; with the `#include`s of the
//! headers that provide what is needed instead of copying it, and the `#define`s of the
//! macros the copied text invokes.
//!
//! Each emitted token is mapped back to where the user wrote it: a file token to its bytes, a
//! token a macro made to the whole outermost invocation. Runs of tokens from one file are
//! copied as one stretch of text. An edit of a file token (or of a macro argument written in
//! the file) is made in that text; an edit of a token a macro body made expands that
//! invocation, whose tokens are then written out one by one.

use rustc_hash::{FxHashMap, FxHashSet};
use syntax::parse_tu::ParsedTu;
use syntax::pp::PreprocessedTu;
use syntax::pp::provenance::{ExpansionId, FileId, InclusionId, Origin, OriginId};
use syntax::syntax_kind::{SyntaxNode, SyntaxToken};

use super::headers::Coverage;
use super::plan::Plan;
use crate::items::{ItemIndex, ItemView};
use crate::sema::ItemId;
use conditionals::{ChainId, Conditionals};
use counter::{CounterUses, Counting};
use edits::TokenEdits;
use empty_invocations::EmptyInvocations;
use macro_uses::MacroUses;

mod assemble;
mod conditionals;
mod counter;
mod directives;
mod edits;
mod empty_invocations;
mod header_macros;
mod layout;
mod lines;
mod macro_uses;
mod render;
mod shadowed_macros;
mod tokens;

pub(crate) use edits::initializer_range;

/// What emission reads: the TU (its tokens and tables, its tree and items), the plan, and
/// the headers it may include.
#[derive(Clone, Copy)]
pub struct EmitInput<'a> {
    pub pp: &'a PreprocessedTu,
    pub tables: &'a PpTables,
    pub parsed: &'a ParsedTu,
    pub index: &'a ItemIndex,
    pub plan: &'a Plan,
    pub coverage: &'a Coverage,
}

/// The live patch of a plan laid out (`EmitInput::laid_out`): what it includes known, its
/// text not written yet.
pub struct LaidOut(layout::Layout);

impl LaidOut {
    /// The headers the live patch includes (as `included_headers`).
    pub fn includes(&self) -> &FxHashSet<InclusionId> {
        &self.0.includes
    }
}

impl EmitInput<'_> {
    /// Runs `f` with an emitter of this input.
    fn with_emitter<R>(&self, f: impl FnOnce(&Emitter<'_>) -> R) -> R {
        let view = ItemView::new(self.index, &self.parsed.parse.syntax_node());
        let (pp, tables, parsed) = (self.pp, self.tables, self.parsed);
        f(&Emitter::new(
            pp,
            tables,
            parsed,
            &view,
            self.plan,
            self.coverage,
        ))
    }

    /// Writes the live patch of the plan.
    pub fn emit(&self) -> String {
        self.with_emitter(layout::run)
    }

    /// The headers the live patch includes: those providing its items, and those defining
    /// the macros its copied text uses.
    pub fn included_headers(&self) -> FxHashSet<InclusionId> {
        self.laid_out().0.includes
    }

    /// The layout of the live patch: `emit_laid_out` writes it, `included_headers` is its
    /// includes.
    pub fn laid_out(&self) -> LaidOut {
        LaidOut(self.with_emitter(layout::layout))
    }

    /// Writes the live patch laid out as `laid` (by `laid_out` of the same plan and coverage,
    /// up to the plan's diagnostics): `emit` without laying it out again.
    pub fn emit_laid_out(&self, laid: LaidOut) -> String {
        self.with_emitter(|e| layout::run_laid(e, laid.0))
    }

    /// The names of the macros the live patch `#define`s, in the order written (for
    /// `--explain`).
    pub fn written_macros(&self) -> Vec<String> {
        let defined = self.with_emitter(|e| layout::layout(e).defined());
        (defined.into_iter())
            .map(|name| self.pp.interner.resolve(name).to_owned())
            .collect()
    }
}

/// What emission reads of the preprocessed TU alone, whatever the plan: made once (a
/// query's value, `livepatch::pp_tables`) for every round's layout and the text.
#[derive(Debug)]
pub struct PpTables {
    conditionals: Conditionals,
    counter_uses: CounterUses,
    /// Found when first needed (by an emitter of any round).
    empty_invocations: std::sync::OnceLock<EmptyInvocations>,
    continued_invocations: std::sync::OnceLock<FxHashMap<ExpansionId, u32>>,
    macro_uses: std::sync::OnceLock<MacroUses>,
}

impl PpTables {
    pub fn new(pp: &PreprocessedTu) -> PpTables {
        PpTables {
            conditionals: Conditionals::new(pp),
            counter_uses: CounterUses::new(pp),
            empty_invocations: std::sync::OnceLock::new(),
            continued_invocations: std::sync::OnceLock::new(),
            macro_uses: std::sync::OnceLock::new(),
        }
    }
}

impl PpTables {
    /// Makes the tables found when first needed that every live patch reads (for a thread
    /// that makes them ahead of the emitter).
    pub fn prepare(&self, pp: &PreprocessedTu) {
        self.macro_uses.get_or_init(|| MacroUses::new(pp));
        (self.continued_invocations).get_or_init(|| continued_invocations(pp));
    }
}

/// By outermost invocation, the end of the furthest closing parenthesis in the file of an
/// invocation its expansion began, when that lies beyond its own.
fn continued_invocations(pp: &PreprocessedTu) -> FxHashMap<ExpansionId, u32> {
    let provenance = &pp.provenance;
    let mut ends: FxHashMap<ExpansionId, u32> = FxHashMap::default();
    for expansion in &provenance.expansions {
        let Some(close) = expansion.close else {
            continue;
        };
        let Origin::Source { end, .. } = provenance.origin(close) else {
            continue;
        };
        if matches!(provenance.origin(expansion.name), Origin::Source { .. }) {
            continue;
        }
        if let Some(outermost) = provenance.outermost_expansion(expansion.name) {
            let slot = ends.entry(outermost).or_default();
            *slot = (*slot).max(end);
        }
    }
    ends
}

/// The order of pieces at one position.
mod rank {
    /// Before an `#include` at its position: a directive written before it that the
    /// predeclarations (or the conditionals around them) use.
    pub const EARLY_DEFINE: u8 = 0;
    /// The `#define`s a predeclaration from an included header invokes.
    pub const PREDEFINE: u8 = 1;
    pub const PREDECLARATION: u8 = 2;
    /// Before an `#include` at its position: the other directives written before it (which
    /// the `#include` itself may use: `#include MACRO`), after the predeclarations, which
    /// come from the header's content.
    pub const DEFINE: u8 = 3;
    /// The `#undef`s that give the header back the state it expects.
    pub const UNDEFINE: u8 = 4;
    pub const INCLUDE: u8 = 5;
    pub const ITEM: u8 = 6;
}

/// One piece of the output, ordered by the preprocessor token it stands before.
#[derive(Debug)]
struct Piece {
    position: u32,
    /// Directives before items at one position.
    rank: u8,
    /// Where the text comes from, if from a file.
    source: Option<Written>,
    text: String,
    /// The last piece of an item: a blank line follows.
    ends_item: bool,
    /// Where the piece's first line was in the source, when a `#line` directive must say so.
    line: Option<(FileId, u32)>,
    /// What it does to `__COUNTER__`.
    counting: Counting,
    /// Among pieces at one position, the macro events (`#define`, `#undef`) before it;
    /// `None`: all those at its position.
    order: Option<u32>,
}

/// Where a piece of the output was written in the source: a range of a file, read where
/// an output position lies (a file read several times may differ each time).
#[derive(Debug, Clone, Copy)]
struct Written {
    file: FileId,
    position: u32,
    range: (u32, u32),
}

impl Written {
    fn new(file: FileId, position: u32, start: u32, end: u32) -> Written {
        Written {
            file,
            position,
            range: (start, end),
        }
    }
}

/// What writing the live patch reads: the TU, the plan, and what is found once about them.
struct Emitter<'a> {
    pp: &'a PreprocessedTu,
    parsed: &'a ParsedTu,
    view: &'a ItemView<'a>,
    plan: &'a Plan,
    coverage: &'a Coverage,
    /// The conditional groups of the TU's files.
    conditionals: &'a Conditionals,
    /// What depends on the preprocessed TU only.
    tables: &'a PpTables,
    /// What the plan's edits do to tokens.
    edits: TokenEdits,
}

impl<'a> Emitter<'a> {
    fn new(
        pp: &'a PreprocessedTu,
        tables: &'a PpTables,
        parsed: &'a ParsedTu,
        view: &'a ItemView<'a>,
        plan: &'a Plan,
        coverage: &'a Coverage,
    ) -> Emitter<'a> {
        Emitter {
            pp,
            parsed,
            view,
            plan,
            coverage,
            conditionals: &tables.conditionals,
            tables,
            edits: TokenEdits::new(plan, view),
        }
    }

    fn item_node(&self, item: ItemId) -> Option<SyntaxNode> {
        self.view.node(item)
    }

    fn pp_index(&self, token: &SyntaxToken) -> Option<usize> {
        let index = self.parsed.token_index(token.text_range().start().into())?;
        self.parsed.pp_token(index)
    }

    fn outermost(&self, origin: OriginId) -> Option<ExpansionId> {
        self.pp.provenance.outermost_expansion(origin)
    }

    /// Where a token that macro arguments carried (only) was written, when it was.
    fn argument_source(&self, origin: OriginId) -> Option<(FileId, u32, u32)> {
        self.pp.provenance.written_location(origin)
    }

    /// Where an outermost invocation is written: from its name to its closing parenthesis,
    /// or to that of an invocation its expansion starts whose arguments follow it in the file
    /// (`#define DECLARE_X DECLARE_EVENT_CLASS` then `DECLARE_X(args)`).
    fn invocation_place(&self, expansion: ExpansionId) -> (FileId, u32, u32) {
        let invocation = self.pp.provenance.expansion(expansion);
        let (file, start, name_end) = self.pp.provenance.expansion_point(invocation.name);
        let end = invocation.close.map_or(name_end, |close| {
            self.pp.provenance.expansion_point(close).2
        });
        let continued = self.continued_invocations().get(&expansion).copied();
        (file, start, end.max(continued.unwrap_or(0)))
    }

    /// Where the TU uses each macro (found when first needed, for every round).
    fn macro_uses(&self) -> &MacroUses {
        self.tables
            .macro_uses
            .get_or_init(|| MacroUses::new(self.pp))
    }

    /// By outermost invocation, the end of the furthest closing parenthesis in the file of
    /// an invocation its expansion began, when that lies beyond its own.
    fn continued_invocations(&self) -> &FxHashMap<ExpansionId, u32> {
        (self.tables.continued_invocations).get_or_init(|| continued_invocations(self.pp))
    }

    fn enclosing(&self, written: Written) -> Vec<ChainId> {
        (self.conditionals).enclosing(written.file, written.position, written.range)
    }

    fn file_text(&self, file: FileId) -> &str {
        self.pp
            .files
            .get(file.0 as usize)
            .map_or("", |f| f.original_text())
    }

    /// The macro events before `inclusion`'s file was entered.
    fn events_before(&self, inclusion: InclusionId) -> u32 {
        (self.pp.provenance.inclusions.get(inclusion.0 as usize)).map_or(0, |i| i.events_before)
    }
}
