//! Running the preprocessor on in-memory files, for snapshot tests.

use syntax::pp::{MemoryLoader, PpConfig, PreprocessedTu, SearchDir, preprocess, render};

/// Preprocesses `main.c` with the other files available; `inc/` is on the `<...>` chain and
/// `sys/` is a system directory after it.
pub fn run(files: &[(&str, &str)]) -> PreprocessedTu {
    let config = PpConfig {
        main_file: "main.c".into(),
        search: vec![
            SearchDir {
                path: "inc".into(),
                system: false,
            },
            SearchDir {
                path: "inc2".into(),
                system: false,
            },
            SearchDir {
                path: "sys".into(),
                system: true,
            },
        ],
        bracket_start: 0,
        builtin_defines: "#define __GNUC__ 12\n".into(),
        command_line_defines: "#define FROM_COMMAND_LINE 1\n".into(),
        gcc_major: 12,
        date: "Nov 26 2026".into(),
        time: "23:11:24".into(),
        ..PpConfig::default()
    };
    let mut loader = MemoryLoader::new(files.iter().copied());
    preprocess(&config, &mut loader)
}

/// The output text and the diagnostics, one line each (`error: file:line:col: message`).
pub fn output(files: &[(&str, &str)]) -> String {
    let tu = run(files);
    let mut out = render(&tu);
    for d in &tu.diagnostics {
        let place = d.origin.map_or(String::new(), |origin| {
            let (file, start, _) = tu.provenance.expansion_point(origin);
            let (line, col) = tu.files[file.0 as usize].line_col(start);
            format!("{}:{line}:{col}: ", tu.provenance.file(file).path.display())
        });
        let severity = if d.is_error() { "error" } else { "warning" };
        out.push_str(&format!("{severity}: {place}{}\n", d.message));
    }
    out
}

/// Preprocesses a lone `main.c`.
pub fn main_only(text: &str) -> String {
    output(&[("main.c", text)])
}
