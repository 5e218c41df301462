//! `#if` expressions: the line is macro-expanded (with `defined` and `__has_include` as
//! operators), then evaluated in `intmax_t`/`uintmax_t` as cpplib does (C11 6.10.1).

use super::provenance::OriginId;
use super::token::{PpToken, flags};
use super::{BaseMode, Preprocessor};
use crate::lexer::TokenKind;

/// A value of an `#if` expression: 64 bits, signed or unsigned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Value {
    bits: u64,
    unsigned: bool,
}

impl Value {
    fn signed(v: i64) -> Value {
        Value {
            bits: v as u64,
            unsigned: false,
        }
    }

    fn truth(b: bool) -> Value {
        Value::signed(b as i64)
    }

    fn is_true(self) -> bool {
        self.bits != 0
    }

    fn as_i64(self) -> i64 {
        self.bits as i64
    }
}

/// An evaluation error: the message and where it applies.
struct EvalError(String, Option<OriginId>);

type Eval<T> = Result<T, EvalError>;

impl Preprocessor<'_> {
    /// Macro-expands a directive line in isolation; in `#if` mode, `defined` is an operator.
    pub(super) fn expand_line(&mut self, line: Vec<PpToken>, for_if: bool) -> Vec<PpToken> {
        let saved_contexts = std::mem::take(&mut self.contexts);
        let saved_line = self.line.replace((line, 0));
        let saved_mode = std::mem::replace(&mut self.base_mode, BaseMode::Normal);
        let saved_if = std::mem::replace(&mut self.in_if, for_if);
        let saved_pending = std::mem::take(&mut self.pending);
        // A directive inside macro arguments is evaluated as anywhere else: its macros expand.
        let saved_prevent = std::mem::take(&mut self.prevent_expansion);
        // The line's expansions have their own budget (they start with no context).
        let saved_budget = self.budget;
        let mut out = Vec::new();
        while let Some(tok) = self.get_token() {
            if for_if && tok.kind == TokenKind::Ident && tok.text == self.sym.defined {
                let value = self.defined_operand(tok);
                out.push(self.synth(TokenKind::Number, if value { "1" } else { "0" }, tok.origin));
                continue;
            }
            out.push(tok);
        }
        while !self.contexts.is_empty() {
            self.pop_context();
        }
        self.contexts = saved_contexts;
        self.line = saved_line;
        self.base_mode = saved_mode;
        self.in_if = saved_if;
        self.pending = saved_pending;
        self.prevent_expansion = saved_prevent;
        self.budget = saved_budget;
        out
    }

    /// `defined NAME` or `defined ( NAME )`.
    fn defined_operand(&mut self, op: PpToken) -> bool {
        self.prevent_expansion += 1;
        let mut name = self.next_raw();
        let paren = name.is_some_and(|t| self.is_punct(&t, "("));
        if paren {
            name = self.next_raw();
        }
        let mut ok = name.is_some_and(|t| t.kind == TokenKind::Ident);
        if ok && paren {
            let close = self.next_raw();
            if !close.is_some_and(|t| self.is_punct(&t, ")")) {
                self.error(Some(op.origin), "missing ')' after \"defined\"".into());
                ok = false;
            }
        }
        self.prevent_expansion -= 1;
        match name {
            Some(name) if ok => self.test_macro(&name),
            _ => {
                if name.is_none() || !ok {
                    self.error(
                        Some(op.origin),
                        "operator \"defined\" requires an identifier".into(),
                    );
                }
                false
            }
        }
    }

    /// Evaluates the line of an `#if`/`#elif`; errors count as false.
    pub(super) fn eval_if(&mut self, line: Vec<PpToken>, at: OriginId) -> bool {
        let tokens = self.expand_line(line, true);
        if tokens.is_empty() {
            self.error(Some(at), "#if with no expression".into());
            return false;
        }
        let mut parser = ExprParser {
            pp: self,
            tokens: &tokens,
            pos: 0,
            skip: 0,
        };
        let result = parser.expr().and_then(|v| {
            if let Some(tok) = parser.peek() {
                let text = parser.pp.text(&tok).to_owned();
                return Err(EvalError(
                    format!("missing binary operator before token \"{text}\""),
                    Some(tok.origin),
                ));
            }
            Ok(v)
        });
        match result {
            Ok(v) => v.is_true(),
            Err(EvalError(message, origin)) => {
                self.error(origin.or(Some(at)), message);
                false
            }
        }
    }
}

struct ExprParser<'p, 'a, 't> {
    pp: &'p mut Preprocessor<'a>,
    tokens: &'t [PpToken],
    pos: usize,
    /// >0 inside an operand that is not evaluated (`0 && x`, `1 || x`, `c ? x : y`).
    skip: u32,
}

