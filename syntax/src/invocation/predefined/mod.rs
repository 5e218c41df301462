//! The predefined macros of the target gcc for the command line's options, as `#define`
//! lines in the order `gcc -dD` shows them: libcpp's `__STDC__` group, then gcc's
//! `c_cpp_builtins` with the target's macros near the end. Macros the preprocessor computes
//! itself (`__FILE__`, `__COUNTER__`, `__has_include`, ...) are not here.

mod aarch64;
mod float;
mod types;
mod x86;
mod x86_tables;

use std::fmt::Display;

use super::settings::{ExcessPrecision, OptLevel, Settings};
use super::{Arch, CStd, InvocationError, Target};
use types::{CType, IntConfig};

/// `#define` lines being collected.
#[derive(Debug, Default)]
pub(crate) struct Defines(String);

impl Defines {
    /// `name` may carry parameters (`__INT8_C(c)`); an empty value still gets its space, as
    /// in gcc's output.
    fn def(&mut self, name: &str, value: impl Display) {
        self.0 += &format!("#define {name} {value}\n");
    }

    fn def_if(&mut self, condition: bool, name: &str, value: impl Display) {
        if condition {
            self.def(name, value);
        }
    }
}

/// The target's machine options, resolved.
#[derive(Debug, Clone)]
pub(crate) enum Machine {
    X86(x86::X86),
    Aarch64(aarch64::Aarch64),
}

impl Machine {
    /// `-m` options without effect on klp-ccp.
    pub(crate) fn ignored(&self) -> &[String] {
        match self {
            Machine::X86(x86) => &x86.ignored,
            Machine::Aarch64(aarch64) => &aarch64.ignored,
        }
    }
}

/// Reads the `-m` options (value and spelling) for the target.
pub(crate) fn machine_options(
    target: Target,
    machine: &[(String, String)],
) -> Result<Machine, InvocationError> {
    Ok(match target.arch {
        Arch::X86_64 => Machine::X86(x86::X86::read(machine)?),
        Arch::Aarch64 => Machine::Aarch64(aarch64::Aarch64::read(machine)?),
    })
}

/// What the sections need: the compiler, the options, the machine.
pub(crate) struct Ctx<'a> {
    target: Target,
    settings: &'a Settings,
    machine: &'a Machine,
}

impl Ctx<'_> {
    /// gcc `major` or later.
    fn gcc(&self, major: u32) -> bool {
        self.target.gcc.major >= major
    }

    fn iso(&self) -> bool {
        !self.settings.lang.gnu
    }

    /// `-fexcess-precision=`, by default standard in ISO modes and fast in GNU modes.
    fn excess_precision(&self) -> ExcessPrecision {
        match self.settings.codegen.float.excess_precision {
            ExcessPrecision::Default if self.iso() => ExcessPrecision::Standard,
            ExcessPrecision::Default => ExcessPrecision::Fast,
            explicit => explicit,
        }
    }

    /// `__FLT_EVAL_METHOD_TS_18661_3__`: the target's excess precision.
    fn ts_flt_eval_method(&self) -> i32 {
        match self.machine {
            Machine::X86(x86) => x86.flt_eval_method(self.gcc(7)),
            Machine::Aarch64(aarch64) => aarch64.flt_eval_method(),
        }
    }

    /// `__FLT_EVAL_METHOD__`: C11 has no value for `_Float16` evaluation (16), it is 0 there.
    fn flt_eval_method(&self) -> i32 {
        let c11_only = self
            .settings
            .codegen
            .float
            .permitted_c11
            .unwrap_or(self.iso());
        match self.ts_flt_eval_method() {
            16 if c11_only => 0,
            method => method,
        }
    }

    fn hardware_float(&self) -> bool {
        match self.machine {
            Machine::X86(x86) => x86.hardware_float(),
            Machine::Aarch64(aarch64) => aarch64.hardware_float(),
        }
    }

    fn fast_fma(&self) -> (bool, bool) {
        match self.machine {
            Machine::X86(x86) => (x86.fast_fma(), x86.fast_fma16()),
            Machine::Aarch64(aarch64) => (aarch64.fast_fma(), aarch64.fast_fma16()),
        }
    }
}

