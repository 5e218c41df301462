//! gcc's `-fdump-ipa-clones` output (`*.000i.ipa-clones`): which functions gcc inlined into
//! which, and which it cloned (`.constprop.0`, `.isra.0`, `.part.0`). A patched function's
//! code lives on in the functions it was inlined into, so those must be patched too; its
//! clones are separate functions whose callers keep calling the old code.
//!
//! gcc writes one line per transformation (`dump_callgraph_transformation`, cgraph.cc):
//! `Callgraph clone;ORIGINAL;ORDER;FILE;LINE;COLUMN;CLONE;ORDER;FILE;LINE;COLUMN;SUFFIX`, the
//! suffix `inlining to` when CLONE is the function ORIGINAL was inlined into; and
//! `Callgraph removal;NAME;ORDER;FILE;LINE;COLUMN` when a body involved is removed.

use rustc_hash::{FxHashMap, FxHashSet};

/// The transformations, by source function (`f` for `f.constprop.0`).
#[derive(Debug, Default)]
pub struct IpaClones {
    /// The functions each function was inlined into (its clones' too).
    inlined_into: FxHashMap<String, Vec<String>>,
    /// The clones of each function, `f.isra.0`, with how they came about (`isra`).
    clones: FxHashMap<String, Vec<(String, String)>>,
    /// The functions (assembler names) whose bodies were removed.
    removed: FxHashSet<String>,
}

/// A line that is not one of gcc's ipa-clones dump.
#[derive(Debug, thiserror::Error)]
#[error(
    "line {line}: not a line of gcc's -fdump-ipa-clones output: `{text}` \
     (expected `Callgraph clone;...` or `Callgraph removal;...`)"
)]
pub struct BadLine {
    pub line: usize,
    pub text: String,
}

const CLONE: &str = "Callgraph clone";
const REMOVAL: &str = "Callgraph removal";
const INLINING: &str = "inlining to";

/// Whether `text` starts as an ipa-clones dump does: its format's mark.
pub fn looks_like_ipa_clones(text: &str) -> bool {
    text.starts_with("Callgraph ")
}

impl IpaClones {
    /// Adds the transformations of one dump.
    pub fn read(&mut self, text: &str) -> Result<(), BadLine> {
        for (index, line) in text.lines().enumerate() {
            let fields: Vec<&str> = line.split(';').collect();
            match fields[..] {
                [] | [""] => {}
                [CLONE, original, ..] if fields.len() >= 12 => {
                    // Counted from the end: a file name may hold a `;`.
                    let clone = fields[fields.len() - 6];
                    let suffix = fields[fields.len() - 1];
                    self.add_clone(original, clone, suffix);
                }
                [REMOVAL, name, ..] if fields.len() >= 6 => {
                    self.removed.insert(name.to_owned());
                }
                _ => {
                    return Err(BadLine {
                        line: index + 1,
                        text: line.chars().take(120).collect(),
                    });
                }
            }
        }
        Ok(())
    }

    fn add_clone(&mut self, original: &str, clone: &str, suffix: &str) {
        let from = source_name(original).to_owned();
        if suffix == INLINING {
            let into = source_name(clone);
            let callers = self.inlined_into.entry(from.clone()).or_default();
            if into != from && !callers.iter().any(|c| c == into) {
                callers.push(into.to_owned());
            }
        } else {
            let clones = self.clones.entry(from).or_default();
            clones.push((assembler_name(clone).to_owned(), suffix.to_owned()));
        }
    }

    /// The functions `name` (or a clone of it) was inlined into, by source name.
    pub fn inlined_into(&self, name: &str) -> &[String] {
        self.inlined_into.get(name).map_or(&[], Vec::as_slice)
    }

    /// The clones of `name` that are functions of their own (not inlined copies).
    pub fn clones(&self, name: &str) -> &[(String, String)] {
        self.clones.get(name).map_or(&[], Vec::as_slice)
    }

    /// Whether gcc removed the out-of-line body of `name` (every call inlined).
    pub fn removed(&self, name: &str) -> bool {
        self.removed.contains(name)
    }

    /// Every function named as a source of inlining: where to look for the patched ones.
    pub fn inlined_functions(&self) -> impl Iterator<Item = &str> {
        self.inlined_into.keys().map(String::as_str)
    }
}

/// `name` without the `*` gcc puts before names given with `asm("...")`.
fn assembler_name(name: &str) -> &str {
    name.strip_prefix('*').unwrap_or(name)
}

/// The C function a (possibly cloned) symbol comes from: `f` of `f.constprop.0`.
fn source_name(name: &str) -> &str {
    let name = assembler_name(name);
    name.split_once('.').map_or(name, |(source, _)| source)
}

#[cfg(test)]
mod tests {
    use super::IpaClones;

    const DUMP: &str = "\
Callgraph clone;helper;12;kernel/fork.c;100;12;helper.constprop.0;40;kernel/fork.c;100;12;constprop
Callgraph clone;helper.constprop.0;40;kernel/fork.c;100;12;copy_process;7;kernel/fork.c;200;1;inlining to
Callgraph clone;tiny;3;include/linux/x.h;5;1;copy_process;7;kernel/fork.c;200;1;inlining to
Callgraph clone;tiny;3;include/linux/x.h;5;1;kernel_clone.part.0;9;kernel/fork.c;300;1;inlining to
Callgraph removal;tiny;3;include/linux/x.h;5;1
";

    #[test]
    fn inlinings_clones_and_removals_by_source_function() {
        let mut clones = IpaClones::default();
        clones.read(DUMP).expect("ipa-clones dump");
        assert_eq!(clones.inlined_into("helper"), ["copy_process"]);
        assert_eq!(
            clones.inlined_into("tiny"),
            ["copy_process", "kernel_clone"]
        );
        assert_eq!(
            clones.clones("helper"),
            [("helper.constprop.0".to_owned(), "constprop".to_owned())]
        );
        assert!(clones.removed("tiny") && !clones.removed("helper"));
    }

    #[test]
    fn other_lines_are_refused() {
        let error = IpaClones::default()
            .read("Callgraph clone;a;1\n")
            .unwrap_err();
        assert_eq!(error.line, 1);
    }
}
