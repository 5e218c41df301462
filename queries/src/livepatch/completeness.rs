//! Which struct, union and enum types a piece of code needs complete, and which it only needs
//! declared: a live patch copies a tag's definition only where the code needs its members or
//! its size, and a declaration (`struct s;`) where pointers to it are all it handles.
//!
//! Two sources: the syntax (a declaration of an object of the type by value, `sizeof` of it,
//! a compound literal), and the types of a function body's expressions (a member access, an
//! indirection, an index or pointer arithmetic through a pointer to it).

use rustc_hash::FxHashSet;
use syntax::ast::{AstNode, BinOp, Expr, PrefixOp};
use syntax::syntax_kind::{SyntaxKind, SyntaxNode, SyntaxToken};

use crate::sema::TagId;
use crate::types::{BodyTypes, Span};

/// The file-scope tags whose types function body `root` (a definition, offsets from its
/// start) needs complete, by what its expressions do. Tags without a name have no `file_tag`
/// and are left out: the typedef or declaration that names their type is emitted whole.
pub fn tags_needed_complete(root: &SyntaxNode, body: &BodyTypes) -> FxHashSet<TagId> {
    let mut needed = FxHashSet::default();
    let Some(types) = body.types.as_ref() else {
        return needed;
    };
    let record_tag = |expr: &Expr, through_pointer: bool| -> Option<TagId> {
        let range = expr.syntax().text_range();
        let span = Span {
            start: range.start().into(),
            end: range.end().into(),
        };
        let mut ty = body.type_of(span)?;
        if through_pointer {
            // Through a pointer, or an array that decays to one.
            ty = types
                .pointee(ty)
                .or_else(|| types.array_elem(ty).map(|(elem, _)| elem))?;
        }
        types.file_tag_of(ty)
    };
    for node in root.descendants() {
        let Some(expr) = Expr::cast(node) else {
            continue;
        };
        let (operand, through_pointer) = match &expr {
            Expr::Member(member) => (member.base(), member.is_arrow()),
            Expr::Index(index) => (index.base(), true),
            Expr::Prefix(prefix) => match prefix.op() {
                Some(PrefixOp::Deref | PrefixOp::Inc | PrefixOp::Dec) => {
                    (prefix.operand(), prefix.op() == Some(PrefixOp::Deref))
                }
                _ => (None, false),
            },
            Expr::Postfix(postfix) => (postfix.operand(), true),
            Expr::Bin(bin) if matches!(bin.op(), Some(BinOp::Add | BinOp::Sub)) => {
                (bin.lhs(), true)
            }
            _ => (None, false),
        };
        if let Some(tag) = operand
            .as_ref()
            .and_then(|e| record_tag(e, through_pointer))
        {
            needed.insert(tag);
        }
    }
    needed
}

/// Whether the tag name `token` (in `struct s`, `enum e`) is used where its type must be
/// complete: a definition's by-value object, parameter, member or return value, `sizeof` or
/// `_Alignof` of it, a compound literal.
/// The same holds for a typedef name naming such a type.
pub fn needs_complete_at(token: &SyntaxToken) -> bool {
    let Some(holder) = token
        .parent_ancestors()
        .find(|n| matches!(n.kind(), SyntaxKind::DECL_SPECS | SyntaxKind::TYPE_NAME))
    else {
        return false;
    };
    match holder.kind() {
        SyntaxKind::TYPE_NAME => type_name_needs_complete(&holder),
        SyntaxKind::DECL_SPECS => holder.parent().is_some_and(|parent| {
            if parent.kind() == SyntaxKind::TYPE_NAME {
                type_name_needs_complete(&parent)
            } else {
                declaration_needs_complete(&parent)
            }
        }),
        _ => false,
    }
}

/// `sizeof (struct s)`, `(struct s){...}`: the type itself, not a pointer to it.
fn type_name_needs_complete(type_name: &SyntaxNode) -> bool {
    let by_value = !has_pointer_declarator(type_name);
    let context = type_name.parent().map(|p| p.kind());
    by_value
        && matches!(
            context,
            Some(
                SyntaxKind::SIZEOF_EXPR
                    | SyntaxKind::ALIGNOF_EXPR
                    | SyntaxKind::COMPOUND_LITERAL
                    | SyntaxKind::OFFSETOF_EXPR
            )
        )
}

/// Whether a declaration declares something of the type by value that needs its size: an
/// object defined (not `extern`, not a typedef), a member, a parameter or the return value of
/// a function definition.
fn declaration_needs_complete(declaration: &SyntaxNode) -> bool {
    match declaration.kind() {
        SyntaxKind::FUNCTION_DEF => {
            // The return type: the definition's declarator names the function.
            declaration
                .children()
                .find(|c| is_declarator(c.kind()))
                .is_some_and(|d| !returns_pointer(&d))
        }
        SyntaxKind::PARAM_DECL => {
            let in_definition = declaration
                .ancestors()
                .find(|n| n.kind() == SyntaxKind::PARAM_LIST)
                .and_then(|list| list.parent())
                .and_then(|f| f.parent())
                .is_some_and(|d| d.kind() == SyntaxKind::FUNCTION_DEF);
            in_definition && !has_pointer_declarator(declaration)
        }
        SyntaxKind::MEMBER_DECL => declaration
            .children()
            .filter(|c| c.kind() == SyntaxKind::MEMBER_DECLARATOR)
            .any(|d| !has_pointer_declarator(&d)),
        SyntaxKind::DECLARATION => {
            let storage = declaration
                .children()
                .find(|c| c.kind() == SyntaxKind::DECL_SPECS)
                .into_iter()
                .flat_map(|specs| specs.children_with_tokens())
                .filter_map(|e| e.into_token())
                .any(|t| matches!(t.kind(), SyntaxKind::EXTERN_KW | SyntaxKind::TYPEDEF_KW));
            !storage
                && declaration
                    .children()
                    .filter(|c| c.kind() == SyntaxKind::INIT_DECLARATOR)
                    .any(|d| !has_pointer_declarator(&d) && !declares_function(&d))
        }
        _ => false,
    }
}

fn is_declarator(kind: SyntaxKind) -> bool {
    matches!(
        kind,
        SyntaxKind::NAME
            | SyntaxKind::POINTER_DECLARATOR
            | SyntaxKind::ARRAY_DECLARATOR
            | SyntaxKind::FN_DECLARATOR
            | SyntaxKind::PAREN_DECLARATOR
    )
}

/// Whether a declarator (or type name) has a pointer somewhere: the type it declares is then
/// reached through a pointer (a function pointer, an array of pointers).
fn has_pointer_declarator(node: &SyntaxNode) -> bool {
    node.descendants()
        .any(|n| n.kind() == SyntaxKind::POINTER_DECLARATOR && !in_parameters(&n, node))
}

/// Whether `node` lies in a parameter list below `top` (a parameter's pointer says nothing
/// of the declared thing).
fn in_parameters(node: &SyntaxNode, top: &SyntaxNode) -> bool {
    node.ancestors()
        .take_while(|n| n != top)
        .any(|n| n.kind() == SyntaxKind::PARAM_LIST)
}

/// Whether a function definition's declarator returns a pointer.
fn returns_pointer(declarator: &SyntaxNode) -> bool {
    has_pointer_declarator(declarator)
}

/// Whether an init-declarator declares a function (whose return type needs no size).
fn declares_function(init: &SyntaxNode) -> bool {
    init.descendants()
        .any(|n| n.kind() == SyntaxKind::FN_DECLARATOR)
}
