//! x86_64: ISA extensions (`-march=`, `-m[no-]sse`, ...), tuning, code model, and the target
//! macros of gcc's `ix86_target_macros`. The tables are gcc 12's (`i386-options.cc`,
//! `common/config/i386`), checked against gcc 12.2 `-dM` output.

use super::super::InvocationError;
use super::{Ctx, Defines};

/// An ISA extension: its `-m` name, its macro, what `-m<name>` also turns on, and what
/// `-mno-<name>` also turns off (gcc's `OPTION_MASK_ISA_*_SET` and `*_UNSET`, which are not
/// inverse to each other: `-mno-sse2` keeps `-maes`).
struct Isa {
    name: &'static str,
    macro_name: Option<&'static str>,
    implies: &'static [&'static str],
    clears: &'static [&'static str],
}

const fn isa(
    name: &'static str,
    macro_name: &'static str,
    implies: &'static [&'static str],
    clears: &'static [&'static str],
) -> Isa {
    Isa {
        name,
        macro_name: Some(macro_name),
        implies,
        clears,
    }
}

/// In the order gcc 12 defines the macros.
#[rustfmt::skip]
const ISA: &[Isa] = &[
    isa("wbnoinvd", "__WBNOINVD__", &[], &[]),
    isa("avx512vp2intersect", "__AVX512VP2INTERSECT__", &["avx512dq"], &[]),
    isa("mmx", "__MMX__", &[], &["3dnow"]),
    isa("3dnow", "__3dNOW__", &["mmx"], &["3dnowa"]),
    isa("3dnowa", "__3dNOW_A__", &["3dnow"], &[]),
    isa("sse", "__SSE__", &[], &["sse2"]),
    isa("sse2", "__SSE2__", &["sse"], &["sse3", "kl"]),
    isa("sse3", "__SSE3__", &["sse2"], &["ssse3", "sse4a"]),
    isa("ssse3", "__SSSE3__", &["sse3"], &["sse4.1"]),
    isa("sse4.1", "__SSE4_1__", &["ssse3"], &["sse4.2"]),
    isa("sse4.2", "__SSE4_2__", &["sse4.1"], &["avx"]),
    isa("aes", "__AES__", &["sse2"], &[]),
    isa("sha", "__SHA__", &["sse2"], &[]),
    isa("pclmul", "__PCLMUL__", &["sse2"], &[]),
    isa("avx", "__AVX__", &["sse4.2", "xsave"], &["avx2", "f16c", "fma", "fma4"]),
    isa("avx2", "__AVX2__", &["avx"], &["avx512f", "avxvnni"]),
    isa("avx512f", "__AVX512F__", &["avx2"], AVX512F_DEPENDENTS),
    isa("avx512er", "__AVX512ER__", &["avx512f"], &[]),
    isa("avx512cd", "__AVX512CD__", &["avx512f"], &[]),
    isa("avx512pf", "__AVX512PF__", &["avx512f"], &[]),
    isa("avx512dq", "__AVX512DQ__", &["avx512f"], &[]),
    isa("avx512bw", "__AVX512BW__", &["avx512f"], &["avx512vbmi", "avx512bf16", "avx512fp16"]),
    isa("avx512vl", "__AVX512VL__", &["avx512f"], &[]),
    isa("avx512vbmi", "__AVX512VBMI__", &["avx512bw"], &[]),
    isa("avx512ifma", "__AVX512IFMA__", &["avx512f"], &[]),
    isa("avx5124vnniw", "__AVX5124VNNIW__", &["avx512f"], &[]),
    isa("avx512vbmi2", "__AVX512VBMI2__", &["avx512f"], &[]),
    isa("avx512vnni", "__AVX512VNNI__", &["avx512f"], &[]),
    isa("pconfig", "__PCONFIG__", &[], &[]),
    isa("sgx", "__SGX__", &[], &[]),
    isa("avx5124fmaps", "__AVX5124FMAPS__", &["avx512f"], &[]),
    isa("avx512bitalg", "__AVX512BITALG__", &["avx512f"], &[]),
    isa("avx512vpopcntdq", "__AVX512VPOPCNTDQ__", &["avx512f"], &[]),
    isa("fma", "__FMA__", &["avx"], &[]),
    isa("rtm", "__RTM__", &[], &[]),
    isa("sse4a", "__SSE4A__", &["sse3"], &["fma4"]),
    isa("fma4", "__FMA4__", &["sse4a", "avx"], &["xop"]),
    isa("xop", "__XOP__", &["fma4"], &[]),
    isa("lwp", "__LWP__", &[], &[]),
    isa("abm", "__ABM__", &["popcnt"], &[]),
    isa("bmi", "__BMI__", &[], &[]),
    isa("bmi2", "__BMI2__", &[], &[]),
    isa("lzcnt", "__LZCNT__", &[], &[]),
    isa("tbm", "__TBM__", &[], &[]),
    isa("crc32", "__CRC32__", &[], &[]),
    isa("popcnt", "__POPCNT__", &[], &[]),
    isa("fsgsbase", "__FSGSBASE__", &[], &[]),
    isa("rdrnd", "__RDRND__", &[], &[]),
    isa("f16c", "__F16C__", &["avx"], &[]),
    isa("rdseed", "__RDSEED__", &[], &[]),
    isa("prfchw", "__PRFCHW__", &[], &[]),
    isa("adx", "__ADX__", &[], &[]),
    isa("fxsr", "__FXSR__", &[], &[]),
    isa("xsave", "__XSAVE__", &[], &["avx", "xsaveopt", "xsavec", "xsaves", "amx-tile"]),
    isa("xsaveopt", "__XSAVEOPT__", &["xsave"], &[]),
    isa("prefetchwt1", "__PREFETCHWT1__", &[], &[]),
    isa("clflushopt", "__CLFLUSHOPT__", &[], &[]),
    isa("clzero", "__CLZERO__", &[], &[]),
    isa("xsavec", "__XSAVEC__", &["xsave"], &[]),
    isa("xsaves", "__XSAVES__", &["xsave"], &[]),
    isa("clwb", "__CLWB__", &[], &[]),
    isa("mwaitx", "__MWAITX__", &[], &[]),
    isa("pku", "__PKU__", &[], &[]),
    isa("rdpid", "__RDPID__", &[], &[]),
    isa("gfni", "__GFNI__", &[], &[]),
    isa("shstk", "__SHSTK__", &[], &[]),
    isa("vaes", "__VAES__", &[], &[]),
    isa("vpclmulqdq", "__VPCLMULQDQ__", &[], &[]),
    isa("movdiri", "__MOVDIRI__", &[], &[]),
    isa("movdir64b", "__MOVDIR64B__", &[], &[]),
    isa("waitpkg", "__WAITPKG__", &[], &[]),
    isa("cldemote", "__CLDEMOTE__", &[], &[]),
    isa("serialize", "__SERIALIZE__", &[], &[]),
    isa("ptwrite", "__PTWRITE__", &[], &[]),
    isa("avx512bf16", "__AVX512BF16__", &["avx512bw"], &[]),
    isa("avx512fp16", "__AVX512FP16__", &["avx512bw"], &[]),
    isa("enqcmd", "__ENQCMD__", &[], &[]),
    isa("tsxldtrk", "__TSXLDTRK__", &[], &[]),
    isa("amx-tile", "__AMX_TILE__", &["xsave"], &[]),
    isa("amx-int8", "__AMX_INT8__", &[], &[]),
    isa("amx-bf16", "__AMX_BF16__", &[], &[]),
    isa("sahf", "__LAHF_SAHF__", &[], &[]),
    isa("movbe", "__MOVBE__", &[], &[]),
    isa("uintr", "__UINTR__", &[], &[]),
    isa("hreset", "__HRESET__", &[], &[]),
    isa("kl", "__KL__", &["sse2"], &["widekl"]),
    isa("widekl", "__WIDEKL__", &["kl"], &[]),
    isa("avxvnni", "__AVXVNNI__", &["avx2"], &[]),
    // Without a macro of their own: cx16 shows in `__GCC_HAVE_SYNC_COMPARE_AND_SWAP_16`,
    // 80387 (`-mno-80387`, `-msoft-float`) in `_SOFT_FLOAT` and the float macros.
    Isa { name: "cx16", macro_name: None, implies: &[], clears: &[] },
    Isa { name: "hle", macro_name: None, implies: &[], clears: &[] },
    Isa { name: "mwait", macro_name: None, implies: &[], clears: &[] },
    Isa { name: "80387", macro_name: None, implies: &[], clears: &[] },
];

