//! The notes pane as a margin: each note beside the row where its passage
//! (or its first sentence) starts in the text, placed by
//! `layout::margin`; notes on the whole brief and detached ones in a block
//! at the bottom. Both the ui (drawing) and the model (clicks) use
//! `margin`, so what is drawn and what a click selects agree.

use super::reader::Reader;
use super::{Model, notes};
use crate::annotations::{Kind, Span};
use crate::layout::margin::{self as geometry, CUT_LINES, MarginNote, NotesView};
use crate::layout::{Pane, PassageRows, Row};
use std::collections::HashMap;
use std::rc::Rc;

/// A note as the margin draws it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarginEntry {
    /// Index into `notes::entries` (what `notes_cursor` counts).
    pub entry: usize,
    /// Index into the file's annotations.
    pub annotation: usize,
    /// Notes-pane row (inside its border) of its first row shown.
    pub row: usize,
    /// The rows shown: its header, then its text (cut with an ellipsis
    /// unless it is the selected note).
    pub lines: Vec<String>,
    /// On the cursor's passage: drawn to stand out.
    pub here: bool,
    /// Selected in the notes pane (with the pane focused, or while
    /// choosing where it goes).
    pub selected: bool,
    /// Rows of it are hidden below the margin's bottom.
    pub cut: bool,
}

/// A row saying how many notes could not be shown in a band.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Marker {
    pub row: usize,
    pub count: usize,
    /// Above the notes shown (else below).
    pub above: bool,
}

/// Everything the margin shows.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Margin {
    pub notes: Vec<MarginEntry>,
    pub markers: Vec<Marker>,
    /// The row of the rule over the block of notes on the whole brief and
    /// detached ones, when there are any.
    pub block: Option<usize>,
}

impl Margin {
    /// The note drawn on notes-pane row `row`, if any.
    pub fn at(&self, row: usize) -> Option<&MarginEntry> {
        self.notes
            .iter()
            .find(|n| (n.row..n.row + n.lines.len()).contains(&row))
    }
}

impl Reader {
    /// Whether the notes pane shows the margin now: chosen, and the pane
    /// beside the text (folded below it, the list is used).
    pub fn margin_shown(&self) -> bool {
        self.notes_view == NotesView::Margin && geometry::band(&self.geometry()).is_some()
    }
}

/// The key that switches margin and list: the reader's choice for the
/// session (the next brief opened keeps it), said in the status line
/// (with why the list is shown where the margin does not fit).
pub fn switch(model: &mut Model) {
    let Some(reader) = model.reader.as_mut() else {
        return;
    };
    reader.notes_view = reader.notes_view.other();
    model.comfort.notes_view = reader.notes_view;
    let message = match reader.notes_view {
        NotesView::List => {
            notes::keep_selected_visible(reader);
            "Notes as a list ({toggle_notes_view}: in the margin)".to_string()
        }
        NotesView::Margin if reader.margin_shown() => {
            "Notes in the margin, beside their passages ({toggle_notes_view}: as a list)"
                .to_string()
        }
        NotesView::Margin => format!(
            "Notes in the margin where the notes pane is beside the text (from {} columns); \
             as a list here",
            crate::layout::WIDE
        ),
    };
    model.info(message);
}

/// Where a note of the notes pane sits: on a span of a passage, or
/// nowhere in the text (the whole brief, or detached). The one place the
/// margin reads placements.
fn anchors(reader: &Reader, list: &[usize]) -> Vec<Option<Span>> {
    list.iter()
        .map(|&i| reader.annotations.placement(i).span().cloned())
        .collect()
}

/// The sentence ranges with a note on them in `passage` (not notes on the
/// whole passage): the text marks them. The one place the text panes read
/// notes for this.
pub fn noted_ranges(reader: &Reader, passage: usize) -> Vec<(usize, usize)> {
    let text_end = reader.passage_text(passage).trim_end().len();
    reader
        .annotations
        .placed()
        .filter(|(a, _)| !a.deleted && matches!(a.kind, Kind::Note | Kind::Draft))
        .filter_map(|(_, p)| p.span())
        .filter(|span| {
            span.passage == passage && (span.bytes.start > 0 || span.bytes.end < text_end)
        })
        .map(|span| (span.bytes.start, span.bytes.end))
        .collect()
}

