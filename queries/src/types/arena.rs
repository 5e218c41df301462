//! The type arena: interning of `TypeData`, the record and enum entities, the names, and the
//! questions about a type that do not need its layout.

use std::sync::Arc;

use rustc_hash::FxHashMap;

use super::record::{EnumDef, EnumId, Record, RecordId};
use super::target::TargetInfo;
use super::ty::{ArrayLen, FloatKind, FnType, IntKind, Quals, TypeData, TypeId, TypeKind};
use crate::names::{NameId, Names};
use crate::sema::TagId;

/// All types of one TU (or one evaluation), for one target.
///
/// An arena may extend a frozen base (a function body's types extend the file scope's, a
/// constant evaluated as text extends the TU's): the base's types, records, enums and names
/// keep their ids and are shared, not copied; what the extension makes gets ids after them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Types {
    target: TargetInfo,
    base: Option<Arc<Types>>,
    /// The first id of this layer's types, records and enums.
    first: Firsts,
    data: Vec<TypeData>,
    /// Per type, how deeply types nest in it (`int` 1, `int *` 2, ...): what bounds the
    /// recursion of the functions that walk types.
    depths: Vec<u32>,
    ids: FxHashMap<TypeData, TypeId>,
    records: Vec<Record>,
    enums: Vec<EnumDef>,
    names: Names,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Firsts {
    ty: u32,
    record: u32,
    enumeration: u32,
}

impl Types {
    pub fn new(target: TargetInfo) -> Types {
        Types {
            target,
            base: None,
            first: Firsts::default(),
            data: Vec::new(),
            depths: Vec::new(),
            ids: FxHashMap::default(),
            records: Vec::new(),
            enums: Vec::new(),
            names: Names::default(),
        }
    }

    /// An arena extending `base`.
    pub fn extending(base: Arc<Types>) -> Types {
        Types {
            target: base.target,
            first: Firsts {
                ty: base.first.ty + base.data.len() as u32,
                record: base.first.record + base.records.len() as u32,
                enumeration: base.first.enumeration + base.enums.len() as u32,
            },
            names: Names::layer_after(&base.names),
            data: Vec::new(),
            depths: Vec::new(),
            ids: FxHashMap::default(),
            records: Vec::new(),
            enums: Vec::new(),
            base: Some(base),
        }
    }

    pub fn target(&self) -> &TargetInfo {
        &self.target
    }

    /// The id of an existing type equal to `data`, in this layer or below.
    fn find(&self, data: &TypeData) -> Option<TypeId> {
        let below = self.base.as_ref().and_then(|b| b.find(data));
        below.or_else(|| self.ids.get(data).copied())
    }

    pub fn intern(&mut self, data: TypeData) -> TypeId {
        if let Some(id) = self.find(&data) {
            return id;
        }
        let id = TypeId(self.first.ty + self.data.len() as u32);
        let depth = self
            .components(&data.kind)
            .map(|c| self.depth(c))
            .max()
            .unwrap_or(0)
            + 1;
        self.depths.push(depth);
        self.data.push(data.clone());
        self.ids.insert(data, id);
        id
    }

    /// Interns an identifier.
    pub fn intern_name(&mut self, text: &str) -> NameId {
        match self.lookup_name(text) {
            Some(id) => id,
            None => self.names.push(text),
        }
    }

    /// The id of `text` if it was ever interned (a name never seen is declared nowhere).
    pub fn lookup_name(&self, text: &str) -> Option<NameId> {
        let below = self.base.as_ref().and_then(|b| b.lookup_name(text));
        below.or_else(|| self.names.get(text))
    }

    pub fn name_text(&self, id: NameId) -> &str {
        match (self.names.text(id), &self.base) {
            (Some(text), _) => text,
            (None, Some(base)) => base.name_text(id),
            (None, None) => "",
        }
    }

    /// `f(layer, index)` for the layer that holds item `id` of a kind whose ids in a layer
    /// start at `first(layer)`.
    fn in_layer<'s, T>(
        &'s self,
        id: u32,
        first: fn(&Firsts) -> u32,
        f: impl Fn(&'s Types, usize) -> Option<T>,
    ) -> Option<T> {
        match (id.checked_sub(first(&self.first)), &self.base) {
            (Some(index), _) => f(self, index as usize),
            (None, Some(base)) => base.in_layer(id, first, f),
            (None, None) => None,
        }
    }

    /// How deeply types nest in `ty`.
    pub fn depth(&self, ty: TypeId) -> u32 {
        self.in_layer(ty.0, |f| f.ty, |l, i| l.depths.get(i).copied())
            .unwrap_or(1)
    }

