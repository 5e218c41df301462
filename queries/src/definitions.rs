//! The function definitions of a TU as the compiler sees them, after preprocessing: what two
//! versions of a TU (before and after a fix) are compared by, to find the functions a fix
//! changes. A definition is its preprocessed tokens; a changed comment or blank does not
//! change it, a changed macro it expands does.

use std::path::PathBuf;
use std::sync::Arc;

use rustc_hash::FxHashSet;
use syntax::pp::PreprocessedTu;
use syntax::pp::macros::{MacroDef, MacroId};
use syntax::pp::provenance::{self, Origin};

use crate::db::SourceDb;
use crate::inputs::Tu;
use crate::items::item_index;
use crate::parsing::parse;
use crate::preprocessing::preprocess;
use crate::sema::{EntityKind, FunctionId, Target, body_resolution, file_scope, functions};

/// One function definition of a TU.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FunctionDefinition {
    pub name: String,
    /// Defined in a header rather than in the main file.
    pub in_header: bool,
    /// The file it is written in (its outermost macro invocation's, for a macro's), as found.
    pub file: PathBuf,
    /// Its first and last lines there, 1-based.
    pub lines: (u32, u32),
    /// Its preprocessed tokens, one space between; the values of `__LINE__`, `__FILE__` and
    /// `__COUNTER__` as `@place` and `@counter`: a fix that moves a function does not change it.
    pub text: String,
    /// The macros whose expansions made its tokens, with their definitions (`name(params)
    /// body`), sorted by name: what says that a definition changed through a macro.
    pub macros: Vec<(String, String)>,
}

/// The function definitions of `tu`, in source order (a gnu89 `extern inline` definition
/// followed by the real one gives both).
#[salsa::tracked(returns(clone))]
pub fn function_definitions(db: &dyn SourceDb, tu: Tu) -> Arc<Vec<FunctionDefinition>> {
    let (pp, parsed, index) = (preprocess(db, tu), parse(db, tu), item_index(db, tu));
    let scope = file_scope(db, tu);
    let mut definitions = Vec::new();
    for function in &scope.functions {
        let Some(ends) = index.ends(function.item) else {
            continue;
        };
        let pp_index = |offset| parsed.token_index(offset).and_then(|i| parsed.pp_token(i));
        let (Some(first), Some(last)) = (pp_index(ends.first), pp_index(ends.last)) else {
            continue;
        };
        let tokens = &pp.tokens[first..=last];
        let (file, first_line) = written_line(&pp, tokens[0].origin);
        let (_, last_line) = written_line(&pp, tokens[tokens.len() - 1].origin);
        let in_header = (index.first_inclusion(file))
            .is_some_and(|kind| kind != provenance::InclusionKind::Main);
        definitions.push(FunctionDefinition {
            name: scope.name(function.name).to_owned(),
            in_header,
            file: pp.provenance.file(file).path.clone(),
            lines: (first_line, last_line),
            text: normalized_text(&pp, tokens),
            macros: macros_expanded(&pp, tokens),
        });
    }
    Arc::new(definitions)
}

/// Whether the body (or declarator) of function `name` of `tu` refers to the file-scope
/// function `target` (calls it, takes its address): name resolution, so that a local of the
/// same name does not count.
pub fn refers_to(db: &dyn SourceDb, tu: Tu, name: &str, target: &str) -> bool {
    let scope = file_scope(db, tu);
    let refers = |function: FunctionId<'_>| {
        let resolution = body_resolution(db, function);
        resolution.uses.iter().any(|u| match u.target {
            Target::Entity(entity) => {
                let entity = scope.entity(entity);
                entity.kind == EntityKind::Function && scope.name(entity.name) == target
            }
            _ => false,
        })
    };
    (functions(db, tu).into_iter())
        .filter(|function| function.name(db) == name)
        .any(refers)
}

/// The file a token was written in (its outermost invocation, for a macro's) and its line
/// there, 1-based.
fn written_line(pp: &PreprocessedTu, origin: provenance::OriginId) -> (provenance::FileId, u32) {
    let (file, start, _) = pp.provenance.outermost_expansion_point(origin);
    let line = pp
        .files
        .get(file.0 as usize)
        .map_or(0, |f| f.line_of(start));
    (file, line + 1)
}

fn normalized_text(pp: &PreprocessedTu, tokens: &[syntax::pp::token::PpToken]) -> String {
    let mut text = String::new();
    for token in tokens {
        if !text.is_empty() {
            text.push(' ');
        }
        let prov = &pp.provenance;
        if provenance::is_place_value(prov, &pp.macros, &pp.interner, token.origin) {
            text.push_str("@place");
        } else if is_counter(pp, token.origin) {
            text.push_str("@counter");
        } else {
            text.push_str(pp.spelling(token));
        }
    }
    text
}

/// Whether a token is the value of `__COUNTER__` (which depends on the expansions before it).
fn is_counter(pp: &PreprocessedTu, mut origin: provenance::OriginId) -> bool {
    loop {
        match pp.provenance.origin(origin) {
            Origin::MacroArg { arg, .. } => origin = arg,
            Origin::Builtin { expansion } => {
                let id = pp.provenance.expansion(expansion).macro_id;
                return pp.interner.resolve(pp.macros.def(id).name) == "__COUNTER__";
            }
            _ => return false,
        }
    }
}

fn macros_expanded(
    pp: &PreprocessedTu,
    tokens: &[syntax::pp::token::PpToken],
) -> Vec<(String, String)> {
    let mut seen: FxHashSet<MacroId> = FxHashSet::default();
    for token in tokens {
        for expansion in pp.provenance.expansion_chain(token.origin) {
            seen.insert(pp.provenance.expansion(expansion).macro_id);
        }
    }
    let mut macros: Vec<(String, String)> = (seen.into_iter())
        .map(|id| pp.macros.def(id))
        .map(|def| {
            (
                pp.interner.resolve(def.name).to_owned(),
                definition(pp, def),
            )
        })
        .collect();
    macros.sort();
    macros
}

/// A macro's definition as text: its parameters and replacement list.
fn definition(pp: &PreprocessedTu, def: &MacroDef) -> String {
    let mut text = String::new();
    if def.is_function_like() {
        let params: Vec<&str> = def
            .params()
            .iter()
            .map(|&p| pp.interner.resolve(p))
            .collect();
        let dots = if def.is_variadic() { "..." } else { "" };
        text.push_str(&format!("({}{dots})", params.join(",")));
    }
    for token in def.body.iter() {
        text.push(' ');
        text.push_str(pp.spelling(token));
    }
    text
}
