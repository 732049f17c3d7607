//! `brief search QUERY [FOLDER]`: every passage of the folder's briefs, and
//! every note on them, that matches; one line each, `FILE:¶N: text`, in
//! file order, so the output can be grepped and diffed. Lines are written
//! as soon as every file before theirs is searched.

use super::{start_for, user_library};
use crate::config::Config;
use crate::reading::Start;
use crate::search::{FileHits, Query, search_library};
use crate::store::Store;
use crate::text::printable;
use anyhow::{Result, bail};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

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
    let cancel = AtomicBool::new(false);
    let printer = Mutex::new(Printer {
        out: std::io::BufWriter::with_capacity(1 << 16, std::io::stdout()),
        next: 0,
        waiting: BTreeMap::new(),
        lines: 0,
        failed: None,
    });
    let each = |i: usize, hits: Option<FileHits>| {
        // Made on the thread that searched the file, written in turn.
        let lines = hits.map(|f| lines(&f));
        let Ok(mut p) = printer.lock() else { return };
        p.waiting.insert(i, lines);
        if let Err(e) = p.write_ready() {
            // A closed pipe (`| head`): nothing more is read.
            p.failed.get_or_insert(e);
            cancel.store(true, Ordering::Relaxed);
        }
    };
    let files = search_library(&folder, &parsed, &cancel, || true, &each);
    let mut printer = printer
        .into_inner()
        .map_err(|_| anyhow::anyhow!("search failed"))?;
    if let Some(e) = printer.failed.take() {
        return Err(e.into());
    }
    let Printer {
        mut out, mut lines, ..
    } = printer;
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

/// A file's hits as the lines printed, and how many.
fn lines(file: &FileHits) -> (Vec<u8>, usize) {
    let shown = printable(&file.path.display().to_string()).into_owned();
    let mut out = Vec::new();
    for hit in &file.hits {
        out.extend_from_slice(shown.as_bytes());
        // Into a Vec: cannot fail.
        let _ = write!(out, ":¶{}: ", hit.passage + 1);
        out.extend_from_slice(printable(&hit.text).as_bytes());
        out.push(b'\n');
    }
    (out, file.hits.len())
}

/// Writes each file's lines in file order, as soon as the files before it
/// are searched.
struct Printer<W: Write> {
    out: W,
    /// The first file not written yet.
    next: usize,
    /// Files searched, not yet written (a file before them is not done).
    waiting: BTreeMap<usize, Option<(Vec<u8>, usize)>>,
    lines: usize,
    failed: Option<std::io::Error>,
}

impl<W: Write> Printer<W> {
    fn write_ready(&mut self) -> std::io::Result<()> {
        while let Some(file) = self.waiting.remove(&self.next) {
            self.next += 1;
            if let Some((text, lines)) = file {
                self.out.write_all(&text)?;
                self.lines += lines;
            }
        }
        Ok(())
    }
}