/// Binary operators by precedence level (lowest first), after `?:`.
const LEVELS: &[&[&str]] = &[
    &["||"],
    &["&&"],
    &["|"],
    &["^"],
    &["&"],
    &["==", "!="],
    &["<", ">", "<=", ">="],
    &["<<", ">>"],
    &["+", "-"],
    &["*", "/", "%"],
];

impl ExprParser<'_, '_, '_> {
    fn c23_keywords(&self) -> bool {
        crate::syntax_kind::Dialect::new(self.pp.config.gcc_major, self.pp.config.c2x).c23
    }

    fn peek(&self) -> Option<PpToken> {
        self.tokens.get(self.pos).copied()
    }

    fn peek_punct(&self) -> Option<&str> {
        let tok = self.tokens.get(self.pos)?;
        (tok.kind == TokenKind::Punct).then(|| self.pp.punct(tok))
    }

    fn expect(&mut self, p: &str, message: &str) -> Eval<()> {
        if self.peek_punct() == Some(p) {
            self.pos += 1;
            return Ok(());
        }
        Err(EvalError(message.into(), self.peek().map(|t| t.origin)))
    }

    /// expression: conditional (`,` conditional)*
    fn expr(&mut self) -> Eval<Value> {
        let mut v = self.conditional()?;
        while self.peek_punct() == Some(",") {
            self.pos += 1;
            v = self.conditional()?;
        }
        Ok(v)
    }

    fn conditional(&mut self) -> Eval<Value> {
        let cond = self.binary(0)?;
        if self.peek_punct() != Some("?") {
            return Ok(cond);
        }
        self.pos += 1;
        let take_first = cond.is_true();
        let a = self.in_branch(take_first, Self::expr)?;
        self.expect(":", "'?' without following ':'")?;
        let b = self.in_branch(!take_first, Self::conditional)?;
        let unsigned = a.unsigned || b.unsigned;
        let v = if take_first { a } else { b };
        Ok(Value { unsigned, ..v })
    }

    fn in_branch(
        &mut self,
        evaluated: bool,
        f: impl FnOnce(&mut Self) -> Eval<Value>,
    ) -> Eval<Value> {
        if !evaluated {
            self.skip += 1;
        }
        let v = f(self);
        if !evaluated {
            self.skip -= 1;
        }
        v
    }

    fn binary(&mut self, level: usize) -> Eval<Value> {
        if level == LEVELS.len() {
            return self.unary();
        }
        let mut lhs = self.binary(level + 1)?;
        while let Some(op) = self.peek_punct().filter(|op| LEVELS[level].contains(op)) {
            let op = op.to_owned();
            let at = self.peek().map(|t| t.origin);
            self.pos += 1;
            let short = match op.as_str() {
                "&&" => !lhs.is_true(),
                "||" => lhs.is_true(),
                _ => false,
            };
            let rhs = self.in_branch(!short, |p| p.binary(level + 1))?;
            lhs = self.apply(&op, lhs, rhs, at)?;
        }
        Ok(lhs)
    }

    fn apply(&mut self, op: &str, a: Value, b: Value, at: Option<OriginId>) -> Eval<Value> {
        let unsigned = a.unsigned || b.unsigned;
        let arith = |bits: u64| Value { bits, unsigned };
        let cmp = |x: bool| Value::truth(x);
        let lt = if unsigned {
            a.bits < b.bits
        } else {
            a.as_i64() < b.as_i64()
        };
        let gt = if unsigned {
            a.bits > b.bits
        } else {
            a.as_i64() > b.as_i64()
        };
        Ok(match op {
            "||" => cmp(a.is_true() || b.is_true()),
            "&&" => cmp(a.is_true() && b.is_true()),
            "|" => arith(a.bits | b.bits),
            "^" => arith(a.bits ^ b.bits),
            "&" => arith(a.bits & b.bits),
            "==" => cmp(a.bits == b.bits),
            "!=" => cmp(a.bits != b.bits),
            "<" => cmp(lt),
            ">" => cmp(gt),
            "<=" => cmp(!gt),
            ">=" => cmp(!lt),
            "<<" => shift(a, b, true),
            ">>" => shift(a, b, false),
            "+" => arith(a.bits.wrapping_add(b.bits)),
            "-" => arith(a.bits.wrapping_sub(b.bits)),
            "*" => arith(a.bits.wrapping_mul(b.bits)),
            "/" | "%" => {
                if b.bits == 0 {
                    if self.skip > 0 {
                        return Ok(arith(0));
                    }
                    return Err(EvalError("division by zero in #if".into(), at));
                }
                let bits = match (op, unsigned) {
                    ("/", true) => a.bits / b.bits,
                    ("%", true) => a.bits % b.bits,
                    ("/", false) => a.as_i64().wrapping_div(b.as_i64()) as u64,
                    _ => a.as_i64().wrapping_rem(b.as_i64()) as u64,
                };
                arith(bits)
            }
            _ => unreachable!("operator tables and apply agree"),
        })
    }

    fn unary(&mut self) -> Eval<Value> {
        let Some(tok) = self.peek() else {
            return Err(EvalError("#if with no expression".into(), None));
        };
        let op = self.peek_punct().map(str::to_owned);
        match op.as_deref() {
            Some("+") | Some("-") | Some("~") | Some("!") => {
                self.pos += 1;
                let v = self.unary()?;
                Ok(match op.as_deref() {
                    Some("-") => Value {
                        bits: v.bits.wrapping_neg(),
                        ..v
                    },
                    Some("~") => Value { bits: !v.bits, ..v },
                    Some("!") => Value::truth(!v.is_true()),
                    _ => v,
                })
            }
            Some("(") => {
                self.pos += 1;
                if self.peek_punct() == Some(")") {
                    return Err(EvalError(
                        "missing expression between '(' and ')'".into(),
                        Some(tok.origin),
                    ));
                }
                let v = self.expr()?;
                self.expect(")", "missing ')' in expression")?;
                Ok(v)
            }
            _ => {
                self.pos += 1;
                self.primary(tok)
            }
        }
    }

    fn primary(&mut self, tok: PpToken) -> Eval<Value> {
        let text = self.pp.text(&tok).to_owned();
        match tok.kind {
            TokenKind::Number => {
                let (value, warning) =
                    parse_integer(&text).map_err(|m| EvalError(m, Some(tok.origin)))?;
                if let Some(warning) = warning {
                    self.pp.warning(Some(tok.origin), warning.into());
                }
                Ok(value)
            }
            TokenKind::CharLit => Ok(char_value(&text, self.pp.config.unsigned_char)),
            // C23's `true` is 1 in `#if` (gcc 13 and later in C2x modes); other identifiers
            // left after expansion are 0.
            TokenKind::Ident if text == "true" && self.c23_keywords() => Ok(Value::signed(1)),
            TokenKind::Ident => Ok(Value::signed(0)),
            _ if tok.has(flags::PRAGMA) => Ok(Value::signed(0)),
            _ => {
                let message = if tok.kind == TokenKind::Punct && [")", ":"].contains(&text.as_str())
                {
                    if text == ":" {
                        "':' without preceding '?'".to_owned()
                    } else {
                        "missing '(' in expression".to_owned()
                    }
                } else {
                    format!("token \"{text}\" is not valid in preprocessor expressions")
                };
                Err(EvalError(message, Some(tok.origin)))
            }
        }
    }
}