const AVX512F_DEPENDENTS: &[&str] = &[
    "avx512er",
    "avx512cd",
    "avx512pf",
    "avx512dq",
    "avx512bw",
    "avx512vl",
    "avx512ifma",
    "avx5124vnniw",
    "avx512vbmi2",
    "avx512vnni",
    "avx5124fmaps",
    "avx512bitalg",
    "avx512vpopcntdq",
    "avx512vp2intersect",
];

/// Macros gcc defines among the ISA ones, after the named extension's.
const MATH_AFTER: &str = "prefetchwt1";
const MMX_WITH_SSE_AFTER: &str = "avx512fp16";

/// `-march=` CPUs: the macros naming the CPU and its ISA extensions (gcc's `PTA_*`; what gcc
/// derives, `crc32` from SSE4.2, `lzcnt` and `popcnt` from ABM, is left out). `-march=` also tunes for the CPU, except
/// for the `x86-64` levels, which tune generically.
#[rustfmt::skip]
const CPUS: &[(&str, &[&str], &str)] = &[
    ("nocona", &["__nocona", "__nocona__"], "mmx sse sse2 sse3 fxsr cx16"),
    ("core2", &["__core2", "__core2__"], "mmx sse sse2 sse3 ssse3 fxsr sahf cx16"),
    ("nehalem", &["__corei7", "__corei7__", "__nehalem", "__nehalem__"], "mmx sse sse2 sse3 ssse3 sse4.1 sse4.2 popcnt fxsr sahf cx16"),
    ("corei7", &["__corei7", "__corei7__", "__nehalem", "__nehalem__"], "mmx sse sse2 sse3 ssse3 sse4.1 sse4.2 popcnt fxsr sahf cx16"),
    ("westmere", &["__corei7", "__corei7__", "__nehalem", "__nehalem__"], "mmx sse sse2 sse3 ssse3 sse4.1 sse4.2 pclmul popcnt fxsr sahf cx16"),
    ("sandybridge", &["__corei7_avx", "__corei7_avx__", "__sandybridge", "__sandybridge__"], "mmx sse sse2 sse3 ssse3 sse4.1 sse4.2 pclmul avx popcnt fxsr xsave xsaveopt sahf cx16"),
    ("corei7-avx", &["__corei7_avx", "__corei7_avx__", "__sandybridge", "__sandybridge__"], "mmx sse sse2 sse3 ssse3 sse4.1 sse4.2 pclmul avx popcnt fxsr xsave xsaveopt sahf cx16"),
    ("ivybridge", &["__corei7_avx", "__corei7_avx__", "__sandybridge", "__sandybridge__"], "mmx sse sse2 sse3 ssse3 sse4.1 sse4.2 pclmul avx popcnt fsgsbase rdrnd f16c fxsr xsave xsaveopt sahf cx16"),
    ("core-avx-i", &["__corei7_avx", "__corei7_avx__", "__sandybridge", "__sandybridge__"], "mmx sse sse2 sse3 ssse3 sse4.1 sse4.2 pclmul avx popcnt fsgsbase rdrnd f16c fxsr xsave xsaveopt sahf cx16"),
    ("haswell", &["__core_avx2", "__core_avx2__", "__haswell", "__haswell__"], "mmx sse sse2 sse3 ssse3 sse4.1 sse4.2 pclmul avx avx2 fma bmi bmi2 lzcnt popcnt fsgsbase rdrnd f16c fxsr xsave xsaveopt sahf movbe cx16"),
    ("core-avx2", &["__core_avx2", "__core_avx2__", "__haswell", "__haswell__"], "mmx sse sse2 sse3 ssse3 sse4.1 sse4.2 pclmul avx avx2 fma bmi bmi2 lzcnt popcnt fsgsbase rdrnd f16c fxsr xsave xsaveopt sahf movbe cx16"),
    ("broadwell", &["__core_avx2", "__core_avx2__", "__haswell", "__haswell__"], "mmx sse sse2 sse3 ssse3 sse4.1 sse4.2 pclmul avx avx2 fma bmi bmi2 lzcnt popcnt fsgsbase rdrnd f16c rdseed prfchw adx fxsr xsave xsaveopt sahf movbe cx16"),
    ("skylake", &["__skylake", "__skylake__"], "mmx sse sse2 sse3 ssse3 sse4.1 sse4.2 aes pclmul avx avx2 sgx fma bmi bmi2 lzcnt popcnt fsgsbase rdrnd f16c rdseed prfchw adx fxsr xsave xsaveopt clflushopt xsavec xsaves sahf movbe cx16"),
    ("skylake-avx512", &["__skylake_avx512", "__skylake_avx512__"], "mmx sse sse2 sse3 ssse3 sse4.1 sse4.2 aes pclmul avx avx2 avx512f avx512cd avx512dq avx512bw avx512vl sgx fma bmi bmi2 lzcnt popcnt fsgsbase rdrnd f16c rdseed prfchw adx fxsr xsave xsaveopt clflushopt xsavec xsaves clwb pku sahf movbe cx16"),
    ("cannonlake", &["__cannonlake", "__cannonlake__"], "mmx sse sse2 sse3 ssse3 sse4.1 sse4.2 aes sha pclmul avx avx2 avx512f avx512cd avx512dq avx512bw avx512vl avx512vbmi avx512ifma sgx fma bmi bmi2 lzcnt popcnt fsgsbase rdrnd f16c rdseed prfchw adx fxsr xsave xsaveopt clflushopt xsavec xsaves pku sahf movbe cx16"),
    ("icelake-client", &["__icelake_client", "__icelake_client__"], "mmx sse sse2 sse3 ssse3 sse4.1 sse4.2 aes sha pclmul avx avx2 avx512f avx512cd avx512dq avx512bw avx512vl avx512vbmi avx512ifma avx512vbmi2 avx512vnni sgx avx512bitalg avx512vpopcntdq fma bmi bmi2 lzcnt popcnt fsgsbase rdrnd f16c rdseed prfchw adx fxsr xsave xsaveopt clflushopt xsavec xsaves pku rdpid gfni vaes vpclmulqdq sahf movbe cx16"),
    ("rocketlake", &["__rocketlake", "__rocketlake__"], "mmx sse sse2 sse3 ssse3 sse4.1 sse4.2 aes sha pclmul avx avx2 avx512f avx512cd avx512dq avx512bw avx512vl avx512vbmi avx512ifma avx512vbmi2 avx512vnni avx512bitalg avx512vpopcntdq fma bmi bmi2 lzcnt popcnt fsgsbase rdrnd f16c rdseed prfchw adx fxsr xsave xsaveopt clflushopt xsavec xsaves pku rdpid gfni vaes vpclmulqdq sahf movbe cx16"),
    ("icelake-server", &["__icelake_server", "__icelake_server__"], "wbnoinvd mmx sse sse2 sse3 ssse3 sse4.1 sse4.2 aes sha pclmul avx avx2 avx512f avx512cd avx512dq avx512bw avx512vl avx512vbmi avx512ifma avx512vbmi2 avx512vnni pconfig sgx avx512bitalg avx512vpopcntdq fma bmi bmi2 lzcnt popcnt fsgsbase rdrnd f16c rdseed prfchw adx fxsr xsave xsaveopt clflushopt xsavec xsaves clwb pku rdpid gfni vaes vpclmulqdq sahf movbe cx16"),
    ("cascadelake", &["__cascadelake", "__cascadelake__"], "mmx sse sse2 sse3 ssse3 sse4.1 sse4.2 aes pclmul avx avx2 avx512f avx512cd avx512dq avx512bw avx512vl avx512vnni sgx fma bmi bmi2 lzcnt popcnt fsgsbase rdrnd f16c rdseed prfchw adx fxsr xsave xsaveopt clflushopt xsavec xsaves clwb pku sahf movbe cx16"),
    ("tigerlake", &["__tigerlake", "__tigerlake__"], "avx512vp2intersect mmx sse sse2 sse3 ssse3 sse4.1 sse4.2 aes sha pclmul avx avx2 avx512f avx512cd avx512dq avx512bw avx512vl avx512vbmi avx512ifma avx512vbmi2 avx512vnni sgx avx512bitalg avx512vpopcntdq fma bmi bmi2 lzcnt popcnt fsgsbase rdrnd f16c rdseed prfchw adx fxsr xsave xsaveopt clflushopt xsavec xsaves clwb pku rdpid gfni vaes vpclmulqdq movdiri movdir64b sahf movbe kl widekl cx16"),
    ("cooperlake", &["__cooperlake", "__cooperlake__"], "mmx sse sse2 sse3 ssse3 sse4.1 sse4.2 aes pclmul avx avx2 avx512f avx512cd avx512dq avx512bw avx512vl avx512vnni sgx fma bmi bmi2 lzcnt popcnt fsgsbase rdrnd f16c rdseed prfchw adx fxsr xsave xsaveopt clflushopt xsavec xsaves clwb pku avx512bf16 sahf movbe cx16"),
    ("sapphirerapids", &["__sapphirerapids", "__sapphirerapids__"], "wbnoinvd avx512vp2intersect mmx sse sse2 sse3 ssse3 sse4.1 sse4.2 aes sha pclmul avx avx2 avx512f avx512cd avx512dq avx512bw avx512vl avx512vbmi avx512ifma avx512vbmi2 avx512vnni pconfig sgx avx512bitalg avx512vpopcntdq fma bmi bmi2 lzcnt popcnt fsgsbase rdrnd f16c rdseed prfchw adx fxsr xsave xsaveopt clflushopt xsavec xsaves clwb pku rdpid gfni vaes vpclmulqdq movdiri movdir64b waitpkg cldemote serialize ptwrite avx512bf16 avx512fp16 enqcmd tsxldtrk amx-tile amx-int8 amx-bf16 sahf movbe uintr avxvnni cx16"),
    ("alderlake", &["__alderlake", "__alderlake__"], "mmx sse sse2 sse3 ssse3 sse4.1 sse4.2 aes sha pclmul avx avx2 pconfig sgx fma bmi bmi2 lzcnt popcnt fsgsbase rdrnd f16c rdseed prfchw adx fxsr xsave xsaveopt clflushopt xsavec xsaves clwb pku rdpid gfni vaes vpclmulqdq movdiri movdir64b waitpkg cldemote serialize ptwrite sahf movbe hreset kl widekl avxvnni cx16"),
    ("bonnell", &["__atom", "__atom__", "__bonnell", "__bonnell__"], "mmx sse sse2 sse3 ssse3 fxsr sahf movbe cx16"),
    ("atom", &["__atom", "__atom__", "__bonnell", "__bonnell__"], "mmx sse sse2 sse3 ssse3 fxsr sahf movbe cx16"),
    ("silvermont", &["__slm", "__slm__", "__silvermont", "__silvermont__"], "mmx sse sse2 sse3 ssse3 sse4.1 sse4.2 pclmul popcnt rdrnd prfchw fxsr sahf movbe cx16"),
    ("slm", &["__slm", "__slm__", "__silvermont", "__silvermont__"], "mmx sse sse2 sse3 ssse3 sse4.1 sse4.2 pclmul popcnt rdrnd prfchw fxsr sahf movbe cx16"),
    ("goldmont", &["__goldmont", "__goldmont__"], "mmx sse sse2 sse3 ssse3 sse4.1 sse4.2 aes sha pclmul popcnt fsgsbase rdrnd rdseed prfchw fxsr xsave xsaveopt clflushopt xsavec xsaves sahf movbe cx16"),
    ("goldmont-plus", &["__goldmont_plus", "__goldmont_plus__"], "mmx sse sse2 sse3 ssse3 sse4.1 sse4.2 aes sha pclmul sgx popcnt fsgsbase rdrnd rdseed prfchw fxsr xsave xsaveopt clflushopt xsavec xsaves rdpid ptwrite sahf movbe cx16"),
    ("tremont", &["__tremont", "__tremont__"], "mmx sse sse2 sse3 ssse3 sse4.1 sse4.2 aes sha pclmul sgx popcnt fsgsbase rdrnd rdseed prfchw fxsr xsave xsaveopt clflushopt xsavec xsaves clwb rdpid gfni movdiri movdir64b waitpkg cldemote ptwrite sahf movbe cx16"),
    ("knl", &["__knl", "__knl__"], "mmx sse sse2 sse3 ssse3 sse4.1 sse4.2 pclmul avx avx2 avx512f avx512er avx512cd avx512pf fma bmi bmi2 lzcnt popcnt fsgsbase rdrnd f16c rdseed prfchw adx fxsr xsave xsaveopt prefetchwt1 sahf movbe cx16"),
    ("knm", &["__knm", "__knm__"], "mmx sse sse2 sse3 ssse3 sse4.1 sse4.2 pclmul avx avx2 avx512f avx512er avx512cd avx512pf avx5124vnniw avx5124fmaps avx512vpopcntdq fma bmi bmi2 lzcnt popcnt fsgsbase rdrnd f16c rdseed prfchw adx fxsr xsave xsaveopt prefetchwt1 sahf movbe cx16"),
    ("x86-64", &["__k8", "__k8__"], "mmx sse sse2 fxsr"),
    ("x86-64-v2", &["__k8", "__k8__"], "mmx sse sse2 sse3 ssse3 sse4.1 sse4.2 popcnt fxsr sahf cx16"),
    ("x86-64-v3", &["__k8", "__k8__"], "mmx sse sse2 sse3 ssse3 sse4.1 sse4.2 avx avx2 fma bmi bmi2 lzcnt popcnt f16c fxsr xsave sahf movbe cx16"),
    ("x86-64-v4", &["__k8", "__k8__"], "mmx sse sse2 sse3 ssse3 sse4.1 sse4.2 avx avx2 avx512f avx512cd avx512dq avx512bw avx512vl fma bmi bmi2 lzcnt popcnt f16c fxsr xsave sahf movbe cx16"),
    ("eden-x2", &["__k8", "__k8__"], "mmx sse sse2 sse3 fxsr sahf"),
    ("nano", &["__k8", "__k8__"], "mmx sse sse2 sse3 ssse3 fxsr sahf"),
    ("nano-1000", &["__k8", "__k8__"], "mmx sse sse2 sse3 ssse3 fxsr sahf"),
    ("nano-2000", &["__k8", "__k8__"], "mmx sse sse2 sse3 ssse3 fxsr sahf"),
    ("nano-3000", &["__k8", "__k8__"], "mmx sse sse2 sse3 ssse3 sse4.1 fxsr sahf"),
    ("nano-x2", &["__k8", "__k8__"], "mmx sse sse2 sse3 ssse3 sse4.1 fxsr sahf"),
    ("eden-x4", &["__k8", "__k8__"], "mmx sse sse2 sse3 ssse3 sse4.1 fxsr sahf"),
    ("nano-x4", &["__k8", "__k8__"], "mmx sse sse2 sse3 ssse3 sse4.1 fxsr sahf"),
    ("k8", &["__k8", "__k8__"], "mmx 3dnow 3dnowa sse sse2 fxsr"),
    ("k8-sse3", &["__k8", "__k8__"], "mmx 3dnow 3dnowa sse sse2 sse3 fxsr"),
    ("opteron", &["__k8", "__k8__"], "mmx 3dnow 3dnowa sse sse2 fxsr"),
    ("opteron-sse3", &["__k8", "__k8__"], "mmx 3dnow 3dnowa sse sse2 sse3 fxsr"),
    ("athlon64", &["__k8", "__k8__"], "mmx 3dnow 3dnowa sse sse2 fxsr"),
    ("athlon64-sse3", &["__k8", "__k8__"], "mmx 3dnow 3dnowa sse sse2 sse3 fxsr"),
    ("athlon-fx", &["__k8", "__k8__"], "mmx 3dnow 3dnowa sse sse2 fxsr"),
    ("amdfam10", &["__amdfam10", "__amdfam10__"], "mmx 3dnow 3dnowa sse sse2 sse3 sse4a abm prfchw fxsr sahf cx16"),
    ("barcelona", &["__amdfam10", "__amdfam10__"], "mmx 3dnow 3dnowa sse sse2 sse3 sse4a abm prfchw fxsr sahf cx16"),
    ("bdver1", &["__bdver1", "__bdver1__"], "mmx sse sse2 sse3 ssse3 sse4.1 sse4.2 aes pclmul avx sse4a fma4 xop lwp abm prfchw fxsr xsave sahf cx16"),
    ("bdver2", &["__bdver2", "__bdver2__"], "mmx sse sse2 sse3 ssse3 sse4.1 sse4.2 aes pclmul avx fma sse4a fma4 xop lwp abm bmi tbm f16c prfchw fxsr xsave sahf cx16"),
    ("bdver3", &["__bdver3", "__bdver3__"], "mmx sse sse2 sse3 ssse3 sse4.1 sse4.2 aes pclmul avx fma sse4a fma4 xop lwp abm bmi tbm fsgsbase f16c prfchw fxsr xsave xsaveopt sahf cx16"),
    ("bdver4", &["__bdver4", "__bdver4__"], "mmx sse sse2 sse3 ssse3 sse4.1 sse4.2 aes pclmul avx avx2 fma sse4a fma4 xop lwp abm bmi bmi2 tbm fsgsbase rdrnd f16c prfchw fxsr xsave xsaveopt mwaitx sahf movbe cx16"),
    ("znver1", &["__znver1", "__znver1__"], "mmx sse sse2 sse3 ssse3 sse4.1 sse4.2 aes sha pclmul avx avx2 fma sse4a abm bmi bmi2 lzcnt popcnt fsgsbase rdrnd f16c rdseed prfchw adx fxsr xsave xsaveopt clflushopt clzero xsavec xsaves mwaitx sahf movbe cx16"),
    ("znver2", &["__znver2", "__znver2__"], "wbnoinvd mmx sse sse2 sse3 ssse3 sse4.1 sse4.2 aes sha pclmul avx avx2 fma sse4a abm bmi bmi2 lzcnt popcnt fsgsbase rdrnd f16c rdseed prfchw adx fxsr xsave xsaveopt clflushopt clzero xsavec xsaves clwb mwaitx rdpid sahf movbe cx16"),
    ("znver3", &["__znver3", "__znver3__"], "wbnoinvd mmx sse sse2 sse3 ssse3 sse4.1 sse4.2 aes sha pclmul avx avx2 fma sse4a abm bmi bmi2 lzcnt popcnt fsgsbase rdrnd f16c rdseed prfchw adx fxsr xsave xsaveopt clflushopt clzero xsavec xsaves clwb mwaitx pku rdpid vaes vpclmulqdq sahf movbe cx16"),
    ("btver1", &["__btver1", "__btver1__"], "mmx sse sse2 sse3 ssse3 sse4a abm prfchw fxsr xsave sahf cx16"),
    ("btver2", &["__btver2", "__btver2__"], "mmx sse sse2 sse3 ssse3 sse4.1 sse4.2 aes pclmul avx sse4a abm bmi f16c prfchw fxsr xsave xsaveopt sahf movbe cx16"),
];

