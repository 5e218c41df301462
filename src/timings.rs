//! `-v`: how long each phase of a run took, printed to stderr as it ends.

use std::time::{Duration, Instant};

#[derive(Debug, Clone, Copy)]
pub struct Timings {
    verbose: bool,
}

impl Timings {
    pub fn new(verbose: bool) -> Timings {
        Timings { verbose }
    }

    /// Runs `f`, the phase `phase`, and says how long it took.
    pub fn time<T>(&self, phase: &str, f: impl FnOnce() -> T) -> T {
        let started = Instant::now();
        let result = f();
        self.say(&format!("{phase}: {}", seconds(started.elapsed())));
        result
    }

    /// Prints `text` when verbose.
    pub fn say(&self, text: &str) {
        if self.verbose {
            eprintln!("klp-ccp: {text}");
        }
    }
}

/// `0.012 s`.
pub fn seconds(duration: Duration) -> String {
    format!("{:.3} s", duration.as_secs_f64())
}
