//! Initializers against the types of the objects they initialize: which scalar each
//! expression of a braced list initializes (designators `.m =` and `[i] =`, GNU ranges
//! `[i ... j] =`, brace elision), which character array a string literal fills, and where a
//! list has more elements than its object. The length of an array declared with `[]` is
//! what its initializer reaches (`int a[] = {1, 2, 3}`, `char s[] = "abc"`).
//!
//! The walk keeps a stack of the objects being filled: the one the braces were written for
//! at the bottom, above it those that brace elision entered (`int a[2][2] = {1, 2, 3}`) or
//! that designators named (`.s.a = 1`); an object filled up is left for the next one of the
//! object below.

use syntax::ast::{
    AstNode, DesignatedInit, Designator, Expr, IndexDesignator, InitItem, InitList, Initializer,
    Literal, LiteralKind,
};
use syntax::syntax_kind::SyntaxNode;

use super::cx::TypeCx;
use super::error::TypeResult;
use super::ty::{ArrayLen, TypeData, TypeId, TypeKind};
use crate::names::NameId;

/// What the walk of an initializer meets, in the order of the source.
#[derive(Debug, Clone)]
pub(super) enum InitEvent {
    /// `expr` initializes an object of type `target`: a scalar, or a whole struct or union.
    Expr { target: TypeId, expr: Expr },
    /// `lit` initializes the character array of type `array`.
    String { array: TypeId, lit: Literal },
    /// The items from `first` to `last` have no object left to initialize; the walk stopped.
    Excess {
        what: Excess,
        first: SyntaxNode,
        last: SyntaxNode,
    },
}

/// Why items are in excess.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Excess {
    /// A braced list longer than its array, struct or union.
    Elements,
    /// A list of more than one item for a scalar.
    Scalar,
    /// Brace elision into an array of length zero.
    ZeroLengthArray,
    /// Brace elision into a struct or union without members.
    EmptyRecord,
}

/// The result of a walk.
#[derive(Debug, Default)]
pub(super) struct InitWalk {
    pub events: Vec<InitEvent>,
    /// How many elements of the outermost array a braced list reaches.
    pub extent: u64,
    /// An excess was met: the rest of the initializer is not walked.
    stopped: bool,
    /// The walk lost track (a designator naming no member, an expression of unknown type):
    /// the events stop, as they could be wrong, but the extent is still counted.
    lost: bool,
}

impl InitWalk {
    fn push(&mut self, event: InitEvent) {
        if self.lost {
            return;
        }
        self.stopped |= matches!(event, InitEvent::Excess { .. });
        self.events.push(event);
    }
}

/// What an object holds, as initializers see it.
#[derive(Debug, Clone)]
enum Subobjects {
    /// Nothing: one expression initializes it.
    None,
    /// Not followed (an incomplete struct, a vector): one expression initializes it, a list
    /// is skipped.
    Unknown,
    /// Elements of type `elem`: `len` of them, any number for `None`.
    Elements { elem: TypeId, len: Option<u64> },
    /// The initializable members (unnamed bit-fields are not), of which a union takes one.
    Members {
        names: Vec<Option<NameId>>,
        types: Vec<TypeId>,
        union: bool,
    },
}

impl Subobjects {
    /// Whether an aggregate holds no subobject at all: an array of length zero, a struct
    /// without members.
    fn is_empty(&self) -> bool {
        match self {
            Subobjects::None | Subobjects::Unknown => false,
            Subobjects::Elements { len, .. } => *len == Some(0),
            Subobjects::Members { types, .. } => types.is_empty(),
        }
    }

    fn ty(&self, index: u64) -> Option<TypeId> {
        match self {
            Subobjects::None | Subobjects::Unknown => None,
            Subobjects::Elements { elem, len } => len.is_none_or(|n| index < n).then_some(*elem),
            Subobjects::Members { types, .. } => types.get(usize::try_from(index).ok()?).copied(),
        }
    }
}

/// An object being filled, and where.
#[derive(Debug)]
struct Frame {
    subobjects: Subobjects,
    /// The subobject the next item initializes.
    next: u64,
}

impl Frame {
    fn new(subobjects: Subobjects) -> Frame {
        Frame {
            subobjects,
            next: 0,
        }
    }

    fn current(&self) -> Option<TypeId> {
        self.subobjects.ty(self.next)
    }

