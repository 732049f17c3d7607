//! Running a library search on a thread: results go to the loop in
//! batches (at most one every BATCH_EVERY, so a word found in every brief
//! does not bury the keys typed meanwhile under thousands of redraws), and
//! a search whose query has changed is stopped.
//!
//! With `BRIEF_SEARCH_TRACE=FILE`, each frame drawn while the search is
//! open appends a line to FILE: the wall-clock time in microseconds, the
//! query, how many found and whether the search still runs (for
//! `scripts/bench-e2e`, which times the keystroke to the first result and
//! to the last).

use super::Incoming;
use crate::model::find::MAX_FOUND;
use crate::search::{FileHits, Found, Query, notes, search_library};
use crate::store::Store;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::Sender;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Found passages not yet sent, by the index of their file.
type Batch = Vec<(usize, Vec<Found>)>;

const BATCH_EVERY: Duration = Duration::from_millis(30);

/// Stop the search `running`, and start one for `query` (none if it is
/// empty). Returns the new search's stop flag.
pub fn start(
    generation: u64,
    query: &str,
    folder: PathBuf,
    running: &AtomicBool,
    store: Option<Store>,
    tx: Sender<Incoming>,
) -> Arc<AtomicBool> {
    running.store(true, Ordering::Relaxed);
    let stop = Arc::new(AtomicBool::new(false));
    let Some(query) = Query::parse(query) else {
        return stop;
    };
    let flag = stop.clone();
    std::thread::spawn(move || {
        // Keys typed in a burst (a paste, a fast typist) start a search
        // each, all but the last stopped at once: those end here, before
        // the listing and the index are read.
        if flag.load(Ordering::Relaxed) {
            return;
        }
        // (results not yet sent, when the last batch went: none yet, the
        // first result goes at once)
        let pending: Mutex<(Batch, Option<Instant>)> = Mutex::new((Vec::new(), None));
        let send = |batch: Batch, done: bool| {
            let mut batch = batch;
            batch.sort_by_key(|(i, _)| *i);
            let found = batch.into_iter().flat_map(|(_, f)| f).collect();
            let _ = tx.send(Incoming::Found(generation, found, done));
        };
        // Stops the scan: the query changed, or the list has all it shows.
        let enough = AtomicBool::new(false);
        let count = AtomicUsize::new(0);
        let each = |i: usize, hits: Option<FileHits>| {
            if flag.load(Ordering::Relaxed) {
                enough.store(true, Ordering::Relaxed);
            }
            let Some(hits) = hits else { return };
            let found = hits.found();
            if count.fetch_add(found.len(), Ordering::Relaxed) + found.len() >= MAX_FOUND {
                enough.store(true, Ordering::Relaxed);
            }
            let Ok(mut p) = pending.lock() else { return };
            p.0.push((i, found));
            if p.1.is_none_or(|last| last.elapsed() >= BATCH_EVERY) {
                let batch = std::mem::take(&mut p.0);
                p.1 = Some(Instant::now());
                drop(p);
                send(batch, false);
            }
        };
        // What was parsed is kept even when the query changed meanwhile.
        let not_stale = || !flag.load(Ordering::Relaxed);
        let files = search_library(&folder, &query, &enough, not_stale, &each);
        if flag.load(Ordering::Relaxed) {
            return;
        }
        let mut rest = pending
            .into_inner()
            .map(|(rest, _)| rest)
            .unwrap_or_default();
        if let Some(store) = store {
            rest.push((usize::MAX, notes(&store, &query, &files, &flag)));
        }
        if !flag.load(Ordering::Relaxed) {
            send(rest, true);
        }
    });
    stop
}

/// With `BRIEF_SEARCH_TRACE` set: a line for a frame just drawn (see the
/// module's comment).
pub fn trace_frame(model: &crate::model::Model) {
    static TRACE: std::sync::OnceLock<Option<PathBuf>> = std::sync::OnceLock::new();
    let Some(file) =
        TRACE.get_or_init(|| std::env::var_os("BRIEF_SEARCH_TRACE").map(PathBuf::from))
    else {
        return;
    };
    let Some(find) = model.find.as_ref() else {
        return;
    };
    let micros = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_micros());
    let line = format!(
        "{micros}\t{}\t{}\t{}\n",
        find.found.len(),
        u8::from(find.searching),
        find.query.replace(['\t', '\n'], " ")
    );
    let written = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(file)
        .and_then(|mut f| std::io::Write::write_all(&mut f, line.as_bytes()));
    // A trace that cannot be written is no reason to stop reading.
    drop(written);
}
