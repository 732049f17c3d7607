//! The library view: one row per brief, filterable.

use super::theme::Theme;
use crate::annotations::Counts;
use crate::layout::{LibraryColumns, library_rows};
use crate::model::{LibraryEntry, Model};
use crate::text::{fit, pad, printable, width};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn draw(frame: &mut Frame, model: &Model, theme: Theme) {
    let area = frame.area();
    if area.height == 0 || area.width == 0 {
        return;
    }
    let lib = &model.library;
    let w = usize::from(area.width);
    let columns = LibraryColumns::for_width(w);
    let mut lines = header(model, &columns, w, area.height, theme);
    let rows = library_rows(area.height);
    for (n, &i) in lib.visible.iter().enumerate().skip(lib.top).take(rows) {
        let e = &lib.entries[i];
        let style = match (n == lib.cursor, e.error.is_some()) {
            (true, _) => theme.selected_row(),
            (false, true) => theme.error(),
            _ => ratatui::style::Style::new(),
        };
        let tag_style = if n == lib.cursor { style } else { theme.dim() };
        lines.push(entry_line(e, &columns, w, style, tag_style));
    }
    let list = Rect {
        height: area.height.saturating_sub(1),
        ..area
    };
    frame.render_widget(Paragraph::new(lines), list);
    let status = Rect {
        y: area.bottom().saturating_sub(1),
        height: area.height.min(1),
        ..area
    };
    super::status::draw(frame, model, status, theme);
}

/// The title (with the folder), the column names, and what to do when
/// the list is empty or the filter matches nothing.
fn header(
    model: &Model,
    columns: &LibraryColumns,
    w: usize,
    height: u16,
    theme: Theme,
) -> Vec<Line<'static>> {
    let lib = &model.library;
    let dir = lib
        .dir
        .as_ref()
        .map(|d| d.display().to_string())
        .unwrap_or_default();
    let title = if dir.is_empty() {
        "brief".to_string()
    } else {
        format!("brief · {}", printable(&dir))
    };
    let mut lines = vec![Line::styled(fit(&title, w), theme.title())];
    if height > 2 {
        let names = row(columns, ["Category", "Title", "Date", "Read", "Marks"]);
        lines.push(Line::styled(fit(&names, w), theme.dim()));
    }
    if lib.entries.is_empty() && !lib.loading && lib.dir.is_some() {
        lines.push(Line::default());
        lines.push(Line::styled("No briefs here yet.", theme.title()));
        lines.push(Line::raw("Copy .txt or .md briefs into"));
        lines.push(Line::raw(format!(
            "  {}",
            fit(&printable(&dir), w.saturating_sub(2))
        )));
        lines.push(Line::raw("or add them with:  brief add FILE..."));
    } else if lib.visible.is_empty() && !lib.filter.is_empty() {
        lines.push(Line::styled(
            model.keyed("No brief matches the filter ({clear_filter} clears it)."),
            theme.dim(),
        ));
    }
    lines
}

/// The cells of one row, each padded to its column, the hidden ones left out.
fn row(columns: &LibraryColumns, cells: [&str; 5]) -> String {
    cells
        .iter()
        .zip(columns.in_order())
        .filter(|(_, width)| *width > 0)
        .map(|(text, width)| pad(text, width))
        .collect::<Vec<_>>()
        .join(" ")
}

