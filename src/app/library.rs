//! Reading a library folder for the list: on a thread, headers only.

use super::Incoming;
use crate::annotations::{BriefRecord, Claims, Counts};
use crate::document::Brief;
use crate::model::{LibraryEntry, UnattachedNotes};
use crate::store::{self, Loaded, Store};
use anyhow::Result;
use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;

/// The briefs of a library: a folder to list, or files given by name.
pub(super) enum Files {
    In(PathBuf),
    List(Vec<PathBuf>),
}

/// Read the library in the background, in batches, so the list shows at
/// once; then the notes no brief claimed.
pub(super) fn spawn_library(files: Files, store: Option<Store>, tx: Sender<Incoming>) {
    std::thread::spawn(move || {
        let (mut batch, files, root) = match files {
            Files::In(dir) => {
                let (entries, briefs, folders) = walk(&dir);
                let _ = tx.send(Incoming::Folders(folders));
                (entries, briefs, Some(dir))
            }
            Files::List(files) => (Vec::new(), files, None),
        };
        let mut notes = store.as_ref().map(StoredNotes::read);
        let total = files.len();
        // A first screenful at once, then larger batches.
        let mut batch_size = 40;
        for (n, path) in files.into_iter().enumerate() {
            let mut entry = library_entry(&path, notes.as_mut());
            if let Some(root) = &root {
                entry.folder = crate::files::folder_in(root, &path);
            }
            batch.push(entry);
            if batch.len() >= batch_size
                && n + 1 < total
                && tx
                    .send(Incoming::Library(std::mem::take(&mut batch), false))
                    .is_err()
            {
                return;
            }
            if batch.is_empty() {
                batch_size = 1000;
            }
        }
        let _ = tx.send(Incoming::Library(batch, true));
        if let Some(notes) = notes {
            let _ = tx.send(Incoming::Unattached(notes.unattached()));
        }
    });
}

/// List the library folder `dir` again after a change, on a thread: the
/// briefs not in `known` and those in `changed` are read anew, the others
/// are the model's already. The folders go to the watcher first.
pub(super) fn spawn_relist(
    dir: PathBuf,
    known: Vec<PathBuf>,
    changed: Vec<PathBuf>,
    store: Option<Store>,
    tx: Sender<Incoming>,
) {
    std::thread::spawn(move || {
        let (mut fresh, paths, folders) = walk(&dir);
        let _ = tx.send(Incoming::Folders(folders));
        let known: std::collections::HashSet<PathBuf> = known.into_iter().collect();
        let changed: std::collections::HashSet<PathBuf> = changed.into_iter().collect();
        let mut notes = None;
        for path in &paths {
            if known.contains(path) && !changed.contains(path) {
                continue;
            }
            // Read only when a brief is to be counted.
            if notes.is_none() {
                notes = store.as_ref().map(StoredNotes::read);
            }
            let mut entry = library_entry(path, notes.as_mut());
            entry.folder = crate::files::folder_in(&dir, path);
            fresh.push(entry);
        }
        // Notes without a brief whose brief came back leave that list now,
        // not at the next start; sent before the list that shows them.
        let found = notes.map(|n| n.claimed()).unwrap_or_default();
        if !found.is_empty() {
            let _ = tx.send(Incoming::NotesFound(found));
        }
        let _ = tx.send(Incoming::Relisted(paths, fresh));
    });
}

/// Every annotation file, read once for the whole library, and which brief
/// claims which (see `annotations::Claims`).
pub struct StoredNotes {
    files: Vec<(PathBuf, Loaded)>,
    claims: Claims,
}

impl StoredNotes {
    pub fn read(store: &Store) -> StoredNotes {
        let files = store.all();
        let records: Vec<Option<BriefRecord>> = files
            .iter()
            .map(|(path, loaded)| match loaded {
                Loaded::Ok(file) => Some(file.brief.clone()),
                _ => store::load_record(path),
            })
            .collect();
        let refs: Vec<Option<&BriefRecord>> = records.iter().map(Option::as_ref).collect();
        let claims = Claims::new(&refs, &|p| p.is_file());
        StoredNotes { files, claims }
    }

