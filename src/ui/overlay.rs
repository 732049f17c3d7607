//! What is drawn over a view: help, questions, the notes without a brief, start-up
//! problems, and the note editor when the notes pane is folded away.

use super::theme::Theme;
use crate::action::Action;
use crate::keymap::Context;
use crate::layout::{centred, help_popup, list_popup, problems_popup};
use crate::model::overlay_text::{Row, RowKind, help_rows, problem_rows};
use crate::model::{Model, Overlay, Screen};
use crate::text::{fit, printable};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

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
            let title = model.keyed("Keys · {quit} closes");
            let inner = popup(frame, help_popup(area.width, area.height), &title, theme);
            let rows = help_rows(model, usize::from(inner.width));
            draw_rows(frame, inner, &rows, *scroll, theme);
        }
        Some(Overlay::Confirm { question, .. }) => draw_confirm(frame, model, question, theme),
        Some(Overlay::Unattached { cursor }) => draw_unattached(frame, model, *cursor, theme),
        Some(Overlay::Links { links, cursor }) => draw_links(frame, model, links, *cursor, theme),
        Some(Overlay::Problems { scroll }) => draw_problems(frame, model, *scroll, theme),
    }
}

/// A question, as tall as it needs: a reason cut short is no help.
fn draw_confirm(frame: &mut Frame, model: &Model, question: &str, theme: Theme) {
    let area = frame.area();
    let width = area.width.saturating_sub(4).min(72);
    let inner_width = usize::from(width.saturating_sub(2)).max(1);
    let mut text: Vec<Line> = question
        .lines()
        .map(|l| Line::raw(printable(l).into_owned()))
        .collect();
    text.push(Line::styled(
        model.keyed("{confirm}: yes   {deny}: no"),
        theme.dim(),
    ));
    let rows: usize = text
        .iter()
        .map(|l| textwrap::wrap(&l.to_string(), inner_width).len().max(1))
        .sum();
    let height = u16::try_from(rows + 2).unwrap_or(u16::MAX);
    let rect = centred(area, width.max(20), height);
    let inner = popup(frame, rect, "Confirm", theme);
    frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), inner);
}

fn row_style(selected: bool, theme: Theme) -> ratatui::style::Style {
    if selected {
        theme.selected_row()
    } else {
        ratatui::style::Style::new()
    }
}

