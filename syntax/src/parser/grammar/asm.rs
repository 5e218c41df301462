//! GNU asm statements (and file-scope asm): qualifiers, template, outputs, inputs (operands
//! with optional `[name]`), clobbers and goto labels.

use super::super::state::Parser;
use super::{expressions, name, name_ref_or_error, primary, skip_to_end_of_statement};
use crate::syntax_kind::SyntaxKind::{self, *};

/// The sections after the template, in order, each introduced by a `:`.
const SECTIONS: [SyntaxKind; 4] = [ASM_OUTPUTS, ASM_INPUTS, ASM_CLOBBERS, ASM_LABELS];

pub(super) fn asm_stmt(p: &mut Parser<'_>) {
    let m = p.start();
    p.bump_any();
    while matches!(p.current(), VOLATILE_KW | INLINE_KW | GOTO_KW) {
        p.bump_any();
    }
    if !p.expect(L_PAREN) {
        skip_to_end_of_statement(p);
        m.complete(p, ASM_STMT);
        return;
    }
    primary::string_literal_or_error(p);
    for kind in SECTIONS {
        if !p.at(COLON) {
            break;
        }
        section(p, kind);
    }
    p.expect(R_PAREN);
    p.expect(SEMICOLON);
    m.complete(p, ASM_STMT);
}

fn section(p: &mut Parser<'_>, kind: SyntaxKind) {
    let m = p.start();
    p.bump_any();
    if !p.at(COLON) && !p.at(R_PAREN) {
        loop {
            match kind {
                ASM_CLOBBERS => primary::string_literal_or_error(p),
                ASM_LABELS => name_ref_or_error(p),
                _ => operand(p),
            }
            if !p.eat(COMMA) {
                break;
            }
        }
    }
    m.complete(p, kind);
}

/// `[name] "constraint" (expr)`.
fn operand(p: &mut Parser<'_>) {
    let m = p.start();
    if p.eat(L_BRACK) {
        if name(p).is_none() {
            p.error_expected("identifier");
        }
        p.expect(R_BRACK);
    }
    primary::string_literal_or_error(p);
    if p.expect(L_PAREN) {
        expressions::expr(p);
        p.expect(R_PAREN);
    }
    m.complete(p, ASM_OPERAND);
}
