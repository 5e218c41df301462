//! `klp-ccp from-diff`: from a kernel fix (unified diffs) to the live patch of every TU it
//! changes, in one run, without writing the tree.
//!
//! The patches are applied in memory (`patch`, `apply`, `tree`); the TUs of the compilation
//! database that may read a changed file are picked by the build's dependency files
//! (`dependencies`) and confirmed by preprocessing; in each, the changed functions are found
//! by comparing definitions after preprocessing (`changed`), and the live patch is made from
//! the patched tree (`tu`). TUs run in parallel; a TU's failure does not stop the others.

mod align;
mod apply;
mod changed;
mod dependencies;
mod patch;
mod summary;
mod tree;
mod tu;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use crate::RunError;
use crate::cli::{FromDiffArgs, Shard};
use crate::compile_commands::{self, CompileCommand};
use crate::policy::CommandPolicy;
use crate::policy::file::FilePolicy;
use tree::{Overlay, canonical};
use tu::{RunContext, Status, TuReport};

/// Each TU's work runs deep recursions (nested macro invocations, the parser): its thread
/// gets the stack the main work thread has.
const TU_STACK: usize = 256 << 20;

pub fn run_from_diff(args: &FromDiffArgs) -> Result<ExitCode, RunError> {
    if args.policy.pol_cmd_is_patched.is_some() {
        return Err(RunError::Usage(
            "from-diff: --pol-cmd-is-patched does not apply: the diff says which functions are patched".into(),
        ));
    }
    let cwd = std::env::current_dir().map_err(RunError::CurrentDir)?;
    check_outdir(&args.outdir)?;
    let commands = compile_commands::load(&args.compile_commands)?;
    let tree = match &args.tree {
        Some(tree) => canonical(&cwd.join(tree)),
        None => canonical(&cwd.join(&args.compile_commands))
            .parent()
            .map(Path::to_owned)
            .unwrap_or_default(),
    };
    let patches = read_patches(&args.patches, args.strip)?;
    let overlay =
        Arc::new(Overlay::apply(&tree, &patches).map_err(|e| RunError::Diff(e.to_string()))?);
    let policy = user_policy(args, &cwd)?;
    let candidates = candidates(&commands, &overlay, args.shard);
    let context = RunContext {
        args,
        overlay,
        cache: Arc::default(),
        lexed: Arc::default(),
        policy: Arc::new(policy),
    };
    let reports = run_all(&context, &candidates, &tree);
    let changed_files: Vec<String> = (context.overlay.files.values())
        .map(|file| file.relative.display().to_string())
        .collect();
    finish(args, &changed_files, &reports)
}

/// The output folder must be new or empty: an earlier run's live patches would mix with this
/// one's, and a TU with nothing to patch now would seem to have a live patch.
fn check_outdir(outdir: &Path) -> Result<(), RunError> {
    let Ok(mut entries) = std::fs::read_dir(outdir) else {
        return match outdir.exists() {
            true => Err(RunError::Usage(format!(
                "--outdir={}: not a folder",
                outdir.display()
            ))),
            false => Ok(()),
        };
    };
    match entries.next() {
        None => Ok(()),
        Some(_) => Err(RunError::Usage(format!(
            "--outdir={}: exists and is not empty (an earlier run's live patches would mix with \
             this one's): remove it or name another",
            outdir.display()
        ))),
    }
}

/// The patches' file changes, each patch named as given.
fn read_patches(
    paths: &[PathBuf],
    strip: Option<usize>,
) -> Result<Vec<(String, Vec<patch::FilePatch>)>, RunError> {
    paths
        .iter()
        .map(|path| {
            let name = path.display().to_string();
            let bytes = std::fs::read(path)
                .map_err(|e| RunError::Diff(format!("cannot read {name}: {e}")))?;
            let files =
                patch::parse(&bytes, strip).map_err(|e| RunError::Diff(format!("{name}: {e}")))?;
            if files.is_empty() {
                return Err(RunError::Diff(format!(
                    "{name}: no file changes in it (not a unified diff?)"
                )));
            }
            Ok((name, files))
        })
        .collect()
}

/// The user's policy, shared by every TU (its `is-patched` is the diff's).
fn user_policy(args: &FromDiffArgs, cwd: &Path) -> Result<CommandPolicy, RunError> {
    let file = match &args.policy_file.policy {
        Some(path) => Some(FilePolicy::load(path, &args.policy_file.symbols, &[])?),
        None => None,
    };
    CommandPolicy::new(&args.policy, file, &[], cwd).map_err(|e| RunError::Policy(e.to_string()))
}

