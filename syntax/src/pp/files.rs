//! The base token source's files: loading them (file system or memory), the stack of open
//! files, `#include` search and include guards; reading their tokens is `reading`'s.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::provenance::{FileId, Inclusion, InclusionId, InclusionKind};
use super::{Frame, GuardState, PpConfig, Preprocessor};
use crate::lexer::LexedFile;

/// Where the preprocessor gets files from: the file system, or a database that tracks reads.
pub trait FileLoader {
    /// Reads and lexes the file at `path`, or says why it cannot.
    fn load(&mut self, path: &Path) -> Result<Arc<LexedFile>, LoadError>;
}

/// Why a file could not be had.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum LoadError {
    /// It does not exist, or is a directory (which the include search passes over, as gcc's
    /// does).
    Missing,
    /// It exists but is not read: the reason, as the error message says it after the name.
    Unreadable(String),
}

/// Reads a source file as gcc does: a regular file, or a character device (`/dev/null` reads
/// as an empty file). Another kind of file is an error rather than read: a FIFO could block
/// the run, and gcc refuses block devices.
pub fn read_source(path: &Path) -> Result<String, LoadError> {
    let kind = std::fs::metadata(path).map_err(io_error)?.file_type();
    if kind.is_dir() {
        return Err(LoadError::Missing);
    }
    if !kind.is_file() && !is_char_device(&kind) {
        return Err(LoadError::Unreadable(format!(
            "is {}, not a regular file",
            special_file_kind(&kind)
        )));
    }
    let bytes = std::fs::read(path).map_err(io_error)?;
    Ok(crate::text::decode(bytes))
}

/// A failed read: missing when nothing is there (or a path component is no directory, which
/// gcc's search passes over too), else the reason (`Permission denied`).
fn io_error(error: std::io::Error) -> LoadError {
    use std::io::ErrorKind;
    match error.kind() {
        ErrorKind::NotFound | ErrorKind::NotADirectory => LoadError::Missing,
        kind => {
            let reason = kind.to_string();
            let mut chars = reason.chars();
            let capitalized = chars
                .next()
                .map(|first| first.to_uppercase().chain(chars).collect())
                .unwrap_or(reason);
            LoadError::Unreadable(capitalized)
        }
    }
}

#[cfg(unix)]
fn is_char_device(kind: &std::fs::FileType) -> bool {
    std::os::unix::fs::FileTypeExt::is_char_device(kind)
}

#[cfg(not(unix))]
fn is_char_device(_: &std::fs::FileType) -> bool {
    false
}

/// What a file that is neither regular, a directory nor a character device is.
#[cfg(unix)]
fn special_file_kind(kind: &std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if kind.is_fifo() {
        "a FIFO"
    } else if kind.is_socket() {
        "a socket"
    } else if kind.is_block_device() {
        "a block device"
    } else {
        "a special file"
    }
}

#[cfg(not(unix))]
fn special_file_kind(_: &std::fs::FileType) -> &'static str {
    "a special file"
}

/// Reads files straight from the file system.
#[derive(Default)]
pub struct FsLoader;

impl FileLoader for FsLoader {
    fn load(&mut self, path: &Path) -> Result<Arc<LexedFile>, LoadError> {
        Ok(Arc::new(crate::lexer::lex(&read_source(path)?)))
    }
}

/// A lexed file as the configuration reads it: C2X's digit separators joined in numbers.
pub(super) fn for_config(config: &PpConfig, lexed: Arc<LexedFile>) -> Arc<LexedFile> {
    if config.c2x
        && config.gcc_major >= 11
        && let Some(separated) = crate::lexer::with_digit_separators(&lexed)
    {
        return Arc::new(separated);
    }
    lexed
}

/// The directory part of a path as gcc keeps it: `fs/proc/base.c` -> `fs/proc/`, `x.c` -> ``.
fn dir_prefix(path: &Path) -> PathBuf {
    path.parent().map(Path::to_path_buf).unwrap_or_default()
}

