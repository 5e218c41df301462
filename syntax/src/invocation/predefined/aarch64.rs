//! aarch64: `-march=armv8.X-a+ext`, `-mcpu=`, `-mgeneral-regs-only`, `-mbranch-protection=` and
//! the ACLE macros of gcc's `aarch64_update_cpp_builtins`. Written from gcc's sources and
//! documentation; unlike x86_64 not checked against a local compiler.

use super::super::InvocationError;
use super::{Ctx, Defines};

/// Architecture extensions klp-ccp tracks (those with a macro).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ext {
    Fp,
    Simd,
    Crc,
    Lse,
    Rdma,
    Fp16,
    Fp16Fml,
    Dotprod,
    Aes,
    Sha2,
    Sha3,
    Sm4,
    Sve,
    Sve2,
    Rcpc,
    Frint,
    I8mm,
    Bf16,
    Memtag,
    Rng,
    Tme,
    Ls64,
    /// Armv8.3's JavaScript conversion and complex numbers (no `+` modifier).
    V8_3,
}

/// `+name` modifiers: the extension, what turning it on implies, what turning it off removes.
#[rustfmt::skip]
const MODIFIERS: &[(&str, Ext, &[Ext], &[Ext])] = &[
    ("fp", Ext::Fp, &[], &[Ext::Simd, Ext::Fp16, Ext::Fp16Fml, Ext::Sve, Ext::Sve2, Ext::Bf16, Ext::I8mm]),
    ("simd", Ext::Simd, &[Ext::Fp], &[Ext::Rdma, Ext::Dotprod, Ext::Aes, Ext::Sha2, Ext::Sha3, Ext::Sm4, Ext::Sve, Ext::Sve2, Ext::Fp16Fml]),
    ("crc", Ext::Crc, &[], &[]),
    ("lse", Ext::Lse, &[], &[]),
    ("rdma", Ext::Rdma, &[Ext::Simd, Ext::Fp], &[]),
    ("fp16", Ext::Fp16, &[Ext::Fp], &[Ext::Fp16Fml, Ext::Sve, Ext::Sve2]),
    ("fp16fml", Ext::Fp16Fml, &[Ext::Fp16, Ext::Simd, Ext::Fp], &[]),
    ("dotprod", Ext::Dotprod, &[Ext::Simd, Ext::Fp], &[]),
    ("aes", Ext::Aes, &[Ext::Simd, Ext::Fp], &[]),
    ("sha2", Ext::Sha2, &[Ext::Simd, Ext::Fp], &[Ext::Sha3]),
    ("crypto", Ext::Aes, &[Ext::Sha2, Ext::Simd, Ext::Fp], &[Ext::Sha2, Ext::Sha3, Ext::Sm4]),
    ("sha3", Ext::Sha3, &[Ext::Sha2, Ext::Simd, Ext::Fp], &[]),
    ("sm4", Ext::Sm4, &[Ext::Simd, Ext::Fp], &[]),
    ("sve", Ext::Sve, &[Ext::Fp16, Ext::Simd, Ext::Fp], &[Ext::Sve2]),
    ("sve2", Ext::Sve2, &[Ext::Sve, Ext::Fp16, Ext::Simd, Ext::Fp], &[]),
    ("rcpc", Ext::Rcpc, &[], &[]),
    ("i8mm", Ext::I8mm, &[Ext::Simd, Ext::Fp], &[]),
    ("bf16", Ext::Bf16, &[Ext::Fp], &[]),
    ("memtag", Ext::Memtag, &[], &[]),
    ("rng", Ext::Rng, &[], &[]),
    ("tme", Ext::Tme, &[], &[]),
    ("ls64", Ext::Ls64, &[], &[]),
];

