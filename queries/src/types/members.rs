//! Struct, union and enum specifiers: tags (declared, referred to, completed), member lists
//! with their bit-fields and attributes, and enumerators with gcc's rules for their values and
//! the enum's compatible integer type.

use syntax::ast::{
    AstNode, DeclSpecifier, DeclSpecs, EnumSpec, EnumeratorList, Expr, MemberDecl, MemberItem,
    MemberList, Name, StaticAssert, StructSpec,
};
use syntax::syntax_kind::{SyntaxKind, SyntaxNode, WalkEvent};

use super::attrs::{Attrs, Mode};
use super::cx::{TypeCx, start_of};
use super::env::{Ordinary, TagAt};
use super::error::{TypeError, TypeResult};
use super::eval::Const;
use super::layout::layout_record;
use super::record::{EnumBody, Member, RecordAttrs, RecordDef};
use super::ty::{IntKind, TypeId, TypeKind};
use super::value::{ConstValue, IntOp, IntValue};
use crate::names::NameId;
use crate::sema::ConflictKind;

/// The kind of a tag, for the check that a tag is used as it was declared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TagKind {
    Struct,
    Union,
    Enum,
}

impl TagKind {
    fn record(is_union: bool) -> TagKind {
        if is_union {
            TagKind::Union
        } else {
            TagKind::Struct
        }
    }

    fn keyword(self) -> &'static str {
        match self {
            TagKind::Struct => "struct",
            TagKind::Union => "union",
            TagKind::Enum => "enum",
        }
    }
}

