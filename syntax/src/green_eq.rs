//! Comparing green trees by content, nodes that are one node found equal without looking
//! inside: rowan's own equality compares every node it reaches, and after an edit most of a
//! tree is the earlier tree's very nodes (a re-parse keeps the items before the edit).

use rowan::{GreenNodeData, NodeOrToken};

/// Whether two green nodes have the same kinds, texts and shape.
pub fn same_green(a: &GreenNodeData, b: &GreenNodeData) -> bool {
    if std::ptr::eq(a, b) {
        return true;
    }
    let (mine, theirs) = (a.children(), b.children());
    a.kind() == b.kind()
        && a.text_len() == b.text_len()
        && mine.len() == theirs.len()
        && mine.zip(theirs).all(|pair| match pair {
            (NodeOrToken::Node(a), NodeOrToken::Node(b)) => same_green(a, b),
            (NodeOrToken::Token(a), NodeOrToken::Token(b)) => a == b,
            _ => false,
        })
}
