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
        let patterns = Patterns::compile(&file.patched.functions, PatternKind::Names, source)?;
        // The file's own errors first: the data may take a while (vmlinux).
        let data = load_data(&file, symbol_files, source)?;
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
        let mut methods = self.rules.externalized.iter();
        let Some(method) = methods.find(|m| m.applies(kind, name, &self.data)) else {
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

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use expect_test::{Expect, expect};
    use queries::livepatch::{DefinitionLinkage, FunDefinition, Policy, Question, SymbolKind};

    use super::FilePolicy;

    /// A scratch directory with `files`, removed when dropped.
    struct Scratch(PathBuf);

    impl Drop for Scratch {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    fn scratch(name: &str, files: &[(&str, &str)]) -> Scratch {
        let dir = std::env::temp_dir().join(format!("klp-ccp-file-{}-{name}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("scratch directory");
        for (path, text) in files {
            std::fs::write(dir.join(path), text).expect("scratch file");
        }
        Scratch(dir)
    }

    fn example(name: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("examples/policies")
            .join(name)
    }

    #[track_caller]
    fn check(policy: &FilePolicy, questions: &[Question], expected: Expect) {
        let replies: String = questions
            .iter()
            .map(|q| match policy.ask(q) {
                Ok(reply) => format!(
                    "{:?} -> {:?} {:?}\n",
                    q.args(),
                    reply.answer,
                    reply.warnings
                ),
                Err(failure) => format!("{failure}\n"),
            })
            .collect();
        expected.assert_eq(&replies);
    }

    fn externalized(kind: SymbolKind, name: &str, retry: u32) -> Question {
        Question::ModifyExternalizedSym {
            kind,
            name: name.into(),
            retry,
        }
    }

    fn static_function(name: &str) -> Question {
        Question::CanExternalizeFun {
            name: name.into(),
            definition: Some(FunDefinition {
                linkage: DefinitionLinkage::Internal,
                file: "kernel/fork.c".into(),
                line: 1,
            }),
        }
    }

    fn header(path: &str) -> Question {
        Question::MayIncludeHeader {
            header: path.into(),
            pre_include: false,
        }
    }

    #[test]
    fn kallsyms_example_answers_from_the_objects_symbols() {
        let dir = scratch(
            "kallsyms",
            &[(
                "fork.nm",
                "0000000000000000 t kept\n0000000000000010 T exported_fn\n\
                 0000000000000000 d local_obj\n                 U printk\n\
                 \x20                w maybe\n",
            )],
        );
        let syms = [dir.0.join("fork.nm")];
        let policy =
            FilePolicy::load(&example("kallsyms.toml"), &syms, &["fix".into()]).expect("policy");
        check(
            &policy,
            &[
                Question::IsPatched { name: "fix".into() },
                Question::IsPatched {
                    name: "kept".into(),
                },
                header("include/linux/sched.h"),
                header("kernel/sched/sched.h"),
                static_function("kept"),
                static_function("inlined_away"),
                Question::ShallExternalizeFun {
                    name: "kept".into(),
                    from_header: true,
                },
                externalized(SymbolKind::Function, "kept", 0),
                externalized(SymbolKind::Object, "local_obj", 2),
                externalized(SymbolKind::Function, "maybe", 0),
                externalized(SymbolKind::Function, "printk", 0),
                externalized(SymbolKind::Function, "exported_fn", 0),
                Question::ModifyPatchedFunSym {
                    name: "fix".into(),
                    retry: 1,
                },
                Question::RenamedRewrittenFun {
                    name: "kept".into(),
                    retry: 0,
                },
            ],
            expect![[r#"
                ["fix"] -> YesNo(true) []
                ["kept"] -> YesNo(false) []
                ["include/linux/sched.h"] -> YesNo(true) []
                ["kernel/sched/sched.h"] -> YesNo(false) []
                ["kept", "internal", "kernel/fork.c:1"] -> YesNo(true) []
                ["inlined_away", "internal", "kernel/fork.c:1"] -> YesNo(false) []
                ["kept", "from-header"] -> YesNo(false) []
                ["function", "kept", "0"] -> SymbolChange(SymbolChange { new_name: "klpe_kept", linkage: MakeInternal, make_pointer: true }) []
                ["object", "local_obj", "2"] -> SymbolChange(SymbolChange { new_name: "klpe_local_obj2", linkage: MakeInternal, make_pointer: true }) []
                ["function", "maybe", "0"] -> SymbolChange(SymbolChange { new_name: "klpe_maybe", linkage: MakeInternal, make_pointer: true }) []
                ["function", "printk", "0"] -> SymbolChange(SymbolChange { new_name: "printk", linkage: MakeExternal, make_pointer: false }) []
                ["function", "exported_fn", "0"] -> SymbolChange(SymbolChange { new_name: "exported_fn", linkage: MakeExternal, make_pointer: false }) []
                ["fix", "1"] -> SymbolChange(SymbolChange { new_name: "klpp_fix1", linkage: MakeInternal, make_pointer: false }) []
                ["kept", "0"] -> NewName("klpr_kept") []
            "#]],
        );
    }

    #[test]
    fn klp_convert_example_warns_of_local_duplicates_in_kallsyms() {
        let dir = scratch(
            "klp-convert",
            &[
                (
                    "Module.symvers",
                    "0x12345678\tprintk\tvmlinux\tEXPORT_SYMBOL\t\n",
                ),
                (
                    "kallsyms",
                    "ffffffff81000000 t dup\nffffffff81000100 t dup\n\
                     ffffffff81000200 T printk\nffffffffc0000000 t once\t[ext4]\n",
                ),
            ],
        );
        let syms = [dir.0.join("Module.symvers"), dir.0.join("kallsyms")];
        let policy = FilePolicy::load(&example("klp-convert.toml"), &syms, &[]).expect("policy");
        check(
            &policy,
            &[
                externalized(SymbolKind::Function, "printk", 0),
                externalized(SymbolKind::Function, "dup", 0),
                externalized(SymbolKind::Function, "once", 0),
                header("/usr/lib/gcc/x86_64-linux-gnu/12/include/stddef.h"),
                header("arch/x86/include/asm/io.h"),
                header("./include/linux/sched.h"),
                header("drivers/net/private.h"),
                header("drivers/net/include/private.h"),
            ],
            expect![[r#"
                ["function", "printk", "0"] -> SymbolChange(SymbolChange { new_name: "printk", linkage: MakeExternal, make_pointer: false }) []
                ["function", "dup", "0"] -> SymbolChange(SymbolChange { new_name: "dup", linkage: MakeExternal, make_pointer: false }) ["`dup` is defined more than once as a local symbol: its .klp.sym relocation needs the symbol's kallsyms position"]
                ["function", "once", "0"] -> SymbolChange(SymbolChange { new_name: "once", linkage: MakeExternal, make_pointer: false }) []
                ["/usr/lib/gcc/x86_64-linux-gnu/12/include/stddef.h"] -> YesNo(true) []
                ["arch/x86/include/asm/io.h"] -> YesNo(true) []
                ["./include/linux/sched.h"] -> YesNo(true) []
                ["drivers/net/private.h"] -> YesNo(false) []
                ["drivers/net/include/private.h"] -> YesNo(false) []
            "#]],
        );
    }

    #[test]
    fn an_empty_policy_file_answers_as_no_policy_does() {
        let dir = scratch("empty", &[("empty.toml", "")]);
        let policy =
            FilePolicy::load(&dir.0.join("empty.toml"), &[], &["fix".into()]).expect("policy");
        let default = queries::livepatch::DefaultPolicy::new(["fix".to_owned()]);
        for question in [
            Question::IsPatched { name: "fix".into() },
            header("kernel/private.h"),
            static_function("kept"),
            externalized(SymbolKind::Object, "counter", 0),
            Question::ModifyPatchedFunSym {
                name: "fix".into(),
                retry: 0,
            },
            Question::RenamedRewrittenFun {
                name: "kept".into(),
                retry: 3,
            },
        ] {
            let reply = policy.ask(&question).expect("an answer");
            assert_eq!(reply.answer, default.answer(&question), "{question:?}");
        }
    }
}
