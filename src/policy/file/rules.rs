//! The policy file's rules, checked and compiled once: glob sets for names and header paths,
//! name templates, the externalization methods. A pattern or template that cannot work is an
//! error located in the file, before any question is asked.

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use queries::livepatch::{LinkageChange, SymbolKind, is_identifier};
use toml::Spanned;

use super::located::{PolicyFileError, Source};
use super::schema::{self, Choice, Condition, Externalizable, KindSelector, Linkage};
use super::sources::SymbolData;

/// Globs, matched against function or object names, or header paths.
#[derive(Debug)]
pub struct Patterns {
    set: GlobSet,
}

/// How patterns are matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PatternKind {
    Names,
    /// `*` stays within a path component; `**` crosses them.
    Paths,
}

impl Patterns {
    pub fn compile(
        patterns: &[Spanned<String>],
        kind: PatternKind,
        source: Source,
    ) -> Result<Patterns, PolicyFileError> {
        let mut set = GlobSetBuilder::new();
        for pattern in patterns {
            let glob = GlobBuilder::new(pattern.get_ref())
                .literal_separator(kind == PatternKind::Paths)
                .build()
                .map_err(|e| source.invalid(&pattern.span(), glob_message(&e)))?;
            set.add(glob);
        }
        let set = set
            .build()
            .map_err(|e| source.invalid(&(0..0), glob_message(&e)))?;
        Ok(Patterns { set })
    }

    pub fn matches(&self, text: &str) -> bool {
        !self.set.is_empty() && self.set.is_match(text)
    }

    pub fn is_empty(&self) -> bool {
        self.set.is_empty()
    }
}

/// globset's message, without its own quoting of the pattern (the location shows it).
fn glob_message(error: &globset::Error) -> String {
    format!("bad pattern: {}", error.kind())
}

/// A name template: text with `{name}` standing for the old name.
#[derive(Debug, Clone)]
pub struct Template {
    parts: Vec<Part>,
}

#[derive(Debug, Clone)]
enum Part {
    Text(String),
    Name,
}

/// Whether a template makes names (which must be C identifiers) or messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TemplateKind {
    Name,
    Message,
}

impl Template {
    /// The template of `spanned`, or `default` when the key is left out.
    pub fn compile(
        spanned: Option<&Spanned<String>>,
        default: &str,
        kind: TemplateKind,
        source: Source,
    ) -> Result<Template, PolicyFileError> {
        let Some(spanned) = spanned else {
            return parse(default).ok_or_else(|| source.invalid(&(0..0), "bad default template"));
        };
        let span = spanned.span();
        let template = parse(spanned.get_ref()).ok_or_else(|| {
            source.invalid(&span, "only `{name}` may stand in braces in a template")
        })?;
        if kind == TemplateKind::Name && !is_identifier(&template.render("x")) {
            let message = "the template does not make C identifiers of names";
            return Err(source.invalid(&span, message));
        }
        Ok(template)
    }

    pub fn render(&self, name: &str) -> String {
        let mut text = String::new();
        for part in &self.parts {
            match part {
                Part::Text(literal) => text.push_str(literal),
                Part::Name => text.push_str(name),
            }
        }
        text
    }

    /// The name for `name` on the `retry`th clash: the count appended from the first on,
    /// as the kernel policy's scripts do (`klpp_f`, `klpp_f1`, `klpp_f2`).
    pub fn renamed(&self, name: &str, retry: u32) -> String {
        match retry {
            0 => self.render(name),
            _ => format!("{}{retry}", self.render(name)),
        }
    }
}

/// The parts of `text`, `None` when a brace stands for anything but `{name}`.
fn parse(text: &str) -> Option<Template> {
    let mut parts = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find(['{', '}']) {
        let after = rest[open..].strip_prefix("{name}")?;
        if open > 0 {
            parts.push(Part::Text(rest[..open].to_owned()));
        }
        parts.push(Part::Name);
        rest = after;
    }
    if !rest.is_empty() {
        parts.push(Part::Text(rest.to_owned()));
    }
    Some(Template { parts })
}

pub fn linkage_change(linkage: Linkage) -> LinkageChange {
    match linkage {
        Linkage::Keep => LinkageChange::Keep,
        Linkage::Internal => LinkageChange::MakeInternal,
        Linkage::External => LinkageChange::MakeExternal,
    }
}

/// Whether `condition` holds of symbol `name` in `data`.
pub fn holds(condition: Condition, name: &str, data: &SymbolData) -> bool {
    use super::symbols::Binding;
    let table = &data.table;
    match condition {
        Condition::Local => table.defines(name, Binding::Local),
        Condition::Global => table.defines(name, Binding::Global),
        Condition::Weak => table.defines(name, Binding::Weak),
        Condition::WeakUndefined => table.weak_undefined(name),
        Condition::Defined => table.defines_any(name),
        Condition::Undefined => !table.entries(name).is_empty() && !table.defines_any(name),
        Condition::Unknown => table.entries(name).is_empty() && !data.symvers.is_exported(name),
        Condition::Duplicate => table.duplicate_local(name),
        Condition::Exported => data.symvers.is_exported(name),
    }
}

