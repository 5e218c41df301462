//! Which headers the live patch `#include`s instead of copying what it needs from them.
//!
//! A header is eligible when the policy allows it, it conflicts with nothing the live patch
//! changes (it defines no symbol the live patch patches or externalizes, and no function with
//! external linkage the live patch does not copy), and every header it includes is eligible.
//! What a file provides is covered by the outermost eligible header on its include chain;
//! pre-included headers (`-include`) are part of every build of the TU and cover their
//! content without being included again.

use std::path::PathBuf;
use std::sync::Arc;

use rustc_hash::FxHashMap;
use syntax::pp::PreprocessedTu;
use syntax::pp::macros::MacroEvent;
use syntax::pp::provenance::{FileId, InclusionId, InclusionKind};

use super::places::TuPlaces;
use super::plan::{Fate, Plan};
use super::policy::{Answer, PolicyFailure, Question, ask_policy};
use crate::db::SourceDb;
use crate::inputs::Tu;
use crate::sema::{Definition, Inline, Linkage, file_scope};

/// What covers each file, and where each inclusion's content begins.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Coverage {
    /// By file: the inclusion providing it, `None` when the live patch copies from it.
    covering: Vec<Option<InclusionId>>,
    /// By file: whether a pre-include provides it.
    pre_included: Vec<bool>,
    /// By inclusion: the position (preprocessor token index) where its content begins.
    positions: Arc<Vec<u32>>,
    /// The include search directories, to name headers from the live patch's place.
    search: Vec<PathBuf>,
}

/// Per inclusion, what the eligibility needs to know beyond the policy.
pub struct HeaderFacts {
    /// The policy's answer for each inclusion (index by `InclusionId`); `true` for the main
    /// file and pre-includes, which are not asked.
    pub allowed: Vec<bool>,
    /// Whether each file (by `FileId`) conflicts with the live patch.
    pub conflicting: Vec<bool>,
}

impl Coverage {
    /// `positions`: the TU's `content_positions`.
    pub fn new(
        pp: &PreprocessedTu,
        facts: &HeaderFacts,
        search: Vec<PathBuf>,
        positions: Arc<Vec<u32>>,
    ) -> Coverage {
        let inclusions = &pp.provenance.inclusions;
        let eligible = eligible_inclusions(pp, facts);
        let first_inclusion = first_inclusions(pp);
        let mut covering = vec![None; pp.provenance.files.len()];
        let mut pre_included = vec![false; pp.provenance.files.len()];
        for (file, first) in first_inclusion.iter().enumerate() {
            let Some(first) = first else { continue };
            let chain = chain(pp, *first);
            if let Some(&pre) = chain.iter().find(|&&i| {
                matches!(
                    inclusions[i.0 as usize].kind,
                    InclusionKind::PreInclude | InclusionKind::Imacros
                )
            }) {
                covering[file] = Some(pre);
                pre_included[file] = true;
                continue;
            }
            // The chain runs from the file up to the main file: the last eligible one found
            // is the outermost.
            covering[file] = chain
                .iter()
                .rev()
                .find(|&&i| eligible[i.0 as usize])
                .copied();
        }
        Coverage {
            covering,
            pre_included,
            positions,
            search,
        }
    }

    /// The inclusion whose `#include` provides file `file`, if any.
    pub fn covering(&self, file: FileId) -> Option<InclusionId> {
        self.covering.get(file.0 as usize).copied().flatten()
    }

    pub fn is_pre_included(&self, file: FileId) -> bool {
        self.pre_included
            .get(file.0 as usize)
            .copied()
            .unwrap_or(false)
    }

    /// The preprocessor token position where an inclusion's content begins.
    pub fn position(&self, inclusion: InclusionId) -> u32 {
        self.positions
            .get(inclusion.0 as usize)
            .copied()
            .unwrap_or(u32::MAX)
    }

    /// The `#include` line of an inclusion, as written; `None` for pre-includes (the build
    /// includes them).
    ///
    /// A quoted `#include` copied from a header in another directory would not find its
    /// file from the live patch's: it names the file through a search directory instead.
    pub fn directive_text(&self, pp: &PreprocessedTu, inclusion: InclusionId) -> Option<String> {
        let included = pp.provenance.inclusions.get(inclusion.0 as usize)?;
        let (file, start, end) = included.from?;
        let text = pp.files.get(file.0 as usize)?.original_text();
        let directive = text.get(start as usize..end as usize)?.trim_end();
        let from_main = pp
            .provenance
            .inclusions
            .first()
            .is_some_and(|main| main.file == file);
        if from_main || !included.spelling.starts_with('"') {
            return Some(directive.to_owned());
        }
        let path = &pp.provenance.file(included.file).path;
        let named = self
            .search
            .iter()
            .find_map(|dir| path.strip_prefix(dir).ok())
            .map(|relative| format!("#include <{}>", relative.display()));
        Some(named.unwrap_or_else(|| directive.to_owned()))
    }

