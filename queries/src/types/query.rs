//! The salsa queries over types: `file_types` at the grain of a TU (parsing is per TU; its
//! result compares equal when an edit changed nothing at file scope, function bodies not being
//! walked, and whoever depends on it keeps their memos), and `body_types` per function
//! definition, so that an edit inside one body re-types that body only.

use std::sync::Arc;

use rustc_hash::FxHashMap;
use syntax::ast::{AstNode, FunctionDef};
use syntax::diagnostic::{Diagnostic, Severity};

use super::arena::Types;
use super::cx::{AssertionTally, TypeCx};
use super::env::Ordinary;
use super::error::{Span, TypeDiagnostic, TypeError, TypeResult};
use super::file_env::ItemEnv;
use super::file_scope::{Evaluation, FileTypes};
use super::literal_tokens::literal_diagnostics;
use super::target::TargetInfo;
use super::ty::TypeId;
use super::typing::Typed;
use crate::db::SourceDb;
use crate::inputs::Tu;
use crate::locate::Locator;
use crate::parsing::parse;
use crate::preprocessing::preprocess;
use crate::sema::{
    FunctionId, ItemId, body_resolution, file_resolution, file_scope, function_syntax,
    functions_by_item,
};
use crate::skeleton::file_skeleton;

/// The types and layouts of the TU's file scope, tags and objects keyed by name resolution's
/// ids too. Made from the skeleton (the tree without the bodies' insides), so that an edit
/// inside a body does not run it again; the offsets in its errors and diagnostics are the
/// skeleton's (`FileSkeleton::real_offset`).
#[salsa::tracked(returns(clone))]
pub fn file_types(db: &dyn SourceDb, tu: Tu) -> Arc<FileTypes> {
    let skeleton = file_skeleton(db, tu);
    let scope = file_scope(db, tu);
    let resolution = file_resolution(db, tu);
    let target = TargetInfo::from_config(tu.config(db));
    Arc::new(FileTypes::resolved(
        &skeleton.syntax_node(),
        target,
        scope,
        &resolution,
    ))
}

/// A constant expression given as text, evaluated at the end of the TU's file scope.
pub fn evaluate_in_tu(db: &dyn SourceDb, tu: Tu, text: &str) -> TypeResult<Evaluation> {
    file_types(db, tu).evaluate(text)
}

/// The types of one function body. Positions are offsets from the start of the definition,
/// so that the result compares equal when only other items moved.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BodyTypes {
    /// The arena the body's types are in (extending the file scope's); `None` when the
    /// function has no definition any more.
    pub types: Option<Types>,
    /// The type of every expression typed, by its range.
    pub expressions: FxHashMap<Span, Typed>,
    pub errors: Vec<TypeError>,
    pub diagnostics: Vec<TypeDiagnostic>,
    pub assertions: AssertionTally,
}

impl BodyTypes {
    /// The type of the expression at `span` (offsets from the definition's start).
    pub fn type_of(&self, span: Span) -> Option<TypeId> {
        self.expressions.get(&span).map(|t| t.ty)
    }
}

/// The types of a function definition's body: its statements walked in the file scope as it
/// stood at the definition.
#[salsa::tracked(returns(clone))]
pub fn body_types<'db>(db: &'db dyn SourceDb, function: FunctionId<'db>) -> Arc<BodyTypes> {
    Arc::new(type_body(db, function))
}

/// What `check` keeps of a body's types: its diagnostics. The types of its expressions,
/// which only the live patch reads and only of the bodies it reaches, are not kept: a large
/// TU's bodies' types would be most of its memory.
#[salsa::tracked(returns(clone))]
pub fn body_type_diagnostics<'db>(
    db: &'db dyn SourceDb,
    function: FunctionId<'db>,
) -> Arc<Vec<TypeDiagnostic>> {
    Arc::new(type_body(db, function).diagnostics)
}

