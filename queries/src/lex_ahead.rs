//! Lexing the headers a TU will include ahead of its preprocessing, on another core.
//!
//! While `preprocess` runs, another thread reads the files it is about to enter: the
//! pre-included files and the main file, and, depth first in the order they are written,
//! the headers their `#include "..."` and `#include <...>` lines name outside any
//! conditional (an include guard's excepted), found along the same search chain, each once.
//! It reads them through the `lex` query of a handle on the same database, so the
//! preprocessor finds them lexed (or waits for the file being lexed). Only the files the
//! preprocessor enters anyway are read: an `#include` in a conditional group, one whose name
//! a macro gives and `#include_next` are left to it. What the thread reads is no dependency
//! of `preprocess`, which asks for each file itself.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use rustc_hash::FxHashSet;
use syntax::lexer::{LexedFile, TokenKind};
use syntax::pp::PpConfig;

use crate::db::SourceDb;
use crate::lexing::lex;

/// How deep the headers read ahead nest (the preprocessor's own bound is larger; past this,
/// it reads them itself).
const MAX_DEPTH: usize = 64;

/// Reads ahead the files the preprocessing of `config` enters, until `stop` is set.
pub(crate) fn lex_ahead(db: &dyn SourceDb, config: &PpConfig, stop: &AtomicBool) {
    let mut ahead = Ahead {
        db,
        config,
        stop,
        seen: FxHashSet::default(),
    };
    for (path, _) in &config.pre_includes {
        let found = match ahead.load(path) {
            Some(lexed) => Some((path.clone(), lexed)),
            None => ahead.search(&path.to_string_lossy(), true, None),
        };
        if let Some((path, lexed)) = found {
            ahead.enter(&path, &lexed, 0);
        }
    }
    if let Some(lexed) = ahead.load(&config.main_file) {
        ahead.enter(&config.main_file, &lexed, 0);
    }
}

struct Ahead<'a> {
    db: &'a dyn SourceDb,
    config: &'a PpConfig,
    stop: &'a AtomicBool,
    /// The files entered.
    seen: FxHashSet<PathBuf>,
}

impl Ahead<'_> {
    /// The file at `path`, lexed, if it is there.
    fn load(&self, path: &Path) -> Option<Arc<LexedFile>> {
        if self.stop.load(Ordering::Relaxed) {
            return None;
        }
        lex(self.db, self.db.file(path)).ok()
    }

    /// Reads the headers `lexed` (at `path`) includes, each with the headers it includes.
    fn enter(&mut self, path: &Path, lexed: &LexedFile, depth: usize) {
        if depth >= MAX_DEPTH || !self.seen.insert(path.to_path_buf()) {
            return;
        }
        let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
        for (name, quoted) in unconditional_includes(lexed) {
            if self.stop.load(Ordering::Relaxed) {
                return;
            }
            if let Some((path, lexed)) = self.search(&name, quoted, Some(&dir)) {
                self.enter(&path, &lexed, depth + 1);
            }
        }
    }

    /// `find_include`'s search for `name` (absolute; beside the includer in `dir` when
    /// quoted; along the chain), by the same paths.
    fn search(
        &self,
        name: &str,
        quoted: bool,
        dir: Option<&Path>,
    ) -> Option<(PathBuf, Arc<LexedFile>)> {
        let path = Path::new(name);
        if path.is_absolute() {
            return Some((path.to_path_buf(), self.load(path)?));
        }
        let beside = dir.filter(|_| quoted && !self.config.skip_includer_dir);
        let start = if quoted { 0 } else { self.config.bracket_start };
        let chain =
            (self.config.search.get(start..).unwrap_or_default().iter()).map(|d| d.path.join(name));
        for candidate in beside.map(|d| d.join(name)).into_iter().chain(chain) {
            if self.stop.load(Ordering::Relaxed) {
                return None;
            }
            match lex(self.db, self.db.file(&candidate)) {
                Ok(lexed) => return Some((candidate, lexed)),
                Err(syntax::pp::LoadError::Missing) => {}
                Err(_) => return None,
            }
        }
        None
    }
}

/// The `#include` lines of `lexed` outside conditional groups (the first group counts as
/// none when it opens the file's first directive: an include guard), with their names and
/// whether they are quoted. Names a macro gives are left out.
fn unconditional_includes(lexed: &LexedFile) -> Vec<(String, bool)> {
    let mut found = Vec::new();
    let (mut depth, mut guard_depth) = (0usize, 0usize);
    let mut first_directive = true;
    let mut at_line_start = true;
    let mut tokens = lexed.tokens.iter();
    while let Some(token) = tokens.next() {
        match token.kind {
            TokenKind::Newline => {
                at_line_start = true;
                continue;
            }
            kind if kind.is_trivia() => continue,
            _ => {}
        }
        let spelling = lexed.spelling(&token);
        if !at_line_start || !matches!(spelling, "#" | "%:") {
            at_line_start = false;
            continue;
        }
        at_line_start = false;
        let Some(directive) = tokens.by_ref().find(|t| !t.kind.is_trivia()) else {
            break;
        };
        if directive.kind == TokenKind::Newline {
            at_line_start = true;
            continue;
        }
        match lexed.spelling(&directive) {
            "if" | "ifdef" => depth += 1,
            "ifndef" => {
                depth += 1;
                if first_directive {
                    guard_depth = 1;
                }
            }
            "endif" => depth = depth.saturating_sub(1),
            "include" if depth <= guard_depth => {
                let rest = lexed.text.get(directive.end as usize..).unwrap_or_default();
                let line = rest.split('\n').next().unwrap_or_default();
                if let Some(name) = header_name(line) {
                    found.push(name);
                }
            }
            _ => {}
        }
        first_directive = false;
    }
    found
}

/// The header an `#include` line's rest names: `<name>` or `"name"`.
fn header_name(rest: &str) -> Option<(String, bool)> {
    let rest = rest.trim_start();
    let (close, quoted) = match rest.chars().next()? {
        '<' => ('>', false),
        '"' => ('"', true),
        _ => return None,
    };
    let inner = rest.get(1..)?;
    let name = &inner[..inner.find(close)?];
    (!name.is_empty()).then(|| (name.to_owned(), quoted))
}
