//! The C preprocessor, as gcc's cpplib behaves, recording the provenance of every token.
//!
//! Structure (after cpplib): a stack of included files is the *base* token source; above it a
//! stack of *contexts* holds the token lists that macro expansions produced. `get_token` pulls
//! from the top context (popping exhausted ones, which re-enables their macro) or from the
//! base, and expands macro names as it meets them. Directives are handled by the base reader
//! whenever it meets a `#` at the start of a line, also while macro arguments are collected, as
//! gcc does.

mod builtins;
mod clock;
mod conditional;
mod config;
mod define;
mod directive;
pub mod dump;
mod expand;
mod expr;
mod files;
mod include;
mod limits;
mod line_pragma;
pub mod macros;
mod output;
pub mod provenance;
mod reading;
mod resume;
mod substitute;
pub mod token;

use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rustc_hash::FxHashMap;

use crate::diagnostic::{Diagnostic, Severity};
use crate::lexer::{LexedFile, TokenKind};
pub use clock::BuildClock;
pub use config::{PpConfig, SearchDir};
pub use files::{FileLoader, FsLoader, LoadError, MemoryLoader, read_source};
pub use limits::Limits;
use macros::{MacroId, MacroTable};
pub use output::{
    definition_line, render, render_macro_definitions, render_with_definitions, separator,
};
use provenance::{FileId, InclusionId, InclusionKind, Origin, OriginId, Provenance};
pub use resume::{Resumable, first_difference, preprocess_after_edit, resume_point};
use token::{Interner, PpToken, Symbol};

/// A preprocessed translation unit: the token stream and everything known about its making.
#[derive(Debug)]
pub struct PreprocessedTu {
    pub tokens: Vec<PpToken>,
    pub interner: Interner,
    pub provenance: Provenance,
    pub macros: MacroTable,
    pub diagnostics: Vec<Diagnostic>,
    /// The lexed files, by `FileId`.
    pub files: Vec<Arc<LexedFile>>,
    /// For each macro event (`macros.events`), the index of the output token it precedes:
    /// where `-dD` prints it, and what the live patch emitter orders `#define`s by.
    pub event_positions: Vec<u32>,
    /// The keywords the parser reads the tokens with.
    pub dialect: crate::syntax_kind::Dialect,
    /// What a run after an edit of the main file resumes from (`preprocess_after_edit`).
    pub resumable: Resumable,
}

impl PreprocessedTu {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    pub fn spelling(&self, token: &PpToken) -> &str {
        self.interner.resolve(token.text)
    }
}

/// Runs the preprocessor over the configured main file.
pub fn preprocess(config: &PpConfig, loader: &mut dyn FileLoader) -> PreprocessedTu {
    let mut pp = Preprocessor::new(config, loader);
    pp.run();
    pp.finish()
}

/// One open file of the include stack.
#[derive(Clone)]
struct Frame {
    file: FileId,
    lexed: Arc<LexedFile>,
    /// Index of the next lexer token.
    pos: usize,
    inclusion: InclusionId,
    /// Open conditionals of this file.
    conds: Vec<Cond>,
    /// Index in the search chain where the file was found, for `#include_next`.
    found_in: Option<usize>,
    /// The next token starts a line.
    at_bol: bool,
    guard: GuardState,
    /// The conditional group of the guard candidate (`#ifndef NAME` opening the file).
    guard_group: Option<usize>,
    /// Only the macros of this file are wanted (`-imacros`): its output is dropped.
    discard_output: bool,
    /// `#line`: presumed line = physical line + `line_delta`; presumed file name.
    line_delta: i64,
    presumed_name: Option<String>,
}

/// Include-guard detection (cpplib's "multiple include optimisation").
#[derive(Clone, Copy, PartialEq, Eq)]
enum GuardState {
    /// Nothing but trivia seen yet.
    Start,
    /// Inside the `#ifndef NAME` that opened the file, at conditional depth 1.
    Inside(Symbol),
    /// That conditional closed with nothing else around it so far.
    Closed(Symbol),
    /// Not a guarded file.
    Invalid,
}

#[derive(Clone)]
struct Cond {
    /// Some group of this conditional was taken already.
    any_taken: bool,
    seen_else: bool,
    /// Index of the group in `provenance.conditionals`.
    group: usize,
    /// The guard state of the frame before this conditional started.
    guard_candidate: Option<Symbol>,
    /// The directive that opened the current group, for "unterminated #else".
    word: &'static str,
}

/// A token list produced by a macro expansion (or pushed back).
struct Context {
    tokens: Vec<PpToken>,
    pos: usize,
    /// The macro disabled while this context is read.
    macro_id: Option<MacroId>,
    /// Reading stops here instead of falling through to the context below (a macro argument
    /// being pre-expanded).
    barrier: bool,
    /// The token after this context inherits whitespace (see `expand::Expanded`).
    trailing_white: bool,
}

