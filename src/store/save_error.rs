//! Why a save failed, in kinds the model acts on: each says what the user
//! can do about it, and the text names the file or folder concerned.

use std::io;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SaveError {
    /// The folder that holds the file could not be made, opened or locked.
    #[error("{}: cannot {doing} ({reason})", dir.display())]
    Folder {
        dir: PathBuf,
        doing: &'static str,
        reason: String,
        kind: io::ErrorKind,
    },
    /// The file on disk must not be replaced: it does not parse, is from a
    /// newer `brief`, or its owner made it read-only. The text says which.
    #[error("{0}")]
    Refused(String),
    /// Writing the new file failed part-way; the old file is intact.
    #[error("{}: {reason}", path.display())]
    Write {
        path: PathBuf,
        reason: String,
        kind: io::ErrorKind,
    },
}

impl SaveError {
    pub(super) fn folder(dir: &Path, doing: &'static str, e: &io::Error) -> SaveError {
        SaveError::Folder {
            dir: dir.to_path_buf(),
            doing,
            reason: e.to_string(),
            kind: e.kind(),
        }
    }

    pub(super) fn write(path: &Path, e: &io::Error) -> SaveError {
        SaveError::Write {
            path: path.to_path_buf(),
            reason: e.to_string(),
            kind: e.kind(),
        }
    }

    /// What the user can do so that the next save succeeds.
    pub fn remedy(&self) -> &'static str {
        match self {
            SaveError::Folder { kind, .. } | SaveError::Write { kind, .. } => match kind {
                io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded => "free some disk space",
                io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem => {
                    "make the folder writable"
                }
                _ => "fix the cause above (free space, or make the folder writable)",
            },
            SaveError::Refused(_) => "repair or move the file named above",
        }
    }

    /// A failure described only by text (tests, and sources that give no kind).
    pub fn other(text: impl Into<String>) -> SaveError {
        SaveError::Refused(text.into())
    }
}
