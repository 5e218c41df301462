//! Source files as text, byte for byte.
//!
//! gcc reads source files as bytes: a byte that is not part of valid UTF-8 (a Latin-1 `é` in a
//! comment, `"\xff"` written raw in a string) passes through to its output unchanged and counts
//! as one `char` in a string literal. klp-ccp works on `str`, so such bytes are decoded into
//! characters that stand for them: byte `b` (0x80 to 0xFF) becomes the private-use character
//! U+EF00 + `b` (U+EF80 to U+EFFF, the *reserved* range). For the decoding to be lossless, a
//! reserved character written validly in the file is decoded as its three bytes, each escaped
//! so. Encoding maps every reserved character back to its byte, so that
//! `encode(&decode(bytes)) == bytes` for any bytes.
//!
//! The reserved characters are private-use ones, which C does not allow in identifiers: gcc
//! reads them as stray bytes whatever their spelling, and so does the lexer.

use std::borrow::Cow;

/// The character a raw byte 0x00 would stand for: byte `b` is `RESERVED_BASE + b`.
const RESERVED_BASE: u32 = 0xEF00;

/// The first lead byte of a reserved character's UTF-8 encoding (they all are `EE BE xx` or
/// `EE BF xx`): what the fast paths look for.
const RESERVED_LEAD: u8 = 0xEE;

/// The file's bytes as text: valid UTF-8 as it is, every other byte (and every byte of a
/// reserved character) as the reserved character standing for it.
pub fn decode(bytes: Vec<u8>) -> String {
    match String::from_utf8(bytes) {
        Ok(text) if !has_reserved(&text) => text,
        Ok(text) => decode_slow(text.as_bytes()),
        Err(error) => decode_slow(error.as_bytes()),
    }
}

/// The bytes the text was decoded from: reserved characters as their single bytes.
pub fn encode(text: &str) -> Cow<'_, [u8]> {
    if !has_reserved(text) {
        return Cow::Borrowed(text.as_bytes());
    }
    let mut bytes = Vec::with_capacity(text.len());
    for c in text.chars() {
        match raw_byte(c) {
            Some(b) => bytes.push(b),
            None => bytes.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes()),
        }
    }
    Cow::Owned(bytes)
}

/// The byte a reserved character stands for; `None` for any other character.
pub fn raw_byte(c: char) -> Option<u8> {
    let offset = u32::from(c).checked_sub(RESERVED_BASE)?;
    u8::try_from(offset).ok().filter(|&b| b >= 0x80)
}

/// Whether `c` stands for a raw byte of the file.
pub fn is_reserved(c: char) -> bool {
    raw_byte(c).is_some()
}

/// How many bytes of the file `c` was decoded from.
pub fn source_len(c: char) -> usize {
    if is_reserved(c) { 1 } else { c.len_utf8() }
}

/// How many bytes of the file `text` was decoded from.
pub fn source_len_of(text: &str) -> usize {
    if !has_reserved(text) {
        return text.len();
    }
    text.chars().map(source_len).sum()
}

/// Whether `text` may hold a reserved character (its UTF-8 lead byte occurs): a cheap test
/// that lets the common case go untouched.
fn has_reserved(text: &str) -> bool {
    text.as_bytes().contains(&RESERVED_LEAD) && text.chars().any(is_reserved)
}

/// Decodes bytes that are not plain UTF-8, or hold reserved characters.
fn decode_slow(bytes: &[u8]) -> String {
    let mut text = String::with_capacity(bytes.len() + bytes.len() / 2);
    for chunk in bytes.utf8_chunks() {
        for c in chunk.valid().chars() {
            if is_reserved(c) {
                push_escaped(&mut text, c.encode_utf8(&mut [0; 4]).as_bytes());
            } else {
                text.push(c);
            }
        }
        push_escaped(&mut text, chunk.invalid());
    }
    text
}

/// Appends each byte as the reserved character that stands for it.
fn push_escaped(text: &mut String, bytes: &[u8]) {
    for &b in bytes {
        // Every byte of an invalid sequence or of a reserved character is 0x80 or more.
        if let Some(c) = char::from_u32(RESERVED_BASE + u32::from(b)) {
            text.push(c);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn escaped(text: &str) -> String {
        text.chars()
            .map(|c| match raw_byte(c) {
                Some(b) => format!("<{b:02x}>"),
                None => c.to_string(),
            })
            .collect()
    }

    #[test]
    fn valid_utf8_is_kept() {
        let text = decode("é \u{ef7f} \u{f000}".as_bytes().to_vec());
        assert_eq!(text, "é \u{ef7f} \u{f000}");
        assert!(matches!(encode(&text), Cow::Borrowed(_)));
    }

    #[test]
    fn invalid_bytes_stand_for_themselves() {
        let bytes = b"\"\xff\x80\" \xe9t\xe9 \xc3".to_vec();
        let text = decode(bytes.clone());
        assert_eq!(escaped(&text), "\"<ff><80>\" <e9>t<e9> <c3>");
        assert_eq!(source_len_of(&text), bytes.len());
        assert_eq!(encode(&text).as_ref(), bytes.as_slice());
    }

    #[test]
    fn reserved_characters_written_validly_are_escaped() {
        // U+EF80 and U+EFFF, the ends of the reserved range, as valid UTF-8.
        let bytes = b"a\xee\xbe\x80b\xee\xbf\xbf".to_vec();
        let text = decode(bytes.clone());
        assert_eq!(escaped(&text), "a<ee><be><80>b<ee><bf><bf>");
        assert_eq!(encode(&text).as_ref(), bytes.as_slice());
        assert_eq!(source_len_of(&text), bytes.len());
    }

    #[test]
    fn every_byte_round_trips() {
        let bytes: Vec<u8> = (0..=255u8).chain((0..=255u8).rev()).collect();
        assert_eq!(encode(&decode(bytes.clone())).as_ref(), bytes.as_slice());
    }
}
