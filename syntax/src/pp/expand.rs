//! Macro expansion (C11 6.10.3 and cpplib's GNU behaviour): argument collection across
//! contexts, argument pre-expansion, `#`, `##` with placemarkers, `__VA_OPT__`, GNU comma
//! elision, rescanning with disabled macros and blue paint.

use super::macros::{MacroId, MacroKind};
use super::provenance::{Expansion, ExpansionId, Origin, OriginId};
use super::token::{PpToken, flags};
use super::{BaseMode, Context, Preprocessor};
use crate::lexer::TokenKind;

/// The collected arguments of one invocation.
struct Args {
    raw: Vec<Vec<PpToken>>,
    expanded: Vec<Option<Expanded>>,
    /// The variable argument was left out entirely (`f(a)` for `f(x, ...)`), which is what
    /// GNU comma elision keys on.
    va_absent: bool,
}

/// A token list made by expansion, and whether a macro that expanded to nothing at its end
/// had whitespace before it (cpplib's padding), which the token after the list inherits.
#[derive(Clone, Default)]
pub(super) struct Expanded {
    pub(super) tokens: Vec<PpToken>,
    trailing_white: bool,
}

/// A step of the replacement list before pasting.
#[derive(Clone, Copy)]
enum Item {
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

    fn body_token(&mut self, tok: PpToken, expansion: ExpansionId) -> PpToken {
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
    fn expanded_arg<'x>(&mut self, args: &'x mut Args, param: usize) -> &'x Expanded {
        if args.expanded[param].is_none() {
            let raw = std::mem::take(&mut args.raw[param]);
            let (expanded, raw) = self.expand_arg(raw);
            args.raw[param] = raw;
            args.expanded[param] = Some(expanded);
        }
        args.expanded[param].get_or_insert_default()
    }

    fn param_index(&self, id: MacroId, tok: &PpToken) -> Option<usize> {
        if tok.kind != TokenKind::Ident {
            return None;
        }
        self.macros
            .def(id)
            .params()
            .iter()
            .position(|&p| p == tok.text)
    }

    /// Substitutes the arguments into a replacement list (or a `__VA_OPT__` group of it).
    fn substitute(
        &mut self,
        id: MacroId,
        body: &[PpToken],
        args: &mut Args,
        expansion: ExpansionId,
    ) -> Vec<Item> {
        let variadic = self.macros.def(id).is_variadic();
        // `__VA_OPT__` came with gcc 8; before, it is an ordinary identifier.
        let va_opt = variadic && self.config.gcc_major >= 8;
        let va_param = args.raw.len().wrapping_sub(1);
        let mut items: Vec<Item> = Vec::with_capacity(body.len());
        let mut i = 0;
        while i < body.len() {
            let tok = body[i];
            if self.is_punct(&tok, "#") {
                if let Some(p) = body.get(i + 1).and_then(|t| self.param_index(id, t)) {
                    let s = self.stringify(&args.raw[p], p as u32, expansion);
                    items.push(Item::Tok(
                        s.with_flag(flags::PREV_WHITE, tok.has(flags::PREV_WHITE)),
                    ));
                    i += 2;
                    continue;
                }
                if va_opt && body.get(i + 1).is_some_and(|t| t.text == self.sym.va_opt) {
                    let (group, next) = self.va_opt_group(body, i + 1);
                    let inner = self.va_opt_items(id, &group, args, expansion);
                    let toks = self.paste_all(inner, expansion).tokens;
                    let s = self.stringify(&toks, va_param as u32, expansion);
                    items.push(Item::Tok(
                        s.with_flag(flags::PREV_WHITE, tok.has(flags::PREV_WHITE)),
                    ));
                    i = next;
                    continue;
                }
            }
            if self.is_punct(&tok, "##") {
                items.push(Item::Paste);
                i += 1;
                continue;
            }
            if va_opt && tok.kind == TokenKind::Ident && tok.text == self.sym.va_opt {
                let (group, next) = self.va_opt_group(body, i);
                let inner = self.va_opt_items(id, &group, args, expansion);
                if inner.is_empty() {
                    items.push(Item::Placemarker);
                } else {
                    items.extend(inner);
                }
                i = next;
                continue;
            }
            let Some(p) = self.param_index(id, &tok) else {
                items.push(Item::Tok(self.body_token(tok, expansion)));
                i += 1;
                continue;
            };
            let paste_left = matches!(items.last(), Some(Item::Paste));
            let paste_right = body.get(i + 1).is_some_and(|t| self.is_punct(t, "##"));
            if paste_left && variadic && p == va_param && self.comma_before_paste(&items) {
                // GNU `, ## __VA_ARGS__`: the `##` never pastes; the comma goes when the
                // variable argument was left out.
                items.pop();
                if args.va_absent {
                    items.pop();
                }
            }
            let (toks, trailing_white) = if paste_left || paste_right {
                (&args.raw[p], false)
            } else {
                let e = self.expanded_arg(args, p);
                (&e.tokens, e.trailing_white)
            };
            if self.result_too_large(items.len() + toks.len()) {
                break;
            }
            if toks.is_empty() {
                items.push(Item::Placemarker);
            }
            for (k, t) in toks.iter().enumerate() {
                let origin = self.prov.add_origin(Origin::MacroArg {
                    expansion,
                    param: p as u32,
                    arg: t.origin,
                });
                let mut t = PpToken { origin, ..*t };
                if k == 0 {
                    t = t.with_flag(flags::PREV_WHITE, tok.has(flags::PREV_WHITE));
                }
                items.push(Item::Tok(t));
            }
            if trailing_white {
                items.push(Item::White);
            }
            i += 1;
        }
        items
    }

    fn comma_before_paste(&self, items: &[Item]) -> bool {
        matches!(items, [.., Item::Tok(t), Item::Paste] if self.is_punct(t, ","))
    }

    /// The tokens between the parentheses of `__VA_OPT__ ( ... )` starting at `at`, and the
    /// index after the group.
    fn va_opt_group(&self, body: &[PpToken], at: usize) -> (Vec<PpToken>, usize) {
        let mut depth = 0;
        let mut group = Vec::new();
        let mut i = at + 1;
        while let Some(tok) = body.get(i) {
            i += 1;
            match self.punct(tok) {
                "(" => {
                    depth += 1;
                    if depth == 1 {
                        continue;
                    }
                }
                ")" => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                }
                _ => {}
            }
            group.push(*tok);
        }
        (group, i)
    }

    /// `__VA_OPT__`'s content when the variable argument expands to something, else nothing.
    fn va_opt_items(
        &mut self,
        id: MacroId,
        group: &[PpToken],
        args: &mut Args,
        expansion: ExpansionId,
    ) -> Vec<Item> {
        let va = args.raw.len() - 1;
        if self.expanded_arg(args, va).tokens.is_empty() {
            return Vec::new();
        }
        self.substitute(id, group, args, expansion)
    }

    /// Performs the `##` operations of a substituted replacement list, left to right; drops
    /// placemarkers and applies whitespace markers.
    fn paste_all(&mut self, items: Vec<Item>, expansion: ExpansionId) -> Expanded {
        let mut tokens: Vec<PpToken> = Vec::with_capacity(items.len());
        let mut white = false;
        let mut paste_next = false;
        // The last item was a placemarker, which is the left operand of a following `##`.
        let mut after_placemarker = false;
        for item in items {
            match item {
                Item::Paste => paste_next = true,
                Item::White => white = true,
                Item::Placemarker => {
                    // `x ## placemarker` is `x`; a lone placemarker is a left operand.
                    if !std::mem::take(&mut paste_next) {
                        after_placemarker = true;
                    }
                }
                Item::Tok(t) => {
                    let lhs = if std::mem::take(&mut paste_next) && !after_placemarker {
                        tokens.pop()
                    } else {
                        None
                    };
                    after_placemarker = false;
                    match lhs {
                        Some(a) => self.paste(a, t, expansion, &mut tokens),
                        None => {
                            let white = std::mem::take(&mut white) || t.has(flags::PREV_WHITE);
                            tokens.push(t.with_flag(flags::PREV_WHITE, white));
                        }
                    }
                }
            }
        }
        Expanded {
            tokens,
            trailing_white: white,
        }
    }

    /// `a ## b`: one token when the spellings form one, else an error and both tokens.
    fn paste(&mut self, a: PpToken, b: PpToken, expansion: ExpansionId, out: &mut Vec<PpToken>) {
        let joined = format!("{}{}", self.text(&a), self.text(&b));
        match crate::lexer::single_token(&joined) {
            Some(kind) => {
                let origin = self.prov.add_origin(Origin::Pasted {
                    expansion,
                    lhs: a.origin,
                    rhs: b.origin,
                });
                let text = self.interner.intern_token(kind, &joined);
                out.push(PpToken {
                    kind,
                    text,
                    flags: a.flags & (flags::PREV_WHITE | flags::BOL),
                    origin,
                });
            }
            None => {
                let message = format!(
                    "pasting \"{}\" and \"{}\" does not give a valid preprocessing token",
                    self.text(&a),
                    self.text(&b)
                );
                self.error(Some(a.origin), message);
                out.push(a);
                out.push(b.with_flag(flags::PREV_WHITE, true));
            }
        }
    }

    /// `#param`: the argument's spelling as a string literal (C11 6.10.3.2).
    fn stringify(&mut self, tokens: &[PpToken], param: u32, expansion: ExpansionId) -> PpToken {
        let mut s = String::from("\"");
        for (i, tok) in tokens.iter().enumerate() {
            if i > 0 && tok.has(flags::PREV_WHITE) {
                s.push(' ');
            }
            let text = self.written_spelling(tok);
            if matches!(tok.kind, TokenKind::StrLit | TokenKind::CharLit) {
                for c in text.chars() {
                    if c == '"' || c == '\\' {
                        s.push('\\');
                    }
                    s.push(c);
                }
            } else {
                s.push_str(text);
            }
        }
        s.push('"');
        let origin = self
            .prov
            .add_origin(Origin::Stringified { expansion, param });
        self.synth(TokenKind::StrLit, &s, origin)
    }

    /// A token's text as it was written, for `#`: an identifier's symbol is its name (UCNs
    /// replaced), but gcc stringifies its spelling. The name when the spelling is not found.
    fn written_spelling(&self, tok: &PpToken) -> &str {
        let name = self.interner.resolve(tok.text);
        if tok.kind != TokenKind::Ident || name.is_ascii() {
            return name;
        }
        let written = self
            .prov
            .spelling_location(tok.origin)
            .and_then(|(file, start, end)| {
                let text = self.files.get(file.0 as usize)?.original_text();
                text.get(start as usize..end as usize)
            });
        match written {
            Some(w) if crate::lexer::identifier_name(w) == name => w,
            _ => name,
        }
    }
}
