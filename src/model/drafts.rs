//! Drafts: text typed in the note editor and not saved. One model, whatever
//! closes the editor:
//!
//! - save (Ctrl-S): the text becomes the note; a draft it continued is used up;
//! - keep (Esc, and also a signal or a lost terminal): if the text differs
//!   from the note, it is kept as a *draft* — an annotation of its own kind,
//!   written to disk at once, shown as a draft in the notes pane — and the
//!   note itself is unchanged;
//! - discard (Ctrl-Q, asks first): the text and its draft are thrown away.
//!
//! A draft comes back when the user presses `a`/`e` on its passage (`A` for
//! the whole brief), or Enter/`e` on it in the notes pane.

use super::annotate::{self, add, new_annotation, set_text, tombstone};
use super::notes::{NoteEditor, NoteTarget};
use super::reader::Reader;
use super::{Confirmed, Effect, Model, Overlay};
use crate::action::Action;
use crate::annotations::{Kind, Placement};
use crate::keymap::Context;

/// Index of the live draft with this id.
fn by_id(reader: &Reader, id: &str) -> Option<usize> {
    reader.annotations.index_of(id).filter(|&i| {
        !reader.annotations.get(i).deleted && reader.annotations.get(i).kind == Kind::Draft
    })
}

/// The live draft the user means when opening the editor for `target`: the
/// draft of that note, or any draft of a new note on the same passage
/// (whatever sentences it was written on), or on the whole brief.
fn find(reader: &Reader, target: &NoteTarget) -> Option<usize> {
    reader.annotations.placed().position(|(a, placement)| {
        if a.deleted || a.kind != Kind::Draft {
            return false;
        }
        match (target, &a.draft_of) {
            (NoteTarget::Existing(id), Some(of)) => of == id,
            (NoteTarget::Passage(span), None) => placement.passage() == Some(span.passage),
            (NoteTarget::Brief, None) => *placement == Placement::Brief,
            _ => false,
        }
    })
}

/// Open the editor for `target` (its current text `text`), or on the draft
/// left for it. Returns a message when a draft came back.
pub fn open_editor(reader: &mut Reader, target: NoteTarget, text: &str) -> Option<String> {
    if let Some(i) = find(reader, &target) {
        return open_draft(reader, i);
    }
    reader.editor = Some(NoteEditor::new(target, text));
    None
}

/// Open the editor on draft `i`.
pub fn open_draft(reader: &mut Reader, i: usize) -> Option<String> {
    let list = reader.annotations.all();
    let draft = reader.annotations.get(i);
    let (target, original) = match &draft.draft_of {
        Some(id) => {
            let note = list.iter().find(|a| &a.id == id && !a.deleted);
            let original = note.and_then(|a| a.note.clone()).unwrap_or_default();
            (NoteTarget::Existing(id.clone()), original)
        }
        // A draft of a new note becomes that note itself when saved (see
        // `save`), where it is anchored: the target only says what it is for.
        None => match reader.annotations.placement(i) {
            Placement::Attached(span) => (NoteTarget::Passage(span.clone()), String::new()),
            _ => (NoteTarget::Brief, String::new()),
        },
    };
    let mut editor = NoteEditor::new(target, draft.note.as_deref().unwrap_or(""));
    editor.original = original;
    editor.draft = Some(draft.id.clone());
    reader.editor = Some(editor);
    Some(
        "Your draft is back: {save_note} saves it as the note, {keep_draft} keeps it as a draft"
            .into(),
    )
}

/// The first key bound to `action` in `context`, for messages.
fn key(model: &Model, context: Context, action: &Action) -> String {
    let keys = model.keymap.keys_for(context, action);
    keys.into_iter()
        .next()
        .unwrap_or_else(|| action.name().to_string())
}

/// Whether the editor's text says anything its note does not.
fn changed(editor: &NoteEditor) -> bool {
    let text = editor.text();
    !text.trim().is_empty() && text != editor.original
}

/// A new draft for `editor`'s target, holding `text`.
fn new_draft(model: &mut Model, editor: &NoteEditor, text: String) {
    let Some(reader) = model.reader.as_mut() else {
        return;
    };
    let clock = &mut model.clock;
    let draft = match &editor.target {
        NoteTarget::Passage(span) => add(reader, clock, Kind::Draft, Some(span.clone())),
        NoteTarget::Brief => add(reader, clock, Kind::Draft, None),
        NoteTarget::Existing(id) => {
            // Beside the note: the same anchor, and where it is now.
            let note = reader.annotations.index_of(id);
            let mut draft = new_annotation(reader, clock, Kind::Draft, None);
            let placement = match note {
                Some(n) => {
                    draft.anchor = reader.annotations.get(n).anchor.clone();
                    reader.annotations.placement(n).clone()
                }
                None => Placement::Brief,
            };
            draft.draft_of = Some(id.clone());
            reader.annotations.push(draft, placement)
        }
    };
    draft.note = Some(text);
}

/// Keep what the editor holds as a draft, quietly. Returns whether the
/// file changed.
fn keep_quietly(model: &mut Model, editor: &NoteEditor) -> bool {
    if !changed(editor) {
        return false;
    }
    let Some(reader) = model.reader.as_mut() else {
        return false;
    };
    let text = editor.text();
    match editor.draft.as_deref().and_then(|id| by_id(reader, id)) {
        Some(i) => {
            let draft = reader.annotations.get_mut(i);
            if draft.note.as_deref() == Some(text.as_str()) {
                return false;
            }
            set_text(draft, text, &model.clock.now);
        }
        None => new_draft(model, editor, text),
    }
    true
}

