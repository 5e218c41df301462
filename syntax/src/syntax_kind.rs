//! The kinds of the syntax tree's tokens and nodes, and the rowan language tying them to rowan.
//!
//! Token kinds follow the preprocessed token stream: one kind per punctuator (digraphs share the
//! kind of their spelled-out punctuator), one kind per keyword whose alternate spellings
//! (`__inline__`, `__inline`, `inline`) share it, and trivia. Node kinds are what the parser
//! builds. The punctuators' table below and those of `keywords` are the sources of the spellings.

pub use crate::keywords::Dialect;
use crate::lexer::TokenKind;

/// Declares the enum and the table of all kinds in declaration order, so that a raw `u16` maps
/// back to its kind without `unsafe`.
macro_rules! syntax_kinds {
    ($($(#[$meta:meta])* $name:ident,)*) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[repr(u16)]
        #[allow(non_camel_case_types)]
        pub enum SyntaxKind {
            $($(#[$meta])* $name,)*
        }

        const ALL_KINDS: &[SyntaxKind] = &[$(SyntaxKind::$name,)*];
    };
}

syntax_kinds! {
    // Trivia and special tokens.
    WHITESPACE,
    NEWLINE,
    /// A whole `#pragma ...` line (the feeder merges the line into one token).
    PRAGMA,
    /// A stray character (`@`, `\`, an unterminated quote).
    ERROR_TOKEN,
    EOF,

    // Literals and names.
    IDENT,
    /// A C pp-number: integer or floating constant.
    NUMBER,
    CHAR,
    STRING,

    // Punctuators.
    L_BRACK,
    R_BRACK,
    L_PAREN,
    R_PAREN,
    L_CURLY,
    R_CURLY,
    DOT,
    ARROW,
    PLUS2,
    MINUS2,
    AMP,
    STAR,
    PLUS,
    MINUS,
    TILDE,
    BANG,
    SLASH,
    PERCENT,
    SHL,
    SHR,
    LT,
    GT,
    LTEQ,
    GTEQ,
    EQ2,
    NEQ,
    CARET,
    PIPE,
    AMP2,
    PIPE2,
    QUESTION,
    COLON,
    SEMICOLON,
    ELLIPSIS,
    EQ,
    STAR_EQ,
    SLASH_EQ,
    PERCENT_EQ,
    PLUS_EQ,
    MINUS_EQ,
    SHL_EQ,
    SHR_EQ,
    AMP_EQ,
    CARET_EQ,
    PIPE_EQ,
    COMMA,
    HASH,
    HASH2,

    // Keywords (one kind per family of spellings).
    AUTO_KW,
    BREAK_KW,
    CASE_KW,
    CHAR_KW,
    CONST_KW,
    CONTINUE_KW,
    DEFAULT_KW,
    DO_KW,
    DOUBLE_KW,
    ELSE_KW,
    ENUM_KW,
    EXTERN_KW,
    FLOAT_KW,
    FOR_KW,
    GOTO_KW,
    IF_KW,
    INLINE_KW,
    INT_KW,
    LONG_KW,
    REGISTER_KW,
    RESTRICT_KW,
    RETURN_KW,
    SHORT_KW,
    SIGNED_KW,
    SIZEOF_KW,
    STATIC_KW,
    STRUCT_KW,
    SWITCH_KW,
    TYPEDEF_KW,
    UNION_KW,
    UNSIGNED_KW,
    VOID_KW,
    VOLATILE_KW,
    WHILE_KW,
    ALIGNAS_KW,
    ALIGNOF_KW,
    ATOMIC_KW,
    BOOL_KW,
    COMPLEX_KW,
    GENERIC_KW,
    NORETURN_KW,
    STATIC_ASSERT_KW,
    THREAD_LOCAL_KW,
    INT128_KW,
    FLOAT16_KW,
    FLOAT32_KW,
    FLOAT64_KW,
    FLOAT128_KW,
    FLOAT32X_KW,
    FLOAT64X_KW,
    FLOAT128X_KW,
    /// `__float128`, x86's name of the IEEE quad type.
    GNU_FLOAT128_KW,
    FLOAT80_KW,
    BF16_KW,
    DECIMAL32_KW,
    DECIMAL64_KW,
    DECIMAL128_KW,
    /// gcc 15's `_Decimal64x`.
    DECIMAL64X_KW,
    /// `_BitInt (N)` (gcc 14).
    BITINT_KW,
    /// C23's `constexpr`, a storage-class specifier.
    CONSTEXPR_KW,
    /// C23's `true` and `false` (constants of type `bool`) and `nullptr`.
    TRUE_KW,
    FALSE_KW,
    NULLPTR_KW,
    /// `typeof_unqual` (C23) and `__typeof_unqual__` (gcc 14).
    TYPEOF_UNQUAL_KW,
    ASM_KW,
    ATTRIBUTE_KW,
    AUTO_TYPE_KW,
    EXTENSION_KW,
    LABEL_KW,
    REAL_KW,
    IMAG_KW,
    TYPEOF_KW,
    SEG_FS_KW,
    SEG_GS_KW,
    BUILTIN_OFFSETOF_KW,
    BUILTIN_VA_ARG_KW,
    BUILTIN_TYPES_COMPATIBLE_P_KW,
    BUILTIN_CHOOSE_EXPR_KW,
    BUILTIN_CONVERTVECTOR_KW,
    BUILTIN_HAS_ATTRIBUTE_KW,

    // Nodes: the translation unit and external declarations.
    TRANSLATION_UNIT,
    FUNCTION_DEF,
    DECLARATION,
    /// A lone `;` where a declaration may stand.
    EMPTY_DECL,
    STATIC_ASSERT,
    PRAGMA_ITEM,
    /// `#ident "..."`, passed on by the preprocessor.
    IDENT_DIRECTIVE,
    LABEL_DECL,

    // Specifiers.
    DECL_SPECS,
    TYPEDEF_NAME,
    STRUCT_SPEC,
    MEMBER_LIST,
    MEMBER_DECL,
    MEMBER_DECLARATOR,
    ENUM_SPEC,
    ENUMERATOR_LIST,
    ENUMERATOR,
    TYPEOF_SPEC,
    /// `_BitInt (N)`.
    BITINT_SPEC,
    ATOMIC_TYPE_SPEC,
    ALIGNAS_SPEC,
    ATTRIBUTE_SPEC,
    ATTRIBUTE,
    ATTRIBUTE_ARGS,

    // Declarators.
    INIT_DECLARATOR,
    /// A declared identifier (declarator name, tag, enumerator, label definition).
    NAME,
    /// An identifier that refers to something that is not an object (member, label, tag use).
    NAME_REF,
    POINTER_DECLARATOR,
    ARRAY_DECLARATOR,
    FN_DECLARATOR,
    PAREN_DECLARATOR,
    PARAM_LIST,
    PARAM_DECL,
    ASM_LABEL,
    TYPE_NAME,

    // Initializers.
    INIT_LIST,
    DESIGNATED_INIT,
    FIELD_DESIGNATOR,
    INDEX_DESIGNATOR,

    // Statements.
    COMPOUND_STMT,
    LABELED_STMT,
    CASE_STMT,
    DEFAULT_STMT,
    EXPR_STMT,
    EMPTY_STMT,
    IF_STMT,
    SWITCH_STMT,
    WHILE_STMT,
    DO_STMT,
    FOR_STMT,
    GOTO_STMT,
    CONTINUE_STMT,
    BREAK_STMT,
    RETURN_STMT,
    ATTRIBUTE_STMT,
    ASM_STMT,
    ASM_OUTPUTS,
    ASM_INPUTS,
    ASM_CLOBBERS,
    ASM_LABELS,
    ASM_OPERAND,

    // Expressions.
    IDENT_EXPR,
    LITERAL,
    PAREN_EXPR,
    STMT_EXPR,
    CALL_EXPR,
    ARG_LIST,
    INDEX_EXPR,
    MEMBER_EXPR,
    POSTFIX_EXPR,
    PREFIX_EXPR,
    SIZEOF_EXPR,
    ALIGNOF_EXPR,
    CAST_EXPR,
    COMPOUND_LITERAL,
    BIN_EXPR,
    COND_EXPR,
    LABEL_ADDR_EXPR,
    GENERIC_SELECTION,
    GENERIC_ASSOC,
    OFFSETOF_EXPR,
    /// `a.b[1].c` in `__builtin_offsetof(T, a.b[1].c)`.
    OFFSETOF_DESIGNATOR,
    VA_ARG_EXPR,
    TYPES_COMPATIBLE_EXPR,
    CHOOSE_EXPR,
    CONVERTVECTOR_EXPR,
    /// `__builtin_has_attribute (T or e, attribute)`.
    HAS_ATTRIBUTE_EXPR,

    /// Tokens the parser could not place.
    ERROR,
}

use SyntaxKind::*;

/// Every punctuator spelling and its kind; the first spelling of a kind is its canonical one.
const PUNCTUATORS: &[(&str, SyntaxKind)] = &[
    ("[", L_BRACK),
    ("]", R_BRACK),
    ("(", L_PAREN),
    (")", R_PAREN),
    ("{", L_CURLY),
    ("}", R_CURLY),
    (".", DOT),
    ("->", ARROW),
    ("++", PLUS2),
    ("--", MINUS2),
    ("&", AMP),
    ("*", STAR),
    ("+", PLUS),
    ("-", MINUS),
    ("~", TILDE),
    ("!", BANG),
    ("/", SLASH),
    ("%", PERCENT),
    ("<<", SHL),
    (">>", SHR),
    ("<", LT),
    (">", GT),
    ("<=", LTEQ),
    (">=", GTEQ),
    ("==", EQ2),
    ("!=", NEQ),
    ("^", CARET),
    ("|", PIPE),
    ("&&", AMP2),
    ("||", PIPE2),
    ("?", QUESTION),
    (":", COLON),
    (";", SEMICOLON),
    ("...", ELLIPSIS),
    ("=", EQ),
    ("*=", STAR_EQ),
    ("/=", SLASH_EQ),
    ("%=", PERCENT_EQ),
    ("+=", PLUS_EQ),
    ("-=", MINUS_EQ),
    ("<<=", SHL_EQ),
    (">>=", SHR_EQ),
    ("&=", AMP_EQ),
    ("^=", CARET_EQ),
    ("|=", PIPE_EQ),
    (",", COMMA),
    ("#", HASH),
    ("##", HASH2),
    ("<:", L_BRACK),
    (":>", R_BRACK),
    ("<%", L_CURLY),
    ("%>", R_CURLY),
    ("%:", HASH),
    ("%:%:", HASH2),
];

impl SyntaxKind {
    /// The syntax kind of a preprocessing token with spelling `text`, in the default
    /// [`Dialect`].
    pub fn from_token(kind: TokenKind, text: &str) -> SyntaxKind {
        Self::from_token_in(kind, text, Dialect::default())
    }

    /// The syntax kind of a preprocessing token with spelling `text` in `dialect`.
    pub fn from_token_in(kind: TokenKind, text: &str, dialect: Dialect) -> SyntaxKind {
        match kind {
            TokenKind::Whitespace
            | TokenKind::NulWhitespace
            | TokenKind::LineComment
            | TokenKind::BlockComment
            | TokenKind::UnterminatedComment => WHITESPACE,
            TokenKind::Newline => NEWLINE,
            TokenKind::Ident => dialect.keyword(text).unwrap_or(IDENT),
            TokenKind::Number => NUMBER,
            TokenKind::CharLit => CHAR,
            TokenKind::StrLit => STRING,
            TokenKind::Punct => Self::from_punct(text).unwrap_or(ERROR_TOKEN),
            TokenKind::UnterminatedQuote | TokenKind::Other => ERROR_TOKEN,
        }
    }

    fn from_punct(text: &str) -> Option<SyntaxKind> {
        PUNCTUATORS
            .iter()
            .find(|&&(spelling, _)| spelling == text)
            .map(|&(_, kind)| kind)
    }

    /// The kind of keyword `text`, if it is one.
    pub fn from_keyword(text: &str) -> Option<SyntaxKind> {
        Dialect::default().keyword(text)
    }

    /// What separates tokens without being one.
    pub fn is_trivia(self) -> bool {
        matches!(self, WHITESPACE | NEWLINE)
    }

    pub fn is_keyword(self) -> bool {
        (AUTO_KW..=BUILTIN_HAS_ATTRIBUTE_KW).contains(&self)
    }

    pub fn is_punct(self) -> bool {
        (L_BRACK..=HASH2).contains(&self)
    }

    /// Whether the kind is a node's rather than a token's.
    pub fn is_node(self) -> bool {
        self >= TRANSLATION_UNIT
    }

    /// The canonical spelling of a punctuator or keyword kind.
    pub fn spelling(self) -> Option<&'static str> {
        if !self.is_punct() {
            return crate::keywords::spelling(self);
        }
        PUNCTUATORS
            .iter()
            .find(|&&(_, kind)| kind == self)
            .map(|&(spelling, _)| spelling)
    }

    pub(crate) fn from_raw(raw: u16) -> SyntaxKind {
        // Raw kinds only ever come from this enum; an unknown one is shown as an error node.
        ALL_KINDS.get(usize::from(raw)).copied().unwrap_or(ERROR)
    }
}

impl From<SyntaxKind> for rowan::SyntaxKind {
    fn from(kind: SyntaxKind) -> Self {
        rowan::SyntaxKind(kind as u16)
    }
}

/// The rowan language of C syntax trees.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum CLanguage {}

impl rowan::Language for CLanguage {
    type Kind = SyntaxKind;

    fn kind_from_raw(raw: rowan::SyntaxKind) -> SyntaxKind {
        SyntaxKind::from_raw(raw.0)
    }

    fn kind_to_raw(kind: SyntaxKind) -> rowan::SyntaxKind {
        kind.into()
    }
}

pub use rowan::WalkEvent;
pub type SyntaxNode = rowan::SyntaxNode<CLanguage>;
pub type SyntaxToken = rowan::SyntaxToken<CLanguage>;
pub type SyntaxElement = rowan::SyntaxElement<CLanguage>;
pub type SyntaxNodeChildren = rowan::SyntaxNodeChildren<CLanguage>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_kinds_roundtrip() {
        for &kind in ALL_KINDS {
            assert_eq!(SyntaxKind::from_raw(kind as u16), kind);
        }
    }

    #[test]
    fn spellings_map_to_their_kind() {
        assert_eq!(SyntaxKind::from_token(TokenKind::Punct, "<:"), L_BRACK);
        assert_eq!(SyntaxKind::from_token(TokenKind::Punct, "%:%:"), HASH2);
        assert_eq!(
            SyntaxKind::from_token(TokenKind::Ident, "__inline__"),
            INLINE_KW
        );
        assert_eq!(SyntaxKind::from_token(TokenKind::Ident, "__asm"), ASM_KW);
        assert_eq!(SyntaxKind::from_token(TokenKind::Ident, "inlined"), IDENT);
        assert_eq!(INLINE_KW.spelling(), Some("inline"));
        assert_eq!(L_BRACK.spelling(), Some("["));
        for &(spelling, kind) in PUNCTUATORS {
            assert!(kind.is_punct(), "{spelling}");
        }
    }
}
