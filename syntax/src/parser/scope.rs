//! Which identifiers are typedef names where the parser stands (the C "lexer hack").
//!
//! C's grammar needs to know whether `T` in `T * x;` names a type. Scopes follow C11 6.2.1:
//! file scope, blocks, and function prototype scopes (whose declarations a function definition's
//! body sees again). An ordinary declaration of a name in an inner scope hides a typedef of the
//! same name until the scope ends. Only changes are recorded: declaring an ordinary identifier
//! that is no typedef name changes nothing, which keeps the common case to one hash lookup.

use rustc_hash::FxHashMap;

/// The declarations one prototype scope made that matter: replayed in the function's body.
pub(crate) type SavedScope<'t> = Vec<(&'t str, bool)>;

pub(crate) struct Scopes<'t> {
    /// Whether a name currently declared in some visible scope is a typedef name (`false`: an
    /// ordinary identifier hiding an outer typedef).
    typedef: FxHashMap<&'t str, bool>,
    /// Undo log: each change with the previous state, so that closing a scope restores it.
    undo: Vec<(&'t str, Option<bool>)>,
    /// Where each open scope's changes start in `undo`.
    marks: Vec<usize>,
}

impl<'t> Scopes<'t> {
    pub(crate) fn new() -> Scopes<'t> {
        let typedef = crate::gcc::BUILTIN_TYPEDEFS
            .iter()
            .map(|&name| (name, true))
            .collect();
        Scopes {
            typedef,
            undo: Vec::new(),
            marks: Vec::new(),
        }
    }

    pub(crate) fn is_typedef(&self, name: &str) -> bool {
        self.typedef.get(name).copied().unwrap_or(false)
    }

    /// Declares `name` in the innermost scope, as a typedef name or as an ordinary identifier.
    /// Returns whether that changed the file scope (what a parse resuming later must redo).
    pub(crate) fn declare(&mut self, name: &'t str, typedef: bool) -> bool {
        if self.is_typedef(name) == typedef {
            return false;
        }
        let previous = self.typedef.insert(name, typedef);
        if self.marks.is_empty() {
            return true;
        }
        self.undo.push((name, previous));
        false
    }

    pub(crate) fn push(&mut self) {
        self.marks.push(self.undo.len());
    }

    pub(crate) fn pop(&mut self) {
        let Some(mark) = self.marks.pop() else { return };
        while self.undo.len() > mark {
            let Some((name, previous)) = self.undo.pop() else {
                break;
            };
            match previous {
                Some(state) => self.typedef.insert(name, state),
                None => self.typedef.remove(name),
            };
        }
    }

    /// Closes the innermost scope, returning the declarations it made that change typedef-ness.
    pub(crate) fn pop_saving(&mut self) -> SavedScope<'t> {
        let mark = self.marks.last().copied().unwrap_or(self.undo.len());
        let saved = self
            .undo
            .get(mark..)
            .unwrap_or_default()
            .iter()
            .map(|&(name, _)| (name, self.is_typedef(name)))
            .collect();
        self.pop();
        saved
    }

    /// Redeclares what a closed scope declared (a prototype scope, in its function's body).
    pub(crate) fn replay(&mut self, saved: &[(&'t str, bool)]) {
        for &(name, typedef) in saved {
            self.declare(name, typedef);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inner_ordinary_declaration_hides_typedef() {
        let mut s = Scopes::new();
        s.declare("T", true);
        s.push();
        s.declare("T", false);
        assert!(!s.is_typedef("T"));
        s.push();
        s.declare("T", true);
        assert!(s.is_typedef("T"));
        s.pop();
        assert!(!s.is_typedef("T"));
        s.pop();
        assert!(s.is_typedef("T"));
    }

    #[test]
    fn prototype_scope_is_replayed() {
        let mut s = Scopes::new();
        s.declare("T", true);
        s.push();
        s.declare("T", false);
        s.declare("x", false);
        let saved = s.pop_saving();
        assert_eq!(saved, vec![("T", false)]);
        assert!(s.is_typedef("T"));
        s.push();
        s.replay(&saved);
        assert!(!s.is_typedef("T"));
        assert!(s.is_typedef("__builtin_va_list"));
    }
}
