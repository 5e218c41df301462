//! The salsa queries of live-patch creation: `closure_plan` (what goes into the live patch,
//! as the policy decides, found together with the headers it includes: what those need goes
//! in too), `coverage` (which headers are included instead of copied: the part of the plan
//! emission reads) and `live_patch` (the text). The patched set comes from the policy (`--patched-functions` is
//! part of it), a durable input: changing it re-runs these queries and the policy's answers,
//! not preprocessing, parsing or typing.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::sync::Arc;

use rustc_hash::{FxHashMap, FxHashSet};
use syntax::diagnostic::{Diagnostic, Severity};
use syntax::parse_tu::ParsedTu;
use syntax::pp::PreprocessedTu;
use syntax::pp::provenance::{InclusionId, InclusionKind};
use syntax::syntax_kind::{SyntaxKind, SyntaxNode};

use super::closure::{ClosureInput, FunctionBodies, closure};
use super::completeness::tags_needed_complete;
use super::emit::{EmitInput, PpTables};
use super::header_replies::header_reply_diagnostics;
use super::headers::{Coverage, coverage_of};
use super::oracle::{Places, PolicyOracle};
use super::patched_set::{PatchedSet, patched_set};
use super::places::TuPlaces;
use super::plan::{Plan, PlanDiagnostic};
use super::policy::{PolicyFailure, Question};
use super::prerequisites::{NeedsMemo, Prerequisite, header_prerequisites};
use crate::db::SourceDb;
use crate::inputs::Tu;
use crate::items::{ItemIndex, ItemView, item_index};
use crate::locate::Locator;
use crate::parsing::parse;
use crate::preprocessing::preprocess;
use crate::sema::{
    Anchor, EntityId, EntityKind, FunctionId, ItemId, Resolution, TagId, body_resolution,
    file_resolution, file_scope, function_syntax, functions_by_item,
};
use crate::types::{ArrayLen, TypeDiagnostic, TypeKind, file_types};
use crate::types::{diagnostics_with, type_body};

/// A live patch: its text, and what klp-ccp has to say about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LivePatch {
    pub text: String,
    pub diagnostics: Vec<Diagnostic>,
}

/// What goes into the live patch, and which headers it includes (found together: what the
/// included headers need goes into the live patch too).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Planned {
    pub plan: Plan,
    pub coverage: Coverage,
    /// What the included headers need before their `#include`s, each with the first
    /// header needing it (its reason, for `--explain`).
    pub header_needs: Vec<(Prerequisite, InclusionId)>,
    /// The live patch's text, written from the last round's layout (`None`: not laid out).
    pub text: Option<String>,
}

/// What goes into the live patch of `tu`: the closure of its patched set.
pub fn closure_plan(db: &dyn SourceDb, tu: Tu) -> Arc<Result<Planned, PolicyFailure>> {
    match patched_set(db, tu) {
        Ok(patched) => closure_for(db, tu, patched),
        Err(failure) => Arc::new(Err(failure)),
    }
}

