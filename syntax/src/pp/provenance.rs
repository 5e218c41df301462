//! Where every token came from, so that later stages can map the parsed TU back to the source
//! text, restore macro invocations and `#include`s, and report diagnostics at their origin.
//!
//! Origins form a tree in an arena: a token written in a file has a `Source` origin; a token
//! made by a macro expansion points at the expansion, which points at its invocation's origins
//! and the macro's definition, recursively.

use std::path::PathBuf;

use super::macros::MacroId;

/// Index of a file in the TU's file table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FileId(pub u32);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct OriginId(pub u32);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ExpansionId(pub u32);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct InclusionId(pub u32);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// Written in a file, at this byte range of the original (unspliced) text.
    Source { file: FileId, start: u32, end: u32 },
    /// A token of a macro's replacement list, copied by an expansion; `def` is the origin of
    /// the token in the definition.
    MacroBody {
        expansion: ExpansionId,
        def: OriginId,
    },
    /// A token of an argument, substituted for parameter `param`; `arg` is the token's origin
    /// before substitution (a file, or an expansion inside the argument).
    MacroArg {
        expansion: ExpansionId,
        param: u32,
        arg: OriginId,
    },
    /// The string literal made by `#param`; `of_place`: the tokens stringified held the value
    /// of `__LINE__` or `__FILE__` (the kernel's `__stringify(__LINE__)` in asm), so the
    /// string depends on where the code is written.
    Stringified {
        expansion: ExpansionId,
        param: u32,
        of_place: bool,
    },
    /// The token made by `lhs ## rhs`.
    Pasted {
        expansion: ExpansionId,
        lhs: OriginId,
        rhs: OriginId,
    },
    /// The value of a dynamic macro (`__LINE__`, `__COUNTER__`, ...) or a `_Pragma` operand.
    Builtin { expansion: ExpansionId },
}

/// One macro invocation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expansion {
    pub macro_id: MacroId,
    /// The macro name token of the invocation.
    pub name: OriginId,
    /// The closing parenthesis of a function-like invocation.
    pub close: Option<OriginId>,
}

/// The name of the buffer holding the command line's `-D` and `-U` options (as gcc names it).
pub const COMMAND_LINE: &str = "<command-line>";

/// A file the TU read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFileInfo {
    /// The path as found (search directory joined with the header name).
    pub path: PathBuf,
    /// Whether the file is in a system directory or said `#pragma GCC system_header`.
    pub system: bool,
}

/// An `#include` (or pre-include) that pulled in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inclusion {
    /// The including file and the directive's range in it; `None` for the main file and
    /// command-line pre-includes.
    pub from: Option<(FileId, u32, u32)>,
    pub parent: Option<InclusionId>,
    pub file: FileId,
    /// The header name as written (`<linux/fs.h>`, `"internal.h"`), or the path given on the
    /// command line.
    pub spelling: String,
    pub kind: InclusionKind,
    /// The output tokens before the file was entered, and before it was left: the output
    /// that lies in this reading of the file (with what it included).
    pub positions: (u32, u32),
    /// The macro events (`#define`, `#undef`) before the file was entered: with
    /// `positions`, what came before the file when no token lies between.
    pub events_before: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InclusionKind {
    Main,
    Include,
    IncludeNext,
    /// `-include` on the command line.
    PreInclude,
    /// `-imacros` on the command line: only the macros are kept.
    Imacros,
}

/// An `#include` that read nothing: its file was included before and is guarded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reinclusion {
    /// The inclusion of the file whose directive it is.
    pub parent: InclusionId,
    pub file: FileId,
    /// Where the directive starts in the including file.
    pub offset: u32,
}

/// One `#if`/`#ifdef`/`#ifndef`/`#elif...`/`#else` group and whether it was taken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConditionalGroup {
    pub inclusion: InclusionId,
    /// Range of the directive opening the group.
    pub directive: (u32, u32),
    /// Range of the group's text, up to the next directive of the same conditional.
    pub body: (u32, u32),
    pub taken: bool,
    /// The file's include guard (`#ifndef NAME` around all of it).
    pub guard: bool,
    /// The output tokens before the directive, and before the group's end: which of the
    /// output lies in the group (a file read several times has its groups several times).
    pub positions: (u32, u32),
}