/// The `<built-in>` buffer for `target` and the options.
pub(crate) fn builtin_defines(target: Target, settings: &Settings, machine: &Machine) -> String {
    let ctx = Ctx {
        target,
        settings,
        machine,
    };
    let mut defines = Defines::default();
    define_stdc(&mut defines, &ctx);
    // `-undef` keeps only libcpp's `__STDC__` group.
    if settings.lang.undef {
        return defines.0;
    }
    let sections: &[fn(&mut Defines, &Ctx<'_>)] = &[
        define_version,
        define_codegen,
        define_optimize,
        define_sizes,
        define_types_and_limits,
        float::define_floats,
        define_language,
        define_atomics,
        define_misc,
        define_target,
        define_os,
    ];
    for section in sections {
        section(&mut defines, &ctx);
    }
    defines.0
}

/// libcpp's `cpp_init_builtins`.
fn define_stdc(defines: &mut Defines, ctx: &Ctx<'_>) {
    let lang = &ctx.settings.lang;
    defines.def_if(!lang.traditional, "__STDC__", 1);
    if let Some(version) = stdc_version(lang.std, ctx.target) {
        defines.def("__STDC_VERSION__", version);
    }
    // u"" and U"" literals: C11, and GNU C99.
    let uliterals = lang.std >= CStd::C11 || (lang.std == CStd::C99 && lang.gnu);
    defines.def_if(uliterals, "__STDC_UTF_16__", 1);
    defines.def_if(uliterals, "__STDC_UTF_32__", 1);
    defines.def("__STDC_HOSTED__", u8::from(lang.hosted));
    // `#embed`'s results for `__has_embed` (gcc 15), in every mode and even with `-undef`.
    if ctx.gcc(15) {
        defines.def("__STDC_EMBED_NOT_FOUND__", 0);
        defines.def("__STDC_EMBED_FOUND__", 1);
        defines.def("__STDC_EMBED_EMPTY__", 2);
    }
}

fn stdc_version(std: CStd, target: Target) -> Option<&'static str> {
    Some(match std {
        CStd::C89 => return None,
        CStd::C94 => "199409L",
        CStd::C99 => "199901L",
        CStd::C11 => "201112L",
        CStd::C17 => "201710L",
        CStd::C2x if target.gcc.major >= 14 => "202311L",
        CStd::C2x => "202000L",
        CStd::C2y => "202500L",
    })
}

fn define_version(defines: &mut Defines, ctx: &Ctx<'_>) {
    let gcc = ctx.target.gcc;
    defines.def("__GNUC__", gcc.major);
    defines.def("__GNUC_MINOR__", gcc.minor);
    defines.def("__GNUC_PATCHLEVEL__", gcc.patch);
    defines.def("__VERSION__", format!("\"{gcc}\""));
    let models = [
        ("RELAXED", 0),
        ("SEQ_CST", 5),
        ("ACQUIRE", 2),
        ("RELEASE", 3),
        ("ACQ_REL", 4),
        ("CONSUME", 1),
    ];
    for (model, value) in models {
        defines.def(&format!("__ATOMIC_{model}"), value);
    }
}

