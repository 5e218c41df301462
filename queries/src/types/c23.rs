//! C23's types and constants beyond the basic keywords: `_BitInt (N)` (laid out as the
//! standard integer type of its size), `typeof_unqual`, and the values of `constexpr`
//! objects, which constant expressions may use.

use syntax::ast::{AstNode, BitIntSpec, InitItem, Initializer};

use super::cx::TypeCx;
use super::error::{TypeError, TypeResult};
use super::eval::Const;
use super::ty::{IntKind, TypeId, TypeKind};
use super::value::ConstValue;

impl TypeCx<'_> {
    /// `_BitInt (N)`'s width: a constant expression of at least 1 (2 when signed, checked
    /// with the sign) and at most `__BITINT_MAXWIDTH__`.
    pub(super) fn bitint_width(&mut self, spec: &BitIntSpec) -> TypeResult<u64> {
        let width = spec
            .width()
            .ok_or_else(|| TypeError::at("_BitInt needs a width", spec.syntax()))?;
        let value = self.eval_int(&width)?;
        value
            .to_u64()
            .filter(|bits| (1..=65535).contains(bits))
            .ok_or_else(|| TypeError::at("invalid _BitInt width", spec.syntax()))
    }

    /// The standard integer type with `_BitInt (bits)`'s size and alignment, where there is
    /// one: klp-ccp has no `_BitInt` types of their own (their own promotion and
    /// compatibility rules are not followed), only their layout. Both targets store up to
    /// 64 bits as the smallest standard type that holds them; aarch64 stores up to 128 as
    /// `__int128`, x86_64 wider ones with 8-byte alignment, which no standard type has.
    pub(super) fn bitint_kind(&self, bits: u64, signed: bool) -> TypeResult<IntKind> {
        if signed && bits < 2 {
            return Err(TypeError::new("signed _BitInt needs a width of at least 2"));
        }
        let widest = if self.types.target().is_x86() {
            64
        } else {
            128
        };
        u32::try_from(bits)
            .ok()
            .filter(|&bits| bits <= widest)
            .and_then(|bits| IntKind::for_bits(bits, signed))
            .ok_or_else(|| {
                TypeError::new(format!(
                    "_BitInt({bits}) is wider than klp-ccp can lay out on this target"
                ))
            })
    }

    /// `typeof_unqual`'s type: without qualifiers, `_Atomic` included, on arrays' elements too.
    pub(super) fn unqualified_for_typeof(&mut self, ty: TypeId) -> TypeId {
        if let TypeKind::Array { elem, len } = *self.types.kind(ty) {
            let elem = self.unqualified_for_typeof(elem);
            let data = self.types.mk(TypeKind::Array { elem, len });
            return self.types.unqualified(data);
        }
        self.types.unqualified(ty)
    }

    /// The value of a `constexpr` object of type `ty` initialized with `init`, when klp-ccp
    /// can evaluate it: an arithmetic constant, converted to the object's type. gcc rejects
    /// a `constexpr` whose initializer is no constant; klp-ccp only does not use its value.
    pub(super) fn constexpr_value(&mut self, ty: TypeId, init: &Initializer) -> Option<Const> {
        let expr = match init {
            Initializer::Expr(e) => e.clone(),
            // `constexpr int n = {4};`
            Initializer::List(list) => {
                let mut items = list.items();
                let only = items.next()?;
                match (only, items.next()) {
                    (InitItem::Plain(Initializer::Expr(e)), None) => e,
                    _ => return None,
                }
            }
        };
        let ty = self.types.unqualified(ty);
        if self.types.int_kind(ty).is_none() && !matches!(self.types.kind(ty), TypeKind::Float(_)) {
            return None;
        }
        let value = self.eval(&expr).ok()?;
        if matches!(value.value, ConstValue::Address(_)) {
            return None;
        }
        let value = self.types.convert_value(value.value, ty).ok()?;
        Some(Const { ty, value })
    }
}
