//! The open brief's annotations, each held together with where it sits in
//! the brief as loaded now. The two lists are private so that no caller can
//! add, remove or reorder one without the other: an annotation always has
//! exactly one placement.

use crate::annotations::{
    self, Anchor, Annotation, AnnotationFile, BriefRecord, Placement, Position, Span,
};
use std::path::PathBuf;

/// A brief's annotation file as loaded, with where each annotation sits now.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Annotated {
    file: AnnotationFile,
    /// One per annotation of `file`, in the same order.
    placements: Vec<Placement>,
    /// Where the file is saved.
    pub path: PathBuf,
    /// Why the file may not be written (it could not be read whole), if so.
    pub read_only: Option<String>,
    /// Changed since the last successful save.
    pub dirty: bool,
    pub save_error: Option<String>,
}

impl Annotated {
    /// `file` as read from `path`, placed on the passages `texts`.
    pub fn new(
        file: AnnotationFile,
        path: PathBuf,
        read_only: Option<String>,
        texts: &[&str],
    ) -> Self {
        let placements = annotations::place_all(texts, &file.annotations);
        Annotated {
            file,
            placements,
            path,
            read_only,
            ..Annotated::default()
        }
    }

    /// Find every annotation again on the passages `texts` (the brief changed).
    pub fn place(&mut self, texts: &[&str]) {
        self.placements = annotations::place_all(texts, &self.file.annotations);
    }

    /// The file as it is to be saved.
    pub fn file(&self) -> &AnnotationFile {
        &self.file
    }

    /// Every annotation, deleted ones (tombstones) included, in file order.
    pub fn all(&self) -> &[Annotation] {
        &self.file.annotations
    }

    /// Where each of `all()` sits, in the same order.
    pub fn placements(&self) -> &[Placement] {
        &self.placements
    }

    /// Each annotation with where it sits, in file order.
    pub fn placed(&self) -> impl Iterator<Item = (&Annotation, &Placement)> {
        self.file.annotations.iter().zip(&self.placements)
    }

    /// Annotation `i` (an index into `all()`).
    pub fn get(&self, i: usize) -> &Annotation {
        &self.file.annotations[i]
    }

    /// Annotation `i`, to change its text, colour or flags. Its anchor is
    /// changed with `attach`, which moves its placement along.
    pub fn get_mut(&mut self, i: usize) -> &mut Annotation {
        &mut self.file.annotations[i]
    }

    /// Where annotation `i` sits.
    pub fn placement(&self, i: usize) -> &Placement {
        &self.placements[i]
    }

    /// The index of the annotation with id `id`.
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.file.annotations.iter().position(|a| a.id == id)
    }

    /// Add `annotation`, sitting at `placement`; returned to fill in.
    pub fn push(&mut self, annotation: Annotation, placement: Placement) -> &mut Annotation {
        self.placements.push(placement);
        self.file.annotations.push(annotation);
        let last = self.file.annotations.len() - 1;
        &mut self.file.annotations[last]
    }

    /// Anchor annotation `i` on `span` (whose passage's text is `text`).
    pub fn attach(&mut self, i: usize, text: &str, span: Span) -> &mut Annotation {
        let a = &mut self.file.annotations[i];
        a.anchor = Some(Anchor::new(text, &span));
        self.placements[i] = Placement::Attached(span);
        a
    }

    /// Put `list` in place of every annotation (undo, or what a save merged
    /// from another instance), placed on `texts`; returns the list replaced.
    pub fn replace(&mut self, list: Vec<Annotation>, texts: &[&str]) -> Vec<Annotation> {
        let old = std::mem::replace(&mut self.file.annotations, list);
        self.place(texts);
        old
    }

    /// Take a save's merged file: its annotations (placed on `texts`) and
    /// the fields a newer `brief` wrote that this one does not know.
    pub fn take_merged(&mut self, merged: AnnotationFile, texts: &[&str]) {
        let changed = merged.annotations != self.file.annotations;
        self.file.extra = merged.extra;
        if changed {
            self.replace(merged.annotations, texts);
        }
    }

    /// What is known of the brief these annotations belong to.
    pub fn record_mut(&mut self) -> &mut BriefRecord {
        &mut self.file.brief
    }

    /// Where the reader was when last saved.
    pub fn position(&self) -> Option<&Position> {
        self.file.position.as_ref()
    }

    pub fn set_position(&mut self, position: Position) {
        self.file.position = Some(position);
    }
}
