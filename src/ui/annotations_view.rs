//! The annotations view: a header saying how many of what in which order,
//! the filter (or, while it is empty, how to filter), then one row per
//! annotation: kind (and colour), brief, where it is now, its text, date.

use super::theme::Theme;
use crate::annotations::Kind;
use crate::catalogue::{Place, Row, Set};
use crate::model::Model;
use crate::model::annotations_view::View;
use crate::text::{fit, pad, printable, width};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// Column widths for a screen `w` cells wide (0: not shown).
struct Columns {
    kind: usize,
    brief: usize,
    place: usize,
    text: usize,
    date: usize,
}

impl Columns {
    fn new(w: usize) -> Columns {
        let wide = w >= 100;
        let kind = if wide { 18 } else { 10 };
        let brief = if wide {
            (w / 5).min(32)
        } else {
            (w / 5).max(8)
        };
        let place = if wide { 18 } else { 8 };
        let date = if w >= 80 { 10 } else { 0 };
        let used = kind + brief + place + date + if date > 0 { 4 } else { 3 };
        Columns {
            kind,
            brief,
            place,
            text: w.saturating_sub(used),
            date,
        }
    }

    /// One row, the cells padded and joined by a space.
    fn row(&self, cells: [&str; 5]) -> String {
        let widths = [self.kind, self.brief, self.place, self.text, self.date];
        cells
            .iter()
            .zip(widths)
            .filter(|(_, w)| *w > 0)
            .map(|(text, w)| pad(text, w))
            .collect::<Vec<_>>()
            .join(" ")
    }
}

