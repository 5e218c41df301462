//! The macros the headers the live patch includes use from outside them.
//!
//! An `#include`d header is compiled whole: its inline functions and its macros' bodies
//! invoke macros the TU had defined before it, in files the header does not include (the
//! kernel's <linux/rculist.h> uses `LIST_POISON2` of <linux/poison.h>, which the TU read
//! first through <linux/list.h>). Such a macro must be defined before the `#include` in the
//! live patch too, whether or not the copied text uses it: its file's covering header is
//! included, or its `#define` written when the live patch copies from its file.

use rustc_hash::FxHashSet;
use syntax::pp::macros::MacroId;
use syntax::pp::provenance::InclusionId;

use super::Emitter;
use crate::livepatch::include_graph::IncludedReads;

/// The macros the headers of `includes` use (invoked or tested in the files they read)
/// that are defined outside the files the first `#include` reading them reads, and not by
/// the build (pre-includes, the command line): those whose files an included header
/// covers, by that header's inclusion, and the others, which the live patch defines.
pub(super) fn header_macro_needs(
    e: &Emitter<'_>,
    includes: &FxHashSet<InclusionId>,
) -> (FxHashSet<InclusionId>, FxHashSet<MacroId>) {
    let reads = IncludedReads::new(e.pp, e.coverage, includes);
    let provenance = &e.pp.provenance;
    let uses = e.macro_uses();
    let mut headers = FxHashSet::default();
    let mut defined = FxHashSet::default();
    let read_uses = (reads.files()).flat_map(|file| uses.first_uses_in(file));
    for &(file, offset, macro_id) in read_uses {
        let Some(read) = reads.read_with(file) else {
            continue;
        };
        let definition = e.pp.macros.defs.get(macro_id.0 as usize);
        let Some((defined_in, at, _)) = definition.and_then(|d| d.directive) else {
            continue;
        };
        // A definition in another file that the header reads only after the use (a file
        // the TU had read first) is not there for it.
        let read_before = defined_in == file || read.precedes((defined_in, at), (file, offset));
        if (read.contains(&defined_in) && read_before)
            || e.coverage.is_pre_included(defined_in)
            || provenance.file(defined_in).path
                == std::path::Path::new(syntax::pp::provenance::COMMAND_LINE)
        {
            continue;
        }
        match e.coverage.covering(defined_in) {
            Some(inclusion) => {
                headers.insert(inclusion);
            }
            None => {
                defined.insert(macro_id);
            }
        }
    }
    (headers, defined)
}
