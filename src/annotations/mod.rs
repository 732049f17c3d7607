//! Bookmarks, highlights and notes: what they are, how they find their text
//! again after the brief changed, and how two copies of a file merge.
//! Pure: the store reads and writes files, this module only reasons.

mod anchor;
mod identity;
mod paths;
mod salvage;
mod timestamp;

pub use anchor::{Placement, Span, place_all, place_one};
pub use identity::{
    BriefKey, Claims, Fingerprint, Found, brief_key, file_name_for, find_record, is_name_of,
    same_at_path, same_elsewhere, similarity, stable_hash,
};
pub use salvage::{Salvaged, salvage};
pub use timestamp::Timestamp;

use crate::yaml::Value;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The schema version this program writes. Files with a higher number are
/// never overwritten: they come from a newer `brief`.
pub const SCHEMA: u32 = 1;

/// Highlight colours, named so the file stays readable.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default, Hash, strum::IntoStaticStr,
)]
#[serde(rename_all = "lowercase")]
#[strum(serialize_all = "lowercase")]
pub enum Colour {
    #[default]
    Yellow,
    Green,
    Blue,
    Pink,
}

impl Colour {
    /// The name people see and the file stores ("yellow").
    pub fn name(self) -> &'static str {
        self.into()
    }

    pub const ALL: [Colour; 4] = [Colour::Yellow, Colour::Green, Colour::Blue, Colour::Pink];

    pub fn next(self) -> Colour {
        let i = Colour::ALL.iter().position(|c| *c == self).unwrap_or(0);
        Colour::ALL[(i + 1) % Colour::ALL.len()]
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, strum::IntoStaticStr)]
#[serde(rename_all = "lowercase")]
#[strum(serialize_all = "lowercase")]
pub enum Kind {
    Bookmark,
    Highlight,
    Note,
    /// Text typed in the note editor and not saved: kept on disk and shown
    /// as a draft, it becomes a note only when the user saves it.
    Draft,
}

impl Kind {
    /// The name people see and the file stores ("bookmark").
    pub fn name(self) -> &'static str {
        self.into()
    }
}

/// How many annotations of each kind: counted in one place for the
/// library's marks, the notes without a brief and the notes pane.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    pub bookmarks: usize,
    pub highlights: usize,
    pub notes: usize,
    pub drafts: usize,
}

impl Counts {
    pub fn of<'a>(annotations: impl IntoIterator<Item = &'a Annotation>) -> Counts {
        let mut counts = Counts::default();
        for a in annotations {
            match a.kind {
                Kind::Bookmark => counts.bookmarks += 1,
                Kind::Highlight => counts.highlights += 1,
                Kind::Note => counts.notes += 1,
                Kind::Draft => counts.drafts += 1,
            }
        }
        counts
    }

    pub fn is_empty(&self) -> bool {
        *self == Counts::default()
    }
}

/// The text an annotation belongs to: the quote itself with some context,
/// and where it was (the hint). See README, "Where your files live". A long quote
/// is kept bounded: its start in `exact`, its end in `exact_end`, and a
/// hash of the whole (its length is `end - start`), so three marks on a
/// 100 KB passage do not make a 300 KB file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Anchor {
    /// The quote, or its first characters when it is long.
    pub exact: String,
    /// The quote's last characters when it is long (empty: `exact` is all of it).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub exact_end: String,
    /// `stable_hash` of the whole quote, in hex, when it is long.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub exact_hash: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub prefix: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub suffix: String,
    /// Passage index in reading order when the annotation was made.
    pub passage: usize,
    /// Where the quote starts inside that passage, in characters (not
    /// bytes: the file stays true whatever encoding reads it).
    #[serde(rename = "start")]
    pub char_start: usize,
    /// Where the quote ends, in characters.
    #[serde(rename = "end")]
    pub char_end: usize,
}

/// One annotation as stored. Unknown fields are kept in `extra` and written
/// back, so a newer `brief` sharing the file loses nothing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Annotation {
    pub id: String,
    pub kind: Kind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub colour: Option<Colour>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// None: the annotation is on the brief as a whole.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anchor: Option<Anchor>,
    pub created: Timestamp,
    pub updated: Timestamp,
    /// A deletion, kept so that another running instance's copy does not
    /// bring the annotation back when the two merge.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub deleted: bool,
    /// A draft's note: the one it changes when saved (None: the draft
    /// becomes a new note).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub draft_of: Option<String>,
    /// A copy of note `conflict_of` as another instance saved it while this
    /// one was changing it too: both versions are kept, neither wins silently.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conflict_of: Option<String>,
    /// In memory only: the `updated` of the version an edit started from.
    /// A save compares it with the disk's copy to tell an edit made on top
    /// of another instance's (fine) from one made beside it (a conflict).
    #[serde(skip)]
    pub base: Option<Timestamp>,
    #[serde(flatten)]
    pub extra: BTreeMap<String, Value>,
}

