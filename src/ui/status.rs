//! The status line: a message, or the search prompt, or where you are and
//! the keys that matter now.

use super::theme::Theme;
use crate::action::Action;
use crate::keymap::format_sequence;
use crate::layout::Pane;
use crate::model::{Model, Reader, Screen};
use crate::text::{fit, printable, width};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn draw(frame: &mut Frame, model: &Model, area: Rect, theme: Theme) {
    if area.height == 0 || area.width == 0 {
        return;
    }
    let w = usize::from(area.width);
    let line = match prompt(model) {
        Some(prompt) => Line::from(Span::raw(fit(&prompt, w))),
        None => {
            let left = position(model);
            let right = hints(model);
            let (text, style) = match &model.message {
                Some(m) => (
                    printable(&m.text).into_owned(),
                    if m.error {
                        theme.error()
                    } else {
                        theme.accent()
                    },
                ),
                None => (left, theme.dim()),
            };
            let pending = if model.pending.is_empty() {
                String::new()
            } else {
                format!(" {}-", format_sequence(&model.pending))
            };
            let room = w.saturating_sub(width(&right) + width(&pending) + 1);
            let text = fit(&text, room);
            let gap = w.saturating_sub(width(&text) + width(&pending) + width(&right));
            Line::from(vec![
                Span::styled(text, style),
                Span::styled(pending, theme.accent()),
                Span::raw(" ".repeat(gap)),
                Span::styled(fit(&right, w), theme.dim()),
            ])
        }
    };
    frame.render_widget(Paragraph::new(line), area);
}

/// A key as the status line names it: `Enter`, `Esc`, or as written.
fn key_name(key: &str) -> String {
    match key {
        "enter" => "Enter".into(),
        "esc" => "Esc".into(),
        other => other.into(),
    }
}

/// The key bound to `action` in the confirm context: `preferred` if it is
/// one of them (Enter over y), else the first.
fn answer_key(model: &Model, action: &Action, preferred: &str) -> String {
    let keys = model
        .keymap
        .keys_for(crate::keymap::Context::Confirm, action);
    match keys.iter().find(|k| *k == preferred).or(keys.first()) {
        Some(key) => key_name(key),
        None => "?".into(),
    }
}

/// While typing a search or filter, or choosing where something goes: the
/// prompt.
fn prompt(model: &Model) -> Option<String> {
    if model.screen == Screen::Library
        && !model.library.filtering
        && let Some(notes) = &model.library.attaching
    {
        let key = |action: &Action| {
            let keys = model
                .keymap
                .keys_for(crate::keymap::Context::Library, action);
            let keys = if keys.is_empty() {
                model
                    .keymap
                    .keys_for(crate::keymap::Context::Global, action)
            } else {
                keys
            };
            keys.first().map_or_else(|| "?".into(), |k| key_name(k))
        };
        return Some(format!(
            "{} attaches the notes to this brief, {} cancels · move to the brief for “{}”",
            key(&Action::Open),
            key(&Action::DismissMessage),
            printable(&notes.title),
        ));
    }
    if model.screen == Screen::Reader
        && let Some(reader) = model.reader.as_ref()
        && !reader.search.typing()
        && let Some(id) = &reader.choosing
    {
        let note = reader
            .annotations
            .all()
            .iter()
            .find(|a| &a.id == id)
            .and_then(|a| {
                a.note
                    .clone()
                    .or(a.anchor.as_ref().map(|q| q.exact.clone()))
            })
            .unwrap_or_default();
        let note: String = note.split_whitespace().collect::<Vec<_>>().join(" ");
        let note: String = note.chars().take(24).collect();
        return Some(format!(
            "¶ {}/{} · attach “{}…” here? {} attaches, {} cancels, move to choose",
            reader.cursor + 1,
            reader.index.len(),
            printable(&note),
            answer_key(model, &Action::Confirm, "enter"),
            answer_key(model, &Action::Deny, "esc"),
        ));
    }
    if model.screen == Screen::Annotations
        && model.annotations.view.as_ref().is_some_and(|v| v.filtering)
    {
        return Some(model.keyed(
            "type to filter · {accept} keeps the filter · {cancel} clears it · {clear_input} empties it",
        ));
    }
    if model.screen == Screen::Library && model.library.filtering {
        let shown = model.library.visible.len();
        return Some(format!(
            "filter: {}▏  {shown} of {}",
            printable(&model.library.filter),
            model.library.entries.len()
        ));
    }
    let reader = model
        .reader
        .as_ref()
        .filter(|_| model.screen == Screen::Reader)?;
    if !reader.search.typing() {
        return None;
    }
    let found = if reader.search.query.is_empty() {
        model.keyed("type to search, {accept} accepts, {cancel} goes back")
    } else {
        match_count(reader)
    };
    Some(format!("/{}▏  {found}", printable(&reader.search.query)))
}

