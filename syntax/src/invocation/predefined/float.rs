//! The floating macros: `__GCC_IEC_559`, `__FLT_EVAL_METHOD__` and the `<float.h>`
//! characteristics, `__FLT_*`, `__DBL_*`, `__LDBL_*`, `__FLTn_*`, `__BFLT16_*` (gcc's
//! `builtin_define_float_constants`), and the decimal `__DEC*` ones.

use super::super::Arch;
use super::super::settings::ExcessPrecision;
use super::{Ctx, Defines, Machine};

/// gcc's `cpp_iec_559_value`: 2 for IEEE 754 conformance, 0 if options or hardware break it.
fn iec_559(ctx: &Ctx<'_>) -> u8 {
    let f = &ctx.settings.codegen.float;
    let broken_by_options = f.unsafe_math
        || f.associative_math
        || f.reciprocal_math
        || f.finite_math_only
        || !f.signed_zeros
        || f.single_precision_constant;
    // Strict ISO C cannot promise IEEE semantics with unpredictable excess precision, nor
    // with excess precision it was told to handle the fast way.
    let method = ctx.flt_eval_method();
    let fast_excess = ctx.excess_precision() == ExcessPrecision::Fast && method != 0;
    let iso_unpredictable = ctx.iso() && (method == -1 || fast_excess);
    let iso_contracting = ctx.iso() && f.fp_contract_fast == Some(true);
    if broken_by_options || iso_unpredictable || iso_contracting || !ctx.hardware_float() {
        0
    } else {
        2
    }
}

pub(super) fn define_floats(defines: &mut Defines, ctx: &Ctx<'_>) {
    if ctx.target.gcc.at_least(4, 9) {
        let iec = iec_559(ctx);
        let f = &ctx.settings.codegen.float;
        defines.def("__GCC_IEC_559", iec);
        defines.def(
            "__GCC_IEC_559_COMPLEX",
            if f.cx_limited_range || f.cx_fortran_rules {
                0
            } else {
                iec
            },
        );
    }
    defines.def("__FLT_EVAL_METHOD__", ctx.flt_eval_method());
    defines.def_if(
        ctx.gcc(7),
        "__FLT_EVAL_METHOD_TS_18661_3__",
        ctx.ts_flt_eval_method(),
    );
    defines.def("__DEC_EVAL_METHOD__", 2);
    defines.def("__FLT_RADIX__", 2);
    define_float_types(defines, ctx);
    if decimal_float(ctx) {
        // gcc 15 adds `_Decimal64x`, the same format as `_Decimal128`.
        define_decimal(defines, ctx.gcc(15));
    }
}

/// Decimal floating types: x86_64 always, aarch64 (BID) since gcc 13.
pub(super) fn decimal_float(ctx: &Ctx<'_>) -> bool {
    ctx.target.arch == Arch::X86_64 || ctx.gcc(13)
}

fn define_float_types(defines: &mut Defines, ctx: &Ctx<'_>) {
    let long_double: &Format = match ctx.target.arch {
        Arch::X86_64 => &X87_EXTENDED,
        Arch::Aarch64 => &IEEE_QUAD,
    };
    // gcc 7 prints with the digits of its widest type, _Float128; before, of long double.
    let digits = if ctx.gcc(7) {
        36
    } else {
        long_double.decimal_dig() as usize
    };
    let style = Style {
        digits,
        decimal_dig: true,
        c2x: ctx.gcc(11),
        iec_60559_format_only: ctx.gcc(13),
    };
    let (fma, fma16) = ctx.fast_fma();
    let fma = |suffix: &'static str| fma.then_some(suffix);
    let ty = |prefix, format, suffix, fast_fma| FloatType {
        prefix,
        format,
        suffix,
        cast_to: None,
        fast_fma,
    };
    let double = FloatType {
        cast_to: Some("double"),
        ..ty("DBL", &IEEE_DOUBLE, "L", fma(""))
    };
    define_type(
        defines,
        &ty("FLT", &IEEE_SINGLE, "F", fma("F")),
        style,
        None,
    );
    define_type(defines, &double, style, None);
    define_type(
        defines,
        &ty("LDBL", long_double, "L", None),
        style,
        Some(long_double.decimal_dig()),
    );
    if !ctx.gcc(7) {
        return;
    }
    let half = match ctx.machine {
        Machine::X86(x86) => ctx.gcc(12) && x86.half_floats(ctx.gcc(14)),
        Machine::Aarch64(_) => true,
    };
    if half {
        define_type(
            defines,
            &ty("FLT16", &IEEE_HALF, "F16", fma16.then_some("F16")),
            style,
            None,
        );
    }
    let float_n = [
        ty("FLT32", &IEEE_SINGLE, "F32", fma("F32")),
        ty("FLT64", &IEEE_DOUBLE, "F64", fma("F64")),
        ty("FLT128", &IEEE_QUAD, "F128", None),
        ty("FLT32X", &IEEE_DOUBLE, "F32x", fma("F32x")),
        ty("FLT64X", long_double, "F64x", None),
    ];
    for float_type in &float_n {
        define_type(defines, float_type, style, None);
    }
    let bfloat = match ctx.machine {
        Machine::X86(x86) => x86.half_floats(ctx.gcc(14)),
        Machine::Aarch64(_) => true,
    };
    if ctx.gcc(13) && bfloat {
        define_type(defines, &ty("BFLT16", &BFLOAT16, "BF16", None), style, None);
    }
}

