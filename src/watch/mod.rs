//! `klp-ccp watch`: live-patch creation kept up to date in one database. The files the TU
//! read, the `@FILE`s of `--patched-functions` and the policy commands are watched (through
//! `notify`, debounced); a change sets the inputs it changes (a file's text, the policy) and
//! re-runs the live patch, which re-runs only what depends on them. The output is rewritten
//! (atomically) only when its text changed, and one line says what changed, how long the
//! re-run took and how the live patch's items changed. A bad edit's diagnostics are printed
//! and the last good output stays. SIGINT ends the loop with exit status 0.

mod changes;
mod paths;

use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use notify_debouncer_mini::notify::{RecommendedWatcher, RecursiveMode};
use notify_debouncer_mini::{DebounceEventResult, Debouncer, new_debouncer};
use queries::livepatch::{Explanation, QuestionKind};

use crate::cli::CreateArgs;
use crate::create::{self, Outcome};
use crate::policy::{Answers, PatchedFunctions, read_patched_functions};
use crate::session::Session;
use crate::{RunError, cleanup, output, timings};
use paths::{Watched, WatchedPaths};

/// How long the watcher waits for a burst of changes (an editor's save) to end.
const DEBOUNCE: Duration = Duration::from_millis(100);

/// Further notices arriving this soon after a batch are taken with it.
const SETTLE: Duration = Duration::from_millis(20);

/// Why watching cannot go on.
#[derive(Debug, thiserror::Error)]
pub enum WatchError {
    #[error("cannot watch for changes: {0}")]
    Notify(#[from] notify_debouncer_mini::notify::Error),
    #[error("the file watcher stopped")]
    Stopped,
    #[error("watch needs --outfile")]
    NoOutfile,
}

pub fn run_watch(args: &CreateArgs) -> Result<ExitCode, RunError> {
    // clap requires it for `watch`.
    let Some(outfile) = args.outfile.clone() else {
        return Err(RunError::Watch(WatchError::NoOutfile));
    };
    output::check_writable(&outfile)?;
    if let Some(path) = &args.explain {
        output::check_writable(path)?;
    }
    cleanup::interrupt_ends_successfully();
    let cwd = std::env::current_dir().map_err(RunError::CurrentDir)?;
    let mut session = Session::open(&args.common)?;
    let patched = read_patched_functions(&args.patched_functions, &cwd)
        .map_err(|e| RunError::Policy(e.to_string()))?;
    let file = create::load_policy_file(args, &patched.names)?;
    create::check_something_patched(args, &patched, file.as_ref())?;
    let answers: Arc<Answers> = Arc::default();
    let policy = create::command_policy(args, file, &patched, &cwd, answers.clone())?;
    let commands = policy.commands();
    session.db.set_policy(Arc::new(policy));
    let (sender, notices) = channel();
    let debouncer = new_debouncer(DEBOUNCE, sender).map_err(WatchError::from)?;
    let mut watch = Watch {
        args,
        cwd,
        outfile,
        session,
        patched,
        answers,
        command_texts: (commands.iter())
            .map(|(_, path)| (path.clone(), std::fs::read(path).ok()))
            .collect(),
        file_texts: (args.policy_file.policy.iter())
            .chain(&args.policy_file.symbols)
            .map(|path| (path.clone(), std::fs::read(path).ok()))
            .collect(),
        commands,
        paths: WatchedPaths::default(),
        debouncer,
        watching: Vec::new(),
        last_text: None,
        last_explanation: None,
        last_diagnostics: String::new(),
    };
    let started = Instant::now();
    let result = watch.run();
    let took = started.elapsed();
    watch.watch_new_paths();
    let result = match result {
        RunResult::Written(explanation) => {
            let counts = changes::counts(&explanation);
            watch.last_explanation = Some(explanation);
            format!("{} written ({counts})", watch.outfile.display())
        }
        other => watch.describe(other),
    };
    say(&format!(
        "first run in {}: {result}; watching {} paths in {} directories (Ctrl-C ends)",
        timings::seconds(took),
        watch.session.db.known_paths().len(),
        watch.watching.len()
    ));
    loop {
        let batch = next_batch(&notices)?;
        let started = Instant::now();
        let Some(what) = watch.apply(&batch) else {
            continue;
        };
        let result = watch.run();
        let took = started.elapsed();
        let result = watch.describe(result);
        watch.watch_new_paths();
        say(&format!(
            "{what}: re-run in {}: {result}",
            timings::seconds(took)
        ));
    }
}

/// Prints one line of the loop's account on stdout.
fn say(line: &str) {
    let mut stdout = std::io::stdout().lock();
    let _ = writeln!(stdout, "klp-ccp watch: {line}");
    let _ = stdout.flush();
}

/// The paths of the next batch of change notices (several batches close together are one).
fn next_batch(notices: &Receiver<DebounceEventResult>) -> Result<Vec<PathBuf>, RunError> {
    let mut paths = Vec::new();
    let mut take = |result: DebounceEventResult| match result {
        Ok(events) => paths.extend(events.into_iter().map(|event| event.path)),
        Err(error) => eprintln!("klp-ccp watch: warning: {error}"),
    };
    take(notices.recv().map_err(|_| WatchError::Stopped)?);
    loop {
        match notices.recv_timeout(SETTLE) {
            Ok(result) => take(result),
            Err(RecvTimeoutError::Timeout) => break,
            Err(RecvTimeoutError::Disconnected) => return Err(WatchError::Stopped.into()),
        }
    }
    paths.sort();
    paths.dedup();
    Ok(paths)
}

/// The loop's state.
struct Watch<'a> {
    args: &'a CreateArgs,
    cwd: PathBuf,
    outfile: PathBuf,
    session: Session,
    patched: PatchedFunctions,
    /// The policy's answers, kept across policies: a command is run again only after its
    /// file changed (and then only its kind of question is asked again).
    answers: Arc<Answers>,
    commands: Vec<(QuestionKind, PathBuf)>,
    /// What each command's file held when last read (`None`: unreadable).
    command_texts: HashMap<PathBuf, Option<Vec<u8>>>,
    /// The same of the policy file and its data files.
    file_texts: HashMap<PathBuf, Option<Vec<u8>>>,
    paths: WatchedPaths,
    debouncer: Debouncer<RecommendedWatcher>,
    /// The directories watched.
    watching: Vec<PathBuf>,
    /// The text last written.
    last_text: Option<String>,
    last_explanation: Option<Explanation>,
    /// The diagnostics last printed, rendered: the same are not printed again.
    last_diagnostics: String,
}

