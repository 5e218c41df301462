//! Constants as written: integer and floating constants with their suffixes, character
//! constants and string literals with their prefixes and escapes, and the types C gives them.

use super::error::{TypeError, TypeResult};
use super::target::TargetInfo;
use super::ty::{FloatKind, IntKind};
use super::value::IntValue;

/// An integer or floating constant.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Number {
    Int(IntKind, u128),
    Float(FloatKind, f64),
    /// An imaginary constant (GNU `2i`): its type only.
    Imaginary(FloatKind),
    ImaginaryInt(IntKind),
}

/// The element type of a character constant or string literal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Encoding {
    Plain,
    Wide,
    Utf8,
    Utf16,
    Utf32,
}

/// What reading a constant depends on besides its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Dialect {
    /// x86_64 has the `q` and `w` floating suffixes.
    pub x86: bool,
    /// C90 gives a decimal constant too large for `long long` an unsigned type.
    pub c90: bool,
}

impl Dialect {
    pub(super) fn of(target: &TargetInfo) -> Dialect {
        Dialect {
            x86: target.is_x86(),
            c90: target.c90,
        }
    }
}

/// Whether a preprocessing number is a floating constant.
pub(super) fn is_floating(text: &str) -> bool {
    let dialect = Dialect {
        x86: true,
        c90: false,
    };
    matches!(
        number(text, dialect),
        Ok(Number::Float(..) | Number::Imaginary(_))
    )
}

/// Reads a pp-number as an integer or floating constant.
pub(super) fn number(text: &str, dialect: Dialect) -> TypeResult<Number> {
    let lower = without_separators(text);
    if is_float_text(&lower) {
        float_constant(&lower, lower.starts_with("0x"), dialect.x86)
    } else {
        let constant = int_constant(&lower, text)?;
        let kind = int_constant_type(&constant, dialect.c90);
        let value = u128::from(constant.value);
        Ok(if constant.imaginary {
            Number::ImaginaryInt(kind)
        } else {
            Number::Int(kind, value)
        })
    }
}

/// A pp-number lowercased and without C23's digit separators (`1'000`), which the lexer
/// only lets into a pp-number in C2x modes.
fn without_separators(text: &str) -> String {
    text.to_ascii_lowercase().replace('\'', "")
}

/// Whether a lowercased pp-number is a floating constant rather than an integer one.
fn is_float_text(lower: &str) -> bool {
    if lower.starts_with("0x") {
        lower.contains('.') || lower.contains('p')
    } else {
        lower.contains('.') || lower.contains('e')
    }
}

/// An integer constant as gcc's lexer reads it.
struct IntConstant {
    /// The value modulo 2^64: cpplib computes in `uintmax_t`.
    value: u64,
    /// Digits were lost: the constant does not fit 64 bits.
    overflow: bool,
    decimal: bool,
    unsigned: bool,
    /// How many `l`s the suffix has.
    longs: u8,
    imaginary: bool,
}

fn int_constant(lower: &str, text: &str) -> TypeResult<IntConstant> {
    let (radix, digits) = if let Some(rest) = lower.strip_prefix("0x") {
        (16, rest)
    } else if let Some(rest) = lower.strip_prefix("0b") {
        (2, rest)
    } else if lower.len() > 1 && lower.starts_with('0') {
        (8, &lower[1..])
    } else {
        (10, lower)
    };
    let end = digits
        .find(|c: char| !c.is_digit(radix))
        .unwrap_or(digits.len());
    let (digits, suffix) = digits.split_at(end);
    let invalid = || TypeError::new(format!("invalid integer constant `{text}`"));
    if digits.is_empty() && radix != 8 {
        return Err(invalid());
    }
    let imaginary = suffix.contains('i') || suffix.contains('j');
    let suffix: String = suffix.chars().filter(|&c| c != 'i' && c != 'j').collect();
    let (unsigned, longs) = match suffix.as_str() {
        "" => (false, 0),
        "u" => (true, 0),
        "l" => (false, 1),
        "ul" | "lu" => (true, 1),
        "ll" => (false, 2),
        "ull" | "llu" => (true, 2),
        _ => return Err(invalid()),
    };
    let (value, overflow) = digits_value(digits, radix);
    Ok(IntConstant {
        value,
        overflow,
        decimal: radix == 10,
        unsigned,
        longs,
        imaginary,
    })
}

/// The value of valid digits modulo 2^64, and whether it is more.
fn digits_value(digits: &str, radix: u32) -> (u64, bool) {
    let mut value = 0u64;
    let mut overflow = false;
    for d in digits.chars().filter_map(|c| c.to_digit(radix)) {
        let next = value
            .checked_mul(u64::from(radix))
            .and_then(|v| v.checked_add(u64::from(d)));
        overflow |= next.is_none();
        value = value
            .wrapping_mul(u64::from(radix))
            .wrapping_add(u64::from(d));
    }
    (value, overflow)
}