impl TypeCx<'_> {
    pub(super) fn lower_struct_spec(&mut self, spec: &StructSpec) -> TypeResult<TypeId> {
        let is_union = spec.is_union();
        let kind = TagKind::record(is_union);
        let tag = spec.tag();
        let Some(list) = spec.members() else {
            let tag =
                tag.ok_or_else(|| TypeError::at("struct without tag or members", spec.syntax()))?;
            return self.tag_reference(&tag, kind, spec.syntax());
        };
        if let Some(&ty) = self.defined.get(spec.syntax()) {
            return Ok(ty);
        }
        let ty = self.tag_for_definition(tag.as_ref(), kind, spec.syntax())?;
        self.defined.insert(spec.syntax().clone(), ty);
        let Some(rid) = self.types.record_of(ty) else {
            return Err(TypeError::at("not a struct or union", spec.syntax()));
        };
        let mut attrs = Attrs::default();
        self.read_attrs(spec.attributes(), &mut attrs)?;
        let (members, error) = self.lower_members(&list);
        let record_attrs = RecordAttrs {
            packed: attrs.packed,
            align: attrs.aligned,
            transparent_union: attrs.transparent_union,
            max_field_align: self.pack.current(),
        };
        let layout = match error {
            Some(error) => Err(error),
            // An error with a place came from a member's record and was reported there.
            None => layout_record(self.types, is_union, &members, &record_attrs).map_err(|e| {
                if e.span.is_some() {
                    return e;
                }
                let e = e.or_at(spec.syntax());
                self.report(e.clone());
                e
            }),
        };
        if let Some(record) = self.types.record_mut(rid) {
            record.def = Some(RecordDef {
                members,
                attrs: record_attrs,
                layout,
            });
        }
        Ok(ty)
    }

    /// `struct S` without a body: the tag name resolution found visible, or the one it
    /// declares (`struct S;`, or a tag nothing declared before).
    fn tag_reference(
        &mut self,
        tag: &Name,
        kind: TagKind,
        node: &SyntaxNode,
    ) -> TypeResult<TypeId> {
        match self.tag_at(tag.syntax()) {
            TagAt::Refers(ty) => {
                self.check_tag_kind(ty, kind, tag, node)?;
                Ok(ty)
            }
            TagAt::Redeclares(ty) => {
                self.check_tag_kind(ty, kind, tag, node)?;
                self.declare_tag(tag.syntax(), ty);
                Ok(ty)
            }
            TagAt::New => {
                self.check_tag_conflict(tag, kind, node)?;
                Ok(self.new_tag(Some(tag), kind))
            }
        }
    }

    /// The type a definition with `tag` completes: the tag's incomplete type declared before
    /// in the same scope, or a new one.
    fn tag_for_definition(
        &mut self,
        tag: Option<&Name>,
        kind: TagKind,
        node: &SyntaxNode,
    ) -> TypeResult<TypeId> {
        let Some(tag) = tag else {
            return Ok(self.new_tag(None, kind));
        };
        let TagAt::Redeclares(ty) = self.tag_at(tag.syntax()) else {
            self.check_tag_conflict(tag, kind, node)?;
            return Ok(self.new_tag(Some(tag), kind));
        };
        self.check_tag_kind(ty, kind, tag, node)?;
        if self.types.is_complete(ty) {
            return Err(redefinition(kind, tag, node));
        }
        self.declare_tag(tag.syntax(), ty);
        Ok(ty)
    }

    /// A file-scope tag declared anew because it conflicts with the visible one (name
    /// resolution declares a new tag then): an error, as the earlier tag's kind or definition
    /// says.
    fn check_tag_conflict(&self, tag: &Name, kind: TagKind, node: &SyntaxNode) -> TypeResult<()> {
        if self.detached > 0 {
            return Ok(());
        }
        match self.env.conflict(start_of(tag.syntax())) {
            Some(ConflictKind::TagKindMismatch) => Err(wrong_kind(tag, node)),
            Some(ConflictKind::TagRedefinition) => Err(redefinition(kind, tag, node)),
            _ => Ok(()),
        }
    }

    /// A new struct, union or enum type, declared by a specifier named `tag`.
    fn new_tag(&mut self, tag: Option<&Name>, kind: TagKind) -> TypeId {
        let name = tag.map(|n| self.name(&n.text()));
        let ty = match kind {
            TagKind::Enum => self.types.new_enum(name).1,
            TagKind::Struct | TagKind::Union => {
                self.types.new_record(kind == TagKind::Union, name).1
            }
        };
        if let Some(tag) = tag {
            self.declare_tag(tag.syntax(), ty);
        }
        ty
    }

    fn check_tag_kind(
        &self,
        ty: TypeId,
        kind: TagKind,
        tag: &Name,
        node: &SyntaxNode,
    ) -> TypeResult<()> {
        let actual = match *self.types.kind(ty) {
            TypeKind::Enum(_) => TagKind::Enum,
            TypeKind::Record(rid) => {
                TagKind::record(self.types.record(rid).is_some_and(|r| r.is_union))
            }
            _ => return Err(TypeError::at("tag names no struct, union or enum", node)),
        };
        if actual == kind {
            return Ok(());
        }
        Err(wrong_kind(tag, node))
    }

    /// The members, and the first error met (which makes the record's layout an error).
    fn lower_members(&mut self, list: &MemberList) -> (Vec<Member>, Option<TypeError>) {
        let mut members = Vec::new();
        let mut first_error = None;
        for item in list.items() {
            match item {
                MemberItem::Member(decl) => {
                    if let Err(e) = self.lower_member_decl(&decl, &mut members) {
                        let e = e.or_at(decl.syntax());
                        self.report(e.clone());
                        first_error.get_or_insert(e);
                    }
                }
                MemberItem::StaticAssert(assert) => self.check_static_assert(&assert),
                MemberItem::Pragma(pragma) => {
                    if let Some(token) = pragma.pragma_token() {
                        self.pack.apply(token.text());
                    }
                }
                MemberItem::Empty(_) => {}
            }
        }
        (members, first_error)
    }

    fn lower_member_decl(
        &mut self,
        decl: &MemberDecl,
        members: &mut Vec<Member>,
    ) -> TypeResult<()> {
        let specs_node = decl
            .specs()
            .ok_or_else(|| TypeError::at("member without specifiers", decl.syntax()))?;
        let declarators: Vec<_> = decl.declarators().collect();
        let specs = self.lower_specs(&specs_node)?;
        let spec_align = max_align(specs.attrs.aligned, specs.alignas);
        if declarators.is_empty() {
            // Only an untagged struct or union is an anonymous member; `struct S {...};` in a
            // member list declares a tag and no member.
            if is_anonymous_record(&specs_node) {
                members.push(Member {
                    name: None,
                    ty: specs.ty,
                    bit_width: None,
                    align: spec_align,
                    packed: specs.attrs.packed,
                });
            }
            return Ok(());
        }
        for md in declarators {
            let declarator = md.declarator();
            let ty = self.declarator_type(specs.ty, declarator.as_ref())?;
            let mut attrs = specs.attrs.clone();
            self.read_attrs(md.attributes(), &mut attrs)?;
            let ty = self
                .apply_type_attrs(ty, &attrs)
                .map_err(|e| e.or_at(md.syntax()))?;
            let name = declarator
                .and_then(|d| d.name())
                .map(|n| self.name(&n.text()));
            let bit_width = match md.bit_width() {
                Some(width) => Some(self.bit_width(&width, ty, name.is_some())?),
                None => None,
            };
            members.push(Member {
                name,
                ty,
                bit_width,
                align: max_align(attrs.aligned, specs.alignas),
                packed: attrs.packed,
            });
        }
        Ok(())
    }

    /// A bit-field's width, checked against its type.
    fn bit_width(&mut self, width: &Expr, ty: TypeId, named: bool) -> TypeResult<u32> {
        let node = width.syntax();
        let Some(kind) = self.types.int_kind(ty) else {
            return Err(TypeError::at("bit-field has an invalid type", node));
        };
        let value = self.eval_int(width).inspect_err(|_| {
            if self.reads_object(width) {
                self.error(node, "bit-field width is not a constant expression");
            }
        })?;
        let bits = value
            .to_u64()
            .ok_or_else(|| TypeError::at("negative width in bit-field", node))?;
        if bits > u64::from(kind.bits()) {
            return Err(TypeError::at("width of bit-field exceeds its type", node));
        }
        if bits == 0 && named {
            return Err(TypeError::at("zero width for a named bit-field", node));
        }
        Ok(bits as u32)
    }

    /// Whether evaluating `e` reads an object or calls a function (`sizeof x` does not): then
    /// it is no constant expression, whatever its value.
    fn reads_object(&mut self, e: &Expr) -> bool {
        let mut walk = e.syntax().preorder();
        while let Some(event) = walk.next() {
            let WalkEvent::Enter(node) = event else {
                continue;
            };
            match node.kind() {
                SyntaxKind::SIZEOF_EXPR | SyntaxKind::ALIGNOF_EXPR | SyntaxKind::TYPE_NAME => {
                    walk.skip_subtree();
                }
                SyntaxKind::IDENT_EXPR => {
                    let (_, denotes) = self.lookup_ordinary(&node, node.first_token());
                    if matches!(
                        denotes,
                        Some(Ordinary::Object { .. } | Ordinary::Function(_))
                    ) {
                        return true;
                    }
                }
                _ => {}
            }
        }
        false
    }

    /// `_Static_assert`: a false or unevaluable condition is reported.
    pub(super) fn check_static_assert(&mut self, assert: &StaticAssert) {
        let Some(condition) = assert.condition() else {
            return;
        };
        match self.eval_int(&condition) {
            Ok(value) if value.is_zero() => {
                self.report(TypeError::at("static assertion failed", assert.syntax()));
            }
            Ok(_) => self.assertions.held += 1,
            Err(e) => self.report(e.or_at(assert.syntax())),
        }
    }

    pub(super) fn lower_enum_spec(&mut self, spec: &EnumSpec) -> TypeResult<TypeId> {
        let tag = spec.tag();
        let Some(list) = spec.enumerators() else {
            let tag =
                tag.ok_or_else(|| TypeError::at("enum without tag or enumerators", spec.syntax()))?;
            return self.tag_reference(&tag, TagKind::Enum, spec.syntax());
        };
        if let Some(&ty) = self.defined.get(spec.syntax()) {
            return Ok(ty);
        }
        let ty = self.tag_for_definition(tag.as_ref(), TagKind::Enum, spec.syntax())?;
        self.defined.insert(spec.syntax().clone(), ty);
        let TypeKind::Enum(eid) = *self.types.kind(ty) else {
            return Err(TypeError::at("not an enum", spec.syntax()));
        };
        let mut attrs = Attrs::default();
        self.read_attrs(spec.attributes(), &mut attrs)?;
        let values = self.enumerator_values(&list)?;
        let mut underlying = underlying_type(&values, attrs.packed);
        // `enum {...} __attribute__ ((mode (word)))` gives the enum that width.
        if let Some((Mode::Int(bits), _)) = attrs.mode {
            let signed = self.types.is_signed(underlying);
            underlying = IntKind::for_bits(bits, signed).unwrap_or(underlying);
        }
        let mut enumerators = Vec::with_capacity(values.len());
        for Enumerator { name, at, value } in values {
            // After the closing brace, constants that fit `int` are `int`, the others have
            // the enum's type.
            let (value, value_ty) = if value.fits(IntKind::Int, true) {
                (
                    value.convert(IntKind::Int, true),
                    self.types.int(IntKind::Int),
                )
            } else {
                (
                    value.convert(underlying, self.types.is_signed(underlying)),
                    ty,
                )
            };
            let constant = Const {
                ty: value_ty,
                value: ConstValue::Int(value),
            };
            if let Some(at) = at {
                self.declare_ordinary(at, Ordinary::Enumerator(constant));
            }
            enumerators.push((name, value));
        }
        if let Some(def) = self.types.enum_mut(eid) {
            def.body = Some(EnumBody {
                enumerators,
                underlying,
                packed: attrs.packed,
            });
        }
        Ok(ty)
    }

    /// The enumerators' values in the types gcc gives them while the enum is being defined:
    /// `int` if the value fits, else its own type made at least as wide as `int`. Each is
    /// declared at once, as later values may use it.
    fn enumerator_values(&mut self, list: &EnumeratorList) -> TypeResult<Vec<Enumerator>> {
        let mut values = Vec::new();
        let mut next = Some(IntValue::from_i128(IntKind::Int, true, 0));
        for enumerator in list.enumerators() {
            let node = enumerator.syntax().clone();
            let name_node = enumerator.name();
            let at = name_node.as_ref().map(|n| start_of(n.syntax()));
            let name = name_node.map(|n| n.text()).unwrap_or_default();
            let name = self.name(&name);
            let value = match enumerator.value() {
                Some(e) => {
                    let value = self.checked_eval_int(&e)?;
                    self.enumerator_type(value)
                }
                None => {
                    next.ok_or_else(|| TypeError::at("overflow in enumeration values", &node))?
                }
            };
            let one = IntValue::from_i128(value.kind(), value.is_signed(), 1);
            next = value
                .arith(IntOp::Add, one)
                .ok()
                .filter(|n| !n.less_than(value));
            let ty = self.types.int(value.kind());
            let constant = Const {
                ty,
                value: ConstValue::Int(value),
            };
            if let Some(at) = at {
                self.declare_ordinary(at, Ordinary::Enumerator(constant));
            }
            values.push(Enumerator { name, at, value });
        }
        Ok(values)
    }

    fn enumerator_type(&self, value: IntValue) -> IntValue {
        if value.fits(IntKind::Int, true) {
            return value.convert(IntKind::Int, true);
        }
        let bits = value.kind().bits().max(32);
        let unsigned = !value.is_signed();
        let kind = IntKind::for_bits(bits, !unsigned).unwrap_or(value.kind());
        value.convert(kind, !unsigned)
    }
}

