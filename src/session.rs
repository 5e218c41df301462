//! A translation unit in the database, and how its diagnostics are reported: what every
//! command starts from.

use std::mem::ManuallyDrop;
use std::process::ExitCode;
use std::sync::Arc;

use queries::sema::ItemId;
use syntax::diagnostic::Diagnostic;
use syntax::invocation::{Invocation, parse_invocation};
use syntax::pp::{BuildClock, PpConfig, PreprocessedTu};

use crate::RunError;
use crate::cli::{CommonArgs, RunOptions};
use crate::compile_commands;
use crate::report::{Limit, MessageFormat, render_all};
use crate::timings::Timings;
use crate::warnings;

/// The errors printed at most when neither `--max-errors` nor `-fmax-errors` says: enough to
/// see what went wrong, not a flood from a TU that is not C.
pub const DEFAULT_MAX_ERRORS: usize = 100;

pub struct Session {
    pub invocation: Invocation,
    /// Never dropped: a one-shot run ends with the process, and freeing the database piece by
    /// piece would only cost time (watch mode keeps its database instead).
    pub db: ManuallyDrop<queries::Db>,
    pub tu: queries::Tu,
    format: MessageFormat,
    limit: Limit,
    pub timings: Timings,
}

impl Session {
    /// Frees the database now, leaving an empty one: a run over many TUs (`from-diff`) must
    /// not keep every TU's. The session is of no use afterwards.
    pub fn free_database(&mut self) {
        let empty = ManuallyDrop::new(queries::Db::new(queries::MemoryFs::default()));
        drop(ManuallyDrop::into_inner(std::mem::replace(
            &mut self.db,
            empty,
        )));
    }

    /// Reads the compiler command line; nothing is preprocessed yet.
    /// With `--compile-commands`, the command line and directory are the TU's entry's.
    pub fn open(args: &CommonArgs) -> Result<Session, RunError> {
        let cwd = std::env::current_dir().map_err(RunError::CurrentDir)?;
        let (Some(database), Some(tu)) = (&args.compile_commands, &args.tu) else {
            let db = queries::Db::new(queries::RealFs).lexing_ahead();
            return Session::open_in(&args.run, &args.compiler_args, &cwd, db);
        };
        let commands = compile_commands::load(database)?;
        let command = compile_commands::find(database, &commands, tu, &cwd)?;
        let db = queries::Db::new(compile_commands::DirectoryFs(command.directory.clone()))
            .lexing_ahead();
        Session::open_in(&args.run, &command.args, &command.directory, db)
    }

    /// Reads the compiler command line `compiler_args` as run in `cwd` (an absolute path,
    /// when `db` reads files with relative paths taken from it).
    pub fn open_in(
        args: &RunOptions,
        compiler_args: &[String],
        cwd: &std::path::Path,
        db: queries::Db,
    ) -> Result<Session, RunError> {
        let invocation = parse_invocation(&args.compiler, compiler_args, cwd)?;
        // `-fmax-errors` has its effect on the diagnostics' report.
        let ignored: Vec<&str> = (invocation.ignored.iter())
            .map(String::as_str)
            .filter(|arg| !arg.starts_with("-fmax-errors="))
            .collect();
        if args.verbose && !ignored.is_empty() {
            eprintln!(
                "klp-ccp: compiler options without effect here: {}",
                ignored.join(" ")
            );
        }
        let config = PpConfig::from_invocation(&invocation, &build_clock());
        let tu = queries::Tu::new(&db, config);
        let max_errors = args
            .max_errors
            .or_else(|| gcc_max_errors(&invocation.all_args))
            .unwrap_or(DEFAULT_MAX_ERRORS);
        Ok(Session {
            invocation,
            db: ManuallyDrop::new(db),
            tu,
            format: args.message_format,
            limit: Limit { max_errors },
            timings: Timings::new(args.verbose),
        })
    }

