//! When an annotation file cannot be saved where it belongs (a full disk, a
//! file where the folder should be, an immutable file) and `brief` must stop
//! or leave the brief anyway, the unsaved annotations are written to a
//! rescue file in another folder instead of being dropped.

use crate::annotations::{AnnotationFile, Kind};
use crate::yaml;
use std::fs::OpenOptions;
use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

static RESCUE_COUNTER: AtomicU64 = AtomicU64::new(0);

/// Folders tried, in order: `$XDG_STATE_HOME/brief` (state that matters
/// but is not the user's documents), the system temporary folder, the
/// current folder.
pub fn rescue_dirs() -> Vec<PathBuf> {
    let mut dirs = Vec::new();
    if let Some(state) = directories::ProjectDirs::from("", "", "brief")
        .and_then(|d| d.state_dir().map(Path::to_path_buf))
    {
        dirs.push(state);
    }
    dirs.push(std::env::temp_dir());
    if let Ok(here) = std::env::current_dir() {
        dirs.push(here);
    }
    dirs
}

/// Write `file` (meant for `meant_for`) to a new rescue file in the first
/// folder of `dirs` that takes it. Ok: its path; Err: why each failed.
pub fn write_rescue(
    file: &AnnotationFile,
    meant_for: &Path,
    dirs: &[PathBuf],
) -> Result<PathBuf, String> {
    let body = yaml::to_string(file).map_err(|e| e.to_string())?;
    let text = format!(
        "# brief could not save these annotations of “{}” to\n#   {}\n\
         # This is that annotation file as brief last had it, with your unsaved\n\
         # notes and drafts. Once that folder can be written again, copy this\n\
         # file over it (or copy the notes you need from here).\n{body}",
        file.brief.title.replace('\n', " "),
        meant_for.display()
    );
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or_default();
    let mut failures = Vec::new();
    for dir in dirs {
        let name = format!(
            "brief-rescue-{stamp}-{}-{}.yaml",
            std::process::id(),
            RESCUE_COUNTER.fetch_add(1, Ordering::Relaxed)
        );
        let path = dir.join(name);
        let result = super::private_dir(dir).and_then(|_| {
            let mut out = OpenOptions::new()
                .write(true)
                .create_new(true)
                .mode(0o600)
                .custom_flags(libc::O_NOFOLLOW)
                .open(&path)?;
            out.write_all(text.as_bytes())?;
            out.sync_all()
        });
        match result {
            Ok(()) => return Ok(path),
            Err(e) => {
                let _ = std::fs::remove_file(&path);
                failures.push(format!("{}: {e}", dir.display()));
            }
        }
    }
    Err(failures.join("; "))
}

/// What a file holds that the user wrote, in a few words ("2 notes, 1
/// draft").
pub fn summary(file: &AnnotationFile) -> String {
    let count = |kind| file.live().filter(|a| a.kind == kind).count();
    let mut parts = Vec::new();
    for (kind, one, many) in [
        (Kind::Note, "note", "notes"),
        (Kind::Draft, "draft", "drafts"),
        (Kind::Bookmark, "bookmark", "bookmarks"),
        (Kind::Highlight, "highlight", "highlights"),
    ] {
        match count(kind) {
            0 => {}
            1 => parts.push(format!("1 {one}")),
            n => parts.push(format!("{n} {many}")),
        }
    }
    if parts.is_empty() {
        "the reading position".into()
    } else {
        parts.join(", ")
    }
}

/// The last resort when no rescue file could be written: the text of every
/// note and draft, to print on stderr.
pub fn texts(file: &AnnotationFile) -> String {
    let mut out = String::new();
    for a in file
        .live()
        .filter(|a| matches!(a.kind, Kind::Note | Kind::Draft))
    {
        let what = if a.kind == Kind::Draft {
            "draft"
        } else {
            "note"
        };
        let quote = a.anchor.as_ref().map(|q| q.quote()).unwrap_or_default();
        out.push_str(&format!("--- {what} on “{quote}”\n"));
        out.push_str(a.note.as_deref().unwrap_or(""));
        out.push('\n');
    }
    out
}