fn shift(a: Value, b: Value, left: bool) -> Value {
    // A negative count shifts the other way (cpplib).
    let (left, count) = if !b.unsigned && b.as_i64() < 0 {
        (!left, b.as_i64().unsigned_abs())
    } else {
        (left, b.bits)
    };
    let bits = if left {
        if count >= 64 { 0 } else { a.bits << count }
    } else if a.unsigned {
        if count >= 64 { 0 } else { a.bits >> count }
    } else if count >= 64 {
        if a.as_i64() < 0 { u64::MAX } else { 0 }
    } else {
        (a.as_i64() >> count) as u64
    };
    Value { bits, ..a }
}

/// An integer constant of `#if` (C11 6.4.4.1 plus GNU binary constants), and gcc's warning
/// about it if any.
fn parse_integer(text: &str) -> Result<(Value, Option<&'static str>), String> {
    // C23's digit separators (`1'000`) are in pp-numbers only in C2x modes.
    let lower = text.to_ascii_lowercase().replace('\'', "");
    let suffix_start = lower
        .char_indices()
        .rev()
        .take_while(|&(_, c)| matches!(c, 'u' | 'l'))
        .last()
        .map_or(lower.len(), |(i, _)| i);
    let (digits, suffix) = lower.split_at(suffix_start);
    let valid_suffix = matches!(suffix, "" | "u" | "l" | "ul" | "lu" | "ll" | "ull" | "llu");
    let (radix, body) = if let Some(hex) = digits.strip_prefix("0x") {
        (16, hex)
    } else if let Some(bin) = digits.strip_prefix("0b") {
        (2, bin)
    } else if digits.len() > 1 && digits.starts_with('0') {
        (8, &digits[1..])
    } else {
        (10, digits)
    };
    let is_float = radix != 16 && (digits.contains('.') || digits.contains('e'))
        || radix == 16 && digits.contains(['.', 'p']);
    if is_float {
        return Err("floating constant in preprocessor expression".into());
    }
    if !valid_suffix || body.is_empty() && radix != 8 {
        return Err(format!(
            "invalid suffix \"{}\" on integer constant",
            &text[digits.len().min(text.len())..]
        ));
    }
    let mut value: u64 = 0;
    let mut overflow = false;
    for c in body.chars() {
        let d = c
            .to_digit(radix)
            .ok_or_else(|| format!("invalid digit \"{c}\" in {} constant", radix_name(radix)))?;
        let exact = (value.checked_mul(radix as u64)).and_then(|v| v.checked_add(d as u64));
        overflow |= exact.is_none();
        value = value.wrapping_mul(radix as u64).wrapping_add(d as u64);
    }
    let explicitly_unsigned = suffix.contains('u');
    let unsigned = explicitly_unsigned || value > i64::MAX as u64;
    // cpplib's `cpp_interpret_integer`: digits beyond 64 bits are lost; a decimal constant
    // that only fits unsigned is unsigned.
    let warning = if overflow {
        Some("integer constant is too large for its type")
    } else if unsigned && !explicitly_unsigned && radix == 10 {
        Some("integer constant is so large that it is unsigned")
    } else {
        None
    };
    let value = Value {
        bits: value,
        unsigned,
    };
    Ok((value, warning))
}

