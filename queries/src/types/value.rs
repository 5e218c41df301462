//! Constant values and integer arithmetic in the target's widths: a value is its bits in the
//! width of its type, and operations wrap (or fail) as gcc's constant folding does.

use super::error::{TypeError, TypeResult};
use super::ty::IntKind;

// Floating constants compare as `f64`: a NaN differs from itself, which only makes salsa
// re-run what depends on it.
impl Eq for ConstValue {}

/// An integer of a given type, kept as its bits zero-extended to 128.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct IntValue {
    kind: IntKind,
    signed: bool,
    bits: u128,
}

/// The value of a constant expression.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ConstValue {
    Int(IntValue),
    Float(f64),
    /// A pointer whose value is a known address: a null pointer, or `&((T *)0)->m` as the
    /// old `offsetof` idiom writes it.
    Address(u64),
}

fn mask(bits: u32) -> u128 {
    if bits >= 128 {
        u128::MAX
    } else {
        (1u128 << bits) - 1
    }
}

impl IntValue {
    /// `value` (two's complement, any width) converted to `kind`.
    pub fn new(kind: IntKind, signed: bool, value: u128) -> IntValue {
        let bits = if kind == IntKind::Bool {
            u128::from(value != 0)
        } else {
            value & mask(kind.bits())
        };
        IntValue { kind, signed, bits }
    }

    pub fn from_i128(kind: IntKind, signed: bool, value: i128) -> IntValue {
        IntValue::new(kind, signed, value as u128)
    }

    pub fn kind(self) -> IntKind {
        self.kind
    }

    pub fn is_signed(self) -> bool {
        self.signed
    }

    /// The value, sign-extended for signed types.
    pub fn as_i128(self) -> i128 {
        let width = self.kind.bits();
        if self.signed && width < 128 && self.bits >> (width - 1) & 1 == 1 {
            (self.bits | !mask(width)) as i128
        } else {
            self.bits as i128
        }
    }

    /// The bits as an unsigned number (a negative value's two's complement in its width).
    pub fn as_u128(self) -> u128 {
        self.bits
    }

    pub fn is_zero(self) -> bool {
        self.bits == 0
    }

    pub fn is_negative(self) -> bool {
        self.signed && self.as_i128() < 0
    }

    /// The value as a count (array length, bit width, alignment): `None` if negative or huge.
    pub fn to_u64(self) -> Option<u64> {
        if self.is_negative() {
            return None;
        }
        u64::try_from(self.bits).ok()
    }

    /// Converts to another integer type (6.3.1.3, with gcc's modular conversion to signed).
    pub fn convert(self, kind: IntKind, signed: bool) -> IntValue {
        let extended = if self.is_negative() {
            self.as_i128() as u128
        } else {
            self.bits
        };
        IntValue::new(kind, signed, extended)
    }

    /// Whether the mathematical value is representable in `kind`.
    pub fn fits(self, kind: IntKind, signed: bool) -> bool {
        self.convert(kind, signed).same_number(self)
    }

    /// Whether both stand for the same mathematical integer.
    fn same_number(self, other: IntValue) -> bool {
        match (self.is_negative(), other.is_negative()) {
            (true, true) => self.as_i128() == other.as_i128(),
            (false, false) => self.bits == other.bits,
            _ => false,
        }
    }

    /// gcc's `tree_int_cst_min_precision`: the bits needed to hold the value as signed
    /// (`signed`) or unsigned.
    pub fn min_precision(self, signed: bool) -> u32 {
        let magnitude = if self.is_negative() {
            !(self.as_i128() as u128)
        } else {
            self.bits
        };
        let bits = 128 - magnitude.leading_zeros();
        if signed { bits + 1 } else { bits.max(1) }
    }

    /// Compares as numbers (both operands in one type after the usual conversions).
    pub fn less_than(self, other: IntValue) -> bool {
        if self.signed {
            self.as_i128() < other.as_i128()
        } else {
            self.bits < other.bits
        }
    }

    /// `self op other`, both of this value's type (converted by the caller).
    pub fn arith(self, op: IntOp, other: IntValue) -> TypeResult<IntValue> {
        let (a, b) = (self.bits, other.bits);
        let value = match op {
            IntOp::Add => a.wrapping_add(b),
            IntOp::Sub => a.wrapping_sub(b),
            IntOp::Mul => a.wrapping_mul(b),
            IntOp::Div | IntOp::Rem => return self.divide(op, other),
            IntOp::And => a & b,
            IntOp::Or => a | b,
            IntOp::Xor => a ^ b,
        };
        Ok(IntValue::new(self.kind, self.signed, value))
    }

    fn divide(self, op: IntOp, other: IntValue) -> TypeResult<IntValue> {
        if other.is_zero() {
            return Err(TypeError::new("division by zero in a constant expression"));
        }
        let value = if self.signed {
            let (a, b) = (self.as_i128(), other.as_i128());
            let r = if op == IntOp::Div {
                a.wrapping_div(b)
            } else {
                a.wrapping_rem(b)
            };
            r as u128
        } else if op == IntOp::Div {
            self.bits / other.bits
        } else {
            self.bits % other.bits
        };
        Ok(IntValue::new(self.kind, self.signed, value))
    }

