//! Unified diffs, as `git diff`/`git format-patch` and `diff -u` write them: the files a
//! patch changes and its hunks. Bytes, not text: kernel sources are not all UTF-8, and a
//! patch must apply byte for byte.

use std::path::{Path, PathBuf};

/// One file's change in a patch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilePatch {
    /// The path before (`None`: the file is new), with the prefix components stripped.
    pub old: Option<PathBuf>,
    /// The path after (`None`: the file is deleted).
    pub new: Option<PathBuf>,
    pub hunks: Vec<Hunk>,
}

impl FilePatch {
    /// The path the change is named by: the file after, or the deleted one.
    pub fn path(&self) -> &Path {
        self.new
            .as_deref()
            .or(self.old.as_deref())
            .unwrap_or(Path::new(""))
    }
}

/// One hunk: lines of context, removed and added, where the old file had them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hunk {
    /// Its `@@ -a,b +c,d @@` line, to name it in errors.
    pub header: String,
    /// The first old line, 1-based (0 for an empty old side).
    pub old_start: usize,
    /// The first new line, 1-based.
    pub new_start: usize,
    pub lines: Vec<HunkLine>,
    /// The old side's last line has no newline (`\ No newline at end of file`).
    pub old_ends_without_newline: bool,
    pub new_ends_without_newline: bool,
}

impl Hunk {
    /// The lines the old file has here (context and removed), without line ends.
    pub fn old_lines(&self) -> impl Iterator<Item = &[u8]> {
        (self.lines.iter()).filter_map(|line| match line {
            HunkLine::Context(text) | HunkLine::Removed(text) => Some(text.as_slice()),
            HunkLine::Added(_) => None,
        })
    }

    /// The lines the new file has here (context and added).
    pub fn new_lines(&self) -> impl Iterator<Item = &[u8]> {
        (self.lines.iter()).filter_map(|line| match line {
            HunkLine::Context(text) | HunkLine::Added(text) => Some(text.as_slice()),
            HunkLine::Removed(_) => None,
        })
    }

    /// The new file's lines this hunk adds, 1-based: a definition written there changed.
    pub fn added_lines(&self) -> Vec<usize> {
        let mut line = self.new_start;
        let mut added = Vec::new();
        for hunk_line in &self.lines {
            match hunk_line {
                HunkLine::Context(_) => line += 1,
                HunkLine::Added(_) => {
                    added.push(line);
                    line += 1;
                }
                HunkLine::Removed(_) => {}
            }
        }
        added
    }