/// The origins of a TU's tokens (there are about two a token), packed in 12 bytes each
/// where an `Origin` takes 16: the variant in the top bits of its first field (a file or an
/// expansion), which leave room for 2^29 of them; one past that is kept aside.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Origins {
    packed: Vec<[u32; 3]>,
    /// The origins whose first field has no room for the variant, by index.
    wide: rustc_hash::FxHashMap<u32, Origin>,
}

/// Where the variant is in a packed origin's first field.
const VARIANT_SHIFT: u32 = 29;
const FIRST_MASK: u32 = (1 << VARIANT_SHIFT) - 1;
/// The variant of an origin kept aside.
const WIDE: u32 = 7;

impl Origins {
    pub fn len(&self) -> usize {
        self.packed.len()
    }

    /// A copy of the first `len` origins.
    fn truncated(&self, len: usize) -> Origins {
        Origins {
            packed: super::resume::prefix_with_room(&self.packed, len),
            wide: (self.wide.iter())
                .filter(|&(&index, _)| (index as usize) < len)
                .map(|(&index, &origin)| (index, origin))
                .collect(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.packed.is_empty()
    }

    pub fn push(&mut self, origin: Origin) {
        let (variant, first, b, c) = match origin {
            Origin::Source { file, start, end } => (0, file.0, start, end),
            Origin::MacroBody { expansion, def } => (1, expansion.0, def.0, 0),
            Origin::MacroArg {
                expansion,
                param,
                arg,
            } => (2, expansion.0, param, arg.0),
            Origin::Stringified {
                expansion,
                param,
                of_place,
            } => (3, expansion.0, param, u32::from(of_place)),
            Origin::Pasted {
                expansion,
                lhs,
                rhs,
            } => (4, expansion.0, lhs.0, rhs.0),
            Origin::Builtin { expansion } => (5, expansion.0, 0, 0),
        };
        if first > FIRST_MASK {
            self.wide.insert(self.packed.len() as u32, origin);
            self.packed.push([WIDE << VARIANT_SHIFT, 0, 0]);
        } else {
            self.packed.push([variant << VARIANT_SHIFT | first, b, c]);
        }
    }

    /// Origin `index` (`index < len()`).
    pub fn get(&self, index: usize) -> Origin {
        let [a, b, c] = self.packed[index];
        let first = a & FIRST_MASK;
        match a >> VARIANT_SHIFT {
            0 => Origin::Source {
                file: FileId(first),
                start: b,
                end: c,
            },
            1 => Origin::MacroBody {
                expansion: ExpansionId(first),
                def: OriginId(b),
            },
            2 => Origin::MacroArg {
                expansion: ExpansionId(first),
                param: b,
                arg: OriginId(c),
            },
            3 => Origin::Stringified {
                expansion: ExpansionId(first),
                param: b,
                of_place: c != 0,
            },
            4 => Origin::Pasted {
                expansion: ExpansionId(first),
                lhs: OriginId(b),
                rhs: OriginId(c),
            },
            5 => Origin::Builtin {
                expansion: ExpansionId(first),
            },
            _ => self.wide[&(index as u32)],
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = Origin> + '_ {
        (0..self.len()).map(|i| self.get(i))
    }

    pub fn shrink_to_fit(&mut self) {
        self.packed.shrink_to_fit();
    }
}

/// Everything recorded about the TU's provenance.
#[derive(Debug, Default)]
pub struct Provenance {
    pub origins: Origins,
    pub expansions: Vec<Expansion>,
    pub files: Vec<SourceFileInfo>,
    pub inclusions: Vec<Inclusion>,
    pub conditionals: Vec<ConditionalGroup>,
    /// The `#include`s skipped because their file was included before and is guarded (or
    /// `#pragma once`): they still say what the including file relies on.
    pub reinclusions: Vec<Reinclusion>,
    /// The macros conditional directives found defined (`#ifdef NAME`, `defined(NAME)`):
    /// copying such a directive needs the macro's `#define`.
    pub macro_tests: Vec<MacroTest>,
}

/// The lengths of the provenance tables at some point of a run (see `pp::resume`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct ProvenanceLens {
    origins: usize,
    expansions: usize,
    files: usize,
    inclusions: usize,
    conditionals: usize,
    reinclusions: usize,
    macro_tests: usize,
}

/// A test of a macro's definedness that found it defined.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MacroTest {
    /// The tested name's token.
    pub name: OriginId,
    pub macro_id: super::macros::MacroId,
}

impl Provenance {
    /// Gives back the spare room of the tables' growth (they are kept as long as the TU).
    pub fn shrink_to_fit(&mut self) {
        self.origins.shrink_to_fit();
        self.expansions.shrink_to_fit();
        self.conditionals.shrink_to_fit();
        self.reinclusions.shrink_to_fit();
        self.macro_tests.shrink_to_fit();
    }

