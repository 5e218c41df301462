//! A set of token kinds as a bit set, for cheap `at_any` tests and recovery sets.

use crate::syntax_kind::SyntaxKind;

// Every kind must fit the set's 256 bits (and the event encoding's 8 bits of kind).
const _: () = assert!((SyntaxKind::ERROR as usize) < 256);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct TokenSet([u64; 4]);

impl TokenSet {
    pub(crate) const fn new(kinds: &[SyntaxKind]) -> TokenSet {
        let mut bits = [0u64; 4];
        let mut i = 0;
        while i < kinds.len() {
            let k = kinds[i] as usize;
            bits[k / 64] |= 1 << (k % 64);
            i += 1;
        }
        TokenSet(bits)
    }

    pub(crate) const fn union(self, other: TokenSet) -> TokenSet {
        TokenSet([
            self.0[0] | other.0[0],
            self.0[1] | other.0[1],
            self.0[2] | other.0[2],
            self.0[3] | other.0[3],
        ])
    }

    pub(crate) const fn contains(&self, kind: SyntaxKind) -> bool {
        let k = kind as usize;
        // Node kinds may lie past the set's range; they are never members.
        k < 256 && self.0[k / 64] & (1 << (k % 64)) != 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use SyntaxKind::*;

    #[test]
    fn membership() {
        let set = TokenSet::new(&[SEMICOLON, IDENT]).union(TokenSet::new(&[ERROR]));
        assert!(set.contains(SEMICOLON) && set.contains(IDENT) && set.contains(ERROR));
        assert!(!set.contains(COMMA) && !set.contains(EOF));
    }
}
