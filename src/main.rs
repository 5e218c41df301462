//! klp-ccp: create kernel live patches from C sources.

mod cleanup;
mod cli;
mod compile_commands;
mod crash;
mod create;
mod explain;
mod from_diff;
mod output;
mod policy;
mod report;
mod session;
mod timings;
mod warnings;
mod watch;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

use cli::{Cli, Command, CommonArgs};
use session::Session;

/// A failure that ends the run before any diagnostics of the TU exist.
#[derive(Debug, thiserror::Error)]
enum RunError {
    #[error(transparent)]
    Invocation(#[from] syntax::invocation::InvocationError),
    #[error("cannot determine the current directory: {0}")]
    CurrentDir(std::io::Error),
    #[error("cannot write to standard output: {0}")]
    Stdout(std::io::Error),
    #[error(transparent)]
    Output(#[from] output::OutputError),
    /// A policy command failed (the message names it and its arguments).
    #[error("{0}")]
    Policy(String),
    /// The policy file or its data (the message says where).
    #[error(transparent)]
    PolicyFile(#[from] policy::file::PolicyFileError),
    #[error(transparent)]
    Watch(#[from] watch::WatchError),
    /// Neither `--patched-functions` nor the policy makes a function patched.
    #[error("nothing to patch: {0}")]
    NothingToPatch(&'static str),
    #[error(transparent)]
    CompileCommands(#[from] compile_commands::CompileCommandsError),
    /// A patch that cannot be read or applied (the message names it, the file and hunk).
    #[error("{0}")]
    Diff(String),
    /// Options that do not go together (exit status 2).
    #[error("{0}")]
    Usage(String),
}

/// Deeply nested macro invocations recurse; the work thread gets a stack to match.
const STACK_SIZE: usize = 256 << 20;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => return usage_error(&error),
    };
    crash::install_hook();
    if let Err(error) = cleanup::install() {
        eprintln!("klp-ccp: warning: cannot handle SIGINT and SIGTERM: {error}");
    }
    let worker = std::thread::Builder::new()
        .stack_size(STACK_SIZE)
        .spawn(move || run(cli));
    match worker.map(|handle| handle.join()) {
        Ok(Ok(code)) => code,
        // The panic hook has said what and where.
        Ok(Err(_)) => ExitCode::from(crash::EXIT_INTERNAL),
        Err(error) => {
            eprintln!("error: internal error in klp-ccp: cannot start a thread: {error}");
            ExitCode::from(crash::EXIT_INTERNAL)
        }
    }
}

/// Prints clap's error (or the help asked for), with a tip when a bare word looks like
/// compiler arguments given without `--`; exits 2 on an error, as clap does.
fn usage_error(error: &clap::Error) -> ExitCode {
    if !error.use_stderr() {
        let _ = error.print();
        return ExitCode::SUCCESS;
    }
    let args: Vec<String> = std::env::args().collect();
    let text = error.render().to_string();
    let missing = error.kind() == clap::error::ErrorKind::MissingRequiredArgument;
    match cli::missing_separator_tip(error, &args) {
        Some(tip) if missing => eprint!(
            "error: compiler arguments must follow `--` (or a TU path follows \
             --compile-commands=FILE)\n\n  {tip}\n\nFor more information, try '--help'.\n"
        ),
        Some(tip) => match text.split_once('\n') {
            Some((first, rest)) => eprint!("{first}\n\n  {tip}\n{rest}"),
            None => eprint!("{text}\n  {tip}\n"),
        },
        None => eprint!("{text}"),
    }
    ExitCode::from(2)
}

fn run(cli: Cli) -> ExitCode {
    let result = match cli.command {
        Some(Command::Preprocess(args)) => run_preprocess(&args),
        Some(Command::Check(args)) => run_check(&args),
        Some(Command::Watch(args)) => watch::run_watch(&args),
        Some(Command::FromDiff(args)) => from_diff::run_from_diff(&args),
        None => create::run_create(&cli.create),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("error: {err}");
            match err {
                RunError::Usage(_) => ExitCode::from(2),
                _ => ExitCode::FAILURE,
            }
        }
    }
}

fn run_preprocess(args: &CommonArgs) -> Result<ExitCode, RunError> {
    let session = Session::open(args)?;
    let tu = session.preprocessed();
    let code = session.report(&tu, &tu.diagnostics);
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
        .map_err(RunError::Stdout)?;
    stdout.flush().map_err(RunError::Stdout)?;
    std::mem::forget(text);
    Ok(code)
}

fn run_check(args: &CommonArgs) -> Result<ExitCode, RunError> {
    let session = Session::open(args)?;
    let (tu, diagnostics) = session.check();
    Ok(session.report(&tu, &diagnostics))
}
