//! Where things go on screen, computed without a terminal: pane rectangles
//! for a size, and each passage wrapped into rows for a width. Both the
//! model (scrolling, clicks, page moves) and the ui (drawing) use these, so
//! what is drawn and what a click hits can never disagree.

use crate::document::{Brief, Meta, SectionKind};
pub use prefix::{marker_text, prefix_width};

mod prefix;
use ratatui::layout::Rect;
use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::Range;
use std::rc::Rc;

mod popup;
pub use popup::{centred, help_popup, inside_border, list_popup, max_scroll, problems_popup};
mod column;
mod library;
pub use column::{Column, Comfort, ThemeName};
pub use library::{LibraryColumns, library_rows};
pub mod margin;
pub use margin::NotesView;

/// The panes of the reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Pane {
    #[default]
    Summary,
    Commentary,
    Notes,
}

/// Columns from which the notes pane sits beside the text.
pub const WIDE: u16 = 100;
/// Columns from which summary and commentary also stand side by side.
pub const THREE_COLUMNS: u16 = 160;
/// Cells before the text of every passage: cursor bar and mark.
pub const GUTTER: u16 = 2;

/// One row of a passage as drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    /// Bytes `start..end` of the heading of section `section`, drawn above
    /// the passage that follows it (or after the last passage).
    Heading {
        section: usize,
        start: usize,
        end: usize,
    },
    /// Bytes `start..end` of the speaker of a turn; `last` carries the colon.
    Speaker {
        start: usize,
        end: usize,
        last: bool,
    },
    /// Bytes `start..end` of the passage text; `first` carries the prefix.
    Text {
        start: usize,
        end: usize,
        first: bool,
    },
    /// Space after the passage.
    Blank,
}

/// A passage laid out for one width.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PassageRows {
    pub rows: Vec<Row>,
    /// Width of the prefix (bullet, quote bar, `Q`) before each text row.
    pub prefix_width: u16,
}

/// Where each passage of a brief lives: its section and pane, and which
/// headings are drawn with it.
#[derive(Debug, Clone)]
pub struct PassageIndex {
    pub section: Vec<usize>,
    pub pane: Vec<Pane>,
    /// Passages of each text pane, in reading order.
    pub summary: Vec<usize>,
    pub commentary: Vec<usize>,
    /// Position of passage i inside its section.
    pub position: Vec<usize>,
    /// Sections whose headings passage i draws above its text: its own
    /// section when it opens it, and any empty sections just before it.
    /// Every heading is drawn, even over an empty section.
    above: Vec<Range<usize>>,
    /// Sections after the last passage (empty ones), drawn below it.
    after_last: Range<usize>,
    /// Whether section s has a heading that is drawn. Only a heading that
    /// repeats its pane's title at the very top of the pane is left out.
    drawn: Vec<bool>,
}

impl PassageIndex {
    pub fn new(brief: &Brief) -> Self {
        let mut index = PassageIndex {
            section: Vec::new(),
            pane: Vec::new(),
            summary: Vec::new(),
            commentary: Vec::new(),
            position: Vec::new(),
            above: Vec::new(),
            after_last: 0..0,
            drawn: brief.sections.iter().map(|s| s.heading.is_some()).collect(),
        };
        let mut unclaimed = 0;
        for (s, section) in brief.sections.iter().enumerate() {
            let pane = if section.kind == SectionKind::Summary {
                Pane::Summary
            } else {
                Pane::Commentary
            };
            for p in 0..section.passages.len() {
                let i = index.section.len();
                let opens_pane = index.in_pane(pane).is_empty();
                index.section.push(s);
                index.pane.push(pane);
                index.position.push(p);
                let above = if p == 0 {
                    unclaimed..s + 1
                } else {
                    s + 1..s + 1
                };
                unclaimed = above.end.max(unclaimed);
                if opens_pane {
                    // The pane's border already says "Commentary": a heading
                    // that says only that, first in the pane, is not repeated.
                    let first_heading = above.clone().find(|&h| index.drawn[h]);
                    if let Some(h) = first_heading
                        && repeats_pane_title(brief.sections[h].heading.as_deref(), pane)
                    {
                        index.drawn[h] = false;
                    }
                }
                index.above.push(above);
                match pane {
                    Pane::Summary => index.summary.push(i),
                    _ => index.commentary.push(i),
                }
            }
        }
        index.after_last = unclaimed..brief.sections.len();
        index
    }

