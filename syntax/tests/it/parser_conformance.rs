//! The parser on real inputs, when they are there: gcc's parse test cases under
//! `../shared/conformance/cparse` (each preprocessed as the cparse scorer runs it) and the
//! configured kernel corpus in `~/.cache/klp-ccp/kernel-corpus`. Every one must parse without
//! a syntax error (gcc accepts all the cparse cases but for semantic reasons). Skipped, with a
//! message, when absent.

use std::path::{Path, PathBuf};

use syntax::invocation::parse_invocation;
use syntax::lexer::lex;
use syntax::pp::{BuildClock, FsLoader, PpConfig, preprocess, render};

use crate::support::parser;

/// Preprocesses `args` as the compiler `compiler` would in `cwd`, parses the output, and
/// returns its syntax errors, each with the line of the preprocessed text it is on.
fn syntax_errors(compiler: &str, args: &[String], cwd: &Path) -> Result<Vec<String>, String> {
    let invocation = parse_invocation(compiler, args, cwd).map_err(|e| e.to_string())?;
    let config = PpConfig::from_invocation(&invocation, &BuildClock::from_epoch(0));
    let text = render(&preprocess(&config, &mut FsLoader));
    let lexed = lex(&text);
    let tokens = parser::tokens(&lexed);
    let parse = syntax::parser::parse(&tokens);
    let describe = |e: &syntax::parser::SyntaxError| {
        let (line, col) = parser::line_col(&tokens, e.token);
        let source_line = text.lines().nth(line - 1).unwrap_or_default();
        format!("{line}:{col}: {} in `{source_line:.120}`", e.message)
    };
    Ok(parse.errors.iter().map(describe).collect())
}

fn shared_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared")
}

fn cases_under(dir: &Path, found: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            cases_under(&path, found);
        } else if path.extension().is_some_and(|e| e == "c") {
            found.push(path);
        }
    }
}

#[test]
fn cparse_cases_parse_without_syntax_errors() {
    let shared = shared_dir();
    let root = shared.join("conformance/cparse");
    if !root.is_dir() {
        eprintln!("{} absent: cparse cases skipped", root.display());
        return;
    }
    let stddef = shared.join("tools/stddef.h").display().to_string();
    let mut cases = Vec::new();
    cases_under(&root, &mut cases);
    cases.sort();
    let mut failures = Vec::new();
    for case in &cases {
        // As the cparse scorer runs them: aarch64 cases with gcc 9.1, the others x86_64 4.8.5.
        let in_aarch64 = case.components().any(|c| c.as_os_str() == "aarch64");
        let compiler = if in_aarch64 {
            "aarch64-gcc-9.1.0"
        } else {
            "x86_64-gcc-4.8.5"
        };
        let args = vec![
            "-include".to_owned(),
            stddef.clone(),
            case.display().to_string(),
        ];
        let cwd = case.parent().unwrap_or(&root);
        match syntax_errors(compiler, &args, cwd) {
            Ok(errors) if errors.is_empty() => {}
            Ok(errors) => failures.push(format!("{}: {}", case.display(), errors.join("; "))),
            Err(e) => eprintln!("{}: not preprocessed: {e}", case.display()),
        }
    }
    println!(
        "cparse: {} of {} cases parse",
        cases.len() - failures.len(),
        cases.len()
    );
    assert!(
        failures.is_empty(),
        "syntax errors:\n{}",
        failures.join("\n")
    );
}

#[test]
fn kernel_corpus_parses_without_syntax_errors() {
    let Some(corpus) = test_support::corpus::corpus_dir() else {
        eprintln!("no kernel corpus: skipped");
        return;
    };
    let Ok(list) = std::fs::read_to_string(corpus.join("corpus.tsv")) else {
        return;
    };
    let gcc = std::process::Command::new("gcc")
        .arg("-dumpfullversion")
        .output();
    let version = gcc.map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned());
    let compiler = format!(
        "x86_64-gcc-{}",
        version.unwrap_or_else(|_| "12.2.0".to_owned())
    );
    let mut failures = Vec::new();
    for line in list.lines().filter(|l| !l.is_empty()) {
        let mut fields = line.split('\t');
        let file = fields.next().unwrap_or_default();
        // The dependency file is the kernel build's business.
        let mut args: Vec<String> = fields
            .filter(|a| !a.starts_with("-Wp,-MMD,") && !a.starts_with("-Wp,-MD,"))
            .map(str::to_owned)
            .collect();
        let linux = corpus.join("linux");
        args.push(linux.join(file).display().to_string());
        match syntax_errors(&compiler, &args, &linux) {
            Ok(errors) if errors.is_empty() => {}
            Ok(errors) => failures.push(format!("{file}: {}", errors.join("; "))),
            Err(e) => failures.push(format!("{file}: not preprocessed: {e}")),
        }
    }
    assert!(
        failures.is_empty(),
        "syntax errors:\n{}",
        failures.join("\n")
    );
}
