//! The reader view: header, summary and commentary panes with a position
//! gauge, the notes pane, and the status line. Draws `&Reader`, nothing else.

use super::theme::Theme;
use crate::action::Action;
use crate::annotations::{Kind, Placement};
use crate::document::{PassageKind, TextStyle};
use crate::layout::{Pane, PassageRows, Row};
use crate::model::{Found, Model, Reader, notes};
use crate::text::printable;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

pub fn draw(frame: &mut Frame, model: &Model, reader: &Reader, theme: Theme) {
    let g = reader.geometry();
    let screen = frame.area();
    let clip = |r: Rect| r.intersection(screen);
    draw_header(frame, reader, clip(g.header), theme);
    for pane in [Pane::Summary, Pane::Commentary] {
        let rect = clip(g.pane(pane));
        if rect.width > 0 && rect.height > 0 {
            draw_text_pane(frame, reader, pane, rect, theme);
        }
    }
    let notes = clip(g.notes);
    if notes.width > 0 && notes.height > 0 {
        draw_notes(frame, model, reader, notes, theme);
    }
    super::status::draw(frame, model, clip(g.status), theme);
}

fn draw_header(frame: &mut Frame, reader: &Reader, area: Rect, theme: Theme) {
    if area.height == 0 {
        return;
    }
    let lines: Vec<Line> =
        crate::layout::header_lines(&reader.brief.meta, area.width, reader.height)
            .into_iter()
            .map(|(title, text)| {
                let style = if title { theme.title() } else { theme.dim() };
                Line::styled(text, style)
            })
            .collect();
    frame.render_widget(Paragraph::new(lines), area);
}

fn pane_title(pane: Pane) -> &'static str {
    match pane {
        Pane::Summary => "Summary",
        Pane::Commentary => "Commentary",
        Pane::Notes => "Notes",
    }
}

