//! The command line: what a kernel live-patch engineer types.

use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Parser, Subcommand};

use crate::report::MessageFormat;

const ABOUT: &str = "Create a kernel live patch from C sources.

Give the compiler command line that built the kernel source file (after `--`, without the \
compiler's name) and the functions your fix changes: klp-ccp writes one self-contained C file \
with those functions, renamed, and everything they need (static helpers, types, macros, \
#includes), with references to the running kernel's other symbols externalized as the policy \
decides (policy commands, or a policy file).";

const AFTER_HELP: &str = "Examples:
  klp-ccp --compiler=x86_64-gcc-12.2.0 --outfile=livepatch.c --patched-functions=read_mem \\
      --pol-cmd-may-include-header=policy/may-include-header ... -- <gcc args> drivers/char/mem.c
  klp-ccp --outfile=livepatch.c --patched-functions=read_mem \\
      --policy=examples/policies/kallsyms.toml --symbols=drivers/char/mem.o -- <gcc args> drivers/char/mem.c
  klp-ccp preprocess --compiler=x86_64-gcc-12.2.0 -- -I include -D__KERNEL__ foo.c
  klp-ccp check --message-format=short -- <gcc args> foo.c
  klp-ccp watch --outfile=livepatch.c --patched-functions=@patched.txt ... -- <gcc args> foo.c
  klp-ccp from-diff --compile-commands=compile_commands.json --outdir=out fix.patch";

/// `--help` (not `-h`): the policy protocol and the exit statuses, after the examples.
const AFTER_LONG_HELP: &str = "Examples:
  klp-ccp --compiler=x86_64-gcc-12.2.0 --outfile=livepatch.c --patched-functions=read_mem \\
      --pol-cmd-may-include-header=policy/may-include-header ... -- <gcc args> drivers/char/mem.c
  klp-ccp --outfile=livepatch.c --patched-functions=read_mem \\
      --policy=examples/policies/kallsyms.toml --symbols=drivers/char/mem.o -- <gcc args> drivers/char/mem.c
  klp-ccp preprocess --compiler=x86_64-gcc-12.2.0 -- -I include -D__KERNEL__ foo.c
  klp-ccp check --message-format=short -- <gcc args> foo.c
  klp-ccp watch --outfile=livepatch.c --patched-functions=@patched.txt ... -- <gcc args> foo.c
  klp-ccp --outfile=livepatch.c --explain=why.json ... -- <gcc args> foo.c
  klp-ccp from-diff --compile-commands=compile_commands.json --outdir=out \\
      --policy=examples/policies/kallsyms.toml --symbols=vmlinux fix.patch

Policy commands:
  Each --pol-cmd-* option names an executable that klp-ccp runs once for each question it
  answers, with the question's arguments (shown with each option above): directly, not
  through a shell, with no stdin. A relative path is taken from the current directory, not
  looked up in PATH. The command answers on stdout, one line each:
    RESULT: <answer>   exactly one: YES or NO, a new name, or a new name and linkage
    WARNING: <text>    any number: printed as klp-ccp's warning, located at the entity
                       (function, object, #include) the question is about
    ERROR: <text>      any number: printed as klp-ccp's error there; the run fails
  Anything else on stdout, anything on stderr, a non-zero exit status, a missing or second
  RESULT: line, or an answer that does not parse is a failure of the command: the run stops
  with an error naming the command and its arguments, and writes no output. So is a command
  still running after --policy-timeout seconds (default 60; what it started, its whole
  process group, is killed too) or writing more than 1 MiB. RETRY starts at 0; while the new
  name clashes with an identifier in use, the command is asked again with RETRY one higher.
  A question whose command is not given gets the default answer: patched are the functions
  of --patched-functions (a function is patched when either it or --pol-cmd-is-patched says
  so), every header may be included, functions with external linkage and all objects are
  externalized under their names, patched functions become klpp_NAME, rewritten ones
  klpr_NAME.

Policy file (--policy=FILE, --symbols=FILE):
  A TOML file answering, in-process, every question no --pol-cmd-* command answers (a
  command given overrides the file for its question; --patched-functions still adds
  patched functions). Unknown keys, bad patterns and unreadable data files are errors,
  located FILE:LINE:COLUMN, before any work. A key left out answers as without a policy.
  Examples: examples/policies/kallsyms.toml, examples/policies/klp-convert.toml.
    symbols = [FILES]        data files, any format (told by their contents), relative to
    symvers = [FILES]        the policy file; --symbols=FILE adds more: ELF objects, .ko,
    ipa-clones = [FILES]     vmlinux; nm output; System.map, /proc/kallsyms; Module.symvers;
                             gcc -fdump-ipa-clones output (*.000i.ipa-clones)
    [headers]                may-include-header, by path glob (`*` within a folder, `**`
      eligible = [GLOBS]     across folders): ineligible wins over eligible, then
      ineligible = [GLOBS]   default = \"eligible\" | \"ineligible\"
    [patched]                is-patched, modify-patched-fun-sym
      functions = [GLOBS]    patched besides --patched-functions
      inlined-into = true    with ipa-clones: the functions a patched one was inlined into
                             are patched too, with a warning saying why
      rename = \"klpp_{name}\" linkage = \"keep\" | \"internal\" | \"external\"
    [functions]              can-externalize-fun, shall-externalize-fun
      can-externalize-static = \"yes\" | \"no\" | \"if-defined\" (the symbols define it)
      can-externalize-extern = \"yes\" | \"no\" | \"if-defined\"
      externalize = [GLOBS]  copy = [GLOBS] (wins)
      default = \"externalize\" | \"copy\"  from-header = \"externalize\" | \"copy\"
    [objects]                shall-externalize-obj: externalize, copy, default as above
    [[externalized]]         modify-externalized-sym: the first whose conditions hold
      kind = \"function\" | \"object\"  names = [GLOBS]
      when = [CONDITIONS]    one holds; unless = [CONDITIONS]: none holds. Conditions:
                             local, global, weak, weak-undefined, defined, undefined,
                             unknown, duplicate (a local symbol defined twice in vmlinux
                             or one module), exported (in Module.symvers)
      rename = \"{name}\"  linkage = \"external\"  pointer = false
      warning = \"TEXT\"  error = \"TEXT\"   said at the symbol ({name} stands for it)
    [rewritten]              renamed-rewritten-fun
      rename = \"klpr_{name}\"
  On a name clash the retry count is appended to the renamed name (klpp_f, klpp_f1, ...).

Exit status:
  0         success (warnings may have been printed)
  1         errors: in the C source or its compiler command line, in the policy's answers
            or commands, nothing to patch, or the output cannot be written
  2         wrong use of klp-ccp's own options
  70        an internal error of klp-ccp (a bug, reported with where it happened)
  130, 143  ended by SIGINT or SIGTERM (no temporary file is left behind)";

#[derive(Debug, Parser)]
#[command(
    name = "klp-ccp",
    version,
    about = "Create kernel live patches from C sources",
    long_about = ABOUT,
    after_help = AFTER_HELP,
    after_long_help = AFTER_LONG_HELP,
    args_conflicts_with_subcommands = true,
    subcommand_negates_reqs = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub create: CreateArgs,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the preprocessed translation unit (as `gcc -E -P` does).
    Preprocess(CommonArgs),
    /// Preprocess, parse and evaluate the translation unit; print diagnostics only.
    Check(CommonArgs),
    /// Create the live patch, then keep it up to date: on every change of the source, a
    /// header, a policy command or an @FILE of --patched-functions, re-run what depends on
    /// it, rewrite --outfile when its text changed and print one line saying what changed.
    /// Errors of a bad edit are printed and the last good output is left in place. Ctrl-C
    /// ends it (exit status 0).
    #[command(mut_arg("outfile", |arg| arg.required(true)))]
    Watch(Box<CreateArgs>),
    /// Create the live patches of a fix: apply the patches (unified diffs) in memory over
    /// the tree, find the TUs of --compile-commands that read a changed file and, in each,
    /// the functions whose definition changed after preprocessing (or that use a changed
    /// inline function of a header), and write each TU's live patch to OUTDIR/<TU path>,
    /// with OUTDIR/summary.json. The tree is never written.
    FromDiff(Box<FromDiffArgs>),
}

/// Options of `from-diff`.
#[derive(Debug, Args)]
pub struct FromDiffArgs {
    /// The compilation database (compile_commands.json) naming every TU and its command line.
    #[arg(long, value_name = "FILE")]
    pub compile_commands: PathBuf,
    /// The tree the patches apply to [default: the folder of --compile-commands].
    #[arg(long, value_name = "DIR")]
    pub tree: Option<PathBuf>,
    /// Where the live patches go, as OUTDIR/<TU path>, with OUTDIR/summary.json.
    #[arg(long, value_name = "DIR")]
    pub outdir: PathBuf,
    /// Strip N leading components from the patches' file names [default: 1 for git's
    /// a/ and b/ names, else 0].
    #[arg(long, value_name = "N")]
    pub strip: Option<usize>,
    /// How many TUs are worked on at once [default: the number of cores].
    #[arg(long, short = 'j', value_name = "N")]
    pub jobs: Option<std::num::NonZeroUsize>,
    /// Work on the K-th of N deterministic shares of the TUs only (K from 1), so that N
    /// jobs of a scheduler's array together cover every TU.
    #[arg(long, value_name = "K/N")]
    pub shard: Option<Shard>,
    #[command(flatten)]
    pub policy_file: PolicyFileArgs,
    #[command(flatten)]
    pub policy: PolicyArgs,
    #[command(flatten)]
    pub run: RunOptions,
    /// The patches, applied in this order.
    #[arg(required = true, value_name = "PATCH")]
    pub patches: Vec<PathBuf>,
}

/// `--shard=K/N`: share K (1-based) of N.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    pub index: usize,
    pub count: usize,
}

