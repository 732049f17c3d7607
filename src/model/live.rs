//! Live files: the open brief follows its file, the library follows its
//! folder. app/ watches the file system and says what changed
//! (`Action::FilesChanged`); here it is decided what to read again
//! (`Effect::ReloadBrief`, `Effect::ListLibrary`) and what the reader and
//! the list become when it comes back. Nothing the user wrote is lost to a
//! reload: annotations are placed again on the new text, the editor keeps
//! its text and its passage, and a version that cannot be read leaves the
//! one on screen in place.

use super::reader::{Reader, Top, pane_slot};
use super::{Effect, Model, annotate, notes};
use crate::annotations::{self, Anchor, Fingerprint, Kind, Placement, Span};
use crate::document::Brief;
use crate::layout::{Pane, PassageIndex, WrapCache};
use crate::payload::{LibraryEntry, Reload};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// What is being read again.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Live {
    /// The reload asked for last: an older answer is stale and dropped.
    pub generation: u64,
    /// A listing of the library folder is under way.
    pub relisting: bool,
    /// The folder changed again meanwhile (or while the list was first
    /// read): list it once more when this listing is in.
    pub relist_again: Vec<PathBuf>,
    /// The open brief found no longer at this path (said once for it; a
    /// brief opened after it is said to be gone in its turn).
    pub gone: Option<PathBuf>,
}

/// The watcher saw files change.
pub fn files_changed(
    model: &mut Model,
    paths: Vec<PathBuf>,
    library: Vec<PathBuf>,
    fx: &mut Vec<Effect>,
) {
    if let Some(reader) = model.reader.as_ref()
        && paths.iter().any(|p| p == &reader.path)
    {
        model.live.generation += 1;
        fx.push(Effect::ReloadBrief {
            path: reader.path.clone(),
            generation: model.live.generation,
        });
    }
    if !library.is_empty() && model.library.dir.is_some() {
        model.live.relist_again.extend(library);
        relist_if_idle(model, fx);
    }
}

/// List the library again if changes wait and no listing is under way
/// (nor the first reading of it: its batches would be mixed with this).
pub fn relist_if_idle(model: &mut Model, fx: &mut Vec<Effect>) {
    let live = &mut model.live;
    let library = &model.library;
    if live.relisting || library.loading || live.relist_again.is_empty() {
        return;
    }
    let Some(dir) = library.dir.clone() else {
        return;
    };
    live.relisting = true;
    let mut changed = std::mem::take(&mut live.relist_again);
    changed.sort();
    changed.dedup();
    fx.push(Effect::ListLibrary {
        dir,
        known: library.entries.iter().map(|e| e.path.clone()).collect(),
        changed,
    });
}

/// The library folder was listed again: the list follows it, staying on
/// the brief selected (found by its title when its file was renamed).
pub fn relisted(
    model: &mut Model,
    paths: Vec<PathBuf>,
    fresh: Vec<LibraryEntry>,
    fx: &mut Vec<Effect>,
) {
    model.live.relisting = false;
    let library = &mut model.library;
    let selected = library.selected().cloned();
    let mut old: HashMap<PathBuf, LibraryEntry> = std::mem::take(&mut library.entries)
        .into_iter()
        .map(|e| (e.path.clone(), e))
        .collect();
    let mut entries: Vec<LibraryEntry> = Vec::with_capacity(paths.len() + fresh.len());
    let mut fresh: HashMap<PathBuf, LibraryEntry> =
        fresh.into_iter().map(|e| (e.path.clone(), e)).collect();
    for path in paths {
        let entry = fresh
            .remove(&path)
            .or_else(|| old.remove(&path))
            .unwrap_or_else(|| unread(&path));
        entries.push(entry);
    }
    // What remains fresh is not a brief (an unreadable entry, with why).
    entries.extend(fresh.into_values());
    let keep = selected.map(|s| {
        let still = entries.iter().any(|e| e.path == s.path);
        let renamed = || {
            entries
                .iter()
                .find(|e| !old.contains_key(&e.path) && e.title == s.title && e.error.is_none())
                .map(|e| e.path.clone())
        };
        if still {
            s.path
        } else {
            // A new entry with its title is where it went; else the list
            // stays where it was.
            renamed().unwrap_or(s.path)
        }
    });
    let moved = model.reader.as_ref().and_then(|reader| {
        let listed = |e: &LibraryEntry| e.path == reader.path;
        // Listed before and not now: a new entry with its title is where
        // it went (as for the selection above).
        (old.contains_key(&reader.path) && !entries.iter().any(listed))
            .then(|| {
                entries.iter().find(|e| {
                    !old.contains_key(&e.path)
                        && e.error.is_none()
                        && e.title == reader.brief.meta.title
                })
            })
            .flatten()
            .map(|e| e.path.clone())
    });
    library.replace_entries(entries, keep);
    if let Some(to) = moved {
        follow(model, to, fx);
    }
    relist_if_idle(model, fx);
}

