//! The compiler klp-ccp imitates: `--compiler=ARCH-gcc-VERSION`.

use std::fmt;

use super::InvocationError;

/// The target architectures klp-ccp knows the ABI and predefined macros of (64-bit only).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Arch {
    X86_64,
    Aarch64,
}

impl Arch {
    const NAMES: &'static [(&'static str, Arch)] =
        &[("x86_64", Arch::X86_64), ("aarch64", Arch::Aarch64)];

    pub fn name(self) -> &'static str {
        match self {
            Arch::X86_64 => "x86_64",
            Arch::Aarch64 => "aarch64",
        }
    }
}

/// A gcc release, e.g. 12.2.0.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct GccVersion {
    pub major: u32,
    pub minor: u32,
    pub patch: u32,
}

impl GccVersion {
    /// The newest gcc series klp-ccp knows the predefined macros, builtins and defaults of.
    pub const NEWEST_MAJOR: u32 = 15;

    pub const fn new(major: u32, minor: u32, patch: u32) -> Self {
        GccVersion {
            major,
            minor,
            patch,
        }
    }

    /// True for this release and later ones; `at_least(7, 0)` is "gcc 7 or newer".
    pub fn at_least(self, major: u32, minor: u32) -> bool {
        (self.major, self.minor) >= (major, minor)
    }

    /// Reads `MAJOR[.MINOR[.PATCH]]`. A minor or patch written `x` (`15.x`, `15.2.x`) stands
    /// for any release of the series, as does an omitted one: both count as 0, so `15.x` is
    /// `15`. A number after an `x` (`15.x.1`) names no series and is refused.
    fn parse(text: &str) -> Option<GccVersion> {
        let parts: Vec<&str> = text.split('.').collect();
        let (major, rest) = parts.split_first()?;
        if rest.len() > 2 {
            return None;
        }
        let mut numbers = [number(major)?, 0, 0];
        let mut wildcard = false;
        for (slot, part) in numbers[1..].iter_mut().zip(rest) {
            if *part == "x" {
                wildcard = true;
            } else if wildcard {
                return None;
            } else {
                *slot = number(part)?;
            }
        }
        Some(GccVersion::new(numbers[0], numbers[1], numbers[2]))
    }

    fn is_supported(self) -> bool {
        self.at_least(4, 8) && self.major <= Self::NEWEST_MAJOR
    }
}

/// A version component: digits only (`u32`'s parser would also take `+1`).
fn number(part: &str) -> Option<u32> {
    if part.is_empty() || !part.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    part.parse().ok()
}

impl fmt::Display for GccVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)
    }
}

/// The compiler whose behaviour klp-ccp follows: architecture and gcc release.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Target {
    pub arch: Arch,
    pub gcc: GccVersion,
}

