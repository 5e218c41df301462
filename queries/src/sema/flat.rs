//! A syntax subtree flattened into an arena of its nodes, in preorder, with what name
//! resolution reads of their tokens (the first one's text, the keywords that matter).
//!
//! Why: walking rowan's red tree makes (and frees) a cursor per node, which costs more than
//! resolving the node. The green tree is walked once here, with an explicit stack, and the
//! resolution then works on plain indices.

use syntax::syntax_kind::SyntaxKind::{self, *};
use syntax::syntax_kind::SyntaxNode;

/// A node of the flattened tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Node(u32);

#[derive(Debug, Clone, Copy)]
struct FlatNode<'g> {
    kind: SyntaxKind,
    /// The keywords among the node's direct tokens (`Keyword` bits).
    keywords: u16,
    /// Start of the node's text in the whole tree.
    start: u32,
    /// The node after this one's subtree: its next sibling, or where its parent's next
    /// sibling is.
    end: u32,
    parent: u32,
    /// The first significant direct token's text: the identifier of a `NAME`, `NAME_REF`,
    /// `IDENT_EXPR` or `TYPEDEF_NAME`, the name of an `ATTRIBUTE`.
    first_token: &'g str,
}

/// The keywords recorded per node.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Keyword {
    Typedef,
    Extern,
    Static,
    Auto,
    Register,
    ThreadLocal,
    Inline,
    Struct,
    Union,
    Enum,
}

const KEYWORDS: &[(SyntaxKind, Keyword)] = &[
    (TYPEDEF_KW, Keyword::Typedef),
    (EXTERN_KW, Keyword::Extern),
    (STATIC_KW, Keyword::Static),
    (AUTO_KW, Keyword::Auto),
    (REGISTER_KW, Keyword::Register),
    (THREAD_LOCAL_KW, Keyword::ThreadLocal),
    (INLINE_KW, Keyword::Inline),
    (STRUCT_KW, Keyword::Struct),
    (UNION_KW, Keyword::Union),
    (ENUM_KW, Keyword::Enum),
];

/// The node kinds the resolution tells apart; any other is read as `ERROR` (walked through).
const NODE_KINDS: &[SyntaxKind] = &[
    FUNCTION_DEF,
    DECLARATION,
    LABEL_DECL,
    DECL_SPECS,
    TYPEDEF_NAME,
    STRUCT_SPEC,
    MEMBER_LIST,
    ENUM_SPEC,
    ENUMERATOR_LIST,
    ENUMERATOR,
    TYPEOF_SPEC,
    ATTRIBUTE_SPEC,
    ATTRIBUTE,
    INIT_DECLARATOR,
    NAME,
    NAME_REF,
    POINTER_DECLARATOR,
    ARRAY_DECLARATOR,
    FN_DECLARATOR,
    PAREN_DECLARATOR,
    PARAM_LIST,
    PARAM_DECL,
    ASM_LABEL,
    TYPE_NAME,
    COMPOUND_STMT,
    LABELED_STMT,
    IF_STMT,
    SWITCH_STMT,
    WHILE_STMT,
    DO_STMT,
    FOR_STMT,
    GOTO_STMT,
    ASM_LABELS,
    IDENT_EXPR,
    LITERAL,
    PAREN_EXPR,
    LABEL_ADDR_EXPR,
];

/// What a raw kind is to the resolution: a node kind of `NODE_KINDS`, a keyword, trivia, or
/// nothing in particular.
#[derive(Clone, Copy)]
enum RawKind {
    Node(SyntaxKind),
    Keyword(Keyword),
    Trivia,
    Other,
}

/// How many raw kind values there are (`ERROR` is the last kind).
const RAW_KIND_COUNT: usize = ERROR as usize + 1;

/// By raw kind value (`SyntaxKind` is `repr(u16)`, and rowan hands out the raw value); built
/// at compile time, as the lookup is made for every element of the tree.
static RAW_KINDS: [RawKind; RAW_KIND_COUNT] = raw_kind_table();

const fn raw_kind_table() -> [RawKind; RAW_KIND_COUNT] {
    let mut table = [RawKind::Other; RAW_KIND_COUNT];
    let mut i = 0;
    while i < NODE_KINDS.len() {
        table[NODE_KINDS[i] as usize] = RawKind::Node(NODE_KINDS[i]);
        i += 1;
    }
    let mut i = 0;
    while i < KEYWORDS.len() {
        table[KEYWORDS[i].0 as usize] = RawKind::Keyword(KEYWORDS[i].1);
        i += 1;
    }
    table[WHITESPACE as usize] = RawKind::Trivia;
    table[NEWLINE as usize] = RawKind::Trivia;
    table
}

fn raw_kind(raw: u16) -> RawKind {
    RAW_KINDS
        .get(usize::from(raw))
        .copied()
        .unwrap_or(RawKind::Other)
}

const NO_PARENT: u32 = u32::MAX;