/// "3 of 5", counting matches in the text and in notes, and saying when
/// the one shown is in a note (its passage number, if it has one).
fn match_count(reader: &Reader) -> String {
    let count = reader.search.matches.len();
    if count == 0 {
        return "no match".to_string();
    }
    let at = reader.search.current.map_or(0, |n| n + 1);
    let mut text = format!("{at} of {count}");
    if let Some(m) = reader.current_note_match() {
        match m.passage() {
            Some(p) => text.push_str(&format!(" · in a note on ¶{}", p + 1)),
            None => text.push_str(" · in a note"),
        }
    }
    text
}

fn position(model: &Model) -> String {
    match (&model.reader, model.screen) {
        (Some(reader), Screen::Reader) => {
            let total = reader.index.len();
            let section = reader
                .index
                .section
                .get(reader.cursor)
                .and_then(|&s| reader.brief.sections[s].heading.clone())
                .unwrap_or_else(|| "Summary".to_string());
            let notes = crate::model::note_counts(reader).notes;
            let bookmarks = reader
                .annotations
                .file()
                .live()
                .filter(|a| a.kind == crate::annotations::Kind::Bookmark)
                .count();
            let mut text = if total == 0 {
                "empty brief".to_string()
            } else {
                format!("¶ {}/{total} · {section}", reader.cursor + 1)
            };
            if bookmarks > 0 {
                text.push_str(&format!(" · ★{bookmarks}"));
            }
            if notes > 0 {
                text.push_str(&format!(" · ✎{notes}"));
            }
            if !reader.search.query.is_empty() {
                let query = printable(&reader.search.query);
                text.push_str(&format!(" · /{query} {}", match_count(reader)));
            }
            if reader.partial {
                text.push_str(" · reading the rest…");
            }
            if reader.selection.is_some() {
                text.push_str(" · SELECT");
            }
            if reader.focus == Pane::Notes {
                text.push_str(" · notes");
            }
            // How far into the brief: last, so the rest keeps its place.
            if total > 0 {
                text.push_str(&format!(" · {}%", reader.progress()));
            }
            text
        }
        (_, Screen::Annotations) => super::annotations_view::position(model),
        _ => {
            let lib = &model.library;
            let mut text = format!("{} briefs", lib.entries.len());
            if lib.loading {
                text.push_str(" (reading…)");
            }
            if !lib.unattached.is_empty() {
                let key = model
                    .key_hint(&Action::NotesWithoutBrief)
                    .map(|k| format!(": {k} lists them"))
                    .unwrap_or_default();
                text.push_str(&format!(
                    " · Notes without a brief ({}){key}",
                    lib.unattached.len()
                ));
            }
            if !lib.filter.is_empty() {
                text.push_str(&format!(
                    " · filter “{}”: {}",
                    lib.filter,
                    lib.visible.len()
                ));
            }
            text
        }
    }
}

/// The few keys worth showing here, from the effective keymap.
fn hints(model: &Model) -> String {
    let wanted: &[(Action, &str)] = if model.reader.as_ref().is_some_and(|r| r.editor.is_some())
        && model.screen == Screen::Reader
    {
        &[
            (Action::SaveNote, "save"),
            (Action::KeepDraft, "draft"),
            (Action::DiscardDraft, "discard"),
        ]
    } else {
        &[(Action::Help, "help"), (Action::Quit, model.quit_label())]
    };
    wanted
        .iter()
        .filter_map(|(action, label)| model.key_hint(action).map(|k| format!("{k}:{label}")))
        .collect::<Vec<_>>()
        .join(" ")
}
