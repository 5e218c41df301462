//! The `#include` search chain, built as gcc's incpath.cc does: `-iquote` (and `-I` before
//! `-I-`), `-I`, `-isystem` plus the default system directories, `-idirafter`; directories
//! that do not exist or duplicate an earlier one are dropped.

use std::path::{Path, PathBuf};

use super::{Arch, Target};

/// The include search chain. `#include "..."` searches (after the includer's directory, unless
/// `-I-` was given) `quote`, `bracket`, `system`, `after`; `#include <...>` starts at
/// `bracket`. Directories are as given on the command line (relative ones are relative to
/// the directory gcc runs in). `system` and `after` directories hold system headers.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct IncludePaths {
    /// `-iquote` dirs, and `-I` dirs given before `-I-`.
    pub quote: Vec<PathBuf>,
    /// `-I` dirs.
    pub bracket: Vec<PathBuf>,
    /// `-isystem` dirs, then the default system dirs unless `-nostdinc`.
    pub system: Vec<PathBuf>,
    /// `-idirafter` dirs.
    pub after: Vec<PathBuf>,
    /// `#include "..."` looks in the includer's directory first; `-I-` turns this off.
    pub quote_searches_current_dir: bool,
}

impl IncludePaths {
    /// The whole chain in search order.
    pub fn chain(&self) -> impl Iterator<Item = &Path> {
        [&self.quote, &self.bracket, &self.system, &self.after]
            .into_iter()
            .flatten()
            .map(PathBuf::as_path)
    }

    pub fn len(&self) -> usize {
        self.quote.len() + self.bracket.len() + self.system.len() + self.after.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The directory at `index` in [`IncludePaths::chain`].
    pub fn dir(&self, index: usize) -> Option<&Path> {
        self.chain().nth(index)
    }

    /// Where `#include <...>` starts in [`IncludePaths::chain`].
    pub fn bracket_start(&self) -> usize {
        self.quote.len()
    }

    /// Headers found in the directory at `index` of the chain are system headers (gcc's
    /// `system_header` semantics: no warnings, line-marker flags `3 4`).
    pub fn is_system(&self, index: usize) -> bool {
        index >= self.quote.len() + self.bracket.len() && index < self.len()
    }

    /// The chain as (directory, holds system headers) pairs, e.g. for the preprocessor's
    /// configuration; `#include <...>` starts at [`IncludePaths::bracket_start`].
    pub fn search_chain(&self) -> Vec<(PathBuf, bool)> {
        self.chain()
            .enumerate()
            .map(|(index, dir)| (dir.to_path_buf(), self.is_system(index)))
            .collect()
    }

    /// Looks `name` up like `#include <name>`: the path found and whether it is a system header.
    pub(crate) fn find_bracket(&self, name: &str, cwd: &Path) -> Option<(PathBuf, bool)> {
        (self.bracket_start()..self.len()).find_map(|index| {
            let path = self.dir(index)?.join(name);
            cwd.join(&path)
                .is_file()
                .then(|| (path, self.is_system(index)))
        })
    }
}

/// The chain an include directory option adds to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Chain {
    Quote,
    Bracket,
    System,
    After,
}

/// The include directory options, in the order cc1 reads them.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct DirOptions {
    pub events: Vec<DirEvent>,
    /// `-nostdinc`: no default system directories (and no `stdc-predef.h`).
    pub nostdinc: bool,
    /// `--sysroot=` or `-isysroot`: prefixes the default system dirs and `=dir` arguments.
    pub sysroot: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum DirEvent {
    Add(Chain, String),
    /// `-iwithprefix`, `-iwithprefixbefore`: the directory is `-iprefix`'s (by default gcc's
    /// installation directory, `/usr/lib/gcc/<triple>/<version>/`) followed by the argument.
    AddPrefixed(Chain, Option<String>, String),
    /// `-I-`: the `-I` dirs so far become quote dirs (replacing the `-iquote` ones so far, as
    /// gcc's `split_quote_chain` does) and the includer's directory is no longer searched.
    Split,
}

