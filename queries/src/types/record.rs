//! Structs, unions and enums: nominal entities a type refers to by index, declared (perhaps
//! only by a tag) first and completed by their definition.

use super::error::TypeError;
use super::layout::RecordLayout;
use super::ty::{IntKind, TypeId};
use super::value::IntValue;
use crate::names::NameId;
use crate::sema::TagId;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RecordId(pub(super) u32);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EnumId(pub(super) u32);

/// A struct or union.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub is_union: bool,
    pub tag: Option<NameId>,
    /// Name resolution's file-scope tag this is the type of (see `FileTypes::resolved`).
    pub file_tag: Option<TagId>,
    /// `None` while incomplete.
    pub def: Option<RecordDef>,
}

/// A struct or union definition: its members and, computed at the closing brace, its layout
/// (an error when a member has no layout).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordDef {
    pub members: Vec<Member>,
    pub attrs: RecordAttrs,
    pub layout: Result<RecordLayout, TypeError>,
}

/// One member: named, an anonymous struct or union (`name: None`, no width), or an unnamed
/// bit-field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    pub name: Option<NameId>,
    pub ty: TypeId,
    pub bit_width: Option<u32>,
    /// `aligned` on the member, in bytes.
    pub align: Option<u32>,
    /// `packed` on the member.
    pub packed: bool,
}

/// What attributes and pragmas say of a record's layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RecordAttrs {
    pub packed: bool,
    /// `aligned` on the record, in bytes (it only ever raises the alignment).
    pub align: Option<u32>,
    pub transparent_union: bool,
    /// The `#pragma pack` in effect at the closing brace, in bytes.
    pub max_field_align: Option<u32>,
}

/// An enumeration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnumDef {
    pub tag: Option<NameId>,
    /// Name resolution's file-scope tag this is the type of (see `FileTypes::resolved`).
    pub file_tag: Option<TagId>,
    /// `None` while incomplete (gcc accepts forward-declared enums).
    pub body: Option<EnumBody>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnumBody {
    /// The constants with their values (in the type gcc gives them after the closing brace).
    pub enumerators: Vec<(NameId, IntValue)>,
    /// The compatible integer type.
    pub underlying: IntKind,
    pub packed: bool,
}