/// An enumeration constant with its value, and where its name is.
struct Enumerator {
    name: NameId,
    at: Option<u32>,
    value: IntValue,
}

/// `S` declared as another kind of tag than `kind`.
fn wrong_kind(tag: &Name, node: &SyntaxNode) -> TypeError {
    let name = tag.text();
    TypeError::at(format!("`{name}` defined as wrong kind of tag"), node)
}

fn redefinition(kind: TagKind, tag: &Name, node: &SyntaxNode) -> TypeError {
    let name = tag.text();
    TypeError::at(format!("redefinition of `{} {name}`", kind.keyword()), node)
}

/// gcc's `finish_enum`: the narrowest precision holding all values; `int` or `unsigned int`
/// unless that is too narrow or the enum is packed, then the standard type of that size.
fn underlying_type(values: &[Enumerator], packed: bool) -> IntKind {
    let unsigned = values.iter().all(|e| !e.value.is_negative());
    let precision = values
        .iter()
        .map(|e| e.value.min_precision(!unsigned))
        .max()
        .unwrap_or(1);
    if packed || precision > 32 {
        IntKind::for_bits(precision, !unsigned).unwrap_or(IntKind::Int128)
    } else if unsigned {
        IntKind::UInt
    } else {
        IntKind::Int
    }
}

fn max_align(a: Option<u32>, b: Option<u32>) -> Option<u32> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    }
}

/// Whether the specifiers are an untagged struct or union definition.
fn is_anonymous_record(specs: &DeclSpecs) -> bool {
    specs.specifiers().any(|s| match s {
        DeclSpecifier::Struct(spec) => spec.tag().is_none() && spec.members().is_some(),
        _ => false,
    })
}