/// The row of a passage's rows where bytes from `start` begin: its first
/// row of text (or speaker) for a note on the whole passage.
fn anchor_row(rows: &PassageRows, start: usize) -> usize {
    let mut found = None;
    for (n, row) in rows.rows.iter().enumerate() {
        match row {
            Row::Speaker { .. } if start == 0 => return n,
            Row::Text { start: s, .. } if *s <= start || found.is_none() => found = Some(n),
            _ => {}
        }
    }
    found.unwrap_or(0)
}

/// What every band needs to know of the notes pane's entries.
struct Entries {
    /// Indices into the file's annotations (`notes::entries`).
    list: Vec<usize>,
    anchors: Vec<Option<Span>>,
    /// The entry selected and drawn so (the notes pane focused, or
    /// choosing where it goes).
    selected: Option<usize>,
    /// The entry shown whole (not cut to a few lines) and kept in view when
    /// notes crowd: the selected one, or the one the pane follows on the
    /// cursor's passage, or the note a search match is in.
    kept: Option<usize>,
    /// Text lines of the kept note scrolled past (`note_skip`).
    skip: usize,
    cursor: usize,
    /// Cells a note's rows are wrapped to.
    width: usize,
}

impl Entries {
    fn here(&self, n: usize) -> bool {
        self.anchors[n]
            .as_ref()
            .is_some_and(|span| span.passage == self.cursor)
    }
}

/// The margin for the reader as it is now; None when the list is shown.
pub fn margin(reader: &Reader) -> Option<Margin> {
    if reader.notes_view != NotesView::Margin {
        return None;
    }
    let mut band = geometry::band(&reader.geometry())?;
    let list = notes::entries(reader);
    let anchors = anchors(reader, &list);
    let emphasised = reader.focus == Pane::Notes || reader.choosing.is_some();
    let cursor_here = anchors
        .get(reader.notes_cursor)
        .and_then(Option::as_ref)
        .is_some_and(|span| span.passage == reader.cursor);
    let found_in_it = reader
        .current_note_annotation()
        .is_some_and(|annotation| list.get(reader.notes_cursor) == Some(&annotation));
    let entries = Entries {
        kept: (emphasised || cursor_here || found_in_it).then_some(reader.notes_cursor),
        skip: note_skip(reader),
        selected: emphasised.then_some(reader.notes_cursor),
        cursor: reader.cursor,
        width: usize::from(reader.geometry().notes.width.saturating_sub(2)).max(8),
        list,
        anchors,
    };
    // Where each passage in view starts, as a band row (negative: above
    // the band), with its rows and the band row of its pane's first row of
    // text.
    let mut shown: HashMap<usize, (isize, Rc<PassageRows>, isize)> = HashMap::new();
    for &(pane, text_top) in &band.panes {
        let pane_top = text_top as isize - band.rows.start as isize;
        for (k, (passage, rows, n)) in reader.visible(pane).into_iter().enumerate() {
            let row = pane_top + k as isize;
            shown
                .entry(passage)
                .or_insert((row - n as isize, rows, pane_top));
        }
    }
    let mut beside: Vec<(isize, usize)> = (0..entries.list.len())
        .filter_map(|n| {
            let span = entries.anchors[n].as_ref()?;
            let (passage, start) = (span.passage, span.bytes.start);
            let (top, rows, pane_top) = shown.get(&passage)?;
            // A passage begun above its pane's top: its note beside the
            // pane's first row of text, not beside the pane's border (or
            // the pane above).
            Some(((top + anchor_row(rows, start) as isize).max(*pane_top), n))
        })
        .collect();
    beside.sort();
    let order: Vec<usize> = beside.iter().map(|&(_, n)| n).collect();
    let lines = lines_of(reader, &entries, &order, band.rows.len());
    let notes: Vec<MarginNote> = beside
        .iter()
        .zip(&lines)
        .map(|(&(anchor, _), l)| MarginNote {
            anchor,
            height: l.len(),
        })
        .collect();
    // The block of unanchored notes takes the bottom of the margin: a
    // third of it, or all the rows the notes beside the text leave free.
    let keep = keep_of(&entries, &order);
    let used = geometry::place(&notes, band.rows.len(), keep)
        .placed
        .iter()
        .map(|p| p.y + p.rows)
        .max()
        .unwrap_or(0);
    let free = band.rows.len().saturating_sub(used + geometry::GAP);
    let mut margin = Margin::default();
    band.rows.end = block(reader, &entries, band.rows.clone(), free, &mut margin);
    add(
        &mut margin,
        &entries,
        band.rows.clone(),
        &notes,
        &order,
        lines,
    );
    Some(margin)
}