/// A flattened subtree.
#[derive(Default)]
pub(super) struct Flat<'g> {
    nodes: Vec<FlatNode<'g>>,
}

impl<'g> Flat<'g> {
    /// Flattens the tree under `root` (reusing this arena); with `prune_bodies`, the body of a
    /// function definition at the root is kept as a childless node.
    pub(super) fn fill(&mut self, root: &'g SyntaxNode, prune_bodies: bool) {
        self.nodes.clear();
        let green = root.green();
        // About one node in five bytes of C: reserving spares the regrowth of a fresh arena.
        self.nodes
            .reserve((u32::from(green.text_len()) / 4) as usize);
        let start = u32::from(root.text_range().start());
        self.open(raw_kind(green.kind().0), start, NO_PARENT);
        // The open nodes: their remaining children, their index, where the next child starts.
        let mut stack = Vec::with_capacity(64);
        stack.push((green.children(), 0u32, start));
        while let Some((children, index, offset)) = stack.last_mut() {
            let (parent, child_start) = (*index, *offset);
            let Some(child) = children.next() else {
                stack.pop();
                self.close(parent);
                continue;
            };
            *offset += u32::from(child.text_len());
            if let Some(token) = child.as_token() {
                self.token(parent, raw_kind(token.kind().0), token.text());
            } else if let Some(node) = child.as_node() {
                let kind = raw_kind(node.kind().0);
                let id = self.open(kind, child_start, parent);
                let body = matches!(kind, RawKind::Node(COMPOUND_STMT)) && parent == 0;
                if prune_bodies && body {
                    self.close(id);
                } else {
                    stack.push((node.children(), id, child_start));
                }
            }
        }
    }

    fn open(&mut self, kind: RawKind, start: u32, parent: u32) -> u32 {
        let id = self.nodes.len() as u32;
        let kind = match kind {
            RawKind::Node(kind) => kind,
            _ => ERROR,
        };
        self.nodes.push(FlatNode {
            kind,
            keywords: 0,
            start,
            end: id + 1,
            parent,
            first_token: "",
        });
        id
    }

    fn close(&mut self, id: u32) {
        let end = self.nodes.len() as u32;
        if let Some(node) = self.nodes.get_mut(id as usize) {
            node.end = end;
        }
    }

    fn token(&mut self, parent: u32, kind: RawKind, text: &'g str) {
        if matches!(kind, RawKind::Trivia) {
            return;
        }
        let Some(node) = self.nodes.get_mut(parent as usize) else {
            return;
        };
        if let RawKind::Keyword(keyword) = kind {
            node.keywords |= 1 << keyword as u16;
        }
        if node.first_token.is_empty() {
            node.first_token = text;
        }
    }

    /// The root (an empty arena has none).
    pub(super) fn root(&self) -> Option<Node> {
        (!self.nodes.is_empty()).then_some(Node(0))
    }

    fn get(&self, node: Node) -> Option<&FlatNode<'g>> {
        self.nodes.get(node.0 as usize)
    }

    pub(super) fn kind(&self, node: Node) -> SyntaxKind {
        self.get(node).map_or(ERROR, |n| n.kind)
    }

    pub(super) fn start(&self, node: Node) -> u32 {
        self.get(node).map_or(0, |n| n.start)
    }

    pub(super) fn text(&self, node: Node) -> &'g str {
        self.get(node).map_or("", |n| n.first_token)
    }

    pub(super) fn has_keyword(&self, node: Node, keyword: Keyword) -> bool {
        self.get(node)
            .is_some_and(|n| n.keywords & (1 << keyword as u16) != 0)
    }

    pub(super) fn parent(&self, node: Node) -> Option<Node> {
        let parent = self.get(node)?.parent;
        (parent != NO_PARENT).then_some(Node(parent))
    }

    pub(super) fn first_child(&self, node: Node) -> Option<Node> {
        let child = node.0 + 1;
        (child < self.get(node)?.end).then_some(Node(child))
    }

    pub(super) fn next_sibling(&self, node: Node) -> Option<Node> {
        let next = self.get(node)?.end;
        let parent = self.get(self.parent(node)?)?;
        (next < parent.end).then_some(Node(next))
    }

    /// The children of `node`.
    pub(super) fn children(&self, node: Node) -> Children<'_, 'g> {
        Children {
            flat: self,
            next: self.first_child(node),
        }
    }

    /// The first child of `kind`.
    pub(super) fn child_of_kind(&self, node: Node, kind: SyntaxKind) -> Option<Node> {
        self.children(node).find(|&c| self.kind(c) == kind)
    }
}

/// An iterator over a node's children.
pub(super) struct Children<'f, 'g> {
    flat: &'f Flat<'g>,
    next: Option<Node>,
}

impl Iterator for Children<'_, '_> {
    type Item = Node;

    fn next(&mut self) -> Option<Node> {
        let current = self.next?;
        self.next = self.flat.next_sibling(current);
        Some(current)
    }
}
