//! What gcc builds in: the typedef names it predeclares (`__builtin_va_list`,
//! `__int128_t`, ...), the result types of the `__builtin_` functions expressions call, and
//! the folding of those that constant expressions use.

use syntax::ast::Expr;

use super::arena::Types;
use super::cx::TypeCx;
use super::error::{TypeError, TypeResult};
use super::eval::Const;
use super::layout::layout_record;
use super::record::{Member, RecordAttrs, RecordDef};
use super::ty::{ArrayLen, FloatKind, IntKind, TypeId, TypeKind};
use super::value::{ConstValue, IntValue};

/// The typedef names gcc declares before the TU's first line, with their types.
pub(super) fn builtin_typedefs(types: &mut Types) -> Vec<(&'static str, TypeId)> {
    let va_list = va_list(types);
    let mut typedefs = vec![
        ("__builtin_va_list", va_list),
        ("__int128_t", types.int(IntKind::Int128)),
        ("__uint128_t", types.int(IntKind::UInt128)),
    ];
    if types.target().is_x86() {
        let char_ty = types.int(IntKind::Char);
        typedefs.push(("__builtin_ms_va_list", types.pointer(char_ty)));
        typedefs.push(("__builtin_sysv_va_list", va_list));
    } else {
        typedefs.push(("__fp16", types.float(FloatKind::Fp16)));
    }
    typedefs
}

/// The target's `va_list`: x86_64's one-element array of `struct __va_list_tag`, aarch64's
/// `struct __va_list`.
fn va_list(types: &mut Types) -> TypeId {
    let uint = types.int(IntKind::UInt);
    let int = types.int(IntKind::Int);
    let void = types.void();
    let ptr = types.pointer(void);
    let x86 = types.target().is_x86();
    let (tag, fields): (&str, Vec<(&str, TypeId)>) = if x86 {
        (
            "__va_list_tag",
            vec![
                ("gp_offset", uint),
                ("fp_offset", uint),
                ("overflow_arg_area", ptr),
                ("reg_save_area", ptr),
            ],
        )
    } else {
        (
            "__va_list",
            vec![
                ("__stack", ptr),
                ("__gr_top", ptr),
                ("__vr_top", ptr),
                ("__gr_offs", int),
                ("__vr_offs", int),
            ],
        )
    };
    let tag = types.intern_name(tag);
    let (rid, ty) = types.new_record(false, Some(tag));
    let members: Vec<Member> = fields
        .into_iter()
        .map(|(name, ty)| Member {
            name: Some(types.intern_name(name)),
            ty,
            bit_width: None,
            align: None,
            packed: false,
        })
        .collect();
    let attrs = RecordAttrs::default();
    let layout = layout_record(types, false, &members, &attrs);
    if let Some(record) = types.record_mut(rid) {
        record.def = Some(RecordDef {
            members,
            attrs,
            layout,
        });
    }
    if x86 {
        types.array(ty, ArrayLen::Known(1))
    } else {
        ty
    }
}

/// The family of a bit-counting builtin and the width of its operand (`l`, `ll` suffixes).
fn bit_builtin(name: &str) -> Option<(&str, IntKind)> {
    const FAMILIES: [&str; 6] = ["clz", "ctz", "popcount", "parity", "ffs", "clrsb"];
    let rest = name.strip_prefix("__builtin_")?;
    FAMILIES.iter().find_map(|&family| {
        let suffix = rest.strip_prefix(family)?;
        let kind = match suffix {
            "" => IntKind::UInt,
            "l" => IntKind::ULong,
            "ll" => IntKind::ULongLong,
            _ => return None,
        };
        Some((family, kind))
    })
}

