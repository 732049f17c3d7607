//! Reading a library folder for the list: on a thread, headers only.

use super::Message;
use crate::model::LibraryEntry;
use crate::store::{Loaded, Store};
use crate::{annotations, cli};
use anyhow::Result;
use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;

/// The briefs of a library: a folder to list, or files given by name.
pub(super) enum Files {
    In(PathBuf),
    List(Vec<PathBuf>),
}

/// Read the library in the background, in batches, so the list shows at once.
pub(super) fn spawn_library(files: Files, store: Option<Store>, tx: Sender<Message>) {
    std::thread::spawn(move || {
        let files = match files {
            Files::In(dir) => crate::files::list_briefs(&dir),
            Files::List(files) => files,
        };
        let mut batch = Vec::new();
        let total = files.len();
        // A first screenful at once, then larger batches.
        let mut batch_size = 40;
        for (n, path) in files.into_iter().enumerate() {
            batch.push(library_entry(&path, store.as_ref()));
            if batch.len() == batch_size
                && n + 1 < total
                && tx
                    .send(Message::Library(std::mem::take(&mut batch), false))
                    .is_err()
            {
                return;
            }
            if batch.is_empty() {
                batch_size = 1000;
            }
        }
        let _ = tx.send(Message::Library(batch, true));
    });
}

/// What the library needs of a brief (metadata, and the first passages that
/// tell namesakes apart) is in its first few kilobytes.
fn read_header(path: &Path) -> Result<crate::document::Brief> {
    const HEAD: u64 = 8 * 1024;
    cli::read_brief_start(path, HEAD, HEAD).map(|(brief, _)| brief)
}

pub fn library_entry(path: &Path, store: Option<&Store>) -> LibraryEntry {
    let mut entry = LibraryEntry {
        path: path.to_path_buf(),
        ..LibraryEntry::default()
    };
    match read_header(path) {
        Ok(brief) => {
            if let Some(store) = store
                && let (_, Loaded::Ok(file)) = store.locate(&brief)
            {
                for a in file.live() {
                    match a.kind {
                        annotations::Kind::Bookmark => entry.bookmarks += 1,
                        annotations::Kind::Highlight => entry.highlights += 1,
                        annotations::Kind::Note => entry.notes += 1,
                        annotations::Kind::Draft => {}
                    }
                }
            }
            entry.title = brief.meta.title;
            entry.category = brief.meta.category;
            entry.date = brief.meta.date;
        }
        Err(e) => {
            entry.title = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            entry.error = Some(format!("{e:#}"));
        }
    }
    entry
}