    /// A copy of the tables' first entries, as many as `lens` says.
    pub(super) fn truncated(&self, lens: &ProvenanceLens) -> Provenance {
        Provenance {
            origins: self.origins.truncated(lens.origins),
            expansions: super::resume::prefix_with_room(&self.expansions, lens.expansions),
            files: self.files[..lens.files].to_vec(),
            inclusions: self.inclusions[..lens.inclusions].to_vec(),
            conditionals: self.conditionals[..lens.conditionals].to_vec(),
            reinclusions: self.reinclusions[..lens.reinclusions].to_vec(),
            macro_tests: self.macro_tests[..lens.macro_tests].to_vec(),
        }
    }

    /// How long the tables are now.
    pub(super) fn lens(&self) -> ProvenanceLens {
        ProvenanceLens {
            origins: self.origins.len(),
            expansions: self.expansions.len(),
            files: self.files.len(),
            inclusions: self.inclusions.len(),
            conditionals: self.conditionals.len(),
            reinclusions: self.reinclusions.len(),
            macro_tests: self.macro_tests.len(),
        }
    }

    pub fn add_origin(&mut self, origin: Origin) -> OriginId {
        let id = OriginId(self.origins.len() as u32);
        self.origins.push(origin);
        id
    }

    pub fn origin(&self, id: OriginId) -> Origin {
        self.origins.get(id.0 as usize)
    }

    pub fn add_expansion(&mut self, expansion: Expansion) -> ExpansionId {
        let id = ExpansionId(self.expansions.len() as u32);
        self.expansions.push(expansion);
        id
    }

    pub fn expansion(&self, id: ExpansionId) -> &Expansion {
        &self.expansions[id.0 as usize]
    }

    pub fn file(&self, id: FileId) -> &SourceFileInfo {
        &self.files[id.0 as usize]
    }

    /// Where the token was spelled: for argument tokens the argument's own token, for body
    /// tokens the definition (gcc's "spelling location").
    pub fn spelling_location(&self, mut id: OriginId) -> Option<(FileId, u32, u32)> {
        loop {
            match self.origin(id) {
                Origin::Source { file, start, end } => return Some((file, start, end)),
                Origin::MacroBody { def, .. } => id = def,
                Origin::MacroArg { arg, .. } => id = arg,
                Origin::Pasted { lhs, .. } => id = lhs,
                Origin::Stringified { expansion, .. } | Origin::Builtin { expansion } => {
                    id = self.expansion(expansion).name
                }
            }
        }
    }

    /// Where the token appears in the file text the user wrote: argument tokens at their own
    /// place, everything a macro made at the outermost invocation (gcc's "expansion point").
    pub fn expansion_point(&self, mut id: OriginId) -> (FileId, u32, u32) {
        loop {
            match self.origin(id) {
                Origin::Source { file, start, end } => return (file, start, end),
                Origin::MacroArg { arg, .. } => id = arg,
                Origin::MacroBody { expansion, .. }
                | Origin::Stringified { expansion, .. }
                | Origin::Pasted { expansion, .. }
                | Origin::Builtin { expansion } => id = self.expansion(expansion).name,
            }
        }
    }

    /// gcc's "macro expansion point" of a token: for anything a macro expansion delivered
    /// (its argument tokens included), the outermost invocation; for a file token, itself.
    /// This is the line `__LINE__` expands to.
    pub fn outermost_expansion_point(&self, mut id: OriginId) -> (FileId, u32, u32) {
        loop {
            match self.origin(id) {
                Origin::Source { file, start, end } => return (file, start, end),
                Origin::MacroArg { expansion, .. }
                | Origin::MacroBody { expansion, .. }
                | Origin::Stringified { expansion, .. }
                | Origin::Pasted { expansion, .. }
                | Origin::Builtin { expansion } => id = self.expansion(expansion).name,
            }
        }
    }