/// What goes into the live patch of `tu` when `patched` are its patched functions.
#[salsa::tracked(returns(clone))]
fn closure_for<'db>(
    db: &'db dyn SourceDb,
    tu: Tu,
    patched: PatchedSet<'db>,
) -> Arc<Result<Planned, PolicyFailure>> {
    let patched = patched.patched(db);
    let scope = file_scope(db, tu);
    let file_uses = file_resolution(db, tu);
    let pp = preprocess(db, tu);
    let parsed = parse(db, tu);
    if pp.has_errors() || !parsed.parse.errors.is_empty() {
        return Arc::new(Ok(refused_with_errors()));
    }
    let index = item_index(db, tu);
    let tables = pp_tables(db, tu);
    let bodies = LazyBodies::new(db, tu);
    let array_lengths = array_lengths(db, tu);
    let view = ItemView::new(&index, &parsed.parse.syntax_node());
    let places = TuPlaces {
        pp: &pp,
        parsed: &parsed,
        index: &index,
    };
    let base = ClosureInput {
        patched,
        scope: &scope,
        view: &view,
        file_uses: &file_uses,
        bodies: &bodies,
        array_lengths: &array_lengths,
        places: &places,
        prerequisites: &[],
        warns_unused_function: tu.config(db).warn_unused_function,
    };
    // What the included headers need comes in until no new header is included.
    let mut prerequisites: Vec<Prerequisite> = Vec::new();
    let mut needed_by: BTreeMap<Prerequisite, InclusionId> = BTreeMap::new();
    let mut needs_memo = NeedsMemo::default();
    let mut rounds = 0;
    loop {
        rounds += 1;
        let input = ClosureInput {
            prerequisites: &prerequisites,
            ..base
        };
        let mut oracle = PolicyOracle::new(db, &places);
        let planned = closure(&input, &mut oracle).and_then(|plan| {
            let coverage = coverage_of(db, tu, &places, &plan)?;
            Ok(Planned {
                plan,
                coverage,
                header_needs: Vec::new(),
                text: None,
            })
        });
        let Ok(mut planned) = planned else {
            return Arc::new(planned);
        };
        let (pp, tables, parsed, index) = (&*pp, &*tables, &*parsed, &*index);
        let laid = emit_input(pp, tables, parsed, index, &planned).laid_out();
        let included = laid.includes();
        for (need, header) in
            header_prerequisites(&input, included, &planned.coverage, pp, &mut needs_memo)
        {
            needed_by.entry(need).or_insert(header);
        }
        let next: Vec<Prerequisite> = needed_by.keys().copied().collect();
        if next == prerequisites || rounds == MAX_HEADER_ROUNDS {
            planned.header_needs = needed_by.into_iter().collect();
            if next != prerequisites {
                planned.plan.diagnostics.push(unsettled_headers());
            }
            // What the policy said about the patched functions comes first, as they do.
            let notes = patched.notes.iter().cloned();
            planned.plan.diagnostics.splice(0..0, notes);
            // Laid out once more, the plan would be laid out the same.
            let text = emit_input(pp, tables, parsed, index, &planned).emit_laid_out(laid);
            planned.text = Some(text);
            return Arc::new(Ok(planned));
        }
        prerequisites = next;
    }
}

/// The bodies of `tu`'s function definitions as the closure reaches them: each resolved and
/// typed by its own query on first use (a dependency of the closure from then on), and kept
/// here for the closure's later rounds.
struct LazyBodies<'db> {
    db: &'db dyn SourceDb,
    functions: FxHashMap<ItemId, FunctionId<'db>>,
    read: RefCell<FxHashMap<ItemId, BodyFacts>>,
}

/// What the closure has read of one body.
#[derive(Clone, Default)]
struct BodyFacts {
    resolution: Option<Arc<Resolution>>,
    complete_tags: Option<Arc<FxHashSet<TagId>>>,
}

impl<'db> LazyBodies<'db> {
    fn new(db: &'db dyn SourceDb, tu: Tu) -> Self {
        let functions = functions_by_item(db, tu).into_iter().collect();
        LazyBodies {
            db,
            functions,
            read: RefCell::default(),
        }
    }

    fn facts(&self, item: ItemId) -> BodyFacts {
        if let Some(known) = self.read.borrow().get(&item) {
            return known.clone();
        }
        let facts = self
            .functions
            .get(&item)
            .map_or_else(BodyFacts::default, |&f| BodyFacts {
                resolution: Some(body_resolution(self.db, f)),
                complete_tags: Some(needed_complete(self.db, f).complete_tags.clone()),
            });
        self.read.borrow_mut().insert(item, facts.clone());
        facts
    }
}

impl FunctionBodies for LazyBodies<'_> {
    fn resolution(&self, item: ItemId) -> Option<Arc<Resolution>> {
        self.facts(item).resolution
    }

    fn complete_tags(&self, item: ItemId) -> Option<Arc<FxHashSet<TagId>>> {
        self.facts(item).complete_tags
    }

    fn reading_ahead(&self, items: &[ItemId], work: &mut dyn FnMut()) {
        let functions: Vec<FunctionId<'_>> = (items.iter())
            .filter(|item| !self.read.borrow().contains_key(item))
            .filter_map(|item| self.functions.get(item).copied())
            .collect();
        match self.db.fork() {
            Some(fork) if functions.len() >= AHEAD_MIN => {
                crate::parallel::while_ahead(fork, &functions, work, |db, f| {
                    body_resolution(db, f);
                    needed_complete(db, f);
                });
            }
            _ => work(),
        }
    }
}

