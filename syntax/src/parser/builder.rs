//! Turns the parser's events into a rowan green tree, putting the trivia back: whitespace and
//! newlines before a token go right before it, outside any node that starts at that token, so
//! that every node's text begins and ends with a significant token; trivia at the very start and
//! end of the input belongs to the root. The tree's text is the input's text.

use rowan::{GreenNode, NodeOrToken};

use super::SyntaxError;
use super::event::{Event, EventSlice, Events};
use super::green_cache::{GreenCache, GreenElement, UNSHARED};
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
    tokens: &'t (dyn Tokens + Sync),
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
    /// A sink for (about) `share` of the tokens: its tables are sized to that.
    fn new(tokens: &'t (dyn Tokens + Sync), share: usize) -> Sink<'t> {
        Sink {
            tokens,
            next: 0,
            cache: GreenCache::with_capacity(share),
            parents: Vec::with_capacity(64),
            children: Vec::with_capacity(share / 16 + 16),
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

/// Below this many events the tree is built on one thread.
const SPLIT_MIN_EVENTS: usize = 1 << 18;

/// The tree, and an error if it had to be cut for depth. A large input's top-level items are
/// built in two halves, the second on another thread (`raw_after` gives the raw index after
/// a number of significant tokens: where the second half's tokens start; it is dropped, and
/// what it holds freed, before the tree is built).
pub(crate) fn build(
    tokens: &(dyn Tokens + Sync),
    mut events: Events,
    raw_after: impl FnOnce(usize) -> usize,
) -> (GreenNode, Option<SyntaxError>) {
    let split = (events.len() >= SPLIT_MIN_EVENTS)
        .then(|| top_level_split(&events))
        .flatten();
    let Some(split) = split else {
        drop(raw_after);
        let mut sink = Sink::new(tokens, tokens.len());
        run(&mut sink, &mut events.slice_mut(0..events.len()));
        return sink.finish();
    };
    let second_start = raw_after(split.tokens_before);
    let (mut first_events, mut second_events, mut last_events) = events.split3(split.at, split.end);
    let mut sink = Sink::new(tokens, tokens.len() / 2);
    // Made here, its tables come from this thread's heap, which gets them back (a thread
    // of its own would keep them in an arena of its own, adding to the peak memory).
    let mut second = Sink::new(tokens, tokens.len() / 2);
    second.next = second_start;
    second.parents.push((SyntaxKind::TRANSLATION_UNIT, 0));
    let built_apart = std::thread::scope(|scope| {
        let (second, second_events) = (&mut second, &mut second_events);
        let spawned =
            std::thread::Builder::new().spawn_scoped(scope, move || run(second, second_events));
        run(&mut sink, &mut first_events);
        let handle = spawned.ok()?;
        if let Err(panic) = handle.join() {
            std::panic::resume_unwind(panic);
        }
        Some(())
    });
    if built_apart.is_some() {
        // The split is where the first half's last token ends and the second half's trivia
        // starts (`top_level_split`): the halves together are the whole.
        debug_assert!(sink.next == second_start && second.parents.len() == 1);
        let Sink {
            next,
            children,
            too_deep,
            ..
        } = second;
        // Its elements' sharing ids are its own cache's.
        (sink.children).extend(children.into_iter().map(|(_, e)| (UNSHARED, e)));
        sink.next = next;
        sink.too_deep = sink.too_deep.or(too_deep);
    } else {
        // No thread: the second half after the first.
        run(&mut sink, &mut second_events);
    }
    run(&mut sink, &mut last_events);
    sink.finish()
}

/// Where a tree's events split into two halves of top-level items: `at` the start of an
/// item near the middle (no forward parent from before it reaches it or past it), `end` the
/// root's finish, with the significant tokens before `at`.
struct Split {
    at: usize,
    end: usize,
    tokens_before: usize,
}

fn top_level_split(events: &Events) -> Option<Split> {
    let (mut depth, mut reach, mut tokens) = (0usize, 0usize, 0usize);
    let mut at = None;
    // Whether a node started since the last token: it took the trivia after that token,
    // which the second half would take again.
    let mut started = false;
    for i in 0..events.len() {
        match events.get(i) {
            Event::Start { forward_parent, .. } => {
                if at.is_none() && depth == 1 && reach < i && !started && i >= events.len() / 2 {
                    at = Some((i, tokens));
                }
                reach = reach.max(i + forward_parent.map_or(0, |d| d.get() as usize));
                depth += 1;
                started = true;
            }
            Event::Finish => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    let (at, tokens_before) = at?;
                    return Some(Split {
                        at,
                        end: i,
                        tokens_before,
                    });
                }
            }
            Event::Token => {
                tokens += 1;
                started = false;
            }
            Event::Tombstone => {}
        }
    }
    None
}

/// Feeds `events` to `sink`.
fn run(sink: &mut Sink<'_>, events: &mut EventSlice<'_>) {
    let mut parents = Vec::new();
    for i in events.range() {
        // Event `i` is never read again; only forward parents, read ahead, are consumed.
        match events.get(i) {
            Event::Start {
                kind,
                forward_parent,
            } => {
                start_with_forward_parents(events, i, kind, forward_parent, &mut parents);
                for kind in parents.drain(..).rev() {
                    sink.start_node(kind);
                }
            }
            Event::Finish => sink.finish_node(),
            Event::Token => sink.token(),
            Event::Tombstone => {}
        }
    }
}

/// Collects the chain of nodes that must start at event `i`: the node itself, then the parents
/// that `precede` created later in the event list (each consumed so that it is not started again).
fn start_with_forward_parents(
    events: &mut EventSlice<'_>,
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
