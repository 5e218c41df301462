//! What the options mean for preprocessing: read in the order cc1 sees them, after gcc's
//! pruning of options cancelled by later ones.

use std::path::PathBuf;

use super::args::{self, Item, Opt};
use super::include::{Chain, DirEvent, DirOptions};
use super::option_values::{
    cf_protection, debug_info, default_std, define_line, excess_precision, first_line,
    input_is_preprocessed, parse_std, pic, prefix_map, prune, sanitize,
};
use super::{
    CStd, DumpMacros, InvocationError, KeepComments, LangOptions, OutputOptions, PreIncludeKind,
    Target,
};

/// `-O` levels; only "optimizing" and "for size" reach the predefined macros, `-Ofast` also
/// implies `-ffast-math`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum OptLevel {
    #[default]
    O0,
    Speed,
    Size,
    Fast,
}

/// `-fpic` and friends: the last of `-f[no-]{pic,PIC,pie,PIE}` decides (they cancel each
/// other in gcc's option pruning).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Pic {
    /// 0 (none), 1 (`-fpic`/`-fpie`) or 2 (`-fPIC`/`-fPIE`).
    pub level: u8,
    pub pie: bool,
}

/// gcc's `-fexcess-precision=`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum ExcessPrecision {
    #[default]
    Default,
    Fast,
    Standard,
    Float16,
}

/// The floating-point options behind `__FAST_MATH__`, `__GCC_IEC_559` and friends, with
/// gcc's defaults.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct FloatFlags {
    pub errno_math: bool,
    pub finite_math_only: bool,
    pub signed_zeros: bool,
    pub trapping_math: bool,
    pub associative_math: bool,
    pub reciprocal_math: bool,
    pub rounding_math: bool,
    pub signaling_nans: bool,
    pub unsafe_math: bool,
    pub cx_limited_range: bool,
    pub cx_fortran_rules: bool,
    pub single_precision_constant: bool,
    pub excess_precision: ExcessPrecision,
    /// `-ffp-contract=fast` given explicitly (`Some(true)`), or `off`/`on` (`Some(false)`).
    pub fp_contract_fast: Option<bool>,
    /// `-fpermitted-flt-eval-methods=c11` (`Some(true)`) or `ts-18661` (`Some(false)`).
    pub permitted_c11: Option<bool>,
}

impl Default for FloatFlags {
    fn default() -> Self {
        FloatFlags {
            errno_math: true,
            finite_math_only: false,
            signed_zeros: true,
            trapping_math: true,
            associative_math: false,
            reciprocal_math: false,
            rounding_math: false,
            signaling_nans: false,
            unsafe_math: false,
            cx_limited_range: false,
            cx_fortran_rules: false,
            single_precision_constant: false,
            excess_precision: ExcessPrecision::Default,
            fp_contract_fast: None,
            permitted_c11: None,
        }
    }
}

impl FloatFlags {
    /// gcc's `set_fast_math_flags`.
    fn fast_math(&mut self, on: bool) {
        self.unsafe_math(on);
        self.finite_math_only = on;
        self.errno_math = !on;
        self.excess_precision = if on {
            ExcessPrecision::Fast
        } else {
            ExcessPrecision::Default
        };
        if on {
            self.signaling_nans = false;
            self.rounding_math = false;
            self.cx_limited_range = true;
        }
    }

    /// gcc's `set_unsafe_math_optimizations_flags`.
    fn unsafe_math(&mut self, on: bool) {
        self.unsafe_math = on;
        self.trapping_math = !on;
        self.signed_zeros = !on;
        self.associative_math = on;
        self.reciprocal_math = on;
    }

    /// The boolean `-f` options of this group: name and the field they set.
    fn field(&mut self, name: &str) -> Option<&mut bool> {
        Some(match name {
            "math-errno" => &mut self.errno_math,
            "finite-math-only" => &mut self.finite_math_only,
            "signed-zeros" => &mut self.signed_zeros,
            "trapping-math" => &mut self.trapping_math,
            "associative-math" => &mut self.associative_math,
            "reciprocal-math" => &mut self.reciprocal_math,
            "rounding-math" => &mut self.rounding_math,
            "signaling-nans" => &mut self.signaling_nans,
            "cx-limited-range" => &mut self.cx_limited_range,
            "cx-fortran-rules" => &mut self.cx_fortran_rules,
            "single-precision-constant" => &mut self.single_precision_constant,
            _ => return None,
        })
    }

