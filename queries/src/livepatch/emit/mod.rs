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

use std::fmt::Write as _;
use std::path::Path;

use rowan::TextRange;
use rustc_hash::{FxHashMap, FxHashSet};
use syntax::ast::{ArrayDeclarator, AstNode};
use syntax::parse_tu::ParsedTu;
use syntax::pp::PreprocessedTu;
use syntax::pp::macros::{MacroEvent, MacroId};
use syntax::pp::provenance::{COMMAND_LINE, ExpansionId, FileId, InclusionId, Origin, OriginId};
use syntax::pp::token::Symbol;
use syntax::syntax_kind::{SyntaxKind, SyntaxNode, SyntaxToken};

use super::conditionals::{ChainId, Conditionals};
use super::headers::Coverage;
use super::plan::{EditKind, ItemForm, Plan, StorageClass};
use crate::sema::ItemId;

mod counter;
mod empty_invocations;
mod lines;
mod shadowed_macros;

use counter::{CounterUses, Counting, advance_lines};
use empty_invocations::EmptyInvocations;
use lines::Rendered;

/// Writes the live patch of `plan`.
pub fn emit(pp: &PreprocessedTu, parsed: &ParsedTu, plan: &Plan, coverage: &Coverage) -> String {
    let emitter = Emitter::new(pp, parsed, plan, coverage);
    emitter.run()
}

/// The headers the live patch of `plan` includes: those providing its items, and those
/// defining the macros its copied text uses.
pub fn included_headers(
    pp: &PreprocessedTu,
    parsed: &ParsedTu,
    plan: &Plan,
    coverage: &Coverage,
) -> FxHashSet<InclusionId> {
    Emitter::new(pp, parsed, plan, coverage).layout().includes
}

/// What the items make of the live patch, and what that needs.
struct Layout {
    pieces: Vec<Piece>,
    /// The headers included.
    includes: FxHashSet<InclusionId>,
    /// The macros the copied text uses.
    used_macros: FxHashSet<MacroId>,
    /// Those the predeclarations use (and the conditionals around them).
    early_macros: FxHashSet<MacroId>,
    /// The text copied (sorted).
    copied: CopiedRanges,
    /// The `#define`s and `#undef`s written, with the names they are of.
    defines: Vec<(Piece, Symbol)>,
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

/// What the items make of the live patch, gathered before the directives they need.
#[derive(Default)]
struct Gathered {
    pieces: Vec<Piece>,
    /// The headers included.
    includes: FxHashSet<InclusionId>,
    /// The text copied.
    copied: CopiedRanges,
    /// The text copied for predeclarations, by the inclusion they stand before.
    predeclared: FxHashMap<InclusionId, CopiedRanges>,
}

/// Where an item's tokens come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Source {
    /// A header the live patch includes.
    Included(InclusionId),
    /// A file the live patch copies from.
    Copied(FileId),
}

struct Emitter<'a> {
    pp: &'a PreprocessedTu,
    parsed: &'a ParsedTu,
    plan: &'a Plan,
    coverage: &'a Coverage,
    /// The tree offset of each item.
    item_starts: Vec<u32>,
    /// The root's children, by item.
    item_nodes: Vec<Option<SyntaxNode>>,
    /// The conditional groups of the TU's files.
    conditionals: Conditionals,
    /// What edits do to tokens, by the tree offset of the token.
    actions: FxHashMap<u32, Action>,
    /// The tree ranges edits drop (initializers, with their `=`).
    dropped: Vec<TextRange>,
    /// Found when first needed.
    empty_invocations: std::cell::OnceCell<EmptyInvocations>,
    counter_uses: std::cell::OnceCell<CounterUses>,
    continued_invocations: std::cell::OnceCell<FxHashMap<ExpansionId, u32>>,
}

/// What the edits do to one token.
#[derive(Debug, Clone, Default)]
struct Action {
    /// Its new text.
    text: Option<String>,
    /// Text written before it.
    before: Option<String>,
}

/// One token of an item as emitted.
#[derive(Debug, Clone)]
struct OutToken {
    pp: usize,
    /// Its text when edited.
    text: Option<String>,
    /// Text to write before it.
    before: Option<String>,
    /// Text to write after it.
    after: Option<String>,
    /// Tokens were dropped before it: what precedes it is not copied along.
    gap: bool,
}

