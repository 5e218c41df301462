//! What the policy says about the headers besides its answers (`WARNING:` and `ERROR:` lines
//! of `may-include-header`), reported at the `#include` directive that first included each.

use rustc_hash::{FxHashMap, FxHashSet};
use syntax::diagnostic::{Diagnostic, Extent, Severity};
use syntax::pp::PreprocessedTu;
use syntax::pp::provenance::{FileId, Inclusion, InclusionKind, Origin, OriginId};

use super::policy::{Question, ask_policy};
use crate::db::SourceDb;

/// The diagnostics the policy's replies about the `#include`d headers of `pp` carry.
/// Failures to answer are not reported here: the live patch's plan has them.
pub(super) fn header_reply_diagnostics(db: &dyn SourceDb, pp: &PreprocessedTu) -> Vec<Diagnostic> {
    let mut seen = FxHashSet::default();
    let mut found: Vec<(&Inclusion, Severity, String)> = Vec::new();
    for inclusion in &pp.provenance.inclusions {
        let included = matches!(
            inclusion.kind,
            InclusionKind::Include | InclusionKind::IncludeNext
        );
        if !included || !seen.insert(inclusion.file) {
            continue;
        }
        let question = Question::MayIncludeHeader {
            header: pp
                .provenance
                .file(inclusion.file)
                .path
                .display()
                .to_string(),
            pre_include: false,
        };
        let Ok(reply) = ask_policy(db, question) else {
            continue;
        };
        let warnings = (reply.warnings.iter()).map(|m| (inclusion, Severity::Warning, m.clone()));
        let errors = (reply.errors.iter()).map(|m| (inclusion, Severity::Error, m.clone()));
        found.extend(warnings.chain(errors));
    }
    if found.is_empty() {
        return Vec::new();
    }
    let directives = directive_tokens(pp, found.iter().filter_map(|(i, _, _)| i.from));
    found
        .into_iter()
        .map(|(inclusion, severity, message)| {
            let tokens = inclusion.from.and_then(|from| directives.get(&from));
            Diagnostic {
                severity,
                message,
                origin: tokens.map(|&(first, _)| first),
                extent: tokens.map_or(Extent::Token, |&(_, last)| Extent::Through(last)),
                inclusion: inclusion.parent,
            }
        })
        .collect()
}

/// A directive: its file and byte range.
type Directive = (FileId, u32, u32);

/// The first and last tokens of each of `directives`, found in one pass over the origins
/// (the preprocessor made an origin of every token of a directive line it read).
fn directive_tokens(
    pp: &PreprocessedTu,
    directives: impl Iterator<Item = Directive>,
) -> FxHashMap<Directive, (OriginId, OriginId)> {
    let mut by_file: FxHashMap<FileId, Vec<Directive>> = FxHashMap::default();
    for directive in directives {
        by_file.entry(directive.0).or_default().push(directive);
    }
    // By directive, its first and last tokens, with their offsets.
    let mut tokens: FxHashMap<Directive, [(u32, OriginId); 2]> = FxHashMap::default();
    for (index, origin) in pp.provenance.origins.iter().enumerate() {
        let Origin::Source { file, start, .. } = origin else {
            continue;
        };
        let Some(candidates) = by_file.get(&file) else {
            continue;
        };
        let id = OriginId(index as u32);
        for &directive in candidates.iter().filter(|d| (d.1..d.2).contains(&start)) {
            let [first, last] = tokens.entry(directive).or_insert([(start, id); 2]);
            if start < first.0 {
                *first = (start, id);
            }
            if start > last.0 {
                *last = (start, id);
            }
        }
    }
    (tokens.into_iter())
        .map(|(directive, [(_, first), (_, last)])| (directive, (first, last)))
        .collect()
}
