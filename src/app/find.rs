//! Running a library search on a thread: results go to the loop in
//! batches (at most one every BATCH_EVERY, so a word found in every brief
//! does not bury the keys typed meanwhile under thousands of redraws), and
//! a search whose query has changed is stopped.

use super::Incoming;
use crate::search::{FileHits, Found, Index, Query, notes, scan};
use crate::store::Store;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
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
        let files = crate::files::list_library(&folder, &crate::store::own_folders());
        // (results not yet sent, when the last batch went)
        let pending: Mutex<(Batch, Instant)> = Mutex::new((Vec::new(), Instant::now()));
        let send = |batch: Batch, done: bool| {
            let mut batch = batch;
            batch.sort_by_key(|(i, _)| *i);
            let found = batch.into_iter().flat_map(|(_, f)| f).collect();
            let _ = tx.send(Incoming::Found(generation, found, done));
        };
        let each = |i: usize, hits: FileHits| {
            let Ok(mut p) = pending.lock() else { return };
            p.0.push((i, hits.found()));
            if p.1.elapsed() >= BATCH_EVERY {
                let batch = std::mem::take(&mut p.0);
                p.1 = Instant::now();
                drop(p);
                send(batch, false);
            }
        };
        let index = Index::open(&folder);
        scan(&files, &query, &index, &flag, &each);
        // What was parsed is kept even when the query changed meanwhile.
        let _ = index.save(&files);
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
