//! The questions the closure asks, typed: the seam between the closure and the policy. The
//! database's implementation asks the policy through its memoized query and keeps what the
//! policy said besides its answers (warnings, errors) as diagnostics at the entity asked
//! about.

use super::plan::PlanDiagnostic;
use rustc_hash::FxHashSet;

use super::policy::{
    Answer, DefinitionLinkage, FunDefinition, LinkageChange, PolicyFailure, Question, QuestionId,
    QuestionKind, SymbolChange, SymbolKind, policy_answer,
};
use crate::db::SourceDb;
use crate::sema::Anchor;

/// Which symbol change is asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SymbolChangeKind {
    Patched,
    Externalized(SymbolKind),
    /// A copied function that refers to renamed symbols: a new name, made internal.
    Rewritten,
}

impl SymbolChangeKind {
    /// The question of the new name of symbol `name`, asked for the `retry`th time.
    pub fn question(self, name: &str, retry: u32) -> Question {
        let name = name.to_owned();
        match self {
            SymbolChangeKind::Patched => Question::ModifyPatchedFunSym { name, retry },
            SymbolChangeKind::Externalized(kind) => {
                Question::ModifyExternalizedSym { kind, name, retry }
            }
            SymbolChangeKind::Rewritten => Question::RenamedRewrittenFun { name, retry },
        }
    }
}

/// What the closure asks. `at` is the entity asked about, where the policy's diagnostics go.
pub trait Oracle {
    fn is_patched(&mut self, name: &str, at: Anchor) -> Result<bool, PolicyFailure>;
    /// Whether function `name` is patched by being named, without a question.
    fn named_as_patched(&mut self, name: &str) -> bool;
    /// `definition`: whether the TU's definition has external linkage, and where it is.
    fn can_externalize_fun(
        &mut self,
        name: &str,
        definition: Option<(bool, Anchor)>,
        at: Anchor,
    ) -> Result<bool, PolicyFailure>;
    fn shall_externalize_fun(
        &mut self,
        name: &str,
        from_header: bool,
        at: Anchor,
    ) -> Result<bool, PolicyFailure>;
    fn shall_externalize_obj(&mut self, name: &str, at: Anchor) -> Result<bool, PolicyFailure>;
    /// The answer to `question`, one of the questions of a symbol's new name
    /// (`SymbolChangeKind::question`).
    fn symbol_change(
        &mut self,
        question: Question,
        at: Anchor,
    ) -> Result<SymbolChange, PolicyFailure>;
    /// Whether the definition at `at` is in a header the policy lets the live patch include.
    fn in_eligible_header(&mut self, at: Anchor) -> Result<bool, PolicyFailure>;
    /// The diagnostics the policy's answers carried, in the order asked.
    fn take_diagnostics(&mut self) -> Vec<PlanDiagnostic>;
}

/// Where things are, as the policy's questions name them.
pub trait Places {
    /// The file and 1-based line of an anchor.
    fn location(&self, at: Anchor) -> Option<(String, u32)>;
    /// The header an anchor is in (its path as found), `None` for the main file.
    fn header(&self, at: Anchor) -> Option<(String, bool)>;
    /// Whether an anchor is in a header (not in the main file).
    fn in_header(&self, at: Anchor) -> bool {
        self.header(at).is_some()
    }
    /// Whether the token at an anchor was made by a macro's body (not written in a file,
    /// directly or as a macro argument).
    fn made_by_macro(&self, at: Anchor) -> bool;
}

/// The oracle that asks the database's policy.
pub struct PolicyOracle<'a> {
    db: &'a dyn SourceDb,
    places: &'a dyn Places,
    diagnostics: Vec<PlanDiagnostic>,
    /// The questions whose diagnostics are taken already: a question asked again (the
    /// closure starts over when it must externalize a function) reports them once.
    reported: FxHashSet<QuestionId<'a>>,
}

