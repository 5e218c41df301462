//! What gcc declares without a declaration in the source: shared by the preprocessor
//! (`__has_builtin`), the parser (typedef names) and the semantic stage (builtin functions).

/// gcc 12's builtin functions on x86_64 with default options, one name a line, sorted: probed
/// from gcc itself (every `__builtin_*`, `__sync_*`, `__atomic_*` name in cc1 that
/// `__has_builtin` knows, and the library functions it treats as builtins, like `memcpy`).
/// Other versions use the same list.
const BUILTIN_FUNCTIONS: &str = include_str!("gcc-builtins.txt");

/// The names of gcc's builtin functions (see [`BUILTIN_FUNCTIONS`]).
pub fn builtin_functions() -> impl Iterator<Item = &'static str> {
    BUILTIN_FUNCTIONS.lines().map(str::trim)
}

/// gcc's builtin type names: types registered by the compiler, not keywords, so they read as
/// typedef names.
pub const BUILTIN_TYPEDEFS: &[&str] = &[
    "__builtin_va_list",
    "__builtin_ms_va_list",
    "__builtin_sysv_va_list",
    "__int128_t",
    "__uint128_t",
    "__fp16",
    "__ibm128",
    "__ieee128",
    "__Float32x4_t",
];
