//! Macro definitions and the table of what is defined now.
//!
//! Every `#define` makes a new definition in an arena that is never shrunk: the live patch
//! emitter needs the whole history (which definition an expansion used, where it was written,
//! what was `#undef`ed when) to restore invocations and write `#define`s in order.

use rustc_hash::FxHashMap;

use super::provenance::OriginId;
use super::token::{PpToken, Symbol};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct MacroId(pub u32);

/// Macros that the preprocessor computes at each use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Builtin {
    File,
    Line,
    Counter,
    IncludeLevel,
    BaseFile,
    FileName,
    Date,
    Time,
    Timestamp,
    /// The `_Pragma` operator.
    Pragma,
    HasInclude,
    HasIncludeNext,
    HasAttribute,
    HasCppAttribute,
    HasCAttribute,
    HasBuiltin,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MacroKind {
    Object,
    Function {
        params: Vec<Symbol>,
        /// The last parameter takes the variable arguments (`...` as `__VA_ARGS__`, or GNU
        /// `name...`).
        variadic: bool,
    },
    Builtin(Builtin),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MacroDef {
    pub name: Symbol,
    pub kind: MacroKind,
    /// The replacement list, shared by every expansion.
    pub body: std::sync::Arc<[PpToken]>,
    /// The origin of the macro name in its `#define` (`None` for builtins).
    pub name_origin: Option<OriginId>,
    /// Where the whole directive was written: (file, start, end) via the name's origin file.
    pub directive: Option<(super::provenance::FileId, u32, u32)>,
}

impl MacroDef {
    pub fn is_function_like(&self) -> bool {
        matches!(self.kind, MacroKind::Function { .. })
            || matches!(
                self.kind,
                MacroKind::Builtin(
                    Builtin::Pragma
                        | Builtin::HasInclude
                        | Builtin::HasIncludeNext
                        | Builtin::HasAttribute
                        | Builtin::HasCppAttribute
                        | Builtin::HasCAttribute
                        | Builtin::HasBuiltin
                )
            )
    }

    pub fn params(&self) -> &[Symbol] {
        match &self.kind {
            MacroKind::Function { params, .. } => params,
            _ => &[],
        }
    }

    pub fn is_variadic(&self) -> bool {
        matches!(self.kind, MacroKind::Function { variadic: true, .. })
    }

    /// C11 6.10.3p2: two definitions are the same when their parameters and replacement lists
    /// are identical, whitespace separation included.
    pub fn same_definition(&self, other: &MacroDef) -> bool {
        self.kind == other.kind
            && self.body.len() == other.body.len()
            && self
                .body
                .iter()
                .zip(other.body.iter())
                .enumerate()
                .all(|(i, (a, b))| {
                    a.text == b.text
                        && (i == 0
                            || a.has(super::token::flags::PREV_WHITE)
                                == b.has(super::token::flags::PREV_WHITE))
                })
    }
}

/// What happened to macro names, in order: the emitter replays it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MacroEvent {
    Define(MacroId),
    /// `#undef NAME` at this origin (of the name), and the definition it removed, if any.
    Undef {
        name: Symbol,
        origin: OriginId,
        removed: Option<MacroId>,
    },
}

/// All definitions ever made, and the current binding of each name.
#[derive(Debug, Default)]
pub struct MacroTable {
    pub defs: Vec<MacroDef>,
    pub current: FxHashMap<Symbol, MacroId>,
    pub events: Vec<MacroEvent>,
    /// Macros currently being expanded (C11 6.10.3.4p2), by definition.
    disabled: Vec<bool>,
    /// `#pragma push_macro` stacks.
    pushed: FxHashMap<Symbol, Vec<Option<MacroId>>>,
}

impl MacroTable {
    /// A copy as the table stood when it had `defs` definitions and `events` events, with
    /// `pushed` for the `#pragma push_macro` stacks then, and no macro being expanded: the
    /// current bindings are the events replayed.
    pub(super) fn truncated(
        &self,
        defs: usize,
        events: usize,
        pushed: FxHashMap<Symbol, Vec<Option<MacroId>>>,
    ) -> MacroTable {
        let events = super::resume::prefix_with_room(&self.events, events);
        let mut current = FxHashMap::default();
        for event in &events {
            match *event {
                MacroEvent::Define(id) => {
                    current.insert(self.def(id).name, id);
                }
                MacroEvent::Undef { name, .. } => {
                    current.remove(&name);
                }
            }
        }
        MacroTable {
            defs: self.defs[..defs].to_vec(),
            current,
            events,
            disabled: vec![false; defs],
            pushed,
        }
    }

    /// The `#pragma push_macro` stacks.
    pub(super) fn pushed(&self) -> &FxHashMap<Symbol, Vec<Option<MacroId>>> {
        &self.pushed
    }

    pub fn lookup(&self, name: Symbol) -> Option<MacroId> {
        self.current.get(&name).copied()
    }

    pub fn def(&self, id: MacroId) -> &MacroDef {
        &self.defs[id.0 as usize]
    }

    pub fn add(&mut self, def: MacroDef) -> MacroId {
        let id = MacroId(self.defs.len() as u32);
        self.current.insert(def.name, id);
        self.defs.push(def);
        self.disabled.push(false);
        self.events.push(MacroEvent::Define(id));
        id
    }

    pub fn undef(&mut self, name: Symbol, origin: OriginId) -> Option<MacroId> {
        let removed = self.current.remove(&name);
        self.events.push(MacroEvent::Undef {
            name,
            origin,
            removed,
        });
        removed
    }

    pub fn is_disabled(&self, id: MacroId) -> bool {
        self.disabled[id.0 as usize]
    }

    pub fn set_disabled(&mut self, id: MacroId, disabled: bool) {
        self.disabled[id.0 as usize] = disabled;
    }

    pub fn push_macro(&mut self, name: Symbol) {
        let current = self.lookup(name);
        self.pushed.entry(name).or_default().push(current);
    }

    /// Restores the definition saved by the matching `push_macro`, as gcc does (a pop without
    /// push is ignored).
    pub fn pop_macro(&mut self, name: Symbol) {
        let Some(saved) = self.pushed.get_mut(&name).and_then(Vec::pop) else {
            return;
        };
        match saved {
            Some(id) => {
                self.current.insert(name, id);
                self.events.push(MacroEvent::Define(id));
            }
            None => {
                if let Some(removed) = self.current.remove(&name) {
                    let origin = self.defs[removed.0 as usize]
                        .name_origin
                        .unwrap_or(OriginId(0));
                    self.events.push(MacroEvent::Undef {
                        name,
                        origin,
                        removed: Some(removed),
                    });
                }
            }
        }
    }
}
