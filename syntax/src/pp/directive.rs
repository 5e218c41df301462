//! Directives (C11 6.10 and what gcc 12 accepts in C): reading a directive line and dispatching
//! it; the directives themselves live in `define`, `conditional`, `include` and `line_pragma`.

use super::provenance::{InclusionKind, Origin};
use super::token::{PpToken, flags};
use super::{GuardState, Preprocessor};
use crate::lexer::TokenKind;

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

    pub(super) fn file_token_at(&mut self, idx: usize) -> PpToken {
        let frame = self.stack.last().expect("a frame is open");
        let tok = frame.lexed.tokens.at(idx);
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
    pub(super) fn next_line_token(&mut self) -> Option<PpToken> {
        let mut white = 0;
        loop {
            let frame = self.stack.last_mut().expect("a frame is open");
            let idx = frame.pos;
            let tok = frame.lexed.tokens.get(idx)?;
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
        let (start, end) = lexed.original_range(&lexed.tokens.at(pos));
        let file = frame.file;
        if let Some(frame) = self.stack.last_mut() {
            frame.pos += 1;
        }
        let origin = self.prov.add_origin(Origin::Source { file, start, end });
        let tok = lexed.tokens.at(pos);
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

    pub(super) fn warn_extra_tokens(&mut self, line: &[PpToken], directive: &str) {
        if let Some(extra) = line.first()
            && !self.in_system_header()
        {
            self.warning(
                Some(extra.origin),
                format!("extra tokens at end of #{directive} directive"),
            );
        }
    }
}