    /// The file whose `#include` an inclusion is.
    pub fn includer_file(&self, pp: &PreprocessedTu, inclusion: InclusionId) -> Option<FileId> {
        Some(pp.provenance.inclusions.get(inclusion.0 as usize)?.from?.0)
    }
}

/// The inclusion chain from `inclusion` up to the main file.
fn chain(pp: &PreprocessedTu, inclusion: InclusionId) -> Vec<InclusionId> {
    let mut chain = vec![inclusion];
    let mut current = inclusion;
    while let Some(parent) = pp.provenance.inclusions[current.0 as usize].parent {
        chain.push(parent);
        current = parent;
    }
    chain
}

/// Per inclusion: allowed, without conflict, and so are all it includes (children come
/// after their parents, so a backwards sweep sees them first).
fn eligible_inclusions(pp: &PreprocessedTu, facts: &HeaderFacts) -> Vec<bool> {
    let inclusions = &pp.provenance.inclusions;
    let mut eligible: Vec<bool> = inclusions
        .iter()
        .enumerate()
        .map(|(i, inclusion)| {
            inclusion.kind != InclusionKind::Main
                && facts.allowed.get(i).copied().unwrap_or(false)
                && !facts
                    .conflicting
                    .get(inclusion.file.0 as usize)
                    .copied()
                    .unwrap_or(false)
        })
        .collect();
    for i in (0..inclusions.len()).rev() {
        if !eligible[i]
            && let Some(parent) = inclusions[i].parent
            && inclusions[i].kind != InclusionKind::Main
        {
            eligible[parent.0 as usize] = false;
        }
    }
    eligible
}

/// By file, its first inclusion.
fn first_inclusions(pp: &PreprocessedTu) -> Vec<Option<InclusionId>> {
    let mut first_inclusion: Vec<Option<InclusionId>> = vec![None; pp.provenance.files.len()];
    for (index, inclusion) in pp.provenance.inclusions.iter().enumerate() {
        let slot = &mut first_inclusion[inclusion.file.0 as usize];
        if slot.is_none() {
            *slot = Some(InclusionId(index as u32));
        }
    }
    first_inclusion
}

/// Where each inclusion's content begins: the first token, or `#define`, of its file or of a
/// file it includes. A pass over every token of the TU, whatever the plan: made once per
/// preprocessed TU for every round's and every patched set's coverage. `no_eq`: it changes
/// with the preprocessed TU, which has no equality.
#[salsa::tracked(returns(clone), no_eq)]
pub fn content_positions(db: &dyn SourceDb, tu: Tu) -> Arc<Vec<u32>> {
    let pp = crate::preprocessing::preprocess(db, tu);
    Arc::new(positions_in(&pp, &first_inclusions(&pp)))
}

fn positions_in(pp: &PreprocessedTu, first_inclusion: &[Option<InclusionId>]) -> Vec<u32> {
    let mut file_start = vec![u32::MAX; pp.provenance.files.len()];
    let mut note = |file: FileId, position: u32| {
        if let Some(slot) = file_start.get_mut(file.0 as usize) {
            *slot = (*slot).min(position);
        }
    };
    for (index, token) in pp.tokens.iter().enumerate() {
        let (file, _, _) = pp.provenance.outermost_expansion_point(token.origin);
        note(file, index as u32);
    }
    for (event, &position) in pp.macros.events.iter().zip(&pp.event_positions) {
        if let MacroEvent::Define(id) = event
            && let Some((file, _, _)) = pp.macros.defs.get(id.0 as usize).and_then(|d| d.directive)
        {
            note(file, position);
        }
    }
    let mut positions = vec![u32::MAX; pp.provenance.inclusions.len()];
    for (file, &start) in file_start.iter().enumerate() {
        let Some(Some(first)) = first_inclusion.get(file) else {
            continue;
        };
        if start == u32::MAX {
            continue;
        }
        for inclusion in chain(pp, *first) {
            let slot = &mut positions[inclusion.0 as usize];
            *slot = (*slot).min(start);
        }
    }
    positions
}

/// Which headers a plan lets the live patch include.
pub fn coverage_of(
    db: &dyn SourceDb,
    tu: Tu,
    places: &TuPlaces<'_>,
    plan: &Plan,
) -> Result<Coverage, PolicyFailure> {
    let pp = places.pp;
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
                    Ok(reply) => reply.answer == Answer::YesNo(true),
                    Err(failure) => return Err(failure.clone()),
                }
            }
        };
        allowed.push(answer);
    }
    let conflicting = conflicting_files(db, tu, places, plan);
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
    Ok(Coverage::new(pp, &facts, search, content_positions(db, tu)))
}

/// The files that define something the live patch changes or must not define: a symbol it
/// patches or externalizes, or a function with external linkage it does not copy.
fn conflicting_files(db: &dyn SourceDb, tu: Tu, places: &TuPlaces<'_>, plan: &Plan) -> Vec<bool> {
    let pp = places.pp;
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
