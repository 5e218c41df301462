//! What a run must not leave behind when SIGINT or SIGTERM ends it: the temporary file of an
//! output being written, and the policy commands running (each in a process group of its
//! own, which the terminal's Ctrl-C does not reach). A thread waits for the signals, removes
//! and kills what is registered here, and exits with 128 + the signal's number, as a shell
//! reports a process the signal killed. Watch mode ends on SIGINT, its way to stop: after
//! `interrupt_ends_successfully`, SIGINT cleans up the same and exits 0.

use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, MutexGuard, PoisonError};

use signal_hook::consts::{SIGINT, SIGTERM};
use signal_hook::iterator::Signals;

/// What to clean up.
struct Registry {
    temp_files: Vec<PathBuf>,
    process_groups: Vec<u32>,
}

static REGISTRY: Mutex<Registry> = Mutex::new(Registry {
    temp_files: Vec::new(),
    process_groups: Vec::new(),
});

/// Whether SIGINT is the normal end of the run (watch mode), exiting 0.
static INTERRUPT_ENDS_SUCCESSFULLY: AtomicBool = AtomicBool::new(false);

/// Makes SIGINT end the run successfully: exit status 0, after the same cleanup.
pub fn interrupt_ends_successfully() {
    INTERRUPT_ENDS_SUCCESSFULLY.store(true, Ordering::SeqCst);
}

/// Starts the thread that cleans up and exits on SIGINT or SIGTERM.
pub fn install() -> std::io::Result<()> {
    let mut signals = Signals::new([SIGINT, SIGTERM])?;
    std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            if let Some(signal) = signals.forever().next() {
                let mut registry = lock();
                registry.clean_up();
                if signal == SIGINT && INTERRUPT_ENDS_SUCCESSFULLY.load(Ordering::SeqCst) {
                    std::process::exit(0);
                }
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

/// Starts `command` in a process group of its own (whose id is its process id), registered
/// to be killed on a signal: the registration is made before a signal can be handled.
pub fn spawn_in_own_group(command: &mut Command) -> std::io::Result<Child> {
    let mut registry = lock();
    let child = command.process_group(0).spawn()?;
    registry.process_groups.push(child.id());
    Ok(child)
}

/// Forgets a process group: its command is done.
pub fn forget_process_group(id: u32) {
    lock().process_groups.retain(|&g| g != id);
}

/// Kills process group `id` (a policy command and what it started).
pub fn kill_process_group(id: u32) {
    // A group id that does not fit is not one that was started here; one that is gone
    // makes the call fail, harmlessly.
    if let Some(group) = i32::try_from(id)
        .ok()
        .and_then(rustix::process::Pid::from_raw)
    {
        let _ = rustix::process::kill_process_group(group, rustix::process::Signal::KILL);
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
        for group in self.process_groups.drain(..) {
            kill_process_group(group);
        }
    }
}
