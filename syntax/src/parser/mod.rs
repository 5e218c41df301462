//! The GNU C parser: a hand-written recursive-descent parser over the preprocessed token stream
//! that emits events (`event`), from which `builder` makes a lossless rowan tree. Typedef names
//! are tracked while parsing (`scope`), as C's grammar requires.
//!
//! The tree holds every input token, so its text is the input's text:
//! - a node begins and ends with significant tokens; the trivia between two tokens lies in the
//!   innermost node holding both (the trivia before a node's first token is outside it);
//! - a `#pragma` line between declarations, statements or members is a `PRAGMA_ITEM`; one
//!   anywhere else (gcc ignores the pragmas it does not know) is a token of the node it stands
//!   in;
//! - tokens skipped after an error are in `ERROR` nodes;
//! - nodes nested deeper than 4000 levels (only overlong operator or `else if` chains get
//!   there) are left out, their tokens going to the deepest node kept, with an error.

mod builder;
mod event;
mod grammar;
mod green_cache;
mod input;
mod scope;
mod state;
mod token_set;

use rowan::GreenNode;

pub use input::Tokens;

use crate::syntax_kind::{SyntaxKind, SyntaxNode};
pub use crate::tree::debug_tree;

/// A syntax error, at the index (in the parsed token slice, trivia included) of the token where
/// it was detected; the slice's length stands for the end of input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub message: String,
    pub token: usize,
}

/// The result of parsing a translation unit: the tree (always complete) and the errors.
#[derive(Debug, Clone)]
pub struct Parse {
    pub green: GreenNode,
    pub errors: Vec<SyntaxError>,
    /// The changes of typedef-ness at file scope, in order: what a later parse of an edited
    /// text needs to take over after the items it keeps (see `parse_resuming`).
    pub scope_changes: Vec<ScopeChange>,
}

/// A file-scope declaration that changed whether `name` is a typedef name, made while the
/// parser stood at raw token `at` (the declaration's own tokens, or the one after them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScopeChange {
    pub at: u32,
    pub name: Box<str>,
    pub typedef: bool,
}

/// Where a parse of edited tokens takes over from an earlier parse: the earlier tree's first
/// `children` root children are kept as they are, and parsing starts at raw token `token`,
/// the first token of the next child. Valid when the tokens before `token` are those the
/// earlier parse read, and it had no errors there.
pub struct Resume<'a> {
    pub earlier: &'a Parse,
    pub children: usize,
    pub token: usize,
}

impl Parse {
    pub fn syntax_node(&self) -> SyntaxNode {
        SyntaxNode::new_root(self.green.clone())
    }

    /// The tree's text: the concatenation of all input token texts.
    pub fn tree_text(&self) -> String {
        self.syntax_node().text().to_string()
    }
}

/// Parses a whole preprocessed translation unit, `tokens` including its trivia, in order.
pub fn parse(tokens: &(dyn Tokens + Sync)) -> Parse {
    parse_with(tokens, &[])
}

/// Parses `tokens` as `parse` does, but keeps the items of an earlier parse before
/// `resume.token` (see `Resume`): the result is the one `parse` gives.
pub fn parse_resuming(tokens: &(dyn Tokens + Sync), resume: Resume<'_>) -> Parse {
    let Resume {
        earlier,
        children,
        token,
    } = resume;
    let kept = (earlier.scope_changes.iter()).take_while(|c| c.at as usize <= token);
    let tail = input::Tail {
        tokens,
        start: token,
    };
    let replay: Vec<(&str, bool)> = kept.clone().map(|c| (&*c.name, c.typedef)).collect();
    let mut rest = parse_with(&tail, &replay);
    let items: Vec<_> = (earlier.green.children().take(children))
        .chain(rest.green.children())
        .map(|child| child.to_owned())
        .collect();
    let green = GreenNode::new(SyntaxKind::TRANSLATION_UNIT.into(), items);
    for error in &mut rest.errors {
        error.token += token;
    }
    for change in &mut rest.scope_changes {
        change.at += token as u32;
    }
    let scope_changes = kept.cloned().chain(rest.scope_changes).collect();
    Parse {
        green,
        errors: rest.errors,
        scope_changes,
    }
}

/// Parses `tokens` after replaying `file_scope`'s changes of typedef-ness.
fn parse_with<'t>(tokens: &'t (dyn Tokens + Sync), file_scope: &[(&'t str, bool)]) -> Parse {
    let mut p = state::Parser::new(input::Input::new(tokens));
    for &(name, typedef) in file_scope {
        p.scopes.declare(name, typedef);
    }
    grammar::translation_unit(&mut p);
    let (input, events, mut errors, scope_changes) = p.finish();
    // The parser's view of the tokens goes with this closure, before the tree is built.
    let raw_after = move |significant: usize| match significant.checked_sub(1) {
        Some(last) => input.raw_index(last) + 1,
        None => 0,
    };
    let (green, too_deep) = builder::build(tokens, events, raw_after);
    if let Some(error) = too_deep {
        let at = errors.partition_point(|e| e.token <= error.token);
        errors.insert(at, error);
    }
    Parse {
        green,
        errors,
        scope_changes,
    }
}
