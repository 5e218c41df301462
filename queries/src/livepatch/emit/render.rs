//! Rendering an item's tokens as text: each token mapped back to where the user wrote it (a
//! file token to its bytes, a token a macro made to the whole outermost invocation), runs
//! of one file's tokens copied as one stretch of text with the edits made in it, and the
//! invocations an edit reaches inside a macro's body written out expanded.

use rustc_hash::{FxHashMap, FxHashSet};
use syntax::pp::provenance::{ExpansionId, FileId, Origin, OriginId};

use super::counter::counter_values;
use super::empty_invocations::with_empty_neighbours;
use super::lines::Rendered;
use super::tokens::OutToken;
use super::{Emitter, Written};

/// An item's text and the file it comes from.
pub(super) fn render(
    e: &Emitter<'_>,
    tokens: &[OutToken],
    cut: &FxHashSet<ExpansionId>,
    copied: &mut CopiedRanges,
) -> Rendered {
    let (units, written_out) = units(e, tokens, cut);
    let counting = counter_values(e, tokens, &written_out);
    let mut text = String::new();
    // Where the text was written: from its first place to the last in the same file.
    let source = units.iter().find(|u| u.place.is_some()).and_then(|first| {
        let (file, start, first_end) = first.place?;
        let end = (units.iter().rev())
            .filter_map(|u| u.place)
            .find(|place| place.0 == file)
            .map_or(first_end, |place| place.2);
        Some(Written::new(
            file,
            first.pp as u32,
            start,
            end.max(first_end),
        ))
    });
    let mut runs: Vec<Run> = Vec::new();
    for unit in units {
        match runs.last_mut() {
            Some(run) if run.extends_to(&unit) => run.push(unit),
            _ => runs.push(Run::new(unit)),
        }
    }
    let mut previous: Option<&Run> = None;
    let mut begins = None;
    for run in &runs {
        let separator = previous.and_then(|p| space_between(e, p, run));
        let written = run.write(e, separator.as_deref(), &mut text);
        if previous.is_none() {
            begins = written.first().map(|&(file, start, _)| (file, start));
        }
        for written in written {
            copied.add(written);
        }
        previous = Some(run);
    }
    Rendered {
        source,
        text,
        begins,
        counting,
    }
}

/// What is written between two runs: the whitespace between them in the source when
/// only whitespace is; else (tokens were dropped between) the line ends of what lies
/// between, so that the lines after keep their numbers (`__LINE__`).
fn space_between(e: &Emitter<'_>, before: &Run, after: &Run) -> Option<String> {
    let (file, _, end) = before.units.last()?.place?;
    let (next_file, start, _) = after.units.first()?.place?;
    if file != next_file || start < end {
        return None;
    }
    let text = e.pp.files.get(file.0 as usize)?.original_text();
    let between = text.get(end as usize..start as usize)?;
    if between.chars().all(char::is_whitespace) {
        return Some(between.to_owned());
    }
    let newlines = between.matches('\n').count();
    (newlines > 0).then(|| "\n".repeat(newlines))
}

/// The item's tokens grouped into the stretches of source they are written in.
fn units(
    e: &Emitter<'_>,
    tokens: &[OutToken],
    cut: &FxHashSet<ExpansionId>,
) -> (Vec<Unit>, FxHashSet<ExpansionId>) {
    let mut expanded = expansions_to_spell(e, tokens);
    expanded.extend(cut.iter().copied());
    let mut units: Vec<Unit> = Vec::new();
    for token in tokens {
        let Some(pp_token) = e.pp.tokens.get(token.pp) else {
            continue;
        };
        let origin = pp_token.origin;
        let outermost = e.outermost(origin);
        let unit = match outermost {
            Some(expansion) if expanded.contains(&expansion) => {
                // Written out in place of the invocation.
                let mut unit = Unit::spelled(e, token);
                let (file, start, end) = e.invocation_place(expansion);
                (unit.file, unit.start, unit.end) = (Some(file), start, end);
                unit.place = Some((file, start, end));
                unit.expansion = Some(expansion);
                unit
            }
            Some(expansion) => invocation_unit(e, expansion, token),
            None => source_unit(e, origin, token),
        };
        let merged = units.last_mut().is_some_and(|last| last.absorb(&unit));
        if !merged {
            units.push(unit);
        }
    }
    (units, expanded)
}

/// The outermost invocations that must be written out expanded: those an edited token
/// comes from other than as a plain argument written in the file.
///
/// An argument edited in place must reach the expansion unchanged otherwise: an
/// invocation that stringifies or pastes (an argument may be among what it does so to)
/// is written out expanded too.
fn expansions_to_spell(e: &Emitter<'_>, tokens: &[OutToken]) -> FxHashSet<ExpansionId> {
    let transforming = transforming_invocations(e, tokens);
    let mut spelled = FxHashSet::default();
    for token in tokens.iter().filter(|t| t.text.is_some()) {
        let Some(pp_token) = e.pp.tokens.get(token.pp) else {
            continue;
        };
        let Some(outermost) = e.outermost(pp_token.origin) else {
            continue;
        };
        if e.argument_source(pp_token.origin).is_none() || transforming.contains(&outermost) {
            spelled.insert(outermost);
        }
    }
    spelled
}

