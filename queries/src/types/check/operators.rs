//! Checks of the operands of operators other than assignment: indirection through pointers to
//! incomplete types, comparisons of pointers, casts between types that cannot convert.

use syntax::ast::{AstNode, BinExpr, BinOp, CastExpr, Expr, PrefixExpr, PrefixOp};
use syntax::syntax_kind::{SyntaxKind, SyntaxNode};

use crate::types::cx::TypeCx;
use crate::types::ty::{TypeId, TypeKind};

impl TypeCx<'_> {
    /// Checks the operands of operation `e`.
    pub(super) fn check_operands(&mut self, e: &Expr) {
        match e {
            Expr::Prefix(p) if p.op() == Some(PrefixOp::Deref) => self.check_indirection(p),
            Expr::Bin(bin) => self.check_comparison(bin),
            Expr::Cast(cast) => self.check_cast(e, cast),
            _ => {}
        }
    }

    /// Checks the target of a computed `goto *target`.
    pub(in crate::types) fn check_goto_target(&mut self, target: &Expr) {
        if self
            .value_type(target)
            .is_ok_and(|ty| self.types.is_integer(ty))
        {
            self.warn(target.syntax(), "dereferencing integer at computed goto");
        }
    }

    /// `*p` with `p` a pointer to `void` or to an incomplete struct or union, reported at
    /// `p`. `&*p` is not: it designates no object (6.5.3.2p3).
    fn check_indirection(&mut self, p: &PrefixExpr) {
        let Some(operand) = p.operand() else {
            return;
        };
        if is_address_taken(p.syntax()) {
            return;
        }
        let Some(to) = self
            .value_type(&operand)
            .ok()
            .and_then(|ty| self.types.pointee(ty))
        else {
            return;
        };
        // gcc says nothing of `*p` for a `void *p` whose value is not used: under `sizeof`
        // (the kernel's `__is_constexpr`), `_Alignof` or `typeof`.
        let is_void = self.types.is_void(to);
        if is_void && in_unevaluated_operand(p.syntax()) {
            return;
        }
        let incomplete = (is_void || matches!(self.types.kind(to), TypeKind::Record(_)))
            && !self.types.is_complete(to);
        if incomplete {
            self.warn(operand.syntax(), "dereferencing pointer to incomplete type");
        }
    }

    /// A comparison of a pointer with an integer other than a null pointer constant, or of
    /// pointers to incompatible types.
    fn check_comparison(&mut self, bin: &BinExpr) {
        let equality = match bin.op() {
            Some(BinOp::Eq | BinOp::Ne) => true,
            Some(BinOp::Lt | BinOp::Gt | BinOp::Le | BinOp::Ge) => false,
            _ => return,
        };
        let (Some(lhs), Some(rhs)) = (bin.lhs(), bin.rhs()) else {
            return;
        };
        let (Ok(a), Ok(b)) = (self.value_type(&lhs), self.value_type(&rhs)) else {
            return;
        };
        match (self.types.pointee(a), self.types.pointee(b)) {
            (Some(x), Some(y)) => {
                let fine = self.pointees_compatible(x, y)
                    || (equality && self.compares_with_any_pointer(&lhs, &rhs, x, y));
                if !fine {
                    self.warn(
                        bin.syntax(),
                        "comparison between incompatible pointers without cast",
                    );
                }
            }
            (Some(_), None) => self.check_compared_integer(&rhs, b),
            (None, Some(_)) => self.check_compared_integer(&lhs, a),
            (None, None) => {}
        }
    }

    /// Whether one of two pointers compared for equality, `lhs` to `x` and `rhs` to `y`, is a
    /// `void *` or a null pointer constant: then any other pointer compares with it. Ordering
    /// wants compatible types all the same, as in gcc.
    fn compares_with_any_pointer(&mut self, lhs: &Expr, rhs: &Expr, x: TypeId, y: TypeId) -> bool {
        self.types.is_void(x)
            || self.types.is_void(y)
            || self.is_null_pointer_constant(lhs)
            || self.is_null_pointer_constant(rhs)
    }

    /// `integer`, of type `ty`, compared with a pointer: reported at the integer, unless it is
    /// a null pointer constant.
    fn check_compared_integer(&mut self, integer: &Expr, ty: TypeId) {
        if self.types.is_integer(ty) && !self.is_null_pointer_constant(integer) {
            self.warn(
                integer.syntax(),
                "pointer comparison against non-NULL integer",
            );
        }
    }

    /// A cast to a type other than `void` or a scalar (GNU's cast to a union among them),
    /// from a type that is no scalar, or between a pointer and a floating type (6.5.4p2-4).
    /// Vectors convert by gcc's rules, which are not checked.
    fn check_cast(&mut self, e: &Expr, cast: &CastExpr) {
        let Some(operand) = cast.expr() else {
            return;
        };
        let (Ok(to), Ok(from)) = (self.type_of(e), self.value_type(&operand)) else {
            return;
        };
        let to = to.ty;
        if self.types.is_void(to) || self.is_vector(to) || self.is_vector(from) {
            return;
        }
        let scalars = self.types.is_scalar(to) && self.types.is_scalar(from);
        let pointer_and_float = (self.types.is_pointer(to) && self.types.is_float(from))
            || (self.types.is_float(to) && self.types.is_pointer(from));
        if !scalars || pointer_and_float {
            self.warn(cast.syntax(), "invalid types in cast");
        }
    }

    fn is_vector(&self, ty: TypeId) -> bool {
        matches!(self.types.kind(ty), TypeKind::Vector { .. })
    }
}

/// Whether `node` lies in the operand of `sizeof`, `_Alignof` or `typeof`.
fn in_unevaluated_operand(node: &SyntaxNode) -> bool {
    node.ancestors().any(|n| {
        matches!(
            n.kind(),
            SyntaxKind::SIZEOF_EXPR | SyntaxKind::ALIGNOF_EXPR | SyntaxKind::TYPEOF_SPEC
        )
    })
}

/// Whether the expression `node` is the operand of a unary `&`, parentheses aside.
fn is_address_taken(node: &SyntaxNode) -> bool {
    node.ancestors()
        .skip(1)
        .find(|n| n.kind() != SyntaxKind::PAREN_EXPR)
        .and_then(PrefixExpr::cast)
        .is_some_and(|p| p.op() == Some(PrefixOp::AddrOf))
}