    /// gcc's `finish_options`: signaling NaNs trap; `-fassociative-math` needs no traps and
    /// no signed zeros.
    fn finish(&mut self) {
        self.trapping_math |= self.signaling_nans;
        if self.associative_math && (self.trapping_math || self.signed_zeros) {
            self.associative_math = false;
        }
    }
}

/// Code generation options that show in predefined macros.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Codegen {
    pub opt: OptLevel,
    pub pic: Option<Pic>,
    /// `__SSP__` (1), `__SSP_ALL__` (2), `__SSP_STRONG__` (3), `__SSP_EXPLICIT__` (4).
    pub stack_protector: u8,
    /// `-fcf-protection=`: bit 0 branch, bit 1 return, bit 3 check (`__CET__`).
    pub cf_protection: u8,
    pub sanitize_address: bool,
    pub sanitize_thread: bool,
    pub sanitize_hwaddress: bool,
    /// `-f[no-]inline`, if given.
    pub inline: Option<bool>,
    pub gnu89_inline: Option<bool>,
    /// `-f[no-]exceptions`, if given; else on with `-fnon-call-exceptions`.
    pub exceptions: Option<bool>,
    pub non_call_exceptions: bool,
    pub unwind_tables: bool,
    /// `-f[no-]asynchronous-unwind-tables`, if given (the target's default otherwise).
    pub async_unwind_tables: Option<bool>,
    pub dwarf2_cfi_asm: bool,
    pub debug_info: bool,
    pub openmp: bool,
    pub openacc: bool,
    /// `-pthread`, or an option whose spec adds it (`-fopenmp`, `-fgnu-tm`, ...).
    pub pthread: bool,
    pub short_enums: bool,
    pub abi_version: Option<u32>,
    pub exec_charset: Option<String>,
    pub wide_exec_charset: Option<String>,
    pub float: FloatFlags,
}

impl Codegen {
    /// One `-fcf-protection[=]`: gcc 14 and later add its kinds to those of the earlier ones
    /// (`=branch -fcf-protection=return` is `full`), where older releases kept the last;
    /// `none` clears them in all.
    fn cf_protection(&mut self, bits: u8, combine: bool) {
        self.cf_protection = match bits {
            0 => 0,
            _ if combine => self.cf_protection | bits,
            _ => bits,
        };
    }

    /// `__EXCEPTIONS`: `-fexceptions`, or `-fnon-call-exceptions` unless `-fno-exceptions`.
    pub(crate) fn exceptions_on(&self) -> bool {
        self.exceptions.unwrap_or(self.non_call_exceptions)
    }
}

/// Everything the command line says, interpreted.
#[derive(Debug, Clone)]
pub(crate) struct Settings {
    pub lang: LangOptions,
    pub output: OutputOptions,
    pub codegen: Codegen,
    /// `-m` options (without the `-m`) and their spelling, in order, for the target's rules.
    pub machine: Vec<(String, String)>,
    pub dirs: DirOptions,
    pub command_line_defines: String,
    pub pre_includes: Vec<(PathBuf, PreIncludeKind)>,
    pub macro_prefix_map: Vec<(String, String)>,
    pub ignored: Vec<String>,
    std: Option<(CStd, bool)>,
    iprefix: Option<String>,
    posix: bool,
    defines: Vec<String>,
    extended_identifiers: Option<bool>,
    /// gcc 14 and later combine `-fcf-protection=` options.
    combine_cf_protection: bool,
}

impl Settings {
    pub(crate) fn read(items: &[Item], target: Target) -> Result<Settings, InvocationError> {
        let mut settings = Settings::new(target);
        let ordered = args::cc1_order(items);
        let opts = prune(&ordered);
        settings.apply_opt_level(&opts);
        for opt in opts {
            if !settings.apply(opt, target)? {
                settings.ignored.push(opt.spelling.clone());
            }
        }
        settings.lang.preprocessed |= input_is_preprocessed(items);
        settings.finish(target);
        Ok(settings)
    }

