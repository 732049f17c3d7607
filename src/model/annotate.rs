//! Making, changing and removing annotations. Each change is saved at once
//! (as an effect): a note typed is a note on disk.

use super::drafts;
use super::notes::{self, NoteTarget};
use super::reader::{Reader, Selection};
use super::{Clock, Confirmed, Effect, Model, Overlay};
use crate::action::Action;
use crate::annotations::{Anchor, Annotation, Counts, Kind, Placement, Span, Timestamp};
use crate::layout::Pane;
use std::collections::BTreeMap;

/// The status line while annotations are read-only; the reason itself is
/// in the problems box.
pub const READ_ONLY: &str = "Annotations are read-only (why: in the problems box)";

pub fn update(model: &mut Model, action: Action, fx: &mut Vec<Effect>) {
    let Some(reader) = model.reader.as_mut() else {
        return;
    };
    let changes = matches!(
        action,
        Action::ToggleBookmark
            | Action::Highlight
            | Action::RemoveHighlight
            | Action::AddNote
            | Action::AddBriefNote
            | Action::EditNote
            | Action::ExternalEdit
            | Action::DeleteNote
            | Action::Reattach
    );
    if changes && let Some(why) = &reader.annotations.read_only {
        // In full, in the problems box: the status line would cut it.
        let why = why.clone();
        return model.problem(READ_ONLY, why);
    }
    if changes && reader.index.is_empty() && action != Action::AddBriefNote {
        return model.info(
            "This brief has no passages: press {add_brief_note} for a note on the whole brief",
        );
    }
    if changes && action != Action::AddBriefNote && reader.is_set_aside(reader.cursor) {
        return model.info(
            "Set-aside text is not part of the brief and takes no annotations: \
             press {toggle_set_aside} to hide it",
        );
    }
    let clock = &mut model.clock;
    let message = match action {
        Action::ToggleBookmark => toggle_bookmark(reader, clock, fx),
        Action::NextBookmark => jump_bookmark(reader, true),
        Action::PrevBookmark => jump_bookmark(reader, false),
        Action::Highlight => highlight(reader, clock, fx),
        Action::RemoveHighlight => remove_highlights(reader, clock, fx),
        Action::AddNote => {
            let target = passage_target(reader);
            drafts::open_editor(reader, target, "")
        }
        Action::AddBriefNote => drafts::open_editor(reader, NoteTarget::Brief, ""),
        Action::EditNote | Action::ExternalEdit => {
            let external = action == Action::ExternalEdit;
            let message = match note_here(reader) {
                Some(i) if reader.annotations.get(i).kind == Kind::Draft => {
                    drafts::open_draft(reader, i)
                }
                Some(i) => {
                    let a = reader.annotations.get(i);
                    let (id, text) = (a.id.clone(), a.note.clone().unwrap_or_default());
                    drafts::open_editor(reader, NoteTarget::Existing(id), &text)
                }
                None if external => {
                    let target = passage_target(reader);
                    drafts::open_editor(reader, target, "")
                }
                None => return model.info("No note here: press {add_note} to write one"),
            };
            if external && let Some(editor) = reader.editor.as_mut() {
                editor.external = true;
                fx.push(Effect::ExternalEdit {
                    text: editor.text(),
                });
            }
            message
        }
        Action::DeleteNote => match note_here(reader) {
            Some(i) => {
                let question = describe_for_delete(reader, i);
                let id = reader.annotations.get(i).id.clone();
                model.overlay = Some(Overlay::Confirm {
                    question,
                    on_yes: Confirmed::DeleteAnnotation { id },
                });
                None
            }
            None => Some("No note here to delete".to_string()),
        },
        Action::Reattach => reattach(reader),
        _ => None,
    };
    if let Some(message) = message {
        model.info(message);
    }
}

/// `v`: select the sentence under the cursor; sentence keys extend it.
pub fn select(reader: &mut Reader) {
    if reader.index.is_empty() {
        return;
    }
    // `v v`: the second `v` leaves the selection.
    if reader.selection.take().is_some() {
        return;
    }
    let s = reader.sentence.unwrap_or(0);
    reader.sentence = Some(s);
    reader.selection = Some(Selection {
        passage: reader.cursor,
        anchor: s,
        head: s,
    });
}

