//! GNU asm statements (file-scope asm too).

use super::support::{child, children, tokens};
use super::{AstChildren, Expr, Literal, Name, NameRef, ast_node};
use crate::syntax_kind::SyntaxToken;

ast_node! {
    /// `asm qualifiers (template : outputs : inputs : clobbers : labels);`.
    AsmStmt = ASM_STMT;
    AsmOutputs = ASM_OUTPUTS;
    AsmInputs = ASM_INPUTS;
    AsmClobbers = ASM_CLOBBERS;
    AsmLabels = ASM_LABELS;
    /// `[name] "constraint" (expr)`.
    AsmOperand = ASM_OPERAND;
}

impl AsmStmt {
    /// `volatile`, `inline`, `goto`.
    pub fn qualifiers(&self) -> impl Iterator<Item = SyntaxToken> + use<> {
        tokens(&self.syntax)
            .skip(1)
            .take_while(|t| t.kind().is_keyword())
    }

    pub fn template(&self) -> Option<Literal> {
        child(&self.syntax)
    }

    pub fn outputs(&self) -> Option<AsmOutputs> {
        child(&self.syntax)
    }

    pub fn inputs(&self) -> Option<AsmInputs> {
        child(&self.syntax)
    }

    pub fn clobbers(&self) -> Option<AsmClobbers> {
        child(&self.syntax)
    }

    pub fn labels(&self) -> Option<AsmLabels> {
        child(&self.syntax)
    }
}

impl AsmOutputs {
    pub fn operands(&self) -> AstChildren<AsmOperand> {
        children(&self.syntax)
    }
}

impl AsmInputs {
    pub fn operands(&self) -> AstChildren<AsmOperand> {
        children(&self.syntax)
    }
}

impl AsmClobbers {
    pub fn clobbers(&self) -> AstChildren<Literal> {
        children(&self.syntax)
    }
}

impl AsmLabels {
    pub fn labels(&self) -> AstChildren<NameRef> {
        children(&self.syntax)
    }
}

impl AsmOperand {
    /// The `[name]` of the operand.
    pub fn symbolic_name(&self) -> Option<Name> {
        child(&self.syntax)
    }

    pub fn constraint(&self) -> Option<Literal> {
        child(&self.syntax)
    }

    pub fn expr(&self) -> Option<Expr> {
        super::support::nth_child(&self.syntax, 1)
    }
}
