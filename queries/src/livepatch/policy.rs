//! The live-patching policy as the queries see it: the questions klp-ccp asks (one kind per
//! policy command of POLICY-PROTOCOL.md), their typed answers, and the query that asks each
//! distinct question once per revision.
//!
//! Nothing here runs processes: the binary implements `Policy` by running the user's
//! commands, tests answer from memory, and `DefaultPolicy` answers when no policy is set.
//!
//! The policy lives in a salsa input, so that a query asking a question depends on it: after
//! `Db::set_policy`, the questions asked again are re-asked, and salsa's backdating stops at
//! the answers that came out the same, leaving their dependents alone.

use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;

use rustc_hash::FxHashSet;

use crate::db::SourceDb;

/// One question to the policy: which command answers it, and with what arguments.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Question {
    /// Is function `name` patched?
    IsPatched { name: String },
    /// May the live patch `#include` this header? `pre_include`: it was pre-included
    /// (`-include`) rather than included by the source.
    MayIncludeHeader { header: String, pre_include: bool },
    /// Can references to function `name` be bound to the running kernel's instance?
    /// `definition`: where the TU defines it, when it does.
    CanExternalizeFun {
        name: String,
        definition: Option<FunDefinition>,
    },
    /// Shall the externalizable function `name` be externalized rather than copied?
    /// `from_header`: an eligible header provides its definition.
    ShallExternalizeFun { name: String, from_header: bool },
    /// Shall object `name` (of static storage duration) be externalized?
    ShallExternalizeObj { name: String },
    /// New name and linkage of patched function `name`; `retry` counts the clashes so far.
    ModifyPatchedFunSym { name: String, retry: u32 },
    /// How to externalize symbol `name`; `retry` counts the clashes so far.
    ModifyExternalizedSym {
        kind: SymbolKind,
        name: String,
        retry: u32,
    },
    /// New name of the rewritten (non-patched) function `name`; `retry` counts the clashes.
    RenamedRewrittenFun { name: String, retry: u32 },
}

/// Where and with which linkage the TU defines a function asked about.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct FunDefinition {
    pub linkage: DefinitionLinkage,
    pub file: String,
    /// 1-based.
    pub line: u32,
}

/// The linkage of a function definition (sema's `Linkage` also has none, which definitions
/// never have).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DefinitionLinkage {
    Internal,
    External,
}

/// The kind of symbol an externalization question is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SymbolKind {
    Function,
    Object,
}

/// What the policy answered, parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// `YES` (`true`) or `NO`.
    YesNo(bool),
    SymbolChange(SymbolChange),
    /// A rewritten function's new name.
    NewName(String),
}

/// How a patched or externalized symbol changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SymbolChange {
    pub new_name: String,
    pub linkage: LinkageChange,
    /// Turn the symbol into a pointer to its original type (the kallsyms method); only
    /// externalized symbols can be.
    pub make_pointer: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkageChange {
    Keep,
    MakeInternal,
    MakeExternal,
}

/// An answer together with the diagnostics the policy attached to it; the caller reports
/// these at the entity asked about (an error fails the run).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    pub answer: Answer,
    pub warnings: Vec<String>,
    pub errors: Vec<String>,
}

/// A policy that failed to answer (as opposed to answering with an `ERROR:`): it broke the
/// protocol, so the run stops with this as its error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyFailure {
    /// The command-line option naming the command, `--pol-cmd-...`.
    pub option: &'static str,
    pub program: PathBuf,
    pub args: Vec<String>,
    /// What went wrong, as a sentence fragment (`exited with status 1`).
    pub reason: String,
}

/// An answer that does not have the form its question calls for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerError {
    pub answer: String,
    /// The form called for, in words.
    pub expected: &'static str,
}

/// Where the answers come from. Implementations must answer the same question the same way
/// within a run: each is asked once and the answer is memoized.
pub trait Policy: Send + Sync {
    fn ask(&self, question: &Question) -> Result<Reply, PolicyFailure>;

    /// Whether function `name` is patched by being named (`--patched-functions`), which
    /// needs no question: definitions in headers (hundreds of inline functions in a kernel
    /// TU, not worth a process each) are patched only so.
    fn names_as_patched(&self, name: &str) -> bool {
        let _ = name;
        false
    }
}

/// The policy when none is set, also the binary's for the questions whose command is not
/// given. Suited to a user without policy scripts:
/// - only the functions listed (`--patched-functions`) are patched;
/// - every header may be included;
/// - functions with external linkage (or no definition in the TU) can be externalized,
///   functions with internal linkage cannot (their symbol may be gone);
/// - an externalizable function is externalized unless an eligible header defines it;
/// - every object is externalized;
/// - patched functions become `klpp_NAME` with their linkage kept; externalized symbols keep
///   their name and become external (so the linker, or klp-convert, binds them); rewritten
///   functions become `klpr_NAME`. On a clash, the retry count is appended (`klpp_NAME1`).
#[derive(Debug, Clone, Default)]
pub struct DefaultPolicy {
    patched_functions: FxHashSet<String>,
}

