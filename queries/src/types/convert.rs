//! The implicit conversions of C's expressions: lvalue conversion and decay, the integer
//! promotions, the usual arithmetic conversions, and conversions of constant values.

use super::arena::Types;
use super::error::{TypeError, TypeResult};
use super::ty::{FloatKind, IntKind, TypeId, TypeKind};
use super::value::{ConstValue, IntValue};

impl Types {
    /// An expression's value type: arrays decay to pointers to their first element,
    /// functions to pointers to them, and qualifiers go (6.3.2.1).
    pub fn decay(&mut self, ty: TypeId) -> TypeId {
        match *self.kind(ty) {
            TypeKind::Array { elem, .. } => self.pointer(elem),
            TypeKind::Function(_) => self.pointer(ty),
            _ => self.unqualified(ty),
        }
    }

    /// The integer promotions (6.3.1.1p2); other types are returned unqualified. All types
    /// narrower than `int` fit in it on both targets.
    pub fn promote(&mut self, ty: TypeId) -> TypeId {
        match self.int_kind(ty) {
            Some(kind) if kind.rank() < IntKind::Int.rank() => self.int(IntKind::Int),
            Some(kind) if matches!(self.kind(ty), TypeKind::Enum(_)) => self.int(kind),
            _ => self.unqualified(ty),
        }
    }

    /// The usual arithmetic conversions (6.3.1.8), with gcc's vectors (the vector operand's
    /// type wins) and complex integers.
    pub fn usual_arithmetic(&mut self, a: TypeId, b: TypeId) -> TypeResult<TypeId> {
        for ty in [a, b] {
            if matches!(self.kind(ty), TypeKind::Vector { .. }) {
                return Ok(self.unqualified(ty));
            }
        }
        if !self.is_arithmetic(a) || !self.is_arithmetic(b) {
            return Err(TypeError::new(format!(
                "invalid operands `{}` and `{}`",
                self.display(a),
                self.display(b)
            )));
        }
        let (ra, rb) = (self.real_part(a), self.real_part(b));
        let complex = matches!(self.kind(a), TypeKind::Complex(_))
            || matches!(self.kind(b), TypeKind::Complex(_));
        let real = self.common_real(ra, rb);
        Ok(if complex {
            self.mk(TypeKind::Complex(real))
        } else {
            real
        })
    }

    /// The corresponding real type of a complex type; other types unchanged.
    pub fn real_part(&mut self, ty: TypeId) -> TypeId {
        match *self.kind(ty) {
            TypeKind::Complex(elem) => elem,
            _ => ty,
        }
    }

    fn common_real(&mut self, a: TypeId, b: TypeId) -> TypeId {
        match (self.kind(a).clone(), self.kind(b).clone()) {
            (TypeKind::Float(x), TypeKind::Float(y)) => {
                let kind = if float_rank(x) >= float_rank(y) { x } else { y };
                self.float(kind)
            }
            (TypeKind::Float(_), _) => self.unqualified(a),
            (_, TypeKind::Float(_)) => self.unqualified(b),
            _ => {
                let (pa, pb) = (self.promote(a), self.promote(b));
                let (x, y) = (self.int_kind(pa), self.int_kind(pb));
                let kind = match (x, y) {
                    (Some(x), Some(y)) => self.common_int(x, y),
                    _ => IntKind::Int,
                };
                self.int(kind)
            }
        }
    }

    /// The common type of two promoted integer types.
    pub fn common_int(&self, a: IntKind, b: IntKind) -> IntKind {
        if a == b {
            return a;
        }
        let (sa, sb) = (self.is_signed(a), self.is_signed(b));
        if sa == sb {
            return if a.rank() >= b.rank() { a } else { b };
        }
        let (signed, unsigned) = if sa { (a, b) } else { (b, a) };
        if unsigned.rank() >= signed.rank() {
            unsigned
        } else if signed.bits() > unsigned.bits() {
            signed
        } else {
            signed.to_unsigned()
        }
    }

    /// Converts a constant to type `to` (casts and implicit conversions).
    pub fn convert_value(&self, value: ConstValue, to: TypeId) -> TypeResult<ConstValue> {
        let not_constant = || {
            TypeError::new(format!(
                "cannot convert the constant to `{}`",
                self.display(to)
            ))
        };
        match (value, self.kind(to)) {
            (_, TypeKind::Void) => Ok(value),
            (ConstValue::Int(v), _) if self.int_kind(to).is_some() => {
                let kind = self.int_kind(to).ok_or_else(not_constant)?;
                Ok(ConstValue::Int(v.convert(kind, self.is_signed(kind))))
            }
            (ConstValue::Float(f), _) if self.int_kind(to).is_some() => {
                let kind = self.int_kind(to).ok_or_else(not_constant)?;
                Ok(ConstValue::Int(float_to_int(
                    f,
                    kind,
                    self.is_signed(kind),
                )?))
            }
            (ConstValue::Address(a), _) if self.int_kind(to).is_some() => {
                let kind = self.int_kind(to).ok_or_else(not_constant)?;
                Ok(ConstValue::Int(IntValue::new(
                    kind,
                    self.is_signed(kind),
                    u128::from(a),
                )))
            }
            (ConstValue::Int(v), TypeKind::Float(_)) => Ok(ConstValue::Float(v.to_f64())),
            (ConstValue::Float(f), TypeKind::Float(_)) => Ok(ConstValue::Float(f)),
            (ConstValue::Int(v), TypeKind::Pointer(_)) => {
                Ok(ConstValue::Address(v.as_i128() as u64))
            }
            (ConstValue::Address(a), TypeKind::Pointer(_)) => Ok(ConstValue::Address(a)),
            _ => Err(not_constant()),
        }
    }
}

/// Truncation toward zero; a value out of the type's range is no constant.
fn float_to_int(f: f64, kind: IntKind, signed: bool) -> TypeResult<IntValue> {
    if kind == IntKind::Bool {
        return Ok(IntValue::new(kind, false, u128::from(f != 0.0)));
    }
    let t = f.trunc();
    let bits = kind.bits() as i32;
    let (min, max) = if signed {
        (-(2f64.powi(bits - 1)), 2f64.powi(bits - 1))
    } else {
        (0.0, 2f64.powi(bits))
    };
    if !(t >= min && t < max) {
        return Err(TypeError::new(
            "floating value out of the range of the integer type",
        ));
    }
    Ok(IntValue::from_i128(kind, signed, t as i128))
}

/// The order of gcc's common real type among floating types.
fn float_rank(kind: FloatKind) -> u8 {
    match kind {
        FloatKind::Fp16 | FloatKind::BFloat16 | FloatKind::Float16 => 0,
        FloatKind::Float | FloatKind::Float32 => 1,
        FloatKind::Double | FloatKind::Float64 | FloatKind::Float32x => 2,
        FloatKind::LongDouble | FloatKind::Float64x => 3,
        FloatKind::Float128 => 4,
        FloatKind::Decimal32 => 5,
        FloatKind::Decimal64 => 6,
        FloatKind::Decimal128 => 7,
    }
}