impl<'a> Emitter<'a> {
    fn new(
        pp: &'a PreprocessedTu,
        parsed: &'a ParsedTu,
        plan: &'a Plan,
        coverage: &'a Coverage,
    ) -> Emitter<'a> {
        let root = parsed.parse.syntax_node();
        let item_starts: Vec<u32> = root
            .children_with_tokens()
            .map(|e| u32::from(e.text_range().start()))
            .collect();
        let mut emitter = Emitter {
            pp,
            parsed,
            plan,
            coverage,
            item_nodes: root.children_with_tokens().map(|e| e.into_node()).collect(),
            item_starts,
            actions: FxHashMap::default(),
            dropped: Vec::new(),
            conditionals: Conditionals::new(pp),
            empty_invocations: std::cell::OnceCell::new(),
            counter_uses: std::cell::OnceCell::new(),
            continued_invocations: std::cell::OnceCell::new(),
        };
        for edit in &plan.edits {
            if let Some(start) = emitter.item_starts.get(edit.at.item.0 as usize) {
                emitter.resolve_edit(start + edit.at.offset, &edit.kind);
            }
        }
        emitter
    }

    /// Turns an edit at a declarator's name into what it does to tokens.
    fn resolve_edit(&mut self, offset: u32, kind: &EditKind) {
        let Some(token) = self.token_at(offset) else {
            return;
        };
        match kind {
            EditKind::Replace(text) => self.action(&token).text = Some(text.clone()),
            EditKind::Storage(class) => self.resolve_storage(&token, *class),
            EditKind::DropInitializer => {
                if let Some(range) = initializer_range(&token) {
                    self.dropped.push(range);
                }
            }
            EditKind::DropAttributes => {
                let declaration = declaration_of(&token);
                let attributes = (declaration.iter())
                    .flat_map(|d| d.descendants())
                    .filter(|n| n.kind() == SyntaxKind::ATTRIBUTE_SPEC)
                    .map(|n| n.text_range());
                self.dropped.extend(attributes);
                // `inline` and `_Noreturn` are for functions: an object (a pointer to the
                // function) cannot have them.
                let specifiers = (declaration.iter())
                    .flat_map(|d| d.children())
                    .filter(|n| n.kind() == SyntaxKind::DECL_SPECS)
                    .flat_map(|specs| specs.children_with_tokens())
                    .filter(|e| matches!(e.kind(), SyntaxKind::INLINE_KW | SyntaxKind::NORETURN_KW))
                    .map(|e| e.text_range());
                self.dropped.extend(specifiers);
            }
            EditKind::DropDeclarator => {
                if let Some(range) = declarator_with_comma(&token) {
                    self.dropped.push(range);
                }
            }
            EditKind::DropMembers => {
                if let Some(members) = member_list(&token) {
                    self.dropped.push(members);
                }
            }
            EditKind::ArrayLength(length) => {
                if let Some(bracket) = empty_array_bracket(&token) {
                    self.action(&bracket).before = Some(length.to_string());
                }
            }
        }
    }

    fn action(&mut self, token: &SyntaxToken) -> &mut Action {
        self.actions
            .entry(u32::from(token.text_range().start()))
            .or_default()
    }

    /// The storage class of the declaration declaring `name` becomes `class`: its storage
    /// keyword replaced, or one written before its specifiers.
    fn resolve_storage(&mut self, name: &SyntaxToken, class: Option<StorageClass>) {
        let Some(specs) = declaration_of(name)
            .and_then(|d| d.children().find(|c| c.kind() == SyntaxKind::DECL_SPECS))
        else {
            return;
        };
        let word = match class {
            Some(StorageClass::Static) => "static",
            Some(StorageClass::Extern) => "extern",
            None => "",
        };
        let tokens = || {
            specs
                .descendants_with_tokens()
                .filter_map(|e| e.into_token())
                .filter(|t| !t.kind().is_trivia())
        };
        let storage = tokens().find(|t| {
            matches!(t.kind(), SyntaxKind::STATIC_KW | SyntaxKind::EXTERN_KW)
                && t.parent().as_ref() == Some(&specs)
        });
        match (storage, tokens().next()) {
            (Some(existing), _) => self.action(&existing).text = Some(word.to_owned()),
            (None, Some(first)) if !word.is_empty() => {
                self.action(&first).before = Some(format!("{word} "));
            }
            _ => {}
        }
    }

    fn run(&self) -> String {
        let Layout {
            mut pieces,
            includes,
            early_macros,
            defines,
            ..
        } = self.layout();
        pieces.extend(self.include_pieces(&includes));
        let early_names: FxHashSet<Symbol> = (early_macros.iter())
            .filter_map(|id| Some(self.pp.macros.defs.get(id.0 as usize)?.name))
            .collect();
        for (mut piece, name) in defines {
            if early_names.contains(&name) {
                piece.rank = rank::EARLY_DEFINE;
                piece.order = None;
            }
            pieces.push(piece);
        }
        let positions = &self.pp.event_positions;
        pieces.sort_by_key(|p| {
            // What stands before an `#include` comes after the events at its position;
            // an item after all of them.
            let order = p.order.unwrap_or_else(|| {
                let before_include = p.rank < rank::DEFINE;
                positions
                    .partition_point(|&q| q < p.position || (!before_include && q == p.position))
                    as u32
            });
            (p.position, order, p.rank)
        });
        self.assemble(&pieces)
    }

    /// The `#define`s the copied text needs, and what that adds: the conditionals written
    /// around them test macros too, which may need more `#define`s (or `#include`s), until
    /// no new conditional is written.
    fn settle_defines(&self, layout: &mut Layout) {
        let mut accounted: FxHashSet<ChainId> = FxHashSet::default();
        loop {
            let includes = &layout.includes;
            let last_include = includes.iter().map(|&i| self.coverage.position(i)).max();
            let defines = self.define_pieces(&layout.used_macros, last_include, &layout.copied);
            let mut grew = false;
            for written in defines.iter().filter_map(|(piece, _)| piece.source) {
                for chain in self.enclosing(written) {
                    if accounted.insert(chain) {
                        grew = true;
                        for range in self.conditionals.directive_lines(chain) {
                            layout.copied.add((written.file, range.0, range.1));
                        }
                    }
                }
            }
            if !grew {
                layout.defines = defines;
                return;
            }
            layout.used_macros = self.used_macros(&mut layout.copied, &mut layout.includes);
        }
    }

    /// The pieces of the items, the headers the live patch includes (for the items and for
    /// the macros they use), and the macros the copied text uses.
    fn layout(&self) -> Layout {
        let mut gathered = Gathered::default();
        for (node, tokens, cut) in self.merged_items() {
            let segments = self.segments(&tokens);
            if segments.len() > 1 {
                self.gather_pieces_across_includes(&tokens, segments, &cut, &mut gathered);
            } else {
                self.gather_item(&node, tokens, cut, &mut gathered);
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
            pieces.extend(self.predeclaration_macros(*inclusion, ranges));
            early.extend(ranges);
        }
        // The conditionals written around pieces test macros too.
        for piece in &pieces {
            let Some(written) = piece.source else {
                continue;
            };
            let predeclared = matches!(piece.rank, rank::PREDEFINE | rank::PREDECLARATION);
            for chain in self.enclosing(written) {
                for range in self.conditionals.directive_lines(chain) {
                    copied.add((written.file, range.0, range.1));
                    if predeclared {
                        early.add((written.file, range.0, range.1));
                    }
                }
            }
        }
        let used_macros = self.used_macros(&mut copied, &mut includes);
        let early_macros = self.used_macros(&mut early, &mut FxHashSet::default());
        let mut layout = Layout {
            pieces,
            includes,
            used_macros,
            early_macros,
            copied,
            defines: Vec::new(),
        };
        self.settle_defines(&mut layout);
        layout
    }

    /// An item written across an `#include`: the header's part is its `#include`, the rest
    /// is copied piece by piece, each under its file's marker.
    fn gather_pieces_across_includes(
        &self,
        tokens: &[OutToken],
        segments: Vec<(Source, std::ops::Range<usize>)>,
        cut: &FxHashSet<ExpansionId>,
        gathered: &mut Gathered,
    ) {
        let last = segments.len().saturating_sub(1);
        for (index, (source, range)) in segments.into_iter().enumerate() {
            let part = &tokens[range];
            match source {
                Source::Included(inclusion) => {
                    gathered.includes.insert(inclusion);
                }
                Source::Copied(_) => {
                    let Some(first) = part.first() else { continue };
                    let rendered = self.render(part, cut, &mut gathered.copied);
                    let line = self.line_mark(part, &rendered);
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
        &self,
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
        if let Some(inclusion) = self.covering_inclusion(&tokens.0) {
            gathered.includes.insert(inclusion);
            let edited = (tokens.0.iter()).any(|t| t.text.is_some() || t.before.is_some());
            if !edited {
                return;
            }
            // An edited declaration in an included header is written besides: a renamed or
            // pointer declaration after the header; a copied function's `static` declaration
            // before it, so that the header's definition is internal too.
            if node.kind() == SyntaxKind::FUNCTION_DEF {
                tokens = self.item_tokens(node, ItemForm::Prototype);
                position = self.coverage.position(inclusion);
                rank = rank::PREDECLARATION;
            }
        }
        let copied_to = match self.covering_inclusion(&tokens.0) {
            Some(inclusion) if rank == rank::PREDECLARATION => {
                gathered.predeclared.entry(inclusion).or_default()
            }
            _ => &mut gathered.copied,
        };
        // Stable sorting keeps these before the item.
        for undef in self.unshadow_new_names(&mut tokens.0) {
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
        let rendered = self.render(&tokens.0, &tokens.1, copied_to);
        let line = (rank == rank::ITEM)
            .then(|| self.line_mark(&tokens.0, &rendered))
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

    /// The emitted items with their tokens; items that one macro invocation makes (the
    /// kernel's `EXPORT_SYMBOL` makes several declarations) as one, the invocation written
    /// once.
    fn merged_items(&self) -> Vec<(SyntaxNode, Vec<OutToken>, FxHashSet<ExpansionId>)> {
        let mut merged: Vec<(SyntaxNode, Vec<OutToken>, FxHashSet<ExpansionId>)> = Vec::new();
        for (&item, &form) in &self.plan.items {
            let Some(node) = self.item_node(item) else {
                continue;
            };
            let (tokens, cut) = self.item_tokens(&node, form);
            let joins = merged.last().is_some_and(|(_, previous, _)| {
                let invocation = |t: Option<&OutToken>| {
                    let token = self.pp.tokens.get(t?.pp)?;
                    self.outermost(token.origin)
                };
                let last = invocation(previous.last());
                last.is_some() && last == invocation(tokens.first())
            });
            match merged.last_mut() {
                Some((_, previous, previous_cut)) if joins => {
                    previous.extend(tokens);
                    previous_cut.extend(cut);
                }
                _ => merged.push((node, tokens, cut)),
            }
        }
        merged
    }

    fn item_node(&self, item: ItemId) -> Option<SyntaxNode> {
        self.item_nodes.get(item.0 as usize).cloned().flatten()
    }

    /// The item's tokens as emitted (its form and the edits applied), and the outermost
    /// invocations some of whose tokens were dropped (which must be written out expanded).
    fn item_tokens(
        &self,
        node: &SyntaxNode,
        form: ItemForm,
    ) -> (Vec<OutToken>, FxHashSet<ExpansionId>) {
        let mut cut = FxHashSet::default();
        let body = match form {
            ItemForm::Prototype => node
                .children()
                .find(|c| c.kind() == SyntaxKind::COMPOUND_STMT)
                .map(|b| b.text_range()),
            ItemForm::Whole | ItemForm::TagSpecifier { .. } => None,
        };
        let only = match form {
            ItemForm::TagSpecifier { offset } => self.tag_specifier(node, offset),
            _ => None,
        };
        let mut out: Vec<OutToken> = Vec::new();
        let mut gap = false;
        for token in node
            .descendants_with_tokens()
            .filter_map(|e| e.into_token())
        {
            if token.kind().is_trivia() {
                continue;
            }
            let range = token.text_range();
            let inside = |r: &TextRange| r.contains_range(range);
            if only.as_ref().is_some_and(|r| !r.contains_range(range)) {
                continue;
            }
            if body.as_ref().is_some_and(inside) || self.dropped.iter().any(inside) {
                gap = true;
                let origin = self.pp_index(&token).and_then(|i| self.pp.tokens.get(i));
                if let Some(outermost) = origin.and_then(|t| self.outermost(t.origin)) {
                    cut.insert(outermost);
                }
                continue;
            }
            let Some(pp) = self.pp_index(&token) else {
                continue;
            };
            let action = self.actions.get(&u32::from(range.start()));
            out.push(OutToken {
                pp,
                text: action.and_then(|a| a.text.clone()),
                before: action.and_then(|a| a.before.clone()),
                after: None,
                gap,
            });
            gap = false;
        }
        if (body.is_some() || only.is_some())
            && let Some(last) = out.last_mut()
        {
            last.after = Some(";".to_owned());
        }
        (out, cut)
    }

    /// The token at tree offset `offset`, looked up from its item (the root has too many
    /// children to search from it).
    fn token_at(&self, offset: u32) -> Option<SyntaxToken> {
        let item = self
            .item_starts
            .partition_point(|&s| s <= offset)
            .checked_sub(1)?;
        let node = self.item_nodes.get(item)?.as_ref()?;
        node.token_at_offset(offset.into()).right_biased()
    }

    fn pp_index(&self, token: &SyntaxToken) -> Option<usize> {
        let index = self.parsed.token_index(token.text_range().start().into())?;
        self.parsed.pp_token(index)
    }

    /// The item's tokens by where they come from: a header the live patch includes, or a
    /// file it copies from. Most items have one source; one written across an `#include`
    /// has several.
    fn segments(&self, tokens: &[OutToken]) -> Vec<(Source, std::ops::Range<usize>)> {
        let mut segments: Vec<(Source, std::ops::Range<usize>)> = Vec::new();
        for (index, token) in tokens.iter().enumerate() {
            let Some(pp_token) = self.pp.tokens.get(token.pp) else {
                continue;
            };
            let (file, _, _) = self
                .pp
                .provenance
                .outermost_expansion_point(pp_token.origin);
            let source = match self.coverage.covering(file) {
                Some(inclusion) => Source::Included(inclusion),
                None => Source::Copied(file),
            };
            match segments.last_mut() {
                Some((last, range)) if *last == source => range.end = index + 1,
                _ => segments.push((source, index..index + 1)),
            }
        }
        segments
    }

    /// The inclusion whose `#include` provides every token of an item, if any.
    fn covering_inclusion(&self, tokens: &[OutToken]) -> Option<InclusionId> {
        let mut covering = None;
        for token in tokens {
            let origin = self.pp.tokens.get(token.pp)?.origin;
            let (file, _, _) = self.pp.provenance.outermost_expansion_point(origin);
            let inclusion = self.coverage.covering(file)?;
            if covering.is_some_and(|c| c != inclusion) {
                return None;
            }
            covering = Some(inclusion);
        }
        covering
    }

    /// The macros invoked in the copied text (the invocations it retains, and those they
    /// expand in turn), noting the headers that must be included for their definitions.
    fn used_macros(
        &self,
        copied: &mut CopiedRanges,
        includes: &mut FxHashSet<InclusionId>,
    ) -> FxHashSet<MacroId> {
        copied.sort();
        let provenance = &self.pp.provenance;
        let mut used = FxHashSet::default();
        let expanded = (provenance.expansions.iter()).map(|e| (e.name, e.macro_id));
        let tested = (provenance.macro_tests.iter()).map(|t| (t.name, t.macro_id));
        for (name, macro_id) in expanded.chain(tested) {
            let (file, start, _) = provenance.outermost_expansion_point(name);
            if !copied.contains(file, start) || !used.insert(macro_id) {
                continue;
            }
            let definition = self.pp.macros.defs.get(macro_id.0 as usize);
            if let Some((file, _, _)) = definition.and_then(|d| d.directive)
                && let Some(inclusion) = self.coverage.covering(file)
            {
                includes.insert(inclusion);
            }
        }
        used
    }

    /// The macros the predeclarations before `inclusion` invoke: their `#define`s copied
    /// before them from the header, and an `#undef` after them for each that the header
    /// expects undefined (it names the macro before defining it).
    fn predeclaration_macros(
        &self,
        inclusion: InclusionId,
        copied: &mut CopiedRanges,
    ) -> Vec<Piece> {
        copied.sort();
        let position = self.coverage.position(inclusion);
        let provenance = &self.pp.provenance;
        let mut seen = FxHashSet::default();
        let mut pieces = Vec::new();
        for expansion in &provenance.expansions {
            let (file, start, _) = provenance.outermost_expansion_point(expansion.name);
            if !copied.contains(file, start) || !seen.insert(expansion.macro_id) {
                continue;
            }
            let Some(definition) = self.pp.macros.defs.get(expansion.macro_id.0 as usize) else {
                continue;
            };
            let Some((file, start, end)) = definition.directive else {
                continue;
            };
            let Some(text) = self.directive_line(file, start, end) else {
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
            if self.named_before_defined(inclusion, expansion.macro_id) {
                let name = self.pp.interner.resolve(definition.name);
                pieces.push(Piece {
                    position,
                    rank: rank::UNDEFINE,
                    source: None,
                    text: format!("#undef {name}"),
                    ends_item: false,
                    line: None,
                    counting: Counting::Nothing,
                    order: Some(self.events_before(inclusion)),
                });
            }
        }
        pieces
    }

    /// The macro events before `inclusion`'s file was entered.
    fn events_before(&self, inclusion: InclusionId) -> u32 {
        (self.pp.provenance.inclusions.get(inclusion.0 as usize)).map_or(0, |i| i.events_before)
    }

    /// Whether the content of `inclusion` names macro `id`'s name (as a plain identifier, or
    /// in a conditional directive's condition) before `id` defines it.
    fn named_before_defined(&self, inclusion: InclusionId, id: MacroId) -> bool {
        self.named_before_defined_in_text(inclusion, id)
            || self.tested_before_defined(inclusion, id)
    }

    /// Whether a conditional directive of `inclusion`'s file names macro `id` before `id`'s
    /// `#define` there (`#if defined(G)` before `#define G`).
    fn tested_before_defined(&self, inclusion: InclusionId, id: MacroId) -> bool {
        let Some(definition) = self.pp.macros.defs.get(id.0 as usize) else {
            return false;
        };
        let Some((file, defined_at, _)) = definition.directive else {
            return false;
        };
        let name = self.pp.interner.resolve(definition.name);
        let text = self.file_text(file);
        let provenance = &self.pp.provenance;
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

    fn named_before_defined_in_text(&self, inclusion: InclusionId, id: MacroId) -> bool {
        let Some(defined_at) = self
            .pp
            .macros
            .events
            .iter()
            .zip(&self.pp.event_positions)
            .find(|(event, _)| matches!(event, MacroEvent::Define(d) if *d == id))
            .map(|(_, &position)| position as usize)
        else {
            return false;
        };
        let Some(definition) = self.pp.macros.defs.get(id.0 as usize) else {
            return false;
        };
        let start = self.coverage.position(inclusion) as usize;
        self.pp
            .tokens
            .get(start..defined_at)
            .unwrap_or_default()
            .iter()
            .any(|t| t.text == definition.name)
    }

    /// The range of the struct, union or enum specifier whose tag is at `offset` of `node`.
    fn tag_specifier(&self, node: &SyntaxNode, offset: u32) -> Option<TextRange> {
        let start = u32::from(node.text_range().start()) + offset;
        let token = node.token_at_offset(start.into()).right_biased()?;
        let spec = token
            .parent_ancestors()
            .find(|n| matches!(n.kind(), SyntaxKind::STRUCT_SPEC | SyntaxKind::ENUM_SPEC))?;
        Some(spec.text_range())
    }

    /// The `#include` lines of the needed headers, each where the header's content began.
    fn include_pieces(&self, includes: &FxHashSet<InclusionId>) -> Vec<Piece> {
        includes
            .iter()
            .filter_map(|&inclusion| {
                let directive = self.coverage.directive_text(self.pp, inclusion)?;
                let (file, start, end) = (self.pp.provenance.inclusions)
                    .get(inclusion.0 as usize)?
                    .from?;
                let position = self.coverage.position(inclusion);
                Some(Piece {
                    position,
                    rank: rank::INCLUDE,
                    source: Some(Written::new(file, position, start, end)),
                    text: directive,
                    ends_item: false,
                    line: None,
                    counting: Counting::Inclusion(inclusion),
                    order: Some(self.events_before(inclusion)),
                })
            })
            .collect()
    }

    /// The `#define`s (and `#undef`s) of the macros used, written in files the live patch
    /// copies from, each where it was.
    ///
    /// Those before an `#include` the live patch keeps are all written: the header may test
    /// or use any of them (the kernel's `pr_fmt`), and must see the state it saw.
    fn define_pieces(
        &self,
        used: &FxHashSet<MacroId>,
        last_include: Option<u32>,
        copied: &CopiedRanges,
    ) -> Vec<(Piece, Symbol)> {
        let used_names: FxHashSet<_> = used
            .iter()
            .filter_map(|id| self.pp.macros.defs.get(id.0 as usize))
            .map(|d| d.name)
            .collect();
        let mut pieces = Vec::new();
        let events = self.pp.macros.events.iter().zip(&self.pp.event_positions);
        for (index, (event, &position)) in events.enumerate() {
            let before_include = last_include.is_some_and(|p| position <= p);
            let (directive, name) = match event {
                MacroEvent::Define(id) => {
                    if !used.contains(id) && !before_include {
                        continue;
                    }
                    let Some(definition) = self.pp.macros.defs.get(id.0 as usize) else {
                        continue;
                    };
                    (definition.directive, definition.name)
                }
                MacroEvent::Undef { name, origin, .. } => {
                    if !used_names.contains(name) && !before_include {
                        continue;
                    }
                    (self.undef_directive(*origin), *name)
                }
            };
            let Some((file, start, end)) = directive else {
                continue;
            };
            // A directive inside copied text (a function body's) is written with it.
            if copied.contains(file, start) {
                continue;
            }
            let Some(text) = self.directive_line(file, start, end) else {
                continue;
            };
            let mut text = directive_text(text);
            if self.pp.provenance.file(file).path == Path::new(COMMAND_LINE) {
                // The live patch is built with another command line (the kernel's
                // `KBUILD_MODNAME` names another module): what the copied code uses keeps
                // the TU's definition.
                let MacroEvent::Define(id) = event else {
                    continue;
                };
                let Some(definition) = self.pp.macros.defs.get(id.0 as usize) else {
                    continue;
                };
                if !used.contains(id) {
                    continue;
                }
                let name = self.pp.interner.resolve(definition.name);
                text = format!("#undef {name}\n{text}");
            } else if self.coverage.covering(file).is_some() || self.coverage.is_pre_included(file)
            {
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
    fn undef_directive(&self, origin: OriginId) -> Option<(FileId, u32, u32)> {
        let Origin::Source { file, start, end } = self.pp.provenance.origin(origin) else {
            return None;
        };
        let text = self.pp.files.get(file.0 as usize)?.original_text();
        let line_start = text[..start as usize].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[end as usize..]
            .find('\n')
            .map_or(text.len(), |i| end as usize + i);
        Some((file, line_start as u32, line_end as u32))
    }

    /// The text of the directive line(s) from the line of `start` (its `#`) to the end of
    /// the line of `last` (where the directive's last token starts) in `file`.
    fn directive_line(&self, file: FileId, start: u32, last: u32) -> Option<&str> {
        let text = self.pp.files.get(file.0 as usize)?.original_text();
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

    /// An item's text and the file it comes from.
    fn render(
        &self,
        tokens: &[OutToken],
        cut: &FxHashSet<ExpansionId>,
        copied: &mut CopiedRanges,
    ) -> Rendered {
        let (units, written_out) = self.units(tokens, cut);
        let counting = self.counter_values(tokens, &written_out);
        let mut text = String::new();
        // Where the text was written: from its first place to the last in the same file.
        let source = units.iter().find(|u| u.place.is_some()).and_then(|first| {
            let (file, start, first_end) = first.place?;
            let end = (units.iter().rev())
                .filter_map(|u| u.place)
                .find(|place| place.0 == file)
                .map_or(first_end, |place| place.2);
            Some(Written::new(
                file,
                first.pp as u32,
                start,
                end.max(first_end),
            ))
        });
        let mut runs: Vec<Run> = Vec::new();
        for unit in units {
            match runs.last_mut() {
                Some(run) if run.extends_to(&unit) => run.push(unit),
                _ => runs.push(Run::new(unit)),
            }
        }
        let mut previous: Option<&Run> = None;
        let mut begins = None;
        for run in &runs {
            let separator = previous.and_then(|p| self.space_between(p, run));
            let written = run.write(self, separator.as_deref(), &mut text);
            if previous.is_none() {
                begins = written.first().map(|&(file, start, _)| (file, start));
            }
            for written in written {
                copied.add(written);
            }
            previous = Some(run);
        }
        Rendered {
            source,
            text,
            begins,
            counting,
        }
    }

    /// What is written between two runs: the whitespace between them in the source when
    /// only whitespace is; else (tokens were dropped between) the line ends of what lies
    /// between, so that the lines after keep their numbers (`__LINE__`).
    fn space_between(&self, before: &Run, after: &Run) -> Option<String> {
        let (file, _, end) = before.units.last()?.place?;
        let (next_file, start, _) = after.units.first()?.place?;
        if file != next_file || start < end {
            return None;
        }
        let text = self.pp.files.get(file.0 as usize)?.original_text();
        let between = text.get(end as usize..start as usize)?;
        if between.chars().all(char::is_whitespace) {
            return Some(between.to_owned());
        }
        let newlines = between.matches('\n').count();
        (newlines > 0).then(|| "\n".repeat(newlines))
    }

    /// The item's tokens grouped into the stretches of source they are written in.
    fn units(
        &self,
        tokens: &[OutToken],
        cut: &FxHashSet<ExpansionId>,
    ) -> (Vec<Unit>, FxHashSet<ExpansionId>) {
        let mut expanded = self.expansions_to_spell(tokens);
        expanded.extend(cut.iter().copied());
        let mut units: Vec<Unit> = Vec::new();
        for token in tokens {
            let Some(pp_token) = self.pp.tokens.get(token.pp) else {
                continue;
            };
            let origin = pp_token.origin;
            let outermost = self.outermost(origin);
            let unit = match outermost {
                Some(expansion) if expanded.contains(&expansion) => {
                    // Written out in place of the invocation.
                    let mut unit = Unit::spelled(self, token);
                    let (file, start, end) = self.invocation_place(expansion);
                    (unit.file, unit.start, unit.end) = (Some(file), start, end);
                    unit.place = Some((file, start, end));
                    unit.expansion = Some(expansion);
                    unit
                }
                Some(expansion) => self.invocation_unit(expansion, token),
                None => self.source_unit(origin, token),
            };
            let merged = units.last_mut().is_some_and(|last| last.absorb(&unit));
            if !merged {
                units.push(unit);
            }
        }
        (units, expanded)
    }

    /// The outermost invocations that must be written out expanded: those an edited token
    /// comes from other than as a plain argument written in the file.
    ///
    /// An argument edited in place must reach the expansion unchanged otherwise: an
    /// invocation that stringifies or pastes (an argument may be among what it does so to)
    /// is written out expanded too.
    fn expansions_to_spell(&self, tokens: &[OutToken]) -> FxHashSet<ExpansionId> {
        let transforming = self.transforming_invocations(tokens);
        let mut spelled = FxHashSet::default();
        for token in tokens.iter().filter(|t| t.text.is_some()) {
            let Some(pp_token) = self.pp.tokens.get(token.pp) else {
                continue;
            };
            let Some(outermost) = self.outermost(pp_token.origin) else {
                continue;
            };
            if self.argument_source(pp_token.origin).is_none() || transforming.contains(&outermost)
            {
                spelled.insert(outermost);
            }
        }
        spelled
    }

    /// The outermost invocations among `tokens` that stringify or paste tokens.
    fn transforming_invocations(&self, tokens: &[OutToken]) -> FxHashSet<ExpansionId> {
        let mut found = FxHashSet::default();
        for token in tokens {
            let Some(pp_token) = self.pp.tokens.get(token.pp) else {
                continue;
            };
            if self.is_transformed(pp_token.origin)
                && let Some(outermost) = self.outermost(pp_token.origin)
            {
                found.insert(outermost);
            }
        }
        found
    }

    /// Whether a token was made by `#` or `##` at some level of its expansions.
    fn is_transformed(&self, mut origin: OriginId) -> bool {
        loop {
            match self.pp.provenance.origin(origin) {
                Origin::Source { .. } => return false,
                Origin::Stringified { .. } | Origin::Pasted { .. } => return true,
                Origin::MacroArg { arg, .. } => origin = arg,
                Origin::MacroBody { expansion, .. } | Origin::Builtin { expansion } => {
                    origin = self.pp.provenance.expansion(expansion).name
                }
            }
        }
    }

    /// Where a token that macro arguments carried (only) was written, when it was.
    fn argument_source(&self, origin: OriginId) -> Option<(FileId, u32, u32)> {
        self.pp.provenance.written_location(origin)
    }

    fn outermost(&self, origin: OriginId) -> Option<ExpansionId> {
        self.pp.provenance.outermost_expansion(origin)
    }

    fn source_unit(&self, origin: OriginId, token: &OutToken) -> Unit {
        match self.pp.provenance.origin(origin) {
            Origin::Source { file, start, end } => {
                let replacements = token.text.iter().map(|t| (start, end, t.clone())).collect();
                Unit::stretch(token, (file, start, end), None, replacements)
            }
            _ => Unit::spelled(self, token),
        }
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

    /// By outermost invocation, the end of the furthest closing parenthesis in the file of
    /// an invocation its expansion began, when that lies beyond its own.
    fn continued_invocations(&self) -> &FxHashMap<ExpansionId, u32> {
        self.continued_invocations.get_or_init(|| {
            let provenance = &self.pp.provenance;
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
        })
    }

    fn invocation_unit(&self, expansion: ExpansionId, token: &OutToken) -> Unit {
        let (file, start, end) = self.invocation_place(expansion);
        let replacements = match (&token.text, self.pp.tokens.get(token.pp)) {
            (Some(text), Some(pp_token)) => self
                .argument_source(pp_token.origin)
                .map(|(_, s, e)| (s, e, text.clone()))
                .into_iter()
                .collect(),
            _ => Vec::new(),
        };
        Unit::stretch(token, (file, start, end), Some(expansion), replacements)
    }

    /// Joins the pieces, marking where the text comes from, within the conditionals that
    /// enclose them in the source.
    fn assemble(&self, pieces: &[Piece]) -> String {
        let mut out = Output::default();
        let mut open: Vec<ChainId> = Vec::new();
        let advances = self.counter_advances(pieces);
        for (piece, &advance) in pieces.iter().zip(&advances) {
            let wanted = piece.source.map_or_else(Vec::new, |w| self.enclosing(w));
            let kept = open.iter().zip(&wanted).take_while(|(a, b)| a == b).count();
            for &chain in open[kept..].iter().rev() {
                let text = self.conditionals.closing(self.file_text(chain.file), chain);
                out.write(self, Some(chain.file), &text);
            }
            for &chain in &wanted[kept..] {
                let text = self.conditionals.opening(self.file_text(chain.file), chain);
                out.write(self, Some(chain.file), &text);
            }
            open = wanted;
            out.write(self, piece.source.map(|w| w.file), "");
            if advance > 0 {
                out.text.push_str(&advance_lines(advance));
            }
            if let Some(directive) = piece.line.and_then(|at| self.line_directive(at)) {
                out.text.push_str(&directive);
            }
            out.write(self, piece.source.map(|w| w.file), &piece.text);
            out.text.push('\n');
            if piece.ends_item {
                out.text.push('\n');
            }
        }
        for &chain in open.iter().rev() {
            let text = self.conditionals.closing(self.file_text(chain.file), chain);
            out.write(self, Some(chain.file), &text);
        }
        out.text
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
}

/// The live patch's text as it is written, and the file the text last written comes from.
#[derive(Default)]
struct Output {
    text: String,
    current: Option<Option<FileId>>,
}

impl Output {
    /// Writes `text` from `file`, after a marker when the file changes.
    fn write(&mut self, emitter: &Emitter<'_>, file: Option<FileId>, text: &str) {
        if self.current != Some(file) {
            if !self.text.is_empty() {
                self.text.push('\n');
            }
            match file {
                Some(file) => {
                    let path = emitter.pp.provenance.file(file).path.display();
                    let _ = writeln!(self.text, "/* klp-ccp: from {path} */");
                }
                None => self.text.push_str("/* klp-ccp: not from file */\n"),
            }
            self.current = Some(file);
        }
        self.text.push_str(text);
    }
}

/// A stretch of one file's text, or tokens written out one by one.
#[derive(Debug, Clone)]
struct Unit {
    /// The preprocessor token index of its first token.
    pp: usize,
    file: Option<FileId>,
    start: u32,
    end: u32,
    /// The outermost invocation the stretch is (tokens of one invocation merge).
    expansion: Option<ExpansionId>,
    /// Edits inside the stretch: byte ranges and their new text.
    replacements: Vec<(u32, u32, String)>,
    before: Option<String>,
    after: Option<String>,
    gap: bool,
    /// The text of tokens written out (an expanded invocation's).
    spelled: Option<String>,
    /// Where the unit is written in the source (an expanded invocation's tokens: the
    /// invocation), for the whitespace around it.
    place: Option<(FileId, u32, u32)>,
}

impl Unit {
    /// A token's stretch of file text (an invocation's, for a token a macro made).
    fn stretch(
        token: &OutToken,
        (file, start, end): (FileId, u32, u32),
        expansion: Option<ExpansionId>,
        replacements: Vec<(u32, u32, String)>,
    ) -> Unit {
        Unit {
            file: Some(file),
            start,
            end,
            expansion,
            replacements,
            before: token.before.clone(),
            after: token.after.clone(),
            gap: token.gap,
            pp: token.pp,
            spelled: None,
            place: Some((file, start, end)),
        }
    }

    /// A token written out, with what edits put around it.
    fn spelled(emitter: &Emitter<'_>, token: &OutToken) -> Unit {
        let spelling = match (&token.text, emitter.pp.tokens.get(token.pp)) {
            (Some(text), _) => text.clone(),
            (None, Some(pp_token)) => emitter.pp.spelling(pp_token).to_owned(),
            (None, None) => String::new(),
        };
        let text = format!(
            "{}{spelling}{}",
            token.before.as_deref().unwrap_or_default(),
            token.after.as_deref().unwrap_or_default()
        );
        Unit {
            file: None,
            start: 0,
            end: 0,
            expansion: None,
            replacements: Vec::new(),
            before: None,
            after: None,
            gap: token.gap,
            pp: token.pp,
            spelled: Some(text),
            place: None,
        }
    }

    /// Merges `next` when it is the same invocation (its other tokens).
    fn absorb(&mut self, next: &Unit) -> bool {
        let same = self.expansion.is_some() && self.expansion == next.expansion && !next.gap;
        if let (true, Some(text), Some(next_text)) = (same, self.spelled.as_mut(), &next.spelled) {
            // Tokens written out are separated, so that none merge.
            text.push(' ');
            text.push_str(next_text);
            return true;
        }
        if same {
            self.replacements.extend(next.replacements.iter().cloned());
            if next.after.is_some() {
                self.after = next.after.clone();
            }
            if let (Some(place), Some(next_place)) = (self.place.as_mut(), next.place) {
                place.2 = place.2.max(next_place.2);
            }
        }
        same
    }
}

/// The stretches of file text the live patch copies, by file.
#[derive(Default)]
struct CopiedRanges {
    ranges: FxHashMap<FileId, Vec<(u32, u32)>>,
}

impl CopiedRanges {
    fn add(&mut self, (file, start, end): (FileId, u32, u32)) {
        self.ranges.entry(file).or_default().push((start, end));
    }

    fn extend(&mut self, other: &CopiedRanges) {
        for (file, ranges) in &other.ranges {
            self.ranges.entry(*file).or_default().extend(ranges);
        }
    }

    fn sort(&mut self) {
        for ranges in self.ranges.values_mut() {
            ranges.sort_unstable();
        }
    }

    /// Whether offset `at` of `file` is copied (the ranges sorted).
    fn contains(&self, file: FileId, at: u32) -> bool {
        let Some(ranges) = self.ranges.get(&file) else {
            return false;
        };
        let after = ranges.partition_point(|&(start, _)| start <= at);
        after > 0 && ranges[after - 1].1 > at
    }
}

/// Consecutive units of one file, copied as one stretch of text.
struct Run {
    units: Vec<Unit>,
}

impl Run {
    fn new(unit: Unit) -> Run {
        Run { units: vec![unit] }
    }

    /// Whether `next` continues the stretch: same file, further on, no tokens dropped between.
    fn extends_to(&self, next: &Unit) -> bool {
        let Some(last) = self.units.last() else {
            return false;
        };
        last.file.is_some()
            && !next.gap
            && last.after.is_none()
            && next.before.is_none()
            && last.file == next.file
            && next.start >= last.end
    }

    fn push(&mut self, unit: Unit) {
        self.units.push(unit);
    }

    /// Writes the run after `separator` (a space when none: tokens must not merge); the
    /// stretch of file text it copied, if any.
    fn write(
        &self,
        emitter: &Emitter<'_>,
        separator: Option<&str>,
        out: &mut String,
    ) -> Vec<(FileId, u32, u32)> {
        match separator {
            Some(space) => out.push_str(space),
            None if !out.is_empty() && !out.ends_with(char::is_whitespace) => out.push(' '),
            None => {}
        }
        let Some(first) = self.units.first() else {
            return Vec::new();
        };
        if let Some(before) = &first.before {
            out.push_str(before);
        }
        if let (Some(spelled), None) = (&first.spelled, first.file) {
            out.push_str(spelled);
            return Vec::new();
        }
        let (Some(file), Some(last)) = (first.file, self.units.last()) else {
            return Vec::new();
        };
        let Some(text) = emitter
            .pp
            .files
            .get(file.0 as usize)
            .map(|f| f.original_text())
        else {
            return Vec::new();
        };
        let (start, end, conditionals) =
            (emitter.conditionals).rewrite(file, first.pp as u32, (first.start, last.end));
        let position = first.pp as u32;
        let written_out: Vec<(u32, u32, String)> = (self.units.iter())
            .filter_map(|u| Some(((u.start, u.end), u.spelled.clone()?)))
            .map(|(range, text)| {
                // Widened within the stretch written: what lies beyond is not this run's.
                let (from, to) = emitter.with_empty_neighbours(file, range);
                (
                    (from.max(start).min(range.0), to.min(end).max(range.1)),
                    text,
                )
            })
            .flat_map(|(range, text)| {
                (emitter.conditionals).write_out(
                    emitter.file_text(file),
                    file,
                    position,
                    range,
                    text,
                )
            })
            .collect();
        let mut replacements: Vec<&(u32, u32, String)> = self
            .units
            .iter()
            .flat_map(|u| u.replacements.iter())
            .chain(written_out.iter())
            .chain(conditionals.iter())
            .collect();
        replacements.sort_by_key(|r| (r.0, r.1));
        let mut at = start;
        for (from, to, new) in replacements {
            if *from < at || *to > end {
                continue;
            }
            out.push_str(text.get(at as usize..*from as usize).unwrap_or_default());
            out.push_str(new);
            at = *to;
        }
        out.push_str(text.get(at as usize..end as usize).unwrap_or_default());
        if let Some(after) = &last.after {
            out.push_str(after);
        }
        // What was copied as written: the stretch without the invocations written out.
        let mut copied = Vec::new();
        let mut from = start;
        for (written_start, written_end, _) in &written_out {
            copied.push((file, from, *written_start));
            from = *written_end;
        }
        copied.push((file, from, end));
        copied
    }
}

fn ancestor(token: &SyntaxToken, kind: SyntaxKind) -> Option<SyntaxNode> {
    token.parent_ancestors().find(|n| n.kind() == kind)
}

/// A directive's text as a piece of the output: without its final newline, and with the
/// empty line a final backslash-newline continues onto (else the next line would join it).
fn directive_text(text: &str) -> String {
    let trimmed = text.trim_end();
    if trimmed.ends_with('\\') {
        format!("{trimmed}\n")
    } else {
        trimmed.to_owned()
    }
}

/// Where a line ending at `end` really ends when a comment opened on it runs on (a
/// `#define` line whose comment continues below): after the comment's line.
fn past_open_comment(text: &str, start: usize, end: usize) -> usize {
    let bytes = text.as_bytes();
    let (mut i, mut quote, mut in_comment) = (start, None, false);
    while i < end {
        let pair = (bytes[i], bytes.get(i + 1).copied());
        match (in_comment, quote, pair) {
            (true, _, (b'*', Some(b'/'))) => {
                in_comment = false;
                i += 1;
            }
            (false, None, (b'/', Some(b'*'))) => {
                in_comment = true;
                i += 1;
            }
            (false, None, (b'/', Some(b'/'))) => return end,
            (false, None, (b'"' | b'\'', _)) => quote = Some(bytes[i]),
            (false, Some(q), (b'\\', _)) if q != 0 => i += 1,
            (false, Some(q), (c, _)) if c == q => quote = None,
            _ => {}
        }
        i += 1;
    }
    if !in_comment {
        return end;
    }
    let Some(close) = text.get(end..).and_then(|rest| rest.find("*/")) else {
        return text.len();
    };
    let after = end + close + 2;
    text.get(after..)
        .and_then(|rest| rest.find('\n'))
        .map_or(text.len(), |i| after + i)
}

/// The range of the initializer (with its `=`) of the init-declarator `name` declares.
pub(super) fn initializer_range(name: &SyntaxToken) -> Option<TextRange> {
    let init = ancestor(name, SyntaxKind::INIT_DECLARATOR)?;
    let eq = init
        .children_with_tokens()
        .find(|e| e.kind() == SyntaxKind::EQ)?;
    Some(TextRange::new(
        eq.text_range().start(),
        init.text_range().end(),
    ))
}

/// The init-declarator of the name `name`, with the comma before it (after it, for the
/// first).
fn declarator_with_comma(name: &SyntaxToken) -> Option<TextRange> {
    let init = ancestor(name, SyntaxKind::INIT_DECLARATOR)?;
    let range = init.text_range();
    let is_comma = |e: &rowan::NodeOrToken<SyntaxNode, SyntaxToken>| e.kind() == SyntaxKind::COMMA;
    let mut before = init.prev_sibling_or_token();
    while let Some(e) = before.as_ref().filter(|e| e.kind().is_trivia()) {
        before = e.prev_sibling_or_token();
    }
    if let Some(comma) = before.filter(is_comma) {
        return Some(TextRange::new(comma.text_range().start(), range.end()));
    }
    let mut after = init.next_sibling_or_token();
    while let Some(e) = after.as_ref().filter(|e| e.kind().is_trivia()) {
        after = e.next_sibling_or_token();
    }
    let end = after
        .filter(is_comma)
        .map_or(range.end(), |c| c.text_range().end());
    Some(TextRange::new(range.start(), end))
}

/// The member (or enumerator) list of the struct, union or enum whose tag is `tag`.
fn member_list(tag: &SyntaxToken) -> Option<TextRange> {
    let spec = tag
        .parent_ancestors()
        .find(|n| matches!(n.kind(), SyntaxKind::STRUCT_SPEC | SyntaxKind::ENUM_SPEC))?;
    let list = spec.children().find(|c| {
        matches!(
            c.kind(),
            SyntaxKind::MEMBER_LIST | SyntaxKind::ENUMERATOR_LIST
        )
    })?;
    Some(list.text_range())
}

/// The `]` of the array declarator without length that `name` declares.
fn empty_array_bracket(name: &SyntaxToken) -> Option<SyntaxToken> {
    let array = name
        .parent_ancestors()
        .take_while(|n| n.kind() != SyntaxKind::INIT_DECLARATOR)
        .find(|n| n.kind() == SyntaxKind::ARRAY_DECLARATOR)?;
    let declarator = ArrayDeclarator::cast(array.clone())?;
    let has_length = declarator.size().is_some() || declarator.is_star();
    if has_length {
        return None;
    }
    array
        .children_with_tokens()
        .filter_map(|e| e.into_token())
        .find(|t| t.kind() == SyntaxKind::R_BRACK)
}

/// The declaration or function definition a declarator's name token is in.
fn declaration_of(token: &SyntaxToken) -> Option<SyntaxNode> {
    token
        .parent_ancestors()
        .find(|n| matches!(n.kind(), SyntaxKind::DECLARATION | SyntaxKind::FUNCTION_DEF))
}
