//! The policy's answers as klp-ccp received them, kept per question (and so per command): for
//! `--explain`, which says which answers decided each item, and for watch mode, which asks a
//! command again only when its file changed (the database re-asks every question after a
//! new policy is set; the answers of unchanged commands come from here, without a process).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};

use queries::livepatch::{Answer, LinkageChange, Question, Reply};

/// Where an answer came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// The command at this path.
    Command(PathBuf),
    /// `--patched-functions` (for `is-patched`).
    Listed,
    /// The policy file (`--policy`).
    File,
    /// The default answer: no command was given for the question.
    Default,
}

/// One answer, and when it was last given (a counter).
#[derive(Debug, Clone)]
struct Recorded {
    source: Source,
    reply: Reply,
    last_given: u64,
}

/// The answers of one policy's life (a run, or a watch session across policy changes).
#[derive(Debug, Default)]
pub struct Answers {
    inner: Mutex<Inner>,
}

#[derive(Debug, Default)]
struct Inner {
    clock: u64,
    by_question: HashMap<Question, Recorded>,
}

impl Answers {
    /// The answer `command` gave to `question` before, if it did.
    pub fn cached(&self, question: &Question, command: &Path) -> Option<Reply> {
        let mut inner = self.lock();
        inner.clock += 1;
        let clock = inner.clock;
        let recorded = inner.by_question.get_mut(question)?;
        if recorded.source != Source::Command(command.to_owned()) {
            return None;
        }
        recorded.last_given = clock;
        Some(recorded.reply.clone())
    }

    /// Records the answer to `question`.
    pub fn record(&self, question: &Question, source: Source, reply: &Reply) {
        let mut inner = self.lock();
        inner.clock += 1;
        let recorded = Recorded {
            source,
            reply: reply.clone(),
            last_given: inner.clock,
        };
        inner.by_question.insert(question.clone(), recorded);
    }

    /// Forgets what `command` answered (its file changed); returns how many answers that was.
    pub fn forget_command(&self, command: &Path) -> usize {
        let mut inner = self.lock();
        let before = inner.by_question.len();
        let source = Source::Command(command.to_owned());
        inner
            .by_question
            .retain(|_, recorded| recorded.source != source);
        before - inner.by_question.len()
    }

    /// The answers about symbol `name`, or about the header at path `name`: the latest of each
    /// kind of question, in the protocol's order, each as `is-patched NAME: YES`.
    pub fn about(&self, name: &str) -> Vec<String> {
        let inner = self.lock();
        let mut latest: HashMap<&'static str, (&Question, &Recorded)> = HashMap::new();
        for (question, recorded) in &inner.by_question {
            if subject(question) != name {
                continue;
            }
            let slot = latest
                .entry(question.option())
                .or_insert((question, recorded));
            if recorded.last_given > slot.1.last_given {
                *slot = (question, recorded);
            }
        }
        let mut found: Vec<(usize, String)> = latest
            .into_values()
            .map(|(question, recorded)| (kind_order(question), describe(question, recorded)))
            .collect();
        found.sort();
        found.into_iter().map(|(_, text)| text).collect()
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        // Every update is a single insert or retain: a panic elsewhere cannot leave it torn.
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// The symbol or header a question is about.
fn subject(question: &Question) -> &str {
    match question {
        Question::IsPatched { name }
        | Question::CanExternalizeFun { name, .. }
        | Question::ShallExternalizeFun { name, .. }
        | Question::ShallExternalizeObj { name }
        | Question::ModifyPatchedFunSym { name, .. }
        | Question::ModifyExternalizedSym { name, .. }
        | Question::RenamedRewrittenFun { name, .. } => name,
        Question::MayIncludeHeader { header, .. } => header,
    }
}

/// The protocol's order of the questions' kinds.
fn kind_order(question: &Question) -> usize {
    match question {
        Question::IsPatched { .. } => 0,
        Question::MayIncludeHeader { .. } => 1,
        Question::CanExternalizeFun { .. } => 2,
        Question::ShallExternalizeFun { .. } => 3,
        Question::ShallExternalizeObj { .. } => 4,
        Question::ModifyPatchedFunSym { .. } => 5,
        Question::ModifyExternalizedSym { .. } => 6,
        Question::RenamedRewrittenFun { .. } => 7,
    }
}

/// `is-patched do_wp_page: YES (--patched-functions)`.
fn describe(question: &Question, recorded: &Recorded) -> String {
    let kind = question.option().trim_start_matches("--pol-cmd-");
    let source = match &recorded.source {
        Source::Command(_) => "",
        Source::Listed => " (--patched-functions)",
        Source::File => " (policy file)",
        Source::Default => " (default)",
    };
    format!(
        "{kind} {}: {}{source}",
        question.args().join(" "),
        answer_text(&recorded.reply.answer)
    )
}

/// An answer as the command would have written it after `RESULT:`.
pub fn answer_text(answer: &Answer) -> String {
    match answer {
        Answer::YesNo(true) => "YES".to_owned(),
        Answer::YesNo(false) => "NO".to_owned(),
        Answer::NewName(name) => name.clone(),
        Answer::SymbolChange(change) => {
            let linkage = match change.linkage {
                LinkageChange::Keep => "KEEP-LINKAGE",
                LinkageChange::MakeInternal => "MAKE-INTERNAL",
                LinkageChange::MakeExternal => "MAKE-EXTERNAL",
            };
            let pointer = if change.make_pointer {
                " MAKE-POINTER"
            } else {
                ""
            };
            format!("{} {linkage}{pointer}", change.new_name)
        }
    }
}
