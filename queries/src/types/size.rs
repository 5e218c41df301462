//! The size and alignment of every type, for the target: scalars by the ABI, arrays from
//! their elements, records from their layout, and an attribute's alignment over all.

use super::arena::Types;
use super::error::{TypeError, TypeResult};
use super::ty::{ArrayLen, FloatKind, TypeId, TypeKind};

/// Size and alignment in bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Layout {
    pub size: u64,
    pub align: u32,
}

impl Layout {
    const fn new(size: u64, align: u32) -> Layout {
        Layout { size, align }
    }
}

impl Types {
    /// The layout of an object of type `ty`: an error for void, functions and incomplete or
    /// variably sized types.
    pub fn layout(&self, ty: TypeId) -> TypeResult<Layout> {
        let natural = self.natural_layout(ty)?;
        Ok(match self.data(ty).align {
            Some(align) => Layout { align, ..natural },
            None => natural,
        })
    }

    /// `sizeof`: as `layout`, with GNU C's size 1 for void and function types.
    pub fn size_of(&self, ty: TypeId) -> TypeResult<u64> {
        match self.kind(ty) {
            TypeKind::Void | TypeKind::Function(_) => Ok(1),
            _ => self.layout(ty).map(|l| l.size),
        }
    }

    /// `_Alignof` and `__alignof__` of a type (they agree on both targets).
    pub fn align_of(&self, ty: TypeId) -> TypeResult<u32> {
        match self.kind(ty) {
            TypeKind::Void | TypeKind::Function(_) => Ok(1),
            TypeKind::Array { elem, .. } => match self.data(ty).align {
                Some(align) => Ok(align),
                None => self.align_of(*elem),
            },
            _ => self.layout(ty).map(|l| l.align),
        }
    }

    fn natural_layout(&self, ty: TypeId) -> TypeResult<Layout> {
        match *self.kind(ty) {
            TypeKind::Void => Err(self.incomplete(ty)),
            TypeKind::Function(_) => Err(TypeError::new(format!(
                "function type `{}` has no layout",
                self.display(ty)
            ))),
            TypeKind::Int(kind) => Ok(Layout::new(kind.size(), kind.size() as u32)),
            TypeKind::Float(kind) => Ok(float_layout(kind)),
            TypeKind::Complex(elem) => {
                let elem = self.layout(elem)?;
                Ok(Layout::new(elem.size * 2, elem.align))
            }
            TypeKind::Pointer(_) => Ok(Layout::new(8, 8)),
            TypeKind::Array { elem, len } => self.array_layout(ty, elem, len),
            TypeKind::Record(id) => match self.record(id).and_then(|r| r.def.as_ref()) {
                Some(def) => def
                    .layout
                    .as_ref()
                    .map(|l| Layout::new(l.size, l.align))
                    .map_err(Clone::clone),
                None => Err(self.incomplete(ty)),
            },
            TypeKind::Enum(id) => match self.enum_def(id).and_then(|e| e.body.as_ref()) {
                Some(body) => {
                    let size = body.underlying.size();
                    Ok(Layout::new(size, size as u32))
                }
                None => Err(self.incomplete(ty)),
            },
            TypeKind::Vector { bytes, .. } => {
                let align = bytes.min(u64::from(self.target().biggest_alignment())) as u32;
                Ok(Layout::new(bytes, align.max(1)))
            }
        }
    }

    fn array_layout(&self, ty: TypeId, elem: TypeId, len: ArrayLen) -> TypeResult<Layout> {
        let elem_layout = self.layout(elem)?;
        match len {
            ArrayLen::Known(n) => {
                let size = elem_layout.size.checked_mul(n).ok_or_else(|| {
                    TypeError::new(format!(
                        "size of array type `{}` is too large",
                        self.display(ty)
                    ))
                })?;
                Ok(Layout::new(size, elem_layout.align))
            }
            ArrayLen::Incomplete => Err(self.incomplete(ty)),
            ArrayLen::Variable => Err(TypeError::new(format!(
                "variably modified type `{}` has no constant size",
                self.display(ty)
            ))),
        }
    }

    fn incomplete(&self, ty: TypeId) -> TypeError {
        TypeError::new(format!("type `{}` is incomplete", self.display(ty)))
    }
}

/// Both targets agree but for `long double`'s format (x87 extended in 16 bytes on x86_64,
/// IEEE quad on aarch64): the same size and alignment.
fn float_layout(kind: FloatKind) -> Layout {
    match kind {
        FloatKind::Float16 | FloatKind::BFloat16 | FloatKind::Fp16 => Layout::new(2, 2),
        FloatKind::Float | FloatKind::Float32 | FloatKind::Decimal32 => Layout::new(4, 4),
        FloatKind::Double | FloatKind::Float64 | FloatKind::Float32x | FloatKind::Decimal64 => {
            Layout::new(8, 8)
        }
        FloatKind::LongDouble
        | FloatKind::Float128
        | FloatKind::Float64x
        | FloatKind::Decimal128 => Layout::new(16, 16),
    }
}
