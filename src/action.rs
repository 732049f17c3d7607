//! Everything a person can ask of `brief`, as one enum.
//!
//! The doc comment of each bindable variant is its description: the help
//! screen, `brief keymap` and keymap validation all read it from here, so the
//! list of actions can never drift from what the program does. Variants marked
//! `#[strum(disabled)]` carry data from the terminal or from finished effects;
//! they cannot be bound to keys.

use crate::annotations::AnnotationFile;
use crate::key::Key;
use crate::payload::{LibraryEntry, Opened, Reload, UnattachedNotes};
use strum::{EnumIter, EnumMessage, EnumString, IntoEnumIterator, IntoStaticStr};

#[derive(Debug, Clone, PartialEq, Eq, EnumIter, EnumString, IntoStaticStr, EnumMessage)]
#[strum(serialize_all = "snake_case")]
pub enum Action {
    /// Go back: close an overlay, leave the reader, or quit from the library.
    Quit,
    /// Quit at once; the note editor's text is kept as a draft.
    ForceQuit,
    /// Show or hide this help.
    Help,
    /// Suspend to the shell (resume with `fg`).
    Suspend,
    /// Redraw the whole screen.
    Redraw,
    /// Dismiss the message in the status line.
    DismissMessage,

    /// Move to the next passage.
    NextPassage,
    /// Move to the previous passage.
    PrevPassage,
    /// Move to the next sentence (extends the selection in select mode).
    NextSentence,
    /// Move to the previous sentence (extends the selection in select mode).
    PrevSentence,
    /// Jump to the start of the next section.
    NextSection,
    /// Jump to the start of this section, or of the previous one.
    PrevSection,
    /// Jump to the first passage.
    FirstPassage,
    /// Jump to the last passage.
    LastPassage,
    /// Scroll half a screen down.
    HalfPageDown,
    /// Scroll half a screen up.
    HalfPageUp,
    /// Scroll a screen down.
    PageDown,
    /// Scroll a screen up.
    PageUp,
    /// Focus the next pane (summary, commentary, notes).
    NextPane,
    /// Focus the previous pane.
    PrevPane,
    /// Show or hide the notes pane.
    ToggleNotes,
    /// Show notes in the margin beside their passages, or as a list.
    ToggleNotesView,
    /// Show or hide what the loader set aside as page furniture (dimmed, at the end).
    ToggleSetAside,
    /// Keep the text to a readable column, centred, or let it fill the pane.
    ToggleColumnWidth,

    /// Search the brief as you type.
    Search,
    /// Jump to the next search match.
    SearchNext,
    /// Jump to the previous search match.
    SearchPrev,

    /// Bookmark the passage, or remove its bookmark.
    ToggleBookmark,
    /// Jump to the next bookmarked passage.
    NextBookmark,
    /// Jump to the previous bookmarked passage.
    PrevBookmark,
    /// List the bookmarks (of this brief, in the reader) in the annotations list.
    Bookmarks,
    /// List every bookmark, highlight and note of the library (again: go back).
    Annotations,
    /// Show one kind of annotation: bookmarks, highlights, notes, drafts, detached, all (in turn).
    CycleKind,
    /// Show the whole library's annotations, or only those of the brief being read (in turn).
    ToggleScope,
    /// Sort the annotations by date (newest first) or by brief (in turn).
    SortAnnotations,
    /// List notes whose brief cannot be found, to attach them to a brief.
    NotesWithoutBrief,
    /// Search the text of every brief and note in the library as you type.
    SearchLibrary,
    /// Switch mouse reporting off (the terminal's own selection works) or on.
    ToggleMouse,
    /// Copy the passage to the clipboard with its source (title, author, date, ¶).
    CopyPassage,
    /// Copy the passage's note to the clipboard, with its source.
    CopyNote,
    /// List the links of the passage to open one in the browser (web and file links only).
    OpenLink,
    /// Undo the last change to this brief's annotations.
    Undo,
    /// Redo the change just undone.
    Redo,
    /// Sort the library by date, title, last read or progress (in turn).
    SortLibrary,
    /// Start selecting sentences (extend with the sentence keys).
    Select,
    /// Highlight the passage or selection; again to change colour.
    Highlight,
    /// Remove highlights from the passage.
    RemoveHighlight,
    /// Write a note on the passage or selection.
    AddNote,
    /// Write a note on the brief as a whole.
    AddBriefNote,
    /// Edit this passage's note or draft (or the selected one).
    EditNote,
    /// Edit the note in $VISUAL / $EDITOR.
    ExternalEdit,
    /// Delete the note (asks first).
    DeleteNote,
    /// Attach a detached note: choose the passage, then Enter.
    Reattach,

    /// Move down the list.
    NextItem,
    /// Move up the list.
    PrevItem,
    /// Jump to the top of the list.
    FirstItem,
    /// Jump to the bottom of the list.
    LastItem,
    /// Open the selected brief (or the selected annotation's, at it).
    Open,
    /// Filter the list as you type.
    Filter,

    /// Clear the filter (the whole list shows again) and any message; with none, close the annotations list.
    ClearFilter,

