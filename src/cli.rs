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
commands decide.";

const AFTER_HELP: &str = "Examples:
  klp-ccp --compiler=x86_64-gcc-12.2.0 --outfile=livepatch.c --patched-functions=read_mem \\
      --pol-cmd-may-include-header=policy/may-include-header ... -- <gcc args> drivers/char/mem.c
  klp-ccp preprocess --compiler=x86_64-gcc-12.2.0 -- -I include -D__KERNEL__ foo.c
  klp-ccp check --message-format=short -- <gcc args> foo.c";

#[derive(Debug, Parser)]
#[command(
    name = "klp-ccp",
    version,
    about = "Create kernel live patches from C sources",
    long_about = ABOUT,
    after_help = AFTER_HELP,
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
}

/// Options every command takes.
#[derive(Debug, Args)]
pub struct CommonArgs {
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
    /// Print at most N errors (and what came before them); count the rest. 0: no limit.
    /// Without it, the compiler command line's `-fmax-errors=N` decides, else 100.
    #[arg(long, value_name = "N")]
    pub max_errors: Option<usize>,
    /// Say what klp-ccp does (ignored compiler options, timings).
    #[arg(short, long)]
    pub verbose: bool,
    /// The compiler command line that built the source file, without the compiler's name.
    #[arg(last = true, required = true, value_name = "COMPILER ARGS")]
    pub compiler_args: Vec<String>,
}

/// Options of live-patch creation (the default command).
#[derive(Debug, Args)]
pub struct CreateArgs {
    /// The live patch file to write.
    #[arg(long, value_name = "FILE")]
    pub outfile: Option<PathBuf>,
    /// Comma-separated list of the functions the fix changes.
    #[arg(long, value_name = "LIST", value_delimiter = ',')]
    pub patched_functions: Vec<String>,
    #[command(flatten)]
    pub policy: PolicyArgs,
    #[command(flatten)]
    pub common: CommonArgs,
}

/// The policy commands (see POLICY-PROTOCOL.md): executables klp-ccp asks, one question per
/// run, answered with a `RESULT:` line.
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
