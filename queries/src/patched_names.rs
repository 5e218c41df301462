//! The functions a user names as patched (`--patched-functions`), checked against the TU: a
//! name that is not a function defined in the TU would otherwise make an empty or partial
//! live patch without a word.

use syntax::diagnostic::{Diagnostic, Extent, Severity};
use syntax::pp::PreprocessedTu;

use crate::db::SourceDb;
use crate::inputs::Tu;
use crate::locate::Locator;
use crate::parsing::parse;
use crate::preprocessing::preprocess;
use crate::sema::{Anchor, Definition, Entity, EntityKind, FileScope, file_scope};

/// An error for each of `names` that is not a function defined in `tu` (after
/// preprocessing: a definition in a skipped `#if 0` group does not count), located at the
/// name's first declaration when the TU declares it.
pub fn patched_name_errors(db: &dyn SourceDb, tu: Tu, names: &[String]) -> Vec<Diagnostic> {
    let scope = file_scope(db, tu);
    let pp = preprocess(db, tu);
    let parsed = parse(db, tu);
    let locator = Locator::new(&pp, &parsed);
    names
        .iter()
        .filter_map(|name| {
            let problem = problem(&scope, name)?;
            let mut message = format!("--patched-functions: \"{name}\" {}", problem.message);
            if problem.at.is_none()
                && let Some(place) = skipped_mention(&pp, name)
            {
                message.push_str(&format!(
                    "; it is written in a conditional group not compiled, at {place}"
                ));
            }
            let located = problem.at.and_then(|at| {
                locator.at_token(Severity::Error, message.clone(), start(&locator, at)?)
            });
            Some(located.unwrap_or_else(|| unlocated(message)))
        })
        .collect()
}

/// What is wrong with naming `name` as patched, and where it is declared.
struct Problem {
    message: &'static str,
    at: Option<Anchor>,
}

fn problem(scope: &FileScope, name: &str) -> Option<Problem> {
    let Some(entity) = entity_named(scope, name) else {
        return Some(Problem {
            message: "is not declared in this TU (after preprocessing)",
            at: None,
        });
    };
    let at = entity.decls.first().map(|&decl| scope.decl(decl).at);
    let message = match (entity.kind, entity.definition) {
        (EntityKind::Function, Definition::Defined(_)) => return None,
        (EntityKind::Function, _) => "is declared but not defined in this TU",
        _ => "is not a function",
    };
    Some(Problem { message, at })
}

/// The file-scope entity named `name` (the last one: a name declared again as another kind
/// of thing is an error the front end reports).
fn entity_named<'a>(scope: &'a FileScope, name: &str) -> Option<&'a Entity> {
    let id = scope.names.get(name)?;
    scope.entities.iter().rev().find(|e| e.name == id)
}

/// Where `name` is written as a word in a conditional group that was not taken (`#if 0`):
/// `FILE:LINE` of the first such place.
fn skipped_mention(pp: &PreprocessedTu, name: &str) -> Option<String> {
    let provenance = &pp.provenance;
    provenance
        .conditionals
        .iter()
        .filter(|group| !group.taken)
        .find_map(|group| {
            let file = provenance.inclusions.get(group.inclusion.0 as usize)?.file;
            let lexed = pp.files.get(file.0 as usize)?;
            let (start, end) = (group.body.0 as usize, group.body.1 as usize);
            let offset = start + word_offset(lexed.original_text().get(start..end)?, name)?;
            let (line, _) = lexed.line_col(offset as u32);
            Some(format!("{}:{line}", provenance.file(file).path.display()))
        })
}

/// The offset of the first occurrence of `word` in `text` that is a whole identifier.
fn word_offset(text: &str, word: &str) -> Option<usize> {
    let is_ident = |c: char| c.is_ascii_alphanumeric() || c == '_';
    text.match_indices(word).map(|(at, _)| at).find(|&at| {
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        !before.is_some_and(is_ident) && !after.is_some_and(is_ident)
    })
}

/// The tree offset of an anchor.
fn start(locator: &Locator<'_>, at: Anchor) -> Option<u32> {
    Some(locator.item_start(at.item.0)? + at.offset)
}

fn unlocated(message: String) -> Diagnostic {
    Diagnostic {
        severity: Severity::Error,
        message,
        origin: None,
        extent: Extent::Token,
        inclusion: None,
    }
}
