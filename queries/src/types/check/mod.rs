//! klp-ccp's checks of expressions: after typing, each operation is looked at for what klp-ccp
//! reports (a division by zero, a constant that overflows its cast, an assignment between
//! incompatible pointers, a call with the wrong number of arguments, ...).
//!
//! `check_expr` visits a full expression's operations, operands before operators, and hands
//! each to the checks of its kind: `constants` (constant folding), `conversions` (assignment,
//! initialization, argument passing and return), `operators` (operands of the other
//! operators). Statement expressions are not entered: their statements are checked as
//! statements, in their own scope, by whoever walks the function body.

mod constants;
mod conversions;
mod initializers;
mod operators;
mod pointers;

use syntax::ast::{AstNode, Expr};
use syntax::syntax_kind::{SyntaxKind, WalkEvent};

use super::cx::TypeCx;

impl TypeCx<'_> {
    /// Checks every operation of the full expression `e`.
    pub fn check_expr(&mut self, e: &Expr) {
        // Types every operation (memoized: the checks read the types of operands from it).
        if let Err(error) = self.type_of(e) {
            self.report(error.or_at(e.syntax()));
        }
        let mut walk = e.syntax().preorder();
        while let Some(event) = walk.next() {
            match event {
                WalkEvent::Enter(node) => match node.kind() {
                    // A type name's array sizes are checked when the type is made.
                    SyntaxKind::TYPE_NAME => walk.skip_subtree(),
                    // Typing a statement expression walks its statements.
                    SyntaxKind::STMT_EXPR => {
                        walk.skip_subtree();
                        if let Some(e) = Expr::cast(node) {
                            let _ = self.type_of(&e);
                        }
                    }
                    _ => {}
                },
                WalkEvent::Leave(node) => {
                    if let Some(e) = Expr::cast(node) {
                        // Operands no operation needs typed (the arguments matching a `...`)
                        // are typed too: what they do to their types (`p->member`) counts.
                        let _ = self.type_of(&e);
                        self.check_operation(&e);
                    }
                }
            }
        }
    }

    fn check_operation(&mut self, e: &Expr) {
        self.check_constant_operation(e);
        self.check_conversion(e);
        self.check_compound_literal(e);
        self.check_operands(e);
    }
}
