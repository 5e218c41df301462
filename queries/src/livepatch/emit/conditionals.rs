//! Conditional groups (`#if` ... `#endif`) inside copied text, as klp-ccp writes them: the
//! directives as written, the taken group's text, each group not taken replaced by
//! `#error "klp-ccp: non-taken branch"`, and an `#else` with an `#error` added when a group
//! was taken and there is no `#else`: the live patch compiles only in the configuration the
//! TU was preprocessed in, and says so when it is not.
//!
//! A stretch of copied text that cuts through a conditional is widened to the whole of it, so
//! that no directive is left without its partner. A conditional enclosing copied text is
//! written around it: its directives up to the taken group before, the rest after (include
//! guards excepted: they say nothing of the configuration).

use rustc_hash::FxHashMap;
use syntax::pp::PreprocessedTu;
use syntax::pp::provenance::FileId;

const NOT_TAKEN: &str = "#error \"klp-ccp: non-taken branch\"\n";
const NONE_TAKEN: &str = "#else\n#error \"klp-ccp: a preceeding branch should have been taken\"\n";

/// The conditionals of the TU's files.
#[derive(Debug, Default)]
pub struct Conditionals {
    by_file: FxHashMap<FileId, Vec<Reading>>,
}

/// One reading of a file (an inclusion): the output it spans, and its conditionals. A file
/// read several times (the kernel's trace headers) may take other groups each time.
#[derive(Debug)]
struct Reading {
    positions: (u32, u32),
    chains: Vec<Chain>,
}

/// A conditional of a file: the reading, and its index among the reading's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ChainId {
    pub file: FileId,
    reading: usize,
    index: usize,
}

