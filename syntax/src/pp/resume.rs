//! Preprocessing again after an edit of the main file, from the last point before the edit
//! where the run recorded its state (a checkpoint) rather than from the start: the headers a
//! `.c` file includes before its functions are not read again.
//!
//! A checkpoint is taken before each `#include` of the main file, and between two output tokens
//! of the main file every few thousand, when nothing is pending: no macro expansion,
//! directive line or pushed-back token, only the main file open. The
//! tables that only grow (tokens, provenance, macro definitions and events, spellings,
//! diagnostics, include guards found) are recorded by their lengths; what changes in place
//! (the main file's frame and open conditionals, system-header marks, `push_macro` stacks) by
//! copy. An edit of the main file resumes from the last checkpoint before it; an edit of a
//! header from the last one before the header was first read.
//! Resuming copies the tables up to those lengths and reads the edited main file on from the
//! same token, so that the result is the one a full run gives (`first_difference` checks it
//! in the tests).

use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use rustc_hash::FxHashMap;

use super::limits::ExpansionBudget;
use super::macros::MacroId;
use super::provenance::{ConditionalGroup, FileId, Inclusion, InclusionId, ProvenanceLens};
use super::token::Symbol;
use super::{BaseMode, Frame, PpConfig, PreprocessedTu, Preprocessor, WellKnown};
use crate::lexer::LexedFile;
use crate::pp::{FileLoader, LoadError};

/// How many output tokens at least lie between two checkpoints: resuming reads at most about
/// that many of the main file's again, and a checkpoint costs a few kilobytes.
const CHECKPOINT_EVERY: usize = 4096;

/// What a run keeps so that a later run can resume from it.
pub struct Resumable {
    /// This run, among the runs of the process.
    run: u64,
    /// The run this one resumed from, and how many of its output tokens it took over (with
    /// their spellings' symbols).
    took_over: Option<(u64, usize)>,
    checkpoints: Vec<Checkpoint>,
    /// Every path the run asked the loader for, in order, and what it got: a resumed run asks
    /// again for those before its checkpoint (which records its dependence on them) and goes
    /// on only if each answer is the same.
    loads: Vec<(PathBuf, Result<Arc<LexedFile>, LoadError>)>,
    /// The main file and its inclusion.
    main: Option<(FileId, InclusionId)>,
    /// The configuration of the run: a run of another one (other defines, other search
    /// paths) reads the same files otherwise, and is not resumed from.
    config: PpConfig,
    /// The include guards found, in order (a file's may be found again).
    pub(super) guards_log: Vec<(FileId, Symbol)>,
    /// The tables of the run's end that checkpoints record by length.
    file_ids: FxHashMap<PathBuf, FileId>,
    once_files: Vec<FileId>,
    poisoned: Vec<Symbol>,
}

/// The runs made so far in the process: a run's number tells it from an earlier result.
static RUNS: AtomicU64 = AtomicU64::new(0);

impl Default for Resumable {
    fn default() -> Self {
        Resumable {
            run: RUNS.fetch_add(1, Ordering::Relaxed),
            took_over: None,
            checkpoints: Vec::new(),
            loads: Vec::new(),
            main: None,
            config: PpConfig::default(),
            guards_log: Vec::new(),
            file_ids: FxHashMap::default(),
            once_files: Vec::new(),
            poisoned: Vec::new(),
        }
    }
}

impl PreprocessedTu {
    /// This run, among the preprocessing runs of the process: what a table derived from a
    /// run remembers it by.
    pub fn run(&self) -> u64 {
        self.resumable.run
    }

    /// The run this one resumed from (its `run`), and how many of its first output tokens it
    /// took over as they were (with their provenance).
    pub fn taken_over(&self) -> Option<(u64, usize)> {
        self.resumable.took_over
    }

