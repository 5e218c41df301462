//! How the live patch changed between two runs, in terms of its items: `+copied
//! wp_page_copy`, `-externalized vm_normal_page`, `+#include <linux/mm.h>`; compared from the
//! explanations (the plan's fates, the tags and types defined, the macros and headers) of the
//! two live patches.

use std::collections::BTreeMap;

use queries::livepatch::{Decision, Explained, ExplainedKind, Explanation};

/// The most changes a line lists; the rest are counted.
const MAX_LISTED: usize = 12;

/// Whether the live patch's text holds the item (or its `#include`): what an included
/// header brings along is the header's change, not a line of its own.
fn written(item: &Explained) -> bool {
    item.kind == ExplainedKind::Header || item.decision != Decision::Included
}

/// One item as the summary names it (`copied wp_page_copy`), in the explanation's order.
fn entries(explanation: &Explanation) -> BTreeMap<(ExplainedKind, String), (usize, String)> {
    (explanation.items.iter().enumerate())
        .filter(|(_, item)| written(item))
        .map(|(n, item)| {
            let words = match (item.kind, item.decision) {
                (ExplainedKind::Header, _) => format!("#include {}", item.name),
                (ExplainedKind::Macro, _) => format!("#define {}", item.name),
                (ExplainedKind::Type, _) => format!("typedef {}", item.name),
                (ExplainedKind::Tag, Decision::Defined) => item.name.clone(),
                (_, decision) => format!("{} {}", decision.as_str(), item.name),
            };
            ((item.kind, item.name.clone()), (n, words))
        })
        .collect()
}

/// The changes from `before` to `after`: removals first, then additions, each in the order
/// of its explanation; at most `MAX_LISTED`, then how many more. Empty when the items are
/// the same.
pub fn item_changes(before: &Explanation, after: &Explanation) -> String {
    let old = entries(before);
    let new = entries(after);
    let mut removed: Vec<&(usize, String)> = (old.iter())
        .filter(|(key, entry)| new.get(*key).is_none_or(|e| e.1 != entry.1))
        .map(|(_, entry)| entry)
        .collect();
    let mut added: Vec<&(usize, String)> = (new.iter())
        .filter(|(key, entry)| old.get(*key).is_none_or(|e| e.1 != entry.1))
        .map(|(_, entry)| entry)
        .collect();
    removed.sort();
    added.sort();
    let changes: Vec<String> = (removed.iter().map(|(_, words)| format!("-{words}")))
        .chain(added.iter().map(|(_, words)| format!("+{words}")))
        .collect();
    let mut text = changes
        .iter()
        .take(MAX_LISTED)
        .cloned()
        .collect::<Vec<_>>()
        .join(" ");
    if changes.len() > MAX_LISTED {
        text.push_str(&format!(" (and {} more)", changes.len() - MAX_LISTED));
    }
    text
}

/// How many items of each decision, for the first run's line: `1 patched, 3 copied, ...`.
pub fn counts(explanation: &Explanation) -> String {
    let mut counts: BTreeMap<Decision, usize> = BTreeMap::new();
    for item in explanation.items.iter().filter(|item| written(item)) {
        if matches!(item.kind, ExplainedKind::Function | ExplainedKind::Object)
            || item.kind == ExplainedKind::Header
        {
            *counts.entry(item.decision).or_default() += 1;
        }
    }
    let parts: Vec<String> = (counts.iter())
        .map(|(decision, n)| format!("{n} {}", decision.as_str()))
        .collect();
    parts.join(", ")
}

#[cfg(test)]
mod tests {
    use super::item_changes;
    use queries::livepatch::{Decision, Explained, ExplainedKind, Explanation};

    fn item(name: &str, kind: ExplainedKind, decision: Decision) -> Explained {
        Explained {
            name: name.to_owned(),
            kind,
            decision,
            path: None,
            chain: Vec::new(),
        }
    }

    #[test]
    fn changes_name_what_came_and_went() {
        let before = Explanation {
            items: vec![
                item("do_wp_page", ExplainedKind::Function, Decision::Patched),
                item(
                    "vm_normal_page",
                    ExplainedKind::Function,
                    Decision::Externalized,
                ),
            ],
            edges: Vec::new(),
        };
        let after = Explanation {
            items: vec![
                item("do_wp_page", ExplainedKind::Function, Decision::Patched),
                item("wp_page_copy", ExplainedKind::Function, Decision::Copied),
                item("<linux/mm.h>", ExplainedKind::Header, Decision::Included),
                // Brought by the header's `#include`: not a change of its own.
                item("page_to_nid", ExplainedKind::Function, Decision::Included),
            ],
            edges: Vec::new(),
        };
        assert_eq!(
            item_changes(&before, &after),
            "-externalized vm_normal_page +copied wp_page_copy +#include <linux/mm.h>"
        );
        assert_eq!(item_changes(&after, &after), "");
    }
}
