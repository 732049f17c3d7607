//! The popups that take the keys while open: help and start-up problems
//! (scrolled), a question (yes or no), the notes without a brief and a
//! passage's links (lists to choose from).

use super::{Confirmed, Effect, Model, Overlay, annotate, drafts, leaving, links, overlay_text};
use crate::action::Action;

/// A key while a popup is open: it takes every key.
pub(super) fn act(model: &mut Model, action: Action, fx: &mut Vec<Effect>) {
    let Some(overlay) = model.overlay.as_mut() else {
        return;
    };
    match (overlay, action) {
        (_, Action::Quit | Action::Cancel | Action::Deny | Action::DismissMessage)
        // Esc is `clear_filter` in the library's lists: it closes them too.
        | (
            Overlay::Unattached { .. } | Overlay::Links { .. },
            Action::ClearFilter,
        ) => {
            model.overlay = None;
        }
        (Overlay::Help { .. } | Overlay::Problems { .. }, Action::Help) => model.overlay = None,
        (Overlay::Help { .. } | Overlay::Problems { .. }, action) => scroll_overlay(model, action),
        (Overlay::Confirm { on_yes, .. }, Action::Confirm) => {
            let on_yes = on_yes.clone();
            model.overlay = None;
            match on_yes {
                Confirmed::LeaveWithoutSaving => leaving::rescue_and_leave(model, fx),
                Confirmed::DiscardEdit => drafts::discard(model, fx),
                Confirmed::DeleteAnnotation { id } => {
                    if let Some(reader) = model.reader.as_mut() {
                        annotate::delete(reader, &mut model.clock, &id, fx);
                    }
                }
            }
        }
        (Overlay::Unattached { cursor }, Action::Open) => {
            let chosen = model.library.unattached.get(*cursor).cloned();
            model.overlay = None;
            model.library.attaching = chosen;
        }
        (Overlay::Unattached { cursor }, action) => {
            move_in_list(cursor, model.library.unattached.len(), &action);
        }
        (Overlay::Links { links, cursor }, Action::Open) => {
            if let Some(link) = links.get(*cursor).cloned() {
                links::open(model, link, fx);
            }
        }
        (Overlay::Links { links, cursor }, action) => {
            move_in_list(cursor, links.len(), &action);
        }
        (Overlay::Confirm { .. }, _) => {}
    }
}

/// j/k, first and last in a list overlay of `len` entries.
fn move_in_list(cursor: &mut usize, len: usize, action: &Action) {
    let last = len.saturating_sub(1);
    *cursor = match action {
        Action::NextItem => (*cursor + 1).min(last),
        Action::PrevItem => cursor.saturating_sub(1),
        Action::FirstItem => 0,
        Action::LastItem => last,
        _ => *cursor,
    };
}

/// j/k and the page keys in the help or problems popup, never past its
/// last row (the same rows the ui draws: `overlay_text`).
fn scroll_overlay(model: &mut Model, action: Action) {
    let Some((rows, visible)) = overlay_text::scrolling_rows(model) else {
        return;
    };
    let max = crate::layout::max_scroll(rows.len(), visible);
    let step = usize::from(visible).max(1);
    let (Some(Overlay::Help { scroll }) | Some(Overlay::Problems { scroll })) = &mut model.overlay
    else {
        return;
    };
    let moved = match action {
        Action::NextItem => scroll.saturating_add(1),
        Action::PrevItem => scroll.saturating_sub(1),
        Action::PageDown => scroll.saturating_add(step),
        Action::HalfPageDown => scroll.saturating_add(step / 2),
        Action::PageUp => scroll.saturating_sub(step),
        Action::HalfPageUp => scroll.saturating_sub(step / 2),
        Action::FirstItem => 0,
        Action::LastItem => max,
        _ => *scroll,
    };
    *scroll = moved.min(max);
}
