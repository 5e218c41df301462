//! The user's policy commands (POLICY-PROTOCOL.md) answering the queries' policy questions:
//! each question runs its command, with the question's arguments, no shell and no stdin, and
//! reads the reply from its stdout, strictly. Questions whose command is not given are
//! answered by the policy file (`--policy`, `file/`) when there is one, else by the queries'
//! default answers.

mod answers;
mod diff;
pub mod file;
mod patched;
mod process;

use std::path::{Path, PathBuf};
use std::process::ExitStatus;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use queries::livepatch::{
    AnswerError, DefaultPolicy, Policy, PolicyFailure, Question, QuestionKind, Reply, is_identifier,
};

use crate::cli::PolicyArgs;
pub use answers::{Answers, Source};
pub use diff::DiffPolicy;
pub use patched::{PatchedFunctions, read_patched_functions};
use process::{Finished, Limits, RunFault};

/// How much a command may write, stdout and stderr together: a reply is a few lines, and a
/// command writing without end must not exhaust klp-ccp's memory.
const MAX_OUTPUT: usize = 1 << 20;

/// The policy of a run: the commands of the command line, the policy file, and
/// `--patched-functions`.
pub struct CommandPolicy {
    /// The commands, relative ones made absolute against the directory klp-ccp started in
    /// (a bare name is a file there, not a program to look up in `PATH`).
    commands: PolicyArgs,
    /// Answers when neither a command nor the policy file is given, and holds
    /// `--patched-functions`.
    defaults: DefaultPolicy,
    /// Answers the questions whose command is not given.
    file: Option<file::FilePolicy>,
    limits: Limits,
    stats: CommandStats,
    /// The answers given, kept for `--explain` and for the next policy of a watch session.
    answers: Arc<Answers>,
}

/// How many commands ran, and for how long together (for `-v`).
#[derive(Default)]
struct CommandStats {
    count: AtomicUsize,
    nanos: AtomicU64,
}

/// A `--patched-functions` entry that cannot name a function.
#[derive(Debug, thiserror::Error)]
#[error("--patched-functions: `{0}` is not a function name")]
pub struct BadPatchedFunction(String);

impl CommandPolicy {
    /// The policy of `commands`, the policy file `file` and `patched_functions` (as clap
    /// split them at commas); relative commands are resolved against `cwd`.
    pub fn new(
        commands: &PolicyArgs,
        file: Option<file::FilePolicy>,
        patched_functions: &[String],
        cwd: &Path,
    ) -> Result<Self, BadPatchedFunction> {
        Ok(Self {
            commands: resolved(commands, cwd),
            defaults: DefaultPolicy::new(patched_function_names(patched_functions)?),
            file,
            limits: Limits {
                timeout: commands.policy_timeout.0,
                max_output: MAX_OUTPUT,
            },
            stats: CommandStats::default(),
            answers: Arc::default(),
        })
    }

    /// This policy, keeping its answers in `answers` (shared with an earlier policy of the
    /// same commands: a command's earlier answers are given again without running it, until
    /// `Answers::forget_command`).
    pub fn with_answers(mut self, answers: Arc<Answers>) -> Self {
        self.answers = answers;
        self
    }

    /// The answers given so far.
    pub fn answers(&self) -> &Arc<Answers> {
        &self.answers
    }

    /// The commands given, with the kinds of question they answer (relative paths made
    /// absolute).
    pub fn commands(&self) -> Vec<(QuestionKind, PathBuf)> {
        let c = &self.commands;
        let options = [
            (QuestionKind::IsPatched, &c.pol_cmd_is_patched),
            (
                QuestionKind::MayIncludeHeader,
                &c.pol_cmd_may_include_header,
            ),
            (
                QuestionKind::CanExternalizeFun,
                &c.pol_cmd_can_externalize_fun,
            ),
            (
                QuestionKind::ShallExternalizeFun,
                &c.pol_cmd_shall_externalize_fun,
            ),
            (
                QuestionKind::ShallExternalizeObj,
                &c.pol_cmd_shall_externalize_obj,
            ),
            (
                QuestionKind::ModifyPatchedFunSym,
                &c.pol_cmd_modify_patched_fun_sym,
            ),
            (
                QuestionKind::ModifyExternalizedSym,
                &c.pol_cmd_modify_externalized_sym,
            ),
            (
                QuestionKind::RenamedRewrittenFun,
                &c.pol_cmd_renamed_rewritten_fun,
            ),
        ];
        (options.into_iter())
            .filter_map(|(kind, path)| Some((kind, path.clone()?)))
            .collect()
    }

