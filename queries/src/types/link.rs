//! Name resolution's ids for what the file-scope walk declared: `sema` and `types` walk the
//! same items and anchor a declaration at the same token (its name: item and offset from the
//! item's start), so a declaration's anchor finds its tag or entity. The live patch then
//! reads types by `TagId` and `EntityId`, never by matching names.

use rustc_hash::FxHashMap;

use super::arena::Types;
use super::ty::{TypeId, TypeKind};
use crate::names::NameId;
use crate::sema::{Anchor, DeclId, EntityId, FileScope, TagId};

/// Marks each named file-scope tag type with the tag name resolution declared at its anchor.
pub(super) fn link_tags(types: &mut Types, anchors: &[(Anchor, TypeId)], scope: &FileScope) {
    let tags: FxHashMap<Anchor, TagId> = (scope.tags.iter().enumerate())
        .flat_map(|(i, tag)| (tag.decls.iter()).map(move |d| (d.at, TagId(i as u32))))
        .collect();
    for (anchor, ty) in anchors {
        let Some(&tag) = tags.get(anchor) else {
            continue;
        };
        match *types.kind(*ty) {
            TypeKind::Record(id) => {
                if let Some(record) = types.record_mut(id) {
                    record.file_tag = Some(tag);
                }
            }
            TypeKind::Enum(id) => {
                if let Some(def) = types.enum_mut(id) {
                    def.file_tag = Some(tag);
                }
            }
            _ => {}
        }
    }
}

/// The composite type of each entity a typed declarator declares (`objects`: by name, the
/// composite of all declarations of the name; `anchors`: each declarator's anchor with its
/// name's place in `objects`).
pub(super) fn object_entities(
    objects: &[(NameId, TypeId)],
    anchors: &[(Anchor, usize)],
    scope: &FileScope,
) -> FxHashMap<EntityId, TypeId> {
    let decls: FxHashMap<Anchor, DeclId> = (scope.decls.iter().enumerate())
        .map(|(i, d)| (d.at, DeclId(i as u32)))
        .collect();
    let mut types = FxHashMap::default();
    for (anchor, index) in anchors {
        let (Some(&decl), Some(&(_, ty))) = (decls.get(anchor), objects.get(*index)) else {
            continue;
        };
        types.entry(scope.decl(decl).entity).or_insert(ty);
    }
    types
}
