//! Keywords: those gcc knows in every GNU C mode for x86_64 and aarch64, those later
//! releases added in every mode (`_BitInt`, `__typeof_unqual__`), and C23's, which are
//! keywords only in C2x modes of gcc 13 and later ([`Dialect`]).

use std::sync::LazyLock;

use rustc_hash::FxHashMap;

use crate::syntax_kind::SyntaxKind::{self, *};

/// Every keyword spelling gcc knows in GNU C mode for x86_64 and aarch64, with its kind; the
/// first spelling of a kind is its canonical one.
const KEYWORDS: &[(&str, SyntaxKind)] = &[
    ("auto", AUTO_KW),
    ("break", BREAK_KW),
    ("case", CASE_KW),
    ("char", CHAR_KW),
    ("const", CONST_KW),
    ("__const", CONST_KW),
    ("__const__", CONST_KW),
    ("continue", CONTINUE_KW),
    ("default", DEFAULT_KW),
    ("do", DO_KW),
    ("double", DOUBLE_KW),
    ("else", ELSE_KW),
    ("enum", ENUM_KW),
    ("extern", EXTERN_KW),
    ("float", FLOAT_KW),
    ("for", FOR_KW),
    ("goto", GOTO_KW),
    ("if", IF_KW),
    ("inline", INLINE_KW),
    ("__inline", INLINE_KW),
    ("__inline__", INLINE_KW),
    ("int", INT_KW),
    ("long", LONG_KW),
    ("register", REGISTER_KW),
    ("restrict", RESTRICT_KW),
    ("__restrict", RESTRICT_KW),
    ("__restrict__", RESTRICT_KW),
    ("return", RETURN_KW),
    ("short", SHORT_KW),
    ("signed", SIGNED_KW),
    ("__signed", SIGNED_KW),
    ("__signed__", SIGNED_KW),
    ("sizeof", SIZEOF_KW),
    ("static", STATIC_KW),
    ("struct", STRUCT_KW),
    ("switch", SWITCH_KW),
    ("typedef", TYPEDEF_KW),
    ("union", UNION_KW),
    ("unsigned", UNSIGNED_KW),
    ("void", VOID_KW),
    ("volatile", VOLATILE_KW),
    ("__volatile", VOLATILE_KW),
    ("__volatile__", VOLATILE_KW),
    ("while", WHILE_KW),
    ("_Alignas", ALIGNAS_KW),
    ("_Alignof", ALIGNOF_KW),
    ("__alignof", ALIGNOF_KW),
    ("__alignof__", ALIGNOF_KW),
    ("_Atomic", ATOMIC_KW),
    ("_Bool", BOOL_KW),
    ("_Complex", COMPLEX_KW),
    ("__complex", COMPLEX_KW),
    ("__complex__", COMPLEX_KW),
    ("_Generic", GENERIC_KW),
    ("_Noreturn", NORETURN_KW),
    ("_Static_assert", STATIC_ASSERT_KW),
    ("_Thread_local", THREAD_LOCAL_KW),
    ("__thread", THREAD_LOCAL_KW),
    ("__int128", INT128_KW),
    ("__int128__", INT128_KW),
    ("_Float16", FLOAT16_KW),
    ("_Float32", FLOAT32_KW),
    ("_Float64", FLOAT64_KW),
    ("_Float128", FLOAT128_KW),
    ("_Float32x", FLOAT32X_KW),
    ("_Float64x", FLOAT64X_KW),
    ("_Float128x", FLOAT128X_KW),
    ("__float128", GNU_FLOAT128_KW),
    ("__float80", FLOAT80_KW),
    ("__bf16", BF16_KW),
    ("_Decimal32", DECIMAL32_KW),
    ("_Decimal64", DECIMAL64_KW),
    ("_Decimal128", DECIMAL128_KW),
    ("asm", ASM_KW),
    ("__asm", ASM_KW),
    ("__asm__", ASM_KW),
    ("__attribute__", ATTRIBUTE_KW),
    ("__attribute", ATTRIBUTE_KW),
    ("__auto_type", AUTO_TYPE_KW),
    ("__extension__", EXTENSION_KW),
    ("__label__", LABEL_KW),
    ("__real__", REAL_KW),
    ("__real", REAL_KW),
    ("__imag__", IMAG_KW),
    ("__imag", IMAG_KW),
    ("typeof", TYPEOF_KW),
    ("__typeof", TYPEOF_KW),
    ("__typeof__", TYPEOF_KW),
    ("__seg_fs", SEG_FS_KW),
    ("__seg_gs", SEG_GS_KW),
    ("__builtin_offsetof", BUILTIN_OFFSETOF_KW),
    ("__builtin_va_arg", BUILTIN_VA_ARG_KW),
    (
        "__builtin_types_compatible_p",
        BUILTIN_TYPES_COMPATIBLE_P_KW,
    ),
    ("__builtin_choose_expr", BUILTIN_CHOOSE_EXPR_KW),
    ("__builtin_convertvector", BUILTIN_CONVERTVECTOR_KW),
    ("__builtin_has_attribute", BUILTIN_HAS_ATTRIBUTE_KW),
];