/// Builds the chain as gcc's `merge_include_chains`.
pub(crate) fn build(options: &DirOptions, target: Target, cwd: &Path) -> IncludePaths {
    let mut paths = IncludePaths {
        quote_searches_current_dir: true,
        ..IncludePaths::default()
    };
    for event in &options.events {
        match event {
            DirEvent::Add(chain, dir) => {
                chain_mut(&mut paths, *chain).push(with_sysroot(dir, options))
            }
            DirEvent::AddPrefixed(chain, prefix, dir) => {
                let prefix = prefix.clone().unwrap_or_else(|| default_prefix(target));
                chain_mut(&mut paths, *chain).push(PathBuf::from(format!("{prefix}{dir}")));
            }
            DirEvent::Split => {
                paths.quote = std::mem::take(&mut paths.bracket);
                paths.quote_searches_current_dir = false;
            }
        }
    }
    if !options.nostdinc {
        paths
            .system
            .extend(default_system_dirs(target, options.sysroot.as_deref()));
    }
    remove_duplicates(paths, cwd)
}

fn chain_mut(paths: &mut IncludePaths, chain: Chain) -> &mut Vec<PathBuf> {
    match chain {
        Chain::Quote => &mut paths.quote,
        Chain::Bracket => &mut paths.bracket,
        Chain::System => &mut paths.system,
        Chain::After => &mut paths.after,
    }
}

fn default_prefix(target: Target) -> String {
    gcc_install(target).map_or_else(String::new, |(dir, _)| format!("{}/", dir.display()))
}

/// A leading `=` in a directory argument stands for the sysroot.
fn with_sysroot(dir: &str, options: &DirOptions) -> PathBuf {
    match dir.strip_prefix('=') {
        Some(rest) => PathBuf::from(format!(
            "{}{rest}",
            options.sysroot.as_deref().unwrap_or("")
        )),
        None => PathBuf::from(dir),
    }
}

/// gcc identifies directories by device and inode, so `./inc` and `inc` are the same.
type DirId = (u64, u64);

fn dir_id(dir: &Path, cwd: &Path) -> Option<DirId> {
    use std::os::unix::fs::MetadataExt;
    let meta = std::fs::metadata(cwd.join(dir)).ok()?;
    meta.is_dir().then(|| (meta.dev(), meta.ino()))
}

/// gcc's `merge_include_chains`: the system and after chains are deduplicated together,
/// `-I` dirs that are system dirs are dropped ("as it is a non-system directory that
/// duplicates a system directory"), then quote dirs that are system or earlier quote dirs,
/// or whose last one is the first `-I` dir. Directories that do not exist are dropped.
fn remove_duplicates(paths: IncludePaths, cwd: &Path) -> IncludePaths {
    let system_len = paths.system.len();
    let mut system_and_after = paths.system;
    system_and_after.extend(paths.after);
    let (system_and_after, system_flags) = keep_unique(system_and_after, &[], None, cwd);
    let system_ids: Vec<DirId> = system_and_after
        .iter()
        .filter_map(|dir| dir_id(dir, cwd))
        .collect();
    let (bracket, _) = keep_unique(paths.bracket, &system_ids, system_ids.first().copied(), cwd);
    let first_bracket = bracket.first().and_then(|dir| dir_id(dir, cwd));
    let (quote, _) = keep_unique(paths.quote, &system_ids, first_bracket, cwd);
    // Split the merged chain back: entries that came from the system chain come first.
    let kept_system = system_flags
        .iter()
        .filter(|&&index| index < system_len)
        .count();
    let mut system = system_and_after;
    let after = system.split_off(kept_system);
    IncludePaths {
        quote,
        bracket,
        system,
        after,
        quote_searches_current_dir: paths.quote_searches_current_dir,
    }
}