    /// How many of the first output tokens this TU shares with `earlier`, known without
    /// comparing them: those a run resumed from `earlier` took over (0 otherwise).
    pub fn tokens_taken_from(&self, earlier: &PreprocessedTu) -> usize {
        match self.resumable.took_over {
            Some((run, tokens)) if run == earlier.resumable.run => tokens,
            _ => 0,
        }
    }
}

impl fmt::Debug for Resumable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let at: Vec<usize> = self.checkpoints.iter().map(|c| c.lens.output).collect();
        f.debug_struct("Resumable")
            .field("checkpoints at output tokens", &at)
            .field("loads", &self.loads.len())
            .finish()
    }
}

#[derive(Clone)]
struct Checkpoint {
    /// The main file's frame (the only one open).
    frame: Frame,
    /// The main file's original text must be unchanged up to here and one byte further: up to
    /// the end of the first token after the checkpoint, which a function-like macro name
    /// before it looked at (was it `(`?).
    unchanged_through: u32,
    lens: Lens,
    /// The records of the conditional groups open in the main file, and of its inclusion,
    /// which their ends update later.
    open_groups: Vec<(usize, ConditionalGroup)>,
    main_inclusion: Inclusion,
    /// Whether each file was a system header then.
    systems: Vec<bool>,
    /// The length of `guards_log`.
    guards: usize,
    pushed: FxHashMap<Symbol, Vec<Option<MacroId>>>,
    counter: u32,
    pending_white: bool,
    budget: ExpansionBudget,
    included_tokens: u64,
}

/// The lengths of the tables that only grow.
#[derive(Clone, Copy)]
struct Lens {
    output: usize,
    provenance: ProvenanceLens,
    files: usize,
    defs: usize,
    events: usize,
    diagnostics: usize,
    event_positions: usize,
    spellings: usize,
    once_files: usize,
    poisoned: usize,
    loads: usize,
}