    /// The new file's line where lines were removed (between two kept ones), 1-based.
    pub fn removal_points(&self) -> Vec<usize> {
        let mut line = self.new_start;
        let mut points = Vec::new();
        for hunk_line in &self.lines {
            match hunk_line {
                HunkLine::Context(_) | HunkLine::Added(_) => line += 1,
                HunkLine::Removed(_) => points.push(line),
            }
        }
        points
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HunkLine {
    Context(Vec<u8>),
    Removed(Vec<u8>),
    Added(Vec<u8>),
}

/// Why a patch cannot be read; the message names the line.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("line {line}: {reason}")]
pub struct PatchSyntaxError {
    pub line: usize,
    pub reason: String,
}

/// How many leading path components to strip (`patch -pN`); `None`: one when the names
/// carry git's `a/` and `b/` prefixes, none otherwise.
pub type Strip = Option<usize>;

/// The file changes of a patch, in order. The text before the first file (a mail's
/// headers and message) is skipped.
pub fn parse(bytes: &[u8], strip: Strip) -> Result<Vec<FilePatch>, PatchSyntaxError> {
    let lines: Vec<&[u8]> = split_lines(bytes);
    let mut files = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        if line.starts_with(b"GIT binary patch") || line.starts_with(b"Binary files ") {
            return Err(error(i, "binary patches are not supported"));
        }
        if line.starts_with(b"rename from ") || line.starts_with(b"copy from ") {
            return Err(error(i, "renamed or copied files are not supported"));
        }
        if line.starts_with(b"--- ") && lines.get(i + 1).is_some_and(|l| l.starts_with(b"+++ ")) {
            let (file, next) = file_patch(&lines, i, strip)?;
            files.push(file);
            i = next;
            continue;
        }
        i += 1;
    }
    Ok(files)
}

/// The file change whose `---` line is at `i`, and the index after it.
fn file_patch(
    lines: &[&[u8]],
    i: usize,
    strip: Strip,
) -> Result<(FilePatch, usize), PatchSyntaxError> {
    let old_name = header_name(&lines[i][4..]);
    let new_name = header_name(&lines[i + 1][4..]);
    let strip = strip.unwrap_or_else(|| {
        let git = |name: &Option<String>, prefix: &str| {
            name.as_ref().is_none_or(|n| n.starts_with(prefix))
        };
        usize::from(git(&old_name, "a/") && git(&new_name, "b/"))
    });
    let stripped = |name: Option<String>, at: usize| -> Result<Option<PathBuf>, PatchSyntaxError> {
        name.map(|n| {
            strip_components(&n, strip).ok_or_else(|| {
                error(
                    at,
                    "the file name has fewer components than --strip removes",
                )
            })
        })
        .transpose()
    };
    let old = stripped(old_name, i)?;
    let new = stripped(new_name, i + 1)?;
    if old.is_none() && new.is_none() {
        return Err(error(i, "both file names are /dev/null"));
    }
    let mut hunks = Vec::new();
    let mut j = i + 2;
    while j < lines.len() && lines[j].starts_with(b"@@ ") {
        let (hunk, next) = hunk(lines, j)?;
        hunks.push(hunk);
        j = next;
    }
    if hunks.is_empty() {
        return Err(error(i, "a file change without hunks"));
    }
    Ok((FilePatch { old, new, hunks }, j))
}

/// The hunk whose `@@` line is at `i`, and the index after it.
fn hunk(lines: &[&[u8]], i: usize) -> Result<(Hunk, usize), PatchSyntaxError> {
    let header = String::from_utf8_lossy(lines[i]).into_owned();
    let (old_start, mut old_left, new_start, mut new_left) = hunk_ranges(&header)
        .ok_or_else(|| error(i, "a hunk header that is not `@@ -A,B +C,D @@`"))?;
    let mut hunk = Hunk {
        header: header
            .split(" @@")
            .next()
            .map_or(header.clone(), |h| format!("{h} @@")),
        old_start,
        new_start,
        lines: Vec::new(),
        old_ends_without_newline: false,
        new_ends_without_newline: false,
    };
    let mut j = i + 1;
    while old_left > 0 || new_left > 0 {
        let Some(&line) = lines.get(j) else {
            return Err(error(j, "the patch ends inside a hunk"));
        };
        let (tag, text) = line
            .split_first()
            .map_or((b' ', &b""[..]), |(t, rest)| (*t, rest));
        let text = text.to_vec();
        match tag {
            b' ' if old_left > 0 && new_left > 0 => {
                hunk.lines.push(HunkLine::Context(text));
                old_left -= 1;
                new_left -= 1;
            }
            b'-' if old_left > 0 => {
                hunk.lines.push(HunkLine::Removed(text));
                old_left -= 1;
            }
            b'+' if new_left > 0 => {
                hunk.lines.push(HunkLine::Added(text));
                new_left -= 1;
            }
            b'\\' => {}
            _ => {
                return Err(error(
                    j,
                    "a hunk line that does not match the hunk's line counts",
                ));
            }
        }
        j += 1;
        mark_missing_newline(&mut hunk, lines.get(j));
    }
    if lines.get(j).is_some_and(|l| l.starts_with(b"\\")) {
        j += 1;
    }
    Ok((hunk, j))
}

/// After a hunk line: `\ No newline at end of file` says that line had no newline.
fn mark_missing_newline(hunk: &mut Hunk, next: Option<&&[u8]>) {
    if !next.is_some_and(|l| l.starts_with(b"\\")) {
        return;
    }
    match hunk.lines.last() {
        Some(HunkLine::Context(_)) => {
            hunk.old_ends_without_newline = true;
            hunk.new_ends_without_newline = true;
        }
        Some(HunkLine::Removed(_)) => hunk.old_ends_without_newline = true,
        Some(HunkLine::Added(_)) => hunk.new_ends_without_newline = true,
        None => {}
    }
}

/// `@@ -A[,B] +C[,D] @@...` as (A, B, C, D); a missing count is 1.
fn hunk_ranges(header: &str) -> Option<(usize, usize, usize, usize)> {
    let rest = header.strip_prefix("@@ -")?;
    let (ranges, _) = rest.split_once(" @@")?;
    let (old, new) = ranges.split_once(" +")?;
    let range = |text: &str| -> Option<(usize, usize)> {
        match text.split_once(',') {
            Some((start, count)) => Some((start.parse().ok()?, count.parse().ok()?)),
            None => Some((text.parse().ok()?, 1)),
        }
    };
    let ((a, b), (c, d)) = (range(old)?, range(new)?);
    Some((a, b, c, d))
}

/// The file name of a `---`/`+++` line (a tab starts `diff -u`'s time stamp); `None` for
/// `/dev/null`.
fn header_name(rest: &[u8]) -> Option<String> {
    let rest = String::from_utf8_lossy(rest);
    let name = rest.split('\t').next().unwrap_or("").trim_end();
    let name = unquoted(name);
    (name != "/dev/null").then_some(name)
}

/// git quotes names with unusual characters in C style.
fn unquoted(name: &str) -> String {
    let Some(inner) = name.strip_prefix('"').and_then(|n| n.strip_suffix('"')) else {
        return name.to_owned();
    };
    let mut out = String::new();
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match (c, c == '\\') {
            (_, true) => match chars.next() {
                Some('t') => out.push('\t'),
                Some('n') => out.push('\n'),
                Some(other) => out.push(other),
                None => {}
            },
            (c, false) => out.push(c),
        }
    }
    out
}