    /// The types a type is made of (a record's members are not: its type is a name).
    fn components<'k>(&self, kind: &'k TypeKind) -> impl Iterator<Item = TypeId> + use<'k> {
        let (first, rest): (Option<TypeId>, &[TypeId]) = match kind {
            TypeKind::Complex(t) | TypeKind::Pointer(t) => (Some(*t), &[]),
            TypeKind::Array { elem, .. } | TypeKind::Vector { elem, .. } => (Some(*elem), &[]),
            TypeKind::Function(f) => (Some(f.ret), &f.params),
            _ => (None, &[]),
        };
        first.into_iter().chain(rest.iter().copied())
    }

    /// The unqualified type of `kind`.
    pub fn mk(&mut self, kind: TypeKind) -> TypeId {
        self.intern(TypeData {
            kind,
            quals: Quals::NONE,
            align: None,
        })
    }

    pub fn data(&self, id: TypeId) -> &TypeData {
        // Ids only come from this arena's `intern`; an id of another arena is a caller's bug,
        // shown as `void` rather than a panic.
        const VOID: TypeData = TypeData {
            kind: TypeKind::Void,
            quals: Quals::NONE,
            align: None,
        };
        self.in_layer(id.0, |f| f.ty, |l, i| l.data.get(i))
            .unwrap_or(&VOID)
    }

    pub fn kind(&self, id: TypeId) -> &TypeKind {
        &self.data(id).kind
    }

    pub fn quals(&self, id: TypeId) -> Quals {
        self.data(id).quals
    }

    pub fn void(&mut self) -> TypeId {
        self.mk(TypeKind::Void)
    }

    pub fn int(&mut self, kind: IntKind) -> TypeId {
        self.mk(TypeKind::Int(kind))
    }

    pub fn float(&mut self, kind: FloatKind) -> TypeId {
        self.mk(TypeKind::Float(kind))
    }

    /// C23's `nullptr_t`, taken as `void *`: gcc's is a scalar type of its own with the same
    /// size and alignment, which converts to every pointer type.
    pub fn nullptr_type(&mut self) -> TypeId {
        let void = self.void();
        self.pointer(void)
    }

    pub fn pointer(&mut self, to: TypeId) -> TypeId {
        self.mk(TypeKind::Pointer(to))
    }

    pub fn array(&mut self, elem: TypeId, len: ArrayLen) -> TypeId {
        self.mk(TypeKind::Array { elem, len })
    }

    pub fn function(&mut self, fn_type: FnType) -> TypeId {
        self.mk(TypeKind::Function(fn_type))
    }

    /// `size_t` of both targets.
    pub fn size_t(&mut self) -> TypeId {
        self.int(IntKind::ULong)
    }

    /// `ptrdiff_t` of both targets.
    pub fn ptrdiff_t(&mut self) -> TypeId {
        self.int(IntKind::Long)
    }

    /// `wchar_t`: `int` on x86_64, `unsigned int` on aarch64, `unsigned short` with
    /// `-fshort-wchar`.
    pub fn wchar_kind(&self) -> IntKind {
        if self.target.short_wchar {
            IntKind::UShort
        } else if self.target.is_x86() {
            IntKind::Int
        } else {
            IntKind::UInt
        }
    }

    /// `ty` with `quals` added. Qualifying an array qualifies its elements (6.7.3p9).
    pub fn qualified(&mut self, ty: TypeId, quals: Quals) -> TypeId {
        if quals.is_empty() {
            return ty;
        }
        let mut data = self.data(ty).clone();
        if let TypeKind::Array { elem, len } = data.kind {
            let elem = self.qualified(elem, quals);
            data.kind = TypeKind::Array { elem, len };
            return self.intern(data);
        }
        data.quals = data.quals.union(quals);
        self.intern(data)
    }

    /// `ty` without qualifiers (an aligned typedef keeps its alignment).
    pub fn unqualified(&mut self, ty: TypeId) -> TypeId {
        let data = self.data(ty);
        if data.quals.is_empty() {
            return ty;
        }
        let data = TypeData {
            quals: Quals::NONE,
            ..data.clone()
        };
        self.intern(data)
    }

    /// `ty` without qualifiers and attribute alignment: what compatibility compares.
    pub fn main_variant(&mut self, ty: TypeId) -> TypeId {
        let data = self.data(ty);
        if data.quals.is_empty() && data.align.is_none() {
            return ty;
        }
        let kind = data.kind.clone();
        self.mk(kind)
    }

    /// `ty` with its alignment set by an attribute.
    pub fn aligned(&mut self, ty: TypeId, align: u32) -> TypeId {
        let data = TypeData {
            align: Some(align),
            ..self.data(ty).clone()
        };
        self.intern(data)
    }

    /// A new, incomplete struct or union, and its type.
    pub fn new_record(&mut self, is_union: bool, tag: Option<NameId>) -> (RecordId, TypeId) {
        let id = RecordId(self.first.record + self.records.len() as u32);
        self.records.push(Record {
            is_union,
            tag,
            file_tag: None,
            def: None,
        });
        (id, self.mk(TypeKind::Record(id)))
    }

    pub fn record(&self, id: RecordId) -> Option<&Record> {
        self.in_layer(id.0, |f| f.record, |l, i| l.records.get(i))
    }

    /// A record of this layer, to complete (a base's records are frozen).
    pub fn record_mut(&mut self, id: RecordId) -> Option<&mut Record> {
        let index = id.0.checked_sub(self.first.record)?;
        self.records.get_mut(index as usize)
    }

    /// A new, incomplete enum, and its type.
    pub fn new_enum(&mut self, tag: Option<NameId>) -> (EnumId, TypeId) {
        let id = EnumId(self.first.enumeration + self.enums.len() as u32);
        self.enums.push(EnumDef {
            tag,
            file_tag: None,
            body: None,
        });
        (id, self.mk(TypeKind::Enum(id)))
    }

    pub fn enum_def(&self, id: EnumId) -> Option<&EnumDef> {
        self.in_layer(id.0, |f| f.enumeration, |l, i| l.enums.get(i))
    }

    /// An enum of this layer, to complete (a base's enums are frozen).
    pub fn enum_mut(&mut self, id: EnumId) -> Option<&mut EnumDef> {
        let index = id.0.checked_sub(self.first.enumeration)?;
        self.enums.get_mut(index as usize)
    }

    pub fn is_signed(&self, kind: IntKind) -> bool {
        kind.is_signed(self.target.char_unsigned)
    }

    /// The integer kind of an integer or complete enum type.
    pub fn int_kind(&self, ty: TypeId) -> Option<IntKind> {
        match *self.kind(ty) {
            TypeKind::Int(kind) => Some(kind),
            TypeKind::Enum(id) => self.enum_def(id)?.body.as_ref().map(|b| b.underlying),
            _ => None,
        }
    }

    pub fn is_integer(&self, ty: TypeId) -> bool {
        matches!(self.kind(ty), TypeKind::Int(_) | TypeKind::Enum(_))
    }

    pub fn is_float(&self, ty: TypeId) -> bool {
        matches!(self.kind(ty), TypeKind::Float(_))
    }

    pub fn is_arithmetic(&self, ty: TypeId) -> bool {
        matches!(
            self.kind(ty),
            TypeKind::Int(_) | TypeKind::Enum(_) | TypeKind::Float(_) | TypeKind::Complex(_)
        )
    }

    pub fn is_scalar(&self, ty: TypeId) -> bool {
        self.is_arithmetic(ty) || self.is_pointer(ty)
    }

    pub fn is_pointer(&self, ty: TypeId) -> bool {
        matches!(self.kind(ty), TypeKind::Pointer(_))
    }

    pub fn is_void(&self, ty: TypeId) -> bool {
        matches!(self.kind(ty), TypeKind::Void)
    }

    pub fn pointee(&self, ty: TypeId) -> Option<TypeId> {
        match *self.kind(ty) {
            TypeKind::Pointer(to) => Some(to),
            _ => None,
        }
    }

    /// The record behind a struct or union type.
    pub fn record_of(&self, ty: TypeId) -> Option<RecordId> {
        match *self.kind(ty) {
            TypeKind::Record(id) => Some(id),
            _ => None,
        }
    }

    /// The tag of a struct, union or enum type (`None` for other types and anonymous ones).
    pub fn tag_of(&self, ty: TypeId) -> Option<NameId> {
        match *self.kind(ty) {
            TypeKind::Record(id) => self.record(id)?.tag,
            TypeKind::Enum(id) => self.enum_def(id)?.tag,
            _ => None,
        }
    }

    /// Name resolution's file-scope tag of a struct, union or enum type (`None` for other
    /// types, and for tags declared in blocks and prototypes).
    pub fn file_tag_of(&self, ty: TypeId) -> Option<TagId> {
        match *self.kind(ty) {
            TypeKind::Record(id) => self.record(id)?.file_tag,
            TypeKind::Enum(id) => self.enum_def(id)?.file_tag,
            _ => None,
        }
    }

    /// The element of an array type.
    pub fn array_elem(&self, ty: TypeId) -> Option<(TypeId, ArrayLen)> {
        match *self.kind(ty) {
            TypeKind::Array { elem, len } => Some((elem, len)),
            _ => None,
        }
    }

    pub fn fn_type(&self, ty: TypeId) -> Option<&FnType> {
        match self.kind(ty) {
            TypeKind::Function(f) => Some(f),
            _ => None,
        }
    }

    /// Whether `ty` has a size: not void, a function, an incomplete array, struct, union or
    /// enum.
    pub fn is_complete(&self, ty: TypeId) -> bool {
        match *self.kind(ty) {
            TypeKind::Void | TypeKind::Function(_) => false,
            TypeKind::Array { elem, len } => len != ArrayLen::Incomplete && self.is_complete(elem),
            TypeKind::Record(id) => self.record(id).is_some_and(|r| r.def.is_some()),
            TypeKind::Enum(id) => self.enum_def(id).is_some_and(|e| e.body.is_some()),
            _ => true,
        }
    }
}
