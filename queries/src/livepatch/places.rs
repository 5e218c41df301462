//! Anchors mapped to files and lines, as the policy's questions and the closure name them.

use syntax::parse_tu::ParsedTu;
use syntax::pp::PreprocessedTu;
use syntax::pp::provenance::{FileId, InclusionKind};
use syntax::pp::token::PpToken;

use super::oracle::Places;
use crate::items::ItemIndex;
use crate::sema::Anchor;

/// The places of a TU's anchors.
pub struct TuPlaces<'a> {
    pub pp: &'a PreprocessedTu,
    pub parsed: &'a ParsedTu,
    pub index: &'a ItemIndex,
}

impl TuPlaces<'_> {
    /// The file and offset where the token at `at` was written (its outermost invocation
    /// when a macro made it).
    fn source(&self, at: Anchor) -> Option<(FileId, u32)> {
        let token = self.pp_token(at)?;
        let (file, offset, _) = self.pp.provenance.outermost_expansion_point(token.origin);
        Some((file, offset))
    }

    /// The preprocessor token at an anchor.
    fn pp_token(&self, at: Anchor) -> Option<&PpToken> {
        let index = self.parsed.token_index(self.index.offset(at)?)?;
        self.pp.tokens.get(self.parsed.pp_token(index)?)
    }

    /// The file the token at `at` was written in.
    pub fn file(&self, at: Anchor) -> Option<FileId> {
        self.source(at).map(|(file, _)| file)
    }
}

impl Places for TuPlaces<'_> {
    fn made_by_macro(&self, at: Anchor) -> bool {
        self.pp_token(at)
            .is_some_and(|t| self.pp.provenance.written_location(t.origin).is_none())
    }

    fn location(&self, at: Anchor) -> Option<(String, u32)> {
        let (file, offset) = self.source(at)?;
        let (line, _) = self.pp.files.get(file.0 as usize)?.line_col(offset);
        let path = self.pp.provenance.file(file).path.display().to_string();
        Some((path, line))
    }

    fn header(&self, at: Anchor) -> Option<(String, bool)> {
        let file = self.file(at)?;
        let pre_include = match self.index.first_inclusion(file)? {
            InclusionKind::Main => return None,
            InclusionKind::PreInclude | InclusionKind::Imacros => true,
            InclusionKind::Include | InclusionKind::IncludeNext => false,
        };
        let path = self.pp.provenance.file(file).path.display().to_string();
        Some((path, pre_include))
    }

    fn in_header(&self, at: Anchor) -> bool {
        let kind = self.file(at).and_then(|f| self.index.first_inclusion(f));
        kind.is_some_and(|k| k != InclusionKind::Main)
    }
}
