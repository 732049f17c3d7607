//! The notes pane as a margin: the notes `model::margin` placed, each on
//! its rows beside the text; the current passage's notes stand out, the
//! others are dimmed; marker rows for notes crowded out; a rule over the
//! block of notes on the whole brief and detached ones.

use super::theme::Theme;
use crate::action::Action;
use crate::model::margin::{Margin, MarginEntry};
use crate::model::{Model, Reader};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

pub fn draw(
    frame: &mut Frame,
    model: &Model,
    reader: &Reader,
    margin: &Margin,
    inner: Rect,
    theme: Theme,
) {
    let row_rect = |row: usize| -> Option<Rect> {
        let y = inner.y.checked_add(u16::try_from(row).ok()?)?;
        (y < inner.bottom()).then_some(Rect {
            y,
            height: 1,
            ..inner
        })
    };
    let current_note = reader.current_note_annotation();
    for entry in &margin.notes {
        for (k, text) in entry.lines.iter().enumerate() {
            let Some(rect) = row_rect(entry.row + k) else {
                break;
            };
            let line = note_line(reader, entry, k, text, current_note, theme);
            frame.render_widget(Paragraph::new(line), rect);
        }
    }
    let list_key = model
        .key_hint(&Action::ToggleNotesView)
        .unwrap_or_else(|| Action::ToggleNotesView.name().into());
    for marker in &margin.markers {
        let Some(rect) = row_rect(marker.row) else {
            continue;
        };
        let s = if marker.count == 1 { "" } else { "s" };
        let text = if marker.above {
            format!("▴ {} more note{s} above", marker.count)
        } else {
            format!("▾ {} more note{s} · {list_key} lists all", marker.count)
        };
        let text = crate::text::fit(&text, usize::from(inner.width));
        frame.render_widget(Paragraph::new(text).style(theme.dim()), rect);
    }
    if let Some(rect) = margin.block.and_then(row_rect) {
        let title = "─ On the whole brief, or detached ";
        let width = usize::from(inner.width);
        let rule = format!(
            "{}{}",
            crate::text::fit(title, width),
            "─".repeat(width.saturating_sub(crate::text::width(title)))
        );
        frame.render_widget(Paragraph::new(rule).style(theme.dim()), rect);
    }
}

/// Row `k` of a margin note: the header (where and what it quotes), then
/// its text, with search matches marked.
fn note_line(
    reader: &Reader,
    entry: &MarginEntry,
    k: usize,
    text: &str,
    current_note: Option<usize>,
    theme: Theme,
) -> Line<'static> {
    let style = match (k == 0, entry.selected, entry.here) {
        (true, true, _) => theme.selected_row(),
        (true, false, true) => theme.accent(),
        (true, false, false) => theme.dim(),
        (false, true, _) => Style::new(),
        (false, false, true) => theme.title(),
        (false, false, false) => theme.dim(),
    };
    let mark = theme.search_match(current_note == Some(entry.annotation));
    super::reader::note_text_line(text, &reader.search.query, style, mark)
}
