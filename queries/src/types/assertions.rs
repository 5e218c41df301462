//! Checks of klp-ccp's layouts that gcc can run: `_Static_assert` lines for the size and
//! alignment of every file-scope struct, union, enum and typedef with a layout, for the
//! offset of their members, and for the size of file-scope objects, to be appended to the TU
//! and compiled.

use super::file_scope::FileTypes;
use super::ty::{TypeId, TypeKind};

/// What an assertion checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AssertionKind {
    Size,
    Align,
    Offset,
    /// The size of a file-scope object.
    ObjectSize,
}

/// One `_Static_assert` line; its message is `klp-ccp layout <index>`, so that gcc's error
/// tells which one failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LayoutAssertion {
    pub kind: AssertionKind,
    /// The checked expression and its expected value, e.g. `sizeof(struct s) == 8`.
    pub check: String,
}

impl LayoutAssertion {
    pub fn line(&self, index: usize) -> String {
        format!(
            "_Static_assert({}, \"klp-ccp layout {index}\");",
            self.check
        )
    }
}

impl FileTypes {
    /// Assertions for every file-scope tag (by its tag) and typedef (by its name) that has
    /// a layout; members through the tag, or through the typedef for an untagged record.
    pub fn layout_assertions(&self) -> Vec<LayoutAssertion> {
        let mut out = Vec::new();
        for tag in &self.tags {
            let keyword = match self.types.kind(tag.ty) {
                TypeKind::Enum(_) => "enum",
                TypeKind::Record(rid) if self.types.record(*rid).is_some_and(|r| r.is_union) => {
                    "union"
                }
                _ => "struct",
            };
            let spelled = format!("{keyword} {}", self.name(tag.name));
            self.type_assertions(&spelled, tag.ty, true, &mut out);
        }
        for typedef in &self.typedefs {
            let untagged = self
                .types
                .record_of(typedef.ty)
                .and_then(|rid| self.types.record(rid))
                .is_some_and(|r| r.tag.is_none());
            self.type_assertions(self.name(typedef.name), typedef.ty, untagged, &mut out);
        }
        // Objects: their types, arrays completed by initializers included (their alignment
        // is the target's business: gcc raises that of large static objects).
        for &(name, ty) in &self.objects {
            if matches!(self.types.kind(ty), TypeKind::Function(_)) {
                continue;
            }
            if let Ok(layout) = self.types.layout(ty) {
                out.push(LayoutAssertion {
                    kind: AssertionKind::ObjectSize,
                    check: format!("sizeof({}) == {}", self.name(name), layout.size),
                });
            }
        }
        out
    }

    fn type_assertions(
        &self,
        spelled: &str,
        ty: TypeId,
        members: bool,
        out: &mut Vec<LayoutAssertion>,
    ) {
        if matches!(self.types.kind(ty), TypeKind::Function(_) | TypeKind::Void) {
            return;
        }
        let Ok(layout) = self.types.layout(ty) else {
            return;
        };
        out.push(LayoutAssertion {
            kind: AssertionKind::Size,
            check: format!("sizeof({spelled}) == {}", layout.size),
        });
        out.push(LayoutAssertion {
            kind: AssertionKind::Align,
            check: format!("_Alignof({spelled}) == {}", layout.align),
        });
        if members {
            self.member_assertions(spelled, ty, ty, out);
        }
    }

    /// Offsets of the named members that are no bit-fields, those of anonymous members
    /// included (gcc's `offsetof` reaches them by their names).
    fn member_assertions(
        &self,
        spelled: &str,
        top: TypeId,
        record: TypeId,
        out: &mut Vec<LayoutAssertion>,
    ) {
        let Some(def) = self
            .types
            .record_of(record)
            .and_then(|rid| self.types.record(rid))
            .and_then(|r| r.def.as_ref())
        else {
            return;
        };
        for member in &def.members {
            match member.name {
                Some(name) if member.bit_width.is_none() => {
                    let name = self.name(name);
                    if let Some(offset) = self.offset_of(top, &[name]) {
                        out.push(LayoutAssertion {
                            kind: AssertionKind::Offset,
                            check: format!("__builtin_offsetof({spelled}, {name}) == {offset}"),
                        });
                    }
                }
                None if member.bit_width.is_none() => {
                    self.member_assertions(spelled, top, member.ty, out)
                }
                _ => {}
            }
        }
    }
}