impl Preprocessor<'_> {
    /// Asks the loader for `path`, keeping the answer in `resumable.loads`.
    pub(super) fn load_logged(
        &mut self,
        path: &std::path::Path,
    ) -> Result<Arc<LexedFile>, LoadError> {
        let result = self.loader.load(path);
        (self.resumable.loads).push((path.to_path_buf(), result.clone()));
        result
    }

    /// The main file is open now, in `inclusion`.
    pub(super) fn note_main(&mut self, file: FileId, inclusion: InclusionId) {
        self.resumable.main = Some((file, inclusion));
    }

    /// Takes a checkpoint if enough output came since the last one and nothing is pending.
    pub(super) fn maybe_checkpoint(&mut self) {
        let last = (self.resumable.checkpoints.last()).map_or(0, |c| c.lens.output);
        if self.output.len() < last + CHECKPOINT_EVERY || !self.at_clean_point() {
            return;
        }
        let Some(frame) = self.stack.first() else {
            return;
        };
        let (pos, at_bol) = (frame.pos, frame.at_bol);
        if let Some(checkpoint) = self.checkpoint(pos, at_bol) {
            self.resumable.checkpoints.push(checkpoint);
        }
    }

    /// Takes a checkpoint before the directive whose `#` is lexer token `hash` of the top
    /// frame, if it is an `#include` of the main file and nothing is pending: a run after an
    /// edit of the header it reads resumes there.
    pub(super) fn maybe_checkpoint_at_include(&mut self, hash: usize) {
        if !self.at_clean_point() || !self.include_at(hash) {
            return;
        }
        // A run resumed here meets the directive again.
        let last = self.resumable.checkpoints.last();
        if last.is_some_and(|c| c.frame.pos == hash && c.lens.output == self.output.len()) {
            return;
        }
        // The run is read on from the `#`, at the start of its line.
        if let Some(checkpoint) = self.checkpoint(hash, true) {
            self.resumable.checkpoints.push(checkpoint);
        }
    }

    /// Whether the directive whose `#` is lexer token `hash` of the top frame is an
    /// `#include` (or `#include_next`, `#import`).
    fn include_at(&self, hash: usize) -> bool {
        let Some(frame) = self.stack.last() else {
            return false;
        };
        let lexed = &frame.lexed;
        let name = (lexed.tokens.iter_from(hash + 1)).find(|t| !t.kind.is_trivia());
        name.is_some_and(|t| {
            t.kind == crate::lexer::TokenKind::Ident
                && matches!(lexed.spelling(&t), "include" | "include_next" | "import")
        })
    }

    fn at_clean_point(&self) -> bool {
        let in_main = match (self.stack.as_slice(), self.resumable.main) {
            ([frame], Some((_, main))) => frame.inclusion == main && !frame.discard_output,
            _ => false,
        };
        in_main
            && self.contexts.is_empty()
            && self.pending.is_empty()
            && self.line.is_none()
            && self.prevent_expansion == 0
            && self.base_mode == BaseMode::Normal
            && !self.in_if
            && self.pending_line_number.is_none()
    }

    /// The state now, the main file to be read on from lexer token `pos`.
    fn checkpoint(&self, pos: usize, at_bol: bool) -> Option<Checkpoint> {
        let mut frame = self.stack.first()?.clone();
        (frame.pos, frame.at_bol) = (pos, at_bol);
        let next = (frame.lexed.tokens.iter_from(frame.pos))
            .find(|t| !t.kind.is_trivia() && t.kind != crate::lexer::TokenKind::Newline);
        let unchanged_through = match next {
            Some(token) => frame.lexed.original_range(&token).1,
            None => frame.lexed.original_text().len() as u32,
        };
        let open_groups = (frame.conds.iter())
            .filter_map(|c| Some((c.group, self.prov.conditionals.get(c.group)?.clone())))
            .collect();
        let main_inclusion = self
            .prov
            .inclusions
            .get(frame.inclusion.0 as usize)?
            .clone();
        let guards = self.resumable.guards_log.len();
        Some(Checkpoint {
            frame,
            unchanged_through,
            lens: self.lens(),
            open_groups,
            main_inclusion,
            systems: self.prov.files.iter().map(|f| f.system).collect(),
            guards,
            pushed: self.macros.pushed().clone(),
            counter: self.counter,
            pending_white: self.pending_white,
            budget: self.budget,
            included_tokens: self.included_tokens,
        })
    }

    fn lens(&self) -> Lens {
        Lens {
            output: self.output.len(),
            provenance: self.prov.lens(),
            files: self.files.len(),
            defs: self.macros.defs.len(),
            events: self.macros.events.len(),
            diagnostics: self.diags.len(),
            event_positions: self.event_positions.len(),
            spellings: self.interner.len(),
            once_files: self.once_files.len(),
            poisoned: self.poisoned.len(),
            loads: self.resumable.loads.len(),
        }
    }

    /// Keeps the tables the checkpoints record by length (called as the run finishes).
    pub(super) fn keep_resumable_tables(&mut self) -> Resumable {
        let mut resumable = std::mem::take(&mut self.resumable);
        resumable.config = self.config.clone();
        resumable.file_ids = std::mem::take(&mut self.file_ids);
        resumable.once_files = std::mem::take(&mut self.once_files);
        resumable.poisoned = std::mem::take(&mut self.poisoned);
        resumable
    }
}

/// Preprocesses the TU after an edit, resuming from `earlier` (a run of the same
/// configuration) at its last checkpoint before the first change of the main file, when
/// every other file read before it is the same (the loader gives the same lexed file, or the
/// same error); otherwise from the start. The result is the one `preprocess` gives.
pub fn preprocess_after_edit(
    config: &PpConfig,
    loader: &mut dyn FileLoader,
    earlier: &PreprocessedTu,
) -> PreprocessedTu {
    match resumable_at(config, loader, earlier) {
        Some((index, main)) => {
            let mut pp = resumed(config, loader, earlier, index, main);
            pp.drain_into_output();
            pp.finish()
        }
        None => super::preprocess(config, loader),
    }
}

