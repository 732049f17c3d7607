//! Reading every annotation of the library for the annotations view, on a
//! thread of its own that keeps what it has read. Asked again (each time
//! the view opens), it reads only the annotation files and briefs that
//! changed since (by modification time and size), so the view shows at
//! once and is brought up to date a moment later.
//!
//! Two steps: every annotation file is read and its annotations listed
//! where they were made (sent at once), then each brief is read and its
//! annotations placed on it as it is now (re-anchored, as `brief export`
//! does), sent every `BATCH_EVERY` and when done.

use super::Incoming;
use crate::annotations::{AnnotationFile, Fingerprint, place_all, same_at_path};
use crate::catalogue::Set;
use crate::reading;
use crate::store::{self, Loaded, Store};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Sender};
use std::time::{Duration, Instant, SystemTime};

const BATCH_EVERY: Duration = Duration::from_millis(100);

/// When a file was last changed, and its size (None: no such file).
type Stamp = Option<(SystemTime, u64)>;

fn stamp(path: &Path) -> Stamp {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.modified().ok()?, meta.len()))
}

/// What is known of one annotation file.
struct Known {
    stamp: Stamp,
    /// The brief it was placed on (or looked for), and its stamp then.
    brief: Option<(PathBuf, Stamp)>,
    set: Set,
    /// Read but not yet placed on its brief.
    file: Option<Box<AnnotationFile>>,
}

impl Known {
    /// Still what is on disk: neither the annotation file nor its brief
    /// changed.
    fn current(&self, now: &Stamp) -> bool {
        self.stamp == *now
            && self.file.is_none()
            && self
                .brief
                .as_ref()
                .is_some_and(|(path, was)| stamp(path) == *was)
    }
}

/// Start the thread; each message on the returned sender asks it to read
/// again (several at once count as one).
pub(super) fn spawn(store: Store, tx: Sender<Incoming>) -> Sender<()> {
    let (ask, asked) = mpsc::channel::<()>();
    std::thread::spawn(move || {
        let mut known: HashMap<PathBuf, Known> = HashMap::new();
        while asked.recv().is_ok() {
            while asked.try_recv().is_ok() {}
            if refresh(&store, &mut known, &tx).is_err() {
                return;
            }
        }
    });
    ask
}

/// An annotation file as it can be read: whole, or what can be salvaged.
fn load(path: &Path) -> Option<AnnotationFile> {
    match store::load(path) {
        Loaded::Ok(file) => Some(*file),
        Loaded::Missing => None,
        Loaded::Unusable(_) => store::salvage(path).map(|s| s.file),
    }
}

/// The files of `paths` read, in order; shared out between threads (one
/// per core): parsing YAML is most of the cost of a first reading.
fn load_all(paths: &[(&PathBuf, Stamp)]) -> Vec<Option<AnnotationFile>> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = paths.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let parts: Vec<_> = paths
            .chunks(chunk)
            .map(|part| {
                let reading = move || part.iter().map(|(p, _)| load(p)).collect::<Vec<_>>();
                (part.len(), scope.spawn(reading))
            })
            .collect();
        // A part that failed counts as unreadable files, in its place.
        parts
            .into_iter()
            .flat_map(|(len, part)| part.join().unwrap_or_else(|_| vec![None; len]))
            .collect()
    })
}

/// Read what changed and send every set; Err when nobody listens.
fn refresh(
    store: &Store,
    known: &mut HashMap<PathBuf, Known>,
    tx: &Sender<Incoming>,
) -> Result<(), ()> {
    let files = store.files();
    let before = known.len();
    known.retain(|path, _| files.contains(path));
    let mut changed = known.len() != before;
    let mut to_place = Vec::new();
    let stale: Vec<(&PathBuf, Stamp)> = files
        .iter()
        .map(|path| (path, stamp(path)))
        .filter(|(path, now)| !known.get(*path).is_some_and(|k| k.current(now)))
        .collect();
    for ((path, now), loaded) in stale.iter().zip(load_all(&stale)) {
        let (path, now) = (*path, *now);
        changed = true;
        let Some(file) = loaded else {
            known.remove(path);
            continue;
        };
        let at = file.brief.brief_path();
        let set = Set::stored(path.clone(), &file, at.clone().filter(|p| p.is_file()));
        known.insert(
            path.clone(),
            Known {
                stamp: now,
                brief: None,
                set,
                file: Some(Box::new(file)),
            },
        );
        to_place.push(path.clone());
    }
    if !changed {
        return Ok(());
    }
    let send = |known: &HashMap<PathBuf, Known>, done: bool| {
        let mut sets: Vec<Set> = known
            .values()
            .filter(|k| !k.set.rows.is_empty())
            .map(|k| k.set.clone())
            .collect();
        sets.sort_by(|a, b| a.file.cmp(&b.file));
        tx.send(Incoming::Annotations(sets, done)).map_err(|_| ())
    };
    send(known, to_place.is_empty())?;
    let mut last = Instant::now();
    for path in to_place {
        let Some(entry) = known.get_mut(&path) else {
            continue;
        };
        let Some(file) = entry.file.take() else {
            continue;
        };
        let (set, brief) = place(&path, &file);
        entry.set = set;
        entry.brief = Some(brief);
        if last.elapsed() >= BATCH_EVERY {
            send(known, false)?;
            last = Instant::now();
        }
    }
    send(known, true)
}

/// The annotations of `file` placed on its brief as it is now, or listed
/// as lost when the brief is not where it was last seen; with the brief's
/// path and stamp, to know when to place them again.
fn place(path: &Path, file: &AnnotationFile) -> (Set, (PathBuf, Stamp)) {
    let Some(at) = file.brief.brief_path() else {
        return (Set::lost(path.to_path_buf(), file), (PathBuf::new(), None));
    };
    let seen = (at.clone(), stamp(&at));
    let brief = reading::read_brief(&at).ok().filter(|brief| {
        let now = reading::fingerprint(&at, brief, true);
        same_at_path(&Fingerprint::of_record(&file.brief), &now)
    });
    let Some(brief) = brief else {
        return (Set::lost(path.to_path_buf(), file), seen);
    };
    let texts: Vec<&str> = brief.passages().map(|(_, p)| p.text.as_str()).collect();
    let placements = place_all(&texts, &file.annotations);
    let set = Set::placed(path.to_path_buf(), file, at, &brief, &placements);
    (set, seen)
}
