//! Resolving one item against the finished file scope as that item sees it: a function
//! definition (the body query's), or any item on its own (what `types` resolves the
//! skeleton's definitions and its text snippets with).

use syntax::parser::Parse;
use syntax::syntax_kind::SyntaxKind::FUNCTION_DEF;
use syntax::syntax_kind::SyntaxNode;

use super::resolution::Resolution;
use super::symbols::{FileScope, ItemId};
use super::walk::{Outer, Walker};

/// The resolution of the definition `tree` (positions relative to its start), item `item` of
/// the TU whose file scope is `scope`.
pub(super) fn resolve_body(scope: &FileScope, item: ItemId, tree: &Parse) -> Resolution {
    resolve_item(scope, item, &tree.syntax_node())
}

/// The resolution of `node`, taken as item `item` of the TU whose file scope is `scope`
/// (positions relative to the node's start). A function definition is resolved as the body
/// query resolves it (declarator, parameters, body), whatever is left of its body; another
/// item as a whole, its file-scope declarations adding nothing to `scope`.
pub fn resolve_item(scope: &FileScope, item: ItemId, node: &SyntaxNode) -> Resolution {
    let mut walker = Walker::new(Outer::Frozen(scope));
    if let Some(root) = walker.enter_item(item, node, false) {
        if node.kind() == FUNCTION_DEF {
            walker.function(root);
        } else {
            walker.node(root);
        }
    }
    walker.finish()
}
