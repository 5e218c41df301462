//! klp-ccp's predefined macros for `x86_64-gcc-12.2.0` against this machine's gcc 12.2.0:
//! for each option set, the macros klp-ccp defines (`builtin_defines`, then the
//! `command_line_defines`) must equal `gcc <options> -dM -E -xc /dev/null`.
//! Skipped (with a message) when gcc is absent or another version.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use syntax::invocation::parse_invocation;

const COMPILER: &str = "x86_64-gcc-12.2.0";

/// The x86_64 kernel's command line (Linux 6.x, gcc 12), without warning options.
const KERNEL: &str = "-nostdinc -I./arch/x86/include -I./arch/x86/include/generated -I./include \
    -I./arch/x86/include/uapi -I./arch/x86/include/generated/uapi -I./include/uapi \
    -I./include/generated/uapi -include ./include/linux/compiler-version.h \
    -include ./include/linux/kconfig.h -include ./include/linux/compiler_types.h -D__KERNEL__ \
    -fmacro-prefix-map=./= -std=gnu11 -fshort-wchar -funsigned-char -fno-common -fno-PIE \
    -fno-strict-aliasing -mno-sse -mno-mmx -mno-sse2 -mno-3dnow -mno-avx -fcf-protection=none -m64 \
    -falign-jumps=1 -falign-loops=1 -mno-80387 -mno-fp-ret-in-387 -mpreferred-stack-boundary=3 \
    -mskip-rax-setup -mtune=generic -mno-red-zone -mcmodel=kernel -Wno-sign-compare \
    -fno-asynchronous-unwind-tables -mindirect-branch=thunk-extern -mindirect-branch-register \
    -mindirect-branch-cs-prefix -mfunction-return=thunk-extern -fno-jump-tables \
    -fno-delete-null-pointer-checks -O2 -fno-allow-store-data-races -fstack-protector-strong \
    -fno-omit-frame-pointer -fno-optimize-sibling-calls -ftrivial-auto-var-init=zero \
    -fno-stack-clash-protection -pg -mrecord-mcount -mfentry -DCC_USING_FENTRY \
    -falign-functions=16 -fno-strict-overflow -fno-stack-check -fconserve-stack -Wall \
    -Wundef -Werror=strict-prototypes -Wno-trigraphs -g -gdwarf-5 -DKBUILD_MODFILE=\"fs/ext4/ext4\" \
    -DKBUILD_BASENAME=\"inode\" -DKBUILD_MODNAME=\"ext4\" -D__KBUILD_MODNAME=kmod_ext4";

/// Option sets compared; each is split at whitespace.
const OPTION_SETS: &[&str] = &[
    "",
    KERNEL,
    "-nostdinc -D__KERNEL__ -std=gnu11 -fshort-wchar -funsigned-char -fno-PIE -O2",
    "-mno-sse -mno-mmx -mno-sse2 -mno-3dnow -mno-avx -mno-80387 -mno-fp-ret-in-387 -mcmodel=kernel -fno-pie",
    "-O2 -fstack-protector-strong -pg -mfentry -mrecord-mcount -fno-asynchronous-unwind-tables",
    "-O2 -fstack-protector-strong -pg -mfentry -fno-asynchronous-unwind-tables -g",
    "-O0",
    "-O1 -fno-inline",
    "-Os",
    "-Og",
    "-Oz",
    "-O3 -fpic",
    "-Ofast",
    "-Ofast -fno-fast-math",
    "-ffast-math -fno-finite-math-only",
    "-ffast-math -fno-fast-math",
    "-ffast-math -fexcess-precision=standard",
    "-std=c11 -ffast-math",
    "-funsafe-math-optimizations -frounding-math -fsignaling-nans",
    "-fno-trapping-math -fno-signed-zeros -fassociative-math -fcx-limited-range",
    "-fpic",
    "-fPIC",
    "-fpie",
    "-fPIE -fpic",
    "-fPIC -fno-pie",
    "-fno-pic -fPIE",
    "-ansi",
    "-std=c89 -mno-sse2",
    "-std=iso9899:199409",
    "-std=c99 -mfpmath=both",
    "-std=gnu99",
    "-std=c11 -ffp-contract=fast",
    "-std=gnu17 -fgnu89-inline",
    "-std=c2x -mavx512fp16",
    "-std=gnu2x",
    "-std=gnu99 -fgnu89-inline -fno-gnu89-inline",
    "-ffast-math -fsignaling-nans",
    "-fshort-wchar -fsigned-char",
    "-funsigned-char -fno-unsigned-char -fshort-wchar",
    "-ffreestanding",
    "-fstack-protector",
    "-fstack-protector-all -fno-stack-protector -fstack-protector-explicit",
    "-fcf-protection=full",
    "-fcf-protection=branch -fcf-protection=return",
    "-fsanitize=kernel-address",
    "-fsanitize=address,undefined -fno-sanitize=undefined",
    "-fsanitize=thread",
    "-fopenmp",
    "-fopenacc",
    "-pthread -DX=1 -UX -DY",
    "-fexceptions -fno-asynchronous-unwind-tables",
    "-fno-dwarf2-cfi-asm",
    "-undef",
    "-undef -std=c99",
    "-march=haswell",
    "-march=skylake-avx512 -mtune=znver2",
    "-march=x86-64-v2",
    "-march=x86-64-v3 -mno-avx2",
    "-march=x86-64-v4",
    "-march=core2",
    "-march=nocona",
    "-march=bonnell",
    "-march=k8",
    "-march=znver3 -mno-sse4a",
    "-march=sapphirerapids",
    "-march=icelake-server -mno-avx512f",
    "-march=btver2",
    "-mno-sse2 -march=haswell",
    "-mno-sse -msse",
    "-mavx2 -mno-avx",
    "-mgeneral-regs-only -msse2",
    "-msse2 -mgeneral-regs-only",
    "-msoft-float",
    "-mfpmath=387",
    "-mno-80387 -march=haswell",
    "-mcx16 -mfma4 -mxop -mcrc32",
    "-mno-popcnt -msse4.2",
    "-mabm",
    "-mtune=k8",
    "-mtune=intel -mcmodel=large",
    "-mcmodel=medium",
    "-fexec-charset=ISO-8859-1 -fwide-exec-charset=UTF-16BE",
    "-fabi-version=11",
    "-posix",
    "-Wp,-DFROM_WP=1,-UNOT_THERE -Xpreprocessor -DFROM_X",
    // Corners found by comparing random option combinations.
    "-mavx2 -mgeneral-regs-only -mno-sse",
    "-mgeneral-regs-only -march=nehalem",
    "-msse4 -mno-sse4",
    "-mno-sse4 -msse4 -march=haswell",
    "-march=amdfam10 -mno-abm",
    "-march=btver2 -mno-abm",
    "-mno-lzcnt -mabm",
    "-fno-exceptions -fnon-call-exceptions",
    "-fexcess-precision=standard -ffast-math",
    "-funsafe-math-optimizations -fno-math-errno -ffinite-math-only",
    "-std=c11 -mno-sse -fexcess-precision=fast",
];

