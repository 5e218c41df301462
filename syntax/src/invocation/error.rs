//! Errors in the compiler invocation, worded for the kernel engineer who wrote the command line.

use std::path::PathBuf;

/// Why the `--compiler=` spec or the gcc command line cannot be followed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InvocationError {
    #[error("malformed --compiler={spec}: expected ARCH-gcc-VERSION, e.g. x86_64-gcc-12.2.0")]
    MalformedCompiler { spec: String },
    #[error("unknown architecture '{arch}' in --compiler={spec}: expected x86_64 or aarch64")]
    UnknownArch { spec: String, arch: String },
    #[error("unknown compiler '{compiler}' in --compiler={spec}: only gcc is supported")]
    UnknownCompiler { spec: String, compiler: String },
    #[error("unsupported gcc version {version} in --compiler={spec}: gcc 4.8 to 15 are supported")]
    UnsupportedVersion { spec: String, version: String },
    #[error("no input file in the compiler command line")]
    NoInput,
    #[error("more than one input file: {}", .files.join(", "))]
    MultipleInputs { files: Vec<String> },
    #[error("reading the source from standard input ('-') is not supported: name the C file")]
    StdinInput,
    #[error("'{file}' is not a C source file (language '{language}')")]
    NotC { file: String, language: String },
    #[error("missing argument to '{option}'")]
    MissingArgument { option: String },
    #[error("invalid value '{value}' in '{option}': {reason}")]
    BadValue {
        option: String,
        value: String,
        reason: String,
    },
    #[error("'{option}' is not supported: {reason}")]
    Unsupported { option: String, reason: String },
    #[error("response file '{}': {reason}", .path.display())]
    ResponseFile { path: PathBuf, reason: String },
}

impl InvocationError {
    pub(crate) fn bad_value(option: &str, value: &str, reason: impl Into<String>) -> Self {
        InvocationError::BadValue {
            option: option.to_owned(),
            value: value.to_owned(),
            reason: reason.into(),
        }
    }

    pub(crate) fn unsupported(option: &str, reason: impl Into<String>) -> Self {
        InvocationError::Unsupported {
            option: option.to_owned(),
            reason: reason.into(),
        }
    }
}
