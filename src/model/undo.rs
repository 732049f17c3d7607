//! Undo and redo of every change to the open brief's annotations in this
//! session (delete, highlight and its colour, bookmark, re-attach, note
//! edits): the annotations as they were before each action that changed
//! them, whatever path the change took (a key, a question answered, an
//! external editor's result).

use super::{Effect, Model, annotate, notes};
use crate::action::Action;
use crate::annotations::Annotation;
use std::path::PathBuf;

/// How many changes can be undone.
const DEPTH: usize = 200;

#[derive(Debug, Clone, Default)]
pub struct History {
    undo: Vec<Vec<Annotation>>,
    redo: Vec<Vec<Annotation>>,
}

/// The annotations before `action`, when it is one whose changes are the
/// reader's own: not a key (the action it resolves to is recorded), not a
/// save coming back with another instance's changes, not undo itself, and
/// not a motion or a view change, which never touch annotations: those are
/// nearly every key pressed, and copying every annotation for each would
/// put the cost of a long-annotated brief on every `j`.
pub(super) fn before(model: &Model, action: &Action) -> Option<(PathBuf, Vec<Annotation>)> {
    let own = !matches!(
        action,
        Action::Key(_)
            | Action::Saved(_)
            | Action::Opened(_)
            | Action::BriefCompleted { .. }
            | Action::Undo
            | Action::Redo
            | Action::Timeout
            | Action::Resize { .. }
            | Action::NextPassage
            | Action::PrevPassage
            | Action::NextSentence
            | Action::PrevSentence
            | Action::NextSection
            | Action::PrevSection
            | Action::FirstPassage
            | Action::LastPassage
            | Action::HalfPageDown
            | Action::HalfPageUp
            | Action::PageDown
            | Action::PageUp
            | Action::NextPane
            | Action::PrevPane
            | Action::ToggleNotes
            | Action::ToggleNotesView
            | Action::ToggleColumnWidth
            | Action::ToggleSetAside
            | Action::Scroll(_)
            | Action::Search
            | Action::SearchNext
            | Action::SearchPrev
            | Action::NextBookmark
            | Action::PrevBookmark
            | Action::Help
            | Action::DismissMessage
            | Action::Redraw
    );
    let reader = model.reader.as_ref().filter(|_| own)?;
    Some((reader.path.clone(), reader.annotations.all().to_vec()))
}

/// After the action: if it changed the annotations, it can be undone.
pub(super) fn after(model: &mut Model, before: Option<(PathBuf, Vec<Annotation>)>) {
    let Some((path, old)) = before else { return };
    let Some(reader) = model.reader.as_mut().filter(|r| r.path == path) else {
        return;
    };
    if reader.annotations.all() != old {
        let h = &mut reader.history;
        h.undo.push(old);
        if h.undo.len() > DEPTH {
            h.undo.remove(0);
        }
        h.redo.clear();
    }
}

/// `u` (back) and redo: put the annotations back as they were, and save.
pub(super) fn step(model: &mut Model, back: bool, fx: &mut Vec<Effect>) {
    let now = model.clock.now.clone();
    let Some(reader) = model.reader.as_mut() else {
        return;
    };
    if let Some(why) = reader.annotations.read_only.clone() {
        return model.problem(annotate::READ_ONLY, why);
    }
    let h = &mut reader.history;
    let (from, to) = if back {
        (&mut h.undo, &mut h.redo)
    } else {
        (&mut h.redo, &mut h.undo)
    };
    let Some(mut restored) = from.pop() else {
        return model.info(if back {
            "Nothing to undo"
        } else {
            "Nothing to redo"
        });
    };
    let current = reader.annotations.all();
    // What changes is stamped now, so the save wins the merge with the
    // copy on disk (which holds the version being undone); an annotation
    // the restored state lacks is deleted, not left for the merge to bring
    // back.
    for a in &mut restored {
        if current.iter().find(|c| c.id == a.id) != Some(a) {
            a.updated = now.clone();
            a.base = None;
        }
    }
    for c in current {
        if !restored.iter().any(|a| a.id == c.id) {
            restored.push(Annotation {
                deleted: true,
                note: None,
                updated: now.clone(),
                base: None,
                ..c.clone()
            });
        }
    }
    let texts = super::reader::passage_texts(&reader.brief);
    to.push(reader.annotations.replace(restored, &texts));
    let count = notes::entries(reader).len();
    reader.notes_cursor = reader.notes_cursor.min(count.saturating_sub(1));
    annotate::save(reader, fx);
    model.info(if back {
        "Undone ({redo} redoes it)"
    } else {
        "Redone ({undo} undoes it again)"
    });
}