/// A binary floating-point format. The limits are printed with 36 significant digits, as gcc
/// 7 and later do; older gcc prints as many digits as `long double` needs.
pub(crate) struct Format {
    mant_dig: u32,
    dig: u32,
    min_exp: i32,
    min_10_exp: i32,
    max_exp: i32,
    max_10_exp: i32,
    decimal_dig: u32,
    max: &'static str,
    min: &'static str,
    epsilon: &'static str,
    denorm_min: &'static str,
    /// `__*_IS_IEC_60559__`: 2 for the IEEE formats, 0 for bfloat16.
    iec_60559: u32,
}

impl Format {
    /// `__DECIMAL_DIG__` when this is the widest type.
    pub(crate) fn decimal_dig(&self) -> u32 {
        self.decimal_dig
    }
}

pub(crate) const IEEE_HALF: Format = Format {
    mant_dig: 11,
    dig: 3,
    min_exp: -13,
    min_10_exp: -4,
    max_exp: 16,
    max_10_exp: 4,
    decimal_dig: 5,
    max: "6.55040000000000000000000000000000000e+4",
    min: "6.10351562500000000000000000000000000e-5",
    epsilon: "9.76562500000000000000000000000000000e-4",
    denorm_min: "5.96046447753906250000000000000000000e-8",
    iec_60559: 2,
};

pub(crate) const IEEE_SINGLE: Format = Format {
    mant_dig: 24,
    dig: 6,
    min_exp: -125,
    min_10_exp: -37,
    max_exp: 128,
    max_10_exp: 38,
    decimal_dig: 9,
    max: "3.40282346638528859811704183484516925e+38",
    min: "1.17549435082228750796873653722224568e-38",
    epsilon: "1.19209289550781250000000000000000000e-7",
    denorm_min: "1.40129846432481707092372958328991613e-45",
    iec_60559: 2,
};

pub(crate) const IEEE_DOUBLE: Format = Format {
    mant_dig: 53,
    dig: 15,
    min_exp: -1021,
    min_10_exp: -307,
    max_exp: 1024,
    max_10_exp: 308,
    decimal_dig: 17,
    max: "1.79769313486231570814527423731704357e+308",
    min: "2.22507385850720138309023271733240406e-308",
    epsilon: "2.22044604925031308084726333618164062e-16",
    denorm_min: "4.94065645841246544176568792868221372e-324",
    iec_60559: 2,
};

/// x86's 80-bit extended `long double`.
pub(crate) const X87_EXTENDED: Format = Format {
    mant_dig: 64,
    dig: 18,
    min_exp: -16381,
    min_10_exp: -4931,
    max_exp: 16384,
    max_10_exp: 4932,
    decimal_dig: 21,
    max: "1.18973149535723176502126385303097021e+4932",
    min: "3.36210314311209350626267781732175260e-4932",
    epsilon: "1.08420217248550443400745280086994171e-19",
    denorm_min: "3.64519953188247460252840593361941982e-4951",
    iec_60559: 2,
};