/// The outermost invocations among `tokens` that stringify or paste tokens.
fn transforming_invocations(e: &Emitter<'_>, tokens: &[OutToken]) -> FxHashSet<ExpansionId> {
    let mut found = FxHashSet::default();
    for token in tokens {
        let Some(pp_token) = e.pp.tokens.get(token.pp) else {
            continue;
        };
        if is_transformed(e, pp_token.origin)
            && let Some(outermost) = e.outermost(pp_token.origin)
        {
            found.insert(outermost);
        }
    }
    found
}

/// Whether a token was made by `#` or `##` at some level of its expansions.
fn is_transformed(e: &Emitter<'_>, mut origin: OriginId) -> bool {
    loop {
        match e.pp.provenance.origin(origin) {
            Origin::Source { .. } => return false,
            Origin::Stringified { .. } | Origin::Pasted { .. } => return true,
            Origin::MacroArg { arg, .. } => origin = arg,
            Origin::MacroBody { expansion, .. } | Origin::Builtin { expansion } => {
                origin = e.pp.provenance.expansion(expansion).name
            }
        }
    }
}

fn source_unit(e: &Emitter<'_>, origin: OriginId, token: &OutToken) -> Unit {
    match e.pp.provenance.origin(origin) {
        Origin::Source { file, start, end } => {
            let replacements = token.text.iter().map(|t| (start, end, t.clone())).collect();
            Unit::stretch(token, (file, start, end), None, replacements)
        }
        _ => Unit::spelled(e, token),
    }
}

fn invocation_unit(e: &Emitter<'_>, expansion: ExpansionId, token: &OutToken) -> Unit {
    let (file, start, end) = e.invocation_place(expansion);
    let replacements = match (&token.text, e.pp.tokens.get(token.pp)) {
        (Some(text), Some(pp_token)) => e
            .argument_source(pp_token.origin)
            .map(|(_, s, e)| (s, e, text.clone()))
            .into_iter()
            .collect(),
        _ => Vec::new(),
    };
    Unit::stretch(token, (file, start, end), Some(expansion), replacements)
}

/// A stretch of one file's text, or tokens written out one by one.
#[derive(Debug, Clone)]
pub(super) struct Unit {
    /// The preprocessor token index of its first token.
    pp: usize,
    file: Option<FileId>,
    start: u32,
    end: u32,
    /// The outermost invocation the stretch is (tokens of one invocation merge).
    expansion: Option<ExpansionId>,
    /// Edits inside the stretch: byte ranges and their new text.
    replacements: Vec<(u32, u32, String)>,
    before: Option<String>,
    after: Option<String>,
    gap: bool,
    /// The text of tokens written out (an expanded invocation's).
    spelled: Option<String>,
    /// Where the unit is written in the source (an expanded invocation's tokens: the
    /// invocation), for the whitespace around it.
    place: Option<(FileId, u32, u32)>,
}

impl Unit {
    /// A token's stretch of file text (an invocation's, for a token a macro made).
    fn stretch(
        token: &OutToken,
        (file, start, end): (FileId, u32, u32),
        expansion: Option<ExpansionId>,
        replacements: Vec<(u32, u32, String)>,
    ) -> Unit {
        Unit {
            file: Some(file),
            start,
            end,
            expansion,
            replacements,
            before: token.before.clone(),
            after: token.after.clone(),
            gap: token.gap,
            pp: token.pp,
            spelled: None,
            place: Some((file, start, end)),
        }
    }

    /// A token written out, with what edits put around it.
    fn spelled(e: &Emitter<'_>, token: &OutToken) -> Unit {
        let spelling = match (&token.text, e.pp.tokens.get(token.pp)) {
            (Some(text), _) => text.clone(),
            (None, Some(pp_token)) => e.pp.spelling(pp_token).to_owned(),
            (None, None) => String::new(),
        };
        let text = format!(
            "{}{spelling}{}",
            token.before.as_deref().unwrap_or_default(),
            token.after.as_deref().unwrap_or_default()
        );
        Unit {
            file: None,
            start: 0,
            end: 0,
            expansion: None,
            replacements: Vec::new(),
            before: None,
            after: None,
            gap: token.gap,
            pp: token.pp,
            spelled: Some(text),
            place: None,
        }
    }

    /// Merges `next` when it is the same invocation (its other tokens).
    fn absorb(&mut self, next: &Unit) -> bool {
        let same = self.expansion.is_some() && self.expansion == next.expansion && !next.gap;
        if let (true, Some(text), Some(next_text)) = (same, self.spelled.as_mut(), &next.spelled) {
            // Tokens written out are separated, so that none merge.
            text.push(' ');
            text.push_str(next_text);
            return true;
        }
        if same {
            self.replacements.extend(next.replacements.iter().cloned());
            if next.after.is_some() {
                self.after = next.after.clone();
            }
            if let (Some(place), Some(next_place)) = (self.place.as_mut(), next.place) {
                place.2 = place.2.max(next_place.2);
            }
        }
        same
    }
}

