//! Running one policy command within limits, so that no command can hang klp-ccp or flood
//! it: the command runs in a process group of its own (what it starts too), with no stdin;
//! its stdout and stderr are read as they come, by threads, while klp-ccp waits for its exit
//! with a deadline. At the deadline, or past the output limit, the whole group is killed.

use std::io::Read;
use std::path::Path;
use std::process::{Command, ExitStatus, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crate::cleanup;

/// How long a command may run, and how much it may write (stdout and stderr together).
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub timeout: Duration,
    pub max_output: usize,
}

/// A command that ran to its end.
pub struct Finished {
    pub status: ExitStatus,
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
}

/// Why a command did not run to its end.
#[derive(Debug, thiserror::Error)]
pub enum RunFault {
    #[error("cannot be run: {0}")]
    CannotStart(std::io::Error),
    #[error("did not finish within the time limit, {} (killed; see --policy-timeout)", seconds(.0))]
    TimedOut(Duration),
    #[error(
        "exited, but a process it started kept its output open past the time limit, {} \
         (killed; see --policy-timeout)",
        seconds(.0)
    )]
    OutputHeldOpen(Duration),
    #[error("wrote more than the output limit, {0} bytes (killed)")]
    TooMuchOutput(usize),
    #[error("cannot be waited for: {0}")]
    Lost(std::io::Error),
}

/// `1.5 s`.
fn seconds(duration: &Duration) -> String {
    format!("{} s", duration.as_secs_f64())
}

/// What the threads watching a command report.
enum Event {
    /// One of stdout and stderr reached its end.
    Closed,
    /// The output limit was passed.
    TooMuch,
    Exited(std::io::Result<ExitStatus>),
}

/// Runs `program` with `args` within `limits`.
pub fn run(program: &Path, args: &[String], limits: Limits) -> Result<Finished, RunFault> {
    let mut command = Command::new(program);
    command
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cleanup::spawn_in_own_group(&mut command).map_err(RunFault::CannotStart)?;
    let group = child.id();
    let (events, received) = mpsc::channel();
    let written = Arc::new(AtomicUsize::new(0));
    let stdout = spawn_reader(child.stdout.take(), limits, &written, &events);
    let stderr = spawn_reader(child.stderr.take(), limits, &written, &events);
    let waiter = events.clone();
    std::thread::spawn(move || {
        let _ = waiter.send(Event::Exited(child.wait()));
    });
    drop(events);
    let outcome = watch(&received, limits);
    match outcome {
        Ok(_) => cleanup::forget_process_group(group),
        Err(_) => {
            cleanup::kill_process_group(group);
            cleanup::forget_process_group(group);
        }
    }
    let status = outcome?;
    Ok(Finished {
        status,
        stdout: joined(stdout)?,
        stderr: joined(stderr)?,
    })
}

/// Waits until the command exited and both its outputs are closed, within the limits.
fn watch(events: &mpsc::Receiver<Event>, limits: Limits) -> Result<ExitStatus, RunFault> {
    let deadline = Instant::now() + limits.timeout;
    let mut exited = None;
    let mut closed = 0;
    loop {
        if let Some(status) = exited.filter(|_| closed == 2) {
            return Ok(status);
        }
        let left = deadline.saturating_duration_since(Instant::now());
        match events.recv_timeout(left) {
            Ok(Event::Closed) => closed += 1,
            Ok(Event::Exited(status)) => exited = Some(status.map_err(RunFault::Lost)?),
            Ok(Event::TooMuch) => return Err(RunFault::TooMuchOutput(limits.max_output)),
            Err(RecvTimeoutError::Timeout) if exited.is_some() => {
                return Err(RunFault::OutputHeldOpen(limits.timeout));
            }
            Err(RecvTimeoutError::Timeout) => return Err(RunFault::TimedOut(limits.timeout)),
            Err(RecvTimeoutError::Disconnected) => {
                return Err(RunFault::Lost(std::io::Error::other(
                    "the threads watching it ended",
                )));
            }
        }
    }
}

/// A thread reading `pipe` (stdout or stderr) to its end.
fn spawn_reader<R: Read + Send + 'static>(
    pipe: Option<R>,
    limits: Limits,
    written: &Arc<AtomicUsize>,
    events: &Sender<Event>,
) -> JoinHandle<Vec<u8>> {
    let (written, events) = (written.clone(), events.clone());
    std::thread::spawn(move || read_all(pipe, limits.max_output, &written, &events))
}

/// Reads `pipe` to its end, counting what it reads into `written` (shared by stdout and
/// stderr); stops when `written` passes `max`.
fn read_all(
    pipe: Option<impl Read>,
    max: usize,
    written: &AtomicUsize,
    events: &Sender<Event>,
) -> Vec<u8> {
    let mut text = Vec::new();
    let mut buffer = [0u8; 8192];
    let Some(mut pipe) = pipe else {
        let _ = events.send(Event::Closed);
        return text;
    };
    loop {
        match pipe.read(&mut buffer) {
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Ok(0) | Err(_) => {
                let _ = events.send(Event::Closed);
                return text;
            }
            Ok(n) => {
                text.extend_from_slice(&buffer[..n]);
                if written.fetch_add(n, Ordering::Relaxed) + n > max {
                    let _ = events.send(Event::TooMuch);
                    return text;
                }
            }
        }
    }
}

/// What a reader thread read.
fn joined(reader: JoinHandle<Vec<u8>>) -> Result<Vec<u8>, RunFault> {
    reader
        .join()
        .map_err(|_| RunFault::Lost(std::io::Error::other("reading its output failed")))
}