/// The macros a sequence of `#define`/`#undef` lines leaves, by name.
fn apply(lines: &str, macros: &mut BTreeMap<String, String>) {
    for line in lines.lines() {
        if let Some(rest) = line.strip_prefix("#define ") {
            let name_end = rest.find(['(', ' ']).unwrap_or(rest.len());
            macros.insert(rest[..name_end].to_owned(), line.to_owned());
        } else if let Some(name) = line.strip_prefix("#undef ") {
            macros.remove(name.trim());
        }
    }
}

fn gcc_version() -> Option<String> {
    let output = Command::new("gcc").arg("-dumpfullversion").output().ok()?;
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).trim().to_owned())
}

/// gcc's macros for `options`; `-include` and `-imacros` (kernel headers that are not here)
/// are left out, and `-nostdinc` keeps `stdc-predef.h` out.
fn gcc_macros(options: &[String]) -> Result<BTreeMap<String, String>, String> {
    let mut args: Vec<&str> = Vec::new();
    let mut words = options.iter();
    while let Some(word) = words.next() {
        match word.as_str() {
            "-include" | "-imacros" => {
                words.next();
            }
            word => args.push(word),
        }
    }
    let output = Command::new("gcc")
        .args(&args)
        .args(["-nostdinc", "-dM", "-E", "-xc", "/dev/null"])
        .output()
        .map_err(|err| format!("cannot run gcc: {err}"))?;
    if !output.status.success() {
        return Err(format!(
            "gcc {} failed: {}",
            args.join(" "),
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    let mut macros = BTreeMap::new();
    apply(&String::from_utf8_lossy(&output.stdout), &mut macros);
    Ok(macros)
}

fn klp_ccp_macros(options: &[String]) -> Result<BTreeMap<String, String>, String> {
    let mut args = options.to_vec();
    args.extend(["-x", "c", "/dev/null"].map(str::to_owned));
    let invocation =
        parse_invocation(COMPILER, &args, Path::new("/")).map_err(|err| err.to_string())?;
    let mut macros = BTreeMap::new();
    apply(&invocation.builtin_defines, &mut macros);
    apply(&invocation.command_line_defines, &mut macros);
    Ok(macros)
}

/// The differences, one per line: `-` only gcc has it, `+` only klp-ccp.
fn differences(gcc: &BTreeMap<String, String>, ours: &BTreeMap<String, String>) -> Vec<String> {
    let mut lines = Vec::new();
    for (name, line) in gcc {
        match ours.get(name) {
            Some(our_line) if our_line == line => {}
            Some(our_line) => lines.push(format!("  gcc:      {line}\n  klp-ccp:  {our_line}")),
            None => lines.push(format!("  - {line}")),
        }
    }
    lines.extend(
        ours.iter()
            .filter(|(name, _)| !gcc.contains_key(*name))
            .map(|(_, line)| format!("  + {line}")),
    );
    lines
}

#[test]
fn predefined_macros_equal_gcc_12_2() {
    match gcc_version() {
        Some(version) if version == "12.2.0" => {}
        Some(version) => {
            println!("skipped: the local gcc is {version}, the comparison needs gcc 12.2.0");
            return;
        }
        None => {
            println!("skipped: no gcc found");
            return;
        }
    }
    let mut failures = Vec::new();
    for set in OPTION_SETS {
        let options: Vec<String> = set.split_whitespace().map(str::to_owned).collect();
        let result = gcc_macros(&options).and_then(|gcc| Ok((gcc, klp_ccp_macros(&options)?)));
        match result {
            Ok((gcc, ours)) => {
                let diff = differences(&gcc, &ours);
                if !diff.is_empty() {
                    failures.push(format!("options: {set}\n{}", diff.join("\n")));
                }
            }
            Err(err) => failures.push(format!("options: {set}\n  {err}")),
        }
    }
    println!("compared {} option sets with gcc 12.2.0", OPTION_SETS.len());
    assert!(
        failures.is_empty(),
        "{} of {} option sets differ:\n{}",
        failures.len(),
        OPTION_SETS.len(),
        failures.join("\n\n")
    );
}