pub fn draw(frame: &mut Frame, model: &Model, theme: Theme) {
    let area = frame.area();
    if area.height == 0 || area.width == 0 {
        return;
    }
    let Some(view) = model.annotations.view.as_ref() else {
        return;
    };
    let w = usize::from(area.width);
    let cols = Columns::new(w);
    let mut title = format!(
        "Annotations · {}",
        crate::model::annotations_view::summary(model)
    );
    match &view.scope {
        Some((_, brief)) => title.push_str(&format!(" · in “{}”", printable(brief))),
        None => title.push_str(" · whole library"),
    }
    let mut lines = vec![Line::styled(fit(&title, w), theme.title())];
    lines.push(filter_line(model, view, w, theme));
    if area.height > 3 {
        lines.push(Line::styled(
            fit(&cols.row(["Kind", "Brief", "Where", "Text", "Date"]), w),
            theme.dim(),
        ));
    }
    if view.visible.is_empty() {
        lines.push(Line::styled(fit(&empty(model, view), w), theme.dim()));
    }
    for (n, &i) in view
        .visible
        .iter()
        .enumerate()
        .skip(view.top)
        .take(view.rows)
    {
        let (set, row) = model.annotations.row(i);
        lines.push(row_line(set, row, &cols, w, n == view.cursor, theme));
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

/// The filter as typed, or how to filter while it is empty.
fn filter_line(model: &Model, view: &View, w: usize, theme: Theme) -> Line<'static> {
    let syntax = "words, kind:note, colour:green, #tag";
    if view.filtering {
        let typed = format!("Filter: {}", printable(&view.filter));
        let room = w.saturating_sub(width(&typed) + 1);
        return Line::from(vec![
            Span::styled(fit(&typed, w.saturating_sub(1)), theme.accent()),
            Span::styled("▏", theme.accent()),
            Span::styled(fit(&format!("  {syntax}"), room), theme.dim()),
        ]);
    }
    if !view.filter.is_empty() {
        let text = format!(
            "Filter: {}{}",
            printable(&view.filter),
            model.keyed(" · {clear_filter} clears · {filter} edits")
        );
        return Line::styled(fit(&text, w), theme.accent());
    }
    let text = model.keyed(&format!(
        "{{filter}} filters ({syntax}) · {{cycle_kind}} kind · {{sort_annotations}} sort · \
         {{toggle_scope}} this brief or all · {{open}} opens"
    ));
    Line::styled(fit(&text, w), theme.dim())
}

/// What the list says when it shows nothing.
fn empty(model: &Model, view: &View) -> String {
    if model.annotations.loading && model.annotations.index.rows.is_empty() {
        return "Reading the annotations…".to_string();
    }
    if !view.filter.is_empty() && view.scope.is_some() {
        return model.keyed(
            "Nothing in this brief matches the filter ({clear_filter} clears it, \
             {toggle_scope} shows the whole library).",
        );
    }
    if !view.filter.is_empty() {
        return model.keyed("Nothing matches the filter ({clear_filter} clears it).");
    }
    if view.scope.is_some() {
        return model.keyed(
            "Nothing in this brief yet ({toggle_scope} shows the whole library's annotations).",
        );
    }
    model.keyed(
        "No annotations yet: in a brief, {toggle_bookmark} bookmarks, {highlight} highlights, \
         {add_note} writes a note.",
    )
}

/// A kind as the list names it: `★ bookmark`, `▮ highlight green`, …
/// (narrow: the colour stands for the highlight).
fn kind_label(row: &Row, wide: bool) -> String {
    let colour = row.colour.map_or("", |c| c.name());
    match (row.kind, wide) {
        (Kind::Bookmark, _) => "★ bookmark".into(),
        (Kind::Highlight, true) => format!("▮ highlight {colour}"),
        (Kind::Highlight, false) => format!("▮ {colour}"),
        (Kind::Note, _) => "✎ note".into(),
        (Kind::Draft, _) => "✎ draft".into(),
    }
}

/// Where it is: `¶4 · Commentary`, the whole brief, detached, …
/// (narrow: the number alone).
fn place_label(place: &Place, wide: bool) -> String {
    match place {
        Place::Passage { passage, .. } if !wide => format!("¶{}", passage + 1),
        Place::Brief if !wide => "whole".into(),
        Place::Lost if !wide => "gone".into(),
        Place::Passage {
            passage,
            section: Some(section),
        } => format!("¶{} · {section}", passage + 1),
        Place::Passage { passage, .. } => format!("¶{}", passage + 1),
        // Not yet placed on the brief as it is now: where it was made.
        Place::Hint { passage } => format!("¶{}?", passage + 1),
        Place::Brief => "whole brief".into(),
        Place::Detached => "detached".into(),
        Place::Lost => "brief gone".into(),
    }
}

fn row_line(
    set: &Set,
    row: &Row,
    cols: &Columns,
    w: usize,
    selected: bool,
    theme: Theme,
) -> Line<'static> {
    let text = row.text().split_whitespace().collect::<Vec<_>>().join(" ");
    let date = row.updated.day();
    let kind = kind_label(row, cols.kind > 10);
    let rest = cols.row([
        "",
        &printable(&set.title),
        &printable(&place_label(&row.place, cols.place > 8)),
        &printable(&text),
        &date,
    ]);
    // The kind cell coloured as the highlight is; the rest as the row.
    let rest = fit(
        rest.get(cols.kind..).unwrap_or(""),
        w.saturating_sub(cols.kind),
    );
    let base = if selected {
        theme.selected_row()
    } else {
        ratatui::style::Style::new()
    };
    let kind_style = match (row.colour, selected) {
        (Some(c), false) => theme.highlight(c),
        _ => base,
    };
    let pad_right = w.saturating_sub(cols.kind + width(&rest));
    Line::from(vec![
        Span::styled(pad(&kind, cols.kind), kind_style),
        Span::styled(rest, base),
        Span::styled(" ".repeat(pad_right), base),
    ])
}

/// The status line's left side: where the selected annotation's brief is,
/// and its tags (the brief's, then the note's).
pub fn position(model: &Model) -> String {
    let Some((set, row)) = model.annotations.selected() else {
        return String::new();
    };
    let mut text = match &set.brief {
        Some(path) => printable(&path.display().to_string()).into_owned(),
        None => "its brief is not where it was last seen".to_string(),
    };
    let tags: Vec<String> = set
        .tags
        .iter()
        .chain(row.tags.iter().filter(|t| !set.tags.contains(t)))
        .map(|t| format!("#{}", printable(t)))
        .collect();
    if !tags.is_empty() {
        text.push_str(" · ");
        text.push_str(&tags.join(" "));
    }
    text
}