    pub fn preprocessed(&self) -> Arc<PreprocessedTu> {
        (self.timings).time("preprocess", || queries::preprocess(&*self.db, self.tu))
    }

    /// The diagnostics of preprocessing, then of parsing, then of semantics, as far as there
    /// are no errors.
    pub fn check(&self) -> (Arc<PreprocessedTu>, Vec<Diagnostic>) {
        let (tu, mut diagnostics) = self.check_syntax();
        if !diagnostics.iter().any(Diagnostic::is_error) {
            (self.timings).time("semantics", || diagnostics.extend(self.semantics()));
        }
        (tu, diagnostics)
    }

    /// The diagnostics of preprocessing, then of parsing, as far as there are no errors.
    pub fn check_syntax(&self) -> (Arc<PreprocessedTu>, Vec<Diagnostic>) {
        self.check_syntax_with(|db, tu| queries::parse(db, tu))
    }

    /// `check_syntax` before a live patch: what it needs of the preprocessed TU alone is
    /// made while the TU is parsed.
    pub fn check_syntax_for_live_patch(&self) -> (Arc<PreprocessedTu>, Vec<Diagnostic>) {
        self.check_syntax_with(queries::parse_for_live_patch)
    }

    fn check_syntax_with(
        &self,
        parse: impl FnOnce(&queries::Db, queries::Tu) -> Arc<syntax::parse_tu::ParsedTu>,
    ) -> (Arc<PreprocessedTu>, Vec<Diagnostic>) {
        let tu = self.preprocessed();
        let mut diagnostics = tu.diagnostics.clone();
        if !tu.has_errors() {
            let parsed = (self.timings).time("parse", || parse(&self.db, self.tu));
            diagnostics.extend(parsed.diagnostics(&tu));
        }
        (tu, diagnostics)
    }

    /// Name resolution and types of the whole TU, and what they find to say.
    fn semantics(&self) -> Vec<Diagnostic> {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        queries::resolve_and_type_bodies(&self.db, self.tu, cores);
        let mut diagnostics = queries::sema_diagnostics(&*self.db, self.tu);
        diagnostics.extend(queries::type_diagnostics(&*self.db, self.tu));
        self.unsilenced(diagnostics)
    }

    /// Name resolution and types of the file scope and of the function bodies
    /// `body_wanted` picks (by item), and what they find to say.
    pub fn semantics_of(&self, body_wanted: &dyn Fn(ItemId) -> bool) -> Vec<Diagnostic> {
        let db = &*self.db;
        let mut diagnostics = queries::sema_diagnostics_of(db, self.tu, body_wanted);
        diagnostics.extend(queries::livepatch::copied_type_diagnostics(
            db,
            self.tu,
            body_wanted,
        ));
        self.unsilenced(diagnostics)
    }

    /// `diagnostics` less the warnings the compiler command line turns off.
    fn unsilenced(&self, mut diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
        diagnostics.retain(|d| !warnings::silenced(d, &self.invocation.all_args));
        diagnostics
    }

    /// Prints diagnostics; the exit code says whether there was an error.
    pub fn report(&self, tu: &PreprocessedTu, diagnostics: &[Diagnostic]) -> ExitCode {
        eprint!("{}", self.render(tu, diagnostics));
        if diagnostics.iter().any(Diagnostic::is_error) {
            ExitCode::FAILURE
        } else {
            ExitCode::SUCCESS
        }
    }
}

impl Session {
    /// Diagnostics as `report` prints them.
    pub fn render(&self, tu: &PreprocessedTu, diagnostics: &[Diagnostic]) -> String {
        render_all(tu, diagnostics, self.format, self.limit)
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

/// The limit of the compiler command line's `-fmax-errors=N` (the last one, as with gcc).
fn gcc_max_errors(args: &[String]) -> Option<usize> {
    (args.iter().rev()).find_map(|arg| arg.strip_prefix("-fmax-errors=")?.parse().ok())
}
