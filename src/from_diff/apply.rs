//! Applying a file's hunks to its text in memory, as `patch` does without fuzz: each hunk's
//! old lines must be in the file exactly, at the place the hunk says or, when lines were
//! added or removed before it since the patch was made, at the nearest place after the
//! previous hunk.

use super::patch::Hunk;

/// Why a hunk does not apply: its 1-based number and header.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("hunk #{number} ({header}) does not apply: {reason}")]
pub struct HunkError {
    pub number: usize,
    pub header: String,
    pub reason: &'static str,
}

/// The text after the hunks; `old` is the file's text (empty for a new file).
pub fn apply(old: &[u8], hunks: &[Hunk]) -> Result<Vec<u8>, HunkError> {
    let (lines, ends_with_newline) = lines_of(old);
    let mut out: Vec<&[u8]> = Vec::new();
    let mut out_ends_with_newline = ends_with_newline;
    let mut next = 0;
    let mut offset: isize = 0;
    for (i, hunk) in hunks.iter().enumerate() {
        let fail = |reason| HunkError {
            number: i + 1,
            header: hunk.header.clone(),
            reason,
        };
        let wanted: Vec<&[u8]> = hunk.old_lines().collect();
        let stated = hunk
            .old_start
            .saturating_sub(usize::from(!wanted.is_empty()));
        let expected = stated.saturating_add_signed(offset);
        let at = find(&lines, &wanted, expected, next)
            .ok_or_else(|| fail("its old lines are not in the file"))?;
        let at_end = at + wanted.len() == lines.len();
        if hunk.old_ends_without_newline && (!at_end || ends_with_newline) {
            return Err(fail(
                "it says the file ends without a newline, which it does not",
            ));
        }
        out.extend_from_slice(&lines[next..at]);
        out.extend(hunk.new_lines());
        if at_end {
            out_ends_with_newline = !hunk.new_ends_without_newline;
        }
        offset = at as isize - stated as isize;
        next = at + wanted.len();
    }
    out.extend_from_slice(&lines[next..]);
    Ok(joined(&out, out_ends_with_newline))
}

/// The lines of `text` without their `\n`, and whether the last one had one.
fn lines_of(text: &[u8]) -> (Vec<&[u8]>, bool) {
    if text.is_empty() {
        return (Vec::new(), true);
    }
    let mut lines: Vec<&[u8]> = text.split(|&b| b == b'\n').collect();
    let ends_with_newline = text.ends_with(b"\n");
    if ends_with_newline {
        lines.pop();
    }
    (lines, ends_with_newline)
}

fn joined(lines: &[&[u8]], ends_with_newline: bool) -> Vec<u8> {
    let mut text = lines.join(&b'\n');
    if !lines.is_empty() && ends_with_newline {
        text.push(b'\n');
    }
    text
}

/// Where `wanted` is in `lines` at or after `min`: at `expected` if there, else at the
/// nearest position (looking both ways, as `patch` does).
fn find(lines: &[&[u8]], wanted: &[&[u8]], expected: usize, min: usize) -> Option<usize> {
    let fits = |at: usize| at >= min && lines.get(at..at + wanted.len()) == Some(wanted);
    let last = lines.len().checked_sub(wanted.len())?;
    (0..=last.max(expected))
        .flat_map(|distance| {
            [
                expected.checked_add(distance),
                expected.checked_sub(distance),
            ]
        })
        .flatten()
        .find(|&at| at <= last && fits(at))
}

#[cfg(test)]
mod tests {
    use super::super::patch::{Strip, parse};
    use super::*;

    fn applied(old: &str, diff: &str) -> Result<String, HunkError> {
        let strip: Strip = None;
        let files = parse(diff.as_bytes(), strip).unwrap();
        apply(old.as_bytes(), &files[0].hunks).map(|t| String::from_utf8(t).unwrap())
    }

    #[test]
    fn a_hunk_applies_where_it_says() {
        let diff = "--- a/f\n+++ b/f\n@@ -2,2 +2,2 @@\n b\n-c\n+C\n";
        assert_eq!(applied("a\nb\nc\nd\n", diff).unwrap(), "a\nb\nC\nd\n");
    }

    #[test]
    fn a_hunk_applies_at_an_offset_when_lines_moved() {
        let diff = "--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n b\n-c\n+C\n";
        assert_eq!(applied("x\ny\nb\nc\n", diff).unwrap(), "x\ny\nb\nC\n");
    }

    #[test]
    fn a_hunk_whose_lines_are_not_there_fails_with_its_number() {
        let diff = "--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n b\n-q\n+C\n";
        let err = applied("b\nc\n", diff).unwrap_err();
        assert_eq!((err.number, err.header.as_str()), (1, "@@ -1,2 +1,2 @@"));
    }

    #[test]
    fn a_new_file_is_the_added_lines() {
        let diff = "--- /dev/null\n+++ b/n\n@@ -0,0 +1,2 @@\n+a\n+b\n";
        assert_eq!(applied("", diff).unwrap(), "a\nb\n");
    }

    #[test]
    fn a_missing_newline_at_the_end_is_kept_or_added_as_the_patch_says() {
        let diff = "--- a/f\n+++ b/f\n@@ -1 +1 @@\n-a\n\\ No newline at end of file\n+b\n";
        assert_eq!(applied("a", diff).unwrap(), "b\n");
        assert!(applied("a\n", diff).is_err());
    }
}