impl Preprocessor<'_> {
    /// The id of a file, loading it on first use.
    pub(super) fn load_file(&mut self, path: &Path) -> Result<FileId, LoadError> {
        if let Some(&id) = self.file_ids.get(path) {
            return Ok(id);
        }
        let lexed = for_config(self.config, self.load_logged(path)?);
        let id = FileId(self.files.len() as u32);
        self.files.push(lexed);
        self.prov.files.push(super::provenance::SourceFileInfo {
            path: path.to_path_buf(),
            system: false,
        });
        self.file_ids.insert(path.to_path_buf(), id);
        Ok(id)
    }

    /// A buffer that is not a file (`<built-in>`, `<command-line>`).
    pub(super) fn virtual_file(&mut self, name: &str, text: &str) -> FileId {
        let id = FileId(self.files.len() as u32);
        self.files.push(Arc::new(crate::lexer::lex(text)));
        self.prov.files.push(super::provenance::SourceFileInfo {
            path: PathBuf::from(name),
            system: true,
        });
        id
    }

    pub(super) fn add_inclusion(
        &mut self,
        from: Option<(FileId, u32, u32)>,
        file: FileId,
        spelling: String,
        kind: InclusionKind,
    ) -> InclusionId {
        let id = InclusionId(self.prov.inclusions.len() as u32);
        let parent = self.stack.last().map(|f| f.inclusion);
        self.prov.inclusions.push(Inclusion {
            from,
            parent,
            file,
            spelling,
            kind,
            positions: (self.output.len() as u32, u32::MAX),
            events_before: self.macros.events.len() as u32,
        });
        id
    }

    pub(super) fn push_frame(
        &mut self,
        file: FileId,
        inclusion: InclusionId,
        found_in: Option<usize>,
        discard_output: bool,
    ) {
        let lexed = self.files[file.0 as usize].clone();
        let system = found_in.is_some_and(|i| self.config.search.get(i).is_some_and(|d| d.system));
        if system {
            self.prov.files[file.0 as usize].system = true;
        }
        self.stack.push(Frame {
            file,
            lexed,
            pos: 0,
            inclusion,
            conds: Vec::new(),
            found_in,
            at_bol: true,
            guard: GuardState::Start,
            guard_group: None,
            discard_output,
            line_delta: 0,
            presumed_name: None,
        });
    }

    /// Looks a header up: `"name"` in the including file's directory first, then along the
    /// chain from `start`. Returns the file and where in the chain it was found. A candidate
    /// that is there but cannot be read ends the search, as in gcc.
    pub(super) fn find_include(
        &mut self,
        name: &str,
        quoted: bool,
        start: usize,
        current_dir: Option<PathBuf>,
    ) -> Result<(FileId, Option<usize>), LoadError> {
        let path = Path::new(name);
        if path.is_absolute() {
            return self.load_file(path).map(|f| (f, None));
        }
        if quoted
            && !self.config.skip_includer_dir
            && let Some(dir) = current_dir
        {
            let candidate = dir.join(name);
            if let Some(file) = found(self.load_file(&candidate))? {
                // A file found beside its includer inherits the includer's chain position.
                let inherited = self.stack.last().and_then(|f| f.found_in);
                return Ok((file, inherited));
            }
        }
        for i in start..self.config.search.len() {
            let candidate = self.config.search[i].path.join(name);
            if let Some(file) = found(self.load_file(&candidate))? {
                return Ok((file, Some(i)));
            }
        }
        Err(LoadError::Missing)
    }

    pub(super) fn find_pre_include(
        &mut self,
        path: &Path,
    ) -> Result<(FileId, Option<usize>), LoadError> {
        if let Some(file) = found(self.load_file(path))? {
            return Ok((file, None));
        }
        let name = path.to_string_lossy().into_owned();
        self.find_include(&name, true, 0, None)
    }

    /// The directory of the file being read, for `#include "..."`.
    pub(super) fn current_dir(&self) -> Option<PathBuf> {
        let frame = self.stack.last()?;
        Some(dir_prefix(&self.prov.file(frame.file).path))
    }

    /// Whether including `file` again can be skipped (`#pragma once`, or a guard macro that is
    /// defined).
    pub(super) fn skip_reinclusion(&self, file: FileId) -> bool {
        if self.once_files.contains(&file) {
            return true;
        }
        self.guards
            .get(&file)
            .is_some_and(|&guard| self.macros.lookup(guard).is_some())
    }
}

/// A load's result as the include search sees it: the file, nothing there (search on), or
/// an error (search over).
fn found(loaded: Result<FileId, LoadError>) -> Result<Option<FileId>, LoadError> {
    match loaded {
        Ok(file) => Ok(Some(file)),
        Err(LoadError::Missing) => Ok(None),
        Err(error) => Err(error),
    }
}

/// The error message for a file that could not be had (`name: No such file or directory`).
pub(super) fn load_error_message(name: &str, error: &LoadError) -> String {
    match error {
        LoadError::Missing => format!("{name}: No such file or directory"),
        LoadError::Unreadable(reason) => format!("{name}: {reason}"),
    }
}

/// Files held in memory, by path: for tests and for tools that already have the text.
#[derive(Default, Debug, Clone)]
pub struct MemoryLoader {
    pub files: rustc_hash::FxHashMap<PathBuf, String>,
}

impl MemoryLoader {
    pub fn new<'a>(files: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        MemoryLoader {
            files: files
                .into_iter()
                .map(|(path, text)| (PathBuf::from(path), text.to_owned()))
                .collect(),
        }
    }
}

impl FileLoader for MemoryLoader {
    fn load(&mut self, path: &Path) -> Result<Arc<LexedFile>, LoadError> {
        let text = self.files.get(path).ok_or(LoadError::Missing)?;
        Ok(Arc::new(crate::lexer::lex(text)))
    }
}