/// Esc: close the editor; what was typed is kept as a draft, on disk. A
/// draft emptied, or set back to the note's text, is removed instead.
pub fn keep(model: &mut Model, fx: &mut Vec<Effect>) {
    let Some(editor) = model.reader.as_mut().and_then(|r| r.editor.take()) else {
        return;
    };
    let changed = changed(&editor);
    let reopen = match editor.target {
        NoteTarget::Brief => key(model, Context::Reader, &Action::AddBriefNote),
        NoteTarget::Passage { .. } => key(model, Context::Reader, &Action::AddNote),
        NoteTarget::Existing(_) => key(model, Context::Reader, &Action::EditNote),
    };
    let wrote = keep_quietly(model, &editor);
    let Some(reader) = model.reader.as_mut() else {
        return;
    };
    let message = match editor.draft.as_deref().and_then(|id| by_id(reader, id)) {
        Some(i) if !changed => {
            tombstone(reader, &model.clock, i);
            annotate::save(reader, fx);
            "Draft removed: it said nothing the note does not".to_string()
        }
        _ if !changed => "Closed: nothing was changed".to_string(),
        _ => {
            if wrote {
                annotate::save(reader, fx);
            }
            let what = match editor.target {
                NoteTarget::Existing(_) => "the note is unchanged",
                _ => "not a note yet",
            };
            format!("Kept as a draft ({what}): press {reopen} here to continue it")
        }
    };
    model.info(message);
}

/// Ctrl-S: the text becomes the note. A draft it continued is used up: a
/// draft of a new note turns into that note; a draft of a note is removed
/// once the note holds its text.
pub fn save(model: &mut Model, fx: &mut Vec<Effect>) {
    let Some(reader) = model.reader.as_mut() else {
        return;
    };
    let Some(editor) = reader.editor.take() else {
        return;
    };
    let text = editor.text();
    if text.trim().is_empty() {
        // Nothing is lost by closing: there is no text. A draft it
        // continued stays as it was.
        model.info("Empty note not saved");
        return;
    }
    let draft = editor.draft.as_deref().and_then(|id| by_id(reader, id));
    match (draft, &editor.target) {
        (Some(i), NoteTarget::Existing(_)) => {
            tombstone(reader, &model.clock, i);
            annotate::save_note(model, editor.target, text, fx);
        }
        (Some(i), _) => {
            let a = reader.annotations.get_mut(i);
            a.kind = Kind::Note;
            set_text(a, text, &model.clock.now);
            annotate::save(reader, fx);
            model.info("Note saved");
        }
        (None, _) => annotate::save_note(model, editor.target, text, fx),
    }
}

/// Ctrl-Q: throw the text away, after asking if there is anything to lose.
pub fn ask_discard(model: &mut Model) {
    let Some(reader) = model.reader.as_mut() else {
        return;
    };
    let Some(editor) = &reader.editor else {
        return;
    };
    if editor.draft.is_none() && editor.text() == editor.original {
        reader.editor = None;
        model.info("Closed: nothing was changed");
        return;
    }
    let what = match editor.draft {
        Some(_) => "this draft and what you typed",
        None => "what you typed",
    };
    let question = match editor.target {
        NoteTarget::Existing(_) => format!("Discard {what}? The note stays as it was. (y/n)"),
        _ => format!("Discard {what}? (y/n)"),
    };
    model.overlay = Some(Overlay::Confirm {
        question,
        on_yes: Confirmed::DiscardEdit,
    });
}

/// The user said yes to discarding the editor's text.
pub fn discard(model: &mut Model, fx: &mut Vec<Effect>) {
    let Some(reader) = model.reader.as_mut() else {
        return;
    };
    let Some(editor) = reader.editor.take() else {
        return;
    };
    if let Some(i) = editor.draft.as_deref().and_then(|id| by_id(reader, id)) {
        tombstone(reader, &model.clock, i);
        annotate::save(reader, fx);
    }
    model.info(match editor.target {
        NoteTarget::Existing(_) => "Discarded; the note is as it was",
        _ => "Discarded",
    });
}

/// The program is being stopped (SIGTERM, SIGHUP, ctrl-c, the terminal
/// gone): the editor's text is kept as a draft — never turned into a note
/// the user did not save — and everything unsaved is written. Returns the
/// save to run.
pub fn rescue_unsaved(model: &mut Model) -> Vec<Effect> {
    let mut fx = Vec::new();
    if model
        .reader
        .as_ref()
        .is_none_or(|r| r.annotations.read_only.is_some())
    {
        return fx;
    }
    let editor = model.reader.as_mut().and_then(|r| r.editor.take());
    let kept = editor.is_some_and(|e| keep_quietly(model, &e));
    let Some(reader) = model.reader.as_mut() else {
        return fx;
    };
    // As on leaving: a brief that was opened is no longer new, even
    // where the cursor is back where it was opened.
    let moved = reader.position_to_save(&model.clock.now);
    if kept || moved || reader.annotations.dirty {
        annotate::save(reader, &mut fx);
    }
    fx
}