/// Bytes the next annotation covers: the selection, or the whole passage.
pub(super) fn target_range(reader: &Reader) -> Span {
    let passage = reader.cursor;
    if let Some(sel) = reader.selection.filter(|s| s.passage == passage) {
        let spans = reader.sentences(passage);
        let (a, b) = (sel.anchor.min(sel.head), sel.anchor.max(sel.head));
        if let (Some(first), Some(last)) = (
            spans.get(a),
            spans.get(b.min(spans.len().saturating_sub(1))),
        ) {
            return Span::new(passage, first.0..last.1);
        }
    }
    Span::whole(passage, reader.passage_text(passage))
}

fn passage_target(reader: &mut Reader) -> NoteTarget {
    let span = target_range(reader);
    reader.selection = None;
    NoteTarget::Passage(span)
}

pub(super) fn new_annotation(
    reader: &Reader,
    clock: &mut Clock,
    kind: Kind,
    span: Option<&Span>,
) -> Annotation {
    let anchor = span.map(|span| Anchor::new(reader.passage_text(span.passage), span));
    Annotation {
        id: clock.new_id(),
        kind,
        colour: None,
        note: None,
        anchor,
        created: clock.now.clone(),
        updated: clock.now.clone(),
        deleted: false,
        draft_of: None,
        conflict_of: None,
        base: None,
        extra: BTreeMap::new(),
    }
}

/// A new annotation on bytes of a passage (or the whole brief), placed
/// there at once; returned to fill in its colour or note.
pub(super) fn add<'r>(
    reader: &'r mut Reader,
    clock: &mut Clock,
    kind: Kind,
    span: Option<Span>,
) -> &'r mut Annotation {
    let annotation = new_annotation(reader, clock, kind, span.as_ref());
    let placement = span.map_or(Placement::Brief, Placement::Attached);
    reader.annotations.push(annotation, placement)
}

/// Mark an annotation deleted (a tombstone, so merges do not revive it).
pub(super) fn tombstone(reader: &mut Reader, clock: &Clock, i: usize) {
    let a = reader.annotations.get_mut(i);
    a.deleted = true;
    a.note = None;
    a.updated = clock.now.clone();
}

/// Live annotations of `kind` on passage `passage`.
fn on_passage(reader: &Reader, kind: Kind, passage: usize) -> Vec<usize> {
    (reader.annotations.placed().enumerate())
        .filter(|(_, (a, placement))| {
            !a.deleted && a.kind == kind && placement.passage() == Some(passage)
        })
        .map(|(i, _)| i)
        .collect()
}

pub fn save(reader: &mut Reader, fx: &mut Vec<Effect>) {
    if reader.annotations.read_only.is_some() {
        return;
    }
    reader.annotations.dirty = true;
    fx.push(Effect::Save {
        path: reader.annotations.path.clone(),
        file: Box::new(reader.annotations.file().clone()),
    });
}

fn toggle_bookmark(reader: &mut Reader, clock: &mut Clock, fx: &mut Vec<Effect>) -> Option<String> {
    let existing = on_passage(reader, Kind::Bookmark, reader.cursor);
    let message = if existing.is_empty() {
        // A bookmark marks the whole passage, whatever is selected in it.
        let passage = reader.cursor;
        let whole = Span::whole(passage, reader.passage_text(passage));
        add(reader, clock, Kind::Bookmark, Some(whole));
        "Bookmarked"
    } else {
        for i in existing {
            tombstone(reader, clock, i);
        }
        "Bookmark removed"
    };
    save(reader, fx);
    Some(message.to_string())
}

fn jump_bookmark(reader: &mut Reader, forward: bool) -> Option<String> {
    let mut marked: Vec<usize> = reader
        .annotations
        .placed()
        .filter(|(a, _)| !a.deleted && a.kind == Kind::Bookmark)
        .filter_map(|(_, p)| p.passage())
        .collect();
    marked.sort_unstable();
    marked.dedup();
    let target = if forward {
        marked
            .iter()
            .find(|&&p| p > reader.cursor)
            .or(marked.first())
    } else {
        marked
            .iter()
            .rev()
            .find(|&&p| p < reader.cursor)
            .or(marked.last())
    };
    match target {
        Some(&p) => {
            reader.focus = reader.pane_of(p);
            reader.move_to(p);
            None
        }
        None => Some("No bookmarks in this brief: press {toggle_bookmark} to add one".to_string()),
    }
}