impl<'a> PolicyOracle<'a> {
    pub fn new(db: &'a dyn SourceDb, places: &'a dyn Places) -> PolicyOracle<'a> {
        PolicyOracle {
            db,
            places,
            diagnostics: Vec::new(),
            reported: FxHashSet::default(),
        }
    }

    fn ask(&mut self, question: Question, at: Anchor) -> Result<Answer, PolicyFailure> {
        self.ask_reporting(question, Some(at))
    }

    /// Asks `question`; what the reply says besides its answer is reported at `at`, or not
    /// here when `None` (reported elsewhere).
    fn ask_reporting(
        &mut self,
        question: Question,
        at: Option<Anchor>,
    ) -> Result<Answer, PolicyFailure> {
        let id = QuestionId::new(self.db, question);
        let reply = policy_answer(self.db, id).clone()?;
        let Some(at) = at.filter(|_| self.reported.insert(id)) else {
            return Ok(reply.answer);
        };
        for (messages, error) in [(&reply.warnings, false), (&reply.errors, true)] {
            self.diagnostics
                .extend(messages.iter().map(|message| PlanDiagnostic {
                    at,
                    through: None,
                    error,
                    message: message.clone(),
                }));
        }
        Ok(reply.answer)
    }

    fn ask_yes(&mut self, question: Question, at: Anchor) -> Result<bool, PolicyFailure> {
        Ok(matches!(self.ask(question, at)?, Answer::YesNo(true)))
    }
}

impl Oracle for PolicyOracle<'_> {
    fn named_as_patched(&mut self, name: &str) -> bool {
        self.db
            .policy_input(QuestionKind::IsPatched)
            .policy(self.db)
            .names_as_patched(name)
    }

    fn is_patched(&mut self, name: &str, at: Anchor) -> Result<bool, PolicyFailure> {
        let name = name.to_owned();
        self.ask_yes(Question::IsPatched { name }, at)
    }

    fn can_externalize_fun(
        &mut self,
        name: &str,
        definition: Option<(bool, Anchor)>,
        at: Anchor,
    ) -> Result<bool, PolicyFailure> {
        let definition = definition.and_then(|(external, place)| {
            let (file, line) = self.places.location(place)?;
            let linkage = if external {
                DefinitionLinkage::External
            } else {
                DefinitionLinkage::Internal
            };
            Some(FunDefinition {
                linkage,
                file,
                line,
            })
        });
        let name = name.to_owned();
        self.ask_yes(Question::CanExternalizeFun { name, definition }, at)
    }

    fn shall_externalize_fun(
        &mut self,
        name: &str,
        from_header: bool,
        at: Anchor,
    ) -> Result<bool, PolicyFailure> {
        let name = name.to_owned();
        self.ask_yes(Question::ShallExternalizeFun { name, from_header }, at)
    }

    fn shall_externalize_obj(&mut self, name: &str, at: Anchor) -> Result<bool, PolicyFailure> {
        let name = name.to_owned();
        self.ask_yes(Question::ShallExternalizeObj { name }, at)
    }

    fn symbol_change(
        &mut self,
        question: Question,
        at: Anchor,
    ) -> Result<SymbolChange, PolicyFailure> {
        Ok(match self.ask(question, at)? {
            Answer::SymbolChange(change) => change,
            Answer::NewName(new_name) => SymbolChange {
                new_name,
                linkage: LinkageChange::MakeInternal,
                make_pointer: false,
            },
            Answer::YesNo(_) => SymbolChange {
                new_name: String::new(),
                linkage: LinkageChange::Keep,
                make_pointer: false,
            },
        })
    }

    fn in_eligible_header(&mut self, at: Anchor) -> Result<bool, PolicyFailure> {
        let Some((header, pre_include)) = self.places.header(at) else {
            return Ok(false);
        };
        let question = Question::MayIncludeHeader {
            header,
            pre_include,
        };
        // What the policy says about an `#include`d header is reported at the directive
        // (`header_replies`); a pre-included one has none, so it is reported here.
        let report_at = pre_include.then_some(at);
        let answer = self.ask_reporting(question, report_at)?;
        Ok(matches!(answer, Answer::YesNo(true)))
    }

    fn take_diagnostics(&mut self) -> Vec<PlanDiagnostic> {
        std::mem::take(&mut self.diagnostics)
    }
}
