//! `#define` and `#undef`: macro definitions checked as gcc checks them.

use super::Preprocessor;
use super::macros::{MacroDef, MacroKind};
use super::provenance::{FileId, Origin, OriginId};
use super::token::{PpToken, Symbol, flags};
use crate::lexer::TokenKind;

impl Preprocessor<'_> {
    pub(super) fn do_define(&mut self) {
        let line = self.directive_line();
        let Some(def) = self.parse_define(&line) else {
            return;
        };
        if let Some(old) = self.macros.lookup(def.name) {
            let old_def = self.macros.def(old);
            if matches!(old_def.kind, MacroKind::Builtin(_)) {
                let name = self.interner.resolve(def.name).to_owned();
                self.warning(
                    def.name_origin,
                    format!("redefining builtin macro \"{name}\""),
                );
            } else if !old_def.same_definition(&def) {
                let name = self.interner.resolve(def.name).to_owned();
                self.warning(def.name_origin, format!("\"{name}\" redefined"));
            }
        }
        self.macros.add(def);
    }

    /// Parses `NAME[(params)] body` of a `#define` line.
    pub(super) fn parse_define(&mut self, line: &[PpToken]) -> Option<MacroDef> {
        let Some(name) = line.first().copied() else {
            self.error(None, "no macro name given in #define directive".into());
            return None;
        };
        if !self.check_macro_name(&name, "#define") {
            return None;
        }
        let mut rest = &line[1..];
        let mut kind = MacroKind::Object;
        if let Some(open) = rest.first()
            && self.is_punct(open, "(")
            && !open.has(flags::PREV_WHITE)
        {
            let (params, variadic, consumed) = self.parse_params(&rest[1..], name.origin)?;
            kind = MacroKind::Function { params, variadic };
            rest = &rest[1 + consumed..];
        } else if let Some(first) = rest.first()
            && !first.has(flags::PREV_WHITE)
        {
            self.warning(
                Some(first.origin),
                "missing whitespace after the macro name".into(),
            );
        }
        let mut body = rest.to_vec();
        if let Some(first) = body.first_mut() {
            first.flags &= !flags::PREV_WHITE;
        }
        if !self.check_body(&kind, &body) {
            return None;
        }
        let directive = self.stack.last().map(|f| {
            let (file, start) = self.source_start(name.origin);
            let end = line.last().map_or(start, |t| self.source_start(t.origin).1);
            (if file == FileId(0) { f.file } else { file }, start, end)
        });
        Some(MacroDef {
            name: name.text,
            kind,
            body: body.into(),
            name_origin: Some(name.origin),
            directive,
        })
    }

    pub(super) fn source_start(&self, origin: OriginId) -> (FileId, u32) {
        match self.prov.origin(origin) {
            Origin::Source { file, start, .. } => (file, start),
            _ => (FileId(0), 0),
        }
    }

    fn check_macro_name(&mut self, name: &PpToken, directive: &str) -> bool {
        if name.kind != TokenKind::Ident {
            self.error(Some(name.origin), "macro names must be identifiers".into());
            return false;
        }
        if name.text == self.sym.defined {
            self.error(
                Some(name.origin),
                "\"defined\" cannot be used as a macro name".into(),
            );
            return false;
        }
        if self.poisoned.contains(&name.text) {
            let spelling = self.text(name).to_owned();
            self.error(
                Some(name.origin),
                format!("attempt to use poisoned \"{spelling}\""),
            );
            return false;
        }
        let _ = directive;
        true
    }

    /// Parses a parameter list after `(`; returns the names, variadic-ness and the number of
    /// tokens consumed including `)`.
    fn parse_params(
        &mut self,
        toks: &[PpToken],
        at: OriginId,
    ) -> Option<(Vec<Symbol>, bool, usize)> {
        let mut params = Vec::new();
        let mut i = 0;
        if toks.first().is_some_and(|t| self.is_punct(t, ")")) {
            return Some((params, false, 1));
        }
        loop {
            let Some(tok) = toks.get(i).copied() else {
                self.error(Some(at), "missing ')' in macro parameter list".into());
                return None;
            };
            i += 1;
            let mut variadic = false;
            if self.is_punct(&tok, "...") {
                params.push(self.sym.va_args);
                variadic = true;
            } else if tok.kind == TokenKind::Ident {
                if tok.text == self.sym.va_args {
                    self.error(
                        Some(tok.origin),
                        "__VA_ARGS__ can not be used as a parameter name".into(),
                    );
                    return None;
                }
                if params.contains(&tok.text) {
                    let name = self.text(&tok).to_owned();
                    self.error(
                        Some(tok.origin),
                        format!("duplicate macro parameter \"{name}\""),
                    );
                    return None;
                }
                params.push(tok.text);
                if toks.get(i).is_some_and(|t| self.is_punct(t, "...")) {
                    i += 1;
                    variadic = true;
                }
            } else {
                let found = self.text(&tok).to_owned();
                self.error(
                    Some(tok.origin),
                    format!("expected parameter name, found \"{found}\""),
                );
                return None;
            }
            match toks.get(i).copied() {
                Some(t) if self.is_punct(&t, ")") => return Some((params, variadic, i + 1)),
                Some(t) if self.is_punct(&t, ",") && !variadic => i += 1,
                Some(t) => {
                    let found = self.text(&t).to_owned();
                    self.error(
                        Some(t.origin),
                        format!("expected ',' or ')', found \"{found}\""),
                    );
                    return None;
                }
                None => {
                    self.error(Some(at), "missing ')' in macro parameter list".into());
                    return None;
                }
            }
        }
    }

    /// C11 6.10.3.2p1 and 6.10.3.3p1 constraints on the replacement list.
    fn check_body(&mut self, kind: &MacroKind, body: &[PpToken]) -> bool {
        if let Some(first) = body.first()
            && self.is_punct(first, "##")
        {
            self.error(
                Some(first.origin),
                "'##' cannot appear at either end of a macro expansion".into(),
            );
            return false;
        }
        if let Some(last) = body.last()
            && self.is_punct(last, "##")
        {
            self.error(
                Some(last.origin),
                "'##' cannot appear at either end of a macro expansion".into(),
            );
            return false;
        }
        if let MacroKind::Function { params, variadic } = kind {
            for (i, tok) in body.iter().enumerate() {
                if !self.is_punct(tok, "#") {
                    continue;
                }
                let next = body.get(i + 1);
                let ok = next.is_some_and(|n| {
                    params.contains(&n.text) || (*variadic && n.text == self.sym.va_opt)
                });
                if !ok {
                    self.error(
                        Some(tok.origin),
                        "'#' is not followed by a macro parameter".into(),
                    );
                    return false;
                }
            }
        }
        true
    }

    pub(super) fn do_undef(&mut self) {
        let line = self.directive_line();
        let Some(name) = line.first().copied() else {
            self.error(None, "no macro name given in #undef directive".into());
            return;
        };
        if !self.check_macro_name(&name, "#undef") {
            return;
        }
        self.warn_extra_tokens(&line[1..], "undef");
        self.macros.undef(name.text, name.origin);
    }
}
