//! What initializers tell types: the length of an array declared with `[]` (`int a[] =
//! {1, 2, 3}`, `char s[] = "abc"`, designators `[i] =` and GNU ranges, brace elision for
//! arrays of aggregates).

use syntax::ast::{Designator, Expr, InitItem, InitList, Initializer, LiteralKind};

use super::cx::TypeCx;
use super::error::TypeResult;
use super::ty::{ArrayLen, TypeData, TypeId, TypeKind};

impl TypeCx<'_> {
    /// `ty`, completed by its initializer when it is an array of unknown length.
    pub(super) fn complete_from_init(
        &mut self,
        ty: TypeId,
        init: &Initializer,
    ) -> TypeResult<TypeId> {
        match init {
            Initializer::List(list) => self.complete_from_list(ty, list),
            Initializer::Expr(Expr::Literal(lit)) if lit.kind() == Some(LiteralKind::String) => {
                match (self.incomplete_elem(ty), self.string_length(lit)) {
                    (Some(_), Some(len)) => Ok(self.with_length(ty, len)),
                    _ => Ok(ty),
                }
            }
            Initializer::Expr(_) => Ok(ty),
        }
    }

    /// `ty`, completed by a braced initializer when it is an array of unknown length.
    pub(super) fn complete_from_list(&mut self, ty: TypeId, list: &InitList) -> TypeResult<TypeId> {
        let Some(elem) = self.incomplete_elem(ty) else {
            return Ok(ty);
        };
        let len = self.list_length(elem, list)?;
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

    /// The number of elements a braced list initializes.
    fn list_length(&mut self, elem: TypeId, list: &InitList) -> TypeResult<u64> {
        let items: Vec<InitItem> = list.items().collect();
        // `char s[] = { "abc" }`.
        if let [InitItem::Plain(Initializer::Expr(Expr::Literal(lit)))] = items.as_slice()
            && lit.kind() == Some(LiteralKind::String)
            && self.types.is_integer(elem)
        {
            return Ok(self.string_length(lit).unwrap_or(1));
        }
        let per_elem = self.scalar_count(elem, 0).max(1);
        let aggregate = matches!(
            self.types.kind(elem),
            TypeKind::Record(_) | TypeKind::Array { .. }
        );
        let (mut pos, mut filled, mut len) = (0u64, 0u64, 0u64);
        for item in items {
            let init = match item {
                InitItem::Designated(d) => {
                    if let Some(Designator::Index(index)) = d.designators().next() {
                        let last = index.range_end().or_else(|| index.index());
                        if let Some(last) = last {
                            pos = self.eval_int(&last)?.to_u64().unwrap_or(pos);
                            filled = 0;
                        }
                    }
                    d.initializer()
                }
                InitItem::Plain(init) => Some(init),
            };
            let whole = match &init {
                Some(Initializer::Expr(e)) if aggregate => self.initializes_whole(elem, e),
                _ => true,
            };
            if whole {
                if filled > 0 {
                    pos += 1;
                    filled = 0;
                }
                pos += 1;
            } else {
                filled += 1;
                if filled == per_elem {
                    pos += 1;
                    filled = 0;
                }
            }
            len = len.max(pos + u64::from(filled > 0));
        }
        Ok(len)
    }

    /// Whether expression `e` initializes a whole aggregate element (a struct value, a
    /// string for a character array) rather than its first scalar (brace elision).
    fn initializes_whole(&mut self, elem: TypeId, e: &Expr) -> bool {
        if let Expr::Literal(lit) = e
            && lit.kind() == Some(LiteralKind::String)
        {
            return matches!(self.types.array_elem(elem), Some((c, _)) if self.types.is_integer(c));
        }
        match self.type_of(e) {
            Ok(typed) => {
                let (a, b) = (
                    self.types.main_variant(typed.ty),
                    self.types.main_variant(elem),
                );
                self.types.compatible(a, b)
            }
            Err(_) => false,
        }
    }

    /// The scalars an aggregate holds, as brace elision counts them; records nested deeper
    /// than any real initializer goes count as one (the recursion stays bounded).
    fn scalar_count(&self, ty: TypeId, depth: u32) -> u64 {
        if depth > 64 {
            return 1;
        }
        match *self.types.kind(ty) {
            TypeKind::Array {
                elem,
                len: ArrayLen::Known(n),
            } => n.saturating_mul(self.scalar_count(elem, depth + 1)),
            TypeKind::Array { .. } => 0,
            TypeKind::Record(rid) => {
                let Some(record) = self.types.record(rid) else {
                    return 1;
                };
                let Some(def) = &record.def else {
                    return 1;
                };
                let mut named = def
                    .members
                    .iter()
                    .filter(|m| m.name.is_some() || m.bit_width.is_none())
                    .map(|m| self.scalar_count(m.ty, depth + 1));
                if record.is_union {
                    named.next().unwrap_or(0)
                } else {
                    named.fold(0, u64::saturating_add)
                }
            }
            _ => 1,
        }
    }
}
