//! Live-patch creation, the default command: the TU checked, the patched functions checked,
//! the policy asked, the live patch written.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use syntax::diagnostic::Diagnostic;
use syntax::pp::PreprocessedTu;

use crate::cli::CreateArgs;
use crate::policy::file::FilePolicy;
use crate::session::Session;
use crate::{RunError, output, policy, timings};
use queries::livepatch::{ItemForm, LivePatch, PolicyFailure};
use queries::sema::ItemId;
use rustc_hash::FxHashSet;

pub fn run_create(args: &CreateArgs) -> Result<ExitCode, RunError> {
    if let Some(path) = &args.outfile {
        output::check_writable(path)?;
    }
    let cwd = std::env::current_dir().map_err(RunError::CurrentDir)?;
    let names = policy::patched_function_names(&args.patched_functions)
        .map_err(|e| RunError::Policy(e.to_string()))?;
    let file = load_policy_file(args, &names)?;
    let file_patches = file
        .as_ref()
        .is_some_and(FilePolicy::names_patched_functions);
    if names.is_empty() && args.policy.pol_cmd_is_patched.is_none() && !file_patches {
        return Err(RunError::NothingToPatch(
            "name the patched functions with --patched-functions=LIST \
             (or let --pol-cmd-is-patched or the policy file's [patched] functions decide)",
        ));
    }
    let mut session = Session::open(&args.common)?;
    let policy = policy::CommandPolicy::new(&args.policy, file, &names, &cwd)
        .map_err(|e| RunError::Policy(e.to_string()))?;
    let policy = Arc::new(policy);
    session.db.set_policy(policy.clone());
    // Semantics are checked after the live patch is made, for the bodies it copies only:
    // those of the rest of the TU (thousands in a kernel TU) do not go into it.
    let (tu, mut diagnostics) = session.check_syntax();
    if !diagnostics.iter().any(Diagnostic::is_error) {
        diagnostics.extend(queries::patched_name_errors(
            &*session.db,
            session.tu,
            &names,
        ));
    }
    if diagnostics.iter().any(Diagnostic::is_error) {
        return Ok(session.report(&tu, &diagnostics));
    }
    let live_patch = session.timings.time("live patch", || live_patch(&session));
    say_policy_work(&session, &policy);
    let live_patch = match live_patch.as_ref() {
        Ok(live_patch) => live_patch,
        Err(failure) => {
            session.report(&tu, &diagnostics);
            return Err(RunError::Policy(failure.to_string()));
        }
    };
    let copied = copied_items(&session);
    let semantics = || session.semantics_of(&|item| copied.contains(&item));
    diagnostics.extend(session.timings.time("semantics", semantics));
    if nothing_patched(&session) {
        session.report(&tu, &diagnostics);
        return Err(RunError::NothingToPatch(
            "the policy (--pol-cmd-is-patched or the policy file) makes no function of this \
             TU patched",
        ));
    }
    diagnostics.extend(live_patch.diagnostics.iter().cloned());
    let code = session.report(&tu, &diagnostics);
    if diagnostics.iter().any(Diagnostic::is_error) {
        return Ok(code);
    }
    let written = || write_output(args.outfile.as_deref(), &live_patch.text, &tu);
    session.timings.time("write", written)?;
    Ok(code)
}

/// The policy file of `--policy` with the data of `--symbols`, read before any work: an
/// error in it stops the run at once.
fn load_policy_file(args: &CreateArgs, names: &[String]) -> Result<Option<FilePolicy>, RunError> {
    let Some(path) = &args.policy_file.policy else {
        return Ok(None);
    };
    let symbols = &args.policy_file.symbols;
    Ok(Some(FilePolicy::load(path, symbols, names)?))
}

/// For `-v`: how many commands ran and how many answers the policy file gave, and for how
/// long.
fn say_policy_work(session: &Session, policy: &policy::CommandPolicy) {
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

/// Writes the live patch to `path` (see `output`), standard output without one.
fn write_output(path: Option<&Path>, text: &str, tu: &PreprocessedTu) -> Result<(), RunError> {
    // Bytes of the sources that are not UTF-8 go out as they came in.
    let text = syntax::text::encode(text);
    let Some(path) = path else {
        let mut stdout = std::io::stdout().lock();
        stdout.write_all(&text).map_err(RunError::Stdout)?;
        return stdout.flush().map_err(RunError::Stdout);
    };
    let inputs: Vec<PathBuf> = (tu.provenance.files.iter())
        .map(|file| file.path.clone())
        .collect();
    Ok(output::write_file(path, &text, &inputs)?)
}