    fn new(target: Target) -> Settings {
        let codegen = Codegen {
            dwarf2_cfi_asm: true,
            ..Codegen::default()
        };
        Settings {
            lang: LangOptions {
                std: CStd::C17,
                gnu: true,
                trigraphs: false,
                dollars_in_identifiers: true,
                extended_identifiers: true,
                unsigned_char: target.arch == super::Arch::Aarch64,
                short_wchar: false,
                hosted: true,
                traditional: false,
                directives_only: false,
                preprocessed: false,
                undef: false,
            },
            output: OutputOptions {
                line_markers: true,
                ..OutputOptions::default()
            },
            codegen,
            machine: Vec::new(),
            dirs: DirOptions::default(),
            command_line_defines: String::new(),
            pre_includes: Vec::new(),
            macro_prefix_map: Vec::new(),
            ignored: Vec::new(),
            std: None,
            iprefix: None,
            posix: false,
            defines: Vec::new(),
            extended_identifiers: None,
            combine_cf_protection: target.gcc.at_least(14, 0),
        }
    }

    /// The last `-O` decides; `-Ofast` acts as a `-ffast-math` before all `-f` options, as
    /// gcc applies optimization-level defaults before the command line.
    fn apply_opt_level(&mut self, opts: &[&Opt]) {
        let Some(last) = opts.iter().rev().find(|opt| opt.name == "-O") else {
            return;
        };
        self.codegen.opt = match last.value() {
            "0" => OptLevel::O0,
            "s" | "z" => OptLevel::Size,
            "fast" => OptLevel::Fast,
            _ => OptLevel::Speed,
        };
        if self.codegen.opt == OptLevel::Fast {
            self.codegen.float.fast_math(true);
        }
    }

    /// Applies one option; false if it has no effect on klp-ccp.
    fn apply(&mut self, opt: &Opt, target: Target) -> Result<bool, InvocationError> {
        let value = opt.value();
        match opt.name.as_str() {
            "-D" => self.defines.push(define_line(value)),
            "-U" => self.defines.push(format!("#undef {}", first_line(value))),
            "-O" => {}
            "-f" => return self.apply_f(value, opt),
            "-m" => self.machine.push((value.to_owned(), opt.spelling.clone())),
            "-g" => self.codegen.debug_info = debug_info(value).unwrap_or(self.codegen.debug_info),
            "-W" => return Ok(self.apply_warning(value)),
            "-std=" => self.std = Some(parse_std(value, target)?),
            "-ansi" => self.std = Some((CStd::C89, false)),
            "-d" => return Ok(self.apply_dump(value)),
            "-o" => self.output.output_file = Some(PathBuf::from(value)),
            name => return self.apply_include_option(name, value),
        }
        Ok(true)
    }

    fn apply_include_option(&mut self, name: &str, value: &str) -> Result<bool, InvocationError> {
        let add = |chain| DirEvent::Add(chain, value.to_owned());
        let prefixed = |this: &Self, chain| {
            DirEvent::AddPrefixed(chain, this.iprefix.clone(), value.to_owned())
        };
        let event = match name {
            "-I" if value == "-" => DirEvent::Split,
            "-I" => add(Chain::Bracket),
            "-iquote" => add(Chain::Quote),
            "-isystem" => add(Chain::System),
            "-idirafter" => add(Chain::After),
            // With the `-isystem` dirs, not after them as gcc's manual says.
            "-iwithprefix" => prefixed(self, Chain::System),
            "-iwithprefixbefore" => prefixed(self, Chain::Bracket),
            "-include" => return Ok(self.pre_include(value, PreIncludeKind::Include)),
            "-imacros" => return Ok(self.pre_include(value, PreIncludeKind::Imacros)),
            "-iprefix" => return Ok(self.set(|s| s.iprefix = Some(value.to_owned()))),
            "-isysroot" | "--sysroot=" | "--sysroot" => {
                return Ok(self.set(|s| s.dirs.sysroot = Some(value.to_owned())));
            }
            _ => return Ok(self.apply_flag(name)),
        };
        self.dirs.events.push(event);
        Ok(true)
    }

