//! The lexer and preprocessor never panic, whatever the input: random inputs built from C and
//! preprocessor fragments (and random bytes) run through both. The number of inputs is
//! `KLP_CCP_FUZZ_INPUTS` (default 4000, a few seconds); the seed is `KLP_CCP_FUZZ_SEED`.

use crate::support::pp;
use crate::support::rng::Rng;

const FRAGMENTS: &[&str] = &[
    "#define A(x, ...) x ## __VA_ARGS__ #x\n",
    "#define B B A(\n",
    "#define C(a) a(a)\n",
    "#define D __VA_OPT__(,)\n",
    "#define E(...) __VA_OPT__(x ## __VA_ARGS__)\n",
    "#define F(x) #x , ## x\n",
    "#undef A\n",
    "#if ",
    "#ifdef A\n",
    "#ifndef B\n",
    "#elif ",
    "#elifdef C\n",
    "#else\n",
    "#endif\n",
    "#include \"self.h\"\n",
    "#include <missing.h>\n",
    "#include A\n",
    "#include_next <x.h>\n",
    "#line 42 \"f\"\n",
    "#line x\n",
    "#pragma once\n",
    "#pragma push_macro(\"A\")\n",
    "#pragma pop_macro(\"A\")\n",
    "#pragma GCC poison Z\n",
    "_Pragma(\"x\") _Pragma(",
    "#error e\n",
    "#warning w\n",
    "# 7 \"g\" 2\n",
    "#\n",
    "#bogus\n",
    "defined(A) && __has_include(<x.h>) || __has_attribute(a)\n",
    "1 / 0 ? 2 : 3\n",
    "'\\377' 0x1p-3 1e+ .. ... %:%: <: :>\n",
    "A(1, 2) B C(C) D E() E(1) F(()) A(\n",
    ")",
    "(",
    ",",
    "\\\n",
    "\"unterminated\n",
    "'\n",
    "/* comment ",
    "*/",
    "// line\n",
    "__LINE__ __FILE__ __COUNTER__ __INCLUDE_LEVEL__\n",
    "\n",
    " ",
    "##",
    "#",
];

/// A random input; a header does not include itself (that makes an include tree of
/// exponential size, for gcc too).
fn random_input(rng: &mut Rng, header: bool) -> String {
    let mut text = String::new();
    for _ in 0..rng.below(24) {
        if rng.below(10) == 0 {
            // Random printable and control bytes, as chars.
            for _ in 0..rng.below(8) {
                text.push(char::from((rng.below(128)) as u8));
            }
        } else {
            let fragment = FRAGMENTS[rng.below(FRAGMENTS.len())];
            if !(header && fragment.contains("self.h")) {
                text.push_str(fragment);
            }
        }
    }
    text
}

#[test]
fn random_inputs_never_panic() {
    let inputs: usize = std::env::var("KLP_CCP_FUZZ_INPUTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(4000);
    let seed: u64 = std::env::var("KLP_CCP_FUZZ_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0x5eed);
    let mut rng = Rng(seed | 1);
    for i in 0..inputs {
        let main = random_input(&mut rng, false);
        let header = random_input(&mut rng, true);
        if std::env::var("KLP_CCP_FUZZ_DUMP").is_ok() {
            std::fs::write("/tmp/fuzz-main.c", &main).ok();
            std::fs::write("/tmp/fuzz-self.h", &header).ok();
        }
        let result = std::panic::catch_unwind(|| {
            let lexed = syntax::lexer::lex(&main);
            let joined: String = lexed.tokens.iter().map(|t| lexed.spelling(&t)).collect();
            assert_eq!(joined, *lexed.text, "the lexer is lossless");
            pp::output(&[("main.c", &main), ("self.h", &header), ("inc/x.h", &header)])
        });
        assert!(
            result.is_ok(),
            "input {i} (seed {seed}) panicked:\n--- main.c\n{main}\n--- self.h\n{header}"
        );
    }
    println!("fuzz: {inputs} random inputs preprocessed without a panic");
}