/// One conditional: its groups, and its `#endif` line.
#[derive(Debug)]
struct Chain {
    groups: Vec<Group>,
    /// Where the `#endif` line starts, and where it ends (after its newline).
    endif: (u32, u32),
    has_else: bool,
    /// The file's include guard.
    guard: bool,
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
        let mut groups_by_inclusion: FxHashMap<usize, Vec<RawGroup>> = FxHashMap::default();
        for group in &provenance.conditionals {
            // A group whose end was never seen (the file ended inside it) is left alone.
            if group.body.1 <= group.directive.0 {
                continue;
            }
            groups_by_inclusion
                .entry(group.inclusion.0 as usize)
                .or_default()
                .push(RawGroup {
                    start: group.directive.0,
                    directive_end: group.directive.1,
                    end: group.body.1,
                    taken: group.taken,
                    guard: group.guard,
                });
        }
        let mut by_file: FxHashMap<FileId, Vec<Reading>> = FxHashMap::default();
        let mut readings: Vec<_> = groups_by_inclusion.into_iter().collect();
        readings.sort_by_key(|(inclusion, _)| *inclusion);
        for (inclusion, groups) in readings {
            let Some(inclusion) = provenance.inclusions.get(inclusion) else {
                continue;
            };
            let Some(file) = pp.files.get(inclusion.file.0 as usize) else {
                continue;
            };
            by_file.entry(inclusion.file).or_default().push(Reading {
                positions: inclusion.positions,
                chains: chains(file.original_text(), groups),
            });
        }
        Conditionals { by_file }
    }

    /// The reading of `file` that output position `position` lies in: the innermost (a
    /// file may include itself).
    fn reading(&self, file: FileId, position: u32) -> Option<(usize, &Reading)> {
        let readings = self.by_file.get(&file)?;
        readings
            .iter()
            .enumerate()
            .filter(|(_, r)| r.positions.0 <= position && position <= r.positions.1)
            .min_by_key(|(_, r)| r.positions.1 - r.positions.0)
            .or_else(|| readings.iter().enumerate().next())
    }

    /// The range `start..end` of `file` (read where output position `position` lies)
    /// widened to the conditionals it cuts through, and the text replacements that write the
    /// conditionals inside it.
    pub fn rewrite(
        &self,
        file: FileId,
        position: u32,
        (start, end): (u32, u32),
    ) -> (u32, u32, Vec<(u32, u32, String)>) {
        let Some((_, reading)) = self.reading(file, position) else {
            return (start, end, Vec::new());
        };
        let chains = &reading.chains;
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

    /// The replacements that write a macro invocation at `start..end` of `file` out as
    /// `text` when conditional directives lie inside it (its arguments span them): the
    /// directive lines stay, with the groups not taken (the `#error`s `rewrite` writes), the
    /// invocation's text between them goes, and `text` takes the place of its last stretch,
    /// where the invocation ends. Without directives inside, one replacement of the whole.
    pub fn write_out(
        &self,
        file_text: &str,
        file: FileId,
        position: u32,
        (start, end): (u32, u32),
        text: String,
    ) -> Vec<(u32, u32, String)> {
        let mut kept: Vec<(u32, u32)> = self
            .reading(file, position)
            .into_iter()
            .flat_map(|(_, reading)| &reading.chains)
            .flat_map(|chain| {
                let groups = chain.groups.iter();
                let directives = groups.clone().map(|g| (g.start, g.body.0));
                let not_taken = groups.filter(|g| !g.taken).map(|g| g.body);
                directives
                    .chain(not_taken)
                    .chain(std::iter::once(chain.endif))
            })
            .filter(|&(from, to)| start <= from && to <= end)
            .collect();
        // A stretch that goes keeps its line ends, so that the directives after it still
        // start their lines and the lines after it keep their numbers (`__LINE__`).
        let newlines = |from: u32, to: u32| {
            let stretch = file_text
                .get(from as usize..to as usize)
                .unwrap_or_default();
            "\n".repeat(stretch.matches('\n').count())
        };
        if kept.is_empty() {
            return vec![(start, end, text + &newlines(start, end))];
        }
        kept.sort_unstable();
        let mut stretches = Vec::new();
        let mut at = start;
        for (from, to) in kept {
            if from > at {
                stretches.push((at, from, newlines(at, from)));
            }
            at = at.max(to);
        }
        stretches.push((at, end, String::new()));
        if let Some(last) = stretches.last_mut() {
            last.2 = text + &newlines(last.0, last.1);
        }
        stretches
    }

    /// The conditionals (include guards excepted) whose taken group holds `start..end` of
    /// `file` (read where output position `position` lies), outermost first.
    ///
    /// Not those of a file read several times: what it tests changes between the readings
    /// (the kernel's trace headers test `TRACE_HEADER_MULTI_READ`), and text copied from
    /// several readings would not see the states it saw.
    pub fn enclosing(&self, file: FileId, position: u32, (start, end): (u32, u32)) -> Vec<ChainId> {
        if self
            .by_file
            .get(&file)
            .is_some_and(|readings| readings.len() > 1)
        {
            return Vec::new();
        }
        let Some((reading_index, reading)) = self.reading(file, position) else {
            return Vec::new();
        };
        let mut found: Vec<(u32, ChainId)> = (reading.chains.iter())
            .enumerate()
            .filter(|(_, chain)| {
                !chain.guard
                    && (chain.groups.iter())
                        .any(|g| g.taken && g.body.0 <= start && end <= g.body.1)
            })
            .map(|(index, chain)| {
                let id = ChainId {
                    file,
                    reading: reading_index,
                    index,
                };
                (chain.start(), id)
            })
            .collect();
        found.sort_by_key(|&(start, _)| start);
        found.into_iter().map(|(_, id)| id).collect()
    }

    /// What a conditional enclosing copied text writes before it: the directives up to the
    /// taken group's, each group not taken replaced by an `#error`.
    pub fn opening(&self, text: &str, id: ChainId) -> String {
        let Some(chain) = self.chain(id) else {
            return String::new();
        };
        let mut out = String::new();
        for group in &chain.groups {
            out.push_str(
                text.get(group.start as usize..group.body.0 as usize)
                    .unwrap_or_default(),
            );
            if group.taken {
                break;
            }
            out.push_str(NOT_TAKEN);
        }
        out
    }

    /// What it writes after: the directives after the taken group's, with `#error`s, and
    /// its `#endif`.
    pub fn closing(&self, text: &str, id: ChainId) -> String {
        let Some(chain) = self.chain(id) else {
            return String::new();
        };
        let mut out = String::new();
        for group in chain.groups.iter().skip_while(|g| !g.taken).skip(1) {
            out.push_str(
                text.get(group.start as usize..group.body.0 as usize)
                    .unwrap_or_default(),
            );
            out.push_str(NOT_TAKEN);
        }
        if !chain.has_else {
            out.push_str(NONE_TAKEN);
        }
        out.push_str(
            text.get(chain.endif.0 as usize..chain.endif.1 as usize)
                .unwrap_or_default(),
        );
        out
    }

    /// The directive lines of a conditional (all written when it encloses copied text).
    pub fn directive_lines(&self, id: ChainId) -> Vec<(u32, u32)> {
        let Some(chain) = self.chain(id) else {
            return Vec::new();
        };
        let groups = chain.groups.iter().map(|g| (g.start, g.body.0));
        groups.chain(std::iter::once(chain.endif)).collect()
    }

    fn chain(&self, id: ChainId) -> Option<&Chain> {
        self.by_file
            .get(&id.file)?
            .get(id.reading)?
            .chains
            .get(id.index)
    }
}

/// A group as the preprocessor recorded it: its directive's range, where it ends (the next
/// directive of its conditional), whether it was taken, whether it is an include guard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct RawGroup {
    start: u32,
    directive_end: u32,
    end: u32,
    taken: bool,
    guard: bool,
}

/// The conditionals of one file from its groups: groups chain where one ends at the next
/// one's directive.
fn chains(text: &str, mut groups: Vec<RawGroup>) -> Vec<Chain> {
    groups.sort_unstable();
    let starts: FxHashMap<u32, usize> = (groups.iter().enumerate())
        .map(|(i, g)| (g.start, i))
        .collect();
    let continued: std::collections::HashSet<usize> = groups
        .iter()
        .filter_map(|g| starts.get(&g.end).copied())
        .collect();
    let mut chains = Vec::new();
    for head in (0..groups.len()).filter(|i| !continued.contains(i)) {
        let mut members = Vec::new();
        let mut current = Some(head);
        while let Some(index) = current {
            members.push(groups[index]);
            current = starts.get(&groups[index].end).copied();
        }
        let (Some(first), Some(last)) = (members.first(), members.last()) else {
            continue;
        };
        let has_else = directive_word(text, last.start) == Some("else");
        let groups = members
            .iter()
            .map(|g| Group {
                start: line_start(text, g.start),
                body: (
                    line_end(text, g.start).max(line_start(text, g.directive_end)),
                    line_start(text, g.end),
                ),
                taken: g.taken,
            })
            .collect();
        chains.push(Chain {
            groups,
            endif: (line_start(text, last.end), line_end(text, last.end)),
            has_else,
            guard: first.guard,
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