/// Extensions that `-mgeneral-regs-only` turns off (gcc's `TARGET_FLOAT`, `TARGET_SIMD`).
const NEED_FP_REGISTERS: &[Ext] = &[
    Ext::Fp,
    Ext::Simd,
    Ext::Rdma,
    Ext::Fp16,
    Ext::Fp16Fml,
    Ext::Dotprod,
    Ext::Aes,
    Ext::Sha2,
    Ext::Sha3,
    Ext::Sm4,
    Ext::Sve,
    Ext::Sve2,
    Ext::I8mm,
    Ext::Bf16,
];

/// Architecture levels: name, `__ARM_ARCH`, extensions added to the previous level.
const ARCHES: &[(&str, u32, &[Ext])] = &[
    ("armv8-a", 8, &[Ext::Fp, Ext::Simd]),
    ("armv8.1-a", 8, &[Ext::Crc, Ext::Lse, Ext::Rdma]),
    ("armv8.2-a", 8, &[]),
    ("armv8.3-a", 8, &[Ext::Rcpc, Ext::V8_3]),
    ("armv8.4-a", 8, &[Ext::Dotprod]),
    ("armv8.5-a", 8, &[Ext::Frint]),
    ("armv8.6-a", 8, &[Ext::I8mm, Ext::Bf16]),
    ("armv8.7-a", 8, &[Ext::Ls64]),
    ("armv8.8-a", 8, &[]),
    ("armv9-a", 9, &[Ext::Sve, Ext::Sve2, Ext::Fp16]),
    ("armv9.1-a", 9, &[Ext::I8mm, Ext::Bf16]),
    ("armv9.2-a", 9, &[]),
    ("armv9.3-a", 9, &[]),
];

/// `-mcpu=` names klp-ccp knows, as architecture plus modifiers; other CPUs count as
/// `armv8-a` (and are reported as ignored).
const CPUS: &[(&str, &str)] = &[
    ("generic", "armv8-a"),
    ("cortex-a35", "armv8-a+crc"),
    ("cortex-a53", "armv8-a+crc"),
    ("cortex-a57", "armv8-a+crc"),
    ("cortex-a72", "armv8-a+crc"),
    ("cortex-a73", "armv8-a+crc"),
    ("thunderx2t99", "armv8.1-a+crypto"),
    ("cortex-a55", "armv8.2-a+fp16+rcpc+dotprod"),
    ("cortex-a75", "armv8.2-a+fp16+rcpc+dotprod"),
    ("cortex-a76", "armv8.2-a+fp16+rcpc+dotprod"),
    ("neoverse-n1", "armv8.2-a+fp16+rcpc+dotprod"),
    ("ampere1", "armv8.6-a+rng+sha3"),
    ("neoverse-v1", "armv8.4-a+sve+i8mm+bf16+fp16+rng"),
    ("neoverse-n2", "armv8.5-a+sve2+i8mm+bf16+memtag+rng"),
];

/// The aarch64 machine options, resolved.
#[derive(Debug, Clone)]
pub(crate) struct Aarch64 {
    arch: u32,
    exts: Vec<Ext>,
    code_model: &'static str,
    /// `-mgeneral-regs-only`: whatever the architecture, no FP and SIMD registers.
    general_regs_only: bool,
    /// `__ARM_FEATURE_PAC_DEFAULT`: bit 0 A key, bit 1 B key, bit 2 all functions (`+leaf`).
    pac: u32,
    bti: bool,
    pub(crate) ignored: Vec<String>,
}

impl Aarch64 {
    pub(crate) fn read(machine: &[(String, String)]) -> Result<Aarch64, InvocationError> {
        let mut target = Aarch64 {
            arch: 8,
            exts: Vec::new(),
            code_model: "SMALL",
            general_regs_only: false,
            pac: 0,
            bti: false,
            ignored: Vec::new(),
        };
        target.set_arch("armv8-a", "-march=armv8-a")?;
        for (option, spelling) in machine {
            if !target.apply(option, spelling)? {
                target.ignored.push(spelling.clone());
            }
        }
        Ok(target)
    }

