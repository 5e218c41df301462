//! How code refers to an entity at one identifier: called or used as a value, evaluated or
//! not. The closure decides by it: a function only called may be copied or externalized as
//! the policy prefers, one whose address is taken must be externalized; something referred to
//! only in unevaluated code (`sizeof`, `typeof`, the branch a constant condition skips) needs a
//! declaration, not a definition.

use syntax::ast::{AstNode, BinExpr, BinOp, ChooseExpr, CondExpr, Expr};
use syntax::syntax_kind::{SyntaxKind, SyntaxNode, SyntaxToken};

/// How one identifier refers to what it names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reference {
    /// The callee of a direct call (`f(...)`, `(f)(...)`).
    pub call: bool,
    /// Evaluated when the program runs (not in `sizeof`, `typeof`, a skipped branch).
    pub evaluated: bool,
}

/// How the identifier token `token` refers to what it names.
pub fn classify(token: &SyntaxToken) -> Reference {
    let Some(parent) = token.parent() else {
        return Reference {
            call: false,
            evaluated: true,
        };
    };
    Reference {
        call: is_callee(&parent),
        evaluated: !parent.ancestors().any(|n| is_unevaluated(&n)),
    }
}

/// Whether `node` (an identifier expression) is, through parentheses and the operands of
/// `__builtin_choose_expr`, the callee of a call.
fn is_callee(node: &SyntaxNode) -> bool {
    node.kind() == SyntaxKind::IDENT_EXPR && is_called(node)
}

/// Whether expression `expr` is, through parentheses and the operands of
/// `__builtin_choose_expr`, the callee of a call.
fn is_called(expr: &SyntaxNode) -> bool {
    let mut expr = expr.clone();
    while let Some(parent) = expr.parent() {
        match parent.kind() {
            SyntaxKind::PAREN_EXPR => expr = parent,
            SyntaxKind::CHOOSE_EXPR if !is_choice_condition(&parent, &expr) => expr = parent,
            SyntaxKind::CALL_EXPR => {
                // The callee is the call's first child; the arguments are in an ARG_LIST.
                return parent.first_child().as_ref() == Some(&expr);
            }
            _ => return false,
        }
    }
    false
}

fn is_choice_condition(choose: &SyntaxNode, operand: &SyntaxNode) -> bool {
    ChooseExpr::cast(choose.clone())
        .and_then(|c| c.condition())
        .is_some_and(|condition| condition.syntax() == operand)
}

/// Whether the code of `node` is not evaluated, by its parent: operands of `sizeof` and
/// `_Alignof` (other than of variably modified types, which the kernel does not use there),
/// `typeof`, the operand of `__builtin_choose_expr` not chosen, the branch of a conditional a
/// constant condition skips, the right operand of `&&`/`||` a constant left operand decides.
fn is_unevaluated(node: &SyntaxNode) -> bool {
    let Some(parent) = node.parent() else {
        return false;
    };
    match parent.kind() {
        SyntaxKind::SIZEOF_EXPR | SyntaxKind::ALIGNOF_EXPR | SyntaxKind::TYPEOF_SPEC => true,
        // A function chosen as the callee is called whichever is chosen (as klp-ccp has
        // always taken it: both are copied or externalized).
        SyntaxKind::CHOOSE_EXPR if is_called(&parent) => false,
        SyntaxKind::CHOOSE_EXPR => ChooseExpr::cast(parent).is_some_and(|c| {
            let (first, second) = (c.first(), c.second());
            match c.condition().as_ref().and_then(constant_truth) {
                Some(true) => second.is_some_and(|e| e.syntax() == node),
                Some(false) => first.is_some_and(|e| e.syntax() == node),
                None => false,
            }
        }),
        SyntaxKind::COND_EXPR => CondExpr::cast(parent).is_some_and(|c| {
            let Some(truth) = c.condition().as_ref().and_then(constant_truth) else {
                return false;
            };
            let skipped = if truth { c.else_expr() } else { c.then_expr() };
            skipped.is_some_and(|e| e.syntax() == node)
        }),
        SyntaxKind::BIN_EXPR => BinExpr::cast(parent).is_some_and(|b| {
            let decided_by = match b.op() {
                Some(BinOp::And) => false,
                Some(BinOp::Or) => true,
                _ => return false,
            };
            let left = b.lhs().as_ref().and_then(constant_truth);
            left == Some(decided_by) && b.rhs().is_some_and(|e| e.syntax() == node)
        }),
        _ => false,
    }
}

/// The truth of an integer constant made of literals, operators and parentheses (what the
/// conditions that skip code are in practice); `None` for anything else.
fn constant_truth(e: &Expr) -> Option<bool> {
    constant_value(e).map(|v| v != 0)
}

fn constant_value(e: &Expr) -> Option<i128> {
    match e {
        Expr::Literal(lit) => {
            let text = lit.token()?.text().to_ascii_lowercase();
            let digits = text.trim_end_matches(['u', 'l']);
            if let Some(hex) = digits.strip_prefix("0x") {
                i128::from_str_radix(hex, 16).ok()
            } else if digits.len() > 1 && digits.starts_with('0') {
                i128::from_str_radix(&digits[1..], 8).ok()
            } else {
                digits.parse().ok()
            }
        }
        Expr::Paren(p) => constant_value(&p.expr()?),
        Expr::Prefix(p) => {
            let value = constant_value(&p.operand()?)?;
            match p.op()? {
                syntax::ast::PrefixOp::Not => Some(i128::from(value == 0)),
                syntax::ast::PrefixOp::Neg => Some(-value),
                syntax::ast::PrefixOp::Plus => Some(value),
                _ => None,
            }
        }
        _ => None,
    }
}
