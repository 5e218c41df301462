//! gcc's record layout (`stor-layout.cc`: `place_field`, `update_alignment_for_field`,
//! `layout_decl`) for the two targets: both have `PCC_BITFIELD_TYPE_MATTERS` and no MS
//! bit-field layout; aarch64 also lets unnamed bit-fields align the record. Positions and
//! alignments are in bits, as gcc keeps them.

use super::arena::Types;
use super::error::{TypeError, TypeResult};
use super::record::{Member, RecordAttrs};
use super::ty::{ArrayLen, TypeKind};

/// The layout of a struct or union.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RecordLayout {
    pub size: u64,
    pub align: u32,
    /// One per member, in member order.
    pub fields: Vec<FieldLayout>,
}

/// Where a member is and how it is aligned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FieldLayout {
    pub offset_bits: u64,
    pub size_bits: u64,
    /// gcc's `DECL_ALIGN`, in bits: what `__alignof__` of the member says (in bytes).
    pub align_bits: u64,
}

impl FieldLayout {
    /// The byte offset (of the byte holding the first bit, for a bit-field).
    pub fn offset(&self) -> u64 {
        self.offset_bits / 8
    }
}

/// The largest record, in bits: gcc's limit is `PTRDIFF_MAX` bytes; this one keeps every
/// bit position computation far from overflow.
const MAX_BITS: u64 = 1 << 62;

fn too_large() -> TypeError {
    TypeError::new("type is too large")
}

/// gcc's `BIGGEST_ALIGNMENT`, in bits, on both targets (without AVX).
const BIGGEST_ALIGNMENT: u64 = 128;

/// What the layout needs of one member.
struct FieldInfo {
    type_size: u64,
    type_align: u64,
    /// The declared width of a bit-field.
    width: Option<u64>,
    user_align: Option<u64>,
    /// gcc's `DECL_PACKED`.
    packed: bool,
    named: bool,
    /// A flexible array member: no size.
    flexible: bool,
}

/// The layout state: gcc's `record_layout_info`, reduced to constant positions.
struct State {
    pos: u64,
    record_align: u64,
    union_size: u64,
    /// `#pragma pack` in effect, in bits (0: none): gcc's `maximum_field_alignment`.
    max_field_align: u64,
    anon_bitfields_align: bool,
}

/// Lays out a record with `members`, as gcc does at the closing brace.
pub(super) fn layout_record(
    types: &Types,
    is_union: bool,
    members: &[Member],
    attrs: &RecordAttrs,
) -> TypeResult<RecordLayout> {
    let mut state = State {
        pos: 0,
        record_align: u64::from(attrs.align.unwrap_or(1)).max(1) * 8,
        union_size: 0,
        max_field_align: u64::from(attrs.max_field_align.unwrap_or(0)) * 8,
        anon_bitfields_align: types.target().anon_bitfields_align(),
    };
    let mut fields = Vec::with_capacity(members.len());
    for (i, member) in members.iter().enumerate() {
        let last = i + 1 == members.len();
        let info = field_info(types, member, attrs, last && !is_union)?;
        let field = if is_union {
            state.place_union_field(&info)
        } else {
            state.place_field(&info).ok_or_else(too_large)?
        };
        fields.push(field);
    }
    let unpadded = if is_union {
        state.union_size * 8
    } else {
        state.pos
    };
    let align = state.record_align;
    let size = unpadded
        .div_ceil(align)
        .checked_mul(align)
        .ok_or_else(too_large)?
        / 8;
    Ok(RecordLayout {
        size,
        align: (align / 8) as u32,
        fields,
    })
}

fn field_info(
    types: &Types,
    member: &Member,
    attrs: &RecordAttrs,
    may_be_flexible: bool,
) -> TypeResult<FieldInfo> {
    let flexible = matches!(
        types.kind(member.ty),
        TypeKind::Array {
            len: ArrayLen::Incomplete,
            ..
        }
    );
    let (type_size, type_align) = if flexible {
        if !may_be_flexible {
            return Err(TypeError::new(
                "flexible array member not at the end of a struct",
            ));
        }
        (0, u64::from(types.align_of(member.ty)?) * 8)
    } else {
        let layout = types.layout(member.ty)?;
        let size = layout
            .size
            .checked_mul(8)
            .filter(|&s| s <= MAX_BITS)
            .ok_or_else(too_large)?;
        (size, u64::from(layout.align) * 8)
    };
    let width = member.bit_width.map(u64::from);
    let packed = member.packed || attrs.packed && (width.is_some() || type_align > 8);
    Ok(FieldInfo {
        type_size,
        type_align,
        width,
        user_align: member.align.map(|a| u64::from(a) * 8),
        packed,
        named: member.name.is_some(),
        flexible,
    })
}

