//! Statements and block items.

use super::support::{child, child_after, child_before, children, token};
use super::{
    AsmStmt, AstChildren, AstNode, AttributeSpec, Declaration, Expr, FunctionDef, LabelDecl, Name,
    NameRef, PragmaItem, StaticAssert, ast_enum, ast_node,
};
use crate::syntax_kind::SyntaxElement;
use crate::syntax_kind::SyntaxKind::*;

ast_node! {
    CompoundStmt = COMPOUND_STMT;
    /// `name: attributes item` (the item may be missing before `}`, or be a declaration).
    LabeledStmt = LABELED_STMT;
    /// `case value:` or GNU `case first ... last:`.
    CaseStmt = CASE_STMT;
    DefaultStmt = DEFAULT_STMT;
    ExprStmt = EXPR_STMT;
    /// `;`.
    EmptyStmt = EMPTY_STMT;
    IfStmt = IF_STMT;
    SwitchStmt = SWITCH_STMT;
    WhileStmt = WHILE_STMT;
    DoStmt = DO_STMT;
    ForStmt = FOR_STMT;
    /// `goto label;` or GNU `goto *expr;`.
    GotoStmt = GOTO_STMT;
    ContinueStmt = CONTINUE_STMT;
    BreakStmt = BREAK_STMT;
    ReturnStmt = RETURN_STMT;
    /// `__attribute__((fallthrough));`.
    AttributeStmt = ATTRIBUTE_STMT;
}

ast_enum! {
    Stmt {
        Compound(CompoundStmt),
        Labeled(LabeledStmt),
        Case(CaseStmt),
        Default(DefaultStmt),
        Expr(ExprStmt),
        Empty(EmptyStmt),
        If(IfStmt),
        Switch(SwitchStmt),
        While(WhileStmt),
        Do(DoStmt),
        For(ForStmt),
        Goto(GotoStmt),
        Continue(ContinueStmt),
        Break(BreakStmt),
        Return(ReturnStmt),
        Attribute(AttributeStmt),
        Asm(AsmStmt),
    }
}

ast_enum! {
    /// What a block holds.
    BlockItem {
        Stmt(Stmt),
        Declaration(Declaration),
        /// A nested function (GNU).
        FunctionDef(FunctionDef),
        StaticAssert(StaticAssert),
        LabelDecl(LabelDecl),
        Pragma(PragmaItem),
    }
}

impl CompoundStmt {
    pub fn items(&self) -> AstChildren<BlockItem> {
        children(&self.syntax)
    }
}

impl LabeledStmt {
    pub fn label(&self) -> Option<Name> {
        child(&self.syntax)
    }

    pub fn attributes(&self) -> AstChildren<AttributeSpec> {
        children(&self.syntax)
    }

    pub fn body(&self) -> Option<BlockItem> {
        child(&self.syntax)
    }
}

impl CaseStmt {
    pub fn value(&self) -> Option<Expr> {
        child(&self.syntax)
    }

    /// The last value of a GNU case range.
    pub fn range_end(&self) -> Option<Expr> {
        child_after(&self.syntax, ELLIPSIS)
    }

    pub fn body(&self) -> Option<BlockItem> {
        child_after(&self.syntax, COLON)
    }
}

impl DefaultStmt {
    pub fn body(&self) -> Option<BlockItem> {
        child(&self.syntax)
    }
}

impl ExprStmt {
    pub fn expr(&self) -> Option<Expr> {
        child(&self.syntax)
    }
}

impl IfStmt {
    pub fn condition(&self) -> Option<Expr> {
        child(&self.syntax)
    }

    pub fn then_branch(&self) -> Option<Stmt> {
        child_before(&self.syntax, ELSE_KW)
    }

    pub fn else_branch(&self) -> Option<Stmt> {
        child_after(&self.syntax, ELSE_KW)
    }
}

impl SwitchStmt {
    pub fn condition(&self) -> Option<Expr> {
        child(&self.syntax)
    }

    pub fn body(&self) -> Option<Stmt> {
        child(&self.syntax)
    }
}

impl WhileStmt {
    pub fn condition(&self) -> Option<Expr> {
        child(&self.syntax)
    }

    pub fn body(&self) -> Option<Stmt> {
        child(&self.syntax)
    }
}

impl DoStmt {
    pub fn body(&self) -> Option<Stmt> {
        child(&self.syntax)
    }

    pub fn condition(&self) -> Option<Expr> {
        child(&self.syntax)
    }
}

/// The three clauses of a `for`, told apart by the `;` that end them.
#[derive(Clone, Copy, PartialEq, Eq)]
enum ForClause {
    Init,
    Condition,
    Step,
    Body,
}

impl ForStmt {
    /// A declaration as the first clause.
    pub fn init_declaration(&self) -> Option<Declaration> {
        child(&self.syntax)
    }

    /// An expression as the first clause.
    pub fn init_expr(&self) -> Option<Expr> {
        self.clause(ForClause::Init)
    }

    pub fn condition(&self) -> Option<Expr> {
        self.clause(ForClause::Condition)
    }

    pub fn step(&self) -> Option<Expr> {
        self.clause(ForClause::Step)
    }

    pub fn body(&self) -> Option<Stmt> {
        child(&self.syntax)
    }

    fn clause(&self, wanted: ForClause) -> Option<Expr> {
        let mut clause = ForClause::Init;
        for element in self.syntax.children_with_tokens() {
            match element {
                SyntaxElement::Token(t) => {
                    clause = match (t.kind(), clause) {
                        (SEMICOLON, ForClause::Init) => ForClause::Condition,
                        (SEMICOLON, ForClause::Condition) => ForClause::Step,
                        (R_PAREN, _) => ForClause::Body,
                        _ => clause,
                    };
                }
                SyntaxElement::Node(n) if n.kind() == DECLARATION => clause = ForClause::Condition,
                SyntaxElement::Node(n) if clause == wanted => {
                    if let Some(expr) = Expr::cast(n) {
                        return Some(expr);
                    }
                }
                SyntaxElement::Node(_) => {}
            }
        }
        None
    }
}

impl GotoStmt {
    pub fn label(&self) -> Option<NameRef> {
        child(&self.syntax)
    }

    /// The target of a computed `goto *expr`.
    pub fn target(&self) -> Option<Expr> {
        child(&self.syntax)
    }

    pub fn is_computed(&self) -> bool {
        token(&self.syntax, STAR).is_some()
    }
}

impl ReturnStmt {
    pub fn expr(&self) -> Option<Expr> {
        child(&self.syntax)
    }
}

impl AttributeStmt {
    pub fn attributes(&self) -> AstChildren<AttributeSpec> {
        children(&self.syntax)
    }

    /// The statement C23 attributes appertain to (`[[gnu::cold]] {}`); none for
    /// `__attribute__((fallthrough));`.
    pub fn statement(&self) -> Option<Stmt> {
        child(&self.syntax)
    }
}
