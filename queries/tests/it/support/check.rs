//! `klp-ccp check` on a small TU, for the tests of klp-ccp's semantic diagnostics: the
//! diagnostics as `--message-format=short` prints them, one a line, the file path left out.

use queries::{Db, Tu, parse, preprocess, sema_diagnostics, type_diagnostics};
use syntax::diagnostic::short_line;
use syntax::pp::PpConfig;

const MAIN: &str = "/src/t.c";

/// The predefined macros the checks read: the target, gcc's version, the C standard.
const DEFINES: &str = "#define __x86_64__ 1\n#define __GNUC__ 12\n#define __STDC__ 1\n";

/// The diagnostics of checking `source` (x86_64, gcc 12 in gnu11 mode).
pub fn check_diagnostics(source: &str) -> String {
    let mode = "#define __STDC_VERSION__ 201112L\n#define __GNUC_STDC_INLINE__ 1\n";
    check_with_defines(source, &format!("{DEFINES}{mode}"))
}

/// The same in gnu89 mode (C90, gnu89 inline semantics).
pub fn check_gnu89_diagnostics(source: &str) -> String {
    check_with_defines(source, &format!("{DEFINES}#define __GNUC_GNU_INLINE__ 1\n"))
}

fn check_with_defines(source: &str, builtin_defines: &str) -> String {
    let db = Db::with_files([(MAIN, source)]);
    let tu = Tu::new(
        &db,
        PpConfig {
            main_file: MAIN.into(),
            gcc_major: 12,
            builtin_defines: builtin_defines.into(),
            ..PpConfig::default()
        },
    );
    let pp = preprocess(&db, tu);
    let mut diagnostics = pp.diagnostics.clone();
    diagnostics.extend(parse(&db, tu).diagnostics(&pp));
    if !diagnostics.iter().any(|d| d.is_error()) {
        diagnostics.extend(sema_diagnostics(&db, tu));
        diagnostics.extend(type_diagnostics(&db, tu));
    }
    let mut out = String::new();
    for d in &diagnostics {
        let line = short_line(&pp, d).replacen(&format!("{MAIN}: "), "", 1);
        out.push_str(&line);
        out.push('\n');
    }
    out
}
