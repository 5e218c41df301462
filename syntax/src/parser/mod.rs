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

use crate::syntax_kind::SyntaxNode;
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
    let mut p = state::Parser::new(input::Input::new(tokens));
    grammar::translation_unit(&mut p);
    let (input, events, mut errors) = p.finish();
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
    Parse { green, errors }
}