fn draw_text_pane(frame: &mut Frame, reader: &Reader, pane: Pane, rect: Rect, theme: Theme) {
    let focused = reader.focus == pane;
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border(focused))
        .title(Span::styled(
            format!(" {} ", pane_title(pane)),
            theme.border(focused),
        ));
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let shown = reader.visible(pane);
    // Highlights, selection, matches and noted sentences: once per
    // passage, not per row.
    let mut marks = Marks {
        passage: usize::MAX,
        overlays: Vec::new(),
        noted: Vec::new(),
    };
    // The note selected in the notes pane is the same for every passage.
    let selected = crate::model::margin::selected_range(reader);
    // A readable column, centred in a wide pane.
    let indent = " ".repeat(usize::from(reader.column.indent(inner.width)));
    let lines: Vec<Line> = shown
        .iter()
        .map(|(passage, rows, n)| {
            if marks.passage != *passage {
                let noted = crate::model::margin::noted_ranges(reader, *passage);
                marks = Marks {
                    passage: *passage,
                    overlays: overlays(reader, *passage, &noted, selected.as_ref(), theme),
                    noted,
                };
            }
            let mut line = passage_row(reader, *passage, rows, *n, &marks, theme);
            if !indent.is_empty() {
                line.spans.insert(0, Span::raw(indent.clone()));
            }
            line
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
    let first_last = shown
        .first()
        .zip(shown.last())
        .map(|(a, b)| ((a.0, a.2, a.1.rows.len()), (b.0, b.2, b.1.rows.len())));
    draw_gauge(frame, reader, pane, rect, first_last, theme);
}

/// What is marked in a passage: styles over byte ranges of its text, and
/// the sentence ranges that carry a note.
struct Marks {
    passage: usize,
    overlays: Vec<(usize, usize, Style)>,
    noted: Vec<(usize, usize)>,
}

/// Styles over byte ranges of a passage's text, later ones on top.
fn overlays(
    reader: &Reader,
    passage: usize,
    noted: &[(usize, usize)],
    selected: Option<&crate::annotations::Span>,
    theme: Theme,
) -> Vec<(usize, usize, Style)> {
    let mut out = Vec::new();
    // The brief's own emphasis and links first: marks drawn by the reader
    // go on top of them.
    let section = &reader.brief.sections[reader.index.section[passage]];
    let p = &section.passages[reader.index.position[passage]];
    for s in &p.styles {
        let modifier = match s.style {
            TextStyle::Emphasis => Modifier::ITALIC,
            TextStyle::Strong => Modifier::BOLD,
            TextStyle::Code => Modifier::DIM,
            TextStyle::Strikethrough => Modifier::CROSSED_OUT,
        };
        out.push((s.start, s.end, Style::new().add_modifier(modifier)));
    }
    for link in &p.links {
        out.push((
            link.start,
            link.end,
            Style::new().add_modifier(Modifier::UNDERLINED),
        ));
    }
    for (a, placement) in reader.annotations.placed() {
        if let (false, Kind::Highlight, Placement::Attached(span)) = (a.deleted, a.kind, placement)
            && span.passage == passage
        {
            let colour = theme.highlight(a.colour.unwrap_or_default());
            out.push((span.bytes.start, span.bytes.end, colour));
        }
    }
    // The sentences a note is on, while that note is selected in the
    // notes pane: what it says is about these.
    if let Some(span) = selected
        && span.passage == passage
        && noted.contains(&(span.bytes.start, span.bytes.end))
    {
        out.push((span.bytes.start, span.bytes.end, theme.sentence()));
    }
    if passage == reader.cursor {
        let spans = reader.sentences(passage);
        if let Some(sel) = reader.selection {
            let (a, b) = (sel.anchor.min(sel.head), sel.anchor.max(sel.head));
            if let (Some(first), Some(last)) = (spans.get(a), spans.get(b)) {
                out.push((first.0, last.1, theme.selection()));
            }
        } else if let Some(s) = reader.sentence.and_then(|s| spans.get(s)) {
            out.push((s.0, s.1, theme.sentence()));
        }
    }
    let current = reader
        .search
        .current
        .and_then(|n| reader.search.matches.get(n));
    for m in reader
        .search
        .matches
        .iter()
        .filter(|m| m.found == Found::Passage(passage))
    {
        out.push((m.start, m.end, theme.search_match(Some(m) == current)));
    }
    out
}

/// Search matches in a section's heading.
fn heading_marks(reader: &Reader, section: usize, theme: Theme) -> Vec<(usize, usize, Style)> {
    let current = reader
        .search
        .current
        .and_then(|n| reader.search.matches.get(n));
    reader
        .search
        .matches
        .iter()
        .filter(|m| matches!(m.found, Found::Heading { section: s, .. } if s == section))
        .map(|m| (m.start, m.end, theme.search_match(Some(m) == current)))
        .collect()
}

/// Spans for text bytes `start..end` with the overlays that touch them.
pub(super) fn styled_spans<'a>(
    text: &'a str,
    start: usize,
    end: usize,
    base: Style,
    marks: &[(usize, usize, Style)],
) -> Vec<Span<'a>> {
    let mut cuts = vec![start, end];
    for (a, b, _) in marks {
        for c in [*a, *b] {
            if c > start && c < end && text.is_char_boundary(c) {
                cuts.push(c);
            }
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    cuts.windows(2)
        .map(|w| {
            let style = marks
                .iter()
                .filter(|(a, b, _)| *a <= w[0] && w[1] <= *b)
                .fold(base, |s, (_, _, m)| s.patch(*m));
            Span::styled(&text[w[0]..w[1]], style)
        })
        .collect()
}

fn passage_row<'a>(
    reader: &'a Reader,
    passage: usize,
    rows: &PassageRows,
    n: usize,
    marks: &Marks,
    theme: Theme,
) -> Line<'a> {
    let section = &reader.brief.sections[reader.index.section[passage]];
    let p = &section.passages[reader.index.position[passage]];
    let is_cursor = passage == reader.cursor;
    let first_text = rows.rows.iter().position(|r| matches!(r, Row::Text { .. }));
    let mut spans = Vec::new();
    // Gutter: cursor bar, then a mark on the passage's first text row.
    let bar = if is_cursor && matches!(rows.rows[n], Row::Text { .. } | Row::Speaker { .. }) {
        "▌"
    } else {
        " "
    };
    spans.push(Span::styled(bar, theme.cursor_bar()));
    let mark = row_mark(
        reader,
        passage,
        rows.rows[n],
        Some(n) == first_text,
        &marks.noted,
    );
    spans.push(Span::styled(mark, theme.mark()));
    match rows.rows[n] {
        Row::Heading {
            section,
            start,
            end,
        } => {
            let heading = reader.brief.sections[section]
                .heading
                .as_deref()
                .unwrap_or("");
            let marks = heading_marks(reader, section, theme);
            spans.extend(styled_spans(heading, start, end, theme.heading(), &marks));
        }
        Row::Speaker { start, end, last } => {
            if let Some(speaker) = p.kind.label() {
                let name = speaker.get(start..end).unwrap_or("");
                let colon = if last { ":" } else { "" };
                let style = if matches!(p.kind, PassageKind::SetAside { .. }) {
                    theme.dim()
                } else {
                    theme.speaker()
                };
                spans.push(Span::styled(format!("{name}{colon}"), style));
            }
        }
        Row::Blank => {}
        Row::Text { start, end, first } => {
            let prefix_width = usize::from(rows.prefix_width);
            let prefix = match (&p.kind, first) {
                (PassageKind::Bullet, true) => {
                    let marker = crate::layout::marker_text(p);
                    let indent = prefix_width.saturating_sub(crate::text::width(marker) + 1);
                    format!("{}{marker} ", " ".repeat(indent))
                }
                (PassageKind::Question, true) => "Q ".to_string(),
                (PassageKind::Quote, _) => "│ ".to_string(),
                _ => " ".repeat(prefix_width),
            };
            spans.push(Span::styled(prefix, theme.dim()));
            let mut base = if is_cursor {
                theme.cursor_text()
            } else {
                Style::new()
            };
            if p.kind == PassageKind::Question {
                base = base.add_modifier(ratatui::style::Modifier::BOLD);
            }
            if p.kind == PassageKind::Quote {
                base = base.add_modifier(ratatui::style::Modifier::ITALIC);
            }
            if matches!(p.kind, PassageKind::SetAside { .. }) {
                base = base.patch(theme.dim());
            }
            spans.extend(styled_spans(&p.text, start, end, base, &marks.overlays));
        }
    }
    Line::from(spans)
}

