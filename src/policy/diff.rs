//! The policy of a `from-diff` run: the user's (commands, policy file, defaults) for every
//! question but whether a function is patched, which the diff answers, TU by TU, and whether
//! a header the fix changes may be included, which it may not: its new text is not what the
//! running kernel was built with (a changed inline function, a changed struct), so what the
//! live patch needs of it is copied, from the patched text. One user policy serves all TUs,
//! so a command's answer is given once per run.

use std::sync::Arc;

use queries::livepatch::{Answer, Policy, PolicyFailure, Question, Reply};
use rustc_hash::FxHashSet;

use super::CommandPolicy;

pub struct DiffPolicy {
    user: Arc<CommandPolicy>,
    /// The TU's functions the diff changes.
    patched: FxHashSet<String>,
    /// Whether a header, by the path the question names, is one the fix changes.
    changed: Box<dyn Fn(&str) -> bool + Send + Sync>,
}

impl DiffPolicy {
    pub fn new(
        user: Arc<CommandPolicy>,
        patched: impl IntoIterator<Item = String>,
        changed: Box<dyn Fn(&str) -> bool + Send + Sync>,
    ) -> Self {
        let patched = patched.into_iter().collect();
        DiffPolicy {
            user,
            patched,
            changed,
        }
    }
}

impl Policy for DiffPolicy {
    fn ask(&self, question: &Question) -> Result<Reply, PolicyFailure> {
        match question {
            Question::IsPatched { name } => Ok(Reply {
                answer: Answer::YesNo(self.patched.contains(name)),
                warnings: Vec::new(),
                errors: Vec::new(),
            }),
            Question::MayIncludeHeader { header, .. } if (self.changed)(header) => Ok(Reply {
                answer: Answer::YesNo(false),
                warnings: Vec::new(),
                errors: Vec::new(),
            }),
            _ => self.user.ask(question),
        }
    }

    fn names_as_patched(&self, name: &str) -> bool {
        self.patched.contains(name)
    }
}
