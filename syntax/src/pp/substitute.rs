//! The replacement list of an invocation: parameters substituted with their arguments,
//! `#` stringizing, `##` pasting with placemarkers, `__VA_OPT__` and GNU comma elision.

use super::Preprocessor;
use super::expand::{Args, Expanded, Item};
use super::macros::MacroId;
use super::provenance::{ExpansionId, Origin, is_place_value};
use super::token::{PpToken, flags};
use crate::lexer::TokenKind;

impl Preprocessor<'_> {
    /// Substitutes the arguments into a replacement list (or a `__VA_OPT__` group of it).
    pub(super) fn substitute(
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
    pub(super) fn paste_all(&mut self, items: Vec<Item>, expansion: ExpansionId) -> Expanded {
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
        let of_place = (tokens.iter())
            .any(|t| is_place_value(&self.prov, &self.macros, &self.interner, t.origin));
        let origin = self.prov.add_origin(Origin::Stringified {
            expansion,
            param,
            of_place,
        });
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
