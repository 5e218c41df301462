//! On the kernel corpus (`../shared/tools/kernel-corpus-setup`, found in
//! `$KLP_CCP_KERNEL_CORPUS` or `~/.cache/klp-ccp/kernel-corpus`; skipped with a message when
//! absent): every TU preprocesses without error, parses without a syntax error, and its tree's
//! text equals the preprocessed text.

use syntax::invocation::parse_invocation;
use syntax::pp::{BuildClock, FsLoader, PpConfig, preprocess, render};

use crate::support::corpus::kernel_tree;

#[test]
fn corpus_tus_preprocess_parse_and_round_trip() {
    let Some((linux, tus)) = kernel_tree() else {
        return;
    };
    for tu in tus {
        let name = &tu.name;
        let invocation = parse_invocation("x86_64-gcc-12.2.0", &tu.command_line(), &linux)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let config = PpConfig::from_invocation(&invocation, &BuildClock::from_epoch(0));
        let tu = preprocess(&config, &mut FsLoader);
        assert!(!tu.has_errors(), "{name}: {:?}", tu.diagnostics.first());
        let parsed = syntax::parse_tu::parse_tu(&tu);
        let errors = parsed.diagnostics(&tu);
        assert!(
            errors.is_empty(),
            "{name}: {:?}",
            errors.first().map(|d| &d.message)
        );
        let (tree, text) = (parsed.parse.tree_text(), render(&tu));
        let at = tree.bytes().zip(text.bytes()).position(|(a, b)| a != b);
        assert!(
            tree == text,
            "{name}: the tree's text differs from the preprocessed text at byte {at:?} \
             (lengths {} and {})",
            tree.len(),
            text.len()
        );
        println!(
            "{name}: {} tokens, parsed, round trip exact",
            tu.tokens.len()
        );
    }
}
