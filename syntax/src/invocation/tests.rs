//! Tests of the whole invocation: command line in, [`Invocation`] out.

use std::path::Path;

use super::*;

fn words(line: &str) -> Vec<String> {
    line.split_whitespace().map(str::to_owned).collect()
}

fn parse(compiler: &str, line: &str) -> Result<Invocation, InvocationError> {
    parse_invocation(compiler, &words(line), Path::new("/"))
}

fn x86(line: &str) -> Invocation {
    match parse("x86_64-gcc-12.2.0", line) {
        Ok(invocation) => invocation,
        Err(err) => panic!("{line}: {err}"),
    }
}

fn error(compiler: &str, line: &str) -> String {
    match parse(compiler, line) {
        Ok(_) => format!("{line}: accepted"),
        Err(err) => format!("{line}: {err}"),
    }
}

/// The lines of `text` that mention one of `names`.
fn grep(text: &str, names: &[&str]) -> String {
    let lines = text
        .lines()
        .filter(|line| names.iter().any(|name| line.contains(name)));
    lines.collect::<Vec<_>>().join("\n")
}

#[test]
fn command_line_defines_in_gcc_order() {
    let invocation =
        x86("-DA -DB=2 -D C=3 -DF(a)=a+a -DE= -UA -Wp,-DW=1,-UB -pthread -Xpreprocessor -DX f.c");
    expect_test::expect![[r#"
        #define _REENTRANT 1
        #define A 1
        #define B 2
        #define C 3
        #define F(a) a+a
        #define E 
        #undef A
        #define W 1
        #undef B
        #define X 1
    "#]]
    .assert_eq(&invocation.command_line_defines);
}

#[test]
fn pre_includes_imacros_first() {
    let invocation = x86("-nostdinc -include a.h -imacros m1.h -includeb.h -imacros m2.h f.c");
    let files: Vec<String> = invocation
        .pre_includes
        .iter()
        .map(|file| format!("{:?} {}", file.kind, file.path.display()))
        .collect();
    assert_eq!(
        files,
        ["Imacros m1.h", "Imacros m2.h", "Include a.h", "Include b.h"]
    );
}

#[test]
fn stdc_predef_between_imacros_and_include() {
    let predef = Path::new("/usr/include/stdc-predef.h");
    if !predef.is_file() {
        return;
    }
    let invocation = x86("-include a.h -imacros m.h f.c");
    let paths: Vec<&Path> = invocation
        .pre_includes
        .iter()
        .map(|file| file.path.as_path())
        .collect();
    assert_eq!(paths, [Path::new("m.h"), predef, Path::new("a.h")]);
    assert!(invocation.pre_includes[1].system);
    for line in [
        "-ffreestanding f.c",
        "-nostdinc f.c",
        "-fpreprocessed f.c",
        "f.i",
    ] {
        assert!(x86(line).pre_includes.is_empty(), "{line}");
    }
}

#[test]
fn input_errors() {
    let lines = [
        "-O2 -c",
        "a.c b.c -o x.o",
        "-",
        "-x c++ f.c",
        "entry_64.S",
        "f.c -I",
        "-Wp,-MD f.c",
        "-m32 f.c",
        "-march=native f.c",
        "-march=pentium4 f.c",
        "-mcmodel=huge f.c",
        "-std=c++17 f.c",
        "-fmacro-prefix-map=nothing f.c",
        "-fcf-protection=maybe f.c",
    ];
    let got: Vec<String> = lines
        .iter()
        .map(|line| error("x86_64-gcc-12.2.0", line))
        .collect();
    expect_test::expect![[r#"
        -O2 -c: no input file in the compiler command line
        a.c b.c -o x.o: more than one input file: a.c, b.c
        -: reading the source from standard input ('-') is not supported: name the C file
        -x c++ f.c: 'f.c' is not a C source file (language 'c++')
        entry_64.S: 'entry_64.S' is not a C source file (language 'assembler-with-cpp')
        f.c -I: missing argument to '-I'
        -Wp,-MD f.c: missing argument to '-MD'
        -m32 f.c: '-m32' is not supported: klp-ccp supports 64-bit x86_64 only
        -march=native f.c: '-march=native' is not supported: it depends on the build host: name the CPU
        -march=pentium4 f.c: invalid value 'pentium4' in '-march=pentium4': not a 64-bit x86 CPU gcc knows
        -mcmodel=huge f.c: invalid value 'huge' in '-mcmodel=huge': expected small, kernel, medium or large
        -std=c++17 f.c: invalid value 'c++17' in '-std=c++17': not a C standard gcc knows
        -fmacro-prefix-map=nothing f.c: invalid value 'nothing' in '-fmacro-prefix-map=nothing': expected OLD=NEW
        -fcf-protection=maybe f.c: invalid value 'maybe' in '-fcf-protection=maybe': expected none, branch, return or full"#]]
    .assert_eq(&got.join("\n"));
    expect_test::expect![
        "-std=gnu2x f.c: invalid value 'gnu2x' in '-std=gnu2x': gcc 7.5.0 does not know it"
    ]
    .assert_eq(&error("x86_64-gcc-7.5.0", "-std=gnu2x f.c"));
    expect_test::expect![
        "-mabi=ilp32 f.c: '-mabi=ilp32' is not supported: klp-ccp supports LP64 only"
    ]
    .assert_eq(&error("aarch64-gcc-12.2.0", "-mabi=ilp32 f.c"));
}

#[test]
fn linker_inputs_are_not_inputs() {
    let invocation = x86("f.c lib.a x.o -lm");
    assert_eq!(invocation.input, Path::new("f.c"));
    assert_eq!(x86("-x c source.txt").input, Path::new("source.txt"));
}

#[test]
fn language_options() {
    let show = |compiler: &str, line: &str| match parse(compiler, line) {
        Ok(inv) => {
            let lang = &inv.lang;
            let flags = [
                (lang.gnu, "gnu"),
                (lang.trigraphs, "trigraphs"),
                (lang.extended_identifiers, "extended-identifiers"),
                (lang.dollars_in_identifiers, "dollars"),
                (lang.unsigned_char, "unsigned-char"),
                (lang.short_wchar, "short-wchar"),
                (!lang.hosted, "freestanding"),
                (lang.preprocessed, "preprocessed"),
                (lang.traditional, "traditional"),
                (lang.undef, "undef"),
            ];
            let flags: Vec<&str> = flags
                .iter()
                .filter(|(on, _)| *on)
                .map(|(_, name)| *name)
                .collect();
            format!("{compiler} {line}: {:?} {}", lang.std, flags.join(" "))
        }
        Err(err) => format!("{compiler} {line}: {err}"),
    };
    let cases = [
        ("x86_64-gcc-4.8.5", "f.c"),
        ("x86_64-gcc-7.5.0", "f.c"),
        ("x86_64-gcc-12.2.0", "f.c"),
        ("x86_64-gcc-12.2.0", "-ansi -fno-dollars-in-identifiers f.c"),
        ("x86_64-gcc-12.2.0", "-std=gnu89 -trigraphs f.c"),
        (
            "x86_64-gcc-12.2.0",
            "-std=c2x -funsigned-char -fshort-wchar f.c",
        ),
        (
            "x86_64-gcc-12.2.0",
            "-std=gnu89 -fextended-identifiers -ffreestanding -undef f.c",
        ),
        ("x86_64-gcc-12.2.0", "-traditional-cpp -x cpp-output f"),
        ("aarch64-gcc-9.1.0", "f.c"),
        ("aarch64-gcc-9.1.0", "-fsigned-char f.c"),
        // gcc 15 defaults to gnu23; the kernel's `-std=gnu11` is still gnu11.
        ("x86_64-gcc-15.x", "f.c"),
        ("aarch64-gcc-15.2.0", "-std=gnu11 f.c"),
        ("x86_64-gcc-15", "-std=c23 f.c"),
        ("x86_64-gcc-13.1.0", "-std=c2x f.c"),
        ("x86_64-gcc-15", "-std=gnu2y f.c"),
        ("x86_64-gcc-14.2.0", "-std=gnu2y f.c"),
    ];
    let got: Vec<String> = cases
        .iter()
        .map(|(compiler, line)| show(compiler, line))
        .collect();
    expect_test::expect![[r#"
        x86_64-gcc-4.8.5 f.c: C89 gnu dollars
        x86_64-gcc-7.5.0 f.c: C11 gnu extended-identifiers dollars
        x86_64-gcc-12.2.0 f.c: C17 gnu extended-identifiers dollars
        x86_64-gcc-12.2.0 -ansi -fno-dollars-in-identifiers f.c: C89 trigraphs
        x86_64-gcc-12.2.0 -std=gnu89 -trigraphs f.c: C89 gnu trigraphs dollars
        x86_64-gcc-12.2.0 -std=c2x -funsigned-char -fshort-wchar f.c: C2x trigraphs extended-identifiers dollars unsigned-char short-wchar
        x86_64-gcc-12.2.0 -std=gnu89 -fextended-identifiers -ffreestanding -undef f.c: C89 gnu extended-identifiers dollars freestanding undef
        x86_64-gcc-12.2.0 -traditional-cpp -x cpp-output f: C17 gnu extended-identifiers dollars preprocessed traditional
        aarch64-gcc-9.1.0 f.c: C17 gnu extended-identifiers dollars unsigned-char
        aarch64-gcc-9.1.0 -fsigned-char f.c: C17 gnu extended-identifiers dollars
        x86_64-gcc-15.x f.c: C2x gnu extended-identifiers dollars
        aarch64-gcc-15.2.0 -std=gnu11 f.c: C11 gnu extended-identifiers dollars unsigned-char
        x86_64-gcc-15 -std=c23 f.c: C2x extended-identifiers dollars
        x86_64-gcc-13.1.0 -std=c2x f.c: C2x extended-identifiers dollars
        x86_64-gcc-15 -std=gnu2y f.c: C2y gnu extended-identifiers dollars
        x86_64-gcc-14.2.0 -std=gnu2y f.c: invalid value 'gnu2y' in '-std=gnu2y': gcc 14.2.0 does not know it"#]]
    .assert_eq(&got.join("\n"));
}

#[test]
fn output_options() {
    let output = x86("-E -dD -CC -P -w -Werror -Wundef -pedantic -o out.i f.c").output;
    expect_test::expect![[r#"
        OutputOptions {
            preprocess_only: true,
            dump_macros: DefinesAndOutput,
            dump_includes: false,
            keep_comments: CommentsInMacros,
            line_markers: false,
            output_file: Some(
                "out.i",
            ),
            inhibit_warnings: true,
            warnings_as_errors: true,
            warn_undef: true,
            warn_all: false,
            warn_unused: None,
            warn_unused_function: None,
            pedantic: true,
            pedantic_errors: false,
        }
    "#]]
    .assert_debug_eq(&output);
    let output = x86("-dM -C -dI f.c").output;
    assert_eq!(
        (
            output.dump_macros,
            output.keep_comments,
            output.dump_includes
        ),
        (DumpMacros::DefinesOnly, KeepComments::Comments, true)
    );
}

#[test]
fn prefix_maps_and_ignored_options() {
    let invocation = x86(
        "-fmacro-prefix-map=./= -ffile-prefix-map=/src=/usr/src -fdebug-prefix-map=/a=/b -fno-common \
         -mno-red-zone -Wall -Wno-sign-compare -pg -c -Wp,-MMD,.f.o.d -funknown-flag --frobnicate f.c",
    );
    assert_eq!(
        invocation.macro_prefix_map,
        [
            ("./".to_owned(), String::new()),
            ("/src".to_owned(), "/usr/src".to_owned())
        ]
    );
    expect_test::expect![[r#"
        [
            "-pg",
            "-c",
            "--frobnicate",
            "-MMD .f.o.d",
            "-Wno-sign-compare",
            "-fdebug-prefix-map=/a=/b",
            "-fno-common",
            "-funknown-flag",
            "-mno-red-zone",
        ]
    "#]]
    .assert_debug_eq(&invocation.ignored);
}

#[test]
fn response_file_arguments_are_kept() {
    let invocation = x86("-O2 @/nonexistent/args.rsp f.c");
    assert_eq!(
        invocation.all_args,
        ["-O2", "@/nonexistent/args.rsp", "f.c"]
    );
}

#[test]
fn older_gcc_spells_its_macros() {
    let defines = parse("x86_64-gcc-4.8.5", "f.c")
        .map(|inv| inv.builtin_defines)
        .unwrap_or_default();
    let shown = grep(
        &defines,
        &[
            "__GNUC",
            "__VERSION__",
            "__STDC_VERSION__",
            "__GXX_ABI",
            "__FLT_MAX__",
            "__pie__",
            "WIDTH",
            "IEC_559",
            "FLT32",
        ],
    );
    expect_test::expect![[r#"
        #define __GNUC__ 4
        #define __GNUC_MINOR__ 8
        #define __GNUC_PATCHLEVEL__ 5
        #define __VERSION__ "4.8.5"
        #define __GXX_ABI_VERSION 1002
        #define __FLT_MAX__ 3.40282346638528859812e+38F
        #define __GNUC_GNU_INLINE__ 1"#]]
    .assert_eq(&shown);
}

#[test]
fn aarch64_kernel_macros() {
    let line = "-nostdinc -D__KERNEL__ -std=gnu11 -mlittle-endian -fno-PIE -mgeneral-regs-only -mabi=lp64 \
                -fno-asynchronous-unwind-tables -mbranch-protection=pac-ret+leaf+bti -march=armv8.3-a \
                -O2 -fstack-protector-strong f.c";
    let defines = parse("aarch64-gcc-12.2.0", line)
        .map(|inv| inv.builtin_defines)
        .unwrap_or_else(|err| err.to_string());
    let shown = grep(
        &defines,
        &[
            "__ARM",
            "__AARCH64",
            "__aarch64",
            "WCHAR",
            "CHAR_UNSIGNED",
            "IEC_559",
            "LDBL_MANT",
            "EVAL",
            "FAST_FMA",
            "SSP",
        ],
    );
    expect_test::expect![[r#"
        #define __WCHAR_TYPE__ unsigned int
        #define __WCHAR_MAX__ 0xffffffffU
        #define __WCHAR_MIN__ 0U
        #define __WCHAR_WIDTH__ 32
        #define __GCC_IEC_559 0
        #define __GCC_IEC_559_COMPLEX 0
        #define __FLT_EVAL_METHOD__ 0
        #define __FLT_EVAL_METHOD_TS_18661_3__ 0
        #define __DEC_EVAL_METHOD__ 2
        #define __LDBL_MANT_DIG__ 113
        #define __CHAR_UNSIGNED__ 1
        #define __GCC_ATOMIC_WCHAR_T_LOCK_FREE 2
        #define __GCC_ATOMIC_TEST_AND_SET_TRUEVAL 1
        #define __SSP_STRONG__ 3
        #define __SIZEOF_WCHAR_T__ 4
        #define __aarch64__ 1
        #define __ARM_64BIT_STATE 1
        #define __ARM_ARCH_ISA_A64 1
        #define __ARM_ALIGN_MAX_PWR 28
        #define __ARM_ALIGN_MAX_STACK_PWR 16
        #define __ARM_ARCH_8A 1
        #define __ARM_ARCH_PROFILE 65
        #define __ARM_FEATURE_CLZ 1
        #define __ARM_FEATURE_IDIV 1
        #define __ARM_FEATURE_UNALIGNED 1
        #define __ARM_PCS_AAPCS64 1
        #define __ARM_SIZEOF_WCHAR_T 4
        #define __ARM_ARCH 8
        #define __ARM_SIZEOF_MINIMAL_ENUM 4
        #define __AARCH64EL__ 1
        #define __ARM_FEATURE_CRC32 1
        #define __AARCH64_CMODEL_SMALL__ 1
        #define __ARM_FEATURE_ATOMICS 1
        #define __ARM_FEATURE_BTI_DEFAULT 1
        #define __ARM_FEATURE_RCPC 1
        #define __ARM_FEATURE_PAC_DEFAULT 5
        #define __FLT_EVAL_METHOD_C99__ 0"#]]
    .assert_eq(&shown);
}