/// gcc's `remove_duplicates`: the kept directories and their original indices.
fn keep_unique(
    dirs: Vec<PathBuf>,
    system: &[DirId],
    join: Option<DirId>,
    cwd: &Path,
) -> (Vec<PathBuf>, Vec<usize>) {
    let count = dirs.len();
    let mut kept: Vec<(PathBuf, DirId, usize)> = Vec::new();
    for (index, dir) in dirs.into_iter().enumerate() {
        let Some(id) = dir_id(&dir, cwd) else {
            continue;
        };
        let duplicate = system.contains(&id)
            || kept.iter().any(|(_, kept_id, _)| *kept_id == id)
            || (index + 1 == count && join == Some(id));
        if !duplicate {
            kept.push((dir, id, index));
        }
    }
    kept.into_iter().map(|(dir, _, index)| (dir, index)).unzip()
}

/// Where gcc installs for a target: `/usr/lib/gcc/<triple>/<version>` and the triple.
fn gcc_install(target: Target) -> Option<(PathBuf, String)> {
    let prefix = format!("{}-", target.arch.name());
    ["/usr/lib/gcc", "/usr/lib64/gcc", "/usr/lib/gcc-cross"]
        .iter()
        .find_map(|libdir| {
            let triples = std::fs::read_dir(libdir).ok()?;
            let mut triples: Vec<String> = triples
                .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
                .filter(|name| name.starts_with(&prefix) && name.contains("linux"))
                .collect();
            triples.sort();
            triples.into_iter().find_map(|triple| {
                let dir = Path::new(libdir).join(&triple);
                version_dir(&dir, target).map(|version| (version, triple))
            })
        })
}

/// The requested gcc's directory, else the newest installed one (the local gcc's).
fn version_dir(dir: &Path, target: Target) -> Option<PathBuf> {
    let v = target.gcc;
    let wanted = [
        format!("{}.{}.{}", v.major, v.minor, v.patch),
        format!("{}.{}", v.major, v.minor),
        v.major.to_string(),
    ];
    if let Some(found) = wanted
        .iter()
        .map(|name| dir.join(name))
        .find(|path| path.join("include").is_dir())
    {
        return Some(found);
    }
    let entries = std::fs::read_dir(dir).ok()?;
    let mut versions: Vec<(Vec<u32>, PathBuf)> = entries
        .filter_map(|entry| {
            let entry = entry.ok()?;
            let name = entry.file_name().into_string().ok()?;
            let key: Option<Vec<u32>> = name.split('.').map(|part| part.parse().ok()).collect();
            Some((key?, entry.path()))
        })
        .filter(|(_, path)| path.join("include").is_dir())
        .collect();
    versions.sort();
    versions.pop().map(|(_, path)| path)
}

/// gcc's default `#include <...>` directories (cppdefault.cc), in order; those that do not
/// exist are dropped later. The host's `/usr/include` only serves a target of the host's
/// architecture.
fn default_system_dirs(target: Target, sysroot: Option<&str>) -> Vec<PathBuf> {
    let root = |dir: &str| PathBuf::from(format!("{}{dir}", sysroot.unwrap_or("")));
    let install = gcc_install(target);
    let triple = install.as_ref().map_or_else(
        || default_triple(target.arch).to_owned(),
        |(_, t)| t.clone(),
    );
    let mut dirs = Vec::new();
    if let Some((gcc_dir, _)) = &install {
        dirs.push(gcc_dir.join("include"));
    }
    let native = std::env::consts::ARCH == target.arch.name();
    if native {
        dirs.push(root(&format!("/usr/local/include/{triple}")));
        dirs.push(root("/usr/local/include"));
    }
    if let Some((gcc_dir, _)) = &install {
        dirs.push(gcc_dir.join("include-fixed"));
        dirs.push(gcc_dir.join(format!("../../../../{triple}/include")));
    }
    if native {
        dirs.push(root(&format!("/usr/include/{triple}")));
        dirs.push(root("/usr/include"));
    }
    dirs
}

