//! The salsa queries of name resolution, at coarse grain: one for the file scope (the items
//! outside function bodies) and one per function body, keyed by the function's name and
//! occurrence so that an edit inside one body re-runs that body's resolution only.
//!
//! Parsing is per TU, so any edit re-runs `function_syntax` (cheap: cutting one definition out
//! of the tree) and the skeleton (`file_skeleton`: the tree without the bodies' insides) that
//! `file_items` walks. Their results hold no absolute positions, so they compare equal when
//! only another body changed, and salsa stops there: `file_items` is not run again, and
//! `file_scope` and the other bodies' `body_resolution` keep their memos.

use std::sync::Arc;

use syntax::green_eq::same_green;
use syntax::parser::Parse;

use super::body::resolve_body;
use super::file_walk::walk_file;
use super::resolution::Resolution;
use super::symbols::{FileScope, InlineMode, ItemId};
use crate::db::SourceDb;
use crate::inputs::Tu;
use crate::parsing::parse;
use crate::skeleton::file_skeleton;

/// A function definition of a TU: its name and how many definitions of that name precede it.
/// Stable under edits of other bodies (a tree offset would not be).
#[salsa::interned]
pub struct FunctionId<'db> {
    #[returns(copy)]
    pub tu: Tu,
    #[returns(ref)]
    pub name: String,
    #[returns(copy)]
    pub occurrence: u32,
}

/// The file scope and the resolution of the items outside function bodies, made in one walk.
#[derive(Debug, Clone, PartialEq, Eq)]
struct FileItems {
    scope: Arc<FileScope>,
    resolution: Arc<Resolution>,
}

/// Walks the skeleton (the tree without the bodies' insides): an edit inside a body leaves it
/// equal, and this is not run again.
#[salsa::tracked(returns(clone))]
fn file_items(db: &dyn SourceDb, tu: Tu) -> Arc<FileItems> {
    let skeleton = file_skeleton(db, tu);
    let (scope, resolution) = walk_file(&skeleton.syntax_node(), inline_mode(tu, db));
    Arc::new(FileItems {
        scope: Arc::new(scope),
        resolution: Arc::new(resolution),
    })
}

/// gcc announces its inline semantics by a predefined macro.
fn inline_mode(tu: Tu, db: &dyn SourceDb) -> InlineMode {
    if tu
        .config(db)
        .builtin_defines
        .contains("#define __GNUC_GNU_INLINE__ ")
    {
        InlineMode::Gnu89
    } else {
        InlineMode::C99
    }
}

/// The TU's file-scope symbol table.
#[salsa::tracked(returns(clone))]
pub fn file_scope(db: &dyn SourceDb, tu: Tu) -> Arc<FileScope> {
    file_items(db, tu).scope.clone()
}

/// The resolution of the TU's items outside function bodies (the specifiers of function
/// definitions included).
#[salsa::tracked(returns(clone))]
pub fn file_resolution(db: &dyn SourceDb, tu: Tu) -> Arc<Resolution> {
    file_items(db, tu).resolution.clone()
}

/// The TU's function definitions, in source order.
pub fn functions(db: &dyn SourceDb, tu: Tu) -> Vec<FunctionId<'_>> {
    functions_by_item(db, tu)
        .into_iter()
        .map(|(_, f)| f)
        .collect()
}

/// The TU's function definitions with their items, in source order.
pub fn functions_by_item(db: &dyn SourceDb, tu: Tu) -> Vec<(ItemId, FunctionId<'_>)> {
    let scope = file_scope(db, tu);
    (scope.functions.iter())
        .map(|f| {
            let name = scope.name(f.name).to_owned();
            (f.item, FunctionId::new(db, tu, name, f.occurrence))
        })
        .collect()
}

/// One function definition cut out of the TU's tree: its item and its subtree (in a `Parse`,
/// the type that owns a tree; sema runs on trees without errors).
#[derive(Debug, Clone)]
pub struct FunctionSyntax {
    pub item: ItemId,
    pub tree: Parse,
}

impl PartialEq for FunctionSyntax {
    /// Trees compare by structure and text: the same definition re-parsed is equal (and one
    /// kept by a re-parse is the same node, found so at once).
    fn eq(&self, other: &Self) -> bool {
        self.item == other.item && same_green(&self.tree.green, &other.tree.green)
    }
}

impl Eq for FunctionSyntax {}

/// The definition's syntax; `None` when the TU has no such definition (any more).
#[salsa::tracked(returns(clone))]
pub fn function_syntax<'db>(
    db: &'db dyn SourceDb,
    function: FunctionId<'db>,
) -> Option<FunctionSyntax> {
    let tu = function.tu(db);
    let item = file_scope(db, tu)
        .function(function.name(db), function.occurrence(db))?
        .item;
    let parsed = parse(db, tu);
    let green = parsed
        .parse
        .green
        .children()
        .nth(item.0 as usize)?
        .into_node()?
        .to_owned();
    Some(FunctionSyntax {
        item,
        tree: Parse {
            green,
            errors: Vec::new(),
            scope_changes: Vec::new(),
        },
    })
}

/// The resolution of a function definition: its declarator, parameters and body.
#[salsa::tracked(returns(clone))]
pub fn body_resolution<'db>(db: &'db dyn SourceDb, function: FunctionId<'db>) -> Arc<Resolution> {
    let Some(syntax) = function_syntax(db, function) else {
        return Arc::default();
    };
    let scope = file_scope(db, function.tu(db));
    Arc::new(resolve_body(&scope, syntax.item, &syntax.tree))
}