/// `__pic__`, `__pie__`, sanitizers. Without `-f[no-]pic` options, gcc 6 and later as built
/// by distributions (Debian, SUSE) default to `-fPIE`.
fn define_codegen(defines: &mut Defines, ctx: &Ctx<'_>) {
    let codegen = &ctx.settings.codegen;
    let default_pie = super::settings::Pic {
        level: if ctx.gcc(6) { 2 } else { 0 },
        pie: ctx.gcc(6),
    };
    let pic = codegen.pic.unwrap_or(default_pie);
    if pic.level != 0 {
        defines.def("__pic__", pic.level);
        defines.def("__PIC__", pic.level);
    }
    if pic.level != 0 && pic.pie {
        defines.def("__pie__", pic.level);
        defines.def("__PIE__", pic.level);
    }
    defines.def_if(codegen.sanitize_address, "__SANITIZE_ADDRESS__", 1);
    let hwaddress = codegen.sanitize_hwaddress && ctx.gcc(11) && ctx.target.arch == Arch::Aarch64;
    defines.def_if(hwaddress, "__SANITIZE_HWADDRESS__", 1);
    defines.def_if(codegen.sanitize_thread, "__SANITIZE_THREAD__", 1);
}

/// gcc's `c_cpp_builtins_optimize_pragma`.
fn define_optimize(defines: &mut Defines, ctx: &Ctx<'_>) {
    let codegen = &ctx.settings.codegen;
    let f = &codegen.float;
    defines.def_if(codegen.opt == OptLevel::Size, "__OPTIMIZE_SIZE__", 1);
    defines.def_if(codegen.opt != OptLevel::O0, "__OPTIMIZE__", 1);
    let fast_math = !f.trapping_math
        && f.unsafe_math
        && f.finite_math_only
        && !f.signed_zeros
        && !f.errno_math
        && ctx.excess_precision() == ExcessPrecision::Fast;
    defines.def_if(fast_math, "__FAST_MATH__", 1);
    defines.def_if(!f.errno_math, "__NO_MATH_ERRNO__", 1);
    // gcc 9 added these for glibc's <math.h>.
    let gcc9 = ctx.gcc(9);
    defines.def_if(gcc9 && f.reciprocal_math, "__RECIPROCAL_MATH__", 1);
    defines.def_if(gcc9 && !f.signed_zeros, "__NO_SIGNED_ZEROS__", 1);
    defines.def_if(gcc9 && !f.trapping_math, "__NO_TRAPPING_MATH__", 1);
    defines.def_if(gcc9 && f.associative_math, "__ASSOCIATIVE_MATH__", 1);
    defines.def_if(f.signaling_nans, "__SUPPORT_SNAN__", 1);
    defines.def_if(gcc9 && f.rounding_math, "__ROUNDING_MATH__", 1);
    defines.def("__FINITE_MATH_ONLY__", u8::from(f.finite_math_only));
}

fn define_sizes(defines: &mut Defines, ctx: &Ctx<'_>) {
    defines.def("_LP64", 1);
    defines.def("__LP64__", 1);
    let sizes = [
        ("INT", 4),
        ("LONG", 8),
        ("LONG_LONG", 8),
        ("SHORT", 2),
        ("FLOAT", 4),
        ("DOUBLE", 8),
        ("LONG_DOUBLE", 16),
        ("SIZE_T", 8),
    ];
    for (name, size) in sizes {
        defines.def(&format!("__SIZEOF_{name}__"), size);
    }
    defines.def("__CHAR_BIT__", 8);
    let alignment = match ctx.machine {
        Machine::X86(x86) => x86.biggest_alignment(),
        Machine::Aarch64(_) => 16,
    };
    defines.def("__BIGGEST_ALIGNMENT__", alignment);
    defines.def("__ORDER_LITTLE_ENDIAN__", 1234);
    defines.def("__ORDER_BIG_ENDIAN__", 4321);
    defines.def("__ORDER_PDP_ENDIAN__", 3412);
    defines.def("__BYTE_ORDER__", "__ORDER_LITTLE_ENDIAN__");
    defines.def("__FLOAT_WORD_ORDER__", "__ORDER_LITTLE_ENDIAN__");
    defines.def("__SIZEOF_POINTER__", 8);
    let codegen = &ctx.settings.codegen;
    if ctx.gcc(11) {
        let wide_default = if ctx.settings.lang.short_wchar {
            "UTF-16LE"
        } else {
            "UTF-32LE"
        };
        let charset = |name: &Option<String>, default: &str| {
            format!("\"{}\"", name.as_deref().unwrap_or(default))
        };
        defines.def(
            "__GNUC_EXECUTION_CHARSET_NAME",
            charset(&codegen.exec_charset, "UTF-8"),
        );
        defines.def(
            "__GNUC_WIDE_EXECUTION_CHARSET_NAME",
            charset(&codegen.wide_exec_charset, wide_default),
        );
    }
}

