//! klp-ccp's predefined macros against snapshots of real gcc releases'
//! (`tests/data/predefined/ARCH-gcc-VERSION-NAME.txt`, recorded by
//! `tools/record-gcc-predefined.sh`): for each file, the macros klp-ccp defines for
//! `--compiler=ARCH-gcc-VERSION` and the file's first line as options must be the file's
//! `#define` lines. Unlike `predefined_vs_gcc.rs`, this needs no gcc on the machine.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use syntax::invocation::parse_invocation;

/// The macros a sequence of `#define`/`#undef` lines leaves, by name.
fn apply(lines: &str, macros: &mut BTreeMap<String, String>) {
    for line in lines.lines() {
        if let Some(rest) = line.strip_prefix("#define ") {
            let name_end = rest.find(['(', ' ']).unwrap_or(rest.len());
            macros.insert(rest[..name_end].to_owned(), line.to_owned());
        } else if let Some(name) = line.strip_prefix("#undef ") {
            macros.remove(name.trim());
        }
    }
}

fn snapshots() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/predefined");
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.sort();
    files
}

/// `x86_64-gcc-15.3.0-kernel.txt` names the compiler `x86_64-gcc-15.3.0`.
fn compiler_of(file: &Path) -> Option<String> {
    let stem = file.file_stem()?.to_str()?;
    let (compiler, _name) = stem.rsplit_once('-')?;
    Some(compiler.to_owned())
}

/// The differences of one snapshot, one per line: `-` only gcc has it, `+` only klp-ccp.
fn compare(file: &Path) -> Result<Vec<String>, String> {
    let text = fs::read_to_string(file).map_err(|err| err.to_string())?;
    let (options, defines) = text.split_once('\n').unwrap_or((&text, ""));
    let compiler = compiler_of(file).ok_or("the file name names no compiler")?;
    let mut args: Vec<String> = options.split_whitespace().map(str::to_owned).collect();
    args.extend(["-x", "c", "/dev/null"].map(str::to_owned));
    let invocation =
        parse_invocation(&compiler, &args, Path::new("/")).map_err(|err| err.to_string())?;
    let mut ours = BTreeMap::new();
    apply(&invocation.builtin_defines, &mut ours);
    apply(&invocation.command_line_defines, &mut ours);
    let mut gcc = BTreeMap::new();
    apply(defines, &mut gcc);
    let mut lines = Vec::new();
    for (name, line) in &gcc {
        match ours.get(name) {
            Some(our_line) if our_line == line => {}
            Some(our_line) => lines.push(format!("  gcc:      {line}\n  klp-ccp:  {our_line}")),
            None => lines.push(format!("  - {line}")),
        }
    }
    lines.extend(
        ours.iter()
            .filter(|(name, _)| !gcc.contains_key(*name))
            .map(|(_, line)| format!("  + {line}")),
    );
    Ok(lines)
}

#[test]
fn predefined_macros_equal_recorded_gcc() {
    let files = snapshots();
    assert!(!files.is_empty(), "no snapshots in tests/data/predefined");
    let mut failures = Vec::new();
    for file in &files {
        let name = file
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        match compare(file) {
            Ok(diff) if diff.is_empty() => {}
            Ok(diff) => failures.push(format!("{name}:\n{}", diff.join("\n"))),
            Err(err) => failures.push(format!("{name}: {err}")),
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} snapshots differ:\n{}",
        failures.len(),
        files.len(),
        failures.join("\n\n")
    );
}
