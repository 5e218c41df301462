//! The salsa queries of live-patch creation: `closure_plan` (what goes into the live patch,
//! as the policy decides, found together with the headers it includes: what those need goes
//! in too), `coverage` (which headers are included instead of copied: the part of the plan
//! emission reads) and `live_patch` (the text). The patched set comes from the policy (`--patched-functions` is
//! part of it), a durable input: changing it re-runs these queries and the policy's answers,
//! not preprocessing, parsing or typing.

use std::sync::Arc;

use rustc_hash::FxHashMap;
use syntax::diagnostic::{Diagnostic, Severity};
use syntax::parse_tu::ParsedTu;
use syntax::pp::PreprocessedTu;
use syntax::pp::provenance::{FileId, InclusionKind};
use syntax::syntax_kind::{SyntaxKind, SyntaxNode, SyntaxToken};

use super::closure::{ClosureInput, closure};
use super::completeness::tags_needed_complete;
use super::emit::{emit, included_headers};
use super::header_replies::header_reply_diagnostics;
use super::headers::{Coverage, HeaderFacts};
use super::oracle::{Places, PolicyOracle};
use super::plan::{Fate, Plan, PlanDiagnostic};
use super::policy::{PolicyFailure, Question, ask_policy};
use super::prerequisites::{ItemFiles, Prerequisite, header_prerequisites};
use crate::db::SourceDb;
use crate::inputs::Tu;
use crate::locate::Locator;
use crate::parsing::parse;
use crate::preprocessing::preprocess;
use crate::sema::{
    Anchor, Definition, EntityKind, Inline, Linkage, body_resolution, file_resolution, file_scope,
    function_syntax, functions,
};
use crate::types::{TypeKind, body_types, file_types};

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
}

/// What goes into the live patch of `tu`.
#[salsa::tracked(returns(clone))]
pub fn closure_plan(db: &dyn SourceDb, tu: Tu) -> Arc<Result<Planned, PolicyFailure>> {
    let scope = file_scope(db, tu);
    let file_uses = file_resolution(db, tu);
    let pp = preprocess(db, tu);
    let parsed = parse(db, tu);
    let mut bodies = FxHashMap::default();
    let mut complete_tags = FxHashMap::default();
    for function in functions(db, tu) {
        if let Some(syntax) = function_syntax(db, function) {
            bodies.insert(syntax.item, body_resolution(db, function));
            let body_types = body_types(db, function);
            let needed = tags_needed_complete(&syntax.tree.syntax_node(), &body_types);
            complete_tags.insert(syntax.item, needed);
        }
    }
    let array_lengths = array_lengths(db, tu, &scope);
    let root = parsed.parse.syntax_node();
    let item_starts = item_starts(&root);
    let places = TuPlaces::new(&pp, &parsed);
    let ends = item_ends(&root);
    let item_files = places.item_files(&ends);
    let base = ClosureInput {
        scope: &scope,
        root: &root,
        item_starts: &item_starts,
        file_uses: &file_uses,
        bodies: &bodies,
        array_lengths: &array_lengths,
        places: &places,
        groups: &places.item_groups(&ends),
        complete_tags: &complete_tags,
        prerequisites: &[],
    };
    // What the included headers need comes in until no new header is included.
    let mut prerequisites: Vec<Prerequisite> = Vec::new();
    for _ in 0..MAX_HEADER_ROUNDS {
        let input = ClosureInput {
            prerequisites: &prerequisites,
            ..base
        };
        let mut oracle = PolicyOracle::new(db, &places);
        let plan = match closure(&input, &mut oracle) {
            Ok(plan) => plan,
            Err(failure) => return Arc::new(Err(failure)),
        };
        let coverage = match coverage_of(db, tu, &pp, &places, &plan) {
            Ok(coverage) => coverage,
            Err(failure) => return Arc::new(Err(failure)),
        };
        let included = included_headers(&pp, &parsed, &plan, &coverage);
        let mut next = header_prerequisites(&input, &item_files, &included, &coverage, &pp);
        next.extend(prerequisites.iter().copied());
        next.sort();
        next.dedup();
        if next == prerequisites {
            return Arc::new(Ok(Planned { plan, coverage }));
        }
        prerequisites = next;
    }
    let input = ClosureInput {
        prerequisites: &prerequisites,
        ..base
    };
    let planned = closure(&input, &mut PolicyOracle::new(db, &places)).and_then(|plan| {
        let coverage = coverage_of(db, tu, &pp, &places, &plan)?;
        Ok(Planned { plan, coverage })
    });
    Arc::new(planned)
}

