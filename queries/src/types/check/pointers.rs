//! What the checks of conversions and comparisons ask of the types two pointers point to:
//! whether they are compatible once their qualifiers are left out, and which qualifiers those
//! are.

use crate::types::cx::TypeCx;
use crate::types::ty::{Quals, TypeId, TypeKind};

impl TypeCx<'_> {
    /// Whether pointed-to types `a` and `b` are compatible, qualifiers aside (gcc's
    /// `comp_target_types`).
    pub(super) fn pointees_compatible(&mut self, a: TypeId, b: TypeId) -> bool {
        let (a, b) = (self.unqualified_pointee(a), self.unqualified_pointee(b));
        self.types.compatible(a, b)
    }

    /// A pointed-to type without its qualifiers, its array elements' included: qualifying an
    /// array type qualifies its elements, and a pointer to `const int[3]` points to an array
    /// of three `int` all the same.
    fn unqualified_pointee(&mut self, ty: TypeId) -> TypeId {
        match *self.types.kind(ty) {
            TypeKind::Array { elem, len } => {
                let elem = self.unqualified_pointee(elem);
                self.types.array(elem, len)
            }
            _ => self.types.unqualified(ty),
        }
    }

    /// The qualifiers of a pointed-to type that an assignment must keep: `const`, `volatile`
    /// and `restrict`. `_Atomic` is not one (gcc lets atomic and plain objects be assigned to
    /// each other), nor are the address spaces; an array type has none (its elements have
    /// them, and gcc tells of their loss apart, as pedantry).
    pub(super) fn pointee_quals(&self, ty: TypeId) -> Quals {
        self.types
            .quals(ty)
            .without(Quals::ATOMIC)
            .without(Quals::SEG_FS)
            .without(Quals::SEG_GS)
    }
}
