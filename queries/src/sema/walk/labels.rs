//! Labels: function-wide, so a `goto` may precede its label; `__label__` declares labels local
//! to a block (and to the statement expressions in it).

use rustc_hash::FxHashMap;
use syntax::syntax_kind::SyntaxKind::*;

use super::Walker;
use crate::names::NameId;
use crate::sema::flat::Node;
use crate::sema::resolution::{Local, LocalId, LocalKind, Namespace, Target};
use crate::sema::symbols::Anchor;

/// The labels of the function being walked.
#[derive(Default)]
pub(super) struct LabelContext {
    /// The function-wide labels defined so far.
    defined: FxHashMap<NameId, LocalId>,
    /// Uses of labels not defined when met: the use's index and the label's name.
    pending: Vec<(usize, NameId)>,
}

impl Walker<'_, '_> {
    /// `name: statement`.
    pub(super) fn labeled_stmt(&mut self, node: Node) {
        if let Some(label) = self.flat.child_of_kind(node, NAME) {
            let name = self.res.names.intern(self.flat.text(label));
            let at = self.anchor(label);
            match self.scopes.lookup(Namespace::Label, name) {
                Some(declared) => {
                    self.add_local(Local {
                        name,
                        at,
                        scope: self.scopes.current(),
                        kind: LocalKind::Label { declared: false },
                        previous: Some(declared),
                    });
                }
                None => self.define_function_label(name, at),
            }
        }
        self.children(node);
    }

    fn define_function_label(&mut self, name: NameId, at: Anchor) {
        let previous = self.labels.defined.get(&name).copied();
        let id = self.add_local(Local {
            name,
            at,
            scope: None,
            kind: LocalKind::Label { declared: false },
            previous,
        });
        self.labels.defined.entry(name).or_insert(id);
    }

    /// `__label__ a, b;`.
    pub(super) fn label_decl(&mut self, node: Node) {
        self.each_child(node, |walker, child| {
            if walker.flat.kind(child) == NAME {
                let kind = LocalKind::Label { declared: true };
                walker.declare_local(Namespace::Label, child, kind);
            }
        });
    }

    /// `goto name`, `&&name`, and the labels of `asm goto`; a computed `goto *e` walks `e`.
    pub(super) fn label_uses(&mut self, node: Node) {
        self.each_child(node, |walker, child| {
            if walker.flat.kind(child) == NAME_REF {
                walker.label_use(child);
            } else {
                walker.node(child);
            }
        });
    }

    fn label_use(&mut self, node: Node) {
        let name = self.res.names.intern(self.flat.text(node));
        match self.scopes.lookup(Namespace::Label, name) {
            Some(local) => {
                self.record(node, Namespace::Label, Target::Local(local));
            }
            None => {
                let index = self.record(node, Namespace::Label, Target::Undeclared);
                self.labels.pending.push((index, name));
            }
        }
    }

    /// Resolves the uses of function-wide labels once the whole function is seen.
    pub(super) fn finish_labels(&mut self) {
        for (index, name) in std::mem::take(&mut self.labels.pending) {
            if let (Some(&label), Some(u)) =
                (self.labels.defined.get(&name), self.res.uses.get_mut(index))
            {
                u.target = Target::Local(label);
            }
        }
    }
}
