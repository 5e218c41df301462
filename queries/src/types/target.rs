//! What types need to know of the target: the architecture and gcc release (`Target`), and
//! the options that change types (`-funsigned-char`, `-fshort-wchar`).

use syntax::invocation::{Arch, GccVersion, Target};
use syntax::pp::PpConfig;

/// The target as the type system sees it. Both architectures are LP64: they differ in
/// `long double` (x87 extended on x86_64, IEEE quad on aarch64), the signedness of `char`,
/// `wchar_t`, the float types gcc offers, and whether unnamed bit-fields align a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TargetInfo {
    pub target: Target,
    pub char_unsigned: bool,
    /// `-fshort-wchar`: `wchar_t` is `unsigned short`.
    pub short_wchar: bool,
    /// The language is C90 (`-std=gnu89`): a decimal constant too large for `long long` is
    /// unsigned rather than `__int128`.
    pub c90: bool,
    /// C23's keywords and `auto` (a C2x mode of gcc 13 or later).
    pub c23: bool,
}

impl TargetInfo {
    /// The target with its default options (`char` is unsigned on aarch64).
    pub fn new(target: Target) -> TargetInfo {
        TargetInfo {
            target,
            char_unsigned: target.arch == Arch::Aarch64,
            short_wchar: false,
            c90: false,
            c23: false,
        }
    }

    /// The target a TU is compiled for, read off the predefined macros of its invocation
    /// (the configuration keeps them, not the `Target` they were made from).
    pub fn from_config(config: &PpConfig) -> TargetInfo {
        let defines = config.builtin_defines.as_str();
        let arch = if define_value(defines, "__aarch64__").is_some() {
            Arch::Aarch64
        } else {
            Arch::X86_64
        };
        let number = |name| {
            define_value(defines, name)
                .and_then(|v| v.trim().parse().ok())
                .unwrap_or(0)
        };
        let gcc = GccVersion::new(
            number("__GNUC__"),
            number("__GNUC_MINOR__"),
            number("__GNUC_PATCHLEVEL__"),
        );
        let short_wchar = define_value(defines, "__SIZEOF_WCHAR_T__") == Some("2");
        // ISO C (`__STDC__`) before C99 has no `__STDC_VERSION__`, or C94's 199409L.
        let stdc_version = define_value(defines, "__STDC_VERSION__")
            .and_then(|v| v.trim().trim_end_matches('L').parse::<u64>().ok());
        let c90 =
            define_value(defines, "__STDC__").is_some() && stdc_version.is_none_or(|v| v < 199901);
        TargetInfo {
            target: Target { arch, gcc },
            char_unsigned: config.unsigned_char,
            short_wchar,
            c90,
            c23: config.c2x && gcc.major >= 13,
        }
    }

    pub fn arch(&self) -> Arch {
        self.target.arch
    }

    pub fn is_x86(&self) -> bool {
        self.target.arch == Arch::X86_64
    }

    /// `__BIGGEST_ALIGNMENT__` in bytes: the alignment of `aligned` without argument, and the
    /// cap on vector alignment (16 on both targets without AVX, which the kernel never
    /// enables for C code).
    pub fn biggest_alignment(&self) -> u32 {
        16
    }

    /// gcc's `targetm.align_anon_bitfield`: whether unnamed bit-fields' types align the
    /// record. AAPCS64 says they do; the SysV ABI says they do not.
    pub fn anon_bitfields_align(&self) -> bool {
        self.target.arch == Arch::Aarch64
    }
}

/// The replacement text of `#define NAME ...` in gcc's predefined macro buffer.
fn define_value<'a>(defines: &'a str, name: &str) -> Option<&'a str> {
    defines.lines().find_map(|line| {
        let rest = line.strip_prefix("#define ")?.strip_prefix(name)?;
        match rest.chars().next() {
            None => Some(""),
            Some(' ') => Some(&rest[1..]),
            Some(_) => None,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::define_value;

    #[test]
    fn reads_predefined_macros() {
        let defines =
            "#define __GNUC__ 12\n#define __GNUC_MINOR__ 2\n#define __x 1\n#define __aarch64__ 1\n";
        assert_eq!(define_value(defines, "__GNUC__"), Some("12"));
        assert_eq!(define_value(defines, "__GNUC"), None);
        assert_eq!(define_value(defines, "__aarch64__"), Some("1"));
        assert_eq!(define_value(defines, "__x86_64__"), None);
    }
}