fn int_config(ctx: &Ctx<'_>) -> IntConfig {
    let wchar = match (ctx.settings.lang.short_wchar, ctx.target.arch) {
        (true, _) => CType::UShort,
        (false, Arch::X86_64) => CType::Int,
        (false, Arch::Aarch64) => CType::UInt,
    };
    IntConfig {
        wchar,
        widths: ctx.gcc(7),
        char8: char8(ctx),
        bitint_maxwidth: ctx.gcc(14).then_some(65535),
    }
}

/// C23's `char8_t` (the type of `u8'x'`): gcc 13 and later in C2x modes.
fn char8(ctx: &Ctx<'_>) -> bool {
    ctx.gcc(13) && ctx.settings.lang.is_c2x()
}

fn define_types_and_limits(defines: &mut Defines, ctx: &Ctx<'_>) {
    let config = int_config(ctx);
    types::define_types(defines, &config);
    defines.def_if(ctx.settings.codegen.exceptions_on(), "__EXCEPTIONS", 1);
    defines.def("__GXX_ABI_VERSION", 1000 + abi_version(ctx));
    types::define_limits(defines, &config);
}

/// The C++ ABI version gcc defaults to (also announced in C).
fn abi_version(ctx: &Ctx<'_>) -> u32 {
    const DEFAULTS: &[(u32, u32)] = &[
        (4, 2),
        (5, 9),
        (6, 10),
        (7, 11),
        (8, 13),
        (9, 13),
        (10, 14),
        (11, 16),
        (12, 17),
        (13, 18),
        (14, 19),
        (15, 20),
    ];
    let latest = DEFAULTS
        .iter()
        .rev()
        .find(|(major, _)| ctx.gcc(*major))
        .map_or(2, |&(_, abi)| abi);
    match ctx.settings.codegen.abi_version {
        Some(0) | None => latest,
        Some(abi) => abi,
    }
}

fn define_language(defines: &mut Defines, ctx: &Ctx<'_>) {
    let settings = ctx.settings;
    defines.def("__REGISTER_PREFIX__", "");
    defines.def("__USER_LABEL_PREFIX__", "");
    let gnu_inline = settings
        .codegen
        .gnu89_inline
        .unwrap_or(settings.lang.std == CStd::C89 || settings.lang.std == CStd::C94);
    if gnu_inline {
        defines.def("__GNUC_GNU_INLINE__", 1);
    } else {
        defines.def("__GNUC_STDC_INLINE__", 1);
    }
    let no_inline = settings.codegen.opt == OptLevel::O0 || settings.codegen.inline == Some(false);
    defines.def_if(no_inline, "__NO_INLINE__", 1);
    defines.def_if(ctx.iso(), "__STRICT_ANSI__", 1);
    defines.def_if(settings.lang.unsigned_char, "__CHAR_UNSIGNED__", 1);
}