/// The block of notes on the whole brief and detached ones at the bottom
/// of `rows`: a rule, then the notes a row apart (a blank row above the
/// rule where there is room). Returns where the rows left for the notes
/// beside the text end.
fn block(
    reader: &Reader,
    entries: &Entries,
    rows: std::ops::Range<usize>,
    free: usize,
    margin: &mut Margin,
) -> usize {
    let order: Vec<usize> = (0..entries.list.len())
        .filter(|&n| entries.anchors[n].is_none())
        .collect();
    if order.is_empty() {
        return rows.end;
    }
    let lines = lines_of(reader, entries, &order, rows.len());
    let gaps = geometry::GAP * (lines.len() - 1);
    let needed = 1 + lines.iter().map(Vec::len).sum::<usize>() + gaps;
    let start = rows.end - geometry::block_rows(rows.len(), needed + geometry::GAP, free);
    let rule = start + (rows.end - start).saturating_sub(needed).min(geometry::GAP);
    if rule < rows.end {
        margin.block = Some(rule);
        let notes: Vec<MarginNote> = lines
            .iter()
            .map(|l| MarginNote {
                anchor: 0,
                height: l.len(),
            })
            .collect();
        add(margin, entries, rule + 1..rows.end, &notes, &order, lines);
    }
    start
}

/// Place one band's notes (entries `order`, laid out as `lines`) in
/// notes-pane rows `band`, and add them with the band's markers.
fn add(
    margin: &mut Margin,
    entries: &Entries,
    band: std::ops::Range<usize>,
    notes: &[MarginNote],
    order: &[usize],
    mut lines: Vec<Vec<String>>,
) {
    let keep = keep_of(entries, order);
    let height = band.len();
    let placed = geometry::place(notes, height, keep);
    for p in &placed.placed {
        let n = order[p.note];
        let mut shown = std::mem::take(&mut lines[p.note]);
        let cut = p.rows < shown.len();
        if cut {
            shown.truncate(p.rows);
            if let Some(last) = shown.last_mut() {
                ellipsis(last, entries.width);
            }
        }
        margin.notes.push(MarginEntry {
            entry: n,
            annotation: entries.list[n],
            row: band.start + p.y,
            lines: shown,
            here: entries.here(n),
            selected: Some(n) == entries.selected,
            cut,
        });
    }
    if placed.marker_above() {
        margin.markers.push(Marker {
            row: band.start,
            count: placed.above,
            above: true,
        });
    }
    if placed.marker_below() && height > 0 {
        margin.markers.push(Marker {
            row: band.end - 1,
            count: placed.below,
            above: false,
        });
    }
}

/// The note among `order` that shows whole if any can: the kept one,
/// else the first on the cursor's passage.
fn keep_of(entries: &Entries, order: &[usize]) -> Option<usize> {
    order
        .iter()
        .position(|&n| Some(n) == entries.kept)
        .or_else(|| order.iter().position(|&n| entries.here(n)))
}

