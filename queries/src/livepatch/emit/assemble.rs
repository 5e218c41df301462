//! The pieces joined: under a marker naming the file each comes from, within the
//! conditionals that enclose it in the source.

use std::fmt::Write as _;

use syntax::pp::provenance::FileId;

use super::conditionals::ChainId;
use super::counter::{advance_lines, counter_advances};
use super::lines::line_directive;
use super::{Emitter, Piece};

/// Joins the pieces, marking where the text comes from, within the conditionals that
/// enclose them in the source.
pub(super) fn assemble(e: &Emitter<'_>, pieces: &[Piece]) -> String {
    let mut out = Output::default();
    let mut open: Vec<ChainId> = Vec::new();
    let advances = counter_advances(e, pieces);
    for (piece, &advance) in pieces.iter().zip(&advances) {
        let wanted = piece.source.map_or_else(Vec::new, |w| e.enclosing(w));
        let kept = open.iter().zip(&wanted).take_while(|(a, b)| a == b).count();
        for &chain in open[kept..].iter().rev() {
            let text = e.conditionals.closing(e.file_text(chain.file), chain);
            out.write(e, Some(chain.file), &text);
        }
        for &chain in &wanted[kept..] {
            let text = e.conditionals.opening(e.file_text(chain.file), chain);
            out.write(e, Some(chain.file), &text);
        }
        open = wanted;
        out.write(e, piece.source.map(|w| w.file), "");
        if advance > 0 {
            out.text.push_str(&advance_lines(advance));
        }
        if let Some(directive) = piece.line.and_then(|at| line_directive(e, at)) {
            out.text.push_str(&directive);
        }
        out.write(e, piece.source.map(|w| w.file), &piece.text);
        out.text.push('\n');
        if piece.ends_item {
            out.text.push('\n');
        }
    }
    for &chain in open.iter().rev() {
        let text = e.conditionals.closing(e.file_text(chain.file), chain);
        out.write(e, Some(chain.file), &text);
    }
    out.text
}

/// The live patch's text as it is written, and the file the text last written comes from.
#[derive(Default)]
struct Output {
    text: String,
    current: Option<Option<FileId>>,
}

impl Output {
    /// Writes `text` from `file`, after a marker when the file changes.
    fn write(&mut self, e: &Emitter<'_>, file: Option<FileId>, text: &str) {
        if self.current != Some(file) {
            if !self.text.is_empty() {
                self.text.push('\n');
            }
            match file {
                Some(file) => {
                    let path = e.pp.provenance.file(file).path.display();
                    let _ = writeln!(self.text, "/* klp-ccp: from {path} */");
                }
                None => self.text.push_str("/* klp-ccp: not from file */\n"),
            }
            self.current = Some(file);
        }
        self.text.push_str(text);
    }
}