/// The links of the passage: the linked text, then where it goes.
fn draw_links(
    frame: &mut Frame,
    model: &Model,
    links: &[crate::model::links::LinkChoice],
    cursor: usize,
    theme: Theme,
) {
    let area = frame.area();
    let title = model.keyed("Links of this passage · {open} opens in your browser · {quit} closes");
    let inner = popup(frame, list_popup(area.width, area.height), &title, theme);
    let w = usize::from(inner.width);
    let rows = usize::from(inner.height);
    let top = cursor.saturating_sub(rows.saturating_sub(1));
    let mut lines = Vec::new();
    for (n, link) in links.iter().enumerate().skip(top).take(rows) {
        let url = printable(&link.url);
        let text = if link.label.is_empty() || link.label == link.url {
            url.to_string()
        } else {
            format!("{} → {url}", printable(&link.label))
        };
        lines.push(Line::styled(fit(&text, w), row_style(n == cursor, theme)));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// Annotation sets whose brief cannot be found, two rows each: the title,
/// then what there is and where it was.
fn draw_unattached(frame: &mut Frame, model: &Model, cursor: usize, theme: Theme) {
    let area = frame.area();
    let list = &model.library.unattached;
    let title = model.keyed(&format!(
        "Notes without a brief ({}) · {{open}}: attach to a brief · {{quit}} closes",
        list.len()
    ));
    let inner = popup(frame, list_popup(area.width, area.height), &title, theme);
    let w = usize::from(inner.width);
    let rows = usize::from(inner.height);
    let hint = model
        .keyed("Their brief is not where it was last seen: press {open}, then choose the brief.");
    let mut lines = vec![Line::styled(fit(&hint, w), theme.dim())];
    let fits = (rows.saturating_sub(1) / 2).max(1);
    let top = cursor.saturating_sub(fits - 1);
    for (n, u) in list.iter().enumerate().skip(top).take(fits) {
        let marks = super::library::marks(&u.counts);
        let last = u.last_path.as_deref().unwrap_or("?");
        lines.push(Line::styled(
            fit(&printable(&u.title), w),
            row_style(n == cursor, theme),
        ));
        let detail = format!(
            "  {marks} · last at {} · id {}",
            printable(last),
            printable(&u.id)
        );
        lines.push(Line::styled(fit(&detail, w), theme.dim()));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// Start-up problems and reasons, in full, scrolling when they do not fit.
fn draw_problems(frame: &mut Frame, model: &Model, scroll: usize, theme: Theme) {
    let area = frame.area();
    let rows = problem_rows(
        &model.problems,
        model.startup_problems,
        usize::from(area.width.saturating_sub(6)),
    );
    let rect = problems_popup(area.width, area.height, rows.len());
    let visible = usize::from(rect.height.saturating_sub(2));
    let count = model.problems.len();
    let title = if rows.len() > visible {
        model.keyed(&format!(
            "Problems ({count}) · {{next_item}}/{{prev_item}} scroll · {{quit}} dismisses"
        ))
    } else {
        model.keyed(&format!("Problems ({count}) · {{quit}} dismisses"))
    };
    let inner = popup(frame, rect, &title, theme);
    draw_rows(frame, inner, &rows, scroll, theme);
}

/// The editor's keys, from the keymap in force.
pub fn editor_title(model: &Model) -> String {
    // What the note is on, so a note is never written on the wrong passage
    // unawares: `Note on ¶3`, `Note on the whole brief`.
    let on = model
        .reader
        .as_ref()
        .and_then(|r| Some((r, r.editor.as_ref()?)))
        .map(|(reader, editor)| {
            use crate::annotations::Placement;
            use crate::model::NoteTarget;
            let placement = match &editor.target {
                NoteTarget::Passage(span) => Placement::Attached(span.clone()),
                NoteTarget::Brief => Placement::Brief,
                NoteTarget::Existing(id) => reader
                    .annotations
                    .index_of(id)
                    .map_or(Placement::Detached, |i| {
                        reader.annotations.placement(i).clone()
                    }),
            };
            match placement {
                Placement::Attached(span) => format!(" on ¶{}", span.passage + 1),
                Placement::Brief => " on the whole brief".to_string(),
                Placement::Detached => " (detached)".to_string(),
            }
        })
        .unwrap_or_default();
    let mut title = format!("Note{on}");
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

/// Rows of a popup's text from `scroll` on (kept within the text: the
/// model clamps, this only guards a frame drawn between resizes).
fn draw_rows(frame: &mut Frame, inner: Rect, rows: &[Row], scroll: usize, theme: Theme) {
    let scroll = scroll.min(crate::layout::max_scroll(rows.len(), inner.height));
    let lines: Vec<Line> = rows
        .iter()
        .skip(scroll)
        .take(usize::from(inner.height))
        .map(|(kind, text)| {
            let style = match kind {
                RowKind::Heading => theme.heading(),
                RowKind::Problem => theme.error(),
                RowKind::Hint => theme.dim(),
                RowKind::Entry | RowKind::Blank => ratatui::style::Style::new(),
            };
            Line::styled(text.clone(), style)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The help text as drawn, `width` cells wide.
pub fn help_lines(model: &Model, theme: Theme, width: usize) -> Vec<Line<'static>> {
    help_rows(model, width)
        .into_iter()
        .map(|(kind, text)| match kind {
            RowKind::Heading => Line::styled(text, theme.heading()),
            _ => Line::raw(text),
        })
        .collect()
}
