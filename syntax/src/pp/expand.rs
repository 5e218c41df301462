//! Macro expansion (C11 6.10.3 and cpplib's GNU behaviour): argument collection across
//! contexts, argument pre-expansion, rescanning with disabled macros and blue paint; the
//! replacement list itself is built in `substitute`.

use super::macros::{MacroId, MacroKind};
use super::provenance::{Expansion, ExpansionId, Origin, OriginId};
use super::token::{PpToken, flags};
use super::{BaseMode, Context, Preprocessor};
use crate::lexer::TokenKind;

/// The collected arguments of one invocation.
pub(super) struct Args {
    pub(super) raw: Vec<Vec<PpToken>>,
    pub(super) expanded: Vec<Option<Expanded>>,
    /// The variable argument was left out entirely (`f(a)` for `f(x, ...)`), which is what
    /// GNU comma elision keys on.
    pub(super) va_absent: bool,
}

/// A token list made by expansion, and whether a macro that expanded to nothing at its end
/// had whitespace before it (cpplib's padding), which the token after the list inherits.
#[derive(Clone, Default)]
pub(super) struct Expanded {
    pub(super) tokens: Vec<PpToken>,
    pub(super) trailing_white: bool,
}

/// A step of the replacement list before pasting.
#[derive(Clone, Copy)]
pub(super) enum Item {
    Tok(PpToken),
    Placemarker,
    Paste,
    /// Whitespace left by an argument's vanished trailing macro: the next token gets it.
    White,
}

