//! Where things go on screen, computed without a terminal: pane rectangles
//! for a size, and each passage wrapped into rows for a width. Both the
//! model (scrolling, clicks, page moves) and the ui (drawing) use these, so
//! what is drawn and what a click hits can never disagree.

use crate::document::{Brief, PassageKind, SectionKind};
use ratatui::layout::Rect;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

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
    /// The heading of the section this passage opens.
    Heading,
    /// The speaker of a turn.
    Speaker,
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

/// Where each passage of a brief lives: its section and pane.
#[derive(Debug, Clone)]
pub struct PassageIndex {
    pub section: Vec<usize>,
    pub pane: Vec<Pane>,
    /// Passages of each text pane, in reading order.
    pub summary: Vec<usize>,
    pub commentary: Vec<usize>,
    /// Position of passage i inside its section.
    pub position: Vec<usize>,
    /// Whether passage i opens its section (and so draws its heading).
    pub opens_section: Vec<bool>,
}

impl PassageIndex {
    pub fn new(brief: &Brief) -> Self {
        let mut index = PassageIndex {
            section: Vec::new(),
            pane: Vec::new(),
            summary: Vec::new(),
            commentary: Vec::new(),
            position: Vec::new(),
            opens_section: Vec::new(),
        };
        for (s, section) in brief.sections.iter().enumerate() {
            let pane = if section.kind == SectionKind::Summary {
                Pane::Summary
            } else {
                Pane::Commentary
            };
            for p in 0..section.passages.len() {
                let i = index.section.len();
                index.section.push(s);
                index.pane.push(pane);
                index.position.push(p);
                index.opens_section.push(p == 0);
                match pane {
                    Pane::Summary => index.summary.push(i),
                    _ => index.commentary.push(i),
                }
            }
        }
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
}

/// Width of the prefix drawn before a passage's text.
pub fn prefix_width(kind: &PassageKind, depth: u8) -> u16 {
    match kind {
        PassageKind::Bullet => 2 + 2 * u16::from(depth.min(8)),
        PassageKind::Quote | PassageKind::Question => 2,
        PassageKind::Paragraph | PassageKind::Turn { .. } => 0,
    }
}

/// Wrap one passage for a pane whose inner width (inside borders) is `inner`.
pub fn wrap_passage(brief: &Brief, index: &PassageIndex, i: usize, inner: u16) -> PassageRows {
    let section = &brief.sections[index.section[i]];
    let passage = &section.passages[index.position[i]];
    let prefix = prefix_width(&passage.kind, passage.depth);
    let width = usize::from(inner.saturating_sub(GUTTER + prefix).max(1));
    let mut rows = Vec::new();
    // A heading that only repeats the pane's title ("Commentary") is not drawn.
    let repeats_pane = section.heading.as_deref().is_some_and(|h| {
        let pane = if index.pane[i] == Pane::Summary {
            "summary"
        } else {
            "commentary"
        };
        h.trim_end_matches(':').eq_ignore_ascii_case(pane)
    });
    if index.opens_section[i] && section.heading.is_some() && !repeats_pane {
        rows.push(Row::Heading);
        rows.push(Row::Blank);
    }
    if matches!(passage.kind, PassageKind::Turn { .. }) {
        rows.push(Row::Speaker);
    }
    let text = passage.text.as_str();
    let options = textwrap::Options::new(width)
        .break_words(true)
        .wrap_algorithm(textwrap::WrapAlgorithm::FirstFit);
    let mut search_from = 0;
    for (n, line) in textwrap::wrap(text, options).iter().enumerate() {
        let start = offset_in(text, line, search_from);
        let end = (start + line.len()).min(text.len());
        search_from = end;
        rows.push(Row::Text {
            start,
            end,
            first: n == 0,
        });
    }
    rows.push(Row::Blank);
    PassageRows {
        rows,
        prefix_width: prefix,
    }
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

/// Split the screen. `summary_rows(inner_width, cap)` gives the summary's
/// height in rows, counting no further than `cap`.
pub fn reader_geometry(
    area: Rect,
    has_summary: bool,
    has_commentary: bool,
    notes_toggled: bool,
    summary_rows: impl FnOnce(u16, usize) -> usize,
) -> ReaderGeometry {
    let header_height = area.height.min(2);
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
    let show_notes = notes_visible(area.width, notes_toggled);
    let (text, notes) = if !show_notes {
        (
            body,
            Rect {
                width: 0,
                height: 0,
                ..body
            },
        )
    } else if area.width >= WIDE {
        let notes_width = (body.width * 34 / 100).max(30).min(body.width);
        let text = Rect {
            width: body.width - notes_width,
            ..body
        };
        (
            text,
            Rect {
                x: body.x + text.width,
                width: notes_width,
                ..body
            },
        )
    } else {
        let notes_height = body.height * 40 / 100;
        let text = Rect {
            height: body.height - notes_height,
            ..body
        };
        (
            text,
            Rect {
                y: body.y + text.height,
                height: notes_height,
                ..body
            },
        )
    };
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
    let summary_height = match (has_summary, has_commentary) {
        (_, false) => text.height,
        (false, true) => 0,
        (true, true) if text.height < 10 => text.height / 2,
        (true, true) => {
            // At most 45%, and the commentary always keeps a few rows.
            let height = usize::from(text.height);
            let cap = (height * 45 / 100).max(5).min(height - 4);
            let wanted = summary_rows(text.width.saturating_sub(2), cap) + 2;
            wanted.min(cap) as u16
        }
    };
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

/// A rectangle `w`×`h` (at most the area) centred in `area`.
pub fn centred(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

/// Inside a one-cell border.
pub fn inside_border(rect: Rect) -> Rect {
    Rect {
        x: rect.x.saturating_add(1),
        y: rect.y.saturating_add(1),
        width: rect.width.saturating_sub(2),
        height: rect.height.saturating_sub(2),
    }
}

/// The help popup on a `width`×`height` screen.
pub fn help_popup(width: u16, height: u16) -> Rect {
    centred(Rect::new(0, 0, width, height), 76, height.saturating_sub(2))
}

/// The start-up problems popup: as tall as its `rows` of text (plus the
/// border), at most the screen less two rows.
pub fn problems_popup(width: u16, height: u16, rows: usize) -> Rect {
    let tall = u16::try_from(rows).unwrap_or(u16::MAX).saturating_add(2);
    centred(
        Rect::new(0, 0, width, height),
        width.saturating_sub(4),
        tall.min(height.saturating_sub(2)),
    )
}

/// How far a popup of `rows` rows of text, `visible` at a time, can scroll.
pub fn max_scroll(rows: usize, visible: u16) -> usize {
    rows.saturating_sub(usize::from(visible))
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
                    let g = reader_geometry(area, true, true, toggled, |_, cap| cap * 2);
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