/// What the base reader is doing; it decides what a line start or a file end means.
#[derive(Clone, Copy, PartialEq, Eq)]
enum BaseMode {
    Normal,
    /// Collecting macro arguments: newlines are whitespace, file ends are errors.
    Arguments,
}

pub(crate) struct Preprocessor<'a> {
    config: &'a PpConfig,
    loader: &'a mut dyn FileLoader,
    interner: Interner,
    prov: Provenance,
    macros: MacroTable,
    diags: Vec<Diagnostic>,
    files: Vec<Arc<LexedFile>>,
    file_ids: FxHashMap<PathBuf, FileId>,
    /// Include guards found, by file.
    guards: FxHashMap<FileId, Symbol>,
    once_files: Vec<FileId>,
    stack: Vec<Frame>,
    contexts: Vec<Context>,
    /// Tokens a directive produced (`#pragma`) that the base yields before reading on.
    pending: VecDeque<PpToken>,
    /// A directive line being evaluated: the base yields these, then ends.
    line: Option<(Vec<PpToken>, usize)>,
    /// >0 while macro names must not be expanded (collecting arguments, `defined X`).
    prevent_expansion: u32,
    base_mode: BaseMode,
    output: Vec<PpToken>,
    counter: u32,
    /// An invocation that expanded to nothing had whitespace before it.
    pending_white: bool,
    /// Evaluating an `#if`: `defined` and `__has_include` are operators.
    in_if: bool,
    /// Identifiers `#pragma GCC poison`ed.
    poisoned: Vec<Symbol>,
    /// The number of a GNU line marker, read as the directive name.
    pending_line_number: Option<PpToken>,
    event_positions: Vec<u32>,
    /// What the outermost expansion being read may still produce.
    budget: limits::ExpansionBudget,
    /// The tokens of the files entered by `#include` so far (see `Limits::included_tokens`).
    included_tokens: u64,
    sym: WellKnown,
    /// Checkpoints and loads, for a later run to resume from.
    resumable: Resumable,
}

/// Symbols the preprocessor compares against often.
struct WellKnown {
    defined: Symbol,
    va_args: Symbol,
    va_opt: Symbol,
}

impl WellKnown {
    fn new(interner: &mut Interner) -> WellKnown {
        WellKnown {
            defined: interner.intern("defined"),
            va_args: interner.intern("__VA_ARGS__"),
            va_opt: interner.intern("__VA_OPT__"),
        }
    }
}

impl<'a> Preprocessor<'a> {
    fn new(config: &'a PpConfig, loader: &'a mut dyn FileLoader) -> Self {
        let mut interner = Interner::default();
        let sym = WellKnown::new(&mut interner);
        let mut pp = Preprocessor::new_empty(config, loader, interner, sym);
        // Origin 0: "nowhere", for tokens the preprocessor makes without a better place.
        pp.prov.files.push(provenance::SourceFileInfo {
            path: PathBuf::from("<built-in>"),
            system: true,
        });
        pp.prov.add_origin(Origin::Source {
            file: FileId(0),
            start: 0,
            end: 0,
        });
        pp.files.push(Arc::new(crate::lexer::lex("")));
        pp.define_builtins();
        pp
    }

    /// A preprocessor with empty tables.
    fn new_empty(
        config: &'a PpConfig,
        loader: &'a mut dyn FileLoader,
        interner: Interner,
        sym: WellKnown,
    ) -> Self {
        Preprocessor {
            config,
            loader,
            interner,
            prov: Provenance::default(),
            macros: MacroTable::default(),
            diags: Vec::new(),
            files: Vec::new(),
            file_ids: FxHashMap::default(),
            guards: FxHashMap::default(),
            once_files: Vec::new(),
            stack: Vec::new(),
            contexts: Vec::new(),
            pending: VecDeque::new(),
            line: None,
            prevent_expansion: 0,
            base_mode: BaseMode::Normal,
            output: Vec::new(),
            counter: 0,
            pending_white: false,
            in_if: false,
            poisoned: Vec::new(),
            pending_line_number: None,
            event_positions: Vec::new(),
            budget: limits::ExpansionBudget::new(&config.limits, None),
            included_tokens: 0,
            sym,
            resumable: Resumable::default(),
        }
    }

