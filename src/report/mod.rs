//! Printing diagnostics: rendered by miette (`--message-format=human`, the default) or one line
//! each (`--message-format=short`), located through the token provenance.

mod window;

use std::fmt::Write as _;

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteDiagnostic};
use syntax::diagnostic::{Diagnostic, Place, Severity, severity_word, short_line};
use syntax::pp::PreprocessedTu;
use syntax::pp::provenance::{InclusionId, OriginId};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum MessageFormat {
    /// Rendered with the source line, the include stack and the macro expansions.
    Human,
    /// One line a diagnostic: `warning: FILE: line L, column C: MESSAGE`.
    Short,
}

/// Diagnostics printed at most, as gcc's `-fmax-errors`: after `max_errors` errors (0: no
/// limit) nothing more is printed, only counted.
#[derive(Debug, Clone, Copy)]
pub struct Limit {
    pub max_errors: usize,
}

/// Formats the diagnostics of a TU, up to `limit`.
pub fn render_all(
    tu: &PreprocessedTu,
    diagnostics: &[Diagnostic],
    format: MessageFormat,
    limit: Limit,
) -> String {
    let mut out = String::new();
    let mut errors = 0;
    for (index, diagnostic) in diagnostics.iter().enumerate() {
        if limit.max_errors != 0 && errors == limit.max_errors {
            out.push_str(&not_shown(&diagnostics[index..], limit));
            break;
        }
        match format {
            MessageFormat::Short => {
                out.push_str(&short_line(tu, diagnostic));
                out.push('\n');
            }
            MessageFormat::Human => out.push_str(&human_or_short(tu, diagnostic)),
        }
        errors += usize::from(diagnostic.is_error());
    }
    out
}

/// The note counting the diagnostics `rest` past the limit.
fn not_shown(rest: &[Diagnostic], limit: Limit) -> String {
    let errors = rest.iter().filter(|d| d.is_error()).count();
    let warnings = rest.len() - errors;
    let plural = |n: usize, what: &str| match n {
        1 => format!("1 {what}"),
        _ => format!("{n} {what}s"),
    };
    let counted = match (errors, warnings) {
        (_, 0) => plural(errors, "more error"),
        (0, _) => plural(warnings, "more warning"),
        _ => format!(
            "{} and {}",
            plural(errors, "more error"),
            plural(warnings, "warning")
        ),
    };
    format!(
        "note: {counted} not shown (--max-errors={}; 0 for no limit)\n",
        limit.max_errors
    )
}

/// A diagnostic rendered by miette; should miette panic nonetheless, in the short form.
fn human_or_short(tu: &PreprocessedTu, d: &Diagnostic) -> String {
    crate::crash::caught(|| human(tu, d)).unwrap_or_else(|| short_line(tu, d) + "\n")
}

fn human(tu: &PreprocessedTu, d: &Diagnostic) -> String {
    let mut diagnostic = MietteDiagnostic::new(d.message.clone()).with_severity(match d.severity {
        Severity::Error => miette::Severity::Error,
        Severity::Warning => miette::Severity::Warning,
    });
    let mut notes = String::new();
    let mut source = None;
    if let Some(origin) = d.origin {
        let place = Place::spanning(tu, origin, d.extent);
        let path = tu.provenance.file(place.file).path.display().to_string();
        let lexed = &tu.files[place.file.0 as usize];
        let range = (place.range.0 as usize, place.range.1 as usize);
        let (window, span) = window::window(path, lexed.original_text(), lexed, range);
        diagnostic = diagnostic.with_label(LabeledSpan::at(span, "here"));
        source = Some(window);
        expansion_notes(tu, origin, &mut notes);
    }
    include_notes(tu, d.inclusion, &mut notes);
    if !notes.is_empty() {
        diagnostic = diagnostic.with_help(notes.trim_end().to_owned());
    }
    let mut report = miette::Report::new(diagnostic);
    if let Some(source) = source {
        report = report.with_source_code(source);
    }
    let mut out = String::new();
    let handler = GraphicalReportHandler::new_themed(GraphicalTheme::unicode_nocolor());
    if handler.render_report(&mut out, report.as_ref()).is_err() {
        out = format!("{}: {}\n", severity_word(d.severity), d.message);
    }
    out
}

/// "in expansion of macro X at FILE:LINE:COL", innermost first.
fn expansion_notes(tu: &PreprocessedTu, origin: OriginId, notes: &mut String) {
    for expansion in tu.provenance.expansion_chain(origin) {
        let expansion = tu.provenance.expansion(expansion);
        let name = tu.interner.resolve(tu.macros.def(expansion.macro_id).name);
        // Where the invocation is written: in a file, or in the body of an outer macro.
        let Some((file, start, _)) = tu.provenance.spelling_location(expansion.name) else {
            continue;
        };
        let (line, column) = tu.files[file.0 as usize].line_col(start);
        let path = tu.provenance.file(file).path.display();
        let _ = writeln!(
            notes,
            "in expansion of macro \"{name}\" at {path}:{line}:{}",
            column + 1
        );
    }
}

/// "included from FILE:LINE", innermost first.
fn include_notes(tu: &PreprocessedTu, mut inclusion: Option<InclusionId>, notes: &mut String) {
    while let Some(id) = inclusion {
        let inc = &tu.provenance.inclusions[id.0 as usize];
        if let Some((file, start, _)) = inc.from {
            let (line, _) = tu.files[file.0 as usize].line_col(start);
            let path = tu.provenance.file(file).path.display();
            let _ = writeln!(notes, "included from {path}:{line}");
        }
        inclusion = inc.parent;
    }
}
