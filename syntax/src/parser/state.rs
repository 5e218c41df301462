//! The parser's state and its primitive operations: looking at tokens, consuming them, starting
//! and finishing nodes (markers), reporting errors and bounding recursion.

use std::num::NonZeroU32;

use super::event::{Event, Events};
use super::input::Input;
use super::scope::Scopes;
use super::token_set::TokenSet;
use super::{ScopeChange, SyntaxError};
use crate::syntax_kind::SyntaxKind::{self, *};

/// How deeply constructs may nest before parsing gives up (gcc has no limit, but a recursive
/// parser must not overflow its stack on hostile input).
const MAX_DEPTH: u32 = 1000;

pub(crate) struct Parser<'t> {
    input: Input<'t>,
    pos: usize,
    /// The next pragma not yet in the tree (an index into the input's pragmas).
    pragma: usize,
    events: Events,
    errors: Vec<SyntaxError>,
    pub(crate) scopes: Scopes<'t>,
    /// The file scope's changes of typedef-ness, in order (see `ScopeChange`).
    scope_changes: Vec<ScopeChange>,
    depth: u32,
    /// Set once nesting exceeded `MAX_DEPTH`: the parser then sees end of input everywhere and
    /// unwinds; the top level puts the rest of the tokens into an error node.
    too_deep: bool,
}

impl<'t> Parser<'t> {
    pub(crate) fn new(input: Input<'t>) -> Parser<'t> {
        // Kernel code takes about 2.6 events a token; room for 4.5 means the vector is sized
        // once (growing it would copy it), and capacity never touched costs no memory.
        let events = Events::with_capacity(input.len() * 9 / 2 + 16);
        Parser {
            input,
            pos: 0,
            pragma: 0,
            events,
            errors: Vec::new(),
            scopes: Scopes::new(),
            scope_changes: Vec::new(),
            depth: 0,
            too_deep: false,
        }
    }

    pub(crate) fn finish(self) -> (Input<'t>, Events, Vec<SyntaxError>, Vec<ScopeChange>) {
        (self.input, self.events, self.errors, self.scope_changes)
    }

    /// Declares `name` in the innermost scope (see `Scopes::declare`), logging a change of the
    /// file scope at the current token.
    pub(crate) fn declare(&mut self, name: &'t str, typedef: bool) {
        if self.scopes.declare(name, typedef) {
            self.scope_changes.push(ScopeChange {
                at: self.input.raw_index(self.pos) as u32,
                name: name.into(),
                typedef,
            });
        }
    }

    // Looking at tokens.

    pub(crate) fn nth(&self, n: usize) -> SyntaxKind {
        if self.too_deep {
            return EOF;
        }
        self.input.kind(self.pos + n)
    }

    pub(crate) fn current(&self) -> SyntaxKind {
        self.nth(0)
    }

    pub(crate) fn at(&self, kind: SyntaxKind) -> bool {
        self.current() == kind
    }

    pub(crate) fn nth_at(&self, n: usize, kind: SyntaxKind) -> bool {
        self.nth(n) == kind
    }

    pub(crate) fn at_ts(&self, set: TokenSet) -> bool {
        set.contains(self.current())
    }

    pub(crate) fn nth_text(&self, n: usize) -> &'t str {
        self.input.text(self.pos + n)
    }

    /// Whether token `n` is an identifier that names a type in the current scope.
    pub(crate) fn nth_is_typedef_name(&self, n: usize) -> bool {
        self.nth(n) == IDENT && self.scopes.is_typedef(self.nth_text(n))
    }

    /// How far parsing got (tokens and pragmas consumed), to detect that a loop made no progress.
    pub(crate) fn pos(&self) -> usize {
        self.pos + self.pragma
    }

    /// Whether a pragma stands before the current token.
    pub(crate) fn at_pragma(&self) -> bool {
        !self.too_deep && self.input.pragma_before(self.pragma) == Some(self.pos)
    }

    // Consuming tokens.

    pub(crate) fn bump_any(&mut self) {
        if self.current() == EOF {
            return;
        }
        // Pragmas nobody asked for go with the token they precede.
        while self.at_pragma() {
            self.bump_pragma();
        }
        self.pos += 1;
        self.events.push(Event::Token);
    }

    /// Consumes the pragma before the current token.
    pub(crate) fn bump_pragma(&mut self) {
        if self.at_pragma() {
            self.pragma += 1;
            self.events.push(Event::Token);
        }
    }