    /// Accept the search or filter.
    Accept,
    /// Clear what was typed in the search or filter.
    ClearInput,
    /// Cancel: restore what was there before.
    Cancel,
    /// Save: the text becomes the note (its draft is used up).
    SaveNote,
    /// Close, keeping the text as a draft (note unchanged).
    KeepDraft,
    /// Discard the text and its draft (asks); note unchanged.
    DiscardDraft,
    /// Answer yes.
    Confirm,
    /// Answer no.
    Deny,

    /// A key that no binding claimed (typed text, or the next key of a sequence).
    #[strum(disabled)]
    Key(Key),
    /// Text pasted into the terminal (bracketed paste), typed at once into
    /// the note editor, the search or the library filter; ignored elsewhere.
    #[strum(disabled)]
    Paste(String),
    /// The terminal changed size.
    #[strum(disabled)]
    Resize { width: u16, height: u16 },
    /// A mouse click at a cell.
    #[strum(disabled)]
    Click { column: u16, row: u16 },
    /// Mouse wheel: positive scrolls down.
    #[strum(disabled)]
    Scroll(i16),
    /// Time passed with no key (cancels a pending key sequence).
    #[strum(disabled)]
    Timeout,
    /// An external editor finished with this text (None: cancelled or failed).
    #[strum(disabled)]
    EditorDone(Option<String>),
    /// A save finished: the merged file as written, or why it failed.
    #[strum(disabled)]
    Saved(Result<Box<AnnotationFile>, crate::store::SaveError>),
    /// Unsaved annotations were written to a rescue file (Ok: its path) or
    /// could not be written anywhere (Err: why).
    #[strum(disabled)]
    Rescued(Result<std::path::PathBuf, String>),
    /// A brief was read and is ready to show.
    #[strum(disabled)]
    Opened(Box<Opened>),
    /// The whole of a large brief, after its start was shown.
    #[strum(disabled)]
    BriefCompleted {
        path: std::path::PathBuf,
        brief: Box<crate::document::Brief>,
    },
    /// A brief could not be opened (one line, naming the file).
    #[strum(disabled)]
    OpenFailed(String),
    /// Library entries read in the background; `done` after the last batch.
    #[strum(disabled)]
    LibraryLoaded {
        entries: Vec<LibraryEntry>,
        done: bool,
    },
    /// Every annotation of the library, one set per brief, read in the
    /// background: placed by their stored positions first, then on their
    /// briefs as they are now (`done` once all are).
    #[strum(disabled)]
    AnnotationsLoaded {
        sets: Vec<crate::catalogue::Set>,
        done: bool,
    },
    /// Passages and notes that match the library search `generation`;
    /// `done` after the last batch.
    #[strum(disabled)]
    LibraryFound {
        generation: u64,
        found: Vec<crate::search::Found>,
        done: bool,
    },
    /// Notes whose brief cannot be found, found while reading the library.
    #[strum(disabled)]
    UnattachedFound(Vec<UnattachedNotes>),
    /// These annotation files found their brief again (a brief moved back
    /// into the library, read by a listing): no longer without a brief.
    #[strum(disabled)]
    NotesFoundTheirBrief(Vec<std::path::PathBuf>),
    /// Notes were given to a brief: its counts as written, or why not.
    #[strum(disabled)]
    Attached {
        notes: std::path::PathBuf,
        brief: std::path::PathBuf,
        result: Result<crate::annotations::Counts, String>,
    },
    /// Files changed on disk, as the watcher saw them once they settled:
    /// `paths` named as the open brief's path is (it is among them when it
    /// changed, was replaced, deleted or moved away); `library` the briefs
    /// and folders of the library folder that were added, removed, renamed
    /// or changed.
    #[strum(disabled)]
    FilesChanged {
        paths: Vec<std::path::PathBuf>,
        library: Vec<std::path::PathBuf>,
    },
    /// The open brief at `path`, read again for reload `generation`.
    #[strum(disabled)]
    BriefReloaded {
        path: std::path::PathBuf,
        generation: u64,
        reload: Reload,
    },
    /// The library folder listed again: every brief in it (`paths`), and
    /// the entries read anew (new or changed briefs, and what cannot be
    /// read); the others are as they were.
    #[strum(disabled)]
    LibraryRelisted {
        paths: Vec<std::path::PathBuf>,
        fresh: Vec<LibraryEntry>,
    },
}

impl Action {
    /// The name used in keymap.yaml.
    pub fn name(&self) -> &'static str {
        self.into()
    }

    /// One line for the help screen and `brief keymap`.
    pub fn description(&self) -> &'static str {
        self.get_documentation().unwrap_or("")
    }

    /// The action named in a keymap, if it is one that can be bound.
    pub fn from_name(name: &str) -> Option<Action> {
        name.parse().ok()
    }

    /// Every action a key can be bound to, in declaration order.
    pub fn bindable() -> impl Iterator<Item = Action> {
        Action::iter().filter(|a| Action::from_name(a.name()).as_ref() == Some(a))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bindable_action_is_documented_and_named_uniquely() {
        let mut names = std::collections::HashSet::new();
        for action in Action::bindable() {
            assert!(
                !action.description().is_empty(),
                "{action:?} has no doc comment"
            );
            assert!(
                names.insert(action.name()),
                "duplicate name {}",
                action.name()
            );
        }
        assert!(names.contains("next_passage") && names.contains("toggle_bookmark"));
        assert!(!names.contains("key") && !names.contains("resize"));
    }
}