    fn has(&self, ext: Ext) -> bool {
        self.exts.contains(&ext) && !(self.general_regs_only && NEED_FP_REGISTERS.contains(&ext))
    }

    fn apply(&mut self, option: &str, spelling: &str) -> Result<bool, InvocationError> {
        match option.split_once('=') {
            Some(("arch", value)) => self.set_arch(value, spelling)?,
            Some(("cpu", value)) => return self.set_cpu(value, spelling),
            Some(("cmodel", value)) => self.code_model = code_model(value, spelling)?,
            Some(("branch-protection", value)) => self.branch_protection(value, spelling)?,
            Some(("abi", "ilp32")) => {
                return Err(InvocationError::unsupported(
                    spelling,
                    "klp-ccp supports LP64 only",
                ));
            }
            None if option == "general-regs-only" => self.general_regs_only = true,
            None if option == "big-endian" => {
                return Err(InvocationError::unsupported(
                    spelling,
                    "klp-ccp supports little-endian aarch64 only",
                ));
            }
            _ => return Ok(false),
        }
        Ok(true)
    }

    /// `armv8.2-a+fp16+nolse`: the level's extensions (and all earlier levels'), then modifiers.
    fn set_arch(&mut self, value: &str, spelling: &str) -> Result<(), InvocationError> {
        let mut parts = value.split('+');
        let name = parts.next().unwrap_or_default();
        let level = ARCHES
            .iter()
            .position(|(arch, ..)| *arch == name)
            .ok_or_else(|| {
                InvocationError::bad_value(spelling, value, "not an Arm architecture gcc knows")
            })?;
        self.arch = ARCHES[level].1;
        self.exts = ARCHES[..=level]
            .iter()
            .flat_map(|(_, _, exts)| exts.iter().copied())
            .collect();
        parts.try_for_each(|modifier| self.modify(modifier, spelling))
    }

    fn set_cpu(&mut self, value: &str, spelling: &str) -> Result<bool, InvocationError> {
        let (name, modifiers) = value
            .split_once('+')
            .map_or((value, None), |(n, m)| (n, Some(m)));
        let known = CPUS.iter().find(|(cpu, _)| *cpu == name);
        self.set_arch(known.map_or("armv8-a", |(_, arch)| arch), spelling)?;
        for modifier in modifiers.into_iter().flat_map(|m| m.split('+')) {
            self.modify(modifier, spelling)?;
        }
        Ok(known.is_some())
    }

    fn modify(&mut self, modifier: &str, spelling: &str) -> Result<(), InvocationError> {
        let (name, on) = modifier
            .strip_prefix("no")
            .map_or((modifier, true), |name| (name, false));
        let &(_, ext, implies, clears) = MODIFIERS
            .iter()
            .find(|(known, ..)| *known == name)
            .ok_or_else(|| {
                InvocationError::bad_value(
                    spelling,
                    modifier,
                    "not an architecture extension klp-ccp knows",
                )
            })?;
        if on {
            self.exts.push(ext);
            self.exts.extend_from_slice(implies);
        } else {
            self.remove(ext);
            clears.iter().for_each(|&ext| self.remove(ext));
        }
        Ok(())
    }

    fn remove(&mut self, ext: Ext) {
        let dependents = MODIFIERS
            .iter()
            .find(|m| m.1 == ext)
            .map_or(&[][..], |m| m.3);
        self.exts.retain(|&e| e != ext && !dependents.contains(&e));
    }

    /// `-mbranch-protection=none|standard|pac-ret[+leaf][+b-key]|bti`, `+`-combined.
    fn branch_protection(&mut self, value: &str, spelling: &str) -> Result<(), InvocationError> {
        self.pac = 0;
        self.bti = false;
        for part in value.split('+') {
            match part {
                "none" => {}
                "standard" => {
                    self.pac = 1;
                    self.bti = true;
                }
                "pac-ret" => self.pac = 1,
                "leaf" => self.pac |= 4,
                "b-key" => self.pac = (self.pac & !1) | 2,
                "bti" => self.bti = true,
                _ => {
                    return Err(InvocationError::bad_value(
                        spelling,
                        part,
                        "expected none, standard, pac-ret, leaf, b-key or bti",
                    ));
                }
            }
        }
        Ok(())
    }