    /// How many commands ran so far, and how long they took together (several run at once).
    pub fn commands_run(&self) -> (usize, Duration) {
        let nanos = self.stats.nanos.load(Ordering::Relaxed);
        (
            self.stats.count.load(Ordering::Relaxed),
            Duration::from_nanos(nanos),
        )
    }

    /// How many questions the policy file answered, and how long that took together.
    pub fn file_answers(&self) -> Option<(usize, Duration)> {
        self.file.as_ref().map(file::FilePolicy::answered)
    }

    /// What the policy file loaded (for `-v`).
    pub fn file_summary(&self) -> Option<String> {
        self.file.as_ref().map(file::FilePolicy::summary)
    }

    /// What answers the questions no command answers.
    fn fallback(&self) -> &dyn Policy {
        match &self.file {
            Some(file) => file,
            None => &self.defaults,
        }
    }

    /// The command that answers `question`, when given.
    fn command_for(&self, question: &Question) -> Option<&Path> {
        let commands = &self.commands;
        let command = match question {
            Question::IsPatched { .. } => &commands.pol_cmd_is_patched,
            Question::MayIncludeHeader { .. } => &commands.pol_cmd_may_include_header,
            Question::CanExternalizeFun { .. } => &commands.pol_cmd_can_externalize_fun,
            Question::ShallExternalizeFun { .. } => &commands.pol_cmd_shall_externalize_fun,
            Question::ShallExternalizeObj { .. } => &commands.pol_cmd_shall_externalize_obj,
            Question::ModifyPatchedFunSym { .. } => &commands.pol_cmd_modify_patched_fun_sym,
            Question::ModifyExternalizedSym { .. } => &commands.pol_cmd_modify_externalized_sym,
            Question::RenamedRewrittenFun { .. } => &commands.pol_cmd_renamed_rewritten_fun,
        };
        command.as_deref()
    }

    /// Whether `question` asks about a function `--patched-functions` lists: it is patched
    /// whatever the command would say (either may make a function patched).
    fn listed_as_patched(&self, question: &Question) -> bool {
        matches!(question, Question::IsPatched { name } if self.defaults.lists_as_patched(name))
    }
}

impl Policy for CommandPolicy {
    fn ask(&self, question: &Question) -> Result<Reply, PolicyFailure> {
        match self.command_for(question) {
            Some(program) if !self.listed_as_patched(question) => {
                if let Some(reply) = self.answers.cached(question, program) {
                    return Ok(reply);
                }
                let started = Instant::now();
                let reply = run(program, question, self.limits);
                let nanos = u64::try_from(started.elapsed().as_nanos()).unwrap_or(u64::MAX);
                self.stats.count.fetch_add(1, Ordering::Relaxed);
                self.stats.nanos.fetch_add(nanos, Ordering::Relaxed);
                // A failure is not kept: the next run tries the command again.
                if let Ok(reply) = &reply {
                    let source = Source::Command(program.to_owned());
                    self.answers.record(question, source, reply);
                }
                reply
            }
            _ => {
                let reply = self.fallback().ask(question);
                if let Ok(reply) = &reply {
                    let source = if self.listed_as_patched(question) {
                        Source::Listed
                    } else if self.file.is_some() {
                        Source::File
                    } else {
                        Source::Default
                    };
                    self.answers.record(question, source, reply);
                }
                reply
            }
        }
    }

