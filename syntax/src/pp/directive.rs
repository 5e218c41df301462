//! Directives (C11 6.10 and what gcc 12 accepts in C): conditionals, `#define`/`#undef`,
//! `#include` and friends, `#line`, `#error`/`#warning`, `#pragma`, `#ident`.

use super::macros::{MacroDef, MacroKind};
use super::provenance::{FileId, InclusionKind, Origin, OriginId};
use super::token::{PpToken, Symbol, flags};
use super::{Cond, GuardState, Preprocessor};
use crate::lexer::TokenKind;

/// gcc's limit on `#include` nesting.
const MAX_INCLUDE_DEPTH: usize = 200;

impl Preprocessor<'_> {
    /// Handles the directive whose `#` is lexer token `hash_idx` of the top frame.
    pub(super) fn directive(&mut self, hash_idx: usize) {
        let hash = self.file_token_at(hash_idx);
        let name = self.next_line_token();
        self.note_guard_directive(name.as_ref().map(|t| self.text(t).to_owned()));
        let Some(name) = name else {
            return; // the null directive
        };
        let word = if name.kind == TokenKind::Ident {
            self.text(&name).to_owned()
        } else {
            String::new()
        };
        match word.as_str() {
            "define" => self.do_define(),
            "undef" => self.do_undef(),
            "include" => self.do_include(hash, InclusionKind::Include),
            "include_next" => self.do_include(hash, InclusionKind::IncludeNext),
            "import" => {
                self.warning(
                    Some(name.origin),
                    "#import is a deprecated GCC extension".into(),
                );
                self.do_include(hash, InclusionKind::Include)
            }
            "if" => self.do_if(hash, name.origin),
            "ifdef" | "ifndef" => self.do_ifdef(hash, word == "ifndef"),
            "elifdef" | "elifndef" if self.config.gcc_major < 12 => {
                self.directive_line();
                self.error(
                    Some(name.origin),
                    format!("invalid preprocessing directive #{word}"),
                );
            }
            "elif" | "elifdef" | "elifndef" | "else" | "endif" => {
                self.do_else_group(hash, &word, name.origin)
            }
            "line" => self.do_line(false),
            "error" => {
                let text = self.rest_of_line_text();
                self.error(Some(name.origin), format!("#error {}", text.trim()));
            }
            "warning" => {
                let text = self.rest_of_line_text();
                self.warning(Some(name.origin), format!("#warning {}", text.trim()));
            }
            "pragma" => {
                let line = self.directive_line();
                self.do_pragma(hash, name, line);
            }
            "ident" | "sccs" => {
                let line = self.directive_line();
                self.pass_through_line(hash, name, line);
            }
            "assert" | "unassert" => {
                self.directive_line();
                self.warning(
                    Some(name.origin),
                    format!("#{word} is a deprecated GCC extension"),
                );
            }
            _ if name.kind == TokenKind::Number => {
                // A GNU line marker, `# 33 "file.c" 2`.
                self.pending_line_number = Some(name);
                self.do_line(true);
            }
            _ => {
                let spelling = self.text(&name).to_owned();
                self.directive_line();
                self.error(
                    Some(name.origin),
                    format!("invalid preprocessing directive #{spelling}"),
                );
            }
        }
    }

    fn file_token_at(&mut self, idx: usize) -> PpToken {
        let frame = self.stack.last().expect("a frame is open");
        let tok = frame.lexed.tokens[idx];
        let (start, end) = frame.lexed.original_range(&tok);
        let file = frame.file;
        let text = self.interner.intern("#");
        let origin = self.prov.add_origin(Origin::Source { file, start, end });
        PpToken {
            kind: TokenKind::Punct,
            text,
            flags: flags::BOL,
            origin,
        }
    }

    /// The next token of the directive line, or `None` at its end.
    fn next_line_token(&mut self) -> Option<PpToken> {
        let mut white = 0;
        loop {
            let frame = self.stack.last_mut().expect("a frame is open");
            let idx = frame.pos;
            let tok = frame.lexed.tokens.get(idx).copied()?;
            match tok.kind {
                TokenKind::Newline => return None,
                k if k.is_trivia() => {
                    white = flags::PREV_WHITE;
                    frame.pos += 1;
                    if k.is_diagnosed_trivia() {
                        self.diagnose_trivia(&[idx]);
                    }
                }
                _ => break,
            }
        }
        let frame = self.stack.last().expect("a frame is open");
        let pos = frame.pos;
        let lexed = frame.lexed.clone();
        let (start, end) = lexed.original_range(&lexed.tokens[pos]);
        let file = frame.file;
        if let Some(frame) = self.stack.last_mut() {
            frame.pos += 1;
        }
        let origin = self.prov.add_origin(Origin::Source { file, start, end });
        let tok = lexed.tokens[pos];
        Some(PpToken {
            kind: tok.kind,
            text: self.interner.intern_token(tok.kind, lexed.spelling(&tok)),
            flags: white,
            origin,
        })
    }

    /// Directives other than the guard's own conditional make a file unguarded.
    fn note_guard_directive(&mut self, name: Option<String>) {
        let Some(frame) = self.stack.last_mut() else {
            return;
        };
        let inside = matches!(frame.guard, GuardState::Inside(_)) && !frame.conds.is_empty();
        let conditional = matches!(name.as_deref(), Some("ifndef" | "if"));
        match frame.guard {
            GuardState::Start if conditional && frame.conds.is_empty() => {}
            GuardState::Inside(_) if inside => {}
            GuardState::Closed(_) | GuardState::Start => frame.guard = GuardState::Invalid,
            _ => {}
        }
    }

    fn warn_extra_tokens(&mut self, line: &[PpToken], directive: &str) {
        if let Some(extra) = line.first()
            && !self.in_system_header()
        {
            self.warning(
                Some(extra.origin),
                format!("extra tokens at end of #{directive} directive"),
            );
        }
    }

    // ---------------------------------------------------------------- #define, #undef

    fn do_define(&mut self) {
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

    fn source_start(&self, origin: OriginId) -> (FileId, u32) {
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

    fn do_undef(&mut self) {
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

    // ---------------------------------------------------------------- conditionals

    fn directive_range(&self, hash: &PpToken) -> (u32, u32) {
        let start = self.source_start(hash.origin).1;
        let end = self.stack.last().map_or(start, |f| {
            let lexed = &f.lexed;
            lexed
                .tokens
                .get(f.pos)
                .map_or(lexed.text.len() as u32, |t| lexed.original_range(t).0)
        });
        (start, end)
    }

    fn do_if(&mut self, hash: PpToken, at: OriginId) {
        let line = self.directive_line();
        let guard = self.guard_candidate_of_if(&line);
        let value = self.eval_if(line, at);
        self.push_cond(hash, value, guard, "if");
    }

    /// `#if !defined NAME` / `#if !defined(NAME)`: an include guard too.
    fn guard_candidate_of_if(&self, line: &[PpToken]) -> Option<Symbol> {
        let texts: Vec<&str> = line.iter().map(|t| self.text(t)).collect();
        match texts.as_slice() {
            ["!", "defined", _] | ["!", "defined", "(", _, ")"] => line
                .iter()
                .find(|t| t.kind == TokenKind::Ident && t.text != self.sym.defined)
                .map(|t| t.text),
            _ => None,
        }
    }

    fn do_ifdef(&mut self, hash: PpToken, negate: bool) {
        let line = self.directive_line();
        let directive = if negate { "ifndef" } else { "ifdef" };
        let value = match line.first().copied() {
            Some(name) if name.kind == TokenKind::Ident => {
                self.warn_extra_tokens(&line[1..], directive);
                self.test_macro(&name) != negate
            }
            Some(other) => {
                self.error(Some(other.origin), "macro names must be identifiers".into());
                false
            }
            None => {
                self.error(
                    Some(hash.origin),
                    format!("no macro name given in #{directive} directive"),
                );
                false
            }
        };
        let guard = if negate {
            line.first().map(|t| t.text)
        } else {
            None
        };
        self.push_cond(hash, value, guard, directive);
    }

    fn push_cond(&mut self, hash: PpToken, taken: bool, guard: Option<Symbol>, word: &'static str) {
        let range = self.directive_range(&hash);
        let group = self.open_group(range, taken);
        if let Some(frame) = self.stack.last_mut() {
            let guard_candidate = match (frame.guard, guard) {
                (GuardState::Start, Some(name)) if frame.conds.is_empty() => {
                    frame.guard = GuardState::Inside(name);
                    frame.guard_group = Some(group);
                    Some(name)
                }
                _ => None,
            };
            frame.conds.push(Cond {
                any_taken: taken,
                seen_else: false,
                group,
                guard_candidate,
                word,
            });
        }
        if !taken {
            self.skip_to_next_group();
        }
    }

    /// Skips a group that is not taken and handles the directive that ends it.
    fn skip_to_next_group(&mut self) {
        if let Some(idx) = self.skip_group() {
            let hash = self.file_token_at(idx);
            if let Some(name) = self.next_line_token() {
                let word = self.text(&name).to_owned();
                self.do_else_group(hash, &word, name.origin);
            }
        }
    }

    /// `#elif`, `#elifdef`, `#elifndef`, `#else`, `#endif`.
    fn do_else_group(&mut self, hash: PpToken, word: &str, at: OriginId) {
        let Some(cond) = self.stack.last_mut().and_then(|f| f.conds.pop()) else {
            self.directive_line();
            self.error(Some(at), format!("#{word} without #if"));
            return;
        };
        let mut cond = cond;
        // The group ends where the next directive of its conditional begins.
        let next_start = self.source_start(hash.origin).1;
        if let Some(group) = self.prov.conditionals.get_mut(cond.group) {
            group.body.1 = next_start;
            group.positions.1 = self.output.len() as u32;
        }
        if word == "endif" {
            let line = self.directive_line();
            self.warn_extra_tokens(&line, "endif");
            self.close_guard(&cond);
            return;
        }
        if cond.seen_else {
            self.directive_line();
            let message = if word == "else" {
                "#else after #else"
            } else {
                "#elif after #else"
            };
            self.error(Some(at), message.replace("#elif", &format!("#{word}")));
            self.restore_cond(cond);
            self.skip_to_next_group();
            return;
        }
        if let Some(frame) = self.stack.last_mut()
            && cond.guard_candidate.is_some()
        {
            frame.guard = GuardState::Invalid;
            cond.guard_candidate = None;
        }
        let taken = if cond.any_taken {
            self.directive_line();
            false
        } else {
            self.eval_group_condition(word, hash, at)
        };
        if word == "else" {
            cond.seen_else = true;
        }
        cond.word = match word {
            "else" => "else",
            "elifdef" => "elifdef",
            "elifndef" => "elifndef",
            _ => "elif",
        };
        cond.any_taken |= taken;
        let range = self.directive_range(&hash);
        cond.group = self.open_group(range, taken);
        self.restore_cond(cond);
        if !taken {
            self.skip_to_next_group();
        }
    }

    fn restore_cond(&mut self, cond: Cond) {
        if let Some(frame) = self.stack.last_mut() {
            frame.conds.push(cond);
        }
    }

    fn eval_group_condition(&mut self, word: &str, hash: PpToken, at: OriginId) -> bool {
        let line = self.directive_line();
        match word {
            "else" => {
                self.warn_extra_tokens(&line, "else");
                true
            }
            "elif" => self.eval_if(line, at),
            _ => match line.first() {
                Some(&name) if name.kind == TokenKind::Ident => {
                    self.test_macro(&name) == (word == "elifdef")
                }
                _ => {
                    self.error(
                        Some(hash.origin),
                        format!("no macro name given in #{word} directive"),
                    );
                    false
                }
            },
        }
    }

    /// Whether the macro named by `name` is defined, noted when it is.
    pub(super) fn test_macro(&mut self, name: &PpToken) -> bool {
        let Some(macro_id) = self.macros.lookup(name.text) else {
            return false;
        };
        let test = super::provenance::MacroTest {
            name: name.origin,
            macro_id,
        };
        self.prov.macro_tests.push(test);
        true
    }

    fn close_guard(&mut self, cond: &Cond) {
        if let Some(frame) = self.stack.last_mut()
            && let Some(name) = cond.guard_candidate
            && frame.conds.is_empty()
            && frame.guard == GuardState::Inside(name)
        {
            frame.guard = GuardState::Closed(name);
        }
    }

    // ---------------------------------------------------------------- #include

    fn do_include(&mut self, hash: PpToken, kind: InclusionKind) {
        let Some((name, quoted, at)) = self.header_name() else {
            return;
        };
        if self.stack.len() >= MAX_INCLUDE_DEPTH {
            self.error(
                Some(at),
                format!(
                    "#include nested depth {} exceeds maximum of {MAX_INCLUDE_DEPTH}",
                    self.stack.len()
                ),
            );
            return;
        }
        let (start, current_dir) = self.search_start_for(kind, quoted);
        let (file, found_in) = match self.find_include(&name, quoted, start, current_dir) {
            Ok(found) => found,
            Err(error) => {
                self.error(Some(at), super::files::load_error_message(&name, &error));
                self.stop();
                return;
            }
        };
        if self.skip_reinclusion(file) {
            if let Some(frame) = self.stack.last() {
                let parent = frame.inclusion;
                (self.prov.reinclusions).push(super::provenance::Reinclusion { parent, file });
            }
            return;
        }
        if !self.may_enter(file, at) {
            return;
        }
        let range = self.directive_range(&hash);
        let from = self.stack.last().map(|f| (f.file, range.0, range.1));
        let spelling = if quoted {
            format!("\"{name}\"")
        } else {
            format!("<{name}>")
        };
        let inclusion = self.add_inclusion(from, file, spelling, kind);
        self.push_frame(file, inclusion, found_in, false);
    }

    /// Stops preprocessing after a fatal error, as gcc does.
    pub(super) fn stop(&mut self) {
        self.stack.clear();
        self.contexts.clear();
        self.pending.clear();
    }

    /// The header name of `#include` (also `__has_include`): `"name"`, `<name>`, or macros
    /// expanding to one. Returns the name, whether it was quoted, and its origin.
    fn header_name(&mut self) -> Option<(String, bool, OriginId)> {
        let line = self.directive_line();
        let Some(first) = line.first().copied() else {
            self.error(None, "#include expects \"FILENAME\" or <FILENAME>".into());
            return None;
        };
        let tokens = if first.kind == TokenKind::StrLit || self.is_punct(&first, "<") {
            line
        } else {
            self.expand_line(line, false)
        };
        let parsed = self.parse_header_tokens(&tokens);
        if parsed.is_none() {
            self.error(
                Some(first.origin),
                "#include expects \"FILENAME\" or <FILENAME>".into(),
            );
        }
        parsed
    }

    /// `"name"` or `<` tokens `>` (spellings joined, a space where there was whitespace).
    pub(super) fn parse_header_tokens(
        &mut self,
        tokens: &[PpToken],
    ) -> Option<(String, bool, OriginId)> {
        let first = *tokens.first()?;
        if first.kind == TokenKind::StrLit {
            let text = self.text(&first);
            let name = text.strip_prefix('"')?.strip_suffix('"')?.to_owned();
            return Some((name, true, first.origin));
        }
        if !self.is_punct(&first, "<") {
            return None;
        }
        // Written directly in the file, the name is the raw text between < and >.
        if let Some(raw) = self.raw_angle_name(&tokens[0], tokens) {
            return Some((raw, false, first.origin));
        }
        let mut name = String::new();
        for tok in &tokens[1..] {
            if self.is_punct(tok, ">") {
                return Some((name, false, first.origin));
            }
            if tok.has(flags::PREV_WHITE) && !name.is_empty() {
                name.push(' ');
            }
            name.push_str(self.text(tok));
        }
        None
    }

    /// The text between `<` and the next `>` on the same line when both come from the same
    /// file (so that `<a//b.h>` keeps its characters).
    fn raw_angle_name(&self, open: &PpToken, tokens: &[PpToken]) -> Option<String> {
        let Origin::Source {
            file,
            end: open_end,
            ..
        } = self.prov.origin(open.origin)
        else {
            return None;
        };
        let close = tokens.iter().find(|t| self.is_punct(t, ">"))?;
        let Origin::Source {
            file: f2,
            start: close_start,
            ..
        } = self.prov.origin(close.origin)
        else {
            return None;
        };
        if f2 != file {
            return None;
        }
        let lexed = &self.files[file.0 as usize];
        if lexed.has_splices() {
            return None;
        }
        lexed
            .text
            .get(open_end as usize..close_start as usize)
            .map(str::to_owned)
    }

    // ---------------------------------------------------------------- #line

    fn do_line(&mut self, gnu_marker: bool) {
        let mut line = self.directive_line();
        if let Some(number) = self.pending_line_number.take() {
            line.insert(0, number);
        }
        let tokens = if gnu_marker {
            line
        } else {
            self.expand_line(line, false)
        };
        let Some(number) = tokens.first().copied() else {
            self.error(None, "unexpected end of file after #line".into());
            return;
        };
        let Some(value) = self
            .text(&number)
            .parse::<u64>()
            .ok()
            .filter(|_| number.kind == TokenKind::Number)
        else {
            let spelling = self.text(&number).to_owned();
            self.error(
                Some(number.origin),
                format!("\"{spelling}\" after #line is not a positive integer"),
            );
            return;
        };
        let name = tokens.get(1).and_then(|t| {
            let text = self.text(t);
            (t.kind == TokenKind::StrLit).then(|| text.trim_matches('"').to_owned())
        });
        let physical_next = self.current_physical_line() as i64;
        if let Some(frame) = self.stack.last_mut() {
            frame.line_delta = value as i64 - physical_next;
            if name.is_some() {
                frame.presumed_name = name;
            }
        }
    }

    /// The physical (1-based) line of the top frame's read position.
    fn current_physical_line(&self) -> u32 {
        let Some(frame) = self.stack.last() else {
            return 1;
        };
        let lexed = &frame.lexed;
        let offset = lexed
            .tokens
            .get(frame.pos)
            .map_or(lexed.text.len() as u32, |t| lexed.original_range(t).0);
        // The position is at the newline ending the directive: the next line follows it
        // (0-based index + 1, and + 1 again for 1-based numbering).
        lexed.line_of(offset) + 2
    }

    // ---------------------------------------------------------------- #pragma, #ident

    /// Executes the pragmas cpplib handles itself; passes the others through to the output.
    pub(super) fn do_pragma(&mut self, hash: PpToken, name: PpToken, line: Vec<PpToken>) {
        let words: Vec<String> = line
            .iter()
            .take(2)
            .map(|t| self.text(t).to_owned())
            .collect();
        let words: Vec<&str> = words.iter().map(String::as_str).collect();
        match words.as_slice() {
            ["once", ..] => self.pragma_once(&line),
            ["push_macro", ..] | ["pop_macro", ..] => self.pragma_push_pop(&line),
            ["GCC", "system_header"] => {
                if self.stack.len() > 1
                    && let Some(frame) = self.stack.last()
                {
                    let file = frame.file;
                    self.prov.files[file.0 as usize].system = true;
                }
            }
            ["GCC", "poison"] => {
                for tok in &line[2..] {
                    if tok.kind == TokenKind::Ident {
                        self.poisoned.push(tok.text);
                    }
                }
            }
            ["GCC", "warning" | "error"] => {
                let message = line
                    .get(2)
                    .map(|t| self.text(t).trim_matches('"').to_owned())
                    .unwrap_or_default();
                if words[1] == "error" {
                    self.error(Some(line[1].origin), message);
                } else {
                    self.warning(Some(line[1].origin), message);
                }
            }
            ["GCC", "dependency"] => {}
            _ => self.pass_through_line(hash, name, line),
        }
    }

    fn pragma_once(&mut self, line: &[PpToken]) {
        if self.stack.len() <= 1 {
            if let Some(tok) = line.first() {
                self.warning(Some(tok.origin), "#pragma once in main file".into());
            }
            return;
        }
        if let Some(frame) = self.stack.last() {
            self.once_files.push(frame.file);
        }
    }

    fn pragma_push_pop(&mut self, line: &[PpToken]) {
        let texts: Vec<&str> = line.iter().map(|t| self.text(t)).collect();
        let ["push_macro" | "pop_macro", "(", name, ")"] = texts.as_slice() else {
            if let Some(tok) = line.first() {
                let origin = tok.origin;
                self.error(
                    Some(origin),
                    "invalid #pragma push_macro/pop_macro directive".into(),
                );
            }
            return;
        };
        let push = texts[0] == "push_macro";
        let name = name
            .trim_start_matches(['L', 'u', 'U', '8'])
            .trim_matches('"')
            .to_owned();
        let sym = self.interner.intern_token(TokenKind::Ident, &name);
        if push {
            self.macros.push_macro(sym);
        } else {
            self.macros.pop_macro(sym);
        }
    }

    /// Queues `# NAME tokens...` as a line of its own in the output.
    fn pass_through_line(&mut self, hash: PpToken, name: PpToken, line: Vec<PpToken>) {
        let mark = |t: PpToken| PpToken {
            flags: t.flags | flags::PRAGMA | flags::NO_EXPAND,
            ..t
        };
        self.pending
            .push_back(mark(hash).with_flag(flags::BOL, true));
        self.pending.push_back(mark(name));
        for tok in line {
            self.pending.push_back(mark(tok));
        }
    }
}