impl std::str::FromStr for Shard {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        let bad = || format!("`{text}` is not K/N with 1 <= K <= N");
        let (k, n) = text.split_once('/').ok_or_else(bad)?;
        let (index, count): (usize, usize) =
            (k.parse().map_err(|_| bad())?, n.parse().map_err(|_| bad())?);
        if index == 0 || index > count {
            return Err(bad());
        }
        Ok(Shard { index, count })
    }
}

/// Options every command takes.
#[derive(Debug, Args)]
pub struct CommonArgs {
    #[command(flatten)]
    pub run: RunOptions,
    /// Take the TU's compiler command line (and the directory it ran in) from this
    /// compilation database (compile_commands.json) instead of after `--`.
    #[arg(long, value_name = "FILE", requires = "tu")]
    pub compile_commands: Option<PathBuf>,
    /// With --compile-commands: the source file whose entry to use.
    #[arg(value_name = "TU", requires = "compile_commands")]
    pub tu: Option<PathBuf>,
    /// The compiler command line that built the source file, without the compiler's name.
    #[arg(
        last = true,
        required_unless_present = "compile_commands",
        conflicts_with = "compile_commands",
        value_name = "COMPILER ARGS"
    )]
    pub compiler_args: Vec<String>,
}

/// How a run compiles and reports, whatever the TUs.
#[derive(Debug, Clone, Args)]
pub struct RunOptions {
    /// The compiler the kernel was built with: ARCH-gcc-VERSION, ARCH being x86_64 or aarch64.
    /// It decides the predefined macros, type sizes and builtins.
    #[arg(
        long,
        value_name = "ARCH-gcc-VERSION",
        default_value = "x86_64-gcc-12.2.0"
    )]
    pub compiler: String,
    /// How diagnostics are printed.
    #[arg(long, value_enum, default_value = "human")]
    pub message_format: MessageFormat,
    /// Stop printing diagnostics at the Nth error, and count the rest instead (0: no
    /// limit). Without it, the compiler command line's `-fmax-errors=N` decides, else 100.
    #[arg(long, value_name = "N")]
    pub max_errors: Option<usize>,
    /// Say what klp-ccp does: compiler options without effect, how long each phase took
    /// (preprocess, parse, semantics, live patch, write), how many policy commands ran and
    /// what the policy file read and answered.
    #[arg(short, long)]
    pub verbose: bool,
}

