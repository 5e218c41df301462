//! x86_64: ISA extensions (`-march=`, `-m[no-]sse`, ...), tuning, code model, and the target
//! macros of gcc's `ix86_target_macros`. The tables are gcc 12's (`i386-options.cc`,
//! `common/config/i386`), checked against gcc 12.2 `-dM` output.

use super::super::InvocationError;
use super::x86_tables::{CPUS, ISA, Isa, MATH_AFTER, MMX_WITH_SSE_AFTER, TUNES};
use super::{Ctx, Defines};

/// A set of [`ISA`] entries, by index.
type IsaSet = u128;

fn bit(name: &str) -> IsaSet {
    ISA.iter()
        .position(|isa| isa.name == name)
        .map_or(0, |index| 1 << index)
}

/// `name` and everything reachable through `next` (what it implies, or what it clears).
fn closure(name: &str, next: fn(&Isa) -> &'static [&'static str]) -> IsaSet {
    let mut set = 0;
    let mut pending = vec![name];
    while let Some(name) = pending.pop() {
        let Some(index) = ISA.iter().position(|isa| isa.name == name) else {
            continue;
        };
        if set & (1 << index) == 0 {
            set |= 1 << index;
            pending.extend(next(&ISA[index]).iter().copied());
        }
    }
    set
}

/// Extensions gcc turns on at the end for others that are on, unless an option decided them:
/// `-mno-crc32 -msse4.2` has no CRC32.
const SOFT_IMPLIES: &[(&str, &[&str])] = &[
    ("sse4.2", &["crc32", "popcnt"]),
    ("abm", &["lzcnt", "popcnt"]),
];

fn soft_implied(isa: IsaSet) -> IsaSet {
    let implied = SOFT_IMPLIES.iter().filter(|(from, _)| isa & bit(from) != 0);
    implied
        .flat_map(|(_, names)| names.iter())
        .fold(0, |set, name| set | bit(name))
}

/// What `-mgeneral-regs-only` turns off: MMX, SSE, AVX and the x87.
fn general_regs() -> IsaSet {
    let clears = |name| closure(name, |isa| isa.clears);
    clears("mmx") | clears("sse") | clears("80387")
}

/// What an ISA option does: extensions turned on, extensions turned off.
fn isa_change(option: &str) -> Option<(IsaSet, IsaSet)> {
    let on = |name| Some((closure(name, |isa| isa.implies), 0));
    let off = |name| Some((0, closure(name, |isa| isa.clears)));
    match option {
        "sse4" => on("sse4.2"),
        "no-sse4" => off("sse4.1"),
        "hard-float" => on("80387"),
        "soft-float" => off("80387"),
        _ => match option.strip_prefix("no-") {
            Some(name) if bit(name) != 0 => off(name),
            None if bit(option) != 0 => on(option),
            _ => None,
        },
    }
}

/// `-mfpmath=`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FpMath {
    Default,
    X87,
    Sse,
    Both,
}

/// The x86_64 machine options, resolved.
#[derive(Debug, Clone)]
pub(crate) struct X86 {
    isa: IsaSet,
    cpu: &'static [&'static str],
    tune: &'static [&'static str],
    code_model: &'static str,
    fpmath: FpMath,
    pub(crate) ignored: Vec<String>,
}

/// Options read so far: extensions turned on and off explicitly, `-march=`, `-mtune=`.
struct Reading {
    on: IsaSet,
    explicit: IsaSet,
    cpu: Option<usize>,
    tune: Option<usize>,
    x86: X86,
}

impl X86 {
    pub(crate) fn read(machine: &[(String, String)]) -> Result<X86, InvocationError> {
        let x86 = X86 {
            isa: 0,
            cpu: &[],
            tune: &[],
            code_model: "small",
            fpmath: FpMath::Default,
            ignored: Vec::new(),
        };
        let mut reading = Reading {
            on: 0,
            explicit: 0,
            cpu: None,
            tune: None,
            x86,
        };
        for (option, spelling) in machine {
            if !reading.apply(option, spelling)? {
                reading.x86.ignored.push(spelling.clone());
            }
        }
        Ok(reading.finish())
    }

