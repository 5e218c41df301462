//! What the file-scope walk leaves keyed by name resolution's ids, made into what the rest
//! reads: each file-scope tag type marked with its `TagId`, the named tags in order, and the
//! composite type of each object and function `EntityId`. The live patch then reads types by
//! `TagId` and `EntityId`, never by matching names.

use rustc_hash::FxHashMap;

use super::arena::Types;
use super::env::Ordinary;
use super::file_env::FileScopeTypes;
use super::file_scope::TagEntry;
use super::ty::{TypeId, TypeKind};
use crate::sema::{EntityId, FileScope, TagId};

/// Marks each file-scope tag type with the tag name resolution declared.
pub(super) fn link_tags(types: &mut Types, scope_types: &FileScopeTypes, scope: &FileScope) {
    for index in 0..scope.tags.len() {
        let tag = TagId(index as u32);
        let Some(ty) = scope_types.tag(tag) else {
            continue;
        };
        match *types.kind(ty) {
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

/// The named file-scope tags with their types, in the order first declared.
pub(super) fn named_tags(
    types: &mut Types,
    scope_types: &FileScopeTypes,
    scope: &FileScope,
) -> Vec<TagEntry> {
    let mut tags = Vec::new();
    for (index, tag) in scope.tags.iter().enumerate() {
        let (Some(name), Some(ty)) = (tag.name, scope_types.tag(TagId(index as u32))) else {
            continue;
        };
        let name = types.intern_name(scope.name(name));
        tags.push(TagEntry { name, ty });
    }
    tags
}

/// The composite type of each file-scope object and function.
pub(super) fn object_types(scope_types: &FileScopeTypes) -> FxHashMap<EntityId, TypeId> {
    (scope_types.entities())
        .filter_map(|(entity, what)| match what {
            Ordinary::Object { ty, .. } | Ordinary::Function(ty) => Some((entity, ty)),
            Ordinary::Typedef(_) | Ordinary::Enumerator(_) => None,
        })
        .collect()
}
