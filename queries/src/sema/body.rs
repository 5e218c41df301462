//! Resolving one function definition against the file scope as its item sees it.

use syntax::parser::Parse;

use super::resolution::Resolution;
use super::symbols::{FileScope, ItemId};
use super::walk::{Outer, Walker};

/// The resolution of the definition `tree` (positions relative to its start), item `item` of
/// the TU whose file scope is `scope`.
pub(super) fn resolve_body(scope: &FileScope, item: ItemId, tree: &Parse) -> Resolution {
    let root = tree.syntax_node();
    let mut walker = Walker::new(Outer::Frozen(scope));
    if let Some(def) = walker.enter_item(item, &root, false) {
        walker.function(def);
    }
    walker.finish()
}