    fn finish(mut self) -> PreprocessedTu {
        // Kept as long as the database: without the growth's spare room.
        self.output.shrink_to_fit();
        self.prov.shrink_to_fit();
        self.event_positions.shrink_to_fit();
        let resumable = self.keep_resumable_tables();
        PreprocessedTu {
            tokens: self.output,
            interner: self.interner,
            provenance: self.prov,
            macros: self.macros,
            diagnostics: self.diags,
            files: self.files,
            event_positions: self.event_positions,
            dialect: crate::syntax_kind::Dialect::new(self.config.gcc_major, self.config.c2x),
            resumable,
        }
    }

    /// The whole TU: built-in and command-line definitions, pre-includes, the main file.
    fn run(&mut self) {
        let builtin = self.virtual_file("<built-in>", &self.config.builtin_defines.clone());
        self.run_virtual(builtin);
        let cmdline = self.virtual_file(
            provenance::COMMAND_LINE,
            &self.config.command_line_defines.clone(),
        );
        self.run_virtual(cmdline);
        for (path, kind) in self.config.pre_includes.clone() {
            self.run_pre_include(&path, kind);
        }
        let main = self.config.main_file.clone();
        match self.load_file(&main) {
            Ok(file) => {
                let inclusion =
                    self.add_inclusion(None, file, main.display().to_string(), InclusionKind::Main);
                self.push_frame(file, inclusion, None, false);
                self.note_main(file, inclusion);
                self.drain_into_output();
            }
            Err(error) => {
                let message = files::load_error_message(&main.display().to_string(), &error);
                self.error(None, message);
            }
        }
    }

    /// Reads a pre-include (`-include`, `-imacros`) as gcc does: looked up first in the current
    /// directory, then along the `"..."` chain.
    fn run_pre_include(&mut self, path: &Path, kind: InclusionKind) {
        let (file, found_in) = match self.find_pre_include(path) {
            Ok(found) => found,
            Err(error) => {
                let message = files::load_error_message(&path.display().to_string(), &error);
                self.error(None, message);
                return;
            }
        };
        let inclusion = self.add_inclusion(None, file, path.display().to_string(), kind);
        self.push_frame(file, inclusion, found_in, kind == InclusionKind::Imacros);
        self.drain_into_output();
    }

    fn run_virtual(&mut self, file: FileId) {
        let inclusion = self.add_inclusion(None, file, String::new(), InclusionKind::PreInclude);
        self.push_frame(file, inclusion, None, true);
        self.drain_into_output();
    }

    fn drain_into_output(&mut self) {
        while let Some(tok) = self.get_token() {
            self.note_event_positions();
            let tok = self.take_pending_white(tok);
            if self.stack.last().is_some_and(|f| f.discard_output) {
                continue;
            }
            if !self.output_has_room(&tok) {
                break;
            }
            self.output.push(tok);
            self.maybe_checkpoint();
        }
        self.note_event_positions();
    }

    /// Macro events since the last output token precede the next one.
    fn note_event_positions(&mut self) {
        let position = self.output.len() as u32;
        self.event_positions
            .resize(self.macros.events.len(), position);
    }

    // ---------------------------------------------------------------- tokens and origins

    fn intern(&mut self, s: &str) -> Symbol {
        self.interner.intern(s)
    }

    fn text(&self, tok: &PpToken) -> &str {
        self.interner.resolve(tok.text)
    }

    /// The token's spelling with digraphs replaced, for punctuator comparisons.
    fn punct(&self, tok: &PpToken) -> &str {
        if tok.kind == TokenKind::Punct {
            token::canonical_punct_of(tok.text)
        } else {
            ""
        }
    }

    fn is_punct(&self, tok: &PpToken, p: &str) -> bool {
        tok.kind == TokenKind::Punct && self.punct(tok) == p
    }

    /// A token the preprocessor makes (numbers for `defined`, strings for `#`), at `origin`.
    fn synth(&mut self, kind: TokenKind, text: &str, origin: OriginId) -> PpToken {
        PpToken {
            kind,
            text: self.intern(text),
            flags: 0,
            origin,
        }
    }

    // ---------------------------------------------------------------- diagnostics

    fn diag(&mut self, severity: Severity, origin: Option<OriginId>, message: String) {
        let inclusion = self.stack.last().map(|f| f.inclusion);
        self.diags.push(Diagnostic {
            severity,
            message,
            origin,
            extent: crate::diagnostic::Extent::Token,
            inclusion,
        });
    }

    fn error(&mut self, origin: Option<OriginId>, message: String) {
        self.diag(Severity::Error, origin, message);
    }

    fn warning(&mut self, origin: Option<OriginId>, message: String) {
        self.diag(Severity::Warning, origin, message);
    }

    /// Whether warnings about the current file are wanted (gcc is silent in system headers).
    fn in_system_header(&self) -> bool {
        self.stack
            .last()
            .is_some_and(|f| self.prov.file(f.file).system)
    }
}