    /// Where a token was written in a file, directly or as a macro argument (substituted
    /// unchanged); `None` for a token a macro body, `#`, `##` or a dynamic macro made.
    pub fn written_location(&self, mut id: OriginId) -> Option<(FileId, u32, u32)> {
        loop {
            match self.origin(id) {
                Origin::Source { file, start, end } => return Some((file, start, end)),
                Origin::MacroArg { arg, .. } => id = arg,
                _ => return None,
            }
        }
    }

    /// The outermost macro invocation that delivered a token (as body or argument token), if
    /// any: the invocation written in a file.
    pub fn outermost_expansion(&self, mut id: OriginId) -> Option<ExpansionId> {
        let mut outermost = None;
        loop {
            let expansion = match self.origin(id) {
                Origin::Source { .. } => return outermost,
                Origin::MacroBody { expansion, .. }
                | Origin::MacroArg { expansion, .. }
                | Origin::Stringified { expansion, .. }
                | Origin::Pasted { expansion, .. }
                | Origin::Builtin { expansion } => expansion,
            };
            outermost = Some(expansion);
            id = self.expansion(expansion).name;
        }
    }

    /// The chain of expansions a token went through (as body token or as argument),
    /// innermost first.
    pub fn expansion_chain(&self, mut id: OriginId) -> Vec<ExpansionId> {
        let mut chain = Vec::new();
        loop {
            match self.origin(id) {
                Origin::Source { .. } => return chain,
                Origin::MacroArg { expansion, arg, .. } => {
                    chain.push(expansion);
                    id = arg;
                }
                Origin::MacroBody { expansion, .. }
                | Origin::Stringified { expansion, .. }
                | Origin::Pasted { expansion, .. }
                | Origin::Builtin { expansion } => {
                    chain.push(expansion);
                    id = self.expansion(expansion).name;
                }
            }
        }
    }
}

/// Whether a token's value depends on where it is expanded: the value of `__LINE__` or
/// `__FILE__`, passed on as a macro argument, pasted, or stringified. (`#line` directives in
/// a live patch keep such values; the preprocessor records it of the strings `#` makes.)
pub fn is_place_value(
    prov: &Provenance,
    macros: &super::macros::MacroTable,
    interner: &super::token::Interner,
    mut origin: OriginId,
) -> bool {
    loop {
        match prov.origin(origin) {
            Origin::MacroArg { arg, .. } => origin = arg,
            Origin::Pasted { lhs, rhs, .. } => {
                return is_place_value(prov, macros, interner, lhs)
                    || is_place_value(prov, macros, interner, rhs);
            }
            Origin::Stringified { of_place, .. } => return of_place,
            Origin::Builtin { expansion } => {
                let name = interner.resolve(macros.def(prov.expansion(expansion).macro_id).name);
                return name == "__LINE__" || name == "__FILE__";
            }
            Origin::Source { .. } | Origin::MacroBody { .. } => return false,
        }
    }
}

#[cfg(test)]
mod origins_tests {
    use super::*;

    #[test]
    fn origins_round_trip_packed_and_wide() {
        let all = [
            Origin::Source {
                file: FileId(3),
                start: 7,
                end: u32::MAX,
            },
            Origin::MacroBody {
                expansion: ExpansionId(FIRST_MASK),
                def: OriginId(9),
            },
            Origin::MacroArg {
                expansion: ExpansionId(1),
                param: 2,
                arg: OriginId(u32::MAX),
            },
            Origin::Stringified {
                expansion: ExpansionId(4),
                param: 5,
                of_place: true,
            },
            Origin::Pasted {
                expansion: ExpansionId(FIRST_MASK + 1),
                lhs: OriginId(6),
                rhs: OriginId(8),
            },
            Origin::Builtin {
                expansion: ExpansionId(u32::MAX),
            },
        ];
        let mut origins = Origins::default();
        for origin in all {
            origins.push(origin);
        }
        assert_eq!(origins.iter().collect::<Vec<_>>(), all);
    }
}