/// Options of live-patch creation (the default command).
#[derive(Debug, Args)]
pub struct CreateArgs {
    /// The live patch file to write.
    #[arg(long, value_name = "FILE")]
    pub outfile: Option<PathBuf>,
    /// Comma-separated list of the functions the fix changes; `@FILE` reads names from FILE,
    /// one a line (`#` starts a comment).
    #[arg(long, value_name = "LIST", value_delimiter = ',')]
    pub patched_functions: Vec<String>,
    /// Also write an account of every decision in the live patch to FILE: for each function,
    /// object, type, tag, macro and header, what was decided, the policy's answers that
    /// decided it, and a shortest chain of references from a patched function to it.
    #[arg(long, value_name = "FILE")]
    pub explain: Option<PathBuf>,
    /// The format of --explain: `json`, or `dot` (a Graphviz graph of the chains).
    #[arg(long, value_enum, value_name = "FORMAT", default_value = "json")]
    pub explain_format: ExplainFormat,
    #[command(flatten)]
    pub policy_file: PolicyFileArgs,
    #[command(flatten)]
    pub policy: PolicyArgs,
    #[command(flatten)]
    pub common: CommonArgs,
}

/// The declarative policy (the schema is in `--help`).
#[derive(Debug, Args, Default)]
pub struct PolicyFileArgs {
    /// A policy file (TOML) answering the questions no --pol-cmd-* command answers, from
    /// rules and the data of --symbols; see "Policy file" in --help.
    #[arg(long, value_name = "FILE")]
    pub policy: Option<PathBuf>,
    /// Data for the policy file (repeatable), its format told by its contents: an ELF object,
    /// module or vmlinux; nm output; System.map or /proc/kallsyms; Module.symvers; gcc's
    /// -fdump-ipa-clones output.
    #[arg(long, value_name = "FILE", requires = "policy")]
    pub symbols: Vec<PathBuf>,
}

