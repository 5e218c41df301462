//! Writing the live patch to `--outfile`, so that a run never leaves a half-written or a
//! wrong file behind:
//! - the text goes to a temporary file beside the target, is synced, and is renamed over the
//!   target once complete; a signal meanwhile removes the temporary file (`cleanup`);
//! - an existing file keeps its permissions (and its owner, where allowed);
//! - a symlink keeps pointing where it did: its target is written;
//! - a FIFO, a device, a directory (anything not a regular file) is refused, never replaced;
//! - a file the TU reads (its source, a header) is refused;
//! - a file with several hard links is rewritten in place, which keeps them: renaming would
//!   give the name a new file and leave the other links with the old text. Its space is
//!   reserved first (so that a full disk fails before the file is touched), and signals wait
//!   until the text is written and the file cut to its length.

use std::fs::{File, Metadata};
use std::io::Write;
use std::os::unix::fs::{FileTypeExt, MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};

use crate::cleanup;

/// A symlink chain longer than this is a loop (the kernel's limit).
const MAX_SYMLINKS: usize = 40;

/// Why the output cannot be written; the message names the path given.
#[derive(Debug, thiserror::Error)]
#[error("cannot write the output file {}: {reason}", .path.display())]
pub struct OutputError {
    path: PathBuf,
    reason: Reason,
}

#[derive(Debug, thiserror::Error)]
enum Reason {
    #[error("it is {0}, not a regular file")]
    NotRegular(&'static str),
    #[error("it is {0}, which the translation unit reads")]
    Input(String),
    #[error("too many levels of symbolic links")]
    SymlinkLoop,
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

/// Checks that `path` can be written as the output before any work is done: it is (or
/// leads through symlinks to) a regular file, or nothing yet.
pub fn check_writable(path: &Path) -> Result<(), OutputError> {
    let error = |reason| OutputError {
        path: path.to_owned(),
        reason,
    };
    let target = resolve_symlinks(path).map_err(error)?;
    existing(&target).map(|_| ()).map_err(error)
}

/// Writes `text` to `path`, which must not be one of `inputs` (the files the TU read).
pub fn write_file(path: &Path, text: &[u8], inputs: &[PathBuf]) -> Result<(), OutputError> {
    let error = |reason| OutputError {
        path: path.to_owned(),
        reason,
    };
    let target = resolve_symlinks(path).map_err(error)?;
    let existing = existing(&target).map_err(error)?;
    if let Some(metadata) = &existing {
        refuse_inputs(metadata, inputs).map_err(error)?;
    }
    match existing {
        Some(metadata) if metadata.nlink() > 1 => rewrite_in_place(&target, text),
        _ => replace(&target, text, existing.as_ref()),
    }
    .map_err(|e| error(Reason::Io(e)))
}

/// The file `path` names, symlinks followed (the last one may point to nothing yet).
fn resolve_symlinks(path: &Path) -> Result<PathBuf, Reason> {
    let mut path = path.to_owned();
    for _ in 0..MAX_SYMLINKS {
        match std::fs::symlink_metadata(&path) {
            Ok(metadata) if metadata.file_type().is_symlink() => {
                let link = std::fs::read_link(&path)?;
                let dir = path.parent().unwrap_or(Path::new(""));
                path = dir.join(link);
            }
            Ok(_) => return Ok(path),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(path),
            Err(e) => return Err(e.into()),
        }
    }
    Err(Reason::SymlinkLoop)
}

/// The metadata of the regular file at `target`, `None` when there is none yet.
fn existing(target: &Path) -> Result<Option<Metadata>, Reason> {
    let metadata = match std::fs::metadata(target) {
        Ok(metadata) => metadata,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e.into()),
    };
    let kind = metadata.file_type();
    let what = if kind.is_file() {
        return Ok(Some(metadata));
    } else if kind.is_dir() {
        "a directory"
    } else if kind.is_fifo() {
        "a FIFO"
    } else if kind.is_char_device() || kind.is_block_device() {
        "a device"
    } else if kind.is_socket() {
        "a socket"
    } else {
        "a special file"
    };
    Err(Reason::NotRegular(what))
}

/// Refuses to overwrite a file the TU read: the same file (device and inode), under any name
/// or link.
fn refuse_inputs(metadata: &Metadata, inputs: &[PathBuf]) -> Result<(), Reason> {
    let same = |input: &&PathBuf| {
        std::fs::metadata(input)
            .is_ok_and(|m| m.dev() == metadata.dev() && m.ino() == metadata.ino())
    };
    match inputs.iter().find(same) {
        Some(input) => Err(Reason::Input(input.display().to_string())),
        None => Ok(()),
    }
}

/// Writes a complete temporary file beside `target` and renames it over `target`.
fn replace(target: &Path, text: &[u8], existing: Option<&Metadata>) -> std::io::Result<()> {
    let dir = match target.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let name = target.file_name().unwrap_or_default().to_string_lossy();
    let temp = {
        let mut deferred = cleanup::defer_signals();
        // Created as a new file would be (the umask applies), not with tempfile's 0600.
        let temp = tempfile::Builder::new()
            .prefix(&format!(".{name}."))
            .suffix(".klp-ccp.tmp")
            .permissions(std::fs::Permissions::from_mode(0o666))
            .tempfile_in(dir)?;
        deferred.add_temp_file(temp.path());
        temp
    };
    let temp_path = temp.path().to_owned();
    let written = write_temp(temp.as_file(), text, existing);
    let mut deferred = cleanup::defer_signals();
    let persisted = written.and_then(|()| temp.persist(target).map(|_| ()).map_err(|e| e.error));
    // On failure the temporary file was removed when dropped with the error.
    deferred.forget_temp_file(&temp_path);
    drop(deferred);
    persisted?;
    sync_directory(dir);
    Ok(())
}

fn write_temp(file: &File, text: &[u8], existing: Option<&Metadata>) -> std::io::Result<()> {
    let mut writer = file;
    writer.write_all(text)?;
    if let Some(metadata) = existing {
        // The owner too, where allowed (root rewriting a user's file); a user can give a
        // file only to themselves, which it is already.
        let _ = std::os::unix::fs::fchown(file, Some(metadata.uid()), Some(metadata.gid()));
        file.set_permissions(metadata.permissions())?;
    }
    file.sync_all()
}

/// Makes a rename durable; a file system that cannot sync a directory has no need to.
fn sync_directory(dir: &Path) {
    if let Ok(dir) = File::open(dir) {
        let _ = dir.sync_all();
    }
}

/// Overwrites `target` with `text` in place, keeping its inode and so its other links.
fn rewrite_in_place(target: &Path, text: &[u8]) -> std::io::Result<()> {
    let mut file = std::fs::OpenOptions::new().write(true).open(target)?;
    reserve(&file, text.len())?;
    let _deferred = cleanup::defer_signals();
    file.write_all(text)?;
    file.set_len(text.len() as u64)?;
    file.sync_all()
}

/// Allocates `len` bytes of `file`, so that writing them cannot fail for want of space.
fn reserve(file: &File, len: usize) -> std::io::Result<()> {
    use rustix::fs::{FallocateFlags, fallocate};
    if len == 0 {
        return Ok(());
    }
    match fallocate(file, FallocateFlags::empty(), 0, len as u64) {
        Ok(()) => Ok(()),
        // A file system that cannot reserve space: written without.
        Err(rustix::io::Errno::OPNOTSUPP | rustix::io::Errno::INVAL) => Ok(()),
        Err(error) => Err(error.into()),
    }
}