    pub fn len(&self) -> usize {
        self.section.len()
    }

    pub fn is_empty(&self) -> bool {
        self.section.is_empty()
    }

    pub fn in_pane(&self, pane: Pane) -> &[usize] {
        match pane {
            Pane::Summary => &self.summary,
            Pane::Commentary => &self.commentary,
            Pane::Notes => &[],
        }
    }

    /// Sections whose headings passage i draws above its text.
    pub fn headings_above(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        let range = self.above.get(i).cloned().unwrap_or(0..0);
        range.filter(|&s| self.drawn[s])
    }

    /// Sections whose headings passage i draws below its text: the empty
    /// sections at the end of the brief, under its last passage.
    pub fn headings_below(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        let range = if i + 1 == self.len() {
            self.after_last.clone()
        } else {
            0..0
        };
        range.filter(|&s| self.drawn[s])
    }
}

fn repeats_pane_title(heading: Option<&str>, pane: Pane) -> bool {
    let title = if pane == Pane::Summary {
        "summary"
    } else {
        "commentary"
    };
    heading.is_some_and(|h| h.trim_end_matches(':').eq_ignore_ascii_case(title))
}

/// Wrap one passage for a pane whose inner width (inside borders) is `inner`.
pub fn wrap_passage(brief: &Brief, index: &PassageIndex, i: usize, inner: u16) -> PassageRows {
    let section = &brief.sections[index.section[i]];
    let passage = &section.passages[index.position[i]];
    let prefix = prefix_width(passage);
    let full = usize::from(inner.saturating_sub(GUTTER).max(1));
    let width = usize::from(inner.saturating_sub(GUTTER + prefix).max(1));
    let mut rows = Vec::new();
    let headings = |rows: &mut Vec<Row>, sections: &mut dyn Iterator<Item = usize>| {
        for s in sections {
            let heading = brief.sections[s].heading.as_deref().unwrap_or("");
            for (start, end) in wrap_slices(heading, full) {
                rows.push(Row::Heading {
                    section: s,
                    start,
                    end,
                });
            }
            rows.push(Row::Blank);
        }
    };
    headings(&mut rows, &mut index.headings_above(i));
    if let Some(speaker) = passage.kind.label() {
        // Room for the colon after the name.
        let slices = wrap_slices(speaker, full.saturating_sub(1).max(1));
        let count = slices.len();
        for (n, (start, end)) in slices.into_iter().enumerate() {
            rows.push(Row::Speaker {
                start,
                end,
                last: n + 1 == count,
            });
        }
    }
    let slices = if passage.is_preformatted() {
        prefix::wrap_preformatted(&passage.text, width)
    } else {
        wrap_slices(&passage.text, width)
    };
    for (n, (start, end)) in slices.into_iter().enumerate() {
        rows.push(Row::Text {
            start,
            end,
            first: n == 0,
        });
    }
    rows.push(Row::Blank);
    headings(&mut rows, &mut index.headings_below(i));
    PassageRows {
        rows,
        prefix_width: prefix,
    }
}

/// Byte ranges of `text` wrapped to `width` columns; a word longer than
/// the width is broken, so nothing is ever cut off.
fn wrap_slices(text: &str, width: usize) -> Vec<(usize, usize)> {
    let options = textwrap::Options::new(width)
        .break_words(true)
        .wrap_algorithm(textwrap::WrapAlgorithm::FirstFit);
    let mut search_from = 0;
    let mut out = Vec::new();
    for line in textwrap::wrap(text, options).iter() {
        let start = offset_in(text, line, search_from);
        let end = (start + line.len()).min(text.len());
        search_from = end;
        out.push((start, end));
    }
    out
}

/// Byte offset of a wrapped line inside the text it came from. textwrap
/// returns borrowed slices of the input; the search is a fallback.
fn offset_in(text: &str, line: &str, from: usize) -> usize {
    let base = text.as_ptr() as usize;
    let ptr = line.as_ptr() as usize;
    if ptr >= base && ptr + line.len() <= base + text.len() {
        return ptr - base;
    }
    text.get(from..)
        .and_then(|rest| rest.find(line.trim()))
        .map_or(from, |i| from + i)
}

/// Wrapped passages, computed once per passage and width. A key press only
/// wraps what it shows; a resize starts a new cache.
#[derive(Debug, Default)]
pub struct WrapCache {
    inner: RefCell<(u16, HashMap<usize, Rc<PassageRows>>)>,
}

