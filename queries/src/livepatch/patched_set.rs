//! The patched set: the functions the policy patches, asked once per function the source
//! file defines (and, for definitions in headers, whether they are named as patched). The
//! closure and the emission are keyed by it, interned, so that a change of the patched set
//! re-runs them for the new set only, and going back to a set tried before costs nothing:
//! its memos are still there.

use std::sync::Arc;

use super::oracle::{Oracle, Places, PolicyOracle};
use super::places::TuPlaces;
use super::plan::PlanDiagnostic;
use super::policy::PolicyFailure;
use crate::db::SourceDb;
use crate::inputs::Tu;
use crate::items::item_index;
use crate::parsing::parse;
use crate::preprocessing::preprocess;
use crate::sema::{Anchor, file_scope};

/// The names of the patched functions, sorted, and what the policy said about them besides
/// its answers (reported at their definitions).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PatchedNames {
    pub names: Vec<String>,
    pub notes: Vec<PlanDiagnostic>,
}

impl PatchedNames {
    pub fn contains(&self, name: &str) -> bool {
        self.names
            .binary_search_by(|n| n.as_str().cmp(name))
            .is_ok()
    }
}

/// A patched set, interned: the key of the closure and of the emission.
#[salsa::interned]
pub struct PatchedSet<'db> {
    #[returns(ref)]
    pub patched: PatchedNames,
}

/// The functions of `tu` the policy patches: those the source file defines that the policy
/// says are (asked in source order), and those defined in headers that are named as patched
/// (asking about each of the hundreds of inline functions of the kernel's headers would cost
/// a question each: the closure asks about those it reaches).
#[salsa::tracked(returns(clone))]
pub fn patched_names(db: &dyn SourceDb, tu: Tu) -> Arc<Result<PatchedNames, PolicyFailure>> {
    let (pp, parsed, index) = (preprocess(db, tu), parse(db, tu), item_index(db, tu));
    let places = TuPlaces {
        pp: &pp,
        parsed: &parsed,
        index: &index,
    };
    let mut oracle = PolicyOracle::new(db, &places);
    let mut names = Vec::new();
    for function in defined_functions(db, tu).iter() {
        let (name, at) = (function.name.as_str(), function.at);
        let patched = if function.in_header {
            oracle.named_as_patched(name)
        } else {
            match oracle.is_patched(name, at) {
                Ok(patched) => patched,
                Err(failure) => return Arc::new(Err(failure)),
            }
        };
        if patched {
            names.push(name.to_owned());
        }
    }
    names.sort();
    names.dedup();
    let notes = oracle.take_diagnostics();
    Arc::new(Ok(PatchedNames { names, notes }))
}

/// A function the TU defines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DefinedFunction {
    pub name: String,
    /// Its name in its definition.
    pub at: Anchor,
    /// Whether the definition is written in a header.
    pub in_header: bool,
}

/// The TU's function definitions, in source order, with where each is written: found once,
/// whatever the policy (a change of the patched set asks again, but does not find again
/// where each of the thousands of definitions is).
#[salsa::tracked(returns(clone))]
pub fn defined_functions(db: &dyn SourceDb, tu: Tu) -> Arc<Vec<DefinedFunction>> {
    let (pp, parsed, index) = (preprocess(db, tu), parse(db, tu), item_index(db, tu));
    let places = TuPlaces {
        pp: &pp,
        parsed: &parsed,
        index: &index,
    };
    let scope = file_scope(db, tu);
    let functions = (scope.functions.iter()).map(|function| {
        let at = scope.decl(function.decl).at;
        DefinedFunction {
            name: scope.name(function.name).to_owned(),
            at,
            in_header: places.in_header(at),
        }
    });
    Arc::new(functions.collect())
}

/// The patched set of `tu`, interned.
pub fn patched_set(db: &dyn SourceDb, tu: Tu) -> Result<PatchedSet<'_>, PolicyFailure> {
    let names = patched_names(db, tu);
    match names.as_ref() {
        Ok(names) => Ok(PatchedSet::new(db, names.clone())),
        Err(failure) => Err(failure.clone()),
    }
}
