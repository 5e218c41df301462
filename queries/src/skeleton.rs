//! The TU's tree with its function bodies emptied (`{}`): all that the file-scope walks (name
//! resolution's `file_items`, `file_types`) read. A TU is one tree, so any edit makes a new
//! one; but an edit inside a function body, the usual edit while tuning a live patch, leaves
//! the skeleton equal, and salsa then keeps the file scope's memos instead of walking the
//! thousands of items of the headers again.
//!
//! Items keep their places among the root's children (`ItemId`s are the same in both trees);
//! offsets inside an item are the same up to its body. Offsets the walks report (their
//! diagnostics) are the skeleton's: `real_offset` gives the tree's.

use std::sync::Arc;

use rowan::{GreenNode, GreenToken, NodeOrToken};
use syntax::green_eq::same_green;
use syntax::syntax_kind::{SyntaxKind, SyntaxNode};

use crate::db::SourceDb;
use crate::inputs::Tu;
use crate::parsing::parse;
use crate::sema::ItemId;

/// The TU's tree without what its function bodies hold.
#[derive(Debug, Clone)]
pub struct FileSkeleton {
    green: GreenNode,
    /// Where each item (root child) starts in the skeleton.
    starts: Vec<u32>,
}

/// Equal when every item is: an unchanged item is most often the very node of the earlier
/// tree (a re-parse keeps the items before an edit), or a definition made of its nodes.
impl PartialEq for FileSkeleton {
    fn eq(&self, other: &Self) -> bool {
        same_green(&self.green, &other.green)
    }
}

impl FileSkeleton {
    pub fn new(tree: &GreenNode) -> FileSkeleton {
        // One empty block, shared by every definition.
        let empty = empty_block();
        let items: Vec<_> = (tree.children())
            .map(|child| match child {
                NodeOrToken::Node(node) if node.kind() == SyntaxKind::FUNCTION_DEF.into() => {
                    NodeOrToken::Node(without_body(node, &empty))
                }
                _ => child.to_owned(),
            })
            .collect();
        let mut offset = 0u32;
        let starts = (items.iter())
            .map(|item| {
                let start = offset;
                offset += u32::from(item.text_len());
                start
            })
            .collect();
        FileSkeleton {
            green: GreenNode::new(tree.kind(), items),
            starts,
        }
    }

    pub fn syntax_node(&self) -> SyntaxNode {
        SyntaxNode::new_root(self.green.clone())
    }

    /// The offset in the tree of skeleton offset `offset`, given where each item starts in
    /// the tree.
    pub fn real_offset(&self, offset: u32, item_start: impl Fn(ItemId) -> Option<u32>) -> u32 {
        let item = self
            .starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1);
        let start = self.starts.get(item).copied().unwrap_or(0);
        let real = item_start(ItemId(item as u32)).unwrap_or(start);
        offset - start + real
    }
}

/// A function definition with `empty` (`{}`) for its body.
fn without_body(definition: &rowan::GreenNodeData, empty: &GreenNode) -> GreenNode {
    let children = (definition.children()).map(|child| match child {
        NodeOrToken::Node(node) if node.kind() == SyntaxKind::COMPOUND_STMT.into() => {
            NodeOrToken::Node(empty.clone())
        }
        _ => child.to_owned(),
    });
    GreenNode::new(definition.kind(), children)
}

fn empty_block() -> GreenNode {
    let brace =
        |kind: SyntaxKind, text: &str| NodeOrToken::Token(GreenToken::new(kind.into(), text));
    GreenNode::new(
        SyntaxKind::COMPOUND_STMT.into(),
        [
            brace(SyntaxKind::L_CURLY, "{"),
            brace(SyntaxKind::R_CURLY, "}"),
        ],
    )
}

/// The TU's skeleton. Compared with the last one, so that what reads it re-runs only when
/// something outside the function bodies changed.
#[salsa::tracked(returns(clone))]
pub fn file_skeleton(db: &dyn SourceDb, tu: Tu) -> Arc<FileSkeleton> {
    Arc::new(FileSkeleton::new(&parse(db, tu).parse.green))
}
