//! Bounds on preprocessing, so that macros that multiply (a chain of macros each doubling the
//! one before) end in an error rather than in exhausted memory: on the tokens one outermost
//! macro invocation may produce, and on the tokens of the whole preprocessed TU. Headers that
//! multiply (one without a guard including itself twice enters 2^200 files before the
//! nesting limit stops each chain) are bounded likewise: on the files entered, and on the
//! tokens of the files entered, skipped groups included (an include bomb whose text is all
//! skipped makes no output). gcc has no such bounds; they lie far above what real code does.

use super::Preprocessor;
use super::provenance::{FileId, OriginId};
use super::token::PpToken;

/// The bounds (defaults far above real code; tests lower them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The tokens the expansions of one outermost macro invocation may produce, nested ones
    /// and macro arguments' included.
    pub expansion_tokens: u64,
    /// The tokens a preprocessed TU may have.
    pub tu_tokens: usize,
    /// The files a TU may enter by `#include` (a file entered again counts again; one skipped
    /// as guarded or `#pragma once` does not).
    pub inclusions: usize,
    /// The tokens the files a TU enters by `#include` may have in all, each counted as
    /// often as its file is entered.
    pub included_tokens: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            expansion_tokens: MAX_EXPANSION_TOKENS,
            tu_tokens: MAX_TU_TOKENS,
            inclusions: MAX_INCLUSIONS,
            included_tokens: MAX_INCLUDED_TOKENS,
        }
    }
}

/// The default bound on one outermost expansion: 32 Mi tokens. The largest expansion in 849
/// TUs of Linux 6.1 (x86_64) makes 22091 (a `BUILD_BUG_ON` in `swapops.h`); the worst lines
/// of the min()/max() era (Linux 6.7 to 6.11) reached tens of megabytes of text, some ten
/// million tokens.
const MAX_EXPANSION_TOKENS: u64 = 1 << 25;

/// The default bound on a preprocessed TU: 128 Mi tokens (the largest of those 849 TUs has
/// under a million).
const MAX_TU_TOKENS: usize = 1 << 27;

/// The default bound on the files entered: 64 Ki. A kernel TU enters a few thousand (guarded
/// headers are entered once).
const MAX_INCLUSIONS: usize = 1 << 16;

/// The default bound on the tokens of the files entered: 128 Mi, as for the output; a kernel
/// TU's headers have some millions.
const MAX_INCLUDED_TOKENS: u64 = 1 << 27;

/// What is left of the budget of the outermost expansion being read.
#[derive(Debug, Clone, Copy)]
pub(super) struct ExpansionBudget {
    left: u64,
    /// The budget ran out (and that was reported).
    spent: bool,
    /// The outermost invocation's name, where running out is reported.
    at: Option<OriginId>,
}

impl ExpansionBudget {
    pub(super) fn new(limits: &Limits, at: Option<OriginId>) -> Self {
        ExpansionBudget {
            left: limits.expansion_tokens,
            spent: false,
            at,
        }
    }
}

impl Preprocessor<'_> {
    /// The invocation named by `name` is about to be expanded; when no expansion is being
    /// read, it starts a new outermost one with a full budget.
    pub(super) fn note_invocation(&mut self, name: &PpToken) {
        if self.contexts.is_empty() {
            self.budget = ExpansionBudget::new(&self.config.limits, Some(name.origin));
        }
    }

    /// Charges the result of an expansion to the budget. When that runs out: an error, at
    /// the outermost invocation, and what remains of the expansion is dropped (the contexts
    /// emptied), so that the work left is bounded. Returns whether the result may be read.
    pub(super) fn charge_expansion(&mut self, produced: usize) -> bool {
        if self.result_too_large(produced) {
            return false;
        }
        self.budget.left -= produced as u64;
        true
    }

    /// Whether a result of `size` tokens being built is past the budget: then the budget is
    /// spent, as `charge_expansion` says, and the building should stop. (An argument used
    /// many times could otherwise multiply a result far past the bound before it is
    /// charged.)
    pub(super) fn result_too_large(&mut self, size: usize) -> bool {
        if !self.budget.spent && size as u64 <= self.budget.left {
            return false;
        }
        if !self.budget.spent {
            self.budget.spent = true;
            let message = format!(
                "macro expansion too large: more than {} tokens from one invocation",
                self.config.limits.expansion_tokens
            );
            self.error(self.budget.at, message);
        }
        for ctx in &mut self.contexts {
            ctx.tokens = Vec::new();
            ctx.pos = 0;
        }
        true
    }

    /// Whether `file` may be entered by the `#include` at `at`: past the bounds on the files
    /// entered and on their tokens, an error there, and preprocessing ends (what follows
    /// would be a TU without the header, whose errors would only mislead).
    pub(super) fn may_enter(&mut self, file: FileId, at: OriginId) -> bool {
        let limits = self.config.limits;
        let tokens = self.files[file.0 as usize].tokens.len() as u64;
        self.included_tokens = self.included_tokens.saturating_add(tokens);
        let message = if self.prov.inclusions.len() >= limits.inclusions {
            format!(
                "too many inclusions: more than {} files entered by #include",
                limits.inclusions
            )
        } else if self.included_tokens > limits.included_tokens {
            format!(
                "included files too large: more than {} tokens in the files entered by #include",
                limits.included_tokens
            )
        } else {
            return true;
        };
        self.error(Some(at), message);
        self.stop();
        false
    }

    /// Whether the output may take `tok`: past the TU's bound, an error at it, and
    /// preprocessing ends.
    pub(super) fn output_has_room(&mut self, tok: &PpToken) -> bool {
        let most = self.config.limits.tu_tokens;
        if self.output.len() < most {
            return true;
        }
        let message = format!("preprocessed translation unit too large: more than {most} tokens");
        self.error(Some(tok.origin), message);
        self.stop();
        false
    }
}
