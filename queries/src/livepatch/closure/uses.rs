//! What an emitted item refers to: the uses of its text the live patch keeps.

use super::walk::{EntityFate, Walk};
use crate::livepatch::plan::ItemForm;
use crate::sema::{ItemId, LocalKind, Resolution, Target, Use};

/// The references of an item in `form`: outside the initializers the live patch drops,
/// and of a function's body only when the function is emitted whole; a block-scope
/// `extern` declaration of a file-scope entity refers to that.
pub(super) fn uses(walk: &Walk<'_>, item: ItemId, form: ItemForm) -> Vec<Use> {
    let input = walk.facts.input;
    let dropped = dropped_initializers(walk, item);
    let mut uses: Vec<Use> = item_uses(input.file_uses, item)
        .iter()
        .filter(|u| !dropped.iter().any(|r| r.contains(&u.at.offset)))
        .cloned()
        .collect();
    let Some(body) = input.bodies.resolution(item) else {
        return uses;
    };
    let body_start = input.view.index.body_start(item);
    uses.extend(
        body.uses.iter().filter(|u| {
            form == ItemForm::Whole || body_start.is_none_or(|start| u.at.offset < start)
        }),
    );
    for u in uses.iter_mut() {
        if let Target::Local(local) = u.target
            && let LocalKind::Extern {
                entity: Some(entity),
                ..
            } = body.local(local).kind
        {
            u.target = Target::Entity(entity);
        }
    }
    uses
}

/// The initializers of item `item` that the live patch drops (those of objects it
/// declares only), as offsets in the item: what they refer to is not needed.
fn dropped_initializers(walk: &Walk<'_>, item: ItemId) -> Vec<std::ops::Range<u32>> {
    let index = walk.facts.input.view.index;
    let start = index.start(item).unwrap_or(0);
    (index.object_definitions(item).iter())
        .filter(|definition| {
            matches!(
                walk.fates.get(&definition.entity),
                Some(EntityFate::Externalized(_) | EntityFate::Declared)
            )
        })
        .filter_map(|definition| {
            let token = walk.facts.token(definition.at)?;
            let range = crate::livepatch::emit::initializer_range(&token)?;
            Some(u32::from(range.start()) - start..u32::from(range.end()) - start)
        })
        .collect()
}

/// The uses of `resolution` in `item` (uses are in item order).
pub(crate) fn item_uses(resolution: &Resolution, item: ItemId) -> &[Use] {
    let uses = &resolution.uses;
    let start = uses.partition_point(|u| u.at.item < item);
    let end = uses.partition_point(|u| u.at.item <= item);
    &uses[start..end]
}