/// One externalization method, compiled.
#[derive(Debug)]
pub struct Method {
    kind: Option<KindSelector>,
    names: Patterns,
    when: Vec<Condition>,
    unless: Vec<Condition>,
    pub rename: Template,
    pub linkage: LinkageChange,
    pub pointer: bool,
    pub warning: Option<Template>,
    pub error: Option<Template>,
}

impl Method {
    pub fn compile(
        rule: &schema::ExternalizeRule,
        source: Source,
    ) -> Result<Method, PolicyFileError> {
        let message = |template: &Option<Spanned<String>>| {
            (template.as_ref())
                .map(|t| Template::compile(Some(t), "", TemplateKind::Message, source))
                .transpose()
        };
        Ok(Method {
            kind: rule.kind,
            names: Patterns::compile(&rule.names, PatternKind::Names, source)?,
            when: rule.when.clone(),
            unless: rule.unless.clone(),
            rename: Template::compile(rule.rename.as_ref(), "{name}", TemplateKind::Name, source)?,
            linkage: linkage_change(rule.linkage),
            pointer: rule.pointer,
            warning: message(&rule.warning)?,
            error: message(&rule.error)?,
        })
    }

    /// Whether the method is for symbol `name` of `kind`.
    pub fn applies(&self, kind: SymbolKind, name: &str, data: &SymbolData) -> bool {
        let kind_matches = matches!(
            (self.kind, kind),
            (None, _)
                | (Some(KindSelector::Function), SymbolKind::Function)
                | (Some(KindSelector::Object), SymbolKind::Object)
        );
        kind_matches
            && (self.names.is_empty() || self.names.matches(name))
            && (self.when.is_empty() || self.when.iter().any(|&c| holds(c, name, data)))
            && !self.unless.iter().any(|&c| holds(c, name, data))
    }
}

/// The answer of a `can-externalize-*` setting for a function named `name`.
pub fn externalizable(setting: Externalizable, name: &str, data: &SymbolData) -> bool {
    match setting {
        Externalizable::Yes => true,
        Externalizable::No => false,
        Externalizable::IfDefined => data.table.defines_function(name),
    }
}

/// Copy or externalize, by name first: `copy` wins over `externalize`, then `default`.
pub fn chosen(copy: &Patterns, externalize: &Patterns, default: Choice, name: &str) -> bool {
    if copy.matches(name) {
        false
    } else if externalize.matches(name) {
        true
    } else {
        default == Choice::Externalize
    }
}

#[cfg(test)]
mod tests {
    use super::{PatternKind, Patterns, Template, TemplateKind};
    use crate::policy::file::located::Source;
    use std::path::Path;
    use toml::Spanned;

    fn source() -> Source<'static> {
        Source {
            path: Path::new("p.toml"),
            text: "",
        }
    }

    fn patterns(list: &[&str], kind: PatternKind) -> Patterns {
        let list: Vec<Spanned<String>> = list
            .iter()
            .map(|p| Spanned::new(0..0, (*p).to_owned()))
            .collect();
        Patterns::compile(&list, kind, source()).expect("patterns")
    }

    #[test]
    fn header_paths_match_as_the_kernel_policy_script_does() {
        let include = patterns(&["**/include/**"], PatternKind::Paths);
        for path in [
            "include/linux/sched.h",
            "./include/linux/sched.h",
            "arch/x86/include/asm/io.h",
            "/usr/lib/gcc/x86_64-linux-gnu/12/include/stddef.h",
            "include/../kernel/sched/sched.h",
        ] {
            assert!(include.matches(path), "{path}");
        }
        for path in ["kernel/sched/sched.h", "fs/include.h", "xinclude/a.h"] {
            assert!(!include.matches(path), "{path}");
        }
        let arch = patterns(&["arch/*/include/**"], PatternKind::Paths);
        assert!(arch.matches("arch/x86/include/asm/io.h"));
        assert!(!arch.matches("arch/x86/kvm/include/a.h"));
    }

    #[test]
    fn templates_rename_with_the_retry_count_appended() {
        let template = |text: &str| {
            Template::compile(
                Some(&Spanned::new(0..0, text.to_owned())),
                "",
                TemplateKind::Name,
                source(),
            )
        };
        let klpp = template("klpp_{name}").expect("template");
        assert_eq!(klpp.renamed("f", 0), "klpp_f");
        assert_eq!(klpp.renamed("f", 2), "klpp_f2");
        assert_eq!(template("{name}").expect("template").renamed("f", 0), "f");
        let bad = |text| template(text).unwrap_err().to_string();
        assert_eq!(
            bad("klpp_{nam}"),
            "p.toml:1:1: only `{name}` may stand in braces in a template"
        );
        assert_eq!(
            bad("klp-{name}"),
            "p.toml:1:1: the template does not make C identifiers of names"
        );
    }
}
