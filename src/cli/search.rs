//! `brief search QUERY [FOLDER]`: every passage of the folder's briefs, and
//! every note on them, that matches; one line each, `FILE:¶N: text`, in
//! file order, so the output can be grepped and diffed.

use super::{start_for, user_library};
use crate::config::Config;
use crate::reading::Start;
use crate::search::{FileHits, Index, Query, scan};
use crate::store::Store;
use crate::text::printable;
use anyhow::{Result, bail};
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;
use std::sync::Mutex;
use std::sync::atomic::AtomicBool;

/// Exit 0 when something was found, 1 when nothing was (as grep does).
pub fn search(query: &str, folder: Option<&Path>, config: &Config) -> Result<ExitCode> {
    let Some(parsed) = Query::parse(query) else {
        bail!("nothing to search for");
    };
    let folder = match folder {
        Some(dir) if dir.is_dir() => dir.to_path_buf(),
        Some(dir) => bail!("{}: not a folder", printable(&dir.display().to_string())),
        None => match start_for(&[], config)? {
            Start::Library(dir) => dir,
            Start::Files(_) => user_library(config)?,
        },
    };
    let files = crate::files::list_library(&folder, &crate::store::own_folders());
    let results: Mutex<Vec<(usize, FileHits)>> = Mutex::new(Vec::new());
    let keep = |i: usize, hits: FileHits| {
        if let Ok(mut r) = results.lock() {
            r.push((i, hits));
        }
    };
    let cancel = AtomicBool::new(false);
    let index = Index::open(&folder);
    scan(&files, &parsed, &index, &cancel, &keep);
    // Only a cache: a search that cannot keep it still answers.
    let _ = index.save(&files);
    let mut results = results.into_inner().unwrap_or_default();
    results.sort_by_key(|(i, _)| *i);
    let mut lines = 0usize;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for (_, file) in &results {
        let shown = printable(&file.path.display().to_string()).into_owned();
        for hit in &file.hits {
            writeln!(
                out,
                "{shown}:¶{}: {}",
                hit.passage + 1,
                printable(&hit.text)
            )?;
            lines += 1;
        }
    }
    // A note on the whole brief, or whose passage is gone: `¶-`.
    let notes = Store::open_default()
        .map(|store| crate::search::notes(&store, &parsed, &files, &cancel))
        .unwrap_or_default();
    for note in notes {
        let passage = note
            .passage
            .map_or("-".to_string(), |n| (n + 1).to_string());
        writeln!(
            out,
            "{}:¶{passage}: note: {}",
            printable(&note.path.display().to_string()),
            printable(&note.text)
        )?;
        lines += 1;
    }
    out.flush()?;
    Ok(if lines > 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