    pub(crate) fn eat(&mut self, kind: SyntaxKind) -> bool {
        if !self.at(kind) {
            return false;
        }
        self.bump_any();
        true
    }

    /// Consumes `kind` or reports gcc's "expected 'X' before ..." error.
    pub(crate) fn expect(&mut self, kind: SyntaxKind) -> bool {
        if self.eat(kind) {
            return true;
        }
        let what = kind.spelling().unwrap_or("token");
        self.error_expected(&format!("'{what}'"));
        false
    }

    /// Reports "expected WHAT before <current token>".
    pub(crate) fn error_expected(&mut self, what: &str) {
        let message = format!("expected {what} {}", self.describe_current());
        self.error(message);
    }

    /// How gcc names the place of an error: "before 'x'", "before ')' token", "at end of input".
    pub(crate) fn describe_current(&self) -> String {
        let kind = self.current();
        let text = self.nth_text(0);
        match kind {
            EOF => "at end of input".to_owned(),
            NUMBER => "before numeric constant".to_owned(),
            STRING => "before string constant".to_owned(),
            CHAR => "before character constant".to_owned(),
            _ if kind.is_punct() || kind == ERROR_TOKEN => format!("before '{text}' token"),
            _ => format!("before '{text}'"),
        }
    }

    /// Records an error at the current token (one per token: later ones would only repeat it).
    pub(crate) fn error(&mut self, message: impl Into<String>) {
        if self.too_deep {
            return;
        }
        let token = self.input.raw_index(self.pos);
        if self.errors.last().is_some_and(|e| e.token == token) {
            return;
        }
        self.errors.push(SyntaxError {
            message: message.into(),
            token,
        });
    }

    /// Reports an error and puts the current token into an error node (so that progress is made).
    pub(crate) fn err_and_bump(&mut self, message: impl Into<String>) {
        self.error(message);
        self.bump_error();
    }

    /// Puts the current token into an error node, silently.
    pub(crate) fn bump_error(&mut self) {
        if self.at(EOF) {
            return;
        }
        let m = self.start();
        self.bump_any();
        m.complete(self, ERROR);
    }

    // Nodes.

    pub(crate) fn start(&mut self) -> Marker {
        let pos = self.events.len() as u32;
        self.events.push(Event::Tombstone);
        Marker { pos }
    }

    // Recursion.

    /// Runs `f` one nesting level deeper, or reports that nesting is too deep and returns `None`.
    pub(crate) fn nested<R>(&mut self, f: impl FnOnce(&mut Parser<'t>) -> R) -> Option<R> {
        if self.depth >= MAX_DEPTH {
            if !self.too_deep {
                self.error(format!("nesting too deep (more than {MAX_DEPTH} levels)"));
                self.too_deep = true;
            }
            return None;
        }
        self.depth += 1;
        let result = f(self);
        self.depth -= 1;
        Some(result)
    }

    /// After giving up on deep nesting: resume seeing tokens (to put the rest into an error node).
    pub(crate) fn recover_from_depth_limit(&mut self) -> bool {
        std::mem::replace(&mut self.too_deep, false)
    }
}

/// A node being parsed: becomes a node of some kind when completed, or nothing when abandoned.
pub(crate) struct Marker {
    pos: u32,
}

impl Marker {
    pub(crate) fn complete(self, p: &mut Parser<'_>, kind: SyntaxKind) -> CompletedMarker {
        p.events.set(
            self.pos as usize,
            Event::Start {
                kind,
                forward_parent: None,
            },
        );
        p.events.push(Event::Finish);
        CompletedMarker { pos: self.pos }
    }

    pub(crate) fn abandon(self, p: &mut Parser<'_>) {
        // The start is still a tombstone; drop it when nothing followed it.
        if self.pos as usize + 1 == p.events.len() {
            p.events.pop();
        }
    }
}

/// A finished node, which can still be wrapped into a parent started later.
#[derive(Clone, Copy)]
pub(crate) struct CompletedMarker {
    pos: u32,
}

impl CompletedMarker {
    /// Starts a node that will become this one's parent: `a` then `+ b` gives `BIN_EXPR(a + b)`.
    pub(crate) fn precede(self, p: &mut Parser<'_>) -> Marker {
        let parent = p.start();
        let distance = parent.pos - self.pos;
        if let Event::Start { kind, .. } = p.events.get(self.pos as usize) {
            let forward_parent = NonZeroU32::new(distance);
            p.events.set(
                self.pos as usize,
                Event::Start {
                    kind,
                    forward_parent,
                },
            );
        }
        parent
    }
}
