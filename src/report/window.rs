//! The part of a file a rendered diagnostic shows: a few lines around it, and of a very long
//! line (generated code, minified tables) a bounded slice around the column. Giving miette
//! the whole file would cost a scan of it per diagnostic (quadratic in a TU with many), a
//! 700 KB line would be printed whole, and a column past 65,535 makes miette panic.

use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};
use syntax::lexer::LexedFile;

/// Lines of context before and after the diagnostic's lines (miette's default).
const CONTEXT_LINES: usize = 1;
/// Lines of a diagnostic spanning more shown at most.
const MAX_SPAN_LINES: usize = 6;
/// A line longer than this is shown as a slice.
const MAX_LINE_BYTES: usize = 240;
/// Of a long line, the bytes shown before the diagnostic's column.
const SLICE_BEFORE: usize = 80;
/// Marks where a slice of a long line is cut.
const ELLIPSIS: &str = "…";

/// A part of a file, as miette reads source code: offsets are the window's, line numbers
/// and columns the file's.
pub struct Window {
    name: String,
    text: String,
    /// The file's 0-based line number of the window's first line.
    first_line: usize,
    /// Of the window's first line, the file's column of the window's first byte.
    first_column: usize,
    /// Bytes the window adds before its first line's text (an ellipsis).
    prefix: usize,
}

/// The window showing the byte range `start..end` of `text` (a file lexed as `lexed`), and
/// the range within the window.
pub fn window(
    name: String,
    text: &str,
    lexed: &LexedFile,
    (start, end): (usize, usize),
) -> (Window, std::ops::Range<usize>) {
    let start = start.min(text.len());
    let end = end.clamp(start, text.len());
    let (line, column) = lexed.line_col(start as u32);
    let line_start = start - column as usize;
    match short_lines(text, lexed, line_start, end) {
        Some((from, to)) => {
            let first_line = lexed.line_of(from as u32) as usize;
            let window = Window {
                name,
                text: text[from..to].to_owned(),
                first_line,
                first_column: 0,
                prefix: 0,
            };
            (window, start - from..end.min(to) - from)
        }
        None => slice_of_line(name, text, (line as usize - 1, line_start), start, end),
    }
}

/// The range of the lines around `line_start..end` (context included, at most
/// `MAX_SPAN_LINES` of the span), when none is longer than `MAX_LINE_BYTES`.
fn short_lines(
    text: &str,
    lexed: &LexedFile,
    line_start: usize,
    end: usize,
) -> Option<(usize, usize)> {
    let mut from = line_start;
    for _ in 0..CONTEXT_LINES {
        let Some(previous_end) = from.checked_sub(1) else {
            break;
        };
        let previous_start = previous_end - lexed.line_col(previous_end as u32).1 as usize;
        if previous_end - previous_start > MAX_LINE_BYTES {
            break;
        }
        from = previous_start;
    }
    // The end of the last line shown (its newline, or the end of the text).
    let mut to = line_end(text, line_start)?;
    let mut span_lines = 1;
    while to < end && to < text.len() && span_lines < MAX_SPAN_LINES {
        to = line_end(text, to + 1)?;
        span_lines += 1;
    }
    for _ in 0..CONTEXT_LINES {
        if to >= text.len() {
            break;
        }
        to = line_end(text, to + 1)?;
    }
    Some((from, to))
}

/// The end (its newline, or the end of the text) of the line starting at `start`, unless
/// the line is longer than `MAX_LINE_BYTES`: the search is bounded so that a huge line costs
/// no more than a short one.
fn line_end(text: &str, start: usize) -> Option<usize> {
    let limit = (start + MAX_LINE_BYTES + 1).min(text.len());
    let bytes = text.as_bytes().get(start..limit)?;
    match bytes.iter().position(|&b| b == b'\n') {
        Some(newline) => Some(start + newline),
        None if limit == text.len() => Some(limit),
        None => None,
    }
}

/// A window of one long line: up to `MAX_LINE_BYTES` around `start`, marked where cut.
fn slice_of_line(
    name: String,
    text: &str,
    (line, line_start): (usize, usize),
    start: usize,
    end: usize,
) -> (Window, std::ops::Range<usize>) {
    let from = char_start(text, start.saturating_sub(SLICE_BEFORE).max(line_start));
    let limit = char_start(text, (from + MAX_LINE_BYTES).min(text.len()));
    let to = (text.as_bytes()[from..limit].iter())
        .position(|&b| b == b'\n')
        .map_or(limit, |newline| from + newline);
    let cut_before = from > line_start;
    let cut_after = to < text.len() && text.as_bytes()[to] != b'\n';
    let prefix = if cut_before { ELLIPSIS.len() } else { 0 };
    let mut shown = String::with_capacity(to - from + 2 * ELLIPSIS.len());
    if cut_before {
        shown.push_str(ELLIPSIS);
    }
    shown.push_str(&text[from..to]);
    if cut_after {
        shown.push_str(ELLIPSIS);
    }
    let window = Window {
        name,
        text: shown,
        first_line: line,
        first_column: from - line_start,
        prefix,
    };
    let span = prefix + start - from..prefix + end.min(to).max(start) - from;
    (window, span)
}

/// The start of the character at or before byte `at`.
fn char_start(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

impl SourceCode for Window {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let inner =
            self.text
                .as_str()
                .read_span(span, context_lines_before, context_lines_after)?;
        let column = match inner.line() {
            0 => (inner.column() + self.first_column).saturating_sub(self.prefix),
            _ => inner.column(),
        };
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            *inner.span(),
            self.first_line + inner.line(),
            column,
            inner.line_count(),
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::window;

    /// The window's text, and the text its span covers.
    fn shown(text: &str, range: (usize, usize)) -> (String, String) {
        let lexed = syntax::lexer::lex(text);
        let (window, span) = window("f.c".into(), text, &lexed, range);
        let covered = window.text[span].to_owned();
        (window.text, covered)
    }

    #[test]
    fn short_lines_are_shown_with_a_line_of_context_each_side() {
        let text = "one\ntwo\nthree x\nfour\nfive\n";
        let x = text.find('x').expect("x");
        assert_eq!(
            shown(text, (x, x + 1)),
            ("two\nthree x\nfour".into(), "x".into())
        );
        assert_eq!(shown(text, (0, 3)), ("one\ntwo".into(), "one".into()));
    }

    #[test]
    fn a_long_span_is_cut_after_its_first_lines() {
        let text: String = (0..20).map(|i| format!("line {i}\n")).collect();
        let (window, covered) = shown(&text, (0, text.len()));
        assert_eq!(window.lines().count(), 7);
        assert_eq!(covered, window);
    }

    #[test]
    fn a_long_line_is_sliced_around_the_column() {
        let text = format!("{}é{}\nnext\n", "a".repeat(1000), "b".repeat(1000));
        let at = text.find('é').expect("é");
        let (window, covered) = shown(&text, (at, at + 'é'.len_utf8()));
        assert_eq!(covered, "é");
        assert!(window.starts_with('…') && window.ends_with('…'), "{window}");
        assert!(window.len() < 300, "{}", window.len());
    }
}