/// IEEE binary128: `_Float128`, and aarch64's `long double`.
pub(crate) const IEEE_QUAD: Format = Format {
    mant_dig: 113,
    dig: 33,
    min_exp: -16381,
    min_10_exp: -4931,
    max_exp: 16384,
    max_10_exp: 4932,
    decimal_dig: 36,
    max: "1.18973149535723176508575932662800702e+4932",
    min: "3.36210314311209350626267781732175260e-4932",
    epsilon: "1.92592994438723585305597794258492732e-34",
    denorm_min: "6.47517511943802511092443895822764655e-4966",
    iec_60559: 2,
};

/// `__bf16` (gcc 13 and later).
pub(crate) const BFLOAT16: Format = Format {
    mant_dig: 8,
    dig: 2,
    min_exp: -125,
    min_10_exp: -37,
    max_exp: 128,
    max_10_exp: 38,
    decimal_dig: 4,
    max: "3.38953138925153547590470800371487867e+38",
    min: "1.17549435082228750796873653722224568e-38",
    epsilon: "7.81250000000000000000000000000000000e-3",
    denorm_min: "9.18354961579912115600575419704879436e-41",
    iec_60559: 0,
};

/// One floating type's macros: prefix (`FLT`, `FLT32X`), constant suffix, and how its
/// constants are written (`double` ones are cast from `long double` constants).
pub(crate) struct FloatType<'a> {
    pub prefix: &'a str,
    pub format: &'a Format,
    pub suffix: &'a str,
    pub cast_to: Option<&'a str>,
    /// `__FP_FAST_FMA<suffix>` is defined: the target has a fused multiply-add for the type.
    pub fast_fma: Option<&'a str>,
}

/// What the gcc release prints for every type.
#[derive(Clone, Copy)]
pub(crate) struct Style {
    /// Significant digits of the limits.
    pub digits: usize,
    /// `__*_DECIMAL_DIG__` (C11).
    pub decimal_dig: bool,
    /// `__*_NORM_MAX__` and `__*_IS_IEC_60559__` (gcc 11).
    pub c2x: bool,
    /// `__*_IS_IEC_60559__` is 1 for an IEC 60559 format, as C23 settled it (gcc 13), not the
    /// draft's 2.
    pub iec_60559_format_only: bool,
}

pub(crate) fn define_type(
    defines: &mut Defines,
    ty: &FloatType<'_>,
    style: Style,
    decimal_dig: Option<u32>,
) {
    let f = ty.format;
    let p = ty.prefix;
    defines.def(&format!("__{p}_MANT_DIG__"), f.mant_dig);
    defines.def(&format!("__{p}_DIG__"), f.dig);
    defines.def(&format!("__{p}_MIN_EXP__"), format!("({})", f.min_exp));
    defines.def(
        &format!("__{p}_MIN_10_EXP__"),
        format!("({})", f.min_10_exp),
    );
    defines.def(&format!("__{p}_MAX_EXP__"), f.max_exp);
    defines.def(&format!("__{p}_MAX_10_EXP__"), f.max_10_exp);
    // `__DECIMAL_DIG__` (of the widest type) sits among long double's macros.
    if let Some(widest) = decimal_dig {
        defines.def("__DECIMAL_DIG__", widest);
    }
    if style.decimal_dig {
        defines.def(&format!("__{p}_DECIMAL_DIG__"), f.decimal_dig);
    }
    define_limits(defines, ty, style);
    defines.def(&format!("__{p}_HAS_DENORM__"), 1);
    defines.def(&format!("__{p}_HAS_INFINITY__"), 1);
    defines.def(&format!("__{p}_HAS_QUIET_NAN__"), 1);
    if let Some(fma) = ty.fast_fma {
        defines.def(&format!("__FP_FAST_FMA{fma}"), 1);
    }
    if style.c2x {
        let value = match f.iec_60559 {
            2 if style.iec_60559_format_only => 1,
            value => value,
        };
        defines.def(&format!("__{p}_IS_IEC_60559__"), value);
    }
}

fn define_limits(defines: &mut Defines, ty: &FloatType<'_>, style: Style) {
    let f = ty.format;
    let constant = |digits: &str| {
        let text = format!("{}{}", round_significant(digits, style.digits), ty.suffix);
        match ty.cast_to {
            Some(cast) => format!("(({cast}){text})"),
            None => text,
        }
    };
    let p = ty.prefix;
    defines.def(&format!("__{p}_MAX__"), constant(f.max));
    if style.c2x {
        defines.def(&format!("__{p}_NORM_MAX__"), constant(f.max));
    }
    defines.def(&format!("__{p}_MIN__"), constant(f.min));
    defines.def(&format!("__{p}_EPSILON__"), constant(f.epsilon));
    defines.def(&format!("__{p}_DENORM_MIN__"), constant(f.denorm_min));
}