/// The fewest bodies worth a thread reading them ahead.
const AHEAD_MIN: usize = 8;

/// The diagnostic of a live patch whose included headers' needs did not settle.
/// The plan of a TU with errors: nothing, and an error saying why. (The closure assumes
/// what a TU without errors gives it; on a broken tree it could take minutes.)
fn refused_with_errors() -> Planned {
    let error = PlanDiagnostic {
        at: Anchor {
            item: crate::sema::ItemId(0),
            offset: 0,
        },
        through: None,
        error: true,
        message: "the translation unit has errors: no live patch is made of it".to_owned(),
    };
    Planned {
        plan: Plan {
            diagnostics: vec![error],
            ..Plan::default()
        },
        coverage: Coverage::default(),
        header_needs: Vec::new(),
        text: None,
    }
}

fn unsettled_headers() -> PlanDiagnostic {
    PlanDiagnostic {
        at: Anchor {
            item: crate::sema::ItemId(0),
            offset: 0,
        },
        through: None,
        error: false,
        message: format!(
            "what the included headers need did not settle in {MAX_HEADER_ROUNDS} rounds: \
             the live patch may lack declarations they use"
        ),
    }
}

/// What the live patch reads of a body's types: the file-scope tags it needs complete, and
/// the diagnostics (of the bodies it copies).
#[derive(Debug, Default, PartialEq, Eq)]
struct BodyNeeds {
    complete_tags: Arc<FxHashSet<TagId>>,
    diagnostics: Arc<Vec<TypeDiagnostic>>,
}

/// What the live patch reads of the types of `function`'s body. The types themselves are
/// not kept (`body_types` would keep them): most bodies typed are the included headers'
/// (`header_prerequisites`), read for their tags only.
#[salsa::tracked(returns(clone))]
fn needed_complete<'db>(db: &'db dyn SourceDb, function: FunctionId<'db>) -> Arc<BodyNeeds> {
    let Some(syntax) = function_syntax(db, function) else {
        return Arc::default();
    };
    let body_types = type_body(db, function);
    let complete_tags = tags_needed_complete(&syntax.tree.syntax_node(), &body_types);
    Arc::new(BodyNeeds {
        complete_tags: Arc::new(complete_tags),
        diagnostics: Arc::new(body_types.diagnostics),
    })
}

/// The type diagnostics of the file scope and of the bodies `body_wanted` picks (those the
/// live patch copies), read from what the live patch read of them.
pub fn copied_type_diagnostics(
    db: &dyn SourceDb,
    tu: Tu,
    body_wanted: &dyn Fn(ItemId) -> bool,
) -> Vec<Diagnostic> {
    diagnostics_with(db, tu, body_wanted, &|function| {
        needed_complete(db, function).diagnostics.clone()
    })
}

/// The questions live-patch creation asks whatever the answers: whether each header may be
/// included, whether each function the source file defines is patched (in the order of
/// their arguments, each once).
pub fn questions_asked_first(db: &dyn SourceDb, tu: Tu) -> Vec<Question> {
    let pp = preprocess(db, tu);
    let parsed = parse(db, tu);
    let scope = file_scope(db, tu);
    let index = item_index(db, tu);
    let places = TuPlaces {
        pp: &pp,
        parsed: &parsed,
        index: &index,
    };
    let headers = (pp.provenance.inclusions.iter())
        .filter(|i| matches!(i.kind, InclusionKind::Include | InclusionKind::IncludeNext))
        .map(|i| Question::MayIncludeHeader {
            header: pp.provenance.file(i.file).path.display().to_string(),
            pre_include: false,
        });
    let patched = (scope.functions.iter())
        .filter(|f| !places.in_header(scope.decl(f.decl).at))
        .map(|f| Question::IsPatched {
            name: scope.name(f.name).to_owned(),
        });
    let mut questions: Vec<Question> = headers.chain(patched).collect();
    questions.sort_by_key(Question::args);
    questions.dedup();
    questions
}

/// Rounds of the closure for headers' prerequisites; each includes at least one more
/// header, and few chains are long.
const MAX_HEADER_ROUNDS: usize = 8;