/// Keyword spellings to kinds, hashed once: identifiers are the most frequent tokens.
static KEYWORD_MAP: LazyLock<FxHashMap<&'static str, SyntaxKind>> =
    LazyLock::new(|| KEYWORDS.iter().copied().collect());

/// Keywords of later gcc releases, in every C mode: (spelling, kind, first gcc major).
const LATER_KEYWORDS: &[(&str, SyntaxKind, u32)] = &[
    ("_BitInt", BITINT_KW, 14),
    ("__typeof_unqual__", TYPEOF_UNQUAL_KW, 14),
    ("__typeof_unqual", TYPEOF_UNQUAL_KW, 14),
    ("_Decimal64x", DECIMAL64X_KW, 15),
];

/// C23's keywords (gcc 13 and later in C2x modes); before, these are identifiers (and
/// usually macros of `<stdbool.h>`, `<assert.h>`, ...).
const C23_KEYWORDS: &[(&str, SyntaxKind)] = &[
    ("bool", BOOL_KW),
    ("true", TRUE_KW),
    ("false", FALSE_KW),
    ("nullptr", NULLPTR_KW),
    ("constexpr", CONSTEXPR_KW),
    ("typeof_unqual", TYPEOF_UNQUAL_KW),
    ("static_assert", STATIC_ASSERT_KW),
    ("alignas", ALIGNAS_KW),
    ("alignof", ALIGNOF_KW),
    ("thread_local", THREAD_LOCAL_KW),
];

/// Which keywords the C dialect has: the gcc release and whether it is C23 (or later).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Dialect {
    pub gcc_major: u32,
    /// C23 keywords: a C2x mode of gcc 13 or later.
    pub c23: bool,
}

impl Default for Dialect {
    /// gcc 12's GNU C17, the keywords klp-ccp always knew.
    fn default() -> Self {
        Dialect {
            gcc_major: 12,
            c23: false,
        }
    }
}

impl Dialect {
    /// The dialect of gcc `gcc_major` in a C2x mode (`c2x`) or an earlier one.
    pub fn new(gcc_major: u32, c2x: bool) -> Dialect {
        Dialect {
            gcc_major,
            c23: c2x && gcc_major >= 13,
        }
    }

    /// The kind of keyword `text` in this dialect, if it is one.
    pub fn keyword(self, text: &str) -> Option<SyntaxKind> {
        if let Some(kind) = KEYWORD_MAP.get(text) {
            return Some(*kind);
        }
        let later = LATER_KEYWORDS
            .iter()
            .find(|&&(spelling, _, since)| spelling == text && since <= self.gcc_major)
            .map(|&(_, kind, _)| kind);
        let c23 = || {
            C23_KEYWORDS
                .iter()
                .find(|&&(spelling, _)| self.c23 && spelling == text)
                .map(|&(_, kind)| kind)
        };
        later.or_else(c23)
    }
}

/// The canonical spelling of a keyword kind: the first in the tables.
pub(crate) fn spelling(kind: SyntaxKind) -> Option<&'static str> {
    KEYWORDS
        .iter()
        .copied()
        .chain(
            LATER_KEYWORDS
                .iter()
                .map(|&(spelling, kind, _)| (spelling, kind)),
        )
        .chain(C23_KEYWORDS.iter().copied())
        .find(|&(_, k)| k == kind)
        .map(|(spelling, _)| spelling)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keywords_follow_the_dialect() {
        for &(spelling, kind) in KEYWORDS.iter().chain(C23_KEYWORDS) {
            assert!(kind.is_keyword(), "{spelling}");
        }
        let gnu11 = Dialect::new(15, false);
        let gnu23 = Dialect::new(15, true);
        assert_eq!(gnu11.keyword("bool"), None);
        assert_eq!(gnu23.keyword("bool"), Some(BOOL_KW));
        assert_eq!(gnu11.keyword("_BitInt"), Some(BITINT_KW));
        assert_eq!(Dialect::new(13, false).keyword("_BitInt"), None);
        assert_eq!(Dialect::new(12, true).keyword("nullptr"), None);
        assert_eq!(Dialect::new(14, true).keyword("_Decimal64x"), None);
        assert_eq!(NULLPTR_KW.spelling(), Some("nullptr"));
        assert_eq!(TYPEOF_UNQUAL_KW.spelling(), Some("__typeof_unqual__"));
    }
}