/// The first type of C11 6.4.4.1's list that holds the value. A decimal constant without `u`
/// may fit none (it is at least 2^63): gcc gives it `__int128`, the signed type after
/// `long long`, or in C90 the unsigned type of its width (c-lex's `interpret_integer`).
fn int_constant_type(constant: &IntConstant, c90: bool) -> IntKind {
    use IntKind::*;
    let candidates: &[IntKind] = match (constant.decimal, constant.unsigned, constant.longs) {
        (true, false, 0) => &[Int, Long, LongLong],
        (false, false, 0) => &[Int, UInt, Long, ULong, LongLong, ULongLong],
        (_, true, 0) => &[UInt, ULong, ULongLong],
        (true, false, 1) => &[Long, LongLong],
        (false, false, 1) => &[Long, ULong, LongLong, ULongLong],
        (_, true, 1) => &[ULong, ULongLong],
        (true, false, _) => &[LongLong],
        (false, false, _) => &[LongLong, ULongLong],
        (_, true, _) => &[ULongLong],
    };
    let value = u128::from(constant.value);
    let fits = |kind: &IntKind| {
        let bits = if kind.is_signed(false) {
            kind.bits() - 1
        } else {
            kind.bits()
        };
        value >> bits == 0
    };
    match candidates.iter().copied().find(fits) {
        Some(kind) => kind,
        None if !c90 => Int128,
        None if constant.longs == 2 => ULongLong,
        None => ULong,
    }
}

/// gcc's warnings about an integer constant as written: cpplib's (a constant that does not
/// fit 64 bits; a decimal one without `u` that needs an unsigned type) and, in C90, the C
/// front end's. None for most constants, and for text that is no integer constant.
pub(super) fn int_constant_warnings(text: &str, c90: bool) -> Vec<&'static str> {
    let lower = without_separators(text);
    if is_float_text(&lower) {
        return Vec::new();
    }
    let Ok(constant) = int_constant(&lower, text) else {
        return Vec::new();
    };
    let needs_unsigned = constant.decimal && !constant.unsigned && constant.value > i64::MAX as u64;
    let mut warnings = Vec::new();
    if constant.overflow {
        warnings.push("integer constant is too large for its type");
    } else if needs_unsigned {
        warnings.push("integer constant is so large that it is unsigned");
    }
    if needs_unsigned && c90 {
        warnings.push("this decimal constant is unsigned only in ISO C90");
    }
    warnings
}

fn float_constant(lower: &str, is_hex: bool, x86: bool) -> TypeResult<Number> {
    let invalid = || TypeError::new(format!("invalid floating constant `{lower}`"));
    let body_end = float_body_end(lower, is_hex);
    let (body, suffix) = lower.split_at(body_end);
    let imaginary = suffix.contains('i') || suffix.contains('j');
    let suffix: String = suffix.chars().filter(|&c| c != 'i' && c != 'j').collect();
    let kind = match suffix.as_str() {
        "" => FloatKind::Double,
        "f" => FloatKind::Float,
        "l" => FloatKind::LongDouble,
        "f16" => FloatKind::Float16,
        "f32" => FloatKind::Float32,
        "f64" => FloatKind::Float64,
        "f128" => FloatKind::Float128,
        "f32x" => FloatKind::Float32x,
        "f64x" => FloatKind::Float64x,
        "q" if x86 => FloatKind::Float128,
        "w" if x86 => FloatKind::LongDouble,
        "df" => FloatKind::Decimal32,
        "dd" => FloatKind::Decimal64,
        "dl" => FloatKind::Decimal128,
        _ => return Err(invalid()),
    };
    if imaginary {
        return Ok(Number::Imaginary(kind));
    }
    let value = if is_hex {
        hex_float(body)
    } else {
        body.parse().ok()
    };
    Ok(Number::Float(kind, value.ok_or_else(invalid)?))
}

/// Where the digits, point and exponent of a floating constant end and its suffix starts.
fn float_body_end(lower: &str, is_hex: bool) -> usize {
    let bytes = lower.as_bytes();
    let exponent = if is_hex { b'p' } else { b'e' };
    let mut i = if is_hex { 2 } else { 0 };
    let is_digit = |b: u8| {
        if is_hex {
            b.is_ascii_hexdigit()
        } else {
            b.is_ascii_digit()
        }
    };
    while i < bytes.len() && (is_digit(bytes[i]) || bytes[i] == b'.') {
        i += 1;
    }
    if i < bytes.len() && bytes[i] == exponent {
        i += 1;
        if i < bytes.len() && (bytes[i] == b'+' || bytes[i] == b'-') {
            i += 1;
        }
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
    }
    i
}