fn default_triple(arch: Arch) -> &'static str {
    match arch {
        Arch::X86_64 => "x86_64-linux-gnu",
        Arch::Aarch64 => "aarch64-linux-gnu",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::invocation::GccVersion;

    const X86_12: Target = Target {
        arch: Arch::X86_64,
        gcc: GccVersion::new(12, 2, 0),
    };

    struct TempTree(PathBuf);

    impl TempTree {
        fn new(name: &str, dirs: &[&str]) -> TempTree {
            let root =
                std::env::temp_dir().join(format!("klp-ccp-include-{name}-{}", std::process::id()));
            for dir in dirs {
                let made = std::fs::create_dir_all(root.join(dir));
                assert!(made.is_ok(), "cannot create {dir} in {}", root.display());
            }
            TempTree(root)
        }
    }

    impl Drop for TempTree {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    fn show(paths: &IncludePaths) -> String {
        let list = |dirs: &[PathBuf]| {
            dirs.iter()
                .map(|d| d.display().to_string())
                .collect::<Vec<_>>()
                .join(" ")
        };
        format!(
            "quote: {}\nbracket: {}\nsystem: {}\nafter: {}\ncurrent dir: {}",
            list(&paths.quote),
            list(&paths.bracket),
            list(&paths.system),
            list(&paths.after),
            paths.quote_searches_current_dir
        )
    }

    fn add(chain: Chain, dir: &str) -> DirEvent {
        DirEvent::Add(chain, dir.to_owned())
    }

    #[test]
    fn duplicates_and_missing_dirs_are_dropped() {
        let tree = TempTree::new("dups", &["a", "b", "s", "q", "z"]);
        let options = DirOptions {
            events: vec![
                add(Chain::Bracket, "a"),
                add(Chain::Bracket, "./a"),
                add(Chain::Bracket, "missing"),
                add(Chain::Bracket, "s"),
                add(Chain::Bracket, "b"),
                add(Chain::Quote, "q"),
                add(Chain::Quote, "s"),
                add(Chain::Quote, "a"),
                add(Chain::System, "s"),
                add(Chain::After, "z"),
                add(Chain::After, "s/"),
            ],
            nostdinc: true,
            sysroot: None,
        };
        expect_test::expect![[r#"
            quote: q
            bracket: a b
            system: s
            after: z
            current dir: true"#]]
        .assert_eq(&show(&build(&options, X86_12, &tree.0)));
    }

    #[test]
    fn legacy_quote_split() {
        let tree = TempTree::new("split", &["a", "b", "q", "r"]);
        let options = DirOptions {
            events: vec![
                add(Chain::Bracket, "a"),
                add(Chain::Quote, "r"),
                add(Chain::Bracket, "b"),
                DirEvent::Split,
                add(Chain::Bracket, "q"),
            ],
            nostdinc: true,
            sysroot: None,
        };
        expect_test::expect![[r#"
            quote: a b
            bracket: q
            system: 
            after: 
            current dir: false"#]]
        .assert_eq(&show(&build(&options, X86_12, &tree.0)));
    }

    #[test]
    fn chain_indices() {
        let paths = IncludePaths {
            quote: vec!["q".into()],
            bracket: vec!["b".into()],
            system: vec!["s".into()],
            after: vec!["a".into()],
            quote_searches_current_dir: true,
        };
        let chain: Vec<String> = paths
            .search_chain()
            .iter()
            .map(|(d, sys)| format!("{}:{sys}", d.display()))
            .collect();
        assert_eq!(chain, ["q:false", "b:false", "s:true", "a:true"]);
        assert_eq!(paths.bracket_start(), 1);
        assert!(!paths.is_system(4));
        assert_eq!(paths.dir(3), Some(Path::new("a")));
    }
}