/// The checkpoint of `earlier` that `preprocess_after_edit` resumes from, if any.
pub fn resume_point(
    config: &PpConfig,
    loader: &mut dyn FileLoader,
    earlier: &PreprocessedTu,
) -> Option<usize> {
    resumable_at(config, loader, earlier).map(|(index, _)| index)
}

/// The checkpoint of `earlier` to resume from, and the edited main file.
fn resumable_at(
    config: &PpConfig,
    loader: &mut dyn FileLoader,
    earlier: &PreprocessedTu,
) -> Option<(usize, Arc<LexedFile>)> {
    let resumable = &earlier.resumable;
    if resumable.config != *config {
        return None;
    }
    let (main_id, _) = resumable.main?;
    let main = super::files::for_config(config, loader.load(&config.main_file).ok()?);
    let before = earlier.files.get(main_id.0 as usize)?;
    let (old, new) = (before.original_text(), main.original_text());
    let changed_at = (old.bytes().zip(new.bytes()))
        .position(|(a, b)| a != b)
        .unwrap_or(old.len().min(new.len()));
    // Strictly before the change: the byte after the next token decides whether that token
    // was a `/` or began a comment, which the look for `(` skips.
    let by_text = (resumable.checkpoints.iter())
        .rposition(|c| (c.unchanged_through as usize) < changed_at)?;
    // The files read before it must read the same: else the last checkpoint before the first
    // file that does not.
    let wanted = resumable.checkpoints[by_text].lens.loads;
    let same = (resumable.loads[..wanted].iter())
        .take_while(|(path, answer)| {
            *path == config.main_file || same_load(answer, &loader.load(path))
        })
        .count();
    let index = (resumable.checkpoints[..=by_text].iter()).rposition(|c| c.lens.loads <= same)?;
    let checkpoint = &resumable.checkpoints[index];
    // The tokens before the checkpoint are the same (the text is), and so is the next one.
    let pos = checkpoint.frame.pos;
    if pos > 0 && before.tokens.get(pos - 1) != main.tokens.get(pos - 1) {
        return None;
    }
    Some((index, main))
}

/// Whether the loader's answer for a path is the earlier one: the same lexed file (an unchanged
/// file is), or the same error.
fn same_load(
    earlier: &Result<Arc<LexedFile>, LoadError>,
    now: &Result<Arc<LexedFile>, LoadError>,
) -> bool {
    match (earlier, now) {
        (Ok(a), Ok(b)) => Arc::ptr_eq(a, b),
        (Err(a), Err(b)) => a == b,
        _ => false,
    }
}

