//! What name resolution needs of declaration specifiers and declarators: storage class,
//! `inline`, `gnu_inline`, and whether a declarator declares a function.

use super::symbols::Storage;

/// The specifiers that decide linkage and definition state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct SpecInfo {
    pub storage: Storage,
    pub thread_local: bool,
    pub inline: bool,
    pub gnu_inline: bool,
    /// The type specifier names a function type (a typedef of one, or `typeof` of a
    /// function), so that a plain declarator declares a function.
    pub function_type: bool,
}

impl Default for SpecInfo {
    fn default() -> Self {
        SpecInfo {
            storage: Storage::None,
            thread_local: false,
            inline: false,
            gnu_inline: false,
            function_type: false,
        }
    }
}

/// The type derivation closest to the declared name, which is the outermost one of its type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Shape {
    Function,
    /// A pointer or an array.
    Object,
    /// No derivation: the specifiers give the type.
    Plain,
}
