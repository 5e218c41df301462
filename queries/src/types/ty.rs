//! The type data: what a `TypeId` stands for. Types are interned (structurally equal types
//! share an id); structs, unions and enums are nominal and refer to their entity by index.
//! Typedefs are transparent: a typedef name denotes the type it was declared with (which may
//! carry the typedef's `aligned` attribute as `TypeData::align`).

use super::record::{EnumId, RecordId};

/// An interned type of one arena (`Types`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TypeId(pub(super) u32);

/// Type qualifiers and named address spaces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Quals(u8);

impl Quals {
    pub const NONE: Quals = Quals(0);
    pub const CONST: Quals = Quals(1);
    pub const VOLATILE: Quals = Quals(2);
    pub const RESTRICT: Quals = Quals(4);
    pub const ATOMIC: Quals = Quals(8);
    /// x86's `__seg_fs` address space.
    pub const SEG_FS: Quals = Quals(16);
    /// x86's `__seg_gs` address space.
    pub const SEG_GS: Quals = Quals(32);

    pub fn contains(self, other: Quals) -> bool {
        self.0 & other.0 == other.0
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    pub fn union(self, other: Quals) -> Quals {
        Quals(self.0 | other.0)
    }

    pub fn without(self, other: Quals) -> Quals {
        Quals(self.0 & !other.0)
    }

    /// The C spellings, in gcc's order.
    pub fn spellings(self) -> impl Iterator<Item = &'static str> {
        [
            (Quals::CONST, "const"),
            (Quals::VOLATILE, "volatile"),
            (Quals::RESTRICT, "restrict"),
            (Quals::ATOMIC, "_Atomic"),
            (Quals::SEG_FS, "__seg_fs"),
            (Quals::SEG_GS, "__seg_gs"),
        ]
        .into_iter()
        .filter(move |&(q, _)| self.contains(q))
        .map(|(_, s)| s)
    }
}

/// The integer types, `_Bool` included. Widths are the LP64 ones both targets share; plain
/// `char`'s signedness is the target's (`TargetInfo::char_unsigned`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum IntKind {
    Bool,
    Char,
    SChar,
    UChar,
    Short,
    UShort,
    Int,
    UInt,
    Long,
    ULong,
    LongLong,
    ULongLong,
    Int128,
    UInt128,
}

impl IntKind {
    /// The width in bits (the precision; `_Bool` has one value bit in a byte).
    pub fn bits(self) -> u32 {
        match self {
            IntKind::Bool => 1,
            IntKind::Char | IntKind::SChar | IntKind::UChar => 8,
            IntKind::Short | IntKind::UShort => 16,
            IntKind::Int | IntKind::UInt => 32,
            IntKind::Long | IntKind::ULong | IntKind::LongLong | IntKind::ULongLong => 64,
            IntKind::Int128 | IntKind::UInt128 => 128,
        }
    }

    /// The size in bytes.
    pub fn size(self) -> u64 {
        match self {
            IntKind::Bool => 1,
            other => u64::from(other.bits() / 8),
        }
    }

    pub fn is_signed(self, char_unsigned: bool) -> bool {
        match self {
            IntKind::Char => !char_unsigned,
            IntKind::SChar
            | IntKind::Short
            | IntKind::Int
            | IntKind::Long
            | IntKind::LongLong
            | IntKind::Int128 => true,
            _ => false,
        }
    }

    /// C's integer conversion rank (6.3.1.1), `long` and `long long` apart although equally
    /// wide.
    pub fn rank(self) -> u8 {
        match self {
            IntKind::Bool => 0,
            IntKind::Char | IntKind::SChar | IntKind::UChar => 1,
            IntKind::Short | IntKind::UShort => 2,
            IntKind::Int | IntKind::UInt => 3,
            IntKind::Long | IntKind::ULong => 4,
            IntKind::LongLong | IntKind::ULongLong => 5,
            IntKind::Int128 | IntKind::UInt128 => 6,
        }
    }

    /// The unsigned type of the same rank.
    pub fn to_unsigned(self) -> IntKind {
        match self {
            IntKind::Char | IntKind::SChar => IntKind::UChar,
            IntKind::Short => IntKind::UShort,
            IntKind::Int => IntKind::UInt,
            IntKind::Long => IntKind::ULong,
            IntKind::LongLong => IntKind::ULongLong,
            IntKind::Int128 => IntKind::UInt128,
            other => other,
        }
    }