/// The gutter mark of a row: on the passage's first text row, `★` for a
/// bookmark, `✎` for a note on the passage; `✎` on the row where a noted
/// sentence range starts and `┆` down the rest of it.
fn row_mark(
    reader: &Reader,
    passage: usize,
    row: Row,
    first: bool,
    noted: &[(usize, usize)],
) -> &'static str {
    let Row::Text { start, end, .. } = row else {
        return " ";
    };
    if first {
        let mark = mark_for(reader, passage, noted);
        if mark != " " {
            return mark;
        }
    }
    // The last row holds a range that starts at the text's very end.
    let starts = |s: usize| s >= start && (s < end || (s == end && first));
    if noted.iter().any(|(s, _)| starts(*s)) {
        "✎"
    } else if noted.iter().any(|(s, e)| *s < end && *e > start) {
        "┆"
    } else {
        " "
    }
}

/// `★` bookmark, `✎` note on the whole passage (a bookmark shows first;
/// notes on sentences in it are marked where they start).
fn mark_for(reader: &Reader, passage: usize, noted: &[(usize, usize)]) -> &'static str {
    let mut mark = " ";
    for (a, placement) in reader.annotations.placed() {
        if a.deleted || placement.passage() != Some(passage) {
            continue;
        }
        let on_sentences = placement
            .span()
            .is_some_and(|span| noted.contains(&(span.bytes.start, span.bytes.end)));
        match a.kind {
            Kind::Bookmark => return "★",
            Kind::Note | Kind::Draft if !on_sentences => mark = "✎",
            Kind::Note | Kind::Draft | Kind::Highlight => {}
        }
    }
    mark
}