    fn has(&self, name: &str) -> bool {
        self.isa & bit(name) != 0
    }

    fn x87(&self) -> bool {
        self.has("80387")
    }

    /// SSE registers do the scalar float math (`-mfpmath=sse`, the 64-bit default).
    fn sse_math(&self) -> bool {
        self.has("sse") && self.fpmath != FpMath::X87
    }

    /// The excess precision gcc 7 and later announce in `__FLT_EVAL_METHOD_TS_18661_3__`
    /// (`ix86_get_excess_precision`); -1 is "indeterminable".
    pub(crate) fn flt_eval_method(&self, since_gcc7: bool) -> i32 {
        let mix = self.fpmath == FpMath::Both && self.has("sse");
        if !since_gcc7 {
            // gcc 6's TARGET_FLT_EVAL_METHOD.
            return match (mix, self.x87() && !self.sse_math(), self.has("sse2")) {
                (true, ..) => -1,
                (_, true, _) => 2,
                (_, _, true) => 0,
                _ => -1,
            };
        }
        match () {
            _ if self.has("avx512fp16") && self.sse_math() => 16,
            _ if !self.x87() => 0,
            _ if mix => -1,
            _ if !self.sse_math() => 2,
            _ if self.has("sse2") => 0,
            _ => -1,
        }
    }

    /// gcc's `float_exceptions_rounding_supported_p`: some hardware does the float math.
    pub(crate) fn hardware_float(&self) -> bool {
        self.x87() || self.sse_math()
    }

    pub(crate) fn biggest_alignment(&self) -> u32 {
        match () {
            _ if self.has("avx512f") => 64,
            _ if self.has("avx") => 32,
            _ => 16,
        }
    }

    /// `_Float16` and `__bf16` need SSE2 before gcc 14, which emulates them without it.
    pub(crate) fn half_floats(&self, gcc14: bool) -> bool {
        gcc14 || self.has("sse2")
    }

    /// A fused multiply-add for `float` and `double`.
    pub(crate) fn fast_fma(&self) -> bool {
        (self.has("fma") || self.has("fma4") || self.has("avx512f")) && self.sse_math()
    }

    /// gcc 12 has no `__FP_FAST_FMAF16`, even with AVX512-FP16.
    pub(crate) fn fast_fma16(&self) -> bool {
        false
    }

    pub(crate) fn cmpxchg16b(&self) -> bool {
        self.has("cx16")
    }

    /// gcc's `ix86_target_macros`.
    pub(crate) fn define(&self, defines: &mut Defines, ctx: &Ctx<'_>) {
        for name in ["__amd64", "__amd64__", "__x86_64", "__x86_64__"] {
            defines.def(name, 1);
        }
        if !self.x87() {
            defines.def("_SOFT_FLOAT", 1);
        }
        defines.def("__SIZEOF_FLOAT80__", 16);
        defines.def("__SIZEOF_FLOAT128__", 16);
        defines.def("__ATOMIC_HLE_ACQUIRE", 65536);
        defines.def("__ATOMIC_HLE_RELEASE", 131072);
        defines.def_if(ctx.gcc(6), "__GCC_ASM_FLAG_OUTPUTS__", 1);
        for name in self.cpu.iter().chain(self.tune) {
            defines.def(name, 1);
        }
        defines.def(&format!("__code_model_{}__", self.code_model), 1);
        self.define_isa(defines, ctx);
        defines.def_if(ctx.gcc(6), "__SEG_FS", 1);
        defines.def_if(ctx.gcc(6), "__SEG_GS", 1);
        let cet = ctx.settings.codegen.cf_protection;
        defines.def_if(ctx.gcc(8) && cet != 0, "__CET__", cet);
    }

    fn define_isa(&self, defines: &mut Defines, ctx: &Ctx<'_>) {
        for isa in ISA {
            if let Some(name) = isa.macro_name.filter(|_| self.has(isa.name)) {
                defines.def(name, 1);
            }
            if isa.name == MATH_AFTER {
                defines.def_if(self.sse_math(), "__SSE_MATH__", 1);
                defines.def_if(self.sse_math() && self.has("sse2"), "__SSE2_MATH__", 1);
            }
            if isa.name == MMX_WITH_SSE_AFTER {
                defines.def_if(ctx.gcc(10) && self.has("sse2"), "__MMX_WITH_SSE__", 1);
            }
        }
    }
}

