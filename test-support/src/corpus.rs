//! The kernel corpus that `../shared/tools/kernel-corpus-setup` builds: found in
//! `$KLP_CCP_KERNEL_CORPUS`, else `kernel-corpus` in the cache folder `.ci/run` uses
//! (`$KLP_CCP_CACHE`, else `$XDG_CACHE_HOME/klp-ccp`, else `~/.cache/klp-ccp`).

use std::path::{Path, PathBuf};

/// A corpus TU: its path in the kernel tree and its gcc arguments (without the TU itself and
/// the dependency-file options, which are the build's business).
pub struct CorpusTu {
    pub name: String,
    pub args: Vec<String>,
}

impl CorpusTu {
    /// The arguments followed by the TU: a whole compiler command line.
    pub fn command_line(&self) -> Vec<String> {
        let mut args = self.args.clone();
        args.push(self.name.clone());
        args
    }
}

/// The corpus folder, when it has been set up.
pub fn corpus_dir() -> Option<PathBuf> {
    let dir = match std::env::var_os("KLP_CCP_KERNEL_CORPUS") {
        Some(dir) => PathBuf::from(dir),
        None => cache_dir()?.join("kernel-corpus"),
    };
    dir.join("corpus.tsv").is_file().then_some(dir)
}

fn cache_dir() -> Option<PathBuf> {
    let var = |name| std::env::var_os(name).map(PathBuf::from);
    (var("KLP_CCP_CACHE"))
        .or_else(|| var("XDG_CACHE_HOME").map(|c| c.join("klp-ccp")))
        .or_else(|| var("HOME").map(|h| h.join(".cache/klp-ccp")))
}

/// The TUs listed in the corpus's `corpus.tsv`.
pub fn corpus_tus(dir: &Path) -> Vec<CorpusTu> {
    let tsv = std::fs::read_to_string(dir.join("corpus.tsv")).unwrap_or_default();
    tsv.lines()
        .filter_map(|line| {
            let mut fields = line.split('\t');
            let name = fields.next().filter(|t| !t.is_empty())?.to_owned();
            let args = fields
                .filter(|a| !a.starts_with("-Wp,-MMD,") && !a.starts_with("-Wp,-MD,"))
                .map(str::to_owned)
                .collect();
            Some(CorpusTu { name, args })
        })
        .collect()
}