/// The policy commands (the protocol is in `--help`): executables klp-ccp asks, one question
/// per run, answered with a `RESULT:` line.
#[derive(Debug, Args, Default)]
pub struct PolicyArgs {
    /// Is function NAME patched? `NAME` -> YES|NO.
    #[arg(long, value_name = "CMD")]
    pub pol_cmd_is_patched: Option<PathBuf>,
    /// May the live patch #include HEADER? `HEADER [pre-include]` -> YES|NO.
    #[arg(long, value_name = "CMD")]
    pub pol_cmd_may_include_header: Option<PathBuf>,
    /// Can function NAME be externalized? `NAME [internal|external LOCATION]` -> YES|NO.
    #[arg(long, value_name = "CMD")]
    pub pol_cmd_can_externalize_fun: Option<PathBuf>,
    /// Shall an externalizable function be externalized? `NAME [from-header]` -> YES|NO.
    #[arg(long, value_name = "CMD")]
    pub pol_cmd_shall_externalize_fun: Option<PathBuf>,
    /// Shall object NAME be externalized? `NAME` -> YES|NO.
    #[arg(long, value_name = "CMD")]
    pub pol_cmd_shall_externalize_obj: Option<PathBuf>,
    /// New name and linkage of a patched function. `NAME RETRY` ->
    /// `NEW-NAME KEEP-LINKAGE|MAKE-INTERNAL|MAKE-EXTERNAL`.
    #[arg(long, value_name = "CMD")]
    pub pol_cmd_modify_patched_fun_sym: Option<PathBuf>,
    /// How to externalize a symbol. `function|object NAME RETRY` ->
    /// `NEW-NAME KEEP-LINKAGE|MAKE-INTERNAL|MAKE-EXTERNAL [MAKE-POINTER]`.
    #[arg(long, value_name = "CMD")]
    pub pol_cmd_modify_externalized_sym: Option<PathBuf>,
    /// New name of a rewritten (non-patched) function. `NAME RETRY` -> `NEW-NAME`.
    #[arg(long, value_name = "CMD", alias = "pol-cmd-rename-rewritten-fun")]
    pub pol_cmd_renamed_rewritten_fun: Option<PathBuf>,
    /// How long one policy command may run (with what it starts, and until its output is
    /// closed): past it, its process group is killed and the run fails.
    #[arg(long, value_name = "SECONDS", default_value = "60")]
    pub policy_timeout: PolicyTimeout,
}

/// How `--explain` is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExplainFormat {
    Json,
    Dot,
}

/// `--policy-timeout`: positive seconds, fractions allowed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PolicyTimeout(pub Duration);

impl Default for PolicyTimeout {
    fn default() -> Self {
        PolicyTimeout(Duration::from_secs(60))
    }
}

impl std::str::FromStr for PolicyTimeout {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        let seconds: f64 = text
            .parse()
            .map_err(|_| format!("`{text}` is not a number of seconds"))?;
        match Duration::try_from_secs_f64(seconds) {
            Ok(duration) if !duration.is_zero() => Ok(PolicyTimeout(duration)),
            _ => Err(format!("`{text}` is not a positive number of seconds")),
        }
    }
}

/// For an argument clap did not expect that looks like the compiler's (a file name, a
/// single-dash option), a tip showing the command line with `--` before it.
pub fn missing_separator_tip(error: &clap::Error, args: &[String]) -> Option<String> {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let unexpected = match error.kind() {
        ErrorKind::UnknownArgument => match error.get(ContextKind::InvalidArg) {
            Some(ContextValue::String(unexpected)) => unexpected.clone(),
            _ => return None,
        },
        // A bare file name is taken for the TU of `--compile-commands`, which then lacks.
        ErrorKind::MissingRequiredArgument if !args.iter().any(|a| a == "--") => {
            let subcommands = ["check", "preprocess", "watch", "from-diff"];
            (args.iter().skip(1))
                .find(|a| !a.starts_with('-') && !subcommands.contains(&a.as_str()))?
                .clone()
        }
        _ => return None,
    };
    if unexpected.starts_with("--") {
        return None;
    }
    // The options before it are klp-ccp's; it and what follows are the compiler's.
    let at = args.iter().skip(1).position(|a| *a == unexpected)? + 1;
    let ours = args[1..at].iter().map(String::as_str);
    let theirs = args[at..].iter().map(String::as_str).filter(|&a| a != "--");
    let command: Vec<&str> = std::iter::once("klp-ccp")
        .chain(ours)
        .chain(std::iter::once("--"))
        .chain(theirs)
        .collect();
    Some(format!(
        "tip: compiler arguments go after `--`: {}",
        command.join(" ")
    ))
}