/// The rows of the given entries as the margin shows them: header and
/// wrapped text, cut to `CUT_LINES` lines of text unless kept or on the
/// cursor's passage. Only the
/// entries within `rows` of the kept one (or the first) are wrapped: no
/// more can show in `rows` rows (each takes two with its gap), and a brief
/// with a thousand detached notes is not wrapped whole on every frame;
/// the others count as two rows, enough to be counted as more.
fn lines_of(reader: &Reader, entries: &Entries, order: &[usize], rows: usize) -> Vec<Vec<String>> {
    let at = keep_of(entries, order).unwrap_or(0);
    let window = at.saturating_sub(rows)..(at + rows + 1).min(order.len());
    let annotations: Vec<usize> = order[window.clone()]
        .iter()
        .map(|&n| entries.list[n])
        .collect();
    let mut wrapped = notes::note_blocks(reader, &annotations).into_iter();
    order
        .iter()
        .enumerate()
        .map(|(k, &n)| {
            let Some(block) = window.contains(&k).then(|| wrapped.next()).flatten() else {
                return vec![String::new(); 2];
            };
            let mut lines = block.lines;
            if Some(n) == entries.kept && entries.skip > 0 {
                // Scrolled: the header, marked, then the text read on.
                let skip = entries.skip.min(lines.len().saturating_sub(2));
                lines.drain(1..1 + skip);
                lines[0] = crate::text::fit(&format!("▴ {}", lines[0]), entries.width);
            }
            // The current passage's notes are whole (crowding may still
            // cut them at the bottom); the others are cut to a few lines.
            if Some(n) != entries.kept && !entries.here(n) && lines.len() > CUT_LINES + 1 {
                lines.truncate(CUT_LINES + 1);
                if let Some(last) = lines.last_mut() {
                    ellipsis(last, entries.width);
                }
            }
            lines
        })
        .collect()
}

/// End a cut line with an ellipsis, within `width` cells.
fn ellipsis(line: &mut String, width: usize) {
    if line.ends_with('…') {
        return;
    }
    if crate::text::width(line) < width {
        line.push('…');
    } else {
        *line = crate::text::fit(&format!("{line}…"), width);
    }
}

/// A click on notes-pane row `row` in the margin: the note there is
/// selected and the reader goes to its passage.
pub fn click(reader: &mut Reader, row: usize) {
    let Some(entry) = margin(reader).and_then(|m| m.at(row).map(|e| e.entry)) else {
        return;
    };
    reader.notes_cursor = entry;
    let list = notes::entries(reader);
    if let Some(Some(span)) = anchors(reader, &list).get(entry) {
        reader.move_to(span.passage);
    }
}

/// The passage and bytes the note selected in the notes pane is on, while
/// the pane has the focus (the text marks them).
pub fn selected_range(reader: &Reader) -> Option<Span> {
    if reader.focus != Pane::Notes {
        return None;
    }
    let i = notes::selected(reader)?;
    anchors(reader, &[i]).into_iter().next().flatten()
}

/// Text lines of the selected note scrolled past: `j` in the notes pane
/// reads down a note taller than the room it has, as it reads down a
/// long passage. Kept while that note stays selected in the focused pane.
pub fn note_skip(reader: &Reader) -> usize {
    match reader.note_scroll {
        Some((entry, skip)) if entry == reader.notes_cursor && reader.focus == Pane::Notes => skip,
        _ => 0,
    }
}

/// `j` (down) or `k` in the notes pane on a note cut at the pane's bottom
/// (or read down already): scroll through it, keeping a line of what was
/// shown. False when there is nothing to scroll: the selection moves.
pub fn scroll_note(reader: &mut Reader, down: bool) -> bool {
    let skip = note_skip(reader);
    let shown = match margin(reader) {
        Some(m) => m
            .notes
            .iter()
            .find(|e| e.entry == reader.notes_cursor)
            .map(|e| (e.cut, e.lines.len().saturating_sub(1))),
        None => notes::selected_rows(reader),
    };
    let Some((cut, rows)) = shown else {
        return false;
    };
    let step = rows.saturating_sub(1).max(1);
    let skip = match (down, cut) {
        (true, true) => skip + step,
        (false, _) if skip > 0 => skip.saturating_sub(step),
        _ => return false,
    };
    reader.note_scroll = Some((reader.notes_cursor, skip));
    true
}
