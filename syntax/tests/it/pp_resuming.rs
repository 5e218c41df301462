//! Preprocessing after an edit of the main file resumes from a checkpoint before the edit
//! (`preprocess_after_edit`) and gives what a run from the start gives, whatever the edit.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use syntax::lexer::{LexedFile, lex};
use syntax::pp::{
    FileLoader, LoadError, PpConfig, PreprocessedTu, SearchDir, first_difference, preprocess,
    preprocess_after_edit, resume_point,
};

use crate::support::rng::Rng;

/// Files in memory, each lexed once (as the database does: an unchanged file is the same
/// lexed file, which is what lets a run resume).
#[derive(Default)]
struct Files {
    texts: HashMap<PathBuf, String>,
    lexed: HashMap<PathBuf, Arc<LexedFile>>,
}

impl Files {
    fn set(&mut self, path: &str, text: &str) {
        self.texts.insert(path.into(), text.to_owned());
        self.lexed.remove(Path::new(path));
    }
}

impl FileLoader for Files {
    fn load(&mut self, path: &Path) -> Result<Arc<LexedFile>, LoadError> {
        let text = self.texts.get(path).ok_or(LoadError::Missing)?;
        let lexed = self.lexed.entry(path.to_path_buf());
        Ok(lexed.or_insert_with(|| Arc::new(lex(text))).clone())
    }
}

fn config() -> PpConfig {
    PpConfig {
        main_file: "main.c".into(),
        search: vec![SearchDir {
            path: "inc".into(),
            system: false,
        }],
        builtin_defines: "#define __GNUC__ 12\n".into(),
        gcc_major: 12,
        ..PpConfig::default()
    }
}

/// A header of many declarations (so that the main file starts after a few checkpoints'
/// worth of output), a guarded one included twice, one with `#pragma once`.
fn header() -> String {
    let mut text = String::from("#ifndef BIG_H\n#define BIG_H\n#define CALL(f, x) f(x)\n");
    text.push_str("#define LATER(x) ((x) + 1)\n#define EMPTY\n");
    for i in 0..600 {
        text.push_str(&format!("extern int big_{i}(int a, long b, char *c);\n"));
    }
    text.push_str("#endif\n");
    text
}

/// A main file with functions, macros defined and undefined along the way, conditional
/// groups, `__COUNTER__`, `push_macro`, late includes and a macro name whose `(` is on the
/// next line.
fn main_file() -> String {
    let mut text = String::from("#include \"inc/big.h\"\n#include \"inc/once.h\"\n");
    for i in 0..300 {
        if i == 150 {
            text.push_str("#if 1\n");
        }
        match i % 6 {
            0 => text.push_str(&format!("#define M{i} {i}\n")),
            1 => text.push_str("#ifdef BIG_H\n"),
            2 => text.push_str("#pragma push_macro(\"EMPTY\")\n#undef EMPTY\n"),
            3 => text.push_str("#pragma pop_macro(\"EMPTY\")\n#include \"inc/big.h\"\n"),
            4 => text.push_str("#endif\n#include \"inc/late.h\"\n"),
            _ => {}
        }
        text.push_str(&format!(
            "int f{i}(int x) {{ int c = __COUNTER__; EMPTY return CALL(big_{i}, x) + LATER\n(c) + __LINE__; }}\n"
        ));
    }
    text.push_str("#endif\n");
    text
}

fn files(main: &str) -> Files {
    let mut files = Files::default();
    files.set("main.c", main);
    files.set("inc/big.h", &header());
    files.set("inc/once.h", "#pragma once\nint once;\n");
    files.set("inc/late.h", "int late_counter = __COUNTER__;\n");
    files
}

/// Preprocesses `original`, then `edited` resuming from it; checks the result against a run
/// from the start; returns the checkpoint resumed from.
#[track_caller]
fn assert_resumes(original: &str, edited: &str) -> Option<usize> {
    let config = config();
    let mut files = files(original);
    let earlier: PreprocessedTu = preprocess(&config, &mut files);
    files.set("main.c", edited);
    let point = resume_point(&config, &mut files, &earlier);
    let resumed = preprocess_after_edit(&config, &mut files, &earlier);
    let fresh = preprocess(&config, &mut files);
    let difference = first_difference(&resumed, &fresh);
    assert_eq!(difference, None, "resumed from {point:?}:\n{edited}");
    point
}

#[test]
fn an_edit_late_in_the_main_file_resumes_after_the_headers() {
    let original = main_file();
    let edited = original.replace("int f290(int x) {", "int f290(int x) { x++;");
    let point = assert_resumes(&original, &edited);
    assert!(point.is_some_and(|p| p >= 2), "resumed from {point:?}");
}

/// Preprocesses the main file, then again after `header` became `text`, resuming; checks the
/// result against a run from the start; returns the checkpoint resumed from.
#[track_caller]
fn assert_resumes_after_header_edit(header: &str, text: &str) -> Option<usize> {
    let config = config();
    let mut files = files(&main_file());
    let earlier = preprocess(&config, &mut files);
    files.set(header, text);
    let point = resume_point(&config, &mut files, &earlier);
    let resumed = preprocess_after_edit(&config, &mut files, &earlier);
    let difference = first_difference(&resumed, &preprocess(&config, &mut files));
    assert_eq!(difference, None, "{header} edited, resumed from {point:?}");
    point
}