impl Reading {
    /// Applies one `-m` option; false if it has no effect on klp-ccp.
    fn apply(&mut self, option: &str, spelling: &str) -> Result<bool, InvocationError> {
        if let Some((on, off)) = isa_change(option) {
            self.on = (self.on | on) & !off;
            self.explicit |= on | off;
            return Ok(true);
        }
        if option == "general-regs-only" {
            // gcc derives CRC32 and POPCNT from an SSE4.2 it then turns off.
            self.on |= soft_implied(self.on) & !self.explicit;
            self.on &= !general_regs();
            self.explicit |= general_regs();
            return Ok(true);
        }
        let Some((name, value)) = option.split_once('=') else {
            return match option {
                "32" | "x32" | "16" => Err(InvocationError::unsupported(
                    spelling,
                    "klp-ccp supports 64-bit x86_64 only",
                )),
                "64" => Ok(true),
                _ => Ok(false),
            };
        };
        match name {
            "arch" => self.cpu = Some(lookup(CPUS.iter().map(|cpu| cpu.0), value, spelling)?),
            "tune" | "cpu" => {
                self.tune = Some(lookup(TUNES.iter().map(|tune| tune.0), value, spelling)?)
            }
            "cmodel" => self.x86.code_model = code_model(value, spelling)?,
            "fpmath" => self.x86.fpmath = fpmath(value, spelling)?,
            _ => return Ok(false),
        }
        Ok(true)
    }

    /// `-march=`'s extensions apply where no option decided (gcc's `ix86_isa_flags_explicit`).
    fn finish(mut self) -> X86 {
        let default_cpu = CPUS.iter().position(|cpu| cpu.0 == "x86-64").unwrap_or(0);
        let (cpu_name, cpu_macros, cpu_isa) = CPUS[self.cpu.unwrap_or(default_cpu)];
        let cpu_isa = cpu_isa
            .split_whitespace()
            .fold(bit("80387"), |set, name| set | bit(name));
        let mut isa = self.on | (cpu_isa & !self.explicit);
        isa |= soft_implied(isa) & !self.explicit;
        let tune_name = if cpu_name.starts_with("x86-64") {
            "generic"
        } else {
            cpu_name
        };
        let tune = self
            .tune
            .or_else(|| TUNES.iter().position(|tune| tune.0 == tune_name));
        self.x86.isa = isa;
        self.x86.cpu = cpu_macros;
        self.x86.tune = tune.map_or(&[], |index| TUNES[index].1);
        self.x86
    }
}

/// The index of `value` among `names`; `native` is refused as it depends on the build host.
fn lookup<'a>(
    names: impl Iterator<Item = &'a str>,
    value: &str,
    spelling: &str,
) -> Result<usize, InvocationError> {
    if value == "native" {
        return Err(InvocationError::unsupported(
            spelling,
            "it depends on the build host: name the CPU",
        ));
    }
    let mut names = names;
    names.position(|name| name == value).ok_or_else(|| {
        InvocationError::bad_value(spelling, value, "not a 64-bit x86 CPU gcc knows")
    })
}

fn code_model(value: &str, spelling: &str) -> Result<&'static str, InvocationError> {
    ["small", "kernel", "medium", "large"]
        .into_iter()
        .find(|model| *model == value)
        .ok_or_else(|| {
            InvocationError::bad_value(spelling, value, "expected small, kernel, medium or large")
        })
}

fn fpmath(value: &str, spelling: &str) -> Result<FpMath, InvocationError> {
    match value {
        "387" => Ok(FpMath::X87),
        "sse" => Ok(FpMath::Sse),
        "both" | "sse+387" | "387+sse" | "sse,387" | "387,sse" => Ok(FpMath::Both),
        _ => Err(InvocationError::bad_value(
            spelling,
            value,
            "expected 387, sse or both",
        )),
    }
}
