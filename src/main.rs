//! klp-ccp: create kernel live patches from C sources.

mod cli;
mod policy;
mod report;
mod warnings;

use std::io::Write;
use std::mem::ManuallyDrop;
use std::process::ExitCode;
use std::sync::Arc;

use clap::Parser;
use syntax::diagnostic::Diagnostic;
use syntax::invocation::{Invocation, parse_invocation};
use syntax::pp::{BuildClock, PpConfig, PreprocessedTu};

use cli::{Cli, Command, CommonArgs, CreateArgs};
use report::render_all;

/// A failure that ends the run before any diagnostics of the TU exist.
#[derive(Debug, thiserror::Error)]
enum RunError {
    #[error(transparent)]
    Invocation(#[from] syntax::invocation::InvocationError),
    #[error("cannot determine the current directory: {0}")]
    CurrentDir(std::io::Error),
    #[error("cannot write the output: {0}")]
    Output(std::io::Error),
    /// A policy command failed (the message names it and its arguments).
    #[error("{0}")]
    Policy(String),
}

/// Deeply nested macro invocations recurse; the work thread gets a stack to match.
const STACK_SIZE: usize = 256 << 20;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let worker = std::thread::Builder::new()
        .stack_size(STACK_SIZE)
        .spawn(move || run(cli));
    match worker.map(|handle| handle.join()) {
        Ok(Ok(code)) => code,
        _ => {
            eprintln!("error: klp-ccp failed internally (please report this as a bug)");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> ExitCode {
    let result = match cli.command {
        Some(Command::Preprocess(args)) => run_preprocess(&args),
        Some(Command::Check(args)) => run_check(&args),
        None => run_create(&cli.create),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::FAILURE
        }
    }
}

/// The build moment for `__DATE__`/`__TIME__`: `SOURCE_DATE_EPOCH` when set (reproducible
/// builds, as gcc honours it), else now.
fn build_clock() -> BuildClock {
    let epoch = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|v| v.trim().parse::<i64>().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs() as i64)
        });
    BuildClock::from_epoch(epoch)
}

/// A translation unit in the database: what every command starts from.
struct Session {
    invocation: Invocation,
    /// Never dropped: a one-shot run ends with the process, and freeing the database piece by
    /// piece would only cost time (watch mode keeps its database instead).
    db: ManuallyDrop<queries::Db>,
    tu: queries::Tu,
}

impl Session {
    /// Reads the compiler command line; nothing is preprocessed yet.
    fn open(args: &CommonArgs) -> Result<Session, RunError> {
        let cwd = std::env::current_dir().map_err(RunError::CurrentDir)?;
        let invocation = parse_invocation(&args.compiler, &args.compiler_args, &cwd)?;
        if args.verbose && !invocation.ignored.is_empty() {
            eprintln!(
                "klp-ccp: compiler options without effect here: {}",
                invocation.ignored.join(" ")
            );
        }
        let config = PpConfig::from_invocation(&invocation, &build_clock());
        let db = queries::Db::default();
        let tu = queries::Tu::new(&db, config);
        Ok(Session {
            invocation,
            db: ManuallyDrop::new(db),
            tu,
        })
    }

    fn preprocessed(&self) -> Arc<PreprocessedTu> {
        queries::preprocess(&*self.db, self.tu)
    }

    /// Preprocessing and, when that succeeded, parsing diagnostics.
    fn check(&self) -> (Arc<PreprocessedTu>, Vec<Diagnostic>) {
        let tu = self.preprocessed();
        let mut diagnostics = tu.diagnostics.clone();
        if !tu.has_errors() {
            diagnostics.extend(queries::parse(&*self.db, self.tu).diagnostics(&tu));
        }
        if !diagnostics.iter().any(Diagnostic::is_error) {
            let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
            queries::resolve_and_type_bodies(&self.db, self.tu, cores);
            diagnostics.extend(queries::sema_diagnostics(&*self.db, self.tu));
            diagnostics.extend(queries::type_diagnostics(&*self.db, self.tu));
            diagnostics.retain(|d| !warnings::silenced(d, &self.invocation.all_args));
        }
        (tu, diagnostics)
    }
}

