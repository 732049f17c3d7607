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
        let inner = popup(frame, rect, "Note · Ctrl-S save · Esc keep as draft", theme);
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
            let rect = centred(area, 60, 5);
            let inner = popup(frame, rect, "Confirm", theme);
            let text = vec![
                Line::raw(printable(question).into_owned()),
                Line::styled("y: yes   n / Esc: no", theme.dim()),
            ];
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
                let at = match (e.passage, &e.brief_path) {
                    (Some(p), _) => format!("¶{}", p + 1),
                    (None, Some(_)) => "detached".to_string(),
                    (None, None) => "brief not found".to_string(),
                };
                let text = fit(
                    &format!(
                        "{} · {at} · {}",
                        printable(&e.brief_title),
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
        Some(Overlay::Unattached { cursor }) => {
            let list = &model.library.unattached;
            let rect = centred(
                area,
                area.width.saturating_sub(4),
                area.height.saturating_sub(2),
            );
            let title = format!(
                "Notes without a brief ({}) · Enter: attach to a brief · q closes",
                list.len()
            );
            let inner = popup(frame, rect, &title, theme);
            let w = usize::from(inner.width);
            let rows = usize::from(inner.height);
            let mut lines = vec![Line::styled(
                fit(
                    "Their brief is not where it was last seen. Enter, then choose the brief.",
                    w,
                ),
                theme.dim(),
            )];
            // Two rows each: the title, then what there is and where it was.
            let fits = (rows.saturating_sub(1) / 2).max(1);
            let top = cursor.saturating_sub(fits - 1);
            for (n, u) in list.iter().enumerate().skip(top).take(fits) {
                let marks = super::library::marks(u.bookmarks, u.notes, u.highlights);
                let last = u.last_path.as_deref().unwrap_or("?");
                let style = if n == *cursor {
                    theme.selected_row()
                } else {
                    ratatui::style::Style::new()
                };
                lines.push(Line::styled(fit(&printable(&u.title), w), style));
                let detail = format!(
                    "  {marks} · last at {} · id {}",
                    printable(last),
                    printable(&u.id)
                );
                lines.push(Line::styled(fit(&detail, w), theme.dim()));
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