impl Preprocessor<'_> {
    /// The next token after macro expansion; `None` at the end of the TU, of a directive line
    /// being evaluated, or of a macro argument being pre-expanded.
    pub(super) fn get_token(&mut self) -> Option<PpToken> {
        loop {
            let tok = self.next_raw()?;
            if tok.kind != TokenKind::Ident || tok.has(flags::NO_EXPAND) {
                return Some(tok);
            }
            let Some(id) = self.macros.lookup(tok.text) else {
                return Some(tok);
            };
            if self.macros.is_disabled(id) {
                return Some(tok.with_flag(flags::NO_EXPAND, true));
            }
            if self.prevent_expansion > 0 {
                return Some(tok);
            }
            self.note_invocation(&tok);
            if self.enter_macro(id, tok) {
                continue;
            }
            return Some(tok);
        }
    }

    /// The next token from the contexts, popping exhausted ones, or from the base.
    pub(super) fn next_raw(&mut self) -> Option<PpToken> {
        while let Some(ctx) = self.contexts.last_mut() {
            if let Some(tok) = ctx.tokens.get(ctx.pos) {
                ctx.pos += 1;
                return Some(*tok);
            }
            if ctx.barrier {
                return None;
            }
            self.pop_context();
        }
        self.base_next()
    }

    pub(super) fn pop_context(&mut self) {
        let Some(ctx) = self.contexts.pop() else {
            return;
        };
        if let Some(id) = ctx.macro_id {
            self.macros.set_disabled(id, false);
        }
        self.pending_white |= ctx.trailing_white;
    }

    pub(super) fn push_context(&mut self, tokens: Vec<PpToken>, macro_id: Option<MacroId>) {
        if let Some(id) = macro_id {
            self.macros.set_disabled(id, true);
        }
        self.contexts.push(Context {
            tokens,
            pos: 0,
            macro_id,
            barrier: false,
            trailing_white: false,
        });
    }

    /// Expands the macro named by `name`; false when it is not invoked (a function-like macro
    /// without arguments) or the invocation failed.
    fn enter_macro(&mut self, id: MacroId, name: PpToken) -> bool {
        let def = self.macros.def(id);
        match &def.kind {
            MacroKind::Builtin(builtin) => {
                let builtin = *builtin;
                self.expand_builtin(builtin, id, name)
            }
            MacroKind::Object => {
                let expansion = self.prov.add_expansion(Expansion {
                    macro_id: id,
                    name: name.origin,
                    close: None,
                });
                let body = self.macros.def(id).body.clone();
                let items = body
                    .iter()
                    .map(|t| {
                        if self.is_punct(t, "##") {
                            Item::Paste
                        } else {
                            Item::Tok(self.body_token(*t, expansion))
                        }
                    })
                    .collect();
                let result = self.paste_all(items, expansion);
                self.push_expansion(result, id, name);
                true
            }
            MacroKind::Function { .. } => {
                if !self.next_is_paren() {
                    return false;
                }
                let Some((args, close)) = self.collect_args(id, name) else {
                    return false;
                };
                let expansion = self.prov.add_expansion(Expansion {
                    macro_id: id,
                    name: name.origin,
                    close: Some(close),
                });
                let mut args = args;
                let body = self.macros.def(id).body.clone();
                let items = self.substitute(id, &body, &mut args, expansion);
                let result = self.paste_all(items, expansion);
                self.push_expansion(result, id, name);
                true
            }
        }
    }

    /// Pushes an expansion's result; its first token takes the invocation's spacing.
    fn push_expansion(&mut self, result: Expanded, id: MacroId, name: PpToken) {
        if !self.charge_expansion(result.tokens.len()) {
            return;
        }
        let Expanded {
            mut tokens,
            mut trailing_white,
        } = result;
        if let Some(first) = tokens.first_mut() {
            let keep = name.flags & (flags::PREV_WHITE | flags::BOL);
            first.flags = (first.flags & !(flags::PREV_WHITE | flags::BOL)) | keep;
        } else {
            // Keep the whitespace of a vanished invocation for the token that follows.
            trailing_white |= name.has(flags::PREV_WHITE);
        }
        self.push_context(tokens, Some(id));
        if let Some(ctx) = self.contexts.last_mut() {
            ctx.trailing_white = trailing_white;
        }
    }

    /// Pushes the single-token result of a dynamic macro.
    pub(super) fn push_builtin_result(&mut self, token: PpToken, id: MacroId, name: PpToken) {
        let result = Expanded {
            tokens: vec![token],
            trailing_white: false,
        };
        self.push_expansion(result, id, name);
    }

    pub(super) fn body_token(&mut self, tok: PpToken, expansion: ExpansionId) -> PpToken {
        let origin = self.prov.add_origin(Origin::MacroBody {
            expansion,
            def: tok.origin,
        });
        PpToken { origin, ..tok }
    }

    /// Consumes a `(` if it comes next (across contexts and newlines, not across a directive).
    fn next_is_paren(&mut self) -> bool {
        while let Some(ctx) = self.contexts.last_mut() {
            if let Some(tok) = ctx.tokens.get(ctx.pos).copied() {
                if self.is_punct(&tok, "(") {
                    if let Some(ctx) = self.contexts.last_mut() {
                        ctx.pos += 1;
                    }
                    return true;
                }
                return false;
            }
            if ctx.barrier {
                return false;
            }
            self.pop_context();
        }
        if self.base_peek_paren() {
            let mode = std::mem::replace(&mut self.base_mode, BaseMode::Arguments);
            self.base_next();
            self.base_mode = mode;
            return true;
        }
        false
    }

    /// Reads the arguments up to the closing parenthesis. `None` (after a diagnostic) when the
    /// list is unterminated or the count is wrong.
    fn collect_args(&mut self, id: MacroId, name: PpToken) -> Option<(Args, OriginId)> {
        let (nparams, variadic) = {
            let def = self.macros.def(id);
            (def.params().len(), def.is_variadic())
        };
        self.prevent_expansion += 1;
        let mode = std::mem::replace(&mut self.base_mode, BaseMode::Arguments);
        let mut raw: Vec<Vec<PpToken>> = vec![Vec::new()];
        let mut depth = 0u32;
        let close = loop {
            // Whitespace left by a vanished invocation goes to the next argument token, not
            // to the parentheses and commas that are dropped.
            let Some(mut tok) = self.next_raw() else {
                break None;
            };
            if tok.kind == TokenKind::Ident
                && !tok.has(flags::NO_EXPAND)
                && self
                    .macros
                    .lookup(tok.text)
                    .is_some_and(|m| self.macros.is_disabled(m))
            {
                tok = tok.with_flag(flags::NO_EXPAND, true);
            }
            tok.flags &= !flags::BOL;
            match self.punct(&tok) {
                "(" => depth += 1,
                ")" if depth == 0 => break Some(tok.origin),
                ")" => depth -= 1,
                "," if depth == 0 && !(variadic && raw.len() == nparams) => {
                    raw.push(Vec::new());
                    continue;
                }
                _ => {}
            }
            let tok = self.take_pending_white(tok);
            if let Some(last) = raw.last_mut() {
                last.push(tok);
            }
        };
        self.base_mode = mode;
        self.prevent_expansion -= 1;
        let macro_name = self.text(&name).to_owned();
        let Some(close) = close else {
            self.error(
                Some(name.origin),
                format!("unterminated argument list invoking macro \"{macro_name}\""),
            );
            return None;
        };
        let mut va_absent = false;
        if nparams == 0 && raw.len() == 1 && raw[0].is_empty() {
            raw.clear();
        } else if variadic && raw.len() + 1 == nparams {
            raw.push(Vec::new());
            va_absent = true;
        } else if nparams == 1 && raw.is_empty() {
            raw.push(Vec::new());
        }
        // cpplib: "If the macro takes just one (varargs) parameter, then we retain the comma
        // only if we are standards conforming."
        if variadic
            && nparams == 1
            && raw.len() == 1
            && raw[0].is_empty()
            && !self.config.strict_iso
        {
            va_absent = true;
        }
        if raw.len() != nparams {
            let message = if raw.len() < nparams {
                format!(
                    "macro \"{macro_name}\" requires {nparams} arguments, but only {} given",
                    raw.len()
                )
            } else {
                format!(
                    "macro \"{macro_name}\" passed {} arguments, but takes just {nparams}",
                    raw.len()
                )
            };
            self.error(Some(name.origin), message);
            return None;
        }
        let expanded = vec![None; raw.len()];
        Some((
            Args {
                raw,
                expanded,
                va_absent,
            },
            close,
        ))
    }

    /// Fully macro-expands one argument in isolation (C11 6.10.3.1); the raw tokens are
    /// handed back, as `#` and `##` may still want them.
    pub(super) fn expand_arg(&mut self, tokens: Vec<PpToken>) -> (Expanded, Vec<PpToken>) {
        if !tokens.iter().any(|t| t.kind == TokenKind::Ident) {
            let expanded = Expanded {
                tokens: tokens.clone(),
                trailing_white: false,
            };
            return (expanded, tokens);
        }
        let capacity = tokens.len();
        self.contexts.push(Context {
            tokens,
            pos: 0,
            macro_id: None,
            barrier: true,
            trailing_white: false,
        });
        let depth = self.contexts.len();
        let saved_white = std::mem::take(&mut self.pending_white);
        let mut out = Vec::with_capacity(capacity);
        while let Some(tok) = self.get_token() {
            out.push(self.take_pending_white(tok));
        }
        while self.contexts.len() > depth {
            self.pop_context();
        }
        let raw = self
            .contexts
            .pop()
            .map(|ctx| ctx.tokens)
            .unwrap_or_default();
        let trailing_white = std::mem::replace(&mut self.pending_white, saved_white);
        let expanded = Expanded {
            tokens: out,
            trailing_white,
        };
        (expanded, raw)
    }

    /// Applies whitespace left by an invocation that expanded to nothing.
    pub(super) fn take_pending_white(&mut self, tok: PpToken) -> PpToken {
        if std::mem::take(&mut self.pending_white) {
            tok.with_flag(flags::PREV_WHITE, true)
        } else {
            tok
        }
    }

    /// The macro-expanded argument, expanded on first use.
    pub(super) fn expanded_arg<'x>(&mut self, args: &'x mut Args, param: usize) -> &'x Expanded {
        if args.expanded[param].is_none() {
            let raw = std::mem::take(&mut args.raw[param]);
            let (expanded, raw) = self.expand_arg(raw);
            args.raw[param] = raw;
            args.expanded[param] = Some(expanded);
        }
        args.expanded[param].get_or_insert_default()
    }

    pub(super) fn param_index(&self, id: MacroId, tok: &PpToken) -> Option<usize> {
        if tok.kind != TokenKind::Ident {
            return None;
        }
        self.macros
            .def(id)
            .params()
            .iter()
            .position(|&p| p == tok.text)
    }
}
