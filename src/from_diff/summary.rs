//! What a `from-diff` run reports: a line per TU on stdout, and `summary.json` (per TU: its
//! status, the patched functions with their reasons, the functions new or changed in
//! headers, the symbols externalized, the headers included, the time taken).

use serde_json::{Value, json};

use super::tu::{Status, TuReport};

/// The TU's line: what it got, and why.
pub fn line(report: &TuReport) -> String {
    let tu = report.tu.display();
    let time = format!("{:.2} s", report.seconds);
    match &report.status {
        Status::Unaffected => format!("{tu}: not affected ({time})"),
        Status::Patched => {
            let functions: Vec<String> = (report.changes.patched.iter())
                .map(|p| format!("{} ({})", p.name, p.reasons.join("; ")))
                .collect();
            format!("{tu}: patched {} ({time})", functions.join(", "))
        }
        Status::NothingToPatch(why) => format!("{tu}: nothing to patch: {why} ({time})"),
        Status::Failed(why) => format!("{tu}: failed: {why} ({time})"),
    }
}

/// `summary.json`: the files the patches change, and the affected TUs (unaffected ones are
/// left out), in path order.
pub fn json(changed_files: &[String], reports: &[TuReport]) -> String {
    let tus: Vec<Value> = (reports.iter())
        .filter(|r| r.status != Status::Unaffected)
        .map(tu_json)
        .collect();
    let examined = reports.len();
    let value = json!({ "changed_files": changed_files, "tus": tus, "examined": examined });
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text
}

fn tu_json(report: &TuReport) -> Value {
    let (status, reason) = match &report.status {
        Status::Unaffected => ("unaffected", None),
        Status::Patched => ("patched", None),
        Status::NothingToPatch(why) => ("nothing-to-patch", Some(why.as_str())),
        Status::Failed(why) => ("failed", Some(why.as_str())),
    };
    let patched: Vec<Value> = (report.changes.patched.iter())
        .map(|p| json!({ "name": p.name, "reasons": p.reasons }))
        .collect();
    json!({
        "tu": report.tu.display().to_string(),
        "status": status,
        "reason": reason,
        "output": report.output.as_ref().map(|path| path.display().to_string()),
        "patched": patched,
        "new_functions": report.changes.new_functions,
        "changed_in_headers": report.changes.changed_in_headers,
        "externalized": report.externalized,
        "included": report.included,
        "seconds": (report.seconds * 1000.0).round() / 1000.0,
    })
}
