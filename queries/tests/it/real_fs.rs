//! The database on the real file system: first reads go to disk, a watcher's change notice
//! (`reload_file`) re-reads, and clones share files across threads.

use std::fs;
use std::path::{Path, PathBuf};

use queries::{Db, RealFs, Tu, preprocess};
use syntax::pp::PpConfig;

/// A fresh directory for one test, under cargo's scratch space for integration tests.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    // Left over from an earlier run, or absent: either way it is recreated empty.
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).expect("create scratch dir");
    dir
}

fn config(main_file: PathBuf) -> PpConfig {
    PpConfig {
        main_file,
        gcc_major: 12,
        ..PpConfig::default()
    }
}

fn output(db: &Db, tu: Tu) -> String {
    let pp = preprocess(db, tu);
    let spellings: Vec<&str> = pp.tokens.iter().map(|t| pp.spelling(t)).collect();
    spellings.join(" ")
}

#[test]
fn directory_named_like_a_header_is_missing_until_a_file_replaces_it() {
    let dir = scratch("directory_named_like_a_header");
    let header = dir.join("opt.h");
    fs::create_dir(&header).expect("create directory opt.h");
    let main = dir.join("main.c");
    let text = "#if __has_include(\"opt.h\")\nyes\n#else\nno\n#endif\n";
    fs::write(&main, text).expect("write main.c");

    let mut db = Db::new(RealFs);
    let tu = Tu::new(&db, config(main));
    assert_eq!(output(&db, tu), "no");

    fs::remove_dir(&header).expect("remove directory opt.h");
    fs::write(&header, "").expect("write opt.h");
    assert!(db.reload_file(&header));
    assert_eq!(output(&db, tu), "yes");
    // Nothing changed since: a second notice is no change.
    assert!(!db.reload_file(&header));
}

#[test]
fn reload_ignores_paths_never_read() {
    let dir = scratch("reload_ignores_paths_never_read");
    let mut db = Db::new(RealFs);
    assert!(!db.reload_file(dir.join("unrelated.h")));
    assert!(db.known_paths().is_empty());
}

#[test]
fn clones_preprocess_in_parallel_and_share_files() {
    let dir = scratch("clones_preprocess_in_parallel");
    fs::write(dir.join("common.h"), "#define X 7\n").expect("write common.h");
    let mains: Vec<PathBuf> = ["a.c", "b.c"].iter().map(|name| dir.join(name)).collect();
    for main in &mains {
        fs::write(main, "#include \"common.h\"\nint v = X;\n").expect("write main file");
    }
    let db = Db::new(RealFs);
    let tus: Vec<Tu> = mains.into_iter().map(|m| Tu::new(&db, config(m))).collect();
    let outputs: Vec<String> = std::thread::scope(|s| {
        let handles: Vec<_> = tus
            .iter()
            .map(|&tu| {
                let db = db.clone();
                s.spawn(move || output(&db, tu))
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("no panic"))
            .collect()
    });
    assert_eq!(outputs, ["int v = 7 ;", "int v = 7 ;"]);
    // One input per path, whichever thread read it first.
    assert_eq!(db.known_paths().len(), 3);
}

/// The output and the diagnostics' messages.
fn output_and_messages(db: &Db, tu: Tu) -> String {
    let pp = preprocess(db, tu);
    let mut out = output(db, tu);
    for d in &pp.diagnostics {
        out.push_str(&format!("\n{}", d.message));
    }
    out
}

#[test]
fn a_character_device_reads_as_its_content_and_a_fifo_is_an_error() {
    let dir = scratch("character_device_and_fifo");
    let main = dir.join("main.c");
    fs::write(&main, "#include \"/dev/null\"\nint x;\n").expect("write main.c");
    let db = Db::new(RealFs);
    let tu = Tu::new(&db, config(main.clone()));
    // gcc reads `/dev/null` as an empty file.
    assert_eq!(output_and_messages(&db, tu), "int x ;");

    let fifo = dir.join("pipe.h");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        println!("no mkfifo: FIFO case skipped");
        return;
    }
    let main = dir.join("fifo.c");
    fs::write(&main, "#include \"pipe.h\"\nint x;\n").expect("write fifo.c");
    let tu = Tu::new(&db, config(main));
    // Reading a FIFO could block the run: an error, which ends preprocessing as a missing
    // header does.
    assert_eq!(
        output_and_messages(&db, tu),
        "\npipe.h: is a FIFO, not a regular file"
    );
}
