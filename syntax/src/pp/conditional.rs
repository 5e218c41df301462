//! Conditional groups: `#if`, `#ifdef`, `#elif`, `#else`, `#endif`, and include guards.

use super::provenance::OriginId;
use super::token::{PpToken, Symbol};
use super::{Cond, GuardState, Preprocessor};
use crate::lexer::TokenKind;

impl Preprocessor<'_> {
    pub(super) fn directive_range(&self, hash: &PpToken) -> (u32, u32) {
        let start = self.source_start(hash.origin).1;
        let end = self.stack.last().map_or(start, |f| {
            let lexed = &f.lexed;
            lexed
                .tokens
                .get(f.pos)
                .map_or(lexed.text.len() as u32, |t| lexed.original_range(&t).0)
        });
        (start, end)
    }

    pub(super) fn do_if(&mut self, hash: PpToken, at: OriginId) {
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

    pub(super) fn do_ifdef(&mut self, hash: PpToken, negate: bool) {
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
    pub(super) fn do_else_group(&mut self, hash: PpToken, word: &str, at: OriginId) {
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
}
