//! Preprocessing and parsing a kernel corpus TU again after an edit of its `.c` file (the
//! database resumes preprocessing from a checkpoint before the edit, keeps the tree's items
//! before it and their item index entries) give what a run from scratch gives. Skipped with a
//! message when the corpus is absent.

use std::path::Path;

use queries::{Db, Tu, parse, preprocess};
use syntax::invocation::parse_invocation;
use syntax::parse_tu::parse_tu;
use syntax::pp::{BuildClock, PpConfig, first_difference};

use crate::support::corpus::kernel_tree;

/// Edits of the main file: a statement before the last `return`, one before the first, and a
/// file-scope typedef after the last `#include`.
fn edits(text: &str) -> Vec<String> {
    let mut edits = Vec::new();
    if let Some(at) = text.rfind("\treturn ") {
        edits.push(format!("{}\t(void)0;\n{}", &text[..at], &text[at..]));
    }
    if let Some(at) = text.find("\treturn ") {
        edits.push(format!("{}\t(void)1;\n{}", &text[..at], &text[at..]));
    }
    if let Some(at) = text
        .rfind("#include")
        .and_then(|i| text[i..].find('\n').map(|n| i + n))
    {
        edits.push(format!(
            "{}\ntypedef int klp_ccp_t;{}",
            &text[..at],
            &text[at..]
        ));
    }
    edits
}

/// The last header the main file includes with quotes (the subsystem's own, read late), with
/// a definition added.
fn header_edit(linux: &Path, name: &str, text: &str) -> Option<(std::path::PathBuf, String)> {
    let line = text.lines().rev().find(|l| l.starts_with("#include \""))?;
    let header = line.split('"').nth(1)?;
    let path = Path::new(name).parent()?.join(header);
    let old = std::fs::read_to_string(linux.join(&path)).ok()?;
    Some((path, format!("{old}\n#define KLP_CCP_EDIT 1\n")))
}

fn check_tu(linux: &Path, name: &str, args: &[String]) {
    let mut full_args = args.to_vec();
    full_args.push(name.to_owned());
    let invocation = parse_invocation("x86_64-gcc-12.2.0", &full_args, linux)
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    let config = PpConfig::from_invocation(&invocation, &BuildClock::from_epoch(0));
    let main = config.main_file.clone();
    let mut db = Db::default();
    let tu = Tu::new(&db, config);
    parse(&db, tu);
    let text = std::fs::read_to_string(linux.join(name)).expect("TU source");
    let header = header_edit(linux, name, &text);
    let mut cases: Vec<(String, Option<&(std::path::PathBuf, String)>)> =
        edits(&text).into_iter().map(|e| (e, None)).collect();
    cases.push((text.clone(), header.as_ref()));
    for (edited, header) in cases {
        db.set_file_text(&main, Some(edited.clone()));
        let mut scratch = Db::default();
        if let Some((path, text)) = header {
            db.set_file_text(path, Some(text.clone()));
            scratch.set_file_text(path, Some(text.clone()));
        }
        let resumed = parse(&db, tu);
        scratch.set_file_text(&main, Some(edited));
        let scratch_tu = Tu::new(&scratch, tu.config(&db).clone());
        let tokens = preprocess(&scratch, scratch_tu);
        if header.is_some() {
            let defines = |d: &syntax::pp::macros::MacroDef| {
                tokens.interner.resolve(d.name) == "KLP_CCP_EDIT"
            };
            assert!(
                tokens.macros.defs.iter().any(defines),
                "{name}: the header edit is read"
            );
        }
        assert_eq!(
            first_difference(&preprocess(&db, tu), &tokens),
            None,
            "{name}"
        );
        let fresh = parse_tu(&tokens);
        assert!(
            resumed.parse.green == fresh.parse.green,
            "{name}: trees differ"
        );
        assert_eq!(resumed.parse.errors, fresh.parse.errors, "{name}");
        assert_eq!(resumed.pp_tokens, fresh.pp_tokens, "{name}");
        assert_eq!(resumed.token_starts, fresh.token_starts, "{name}");
        let index = queries::items::item_index(&db, tu);
        let fresh_index = queries::items::item_index(&scratch, scratch_tu);
        assert!(index == fresh_index, "{name}: item indexes differ");
    }
}

#[test]
fn kernel_runs_after_edits_equal_runs_from_scratch() {
    let Some((linux, tus)) = kernel_tree() else {
        return;
    };
    for tu in &tus {
        check_tu(&linux, &tu.name, &tu.args);
    }
}