/// The open brief was moved within the library to `to`: follow it there,
/// so that its edits at the new place are shown and its notes saved with
/// its new path; read it there at once (it may have changed on the way).
fn follow(model: &mut Model, to: PathBuf, fx: &mut Vec<Effect>) {
    let Some(reader) = model.reader.as_mut() else {
        return;
    };
    reader.path = to.clone();
    // The store records where a brief is seen absolutely; a relative
    // listing leaves it to the next opening.
    if to.is_absolute() {
        reader.annotations.record_mut().set_path(&to);
    }
    model.live.gone = None;
    model.live.generation += 1;
    let name = crate::text::printable(&to.display().to_string()).into_owned();
    model.info(format!("The brief was moved to {name}: followed there"));
    fx.push(Effect::ReloadBrief {
        path: to,
        generation: model.live.generation,
    });
}

/// An entry for a brief listed but not read (it appeared between the
/// listing and the reading): its file name until the next listing.
fn unread(path: &Path) -> LibraryEntry {
    LibraryEntry {
        path: path.to_path_buf(),
        title: path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        ..LibraryEntry::default()
    }
}

/// The open brief was read again.
pub fn reloaded(
    model: &mut Model,
    path: PathBuf,
    generation: u64,
    reload: Reload,
    fx: &mut Vec<Effect>,
) {
    if generation != model.live.generation {
        return;
    }
    let Some(reader) = model.reader.as_mut().filter(|r| r.path == path) else {
        return;
    };
    let name = crate::text::printable(&path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    ))
    .into_owned();
    match reload {
        Reload::Gone => {
            if model.live.gone.replace(path.clone()).as_ref() != Some(&path) {
                model.error(format!(
                    "{name} is gone (deleted or moved away): still shown as it was; notes kept"
                ));
            }
        }
        Reload::Failed(why) => {
            // The reason names the file by its whole path: its name is enough.
            let full = crate::text::printable(&path.display().to_string()).into_owned();
            let why = match why.strip_prefix(&full) {
                Some(rest) => format!("{name}{rest}"),
                None => why,
            };
            model.error(format!(
                "Not reloaded (the version read before stays): {why}"
            ))
        }
        Reload::Read { brief, .. }
            if brief.passages().next().is_none() && !reader.index.is_empty() =>
        {
            model.error(format!(
                "Not reloaded (the version read before stays): {name} is empty (being written?)"
            ))
        }
        Reload::Read { brief, bytes } => {
            let back = model.live.gone.take().is_some_and(|p| p == path);
            match replace_brief(reader, *brief, bytes, &mut model.clock, fx) {
                Replaced::Same if back => model.info(format!("{name} is back")),
                Replaced::Same => {}
                Replaced::Done {
                    detached,
                    kept_draft,
                } => {
                    let mut text = format!("Reloaded: {name} changed on disk");
                    if detached > 0 {
                        let what = if detached == 1 {
                            "annotation no longer finds its"
                        } else {
                            "annotations no longer find their"
                        };
                        text.push_str(&format!("; {detached} {what} text (listed as detached)"));
                    }
                    if kept_draft {
                        text.push_str(
                            "; the passage your note is on is gone: your text is kept as a draft",
                        );
                    }
                    model.info(text);
                }
            }
        }
    }
}

/// What a reload did to the reader.
enum Replaced {
    /// The new text is the text on screen: nothing changed.
    Same,
    Done {
        /// Annotations that were placed and no longer are.
        detached: usize,
        /// The note being written lost its passage and became a draft.
        kept_draft: bool,
    },
}

/// An anchor on `span` of the reader's text, or on the whole of passage
/// `span.passage` when the span is empty.
fn anchor_on(reader: &Reader, span: &Span) -> Option<Anchor> {
    (span.passage < reader.index.len()).then(|| {
        let text = reader.passage_text(span.passage);
        let end = if span.bytes.end == 0 {
            text.len()
        } else {
            span.bytes.end.min(text.len())
        };
        Anchor::new(
            text,
            &Span::new(span.passage, span.bytes.start.min(end)..end),
        )
    })
}

/// The whole of passage `passage`, to anchor on.
fn whole(passage: usize) -> Span {
    Span::new(passage, 0..0)
}

/// Where `anchor` is in the reader's text now.
fn place(reader: &Reader, anchor: &Anchor) -> Option<Span> {
    let texts = super::reader::passage_texts(&reader.brief);
    match annotations::place_one(&texts, anchor)? {
        Placement::Attached(span) => Some(span),
        _ => None,
    }
}

