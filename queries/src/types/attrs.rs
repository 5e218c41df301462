//! The GNU attributes that change types or layout: `packed`, `aligned`, `mode`,
//! `vector_size`, `transparent_union`. Others are no business of types and are skipped.

use syntax::ast::{AstNode, Attribute, AttributeArg, AttributeSpec, Expr};
use syntax::syntax_kind::SyntaxNode;

use super::cx::TypeCx;
use super::error::{TypeError, TypeResult};
use super::ty::{FloatKind, IntKind, TypeId, TypeKind};

/// What a list of attributes says of a type or declaration.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Attrs {
    pub packed: bool,
    /// The largest `aligned` given, in bytes.
    pub aligned: Option<u32>,
    /// The mode, and its argument's node (where a mode that does not fit is reported).
    pub mode: Option<(Mode, SyntaxNode)>,
    pub vector_size: Option<u64>,
    pub transparent_union: bool,
}

/// A machine mode of the `mode` attribute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Mode {
    /// An integer mode of this many bits.
    Int(u32),
    Float(FloatKind),
    Complex(FloatKind),
}

/// An attribute's name without the `__` that may surround it.
pub(super) fn attribute_name(attribute: &Attribute) -> Option<String> {
    let token = attribute.name_token()?;
    let text = token.text();
    let bare = text
        .strip_prefix("__")
        .and_then(|t| t.strip_suffix("__"))
        .filter(|t| !t.is_empty())
        .unwrap_or(text);
    Some(bare.to_owned())
}

