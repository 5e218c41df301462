//! Expressions, with their operators as enums.

use super::support::{
    child, child_after, child_between, children, first_token, nth_child, token, tokens,
};
use super::{
    AstChildren, AstNode, Attribute, CompoundStmt, InitList, NameRef, TypeName, TypeOrExpr,
    ast_enum, ast_node,
};
use crate::syntax_kind::SyntaxKind::{self, *};
use crate::syntax_kind::SyntaxToken;

ast_node! {
    /// An identifier used as an expression (an object, function or enumeration constant).
    IdentExpr = IDENT_EXPR;
    /// A number, a character constant, or adjacent string literals.
    Literal = LITERAL;
    ParenExpr = PAREN_EXPR;
    /// GNU `({ ... })`.
    StmtExpr = STMT_EXPR;
    CallExpr = CALL_EXPR;
    ArgList = ARG_LIST;
    IndexExpr = INDEX_EXPR;
    /// `e.m` or `e->m`.
    MemberExpr = MEMBER_EXPR;
    PostfixExpr = POSTFIX_EXPR;
    PrefixExpr = PREFIX_EXPR;
    SizeofExpr = SIZEOF_EXPR;
    /// `_Alignof`, `__alignof__` (of a type or, GNU, of an expression).
    AlignofExpr = ALIGNOF_EXPR;
    CastExpr = CAST_EXPR;
    CompoundLiteral = COMPOUND_LITERAL;
    /// Binary operators, assignments and the comma operator.
    BinExpr = BIN_EXPR;
    /// `c ? a : b` and GNU `c ?: b`.
    CondExpr = COND_EXPR;
    /// GNU `&&label`.
    LabelAddrExpr = LABEL_ADDR_EXPR;
    GenericSelection = GENERIC_SELECTION;
    GenericAssoc = GENERIC_ASSOC;
    /// `__builtin_offsetof (T, designator)`.
    OffsetofExpr = OFFSETOF_EXPR;
    OffsetofDesignator = OFFSETOF_DESIGNATOR;
    /// `__builtin_va_arg (ap, T)`.
    VaArgExpr = VA_ARG_EXPR;
    /// `__builtin_types_compatible_p (T1, T2)`.
    TypesCompatibleExpr = TYPES_COMPATIBLE_EXPR;
    /// `__builtin_choose_expr (c, a, b)`.
    ChooseExpr = CHOOSE_EXPR;
    /// `__builtin_convertvector (e, T)`.
    ConvertVectorExpr = CONVERTVECTOR_EXPR;
    /// `__builtin_has_attribute (T or e, attribute)`.
    HasAttributeExpr = HAS_ATTRIBUTE_EXPR;
}

ast_enum! {
    Expr {
        Ident(IdentExpr),
        Literal(Literal),
        Paren(ParenExpr),
        StmtExpr(StmtExpr),
        Call(CallExpr),
        Index(IndexExpr),
        Member(MemberExpr),
        Postfix(PostfixExpr),
        Prefix(PrefixExpr),
        Sizeof(SizeofExpr),
        Alignof(AlignofExpr),
        Cast(CastExpr),
        CompoundLiteral(CompoundLiteral),
        Bin(BinExpr),
        Cond(CondExpr),
        LabelAddr(LabelAddrExpr),
        Generic(GenericSelection),
        Offsetof(OffsetofExpr),
        VaArg(VaArgExpr),
        TypesCompatible(TypesCompatibleExpr),
        Choose(ChooseExpr),
        ConvertVector(ConvertVectorExpr),
        HasAttribute(HasAttributeExpr),
    }
}