/// `-mtune=` CPUs and their `__tune_*__` macros (none for `generic` and `intel`).
#[rustfmt::skip]
const TUNES: &[(&str, &[&str])] = &[
    ("nocona", &["__tune_nocona__"]),
    ("core2", &["__tune_core2__"]),
    ("nehalem", &["__tune_corei7__", "__tune_nehalem__"]),
    ("corei7", &["__tune_corei7__", "__tune_nehalem__"]),
    ("westmere", &["__tune_corei7__", "__tune_nehalem__"]),
    ("sandybridge", &["__tune_corei7_avx__", "__tune_sandybridge__"]),
    ("corei7-avx", &["__tune_corei7_avx__", "__tune_sandybridge__"]),
    ("ivybridge", &["__tune_corei7_avx__", "__tune_sandybridge__"]),
    ("core-avx-i", &["__tune_corei7_avx__", "__tune_sandybridge__"]),
    ("haswell", &["__tune_core_avx2__", "__tune_haswell__"]),
    ("core-avx2", &["__tune_core_avx2__", "__tune_haswell__"]),
    ("broadwell", &["__tune_core_avx2__", "__tune_haswell__"]),
    ("skylake", &["__tune_skylake__"]),
    ("skylake-avx512", &["__tune_skylake_avx512__"]),
    ("cannonlake", &["__tune_cannonlake__"]),
    ("icelake-client", &["__tune_icelake_client__"]),
    ("rocketlake", &["__tune_rocketlake__"]),
    ("icelake-server", &["__tune_icelake_server__"]),
    ("cascadelake", &["__tune_cascadelake__"]),
    ("tigerlake", &["__tune_tigerlake__"]),
    ("cooperlake", &["__tune_cooperlake__"]),
    ("sapphirerapids", &["__tune_sapphirerapids__"]),
    ("alderlake", &["__tune_alderlake__"]),
    ("bonnell", &["__tune_atom__", "__tune_bonnell__"]),
    ("atom", &["__tune_atom__", "__tune_bonnell__"]),
    ("silvermont", &["__tune_slm__", "__tune_silvermont__"]),
    ("slm", &["__tune_slm__", "__tune_silvermont__"]),
    ("goldmont", &["__tune_goldmont__"]),
    ("goldmont-plus", &["__tune_goldmont_plus__"]),
    ("tremont", &["__tune_tremont__"]),
    ("knl", &["__tune_knl__"]),
    ("knm", &["__tune_knm__"]),
    ("intel", &[]),
    ("x86-64", &["__tune_k8__"]),
    ("eden-x2", &["__tune_k8__"]),
    ("nano", &["__tune_k8__"]),
    ("nano-1000", &["__tune_k8__"]),
    ("nano-2000", &["__tune_k8__"]),
    ("nano-3000", &["__tune_k8__"]),
    ("nano-x2", &["__tune_k8__"]),
    ("eden-x4", &["__tune_k8__"]),
    ("nano-x4", &["__tune_k8__"]),
    ("k8", &["__tune_k8__"]),
    ("k8-sse3", &["__tune_k8__"]),
    ("opteron", &["__tune_k8__"]),
    ("opteron-sse3", &["__tune_k8__"]),
    ("athlon64", &["__tune_k8__"]),
    ("athlon64-sse3", &["__tune_k8__"]),
    ("athlon-fx", &["__tune_k8__"]),
    ("amdfam10", &["__tune_amdfam10__"]),
    ("barcelona", &["__tune_amdfam10__"]),
    ("bdver1", &["__tune_bdver1__"]),
    ("bdver2", &["__tune_bdver2__"]),
    ("bdver3", &["__tune_bdver3__"]),
    ("bdver4", &["__tune_bdver4__"]),
    ("znver1", &["__tune_znver1__"]),
    ("znver2", &["__tune_znver2__"]),
    ("znver3", &["__tune_znver3__"]),
    ("btver1", &["__tune_btver1__"]),
    ("btver2", &["__tune_btver2__"]),
    ("generic", &[]),
];

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