/// The value of a hexadecimal floating constant `0xh.hhhp±d`.
fn hex_float(body: &str) -> Option<f64> {
    let rest = body.strip_prefix("0x")?;
    let (mantissa, exponent) = rest.split_once('p')?;
    let (int_part, frac_part) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let mut value = 0f64;
    for c in int_part.chars().chain(frac_part.chars()) {
        value = value * 16.0 + f64::from(c.to_digit(16)?);
    }
    let exponent: i32 = exponent.parse().ok()?;
    let shift = exponent.checked_sub(4 * i32::try_from(frac_part.len()).ok()?)?;
    Some(value * 2f64.powi(shift))
}

/// Splits a character constant or string literal piece into its encoding and the text
/// between the quotes.
pub(super) fn split_quoted(text: &str) -> Option<(Encoding, &str)> {
    let quote = text.find(['\'', '"'])?;
    let encoding = match &text[..quote] {
        "" => Encoding::Plain,
        "L" => Encoding::Wide,
        "u8" => Encoding::Utf8,
        "u" => Encoding::Utf16,
        "U" => Encoding::Utf32,
        _ => return None,
    };
    let body = text.get(quote + 1..text.len().checked_sub(1)?)?;
    Some((encoding, body))
}

/// The code units an encoded literal body stands for: bytes for plain and UTF-8 literals,
/// UTF-16 units, or code points.
pub(super) fn code_units(body: &str, encoding: Encoding) -> TypeResult<Vec<u32>> {
    let mut units = Vec::new();
    let mut chars = body.chars().peekable();
    while let Some(c) = chars.next() {
        if let Some(byte) = syntax::text::raw_byte(c) {
            units.push(raw_byte_unit(byte, encoding)?);
            continue;
        }
        if c != '\\' {
            push_char(&mut units, c as u32, encoding);
            continue;
        }
        let escape = chars
            .next()
            .ok_or_else(|| TypeError::new("stray `\\` at the end of a literal"))?;
        match escape {
            'n' => units.push(10),
            't' => units.push(9),
            'r' => units.push(13),
            'a' => units.push(7),
            'b' => units.push(8),
            'f' => units.push(12),
            'v' => units.push(11),
            'e' | 'E' => units.push(27),
            '0'..='7' => {
                let mut value = escape.to_digit(8).unwrap_or(0);
                for _ in 0..2 {
                    match chars.peek().and_then(|c| c.to_digit(8)) {
                        Some(d) => {
                            value = value * 8 + d;
                            chars.next();
                        }
                        None => break,
                    }
                }
                units.push(value);
            }
            'x' => {
                let mut value: u32 = 0;
                while let Some(d) = chars.peek().and_then(|c| c.to_digit(16)) {
                    value = value.wrapping_mul(16).wrapping_add(d);
                    chars.next();
                }
                units.push(value);
            }
            'u' | 'U' => {
                let count = if escape == 'u' { 4 } else { 8 };
                let digits: String = (0..count).filter_map(|_| chars.next()).collect();
                let point = u32::from_str_radix(&digits, 16)
                    .map_err(|_| TypeError::new("incomplete universal character name"))?;
                push_char(&mut units, point, encoding);
            }
            other => units.push(other as u32),
        }
    }
    Ok(units)
}

/// A byte of the file that is not UTF-8: one `char` of a plain or UTF-8 literal, as gcc copies
/// it; gcc cannot convert it to a wide encoding.
fn raw_byte_unit(byte: u8, encoding: Encoding) -> TypeResult<u32> {
    match encoding {
        Encoding::Plain | Encoding::Utf8 => Ok(u32::from(byte)),
        _ => Err(TypeError::new(
            "converting to execution character set: Invalid or incomplete multibyte or wide \
             character",
        )),
    }
}

/// Appends one character as code units of `encoding`.
fn push_char(units: &mut Vec<u32>, point: u32, encoding: Encoding) {
    match encoding {
        Encoding::Plain | Encoding::Utf8 => {
            let c = char::from_u32(point).unwrap_or(char::REPLACEMENT_CHARACTER);
            let mut buffer = [0u8; 4];
            units.extend(c.encode_utf8(&mut buffer).bytes().map(u32::from));
        }
        Encoding::Utf16 => {
            let c = char::from_u32(point).unwrap_or(char::REPLACEMENT_CHARACTER);
            let mut buffer = [0u16; 2];
            units.extend(c.encode_utf16(&mut buffer).iter().map(|&u| u32::from(u)));
        }
        Encoding::Wide | Encoding::Utf32 => units.push(point),
    }
}

