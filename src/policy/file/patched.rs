//! Which functions are patched: those named (`--patched-functions`, the policy file's names
//! and globs) and, with gcc's ipa-clones data, every function a patched one was inlined into,
//! transitively: its old code runs there too.

use rustc_hash::{FxHashMap, FxHashSet};

use super::ipa_clones::IpaClones;
use super::rules::Patterns;

pub struct PatchedSet {
    /// `--patched-functions`.
    listed: FxHashSet<String>,
    /// The policy file's `[patched] functions`.
    patterns: Patterns,
    /// The functions patched because a patched function was inlined into them, each with
    /// that function.
    by_inlining: FxHashMap<String, String>,
}

impl PatchedSet {
    /// `follow`: whether to patch the functions patched ones were inlined into.
    pub fn new(
        listed: &[String],
        patterns: Patterns,
        clones: &IpaClones,
        follow: bool,
    ) -> PatchedSet {
        let mut set = PatchedSet {
            listed: listed.iter().cloned().collect(),
            patterns,
            by_inlining: FxHashMap::default(),
        };
        if follow {
            set.follow_inlining(clones);
        }
        set
    }

    fn follow_inlining(&mut self, clones: &IpaClones) {
        let mut work: Vec<String> = self.listed.iter().cloned().collect();
        for function in clones.inlined_functions() {
            if self.patterns.matches(function) {
                work.push(function.to_owned());
            }
        }
        while let Some(function) = work.pop() {
            for caller in clones.inlined_into(&function) {
                if !self.contains(caller) {
                    self.by_inlining.insert(caller.clone(), function.clone());
                    work.push(caller.clone());
                }
            }
        }
    }

    /// Whether `name` is patched by being named.
    pub fn named(&self, name: &str) -> bool {
        self.listed.contains(name) || self.patterns.matches(name)
    }

    pub fn contains(&self, name: &str) -> bool {
        self.named(name) || self.by_inlining.contains_key(name)
    }

    /// The patched function inlined into `name` that makes it patched.
    pub fn inlined(&self, name: &str) -> Option<&str> {
        self.by_inlining.get(name).map(String::as_str)
    }

    /// Whether the policy file names patched functions itself.
    pub fn has_patterns(&self) -> bool {
        !self.patterns.is_empty()
    }
}

/// What the ipa-clones data says about patched function `name`, for the user: where its code
/// lives on that patching it does not reach.
pub fn clone_warnings(name: &str, clones: &IpaClones) -> Vec<String> {
    let mut warnings = Vec::new();
    let own = clones.clones(name);
    if !own.is_empty() {
        let list: Vec<String> = own.iter().map(|(c, how)| format!("{c} ({how})")).collect();
        warnings.push(format!(
            "gcc cloned `{name}`: {}; where the kernel calls a clone, the old code runs \
             unless the clone's callers are patched too",
            list.join(", ")
        ));
    }
    if clones.removed(name) {
        warnings.push(format!(
            "gcc removed `{name}`'s own body: only the functions it was inlined into run \
             its code"
        ));
    }
    warnings
}

#[cfg(test)]
mod tests {
    use super::{PatchedSet, clone_warnings};
    use crate::policy::file::ipa_clones::IpaClones;
    use crate::policy::file::located::Source;
    use crate::policy::file::rules::{PatternKind, Patterns};
    use std::path::Path;

    const DUMP: &str = "\
Callgraph clone;fix;1;a.c;1;1;mid;2;a.c;5;1;inlining to
Callgraph clone;mid;2;a.c;5;1;top.isra.0;3;a.c;9;1;inlining to
Callgraph clone;other;4;a.c;12;1;top;3;a.c;9;1;inlining to
Callgraph clone;fix;1;a.c;1;1;fix.constprop.0;5;a.c;1;1;constprop
";

    fn no_patterns() -> Patterns {
        let source = Source {
            path: Path::new("p.toml"),
            text: "",
        };
        Patterns::compile(&[], PatternKind::Names, source).expect("no patterns")
    }

    #[test]
    fn callers_a_patched_function_was_inlined_into_are_patched_transitively() {
        let mut clones = IpaClones::default();
        clones.read(DUMP).expect("dump");
        let set = PatchedSet::new(&["fix".into()], no_patterns(), &clones, true);
        assert!(set.contains("fix") && set.contains("mid") && set.contains("top"));
        assert!(!set.contains("other"));
        assert_eq!(set.inlined("top"), Some("mid"));
        assert_eq!(set.inlined("fix"), None);
        let unfollowed = PatchedSet::new(&["fix".into()], no_patterns(), &clones, false);
        assert!(!unfollowed.contains("mid"));
        assert_eq!(
            clone_warnings("fix", &clones),
            [
                "gcc cloned `fix`: fix.constprop.0 (constprop); where the kernel calls a clone, \
              the old code runs unless the clone's callers are patched too"
            ]
        );
    }
}
