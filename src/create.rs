//! Live-patch creation, the default command: the TU checked, the patched functions checked,
//! the policy asked, the live patch written (and, with `--explain`, the account of it).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use syntax::diagnostic::Diagnostic;
use syntax::pp::PreprocessedTu;

use crate::cli::{CreateArgs, ExplainFormat};
use crate::policy::file::FilePolicy;
use crate::policy::{Answers, CommandPolicy, PatchedFunctions};
use crate::session::Session;
use crate::{RunError, explain, output, policy, timings};
use queries::livepatch::{ItemForm, LivePatch, PolicyFailure};
use queries::sema::ItemId;
use rustc_hash::FxHashSet;

pub fn run_create(args: &CreateArgs) -> Result<ExitCode, RunError> {
    if let Some(path) = &args.outfile {
        output::check_writable(path)?;
    }
    if let Some(path) = &args.explain {
        output::check_writable(path)?;
    }
    let cwd = std::env::current_dir().map_err(RunError::CurrentDir)?;
    let patched = policy::read_patched_functions(&args.patched_functions, &cwd)
        .map_err(|e| RunError::Policy(e.to_string()))?;
    let file = load_policy_file(args, &patched.names)?;
    check_something_patched(args, &patched, file.as_ref())?;
    let mut session = Session::open(&args.common)?;
    let policy = command_policy(args, file, &patched, &cwd, Arc::default())?;
    let policy = Arc::new(policy);
    session.db.set_policy(policy.clone());
    let attempt = attempt(&session, &patched.names);
    if attempt.ran_live_patch {
        say_policy_work(&session, &policy);
    }
    let code = session.report(&attempt.tu, &attempt.diagnostics);
    let text = match attempt.outcome {
        Outcome::Failed(error) => return Err(error),
        Outcome::Errors => return Ok(code),
        Outcome::Done(text) => text,
    };
    let inputs = input_paths(&attempt.tu);
    let written = || write_output(args.outfile.as_deref(), &text, &inputs);
    session.timings.time("write", written)?;
    if let Some(path) = &args.explain {
        let text = explanation(&session, policy.answers(), args.explain_format)?;
        output::write_file(path, text.as_bytes(), &inputs)?;
    }
    Ok(code)
}

/// Fails when nothing can make a function patched.
pub fn check_something_patched(
    args: &CreateArgs,
    patched: &PatchedFunctions,
    file: Option<&FilePolicy>,
) -> Result<(), RunError> {
    let file_patches = file.is_some_and(FilePolicy::names_patched_functions);
    if patched.names.is_empty() && args.policy.pol_cmd_is_patched.is_none() && !file_patches {
        return Err(RunError::NothingToPatch(
            "name the patched functions with --patched-functions=LIST \
             (or let --pol-cmd-is-patched or the policy file's [patched] functions decide)",
        ));
    }
    Ok(())
}

/// The policy file of `--policy` with the data of `--symbols`, read before any work: an
/// error in it stops the run at once.
pub fn load_policy_file(
    args: &CreateArgs,
    names: &[String],
) -> Result<Option<FilePolicy>, RunError> {
    let Some(path) = &args.policy_file.policy else {
        return Ok(None);
    };
    let symbols = &args.policy_file.symbols;
    Ok(Some(FilePolicy::load(path, symbols, names)?))
}

/// The policy of the command line with the policy file `file` and the patched functions
/// `patched`, keeping its answers in `answers`.
pub fn command_policy(
    args: &CreateArgs,
    file: Option<FilePolicy>,
    patched: &PatchedFunctions,
    cwd: &Path,
    answers: Arc<Answers>,
) -> Result<CommandPolicy, RunError> {
    let policy = CommandPolicy::new(&args.policy, file, &patched.names, cwd)
        .map_err(|e| RunError::Policy(e.to_string()))?;
    Ok(policy.with_answers(answers))
}

/// For `-v`: how many commands ran and how many answers the policy file gave, and for how
/// long.
fn say_policy_work(session: &Session, policy: &CommandPolicy) {
    let (commands, time) = policy.commands_run();
    (session.timings).say(&format!(
        "policy: {commands} commands run, {} in them",
        timings::seconds(time)
    ));
    if let (Some((answers, time)), Some(summary)) = (policy.file_answers(), policy.file_summary()) {
        (session.timings).say(&format!(
            "policy file: {summary}; {answers} answers, {} µs in them",
            time.as_micros()
        ));
    }
}

/// What one run of live-patch creation came to.
pub struct Attempt {
    pub tu: Arc<PreprocessedTu>,
    /// To report, whatever the outcome.
    pub diagnostics: Vec<Diagnostic>,
    /// Whether the live patch was computed (the TU and the patched set had no errors).
    pub ran_live_patch: bool,
    pub outcome: Outcome,
}

pub enum Outcome {
    /// The live patch's text (the diagnostics have no error).
    Done(String),
    /// The diagnostics have errors.
    Errors,
    /// The policy failed, or made nothing patched.
    Failed(RunError),
}

