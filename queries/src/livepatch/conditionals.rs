//! Conditional groups (`#if` ... `#endif`) inside copied text, as klp-ccp writes them: the
//! directives as written, the taken group's text, each group not taken replaced by
//! `#error "klp-ccp: non-taken branch"`, and an `#else` with an `#error` added when a group
//! was taken and there is no `#else`: the live patch compiles only in the configuration the
//! TU was preprocessed in, and says so when it is not.
//!
//! A stretch of copied text that cuts through a conditional is widened to the whole of it, so
//! that no directive is left without its partner.

use rustc_hash::FxHashMap;
use syntax::pp::PreprocessedTu;
use syntax::pp::provenance::FileId;

const NOT_TAKEN: &str = "#error \"klp-ccp: non-taken branch\"\n";
const NONE_TAKEN: &str = "#else\n#error \"klp-ccp: a preceeding branch should have been taken\"\n";

/// The conditionals of the TU's files.
#[derive(Debug, Default)]
pub struct Conditionals {
    by_file: FxHashMap<FileId, Vec<Chain>>,
}

/// One conditional: its groups, and its `#endif` line.
#[derive(Debug)]
struct Chain {
    groups: Vec<Group>,
    /// Where the `#endif` line starts, and where it ends (after its newline).
    endif: (u32, u32),
    has_else: bool,
}

#[derive(Debug)]
struct Group {
    /// Where the directive line starts.
    start: u32,
    /// The group's text: from after its directive line to the start of the next one's.
    body: (u32, u32),
    taken: bool,
}

impl Chain {
    fn start(&self) -> u32 {
        self.groups.first().map_or(self.endif.0, |g| g.start)
    }

    fn end(&self) -> u32 {
        self.endif.1
    }
}

impl Conditionals {
    pub fn new(pp: &PreprocessedTu) -> Conditionals {
        let provenance = &pp.provenance;
        let mut groups_by_file: FxHashMap<FileId, Vec<(u32, u32, u32, bool)>> =
            FxHashMap::default();
        for group in &provenance.conditionals {
            let Some(inclusion) = provenance.inclusions.get(group.inclusion.0 as usize) else {
                continue;
            };
            // A group whose end was never seen (the file ended inside it) is left alone.
            if group.body.1 <= group.directive.0 {
                continue;
            }
            groups_by_file.entry(inclusion.file).or_default().push((
                group.directive.0,
                group.directive.1,
                group.body.1,
                group.taken,
            ));
        }
        let by_file = groups_by_file
            .into_iter()
            .filter_map(|(file, groups)| {
                let text = pp.files.get(file.0 as usize)?.original_text();
                Some((file, chains(text, groups)))
            })
            .collect();
        Conditionals { by_file }
    }

    /// The range `start..end` of `file` widened to the conditionals it cuts through, and the
    /// text replacements that write the conditionals inside it.
    pub fn rewrite(
        &self,
        file: FileId,
        start: u32,
        end: u32,
    ) -> (u32, u32, Vec<(u32, u32, String)>) {
        let Some(chains) = self.by_file.get(&file) else {
            return (start, end, Vec::new());
        };
        let (mut start, mut end) = (start, end);
        loop {
            let mut widened = false;
            for chain in chains {
                // Only conditionals cutting through one end: those enclosing the whole
                // stretch (an include guard) stay out.
                let (from, to) = (chain.start(), chain.end());
                if from < start && start < to && to <= end {
                    start = from;
                    widened = true;
                }
                if start <= from && from < end && to > end {
                    end = to;
                    widened = true;
                }
            }
            if !widened {
                break;
            }
        }
        let mut replacements = Vec::new();
        for chain in chains
            .iter()
            .filter(|c| c.start() >= start && c.end() <= end)
        {
            for group in chain.groups.iter().filter(|g| !g.taken) {
                replacements.push((group.body.0, group.body.1, NOT_TAKEN.to_owned()));
            }
            if !chain.has_else && chain.groups.iter().any(|g| g.taken) {
                replacements.push((chain.endif.0, chain.endif.0, NONE_TAKEN.to_owned()));
            }
        }
        (start, end, replacements)
    }
}

/// The conditionals of one file from its groups `(directive start, directive end, end,
/// taken)`: groups chain where one ends at the next one's directive.
fn chains(text: &str, mut groups: Vec<(u32, u32, u32, bool)>) -> Vec<Chain> {
    groups.sort_unstable();
    let starts: FxHashMap<u32, usize> = groups.iter().enumerate().map(|(i, g)| (g.0, i)).collect();
    let continued: std::collections::HashSet<usize> = groups
        .iter()
        .filter_map(|g| starts.get(&g.2).copied())
        .collect();
    let mut chains = Vec::new();
    for head in (0..groups.len()).filter(|i| !continued.contains(i)) {
        let mut members = Vec::new();
        let mut current = Some(head);
        while let Some(index) = current {
            members.push(groups[index]);
            current = starts.get(&groups[index].2).copied();
        }
        let Some(&(last_start, _, endif_start, _)) = members.last() else {
            continue;
        };
        let has_else = directive_word(text, last_start) == Some("else");
        let groups = members
            .iter()
            .map(|&(start, directive_end, end, taken)| Group {
                start: line_start(text, start),
                body: (
                    line_end(text, start).max(line_start(text, directive_end)),
                    line_start(text, end),
                ),
                taken,
            })
            .collect();
        chains.push(Chain {
            groups,
            endif: (line_start(text, endif_start), line_end(text, endif_start)),
            has_else,
        });
    }
    chains
}

/// The directive's name (`if`, `else`, ...) of the directive starting at `at` (its `#`).
fn directive_word(text: &str, at: u32) -> Option<&str> {
    let rest = text.get(at as usize..)?.strip_prefix('#')?;
    let rest = rest.trim_start_matches([' ', '\t']);
    let end = rest
        .find(|c: char| !c.is_ascii_alphanumeric() && c != '_')
        .unwrap_or(rest.len());
    rest.get(..end)
}

/// Where the line of offset `at` starts.
fn line_start(text: &str, at: u32) -> u32 {
    let at = (at as usize).min(text.len());
    text.get(..at)
        .and_then(|t| t.rfind('\n'))
        .map_or(0, |i| i as u32 + 1)
}

/// Where the line of offset `at` ends, after its newline. A directive's last line may end in
/// backslash-newlines continuing it; they are part of it.
fn line_end(text: &str, at: u32) -> u32 {
    let bytes = text.as_bytes();
    let mut i = (at as usize).min(bytes.len());
    while i < bytes.len() {
        if bytes[i] == b'\n' && (i == 0 || bytes[i - 1] != b'\\') {
            return i as u32 + 1;
        }
        i += 1;
    }
    bytes.len() as u32
}
