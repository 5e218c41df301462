//! The preprocessor's token: a lexer token made independent of its file, with an interned
//! spelling, the whitespace facts the output needs, and its provenance.

use std::sync::Arc;

use rustc_hash::FxHashMap;

pub use crate::lexer::TokenKind;

use super::provenance::OriginId;

/// An interned spelling.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Symbol(u32);

impl Symbol {
    /// The symbol of the `index`th spelling interned.
    pub(crate) fn from_index(index: usize) -> Symbol {
        Symbol(index as u32)
    }

    /// A dense index, for tables keyed by spelling.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// Interns spellings, so that tokens are small and comparisons cheap.
#[derive(Debug)]
pub struct Interner {
    /// Each spelling is one allocation, shared by the map and the list (and by the copies a
    /// run resuming from this one makes: see `truncated`).
    map: FxHashMap<Arc<str>, Symbol>,
    strings: Vec<Arc<str>>,
}

/// Every punctuator (C11 6.4.6) with its canonical spelling (digraphs replaced), interned first
/// so that a punctuator's symbol indexes this table.
const PUNCTUATORS: &[(&str, &str)] = &[
    ("(", "("),
    (")", ")"),
    (",", ","),
    ("#", "#"),
    ("##", "##"),
    ("[", "["),
    ("]", "]"),
    ("{", "{"),
    ("}", "}"),
    (".", "."),
    ("->", "->"),
    ("++", "++"),
    ("--", "--"),
    ("&", "&"),
    ("*", "*"),
    ("+", "+"),
    ("-", "-"),
    ("~", "~"),
    ("!", "!"),
    ("/", "/"),
    ("%", "%"),
    ("<<", "<<"),
    (">>", ">>"),
    ("<", "<"),
    (">", ">"),
    ("<=", "<="),
    (">=", ">="),
    ("==", "=="),
    ("!=", "!="),
    ("^", "^"),
    ("|", "|"),
    ("&&", "&&"),
    ("||", "||"),
    ("?", "?"),
    (":", ":"),
    (";", ";"),
    ("...", "..."),
    ("=", "="),
    ("*=", "*="),
    ("/=", "/="),
    ("%=", "%="),
    ("+=", "+="),
    ("-=", "-="),
    ("<<=", "<<="),
    (">>=", ">>="),
    ("&=", "&="),
    ("^=", "^="),
    ("|=", "|="),
    ("<:", "["),
    (":>", "]"),
    ("<%", "{"),
    ("%>", "}"),
    ("%:", "#"),
    ("%:%:", "##"),
];

impl Default for Interner {
    fn default() -> Self {
        let mut interner = Interner {
            map: FxHashMap::default(),
            strings: Vec::new(),
        };
        for (spelling, _) in PUNCTUATORS {
            interner.intern(spelling);
        }
        interner
    }
}

/// The canonical spelling of a punctuator token's symbol (`""` for other symbols).
pub fn canonical_punct_of(sym: Symbol) -> &'static str {
    PUNCTUATORS
        .get(sym.0 as usize)
        .map_or("", |&(_, canonical)| canonical)
}

impl Interner {
    pub fn intern(&mut self, s: &str) -> Symbol {
        if let Some(&sym) = self.map.get(s) {
            return sym;
        }
        let sym = Symbol(self.strings.len() as u32);
        let spelling: Arc<str> = Arc::from(s);
        self.strings.push(spelling.clone());
        self.map.insert(spelling, sym);
        sym
    }

    /// The symbol of a token of `kind` spelled `spelling`: an identifier's is its name, UCNs
    /// replaced, so that macros and the parser know one identifier by one symbol. (gcc prints
    /// identifiers so too, extended characters as UCNs: see `output`.)
    pub fn intern_token(&mut self, kind: TokenKind, spelling: &str) -> Symbol {
        if kind == TokenKind::Ident {
            self.intern(&crate::lexer::identifier_name(spelling))
        } else {
            self.intern(spelling)
        }
    }

    pub fn get(&self, s: &str) -> Option<Symbol> {
        self.map.get(s).copied()
    }

    pub fn resolve(&self, sym: Symbol) -> &str {
        &self.strings[sym.0 as usize]
    }

    /// The number of spellings interned.
    pub fn len(&self) -> usize {
        self.strings.len()
    }

    pub fn is_empty(&self) -> bool {
        self.strings.is_empty()
    }

    /// A copy holding the first `len` spellings only, with their symbols.
    pub(super) fn truncated(&self, len: usize) -> Interner {
        let len = len.min(self.strings.len());
        let mut map = self.map.clone();
        if len < self.strings.len() {
            map.retain(|_, symbol| (symbol.0 as usize) < len);
        }
        Interner {
            map,
            strings: self.strings[..len].to_vec(),
        }
    }
}

/// Token flags.
pub mod flags {
    /// Whitespace or a comment precedes the token.
    pub const PREV_WHITE: u8 = 1;
    /// The token is the first on its line (in the file it was lexed from, or forced so, as after
    /// a `#pragma` line).
    pub const BOL: u8 = 2;
    /// "Painted blue": an identifier naming a macro that was disabled where it was found; it is
    /// never expanded again (C11 6.10.3.4p2).
    pub const NO_EXPAND: u8 = 4;
    /// The token starts a `#pragma` line that must be printed on a line of its own.
    pub const PRAGMA: u8 = 8;
    /// Tokens of an argument that must not be expanded: set on the operands of `##`.
    pub const STRINGIFIED: u8 = 16;
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PpToken {
    pub kind: TokenKind,
    pub text: Symbol,
    pub flags: u8,
    pub origin: OriginId,
}

impl PpToken {
    pub fn has(&self, flag: u8) -> bool {
        self.flags & flag != 0
    }

    pub fn with_flag(mut self, flag: u8, on: bool) -> PpToken {
        if on {
            self.flags |= flag;
        } else {
            self.flags &= !flag;
        }
        self
    }
}

/// Canonical spelling of punctuators with digraph alternatives (C11 6.4.6p3).
pub fn canonical_punct(spelling: &str) -> &str {
    match spelling {
        "<:" => "[",
        ":>" => "]",
        "<%" => "{",
        "%>" => "}",
        "%:" => "#",
        "%:%:" => "##",
        other => other,
    }
}
