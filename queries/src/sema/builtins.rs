//! The names gcc declares without a declaration in the source: builtin functions, builtin type
//! names and the function-name identifiers.

use std::sync::LazyLock;

use rustc_hash::FxHashSet;

/// The builtins a program may call undeclared. The list also holds the library functions gcc
/// knows (`abort`, `memcpy`), but those need a declaration to be called without gcc's implicit
/// declaration, which klp-ccp reports: only the `__builtin_`, `__sync_` and `__atomic_` names
/// are declared by the compiler itself.
static BUILTIN_FUNCTIONS: LazyLock<FxHashSet<&'static str>> = LazyLock::new(|| {
    syntax::gcc::builtin_functions()
        .filter(|name| {
            ["__builtin_", "__sync_", "__atomic_"]
                .iter()
                .any(|p| name.starts_with(p))
        })
        .chain(MORE_BUILTINS.iter().copied())
        .collect()
});

/// Builtins missing from that list: the type-generic comparisons and classifications, the
/// ones gcc's C parser handles itself (which this parser reads as calls), and later gcc
/// versions' additions.
const MORE_BUILTINS: &[&str] = &[
    "__builtin_isgreater",
    "__builtin_isgreaterequal",
    "__builtin_isless",
    "__builtin_islessequal",
    "__builtin_islessgreater",
    "__builtin_isunordered",
    "__builtin_iseqsig",
    "__builtin_issignaling",
    "__builtin_complex",
    "__builtin_call_with_static_chain",
    "__builtin_tgmath",
    "__builtin_counted_by_ref",
    "__builtin_c23_va_start",
    "__builtin_stdc_bit_ceil",
    "__builtin_stdc_bit_floor",
    "__builtin_stdc_bit_width",
    "__builtin_stdc_count_ones",
    "__builtin_stdc_count_zeros",
    "__builtin_stdc_first_leading_one",
    "__builtin_stdc_first_leading_zero",
    "__builtin_stdc_first_trailing_one",
    "__builtin_stdc_first_trailing_zero",
    "__builtin_stdc_has_single_bit",
    "__builtin_stdc_leading_ones",
    "__builtin_stdc_leading_zeros",
    "__builtin_stdc_trailing_ones",
    "__builtin_stdc_trailing_zeros",
    "__builtin_stdc_rotate_left",
    "__builtin_stdc_rotate_right",
];

/// The predefined identifiers naming the enclosing function.
const FUNCTION_NAMES: &[&str] = &["__func__", "__FUNCTION__", "__PRETTY_FUNCTION__"];

pub(super) fn is_builtin_function(name: &str) -> bool {
    // Most identifiers do not start with `__`: skip the hash for them.
    name.starts_with("__") && BUILTIN_FUNCTIONS.contains(name)
}

pub(super) fn is_builtin_type(name: &str) -> bool {
    syntax::gcc::BUILTIN_TYPEDEFS.contains(&name)
}

pub(super) fn is_function_name(name: &str) -> bool {
    FUNCTION_NAMES.contains(&name)
}