/// A row of the view: passage, its row shown there, how many rows it has.
type ShownRow = (usize, usize, usize);

/// On the pane's right border: where the view is in the pane (not drawn
/// when the whole pane fits), and where the bookmarks (★) and notes (✎) are.
/// `shown`: the first and last row in view.
fn draw_gauge(
    frame: &mut Frame,
    reader: &Reader,
    pane: Pane,
    rect: Rect,
    shown: Option<(ShownRow, ShownRow)>,
    theme: Theme,
) {
    let list = reader.index.in_pane(pane);
    let track = usize::from(rect.height.saturating_sub(2));
    if list.is_empty() || track == 0 || rect.width < 3 {
        return;
    }
    let Some((first, last)) = shown else { return };
    let pos = |p: usize| list.binary_search(&p).unwrap_or_else(|i| i);
    let row_of = |k: usize| k * track / list.len();
    let x = rect.right() - 1;
    let buf = frame.buffer_mut();
    let everything_fits =
        pos(first.0) == 0 && first.1 == 0 && pos(last.0) + 1 == list.len() && last.1 + 1 >= last.2;
    for (ann, placement) in reader.annotations.placed() {
        let Some(p) = placement.passage() else {
            continue;
        };
        if ann.deleted || ann.kind == Kind::Highlight || reader.pane_of(p) != pane {
            continue;
        }
        let r = row_of(pos(p)).min(track - 1);
        let symbol = if ann.kind == Kind::Bookmark {
            "★"
        } else {
            "✎"
        };
        if let Some(cell) = buf.cell_mut((x, rect.y + 1 + r as u16))
            && cell.symbol() != "★"
        {
            cell.set_symbol(symbol).set_style(theme.mark());
        }
    }
    // The thumb last, over the marks: where the view is must stay
    // readable however many passages carry a mark.
    if !everything_fits {
        // The view as a fraction of the pane, counted in passages, with the
        // part of a passage shown at either end: the thumb moves row by row
        // through a long passage and reaches both ends of the track.
        let n = list.len() as f64;
        let start = (pos(first.0) as f64 + first.1 as f64 / first.2.max(1) as f64) / n;
        let end = (pos(last.0) as f64 + (last.1 + 1) as f64 / last.2.max(1) as f64) / n;
        let a = ((start * track as f64).floor() as usize).min(track - 1);
        let b = ((end * track as f64).ceil() as usize).clamp(a + 1, track) - 1;
        for r in a..=b {
            if let Some(cell) = buf.cell_mut((x, rect.y + 1 + r as u16)) {
                cell.set_symbol("┃").set_style(theme.accent());
            }
        }
    }
}

fn draw_notes(frame: &mut Frame, model: &Model, reader: &Reader, rect: Rect, theme: Theme) {
    let focused = reader.focus == Pane::Notes;
    // While a note is written here, the pane says what it is on.
    let title = if reader.editor.is_some() {
        format!(" {} ", super::overlay::editor_title(model))
    } else {
        notes_title(reader)
    };
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border(focused))
        .title(Span::styled(title, theme.border(focused)));
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    if let Some(editor) = &reader.editor {
        frame.render_widget(&editor.area, inner);
        return;
    }
    let list = notes::entries(reader);
    if list.is_empty() {
        frame.render_widget(
            Paragraph::new(empty_notes_hint(model, reader))
                .style(theme.dim())
                .wrap(ratatui::widgets::Wrap { trim: true }),
            inner,
        );
        return;
    }
    if let Some(margin) = crate::model::margin::margin(reader) {
        super::margin::draw(frame, model, reader, &margin, inner, theme);
        return;
    }
    let lines = notes_list(reader, &list, inner.height, theme);
    frame.render_widget(Paragraph::new(lines), inner);
}

