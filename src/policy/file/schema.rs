//! The policy file as written: TOML, read with serde. Every table refuses keys it does not
//! know (a misspelt key would otherwise be a silently ignored rule); the values whose meaning
//! is checked later (patterns, templates, file names) keep their spans, to locate errors.
//!
//! A key left out answers as klp-ccp does without a policy (`DefaultPolicy`), so that an
//! empty file is no policy at all.

use serde::Deserialize;
use toml::Spanned;

/// A whole policy file.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct PolicyFile {
    /// Symbol files of any format (told by their contents), relative to the policy file.
    #[serde(default)]
    pub symbols: Vec<Spanned<String>>,
    /// `Module.symvers` files.
    #[serde(default)]
    pub symvers: Vec<Spanned<String>>,
    /// gcc's `-fdump-ipa-clones` output files.
    #[serde(default)]
    pub ipa_clones: Vec<Spanned<String>>,
    #[serde(default)]
    pub headers: Headers,
    #[serde(default)]
    pub patched: Patched,
    #[serde(default)]
    pub functions: Functions,
    #[serde(default)]
    pub objects: Objects,
    /// The externalization methods, the first whose conditions hold deciding.
    #[serde(default)]
    pub externalized: Vec<ExternalizeRule>,
    #[serde(default)]
    pub rewritten: Rewritten,
}

/// `may-include-header`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Headers {
    /// Path globs of the headers the live patch may include.
    #[serde(default)]
    pub eligible: Vec<Spanned<String>>,
    /// Path globs of those it may not (they win over `eligible`).
    #[serde(default)]
    pub ineligible: Vec<Spanned<String>>,
    /// The headers no pattern matches.
    #[serde(default)]
    pub default: Eligibility,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Eligibility {
    #[default]
    Eligible,
    Ineligible,
}

/// `is-patched` and `modify-patched-fun-sym`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Patched {
    /// Names or globs of patched functions, besides `--patched-functions`.
    #[serde(default)]
    pub functions: Vec<Spanned<String>>,
    /// With ipa-clones data: the functions a patched function was inlined into are patched.
    #[serde(default = "yes")]
    pub inlined_into: bool,
    /// The new name, `{name}` standing for the old one (default `klpp_{name}`).
    pub rename: Option<Spanned<String>>,
    #[serde(default)]
    pub linkage: Linkage,
}

impl Default for Patched {
    fn default() -> Self {
        Patched {
            functions: Vec::new(),
            inlined_into: true,
            rename: None,
            linkage: Linkage::Keep,
        }
    }
}

fn yes() -> bool {
    true
}

/// `can-externalize-fun` and `shall-externalize-fun`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Functions {
    /// Whether a function the TU defines `static` can be externalized.
    #[serde(default = "never")]
    pub can_externalize_static: Externalizable,
    /// Whether a function with external linkage (or not defined in the TU) can be.
    #[serde(default = "always")]
    pub can_externalize_extern: Externalizable,
    /// Names or globs of functions externalized rather than copied, when they can be.
    #[serde(default)]
    pub externalize: Vec<Spanned<String>>,
    /// Names or globs of functions copied rather than externalized (they win).
    #[serde(default)]
    pub copy: Vec<Spanned<String>>,
    /// The functions no name matches.
    #[serde(default = "externalize")]
    pub default: Choice,
    /// The functions no name matches that an eligible header defines.
    #[serde(default = "copy")]
    pub from_header: Choice,
}

impl Default for Functions {
    fn default() -> Self {
        Functions {
            can_externalize_static: Externalizable::No,
            can_externalize_extern: Externalizable::Yes,
            externalize: Vec::new(),
            copy: Vec::new(),
            default: Choice::Externalize,
            from_header: Choice::Copy,
        }
    }
}

fn never() -> Externalizable {
    Externalizable::No
}

fn always() -> Externalizable {
    Externalizable::Yes
}

fn externalize() -> Choice {
    Choice::Externalize
}

fn copy() -> Choice {
    Choice::Copy
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Externalizable {
    Yes,
    No,
    /// When the symbol data defines the function (not inlined away).
    IfDefined,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Choice {
    Externalize,
    Copy,
}

/// `shall-externalize-obj`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Objects {
    #[serde(default)]
    pub externalize: Vec<Spanned<String>>,
    #[serde(default)]
    pub copy: Vec<Spanned<String>>,
    #[serde(default = "externalize")]
    pub default: Choice,
}

impl Default for Objects {
    fn default() -> Self {
        Objects {
            externalize: Vec::new(),
            copy: Vec::new(),
            default: Choice::Externalize,
        }
    }
}

/// One method of `modify-externalized-sym`, for the symbols its conditions select.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ExternalizeRule {
    /// Only functions, or only objects.
    pub kind: Option<KindSelector>,
    /// Only these names or globs.
    #[serde(default)]
    pub names: Vec<Spanned<String>>,
    /// Only when one of these holds.
    #[serde(default)]
    pub when: Vec<Condition>,
    /// Only when none of these holds.
    #[serde(default)]
    pub unless: Vec<Condition>,
    /// The new name (default `{name}`: kept).
    pub rename: Option<Spanned<String>>,
    #[serde(default = "external")]
    pub linkage: Linkage,
    /// Make the symbol a pointer to its original type (the kallsyms method).
    #[serde(default)]
    pub pointer: bool,
    /// A warning to print at the symbol (`{name}` standing for its name).
    pub warning: Option<Spanned<String>>,
    /// An error to print at the symbol: the run fails.
    pub error: Option<Spanned<String>>,
}

fn external() -> Linkage {
    Linkage::External
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum KindSelector {
    Function,
    Object,
}

/// What the data files say of a symbol.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Condition {
    /// Defined with local binding (`nm`'s lowercase letters `t`, `d`, `b`, `r`, ...).
    Local,
    /// Defined with global binding (`T`, `D`, `B`, `R`, ...).
    Global,
    /// Defined weak (`W`, `V`).
    Weak,
    /// Referenced weakly, defined nowhere (`w`, `v`).
    WeakUndefined,
    /// Defined, with any binding.
    Defined,
    /// Named by the symbol data only as undefined references (`U`).
    Undefined,
    /// Named by no symbol file and not exported.
    Unknown,
    /// Defined as a local symbol more than once in vmlinux or one module.
    Duplicate,
    /// Listed in `Module.symvers`.
    Exported,
}

/// `renamed-rewritten-fun`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Rewritten {
    /// The new name (default `klpr_{name}`).
    pub rename: Option<Spanned<String>>,
}

/// The linkage a renamed symbol gets.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Linkage {
    #[default]
    Keep,
    Internal,
    External,
}
