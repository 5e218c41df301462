//! What the fuzz targets share: how an input becomes a TU in a memory file system, and the
//! three pipelines they drive (preprocessing, `klp-ccp check`, live-patch creation), each as
//! the command line tool runs it.
//!
//! An input is the bytes of the main file `/src/t.c`, optionally followed by [`SEPARATOR`] and
//! the bytes of a header. The header is found as `"h.h"` beside the main file, as `<h.h>` in
//! the `-I` directory `/inc`, and again in the system directory `/sys` (so `#include_next`
//! from it finds it once more); the main file includes itself as `"t.c"`. Every other path is
//! missing.
//!
//! The compiler is x86_64 gcc 12 (its predefined macros, `-std=gnu11`), as `klp-ccp` would
//! set it up for `--compiler=x86_64-gcc-12 -- -nostdinc -I/inc -isystem /sys -DMODULE
//! /src/t.c`. The bounds on macro expansion are lowered (see [`LIMITS`]) so that the fuzzer
//! spends its time on variety rather than on expansions that are large by design.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use queries::livepatch::{DefaultPolicy, Question, questions_asked_first};
use queries::{Db, FileSystem, Tu};
use syntax::diagnostic::{Diagnostic, short_line};
use syntax::pp::{BuildClock, LoadError, PpConfig, PreprocessedTu, SearchDir};

/// The main file's path.
pub const MAIN: &str = "/src/t.c";

/// Between the main file and the header, when the input has one.
pub const SEPARATOR: &[u8] = b"\n//--- h.h\n";

/// Where the header is found: beside the main file, in the `-I` and in the system directory.
const HEADER_PATHS: [&str; 3] = ["/src/h.h", "/inc/h.h", "/sys/h.h"];

/// The bounds on preprocessing under fuzzing: the real ones (32 Mi tokens from one
/// invocation, 128 Mi in the TU, 64 Ki files entered with 128 Mi tokens) are far above real
/// code and take seconds to reach, which a fuzzer finds at once and then reaches over and
/// over. These are still above any test's.
pub const LIMITS: syntax::pp::Limits = syntax::pp::Limits {
    expansion_tokens: 1 << 18,
    tu_tokens: 1 << 20,
    inclusions: 1 << 12,
    included_tokens: 1 << 20,
};

/// The stack of the work thread, as `klp-ccp`'s own (`src/main.rs`): deep nesting recurses.
const STACK_SIZE: usize = 256 << 20;

/// The files of one input.
#[derive(Debug, Clone)]
pub struct Sources {
    pub main: String,
    pub header: Option<String>,
}

impl Sources {
    /// The main file and the header of `data`, decoded as klp-ccp reads files (bytes that are
    /// not UTF-8 kept).
    pub fn from_bytes(data: &[u8]) -> Sources {
        let split = (data.windows(SEPARATOR.len())).position(|w| w == SEPARATOR);
        match split {
            Some(at) => Sources {
                main: syntax::text::decode(data[..at].to_vec()),
                header: Some(syntax::text::decode(data[at + SEPARATOR.len()..].to_vec())),
            },
            None => Sources {
                main: syntax::text::decode(data.to_vec()),
                header: None,
            },
        }
    }
}

impl FileSystem for Sources {
    fn read(&self, path: &Path) -> Result<String, LoadError> {
        if path == Path::new(MAIN) {
            return Ok(self.main.clone());
        }
        match &self.header {
            Some(header) if HEADER_PATHS.iter().any(|p| path == Path::new(p)) => Ok(header.clone()),
            _ => Err(LoadError::Missing),
        }
    }
}