    fn fp(&self) -> bool {
        self.has(Ext::Fp)
    }

    pub(crate) fn flt_eval_method(&self) -> i32 {
        if self.has(Ext::Fp16) { 16 } else { 0 }
    }

    pub(crate) fn hardware_float(&self) -> bool {
        self.fp()
    }

    pub(crate) fn fast_fma(&self) -> bool {
        self.fp()
    }

    pub(crate) fn fast_fma16(&self) -> bool {
        self.has(Ext::Fp16)
    }

    /// The ACLE macros; `ts_eval_method` is gcc's `c_flt_eval_method (false)`.
    pub(crate) fn define(&self, defines: &mut Defines, ctx: &Ctx<'_>) {
        self.define_unconditional(defines, ctx);
        defines.def_if(ctx.settings.codegen.float.unsafe_math, "__ARM_FP_FAST", 1);
        defines.def("__ARM_ARCH", self.arch);
        defines.def(
            "__ARM_SIZEOF_MINIMAL_ENUM",
            if ctx.settings.codegen.short_enums {
                1
            } else {
                4
            },
        );
        defines.def("__AARCH64EL__", 1);
        defines.def_if(self.fp(), "__ARM_FEATURE_FMA", 1);
        defines.def_if(self.fp(), "__ARM_FP", 14);
        defines.def_if(self.fp(), "__ARM_FP16_FORMAT_IEEE", 1);
        defines.def_if(self.fp(), "__ARM_FP16_ARGS", 1);
        defines.def_if(self.has(Ext::Simd), "__ARM_FEATURE_NUMERIC_MAXMIN", 1);
        defines.def_if(self.has(Ext::Simd), "__ARM_NEON", 1);
        defines.def_if(self.has(Ext::Crc), "__ARM_FEATURE_CRC32", 1);
        defines.def_if(self.has(Ext::Dotprod), "__ARM_FEATURE_DOTPROD", 1);
        defines.def_if(
            self.has(Ext::V8_3) && self.has(Ext::Simd),
            "__ARM_FEATURE_COMPLEX",
            1,
        );
        defines.def_if(self.has(Ext::V8_3) && self.fp(), "__ARM_FEATURE_JCVT", 1);
        defines.def(&format!("__AARCH64_CMODEL_{}__", self.code_model), 1);
        self.define_extensions(defines);
        defines.def_if(
            ctx.gcc(7),
            "__FLT_EVAL_METHOD_C99__",
            ctx.ts_flt_eval_method(),
        );
    }

    fn define_unconditional(&self, defines: &mut Defines, ctx: &Ctx<'_>) {
        for name in ["__aarch64__", "__ARM_64BIT_STATE", "__ARM_ARCH_ISA_A64"] {
            defines.def(name, 1);
        }
        defines.def("__ARM_ALIGN_MAX_PWR", 28);
        defines.def("__ARM_ALIGN_MAX_STACK_PWR", 16);
        defines.def("__ARM_ARCH_8A", 1);
        defines.def("__ARM_ARCH_PROFILE", 65);
        for name in [
            "__ARM_FEATURE_CLZ",
            "__ARM_FEATURE_IDIV",
            "__ARM_FEATURE_UNALIGNED",
            "__ARM_PCS_AAPCS64",
        ] {
            defines.def(name, 1);
        }
        // gcc's WCHAR_TYPE_SIZE, a constant: `-fshort-wchar` does not change it.
        defines.def("__ARM_SIZEOF_WCHAR_T", 4);
        defines.def_if(ctx.gcc(10), "__GCC_ASM_FLAG_OUTPUTS__", 1);
        if ctx.gcc(14) {
            define_sme_keywords(defines);
        }
    }

