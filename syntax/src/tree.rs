//! Showing a syntax tree: an indented dump, one node or token a line, for tests and debugging.

use std::fmt::Write;

use rowan::WalkEvent;

use crate::syntax_kind::SyntaxNode;

/// `KIND@start..end` for nodes, `KIND@start..end "text"` for tokens, indented by depth (as
/// rust-analyzer's `debug_dump`).
pub fn debug_tree(node: &SyntaxNode) -> String {
    let mut out = String::new();
    let mut indent = 0usize;
    for event in node.preorder_with_tokens() {
        match event {
            WalkEvent::Enter(element) => {
                let range = element.text_range();
                let (start, end) = (u32::from(range.start()), u32::from(range.end()));
                let _ = write!(out, "{:indent$}{:?}@{start}..{end}", "", element.kind());
                if let Some(token) = element.as_token() {
                    let _ = write!(out, " {:?}", token.text());
                }
                out.push('\n');
                if element.as_node().is_some() {
                    indent += 2;
                }
            }
            WalkEvent::Leave(element) => {
                if element.as_node().is_some() {
                    indent = indent.saturating_sub(2);
                }
            }
        }
    }
    out
}