fn strip_components(name: &str, strip: usize) -> Option<PathBuf> {
    let parts: Vec<&str> = name.split('/').filter(|p| !p.is_empty()).collect();
    (parts.len() > strip).then(|| parts[strip..].iter().collect())
}

/// The lines of `bytes`, without their `\n` (a `\r` before it stays: it is the file's).
fn split_lines(bytes: &[u8]) -> Vec<&[u8]> {
    let mut lines: Vec<&[u8]> = bytes.split(|&b| b == b'\n').collect();
    if bytes.ends_with(b"\n") {
        lines.pop();
    }
    lines
}

fn error(line: usize, reason: &str) -> PatchSyntaxError {
    PatchSyntaxError {
        line: line + 1,
        reason: reason.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GIT: &str = "Subject: fix\n\nExpect: x\n\ndiff --git a/mm/m.c b/mm/m.c\n--- a/mm/m.c\n+++ b/mm/m.c\n@@ -2,3 +2,3 @@ int f(void)\n a\n-b\n+c\n d\n";

    #[test]
    fn a_git_patch_names_its_file_without_the_prefix() {
        let files = parse(GIT.as_bytes(), None).unwrap();
        assert_eq!(files.len(), 1);
        assert_eq!(files[0].path(), Path::new("mm/m.c"));
        let hunk = &files[0].hunks[0];
        assert_eq!((hunk.old_start, hunk.new_start), (2, 2));
        assert_eq!(hunk.header, "@@ -2,3 +2,3 @@");
        assert_eq!(hunk.added_lines(), vec![3]);
        assert_eq!(
            hunk.old_lines().collect::<Vec<_>>(),
            vec![&b"a"[..], b"b", b"d"]
        );
    }

    #[test]
    fn a_plain_diff_keeps_its_names_unless_told_to_strip() {
        let text = "--- m.c\t2024-01-01\n+++ m.c\t2024-01-02\n@@ -1 +1 @@\n-x\n+y\n";
        assert_eq!(
            parse(text.as_bytes(), None).unwrap()[0].path(),
            Path::new("m.c")
        );
        let text = "--- old/src/m.c\n+++ new/src/m.c\n@@ -1 +1 @@\n-x\n+y\n";
        assert_eq!(
            parse(text.as_bytes(), Some(1)).unwrap()[0].path(),
            Path::new("src/m.c")
        );
    }

    #[test]
    fn new_and_deleted_files_have_one_name() {
        let text = "--- /dev/null\n+++ b/n.h\n@@ -0,0 +1,2 @@\n+a\n+b\n--- a/d.h\n+++ /dev/null\n@@ -1 +0,0 @@\n-z\n";
        let files = parse(text.as_bytes(), None).unwrap();
        assert_eq!(
            (files[0].old.as_deref(), files[0].new.as_deref()),
            (None, Some(Path::new("n.h")))
        );
        assert_eq!(
            (files[1].old.as_deref(), files[1].new.as_deref()),
            (Some(Path::new("d.h")), None)
        );
    }

    #[test]
    fn a_truncated_hunk_is_an_error_with_its_line() {
        let text = "--- a/m.c\n+++ b/m.c\n@@ -1,3 +1,3 @@\n a\n";
        let err = parse(text.as_bytes(), None).unwrap_err();
        assert_eq!(err.line, 5);
    }
}