    /// `self << count` or `self >> count` (arithmetic for signed values); a count outside
    /// the width is an error, as gcc refuses it in constant expressions.
    pub fn shift(self, left: bool, count: IntValue) -> TypeResult<IntValue> {
        let width = self.kind.bits();
        let n = match count.to_u64() {
            Some(n) if n < u64::from(width) => n as u32,
            _ => return Err(TypeError::new("shift count out of range")),
        };
        let value = if left {
            self.bits << n
        } else if self.signed {
            (self.as_i128() >> n) as u128
        } else {
            self.bits >> n
        };
        Ok(IntValue::new(self.kind, self.signed, value))
    }

    /// Whether `self op other` (an addition, subtraction or multiplication of values of one
    /// type) has a mathematical result out of the range of their signed type. Unsigned
    /// arithmetic wraps by definition and never overflows.
    pub fn overflows(self, op: IntOp, other: IntValue) -> bool {
        if !self.signed {
            return false;
        }
        let (a, b) = (self.as_i128(), other.as_i128());
        let exact = match op {
            IntOp::Add => a.checked_add(b),
            IntOp::Sub => a.checked_sub(b),
            IntOp::Mul => a.checked_mul(b),
            _ => return false,
        };
        exact.is_none_or(|r| !self.holds(r))
    }

    /// Whether `self << count` (`count` less than the width) has a mathematical result,
    /// `self * 2^count`, out of the range of the value's signed type.
    pub fn shl_overflows(self, count: u32) -> bool {
        if !self.signed {
            return false;
        }
        let a = self.as_i128();
        let Some(shifted) = a.checked_shl(count) else {
            return a != 0;
        };
        shifted >> count != a || !self.holds(shifted)
    }

    /// Whether `value` is in the range of this value's type.
    fn holds(self, value: i128) -> bool {
        IntValue::from_i128(self.kind, self.signed, value).as_i128() == value
    }

    pub fn negate(self) -> IntValue {
        IntValue::new(self.kind, self.signed, self.bits.wrapping_neg())
    }

    pub fn complement(self) -> IntValue {
        IntValue::new(self.kind, self.signed, !self.bits)
    }

    /// The value as a floating number.
    pub fn to_f64(self) -> f64 {
        if self.signed {
            self.as_i128() as f64
        } else {
            self.bits as f64
        }
    }
}

/// The integer operations that keep their operands' type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IntOp {
    Add,
    Sub,
    Mul,
    Div,
    Rem,
    And,
    Or,
    Xor,
}

impl ConstValue {
    /// Whether the value is zero (a null pointer, `0`, `0.0`): the truth of a condition.
    pub fn is_zero(self) -> bool {
        match self {
            ConstValue::Int(v) => v.is_zero(),
            ConstValue::Float(f) => f == 0.0,
            ConstValue::Address(a) => a == 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arithmetic_wraps_in_the_type_width() {
        let int = |v| IntValue::from_i128(IntKind::Int, true, v);
        let max = int(i128::from(i32::MAX));
        assert_eq!(
            max.arith(IntOp::Add, int(1)).map(IntValue::as_i128),
            Ok(i128::from(i32::MIN))
        );
        let minus_one = int(-1);
        assert_eq!(
            minus_one.convert(IntKind::UInt, false).as_u128(),
            0xffff_ffff
        );
        assert_eq!(
            minus_one.convert(IntKind::ULong, false).as_u128(),
            u128::from(u64::MAX)
        );
        assert!(!minus_one.fits(IntKind::UInt, false));
        assert!(int(255).fits(IntKind::UChar, false));
        assert_eq!(minus_one.min_precision(true), 1);
        assert_eq!(int(255).min_precision(true), 9);
        assert_eq!(int(255).min_precision(false), 8);
        assert_eq!(int(-8).shift(false, int(1)).map(IntValue::as_i128), Ok(-4));
        assert!(int(1).shift(true, int(32)).is_err());
        assert!(int(1).arith(IntOp::Div, int(0)).is_err());
    }

    #[test]
    fn overflow_is_leaving_the_signed_range() {
        let int = |v| IntValue::from_i128(IntKind::Int, true, v);
        let uint = |v| IntValue::from_i128(IntKind::UInt, false, v);
        let max = int(i128::from(i32::MAX));
        let min = int(i128::from(i32::MIN));
        assert!(max.overflows(IntOp::Add, int(1)));
        assert!(!max.overflows(IntOp::Add, int(-1)));
        assert!(min.overflows(IntOp::Sub, int(1)));
        assert!(int(65536).overflows(IntOp::Mul, int(65536)));
        assert!(!min.overflows(IntOp::Mul, int(1)));
        assert!(!uint(0).overflows(IntOp::Sub, uint(1)));
        let i128_max = IntValue::from_i128(IntKind::Int128, true, i128::MAX);
        assert!(i128_max.overflows(IntOp::Add, i128_max));
        assert!(int(1).shl_overflows(31));
        assert!(!int(1).shl_overflows(30));
        assert!(!int(-1).shl_overflows(31));
        assert!(int(-2).shl_overflows(31));
        assert!(!uint(1).shl_overflows(31));
        let i128_one = IntValue::from_i128(IntKind::Int128, true, 1);
        assert!(i128_one.shl_overflows(127));
        assert!(!i128_one.shl_overflows(126));
    }
}