/// The questions live-patch creation asks whatever the answers: whether each header may be
/// included, whether each function the source file defines is patched (in the order of
/// their arguments, each once).
pub fn questions_asked_first(db: &dyn SourceDb, tu: Tu) -> Vec<Question> {
    let pp = preprocess(db, tu);
    let parsed = parse(db, tu);
    let scope = file_scope(db, tu);
    let places = TuPlaces::new(&pp, &parsed);
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
fn array_lengths(
    db: &dyn SourceDb,
    tu: Tu,
    scope: &crate::sema::FileScope,
) -> FxHashMap<crate::sema::EntityId, u64> {
    let types = file_types(db, tu);
    let lengths: FxHashMap<&str, u64> = types
        .objects
        .iter()
        .filter_map(|&(name, ty)| match types.types.kind(ty) {
            TypeKind::Array {
                len: crate::types::ArrayLen::Known(n),
                ..
            } => Some((types.name(name), *n)),
            _ => None,
        })
        .collect();
    scope
        .entities
        .iter()
        .enumerate()
        .filter(|(_, e)| e.kind == EntityKind::Object)
        .filter_map(|(i, e)| {
            let length = *lengths.get(scope.name(e.name))?;
            Some((crate::sema::EntityId(i as u32), length))
        })
        .collect()
}

/// Which headers the live patch includes.
#[salsa::tracked(returns(clone))]
pub fn coverage(db: &dyn SourceDb, tu: Tu) -> Arc<Result<Coverage, PolicyFailure>> {
    let planned = closure_plan(db, tu);
    let coverage = match planned.as_ref() {
        Ok(planned) => Ok(planned.coverage.clone()),
        Err(failure) => Err(failure.clone()),
    };
    Arc::new(coverage)
}

/// Which headers a plan lets the live patch include.
fn coverage_of(
    db: &dyn SourceDb,
    tu: Tu,
    pp: &PreprocessedTu,
    places: &TuPlaces<'_>,
    plan: &Plan,
) -> Result<Coverage, PolicyFailure> {
    let mut allowed = Vec::with_capacity(pp.provenance.inclusions.len());
    for inclusion in &pp.provenance.inclusions {
        let answer = match inclusion.kind {
            InclusionKind::Main | InclusionKind::PreInclude | InclusionKind::Imacros => true,
            InclusionKind::Include | InclusionKind::IncludeNext => {
                let header = pp
                    .provenance
                    .file(inclusion.file)
                    .path
                    .display()
                    .to_string();
                let question = Question::MayIncludeHeader {
                    header,
                    pre_include: false,
                };
                match ask_policy(db, question) {
                    Ok(reply) => reply.answer == super::policy::Answer::YesNo(true),
                    Err(failure) => return Err(failure.clone()),
                }
            }
        };
        allowed.push(answer);
    }
    let conflicting = conflicting_files(db, tu, pp, places, plan);
    let facts = HeaderFacts {
        allowed,
        conflicting,
    };
    let search = tu
        .config(db)
        .search
        .iter()
        .map(|d| d.path.clone())
        .collect();
    Ok(Coverage::new(pp, &facts, search))
}

/// The files that define something the live patch changes or must not define: a symbol it
/// patches or externalizes, or a function with external linkage it does not copy.
fn conflicting_files(
    db: &dyn SourceDb,
    tu: Tu,
    pp: &PreprocessedTu,
    places: &TuPlaces<'_>,
    plan: &Plan,
) -> Vec<bool> {
    let scope = file_scope(db, tu);
    let fates: FxHashMap<&str, &Fate> = plan.fates.iter().map(|(n, f)| (n.as_str(), f)).collect();
    let mut conflicting = vec![false; pp.provenance.files.len()];
    for entity in &scope.entities {
        let Definition::Defined(decl) = entity.definition else {
            continue;
        };
        let fate = fates.get(scope.name(entity.name)).copied();
        let original = scope.name(entity.name);
        let changed = match fate {
            Some(Fate::Patched { .. } | Fate::Externalized { .. }) => true,
            // A rewritten copy must be written out: the header cannot stand in for it.
            Some(Fate::Copied { name }) => name != original,
            _ => false,
        };
        let stray = entity.linkage == Linkage::External
            && !matches!(entity.inline, Inline::InlineOnly { .. })
            && !matches!(fate, Some(Fate::Copied { .. }));
        if (changed || stray)
            && let Some(file) = places.file(scope.decl(decl).at)
        {
            conflicting[file.0 as usize] = true;
        }
    }
    conflicting
}

/// The live patch of `tu`.
#[salsa::tracked(returns(clone))]
pub fn live_patch(db: &dyn SourceDb, tu: Tu) -> Arc<Result<LivePatch, PolicyFailure>> {
    let planned = closure_plan(db, tu);
    let coverage = coverage(db, tu);
    let (plan, coverage) = match (planned.as_ref(), coverage.as_ref()) {
        (Ok(planned), Ok(coverage)) => (&planned.plan, coverage),
        (Err(failure), _) | (_, Err(failure)) => return Arc::new(Err(failure.clone())),
    };
    let pp = preprocess(db, tu);
    let parsed = parse(db, tu);
    let text = emit(&pp, &parsed, plan, coverage);
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

/// An item's first and last tokens other than trivia (none for a root token).
type ItemEnds = Option<(SyntaxToken, SyntaxToken)>;

/// By item (the root's children), its first and last tokens other than trivia.
fn item_ends(root: &SyntaxNode) -> Vec<ItemEnds> {
    root.children_with_tokens()
        .map(|element| {
            let node = element.into_node()?;
            let range = node.text_range();
            let inside = |t: &SyntaxToken| range.contains_range(t.text_range());
            let first = std::iter::successors(node.first_token(), |t| t.next_token())
                .take_while(inside)
                .find(|t| !t.kind().is_trivia())?;
            let last = std::iter::successors(node.last_token(), |t| t.prev_token())
                .take_while(inside)
                .find(|t| !t.kind().is_trivia())?;
            Some((first, last))
        })
        .collect()
}

fn item_starts(root: &SyntaxNode) -> Vec<u32> {
    root.children_with_tokens()
        .map(|e| u32::from(e.text_range().start()))
        .collect()
}

/// Anchors mapped to files and lines.
struct TuPlaces<'a> {
    pp: &'a PreprocessedTu,
    parsed: &'a ParsedTu,
    item_starts: Vec<u32>,
    /// By file, the kind of its first inclusion.
    first_inclusions: Vec<Option<InclusionKind>>,
}

impl<'a> TuPlaces<'a> {
    fn new(pp: &'a PreprocessedTu, parsed: &'a ParsedTu) -> TuPlaces<'a> {
        let mut first_inclusions = vec![None; pp.provenance.files.len()];
        for inclusion in pp.provenance.inclusions.iter().rev() {
            if let Some(slot) = first_inclusions.get_mut(inclusion.file.0 as usize) {
                *slot = Some(inclusion.kind);
            }
        }
        TuPlaces {
            pp,
            parsed,
            item_starts: item_starts(&parsed.parse.syntax_node()),
            first_inclusions,
        }
    }

    /// The file and offset where the token at `at` was written (its outermost invocation
    /// when a macro made it).
    fn source(&self, at: Anchor) -> Option<(FileId, u32)> {
        let token = self.pp_token(at)?;
        let (file, offset, _) = self.pp.provenance.outermost_expansion_point(token.origin);
        Some((file, offset))
    }

    /// The preprocessor token at an anchor.
    fn pp_token(&self, at: Anchor) -> Option<&syntax::pp::token::PpToken> {
        let start = self.item_starts.get(at.item.0 as usize)? + at.offset;
        let index = self.parsed.token_index(start)?;
        self.pp.tokens.get(self.parsed.pp_token(index)?)
    }

    fn file(&self, at: Anchor) -> Option<FileId> {
        self.source(at).map(|(file, _)| file)
    }

    /// By item, the files its first and last tokens were written in.
    fn item_files(&self, ends: &[ItemEnds]) -> ItemFiles {
        let mut files = ItemFiles::default();
        for ends in ends {
            let file = |token: &SyntaxToken| {
                let origin = self.tree_pp_token(token)?.origin;
                Some(self.pp.provenance.outermost_expansion_point(origin).0)
            };
            let (first, last) = ends
                .as_ref()
                .map_or((None, None), |(f, l)| (file(f), file(l)));
            files.first.push(first);
            files.last.push(last);
        }
        files
    }

    /// The preprocessor token of a tree token.
    fn tree_pp_token(&self, token: &SyntaxToken) -> Option<&syntax::pp::token::PpToken> {
        let index = self.parsed.token_index(token.text_range().start().into())?;
        self.pp.tokens.get(self.parsed.pp_token(index)?)
    }

    /// By item, the group of the items that one macro invocation makes (items whose boundary
    /// lies inside an invocation are in one group); `u32::MAX` for the others.
    fn item_groups(&self, ends: &[ItemEnds]) -> Vec<u32> {
        let ends: Vec<Option<(Option<u32>, Option<u32>)>> = ends
            .iter()
            .map(|ends| {
                let (first, last) = ends.as_ref()?;
                Some((self.invocation(first), self.invocation(last)))
            })
            .collect();
        let mut groups = vec![u32::MAX; ends.len()];
        let mut previous: Option<(usize, u32)> = None;
        for (index, end) in ends.iter().enumerate() {
            let Some((first, last)) = end else {
                continue;
            };
            if let (Some((p, p_last)), Some(first)) = (previous, first)
                && p_last == *first
            {
                let group = if groups[p] == u32::MAX {
                    p as u32
                } else {
                    groups[p]
                };
                groups[p] = group;
                groups[index] = group;
            }
            previous = last.map(|l| (index, l));
        }
        groups
    }

    /// The outermost macro invocation a token comes from.
    fn invocation(&self, token: &SyntaxToken) -> Option<u32> {
        let origin = self.tree_pp_token(token)?.origin;
        Some(self.pp.provenance.outermost_expansion(origin)?.0)
    }
}