/// The kinds of question, one a policy command.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum QuestionKind {
    IsPatched,
    MayIncludeHeader,
    CanExternalizeFun,
    ShallExternalizeFun,
    ShallExternalizeObj,
    ModifyPatchedFunSym,
    ModifyExternalizedSym,
    RenamedRewrittenFun,
}

impl QuestionKind {
    pub const ALL: [QuestionKind; 8] = [
        QuestionKind::IsPatched,
        QuestionKind::MayIncludeHeader,
        QuestionKind::CanExternalizeFun,
        QuestionKind::ShallExternalizeFun,
        QuestionKind::ShallExternalizeObj,
        QuestionKind::ModifyPatchedFunSym,
        QuestionKind::ModifyExternalizedSym,
        QuestionKind::RenamedRewrittenFun,
    ];

    /// The command-line option naming the command that answers this kind of question.
    pub fn option(self) -> &'static str {
        match self {
            QuestionKind::IsPatched => "--pol-cmd-is-patched",
            QuestionKind::MayIncludeHeader => "--pol-cmd-may-include-header",
            QuestionKind::CanExternalizeFun => "--pol-cmd-can-externalize-fun",
            QuestionKind::ShallExternalizeFun => "--pol-cmd-shall-externalize-fun",
            QuestionKind::ShallExternalizeObj => "--pol-cmd-shall-externalize-obj",
            QuestionKind::ModifyPatchedFunSym => "--pol-cmd-modify-patched-fun-sym",
            QuestionKind::ModifyExternalizedSym => "--pol-cmd-modify-externalized-sym",
            QuestionKind::RenamedRewrittenFun => "--pol-cmd-renamed-rewritten-fun",
        }
    }
}

/// The input holding the policy for one kind of question (the database has one per kind).
/// It holds the policy itself (rather than a counter beside it) so that nothing can read
/// the policy without depending on it; one per kind so that a change of one command (or of
/// the patched set, which only `IsPatched` reads) re-asks only its kind's questions.
#[salsa::input]
pub struct PolicyInput {
    #[returns(ref)]
    pub(crate) policy: Arc<dyn Policy>,
}

/// A question, interned so that a query can be keyed by it.
#[salsa::interned]
pub struct QuestionId<'db> {
    #[returns(ref)]
    pub question: Question,
}

/// The policy's reply to `question`, asked at most once per revision of its kind's policy.
#[salsa::tracked(returns(ref))]
pub fn policy_answer<'db>(
    db: &'db dyn SourceDb,
    question: QuestionId<'db>,
) -> Result<Reply, PolicyFailure> {
    let question = question.question(db);
    db.policy_input(question.kind()).policy(db).ask(question)
}

/// `policy_answer` for a question not interned yet.
pub fn ask_policy(db: &dyn SourceDb, question: Question) -> &Result<Reply, PolicyFailure> {
    policy_answer(db, QuestionId::new(db, question))
}

/// Creates `db`'s policy inputs, one per kind of question (in `QuestionKind::ALL`'s order),
/// holding the default policy. The policy changes rarely (once per run, or on an edit in
/// watch mode), so the inputs are durable: an edited source file then does not make salsa
/// re-validate the answers.
pub(crate) fn create_policy_inputs(db: &dyn salsa::Database) -> [PolicyInput; 8] {
    let policy: Arc<dyn Policy> = Arc::new(DefaultPolicy::default());
    QuestionKind::ALL.map(|_| {
        PolicyInput::builder(policy.clone())
            .durability(salsa::Durability::HIGH)
            .new(db)
    })
}

impl Question {
    /// The kind of question this is.
    pub fn kind(&self) -> QuestionKind {
        match self {
            Question::IsPatched { .. } => QuestionKind::IsPatched,
            Question::MayIncludeHeader { .. } => QuestionKind::MayIncludeHeader,
            Question::CanExternalizeFun { .. } => QuestionKind::CanExternalizeFun,
            Question::ShallExternalizeFun { .. } => QuestionKind::ShallExternalizeFun,
            Question::ShallExternalizeObj { .. } => QuestionKind::ShallExternalizeObj,
            Question::ModifyPatchedFunSym { .. } => QuestionKind::ModifyPatchedFunSym,
            Question::ModifyExternalizedSym { .. } => QuestionKind::ModifyExternalizedSym,
            Question::RenamedRewrittenFun { .. } => QuestionKind::RenamedRewrittenFun,
        }
    }