    /// Counts of the annotations of the brief at `path`, whose start is
    /// `brief` (`whole`: all of it).
    fn count(&mut self, path: &Path, brief: &Brief, whole: bool, entry: &mut LibraryEntry) {
        if self.files.is_empty() {
            return;
        }
        let now = crate::reading::fingerprint(path, brief, whole);
        for i in self.claims.claim(&now, &store::location(path)) {
            if let Loaded::Ok(file) = &self.files[i].1 {
                if let Some(at) = &file.position
                    && entry
                        .read
                        .as_ref()
                        .is_none_or(|(_, when)| *when < at.updated)
                {
                    entry.read = Some((at.progress.unwrap_or(0), at.updated.clone()));
                }
                for a in file.live() {
                    let tags = a.note.as_deref().map(crate::catalogue::note_tags);
                    for tag in tags.unwrap_or_default() {
                        if !entry.note_tags.contains(&tag) {
                            entry.note_tags.push(tag);
                        }
                    }
                }
                let c = Counts::of(file.live());
                entry.counts.bookmarks += c.bookmarks;
                entry.counts.highlights += c.highlights;
                entry.counts.notes += c.notes;
                entry.counts.drafts += c.drafts;
            }
        }
    }

    /// The annotation files a brief read so far claimed.
    pub fn claimed(&self) -> Vec<PathBuf> {
        self.claims
            .claimed()
            .into_iter()
            .filter_map(|i| self.files.get(i).map(|(path, _)| path.clone()))
            .collect()
    }

    /// Files with annotations that no brief of the library claimed and
    /// whose brief is not where it was last seen.
    pub fn unattached(&self) -> Vec<UnattachedNotes> {
        self.claims
            .unclaimed()
            .into_iter()
            .filter_map(|i| {
                let (path, Loaded::Ok(file)) = &self.files[i] else {
                    return None;
                };
                let notes = UnattachedNotes {
                    id: path
                        .file_stem()
                        .map(|s| s.to_string_lossy().into_owned())
                        .unwrap_or_default(),
                    file: path.clone(),
                    title: file.brief.title.clone(),
                    last_path: file.brief.path.clone(),
                    counts: Counts::of(file.live()),
                };
                (!notes.counts.is_empty()).then_some(notes)
            })
            .collect()
    }
}

/// The briefs of a library folder to read, and entries for what in it
/// cannot be read, with the reason (for the folder itself when it cannot
/// be listed): never an empty library without a word.
pub fn list_folder(dir: &Path) -> (Vec<LibraryEntry>, Vec<PathBuf>) {
    let (entries, briefs, _) = walk(dir);
    (entries, briefs)
}

/// `list_folder`, with the folders read (to watch). Subfolders are read,
/// but not brief's own data folder when the library holds it.
fn walk(dir: &Path) -> (Vec<LibraryEntry>, Vec<PathBuf>, Vec<PathBuf>) {
    match crate::files::list_tree(dir, &crate::store::own_folders()) {
        Ok(listing) => (
            listing
                .skipped
                .into_iter()
                .map(|(p, why)| {
                    let mut entry = not_listed(p, why);
                    entry.folder = crate::files::folder_in(dir, &entry.path);
                    entry
                })
                .collect(),
            listing.briefs,
            listing.folders,
        ),
        Err(e) => (
            vec![not_listed(
                dir.to_path_buf(),
                format!("this folder cannot be listed ({e})"),
            )],
            Vec::new(),
            // Watched all the same: it may be made, or become readable.
            vec![dir.to_path_buf()],
        ),
    }
}

/// An entry of the list that is not a brief, with why.
fn not_listed(path: PathBuf, why: String) -> LibraryEntry {
    LibraryEntry {
        title: path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        path,
        error: Some(why),
        ..LibraryEntry::default()
    }
}

/// What the library needs of a brief (metadata, and the first passages that
/// recognise its notes) is in its first few kilobytes.
fn read_start(path: &Path) -> Result<(Brief, bool)> {
    const HEAD: u64 = 8 * 1024;
    crate::reading::read_brief_start(path, HEAD, HEAD)
}

pub fn library_entry(path: &Path, notes: Option<&mut StoredNotes>) -> LibraryEntry {
    let mut entry = LibraryEntry {
        path: path.to_path_buf(),
        ..LibraryEntry::default()
    };
    match read_start(path) {
        Ok((brief, partial)) => {
            if let Some(notes) = notes {
                notes.count(path, &brief, !partial, &mut entry);
            }
            entry.title = brief.meta.title;
            entry.category = brief.meta.category;
            entry.date = brief.meta.date;
            entry.tags = brief
                .meta
                .tags
                .iter()
                .map(|t| crate::catalogue::tag_name(t))
                .collect();
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