impl Places for TuPlaces<'_> {
    fn made_by_macro(&self, at: Anchor) -> bool {
        self.pp_token(at)
            .is_some_and(|t| self.pp.provenance.written_location(t.origin).is_none())
    }

    fn location(&self, at: Anchor) -> Option<(String, u32)> {
        let (file, offset) = self.source(at)?;
        let (line, _) = self.pp.files.get(file.0 as usize)?.line_col(offset);
        let path = self.pp.provenance.file(file).path.display().to_string();
        Some((path, line))
    }

    fn header(&self, at: Anchor) -> Option<(String, bool)> {
        let file = self.file(at)?;
        let kind = self
            .first_inclusions
            .get(file.0 as usize)
            .copied()
            .flatten()?;
        let pre_include = match kind {
            InclusionKind::Main => return None,
            InclusionKind::PreInclude | InclusionKind::Imacros => true,
            InclusionKind::Include | InclusionKind::IncludeNext => false,
        };
        let path = self.pp.provenance.file(file).path.display().to_string();
        Some((path, pre_include))
    }

    fn in_header(&self, at: Anchor) -> bool {
        let kind = self
            .file(at)
            .and_then(|f| self.first_inclusions.get(f.0 as usize).copied());
        kind.flatten().is_some_and(|k| k != InclusionKind::Main)
    }
}