/// Prints diagnostics; the exit code says whether there was an error.
fn report(tu: &PreprocessedTu, diagnostics: &[Diagnostic], args: &CommonArgs) -> ExitCode {
    eprint!("{}", render_all(tu, diagnostics, args.message_format));
    if diagnostics.iter().any(Diagnostic::is_error) {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn run_preprocess(args: &CommonArgs) -> Result<ExitCode, RunError> {
    let session = Session::open(args)?;
    let tu = session.preprocessed();
    let code = report(&tu, &tu.diagnostics, args);
    if tu.has_errors() {
        return Ok(code);
    }
    let text = match session.invocation.output.dump_macros {
        syntax::invocation::DumpMacros::None => syntax::pp::render(&tu),
        syntax::invocation::DumpMacros::DefinesOnly => syntax::pp::render_macro_definitions(&tu),
        syntax::invocation::DumpMacros::DefinesAndOutput => {
            syntax::pp::render_with_definitions(&tu)
        }
    };
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(&syntax::text::encode(&text))
        .map_err(RunError::Output)?;
    stdout.flush().map_err(RunError::Output)?;
    std::mem::forget(text);
    Ok(code)
}

fn run_check(args: &CommonArgs) -> Result<ExitCode, RunError> {
    let session = Session::open(args)?;
    let (tu, diagnostics) = session.check();
    Ok(report(&tu, &diagnostics, args))
}

fn run_create(args: &CreateArgs) -> Result<ExitCode, RunError> {
    let mut session = Session::open(&args.common)?;
    let cwd = std::env::current_dir().map_err(RunError::CurrentDir)?;
    let policy = policy::CommandPolicy::new(&args.policy, &args.patched_functions, &cwd)
        .map_err(|e| RunError::Policy(e.to_string()))?;
    session.db.set_policy(std::sync::Arc::new(policy));
    let (tu, mut diagnostics) = session.check();
    if diagnostics.iter().any(Diagnostic::is_error) {
        return Ok(report(&tu, &diagnostics, &args.common));
    }
    // Processes of the user's: as many at once as there are cores.
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    queries::ask_questions_ahead(&session.db, session.tu, cores * 2);
    let live_patch = queries::livepatch::live_patch(&*session.db, session.tu);
    let live_patch = match live_patch.as_ref() {
        Ok(live_patch) => live_patch,
        Err(failure) => {
            report(&tu, &diagnostics, &args.common);
            return Err(RunError::Policy(failure.to_string()));
        }
    };
    diagnostics.extend(live_patch.diagnostics.iter().cloned());
    let code = report(&tu, &diagnostics, &args.common);
    if diagnostics.iter().any(Diagnostic::is_error) {
        return Ok(code);
    }
    write_output(args.outfile.as_deref(), &live_patch.text)?;
    Ok(code)
}

/// Writes the live patch to `path` (standard output without one), atomically: to a file
/// beside it, renamed over it once complete, so that a failed run leaves no half-written
/// output.
fn write_output(path: Option<&std::path::Path>, text: &str) -> Result<(), RunError> {
    let Some(path) = path else {
        let mut stdout = std::io::stdout().lock();
        stdout
            .write_all(&syntax::text::encode(text))
            .map_err(RunError::Output)?;
        return stdout.flush().map_err(RunError::Output);
    };
    let file_name = path.file_name().map(|n| n.to_string_lossy().into_owned());
    let temp = path.with_file_name(format!(
        ".{}.klp-ccp-{}.tmp",
        file_name.unwrap_or_default(),
        std::process::id()
    ));
    let written = std::fs::write(&temp, syntax::text::encode(text))
        .and_then(|()| std::fs::rename(&temp, path));
    if let Err(error) = written {
        let _ = std::fs::remove_file(&temp);
        return Err(RunError::Output(error));
    }
    Ok(())
}
