//! A readable dump of a preprocessed TU's provenance, for tests and debugging: each output
//! token with the chain of places it came from, the include tree and the conditional groups.

use std::fmt::Write as _;

use super::PreprocessedTu;
use super::provenance::{Origin, OriginId};

/// `file:line:col` (1-based line, 0-based column) of a place in a file.
fn place(tu: &PreprocessedTu, file: super::provenance::FileId, offset: u32) -> String {
    let (line, col) = tu.files[file.0 as usize].line_col(offset);
    format!("{}:{line}:{col}", tu.provenance.file(file).path.display())
}

/// Where a token came from, outermost expansion last.
pub fn describe_origin(tu: &PreprocessedTu, origin: OriginId) -> String {
    let prov = &tu.provenance;
    let macro_name = |e: super::provenance::ExpansionId| {
        let exp = prov.expansion(e);
        let name = tu.interner.resolve(tu.macros.def(exp.macro_id).name);
        format!("{name}@{}", describe_origin(tu, exp.name))
    };
    match prov.origin(origin) {
        Origin::Source { file, start, .. } => place(tu, file, start),
        Origin::MacroBody { expansion, def } => {
            format!(
                "body({}) of {}",
                describe_origin(tu, def),
                macro_name(expansion)
            )
        }
        Origin::MacroArg {
            expansion,
            param,
            arg,
        } => {
            format!(
                "arg{param}({}) of {}",
                describe_origin(tu, arg),
                macro_name(expansion)
            )
        }
        Origin::Stringified {
            expansion, param, ..
        } => {
            format!("#arg{param} of {}", macro_name(expansion))
        }
        Origin::Pasted {
            expansion,
            lhs,
            rhs,
        } => format!(
            "paste({} ## {}) of {}",
            describe_origin(tu, lhs),
            describe_origin(tu, rhs),
            macro_name(expansion)
        ),
        Origin::Builtin { expansion } => format!("builtin {}", macro_name(expansion)),
    }
}

/// Every output token with its origin, then the includes and the conditional groups.
pub fn dump(tu: &PreprocessedTu) -> String {
    let mut out = String::new();
    for tok in &tu.tokens {
        let _ = writeln!(
            out,
            "{:<12} {}",
            tu.spelling(tok),
            describe_origin(tu, tok.origin)
        );
    }
    for inc in &tu.provenance.inclusions {
        let Some((file, start, _)) = inc.from else {
            continue;
        };
        let _ = writeln!(
            out,
            "include {} ({:?}) at {} -> {}",
            inc.spelling,
            inc.kind,
            place(tu, file, start),
            tu.provenance.file(inc.file).path.display()
        );
    }
    for group in &tu.provenance.conditionals {
        let file = tu.provenance.inclusions[group.inclusion.0 as usize].file;
        let _ = writeln!(
            out,
            "group at {} {}",
            place(tu, file, group.directive.0),
            if group.taken { "taken" } else { "skipped" }
        );
    }
    out
}