/// The value of a character constant of type `int` (plain) or of its encoding's type:
/// a plain one-character constant goes through `char`; several characters make an `int`
/// as gcc computes it (each one byte, the first most significant).
pub(super) fn char_value(
    units: &[u32],
    encoding: Encoding,
    kind: IntKind,
    char_unsigned: bool,
) -> TypeResult<IntValue> {
    let Some(&last) = units.last() else {
        return Err(TypeError::new("empty character constant"));
    };
    if encoding != Encoding::Plain {
        return Ok(IntValue::new(
            kind,
            kind.is_signed(char_unsigned),
            u128::from(last),
        ));
    }
    if units.len() == 1 {
        let c = IntValue::new(IntKind::Char, !char_unsigned, u128::from(last & 0xff));
        return Ok(c.convert(IntKind::Int, true));
    }
    let value = units
        .iter()
        .fold(0u128, |acc, &u| (acc << 8) | u128::from(u & 0xff));
    Ok(IntValue::new(IntKind::Int, true, value))
}

#[cfg(test)]
mod tests {
    use super::*;

    const C11: Dialect = Dialect {
        x86: true,
        c90: false,
    };

    #[test]
    fn integer_constant_types() {
        let kind = |text| match number(text, C11) {
            Ok(Number::Int(kind, value)) => format!("{}:{value}", kind.name()),
            other => format!("{other:?}"),
        };
        assert_eq!(kind("42"), "int:42");
        assert_eq!(kind("0x80000000"), "unsigned int:2147483648");
        assert_eq!(kind("2147483648"), "long:2147483648");
        assert_eq!(kind("1UL"), "unsigned long:1");
        assert_eq!(
            kind("0xffffffffffffffff"),
            "unsigned long:18446744073709551615"
        );
        assert_eq!(kind("1llu"), "unsigned long long:1");
        assert_eq!(kind("010"), "int:8");
        assert_eq!(kind("0"), "int:0");
        assert_eq!(kind("0b101"), "int:5");
    }

    #[test]
    fn c90_gives_decimal_constants_beyond_long_long_an_unsigned_type() {
        let c90 = Dialect {
            x86: true,
            c90: true,
        };
        let kind = |text| match number(text, c90) {
            Ok(Number::Int(kind, value)) => format!("{}:{value}", kind.name()),
            other => format!("{other:?}"),
        };
        // gcc -std=gnu89, x86_64.
        assert_eq!(
            kind("9223372036854775808"),
            "unsigned long:9223372036854775808"
        );
        assert_eq!(
            kind("9223372036854775808l"),
            "unsigned long:9223372036854775808"
        );
        assert_eq!(
            kind("9223372036854775808ll"),
            "unsigned long long:9223372036854775808"
        );
        assert_eq!(kind("18446744073709551616"), "int:0");
    }

    #[test]
    fn warnings_about_integer_constants() {
        assert!(int_constant_warnings("9223372036854775807", true).is_empty());
        assert!(int_constant_warnings("9223372036854775808u", false).is_empty());
        assert!(int_constant_warnings("1.8446744073709551616e19", false).is_empty());
        assert_eq!(
            int_constant_warnings("0x10000000000000000", false),
            ["integer constant is too large for its type"]
        );
        assert_eq!(
            int_constant_warnings("9223372036854775808LL", true),
            [
                "integer constant is so large that it is unsigned",
                "this decimal constant is unsigned only in ISO C90"
            ]
        );
    }

    #[test]
    fn floating_constants() {
        assert_eq!(
            number("1.5f", C11),
            Ok(Number::Float(FloatKind::Float, 1.5))
        );
        assert_eq!(
            number("0x1p4", C11),
            Ok(Number::Float(FloatKind::Double, 16.0))
        );
        assert_eq!(
            number("1e3L", C11),
            Ok(Number::Float(FloatKind::LongDouble, 1000.0))
        );
    }

    #[test]
    fn character_constants() {
        let value = |text: &str, unsigned| {
            let (encoding, body) = split_quoted(text).unwrap_or((Encoding::Plain, ""));
            let units = code_units(body, encoding).unwrap_or_default();
            char_value(&units, encoding, IntKind::Int, unsigned).map(IntValue::as_i128)
        };
        assert_eq!(value("'a'", false), Ok(97));
        assert_eq!(value("'\\xff'", false), Ok(-1));
        assert_eq!(value("'\\xff'", true), Ok(255));
        assert_eq!(value("'\\0'", false), Ok(0));
        assert_eq!(value("'ab'", false), Ok(0x6162));
        assert_eq!(
            code_units("a\\n\\u00e9", Encoding::Plain).map(|u| u.len()),
            Ok(4)
        );
    }
}
