//! Watching the files on screen: the open brief and the library folder
//! with its subfolders. `notify` (inotify on Linux) reports changes; a
//! thread of ours lets a burst settle and sends it to the loop as one
//! `Incoming::Changed`, which `classify` turns into `Action::FilesChanged`.
//!
//! Folders are watched, never files: an editor that saves by writing a
//! temporary file and renaming it over the brief replaces the file's
//! inode, and a watch on the old one would hear nothing more. Each folder
//! is watched on its own (not recursively): the library's walk
//! (`files::list_tree`) decides which folders are in it, so hidden folders,
//! the data folder and loops are left out here as in the list.
//!
//! Why not a debouncer crate: `notify-debouncer-full` wakes every quarter
//! of its timeout for as long as it runs (CPU while idle), and
//! `notify-debouncer-mini` drops the kind of each event, so the opens of
//! the brief's own reading (inotify reports them) could not be told from a
//! change, and every reload would cause the next. The settling here is a
//! blocking `recv`, then `recv_timeout` only while a burst lasts.

use super::{App, Incoming};
use crate::action::Action;
use crate::model::Model;
use crate::payload::Reload;
use notify::event::{AccessKind, AccessMode, EventKind, ModifyKind};
use notify::{RecommendedWatcher, RecursiveMode, Watcher};
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

/// A burst is over when nothing more has come for this long (an editor's
/// write, fsync and rename come well within it).
const QUIET: Duration = Duration::from_millis(120);

/// A file written without pause is still read this often, so a change is
/// on screen within a second whatever else goes on.
const AT_MOST: Duration = Duration::from_millis(600);

/// Paths the file system reported changed (settled); `rescan`: events were
/// lost (the kernel's queue overflowed), so anything may have changed.
pub(super) struct Changed {
    pub paths: BTreeSet<PathBuf>,
    pub rescan: bool,
}

/// The watcher and what it watches for whom.
pub(super) struct Watch {
    watcher: RecommendedWatcher,
    /// Folders watched now (absolute).
    watched: BTreeSet<PathBuf>,
    /// The library's folders: absolute → as listed.
    library: HashMap<PathBuf, PathBuf>,
    /// The open brief as the model names it, and the files (absolute) that
    /// are it: its path, and where a symbolic link leads.
    brief: Option<(PathBuf, Vec<PathBuf>)>,
    /// Why a folder cannot be watched, not said yet.
    pub problem: Option<String>,
}

/// Events that say a file's content or name changed. Opening and reading
/// (brief's own, the library's) and metadata (atime, chmod) are not.
fn is_change(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        EventKind::Modify(ModifyKind::Metadata(_)) => false,
        _ => true,
    }
}

