//! One TU of a `from-diff` run: preprocessed in the pristine tree (does it read a changed
//! file?), its function definitions compared with the patched tree's, and its live patch
//! made from the patched tree with the functions found patched.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use queries::SourceDb;
use queries::definitions::{function_definitions, refers_to};
use queries::livepatch::Fate;
use syntax::diagnostic::Diagnostic;

use super::align;
use super::changed::{Changes, changes};
use super::tree::{Overlay, ReadCache, TreeFs};
use crate::cli::{FromDiffArgs, RunOptions};
use crate::compile_commands::{CompileCommand, normalized};
use crate::create::{Outcome, attempt};
use crate::policy::{CommandPolicy, DiffPolicy};
use crate::session::Session;

/// What a run shares between its TUs.
pub struct RunContext<'a> {
    pub args: &'a FromDiffArgs,
    pub overlay: Arc<Overlay>,
    pub cache: Arc<ReadCache>,
    pub lexed: Arc<queries::LexCache>,
    pub policy: Arc<CommandPolicy>,
}

/// What became of one TU.
#[derive(Debug)]
pub struct TuReport {
    /// The TU's source, relative to the tree.
    pub tu: PathBuf,
    pub status: Status,
    pub changes: Changes,
    /// The symbols the live patch refers to in the running kernel.
    pub externalized: Vec<String>,
    /// The headers the live patch includes.
    pub included: Vec<String>,
    /// The live patch's text (with `Status::Patched`), until it is written.
    pub text: Option<String>,
    /// Where the live patch was written, relative to the output folder.
    pub output: Option<PathBuf>,
    /// The diagnostics, rendered as the run's message format says.
    pub diagnostics: String,
    /// The files the patched TU read (absolute): the live patch must not overwrite one.
    pub inputs: Vec<PathBuf>,
    pub seconds: f64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    /// It reads no changed file.
    Unaffected,
    /// It gets a live patch.
    Patched,
    /// It reads a changed file, but no function of it changed: why.
    NothingToPatch(String),
    /// It could not be worked on: why (its diagnostics say more).
    Failed(String),
}

/// Works on the TU of `command`, named `tu` (relative to the tree).
pub fn process(context: &RunContext, command: &CompileCommand, tu: PathBuf) -> TuReport {
    let started = Instant::now();
    let mut report = TuReport {
        tu,
        status: Status::Unaffected,
        changes: Changes::default(),
        externalized: Vec::new(),
        included: Vec::new(),
        text: None,
        output: None,
        diagnostics: String::new(),
        inputs: Vec::new(),
        seconds: 0.0,
    };
    report.status = match work(context, command, &mut report) {
        Ok(status) => status,
        Err(why) => Status::Failed(why),
    };
    report.seconds = started.elapsed().as_secs_f64();
    report
}

fn work(
    context: &RunContext,
    command: &CompileCommand,
    report: &mut TuReport,
) -> Result<Status, String> {
    let pristine = open(context, command, None)?;
    let pristine_pp = pristine.preprocessed();
    if !reads_a_changed_file(&pristine_pp, command, &context.overlay) {
        return Ok(Status::Unaffected);
    }
    if pristine_pp.has_errors() {
        report.diagnostics = pristine.render(&pristine_pp, &pristine_pp.diagnostics);
        return Err("the TU has errors before the patches (see its diagnostics)".into());
    }
    let mut patched = open(context, command, Some(context.overlay.clone()))?;
    // The patched tree reads the pristine one's files but the changed ones: when the fix
    // changes the `.c` file after its headers only, its preprocessing resumes from there.
    if let Some(earlier) = patched.db.earlier_runs() {
        earlier.seed(patched.tu, pristine_pp.clone());
    }
    let (pp, diagnostics) = patched.check_syntax();
    if diagnostics.iter().any(Diagnostic::is_error) {
        report.diagnostics = patched.render(&pp, &diagnostics);
        return Err("the TU has errors with the patches applied (see its diagnostics)".into());
    }
    report.inputs = files_read(&pp, command).collect();
    let after = function_definitions(&*patched.db, patched.tu);
    let before = match align::pristine_definitions(&pristine_pp, &pp, &after) {
        Some(before) => Arc::new(before),
        None => parsed_definitions(&pristine, report)?,
    };
    let (db, tu) = (&*patched.db, patched.tu);
    let uses = |f: &str, g: &str| refers_to(db, tu, f, g);
    report.changes = changes(&before, &after, &context.overlay, &command.directory, &uses);
    if report.changes.patched.is_empty() {
        return Ok(Status::NothingToPatch(nothing_to_patch(&report.changes)));
    }
    let names: Vec<String> = (report.changes.patched.iter())
        .map(|p| p.name.clone())
        .collect();
    let (overlay, directory) = (context.overlay.clone(), command.directory.clone());
    let changed = move |header: &str| {
        overlay
            .changed_from(&directory, Path::new(header))
            .is_some()
    };
    let policy = DiffPolicy::new(
        context.policy.clone(),
        names.iter().cloned(),
        Box::new(changed),
    );
    patched.db.set_policy(Arc::new(policy));
    live_patch(&patched, &names, report)
}

