//! Integer types and their limits (`__SIZE_TYPE__`, `__INT_MAX__`, `__INT64_C(c)`, ...), for
//! the LP64 glibc targets klp-ccp supports: x86_64 and aarch64 agree on all but `wchar_t`.

use super::Defines;

/// The C integer types, spelled as gcc spells them in the macros.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CType {
    SChar,
    UChar,
    Short,
    UShort,
    Int,
    UInt,
    Long,
    ULong,
    LongLong,
}

impl CType {
    fn name(self) -> &'static str {
        match self {
            CType::SChar => "signed char",
            CType::UChar => "unsigned char",
            CType::Short => "short int",
            CType::UShort => "short unsigned int",
            CType::Int => "int",
            CType::UInt => "unsigned int",
            CType::Long => "long int",
            CType::ULong => "long unsigned int",
            CType::LongLong => "long long int",
        }
    }

    fn bits(self) -> u32 {
        match self {
            CType::SChar | CType::UChar => 8,
            CType::Short | CType::UShort => 16,
            CType::Int | CType::UInt => 32,
            CType::Long | CType::ULong | CType::LongLong => 64,
        }
    }

    fn signed(self) -> bool {
        matches!(
            self,
            CType::SChar | CType::Short | CType::Int | CType::Long | CType::LongLong
        )
    }

    /// The constant suffix; types narrower than `int` promote to `int` and have none.
    fn suffix(self) -> &'static str {
        match self {
            CType::UInt => "U",
            CType::Long => "L",
            CType::ULong => "UL",
            CType::LongLong => "LL",
            _ => "",
        }
    }

    /// The maximum in gcc's hexadecimal spelling: `0x7fffffffffffffffL`.
    fn max(self) -> String {
        let value_bits = if self.signed() {
            self.bits() - 1
        } else {
            self.bits()
        };
        let digits = value_bits.div_ceil(4) as usize;
        let top = match value_bits % 4 {
            0 => 'f',
            3 => '7',
            2 => '3',
            _ => '1',
        };
        format!("0x{top}{}{}", "f".repeat(digits - 1), self.suffix())
    }

    /// The minimum: `(-__X_MAX__ - 1)` for signed types, `0` with suffix for unsigned ones.
    fn min(self, prefix: &str) -> String {
        match self.signed() {
            true => format!("(-__{prefix}_MAX__ - 1)"),
            false => format!("0{}", self.suffix()),
        }
    }

    /// The body of `__INTn_C(c)`.
    fn constant_macro(self) -> String {
        match self.suffix() {
            "" => "c".to_owned(),
            suffix => format!("c ## {suffix}"),
        }
    }
}

/// glibc's `<stdint.h>` types for LP64 (gcc's `glibc-stdint.h`), in gcc's order.
const STDINT: &[(&str, CType)] = &[
    ("INT8", CType::SChar),
    ("INT16", CType::Short),
    ("INT32", CType::Int),
    ("INT64", CType::Long),
    ("UINT8", CType::UChar),
    ("UINT16", CType::UShort),
    ("UINT32", CType::UInt),
    ("UINT64", CType::ULong),
    ("INT_LEAST8", CType::SChar),
    ("INT_LEAST16", CType::Short),
    ("INT_LEAST32", CType::Int),
    ("INT_LEAST64", CType::Long),
    ("UINT_LEAST8", CType::UChar),
    ("UINT_LEAST16", CType::UShort),
    ("UINT_LEAST32", CType::UInt),
    ("UINT_LEAST64", CType::ULong),
    ("INT_FAST8", CType::SChar),
    ("INT_FAST16", CType::Long),
    ("INT_FAST32", CType::Long),
    ("INT_FAST64", CType::Long),
    ("UINT_FAST8", CType::UChar),
    ("UINT_FAST16", CType::ULong),
    ("UINT_FAST32", CType::ULong),
    ("UINT_FAST64", CType::ULong),
    ("INTPTR", CType::Long),
    ("UINTPTR", CType::ULong),
];

fn stdint(prefix: &str) -> CType {
    STDINT
        .iter()
        .find(|(name, _)| *name == prefix)
        .map_or(CType::Int, |&(_, ty)| ty)
}

/// What differs between the targets and gcc releases.
pub(crate) struct IntConfig {
    pub wchar: CType,
    /// `__*_WIDTH__` macros (gcc 7 and later).
    pub widths: bool,
    /// `char8_t` for `u8` character constants: C23 (gcc 13 and later).
    pub char8: bool,
    /// `__BITINT_MAXWIDTH__`: `_BitInt(N)` (gcc 14 and later, in every mode).
    pub bitint_maxwidth: Option<u32>,
}

/// `__SIZE_TYPE__` to `__UINTPTR_TYPE__`.
pub(crate) fn define_types(defines: &mut Defines, config: &IntConfig) {
    let basic = [
        ("SIZE", CType::ULong),
        ("PTRDIFF", CType::Long),
        ("WCHAR", config.wchar),
        ("WINT", CType::UInt),
        ("INTMAX", CType::Long),
        ("UINTMAX", CType::ULong),
        ("CHAR8", CType::UChar),
        ("CHAR16", CType::UShort),
        ("CHAR32", CType::UInt),
        ("SIG_ATOMIC", CType::Int),
    ];
    for (prefix, ty) in basic {
        if prefix != "CHAR8" || config.char8 {
            defines.def(&format!("__{prefix}_TYPE__"), ty.name());
        }
    }
    for (prefix, ty) in STDINT {
        defines.def(&format!("__{prefix}_TYPE__"), ty.name());
    }
}

