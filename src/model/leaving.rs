//! Leaving a brief, and what its saves come back with: a failed save never
//! lets the user leave without saying so, and what cannot be saved goes to
//! a rescue file instead of being dropped.

use super::reader::Reader;
use super::{Effect, Model, Overlay, Screen, annotate};
use crate::action::Action;
use crate::annotations::AnnotationFile;
use crate::store::SaveError;

/// A save finished. If it was the save on leaving, leave now, or ask first
/// when it failed: notes that exist only in memory are not dropped silently.
pub fn on_saved(
    model: &mut Model,
    saved: Result<Box<AnnotationFile>, SaveError>,
    fx: &mut Vec<Effect>,
) {
    let Some(reader) = model.reader.as_mut() else {
        return;
    };
    let outcome = reader.take_save_result(saved);
    let leaving = std::mem::take(&mut reader.leaving);
    match outcome {
        Err(problem) if leaving => {
            let remedy = problem.remedy();
            let quit = model.key_hint(&Action::Quit).unwrap_or_else(|| "q".into());
            model.error(format!("notes NOT saved: {problem}"));
            // In full, in the question: the status line would cut it.
            model.overlay = Some(Overlay::Confirm {
                question: format!(
                    "Your latest notes could not be saved:\n{problem}\n\n\
                     n: stay, {remedy}, then press {quit} again to save and leave.\n\
                     y: leave anyway. Nothing is lost: the notes are written to a rescue \
                     file, named on screen and again when brief exits."
                ),
                on_yes: super::Confirmed::LeaveWithoutSaving,
            });
        }
        Err(problem) => model.error(format!(
            "notes NOT saved (kept in memory; saved again on your next change): {problem}"
        )),
        Ok(_) if leaving => finish_leaving(model, fx),
        Ok(Some(conflict)) => model.info(conflict),
        Ok(None) => {}
    }
}

/// The user leaves although the last save failed: the unsaved file goes to
/// a rescue file (app.rs writes it and says where), then we leave.
pub fn rescue_and_leave(model: &mut Model, fx: &mut Vec<Effect>) {
    if let Some(reader) = model.reader.as_mut()
        && let Some(effect) = rescue_effect(reader)
    {
        // Now held by the rescue file: quitting must not write it twice.
        reader.annotations.dirty = false;
        fx.push(effect);
    }
    finish_leaving(model, fx);
}

/// The rescue of a reader that is going away with unsaved changes.
pub fn rescue_effect(reader: &Reader) -> Option<Effect> {
    let a = &reader.annotations;
    (a.dirty && a.read_only.is_none()).then(|| Effect::Rescue {
        path: a.path.clone(),
        file: Box::new(a.file().clone()),
        why: a
            .save_error
            .clone()
            .unwrap_or_else(|| "the last save did not happen".into()),
    })
}

/// Another brief is about to replace this one: save its position and
/// anything unsaved now.
pub fn save_before_switch(model: &mut Model, fx: &mut Vec<Effect>) {
    let Some(reader) = model.reader.as_mut() else {
        return;
    };
    let moved = reader.position_to_save(&model.clock.now);
    if (moved || reader.annotations.dirty) && reader.annotations.read_only.is_none() {
        annotate::save(reader, fx);
    }
}

/// Leave the brief: save the position and anything unsaved first.
pub(super) fn leave(model: &mut Model, fx: &mut Vec<Effect>) {
    let Some(reader) = model.reader.as_mut() else {
        return;
    };
    let moved = reader.position_to_save(&model.clock.now);
    if (moved || reader.annotations.dirty) && reader.annotations.read_only.is_none() {
        reader.leaving = true;
        annotate::save(reader, fx);
        return;
    }
    finish_leaving(model, fx);
}

/// Back to the library, or quit when the brief was opened on its own.
pub fn finish_leaving(model: &mut Model, fx: &mut Vec<Effect>) {
    if super::annotations_view::back_from_reader(model, fx) {
        return;
    }
    if model.has_library() {
        if let Some(reader) = model.reader.take() {
            model.library.update_counts(&reader);
        }
        model.screen = Screen::Library;
        model.message = None;
    } else {
        fx.push(Effect::Quit);
    }
}
