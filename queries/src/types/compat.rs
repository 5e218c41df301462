//! Compatible and composite types (6.2.7): what redeclarations must agree on, and what
//! `__builtin_types_compatible_p` and `_Generic` ask. Records and enums are compatible with
//! themselves only (one TU); an enum is compatible with its underlying integer type.

use super::arena::Types;
use super::ty::{ArrayLen, FnType, TypeId, TypeKind};

impl Types {
    pub fn compatible(&self, a: TypeId, b: TypeId) -> bool {
        if a == b {
            return true;
        }
        if self.quals(a) != self.quals(b) {
            return false;
        }
        match (self.kind(a), self.kind(b)) {
            (TypeKind::Pointer(x), TypeKind::Pointer(y)) => self.compatible(*x, *y),
            (TypeKind::Complex(x), TypeKind::Complex(y)) => self.compatible(*x, *y),
            (TypeKind::Array { elem: x, len: lx }, TypeKind::Array { elem: y, len: ly }) => {
                self.compatible(*x, *y) && lengths_agree(*lx, *ly)
            }
            (TypeKind::Function(f), TypeKind::Function(g)) => self.functions_compatible(f, g),
            (TypeKind::Enum(_), TypeKind::Int(k)) | (TypeKind::Int(k), TypeKind::Enum(_)) => {
                let e = if matches!(self.kind(a), TypeKind::Enum(_)) {
                    a
                } else {
                    b
                };
                self.int_kind(e) == Some(*k)
            }
            (TypeKind::Vector { elem: x, bytes: m }, TypeKind::Vector { elem: y, bytes: n }) => {
                m == n && self.compatible(*x, *y)
            }
            (x, y) => x == y,
        }
    }

    fn functions_compatible(&self, f: &FnType, g: &FnType) -> bool {
        if !self.compatible(f.ret, g.ret) {
            return false;
        }
        match (f.prototype, g.prototype) {
            (true, true) => {
                f.variadic == g.variadic
                    && f.params.len() == g.params.len()
                    && f.params
                        .iter()
                        .zip(g.params.iter())
                        .all(|(&x, &y)| self.compatible(x, y))
            }
            // A declaration without a prototype says nothing of the parameters (a variadic
            // prototype would need the other to have one).
            (true, false) => !f.variadic,
            (false, true) => !g.variadic,
            (false, false) => true,
        }
    }

    /// The composite type of two compatible types: the known array length, the prototype.
    pub fn composite(&mut self, a: TypeId, b: TypeId) -> TypeId {
        if a == b {
            return a;
        }
        let quals = self.quals(a);
        let composite = match (self.kind(a).clone(), self.kind(b).clone()) {
            (TypeKind::Array { elem: x, len: lx }, TypeKind::Array { elem: y, len: ly }) => {
                let elem = self.composite(x, y);
                let len = if matches!(lx, ArrayLen::Known(_)) {
                    lx
                } else {
                    ly
                };
                self.array(elem, len)
            }
            (TypeKind::Pointer(x), TypeKind::Pointer(y)) => {
                let to = self.composite(x, y);
                self.pointer(to)
            }
            (TypeKind::Function(f), TypeKind::Function(g)) => self.composite_function(f, g),
            _ => return a,
        };
        let composite = self.qualified(composite, quals);
        match self.data(a).align {
            Some(align) => self.aligned(composite, align),
            None => composite,
        }
    }

    fn composite_function(&mut self, f: FnType, g: FnType) -> TypeId {
        let ret = self.composite(f.ret, g.ret);
        let fn_type = match (f.prototype, g.prototype) {
            (true, true) => {
                let params = f
                    .params
                    .iter()
                    .zip(g.params.iter())
                    .map(|(&x, &y)| self.composite(x, y))
                    .collect();
                FnType { ret, params, ..f }
            }
            (false, true) => FnType { ret, ..g },
            (false, false) => FnType {
                ret,
                defined_arity: f.defined_arity.or(g.defined_arity),
                ..f
            },
            (true, _) => FnType { ret, ..f },
        };
        self.function(fn_type)
    }
}

fn lengths_agree(a: ArrayLen, b: ArrayLen) -> bool {
    match (a, b) {
        (ArrayLen::Known(x), ArrayLen::Known(y)) => x == y,
        _ => true,
    }
}
