//! gcc's diagnostics about constants as written, found token by token: gcc's lexer reads
//! every constant that reaches the compiler, wherever it stands (an operand not evaluated, an
//! attribute's argument), so the tree's tokens are looked at rather than the expressions
//! typed. A decimal integer constant so large that it is unsigned (a warning); a wide literal
//! holding a raw byte, which gcc cannot convert (an error).

use syntax::diagnostic::Severity;
use syntax::lexer::TokenKind;
use syntax::parse_tu::ParsedTu;
use syntax::pp::PreprocessedTu;

use super::error::{Span, TypeDiagnostic};
use super::literal::int_constant_warnings;

/// The shortest integer constant that can be warned about: 2^63 in decimal has 19 digits,
/// and a constant beyond 64 bits is longer still in any radix.
const SHORTEST_WARNED: usize = 19;

/// gcc's warning (a pedwarn) for an integer constant beyond 64 bits. klp-ccp repeats none of
/// gcc's warnings about such a constant (in C90 its low 64 bits may make a decimal one
/// "unsigned only in ISO C90" too): it reads it as gcc does (the low 64 bits, typed as they
/// need), so nothing it computes differs from gcc, and klp-ccp never reported it (the
/// conformance reference expects silence: gcc.dg/pr79788-1.c, -2.c). `#if` warns, as cpp
/// does.
const TOO_LARGE: &str = "integer constant is too large for its type";

/// The diagnostics about the TU's constants, in tree order, with their tree spans.
pub(super) fn literal_diagnostics(
    pp: &PreprocessedTu,
    parsed: &ParsedTu,
    c90: bool,
) -> Vec<TypeDiagnostic> {
    let mut found = Vec::new();
    let tree_tokens = parsed.pp_tokens.iter().zip(&parsed.token_starts);
    for (&pp_index, &start) in tree_tokens {
        let Some(token) = pp.tokens.get(pp_index as usize) else {
            continue; // trivia
        };
        let text = pp.spelling(token);
        let span = Span {
            start,
            end: start + text.len() as u32,
        };
        let diagnose = |(severity, message): (Severity, &str)| TypeDiagnostic {
            severity,
            message: message.to_owned(),
            span,
        };
        match token.kind {
            TokenKind::Number if text.len() >= SHORTEST_WARNED => {
                let warnings = int_constant_warnings(text, c90);
                if !warnings.contains(&TOO_LARGE) {
                    let warnings = warnings.into_iter();
                    found.extend(warnings.map(|message| diagnose((Severity::Warning, message))));
                }
            }
            TokenKind::StrLit | TokenKind::CharLit if raw_byte_in_wide(text) => {
                found.push(diagnose((Severity::Error, WIDE_RAW_BYTE)));
            }
            _ => {}
        }
    }
    found
}

/// gcc's error for a byte of the file that is not UTF-8 in a wide literal.
const WIDE_RAW_BYTE: &str =
    "converting to execution character set: Invalid or incomplete multibyte or wide character";

/// Whether a literal of a wide encoding (`L`, `u`, `U`; not `u8`) holds a raw byte.
fn raw_byte_in_wide(text: &str) -> bool {
    let wide = matches!(
        text.as_bytes(),
        [b'L' | b'U', ..] | [b'u', b'\'' | b'"', ..]
    );
    wide && text.chars().any(syntax::text::is_reserved)
}
