//! `--explain`: the queries' account of every decision in the live patch, with the policy's
//! answers that decided each item, written as JSON or as a Graphviz graph.

use std::fmt::Write as _;

use queries::livepatch::{Decision, ExplainedKind, Explanation};
use serde_json::{Value, json};

use crate::cli::ExplainFormat;
use crate::policy::Answers;

/// The text of `--explain` in `format`.
pub fn render(explanation: &Explanation, answers: &Answers, format: ExplainFormat) -> String {
    match format {
        ExplainFormat::Json => json_text(explanation, answers),
        ExplainFormat::Dot => dot_text(explanation),
    }
}

/// `{"items": [{"name", "kind", "decision", "policy", "chain"}]}`, `policy` being the
/// answers about the item joined with `; ` (absent when none decided it).
fn json_text(explanation: &Explanation, answers: &Answers) -> String {
    let items: Vec<Value> = (explanation.items.iter())
        .map(|item| {
            let subject = item.path.as_deref().unwrap_or(&item.name);
            let policy = match item.kind {
                ExplainedKind::Function | ExplainedKind::Object | ExplainedKind::Header => {
                    answers.about(subject)
                }
                _ => Vec::new(),
            };
            let mut value = json!({
                "name": item.name,
                "kind": item.kind.as_str(),
                "decision": item.decision.as_str(),
                "chain": item.chain,
            });
            if !policy.is_empty()
                && let Value::Object(map) = &mut value
            {
                map.insert("policy".to_owned(), Value::String(policy.join("; ")));
            }
            value
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&json!({ "items": items }))
        .unwrap_or_else(|_| String::from("{\"items\": []}"));
    text.push('\n');
    text
}

/// A directed graph of the chains: an edge from each item to what it refers to on a
/// shortest chain; patched functions red, copied ones blue, externalized symbols green,
/// headers boxes.
fn dot_text(explanation: &Explanation) -> String {
    let mut text =
        String::from("digraph live_patch {\n  rankdir=LR;\n  node [fontname=\"monospace\"];\n");
    for item in &explanation.items {
        let (shape, color) = match (item.kind, item.decision) {
            (ExplainedKind::Header, _) => ("box", "gray50"),
            (ExplainedKind::Macro, _) => ("note", "gray50"),
            (_, Decision::Patched) => ("doubleoctagon", "red"),
            (_, Decision::Copied) => ("ellipse", "blue"),
            (_, Decision::Externalized) => ("ellipse", "darkgreen"),
            (_, Decision::Declared | Decision::Included) => ("ellipse", "gray50"),
            _ => ("ellipse", "black"),
        };
        let _ = writeln!(
            text,
            "  {} [label={}, shape={shape}, color={color}, fontcolor={color}];",
            quoted(&node_id(item.kind, &item.name)),
            quoted(&format!("{}\\n{}", item.name, item.decision.as_str())),
        );
    }
    // The edges name items; the kind of each end is the one the items list gives it.
    let kinds: std::collections::HashMap<&str, ExplainedKind> = (explanation.items.iter())
        .map(|item| (item.name.as_str(), item.kind))
        .collect();
    let id = |name: &str| {
        node_id(
            kinds.get(name).copied().unwrap_or(ExplainedKind::Type),
            name,
        )
    };
    for (from, to) in &explanation.edges {
        if kinds.contains_key(from.as_str()) && kinds.contains_key(to.as_str()) {
            let _ = writeln!(text, "  {} -> {};", quoted(&id(from)), quoted(&id(to)));
        }
    }
    text.push_str("}\n");
    text
}

/// A node's id: its kind and name (a function and a header may share a spelling).
fn node_id(kind: ExplainedKind, name: &str) -> String {
    format!("{}:{name}", kind.as_str())
}

/// `text` as a DOT quoted string (a `\n` already in it stays a line break).
fn quoted(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "\\\""))
}