impl Annotation {
    /// Both this copy and `disk`'s changed the text since the version this
    /// edit started from.
    fn edited_beside(&self, disk: &Annotation) -> bool {
        self.base.as_ref().is_some_and(|base| *base != disk.updated)
            && self.updated != disk.updated
            && self.note != disk.note
            && !self.deleted
            && !disk.deleted
            && matches!(disk.kind, Kind::Note | Kind::Draft)
    }

    /// The other instance's version, kept beside ours under an id of its own
    /// (the same for every instance that meets it, so it is kept once).
    fn conflict_copy(&self) -> Annotation {
        let stamp = self.updated.digits();
        Annotation {
            id: format!("{}-conflict-{stamp}", self.id),
            conflict_of: Some(self.id.clone()),
            base: None,
            ..self.clone()
        }
    }
}

/// Where the reader was, restored when the brief is opened again: found by
/// its text (`anchor`), the number only a hint, like any annotation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Position {
    pub passage: usize,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anchor: Option<Anchor>,
    #[serde(default)]
    pub updated: Timestamp,
    /// The furthest the brief was read, per cent of its passages (absent
    /// in files written before it was kept).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub progress: Option<u8>,
}

/// What identifies the brief a file belongs to: the evidence weighed by
/// `identity` (see there for the rules).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct BriefRecord {
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The brief's own identifier (front matter `id`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Where the brief was last seen (absolute), for people: a name that
    /// is not UTF-8 shows U+FFFD here and is kept exactly in `path_bytes`.
    /// Set with `set_path`, read with `brief_path` (see `paths`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// The path's bytes, percent-encoded, when they are not UTF-8.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path_bytes: Option<String>,
    /// Size of the file when last seen (0: not known).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub bytes: u64,
    /// Passages in the whole brief (0: not known).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub count: usize,
    /// Hashes of the first passages, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub passages: Vec<String>,
    /// The smallest hashes of all its distinct passages: a fingerprint of
    /// the whole text, to tell an edited brief from a different one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sketch: Vec<String>,
    #[serde(flatten)]
    pub extra: BTreeMap<String, Value>,
}

fn is_zero<T: Default + PartialEq>(n: &T) -> bool {
    *n == T::default()
}

/// One annotation file: everything `brief` keeps about one brief.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnnotationFile {
    pub schema: u32,
    pub brief: BriefRecord,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<Position>,
    #[serde(default)]
    pub annotations: Vec<Annotation>,
    #[serde(flatten)]
    pub extra: BTreeMap<String, Value>,
}

impl Default for AnnotationFile {
    fn default() -> Self {
        AnnotationFile::new(BriefRecord::default())
    }
}

impl AnnotationFile {
    pub fn new(brief: BriefRecord) -> Self {
        AnnotationFile {
            schema: SCHEMA,
            brief,
            position: None,
            annotations: Vec::new(),
            extra: BTreeMap::new(),
        }
    }

    /// Live annotations (not deleted).
    pub fn live(&self) -> impl Iterator<Item = &Annotation> {
        self.annotations.iter().filter(|a| !a.deleted)
    }

    /// Merge what is on disk into this copy: by id, the newer `updated`
    /// wins; ids only one side knows are kept. Order: by creation, so the
    /// file stays stable and diff-friendly.
    /// A note both copies changed since ours was read is kept twice: ours
    /// under its id, theirs as a conflict copy beside it.
    pub fn merge_from(&mut self, disk: &AnnotationFile) {
        let mut copies = Vec::new();
        for theirs in &disk.annotations {
            match self.annotations.iter_mut().find(|a| a.id == theirs.id) {
                Some(ours) if ours.edited_beside(theirs) => copies.push(theirs.conflict_copy()),
                Some(ours) if theirs.updated > ours.updated => *ours = theirs.clone(),
                Some(_) => {}
                None => self.annotations.push(theirs.clone()),
            }
        }
        for copy in copies {
            if !self.annotations.iter().any(|a| a.id == copy.id) {
                self.annotations.push(copy);
            }
        }
        // What is merged is what the disk will hold: later edits start from it.
        for a in &mut self.annotations {
            a.base = None;
        }
        for (key, value) in &disk.extra {
            self.extra
                .entry(key.clone())
                .or_insert_with(|| value.clone());
        }
        if let (Some(ours), Some(theirs)) = (&self.position, &disk.position)
            && theirs.updated > ours.updated
        {
            self.position = disk.position.clone();
        }
        if self.position.is_none() {
            self.position = disk.position.clone();
        }
        self.annotations
            .sort_by(|a, b| a.created.cmp(&b.created).then(a.id.cmp(&b.id)));
    }
}

#[cfg(test)]
mod tests;