fn define_atomics(defines: &mut Defines, ctx: &Ctx<'_>) {
    // aarch64 announces its 16-byte compare-and-swap (LDXP/STXP or CASP) since gcc 9.
    let cas16 = match ctx.machine {
        Machine::X86(x86) => x86.cmpxchg16b(),
        Machine::Aarch64(_) => ctx.gcc(9),
    };
    for size in [1, 2, 4, 8] {
        defines.def(&format!("__GCC_HAVE_SYNC_COMPARE_AND_SWAP_{size}"), 1);
    }
    defines.def_if(cas16, "__GCC_HAVE_SYNC_COMPARE_AND_SWAP_16", 1);
    for name in [
        "BOOL", "CHAR", "CHAR8_T", "CHAR16_T", "CHAR32_T", "WCHAR_T", "SHORT", "INT", "LONG",
        "LLONG",
    ] {
        if name != "CHAR8_T" || char8(ctx) {
            defines.def(&format!("__GCC_ATOMIC_{name}_LOCK_FREE"), 2);
        }
    }
    defines.def("__GCC_ATOMIC_TEST_AND_SET_TRUEVAL", 1);
    if ctx.gcc(12) {
        let destructive = if ctx.target.arch == Arch::Aarch64 {
            256
        } else {
            64
        };
        defines.def("__GCC_DESTRUCTIVE_SIZE", destructive);
        defines.def("__GCC_CONSTRUCTIVE_SIZE", 64);
    }
    defines.def("__GCC_ATOMIC_POINTER_LOCK_FREE", 2);
    defines.def_if(ctx.gcc(9), "__HAVE_SPECULATION_SAFE_VALUE", 1);
}

/// CFI directives, SSP, OpenMP and the sizes of the `<stddef.h>` types. gcc announces CFI
/// directives when it emits unwind or debug info; the 64-bit targets default to asynchronous
/// unwind tables.
fn define_misc(defines: &mut Defines, ctx: &Ctx<'_>) {
    let codegen = &ctx.settings.codegen;
    let unwind = codegen.async_unwind_tables.unwrap_or(true)
        || codegen.unwind_tables
        || codegen.exceptions_on();
    defines.def_if(
        codegen.dwarf2_cfi_asm && (unwind || codegen.debug_info),
        "__GCC_HAVE_DWARF2_CFI_ASM",
        1,
    );
    defines.def("__PRAGMA_REDEFINE_EXTNAME", 1);
    let ssp = [
        "",
        "__SSP__",
        "__SSP_ALL__",
        "__SSP_STRONG__",
        "__SSP_EXPLICIT__",
    ];
    if let Some(name) = ssp
        .get(usize::from(codegen.stack_protector))
        .filter(|name| !name.is_empty())
    {
        defines.def(name, codegen.stack_protector);
    }
    defines.def_if(codegen.openacc, "_OPENACC", openacc_version(ctx));
    defines.def_if(codegen.openmp, "_OPENMP", openmp_version(ctx));
    defines.def("__SIZEOF_INT128__", 16);
    let wchar_size = if ctx.settings.lang.short_wchar { 2 } else { 4 };
    defines.def("__SIZEOF_WCHAR_T__", wchar_size);
    defines.def("__SIZEOF_WINT_T__", 4);
    defines.def("__SIZEOF_PTRDIFF_T__", 8);
}

fn openmp_version(ctx: &Ctx<'_>) -> u32 {
    match ctx.target.gcc {
        gcc if gcc.at_least(9, 0) => 201511,
        gcc if gcc.at_least(4, 9) => 201307,
        _ => 201107,
    }
}

fn openacc_version(ctx: &Ctx<'_>) -> u32 {
    if ctx.gcc(10) { 201711 } else { 201306 }
}

fn define_target(defines: &mut Defines, ctx: &Ctx<'_>) {
    match ctx.machine {
        Machine::X86(x86) => x86.define(defines, ctx),
        Machine::Aarch64(aarch64) => aarch64.define(defines, ctx),
    }
}

/// GNU/Linux and ELF; the names outside the reserved namespace only in GNU modes.
fn define_os(defines: &mut Defines, ctx: &Ctx<'_>) {
    let gnu = !ctx.iso();
    defines.def("__gnu_linux__", 1);
    for name in ["linux", "unix"] {
        defines.def(&format!("__{name}"), 1);
        defines.def(&format!("__{name}__"), 1);
        defines.def_if(gnu, name, 1);
    }
    defines.def("__ELF__", 1);
    defines.def_if(float::decimal_float(ctx), "__DECIMAL_BID_FORMAT__", 1);
}