/// The configuration of every input's TU (made once: the predefined macros take a while).
pub fn config() -> &'static PpConfig {
    static CONFIG: OnceLock<PpConfig> = OnceLock::new();
    CONFIG.get_or_init(|| {
        let args: Vec<String> = ["-nostdinc", "-I/inc", "-isystem", "/sys", "-DMODULE", MAIN]
            .into_iter()
            .map(String::from)
            .collect();
        // A fixed command line: it is right, or the harness is broken.
        let invocation =
            syntax::invocation::parse_invocation("x86_64-gcc-12", &args, Path::new("/"))
                .expect("the fuzzing command line is valid");
        let mut config = PpConfig::from_invocation(&invocation, &BuildClock::from_epoch(0));
        // The directories are set here rather than left to the invocation, which drops those
        // missing from the real file system.
        config.search = vec![
            SearchDir {
                path: PathBuf::from("/inc"),
                system: false,
            },
            SearchDir {
                path: PathBuf::from("/sys"),
                system: true,
            },
        ];
        config.bracket_start = 0;
        // The predefined macros klp-ccp reads (the target, gcc's version, the language, the
        // types' sizes) and the ones C code tests most: all 377 of gcc's would be most of the
        // time of a small input's preprocessing, and of `-dM`'s output.
        config.builtin_defines = (config.builtin_defines.lines())
            .filter(|line| {
                let name = line.trim_start_matches("#define ");
                KEPT_DEFINES.iter().any(|kept| name.starts_with(kept))
            })
            .flat_map(|line| [line, "\n"])
            .collect();
        config.limits = LIMITS;
        config
    })
}

/// The prefixes of the names of the predefined macros kept (see `config`).
const KEPT_DEFINES: &[&str] = &[
    "__GNUC",
    "__STDC",
    "__x86_64",
    "__SIZEOF_",
    "__CHAR_BIT__",
    "__SIZE_TYPE__",
    "__PTRDIFF_TYPE__",
    "__WCHAR_TYPE__",
    "__INTPTR_TYPE__",
    "__UINTPTR_TYPE__",
    "__INTMAX_TYPE__",
    "__UINTMAX_TYPE__",
    "__INT8_TYPE__",
    "__INT16_TYPE__",
    "__INT32_TYPE__",
    "__INT64_TYPE__",
    "__UINT8_TYPE__",
    "__UINT16_TYPE__",
    "__UINT32_TYPE__",
    "__UINT64_TYPE__",
    "__INT_MAX__",
    "__LONG_MAX__",
    "__LONG_LONG_MAX__",
    "__SCHAR_MAX__",
    "__SHRT_MAX__",
    "__BYTE_ORDER__",
    "__ORDER_",
    "__linux__",
    "__unix__",
    "__OPTIMIZE__",
    "__LP64__",
    "__VERSION__",
    "__CHAR_UNSIGNED__",
    "__has_include",
];

/// A database holding the input's files, and its TU.
pub fn open(data: &[u8]) -> (Db, Tu) {
    let db = Db::new(Sources::from_bytes(data));
    let tu = Tu::new(&db, config().clone());
    (db, tu)
}

/// Runs `f` on `data` on a thread with `klp-ccp`'s stack, one thread for all inputs (a
/// thread made for each would cost more than a small input's run). A panic there aborts
/// the fuzzer, through libfuzzer-sys' panic hook, as a crash.
pub fn on_work_thread(data: &[u8], f: fn(&[u8])) {
    type Job = (Vec<u8>, fn(&[u8]));
    static WORKER: OnceLock<Mutex<(Sender<Job>, Receiver<()>)>> = OnceLock::new();
    let worker = WORKER.get_or_init(|| {
        let (jobs, job) = channel::<Job>();
        let (done, finished) = channel();
        std::thread::Builder::new()
            .stack_size(STACK_SIZE)
            .spawn(move || {
                for (data, f) in job {
                    f(&data);
                    if done.send(()).is_err() {
                        return;
                    }
                }
            })
            .expect("a thread to work on");
        Mutex::new((jobs, finished))
    });
    let channels = worker.lock().unwrap_or_else(PoisonError::into_inner);
    channels
        .0
        .send((data.to_vec(), f))
        .expect("the work thread takes the input");
    channels
        .1
        .recv()
        .expect("the work thread finishes the input");
}

