//! Errors are values: what went wrong and where, in offsets of the preprocessed text.

use std::borrow::Cow;
use std::fmt;

use syntax::diagnostic::Severity;
use syntax::syntax_kind::SyntaxNode;

/// A range of the preprocessed text (the syntax tree's offsets).
/// A syntax node by its range and kind, for memo tables: cheaper to hash and store than the
/// node (no reference count), and unique (nodes of one kind never share a range).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) struct NodeKey {
    pub span: Span,
    pub kind: syntax::syntax_kind::SyntaxKind,
}

impl NodeKey {
    pub fn of(node: &SyntaxNode) -> NodeKey {
        NodeKey {
            span: Span::of(node),
            kind: node.kind(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn of(node: &SyntaxNode) -> Span {
        let range = node.text_range();
        Span {
            start: range.start().into(),
            end: range.end().into(),
        }
    }
}

/// A finding of klp-ccp's about the code (a division by zero, an incompatible assignment),
/// with the message text klp-ccp has always used; spans in offsets of the tree it was found
/// in.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TypeDiagnostic {
    pub severity: Severity,
    pub message: String,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TypeError {
    /// Most messages are fixed texts: evaluation meets many non-constant expressions, and
    /// saying so must not allocate.
    pub message: Cow<'static, str>,
    /// `None` for errors found away from the syntax (in a layout computed later).
    pub span: Option<Span>,
}

impl TypeError {
    pub fn new(message: impl Into<Cow<'static, str>>) -> TypeError {
        TypeError {
            message: message.into(),
            span: None,
        }
    }

    pub fn at(message: impl Into<Cow<'static, str>>, node: &SyntaxNode) -> TypeError {
        TypeError {
            message: message.into(),
            span: Some(Span::of(node)),
        }
    }

    /// Locates an error that has no place yet at `node`.
    pub fn or_at(mut self, node: &SyntaxNode) -> TypeError {
        if self.span.is_none() {
            self.span = Some(Span::of(node));
        }
        self
    }
}

impl fmt::Display for TypeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

pub type TypeResult<T> = Result<T, TypeError>;