    fn define_extensions(&self, defines: &mut Defines) {
        let crypto = self.has(Ext::Aes) && self.has(Ext::Sha2);
        let table: &[(bool, &str)] = &[
            (crypto, "__ARM_FEATURE_CRYPTO"),
            (self.has(Ext::Rdma), "__ARM_FEATURE_QRDMX"),
            (self.has(Ext::Sve), "__ARM_FEATURE_SVE"),
            (self.has(Ext::Sve2), "__ARM_FEATURE_SVE2"),
            (self.has(Ext::Lse), "__ARM_FEATURE_ATOMICS"),
            (self.has(Ext::Aes), "__ARM_FEATURE_AES"),
            (self.has(Ext::Sha2), "__ARM_FEATURE_SHA2"),
            (self.has(Ext::Sha3), "__ARM_FEATURE_SHA3"),
            (self.has(Ext::Sha3), "__ARM_FEATURE_SHA512"),
            (self.has(Ext::Sm4), "__ARM_FEATURE_SM3"),
            (self.has(Ext::Sm4), "__ARM_FEATURE_SM4"),
            (self.has(Ext::Fp16Fml), "__ARM_FEATURE_FP16_FML"),
            (self.has(Ext::Fp16), "__ARM_FEATURE_FP16_SCALAR_ARITHMETIC"),
            (
                self.has(Ext::Fp16) && self.has(Ext::Simd),
                "__ARM_FEATURE_FP16_VECTOR_ARITHMETIC",
            ),
            (self.has(Ext::Frint), "__ARM_FEATURE_FRINT"),
            (self.has(Ext::Tme), "__ARM_FEATURE_TME"),
            (self.has(Ext::Rng), "__ARM_FEATURE_RNG"),
            (self.has(Ext::Memtag), "__ARM_FEATURE_MEMORY_TAGGING"),
            (self.bti, "__ARM_FEATURE_BTI_DEFAULT"),
            (self.has(Ext::I8mm), "__ARM_FEATURE_MATMUL_INT8"),
            (
                self.has(Ext::Bf16) && self.has(Ext::Simd),
                "__ARM_FEATURE_BF16_VECTOR_ARITHMETIC",
            ),
            (self.has(Ext::Bf16), "__ARM_FEATURE_BF16_SCALAR_ARITHMETIC"),
            (self.has(Ext::Ls64), "__ARM_FEATURE_LS64"),
            (self.has(Ext::Rcpc), "__ARM_FEATURE_RCPC"),
        ];
        for &(on, name) in table {
            defines.def_if(on, name, 1);
        }
        defines.def_if(self.pac != 0, "__ARM_FEATURE_PAC_DEFAULT", self.pac);
    }
}

/// The SME state and the ACLE keyword attributes (gcc 14 and later, whatever the
/// extensions): `__arm_streaming` is spelled as a standard attribute, which gcc accepts in
/// every C mode.
fn define_sme_keywords(defines: &mut Defines) {
    defines.def("__ARM_STATE_ZA", 1);
    defines.def("__ARM_STATE_ZT0", 1);
    defines.def("__ARM_NEON_SVE_BRIDGE", 1);
    for name in ["streaming", "streaming_compatible", "locally_streaming"] {
        defines.def(
            &format!("__arm_{name}"),
            format!("[[__extension__ arm::{name}]]"),
        );
    }
    for name in ["new", "preserves", "in", "out", "inout"] {
        defines.def(
            &format!("__arm_{name}(...)"),
            format!("[[__extension__ arm::{name}(__VA_ARGS__)]]"),
        );
    }
}

fn code_model(value: &str, spelling: &str) -> Result<&'static str, InvocationError> {
    match value {
        "tiny" => Ok("TINY"),
        "small" => Ok("SMALL"),
        "large" => Ok("LARGE"),
        _ => Err(InvocationError::bad_value(
            spelling,
            value,
            "expected tiny, small or large",
        )),
    }
}
