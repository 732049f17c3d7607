//! The library search, drawn over the library: the query, how many found,
//! and one line per passage or note: brief, section, ¶, and the text around
//! the first match with every match marked.

use super::theme::Theme;
use crate::layout::centred;
use crate::model::Model;
use crate::model::find::{Find, MAX_FOUND};
use crate::search::Found;
use crate::text::{fit, printable, width};
use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

pub fn draw(frame: &mut Frame, model: &Model, find: &Find, theme: Theme) {
    let area = frame.area();
    if area.width < 4 || area.height < 4 {
        return;
    }
    let rect = centred(area, area.width, area.height.saturating_sub(1));
    let title = model.keyed(" Search the library · {accept} opens · {cancel} closes ");
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.accent())
        .title(Span::styled(printable(&title).into_owned(), theme.accent()));
    let inner = block.inner(rect);
    frame.render_widget(Clear, rect);
    frame.render_widget(block, rect);
    let w = usize::from(inner.width);
    let rows = usize::from(inner.height).saturating_sub(2);
    let status = match (find.searching, find.found.len()) {
        (true, n) => format!("searching… {n} found"),
        (false, MAX_FOUND) => format!("the first {MAX_FOUND} found"),
        (false, 0) if find.query.trim().is_empty() => {
            "words in any order, \"a phrase\"; an upper-case letter matches case".to_string()
        }
        (false, 0) => "nothing found".to_string(),
        (false, n) => format!("{n} found"),
    };
    let mut lines = vec![
        Line::from(vec![
            Span::styled("Search: ", theme.accent()),
            Span::raw(fit(&printable(&find.query), w.saturating_sub(9))),
            Span::styled("▏", theme.accent()),
        ]),
        Line::styled(fit(&status, w), theme.dim()),
    ];
    let top = find.cursor.saturating_sub(rows.saturating_sub(1));
    for (n, found) in find.found.iter().enumerate().skip(top).take(rows) {
        lines.push(row(found, n == find.cursor, w, theme));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// `Title · Section · ¶N · …text with the match…`.
fn row(found: &Found, current: bool, w: usize, theme: Theme) -> Line<'static> {
    let at = found
        .passage
        .map_or("¶–".to_string(), |p| format!("¶{}", p + 1));
    let mut head = format!("{at} · {}", fit(&printable(&found.title), w / 4));
    if let Some(section) = &found.section {
        head.push_str(" · ");
        head.push_str(&fit(&printable(section), w / 6));
    }
    // The separator after the head is kept whole, whatever is cut before it,
    // so a cut section never runs into the text ("…implicat……The").
    let sep = if found.note { " · note: " } else { " · " };
    let head = format!("{}{sep}", fit(&head, (w / 2).saturating_sub(width(sep))));
    let room = w.saturating_sub(width(&head));
    let mut spans = vec![Span::styled(head, theme.dim())];
    // From a little before the first match, so that it is in view.
    let text = &found.text;
    let first = found.marks.first().map_or(0, |m| m.start);
    let mut start = text[..first]
        .char_indices()
        .rev()
        .nth(room / 4)
        .map_or(0, |(i, _)| i);
    if first < room / 2 {
        start = 0;
    }
    let mut used = 0;
    let mut push = |piece: &str, style| {
        let piece = piece.replace(['\n', '\t'], " ");
        let shown = fit(&printable(&piece), room.saturating_sub(used));
        used += width(&shown);
        spans.push(Span::styled(shown, style));
    };
    if start > 0 {
        push("…", theme.dim());
    }
    let mut at = start;
    for mark in found.marks.iter().filter(|m| m.start >= start) {
        if mark.start < at {
            continue;
        }
        push(&text[at..mark.start], ratatui::style::Style::new());
        push(&text[mark.clone()], theme.search_match(true));
        at = mark.end;
    }
    push(&text[at..], ratatui::style::Style::new());
    let line = Line::from(spans);
    if current {
        line.style(theme.selected_row())
    } else {
        line
    }
}