impl TypeCx<'_> {
    /// The type of a call of builtin `name`.
    pub(super) fn builtin_call_type(&mut self, name: &str, args: &[Expr]) -> TypeResult<TypeId> {
        if bit_builtin(name).is_some() {
            return Ok(self.types.int(IntKind::Int));
        }
        let kind = match name {
            "__builtin_constant_p"
            | "__builtin_classify_type"
            | "__builtin_memcmp"
            | "__builtin_strcmp"
            | "__builtin_strncmp"
            | "__builtin_abs"
            | "__builtin_LINE" => IntKind::Int,
            "__builtin_expect" | "__builtin_expect_with_probability" | "__builtin_labs" => {
                IntKind::Long
            }
            "__builtin_bswap16" => IntKind::UShort,
            "__builtin_bswap32" => IntKind::UInt,
            "__builtin_bswap64" => IntKind::ULong,
            "__builtin_object_size" | "__builtin_dynamic_object_size" | "__builtin_strlen" => {
                IntKind::ULong
            }
            "__builtin_add_overflow"
            | "__builtin_sub_overflow"
            | "__builtin_mul_overflow"
            | "__builtin_add_overflow_p"
            | "__builtin_sub_overflow_p"
            | "__builtin_mul_overflow_p" => IntKind::Bool,
            "__builtin_speculation_safe_value" => {
                let arg = args
                    .first()
                    .ok_or_else(|| TypeError::new("missing argument"))?;
                return self.value_type(arg);
            }
            "__builtin_huge_val" | "__builtin_inf" | "__builtin_nan" => {
                return Ok(self.types.float(FloatKind::Double));
            }
            "__builtin_huge_valf" | "__builtin_inff" | "__builtin_nanf" => {
                return Ok(self.types.float(FloatKind::Float));
            }
            "__builtin_trap"
            | "__builtin_unreachable"
            | "__builtin_prefetch"
            | "__builtin_va_start"
            | "__builtin_va_end"
            | "__builtin_va_copy" => return Ok(self.types.void()),
            "__builtin_memcpy"
            | "__builtin_memset"
            | "__builtin_memmove"
            | "__builtin_return_address"
            | "__builtin_frame_address"
            | "__builtin_assume_aligned"
            | "__builtin_alloca"
            | "__builtin_extract_return_addr" => {
                let void = self.types.void();
                return Ok(self.types.pointer(void));
            }
            _ => {
                return self
                    .builtin_function_type(name)
                    .and_then(|f| Some(self.types.fn_type(f)?.ret))
                    .ok_or_else(|| TypeError::new(format!("unknown builtin `{name}`")));
            }
        };
        Ok(self.types.int(kind))
    }

    /// Folds a builtin call in a constant expression.
    pub(super) fn fold_builtin(&mut self, name: &str, args: &[Expr]) -> TypeResult<Const> {
        let arg = |i: usize| {
            args.get(i)
                .ok_or_else(|| TypeError::new(format!("`{name}` needs more arguments")))
        };
        if let Some((family, kind)) = bit_builtin(name) {
            let value = self.eval_int(arg(0)?)?;
            let signed = family == "clrsb";
            let value = value.convert(kind, false);
            let result = bit_count(family, value.as_u128(), kind.bits(), signed)
                .ok_or_else(|| TypeError::new(format!("`{name}` of 0 is no constant")))?;
            return Ok(self.int_const(IntKind::Int, i128::from(result)));
        }
        match name {
            "__builtin_constant_p" => {
                let constant = self
                    .eval(arg(0)?)
                    .is_ok_and(|c| !matches!(c.value, ConstValue::Address(_)));
                Ok(self.int_const(IntKind::Int, i128::from(constant)))
            }
            "__builtin_expect" | "__builtin_expect_with_probability" => {
                let value = self.eval(arg(0)?)?;
                let long = self.types.int(IntKind::Long);
                Ok(Const {
                    ty: long,
                    value: self.types.convert_value(value.value, long)?,
                })
            }
            "__builtin_bswap16" | "__builtin_bswap32" | "__builtin_bswap64" => {
                let kind = match name {
                    "__builtin_bswap16" => IntKind::UShort,
                    "__builtin_bswap32" => IntKind::UInt,
                    _ => IntKind::ULong,
                };
                let value = self.eval_int(arg(0)?)?.convert(kind, false);
                let bytes = kind.bits() / 8;
                let swapped = value.as_u128().swap_bytes() >> (128 - 8 * bytes);
                let ty = self.types.int(kind);
                Ok(Const {
                    ty,
                    value: ConstValue::Int(IntValue::new(kind, false, swapped)),
                })
            }
            "__builtin_abs" | "__builtin_labs" => {
                let kind = if name == "__builtin_abs" {
                    IntKind::Int
                } else {
                    IntKind::Long
                };
                let value = self.eval_int(arg(0)?)?.convert(kind, true);
                let result = if value.is_negative() {
                    value.negate()
                } else {
                    value
                };
                Ok(Const {
                    ty: self.types.int(kind),
                    value: ConstValue::Int(result),
                })
            }
            "__builtin_classify_type" => {
                let ty = self.value_type(arg(0)?)?;
                Ok(self.int_const(IntKind::Int, classify_type(self.types.kind(ty))))
            }
            _ => Err(TypeError::new(format!("`{name}` is not constant"))),
        }
    }
}

/// `clz`, `ctz`, ... of `value` in `bits` bits; `None` where gcc leaves it undefined (`clz`
/// and `ctz` of 0).
fn bit_count(family: &str, value: u128, bits: u32, signed: bool) -> Option<u32> {
    let pad = 128 - bits;
    Some(match family {
        "clz" if value == 0 => return None,
        "clz" => value.leading_zeros() - pad,
        "ctz" if value == 0 => return None,
        "ctz" => value.trailing_zeros(),
        "popcount" => value.count_ones(),
        "parity" => value.count_ones() % 2,
        "ffs" if value == 0 => 0,
        "ffs" => value.trailing_zeros() + 1,
        _ => {
            // clrsb: leading redundant sign bits.
            let negative = signed && (value >> (bits - 1)) & 1 == 1;
            let v = if negative {
                !value & ((1u128 << bits) - 1)
            } else {
                value
            };
            v.leading_zeros() - pad - 1
        }
    })
}

/// gcc's `type_class` numbers.
fn classify_type(kind: &TypeKind) -> i128 {
    match kind {
        TypeKind::Void => 0,
        TypeKind::Int(IntKind::Bool) => 4,
        TypeKind::Int(_) => 1,
        TypeKind::Enum(_) => 3,
        TypeKind::Pointer(_) => 5,
        TypeKind::Float(_) => 8,
        TypeKind::Complex(_) => 9,
        TypeKind::Function(_) => 10,
        TypeKind::Record(_) => 12,
        TypeKind::Array { .. } => 14,
        TypeKind::Vector { .. } => 19,
    }
}
