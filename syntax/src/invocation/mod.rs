//! The gcc invocation klp-ccp follows: klp-ccp is run as
//! `klp-ccp [OPTIONS] --compiler=ARCH-gcc-VERSION -- <gcc arguments>` and preprocesses the one
//! input file exactly as that gcc would, so it needs what the command line changes for
//! preprocessing: macros, include paths, pre-included files, language options.
//!
//! [`parse_invocation`] reads the command line as gcc's driver does (`args`), interprets
//! the options (`settings`), builds the include search chain (`include`) and the target's
//! predefined macros (`predefined`).

mod args;
mod error;
mod include;
mod option_values;
mod predefined;
mod settings;
mod target;
#[cfg(test)]
mod tests;

use std::path::{Path, PathBuf};

pub use error::InvocationError;
pub use include::IncludePaths;
pub use target::{Arch, GccVersion, Target};

/// Everything klp-ccp's later stages need to know of the compiler invocation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invocation {
    pub target: Target,
    /// The one input file, as given on the command line.
    pub input: PathBuf,
    pub include_paths: IncludePaths,
    /// The target's predefined macros as `#define` lines: gcc's `<built-in>` buffer. Macros
    /// the preprocessor computes itself (`__FILE__`, `__LINE__`, `__DATE__`, `__COUNTER__`,
    /// `__has_include`, ...) are not here, as they are not in `gcc -dM` either.
    pub builtin_defines: String,
    /// `-D` and `-U` in the order gcc reads them, as `#define`/`#undef` lines: gcc's
    /// `<command-line>` buffer. Includes the driver's own `-D_REENTRANT` for `-pthread`.
    pub command_line_defines: String,
    /// Files read before the input, in gcc's order: all `-imacros`, then the implicit
    /// `stdc-predef.h`, then all `-include`.
    pub pre_includes: Vec<PreInclude>,
    /// `-fmacro-prefix-map=OLD=NEW` and `-ffile-prefix-map=OLD=NEW`, in command-line order.
    pub macro_prefix_map: Vec<(String, String)>,
    pub lang: LangOptions,
    pub output: OutputOptions,
    /// Options accepted without effect on klp-ccp (or unknown), as written: for `-v`.
    pub ignored: Vec<String>,
    /// The command line after `@file` expansion, for later stages.
    pub all_args: Vec<String>,
}

/// A file gcc reads before the input file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PreInclude {
    /// As given: `-include` files are looked up first in the working directory, then along
    /// the `#include "..."` chain. The implicit `stdc-predef.h` has the path where it was
    /// found along the `#include <...>` chain.
    pub path: PathBuf,
    pub kind: PreIncludeKind,
    /// gcc reads it as system header: the implicit `stdc-predef.h` when found in a system
    /// directory.
    pub system: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PreIncludeKind {
    /// `-include FILE`: preprocessed as if `#include "FILE"` began the input.
    Include,
    /// `-imacros FILE`: only its macro definitions are kept, its output is discarded.
    Imacros,
}

/// The C dialect: `-std=` without the GNU/ISO distinction, which is [`LangOptions::gnu`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum CStd {
    /// C90 (`c89`, `c90`, `ansi`, `gnu89`, ...).
    C89,
    /// C90 with amendment 1 (`iso9899:199409`).
    C94,
    C99,
    C11,
    C17,
    /// The C2x drafts (`c2x`, `gnu2x`) and C23 (`c23`, gcc 14; gcc 15's default).
    C2x,
    /// The drafts after C23 (`c2y`, `gnu2y`, gcc 15): C23 and more.
    C2y,
}

/// Language options: what the lexer and preprocessor accept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LangOptions {
    /// `-std=` or `-ansi`, else the gcc version's default (gnu89 before gcc 5, gnu11 for gcc
    /// 5 to 7, gnu17 for gcc 8 to 14, gnu23 since gcc 15).
    pub std: CStd,
    /// GNU dialect (`gnu11`), as opposed to strict ISO (`c11`, `-ansi`: `__STRICT_ANSI__`).
    pub gnu: bool,
    /// `??=` trigraphs: on in ISO modes and with `-trigraphs`.
    pub trigraphs: bool,
    /// `$` in identifiers (`-fno-dollars-in-identifiers` turns it off).
    pub dollars_in_identifiers: bool,
    /// UCNs and UTF-8 in identifiers: C99 and later, or `-fextended-identifiers`.
    pub extended_identifiers: bool,
    /// `char` is unsigned: `-funsigned-char` or the target's default (aarch64).
    pub unsigned_char: bool,
    /// `-fshort-wchar`: `wchar_t` is `unsigned short`.
    pub short_wchar: bool,
    /// Hosted (`__STDC_HOSTED__` 1) unless `-ffreestanding`.
    pub hosted: bool,
    /// `-traditional-cpp`.
    pub traditional: bool,
    /// `-fdirectives-only`.
    pub directives_only: bool,
    /// The input is already preprocessed: `-fpreprocessed`, `-x cpp-output` or a `.i` file.
    /// gcc then defines no macros and reads no pre-includes.
    pub preprocessed: bool,
    /// `-undef`: no target or system specific predefined macros.
    pub undef: bool,
}

