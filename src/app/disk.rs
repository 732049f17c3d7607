//! What the terminal loop reads and writes on the model's behalf: opening
//! a brief (its start at once, the rest on a thread), attaching notes to a
//! brief, and the last-chance save with its rescue file.

use super::{App, Incoming, QUICK_START_BYTES, now};
use crate::annotations::{self, Counts};
use crate::model::{self, Effect, Model, Opened};
use crate::{reading, store};
use anyhow::Result;
use std::path::{Path, PathBuf};

impl App<'_> {
    /// Read a brief and find its annotations. A large brief shows its start
    /// at once; the whole is parsed on a thread and arrives as BriefCompleted.
    pub(super) fn open(&self, path: &Path, passage: Option<usize>) -> Result<Opened> {
        let (brief, partial) =
            reading::read_brief_start(path, QUICK_START_BYTES, QUICK_START_BYTES * 2)?;
        let mut opened = Opened {
            path: path.to_path_buf(),
            location: std::fs::canonicalize(path).unwrap_or_default(),
            passage,
            partial,
            ..Opened::default()
        };
        if partial {
            let (tx, path) = (self.tx.clone(), path.to_path_buf());
            std::thread::spawn(move || {
                let result = reading::read_brief(&path).map_err(|e| format!("{e:#}"));
                let _ = tx.send(Incoming::Completed(path, Box::new(result)));
            });
        }
        match &self.store {
            Some(store) => {
                let now = reading::fingerprint(path, &brief, !partial);
                let found = store.open_for_reader(&brief, &now, path, &mut reading::probe);
                opened.annotations_path = found.path;
                opened.annotations = Some(found.file);
                opened.read_only = found.read_only;
                opened.save_problem = found.save_problem;
            }
            None => {
                opened.read_only =
                    Some("no data directory (is HOME set?): notes cannot be saved".into())
            }
        }
        opened.brief = brief;
        Ok(opened)
    }

    /// Give the notes in `notes` to the brief at `brief`; the brief's
    /// counts as written.
    pub(super) fn attach(&self, notes: &Path, brief_path: &Path) -> Result<Counts, String> {
        let store = self
            .store
            .as_ref()
            .ok_or("no data directory (is HOME set?)")?;
        let brief = reading::read_brief(brief_path).map_err(|e| format!("{e:#}"))?;
        let now = reading::fingerprint(brief_path, &brief, true);
        let (_, file) = store.attach(notes, &brief, &now, brief_path, &mut reading::probe)?;
        Ok(Counts::of(file.live()))
    }

    /// On quitting, SIGTERM/SIGHUP or a lost terminal: one more try for
    /// unsaved notes, and a rescue file if that fails.
    pub(super) fn save_pending(&mut self, model: &mut Model) {
        model.clock.now = now();
        for effect in model::rescue_unsaved(model) {
            if let Effect::Save { path, file } = effect
                && let Err(why) = store::save(&path, &file)
            {
                let why = why.to_string();
                // The outcome is not dropped: `rescue` records for stderr
                // where the notes went, or the notes themselves when no
                // rescue file could be written; the model is gone by now.
                let _reported_on_stderr = self.rescue(&path, &file, &why);
            }
        }
    }

    /// Write annotations that could not be saved at `path` to a rescue
    /// file, and note for stderr what was kept where.
    pub(super) fn rescue(
        &mut self,
        path: &Path,
        file: &annotations::AnnotationFile,
        why: &str,
    ) -> std::result::Result<PathBuf, String> {
        let what = store::summary(file);
        let result = store::write_rescue(file, path, &store::rescue_dirs());
        self.rescued.push(match &result {
            Ok(rescue) => format!(
                "notes NOT saved to {} ({why}).\nKept {what} of “{}” in {}",
                path.display(),
                file.brief.title,
                rescue.display()
            ),
            Err(failed) => format!(
                "notes NOT saved to {} ({why}), nor to a rescue file ({failed}).\n\
                 Here are the notes and drafts of “{}”:\n{}",
                path.display(),
                file.brief.title,
                store::texts(file)
            ),
        });
        result
    }
}
