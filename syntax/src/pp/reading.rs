//! Reading the files entered: file tokens with trivia and newlines folded into token flags,
//! directives dispatched, directive lines collected, skipped groups passed over.

use super::provenance::{ConditionalGroup, InclusionId, Origin};
use super::token::{PpToken, flags};
use super::{BaseMode, GuardState, Preprocessor};
use crate::lexer::{LexedFile, TokenKind};

impl Preprocessor<'_> {
    /// Makes a preprocessor token of the lexer token at `idx` in the top frame.
    fn file_token(&mut self, idx: usize, flags: u8) -> PpToken {
        let frame = self.stack.last().expect("a frame is open");
        let lexed = &frame.lexed;
        let tok = lexed.tokens.at(idx);
        let (start, end) = lexed.original_range(&tok);
        let file = frame.file;
        let spelling = lexed.spelling(&tok);
        let nul_in_literal =
            matches!(tok.kind, TokenKind::StrLit | TokenKind::CharLit) && spelling.contains('\0');
        let text = self.interner.intern_token(tok.kind, spelling);
        let origin = self.prov.add_origin(Origin::Source { file, start, end });
        if nul_in_literal && !self.in_system_header() {
            self.warning(
                Some(origin),
                "null character(s) preserved in literal".into(),
            );
        }
        PpToken {
            kind: tok.kind,
            text,
            flags,
            origin,
        }
    }

    /// What gcc says of trivia as it lexes it, for the lexer tokens at `indices` of the top
    /// frame: a warning for whitespace holding null characters (not in system headers), an
    /// error, at its `/*`, for a comment the file ends in.
    pub(super) fn diagnose_trivia(&mut self, indices: &[usize]) {
        for &idx in indices {
            let Some(frame) = self.stack.last() else {
                return;
            };
            let Some(tok) = frame.lexed.tokens.get(idx) else {
                continue;
            };
            let (start, end) = frame.lexed.original_range(&tok);
            let file = frame.file;
            match tok.kind {
                TokenKind::NulWhitespace if !self.in_system_header() => {
                    let origin = self.prov.add_origin(Origin::Source { file, start, end });
                    self.warning(Some(origin), "null character(s) ignored".into());
                }
                TokenKind::UnterminatedComment => {
                    let end = start + 2;
                    let origin = self.prov.add_origin(Origin::Source { file, start, end });
                    self.error(Some(origin), "unterminated comment".into());
                }
                _ => {}
            }
        }
    }

    /// The next token of the base: the pending queue, the directive line being evaluated, or
    /// the files. `None` at the end of the line or of the TU.
    pub(super) fn base_next(&mut self) -> Option<PpToken> {
        if let Some(tok) = self.pending.pop_front() {
            return Some(tok);
        }
        if let Some((line, pos)) = &mut self.line {
            let tok = line.get(*pos).copied();
            *pos += 1;
            return tok;
        }
        loop {
            self.stack.last()?;
            match self.scan_frame() {
                Scan::Token(idx, flags) => {
                    let tok = self.file_token(idx, flags);
                    self.note_guard_token();
                    return Some(tok);
                }
                Scan::Directive(hash_idx) => {
                    self.maybe_checkpoint_at_include(hash_idx);
                    self.directive(hash_idx);
                    if let Some(tok) = self.pending.pop_front() {
                        return Some(tok);
                    }
                }
                Scan::End => {
                    if self.base_mode == BaseMode::Arguments {
                        return None;
                    }
                    self.pop_frame();
                    if self.stack.is_empty() {
                        return None;
                    }
                }
            }
        }
    }

    /// Whether the next base token is `(`, without consuming anything else (a function-like
    /// macro name looks ahead across newlines, but a directive line stops the search).
    pub(super) fn base_peek_paren(&mut self) -> bool {
        if let Some(tok) = self.pending.front() {
            let tok = *tok;
            return self.is_punct(&tok, "(");
        }
        if let Some((line, pos)) = &self.line {
            return match line.get(*pos).copied() {
                Some(tok) => self.is_punct(&tok, "("),
                None => false,
            };
        }
        let Some(frame) = self.stack.last() else {
            return false;
        };
        let lexed = &frame.lexed;
        let mut bol = frame.at_bol;
        for tok in lexed.tokens.iter_from(frame.pos) {
            match tok.kind {
                k if k.is_trivia() => {}
                TokenKind::Newline => bol = true,
                TokenKind::Punct => {
                    let s = super::token::canonical_punct(lexed.spelling(&tok));
                    return s == "(" && !(bol && s == "#");
                }
                _ => return false,
            }
        }
        false
    }

    /// Advances the top frame to its next token or directive.
    fn scan_frame(&mut self) -> Scan {
        let in_args = self.base_mode == BaseMode::Arguments;
        let frame = self.stack.last_mut().expect("a frame is open");
        let lexed = frame.lexed.clone();
        let mut flags = 0;
        // Diagnosed once the frame is no longer borrowed (rare: no allocation otherwise).
        let mut diagnosed = Vec::new();
        let scan = loop {
            let Some(tok) = lexed.tokens.get(frame.pos) else {
                break Scan::End;
            };
            let idx = frame.pos;
            frame.pos += 1;
            match tok.kind {
                k if k.is_trivia() => {
                    flags |= flags::PREV_WHITE;
                    if k.is_diagnosed_trivia() {
                        diagnosed.push(idx);
                    }
                }
                TokenKind::Newline => {
                    frame.at_bol = true;
                    flags |= flags::PREV_WHITE;
                }
                _ => {
                    let bol = frame.at_bol;
                    frame.at_bol = false;
                    if bol
                        && tok.kind == TokenKind::Punct
                        && super::token::canonical_punct(lexed.spelling(&tok)) == "#"
                    {
                        break Scan::Directive(idx);
                    }
                    if bol && !in_args {
                        flags |= flags::BOL;
                    }
                    break Scan::Token(idx, flags);
                }
            }
        };
        self.diagnose_trivia(&diagnosed);
        scan
    }

    /// Closes the top file: unterminated conditionals are errors; a guard is remembered.
    pub(super) fn pop_frame(&mut self) {
        let Some(frame) = self.stack.pop() else {
            return;
        };
        for cond in frame.conds.iter().rev() {
            let group = &self.prov.conditionals[cond.group];
            let (start, end) = group.directive;
            let origin = self.prov.add_origin(Origin::Source {
                file: frame.file,
                start,
                end,
            });
            self.diags.push(crate::diagnostic::Diagnostic {
                severity: crate::diagnostic::Severity::Error,
                message: format!("unterminated #{}", cond.word),
                origin: Some(origin),
                extent: crate::diagnostic::Extent::Token,
                inclusion: Some(frame.inclusion),
            });
        }
        let left_at = self.output.len() as u32;
        if let Some(inclusion) = self.prov.inclusions.get_mut(frame.inclusion.0 as usize) {
            inclusion.positions.1 = left_at;
        }
        if let GuardState::Closed(name) = frame.guard {
            self.guards.insert(frame.file, name);
            self.resumable.guards_log.push((frame.file, name));
            if let Some(group) = frame
                .guard_group
                .and_then(|g| self.prov.conditionals.get_mut(g))
            {
                group.guard = true;
            }
        }
    }

    /// A token outside the guard conditional means the file is not guarded.
    fn note_guard_token(&mut self) {
        if let Some(frame) = self.stack.last_mut() {
            match frame.guard {
                GuardState::Inside(_) => {}
                _ => frame.guard = GuardState::Invalid,
            }
        }
    }

    /// Reads the rest of the directive line after the token at `from` (exclusive) as raw
    /// tokens; the frame is left at the start of the next line.
    pub(super) fn directive_line(&mut self) -> Vec<PpToken> {
        let mut out = Vec::new();
        let mut flags = 0;
        loop {
            let frame = self.stack.last_mut().expect("a frame is open");
            let Some(tok) = frame.lexed.tokens.get(frame.pos) else {
                break;
            };
            if tok.kind == TokenKind::Newline {
                break;
            }
            let idx = frame.pos;
            frame.pos += 1;
            if tok.kind.is_trivia() {
                flags |= flags::PREV_WHITE;
                if tok.kind.is_diagnosed_trivia() {
                    self.diagnose_trivia(&[idx]);
                }
                continue;
            }
            out.push(self.file_token(idx, flags));
            flags = 0;
        }
        out
    }

    /// The original text of the rest of the directive line, for `#error`, `#warning` and
    /// header names.
    pub(super) fn rest_of_line_text(&mut self) -> String {
        let frame = self.stack.last_mut().expect("a frame is open");
        let lexed = &frame.lexed;
        let start = lexed
            .tokens
            .get(frame.pos)
            .map_or(lexed.text.len(), |t| t.start as usize);
        let mut end = start;
        let mut diagnosed = Vec::new();
        while let Some(tok) = lexed.tokens.get(frame.pos) {
            if tok.kind == TokenKind::Newline {
                break;
            }
            if tok.kind.is_diagnosed_trivia() {
                diagnosed.push(frame.pos);
            }
            end = tok.end as usize;
            frame.pos += 1;
        }
        let text = lexed.text[start..end].to_owned();
        self.diagnose_trivia(&diagnosed);
        text
    }

    /// Skips the lines of a group that is not taken, up to the directive that ends it (which
    /// is left for the caller: its `#` index is returned), or the end of the file.
    pub(super) fn skip_group(&mut self) -> Option<usize> {
        let frame = self.stack.last_mut().expect("a frame is open");
        let lexed = frame.lexed.clone();
        let tokens = &lexed.tokens;
        let mut depth = 0usize;
        let mut bol = true;
        // gcc lexes skipped lines too, and says the same of their trivia.
        let mut diagnosed = Vec::new();
        let mut end = None;
        while let Some(tok) = tokens.get(frame.pos) {
            let idx = frame.pos;
            frame.pos += 1;
            match tok.kind {
                TokenKind::Newline => bol = true,
                k if k.is_diagnosed_trivia() => diagnosed.push(idx),
                k if k.is_trivia() => {}
                TokenKind::Punct
                    if bol && super::token::canonical_punct(lexed.spelling(&tok)) == "#" =>
                {
                    bol = false;
                    let name = next_ident(&lexed, frame.pos);
                    match name {
                        Some("if" | "ifdef" | "ifndef") => depth += 1,
                        Some("endif") if depth > 0 => depth -= 1,
                        Some("elifdef" | "elifndef") if self.config.gcc_major < 12 => {}
                        Some("elif" | "else" | "elifdef" | "elifndef" | "endif") if depth == 0 => {
                            end = Some(idx);
                            break;
                        }
                        _ => {}
                    }
                }
                _ => bol = false,
            }
        }
        // At the end of the file, a line starts; a directive ending the group was begun.
        frame.at_bol = end.is_none();
        self.diagnose_trivia(&diagnosed);
        end
    }

    pub(super) fn open_group(&mut self, directive: (u32, u32), taken: bool) -> usize {
        let inclusion = self
            .stack
            .last()
            .map(|f| f.inclusion)
            .unwrap_or(InclusionId(0));
        self.prov.conditionals.push(ConditionalGroup {
            inclusion,
            directive,
            body: (directive.1, directive.1),
            taken,
            guard: false,
            positions: (self.output.len() as u32, self.output.len() as u32),
        });
        self.prov.conditionals.len() - 1
    }
}

/// What the top frame holds next.
enum Scan {
    Token(usize, u8),
    Directive(usize),
    End,
}

/// The identifier after a `#` (skipping whitespace), in a skipped group.
fn next_ident(lexed: &LexedFile, mut pos: usize) -> Option<&str> {
    while let Some(tok) = lexed.tokens.get(pos) {
        match tok.kind {
            k if k.is_trivia() => pos += 1,
            TokenKind::Ident => return Some(lexed.spelling(&tok)),
            _ => return None,
        }
    }
    None
}