/// The pristine TU's function definitions, from its parse.
fn parsed_definitions(
    pristine: &Session,
    report: &mut TuReport,
) -> Result<Arc<Vec<queries::definitions::FunctionDefinition>>, String> {
    let (pp, diagnostics) = pristine.check_syntax();
    if diagnostics.iter().any(Diagnostic::is_error) {
        report.diagnostics = pristine.render(&pp, &diagnostics);
        return Err("the TU has errors before the patches (see its diagnostics)".into());
    }
    Ok(function_definitions(&*pristine.db, pristine.tu))
}

/// Makes the live patch of the patched TU; its text goes into the report.
fn live_patch(
    session: &Session,
    names: &[String],
    report: &mut TuReport,
) -> Result<Status, String> {
    let attempt = attempt(session, names);
    report.diagnostics = session.render(&attempt.tu, &attempt.diagnostics);
    let text = match attempt.outcome {
        Outcome::Done(text) => text,
        Outcome::Errors => return Err("the live patch has errors (see its diagnostics)".into()),
        Outcome::Failed(error) => return Err(error.to_string()),
    };
    let (db, tu) = (&*session.db, session.tu);
    let planned = queries::livepatch::closure_plan(db, tu);
    if let Ok(planned) = planned.as_ref() {
        report.externalized = (planned.plan.fates.iter())
            .filter(|(_, fate)| matches!(fate, Fate::Externalized { .. }))
            .map(|(name, _)| name.clone())
            .collect();
    }
    report.included =
        queries::livepatch::included_header_names(db, tu).map_err(|e| e.to_string())?;
    report.text = Some(text);
    Ok(Status::Patched)
}

/// Why a TU that reads a changed file has nothing to patch.
fn nothing_to_patch(changes: &Changes) -> String {
    match changes.changed_in_headers.as_slice() {
        [] => "no function definition changes after preprocessing (only comments, blanks, \
               declarations, or code outside functions)"
            .to_owned(),
        changed => format!(
            "the changed functions of headers ({}) are not used by the TU's functions",
            changed.join(", ")
        ),
    }
}

/// A session whose database is freed when the TU is done with (a one-shot run's is not:
/// `Session::db`), so that a run over many TUs holds only those being worked on.
struct Freeing(Session);

impl Drop for Freeing {
    fn drop(&mut self) {
        self.0.free_database();
    }
}

impl std::ops::Deref for Freeing {
    type Target = Session;

    fn deref(&self) -> &Session {
        &self.0
    }
}

impl std::ops::DerefMut for Freeing {
    fn deref_mut(&mut self) -> &mut Session {
        &mut self.0
    }
}

/// A session on the TU of `command`, reading the tree as `overlay` has it (`None`: as on
/// disk).
fn open(
    context: &RunContext,
    command: &CompileCommand,
    overlay: Option<Arc<Overlay>>,
) -> Result<Freeing, String> {
    let run = RunOptions {
        verbose: false,
        ..context.args.run.clone()
    };
    let fs = TreeFs {
        directory: command.directory.clone(),
        overlay,
        cache: context.cache.clone(),
    };
    let db = queries::Db::new(fs).sharing_lexed_files(context.lexed.clone());
    Session::open_in(&run, &command.args, &command.directory, db)
        .map(Freeing)
        .map_err(|e| e.to_string())
}

/// Whether the TU read a file the patches change.
fn reads_a_changed_file(
    pp: &syntax::pp::PreprocessedTu,
    command: &CompileCommand,
    overlay: &Overlay,
) -> bool {
    files_read(pp, command).any(|path| overlay.changed(&path).is_some())
}

/// The files the TU read, as absolute paths.
fn files_read<'a>(
    pp: &'a syntax::pp::PreprocessedTu,
    command: &'a CompileCommand,
) -> impl Iterator<Item = PathBuf> + 'a {
    (pp.provenance.files.iter()).map(|file| normalized(&command.directory.join(&file.path)))
}