impl LangOptions {
    /// C2x (or C23) features: `__has_c_attribute`, `#elifdef` without pedantic warning, its
    /// keywords (`bool`, `nullptr`, `constexpr`, ...); the later drafts have them too.
    pub fn is_c2x(&self) -> bool {
        self.std >= CStd::C2x
    }
}

/// What `-dM` and `-dD` ask to print besides (or instead of) the output. (`-dN` and `-dU`
/// are not supported: they land in [`Invocation::ignored`].)
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DumpMacros {
    #[default]
    None,
    /// `-dM`: only the `#define`s of all macros at the end.
    DefinesOnly,
    /// `-dD`: the output with the `#define`s and `#undef`s in place.
    DefinesAndOutput,
}

/// Comments in the output: `-C` keeps them, `-CC` also those within macro definitions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum KeepComments {
    #[default]
    None,
    Comments,
    CommentsInMacros,
}

/// How the preprocessed output looks and which diagnostics are wanted.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct OutputOptions {
    /// `-E`: stop after preprocessing.
    pub preprocess_only: bool,
    pub dump_macros: DumpMacros,
    /// `-dI`: keep the `#include` directives in the output.
    pub dump_includes: bool,
    pub keep_comments: KeepComments,
    /// `-P` turns the `# 1 "file"` line markers off.
    pub line_markers: bool,
    /// `-o FILE`.
    pub output_file: Option<PathBuf>,
    /// `-w`.
    pub inhibit_warnings: bool,
    /// `-Werror`.
    pub warnings_as_errors: bool,
    /// `-Wundef`: undefined identifiers in `#if`.
    pub warn_undef: bool,
    /// `-Wall`, `-W[no-]unused` and `-W[no-]unused-function` as given: see
    /// `warns_unused_function`.
    pub warn_all: bool,
    pub warn_unused: Option<bool>,
    pub warn_unused_function: Option<bool>,
    /// `-pedantic` / `-pedantic-errors`.
    pub pedantic: bool,
    pub pedantic_errors: bool,
}

impl OutputOptions {
    /// Whether gcc warns about a static function declared and never defined
    /// (`-Wunused-function`): set by itself, else by `-Wunused`, else by `-Wall`.
    pub fn warns_unused_function(&self) -> bool {
        let set = (self.warn_unused_function.or(self.warn_unused)).unwrap_or(self.warn_all);
        set && !self.inhibit_warnings
    }
}

/// Reads a gcc command line (`args`, without the program name) for the compiler named by
/// `compiler` (`--compiler=`, e.g. `x86_64-gcc-12.2.0`). `cwd` is the directory gcc would run
/// in: relative `@file`s and include directories are taken from there.
pub fn parse_invocation(
    compiler: &str,
    args: &[String],
    cwd: &Path,
) -> Result<Invocation, InvocationError> {
    let target = Target::parse(compiler)?;
    let all_args = args::expand_response_files(args, cwd)?;
    let items = args::read_command_line(&all_args)?;
    let settings = settings::Settings::read(&items, target)?;
    let input = option_values::the_input(&items)?;
    let include_paths = include::build(&settings.dirs, target, cwd);
    let machine = predefined::machine_options(target, &settings.machine)?;
    let builtin_defines = predefined::builtin_defines(target, &settings, &machine);
    let pre_includes = pre_includes(&settings, &include_paths, cwd);
    let mut ignored = settings.ignored;
    ignored.extend(machine.ignored().iter().cloned());
    Ok(Invocation {
        target,
        input,
        include_paths,
        builtin_defines,
        command_line_defines: settings.command_line_defines,
        pre_includes,
        macro_prefix_map: settings.macro_prefix_map,
        lang: settings.lang,
        output: settings.output,
        ignored,
        all_args,
    })
}

/// All `-imacros`, the implicit `stdc-predef.h`, then all `-include`: gcc's `c_finish_options`
/// reads the `-imacros` first, and `push_command_line_include` the predef file before the
/// `-include` ones.
fn pre_includes(
    settings: &settings::Settings,
    paths: &IncludePaths,
    cwd: &Path,
) -> Vec<PreInclude> {
    let of_kind = |kind| {
        settings
            .pre_includes
            .iter()
            .filter(move |(_, k)| *k == kind)
            .map(move |(path, _)| PreInclude {
                path: path.clone(),
                kind,
                system: false,
            })
    };
    // gcc reads none for preprocessed input.
    if settings.lang.preprocessed {
        return Vec::new();
    }
    let mut files: Vec<PreInclude> = of_kind(PreIncludeKind::Imacros).collect();
    // Only hosted and with the standard include directories.
    let wants_predef = settings.lang.hosted && !settings.dirs.nostdinc;
    if let Some((path, system)) = wants_predef
        .then(|| paths.find_bracket("stdc-predef.h", cwd))
        .flatten()
    {
        files.push(PreInclude {
            path,
            kind: PreIncludeKind::Include,
            system,
        });
    }
    files.extend(of_kind(PreIncludeKind::Include));
    files
}