impl Target {
    /// Reads `ARCH-gcc-VERSION`, e.g. `x86_64-gcc-12.2.0` or `aarch64-gcc-9.1.0`.
    pub fn parse(spec: &str) -> Result<Target, InvocationError> {
        let malformed = || InvocationError::MalformedCompiler {
            spec: spec.to_owned(),
        };
        // The architecture may itself contain '-' in other spellings, so split from the right.
        let (rest, version) = spec.rsplit_once('-').ok_or_else(malformed)?;
        let (arch, compiler) = rest.rsplit_once('-').ok_or_else(malformed)?;
        let arch = Arch::NAMES
            .iter()
            .find(|(name, _)| *name == arch)
            .map(|&(_, arch)| arch)
            .ok_or_else(|| InvocationError::UnknownArch {
                spec: spec.to_owned(),
                arch: arch.to_owned(),
            })?;
        if compiler != "gcc" {
            return Err(InvocationError::UnknownCompiler {
                spec: spec.to_owned(),
                compiler: compiler.to_owned(),
            });
        }
        let unsupported = || InvocationError::UnsupportedVersion {
            spec: spec.to_owned(),
            version: version.to_owned(),
        };
        let gcc = GccVersion::parse(version).ok_or_else(unsupported)?;
        if !gcc.is_supported() {
            return Err(unsupported());
        }
        Ok(Target { arch, gcc })
    }
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-gcc-{}", self.arch.name(), self.gcc)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(spec: &str) -> String {
        match Target::parse(spec) {
            Ok(target) => format!("{target:?}"),
            Err(err) => err.to_string(),
        }
    }

    #[test]
    fn compiler_specs() {
        let cases = [
            "x86_64-gcc-12.2.0",
            "x86_64-gcc-4.8.1",
            "aarch64-gcc-9.1.0",
            "x86_64-gcc-14",
            "x86_64-gcc-4.7.4",
            "x86_64-gcc-15.1.0",
            "i686-gcc-12.2.0",
            "x86_64-clang-16.0.0",
            "gcc-12",
            "x86_64-gcc-12.x",
            "x86_64-gcc-1.2.3.4",
            "x86_64-gcc-15",
            "x86_64-gcc-15.x",
            "x86_64-gcc-15.x.x",
            "aarch64-gcc-15.2.x",
            "aarch64-gcc-15.2.0",
            "x86_64-gcc-15.x.1",
            "x86_64-gcc-x",
            "x86_64-gcc-15.",
            "x86_64-gcc-+15",
            "x86_64-gcc-16.1.0",
        ];
        let got: Vec<String> = cases
            .iter()
            .map(|spec| format!("{spec}: {}", parse(spec)))
            .collect();
        expect_test::expect![[r#"
            x86_64-gcc-12.2.0: Target { arch: X86_64, gcc: GccVersion { major: 12, minor: 2, patch: 0 } }
            x86_64-gcc-4.8.1: Target { arch: X86_64, gcc: GccVersion { major: 4, minor: 8, patch: 1 } }
            aarch64-gcc-9.1.0: Target { arch: Aarch64, gcc: GccVersion { major: 9, minor: 1, patch: 0 } }
            x86_64-gcc-14: Target { arch: X86_64, gcc: GccVersion { major: 14, minor: 0, patch: 0 } }
            x86_64-gcc-4.7.4: unsupported gcc version 4.7.4 in --compiler=x86_64-gcc-4.7.4: gcc 4.8 to 15 are supported
            x86_64-gcc-15.1.0: Target { arch: X86_64, gcc: GccVersion { major: 15, minor: 1, patch: 0 } }
            i686-gcc-12.2.0: unknown architecture 'i686' in --compiler=i686-gcc-12.2.0: expected x86_64 or aarch64
            x86_64-clang-16.0.0: unknown compiler 'clang' in --compiler=x86_64-clang-16.0.0: only gcc is supported
            gcc-12: malformed --compiler=gcc-12: expected ARCH-gcc-VERSION, e.g. x86_64-gcc-12.2.0
            x86_64-gcc-12.x: Target { arch: X86_64, gcc: GccVersion { major: 12, minor: 0, patch: 0 } }
            x86_64-gcc-1.2.3.4: unsupported gcc version 1.2.3.4 in --compiler=x86_64-gcc-1.2.3.4: gcc 4.8 to 15 are supported
            x86_64-gcc-15: Target { arch: X86_64, gcc: GccVersion { major: 15, minor: 0, patch: 0 } }
            x86_64-gcc-15.x: Target { arch: X86_64, gcc: GccVersion { major: 15, minor: 0, patch: 0 } }
            x86_64-gcc-15.x.x: Target { arch: X86_64, gcc: GccVersion { major: 15, minor: 0, patch: 0 } }
            aarch64-gcc-15.2.x: Target { arch: Aarch64, gcc: GccVersion { major: 15, minor: 2, patch: 0 } }
            aarch64-gcc-15.2.0: Target { arch: Aarch64, gcc: GccVersion { major: 15, minor: 2, patch: 0 } }
            x86_64-gcc-15.x.1: unsupported gcc version 15.x.1 in --compiler=x86_64-gcc-15.x.1: gcc 4.8 to 15 are supported
            x86_64-gcc-x: unsupported gcc version x in --compiler=x86_64-gcc-x: gcc 4.8 to 15 are supported
            x86_64-gcc-15.: unsupported gcc version 15. in --compiler=x86_64-gcc-15.: gcc 4.8 to 15 are supported
            x86_64-gcc-+15: unsupported gcc version +15 in --compiler=x86_64-gcc-+15: gcc 4.8 to 15 are supported
            x86_64-gcc-16.1.0: unsupported gcc version 16.1.0 in --compiler=x86_64-gcc-16.1.0: gcc 4.8 to 15 are supported"#]]
        .assert_eq(&got.join("\n"));
    }
}
