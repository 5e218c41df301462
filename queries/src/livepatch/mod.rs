//! Live-patch creation: what the policy decides, the closure of the patched functions, the
//! headers included instead of copied, and the emitted source.

mod closure;
mod completeness;
mod emit;
mod explain;
mod header_replies;
mod headers;
mod include_graph;
mod kernel;
mod oracle;
mod patched_set;
mod places;
mod plan;
mod policy;
mod prerequisites;
mod query;
mod reference;
mod source_text;

pub use explain::{
    Decision, Explained, ExplainedKind, Explanation, explain, included_header_names,
};
pub(crate) use headers::content_positions;
pub use patched_set::{PatchedNames, PatchedSet, patched_names, patched_set};
pub use plan::{Edit, EditKind, Fate, ItemForm, Plan, PlanDiagnostic, StorageClass};
pub(crate) use policy::create_policy_inputs;
pub use policy::{
    Answer, AnswerError, DefaultPolicy, DefinitionLinkage, FunDefinition, LinkageChange, Policy,
    PolicyFailure, PolicyInput, Question, QuestionId, QuestionKind, Reply, SymbolChange,
    SymbolKind, ask_policy, is_identifier, policy_answer,
};
pub use query::{
    LivePatch, Planned, closure_plan, copied_type_diagnostics, live_patch, pp_tables,
    questions_asked_first,
};
