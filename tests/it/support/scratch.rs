//! What tests that run the binary share: the command, and scratch directories.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The klp-ccp binary, with a fixed build moment (`__DATE__`, `__TIME__`).
pub fn klp_ccp() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_klp-ccp"));
    cmd.env("SOURCE_DATE_EPOCH", "0");
    cmd
}

/// A scratch directory, removed when the test is done with it.
pub struct Scratch(pub PathBuf);

impl std::ops::Deref for Scratch {
    type Target = Path;

    fn deref(&self) -> &Path {
        &self.0
    }
}

impl AsRef<Path> for Scratch {
    fn as_ref(&self) -> &Path {
        &self.0
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A scratch directory `klp-ccp-KIND-PID-NAME` holding `files` (paths relative to it).
pub fn scratch_tree(kind: &str, name: &str, files: &[(&str, &str)]) -> Scratch {
    let dir = std::env::temp_dir().join(format!("klp-ccp-{kind}-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    for (path, text) in files {
        let path = dir.join(path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("scratch directory");
        }
        std::fs::write(path, text).expect("scratch file");
    }
    std::fs::create_dir_all(&dir).expect("scratch directory");
    Scratch(dir)
}

/// Runs klp-ccp in `dir` with `args`; its exit status and output.
pub fn klp_ccp_in(dir: &Path, args: &[&str]) -> std::process::Output {
    klp_ccp()
        .current_dir(dir)
        .args(args)
        .output()
        .expect("klp-ccp runs")
}
