//! A development driver: parses the preprocessed files listed in `KLP_CCP_PARSE_FILES`
//! (colon-separated, or `@FILE` for a file listing them one a line), printing each file's errors with line and column, and the parse time.
//! Without the variable there is nothing to do. Run with `--nocapture` to see the report;
//! `KLP_CCP_PARSE_DUMP=1` prints the trees too; `KLP_CCP_PARSE_INTERN=1` shares the spellings
//! of equal tokens, as the preprocessor's interner does.

use std::time::Instant;

use syntax::lexer::lex;

use crate::support::parser;

/// How often to parse each file for the timing (the best run counts): `KLP_CCP_PARSE_REPEAT`.
fn repeat() -> usize {
    std::env::var("KLP_CCP_PARSE_REPEAT")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(1)
}

#[test]
fn parse_listed_files() {
    let Ok(list) = std::env::var("KLP_CCP_PARSE_FILES") else {
        eprintln!("KLP_CCP_PARSE_FILES not set: nothing to parse");
        return;
    };
    // `@FILE` names a file listing the paths, one a line.
    let list = match list.strip_prefix('@') {
        Some(file) => std::fs::read_to_string(file)
            .unwrap_or_default()
            .replace('\n', ":"),
        None => list,
    };
    let mut failed = 0;
    for path in list.split(':').filter(|p| !p.is_empty()) {
        let Ok(text) = std::fs::read_to_string(path) else {
            println!("{path}: unreadable");
            continue;
        };
        let lexed = lex(&text);
        let mut tokens = parser::tokens(&lexed);
        if std::env::var_os("KLP_CCP_PARSE_INTERN").is_some() {
            // As the preprocessor hands them: one `&str` per distinct spelling.
            let mut first = std::collections::HashMap::new();
            for (_, text) in &mut tokens {
                *text = *first.entry(*text).or_insert(*text);
            }
        }
        // The first parse runs on fresh memory, as in a real run; repeated runs show the best
        // case. Dropping a tree is not timed.
        let start = Instant::now();
        let parse = syntax::parser::parse(&tokens);
        let first = start.elapsed();
        let mut best = first;
        for _ in 1..repeat() {
            let start = Instant::now();
            let again = syntax::parser::parse(&tokens);
            best = best.min(start.elapsed());
            drop(again);
        }
        assert_eq!(parse.tree_text(), *lexed.text, "{path}: tree text differs");
        println!(
            "{path}: {} tokens, {} errors, {:.1} ms (best {:.1} ms)",
            tokens.len(),
            parse.errors.len(),
            first.as_secs_f64() * 1000.0,
            best.as_secs_f64() * 1000.0
        );
        if std::env::var_os("KLP_CCP_PARSE_DUMP").is_some() {
            print!("{}", syntax::parser::debug_tree(&parse.syntax_node()));
        }
        failed += usize::from(!parse.errors.is_empty());
        for error in parse.errors.iter().take(5) {
            let (line, col) = parser::line_col(&tokens, error.token);
            println!("  {path}:{line}:{col}: {}", error.message);
        }
    }
    println!("{failed} files with errors");
}
