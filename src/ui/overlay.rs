//! What is drawn over a view: help, questions, the bookmarks list, start-up
//! problems, and the note editor when the notes pane is folded away.

use super::theme::Theme;
use crate::action::Action;
use crate::keymap::{Context, format_sequence};
use crate::model::{Model, Overlay, Screen};
use crate::text::{fit, printable};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

/// A rectangle `w`×`h` (at most the area) centred in `area`.
fn centred(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

fn popup(frame: &mut Frame, rect: Rect, title: &str, theme: Theme) -> Rect {
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.accent())
        .title(Span::styled(format!(" {title} "), theme.accent()));
    let inner = block.inner(rect);
    frame.render_widget(Clear, rect);
    frame.render_widget(block, rect);
    inner
}

pub fn draw(frame: &mut Frame, model: &Model, theme: Theme) {
    let area = frame.area();
    if area.width == 0 || area.height == 0 {
        return;
    }
    if let Some(reader) = model
        .reader
        .as_ref()
        .filter(|_| model.screen == Screen::Reader)
        && let Some(editor) = &reader.editor
        && !reader.notes_visible()
    {
        let rect = centred(
            area,
            area.width.saturating_sub(4).max(area.width * 9 / 10),
            area.height * 6 / 10 + 2,
        );
        let inner = popup(frame, rect, &editor_title(model), theme);
        frame.render_widget(&editor.area, inner);
    }
    match &model.overlay {
        None => {}
        Some(Overlay::Help { scroll }) => {
            let rect = centred(area, 76, area.height.saturating_sub(2));
            let inner = popup(frame, rect, "Keys · q closes", theme);
            let lines = help_lines(model, theme, usize::from(inner.width));
            let scroll = (*scroll).min(lines.len().saturating_sub(usize::from(inner.height)));
            let shown: Vec<Line> = lines.into_iter().skip(scroll).collect();
            frame.render_widget(Paragraph::new(shown), inner);
        }
        Some(Overlay::Confirm { question, .. }) => {
            // As tall as the question needs: a reason cut short is no help.
            let width = area.width.saturating_sub(4).min(72);
            let inner_width = usize::from(width.saturating_sub(2)).max(1);
            let mut text: Vec<Line> = question
                .lines()
                .map(|l| Line::raw(printable(l).into_owned()))
                .collect();
            text.push(Line::styled("y: yes   n / Esc: no", theme.dim()));
            let rows: usize = text
                .iter()
                .map(|l| textwrap::wrap(&l.to_string(), inner_width).len().max(1))
                .sum();
            let height = u16::try_from(rows + 2).unwrap_or(u16::MAX);
            let rect = centred(area, width.max(20), height);
            let inner = popup(frame, rect, "Confirm", theme);
            frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), inner);
        }
        Some(Overlay::Bookmarks { entries, cursor }) => {
            let rect = centred(
                area,
                area.width.saturating_sub(4),
                area.height.saturating_sub(2),
            );
            let inner = popup(frame, rect, "Bookmarks · Enter opens · q closes", theme);
            let w = usize::from(inner.width);
            let rows = usize::from(inner.height);
            let mut lines = Vec::new();
            if entries.is_empty() {
                lines.push(Line::styled(
                    "No bookmarks yet: press m on a passage to add one.",
                    theme.dim(),
                ));
            }
            let top = cursor.saturating_sub(rows.saturating_sub(1));
            for (n, e) in entries.iter().enumerate().skip(top).take(rows) {
                let text = fit(
                    &format!(
                        "{} · ¶{} · {}",
                        printable(&e.brief_title),
                        e.passage + 1,
                        printable(&e.quote)
                    ),
                    w,
                );
                let style = if n == *cursor {
                    theme.selected_row()
                } else {
                    ratatui::style::Style::new()
                };
                lines.push(Line::styled(text, style));
            }
            frame.render_widget(Paragraph::new(lines), inner);
        }
        Some(Overlay::Problems) => {
            let rect = centred(
                area,
                area.width.saturating_sub(4),
                (model.problems.len() as u16).saturating_add(4),
            );
            let inner = popup(frame, rect, "Problems · Esc dismisses", theme);
            let mut lines: Vec<Line> = model
                .problems
                .iter()
                .map(|p| Line::styled(printable(p).into_owned(), theme.error()))
                .collect();
            lines.push(Line::styled(
                "brief runs on the default bindings for these entries.",
                theme.dim(),
            ));
            frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
        }
    }
}

/// The editor's keys, from the keymap in force.
pub fn editor_title(model: &Model) -> String {
    let mut title = String::from("Note");
    for (action, label) in [
        (Action::SaveNote, "save"),
        (Action::KeepDraft, "draft"),
        (Action::DiscardDraft, "discard"),
    ] {
        if let Some(key) = model.keymap.keys_for(Context::Editor, &action).first() {
            title.push_str(&format!(" · {key} {label}"));
        }
    }
    title
}

/// The help text: every bound action of every context, from the keymap and
/// the documentation of `Action`.
pub fn help_lines(model: &Model, theme: Theme, width: usize) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    for (context, title) in [
        (Context::Reader, "Reading"),
        (Context::Library, "Library"),
        (Context::Global, "Everywhere"),
        (Context::Search, "Search and filter prompt"),
        (Context::Editor, "Note editor"),
        (Context::Help, "This help"),
        (Context::Confirm, "Questions"),
    ] {
        let bindings = model.keymap.bindings(context);
        if bindings.is_empty() {
            continue;
        }
        lines.push(Line::styled(title.to_string(), theme.heading()));
        // One line per action, with all its keys.
        let mut seen: Vec<&Action> = Vec::new();
        for b in bindings {
            if seen.contains(&&b.action) {
                continue;
            }
            seen.push(&b.action);
            let keys: Vec<String> = bindings
                .iter()
                .filter(|o| o.action == b.action)
                .map(|o| format_sequence(&o.keys))
                .collect();
            let key_width = (width / 3).clamp(6, 16);
            let keys = crate::text::pad(&keys.join(", "), key_width);
            let text = fit(&format!("{keys}  {}", b.action.description()), width);
            lines.push(Line::raw(text));
        }
        lines.push(Line::default());
    }
    lines
}