    /// Moves past the subobject just initialized; a union is then full.
    fn advance(&mut self) {
        self.next = match &self.subobjects {
            Subobjects::Members {
                union: true, types, ..
            } => types.len() as u64,
            _ => self.next.saturating_add(1),
        };
    }
}

impl TypeCx<'_> {
    /// `ty`, completed by its initializer when it is an array of unknown length.
    pub(super) fn complete_from_init(
        &mut self,
        ty: TypeId,
        init: &Initializer,
    ) -> TypeResult<TypeId> {
        match init {
            Initializer::List(list) => self.complete_from_list(ty, list),
            Initializer::Expr(e) => {
                let len = string_literal(e).and_then(|lit| self.string_length(&lit));
                match (self.incomplete_elem(ty), len) {
                    (Some(_), Some(len)) => Ok(self.with_length(ty, len)),
                    _ => Ok(ty),
                }
            }
        }
    }

    /// `ty`, completed by a braced initializer when it is an array of unknown length.
    pub(super) fn complete_from_list(&mut self, ty: TypeId, list: &InitList) -> TypeResult<TypeId> {
        if self.incomplete_elem(ty).is_none() {
            return Ok(ty);
        }
        let len = self.walk_list(ty, list).extent;
        Ok(self.with_length(ty, len))
    }

    fn incomplete_elem(&self, ty: TypeId) -> Option<TypeId> {
        match self.types.array_elem(ty) {
            Some((elem, ArrayLen::Incomplete)) => Some(elem),
            _ => None,
        }
    }

    fn with_length(&mut self, ty: TypeId, len: u64) -> TypeId {
        let data = self.types.data(ty).clone();
        let TypeKind::Array { elem, .. } = data.kind else {
            return ty;
        };
        self.types.intern(TypeData {
            kind: TypeKind::Array {
                elem,
                len: ArrayLen::Known(len),
            },
            ..data
        })
    }

    /// Walks initializer `init` of an object of type `ty`.
    pub(super) fn walk_initializer(&mut self, ty: TypeId, init: &Initializer) -> InitWalk {
        let mut walk = InitWalk::default();
        self.initializer(&mut walk, ty, init);
        walk
    }

    /// Walks the braced list of an object of type `ty` (a compound literal's, or the
    /// initializer of an array being completed).
    pub(super) fn walk_list(&mut self, ty: TypeId, list: &InitList) -> InitWalk {
        let mut walk = InitWalk::default();
        walk.extent = self.braced(&mut walk, ty, list);
        walk
    }

    /// An initializer of a whole object of type `ty`: no brace elision reaches into it.
    fn initializer(&mut self, walk: &mut InitWalk, ty: TypeId, init: &Initializer) {
        match init {
            Initializer::List(list) => {
                self.braced(walk, ty, list);
            }
            Initializer::Expr(e) if self.types.array_elem(ty).is_none() => {
                walk.push(InitEvent::Expr {
                    target: ty,
                    expr: e.clone(),
                });
            }
            Initializer::Expr(e) => {
                // Only a string initializes an array, a character array (gcc rejects others).
                if let Some(lit) = string_literal(e).filter(|_| self.is_char_array(ty)) {
                    walk.push(InitEvent::String { array: ty, lit });
                }
            }
        }
    }

    /// A braced list for an object of type `ty`; how many of its subobjects the list
    /// reaches.
    fn braced(&mut self, walk: &mut InitWalk, ty: TypeId, list: &InitList) -> u64 {
        let items: Vec<InitItem> = list.items().collect();
        match self.subobjects(ty) {
            Subobjects::None => {
                self.scalar_list(walk, ty, &items);
                0
            }
            Subobjects::Unknown => 0,
            subobjects => {
                if let [InitItem::Plain(Initializer::Expr(e))] = items.as_slice()
                    && let Some(lit) = string_literal(e)
                    && self.is_char_array(ty)
                {
                    // `char s[] = { "abc" }`.
                    let len = self.string_length(&lit).unwrap_or(1);
                    walk.push(InitEvent::String { array: ty, lit });
                    return len;
                }
                self.items(walk, subobjects, &items)
            }
        }
    }

    /// A braced list for a scalar: one item (gcc allows braces around it), or none.
    fn scalar_list(&mut self, walk: &mut InitWalk, ty: TypeId, items: &[InitItem]) {
        match items {
            [] => {}
            [InitItem::Plain(init)] => self.initializer(walk, ty, init),
            [InitItem::Designated(_)] => walk.lost = true,
            [first, .., last] => {
                walk.push(excess(Excess::Scalar, first.syntax(), last.syntax()));
            }
        }
    }

    /// The items of a braced list, for an object holding `subobjects`; how many of these
    /// the items reach.
    fn items(&mut self, walk: &mut InitWalk, subobjects: Subobjects, items: &[InitItem]) -> u64 {
        let mut stack = vec![Frame::new(subobjects)];
        let mut reached = 0;
        for item in items {
            let Some(init) = self.designated(walk, &mut stack, item) else {
                continue;
            };
            if !leave_full(&mut stack) {
                let last = items.last().unwrap_or(item);
                walk.push(excess(Excess::Elements, item.syntax(), last.syntax()));
                break;
            }
            // The item reaches the current subobject of the list's object, if only partly.
            reached = reached.max(stack[0].next.saturating_add(1));
            match &init {
                Initializer::List(list) => {
                    if let Some(ty) = stack.last().and_then(Frame::current) {
                        self.braced(walk, ty, list);
                    }
                    if let Some(top) = stack.last_mut() {
                        top.advance();
                    }
                }
                Initializer::Expr(e) => self.place_expr(walk, &mut stack, e),
            }
            if walk.stopped {
                break;
            }
        }
        reached
    }

    /// The initializer of `item`, the walk moved to the subobject its designators name.
    fn designated(
        &mut self,
        walk: &mut InitWalk,
        stack: &mut Vec<Frame>,
        item: &InitItem,
    ) -> Option<Initializer> {
        match item {
            InitItem::Plain(init) => Some(init.clone()),
            InitItem::Designated(d) => {
                stack.truncate(1);
                if !self.designate(stack, d) {
                    walk.lost = true;
                }
                d.initializer()
            }
        }
    }

    /// Places expression `e` at the current subobject, entering aggregates by brace elision
    /// until it initializes one whole (a scalar, a struct of its type, a character array
    /// filled by a string literal).
    fn place_expr(&mut self, walk: &mut InitWalk, stack: &mut Vec<Frame>, e: &Expr) {
        while let Some(top) = stack.last_mut() {
            let Some(ty) = top.current() else { return };
            let subobjects = self.subobjects(ty);
            if self.initializes_whole(walk, ty, &subobjects, e) {
                self.initializer(walk, ty, &Initializer::Expr(e.clone()));
                top.advance();
                return;
            }
            if subobjects.is_empty() {
                let what = match subobjects {
                    Subobjects::Members { .. } => Excess::EmptyRecord,
                    _ => Excess::ZeroLengthArray,
                };
                walk.push(excess(what, e.syntax(), e.syntax()));
                return;
            }
            stack.push(Frame::new(subobjects));
        }
    }

    /// Whether `e` initializes a whole object of type `ty` (holding `subobjects`) rather
    /// than, by brace elision, its first subobject. An expression that has no type is taken
    /// for its first subobject's, and the walk loses track.
    fn initializes_whole(
        &mut self,
        walk: &mut InitWalk,
        ty: TypeId,
        subobjects: &Subobjects,
        e: &Expr,
    ) -> bool {
        match subobjects {
            Subobjects::None | Subobjects::Unknown => return true,
            Subobjects::Elements { .. } if string_literal(e).is_some() => {
                return self.is_char_array(ty);
            }
            Subobjects::Elements { .. } => return false,
            Subobjects::Members { .. } => {}
        }
        match self.type_of(e) {
            Ok(typed) => {
                let (a, b) = (
                    self.types.main_variant(typed.ty),
                    self.types.main_variant(ty),
                );
                self.types.compatible(a, b)
            }
            Err(_) => {
                walk.lost = true;
                false
            }
        }
    }

    /// Moves the walk to the subobject the designators of `d` name (`.a.b`, `[1].c`); false
    /// when they name none.
    fn designate(&mut self, stack: &mut Vec<Frame>, d: &DesignatedInit) -> bool {
        for (i, designator) in d.designators().enumerate() {
            // Each designator after the first names a subobject of the one before.
            if i > 0 && !self.enter_current(stack) {
                return false;
            }
            let found = match &designator {
                Designator::Field(field) => field.name().is_some_and(|name| {
                    let name = self.name(&name.text());
                    self.designate_member(stack, name)
                }),
                Designator::Index(index) => self.designate_element(stack, index),
            };
            if !found {
                return false;
            }
        }
        true
    }

    /// `.name`: the member of the struct or union on top of `stack`, found through
    /// anonymous members (which are entered).
    fn designate_member(&mut self, stack: &mut Vec<Frame>, name: NameId) -> bool {
        let Some(path) = stack
            .last()
            .and_then(|top| self.member_path(&top.subobjects, name))
        else {
            return false;
        };
        for (i, index) in path.into_iter().enumerate() {
            if i > 0 && !self.enter_current(stack) {
                return false;
            }
            if let Some(top) = stack.last_mut() {
                top.next = index;
            }
        }
        true
    }

    /// Enters the current subobject of the object on top of `stack`; false when it is full.
    fn enter_current(&self, stack: &mut Vec<Frame>) -> bool {
        let Some(ty) = stack.last().and_then(Frame::current) else {
            return false;
        };
        stack.push(Frame::new(self.subobjects(ty)));
        true
    }

    /// The indices leading to member `name` of a struct or union through anonymous members.
    fn member_path(&self, subobjects: &Subobjects, name: NameId) -> Option<Vec<u64>> {
        let Subobjects::Members { names, types, .. } = subobjects else {
            return None;
        };
        if let Some(i) = names.iter().position(|&n| n == Some(name)) {
            return Some(vec![i as u64]);
        }
        let anonymous = names
            .iter()
            .zip(types)
            .enumerate()
            .filter(|(_, (n, _))| n.is_none());
        for (i, (_, &ty)) in anonymous {
            if let Some(mut path) = self.member_path(&self.subobjects(ty), name) {
                path.insert(0, i as u64);
                return Some(path);
            }
        }
        None
    }

    /// `[i]` or `[i ... j]`: the element of the array on top of `stack` (the last of a
    /// range, after which the next item goes).
    fn designate_element(&mut self, stack: &mut [Frame], index: &IndexDesignator) -> bool {
        let Some(last) = index.range_end().or_else(|| index.index()) else {
            return false;
        };
        let Some(position) = self.eval_int(&last).ok().and_then(|v| v.to_u64()) else {
            return false;
        };
        match stack.last_mut() {
            Some(top) if matches!(top.subobjects, Subobjects::Elements { .. }) => {
                top.next = position;
                true
            }
            _ => false,
        }
    }

    /// What an object of type `ty` holds.
    fn subobjects(&self, ty: TypeId) -> Subobjects {
        match *self.types.kind(ty) {
            TypeKind::Array { elem, len } => Subobjects::Elements {
                elem,
                len: match len {
                    ArrayLen::Known(n) => Some(n),
                    ArrayLen::Incomplete | ArrayLen::Variable => None,
                },
            },
            TypeKind::Record(rid) => {
                let Some((record, def)) = self
                    .types
                    .record(rid)
                    .and_then(|r| Some((r, r.def.as_ref()?)))
                else {
                    return Subobjects::Unknown;
                };
                let members = def
                    .members
                    .iter()
                    .filter(|m| m.name.is_some() || m.bit_width.is_none());
                let (names, types) = members.map(|m| (m.name, m.ty)).unzip();
                Subobjects::Members {
                    names,
                    types,
                    union: record.is_union,
                }
            }
            // A vector or complex number given as a list is not followed.
            TypeKind::Vector { .. } | TypeKind::Complex(_) => Subobjects::Unknown,
            _ => Subobjects::None,
        }
    }

    fn is_char_array(&self, ty: TypeId) -> bool {
        matches!(self.types.array_elem(ty), Some((elem, _)) if self.types.is_integer(elem))
    }
}

fn excess(what: Excess, first: &SyntaxNode, last: &SyntaxNode) -> InitEvent {
    InitEvent::Excess {
        what,
        first: first.clone(),
        last: last.clone(),
    }
}

/// Leaves the objects on top of `stack` that are full, for the next subobject of the object
/// below; false when the bottom one, that of the braces, is full.
fn leave_full(stack: &mut Vec<Frame>) -> bool {
    while let Some(top) = stack.last() {
        if top.current().is_some() {
            return true;
        }
        if stack.len() == 1 {
            return false;
        }
        stack.pop();
        if let Some(top) = stack.last_mut() {
            top.advance();
        }
    }
    false
}

/// The string literal `e` is, in parentheses or not.
fn string_literal(e: &Expr) -> Option<Literal> {
    match e {
        Expr::Literal(lit) if lit.kind() == Some(LiteralKind::String) => Some(lit.clone()),
        Expr::Paren(p) => string_literal(&p.expr()?),
        _ => None,
    }
}