    /// The command-line option naming the command that answers this kind of question.
    pub fn option(&self) -> &'static str {
        self.kind().option()
    }

    /// The command's arguments.
    pub fn args(&self) -> Vec<String> {
        match self {
            Question::IsPatched { name } | Question::ShallExternalizeObj { name } => {
                vec![name.clone()]
            }
            Question::MayIncludeHeader {
                header,
                pre_include,
            } => with_flag(header, *pre_include, "pre-include"),
            Question::CanExternalizeFun { name, definition } => {
                let mut args = vec![name.clone()];
                if let Some(definition) = definition {
                    args.push(definition.linkage.arg().to_owned());
                    args.push(format!("{}:{}", definition.file, definition.line));
                }
                args
            }
            Question::ShallExternalizeFun { name, from_header } => {
                with_flag(name, *from_header, "from-header")
            }
            Question::ModifyPatchedFunSym { name, retry }
            | Question::RenamedRewrittenFun { name, retry } => {
                vec![name.clone(), retry.to_string()]
            }
            Question::ModifyExternalizedSym { kind, name, retry } => {
                vec![kind.arg().to_owned(), name.clone(), retry.to_string()]
            }
        }
    }

    /// Parses the text of a `RESULT:` line (after the colon) into this question's kind of
    /// answer. Strict: a word the protocol does not define, a missing or an extra word, or a
    /// new name that is not a C identifier makes the answer unparsable.
    pub fn parse_answer(&self, text: &str) -> Result<Answer, AnswerError> {
        let form = self.answer_form();
        let words: Vec<&str> = text.split_ascii_whitespace().collect();
        let answer = match form {
            AnswerForm::YesNo => parse_yes_no(&words).map(Answer::YesNo),
            AnswerForm::PatchedSymbol => parse_symbol_change(&words, false),
            AnswerForm::ExternalizedSymbol => parse_symbol_change(&words, true),
            AnswerForm::NewName => match words[..] {
                [name] if is_identifier(name) => Some(Answer::NewName(name.to_owned())),
                _ => None,
            },
        };
        answer.ok_or_else(|| AnswerError {
            answer: text.trim().to_owned(),
            expected: form.description(),
        })
    }

    fn answer_form(&self) -> AnswerForm {
        match self {
            Question::IsPatched { .. }
            | Question::MayIncludeHeader { .. }
            | Question::CanExternalizeFun { .. }
            | Question::ShallExternalizeFun { .. }
            | Question::ShallExternalizeObj { .. } => AnswerForm::YesNo,
            Question::ModifyPatchedFunSym { .. } => AnswerForm::PatchedSymbol,
            Question::ModifyExternalizedSym { .. } => AnswerForm::ExternalizedSymbol,
            Question::RenamedRewrittenFun { .. } => AnswerForm::NewName,
        }
    }
}

/// `[first]`, or `[first, flag]` when `set`.
fn with_flag(first: &str, set: bool, flag: &str) -> Vec<String> {
    let mut args = vec![first.to_owned()];
    if set {
        args.push(flag.to_owned());
    }
    args
}

impl DefinitionLinkage {
    fn arg(self) -> &'static str {
        match self {
            DefinitionLinkage::Internal => "internal",
            DefinitionLinkage::External => "external",
        }
    }
}

impl SymbolKind {
    fn arg(self) -> &'static str {
        match self {
            SymbolKind::Function => "function",
            SymbolKind::Object => "object",
        }
    }
}

/// The forms of answer the protocol defines.
#[derive(Clone, Copy)]
enum AnswerForm {
    YesNo,
    PatchedSymbol,
    ExternalizedSymbol,
    NewName,
}

impl AnswerForm {
    /// The form as the protocol spells it, for messages.
    fn description(self) -> &'static str {
        match self {
            AnswerForm::YesNo => "`YES` or `NO`",
            AnswerForm::PatchedSymbol => {
                "`<NEW-NAME> KEEP-LINKAGE|MAKE-INTERNAL|MAKE-EXTERNAL`, NEW-NAME a C identifier"
            }
            AnswerForm::ExternalizedSymbol => {
                "`<NEW-NAME> KEEP-LINKAGE|MAKE-INTERNAL|MAKE-EXTERNAL [MAKE-POINTER]`, \
                 NEW-NAME a C identifier"
            }
            AnswerForm::NewName => "`<NEW-NAME>`, a C identifier",
        }
    }
}

fn parse_yes_no(words: &[&str]) -> Option<bool> {
    match words {
        ["YES"] => Some(true),
        ["NO"] => Some(false),
        _ => None,
    }
}