impl IdentExpr {
    pub fn ident_token(&self) -> Option<SyntaxToken> {
        first_token(&self.syntax)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LiteralKind {
    Number,
    Char,
    String,
    /// C23's `true` or `false`.
    Bool(bool),
    /// C23's `nullptr`.
    Nullptr,
}

impl Literal {
    /// The constant's token; for strings, the first piece.
    pub fn token(&self) -> Option<SyntaxToken> {
        first_token(&self.syntax)
    }

    /// The pieces of a string literal (or the one token of a number or character).
    pub fn tokens(&self) -> impl Iterator<Item = SyntaxToken> + use<> {
        tokens(&self.syntax)
    }

    pub fn kind(&self) -> Option<LiteralKind> {
        match self.token()?.kind() {
            NUMBER => Some(LiteralKind::Number),
            CHAR => Some(LiteralKind::Char),
            STRING => Some(LiteralKind::String),
            TRUE_KW => Some(LiteralKind::Bool(true)),
            FALSE_KW => Some(LiteralKind::Bool(false)),
            NULLPTR_KW => Some(LiteralKind::Nullptr),
            _ => None,
        }
    }
}

impl ParenExpr {
    pub fn expr(&self) -> Option<Expr> {
        child(&self.syntax)
    }
}

impl StmtExpr {
    pub fn body(&self) -> Option<CompoundStmt> {
        child(&self.syntax)
    }
}

impl CallExpr {
    pub fn callee(&self) -> Option<Expr> {
        child(&self.syntax)
    }

    pub fn arg_list(&self) -> Option<ArgList> {
        child(&self.syntax)
    }

    pub fn args(&self) -> impl Iterator<Item = Expr> + use<> {
        self.arg_list().into_iter().flat_map(|list| list.args())
    }
}

impl ArgList {
    pub fn args(&self) -> AstChildren<Expr> {
        children(&self.syntax)
    }
}

impl IndexExpr {
    pub fn base(&self) -> Option<Expr> {
        child(&self.syntax)
    }

    pub fn index(&self) -> Option<Expr> {
        child_after(&self.syntax, L_BRACK)
    }
}

impl MemberExpr {
    pub fn base(&self) -> Option<Expr> {
        child(&self.syntax)
    }

    pub fn is_arrow(&self) -> bool {
        token(&self.syntax, ARROW).is_some()
    }

    pub fn member(&self) -> Option<NameRef> {
        child(&self.syntax)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PostfixOp {
    Inc,
    Dec,
}

impl PostfixExpr {
    pub fn operand(&self) -> Option<Expr> {
        child(&self.syntax)
    }

    pub fn op_token(&self) -> Option<SyntaxToken> {
        tokens(&self.syntax).last()
    }

    pub fn op(&self) -> Option<PostfixOp> {
        match self.op_token()?.kind() {
            PLUS2 => Some(PostfixOp::Inc),
            MINUS2 => Some(PostfixOp::Dec),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PrefixOp {
    Inc,
    Dec,
    AddrOf,
    Deref,
    Plus,
    Neg,
    BitNot,
    Not,
    /// `__extension__`.
    Extension,
    /// `__real__`.
    Real,
    /// `__imag__`.
    Imag,
}

impl PrefixExpr {
    pub fn op_token(&self) -> Option<SyntaxToken> {
        first_token(&self.syntax)
    }

    pub fn op(&self) -> Option<PrefixOp> {
        let op = match self.op_token()?.kind() {
            PLUS2 => PrefixOp::Inc,
            MINUS2 => PrefixOp::Dec,
            AMP => PrefixOp::AddrOf,
            STAR => PrefixOp::Deref,
            PLUS => PrefixOp::Plus,
            MINUS => PrefixOp::Neg,
            TILDE => PrefixOp::BitNot,
            BANG => PrefixOp::Not,
            EXTENSION_KW => PrefixOp::Extension,
            REAL_KW => PrefixOp::Real,
            IMAG_KW => PrefixOp::Imag,
            _ => return None,
        };
        Some(op)
    }

    pub fn operand(&self) -> Option<Expr> {
        child(&self.syntax)
    }
}

impl SizeofExpr {
    /// `sizeof (T)`.
    pub fn type_name(&self) -> Option<TypeName> {
        child(&self.syntax)
    }

    /// `sizeof e` (a compound literal `sizeof (T){...}` is an expression).
    pub fn expr(&self) -> Option<Expr> {
        child(&self.syntax)
    }
}

impl AlignofExpr {
    pub fn type_name(&self) -> Option<TypeName> {
        child(&self.syntax)
    }

    pub fn expr(&self) -> Option<Expr> {
        child(&self.syntax)
    }
}

impl CastExpr {
    pub fn type_name(&self) -> Option<TypeName> {
        child(&self.syntax)
    }

    pub fn expr(&self) -> Option<Expr> {
        child(&self.syntax)
    }
}

impl CompoundLiteral {
    pub fn type_name(&self) -> Option<TypeName> {
        child(&self.syntax)
    }

    pub fn init_list(&self) -> Option<InitList> {
        child(&self.syntax)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BinOp {
    Mul,
    Div,
    Rem,
    Add,
    Sub,
    Shl,
    Shr,
    Lt,
    Gt,
    Le,
    Ge,
    Eq,
    Ne,
    BitAnd,
    BitXor,
    BitOr,
    And,
    Or,
    Assign,
    MulAssign,
    DivAssign,
    RemAssign,
    AddAssign,
    SubAssign,
    ShlAssign,
    ShrAssign,
    BitAndAssign,
    BitXorAssign,
    BitOrAssign,
    Comma,
}

/// Operator tokens and their operators.
const BIN_OPS: &[(SyntaxKind, BinOp)] = &[
    (STAR, BinOp::Mul),
    (SLASH, BinOp::Div),
    (PERCENT, BinOp::Rem),
    (PLUS, BinOp::Add),
    (MINUS, BinOp::Sub),
    (SHL, BinOp::Shl),
    (SHR, BinOp::Shr),
    (LT, BinOp::Lt),
    (GT, BinOp::Gt),
    (LTEQ, BinOp::Le),
    (GTEQ, BinOp::Ge),
    (EQ2, BinOp::Eq),
    (NEQ, BinOp::Ne),
    (AMP, BinOp::BitAnd),
    (CARET, BinOp::BitXor),
    (PIPE, BinOp::BitOr),
    (AMP2, BinOp::And),
    (PIPE2, BinOp::Or),
    (EQ, BinOp::Assign),
    (STAR_EQ, BinOp::MulAssign),
    (SLASH_EQ, BinOp::DivAssign),
    (PERCENT_EQ, BinOp::RemAssign),
    (PLUS_EQ, BinOp::AddAssign),
    (MINUS_EQ, BinOp::SubAssign),
    (SHL_EQ, BinOp::ShlAssign),
    (SHR_EQ, BinOp::ShrAssign),
    (AMP_EQ, BinOp::BitAndAssign),
    (CARET_EQ, BinOp::BitXorAssign),
    (PIPE_EQ, BinOp::BitOrAssign),
    (COMMA, BinOp::Comma),
];

impl BinOp {
    pub fn from_kind(kind: SyntaxKind) -> Option<BinOp> {
        BIN_OPS.iter().find(|&&(k, _)| k == kind).map(|&(_, op)| op)
    }

    pub fn is_assignment(self) -> bool {
        matches!(
            self,
            BinOp::Assign
                | BinOp::MulAssign
                | BinOp::DivAssign
                | BinOp::RemAssign
                | BinOp::AddAssign
                | BinOp::SubAssign
                | BinOp::ShlAssign
                | BinOp::ShrAssign
                | BinOp::BitAndAssign
                | BinOp::BitXorAssign
                | BinOp::BitOrAssign
        )
    }
}

impl BinExpr {
    pub fn lhs(&self) -> Option<Expr> {
        child(&self.syntax)
    }

    pub fn rhs(&self) -> Option<Expr> {
        nth_child(&self.syntax, 1)
    }

    /// The operator token: the first significant direct token (operands are nodes).
    pub fn op_token(&self) -> Option<SyntaxToken> {
        tokens(&self.syntax).find(|t| BinOp::from_kind(t.kind()).is_some())
    }

    pub fn op(&self) -> Option<BinOp> {
        BinOp::from_kind(self.op_token()?.kind())
    }
}

impl CondExpr {
    pub fn condition(&self) -> Option<Expr> {
        child(&self.syntax)
    }

    /// `None` for GNU `c ?: b`.
    pub fn then_expr(&self) -> Option<Expr> {
        child_between(&self.syntax, QUESTION, COLON)
    }

    pub fn else_expr(&self) -> Option<Expr> {
        child_after(&self.syntax, COLON)
    }
}

impl LabelAddrExpr {
    pub fn label(&self) -> Option<NameRef> {
        child(&self.syntax)
    }
}

impl GenericSelection {
    pub fn controlling_expr(&self) -> Option<Expr> {
        child(&self.syntax)
    }

    pub fn assocs(&self) -> AstChildren<GenericAssoc> {
        children(&self.syntax)
    }
}

impl GenericAssoc {
    /// `None` for `default`.
    pub fn type_name(&self) -> Option<TypeName> {
        child(&self.syntax)
    }

    pub fn is_default(&self) -> bool {
        token(&self.syntax, DEFAULT_KW).is_some()
    }

    pub fn expr(&self) -> Option<Expr> {
        child(&self.syntax)
    }
}

impl OffsetofExpr {
    pub fn type_name(&self) -> Option<TypeName> {
        child(&self.syntax)
    }

    pub fn designator(&self) -> Option<OffsetofDesignator> {
        child(&self.syntax)
    }
}

/// A step of an `offsetof` member designator.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum OffsetofStep {
    Member(NameRef),
    Index(Expr),
}

impl OffsetofDesignator {
    /// `a.b[1].c`: `a`, `b`, `[1]`, `c`.
    pub fn steps(&self) -> impl Iterator<Item = OffsetofStep> + use<> {
        self.syntax.children().filter_map(|n| {
            NameRef::cast(n.clone())
                .map(OffsetofStep::Member)
                .or_else(|| Expr::cast(n).map(OffsetofStep::Index))
        })
    }
}

impl VaArgExpr {
    pub fn expr(&self) -> Option<Expr> {
        child(&self.syntax)
    }

    pub fn type_name(&self) -> Option<TypeName> {
        child(&self.syntax)
    }
}

impl TypesCompatibleExpr {
    pub fn types(&self) -> AstChildren<TypeName> {
        children(&self.syntax)
    }
}

impl ChooseExpr {
    pub fn condition(&self) -> Option<Expr> {
        child(&self.syntax)
    }

    pub fn first(&self) -> Option<Expr> {
        nth_child(&self.syntax, 1)
    }

    pub fn second(&self) -> Option<Expr> {
        nth_child(&self.syntax, 2)
    }
}

impl ConvertVectorExpr {
    pub fn expr(&self) -> Option<Expr> {
        child(&self.syntax)
    }

    pub fn type_name(&self) -> Option<TypeName> {
        child(&self.syntax)
    }
}

impl HasAttributeExpr {
    pub fn operand(&self) -> Option<TypeOrExpr> {
        child(&self.syntax)
            .map(TypeOrExpr::Type)
            .or_else(|| child(&self.syntax).map(TypeOrExpr::Expr))
    }

    pub fn attribute(&self) -> Option<Attribute> {
        child(&self.syntax)
    }
}
