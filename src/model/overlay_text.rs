//! The text of the help and problems popups, wrapped to the popup's width.
//! Both the model (to bound scrolling) and the ui (to draw) read it from
//! here, so they always agree on how many rows there are.

use super::Model;
use crate::keymap::{Context, format_sequence};
use crate::text::{pad, printable, width as text_width};

/// What a row of a popup is, for the ui to style it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    Heading,
    Entry,
    Problem,
    Hint,
    Blank,
}

pub type Row = (RowKind, String);

/// `text` wrapped to `width`, continuation rows indented by `indent` cells.
fn wrapped(text: &str, width: usize, indent: usize) -> Vec<String> {
    let indent_text = " ".repeat(indent.min(width.saturating_sub(1)));
    let options = textwrap::Options::new(width.max(1))
        .subsequent_indent(&indent_text)
        .break_words(true);
    textwrap::wrap(text, options)
        .into_iter()
        .map(|l| l.into_owned())
        .collect()
}

/// Every bound action of every context, with its keys and its documentation
/// (from `Action`), wrapped to `width` cells.
pub fn help_rows(model: &Model, width: usize) -> Vec<Row> {
    let mut rows = Vec::new();
    let mut sections = [
        (Context::Reader, "Reading"),
        (Context::Library, "Library"),
        (Context::Annotations, "Annotations list"),
        (Context::Global, "Everywhere"),
        (Context::Search, "Search and filter prompt"),
        (Context::Editor, "Note editor"),
        (Context::Help, "Help and popups"),
        (Context::Confirm, "Questions"),
    ];
    // Over the annotations list, its own keys come first.
    if model.screen == super::Screen::Annotations {
        sections.sort_by_key(|(c, _)| *c != Context::Annotations);
    }
    for (context, title) in sections {
        let bindings = model.keymap.bindings(context);
        if bindings.is_empty() {
            continue;
        }
        rows.push((RowKind::Heading, title.to_string()));
        if context == Context::Annotations {
            let hint = "The filter takes words (all must appear; an upper-case letter matches \
                        case), kind:note (bookmark, highlight, note, draft, detached), \
                        colour:green (yellow, green, blue, pink) and #tag (a brief's tags: or \
                        a #tag in a note).";
            rows.extend(
                wrapped(hint, width, 0)
                    .into_iter()
                    .map(|l| (RowKind::Hint, l)),
            );
        }
        let key_width = (width / 3).clamp(6, 16);
        // One entry per action, with all its keys.
        let mut seen = Vec::new();
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
            let keys = keys.join(", ");
            // Keys longer than their column get a row of their own.
            let lead = if text_width(&keys) > key_width {
                rows.extend(
                    wrapped(&keys, width, 2)
                        .into_iter()
                        .map(|l| (RowKind::Entry, l)),
                );
                " ".repeat(key_width)
            } else {
                pad(&keys, key_width)
            };
            let text = format!("{lead}  {}", b.action.description());
            rows.extend(
                wrapped(&text, width, key_width + 2)
                    .into_iter()
                    .map(|l| (RowKind::Entry, l)),
            );
        }
        rows.push((RowKind::Blank, String::new()));
    }
    rows
}

/// Problems shown in the popup. Its rows are wrapped for every frame and
/// every scroll; a keymap with thousands of bad entries would make each key
/// cost seconds, and nobody reads that many in a popup: the rest are
/// counted, and `brief keymap` lists them all.
pub const MAX_PROBLEMS_SHOWN: usize = 200;

/// Each problem in full (of the start-up ones, the first
/// `MAX_PROBLEMS_SHOWN`), wrapped to `width`; after the first `startup`
/// (keymap and config entries), what brief does about those.
pub fn problem_rows(problems: &[String], startup: usize, width: usize) -> Vec<Row> {
    let rows_of = |list: &[String]| -> Vec<Row> {
        list.iter()
            .flat_map(|p| wrapped(&printable(p), width, 2))
            .map(|l| (RowKind::Problem, l))
            .collect()
    };
    let startup = startup.min(problems.len());
    let shown = startup.min(MAX_PROBLEMS_SHOWN);
    let mut rows = rows_of(&problems[..shown]);
    if startup > shown {
        let more = startup - shown;
        rows.extend(
            wrapped(
                &format!("… and {more} more: `brief keymap` lists every one."),
                width,
                0,
            )
            .into_iter()
            .map(|l| (RowKind::Problem, l)),
        );
    }
    if startup > 0 {
        rows.extend(
            wrapped(
                "brief runs on the default bindings for these entries.",
                width,
                0,
            )
            .into_iter()
            .map(|l| (RowKind::Hint, l)),
        );
    }
    rows.extend(rows_of(&problems[startup..]));
    rows
}

/// The rows of the overlay that scrolls, and how many fit at once.
pub fn scrolling_rows(model: &Model) -> Option<(Vec<Row>, u16)> {
    let (w, h) = (model.width, model.height);
    match model.overlay {
        Some(super::Overlay::Help { .. }) => {
            let inner = crate::layout::inside_border(crate::layout::help_popup(w, h));
            Some((help_rows(model, usize::from(inner.width)), inner.height))
        }
        Some(super::Overlay::Problems { .. }) => {
            let width = usize::from(w.saturating_sub(6));
            let rows = problem_rows(&model.problems, model.startup_problems, width);
            let popup = crate::layout::problems_popup(w, h, rows.len());
            Some((rows, crate::layout::inside_border(popup).height))
        }
        _ => None,
    }
}
