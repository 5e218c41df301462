//! The toy policy of the conformance suite, as a `Policy` answering in-process (the tests of
//! live-patch creation use it).

use std::path::PathBuf;

use queries::livepatch::{
    Answer, LinkageChange, Policy, PolicyFailure, Question, Reply, SymbolChange, SymbolKind,
};

/// The toy policy of the conformance suite (`shared/toy-policy/`), answering by names alone:
/// - `pu_*`, `ps_*`, `pe_*` are patched, and become `klpp_NAME` with their linkage kept,
///   made internal or made external;
/// - a function is externalizable when its name, after an optional `p[use]_`, starts with a
///   marker `e[use][p][r]_`; an object is externalized when its name starts with one; the
///   marker's second letter picks the linkage as above, `p` makes the symbol a pointer, `r`
///   renames it `klpe_NAME`;
/// - an externalizable function is externalized unless an eligible header defines it;
/// - a header whose path contains `internal` may not be included;
/// - a rewritten function becomes `klpr_NAME`;
/// - a retried name gets the retry count appended.
///
/// Questions the toy scripts cannot answer (the symbol of a function that is not patched,
/// say) fail as the scripts do: exit status 1.
pub struct ToyPolicy;

/// What an `e[use][p][r]_` marker at the start of a name says.
struct Marker {
    linkage: LinkageChange,
    pointer: bool,
    rename: bool,
}

/// The marker `name` starts with, if any.
fn marker(name: &str) -> Option<Marker> {
    let mut rest = name.strip_prefix('e')?;
    let linkage = linkage(rest.chars().next()?)?;
    rest = &rest[1..];
    let pointer = rest.starts_with('p');
    if pointer {
        rest = &rest[1..];
    }
    let rename = rest.starts_with('r');
    if rename {
        rest = &rest[1..];
    }
    rest.starts_with('_').then_some(Marker {
        linkage,
        pointer,
        rename,
    })
}

/// The linkage change a `u`, `s` or `e` stands for.
fn linkage(letter: char) -> Option<LinkageChange> {
    match letter {
        'u' => Some(LinkageChange::Keep),
        's' => Some(LinkageChange::MakeInternal),
        'e' => Some(LinkageChange::MakeExternal),
        _ => None,
    }
}

/// The linkage change of a patched function's `p[use]_` prefix, if it has one.
fn patched_prefix(name: &str) -> Option<LinkageChange> {
    let mut chars = name.chars();
    if chars.next()? != 'p' {
        return None;
    }
    let linkage = linkage(chars.next()?)?;
    (chars.next()? == '_').then_some(linkage)
}

/// `PREFIXNAME`, with the retry count appended after the first try.
fn numbered(prefix: &str, name: &str, retry: u32) -> String {
    match retry {
        0 => format!("{prefix}{name}"),
        _ => format!("{prefix}{name}{retry}"),
    }
}

/// The failure of a toy script that exits with status 1.
pub fn script_failure(question: &Question) -> PolicyFailure {
    PolicyFailure {
        option: question.option(),
        program: PathBuf::from("toy-policy").join(&question.option()["--pol-cmd-".len()..]),
        args: question.args(),
        reason: "exited with status 1".into(),
    }
}

