//! Sources that are not UTF-8 come out byte for byte: `klp-ccp preprocess` writes what
//! `gcc -E -P` writes, and a live patch keeps a function's raw bytes.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use expect_test::expect;

/// A scratch directory with one file `t.c` of the given bytes, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str, source: &[u8]) -> Scratch {
        let dir = std::env::temp_dir().join(format!("klp-ccp-bytes-{}-{name}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("scratch directory");
        std::fs::write(dir.join("t.c"), source).expect("scratch file");
        Scratch(dir)
    }

    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn klp_ccp(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_klp-ccp"))
        .current_dir(dir)
        .env("SOURCE_DATE_EPOCH", "0")
        .args(args)
        .output()
        .expect("klp-ccp runs")
}

/// Bytes as text, those outside printable ASCII escaped (`\xff`).
fn escaped(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|&b| match b {
            b' '..=b'~' | b'\n' => char::from(b).to_string(),
            _ => format!("\\x{b:02x}"),
        })
        .collect()
}

const SOURCE: &[u8] = b"/* Lat\xedn-1 comment */\n\
    const char s[] = \"\xff\x80\";\n\
    int c = '\xe9';\n\
    #define S(x) #x\n\
    const char *t = S(\"\xfe\" '\xfd');\n";

#[test]
fn preprocess_writes_raw_bytes_as_gcc_does() {
    let dir = Scratch::new("preprocess", SOURCE);
    let out = klp_ccp(dir.path(), &["preprocess", "--", "t.c"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    expect![[r#"
        const char s[] = "\xff\x80";
        int c = '\xe9';
        const char *t = "\"\xfe\" '\xfd'";
    "#]]
    .assert_eq(&escaped(&out.stdout));
    let gcc = Command::new("gcc")
        .args(["-E", "-P", "t.c"])
        .current_dir(dir.path())
        .output();
    match gcc {
        Ok(gcc) if gcc.status.success() => assert_eq!(escaped(&out.stdout), escaped(&gcc.stdout)),
        _ => println!("no gcc: byte comparison skipped"),
    }
}

#[test]
fn live_patch_keeps_raw_bytes() {
    let source = b"int f(void)\n{\n\treturn sizeof(\"\xff\x80\") + '\xe9';\n}\n";
    let dir = Scratch::new("livepatch", source);
    let out = klp_ccp(dir.path(), &["--patched-functions=f", "--", "t.c"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = escaped(&out.stdout);
    assert!(
        text.contains("return sizeof(\"\\xff\\x80\") + '\\xe9';"),
        "{text}"
    );
}
