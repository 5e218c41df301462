//! Checks of initializers, of declarations and of compound literals: each expression checked
//! once, each scalar's conversion checked as if by assignment to it, and what klp-ccp reports
//! of how the initializer fits its object (items left over, a string longer than its array).

use syntax::ast::{AstNode, Expr, Initializer, Literal};
use syntax::diagnostic::Severity;
use syntax::syntax_kind::{SyntaxNode, WalkEvent};

use crate::types::cx::TypeCx;
use crate::types::error::Span;
use crate::types::init::{Excess, InitEvent};
use crate::types::ty::{ArrayLen, TypeId};

impl TypeCx<'_> {
    /// Checks the initializer of an object of type `ty`.
    pub fn check_initializer(&mut self, ty: TypeId, init: &Initializer) {
        self.check_init_exprs(init);
        for event in self.walk_initializer(ty, init).events {
            self.check_init_event(event);
        }
    }

    /// Checks how the braced list of operation `e`, when a compound literal, fits its type;
    /// `check_expr` checks its expressions, as parts of the expression holding the literal.
    pub(in crate::types) fn check_compound_literal(&mut self, e: &Expr) {
        let Expr::CompoundLiteral(lit) = e else {
            return;
        };
        let Some(list) = lit.init_list() else {
            return;
        };
        let Ok(typed) = self.type_of(e) else {
            return;
        };
        for event in self.walk_list(typed.ty, &list).events {
            self.check_init_event(event);
        }
    }

    /// Checks each expression of `init` that is no part of another, in order (the indices
    /// of designators too).
    fn check_init_exprs(&mut self, init: &Initializer) {
        let mut walk = init.syntax().preorder();
        while let Some(event) = walk.next() {
            if let WalkEvent::Enter(node) = event
                && let Some(e) = Expr::cast(node)
            {
                walk.skip_subtree();
                self.check_expr(&e);
            }
        }
    }

    fn check_init_event(&mut self, event: InitEvent) {
        match event {
            InitEvent::Expr { target, expr } => {
                self.check_assignment(target, &expr, expr.syntax());
            }
            InitEvent::String { array, lit } => self.check_string_init(array, &lit),
            InitEvent::Excess { what, first, last } => {
                self.warn_between(&first, &last, excess_message(what));
            }
        }
    }

    /// A string literal must fit its array, terminating null character included (C lets
    /// that one be dropped; klp-ccp reports it too).
    fn check_string_init(&mut self, array: TypeId, lit: &Literal) {
        let Some((_, ArrayLen::Known(len))) = self.types.array_elem(array) else {
            return;
        };
        if self.string_length(lit).is_some_and(|n| n > len) {
            self.warn(lit.syntax(), "excess characters in array initialization");
        }
    }

    /// Reports warning `message` about the code from node `first` to node `last` (items of
    /// one list).
    fn warn_between(&mut self, first: &SyntaxNode, last: &SyntaxNode, message: &str) {
        let span = Span {
            start: Span::of(first).start,
            end: Span::of(last).end,
        };
        self.diagnose_span(Severity::Warning, span, message);
    }
}

/// klp-ccp's words for items in excess (the misspelling is its own).
fn excess_message(what: Excess) -> &'static str {
    match what {
        Excess::Elements => "excess elements in intializer",
        Excess::Scalar => "invalid initialization of scalar type",
        Excess::ZeroLengthArray => "excess elements in initialization of zero length array",
        Excess::EmptyRecord => "excess elements initialization of empty struct/union",
    }
}
