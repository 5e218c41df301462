//! What the preprocessor needs to know of the compiler invocation.

use std::path::PathBuf;

use super::provenance::InclusionKind;

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
}