/// ` Notes (3) · 1 draft `: counted by kind. A detached bookmark or
/// highlight is listed (so it is not lost) but is not a note; drafts are
/// not notes yet.
fn notes_title(reader: &Reader) -> String {
    let counts = crate::model::note_counts(reader);
    let mut title = format!(" Notes ({}) ", counts.notes);
    for (n, what) in [
        (counts.drafts, "draft"),
        (counts.bookmarks, "detached bookmark"),
        (counts.highlights, "detached highlight"),
    ] {
        if n > 0 {
            let s = if n == 1 { "" } else { "s" };
            title.push_str(&format!("· {n} {what}{s} "));
        }
    }
    title
}

/// A line of a note's text, made printable, the search's matches in it
/// drawn in `mark` (the notes list and the margin both draw notes so).
pub(super) fn note_text_line(text: &str, query: &str, style: Style, mark: Style) -> Line<'static> {
    let line = printable(text).into_owned();
    let marks: Vec<(usize, usize, Style)> = crate::model::find_all(&line, query)
        .into_iter()
        .map(|(a, b)| (a, b, mark))
        .collect();
    let spans: Vec<Span<'static>> = styled_spans(&line, 0, line.len(), style, &marks)
        .into_iter()
        .map(|s| Span::styled(s.content.into_owned(), s.style))
        .collect();
    Line::from(spans)
}

/// What an empty notes pane says: how to write the first note.
fn empty_notes_hint(model: &Model, reader: &Reader) -> String {
    let key = |action: Action| {
        model
            .key_hint(&action)
            .unwrap_or_else(|| action.name().into())
    };
    if reader.annotations.read_only.is_some() {
        "Annotations are read-only for this brief (a change shows why).".to_string()
    } else if reader.index.is_empty() {
        // Nothing to write on but the brief itself.
        format!(
            "No notes yet. Press {} to write one on the brief.",
            key(Action::AddBriefNote)
        )
    } else {
        format!(
            "No notes yet. Press {} to write one on the passage, {} for the whole brief.",
            key(Action::AddNote),
            key(Action::AddBriefNote)
        )
    }
}

/// The list view: each note's header (where it is), then its text, the
/// current passage's notes standing out and search matches marked.
fn notes_list(reader: &Reader, list: &[usize], height: u16, theme: Theme) -> Vec<Line<'static>> {
    let focused = reader.focus == Pane::Notes;
    let mut lines = Vec::new();
    let current_note = reader.current_note_annotation();
    // Each entry takes at least two rows: no more can show than this.
    let top = reader.notes_top.min(list.len());
    let end = (top + usize::from(height) / 2 + 1).min(list.len());
    for (k, block) in notes::note_blocks(reader, &list[top..end])
        .into_iter()
        .enumerate()
    {
        let n = top + k;
        let here = block.passage == Some(reader.cursor);
        // While re-attaching, the note being placed stays marked.
        let selected = (focused || reader.choosing.is_some()) && n == reader.notes_cursor;
        let header_style = match (selected, here) {
            (true, _) => theme.selected_row(),
            (false, true) => theme.accent(),
            _ => theme.dim(),
        };
        // The selected note, read down with `j`: its header, then on.
        let skip = if n == reader.notes_cursor {
            crate::model::margin::note_skip(reader).min(block.lines.len().saturating_sub(2))
        } else {
            0
        };
        let shown = block
            .lines
            .iter()
            .take(1)
            .chain(block.lines.iter().skip(1 + skip));
        let found_here = theme.search_match(current_note == Some(block.annotation));
        for (k, line) in shown.enumerate() {
            let style = if k == 0 {
                header_style
            } else if here {
                theme.title()
            } else {
                Style::new()
            };
            lines.push(note_text_line(
                line,
                &reader.search.query,
                style,
                found_here,
            ));
        }
        lines.push(Line::default());
        if lines.len() > usize::from(height) {
            break;
        }
    }
    lines
}