/// Highlight the selection or passage; on an existing highlight of the
/// same text, cycle its colour.
fn highlight(reader: &mut Reader, clock: &mut Clock, fx: &mut Vec<Effect>) -> Option<String> {
    let span = target_range(reader);
    reader.selection = None;
    let same = on_passage(reader, Kind::Highlight, span.passage)
        .into_iter()
        .find(|&i| reader.annotations.placement(i).span() == Some(&span));
    let colour = match same {
        Some(i) => {
            let a = reader.annotations.get_mut(i);
            let colour = a.colour.unwrap_or_default().next();
            a.colour = Some(colour);
            a.updated = clock.now.clone();
            colour
        }
        None => {
            let colour = reader.last_colour;
            add(reader, clock, Kind::Highlight, Some(span)).colour = Some(colour);
            reader.last_colour
        }
    };
    reader.last_colour = colour;
    save(reader, fx);
    Some(format!(
        "Highlighted in {} (press again for another colour)",
        colour.name()
    ))
}

fn remove_highlights(
    reader: &mut Reader,
    clock: &mut Clock,
    fx: &mut Vec<Effect>,
) -> Option<String> {
    let found = on_passage(reader, Kind::Highlight, reader.cursor);
    if found.is_empty() {
        return Some("No highlight here".to_string());
    }
    for &i in &found {
        tombstone(reader, clock, i);
    }
    save(reader, fx);
    Some(format!("Removed {} highlight(s)", found.len()))
}

/// The note the user means: the one selected in the notes pane, else the
/// first note on the cursor's passage, else its first draft.
fn note_here(reader: &Reader) -> Option<usize> {
    if reader.focus == Pane::Notes {
        return notes::selected(reader);
    }
    // The note selected in the notes pane, when it is on this passage (the
    // pane shows which); else the first one here.
    let selected = notes::selected(reader)
        .filter(|&i| reader.annotations.placement(i).passage() == Some(reader.cursor));
    let notes = on_passage(reader, Kind::Note, reader.cursor);
    let drafts = on_passage(reader, Kind::Draft, reader.cursor);
    selected.into_iter().chain(notes).chain(drafts).next()
}

/// How the delete question names annotation `i`: its first words, and
/// which of the passage's notes it is when there are several.
fn describe_for_delete(reader: &Reader, i: usize) -> String {
    let a = reader.annotations.get(i);
    let words: String = a.note.as_deref().unwrap_or("").chars().take(48).collect();
    let more = if a.note.as_deref().unwrap_or("").chars().count() > 48 {
        "…"
    } else {
        ""
    };
    let mut text = match a.kind {
        Kind::Note => format!("Delete the note “{words}{more}”"),
        Kind::Bookmark => "Delete this bookmark".to_string(),
        Kind::Highlight => "Delete this highlight".to_string(),
        Kind::Draft if a.draft_of.is_some() => {
            format!("Discard the draft “{words}{more}”? The note stays as it was")
        }
        Kind::Draft => format!("Discard the draft “{words}{more}”"),
    };
    if let Some(p) = reader.annotations.placement(i).passage() {
        let here: Vec<usize> = notes::entries(reader)
            .into_iter()
            .filter(|&j| reader.annotations.placement(j).passage() == Some(p))
            .collect();
        if here.len() > 1
            && let Some(n) = here.iter().position(|&j| j == i)
        {
            text.push_str(&format!(
                " ({} of {} on ¶{}; pick another in the notes pane)",
                n + 1,
                here.len(),
                p + 1
            ));
        }
    }
    text.push_str("? (y/n)");
    text
}

/// Change an annotation's text, remembering the version the change started
/// from (until the next save): a save can then tell whether another
/// instance changed it meanwhile, and keep both.
pub(super) fn set_text(a: &mut Annotation, text: String, now: &Timestamp) {
    if a.base.is_none() {
        a.base = Some(a.updated.clone());
    }
    a.note = Some(text);
    a.updated = now.clone();
}

