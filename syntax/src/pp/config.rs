//! What the preprocessor needs to know of the compiler invocation.

use std::path::PathBuf;

use super::clock::BuildClock;
use super::limits::Limits;
use super::provenance::InclusionKind;
use crate::invocation::{Invocation, PreIncludeKind};

/// A directory of the `#include` search chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchDir {
    pub path: PathBuf,
    /// Headers found here are system headers (`-isystem`, `-idirafter`, the default dirs).
    pub system: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PpConfig {
    pub main_file: PathBuf,
    /// `-I-`: `#include "..."` does not look in the includer's directory first.
    pub skip_includer_dir: bool,
    /// The whole search chain, `-iquote` dirs first; `#include <...>` starts at
    /// `bracket_start`.
    pub search: Vec<SearchDir>,
    pub bracket_start: usize,
    /// gcc's `<built-in>` buffer: the target's predefined macros, as `#define` lines.
    pub builtin_defines: String,
    /// gcc's `<command-line>` buffer: `-D`/`-U` as `#define`/`#undef` lines, in order.
    pub command_line_defines: String,
    /// `-imacros` and `-include` files, in the order gcc reads them.
    pub pre_includes: Vec<(PathBuf, InclusionKind)>,
    /// `-fmacro-prefix-map=OLD=NEW`, applied to `__FILE__` and `__BASE_FILE__`.
    pub macro_prefix_map: Vec<(String, String)>,
    /// `__DATE__` and `__TIME__` spellings (without quotes), e.g. `Nov 26 2026`, `23:11:24`.
    pub date: String,
    pub time: String,
    /// The gcc version whose feature tests (`__has_attribute`, `__has_builtin`) are answered.
    pub gcc_major: u32,
    /// `-funsigned-char` (or a target whose `char` is unsigned): character constants in `#if`.
    pub unsigned_char: bool,
    /// A strict ISO `-std=` (c99, c11, ...) rather than a GNU one: a few GNU extensions
    /// behave differently (comma elision with a lone variadic parameter).
    pub strict_iso: bool,
    /// `-trigraphs` or a strict `-std=`.
    pub trigraphs: bool,
    /// C2x mode: `__has_c_attribute` knows the standard attributes, `#elifdef` is no extension.
    pub c2x: bool,
    /// Bounds on macro expansion and on the TU's size.
    pub limits: Limits,
    /// gcc warns about a static function declared and never defined (`-Wunused-function`,
    /// by `-Wall` too): not the preprocessor's business, but the TU's, which a live patch
    /// must compile in without new warnings.
    pub warn_unused_function: bool,
}

impl PpConfig {
    /// What the preprocessor needs of a compiler invocation, at the build moment `clock`.
    pub fn from_invocation(invocation: &Invocation, clock: &BuildClock) -> PpConfig {
        let paths = &invocation.include_paths;
        let search = paths
            .chain()
            .enumerate()
            .map(|(i, dir)| SearchDir {
                path: dir.to_path_buf(),
                system: paths.is_system(i),
            })
            .collect();
        let pre_includes = invocation
            .pre_includes
            .iter()
            .map(|p| {
                let kind = match p.kind {
                    PreIncludeKind::Include => InclusionKind::PreInclude,
                    PreIncludeKind::Imacros => InclusionKind::Imacros,
                };
                (p.path.clone(), kind)
            })
            .collect();
        let lang = &invocation.lang;
        PpConfig {
            main_file: invocation.input.clone(),
            skip_includer_dir: !paths.quote_searches_current_dir,
            search,
            bracket_start: paths.bracket_start(),
            builtin_defines: invocation.builtin_defines.clone(),
            command_line_defines: invocation.command_line_defines.clone(),
            pre_includes,
            macro_prefix_map: invocation.macro_prefix_map.clone(),
            date: clock.date.clone(),
            time: clock.time.clone(),
            gcc_major: invocation.target.gcc.major,
            unsigned_char: lang.unsigned_char,
            strict_iso: !lang.gnu,
            trigraphs: lang.trigraphs,
            c2x: lang.is_c2x(),
            limits: Limits::default(),
            warn_unused_function: invocation.output.warns_unused_function(),
        }
    }
}
