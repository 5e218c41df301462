//! Source files that are not UTF-8, read from disk as gcc reads them: a raw byte in a string
//! literal or character constant is one `char` (sizes and values as gcc computes them, checked
//! with gcc when it is installed), and diagnostics count it as one column.

use std::fmt::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use expect_test::expect;
use queries::types::ConstValue;
use queries::{Db, RealFs, Tu, evaluate_in_tu, parse, preprocess, type_diagnostics};
use syntax::diagnostic::short_line;
use syntax::pp::PpConfig;

/// A fresh directory for one test, under cargo's scratch space for integration tests.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    // Left over from an earlier run, or absent: either way it is recreated empty.
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create scratch dir");
    dir
}

/// A TU of one file with the given bytes, read through the real file system (x86_64).
fn tu_of(db: &Db, dir: &Path, bytes: &[u8]) -> (Tu, PathBuf) {
    let main = dir.join("t.c");
    std::fs::write(&main, bytes).expect("write t.c");
    let config = PpConfig {
        main_file: main.clone(),
        gcc_major: 12,
        builtin_defines: "#define __x86_64__ 1\n".into(),
        ..PpConfig::default()
    };
    (Tu::new(db, config), main)
}

/// `<ff>` in `text` as the character that stands for raw byte 0xff (as the source file's
/// text holds it).
fn with_raw_bytes(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find('<') {
        let byte = rest
            .get(start + 1..start + 3)
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match byte {
            Some(b) if rest[start + 3..].starts_with('>') => {
                out.push_str(&rest[..start]);
                out.push_str(&syntax::text::decode(vec![b]));
                rest = &rest[start + 4..];
            }
            _ => {
                out.push_str(&rest[..=start]);
                rest = &rest[start + 1..];
            }
        }
    }
    out + rest
}

/// Each expression (raw bytes written `<ff>`) with its value, one a line.
fn values(db: &Db, tu: Tu, exprs: &[&str]) -> String {
    let mut out = String::new();
    for expr in exprs {
        let shown = match evaluate_in_tu(db, tu, &with_raw_bytes(expr)) {
            Ok(e) => match e.value {
                ConstValue::Int(v) => format!("{} ({})", v.as_i128(), e.ty),
                other => format!("{other:?}"),
            },
            Err(error) => format!("error: {}", error.message),
        };
        let _ = writeln!(out, "{expr} = {shown}");
    }
    out
}

/// Whether gcc accepts `bytes` (its errors when it does not); `None` without gcc.
fn gcc_accepts(dir: &Path, bytes: &[u8]) -> Option<Result<(), String>> {
    let path = dir.join("gcc.c");
    std::fs::write(&path, bytes).ok()?;
    let output = Command::new("gcc")
        .args(["-fsyntax-only", "-std=gnu11"])
        .arg(&path)
        .output()
        .ok()?;
    Some(if output.status.success() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&output.stderr).into_owned())
    })
}

#[test]
fn raw_bytes_in_literals_count_as_one_char_each() {
    let dir = scratch("raw_bytes_in_literals");
    let source: &[u8] = b"static const char s[] = \"\xff\x80\";\n\
        static const char u[] = u8\"a\xe9\";\n";
    let db = Db::new(RealFs);
    let (tu, _) = tu_of(&db, &dir, source);
    // `'\xff'` and friends written raw: the constants are the bytes, `char` signed on x86_64.
    let exprs = [
        "sizeof(s)",
        "sizeof(u)",
        "sizeof(\"<ff><80>\")",
        "'<ff>'",
        "'<ff><fe>'",
    ];
    expect![[r#"
        sizeof(s) = 3 (unsigned long)
        sizeof(u) = 3 (unsigned long)
        sizeof("<ff><80>") = 3 (unsigned long)
        '<ff>' = -1 (int)
        '<ff><fe>' = 65534 (int)
    "#]]
    .assert_eq(&values(&db, tu, &exprs));
    let mut checked = source.to_vec();
    checked.extend_from_slice(
        b"_Static_assert(sizeof(s) == 3 && sizeof(u) == 3, \"\");\n\
          _Static_assert(sizeof(\"\xff\x80\") == 3, \"\");\n\
          _Static_assert('\xff' == -1 && '\xff\xfe' == 65534, \"\");\n",
    );
    match gcc_accepts(&dir, &checked) {
        Some(result) => result.expect("gcc agrees"),
        None => println!("no gcc: cross-check skipped"),
    }
}

#[test]
fn columns_count_a_raw_byte_as_one() {
    let dir = scratch("columns_count_a_raw_byte");
    let db = Db::new(RealFs);
    let (tu, main) = tu_of(&db, &dir, b"/* \xe9\xe9 */ int x = \"\xff\x80\" + ;\n");
    let pp = preprocess(&db, tu);
    let parsed = parse(&db, tu);
    let mut out = String::new();
    for d in parsed.diagnostics(&pp) {
        let line = short_line(&pp, &d).replace(&format!("{}: ", main.display()), "");
        let _ = writeln!(out, "{line}");
    }
    // gcc: `t.c:1:28: error: expected expression before ';' token` (1-based).
    expect![[r#"
        error: line 1, column 24: expected expression before ';' token
    "#]]
    .assert_eq(&out);
}

#[test]
fn a_raw_byte_in_a_wide_literal_is_an_error() {
    let dir = scratch("raw_byte_in_a_wide_literal");
    let db = Db::new(RealFs);
    let source = b"unsigned long u = sizeof(u8\"\xff\");\nunsigned long w = sizeof(L\"\xff\");\n";
    let (tu, main) = tu_of(&db, &dir, source);
    let pp = preprocess(&db, tu);
    let mut out = String::new();
    for d in type_diagnostics(&db, tu) {
        let line = short_line(&pp, &d).replace(&format!("{}: ", main.display()), "");
        let _ = writeln!(out, "{line}");
    }
    // gcc cannot convert the byte to `wchar_t`; a UTF-8 literal keeps it.
    expect![[r#"
        error: line 2, column 25: converting to execution character set: Invalid or incomplete multibyte or wide character
    "#]]
    .assert_eq(&out);
    if let Some(result) = gcc_accepts(&dir, source) {
        assert!(result.is_err_and(|e| e.contains("converting to execution character set")));
    }
}