impl TypeCx<'_> {
    /// Adds what `specs` say to `attrs`.
    pub(super) fn read_attrs(
        &mut self,
        specs: impl IntoIterator<Item = AttributeSpec>,
        attrs: &mut Attrs,
    ) -> TypeResult<()> {
        for spec in specs {
            for attribute in spec.attributes() {
                self.read_attr(&attribute, attrs)?;
            }
        }
        Ok(())
    }

    fn read_attr(&mut self, attribute: &Attribute, attrs: &mut Attrs) -> TypeResult<()> {
        let Some(name) = attribute_name(attribute) else {
            return Ok(());
        };
        let args: Vec<AttributeArg> = attribute
            .args()
            .map(|a| a.args().collect())
            .unwrap_or_default();
        let node = attribute.syntax();
        match name.as_str() {
            "packed" => attrs.packed = true,
            "transparent_union" => attrs.transparent_union = true,
            "aligned" => {
                let align = match args.first() {
                    None => self.types.target().biggest_alignment(),
                    Some(AttributeArg::Expr(e)) => self.alignment_value(e)?,
                    Some(AttributeArg::Type(_)) => {
                        return Err(TypeError::at("requested alignment is no constant", node));
                    }
                };
                attrs.aligned = Some(attrs.aligned.map_or(align, |a| a.max(align)));
            }
            "mode" => {
                attrs.mode = Some(
                    self.mode_arg(&args)
                        .ok_or_else(|| TypeError::at("unknown machine mode", node))?,
                );
            }
            "vector_size" => {
                let Some(AttributeArg::Expr(e)) = args.first() else {
                    return Err(TypeError::at("vector_size needs a size", node));
                };
                let bytes = self
                    .eval_int(e)?
                    .to_u64()
                    .ok_or_else(|| TypeError::at("vector size is negative or too large", node))?;
                attrs.vector_size = Some(bytes);
            }
            _ => {}
        }
        Ok(())
    }

    /// An alignment in bytes: a positive power of two.
    pub(super) fn alignment_value(&mut self, e: &Expr) -> TypeResult<u32> {
        let value = self.eval_int(e)?;
        value
            .to_u64()
            .filter(|n| n.is_power_of_two() && *n <= 1 << 28)
            .map(|n| n as u32)
            .ok_or_else(|| {
                TypeError::at(
                    "requested alignment is not a positive power of 2",
                    e.syntax(),
                )
            })
    }

    fn mode_arg(&self, args: &[AttributeArg]) -> Option<(Mode, SyntaxNode)> {
        let Some(AttributeArg::Expr(Expr::Ident(ident))) = args.first() else {
            return None;
        };
        let token = ident.ident_token()?;
        let text = token.text();
        let bare = text
            .strip_prefix("__")
            .and_then(|t| t.strip_suffix("__"))
            .unwrap_or(text);
        let x86 = self.types.target().is_x86();
        let mode = match bare {
            "QI" | "byte" => Mode::Int(8),
            "HI" => Mode::Int(16),
            "SI" => Mode::Int(32),
            "DI" | "word" | "pointer" | "unwind_word" => Mode::Int(64),
            "TI" => Mode::Int(128),
            "HF" => Mode::Float(FloatKind::Float16),
            "SF" => Mode::Float(FloatKind::Float),
            "DF" => Mode::Float(FloatKind::Double),
            "XF" if x86 => Mode::Float(FloatKind::LongDouble),
            "TF" => Mode::Float(if x86 {
                FloatKind::Float128
            } else {
                FloatKind::LongDouble
            }),
            "SC" => Mode::Complex(FloatKind::Float),
            "DC" => Mode::Complex(FloatKind::Double),
            "XC" if x86 => Mode::Complex(FloatKind::LongDouble),
            "TC" => Mode::Complex(if x86 {
                FloatKind::Float128
            } else {
                FloatKind::LongDouble
            }),
            _ => return None,
        };
        Some((mode, ident.syntax().clone()))
    }

    /// Applies the attributes that make another type of a declared type: `mode`, then
    /// `vector_size` (which reaches through pointers, arrays and function returns to the
    /// element type, as gcc's does).
    pub(super) fn apply_type_attrs(&mut self, ty: TypeId, attrs: &Attrs) -> TypeResult<TypeId> {
        let mut ty = ty;
        if let Some((mode, at)) = &attrs.mode {
            ty = self.apply_mode(ty, *mode, at)?;
        }
        if let Some(bytes) = attrs.vector_size {
            ty = self.vectorize(ty, bytes)?;
        }
        Ok(ty)
    }

    fn apply_mode(&mut self, ty: TypeId, mode: Mode, at: &SyntaxNode) -> TypeResult<TypeId> {
        let quals = self.types.quals(ty);
        let new = match (self.types.kind(ty).clone(), mode) {
            // A pointer keeps its type in the one mode of its width.
            (TypeKind::Pointer(_), mode) => {
                let pointer_bits = self.types.size_of(ty)? * 8;
                if mode != Mode::Int(pointer_bits as u32) {
                    self.error(at, "invalid 'mode' attribute specifier for pointer type");
                }
                return Ok(ty);
            }
            (TypeKind::Int(kind), Mode::Int(bits)) => {
                let signed = self.types.is_signed(kind);
                let kind = IntKind::for_bits(bits, signed)
                    .ok_or_else(|| TypeError::new("unsupported integer mode"))?;
                self.types.int(kind)
            }
            // The enum's integer type of that width (gcc keeps an enum type, but an enum of
            // another width is compatible with nothing declared without the mode anyway).
            (TypeKind::Enum(_), Mode::Int(bits)) => {
                let kind = self
                    .types
                    .int_kind(ty)
                    .ok_or_else(|| TypeError::new("mode on an incomplete enum"))?;
                let kind = IntKind::for_bits(bits, self.types.is_signed(kind))
                    .ok_or_else(|| TypeError::new("unsupported integer mode"))?;
                self.types.int(kind)
            }
            (TypeKind::Float(_), Mode::Float(kind)) => self.types.float(kind),
            (TypeKind::Complex(_) | TypeKind::Float(_), Mode::Complex(kind)) => {
                let elem = self.types.float(kind);
                self.types.mk(TypeKind::Complex(elem))
            }
            _ => return Err(TypeError::new("invalid mode for the type")),
        };
        Ok(self.types.qualified(new, quals))
    }

    fn vectorize(&mut self, ty: TypeId, bytes: u64) -> TypeResult<TypeId> {
        let data = self.types.data(ty).clone();
        let rebuilt = match data.kind {
            TypeKind::Pointer(to) => TypeKind::Pointer(self.vectorize(to, bytes)?),
            TypeKind::Array { elem, len } => TypeKind::Array {
                elem: self.vectorize(elem, bytes)?,
                len,
            },
            TypeKind::Function(mut f) => {
                f.ret = self.vectorize(f.ret, bytes)?;
                TypeKind::Function(f)
            }
            TypeKind::Int(_) | TypeKind::Enum(_) | TypeKind::Float(_) => {
                let elem_size = self.types.size_of(ty)?;
                if bytes == 0
                    || !bytes.is_multiple_of(elem_size)
                    || !(bytes / elem_size).is_power_of_two()
                {
                    return Err(TypeError::new("invalid vector size"));
                }
                let elem = self.types.unqualified(ty);
                let vector = self.types.mk(TypeKind::Vector { elem, bytes });
                return Ok(self.types.qualified(vector, data.quals));
            }
            _ => return Err(TypeError::new("invalid vector type")),
        };
        Ok(self.types.intern(super::ty::TypeData {
            kind: rebuilt,
            ..data
        }))
    }
}