/// Ctrl-S in the editor: create or update the note.
pub fn save_note(model: &mut Model, target: NoteTarget, text: String, fx: &mut Vec<Effect>) {
    let Some(reader) = model.reader.as_mut() else {
        return;
    };
    let clock = &mut model.clock;
    match target {
        NoteTarget::Existing(id) => {
            let found = reader.annotations.index_of(&id);
            match found {
                Some(i) if !reader.annotations.get(i).deleted => {
                    set_text(reader.annotations.get_mut(i), text, &clock.now);
                }
                // Deleted meanwhile (by another instance): the text is not
                // thrown away, it becomes a new note where the old one was.
                _ => {
                    let span = found.and_then(|i| reader.annotations.placement(i).span().cloned());
                    add(reader, clock, Kind::Note, span).note = Some(text);
                }
            }
        }
        NoteTarget::Brief => add(reader, clock, Kind::Note, None).note = Some(text),
        NoteTarget::Passage(span) => {
            add(reader, clock, Kind::Note, Some(span)).note = Some(text);
        }
    }
    save(reader, fx);
    model.info("Note saved");
}

pub fn delete(reader: &mut Reader, clock: &mut Clock, id: &str, fx: &mut Vec<Effect>) {
    if let Some(i) = reader.annotations.index_of(id) {
        tombstone(reader, clock, i);
        let count = notes::entries(reader).len();
        reader.notes_cursor = reader.notes_cursor.min(count.saturating_sub(1));
        save(reader, fx);
    }
}

/// `r`: re-attach the detached annotation selected in the notes pane. The
/// reader then chooses the passage (back where they were reading, not where
/// going through the notes took the cursor), sees it, and confirms.
fn reattach(reader: &mut Reader) -> Option<String> {
    let Some(i) = notes::selected(reader) else {
        return Some(
            "Select a detached note in the notes pane ({next_pane}), then press {reattach} on it"
                .to_string(),
        );
    };
    if let Some(p) = reader.annotations.placement(i).passage() {
        return Some(format!(
            "This note is on ¶{}: r re-attaches only a detached note",
            p + 1
        ));
    }
    if *reader.annotations.placement(i) != Placement::Detached {
        return Some("This note is on the whole brief: r re-attaches only a detached note".into());
    }
    reader.choosing = Some(reader.annotations.get(i).id.clone());
    let back = reader.reading_at;
    reader.focus = reader.pane_of(back);
    reader.move_to(back);
    None
}

/// Keys that move the reading cursor while choosing where to re-attach.
pub fn moves_while_choosing(action: &Action) -> bool {
    matches!(
        action,
        Action::NextPassage
            | Action::PrevPassage
            | Action::FirstPassage
            | Action::LastPassage
            | Action::NextSection
            | Action::PrevSection
            | Action::PageDown
            | Action::PageUp
            | Action::HalfPageDown
            | Action::HalfPageUp
            | Action::Scroll(_)
            | Action::NextBookmark
            | Action::PrevBookmark
            | Action::Search
            | Action::ToggleNotes
            | Action::Help
    )
}

/// Choosing the passage for a detached annotation (motions are handled by
/// the reader as usual): confirm attaches it to the passage under the
/// cursor, cancel leaves it detached.
pub fn choose(model: &mut Model, action: Action, fx: &mut Vec<Effect>) {
    let Some(reader) = model.reader.as_mut() else {
        return;
    };
    match action {
        Action::Confirm | Action::Accept | Action::Open => {
            let id = reader.choosing.take().unwrap_or_default();
            let message = attach_here(reader, &model.clock, &id, fx);
            model.info(message);
        }
        Action::Deny | Action::Cancel | Action::DismissMessage | Action::Quit => {
            reader.choosing = None;
            model.info("Not attached: the note stays detached");
        }
        _ => {}
    }
}

/// Attach annotation `id` to the whole passage under the cursor.
fn attach_here(reader: &mut Reader, clock: &Clock, id: &str, fx: &mut Vec<Effect>) -> String {
    let Some(i) = reader
        .annotations
        .index_of(id)
        .filter(|&i| !reader.annotations.get(i).deleted)
    else {
        return "That note is gone (deleted elsewhere)".to_string();
    };
    let passage = reader.cursor;
    let text = reader.passage_text(passage);
    let whole = Span::whole(passage, text);
    let text = text.to_string();
    reader.annotations.attach(i, &text, whole).updated = clock.now.clone();
    save(reader, fx);
    format!("Attached to passage {}", passage + 1)
}

/// What the notes pane lists, counted by kind: notes and drafts (attached,
/// detached or on the whole brief), and bookmarks or highlights whose text
/// is gone (listed so they are not lost, but not notes).
pub fn note_counts(reader: &Reader) -> Counts {
    let annotated = &reader.annotations;
    Counts::of(notes::entries(reader).into_iter().map(|i| annotated.get(i)))
}
