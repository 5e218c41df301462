//! klp-ccp's warnings that gcc has too, under an option of its own: a TU whose command line
//! turns the gcc warning off (the kernel builds with `-Wno-pointer-sign`) does not get
//! klp-ccp's either, as its users would expect.

use syntax::diagnostic::{Diagnostic, Severity};

/// klp-ccp's message and the name of gcc's `-W` option for the same finding.
const GCC_WARNINGS: &[(&str, &str)] = &[(
    "pointers to different integer types in assignment",
    "pointer-sign",
)];

/// Whether the compiler arguments `args` turn warning `d` off (the last of `-Wname` and
/// `-Wno-name` wins, as with gcc).
pub fn silenced(d: &Diagnostic, args: &[String]) -> bool {
    if d.severity != Severity::Warning {
        return false;
    }
    let Some(&(_, option)) = GCC_WARNINGS.iter().find(|(m, _)| *m == d.message) else {
        return false;
    };
    let last = args.iter().rev().find_map(|arg| {
        let name = arg.strip_prefix("-W")?;
        match name.strip_prefix("no-") {
            Some(name) if name == option => Some(false),
            None if name == option => Some(true),
            _ => None,
        }
    });
    last == Some(false)
}
