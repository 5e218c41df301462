//! The types of gcc's `__builtin_` functions that have one: those a program may call like any
//! function or take the address of (`__builtin_memcpy`, `__builtin_isdigit`, ...), as gcc
//! 12.2 prints them (`gcc-builtin-signatures.tsv`, made by `tools/gen-builtin-signatures.sh`).
//! The type-generic ones (`__builtin_constant_p`, `__builtin_add_overflow`, ...) have none:
//! `builtins.rs` types their calls.
//!
//! A builtin's type is made when an expression first names it, from its declaration written
//! as C, so that a TU pays only for the builtins it uses.

use std::sync::OnceLock;

use rustc_hash::FxHashMap;
use syntax::ast::ExternalDecl;

use super::cx::TypeCx;
use super::snippet;
use super::ty::TypeId;

const SIGNATURES: &str = include_str!("gcc-builtin-signatures.tsv");

/// Each builtin's type as gcc prints it (`void * (*)(void *, const void *, long unsigned int)`).
fn signatures() -> &'static FxHashMap<&'static str, &'static str> {
    static TABLE: OnceLock<FxHashMap<&'static str, &'static str>> = OnceLock::new();
    TABLE.get_or_init(|| {
        SIGNATURES
            .lines()
            .filter(|line| !line.starts_with('#'))
            .filter_map(|line| line.split_once('\t'))
            .collect()
    })
}

/// A declaration of builtin `name` of pointer type `pointer` as gcc prints it: the pointer
/// declarator `(*)` becomes the name, gcc's `__va_list_tag *` the `va_list` it adjusts from.
fn declaration(name: &str, pointer: &str) -> String {
    let ty = pointer
        .trim_start_matches("__attribute__((noreturn)) ")
        .replace("__va_list_tag *", "__builtin_va_list");
    format!("{};", ty.replacen("(*)", name, 1))
}

impl TypeCx<'_> {
    /// The function type of gcc builtin `name`, if it has one.
    pub(super) fn builtin_function_type(&mut self, name: &str) -> Option<TypeId> {
        let pointer = signatures().get(name)?;
        let Ok(ExternalDecl::Declaration(d)) = snippet::last_item(&declaration(name, pointer))
        else {
            return None;
        };
        // Text of its own: its places are none of the TU's, and it must not declare the builtin
        // in the TU's scopes.
        self.detached += 1;
        let declared = self.declaration(&d);
        self.detached -= 1;
        Some(declared.ok()?.first()?.ty)
    }
}
