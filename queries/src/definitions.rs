//! The function definitions of a TU as the compiler sees them, after preprocessing: what two
//! versions of a TU (before and after a fix) are compared by, to find the functions a fix
//! changes. A definition is its preprocessed tokens; a changed comment or blank does not
//! change it, a changed macro it expands does.

use std::path::PathBuf;
use std::sync::Arc;

use rustc_hash::{FxHashMap, FxHashSet};
use syntax::pp::PreprocessedTu;
use syntax::pp::macros::{MacroDef, MacroId};
use syntax::pp::provenance::{self, Origin};
use syntax::pp::token::PpToken;

use crate::db::SourceDb;
use crate::inputs::Tu;
use crate::items::item_index;
use crate::parsing::parse;
use crate::preprocessing::preprocess;
use crate::sema::{EntityKind, FunctionId, Target, body_resolution, file_scope};

/// Where a function definition of a TU is: its name, its place in the source, and its
/// preprocessed tokens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FunctionSpan {
    pub name: String,
    /// Defined in a header rather than in the main file.
    pub in_header: bool,
    /// The file it is written in (its outermost macro invocation's, for a macro's), as found.
    pub file: PathBuf,
    /// Its first and last lines there, 1-based.
    pub lines: (u32, u32),
    /// Its first and last preprocessed tokens (indices into the TU's tokens).
    pub tokens: (usize, usize),
}

/// One function definition of a TU, as compared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FunctionDefinition {
    pub span: FunctionSpan,
    /// Its preprocessed tokens, one space between; the values of `__LINE__`, `__FILE__` and
    /// `__COUNTER__` as `@place` and `@counter`: a fix that moves a function does not change it.
    pub text: String,
    /// The macros whose expansions made its tokens, with their definitions (`name(params)
    /// body`), sorted by name: what says that a definition changed through a macro.
    pub macros: Vec<(String, String)>,
}

impl FunctionDefinition {
    pub fn name(&self) -> &str {
        &self.span.name
    }
}

/// Where the function definitions of `tu` are, in source order (a gnu89 `extern inline`
/// definition followed by the real one gives both).
#[salsa::tracked(returns(clone))]
pub fn function_spans(db: &dyn SourceDb, tu: Tu) -> Arc<Vec<FunctionSpan>> {
    let (pp, parsed, index) = (preprocess(db, tu), parse(db, tu), item_index(db, tu));
    let scope = file_scope(db, tu);
    let mut spans = Vec::new();
    for function in &scope.functions {
        let Some(ends) = index.ends(function.item) else {
            continue;
        };
        let pp_index = |offset| parsed.token_index(offset).and_then(|i| parsed.pp_token(i));
        let (Some(first), Some(last)) = (pp_index(ends.first), pp_index(ends.last)) else {
            continue;
        };
        let (file, first_line) = written_line(&pp, pp.tokens[first].origin);
        let (_, last_line) = written_line(&pp, pp.tokens[last].origin);
        let in_header = (index.first_inclusion(file))
            .is_some_and(|kind| kind != provenance::InclusionKind::Main);
        spans.push(FunctionSpan {
            name: scope.name(function.name).to_owned(),
            in_header,
            file: pp.provenance.file(file).path.clone(),
            lines: (first_line, last_line),
            tokens: (first, last),
        });
    }
    Arc::new(spans)
}

/// The function definitions of `tu`, in source order.
#[salsa::tracked(returns(clone))]
pub fn function_definitions(db: &dyn SourceDb, tu: Tu) -> Arc<Vec<FunctionDefinition>> {
    let pp = preprocess(db, tu);
    let mut macros = MacroTexts::default();
    let spans = function_spans(db, tu);
    let definitions = (spans.iter())
        .map(|span| definition(&pp, span.clone(), &mut macros))
        .collect();
    Arc::new(definitions)
}

/// The definition whose tokens `span` says, in `pp` (which may be another version of the TU
/// than the one the span was found in, when the tokens are known to be the same).
pub fn definition(
    pp: &PreprocessedTu,
    span: FunctionSpan,
    macros: &mut MacroTexts,
) -> FunctionDefinition {
    let tokens = pp
        .tokens
        .get(span.tokens.0..=span.tokens.1)
        .unwrap_or_default();
    FunctionDefinition {
        text: normalized_text(pp, tokens),
        macros: macros_expanded(pp, tokens, macros),
        span,
    }
}

/// The texts of a TU's macro definitions, each made once.
#[derive(Default)]
pub struct MacroTexts(FxHashMap<MacroId, (String, String)>);

/// A token's spelling as definitions are compared: place values as `@place`, counter values
/// as `@counter`.
pub fn comparable_spelling<'a>(pp: &'a PreprocessedTu, token: &PpToken) -> &'a str {
    let prov = &pp.provenance;
    if provenance::is_place_value(prov, &pp.macros, &pp.interner, token.origin) {
        "@place"
    } else if is_counter(pp, token.origin) {
        "@counter"
    } else {
        pp.spelling(token)
    }
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
    // Only the definitions named `name` are made ids of (a kernel TU has thousands).
    (scope.functions.iter())
        .filter(|f| scope.name(f.name) == name)
        .map(|f| FunctionId::new(db, tu, name.to_owned(), f.occurrence))
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

fn normalized_text(pp: &PreprocessedTu, tokens: &[PpToken]) -> String {
    let mut text = String::new();
    for token in tokens {
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(comparable_spelling(pp, token));
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
    tokens: &[PpToken],
    texts: &mut MacroTexts,
) -> Vec<(String, String)> {
    let mut seen: FxHashSet<MacroId> = FxHashSet::default();
    for token in tokens {
        let mut origin = token.origin;
        // The expansions the token went through, innermost first (as `expansion_chain`,
        // without a list per token).
        loop {
            let expansion = match pp.provenance.origin(origin) {
                Origin::Source { .. } => break,
                Origin::MacroArg { expansion, arg, .. } => {
                    origin = arg;
                    expansion
                }
                Origin::MacroBody { expansion, .. }
                | Origin::Stringified { expansion, .. }
                | Origin::Pasted { expansion, .. }
                | Origin::Builtin { expansion } => {
                    origin = pp.provenance.expansion(expansion).name;
                    expansion
                }
            };
            seen.insert(pp.provenance.expansion(expansion).macro_id);
        }
    }
    let mut macros: Vec<(String, String)> = (seen.into_iter())
        .map(|id| {
            (texts.0.entry(id))
                .or_insert_with(|| {
                    let def = pp.macros.def(id);
                    (
                        pp.interner.resolve(def.name).to_owned(),
                        macro_text(pp, def),
                    )
                })
                .clone()
        })
        .collect();
    macros.sort();
    macros
}

/// A macro's definition as text: its parameters and replacement list.
fn macro_text(pp: &PreprocessedTu, def: &MacroDef) -> String {
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