    /// The signed or unsigned standard type of `bits` width (`long` for 64), as gcc's
    /// `c_common_type_for_size` picks it.
    pub fn for_bits(bits: u32, signed: bool) -> Option<IntKind> {
        let (s, u) = match bits {
            0..=8 => (IntKind::SChar, IntKind::UChar),
            9..=16 => (IntKind::Short, IntKind::UShort),
            17..=32 => (IntKind::Int, IntKind::UInt),
            33..=64 => (IntKind::Long, IntKind::ULong),
            65..=128 => (IntKind::Int128, IntKind::UInt128),
            _ => return None,
        };
        Some(if signed { s } else { u })
    }

    pub fn name(self) -> &'static str {
        match self {
            IntKind::Bool => "_Bool",
            IntKind::Char => "char",
            IntKind::SChar => "signed char",
            IntKind::UChar => "unsigned char",
            IntKind::Short => "short",
            IntKind::UShort => "unsigned short",
            IntKind::Int => "int",
            IntKind::UInt => "unsigned int",
            IntKind::Long => "long",
            IntKind::ULong => "unsigned long",
            IntKind::LongLong => "long long",
            IntKind::ULongLong => "unsigned long long",
            IntKind::Int128 => "__int128",
            IntKind::UInt128 => "unsigned __int128",
        }
    }
}

/// The real floating types gcc has on the two targets. `__float128` is `_Float128` and
/// x86's `__float80` is `long double`, as in gcc.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FloatKind {
    Float,
    Double,
    LongDouble,
    Float16,
    Float32,
    Float64,
    Float128,
    Float32x,
    Float64x,
    BFloat16,
    /// aarch64's `__fp16`.
    Fp16,
    Decimal32,
    Decimal64,
    Decimal128,
}

impl FloatKind {
    pub fn name(self) -> &'static str {
        match self {
            FloatKind::Float => "float",
            FloatKind::Double => "double",
            FloatKind::LongDouble => "long double",
            FloatKind::Float16 => "_Float16",
            FloatKind::Float32 => "_Float32",
            FloatKind::Float64 => "_Float64",
            FloatKind::Float128 => "_Float128",
            FloatKind::Float32x => "_Float32x",
            FloatKind::Float64x => "_Float64x",
            FloatKind::BFloat16 => "__bf16",
            FloatKind::Fp16 => "__fp16",
            FloatKind::Decimal32 => "_Decimal32",
            FloatKind::Decimal64 => "_Decimal64",
            FloatKind::Decimal128 => "_Decimal128",
        }
    }

    pub fn is_decimal(self) -> bool {
        matches!(
            self,
            FloatKind::Decimal32 | FloatKind::Decimal64 | FloatKind::Decimal128
        )
    }
}

/// The length of an array type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ArrayLen {
    Known(u64),
    /// `[]`: completed later by a definition or an initializer (or a flexible array member).
    Incomplete,
    /// A size that is no constant (a VLA, `[*]`): no layout.
    Variable,
}

/// A function type. Parameter types are adjusted (arrays and functions to pointers) and
/// unqualified, as type identity wants them.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct FnType {
    pub ret: TypeId,
    pub params: Box<[TypeId]>,
    pub variadic: bool,
    /// `false` for a K&R declaration `f()` or `f(a, b)`, which says nothing of parameters.
    pub prototype: bool,
    /// For the function an old-style definition defines, how many parameters its identifier
    /// list names (`f(a, b) {...}`: 2, `f() {...}`: 0): calls are counted against it, as
    /// klp-ccp always did.
    pub defined_arity: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum TypeKind {
    Void,
    Int(IntKind),
    Float(FloatKind),
    /// `_Complex` of a floating type or (GNU) of an integer type.
    Complex(TypeId),
    Pointer(TypeId),
    Array {
        elem: TypeId,
        len: ArrayLen,
    },
    Function(FnType),
    Record(RecordId),
    Enum(EnumId),
    /// `vector_size (bytes)` applied to an integer or floating type.
    Vector {
        elem: TypeId,
        bytes: u64,
    },
}

/// A type: its kind, its qualifiers, and an alignment given by `aligned` on a typedef (gcc
/// makes such a typedef a variant of its type: same type, other alignment).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TypeData {
    pub kind: TypeKind,
    pub quals: Quals,
    /// The alignment in bytes, when an attribute set it.
    pub align: Option<u32>,
}
