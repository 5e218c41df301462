//! Checks of the operands of operators other than assignment: indirection through pointers to
//! incomplete types, comparisons of pointers, casts between types that cannot convert.

use syntax::ast::Expr;

use crate::types::cx::TypeCx;

impl TypeCx<'_> {
    /// Checks the operands of operation `e`.
    pub(super) fn check_operands(&mut self, _e: &Expr) {}

    /// Checks the target of a computed `goto *target`.
    pub(in crate::types) fn check_goto_target(&mut self, _target: &Expr) {}
}
