//! `--policy=FILE`: a declarative policy, read in-process. A TOML file of rules answers every
//! question of the protocol from data loaded once (symbol tables, `Module.symvers`, gcc's
//! ipa-clones dumps), so that an answer costs a hash look-up instead of a process.
//!
//! `schema.rs` is the file as written, `rules.rs` its compiled patterns and templates,
//! `sources.rs` (with `elf.rs`, `symbols.rs`, `symvers.rs`, `ipa_clones.rs`) the data,
//! `patched.rs` the patched set, `located.rs` the errors located in the file.

mod elf;
mod ipa_clones;
mod located;
mod patched;
mod rules;
mod schema;
mod sources;
mod symbols;
mod symvers;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use queries::livepatch::{
    Answer, DefaultPolicy, DefinitionLinkage, Policy, PolicyFailure, Question, Reply, SymbolChange,
    SymbolKind,
};
use toml::Spanned;

pub use located::PolicyFileError;
use located::Source;
use patched::PatchedSet;
use rules::{Method, PatternKind, Patterns, Template, TemplateKind};
use schema::{Choice, Eligibility, Externalizable, PolicyFile};
use sources::{Format, SymbolData};

/// A policy file with its data, ready to answer.
pub struct FilePolicy {
    rules: Rules,
    data: SymbolData,
    patched: PatchedSet,
    stats: Stats,
    /// How long reading the file and its data took.
    loaded_in: Duration,
}

/// How many questions were answered, and in how long together (for `-v`).
#[derive(Default)]
struct Stats {
    count: AtomicUsize,
    nanos: AtomicU64,
}

/// The compiled rules of each question.
struct Rules {
    eligible: Patterns,
    ineligible: Patterns,
    headers_default: bool,
    patched_rename: Template,
    patched_linkage: queries::livepatch::LinkageChange,
    can_externalize_static: Externalizable,
    can_externalize_extern: Externalizable,
    externalize_functions: Patterns,
    copy_functions: Patterns,
    functions_default: Choice,
    functions_from_header: Choice,
    externalize_objects: Patterns,
    copy_objects: Patterns,
    objects_default: Choice,
    externalized: Vec<Method>,
    rewritten: Template,
}

impl FilePolicy {
    /// Reads the policy file `path` and its data: the files it names (relative to its
    /// folder) and `symbol_files` (`--symbols`, relative to the current directory).
    /// `patched_functions` are those of `--patched-functions`.
    pub fn load(
        path: &Path,
        symbol_files: &[PathBuf],
        patched_functions: &[String],
    ) -> Result<FilePolicy, PolicyFileError> {
        let started = Instant::now();
        let text = std::fs::read_to_string(path).map_err(|source| PolicyFileError::Read {
            path: path.to_owned(),
            source,
        })?;
        let source = Source { path, text: &text };
        let file: PolicyFile = toml::from_str(&text).map_err(|e| toml_error(&e, source))?;
        let rules = Rules::compile(&file, source)?;
        let data = load_data(&file, symbol_files, source)?;
        let patterns = Patterns::compile(&file.patched.functions, PatternKind::Names, source)?;
        let follow = file.patched.inlined_into;
        let patched = PatchedSet::new(patched_functions, patterns, &data.ipa_clones, follow);
        Ok(FilePolicy {
            rules,
            data,
            patched,
            stats: Stats::default(),
            loaded_in: started.elapsed(),
        })
    }

    /// Whether the file makes functions patched by itself (`[patched] functions`), so that
    /// a run needs no `--patched-functions`.
    pub fn names_patched_functions(&self) -> bool {
        self.patched.has_patterns()
    }

    /// How many questions it answered, and how long the answers took together.
    pub fn answered(&self) -> (usize, Duration) {
        let nanos = self.stats.nanos.load(Ordering::Relaxed);
        let count = self.stats.count.load(Ordering::Relaxed);
        (count, Duration::from_nanos(nanos))
    }

    /// What was loaded, in how long (for `-v`).
    pub fn summary(&self) -> String {
        format!(
            "{} symbol names, {} exports, read in {:.1} ms",
            self.data.table.len(),
            self.data.symvers.len(),
            self.loaded_in.as_secs_f64() * 1000.0
        )
    }

    fn reply(&self, question: &Question) -> Reply {
        match question {
            Question::IsPatched { name } => self.is_patched(name),
            Question::MayIncludeHeader { header, .. } => Reply::plain(yes(self.eligible(header))),
            Question::CanExternalizeFun { name, definition } => {
                let internal =
                    (definition.as_ref()).is_some_and(|d| d.linkage == DefinitionLinkage::Internal);
                Reply::plain(yes(self.can_externalize(name, internal)))
            }
            Question::ShallExternalizeFun { name, from_header } => {
                Reply::plain(yes(self.shall_externalize_fun(name, *from_header)))
            }
            Question::ShallExternalizeObj { name } => {
                let rules = &self.rules;
                let (copy, externalize) = (&rules.copy_objects, &rules.externalize_objects);
                Reply::plain(yes(rules::chosen(
                    copy,
                    externalize,
                    rules.objects_default,
                    name,
                )))
            }
            Question::ModifyPatchedFunSym { name, retry } => {
                Reply::plain(Answer::SymbolChange(SymbolChange {
                    new_name: self.rules.patched_rename.renamed(name, *retry),
                    linkage: self.rules.patched_linkage,
                    make_pointer: false,
                }))
            }
            Question::ModifyExternalizedSym { kind, name, retry } => {
                self.externalized(*kind, name, *retry, question)
            }
            Question::RenamedRewrittenFun { name, retry } => {
                Reply::plain(Answer::NewName(self.rules.rewritten.renamed(name, *retry)))
            }
        }
    }

