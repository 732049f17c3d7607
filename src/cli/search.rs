//! `brief search QUERY [FOLDER]`: every passage of the folder's briefs, and
//! every note on them, that matches; one line each, `FILE:¶N: text`, in
//! file order, so the output can be grepped and diffed.

use super::{start_for, user_library};
use crate::annotations::{Placement, place_all};
use crate::config::Config;
use crate::reading::{Start, read_brief};
use crate::search::{FileHits, Query, scan};
use crate::store::{Loaded, Store};
use crate::text::printable;
use anyhow::{Result, bail};
use std::io::Write;
use std::path::{Path, PathBuf};
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
    let files = crate::files::list_briefs(&folder);
    let results: Mutex<Vec<(usize, FileHits)>> = Mutex::new(Vec::new());
    let keep = |i: usize, hits: FileHits| {
        if let Ok(mut r) = results.lock() {
            r.push((i, hits));
        }
    };
    scan(&files, &parsed, &AtomicBool::new(false), &keep);
    let mut results = results.into_inner().unwrap_or_default();
    results.sort_by_key(|(i, _)| *i);
    let mut lines = 0usize;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for (_, file) in &results {
        let shown = printable(&file.path.display().to_string()).into_owned();
        for hit in &file.hits {
            writeln!(out, "{shown}:¶{}: {}", hit.passage + 1, printable(&hit.text))?;
            lines += 1;
        }
    }
    for line in note_lines(&parsed, &folder) {
        writeln!(out, "{line}")?;
        lines += 1;
    }
    out.flush()?;
    Ok(if lines > 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// A line for each note on a brief of `folder` that matches: where the
/// note is now (re-anchored), `¶-` for a note on the whole brief or one
/// whose passage is gone.
fn note_lines(query: &Query, folder: &Path) -> Vec<String> {
    let Some(store) = Store::open_default() else {
        return Vec::new();
    };
    let Ok(dir) = folder.canonicalize() else {
        return Vec::new();
    };
    let mut lines = Vec::new();
    for (_, loaded) in store.all() {
        let Loaded::Ok(file) = loaded else { continue };
        let noted = |a: &crate::annotations::Annotation| {
            a.note.as_deref().is_some_and(|n| query.matches(n).is_some())
        };
        if !file.live().any(noted) {
            continue;
        }
        let Some(path) = file.brief.brief_path() else {
            continue;
        };
        let Some(shown) = in_folder(&path, &dir, folder) else {
            continue;
        };
        let brief = read_brief(&path).ok();
        let places = brief.as_ref().map(|b| {
            let texts: Vec<&str> = b.passages().map(|(_, p)| p.text.as_str()).collect();
            place_all(&texts, &file.annotations)
        });
        for (i, a) in file.annotations.iter().enumerate() {
            if a.deleted || !noted(a) {
                continue;
            }
            let passage = match places.as_ref().and_then(|p| p.get(i)) {
                Some(Placement::Attached { passage, .. }) => (passage + 1).to_string(),
                _ => "-".to_string(),
            };
            let note = a.note.as_deref().unwrap_or("");
            lines.push(format!(
                "{}:¶{passage}: note: {}",
                printable(&shown.display().to_string()),
                printable(note)
            ));
        }
    }
    lines.sort();
    lines
}

/// `path` as it is named under `folder` (given as the user wrote it), if
/// the brief is one of the folder's (`dir`: the folder, canonical).
fn in_folder(path: &Path, dir: &Path, folder: &Path) -> Option<PathBuf> {
    let real = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    let name = real.strip_prefix(dir).ok()?;
    (name.components().count() == 1).then(|| folder.join(name))
}