    /// A command answering `is-patched` overrides the policy file for that question, so
    /// only `--patched-functions` names functions as patched then.
    fn names_as_patched(&self, name: &str) -> bool {
        match self.commands.pol_cmd_is_patched {
            Some(_) => self.defaults.lists_as_patched(name),
            None => self.fallback().names_as_patched(name),
        }
    }
}

/// `commands` with the relative paths joined to `cwd`.
fn resolved(commands: &PolicyArgs, cwd: &Path) -> PolicyArgs {
    let resolve = |command: &Option<PathBuf>| command.as_ref().map(|path| cwd.join(path));
    PolicyArgs {
        pol_cmd_is_patched: resolve(&commands.pol_cmd_is_patched),
        pol_cmd_may_include_header: resolve(&commands.pol_cmd_may_include_header),
        pol_cmd_can_externalize_fun: resolve(&commands.pol_cmd_can_externalize_fun),
        pol_cmd_shall_externalize_fun: resolve(&commands.pol_cmd_shall_externalize_fun),
        pol_cmd_shall_externalize_obj: resolve(&commands.pol_cmd_shall_externalize_obj),
        pol_cmd_modify_patched_fun_sym: resolve(&commands.pol_cmd_modify_patched_fun_sym),
        pol_cmd_modify_externalized_sym: resolve(&commands.pol_cmd_modify_externalized_sym),
        pol_cmd_renamed_rewritten_fun: resolve(&commands.pol_cmd_renamed_rewritten_fun),
        policy_timeout: commands.policy_timeout,
    }
}

/// The function names of `--patched-functions`, whose entries clap split at commas: trimmed
/// (`a, b` was meant as two names) and without empty entries (a trailing comma).
pub fn patched_function_names(entries: &[String]) -> Result<Vec<String>, BadPatchedFunction> {
    entries
        .iter()
        .map(|entry| entry.trim())
        .filter(|name| !name.is_empty())
        .map(|name| {
            if is_identifier(name) {
                Ok(name.to_owned())
            } else {
                Err(BadPatchedFunction(name.to_owned()))
            }
        })
        .collect()
}

