//! `#line`, GNU line markers, `#pragma` and `#ident`.

use super::Preprocessor;
use super::token::{PpToken, flags};
use crate::lexer::TokenKind;

impl Preprocessor<'_> {
    pub(super) fn do_line(&mut self, gnu_marker: bool) {
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
            .map_or(lexed.text.len() as u32, |t| lexed.original_range(&t).0);
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
    pub(super) fn pass_through_line(&mut self, hash: PpToken, name: PpToken, line: Vec<PpToken>) {
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
