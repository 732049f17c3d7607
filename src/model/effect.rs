//! What the model asks of the outside world: app.rs runs each `Effect`
//! and answers, where there is an answer, with an `Action`.

use crate::annotations::AnnotationFile;
use std::path::PathBuf;

/// What app.rs must do on the model's behalf.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    Quit,
    Suspend,
    /// Clear and repaint the whole terminal.
    Redraw,
    /// Read, parse and open a brief, at a passage if given.
    OpenBrief {
        path: PathBuf,
        passage: Option<usize>,
    },
    /// Write (merging with what is on disk) one brief's annotation file.
    Save {
        path: PathBuf,
        file: Box<AnnotationFile>,
    },
    /// Let the user edit `text` in $VISUAL/$EDITOR.
    ExternalEdit {
        text: String,
    },
    /// Read the annotation files again (those changed since they were last
    /// read) on a thread, for the annotations view; answered with
    /// `Action::AnnotationsLoaded`.
    LoadAnnotations,
    /// Saving failed and the user leaves anyway: write the unsaved file
    /// somewhere else (a rescue file) and say where.
    Rescue {
        /// Where it should have gone.
        path: PathBuf,
        file: Box<AnnotationFile>,
        /// Why it could not.
        why: String,
    },
    /// Search every brief of `folder` and the notes on them for `query`,
    /// off the model's thread, answering with `Action::LibraryFound` for
    /// `generation`; any search still running is stopped first (an empty
    /// query only stops it).
    SearchLibrary {
        generation: u64,
        query: String,
        folder: PathBuf,
    },
    /// Open a web or file link with the system's opener ($BROWSER,
    /// xdg-open, open), never through a shell.
    OpenUrl(String),
    /// Put `text` on the system clipboard (OSC 52: through ssh and tmux).
    Copy {
        text: String,
    },
    /// Mouse reporting on (the wheel and clicks reach brief) or off (the
    /// terminal selects text itself).
    Mouse(bool),
    /// Give the annotation file `notes` (whose brief was lost) to the brief
    /// at `brief`.
    Attach {
        notes: PathBuf,
        brief: PathBuf,
    },
    /// Read the open brief at `path` again (it changed on disk), answering
    /// with `Action::BriefReloaded` for `generation`.
    ReloadBrief {
        path: PathBuf,
        generation: u64,
    },
    /// List the library folder `dir` again, answering with
    /// `Action::LibraryRelisted`: the briefs not in `known` and those in
    /// `changed` are read anew, the rest are kept as they are.
    ListLibrary {
        dir: PathBuf,
        known: Vec<PathBuf>,
        changed: Vec<PathBuf>,
    },
}
