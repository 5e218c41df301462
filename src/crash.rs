//! Internal failures: a panic is a bug of klp-ccp's, reported as one (what and where) and
//! ending the run with its own exit status, so that scripts can tell it from an error in the
//! input or the policy.

use std::any::Any;
use std::cell::Cell;
use std::panic::{AssertUnwindSafe, Location, PanicHookInfo};

/// The exit status of an internal failure (`EX_SOFTWARE` of sysexits.h).
pub const EXIT_INTERNAL: u8 = 70;

thread_local! {
    /// Whether this thread is running code whose panics are caught and dealt with.
    static CAUGHT: Cell<bool> = const { Cell::new(false) };
}

/// Reports every panic not caught by `caught` as an internal error.
pub fn install_hook() {
    std::panic::set_hook(Box::new(|info| {
        if !CAUGHT.get() {
            eprintln!("{}", report(info));
        }
    }));
}

/// Runs `f`, `None` if it panics: for code whose failure has a fallback (rendering a
/// diagnostic), so that no internal error is reported.
pub fn caught<T>(f: impl FnOnce() -> T) -> Option<T> {
    let outer = CAUGHT.replace(true);
    let result = std::panic::catch_unwind(AssertUnwindSafe(f));
    CAUGHT.set(outer);
    result.ok()
}

fn report(info: &PanicHookInfo<'_>) -> String {
    describe(info.payload(), info.location())
}

/// The report of a panic with `payload` at `location`.
fn describe(payload: &dyn Any, location: Option<&Location<'_>>) -> String {
    let message = (payload.downcast_ref::<&str>().copied())
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("(no message)");
    let place = location.map_or(String::new(), |l| format!(" at {}:{}", l.file(), l.line()));
    format!(
        "error: internal error in klp-ccp {}: {message}{place}\n\
         note: this is a bug of klp-ccp's, please report it (with the command line and, \
         if you can, the source files)",
        env!("CARGO_PKG_VERSION")
    )
}

#[cfg(test)]
mod tests {
    use std::panic::Location;

    use super::{caught, describe};

    #[test]
    fn a_panic_is_described_with_its_message_and_place() {
        let location = Location::caller();
        let text = describe(&"index out of bounds", Some(location));
        let expected = format!(
            "error: internal error in klp-ccp {}: index out of bounds at {}:{}\n",
            env!("CARGO_PKG_VERSION"),
            location.file(),
            location.line()
        );
        assert!(text.starts_with(&expected), "{text}");
        assert!(text.contains("please report it"), "{text}");
        let owned = describe(&String::from("formatted 42"), None);
        assert!(owned.contains(": formatted 42\n"), "{owned}");
    }

    #[test]
    fn a_caught_panic_gives_none() {
        assert_eq!(caught(|| 1), Some(1));
        assert_eq!(caught(|| -> i32 { panic!("caught") }), None);
    }
}
