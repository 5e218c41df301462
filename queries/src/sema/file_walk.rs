//! The walk over the TU's top-level items outside function bodies: it builds the file scope
//! and resolves the uses in those items (initializers, array sizes, enumerator values,
//! function definitions' specifiers, prototypes).

use syntax::syntax_kind::SyntaxKind::FUNCTION_DEF;
use syntax::syntax_kind::SyntaxNode;

use super::linkage::FileScopeBuilder;
use super::resolution::Resolution;
use super::symbols::{FileScope, InlineMode, ItemId};
use super::walk::{Outer, Walker};

/// The file scope of the TU rooted at `root`, and the resolution of its items outside bodies.
pub fn walk_file(root: &SyntaxNode, inline_mode: InlineMode) -> (FileScope, Resolution) {
    let items: Vec<SyntaxNode> = root.children().collect();
    let mut builder = FileScopeBuilder::new(inline_mode);
    let mut walker = Walker::new(Outer::Building(&mut builder));
    for node in &items {
        // Items are numbered among all the root's children, tokens included, as the green
        // tree indexes them.
        let item = ItemId(node.index() as u32);
        let definition = node.kind() == FUNCTION_DEF;
        let Some(root) = walker.enter_item(item, node, definition) else {
            continue;
        };
        if definition {
            walker.function_signature(root);
        } else {
            walker.node(root);
        }
    }
    let resolution = walker.finish();
    (builder.finish(), resolution)
}
