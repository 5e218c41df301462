//! Checks of constant folding: what klp-ccp reports when an operation on constants divides by
//! zero, overflows, or shifts too far.
//!
//! As klp-ccp finds these while folding constants, an operation is looked at only when all
//! its operands are integer constants: `1 / 0` is reported, `x / 0` is not. Where it stands
//! does not matter (the operand of `sizeof`, the arm of a `?:` not taken). An operation that
//! has no value (a division by zero, a shift too far) leaves the operations around it
//! non-constant and unreported, while one that overflows wraps and folding goes on:
//! `(1 << 31) - 1` is reported twice, `(1 / 0) / 0` once.

use syntax::ast::{AstNode, BinExpr, BinOp, CastExpr, Expr};

use crate::types::cx::TypeCx;
use crate::types::ty::TypeId;
use crate::types::value::{ConstValue, IntOp, IntValue};

impl TypeCx<'_> {
    /// Checks operation `e` (its operands were checked before).
    pub(super) fn check_constant_operation(&mut self, e: &Expr) {
        match e {
            Expr::Bin(bin) => self.check_constant_binary(e, bin),
            Expr::Cast(cast) => self.check_constant_cast(e, cast),
            _ => {}
        }
    }

    fn check_constant_binary(&mut self, e: &Expr, bin: &BinExpr) {
        let (Some(op), Some(lhs), Some(rhs)) = (bin.op(), bin.lhs(), bin.rhs()) else {
            return;
        };
        let (op, message) = match op {
            BinOp::Div | BinOp::Rem => return self.check_division(e, &lhs, &rhs),
            BinOp::Shl | BinOp::Shr => return self.check_shift(e, op == BinOp::Shl, &lhs, &rhs),
            BinOp::Add => (IntOp::Add, "integer overflow in addition"),
            BinOp::Sub => (IntOp::Sub, "integer overflow in subtraction"),
            BinOp::Mul => (IntOp::Mul, "integer overflow in multiplication"),
            _ => return,
        };
        self.check_overflow(e, op, message, &lhs, &rhs);
    }

    /// `a / 0` and `a % 0`, `a` constant too.
    fn check_division(&mut self, e: &Expr, lhs: &Expr, rhs: &Expr) {
        let Some(ty) = self.integer_type(e) else {
            return;
        };
        // The divisor first: it is rarely zero, and the dividend need not be evaluated then.
        if self.operand(rhs, ty).is_some_and(IntValue::is_zero) && self.operand(lhs, ty).is_some() {
            self.warn(e.syntax(), "division by zero");
        }
    }

    /// An addition, subtraction or multiplication whose result leaves its signed type.
    fn check_overflow(&mut self, e: &Expr, op: IntOp, message: &str, lhs: &Expr, rhs: &Expr) {
        let Some(ty) = self.integer_type(e) else {
            return;
        };
        let Some(a) = self.operand(lhs, ty) else {
            return;
        };
        if let Some(b) = self.operand(rhs, ty)
            && a.overflows(op, b)
        {
            self.warn(e.syntax(), message);
        }
    }

    /// A shift by a negative distance (an error, at the distance), by the width of the
    /// shifted type or more, or a left shift of a signed value whose result leaves the type.
    fn check_shift(&mut self, e: &Expr, left: bool, lhs: &Expr, rhs: &Expr) {
        let Some(ty) = self.integer_type(e) else {
            return;
        };
        let Some(value) = self.operand(lhs, ty) else {
            return;
        };
        // The distance keeps its own type: promoting it does not change its value.
        let Some(distance) = self.constant_int(rhs) else {
            return;
        };
        if distance.is_negative() {
            self.error(rhs.syntax(), "negative shift distance");
            return;
        }
        match u32::try_from(distance.as_u128()) {
            Ok(n) if n < value.kind().bits() => {
                if left && value.shl_overflows(n) {
                    self.warn(e.syntax(), "integer overflow in shift operation");
                }
            }
            _ => self.warn(e.syntax(), "shift distance exceeds integer width"),
        }
    }

    /// A cast of an integer literal to a signed integer type that cannot represent it. A
    /// conversion to an unsigned type is modular by definition. klp-ccp reports literals
    /// only: the kernel's casts of computed constants to signed types of the same width
    /// (`(long long)ULONG_MAX`, that is `(long long)(~0UL)`; `(int)-(unsigned int)1` in
    /// `this_cpu_dec` of an unsigned counter) are silent, as they were with klp-ccp.
    fn check_constant_cast(&mut self, e: &Expr, cast: &CastExpr) {
        let Some(kind) = self.integer_type(e).and_then(|ty| self.types.int_kind(ty)) else {
            return;
        };
        let Some(operand) = cast.expr().and_then(skip_parens) else {
            return;
        };
        if !self.types.is_signed(kind) || !matches!(operand, Expr::Literal(_)) {
            return;
        }
        if let Some(value) = self.constant_int(&operand)
            && !value.fits(kind, true)
        {
            self.warn(e.syntax(), "integer overflow in cast");
        }
    }

    /// The type of operation `e`, if an integer type.
    fn integer_type(&mut self, e: &Expr) -> Option<TypeId> {
        let ty = self.value_type(e).ok()?;
        self.types.is_integer(ty).then_some(ty)
    }

    /// The value of `e` converted to its operation's type `ty`, if an integer constant.
    fn operand(&mut self, e: &Expr, ty: TypeId) -> Option<IntValue> {
        let value = self.constant_int(e)?;
        match self.types.convert_value(ConstValue::Int(value), ty).ok()? {
            ConstValue::Int(v) => Some(v),
            _ => None,
        }
    }

    /// The value of `e`, if an integer constant (not an address, even one known as a
    /// number). Evaluation failing is the common case: most operands are not constant.
    fn constant_int(&mut self, e: &Expr) -> Option<IntValue> {
        match self.eval(e).ok()?.value {
            ConstValue::Int(v) => Some(v),
            ConstValue::Float(_) | ConstValue::Address(_) => None,
        }
    }
}

/// `e` without the parentheses around it.
fn skip_parens(e: Expr) -> Option<Expr> {
    match e {
        Expr::Paren(p) => p.expr().and_then(skip_parens),
        e => Some(e),
    }
}