impl State {
    /// gcc's `place_field` for a struct member; `None` when the record grows too large.
    fn place_field(&mut self, f: &FieldInfo) -> Option<FieldLayout> {
        let known = least_bit(self.pos);
        let (desired, bit_field) = self.decl_align(f, known);
        self.update_record_align(f, desired);
        let known = if known == 0 {
            BIGGEST_ALIGNMENT.max(self.record_align)
        } else {
            known
        };
        if known < desired {
            self.pos = self.pos.checked_next_multiple_of(desired)?;
        }
        if bit_field && self.pcc_bitfield_applies(f) && excess_unit_span(self.pos, f) {
            self.pos = self.pos.checked_next_multiple_of(f.type_align)?;
        }
        let size = field_size(f);
        let field = FieldLayout {
            offset_bits: self.pos,
            size_bits: size,
            align_bits: desired,
        };
        self.pos = self.pos.checked_add(size).filter(|&p| p <= MAX_BITS)?;
        Some(field)
    }

    /// gcc's `place_union_field`: every member at offset 0.
    fn place_union_field(&mut self, f: &FieldInfo) -> FieldLayout {
        let (desired, _) = self.decl_align(f, 0);
        self.update_record_align(f, desired);
        let size = field_size(f);
        self.union_size = self.union_size.max(size.div_ceil(8));
        FieldLayout {
            offset_bits: 0,
            size_bits: size,
            align_bits: desired,
        }
    }

    /// gcc's `layout_decl` for a field at a position of alignment `known` (0: offset 0):
    /// the field's alignment, and whether it stays a bit-field (one of a mode's width on a
    /// boundary of that width becomes an ordinary field).
    fn decl_align(&self, f: &FieldInfo, known: u64) -> (u64, bool) {
        let mut align = f.user_align.unwrap_or(1);
        let mut packed = f.packed;
        let mut bit_field = f.width.is_some();
        let zero_width = f.width == Some(0);
        if let Some(width) = f.width {
            // A zero-width bit-field aligns the next field to its type, packing or not.
            if zero_width {
                packed = false;
                align = align.max(f.type_align);
            }
            if matches!(width, 8 | 16 | 32 | 64 | 128)
                && !(width > 8 && f.packed)
                && (known == 0 || known >= width)
            {
                align = align.max(width);
                bit_field = false;
            }
        } else if !(packed && f.user_align.is_some()) {
            align = align.max(f.type_align);
        }
        if packed && f.user_align.is_none() {
            align = align.min(8);
        }
        if !zero_width && self.max_field_align != 0 {
            align = align.min(self.max_field_align);
        }
        (align, bit_field)
    }

    /// gcc's `update_alignment_for_field`: a named bit-field (any bit-field on aarch64)
    /// aligns the record as its type, other members as their own alignment.
    fn update_record_align(&mut self, f: &FieldInfo, desired: u64) {
        let is_bitfield = f.width.is_some() && f.type_size != 0;
        if !is_bitfield {
            self.record_align = self.record_align.max(desired);
            return;
        }
        if !(f.named || self.anon_bitfields_align) {
            return;
        }
        let mut type_align = f.type_align;
        if f.width == Some(0) {
            // Not influenced by `#pragma pack` or `packed`.
        } else if self.max_field_align != 0 {
            type_align = type_align.min(self.max_field_align);
        } else if f.packed {
            type_align = type_align.min(8);
        }
        self.record_align = self.record_align.max(desired).max(type_align);
    }

    /// Whether the PCC rule (a bit-field does not straddle more units of its type's alignment
    /// than its type) is checked: not under `#pragma pack`, not for packed bit-fields.
    fn pcc_bitfield_applies(&self, f: &FieldInfo) -> bool {
        !f.packed && self.max_field_align == 0 && f.width.is_some_and(|w| w != 0)
    }
}

/// gcc's `excess_unit_span`: the bit-field at `pos` would span more alignment units of its
/// type than the type has.
fn excess_unit_span(pos: u64, f: &FieldInfo) -> bool {
    let align = f.type_align.max(1);
    let width = f.width.unwrap_or(0);
    let offset = pos % align;
    (offset + width).div_ceil(align) > f.type_size / align
}

fn field_size(f: &FieldInfo) -> u64 {
    match f.width {
        Some(width) => width,
        None if f.flexible => 0,
        None => f.type_size,
    }
}

/// The largest power of two dividing `pos` (0 for 0).
fn least_bit(pos: u64) -> u64 {
    pos & pos.wrapping_neg()
}
