//! Checks of implicit conversions as if by assignment (6.5.16.1): assignments, initializers,
//! arguments of calls to prototyped functions, and `return`.

use syntax::ast::{Expr, ReturnStmt};
use syntax::syntax_kind::SyntaxNode;

use crate::types::cx::TypeCx;
use crate::types::ty::TypeId;

impl TypeCx<'_> {
    /// Checks operation `e` (an assignment, a call) for its conversions.
    pub(super) fn check_conversion(&mut self, _e: &Expr) {}

    /// Checks a `return` statement against the function's return type (`self.return_type`).
    pub(in crate::types) fn check_return(&mut self, _r: &ReturnStmt) {}

    /// Checks the conversion of `source` to `target` as if by assignment, reporting at `at`.
    pub fn check_assignment(&mut self, _target: TypeId, _source: &Expr, _at: &SyntaxNode) {}
}
