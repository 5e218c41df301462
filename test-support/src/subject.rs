//! The TU the benches measure: the largest of the kernel corpus
//! (`../shared/tools/kernel-corpus-setup`, in `$KLP_CCP_KERNEL_CORPUS` or
//! `~/.cache/klp-ccp/kernel-corpus`) when it is there, else a synthetic macro-heavy TU.

use std::path::{Path, PathBuf};

use crate::corpus::{corpus_dir, corpus_tus};
use syntax::invocation::parse_invocation;
use syntax::pp::{BuildClock, FsLoader, PpConfig, preprocess};

/// The TU to measure.
pub fn bench_subject() -> Subject {
    corpus_dir()
        .and_then(|dir| largest_corpus_tu(&dir))
        .unwrap_or_else(synthetic_tu)
}

/// Every corpus TU (none without the corpus).
pub fn all_subjects() -> Vec<Subject> {
    let Some(corpus) = corpus_dir() else {
        return Vec::new();
    };
    let dir = corpus.join("linux");
    corpus_tus(&corpus)
        .into_iter()
        .map(|tu| Subject {
            args: tu.command_line(),
            name: tu.name,
            dir: dir.clone(),
        })
        .collect()
}

/// A TU to preprocess: the directory to run in and the compiler arguments.
pub struct Subject {
    pub name: String,
    pub dir: PathBuf,
    pub args: Vec<String>,
}

/// The corpus TU whose source plus headers make the most tokens.
fn largest_corpus_tu(corpus: &Path) -> Option<Subject> {
    let dir = corpus.join("linux");
    let mut best: Option<(usize, Subject)> = None;
    for tu in corpus_tus(corpus) {
        let subject = Subject {
            args: tu.command_line(),
            name: tu.name,
            dir: dir.clone(),
        };
        let size = config_of(&subject).map_or(0, |c| preprocess(&c, &mut FsLoader).tokens.len());
        if best.as_ref().is_none_or(|(n, _)| size > *n) {
            best = Some((size, subject));
        }
    }
    best.map(|(_, s)| s)
}

/// A synthetic TU in a temporary directory: headers of macro-heavy declarations.
fn synthetic_tu() -> Subject {
    let dir = std::env::temp_dir().join(format!("klp-ccp-bench-{}", std::process::id()));
    let _ = std::fs::create_dir_all(dir.join("include"));
    let mut main = String::new();
    for h in 0..40 {
        let mut header = format!("#ifndef H{h}\n#define H{h}\n");
        header.push_str("#define CAT(a, b) a ## b\n#define STR(x) #x\n");
        header.push_str(
            "#define FIELD(t, n) t CAT(n, _field);\n#define MAX(a, b) ((a) > (b) ? (a) : (b))\n",
        );
        for s in 0..50 {
            header.push_str(&format!(
                "struct s{h}_{s} {{ FIELD(int, a) FIELD(long, b) }};\nstatic inline int f{h}_{s}(int x) {{ return MAX(x, {s}) + sizeof(STR(f{h}_{s})); }}\n"
            ));
        }
        header.push_str("#endif\n");
        let _ = std::fs::write(dir.join(format!("include/h{h}.h")), header);
        main.push_str(&format!("#include <h{h}.h>\n#include <h{h}.h>\n"));
    }
    let _ = std::fs::write(dir.join("main.c"), main);
    Subject {
        name: "synthetic".into(),
        dir,
        args: vec!["-Iinclude".into(), "main.c".into()],
    }
}

pub fn config_of(subject: &Subject) -> Option<PpConfig> {
    std::env::set_current_dir(&subject.dir).ok()?;
    let invocation = parse_invocation("x86_64-gcc-12.2.0", &subject.args, &subject.dir).ok()?;
    Some(PpConfig::from_invocation(
        &invocation,
        &BuildClock::from_epoch(0),
    ))
}
