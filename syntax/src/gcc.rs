//! What gcc declares without a declaration in the source: shared by the preprocessor
//! (`__has_builtin`), the parser (typedef names) and the semantic stage (builtin functions).

/// gcc 12's builtin functions on x86_64 with default options, one name a line, sorted: probed
/// from gcc itself (every identifier in cc1, and each `__builtin_X`'s `X`, that
/// `__has_builtin` knows: the `__builtin_*`, `__sync_*`, `__atomic_*` names and the library
/// functions gcc treats as builtins, like `memcpy`). Releases before 12 use the same list.
const BUILTIN_FUNCTIONS: &str = include_str!("gcc-builtins.txt");

/// How gcc 13 and later differ from [`BUILTIN_FUNCTIONS`], probed the same way: lines
/// `+MAJOR NAME` (a builtin from that release on) and `-MAJOR NAME` (gone in that release).
const BUILTIN_CHANGES: &str = include_str!("gcc-builtins-changes.txt");

/// The changes as (added, release, name).
fn builtin_changes() -> impl Iterator<Item = (bool, u32, &'static str)> {
    BUILTIN_CHANGES.lines().filter_map(|line| {
        let (release, name) = line.split_once(' ')?;
        let added = release.starts_with('+');
        let major = release.get(1..)?.parse().ok()?;
        Some((added, major, name.trim()))
    })
}

/// The names of the builtin functions of any gcc release klp-ccp knows: for name resolution,
/// where accepting a later release's builtin costs nothing.
pub fn builtin_functions() -> impl Iterator<Item = &'static str> {
    BUILTIN_FUNCTIONS.lines().map(str::trim).chain(
        builtin_changes()
            .filter(|&(added, ..)| added)
            .map(|(_, _, name)| name),
    )
}

/// Whether gcc `major` has the builtin function `name` (`__has_builtin`).
pub fn has_builtin_function(major: u32, name: &str) -> bool {
    // The last change up to `major` decides; without one, gcc 12's list does.
    let changed = builtin_changes()
        .filter(|&(_, release, change)| release <= major && change == name)
        .last();
    match changed {
        Some((added, ..)) => added,
        None => BUILTIN_FUNCTIONS.lines().any(|line| line.trim() == name),
    }
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
