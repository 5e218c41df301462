//! A large input's tree is built in two halves of its top-level items, on two threads: the
//! tree must be the one built on one thread (here: each item as parsed alone).

use syntax::lexer::lex;
use syntax::parser::parse;

use crate::support::parser::tokens;

/// Items with forward parents (`a + b`, calls), nesting, and trivia between them.
const ITEMS: &str = "typedef unsigned long ulong;\n\
struct s { int a; ulong b[4]; };\n\
static inline int f(struct s *p, int x)\n{\n\tif (x > 0 && p->a + x * 2 < 10)\n\t\treturn g(p->b[1], x - 1)[0];\n\treturn -1;\n}\n\
\n\
int v = 1 + 2 * 3, w;\n";

#[test]
fn two_halves_build_the_tree_of_one() {
    let copies = 4000;
    let big = ITEMS.repeat(copies);
    let lexed = lex(&big);
    let parse_big = parse(&tokens(&lexed));
    assert!(parse_big.errors.is_empty());
    let one = lex(ITEMS);
    let parse_one = parse(&tokens(&one));
    let expected: Vec<_> = parse_one.green.children().map(|c| c.to_owned()).collect();
    let got: Vec<_> = parse_big.green.children().map(|c| c.to_owned()).collect();
    assert_eq!(got.len(), expected.len() * copies);
    for (i, chunk) in got.chunks(expected.len()).enumerate() {
        assert_eq!(chunk, &expected[..], "copy {i}");
    }
    assert_eq!(parse_big.tree_text(), big);
}