/// The lengths of the TU's arrays whose declarations leave them out (`char s[] = "..."`).
#[salsa::tracked(returns(clone))]
fn array_lengths(db: &dyn SourceDb, tu: Tu) -> Arc<FxHashMap<EntityId, u64>> {
    let scope = file_scope(db, tu);
    let types = file_types(db, tu);
    (types.entity_types.iter())
        .filter(|&(&entity, _)| scope.entity(entity).kind == EntityKind::Object)
        .filter_map(|(&entity, &ty)| match types.types.kind(ty) {
            TypeKind::Array {
                len: ArrayLen::Known(n),
                ..
            } => Some((entity, *n)),
            _ => None,
        })
        .collect::<FxHashMap<_, _>>()
        .into()
}

/// What emission reads of `planned`.
pub(super) fn emit_input<'a>(
    pp: &'a PreprocessedTu,
    tables: &'a PpTables,
    parsed: &'a ParsedTu,
    index: &'a ItemIndex,
    planned: &'a Planned,
) -> EmitInput<'a> {
    let (plan, coverage) = (&planned.plan, &planned.coverage);
    EmitInput {
        pp,
        tables,
        parsed,
        index,
        plan,
        coverage,
    }
}

/// What emission reads of the preprocessed TU whatever the plan. `no_eq`: it changes with
/// the preprocessed TU, which has no equality either.
#[salsa::tracked(returns(clone), no_eq)]
pub fn pp_tables(db: &dyn SourceDb, tu: Tu) -> Arc<PpTables> {
    Arc::new(PpTables::new(&preprocess(db, tu)))
}

/// The live patch of `tu`.
pub fn live_patch(db: &dyn SourceDb, tu: Tu) -> Arc<Result<LivePatch, PolicyFailure>> {
    crate::parallel::with_pp_tables_ahead(db, tu, || match patched_set(db, tu) {
        Ok(patched) => live_patch_for(db, tu, patched),
        Err(failure) => Arc::new(Err(failure)),
    })
}

/// The live patch of `tu` when `patched` are its patched functions.
#[salsa::tracked(returns(clone))]
fn live_patch_for<'db>(
    db: &'db dyn SourceDb,
    tu: Tu,
    patched: PatchedSet<'db>,
) -> Arc<Result<LivePatch, PolicyFailure>> {
    let planned = closure_for(db, tu, patched);
    let planned = match planned.as_ref() {
        Ok(planned) => planned,
        Err(failure) => return Arc::new(Err(failure.clone())),
    };
    let Planned { plan, text, .. } = planned;
    let pp = preprocess(db, tu);
    let parsed = parse(db, tu);
    let index = item_index(db, tu);
    let text = match text {
        Some(text) => text.clone(),
        None => emit_input(&pp, &pp_tables(db, tu), &parsed, &index, planned).emit(),
    };
    let mut diagnostics = plan_diagnostics(&pp, &parsed, &plan.diagnostics);
    diagnostics.extend(header_reply_diagnostics(db, &pp));
    Arc::new(Ok(LivePatch { text, diagnostics }))
}

/// The closure's diagnostics, located: at the declarator of the entity's name when there is
/// one, else at the name.
fn plan_diagnostics(
    pp: &PreprocessedTu,
    parsed: &ParsedTu,
    found: &[PlanDiagnostic],
) -> Vec<Diagnostic> {
    let locator = Locator::new(pp, parsed);
    let root = parsed.parse.syntax_node();
    found
        .iter()
        .filter_map(|d| {
            let severity = if d.error {
                Severity::Error
            } else {
                Severity::Warning
            };
            let start = locator.item_start(d.at.item.0)? + d.at.offset;
            let message = d.message.clone();
            match declarator_range(&root, start) {
                Some((from, to)) => locator.at_range(severity, message, from, to),
                None => locator.at_token(severity, message, start),
            }
        })
        .collect()
}

/// The range of the declarator (of an init-declarator) whose name starts at `offset`.
fn declarator_range(root: &SyntaxNode, offset: u32) -> Option<(u32, u32)> {
    let item = root
        .children()
        .find(|c| c.text_range().contains(offset.into()))?;
    let token = item.token_at_offset(offset.into()).right_biased()?;
    let init = token
        .parent_ancestors()
        .find(|n| n.kind() == SyntaxKind::INIT_DECLARATOR)?;
    let declarator = init.first_child()?;
    let range = declarator.text_range();
    Some((range.start().into(), range.end().into()))
}