#[test]
fn an_edit_of_a_header_resumes_before_its_first_include() {
    // `once.h` is the second `#include`, `late.h` comes after the first functions.
    let once = assert_resumes_after_header_edit("inc/once.h", "#pragma once\nint once, twice;\n");
    assert_eq!(once, Some(1));
    let late = assert_resumes_after_header_edit("inc/late.h", "int late_counter = 2;\n");
    assert!(late.is_some_and(|p| p > 1), "resumed from {late:?}");
    // A header made to define what the main file tests later.
    assert_resumes_after_header_edit("inc/once.h", "#pragma once\n#define BIG_H\n#undef LATER\n");
    assert_resumes_after_header_edit("inc/late.h", "#include \"inc/once.h\"\n#if 0\n");
}

#[test]
fn edits_next_to_a_checkpoint_and_at_the_ends() {
    let original = main_file();
    // The `(` of a function-like macro on the line after its name, taken away.
    assert_resumes(&original, &original.replacen("LATER\n(c)", "LATER\nc", 100));
    assert_resumes(
        &original,
        &format!("{original}#define M 1\nint g(void) {{ return M; }}\n"),
    );
    assert_resumes(&original, &format!("{original}/* unterminated"));
    assert_resumes(&original, &format!("{original}#ifdef BIG_H\n"));
    assert_resumes(&original, &original.replace("#endif\n", ""));
    // The conditional open at the checkpoints left unterminated.
    let last_endif = original.rfind("#endif").unwrap_or(0);
    assert_resumes(&original, &original[..last_endif]);
    assert_resumes(&original, &original[..original.len() / 2]);
}

#[test]
fn random_edits_give_what_a_run_from_the_start_gives() {
    let pieces = [
        "",
        " ",
        "\n",
        "(",
        ")",
        "#define EMPTY 1\n",
        "\n#undef CALL\n",
        "\n#include \"inc/late.h\"\n",
        "\n#include \"inc/big.h\"\n",
        "\n#endif\n",
        "\n#if 0\n",
        "__COUNTER__",
        "LATER",
        "/*",
        "\\\n",
        "\n#pragma GCC poison f7\n",
        "\n#pragma push_macro(\"CALL\")\n",
    ];
    let original = main_file();
    let mut rng = Rng(0xdead_beef);
    let mut resumed = 0;
    for _ in 0..60 {
        let mut edited = original.clone();
        let at = original.len() / 3 + rng.below(original.len() * 2 / 3);
        let cut = (at + rng.below(3)).min(edited.len());
        edited.replace_range(at..cut, pieces[rng.below(pieces.len())]);
        resumed += usize::from(assert_resumes(&original, &edited).is_some());
    }
    assert!(resumed > 30, "only {resumed} of 60 resumed");
}

#[test]
fn a_checkpoint_after_a_macro_name_waits_for_the_next_token() {
    // Every line ends in a function-like macro's name not invoked: a checkpoint after one
    // must not be used when the next line's first token becomes its `(`. Checkpoints are
    // 4096 tokens apart, lines 5 tokens long: the fourth one in the main file lands after a
    // `LATER`, about 2458 lines in.
    let mut original = String::from("#include \"inc/big.h\"\n");
    for i in 0..2600 {
        original.push_str(&format!("int v{i} = LATER\n;\n"));
    }
    for line in 2440..2480 {
        let from = format!("int v{line} = LATER\n;");
        let edited = original.replace(&from, &format!("int v{line} = LATER\n(1);"));
        assert_resumes(&original, &edited);
    }
}

#[test]
fn a_checkpoint_before_a_slash_that_becomes_a_comment_is_not_used() {
    // A `/` after the macro name, then `/**/(1)`: the look for `(` skips the comment. Lines of
    // 7 tokens: the fourth checkpoint in the main file lands after a `LATER`, ~1755 lines in.
    let mut original = String::from("#include \"inc/big.h\"\n");
    for i in 0..2000 {
        original.push_str(&format!("int v{i} = LATER\n/ 1;\n"));
    }
    for line in 1700..1800 {
        let from = format!("int v{line} = LATER\n/ 1;");
        let edited = original.replace(&from, &format!("int v{line} = LATER\n/**/(1);"));
        assert_resumes(&original, &edited);
    }
}

/// A run of another configuration (a macro defined on the command line, another search
/// path) is not resumed from, although every file reads the same.
#[test]
fn a_run_of_another_configuration_is_not_resumed_from() {
    let main = main_file();
    let mut files = files(&main);
    let earlier = preprocess(&config(), &mut files);
    let mut other = config();
    other.command_line_defines = "#define EMPTY int klp_ccp_defined;\n".into();
    assert_eq!(resume_point(&other, &mut files, &earlier), None);
    let resumed = preprocess_after_edit(&other, &mut files, &earlier);
    let fresh = preprocess(&other, &mut files);
    assert_eq!(first_difference(&resumed, &fresh), None);
}