    /// Patched or not; the reasons the data gives are warnings at the function.
    fn is_patched(&self, name: &str) -> Reply {
        if !self.patched.contains(name) {
            return Reply::plain(yes(false));
        }
        let mut warnings = Vec::new();
        if let Some(inlined) = self.patched.inlined(name) {
            warnings.push(format!(
                "patched too: `{inlined}`, which is patched, was inlined into it \
                 (gcc's ipa-clones dump)"
            ));
        }
        warnings.extend(patched::clone_warnings(name, &self.data.ipa_clones));
        Reply {
            answer: yes(true),
            warnings,
            errors: Vec::new(),
        }
    }

    fn eligible(&self, header: &str) -> bool {
        let rules = &self.rules;
        if rules.ineligible.matches(header) {
            false
        } else if rules.eligible.matches(header) {
            true
        } else {
            rules.headers_default
        }
    }

    fn can_externalize(&self, name: &str, internal: bool) -> bool {
        let setting = match internal {
            true => self.rules.can_externalize_static,
            false => self.rules.can_externalize_extern,
        };
        rules::externalizable(setting, name, &self.data)
    }

    fn shall_externalize_fun(&self, name: &str, from_header: bool) -> bool {
        let rules = &self.rules;
        let default = match from_header {
            true => rules.functions_from_header,
            false => rules.functions_default,
        };
        rules::chosen(
            &rules.copy_functions,
            &rules.externalize_functions,
            default,
            name,
        )
    }

    /// The first method for the symbol; without one, klp-ccp's default (name kept, made
    /// external).
    fn externalized(&self, kind: SymbolKind, name: &str, retry: u32, question: &Question) -> Reply {
        let methods = self.rules.externalized.iter();
        let Some(method) = methods
            .into_iter()
            .find(|m| m.applies(kind, name, &self.data))
        else {
            return Reply::plain(DefaultPolicy::default().answer(question));
        };
        let change = SymbolChange {
            new_name: method.rename.renamed(name, retry),
            linkage: method.linkage,
            make_pointer: method.pointer,
        };
        let message =
            |template: &Option<Template>| template.iter().map(|t| t.render(name)).collect();
        Reply {
            answer: Answer::SymbolChange(change),
            // Asked again on a clash, the method's messages are said once.
            warnings: if retry == 0 {
                message(&method.warning)
            } else {
                Vec::new()
            },
            errors: message(&method.error),
        }
    }
}

fn yes(yes: bool) -> Answer {
    Answer::YesNo(yes)
}

impl Policy for FilePolicy {
    fn ask(&self, question: &Question) -> Result<Reply, PolicyFailure> {
        let started = Instant::now();
        let reply = self.reply(question);
        let nanos = u64::try_from(started.elapsed().as_nanos()).unwrap_or(u64::MAX);
        self.stats.count.fetch_add(1, Ordering::Relaxed);
        self.stats.nanos.fetch_add(nanos, Ordering::Relaxed);
        Ok(reply)
    }

    fn names_as_patched(&self, name: &str) -> bool {
        self.patched.contains(name)
    }
}

impl Rules {
    fn compile(file: &PolicyFile, source: Source) -> Result<Rules, PolicyFileError> {
        let names = |list: &[Spanned<String>]| Patterns::compile(list, PatternKind::Names, source);
        let paths = |list: &[Spanned<String>]| Patterns::compile(list, PatternKind::Paths, source);
        let name_template = |spanned: &Option<Spanned<String>>, default| {
            Template::compile(spanned.as_ref(), default, TemplateKind::Name, source)
        };
        let (functions, objects) = (&file.functions, &file.objects);
        Ok(Rules {
            eligible: paths(&file.headers.eligible)?,
            ineligible: paths(&file.headers.ineligible)?,
            headers_default: file.headers.default == Eligibility::Eligible,
            patched_rename: name_template(&file.patched.rename, "klpp_{name}")?,
            patched_linkage: rules::linkage_change(file.patched.linkage),
            can_externalize_static: functions.can_externalize_static,
            can_externalize_extern: functions.can_externalize_extern,
            externalize_functions: names(&functions.externalize)?,
            copy_functions: names(&functions.copy)?,
            functions_default: functions.default,
            functions_from_header: functions.from_header,
            externalize_objects: names(&objects.externalize)?,
            copy_objects: names(&objects.copy)?,
            objects_default: objects.default,
            externalized: (file.externalized.iter())
                .map(|rule| Method::compile(rule, source))
                .collect::<Result<_, _>>()?,
            rewritten: name_template(&file.rewritten.rename, "klpr_{name}")?,
        })
    }
}

/// The data of the files the policy file names, then of `--symbols`.
fn load_data(
    file: &PolicyFile,
    symbol_files: &[PathBuf],
    source: Source,
) -> Result<SymbolData, PolicyFileError> {
    let mut data = SymbolData::default();
    let folder = source.path.parent().unwrap_or(Path::new(""));
    let keys = [
        (&file.symbols, Format::Detect),
        (&file.symvers, Format::Symvers),
        (&file.ipa_clones, Format::IpaClones),
    ];
    for (names, format) in keys {
        for name in names {
            let path = folder.join(name.get_ref());
            (data.read(&path, format)).map_err(|error| PolicyFileError::FileData {
                at: source.location(&name.span()),
                error,
            })?;
        }
    }
    for path in symbol_files {
        (data.read(path, Format::Detect))
            .map_err(|error| PolicyFileError::CommandLineData { error })?;
    }
    Ok(data)
}

/// The TOML parser's error, located by its span.
fn toml_error(error: &toml::de::Error, source: Source) -> PolicyFileError {
    let span = error.span().unwrap_or(0..0);
    source.invalid(&span, error.message().trim_end())
}