impl WrapCache {
    pub fn rows(
        &self,
        brief: &Brief,
        index: &PassageIndex,
        i: usize,
        inner: u16,
    ) -> Rc<PassageRows> {
        let mut cache = self.inner.borrow_mut();
        if cache.0 != inner {
            *cache = (inner, HashMap::new());
        }
        cache
            .1
            .entry(i)
            .or_insert_with(|| Rc::new(wrap_passage(brief, index, i, inner)))
            .clone()
    }

    pub fn height(&self, brief: &Brief, index: &PassageIndex, i: usize, inner: u16) -> usize {
        self.rows(brief, index, i, inner).rows.len()
    }
}

/// A clone starts with an empty cache: the model is cloned only by tests
/// and property runs, and a cache is cheaper to refill than to copy (and
/// never wrong when empty).
impl Clone for WrapCache {
    fn clone(&self) -> Self {
        WrapCache::default()
    }
}

/// Rectangles of the reader view.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ReaderGeometry {
    pub header: Rect,
    pub summary: Rect,
    pub commentary: Rect,
    /// Zero-sized when the notes pane is folded away.
    pub notes: Rect,
    pub status: Rect,
}

impl ReaderGeometry {
    pub fn pane(&self, pane: Pane) -> Rect {
        match pane {
            Pane::Summary => self.summary,
            Pane::Commentary => self.commentary,
            Pane::Notes => self.notes,
        }
    }
}

/// Whether the notes pane shows at this width, given the user's toggle.
pub fn notes_visible(width: u16, toggled: bool) -> bool {
    (width >= WIDE) != toggled
}

/// The reader's header as drawn: the details line (category, date, byline,
/// source) and the title, each wrapped to the width so that nothing is cut,
/// up to a third of the screen (see `header_cap`). `true` marks the title's rows.
pub fn header_lines(meta: &Meta, width: u16, height: u16) -> Vec<(bool, String)> {
    let w = usize::from(width.max(1));
    if height == 1 {
        // One row: the title alone.
        return vec![(true, crate::text::fit(&meta.title, w))];
    }
    let details = header_details(meta).join(" · ");
    let wrap = |text: &str| -> Vec<String> {
        wrap_slices(text, w)
            .into_iter()
            .map(|(a, b)| text[a..b].to_string())
            .collect()
    };
    // A blank details row keeps the title where it always is.
    let mut lines: Vec<(bool, String)> = wrap(&details).into_iter().map(|l| (false, l)).collect();
    lines.extend(wrap(&meta.title).into_iter().map(|l| (true, l)));
    let cap = header_cap(height);
    if lines.len() > cap {
        lines.truncate(cap);
        if let Some((_, last)) = lines.last_mut() {
            let shown = crate::text::fit(last, w.saturating_sub(1));
            *last = if shown.ends_with('…') {
                shown
            } else {
                format!("{shown}…")
            };
        }
    }
    lines
}

/// Rows the header takes: `header_lines(..).len()`, without building the
/// lines when details and title each fit on one row (nearly always).
pub fn header_height(meta: &Meta, width: u16, height: u16) -> u16 {
    let w = usize::from(width.max(1));
    let details = header_details(meta);
    let details_width = details.iter().map(|d| crate::text::width(d)).sum::<usize>()
        + 3 * details.len().saturating_sub(1);
    let rows = if height <= 1 {
        1
    } else if details_width <= w && crate::text::width(&meta.title) <= w {
        2
    } else {
        header_lines(meta, width, height).len()
    };
    u16::try_from(rows).unwrap_or(u16::MAX)
}

fn header_details(meta: &Meta) -> Vec<&str> {
    [
        &meta.category,
        &meta.date,
        &meta.time,
        &meta.byline,
        &meta.place,
        &meta.site,
        &meta.source,
    ]
    .into_iter()
    .filter_map(|f| f.as_deref())
    .collect()
}

/// The header grows past its two rows only while the panes below keep
/// room to read in (nine rows: a few lines in each pane).
fn header_cap(height: u16) -> usize {
    usize::from(
        (height / 3)
            .min(height.saturating_sub(9))
            .max(2)
            .min(height),
    )
}