impl Watch {
    /// A watcher whose settled changes go to `tx`. None: the system has
    /// none to give (no inotify); nothing is followed then.
    pub(super) fn new(tx: Sender<Incoming>) -> Option<Watch> {
        let (raw_tx, raw_rx) = mpsc::channel::<Changed>();
        let watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
            let Ok(event) = event else { return };
            let rescan = event.need_rescan();
            if !rescan && !is_change(&event.kind) {
                return;
            }
            let _ = raw_tx.send(Changed {
                paths: event.paths.into_iter().collect(),
                rescan,
            });
        })
        .ok()?;
        std::thread::spawn(move || {
            // Blocks while nothing happens: no CPU while idle.
            while let Ok(mut changed) = raw_rx.recv() {
                let start = Instant::now();
                loop {
                    let wait = QUIET.min(AT_MOST.saturating_sub(start.elapsed()));
                    match raw_rx.recv_timeout(wait) {
                        Ok(more) => {
                            changed.paths.extend(more.paths);
                            changed.rescan |= more.rescan;
                        }
                        Err(RecvTimeoutError::Timeout) => break,
                        Err(RecvTimeoutError::Disconnected) => return,
                    }
                    if start.elapsed() >= AT_MOST {
                        break;
                    }
                }
                if tx.send(Incoming::Changed(changed)).is_err() {
                    return;
                }
            }
        });
        Some(Watch {
            watcher,
            watched: BTreeSet::new(),
            library: HashMap::new(),
            brief: None,
            problem: None,
        })
    }

    /// Watch these folders of the library (as listed), and no others.
    pub(super) fn set_library(&mut self, folders: &[PathBuf]) {
        self.library = folders
            .iter()
            .filter_map(|f| std::path::absolute(f).ok().map(|a| (a, f.clone())))
            .collect();
        self.update();
    }

    /// Follow the brief at `path` (None: no brief is open).
    pub(super) fn set_brief(&mut self, path: Option<&Path>) {
        if self.brief.as_ref().map(|(p, _)| p.as_path()) == path {
            return;
        }
        self.brief = path.map(|path| {
            let mut files: Vec<PathBuf> = std::path::absolute(path).ok().into_iter().collect();
            if let Ok(real) = std::fs::canonicalize(path)
                && !files.contains(&real)
            {
                files.push(real);
            }
            (path.to_path_buf(), files)
        });
        self.update();
    }

    /// Watch what is wanted now: the ones no longer wanted are let go
    /// first (a folder renamed keeps its inotify watch, which must not
    /// then be removed under its new name).
    fn update(&mut self) {
        let mut wanted: BTreeSet<PathBuf> = self.library.keys().cloned().collect();
        if let Some((_, files)) = &self.brief {
            wanted.extend(
                files
                    .iter()
                    .filter_map(|f| f.parent().map(Path::to_path_buf)),
            );
        }
        for gone in self.watched.difference(&wanted) {
            let _ = self.watcher.unwatch(gone);
        }
        for folder in wanted.difference(&self.watched) {
            if let Err(e) = self.watcher.watch(folder, RecursiveMode::NonRecursive)
                && matches!(e.kind, notify::ErrorKind::MaxFilesWatch)
                && self.problem.is_none()
            {
                self.problem = Some(format!(
                    "Not following every folder of the library for changes: the system's limit \
                     of watches is reached (fs.inotify.max_user_watches); {} and others are \
                     seen at the next start",
                    crate::text::printable(&folder.display().to_string())
                ));
            }
        }
        self.watched = wanted;
    }

    /// What changed, for the model: paths of the open brief (named as the
    /// model names it), and paths of the library (as listed) that can
    /// change the list: briefs, folders, and the library's folders
    /// themselves; hidden files and other files are left out.
    pub(super) fn classify(&self, changed: &Changed) -> (Vec<PathBuf>, Vec<PathBuf>) {
        let mut brief = Vec::new();
        let mut library = Vec::new();
        if let Some((path, files)) = &self.brief
            && (changed.rescan || changed.paths.iter().any(|p| files.contains(p)))
        {
            brief.push(path.clone());
        }
        if changed.rescan
            && let Some(root) = self.library.values().min()
        {
            library.push(root.clone());
        }
        for path in &changed.paths {
            if let Some(listed) = self.library.get(path) {
                library.push(listed.clone());
                continue;
            }
            let (Some(parent), Some(name)) = (path.parent(), path.file_name()) else {
                continue;
            };
            let Some(folder) = self.library.get(parent) else {
                continue;
            };
            if name.to_string_lossy().starts_with('.') {
                continue;
            }
            // A brief, or a folder (made, or moved in); a folder removed
            // or moved away is one of the library's (above).
            if crate::files::has_brief_extension(path) || path.is_dir() {
                library.push(folder.join(name));
            }
        }
        (brief, library)
    }
}

impl App<'_> {
    /// The library's folders were listed: watch them. True when there is
    /// something to say (the system's limit of watches was reached).
    pub(super) fn watch_folders(&mut self, model: &mut Model, folders: &[PathBuf]) -> bool {
        let Some(watch) = self.watch.as_mut() else {
            return false;
        };
        watch.set_library(folders);
        let problem = watch.problem.take();
        problem.map(|p| model.error(p)).is_some()
    }

    /// What the model hears of changed files (None: nothing it shows).
    pub(super) fn changed(&self, changed: &Changed) -> Option<Action> {
        let (paths, library) = self.watch.as_ref()?.classify(changed);
        (!paths.is_empty() || !library.is_empty())
            .then_some(Action::FilesChanged { paths, library })
    }
}

/// Read the open brief again on a thread (a brief of several MB takes a
/// while to parse) and send what became of it.
pub(super) fn spawn_reload(path: PathBuf, generation: u64, tx: Sender<Incoming>) {
    std::thread::spawn(move || {
        let reload = reload(&path);
        let _ = tx.send(Incoming::Reloaded(path, generation, reload));
    });
}

/// Gone (nothing at the path), not readable (why, naming the file), or the
/// brief with its size.
fn reload(path: &Path) -> Reload {
    let bytes = match std::fs::metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Reload::Gone,
        Err(_) => 0,
        Ok(m) => m.len(),
    };
    match crate::reading::read_brief(path) {
        Ok(brief) => Reload::Read {
            brief: Box::new(brief),
            bytes,
        },
        Err(e) => Reload::Failed(format!("{e:#}")),
    }
}