    fn pre_include(&mut self, path: &str, kind: PreIncludeKind) -> bool {
        self.pre_includes.push((PathBuf::from(path), kind));
        true
    }

    fn set(&mut self, change: impl FnOnce(&mut Self)) -> bool {
        change(self);
        true
    }

    /// Options without argument.
    fn apply_flag(&mut self, name: &str) -> bool {
        let lang = &mut self.lang;
        let output = &mut self.output;
        match name {
            "-nostdinc" => self.dirs.nostdinc = true,
            "-undef" => lang.undef = true,
            "-trigraphs" => lang.trigraphs = true,
            "-traditional-cpp" | "-traditional" => lang.traditional = true,
            "-pthread" => self.codegen.pthread = true,
            "-posix" => self.posix = true,
            "-E" => output.preprocess_only = true,
            "-P" => output.line_markers = false,
            "-C" if output.keep_comments == KeepComments::None => {
                output.keep_comments = KeepComments::Comments
            }
            "-C" => {}
            "-CC" => output.keep_comments = KeepComments::CommentsInMacros,
            "-w" => output.inhibit_warnings = true,
            "-pedantic" => output.pedantic = true,
            "-pedantic-errors" => output.pedantic_errors = true,
            // Read elsewhere: the `-Wp,` words, and `-x` with the inputs.
            "-Wp," | "-Xpreprocessor" | "-x" => {}
            _ => return false,
        }
        true
    }

    fn apply_dump(&mut self, letters: &str) -> bool {
        let mut used = false;
        for letter in letters.chars() {
            let dump = match letter {
                'M' => DumpMacros::DefinesOnly,
                'D' => DumpMacros::DefinesAndOutput,
                'I' => {
                    self.output.dump_includes = true;
                    used = true;
                    continue;
                }
                _ => continue,
            };
            self.output.dump_macros = dump;
            used = true;
        }
        used
    }

    fn apply_warning(&mut self, name: &str) -> bool {
        let output = &mut self.output;
        match name {
            "error" => output.warnings_as_errors = true,
            "no-error" => output.warnings_as_errors = false,
            "undef" => output.warn_undef = true,
            "no-undef" => output.warn_undef = false,
            "all" => output.warn_all = true,
            "no-all" => output.warn_all = false,
            "unused" => output.warn_unused = Some(true),
            "no-unused" => output.warn_unused = Some(false),
            "unused-function" => output.warn_unused_function = Some(true),
            "no-unused-function" => output.warn_unused_function = Some(false),
            _ => return false,
        }
        true
    }

    /// `-f` options; false if without effect on klp-ccp.
    fn apply_f(&mut self, value: &str, opt: &Opt) -> Result<bool, InvocationError> {
        if let Some((name, arg)) = value.split_once('=') {
            return self.apply_f_value(name, arg, opt);
        }
        let (name, on) = match value.strip_prefix("no-") {
            Some(name) => (name, false),
            None => (value, true),
        };
        if let Some(field) = self.codegen.float.field(name) {
            *field = on;
            return Ok(true);
        }
        Ok(self.apply_f_bool(name, on))
    }