/// A preprocessor in the state of `earlier`'s checkpoint `index`, reading `main` on.
fn resumed<'a>(
    config: &'a PpConfig,
    loader: &'a mut dyn FileLoader,
    earlier: &PreprocessedTu,
    index: usize,
    main: Arc<LexedFile>,
) -> Preprocessor<'a> {
    let resumable = &earlier.resumable;
    let checkpoint = &resumable.checkpoints[index];
    let lens = checkpoint.lens;
    let mut prov = earlier.provenance.truncated(&lens.provenance);
    for (group, record) in &checkpoint.open_groups {
        prov.conditionals[*group] = record.clone();
    }
    prov.inclusions[checkpoint.frame.inclusion.0 as usize] = checkpoint.main_inclusion.clone();
    for (file, &system) in prov.files.iter_mut().zip(&checkpoint.systems) {
        file.system = system;
    }
    let mut files = earlier.files[..lens.files].to_vec();
    files[checkpoint.frame.file.0 as usize] = main.clone();
    let mut frame = checkpoint.frame.clone();
    frame.lexed = main.clone();
    let mut interner = earlier.interner.truncated(lens.spellings);
    let sym = WellKnown::new(&mut interner);
    let mut loads = resumable.loads[..lens.loads].to_vec();
    for (path, answer) in &mut loads {
        if *path == config.main_file {
            *answer = Ok(main.clone());
        }
    }
    let file_ids = (resumable.file_ids.iter())
        .filter(|(_, id)| (id.0 as usize) < lens.files)
        .map(|(path, &id)| (path.clone(), id))
        .collect();
    let mut pp = Preprocessor::new_empty(config, loader, interner, sym);
    pp.prov = prov;
    pp.macros = (earlier.macros).truncated(lens.defs, lens.events, checkpoint.pushed.clone());
    pp.diags = earlier.diagnostics[..lens.diagnostics].to_vec();
    pp.files = files;
    pp.file_ids = file_ids;
    let guards_log = resumable.guards_log[..checkpoint.guards].to_vec();
    pp.guards = guards_log.iter().copied().collect();
    pp.once_files = resumable.once_files[..lens.once_files].to_vec();
    pp.stack = vec![frame];
    pp.output = prefix_with_room(&earlier.tokens, lens.output);
    pp.counter = checkpoint.counter;
    pp.pending_white = checkpoint.pending_white;
    pp.poisoned = resumable.poisoned[..lens.poisoned].to_vec();
    pp.event_positions = prefix_with_room(&earlier.event_positions, lens.event_positions);
    pp.budget = checkpoint.budget;
    pp.included_tokens = checkpoint.included_tokens;
    pp.resumable = Resumable {
        took_over: Some((resumable.run, lens.output)),
        checkpoints: resumable.checkpoints[..=index].to_vec(),
        loads,
        main: resumable.main,
        guards_log,
        ..Resumable::default()
    };
    pp
}

/// The first `len` entries of `all` (an earlier run's table), in a vector with room for all of
/// them and a little more: the resumed run grows its tables back to about their earlier
/// length, and a vector of exactly `len` would be copied again (and its pages touched again)
/// on its first push.
pub(super) fn prefix_with_room<T: Clone>(all: &[T], len: usize) -> Vec<T> {
    let len = len.min(all.len());
    let mut prefix = Vec::with_capacity(all.len() + all.len() / 32 + 64);
    prefix.extend_from_slice(&all[..len]);
    prefix
}

/// The first table in which two runs' results differ, if any: what a resumed run must match.
pub fn first_difference(a: &PreprocessedTu, b: &PreprocessedTu) -> Option<&'static str> {
    let spellings = |tu: &PreprocessedTu| -> Vec<String> {
        let symbols = (0..tu.interner.len()).map(Symbol::from_index);
        symbols.map(|s| tu.interner.resolve(s).to_owned()).collect()
    };
    let (pa, pb) = (&a.provenance, &b.provenance);
    let texts = |tu: &PreprocessedTu| -> Vec<String> {
        (tu.files.iter())
            .map(|f| f.original_text().to_owned())
            .collect()
    };
    let checks: [(&'static str, bool); 15] = [
        ("tokens", a.tokens == b.tokens),
        ("spellings", spellings(a) == spellings(b)),
        ("origins", pa.origins == pb.origins),
        ("expansions", pa.expansions == pb.expansions),
        ("files", pa.files == pb.files),
        ("inclusions", pa.inclusions == pb.inclusions),
        ("conditionals", pa.conditionals == pb.conditionals),
        ("reinclusions", pa.reinclusions == pb.reinclusions),
        ("macro tests", pa.macro_tests == pb.macro_tests),
        ("macro definitions", a.macros.defs == b.macros.defs),
        ("macro events", a.macros.events == b.macros.events),
        ("diagnostics", a.diagnostics == b.diagnostics),
        ("file texts", texts(a) == texts(b)),
        ("event positions", a.event_positions == b.event_positions),
        (
            "checkpoints",
            format!("{:?}", a.resumable) == format!("{:?}", b.resumable),
        ),
    ];
    checks.iter().find(|(_, same)| !same).map(|(name, _)| *name)
}
