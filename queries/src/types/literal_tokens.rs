//! gcc's diagnostics about constants as written, found token by token: gcc's lexer reads
//! every constant that reaches the compiler, wherever it stands (an operand not evaluated, an
//! attribute's argument), so the tree's tokens are looked at rather than the expressions
//! typed. An integer constant too large for its type, or so large that it is unsigned (a
//! warning); a wide literal holding a raw byte, which gcc cannot convert (an error).

use syntax::diagnostic::Severity;
use syntax::lexer::TokenKind;
use syntax::parse_tu::ParsedTu;
use syntax::pp::PreprocessedTu;

use super::error::{Span, TypeDiagnostic};
use super::literal::int_constant_warnings;

/// The shortest integer constant that can be warned about: 2^63 in decimal has 19 digits,
/// and a constant beyond 64 bits is longer still in any radix.
const SHORTEST_WARNED: usize = 19;

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
            TokenKind::Number if text.len() >= SHORTEST_WARNED => found.extend(
                (int_constant_warnings(text, c90).into_iter())
                    .map(|message| diagnose((Severity::Warning, message))),
            ),
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