/// How a policy command broke the protocol.
#[derive(Debug, thiserror::Error)]
enum Fault {
    #[error(transparent)]
    Run(#[from] RunFault),
    #[error("ended with {status}{}", stderr_note(.stderr))]
    Unsuccessful { status: ExitStatus, stderr: String },
    #[error("wrote to stderr: {0}")]
    Stderr(String),
    #[error("wrote output that is not UTF-8")]
    NotUtf8,
    #[error("wrote a line that is neither RESULT, WARNING nor ERROR: `{0}`")]
    UnexpectedLine(String),
    #[error("wrote no RESULT line")]
    NoResult,
    #[error("wrote a second RESULT line: `{0}`")]
    SecondResult(String),
    #[error(transparent)]
    Answer(#[from] AnswerError),
}

/// What a failed command wrote to stderr, which likely says why it failed.
fn stderr_note(stderr: &str) -> String {
    match stderr {
        "" => String::new(),
        _ => format!(" (stderr: {stderr})"),
    }
}

/// Asks `question` of the command `program`.
fn run(program: &Path, question: &Question, limits: Limits) -> Result<Reply, PolicyFailure> {
    let args = question.args();
    let reply = process::run(program, &args, limits)
        .map_err(Fault::Run)
        .and_then(|finished| parse_reply(successful_stdout(&finished)?, question));
    reply.map_err(|fault| PolicyFailure {
        option: question.option(),
        program: program.to_owned(),
        args,
        reason: fault.to_string(),
    })
}

/// The command's stdout, when it exited successfully and wrote nothing to stderr.
fn successful_stdout(finished: &Finished) -> Result<&str, Fault> {
    let stderr = || String::from_utf8_lossy(&finished.stderr).trim().to_owned();
    if !finished.status.success() {
        return Err(Fault::Unsuccessful {
            status: finished.status,
            stderr: stderr(),
        });
    }
    if !finished.stderr.is_empty() {
        return Err(Fault::Stderr(stderr()));
    }
    std::str::from_utf8(&finished.stdout).map_err(|_| Fault::NotUtf8)
}

/// Reads a reply: exactly one `RESULT:` line, any `WARNING:` and `ERROR:` lines, nothing else.
fn parse_reply(stdout: &str, question: &Question) -> Result<Reply, Fault> {
    let mut result = None;
    let mut warnings = Vec::new();
    let mut errors = Vec::new();
    for line in stdout.lines() {
        match line.split_once(':') {
            Some(("RESULT", text)) if result.is_none() => result = Some(text),
            Some(("RESULT", _)) => return Err(Fault::SecondResult(line.to_owned())),
            Some(("WARNING", text)) => warnings.push(text.trim().to_owned()),
            Some(("ERROR", text)) => errors.push(text.trim().to_owned()),
            _ => return Err(Fault::UnexpectedLine(line.to_owned())),
        }
    }
    let answer = question.parse_answer(result.ok_or(Fault::NoResult)?)?;
    Ok(Reply {
        answer,
        warnings,
        errors,
    })
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};
    use std::sync::OnceLock;

    use clap::Parser;
    use expect_test::{Expect, expect};
    use queries::livepatch::{Policy, Question, SymbolKind};

    use super::{CommandPolicy, patched_function_names};
    use crate::cli::{Cli, PolicyArgs};

    /// The test policy commands, by file name.
    const SCRIPTS: &[(&str, &str)] = &[
        (
            "is-patched",
            r#"case "$1" in fix_me) echo "RESULT: YES" ;; *) echo "RESULT: NO" ;; esac"#,
        ),
        (
            "echo-args",
            r#"echo "WARNING: args: $*"; echo "RESULT: YES""#,
        ),
        (
            "warn-and-err",
            "echo 'WARNING: careful'; echo 'RESULT: NO'; echo 'ERROR: broken'; \
             echo 'WARNING:   again  '",
        ),
        (
            "externalize",
            r#"case "$1" in
                 function) echo "RESULT: klpe_$2 MAKE-INTERNAL MAKE-POINTER" ;;
                 object) echo "RESULT: $2 MAKE-EXTERNAL" ;;
               esac"#,
        ),
        ("stderr", "echo 'RESULT: YES'; echo oops >&2"),
        (
            "exit-1",
            "echo 'RESULT: YES'; echo 'no such function' >&2; exit 1",
        ),
        ("exit-2-quietly", "exit 2"),
        ("no-result", "echo 'WARNING: thinking'"),
        ("two-results", "echo 'RESULT: YES'; echo 'RESULT: NO'"),
        ("junk-line", "echo 'RESULT: YES'; echo 'checking...'"),
        ("blank-line", "echo 'RESULT: YES'; echo"),
        ("unparsable", "echo 'RESULT: MAYBE'"),
        ("not-utf8", r"printf 'RESULT: \377\n'"),
        ("hangs", "sleep 1000.25"),
        (
            "child-holds-stdout",
            "(sleep 1000.5 &) ; echo 'RESULT: YES'",
        ),
        ("endless", "yes"),
    ];

    /// A directory `policy/` with the test scripts, and a script that cannot be executed.
    /// Written once, before any test runs a command: an executable still open for writing
    /// in a forked child would fail to start ("text file busy").
    fn fixture() -> &'static Path {
        static DIR: OnceLock<PathBuf> = OnceLock::new();
        DIR.get_or_init(|| {
            remove_stale_fixtures();
            let dir = std::env::temp_dir().join(format!("klp-ccp-policy-{}", std::process::id()));
            let policy = dir.join("policy");
            std::fs::create_dir_all(&policy).expect("scratch directory");
            for (name, body) in SCRIPTS {
                write_script(&policy.join(name), body, 0o755);
            }
            write_script(&policy.join("not-executable"), "echo 'RESULT: YES'", 0o644);
            dir
        })
    }

    /// The fixtures of earlier test runs: a static's directory outlives its process.
    fn remove_stale_fixtures() {
        let Ok(entries) = std::fs::read_dir(std::env::temp_dir()) else {
            return;
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let Some(pid) = name.strip_prefix("klp-ccp-policy-") else {
                continue;
            };
            let alive = Path::new("/proc").join(pid).exists();
            if pid.parse::<u32>().is_ok() && !alive {
                let _ = std::fs::remove_dir_all(entry.path());
            }
        }
    }

    fn write_script(path: &Path, body: &str, mode: u32) {
        use std::os::unix::fs::PermissionsExt;
        std::fs::write(path, format!("#!/bin/sh\n{body}\n")).expect("scratch script");
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))
            .expect("script permissions");
    }

    /// The policy of `commands`, started in the fixture directory.
    fn policy(commands: PolicyArgs, patched_functions: &[&str]) -> CommandPolicy {
        let patched: Vec<String> = patched_functions.iter().map(|&s| s.into()).collect();
        CommandPolicy::new(&commands, None, &patched, fixture()).expect("valid names")
    }

    fn is_patched_by(command: &str) -> PolicyArgs {
        PolicyArgs {
            pol_cmd_is_patched: Some(command.into()),
            ..PolicyArgs::default()
        }
    }

    fn is_patched(name: &str) -> Question {
        Question::IsPatched { name: name.into() }
    }

    /// The reply to `question`, or the failure's message, with the fixture directory
    /// spelled `$DIR`.
    fn reply(policy: &CommandPolicy, question: &Question) -> String {
        let text = match policy.ask(question) {
            Ok(reply) => format!("{reply:?}"),
            Err(failure) => failure.to_string(),
        };
        text.replace(&fixture().display().to_string(), "$DIR")
    }

    #[track_caller]
    fn check(policy: &CommandPolicy, questions: &[Question], expected: Expect) {
        let lines: String = questions
            .iter()
            .map(|question| reply(policy, question) + "\n")
            .collect();
        expected.assert_eq(&lines);
    }

    #[test]
    fn yes_and_no() {
        let policy = policy(is_patched_by("policy/is-patched"), &[]);
        check(
            &policy,
            &[is_patched("fix_me"), is_patched("helper")],
            expect![[r#"
                Reply { answer: YesNo(true), warnings: [], errors: [] }
                Reply { answer: YesNo(false), warnings: [], errors: [] }
            "#]],
        );
    }

    #[test]
    fn a_bare_command_name_is_a_file_in_the_current_directory() {
        let commands = is_patched_by("is-patched");
        let policy = CommandPolicy::new(&commands, None, &[], &fixture().join("policy"))
            .expect("no names to check");
        check(
            &policy,
            &[is_patched("fix_me")],
            expect![[r#"
                Reply { answer: YesNo(true), warnings: [], errors: [] }
            "#]],
        );
    }

    #[test]
    fn an_absolute_command_is_run_as_is() {
        let command = fixture().join("policy/is-patched");
        let commands = is_patched_by(&command.display().to_string());
        let policy = CommandPolicy::new(&commands, None, &[], Path::new("/nonexistent"))
            .expect("no names to check");
        check(
            &policy,
            &[is_patched("fix_me")],
            expect![[r#"
                Reply { answer: YesNo(true), warnings: [], errors: [] }
            "#]],
        );
    }

    #[test]
    fn listed_functions_are_patched_whatever_the_command_says() {
        let policy = policy(is_patched_by("policy/is-patched"), &["listed"]);
        check(
            &policy,
            &[
                is_patched("listed"),
                is_patched("fix_me"),
                is_patched("other"),
            ],
            expect![[r#"
                Reply { answer: YesNo(true), warnings: [], errors: [] }
                Reply { answer: YesNo(true), warnings: [], errors: [] }
                Reply { answer: YesNo(false), warnings: [], errors: [] }
            "#]],
        );
    }

    #[test]
    fn questions_without_a_command_get_the_default_answers() {
        let policy = policy(PolicyArgs::default(), &["listed"]);
        check(
            &policy,
            &[
                is_patched("listed"),
                is_patched("other"),
                Question::ModifyPatchedFunSym {
                    name: "listed".into(),
                    retry: 0,
                },
            ],
            expect![[r#"
                Reply { answer: YesNo(true), warnings: [], errors: [] }
                Reply { answer: YesNo(false), warnings: [], errors: [] }
                Reply { answer: SymbolChange(SymbolChange { new_name: "klpp_listed", linkage: Keep, make_pointer: false }), warnings: [], errors: [] }
            "#]],
        );
    }

    #[test]
    fn symbol_changes_with_and_without_pointer() {
        let commands = PolicyArgs {
            pol_cmd_modify_externalized_sym: Some("policy/externalize".into()),
            ..PolicyArgs::default()
        };
        let externalize = |kind, name: &str| Question::ModifyExternalizedSym {
            kind,
            name: name.into(),
            retry: 0,
        };
        check(
            &policy(commands, &[]),
            &[
                externalize(SymbolKind::Function, "helper"),
                externalize(SymbolKind::Object, "jiffies"),
            ],
            expect![[r#"
                Reply { answer: SymbolChange(SymbolChange { new_name: "klpe_helper", linkage: MakeInternal, make_pointer: true }), warnings: [], errors: [] }
                Reply { answer: SymbolChange(SymbolChange { new_name: "jiffies", linkage: MakeExternal, make_pointer: false }), warnings: [], errors: [] }
            "#]],
        );
    }

    #[test]
    fn warnings_and_errors_are_passed_on() {
        let policy = policy(is_patched_by("policy/warn-and-err"), &[]);
        check(
            &policy,
            &[is_patched("fix_me")],
            expect![[r#"
                Reply { answer: YesNo(false), warnings: ["careful", "again"], errors: ["broken"] }
            "#]],
        );
    }

    #[test]
    fn arguments_are_passed_as_the_protocol_spells_them() {
        let commands = PolicyArgs {
            pol_cmd_can_externalize_fun: Some("policy/echo-args".into()),
            pol_cmd_may_include_header: Some("policy/echo-args".into()),
            ..PolicyArgs::default()
        };
        let definition = queries::livepatch::FunDefinition {
            linkage: queries::livepatch::DefinitionLinkage::Internal,
            file: "kernel/fork.c".into(),
            line: 42,
        };
        check(
            &policy(commands, &[]),
            &[
                Question::CanExternalizeFun {
                    name: "helper".into(),
                    definition: Some(definition),
                },
                Question::MayIncludeHeader {
                    header: "include/linux/my header.h".into(),
                    pre_include: true,
                },
            ],
            expect![[r#"
                Reply { answer: YesNo(true), warnings: ["args: helper internal kernel/fork.c:42"], errors: [] }
                Reply { answer: YesNo(true), warnings: ["args: include/linux/my header.h pre-include"], errors: [] }
            "#]],
        );
    }

    #[test]
    fn protocol_violations_are_failures_naming_the_command() {
        let failures: String = [
            "stderr",
            "exit-1",
            "exit-2-quietly",
            "no-result",
            "two-results",
            "junk-line",
            "blank-line",
            "unparsable",
            "not-utf8",
            "not-executable",
            "missing",
        ]
        .iter()
        .map(|script| {
            let policy = policy(is_patched_by(&format!("policy/{script}")), &[]);
            reply(&policy, &is_patched("fix_me")) + "\n"
        })
        .collect();
        expect![[r#"
            policy command `$DIR/policy/stderr fix_me` (--pol-cmd-is-patched) failed: wrote to stderr: oops
            policy command `$DIR/policy/exit-1 fix_me` (--pol-cmd-is-patched) failed: ended with exit status: 1 (stderr: no such function)
            policy command `$DIR/policy/exit-2-quietly fix_me` (--pol-cmd-is-patched) failed: ended with exit status: 2
            policy command `$DIR/policy/no-result fix_me` (--pol-cmd-is-patched) failed: wrote no RESULT line
            policy command `$DIR/policy/two-results fix_me` (--pol-cmd-is-patched) failed: wrote a second RESULT line: `RESULT: NO`
            policy command `$DIR/policy/junk-line fix_me` (--pol-cmd-is-patched) failed: wrote a line that is neither RESULT, WARNING nor ERROR: `checking...`
            policy command `$DIR/policy/blank-line fix_me` (--pol-cmd-is-patched) failed: wrote a line that is neither RESULT, WARNING nor ERROR: ``
            policy command `$DIR/policy/unparsable fix_me` (--pol-cmd-is-patched) failed: cannot parse the answer `MAYBE`: expected `YES` or `NO`
            policy command `$DIR/policy/not-utf8 fix_me` (--pol-cmd-is-patched) failed: wrote output that is not UTF-8
            policy command `$DIR/policy/not-executable fix_me` (--pol-cmd-is-patched) failed: cannot be run: Permission denied (os error 13)
            policy command `$DIR/policy/missing fix_me` (--pol-cmd-is-patched) failed: cannot be run: No such file or directory (os error 2)
        "#]]
        .assert_eq(&failures);
    }

    /// Whether a process whose command line has `marker` runs.
    fn running(marker: &str) -> bool {
        let Ok(entries) = std::fs::read_dir("/proc") else {
            return false;
        };
        entries.flatten().any(|entry| {
            std::fs::read(entry.path().join("cmdline"))
                .is_ok_and(|cmdline| String::from_utf8_lossy(&cmdline).contains(marker))
        })
    }

    #[test]
    fn commands_past_the_limits_are_killed_with_what_they_started() {
        let started = std::time::Instant::now();
        let failures: String = ["hangs", "child-holds-stdout", "endless"]
            .iter()
            .map(|script| {
                let commands = PolicyArgs {
                    policy_timeout: "0.5".parse().expect("seconds"),
                    ..is_patched_by(&format!("policy/{script}"))
                };
                reply(&policy(commands, &[]), &is_patched("fix_me")) + "\n"
            })
            .collect();
        expect![[r#"
            policy command `$DIR/policy/hangs fix_me` (--pol-cmd-is-patched) failed: did not finish within the time limit, 0.5 s (killed; see --policy-timeout)
            policy command `$DIR/policy/child-holds-stdout fix_me` (--pol-cmd-is-patched) failed: exited, but a process it started kept its output open past the time limit, 0.5 s (killed; see --policy-timeout)
            policy command `$DIR/policy/endless fix_me` (--pol-cmd-is-patched) failed: wrote more than the output limit, 1048576 bytes (killed)
        "#]]
        .assert_eq(&failures);
        assert!(started.elapsed() < std::time::Duration::from_secs(20));
        // Killing is asynchronous: give the kernel a moment to reap.
        std::thread::sleep(std::time::Duration::from_millis(200));
        assert!(!running("1000.25") && !running("1000.5"), "left running");
    }

    #[test]
    fn patched_functions_accumulate_and_split_at_commas() {
        let cli = Cli::try_parse_from([
            "klp-ccp",
            "--patched-functions=read_mem,write_mem",
            "--patched-functions",
            "mmap_mem",
            "--",
            "mem.c",
        ])
        .expect("a valid command line");
        assert_eq!(
            cli.create.patched_functions,
            ["read_mem", "write_mem", "mmap_mem"]
        );
    }

    #[test]
    fn patched_function_names_are_trimmed_and_checked() {
        let entries = |list: &[&str]| list.iter().map(|&s| s.to_owned()).collect::<Vec<_>>();
        assert_eq!(
            patched_function_names(&entries(&["a", " b", ""])).expect("names"),
            ["a", "b"]
        );
        let err = patched_function_names(&entries(&["a", "b c"])).unwrap_err();
        expect!["--patched-functions: `b c` is not a function name"].assert_eq(&err.to_string());
    }
}
