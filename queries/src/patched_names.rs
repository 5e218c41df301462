//! The functions a user names as patched (`--patched-functions`), checked against the TU: a
//! name that is not a function defined in the TU would otherwise make an empty or partial
//! live patch without a word.

use syntax::diagnostic::{Diagnostic, Extent, Severity};
use syntax::parse_tu::ParsedTu;
use syntax::pp::PreprocessedTu;
use syntax::syntax_kind::{SyntaxKind, SyntaxNode, SyntaxToken};

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
            message.push_str(&why_undefined(&scope, &parsed, &locator, name));
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

/// Why a function declared in the TU has no definition there, when the TU says it: it is
/// an alias of another function (the kernel's `SYSCALL_DEFINE0` makes `__x64_sys_NAME` an
/// alias of `__do_sys_NAME`), or a top-level `asm` defines it (the kernel's static-call
/// trampolines `__SCT__NAME`): neither is C code to patch.
fn why_undefined(
    scope: &FileScope,
    parsed: &ParsedTu,
    locator: &Locator<'_>,
    name: &str,
) -> String {
    let Some(entity) = entity_named(scope, name).filter(|e| e.kind == EntityKind::Function) else {
        return String::new();
    };
    let root = parsed.parse.syntax_node();
    let items: Vec<SyntaxNode> = root.children().collect();
    let alias = entity.decls.iter().find_map(|&decl| {
        let at = scope.decl(decl).at;
        let offset = start(locator, at)?;
        let item = items
            .iter()
            .find(|n| n.text_range().contains(offset.into()))?;
        alias_target(item)
    });
    if let Some(target) = alias {
        return format!(" (it is an alias of \"{target}\": patch that function)");
    }
    let quoted = |token: &SyntaxToken| {
        token.kind() == SyntaxKind::STRING && word_offset(token.text(), name).is_some()
    };
    let in_asm = (items.iter())
        .filter(|item| item.kind() == SyntaxKind::ASM_STMT)
        .flat_map(|item| {
            item.descendants_with_tokens()
                .filter_map(|e| e.into_token())
        })
        .any(|token| quoted(&token));
    if in_asm {
        return " (a top-level asm defines it: code written in assembler cannot be live \
                 patched from C)"
            .to_owned();
    }
    String::new()
}

/// The function an `__attribute__((alias("target")))` of the declaration `item` names.
fn alias_target(item: &SyntaxNode) -> Option<String> {
    item.descendants()
        .filter(|n| n.kind() == SyntaxKind::ATTRIBUTE)
        .find_map(|attribute| {
            let mut tokens = (attribute.descendants_with_tokens())
                .filter_map(|e| e.into_token())
                .filter(|t| !t.kind().is_trivia());
            let name = tokens.next()?;
            let is_alias = matches!(name.text(), "alias" | "__alias__");
            let target = tokens.find(|t| t.kind() == SyntaxKind::STRING)?;
            is_alias.then(|| target.text().trim_matches('"').to_owned())
        })
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