/// `__SCHAR_MAX__` to `__UINTPTR_MAX__`, with `_C` and `_WIDTH__` macros interleaved as gcc does.
pub(crate) fn define_limits(defines: &mut Defines, config: &IntConfig) {
    let basic = [
        ("SCHAR", CType::SChar),
        ("SHRT", CType::Short),
        ("INT", CType::Int),
        ("LONG", CType::Long),
        ("LONG_LONG", CType::LongLong),
    ];
    for (prefix, ty) in basic {
        defines.def(&format!("__{prefix}_MAX__"), ty.max());
    }
    for (prefix, ty, min) in [
        ("WCHAR", config.wchar, true),
        ("WINT", CType::UInt, true),
        ("PTRDIFF", CType::Long, false),
    ] {
        max_min(defines, prefix, ty, min);
    }
    defines.def("__SIZE_MAX__", CType::ULong.max());
    if config.widths {
        let widths = basic.iter().map(|&(p, ty)| (p, ty)).chain([
            ("WCHAR", config.wchar),
            ("WINT", CType::UInt),
            ("PTRDIFF", CType::Long),
            ("SIZE", CType::ULong),
        ]);
        for (prefix, ty) in widths {
            defines.def(&format!("__{prefix}_WIDTH__"), ty.bits());
        }
    }
    if let Some(bits) = config.bitint_maxwidth {
        defines.def("__BITINT_MAXWIDTH__", bits);
    }
    define_intmax(defines, config);
    define_stdint_limits(defines, config);
}

fn max_min(defines: &mut Defines, prefix: &str, ty: CType, with_min: bool) {
    defines.def(&format!("__{prefix}_MAX__"), ty.max());
    if with_min {
        defines.def(&format!("__{prefix}_MIN__"), ty.min(prefix));
    }
}

fn define_intmax(defines: &mut Defines, config: &IntConfig) {
    defines.def("__INTMAX_MAX__", CType::Long.max());
    defines.def("__INTMAX_C(c)", CType::Long.constant_macro());
    defines.def("__UINTMAX_MAX__", CType::ULong.max());
    defines.def("__UINTMAX_C(c)", CType::ULong.constant_macro());
    width(defines, config, "INTMAX", CType::Long);
    max_min(defines, "SIG_ATOMIC", CType::Int, true);
    width(defines, config, "SIG_ATOMIC", CType::Int);
}

fn width(defines: &mut Defines, config: &IntConfig, prefix: &str, ty: CType) {
    if config.widths {
        defines.def(&format!("__{prefix}_WIDTH__"), ty.bits());
    }
}

/// The exact-width, least, fast and pointer types' limits.
/// The `intN_t` families (signed prefix, bits) with least/fast variants, in gcc's order.
const SIZED_INTS: [(&str, u32); 8] = [
    ("", 8),
    ("", 16),
    ("", 32),
    ("", 64),
    ("U", 8),
    ("U", 16),
    ("U", 32),
    ("U", 64),
];

fn define_stdint_limits(defines: &mut Defines, config: &IntConfig) {
    for prefix in [
        "INT8", "INT16", "INT32", "INT64", "UINT8", "UINT16", "UINT32", "UINT64",
    ] {
        defines.def(&format!("__{prefix}_MAX__"), stdint(prefix).max());
    }
    for (signed, bits) in SIZED_INTS {
        let least = stdint(&format!("{signed}INT_LEAST{bits}"));
        defines.def(&format!("__{signed}INT_LEAST{bits}_MAX__"), least.max());
        defines.def(&format!("__{signed}INT{bits}_C(c)"), least.constant_macro());
        // gcc has no width macros for the unsigned types: they equal the signed ones.
        if signed.is_empty() {
            width(defines, config, &format!("INT_LEAST{bits}"), least);
        }
    }
    for (signed, bits) in SIZED_INTS {
        let fast = stdint(&format!("{signed}INT_FAST{bits}"));
        defines.def(&format!("__{signed}INT_FAST{bits}_MAX__"), fast.max());
        if signed.is_empty() {
            width(defines, config, &format!("INT_FAST{bits}"), fast);
        }
    }
    defines.def("__INTPTR_MAX__", CType::Long.max());
    width(defines, config, "INTPTR", CType::Long);
    defines.def("__UINTPTR_MAX__", CType::ULong.max());
}

#[cfg(test)]
mod tests {
    use super::CType;

    #[test]
    fn limits_spelling() {
        assert_eq!(CType::SChar.max(), "0x7f");
        assert_eq!(CType::UShort.max(), "0xffff");
        assert_eq!(CType::UInt.max(), "0xffffffffU");
        assert_eq!(CType::Long.max(), "0x7fffffffffffffffL");
        assert_eq!(CType::LongLong.max(), "0x7fffffffffffffffLL");
        assert_eq!(CType::UInt.min("WINT"), "0U");
        assert_eq!(CType::UShort.min("WCHAR"), "0");
        assert_eq!(CType::Int.min("WCHAR"), "(-__WCHAR_MAX__ - 1)");
        assert_eq!(CType::ULong.constant_macro(), "c ## UL");
    }
}
