//! Scanning source text the way the preprocessor reads it, where the live patch copies
//! directive lines by hand: where a directive line really ends.

/// A directive's text as a piece of the output: without its final newline, and with the
/// empty line a final backslash-newline continues onto (else the next line would join it).
pub fn directive_text(text: &str) -> String {
    let trimmed = text.trim_end();
    if trimmed.ends_with('\\') {
        format!("{trimmed}\n")
    } else {
        trimmed.to_owned()
    }
}

/// Where a line ending at `end` really ends when a comment opened on it runs on (a
/// `#define` line whose comment continues below): after the comment's line.
pub fn past_open_comment(text: &str, start: usize, end: usize) -> usize {
    let bytes = text.as_bytes();
    let (mut i, mut quote, mut in_comment) = (start, None, false);
    while i < end {
        let pair = (bytes[i], bytes.get(i + 1).copied());
        match (in_comment, quote, pair) {
            (true, _, (b'*', Some(b'/'))) => {
                in_comment = false;
                i += 1;
            }
            (false, None, (b'/', Some(b'*'))) => {
                in_comment = true;
                i += 1;
            }
            (false, None, (b'/', Some(b'/'))) => return end,
            (false, None, (b'"' | b'\'', _)) => quote = Some(bytes[i]),
            (false, Some(q), (b'\\', _)) if q != 0 => i += 1,
            (false, Some(q), (c, _)) if c == q => quote = None,
            _ => {}
        }
        i += 1;
    }
    if !in_comment {
        return end;
    }
    let Some(close) = text.get(end..).and_then(|rest| rest.find("*/")) else {
        return text.len();
    };
    let after = end + close + 2;
    text.get(after..)
        .and_then(|rest| rest.find('\n'))
        .map_or(text.len(), |i| after + i)
}