/// Swap `brief` in under the reader: the cursor and the top of each pane
/// stay on their text, annotations are placed again, the editor's passage
/// is found again (or its text kept as a draft).
fn replace_brief(
    reader: &mut Reader,
    brief: Brief,
    bytes: u64,
    clock: &mut super::Clock,
    fx: &mut Vec<Effect>,
) -> Replaced {
    let showing = reader.showing_set_aside;
    reader.show_set_aside(false);
    if reader.brief == brief && !reader.partial {
        reader.show_set_aside(showing);
        return Replaced::Same;
    }
    // Where things are, by their text.
    let cursor_text = reader.passage_text_or_empty(reader.cursor).to_string();
    let cursor = anchor_on(reader, &whole(reader.cursor));
    let sentence = reader.sentence;
    let selection = reader.selection;
    let tops: Vec<Option<(Anchor, usize)>> = [Pane::Summary, Pane::Commentary]
        .iter()
        .map(|&pane| {
            let top = reader.tops[pane_slot(pane)];
            let passage = *reader.index.in_pane(pane).get(top.pos)?;
            anchor_on(reader, &whole(passage)).map(|a| (a, top.line))
        })
        .collect();
    let editing = match reader.editor.as_ref().map(|e| &e.target) {
        Some(notes::NoteTarget::Passage(span)) => anchor_on(reader, span),
        _ => None,
    };
    let placed_before = reader
        .annotations
        .placements()
        .iter()
        .filter(|p| matches!(p, Placement::Attached { .. }))
        .count();

    reader.brief = brief;
    reader.index = PassageIndex::new(&reader.brief);
    reader.wraps = WrapCache::default();
    let record = reader.annotations.record_mut();
    record.refresh(&Fingerprint::of(&reader.brief, bytes, true));
    reader.partial = false;
    reader.forget_pending();
    reader.replace_annotations();
    if !reader.search.query.is_empty() {
        reader.refresh_search();
    }
    let last = reader.index.len().saturating_sub(1);
    let at = cursor
        .as_ref()
        .and_then(|a| place(reader, a))
        .map_or(reader.cursor.min(last), |span| span.passage);
    reader.cursor = at;
    let same_text = reader.passage_text_or_empty(at) == cursor_text;
    reader.sentence = sentence.filter(|&s| same_text && s < reader.sentences(at).len());
    reader.selection = selection
        .filter(|_| same_text)
        .map(|s| super::reader::Selection { passage: at, ..s });
    for (slot, top) in tops.into_iter().enumerate() {
        let pane = if slot == 0 {
            Pane::Summary
        } else {
            Pane::Commentary
        };
        let found = top.and_then(|(anchor, line)| {
            let passage = place(reader, &anchor)?.passage;
            let pos = reader
                .index
                .in_pane(pane)
                .iter()
                .position(|&p| p == passage)?;
            Some(Top { pos, line })
        });
        reader.tops[slot] = found.unwrap_or_default();
    }
    reader.pane_cursor = [None; 2];
    reader.remember_pane_cursor();
    if reader.focus != Pane::Notes {
        reader.focus = reader.pane_of(at);
    }
    reader.reading_at = at;
    reader.back_from_set_aside = at;
    reader.mark_opened_at(at);
    reader.reveal();

    let kept_draft = match editing {
        Some(anchor) => match place(reader, &anchor) {
            Some(span) => {
                if let Some(editor) = reader.editor.as_mut() {
                    editor.target = notes::NoteTarget::Passage(span);
                }
                false
            }
            None => keep_as_draft(reader, anchor, clock, fx),
        },
        None => false,
    };
    let placed_now = reader
        .annotations
        .placements()
        .iter()
        .filter(|p| matches!(p, Placement::Attached { .. }))
        .count();
    reader.notes_cursor = reader
        .notes_cursor
        .min(notes::entries(reader).len().saturating_sub(1));
    if reader.focus != Pane::Notes {
        notes::follow_cursor(reader);
    }
    reader.show_set_aside(showing);
    Replaced::Done {
        detached: placed_before.saturating_sub(placed_now),
        kept_draft,
    }
}

/// The note being written is on a passage the new text no longer has:
/// what was typed becomes a draft on the old text (shown detached, with
/// its quote), which the editor continues; saving turns it into the note.
fn keep_as_draft(
    reader: &mut Reader,
    anchor: Anchor,
    clock: &mut super::Clock,
    fx: &mut Vec<Effect>,
) -> bool {
    let Some(editor) = reader.editor.as_ref() else {
        return false;
    };
    if editor.draft.is_some() {
        // Its draft has its own anchor already.
        return false;
    }
    let mut draft = annotate::new_annotation(reader, clock, Kind::Draft, None);
    draft.anchor = Some(anchor);
    draft.note = Some(editor.text());
    let id = draft.id.clone();
    // Its text is gone from the brief: detached, shown with its quote.
    reader.annotations.push(draft, Placement::Detached);
    if let Some(editor) = reader.editor.as_mut() {
        editor.draft = Some(id);
    }
    annotate::save(reader, fx);
    true
}