/// Checks the TU and the patched functions `names`, and makes the live patch under the
/// policy set in the database. Prints nothing.
pub fn attempt(session: &Session, names: &[String]) -> Attempt {
    // Semantics are checked after the live patch is made, for the bodies it copies only:
    // those of the rest of the TU (thousands in a kernel TU) do not go into it.
    let (tu, diagnostics) = session.check_syntax_for_live_patch();
    if diagnostics.iter().any(Diagnostic::is_error) {
        return Attempt {
            tu,
            diagnostics,
            ran_live_patch: false,
            outcome: Outcome::Errors,
        };
    }
    // The file scope's types, which the live patch reads once it reaches bodies, are made
    // on another core meanwhile.
    queries::with_file_types_ahead(&session.db, session.tu, || {
        attempt_parsed(session, names, tu, diagnostics)
    })
}

/// `attempt` once the TU is parsed without errors.
fn attempt_parsed(
    session: &Session,
    names: &[String],
    tu: Arc<PreprocessedTu>,
    mut diagnostics: Vec<Diagnostic>,
) -> Attempt {
    diagnostics.extend(queries::patched_name_errors(
        &*session.db,
        session.tu,
        names,
    ));
    let finish = |diagnostics, ran_live_patch, outcome| Attempt {
        tu: tu.clone(),
        diagnostics,
        ran_live_patch,
        outcome,
    };
    if diagnostics.iter().any(Diagnostic::is_error) {
        return finish(diagnostics, false, Outcome::Errors);
    }
    let live_patch = session.timings.time("live patch", || live_patch(session));
    let live_patch = match live_patch.as_ref() {
        Ok(live_patch) => live_patch,
        Err(failure) => {
            let error = RunError::Policy(failure.to_string());
            return finish(diagnostics, true, Outcome::Failed(error));
        }
    };
    let copied = copied_items(session);
    let semantics = || session.semantics_of(&|item| copied.contains(&item));
    diagnostics.extend(session.timings.time("semantics", semantics));
    if nothing_patched(session) {
        let error = RunError::NothingToPatch(
            "the policy (--pol-cmd-is-patched or the policy file) makes no function of this \
             TU patched",
        );
        return finish(diagnostics, true, Outcome::Failed(error));
    }
    diagnostics.extend(live_patch.diagnostics.iter().cloned());
    if diagnostics.iter().any(Diagnostic::is_error) {
        return finish(diagnostics, true, Outcome::Errors);
    }
    let text = live_patch.text.clone();
    finish(diagnostics, true, Outcome::Done(text))
}

/// The text of `--explain` for the live patch just made.
pub fn explanation(
    session: &Session,
    answers: &Answers,
    format: ExplainFormat,
) -> Result<String, RunError> {
    let explanation = queries::livepatch::explain(&*session.db, session.tu)
        .map_err(|failure| RunError::Policy(failure.to_string()))?;
    Ok(explain::render(&explanation, answers, format))
}

/// The live patch: the policy's questions asked (those asked whatever the answers, ahead
/// and in parallel), the closure found, the text emitted.
fn live_patch(session: &Session) -> Arc<Result<LivePatch, PolicyFailure>> {
    // Processes of the user's: two per core, as they mostly wait.
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    queries::ask_questions_ahead(&session.db, session.tu, cores * 2);
    queries::livepatch::live_patch(&*session.db, session.tu)
}

/// The items the live patch copies whole (its function definitions among them).
fn copied_items(session: &Session) -> FxHashSet<ItemId> {
    let planned = queries::livepatch::closure_plan(&*session.db, session.tu);
    let Ok(planned) = planned.as_ref() else {
        return FxHashSet::default();
    };
    (planned.plan.items.iter())
        .filter(|(_, form)| **form == ItemForm::Whole)
        .map(|(&item, _)| item)
        .collect()
}

/// Whether the policy made none of the TU's functions patched (the plan is computed by
/// then). A TU that defines no function at all has nothing the policy could patch: its live
/// patch is empty, as the original klp-ccp makes it (a conformance case).
fn nothing_patched(session: &Session) -> bool {
    let defines_functions = !queries::sema::file_scope(&*session.db, session.tu)
        .functions
        .is_empty();
    let planned = queries::livepatch::closure_plan(&*session.db, session.tu);
    let patches = planned.as_ref().as_ref().is_ok_and(|planned| {
        (planned.plan.fates.iter())
            .any(|(_, fate)| matches!(fate, queries::livepatch::Fate::Patched { .. }))
    });
    defines_functions && !patches
}

/// The files the TU read: the output must not be one of them.
pub fn input_paths(tu: &PreprocessedTu) -> Vec<PathBuf> {
    (tu.provenance.files.iter())
        .map(|file| file.path.clone())
        .collect()
}

/// Writes the live patch to `path` (see `output`), standard output without one.
pub fn write_output(path: Option<&Path>, text: &str, inputs: &[PathBuf]) -> Result<(), RunError> {
    // Bytes of the sources that are not UTF-8 go out as they came in.
    let text = syntax::text::encode(text);
    let Some(path) = path else {
        let mut stdout = std::io::stdout().lock();
        stdout.write_all(&text).map_err(RunError::Stdout)?;
        return stdout.flush().map_err(RunError::Stdout);
    };
    Ok(output::write_file(path, &text, inputs)?)
}