impl ToyPolicy {
    fn answer(&self, question: &Question) -> Option<Answer> {
        let yes_no = |yes| Some(Answer::YesNo(yes));
        let change = |new_name, linkage, make_pointer| {
            Some(Answer::SymbolChange(SymbolChange {
                new_name,
                linkage,
                make_pointer,
            }))
        };
        match question {
            Question::IsPatched { name } => yes_no(patched_prefix(name).is_some()),
            Question::MayIncludeHeader { header, .. } => yes_no(!header.contains("internal")),
            Question::CanExternalizeFun { name, .. } => {
                let rest = name.get(3..).filter(|_| patched_prefix(name).is_some());
                yes_no(marker(name).is_some() || rest.and_then(marker).is_some())
            }
            Question::ShallExternalizeFun { from_header, .. } => yes_no(!from_header),
            Question::ShallExternalizeObj { name } => yes_no(marker(name).is_some()),
            Question::ModifyPatchedFunSym { name, retry } => change(
                numbered("klpp_", name, *retry),
                patched_prefix(name)?,
                false,
            ),
            Question::ModifyExternalizedSym { kind, name, retry } => {
                let rest = match kind {
                    SymbolKind::Function if patched_prefix(name).is_some() => &name[3..],
                    _ => name,
                };
                let marker = marker(rest)?;
                let new_name = if marker.rename {
                    numbered("klpe_", name, *retry)
                } else {
                    name.clone()
                };
                change(new_name, marker.linkage, marker.pointer)
            }
            Question::RenamedRewrittenFun { name, retry } => {
                Some(Answer::NewName(numbered("klpr_", name, *retry)))
            }
        }
    }
}

impl Policy for ToyPolicy {
    fn ask(&self, question: &Question) -> Result<Reply, PolicyFailure> {
        self.answer(question)
            .map(Reply::plain)
            .ok_or_else(|| script_failure(question))
    }
}

/// The toy policy with the adjustments a live-patch case's `policy` file lists, one a line
/// (blank lines and `#` comments aside):
/// - `warning OPTION NAME TEXT`: the answer of the command `OPTION` (`--pol-cmd-...`) to a
///   question about `NAME` (one of its arguments) comes with the line `WARNING: TEXT`;
/// - `error OPTION NAME TEXT`: likewise, with the line `ERROR: TEXT`;
/// - `fail OPTION`: the command `OPTION` is broken: it prints no `RESULT:` line.
pub struct AdjustedToyPolicy {
    adjustments: Vec<Adjustment>,
}

/// One line of a `policy` file.
enum Adjustment {
    Warning {
        option: String,
        name: String,
        text: String,
    },
    Error {
        option: String,
        name: String,
        text: String,
    },
    Fail {
        option: String,
    },
}

impl AdjustedToyPolicy {
    /// The toy policy adjusted as the text of a `policy` file says; panics at a line it does
    /// not understand.
    pub fn from_file_text(text: &str) -> Self {
        let adjustments = (text.lines().map(str::trim))
            .filter(|line| !line.is_empty() && !line.starts_with('#'))
            .map(|line| {
                let mut words = line.splitn(4, ' ');
                let mut word = |what: &str| {
                    (words.next().map(str::to_owned))
                        .unwrap_or_else(|| panic!("no {what} in the policy line `{line}`"))
                };
                match word("adjustment").as_str() {
                    "warning" => Adjustment::Warning {
                        option: word("option"),
                        name: word("name"),
                        text: word("text"),
                    },
                    "error" => Adjustment::Error {
                        option: word("option"),
                        name: word("name"),
                        text: word("text"),
                    },
                    "fail" => Adjustment::Fail {
                        option: word("option"),
                    },
                    other => panic!("unknown policy adjustment `{other}` in `{line}`"),
                }
            })
            .collect();
        AdjustedToyPolicy { adjustments }
    }
}

impl Policy for AdjustedToyPolicy {
    fn ask(&self, question: &Question) -> Result<Reply, PolicyFailure> {
        let asks = |option: &str| question.option() == option;
        let about = |name: &str| question.args().iter().any(|a| a == name);
        let broken = |a: &Adjustment| matches!(a, Adjustment::Fail { option } if asks(option));
        if self.adjustments.iter().any(broken) {
            return Err(PolicyFailure {
                reason: "printed no `RESULT:` line".into(),
                ..script_failure(question)
            });
        }
        let mut reply = ToyPolicy.ask(question)?;
        for adjustment in &self.adjustments {
            match adjustment {
                Adjustment::Warning { option, name, text } if asks(option) && about(name) => {
                    reply.warnings.push(text.clone());
                }
                Adjustment::Error { option, name, text } if asks(option) && about(name) => {
                    reply.errors.push(text.clone());
                }
                _ => {}
            }
        }
        Ok(reply)
    }
}