/// `NEW-NAME LINKAGE`, followed by `MAKE-POINTER` when `pointer_allowed` permits.
fn parse_symbol_change(words: &[&str], pointer_allowed: bool) -> Option<Answer> {
    let (new_name, linkage, make_pointer) = match *words {
        [new_name, linkage] => (new_name, linkage, false),
        [new_name, linkage, "MAKE-POINTER"] if pointer_allowed => (new_name, linkage, true),
        _ => return None,
    };
    let linkage = match linkage {
        "KEEP-LINKAGE" => LinkageChange::Keep,
        "MAKE-INTERNAL" => LinkageChange::MakeInternal,
        "MAKE-EXTERNAL" => LinkageChange::MakeExternal,
        _ => return None,
    };
    is_identifier(new_name).then(|| {
        Answer::SymbolChange(SymbolChange {
            new_name: new_name.to_owned(),
            linkage,
            make_pointer,
        })
    })
}

/// Whether `text` is a C identifier (ASCII: the names klp-ccp emits must compile anywhere).
pub fn is_identifier(text: &str) -> bool {
    let mut bytes = text.bytes();
    bytes
        .next()
        .is_some_and(|b| b.is_ascii_alphabetic() || b == b'_')
        && bytes.all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

impl Answer {
    /// The answer to a yes/no question.
    pub fn yes(&self) -> Option<bool> {
        match self {
            Answer::YesNo(yes) => Some(*yes),
            _ => None,
        }
    }

    pub fn symbol_change(&self) -> Option<&SymbolChange> {
        match self {
            Answer::SymbolChange(change) => Some(change),
            _ => None,
        }
    }

    pub fn new_name(&self) -> Option<&str> {
        match self {
            Answer::NewName(name) => Some(name),
            _ => None,
        }
    }
}

impl Reply {
    /// An answer with nothing attached.
    pub fn plain(answer: Answer) -> Reply {
        Reply {
            answer,
            warnings: Vec::new(),
            errors: Vec::new(),
        }
    }
}

impl DefaultPolicy {
    /// The default policy, with `patched_functions` patched.
    pub fn new(patched_functions: impl IntoIterator<Item = String>) -> Self {
        Self {
            patched_functions: patched_functions.into_iter().collect(),
        }
    }

    /// Whether function `name` is among those listed as patched.
    pub fn lists_as_patched(&self, name: &str) -> bool {
        self.patched_functions.contains(name)
    }

    pub fn answer(&self, question: &Question) -> Answer {
        match question {
            Question::IsPatched { name } => Answer::YesNo(self.lists_as_patched(name)),
            Question::MayIncludeHeader { .. } | Question::ShallExternalizeObj { .. } => {
                Answer::YesNo(true)
            }
            Question::CanExternalizeFun { definition, .. } => Answer::YesNo(
                definition
                    .as_ref()
                    .is_none_or(|d| d.linkage == DefinitionLinkage::External),
            ),
            Question::ShallExternalizeFun { from_header, .. } => Answer::YesNo(!from_header),
            Question::ModifyPatchedFunSym { name, retry } => Answer::SymbolChange(SymbolChange {
                new_name: numbered_name("klpp_", name, *retry),
                linkage: LinkageChange::Keep,
                make_pointer: false,
            }),
            Question::ModifyExternalizedSym { name, .. } => Answer::SymbolChange(SymbolChange {
                new_name: name.clone(),
                linkage: LinkageChange::MakeExternal,
                make_pointer: false,
            }),
            Question::RenamedRewrittenFun { name, retry } => {
                Answer::NewName(numbered_name("klpr_", name, *retry))
            }
        }
    }
}

impl Policy for DefaultPolicy {
    fn ask(&self, question: &Question) -> Result<Reply, PolicyFailure> {
        Ok(Reply::plain(self.answer(question)))
    }

    fn names_as_patched(&self, name: &str) -> bool {
        self.lists_as_patched(name)
    }
}

/// `PREFIXNAME`, with the retry count appended after the first try.
fn numbered_name(prefix: &str, name: &str, retry: u32) -> String {
    match retry {
        0 => format!("{prefix}{name}"),
        _ => format!("{prefix}{name}{retry}"),
    }
}

impl fmt::Display for PolicyFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Spelled as a shell command line, so that the user can re-run the command as is.
        write!(
            f,
            "policy command `{}",
            quoted(&self.program.to_string_lossy())
        )?;
        for arg in &self.args {
            write!(f, " {}", quoted(arg))?;
        }
        write!(f, "` ({}) failed: {}", self.option, self.reason)
    }
}

impl std::error::Error for PolicyFailure {}

/// `word`, single-quoted for a POSIX shell unless it needs no quoting.
fn quoted(word: &str) -> String {
    let plain = !word.is_empty()
        && word
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_./:,+=@%".contains(&b));
    if plain {
        word.to_owned()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}

impl fmt::Display for AnswerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "cannot parse the answer `{}`: expected {}",
            self.answer, self.expected
        )
    }
}

impl std::error::Error for AnswerError {}