pub(crate) fn type_body(db: &dyn SourceDb, function: FunctionId<'_>) -> BodyTypes {
    let Some(syntax) = function_syntax(db, function) else {
        return BodyTypes::default();
    };
    let Some(definition) = FunctionDef::cast(syntax.tree.syntax_node()) else {
        return BodyTypes::default();
    };
    let tu = function.tu(db);
    let (file, scope) = (file_types(db, tu), file_scope(db, tu));
    let entity = (scope.function(function.name(db), function.occurrence(db)))
        .map(|f| scope.decl(f.decl).entity);
    let resolution = body_resolution(db, function);
    let mut types = Types::extending(file.types.clone());
    // The definition's tree starts at its item's start.
    let mut env = ItemEnv::new(&file.scope_types, &resolution, syntax.item, 0);
    let mut cx = TypeCx::new(&mut types, &mut env);
    match entity.and_then(|e| cx.env.entity(e)) {
        Some(Ordinary::Function(ty)) => cx.check_function_body(&definition, ty),
        _ => cx.report(TypeError::at("function without type", definition.syntax())),
    }
    let expressions = cx
        .typed
        .drain()
        .filter_map(|(node, typed)| Some((node.span, typed.ok()?)))
        .collect();
    let (errors, diagnostics, assertions) = (cx.errors, cx.diagnostics, cx.assertions);
    BodyTypes {
        types: Some(types),
        expressions,
        errors,
        diagnostics,
        assertions,
    }
}

/// The type of the expression at `span` (offsets from the definition's start) in a function
/// body, written as C.
pub fn type_of(db: &dyn SourceDb, function: FunctionId<'_>, span: Span) -> Option<String> {
    let body = body_types(db, function);
    let ty = body.type_of(span)?;
    Some(body.types.as_ref()?.display(ty))
}

/// klp-ccp's diagnostics about the TU's types and constants: the file scope's and each body's,
/// in the order of the items they are in. Meant for a TU that parsed without errors.
pub fn type_diagnostics(db: &dyn SourceDb, tu: Tu) -> Vec<Diagnostic> {
    diagnostics_with(db, tu, &|_| true, &|function| {
        body_type_diagnostics(db, function)
    })
}

/// `type_diagnostics` with the bodies of only the function definitions `body_wanted` picks
/// (by item): a live patch evaluates the bodies it copies, not the TU's thousands of others.
pub fn type_diagnostics_of(
    db: &dyn SourceDb,
    tu: Tu,
    body_wanted: &dyn Fn(ItemId) -> bool,
) -> Vec<Diagnostic> {
    // The live patch has typed the bodies it copies: their diagnostics are read from there.
    diagnostics_with(db, tu, body_wanted, &|function| {
        Arc::new(body_types(db, function).diagnostics.clone())
    })
}

/// The diagnostics of the file scope and of the bodies `body_wanted` picks, each body's as
/// `of_body` gives them.
pub(crate) fn diagnostics_with<'db>(
    db: &'db dyn SourceDb,
    tu: Tu,
    body_wanted: &dyn Fn(ItemId) -> bool,
    of_body: &dyn Fn(FunctionId<'db>) -> Arc<Vec<TypeDiagnostic>>,
) -> Vec<Diagnostic> {
    let file = file_types(db, tu);
    let bodies: Vec<_> = (functions_by_item(db, tu).into_iter())
        .filter(|&(item, _)| body_wanted(item))
        .map(|(item, f)| (item.0, of_body(f)))
        .filter(|(_, diagnostics)| !diagnostics.is_empty())
        .collect();
    let pp = preprocess(db, tu);
    let parsed = parse(db, tu);
    let c90 = TargetInfo::from_config(tu.config(db)).c90;
    let literals = literal_diagnostics(&pp, &parsed, c90);
    if file.diagnostics.is_empty() && bodies.is_empty() && literals.is_empty() {
        return Vec::new();
    }
    let locator = Locator::new(&pp, &parsed);
    // (item, diagnostic, offset of its spans): stable-sorted by item below. The file scope's
    // are at the skeleton's offsets, which are the tree's up to each item's start.
    let skeleton = file_skeleton(db, tu);
    let real = |offset| skeleton.real_offset(offset, |item| locator.item_start(item.0));
    let mut found: Vec<(u32, &TypeDiagnostic, u32)> = (file.diagnostics.iter())
        .map(|d| {
            let shift = real(d.span.start) - d.span.start;
            (locator.item_at(d.span.start + shift), d, shift)
        })
        .chain((literals.iter()).map(|d| (locator.item_at(d.span.start), d, 0)))
        .collect();
    for (item, body) in &bodies {
        let start = locator.item_start(*item).unwrap_or(0);
        found.extend(body.iter().map(|d| (*item, d, start)));
    }
    found.sort_by_key(|&(item, _, _)| item);
    // klp-ccp's evaluation stops at its first error: nothing after it is reported.
    if let Some(first_error) = found
        .iter()
        .position(|(_, d, _)| d.severity == Severity::Error)
    {
        found.truncate(first_error + 1);
    }
    found
        .into_iter()
        .filter_map(|(_, d, offset)| {
            let (start, end) = (d.span.start + offset, d.span.end + offset);
            locator.at_range(d.severity, d.message.clone(), start, end)
        })
        .collect()
}
