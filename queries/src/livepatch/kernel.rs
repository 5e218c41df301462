//! What klp-ccp knows of the Linux kernel's ways, in one place: each rule named after the
//! construct it serves. The rest of live-patch creation is plain C; these are where the
//! kernel's macros make plain C rules give a wrong or useless live patch.
//!
//! Elsewhere, and said there: a macro invocation is copied with every item it makes
//! (`TRACE_EVENT`, `SYSCALL_DEFINE`: `items::ItemIndex::group_members`), and what the
//! initialized objects it makes besides refer to is the running kernel's (`closure::walk`,
//! company); the declarations of an entity are emitted up to its definition, not after
//! (`EXPORT_SYMBOL` after a definition would export the copy); `#define`s before an
//! `#include` the live patch keeps are all written (`pr_fmt` and the like are tested by the
//! header); command-line macros the copied code uses keep the TU's value (`KBUILD_MODNAME`:
//! `emit::directives`).

use crate::items::ItemView;
use crate::livepatch::oracle::Places;
use crate::sema::{Anchor, EntityId, FileScope};

/// `DO_ONCE`, `pr_warn_once`, `WARN_ONCE`: a block-scope `static` object that a macro's
/// expansion declares is the macro's business, not a symbol the user knows or the policy
/// can name: the copied function keeps its own.
pub fn macro_owns_local(places: &dyn Places, declared: Anchor) -> bool {
    places.made_by_macro(declared)
}

/// The kernel's `__always_inline` `extern inline` (gnu_inline) functions: always inlined,
/// their definitions never leave a reference to an external symbol, so they are copied as
/// they are (not made `static`). Recognized by the attribute's spelling in a declaration.
pub fn is_always_inlined_gnu_inline(
    scope: &FileScope,
    view: &ItemView<'_>,
    entity: EntityId,
) -> bool {
    let decls = &scope.entity(entity).decls;
    let gnu_inline = decls.iter().any(|&d| scope.decl(d).gnu_inline);
    gnu_inline
        && decls.iter().any(|&d| {
            view.node(scope.decl(d).at.item).is_some_and(|node| {
                node.descendants_with_tokens()
                    .filter_map(|e| e.into_token())
                    .any(|t| ALWAYS_INLINE.contains(&t.text()))
            })
        })
}

/// The spellings of gcc's `always_inline` attribute.
const ALWAYS_INLINE: [&str; 2] = ["always_inline", "__always_inline__"];