/// One brief's row: its columns, its tags dimmed after the title; an
/// unreadable brief says why across the columns it leaves empty.
fn entry_line(
    e: &LibraryEntry,
    columns: &LibraryColumns,
    w: usize,
    style: Style,
    tag_style: Style,
) -> Line<'static> {
    // Its tags after the title, dimmed: `#fiscal-policy #eu`.
    let tags = tags(e);
    let mut tags_at = None;
    let text = match &e.error {
        Some(err) => {
            let name = e
                .path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let why = format!("{} — {}", printable(&name), printable(err));
            if columns.category > 0 {
                format!("{} {why}", pad("⚠ unreadable", columns.category))
            } else {
                why
            }
        }
        None => {
            let date = e
                .date
                .as_deref()
                .map(|d| crate::loader::iso_date(d).unwrap_or_else(|| d.to_string()));
            let title = if tags.is_empty() {
                e.title.clone()
            } else {
                format!("{}  {tags}", e.title)
            };
            let text = row(
                columns,
                [
                    e.category.as_deref().unwrap_or(""),
                    &in_folder(&e.folder, &title, columns.title),
                    date.as_deref().unwrap_or(""),
                    &read(e, columns.read),
                    &marks(&e.counts),
                ],
            );
            // Where the tags start, if the title is shown whole.
            let title_at = if columns.category > 0 {
                pad(e.category.as_deref().unwrap_or(""), columns.category).len() + 1
            } else {
                0
            };
            let shown_whole =
                |lead: &str| text.get(title_at..).is_some_and(|t| t.starts_with(lead));
            if let Some(lead) = title.get(..e.title.len() + 2).filter(|_| !tags.is_empty())
                && shown_whole(lead)
            {
                let cell_end = title_at + pad(&title, columns.title).len();
                tags_at = Some((title_at + e.title.len(), cell_end));
            }
            text
        }
    };
    let text = fit(&text, w);
    let pad = w.saturating_sub(width(&text));
    let cut = tags_at
        .map(|(at, end)| (at, end.min(text.len())))
        .filter(|&(at, end)| at < end && text.is_char_boundary(at) && text.is_char_boundary(end));
    let mut spans = match cut {
        Some((at, end)) => vec![
            Span::styled(text[..at].to_string(), style),
            Span::styled(text[at..end].to_string(), tag_style),
            Span::styled(text[end..].to_string(), style),
        ],
        None => vec![Span::styled(text, style)],
    };
    spans.push(Span::styled(" ".repeat(pad), style));
    Line::from(spans)
}

/// A title after its subfolder (`energy/ Gas storage`), the folder cut
/// from its start (`…/gas/`) to leave the title at least half the column.
fn in_folder(folder: &str, title: &str, column: usize) -> String {
    if folder.is_empty() {
        return title.to_string();
    }
    let folder = printable(folder);
    let room = column / 2;
    if width(&folder) <= room {
        return format!("{folder} {title}");
    }
    let mut kept = String::new();
    for part in folder.trim_end_matches('/').rsplit('/') {
        let longer = format!("{part}/{kept}");
        if width(&longer) + 2 > room && !kept.is_empty() {
            break;
        }
        kept = longer;
    }
    format!("…/{kept} {title}")
}

/// `★2 ✎1 ▮3`: bookmarks, notes, highlights; only those there are.
pub(super) fn marks(counts: &Counts) -> String {
    [
        ("★", counts.bookmarks),
        ("✎", counts.notes),
        ("▮", counts.highlights),
    ]
    .iter()
    .filter(|(_, n)| *n > 0)
    .map(|(s, n)| format!("{s}{n}"))
    .collect::<Vec<_>>()
    .join(" ")
}

/// "new" for a brief never opened, else how far it was read, with the day
/// when there is room.
fn read(entry: &crate::model::LibraryEntry, width: usize) -> String {
    match &entry.read {
        None => "new".to_string(),
        Some((percent, when)) if width >= 15 => {
            format!("{percent}% {}", when.day())
        }
        Some((percent, _)) => format!("{percent}%"),
    }
}

/// A brief's tags as they are typed in a filter: its own (`tags:`), then
/// those of its notes: `#fiscal-policy #eu`.
fn tags(entry: &crate::model::LibraryEntry) -> String {
    let mut all: Vec<&String> = entry.tags.iter().collect();
    all.extend(entry.note_tags.iter().filter(|t| !entry.tags.contains(t)));
    all.iter()
        .map(|t| format!("#{}", printable(t)))
        .collect::<Vec<_>>()
        .join(" ")
}