fn radix_name(radix: u32) -> &'static str {
    match radix {
        8 => "octal",
        2 => "binary",
        16 => "hexadecimal",
        _ => "decimal",
    }
}

/// The value of a character constant in `#if`, as cpplib computes it (`int` width, `char`
/// signedness for plain constants).
fn char_value(text: &str, unsigned_char: bool) -> Value {
    let (prefix, body) = text.split_at(text.find('\'').unwrap_or(0));
    let body = body
        .trim_start_matches('\'')
        .strip_suffix('\'')
        .unwrap_or("");
    let chars = unescape(body);
    match prefix {
        "" => {
            let mut v: i64 = 0;
            for &c in &chars {
                v = (v << 8) | (c as i64 & 0xff);
            }
            if chars.len() == 1 && !unsigned_char {
                v = v as u8 as i8 as i64;
            } else {
                v = v as i32 as i64;
            }
            Value::signed(v)
        }
        "L" => Value::signed(chars.last().map_or(0, |&c| c as i32 as i64)),
        _ => Value {
            bits: chars.last().map_or(0, |&c| c as u64),
            unsigned: true,
        },
    }
}

/// Escape sequences of a character constant's body, as code units.
fn unescape(body: &str) -> Vec<u32> {
    let mut out = Vec::new();
    let mut chars = body.chars().peekable();
    while let Some(c) = chars.next() {
        if let Some(byte) = crate::text::raw_byte(c) {
            out.push(u32::from(byte));
            continue;
        }
        if c != '\\' {
            let mut buf = [0u8; 4];
            out.extend(c.encode_utf8(&mut buf).bytes().map(u32::from));
            continue;
        }
        let Some(e) = chars.next() else { break };
        let v = match e {
            'n' => 10,
            't' => 9,
            'r' => 13,
            'a' => 7,
            'b' => 8,
            'f' => 12,
            'v' => 11,
            'e' | 'E' => 27,
            'x' => {
                let mut v = 0u32;
                while let Some(d) = chars.peek().and_then(|c| c.to_digit(16)) {
                    v = v.wrapping_mul(16).wrapping_add(d);
                    chars.next();
                }
                v
            }
            '0'..='7' => {
                let mut v = e.to_digit(8).unwrap_or(0);
                for _ in 0..2 {
                    match chars.peek().and_then(|c| c.to_digit(8)) {
                        Some(d) => {
                            v = v * 8 + d;
                            chars.next();
                        }
                        None => break,
                    }
                }
                v
            }
            other => other as u32,
        };
        out.push(v);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers() {
        let value = |text| parse_integer(text).ok().map(|(v, _)| v);
        assert_eq!(value("0x10"), Some(Value::signed(16)));
        assert_eq!(value("010"), Some(Value::signed(8)));
        assert_eq!(value("0"), Some(Value::signed(0)));
        assert_eq!(value("0b101"), Some(Value::signed(5)));
        assert_eq!(value("1'000'000"), Some(Value::signed(1_000_000)));
        assert!(value("1u").is_some_and(|v| v.unsigned));
        assert!(value("18446744073709551615").is_some_and(|v| v.unsigned));
        assert!(parse_integer("1.0").is_err());
        assert!(parse_integer("1x").is_err());
    }

    #[test]
    fn characters() {
        assert_eq!(char_value("'a'", false), Value::signed(97));
        assert_eq!(char_value("'\\377'", false), Value::signed(-1));
        assert_eq!(char_value("'\\377'", true), Value::signed(255));
        assert_eq!(char_value("'ab'", false), Value::signed(0x6162));
    }
}
