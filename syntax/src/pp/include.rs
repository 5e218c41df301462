//! `#include` and `#include_next`: header names and entering files.

use super::Preprocessor;
use super::provenance::{InclusionKind, Origin, OriginId};
use super::token::{PpToken, flags};
use crate::lexer::TokenKind;

/// gcc's limit on `#include` nesting.
const MAX_INCLUDE_DEPTH: usize = 200;

impl Preprocessor<'_> {
    pub(super) fn do_include(&mut self, hash: PpToken, kind: InclusionKind) {
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
            let offset = self.source_start(hash.origin).1;
            if let Some(frame) = self.stack.last() {
                let parent = frame.inclusion;
                let reinclusion = super::provenance::Reinclusion {
                    parent,
                    file,
                    offset,
                };
                (self.prov.reinclusions).push(reinclusion);
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
}