/// Rounds a decimal `d.ddd...e±x` to `digits` significant digits (half up, as the digits
/// beyond the 36th are never exactly a tie for these constants).
fn round_significant(number: &str, digits: usize) -> String {
    let Some((mantissa, exponent)) = number.split_once('e') else {
        return number.to_owned();
    };
    let mut all: Vec<u8> = mantissa
        .bytes()
        .filter(u8::is_ascii_digit)
        .map(|b| b - b'0')
        .collect();
    if digits >= all.len() {
        return number.to_owned();
    }
    let round_up = all[digits] >= 5;
    all.truncate(digits);
    let mut exponent: i32 = exponent.parse().unwrap_or(0);
    if round_up && carry(&mut all) {
        // 9.99... rounded up to 10.0...: one more power of ten.
        all.insert(0, 1);
        all.truncate(digits);
        exponent += 1;
    }
    let text: String = all.iter().map(|d| char::from(b'0' + d)).collect();
    let (first, rest) = text.split_at(1);
    let sign = if exponent < 0 { "-" } else { "+" };
    format!("{first}.{rest}e{sign}{}", exponent.abs())
}

/// Adds one unit in the last place; true if it overflows the first digit.
fn carry(digits: &mut [u8]) -> bool {
    for digit in digits.iter_mut().rev() {
        if *digit < 9 {
            *digit += 1;
            return false;
        }
        *digit = 0;
    }
    true
}

/// `_Decimal32`, `_Decimal64`, `_Decimal128` limits (BID and DPD alike).
const DECIMAL: &[(&str, &str, [&str; 7])] = &[
    (
        "DEC32",
        "DF",
        [
            "7",
            "(-94)",
            "97",
            "1E-95",
            "9.999999E96",
            "1E-6",
            "0.000001E-95",
        ],
    ),
    (
        "DEC64",
        "DD",
        [
            "16",
            "(-382)",
            "385",
            "1E-383",
            "9.999999999999999E384",
            "1E-15",
            "0.000000000000001E-383",
        ],
    ),
    (
        "DEC128",
        "DL",
        [
            "34",
            "(-6142)",
            "6145",
            "1E-6143",
            "9.999999999999999999999999999999999E6144",
            "1E-33",
            "0.000000000000000000000000000000001E-6143",
        ],
    ),
];

/// The `_Decimal*` limits; with `decimal64x` also those of `_Decimal64x` (gcc 15), whose
/// format is `_Decimal128`'s.
pub(crate) fn define_decimal(defines: &mut Defines, decimal64x: bool) {
    const NAMES: [&str; 7] = [
        "MANT_DIG",
        "MIN_EXP",
        "MAX_EXP",
        "MIN",
        "MAX",
        "EPSILON",
        "SUBNORMAL_MIN",
    ];
    let dec64x = DECIMAL
        .iter()
        .find(|(prefix, ..)| *prefix == "DEC128")
        .filter(|_| decimal64x)
        .map(|&(_, _, values)| ("DEC64X", "D64x", values));
    for (prefix, suffix, values) in DECIMAL.iter().copied().chain(dec64x) {
        for (index, (name, value)) in NAMES.iter().zip(values).enumerate() {
            // The first three are integers, the others constants with a suffix.
            let suffix = if index < 3 { "" } else { suffix };
            defines.def(&format!("__{prefix}_{name}__"), format!("{value}{suffix}"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::round_significant;

    #[test]
    fn rounding_to_fewer_digits() {
        assert_eq!(
            round_significant(super::IEEE_SINGLE.max, 21),
            "3.40282346638528859812e+38"
        );
        assert_eq!(
            round_significant(super::IEEE_DOUBLE.max, 21),
            "1.79769313486231570815e+308"
        );
        assert_eq!(
            round_significant(super::IEEE_SINGLE.epsilon, 21),
            "1.19209289550781250000e-7"
        );
        assert_eq!(round_significant("9.996e+5", 3), "1.00e+6");
        assert_eq!(
            round_significant(super::IEEE_SINGLE.max, 36),
            super::IEEE_SINGLE.max
        );
    }
}
