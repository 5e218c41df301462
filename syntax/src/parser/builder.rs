//! Turns the parser's events into a rowan green tree, putting the trivia back: whitespace and
//! newlines before a token go right before it, outside any node that starts at that token, so
//! that every node's text begins and ends with a significant token; trivia at the very start and
//! end of the input belongs to the root. The tree's text is the input's text.

use rowan::{GreenNode, NodeOrToken};

use super::SyntaxError;
use super::event::{Event, Events};
use super::green_cache::{GreenCache, GreenElement};
use super::input::Tokens;
use crate::syntax_kind::SyntaxKind;

/// How deep the tree may be. Rowan frees a tree recursively, so a deeper one could overflow
/// the stack when dropped (10 000 levels do on a 2 MiB stack in a debug build). The parser
/// bounds its own recursion; left-associative chains (`a + b + ...`, `else if`, `case:` runs)
/// are iterations in the parser but nest in the tree, so nodes past this depth are left out
/// and their tokens go to the deepest node kept, with an error. gcc's test suite has a chain of
/// 2168 operators; the kernel nests less than 100 deep.
const MAX_TREE_DEPTH: usize = 4000;

struct Sink<'t> {
    tokens: &'t dyn Tokens,
    /// The next raw token (trivia included) to emit.
    next: usize,
    cache: GreenCache<'t>,
    /// Open nodes: their kind and where their children start in `children`.
    parents: Vec<(SyntaxKind, usize)>,
    /// The children of the open nodes, with their sharing ids.
    children: Vec<(u32, GreenElement)>,
    /// How many of the open nodes were left out for being too deep.
    left_out: usize,
    /// The error for the first node left out.
    too_deep: Option<SyntaxError>,
}

impl<'t> Sink<'t> {
    fn new(tokens: &'t dyn Tokens) -> Sink<'t> {
        Sink {
            tokens,
            next: 0,
            cache: GreenCache::with_capacity(tokens.len()),
            parents: Vec::with_capacity(64),
            children: Vec::with_capacity(tokens.len() / 16 + 16),
            left_out: 0,
            too_deep: None,
        }
    }

    fn start_node(&mut self, kind: SyntaxKind) {
        if !self.parents.is_empty() {
            self.trivia();
        }
        if self.left_out > 0 || self.parents.len() >= MAX_TREE_DEPTH {
            self.leave_out();
            return;
        }
        self.parents.push((kind, self.children.len()));
    }

    fn leave_out(&mut self) {
        self.left_out += 1;
        if self.too_deep.is_none() {
            self.too_deep = Some(SyntaxError {
                message: format!("too deeply nested (more than {MAX_TREE_DEPTH} levels)"),
                token: self.next,
            });
        }
    }

    fn finish_node(&mut self) {
        if self.left_out > 0 {
            self.left_out -= 1;
            return;
        }
        if self.parents.len() == 1 {
            // Closing the root: whatever is left (trailing trivia) belongs to it.
            while self.next < self.tokens.len() {
                self.raw_token();
            }
        }
        let Some((kind, first)) = self.parents.pop() else {
            return;
        };
        let (id, node) = self.cache.node(kind, &mut self.children, first);
        self.children.push((id, NodeOrToken::Node(node)));
    }

    /// The next significant token, with the trivia before it.
    fn token(&mut self) {
        self.trivia();
        self.raw_token();
    }

    fn trivia(&mut self) {
        while self.next < self.tokens.len() && self.tokens.kind(self.next).is_trivia() {
            self.raw_token();
        }
    }

    fn raw_token(&mut self) {
        if self.next >= self.tokens.len() {
            return;
        }
        let (kind, text) = (self.tokens.kind(self.next), self.tokens.text(self.next));
        self.next += 1;
        let (id, token) = self.cache.token(kind, text);
        self.children.push((id, NodeOrToken::Token(token)));
    }

    /// The root, once every node is finished (the parser always emits exactly one), and the
    /// error for nodes left out.
    fn finish(mut self) -> (GreenNode, Option<SyntaxError>) {
        self.left_out = 0;
        while !self.parents.is_empty() {
            self.finish_node();
        }
        let root = match self.children.pop() {
            Some((_, NodeOrToken::Node(root))) if self.children.is_empty() => root,
            last => {
                // Unreachable with a well-formed event list; still give a tree with every token.
                self.children.extend(last);
                let elements = self.children.into_iter().map(|(_, e)| e);
                GreenNode::new(SyntaxKind::ERROR.into(), elements)
            }
        };
        (root, self.too_deep)
    }
}

/// The tree, and an error if it had to be cut for depth.
pub(crate) fn build(tokens: &dyn Tokens, mut events: Events) -> (GreenNode, Option<SyntaxError>) {
    let mut sink = Sink::new(tokens);
    let mut parents = Vec::new();
    for i in 0..events.len() {
        // Event `i` is never read again; only forward parents, read ahead, are consumed.
        match events.get(i) {
            Event::Start {
                kind,
                forward_parent,
            } => {
                start_with_forward_parents(&mut events, i, kind, forward_parent, &mut parents);
                for kind in parents.drain(..).rev() {
                    sink.start_node(kind);
                }
            }
            Event::Finish => sink.finish_node(),
            Event::Token => sink.token(),
            Event::Tombstone => {}
        }
    }
    sink.finish()
}

/// Collects the chain of nodes that must start at event `i`: the node itself, then the parents
/// that `precede` created later in the event list (each consumed so that it is not started again).
fn start_with_forward_parents(
    events: &mut Events,
    i: usize,
    kind: SyntaxKind,
    forward_parent: Option<std::num::NonZeroU32>,
    parents: &mut Vec<SyntaxKind>,
) {
    parents.push(kind);
    let mut at = i;
    let mut next = forward_parent;
    while let Some(distance) = next {
        at += distance.get() as usize;
        next = None;
        if let Event::Start {
            kind,
            forward_parent,
        } = events.take(at)
        {
            parents.push(kind);
            next = forward_parent;
        }
    }
}