/// The stretches of file text the live patch copies, by file.
#[derive(Default)]
pub(super) struct CopiedRanges {
    ranges: FxHashMap<FileId, Vec<(u32, u32)>>,
}

impl CopiedRanges {
    pub fn add(&mut self, (file, start, end): (FileId, u32, u32)) {
        self.ranges.entry(file).or_default().push((start, end));
    }

    pub fn extend(&mut self, other: &CopiedRanges) {
        for (file, ranges) in &other.ranges {
            self.ranges.entry(*file).or_default().extend(ranges);
        }
    }

    pub fn sort(&mut self) {
        for ranges in self.ranges.values_mut() {
            ranges.sort_unstable();
        }
    }

    /// Every stretch, by file.
    pub fn iter(&self) -> impl Iterator<Item = (FileId, u32, u32)> + '_ {
        (self.ranges.iter())
            .flat_map(|(&file, ranges)| ranges.iter().map(move |&(s, e)| (file, s, e)))
    }

    /// Whether offset `at` of `file` is copied (the ranges sorted).
    pub fn contains(&self, file: FileId, at: u32) -> bool {
        let Some(ranges) = self.ranges.get(&file) else {
            return false;
        };
        let after = ranges.partition_point(|&(start, _)| start <= at);
        after > 0 && ranges[after - 1].1 > at
    }
}

/// Consecutive units of one file, copied as one stretch of text.
struct Run {
    units: Vec<Unit>,
}

impl Run {
    fn new(unit: Unit) -> Run {
        Run { units: vec![unit] }
    }

    /// Whether `next` continues the stretch: same file, further on, no tokens dropped between.
    fn extends_to(&self, next: &Unit) -> bool {
        let Some(last) = self.units.last() else {
            return false;
        };
        last.file.is_some()
            && !next.gap
            && last.after.is_none()
            && next.before.is_none()
            && last.file == next.file
            && next.start >= last.end
    }

    fn push(&mut self, unit: Unit) {
        self.units.push(unit);
    }

    /// Writes the run after `separator` (a space when none: tokens must not merge); the
    /// stretch of file text it copied, if any.
    fn write(
        &self,
        e: &Emitter<'_>,
        separator: Option<&str>,
        out: &mut String,
    ) -> Vec<(FileId, u32, u32)> {
        match separator {
            Some(space) => out.push_str(space),
            None if !out.is_empty() && !out.ends_with(char::is_whitespace) => out.push(' '),
            None => {}
        }
        let Some(first) = self.units.first() else {
            return Vec::new();
        };
        if let Some(before) = &first.before {
            out.push_str(before);
        }
        if let (Some(spelled), None) = (&first.spelled, first.file) {
            out.push_str(spelled);
            return Vec::new();
        }
        let (Some(file), Some(last)) = (first.file, self.units.last()) else {
            return Vec::new();
        };
        let Some(text) = e.pp.files.get(file.0 as usize).map(|f| f.original_text()) else {
            return Vec::new();
        };
        let (start, end, conditionals) =
            (e.conditionals).rewrite(file, first.pp as u32, (first.start, last.end));
        let position = first.pp as u32;
        let written_out: Vec<(u32, u32, String)> = (self.units.iter())
            .filter_map(|u| Some(((u.start, u.end), u.spelled.clone()?)))
            .map(|(range, text)| {
                // Widened within the stretch written: what lies beyond is not this run's.
                let (from, to) = with_empty_neighbours(e, file, range);
                (
                    (from.max(start).min(range.0), to.min(end).max(range.1)),
                    text,
                )
            })
            .flat_map(|(range, text)| {
                (e.conditionals).write_out(e.file_text(file), file, position, range, text)
            })
            .collect();
        let mut replacements: Vec<&(u32, u32, String)> = self
            .units
            .iter()
            .flat_map(|u| u.replacements.iter())
            .chain(written_out.iter())
            .chain(conditionals.iter())
            .collect();
        replacements.sort_by_key(|r| (r.0, r.1));
        let mut at = start;
        for (from, to, new) in replacements {
            if *from < at || *to > end {
                continue;
            }
            out.push_str(text.get(at as usize..*from as usize).unwrap_or_default());
            out.push_str(new);
            at = *to;
        }
        out.push_str(text.get(at as usize..end as usize).unwrap_or_default());
        if let Some(after) = &last.after {
            out.push_str(after);
        }
        // What was copied as written: the stretch without the invocations written out.
        let mut copied = Vec::new();
        let mut from = start;
        for (written_start, written_end, _) in &written_out {
            copied.push((file, from, *written_start));
            from = *written_end;
        }
        copied.push((file, from, end));
        copied
    }
}