/// What a run came to.
enum RunResult {
    /// The output was written anew.
    Written(Explanation),
    /// The live patch's text is the one written before.
    Unchanged,
    /// Errors in the diagnostics printed.
    Errors,
    Failed(RunError),
}

impl Watch<'_> {
    /// Sets the inputs the changed `paths` change. Returns what changed, in words, or `None`
    /// when nothing the live patch depends on did.
    fn apply(&mut self, paths: &[PathBuf]) -> Option<String> {
        let mut hits: Vec<Watched> = Vec::new();
        for hit in paths.iter().flat_map(|path| self.paths.lookup(path)) {
            if !hits.contains(hit) {
                hits.push(hit.clone());
            }
        }
        let mut what = Vec::new();
        // The kinds of question whose policy changed.
        let mut kinds: Vec<QuestionKind> = Vec::new();
        for hit in hits {
            match hit {
                Watched::Source(path) => {
                    if self.session.db.reload_file(&path) {
                        what.push(path.display().to_string());
                    }
                }
                Watched::PatchedList => {
                    if let Some(change) = self.reread_patched() {
                        what.push(change);
                        kinds.push(QuestionKind::IsPatched);
                    }
                }
                Watched::PolicyFile(path) => {
                    let text = std::fs::read(&path).ok();
                    if self.file_texts.get(&path) != Some(&text) {
                        self.file_texts.insert(path.clone(), text);
                        what.push(format!("policy file {}", path.display()));
                        kinds.extend(QuestionKind::ALL);
                    }
                }
                Watched::Command(kind, path) => {
                    let text = std::fs::read(&path).ok();
                    if self.command_texts.get(&path) == Some(&text) {
                        continue;
                    }
                    self.command_texts.insert(path.clone(), text);
                    self.answers.forget_command(&path);
                    what.push(format!(
                        "policy command {}={}",
                        kind.option(),
                        path.display()
                    ));
                    kinds.push(kind);
                }
            }
        }
        if !kinds.is_empty()
            && let Err(error) = self.set_policy(&kinds)
        {
            say(&format!("{error}; the policy is left as it was"));
        }
        (!what.is_empty()).then(|| what.join(", ") + " changed")
    }

    /// Reads `--patched-functions` again; returns how the set changed, if it did.
    fn reread_patched(&mut self) -> Option<String> {
        let patched = match read_patched_functions(&self.args.patched_functions, &self.cwd) {
            Ok(patched) => patched,
            Err(error) => {
                say(&format!(
                    "{error}; the patched functions are left as they were"
                ));
                return None;
            }
        };
        let gone = (self.patched.names.iter()).filter(|n| !patched.names.contains(n));
        let new = (patched.names.iter()).filter(|n| !self.patched.names.contains(n));
        let change: Vec<String> = (gone.map(|n| format!("-{n}")))
            .chain(new.map(|n| format!("+{n}")))
            .collect();
        if change.is_empty() {
            return None;
        }
        self.patched = patched;
        Some(format!("patched functions ({})", change.join(" ")))
    }

    /// Sets the policy of the current patched functions, commands and policy file for the
    /// questions of `kinds`: the answers to the other kinds stay valid, and the answers of
    /// the commands whose files did not change are kept (a patched set that changed asks the
    /// `is-patched` command again, without running it).
    fn set_policy(&mut self, kinds: &[QuestionKind]) -> Result<(), RunError> {
        let file = create::load_policy_file(self.args, &self.patched.names)?;
        let policy = create::command_policy(
            self.args,
            file,
            &self.patched,
            &self.cwd,
            self.answers.clone(),
        )?;
        self.session.db.set_policy_for(kinds, Arc::new(policy));
        Ok(())
    }

    /// Re-runs the live patch; writes the output when its text changed.
    fn run(&mut self) -> RunResult {
        let attempt = create::attempt(&self.session, &self.patched.names);
        let rendered = self.session.render(&attempt.tu, &attempt.diagnostics);
        if rendered != self.last_diagnostics {
            eprint!("{rendered}");
            self.last_diagnostics = rendered;
        }
        let text = match attempt.outcome {
            Outcome::Done(text) => text,
            Outcome::Errors => return RunResult::Errors,
            Outcome::Failed(error) => return RunResult::Failed(error),
        };
        if self.last_text.as_ref() == Some(&text) {
            return RunResult::Unchanged;
        }
        let inputs = create::input_paths(&attempt.tu);
        if let Err(error) = create::write_output(Some(&self.outfile), &text, &inputs) {
            return RunResult::Failed(error);
        }
        self.last_text = Some(text);
        let explanation = match queries::livepatch::explain(&*self.session.db, self.session.tu) {
            Ok(explanation) => explanation,
            Err(failure) => return RunResult::Failed(RunError::Policy(failure.to_string())),
        };
        if let Some(path) = &self.args.explain {
            let text =
                crate::explain::render(&explanation, &self.answers, self.args.explain_format);
            if let Err(error) = output::write_file(path, text.as_bytes(), &inputs) {
                return RunResult::Failed(error.into());
            }
        }
        RunResult::Written(explanation)
    }

    /// A run's result in words (for the loop's line), remembering the explanation.
    fn describe(&mut self, result: RunResult) -> String {
        let outfile = self.outfile.display();
        match result {
            RunResult::Written(explanation) => {
                let changes = match &self.last_explanation {
                    Some(before) => changes::item_changes(before, &explanation),
                    None => changes::counts(&explanation),
                };
                self.last_explanation = Some(explanation);
                match changes.as_str() {
                    "" => format!("{outfile} rewritten: the same items, other text"),
                    _ => format!("{outfile} rewritten: {changes}"),
                }
            }
            RunResult::Unchanged => "the live patch is unchanged".to_owned(),
            RunResult::Errors => format!("errors (printed above); {outfile} left as it was"),
            RunResult::Failed(error) => format!("error: {error}; {outfile} left as it was"),
        }
    }

    /// The policy file and its data files, as given.
    fn policy_files(&self) -> Vec<PathBuf> {
        let file = &self.args.policy_file;
        (file.policy.iter()).chain(&file.symbols).cloned().collect()
    }

    /// Watches the paths the database read since the last call, and the patched-function
    /// lists and policy commands (the first time).
    fn watch_new_paths(&mut self) {
        let cwd = self.cwd.clone();
        if self.watching.is_empty() {
            for file in self.patched.files.clone() {
                self.paths.add(&cwd, &file, Watched::PatchedList);
            }
            for path in self.policy_files() {
                self.paths
                    .add(&cwd, &path, Watched::PolicyFile(path.clone()));
            }
            for (option, path) in self.commands.clone() {
                self.paths
                    .add(&cwd, &path, Watched::Command(option, path.clone()));
            }
        }
        for path in self.session.db.known_paths() {
            if self.paths.is_new_source(&path) {
                self.paths.add(&cwd, &path, Watched::Source(path.clone()));
            }
        }
        let new: Vec<PathBuf> = (self.paths.directories.iter())
            .filter(|d| !self.watching.contains(d))
            .cloned()
            .collect();
        for directory in new {
            let watcher = self.debouncer.watcher();
            if let Err(error) = watcher.watch(&directory, RecursiveMode::NonRecursive) {
                eprintln!(
                    "klp-ccp watch: warning: cannot watch {}: {error}",
                    directory.display()
                );
            }
            self.watching.push(directory);
        }
    }
}