    fn apply_f_bool(&mut self, name: &str, on: bool) -> bool {
        let codegen = &mut self.codegen;
        let lang = &mut self.lang;
        match name {
            "fast-math" => codegen.float.fast_math(on),
            "unsafe-math-optimizations" => codegen.float.unsafe_math(on),
            "pic" | "pie" | "PIC" | "PIE" => codegen.pic = Some(pic(name, on)),
            "stack-protector" => codegen.stack_protector = u8::from(on),
            "stack-protector-all" => codegen.stack_protector = if on { 2 } else { 0 },
            "stack-protector-strong" => codegen.stack_protector = if on { 3 } else { 0 },
            "stack-protector-explicit" => codegen.stack_protector = if on { 4 } else { 0 },
            "cf-protection" => {
                codegen.cf_protection(if on { 3 } else { 0 }, self.combine_cf_protection)
            }
            "inline" => codegen.inline = Some(on),
            "gnu89-inline" => codegen.gnu89_inline = Some(on),
            "exceptions" => codegen.exceptions = Some(on),
            "non-call-exceptions" => codegen.non_call_exceptions = on,
            "unwind-tables" => codegen.unwind_tables = on,
            "asynchronous-unwind-tables" => codegen.async_unwind_tables = Some(on),
            "dwarf2-cfi-asm" => codegen.dwarf2_cfi_asm = on,
            "openmp" => codegen.openmp = on,
            "openacc" => codegen.openacc = on,
            "gnu-tm" => codegen.pthread |= on,
            "short-enums" => codegen.short_enums = on,
            "short-wchar" => lang.short_wchar = on,
            "unsigned-char" => lang.unsigned_char = on,
            "signed-char" => lang.unsigned_char = !on,
            "hosted" => lang.hosted = on,
            "freestanding" => lang.hosted = !on,
            "dollars-in-identifiers" => lang.dollars_in_identifiers = on,
            "extended-identifiers" => self.extended_identifiers = Some(on),
            "preprocessed" => lang.preprocessed = on,
            "directives-only" => lang.directives_only = on,
            _ => return false,
        }
        true
    }

    fn apply_f_value(&mut self, name: &str, arg: &str, opt: &Opt) -> Result<bool, InvocationError> {
        let codegen = &mut self.codegen;
        match name {
            "macro-prefix-map" | "file-prefix-map" => {
                self.macro_prefix_map.push(prefix_map(arg, opt)?)
            }
            "cf-protection" => {
                codegen.cf_protection(cf_protection(arg, opt)?, self.combine_cf_protection)
            }
            "sanitize" => sanitize(codegen, arg, true),
            "no-sanitize" => sanitize(codegen, arg, false),
            "excess-precision" => codegen.float.excess_precision = excess_precision(arg, opt)?,
            "fp-contract" => codegen.float.fp_contract_fast = Some(arg == "fast"),
            "permitted-flt-eval-methods" => codegen.float.permitted_c11 = Some(arg == "c11"),
            "tree-parallelize-loops" => codegen.pthread |= arg.parse::<u32>().is_ok_and(|n| n > 1),
            "abi-version" => codegen.abi_version = arg.parse().ok(),
            "exec-charset" => codegen.exec_charset = Some(arg.to_owned()),
            "wide-exec-charset" => codegen.wide_exec_charset = Some(arg.to_owned()),
            _ => return Ok(false),
        }
        Ok(true)
    }

    fn finish(&mut self, target: Target) {
        self.codegen.float.finish();
        let (std, gnu) = self.std.unwrap_or_else(|| default_std(target));
        self.lang.std = std;
        self.lang.gnu = gnu;
        // ISO modes have trigraphs, except C23, which dropped them (gcc 13 and later).
        let c23_without = std >= CStd::C2x && target.gcc.at_least(13, 0);
        self.lang.trigraphs |= !gnu && !c23_without;
        // gcc allows extended identifiers from C99 on, unless told otherwise.
        self.lang.extended_identifiers = self.extended_identifiers.unwrap_or(std >= CStd::C99);
        if self.codegen.openmp || self.codegen.openacc {
            self.codegen.pthread = true;
        }
        self.command_line_defines = self.command_line_text();
    }

    /// The `<command-line>` buffer: the driver's spec defines (`-posix`, `-pthread`) come
    /// before the user's `-D`/`-U`.
    fn command_line_text(&self) -> String {
        let spec = [
            (self.posix, "#define _POSIX_SOURCE 1"),
            (self.codegen.pthread, "#define _REENTRANT 1"),
        ];
        let spec = spec
            .iter()
            .filter(|(on, _)| *on)
            .map(|(_, line)| line.to_string());
        spec.chain(self.defines.iter().cloned())
            .map(|line| line + "\n")
            .collect()
    }
}
