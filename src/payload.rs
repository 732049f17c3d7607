//! What actions carry into the model from the outside world: a brief read
//! from disk, the rows of the library and the notes without
//! a brief found in the data folder. Below both `action` and `model`, so
//! neither depends on the other's internals.

use crate::annotations::{AnnotationFile, Counts, Timestamp};
use crate::document::Brief;
use std::path::PathBuf;

/// A brief read from disk with its annotations, ready to show.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Opened {
    pub path: PathBuf,
    /// The absolute path, recorded with the annotations so the bookmarks
    /// list can open the brief from anywhere (empty: use `path`).
    pub location: PathBuf,
    pub brief: Brief,
    pub annotations_path: PathBuf,
    pub annotations: Option<AnnotationFile>,
    /// Why annotations cannot be saved (unreadable file, newer schema).
    pub read_only: Option<String>,
    /// Why saving is bound to fail (the data folder is a file, or cannot
    /// be written): said when the brief opens.
    pub save_problem: Option<String>,
    /// Passage to show instead of the last reading position.
    pub passage: Option<usize>,
    /// Only the start of a large brief; the rest arrives as BriefCompleted.
    pub partial: bool,
}

/// The open brief read again after it changed on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reload {
    /// Read and parsed: the brief, and its size in bytes.
    Read { brief: Box<Brief>, bytes: u64 },
    /// It could not be read or parsed (one line, naming the file).
    Failed(String),
    /// Nothing is at its path any more: deleted, or moved away.
    Gone,
}

/// One brief in the list.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LibraryEntry {
    pub path: PathBuf,
    /// The subfolder of the library it is in (`energy/`, `energy/gas/`;
    /// empty at the top), shown before its title.
    pub folder: String,
    pub title: String,
    pub category: Option<String>,
    pub date: Option<String>,
    /// Why the file could not be read; it is still listed.
    pub error: Option<String>,
    /// Its annotations, by kind.
    pub counts: Counts,
    /// How far it was read (per cent) and when; None: never opened.
    pub read: Option<(u8, Timestamp)>,
    /// Its `tags:`, normalised (`catalogue::tag_name`).
    pub tags: Vec<String>,
    /// The `#tags` written in its notes, normalised.
    pub note_tags: Vec<String>,
}

/// Annotations whose brief cannot be found (its file is gone, or a
/// different brief is there now): listed so they are never silently lost,
/// and attachable to a brief.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct UnattachedNotes {
    /// The annotation file's name without `.yaml` (`brief attach ID FILE`).
    pub id: String,
    pub file: PathBuf,
    pub title: String,
    pub last_path: Option<String>,
    pub counts: Counts,
}

/// How a copied passage names its source (config.yaml `citation:`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Citation {
    /// The quote in typographic quotes, then a line naming the source.
    #[default]
    Plain,
    /// A Markdown block quote, the title in italics, the source as a link.
    Markdown,
}
