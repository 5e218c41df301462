//! The local scopes open where the walk stands: for each namespace and name, the innermost
//! visible local declaration. Changes are logged so that closing a scope restores what it hid,
//! which keeps a lookup to one index.

use super::resolution::{LocalId, Namespace, ScopeId};
use crate::names::NameId;

#[derive(Default)]
pub(super) struct LocalScopes {
    /// By namespace, then by name: the visible local.
    visible: [Vec<Option<LocalId>>; 3],
    /// Each binding made, with what it replaced.
    undo: Vec<(Namespace, NameId, Option<LocalId>)>,
    /// The open scopes, innermost last, with where their changes start in `undo`.
    open: Vec<(ScopeId, usize)>,
}

fn slot(namespace: Namespace) -> usize {
    match namespace {
        Namespace::Ordinary => 0,
        Namespace::Tag => 1,
        Namespace::Label => 2,
    }
}

impl LocalScopes {
    /// The innermost open scope; `None` at file scope.
    pub(super) fn current(&self) -> Option<ScopeId> {
        self.open.last().map(|&(id, _)| id)
    }

    pub(super) fn push(&mut self, scope: ScopeId) {
        self.open.push((scope, self.undo.len()));
    }

    pub(super) fn pop(&mut self) {
        let Some((_, mark)) = self.open.pop() else {
            return;
        };
        for (namespace, name, previous) in self.undo.drain(mark..).rev() {
            if let Some(entry) = self.visible[slot(namespace)].get_mut(name.0 as usize) {
                *entry = previous;
            }
        }
    }

    pub(super) fn lookup(&self, namespace: Namespace, name: NameId) -> Option<LocalId> {
        self.visible[slot(namespace)]
            .get(name.0 as usize)
            .copied()
            .flatten()
    }

    /// Makes `local` the visible declaration of `name` until the current scope closes.
    pub(super) fn bind(&mut self, namespace: Namespace, name: NameId, local: LocalId) {
        let table = &mut self.visible[slot(namespace)];
        let index = name.0 as usize;
        if index >= table.len() {
            table.resize(index + 1, None);
        }
        let previous = table[index].replace(local);
        self.undo.push((namespace, name, previous));
    }
}