/// The TUs that may read a changed file (all whose dependency file does not rule it out),
/// sorted by path, then the shard's share of them.
fn candidates<'a>(
    commands: &'a [CompileCommand],
    overlay: &Overlay,
    shard: Option<Shard>,
) -> Vec<&'a CompileCommand> {
    let changed: Vec<&Path> = overlay.files.keys().map(PathBuf::as_path).collect();
    let mut picked: Vec<&CompileCommand> = (commands.iter())
        .filter(|command| {
            overlay.changed(&command.file).is_some()
                || dependencies::recorded(command)
                    .is_none_or(|deps| dependencies::mentions_any(&deps, &changed))
        })
        .collect();
    picked.sort_by(|a, b| a.file.cmp(&b.file));
    picked.dedup_by(|a, b| a.file == b.file);
    match shard {
        Some(Shard { index, count }) => (picked.into_iter().enumerate())
            .filter(|(i, _)| i % count == index - 1)
            .map(|(_, c)| c)
            .collect(),
        None => picked,
    }
}

/// Works on every candidate, `--jobs` at a time; reports in the candidates' order. Each
/// report's line is printed as it is done.
fn run_all(context: &RunContext, candidates: &[&CompileCommand], tree: &Path) -> Vec<TuReport> {
    let jobs = (context.args.jobs.map(|n| n.get()))
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .min(candidates.len().max(1));
    let progress = progress_bar(candidates.len());
    let next = AtomicUsize::new(0);
    let reports: Mutex<Vec<Option<TuReport>>> =
        Mutex::new((0..candidates.len()).map(|_| None).collect());
    let lock = || reports.lock().unwrap_or_else(PoisonError::into_inner);
    std::thread::scope(|scope| {
        for _ in 0..jobs {
            let worker = || {
                loop {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    let Some(&command) = candidates.get(index) else {
                        break;
                    };
                    let tu = relative_to(tree, command);
                    progress.set_message(tu.display().to_string());
                    let mut report = tu::process(context, command, tu);
                    write_live_patch(&context.args.outdir, &mut report);
                    progress.suspend(|| say(context, &report));
                    progress.inc(1);
                    lock()[index] = Some(report);
                }
            };
            let spawned = std::thread::Builder::new()
                .stack_size(TU_STACK)
                .spawn_scoped(scope, worker);
            if spawned.is_err() {
                worker();
            }
        }
    });
    reports
        .into_inner()
        .unwrap_or_else(PoisonError::into_inner)
        .into_iter()
        .flatten()
        .collect()
}

/// A progress bar of the TUs done, on a terminal only (none in a pipe or a file).
fn progress_bar(tus: usize) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(tus as u64);
    let style = indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} TUs {wide_msg}");
    if let Ok(style) = style {
        bar.set_style(style);
    }
    bar
}

/// The TU's path relative to the tree (its place under `--outdir`); relative to its
/// directory when it lies outside the tree.
fn relative_to(tree: &Path, command: &CompileCommand) -> PathBuf {
    let file = canonical(&command.file);
    (file.strip_prefix(tree).ok())
        .or_else(|| command.file.strip_prefix(&command.directory).ok())
        .map_or_else(
            || PathBuf::from(command.file.file_name().unwrap_or_default()),
            Path::to_owned,
        )
}

/// One line for a TU on stdout (its diagnostics before it, on stderr); unaffected TUs only
/// with `-v`.
fn say(context: &RunContext, report: &TuReport) {
    if report.status == Status::Unaffected && !context.args.run.verbose {
        return;
    }
    let mut stderr = std::io::stderr().lock();
    let _ = stderr.write_all(report.diagnostics.as_bytes());
    let mut stdout = std::io::stdout().lock();
    let _ = writeln!(stdout, "{}", summary::line(report));
}

/// Writes a TU's live patch as soon as it is made (a long run keeps what it finished); a
/// failure to write fails the TU. The text is not kept after.
fn write_live_patch(outdir: &Path, report: &mut TuReport) {
    let Some(text) = report.text.take() else {
        return;
    };
    let path = outdir.join(&report.tu);
    let created = match path.parent() {
        Some(parent) => std::fs::create_dir_all(parent)
            .map_err(|e| format!("cannot create {}: {e}", parent.display())),
        None => Ok(()),
    };
    let written = created.and_then(|()| {
        let text = syntax::text::encode(&text);
        crate::output::write_file(&path, &text, &report.inputs).map_err(|e| e.to_string())
    });
    match written {
        Ok(()) => report.output = Some(report.tu.clone()),
        Err(why) => report.status = Status::Failed(why),
    }
}

/// Writes the summary; the exit status says whether every TU worked.
fn finish(
    args: &FromDiffArgs,
    changed_files: &[String],
    reports: &[TuReport],
) -> Result<ExitCode, RunError> {
    std::fs::create_dir_all(&args.outdir)
        .map_err(|e| RunError::Diff(format!("cannot create {}: {e}", args.outdir.display())))?;
    let summary = summary::json(changed_files, reports);
    crate::output::write_file(&args.outdir.join("summary.json"), summary.as_bytes(), &[])?;
    let failed = reports
        .iter()
        .any(|r| matches!(r.status, Status::Failed(_)));
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