/// Split the screen. `header_height` comes from `header_lines`;
/// `summary_rows(inner_width, cap)` gives the summary's height in rows,
/// counting no further than `cap`.
/// The body split between the text and the notes pane: beside it when
/// wide, below it otherwise, nothing when folded away.
fn text_and_notes(body: Rect, show_notes: bool) -> (Rect, Rect) {
    if !show_notes {
        let folded = Rect {
            width: 0,
            height: 0,
            ..body
        };
        return (body, folded);
    }
    if body.width >= WIDE {
        let notes_width = (body.width * 34 / 100).max(30).min(body.width);
        let text = Rect {
            width: body.width - notes_width,
            ..body
        };
        let notes = Rect {
            x: body.x + text.width,
            width: notes_width,
            ..body
        };
        return (text, notes);
    }
    let notes_height = body.height * 40 / 100;
    let text = Rect {
        height: body.height - notes_height,
        ..body
    };
    let notes = Rect {
        y: body.y + text.height,
        height: notes_height,
        ..body
    };
    (text, notes)
}

/// Rows of the summary pane above the commentary: what the summary needs
/// (`summary_rows`), at most 45% of the text area, the commentary always
/// keeping a few rows.
fn stacked_summary_height(
    text: Rect,
    has_summary: bool,
    has_commentary: bool,
    summary_rows: impl FnOnce(u16, usize) -> usize,
) -> u16 {
    match (has_summary, has_commentary) {
        (_, false) => text.height,
        (false, true) => 0,
        (true, true) if text.height < 10 => text.height / 2,
        (true, true) => {
            let height = usize::from(text.height);
            let cap = (height * 45 / 100).max(5).min(height - 4);
            let wanted = summary_rows(text.width.saturating_sub(2), cap) + 2;
            wanted.min(cap) as u16
        }
    }
}

pub fn reader_geometry(
    area: Rect,
    header_height: u16,
    has_summary: bool,
    has_commentary: bool,
    notes_toggled: bool,
    summary_rows: impl FnOnce(u16, usize) -> usize,
) -> ReaderGeometry {
    let header_height = area.height.min(header_height);
    let status_height = area.height.saturating_sub(header_height).min(1);
    let header = Rect {
        height: header_height,
        ..area
    };
    let status = Rect {
        y: area.y + area.height - status_height,
        height: status_height,
        ..area
    };
    let body = Rect {
        y: area.y + header_height,
        height: area.height - header_height - status_height,
        ..area
    };
    let (text, notes) = text_and_notes(body, notes_visible(area.width, notes_toggled));
    // Wide enough for three readable columns: summary | commentary | notes.
    if area.width >= THREE_COLUMNS && has_summary && has_commentary && notes.width > 0 {
        let summary_width = text.width * 45 / 100;
        let summary = Rect {
            width: summary_width,
            ..text
        };
        let commentary = Rect {
            x: text.x + summary_width,
            width: text.width - summary_width,
            ..text
        };
        return ReaderGeometry {
            header,
            summary,
            commentary,
            notes,
            status,
        };
    }
    let summary_height = stacked_summary_height(text, has_summary, has_commentary, summary_rows);
    let summary = Rect {
        height: summary_height,
        ..text
    };
    let commentary = Rect {
        y: text.y + summary_height,
        height: text.height - summary_height,
        ..text
    };
    ReaderGeometry {
        header,
        summary,
        commentary,
        notes,
        status,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn geometry_never_overflows() {
        for w in (0..=130u16).chain([159, 160, 161, 200, 400]) {
            for h in 0..=30u16 {
                for toggled in [false, true] {
                    let area = Rect::new(0, 0, w, h);
                    let g = reader_geometry(area, 2, true, true, toggled, |_, cap| cap * 2);
                    for r in [g.header, g.summary, g.commentary, g.notes, g.status] {
                        assert!(
                            r.right() <= area.right() && r.bottom() <= area.bottom(),
                            "{w}x{h} {r:?}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn wrapped_rows_cover_the_text() {
        let text = "Alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu.";
        let brief = crate::loader::load(format!("Title\n\n{text}\n").as_bytes(), "t.txt").unwrap();
        let index = PassageIndex::new(&brief);
        let rows = wrap_passage(&brief, &index, 0, 20);
        let mut rebuilt = Vec::new();
        for row in &rows.rows {
            if let Row::Text { start, end, .. } = row {
                rebuilt.push(&text[*start..*end]);
            }
        }
        assert_eq!(rebuilt.join(" "), text);
        assert!(
            rebuilt
                .iter()
                .all(|l| unicode_width::UnicodeWidthStr::width(*l) <= 18)
        );
    }
}
