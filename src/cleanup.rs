//! What a run must not leave behind when SIGINT or SIGTERM ends it: the temporary file of an
//! output being written. A thread waits for the signals, removes
//! and kills what is registered here, and exits with 128 + the signal's number, as a shell
//! reports a process the signal killed.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};

use signal_hook::consts::{SIGINT, SIGTERM};
use signal_hook::iterator::Signals;

/// What to clean up.
struct Registry {
    temp_files: Vec<PathBuf>,
}

static REGISTRY: Mutex<Registry> = Mutex::new(Registry {
    temp_files: Vec::new(),
});

/// Starts the thread that cleans up and exits on SIGINT or SIGTERM.
pub fn install() -> std::io::Result<()> {
    let mut signals = Signals::new([SIGINT, SIGTERM])?;
    std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            if let Some(signal) = signals.forever().next() {
                let mut registry = lock();
                registry.clean_up();
                std::process::exit(128 + signal);
            }
        })?;
    Ok(())
}

/// Holds off the signals' cleanup (and so the exit) while alive: what is done meanwhile (a
/// file created and registered, an output renamed into place) is done completely or not at
/// all.
pub struct Deferred(MutexGuard<'static, Registry>);

/// Defers the signals' cleanup until the returned guard is dropped.
pub fn defer_signals() -> Deferred {
    Deferred(lock())
}

impl Deferred {
    /// Registers a temporary file, to be removed on a signal.
    pub fn add_temp_file(&mut self, path: &Path) {
        self.0.temp_files.push(path.to_owned());
    }

    /// Forgets a temporary file: it was renamed into place, or removed.
    pub fn forget_temp_file(&mut self, path: &Path) {
        self.0.temp_files.retain(|p| p != path);
    }
}

fn lock() -> MutexGuard<'static, Registry> {
    // The registry stays consistent whatever panicked while holding it: a vector push or
    // retain.
    REGISTRY.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Registry {
    fn clean_up(&mut self) {
        for path in self.temp_files.drain(..) {
            let _ = std::fs::remove_file(path);
        }
    }
}