/// `klp-ccp preprocess`: the TU, its diagnostics and, without errors, its output as
/// `-E -P`, `-dM` and `-dD` print it.
pub fn preprocess(db: &Db, tu: Tu) {
    let pp = queries::preprocess(db, tu);
    render(&pp, &pp.diagnostics);
    if !pp.has_errors() {
        std::hint::black_box(syntax::text::encode(&syntax::pp::render(&pp)));
        std::hint::black_box(syntax::pp::render_macro_definitions(&pp));
        std::hint::black_box(syntax::pp::render_with_definitions(&pp));
    }
}

/// `klp-ccp check` (`Session::check`): the diagnostics of preprocessing, then of parsing,
/// then of semantics and types, as far as there are no errors; each rendered.
pub fn check(db: &Db, tu: Tu) -> (Arc<PreprocessedTu>, Vec<Diagnostic>) {
    let pp = queries::preprocess(db, tu);
    let mut diagnostics = pp.diagnostics.clone();
    if !pp.has_errors() {
        diagnostics.extend(queries::parse(db, tu).diagnostics(&pp));
    }
    if !diagnostics.iter().any(Diagnostic::is_error) {
        queries::resolve_and_type_bodies(db, tu, 1);
        diagnostics.extend(queries::sema_diagnostics(db, tu));
        diagnostics.extend(queries::type_diagnostics(db, tu));
    }
    render(&pp, &diagnostics);
    (pp, diagnostics)
}

/// The functions patched: those the main file defines whose names the conformance suite's
/// toy policy patches (`pu_`, `ps_`, `pe_`), else the first one it defines.
pub fn patched_functions(db: &Db, tu: Tu) -> Vec<String> {
    let in_source: Vec<String> = (questions_asked_first(db, tu).into_iter())
        .filter_map(|q| match q {
            Question::IsPatched { name } => Some(name),
            _ => None,
        })
        .collect();
    let scope = queries::sema::file_scope(db, tu);
    let defined: Vec<&str> = (scope.functions.iter())
        .map(|f| scope.name(f.name))
        .filter(|name| in_source.iter().any(|n| n == name))
        .collect();
    let toy: Vec<String> = (defined.iter())
        .filter(|name| ["pu_", "ps_", "pe_"].iter().any(|p| name.starts_with(p)))
        .map(|name| name.to_string())
        .collect();
    if toy.is_empty() {
        defined
            .first()
            .map(|name| name.to_string())
            .into_iter()
            .collect()
    } else {
        toy
    }
}

/// Live-patch creation as `klp-ccp` runs it (`run_create`) under the default policy: the TU
/// checked, the patched functions chosen and checked, the questions asked ahead, the live
/// patch made and its diagnostics rendered.
pub fn live_patch(db: &mut Db, tu: Tu) {
    let (_, diagnostics) = check(db, tu);
    if diagnostics.iter().any(Diagnostic::is_error) {
        return;
    }
    let names = patched_functions(db, tu);
    if names.is_empty() {
        // `klp-ccp` refuses to run without a function to patch.
        return;
    }
    db.set_policy(Arc::new(DefaultPolicy::new(names.iter().cloned())));
    let pp = queries::preprocess(db, tu);
    let errors = queries::patched_name_errors(db, tu, &names);
    render(&pp, &errors);
    if !errors.is_empty() {
        return;
    }
    queries::ask_questions_ahead(db, tu, 1);
    if let Ok(patch) = queries::livepatch::live_patch(db, tu).as_ref() {
        render(&pp, &patch.diagnostics);
        std::hint::black_box(syntax::text::encode(&patch.text));
    }
}

/// Renders diagnostics as `--message-format=short` prints them: locating them must work
/// whatever they point at.
fn render(pp: &PreprocessedTu, diagnostics: &[Diagnostic]) {
    for d in diagnostics {
        std::hint::black_box(short_line(pp, d));
    }
}
