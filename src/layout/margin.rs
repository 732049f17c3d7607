//! Notes in the margin, as a word processor shows comments: each note
//! starts on the row where its passage (or its first sentence) starts in
//! the text beside it; when notes crowd, later ones are pushed down just
//! enough, and pulled up again when they would run off the bottom. What
//! still does not fit is counted for a "more above / below" row, never
//! drawn over. Pure: rows in, rows out.

use super::{Pane, ReaderGeometry};
use std::ops::Range;

/// How the notes pane shows notes (`notes_view:` in config.yaml).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum NotesView {
    /// Beside their passages, scrolling with the text.
    #[default]
    Margin,
    /// One after another, in the order of the brief.
    List,
}

impl NotesView {
    pub const ALL: [(&'static str, NotesView); 2] =
        [("margin", NotesView::Margin), ("list", NotesView::List)];

    pub fn parse(name: &str) -> Option<NotesView> {
        Self::ALL
            .iter()
            .find(|(n, _)| *n == name.trim())
            .map(|(_, v)| *v)
    }

    pub fn other(self) -> NotesView {
        match self {
            NotesView::Margin => NotesView::List,
            NotesView::List => NotesView::Margin,
        }
    }
}

/// Blank rows between two notes pushed against each other.
pub const GAP: usize = 1;

/// Text rows a note not selected shows in the margin (below its header);
/// the rest is behind an ellipsis.
pub const CUT_LINES: usize = 3;

/// A note to place in a band of the margin.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MarginNote {
    /// The band row where the note's passage (or first sentence) starts;
    /// negative when that row is scrolled above the band's top, at least
    /// the band's height when it is below the bottom (its passage shows
    /// in part only). Either way the note goes as near as it can.
    pub anchor: isize,
    /// Rows the note takes.
    pub height: usize,
}

/// A note as placed: `rows` of its rows shown from band row `y`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placed {
    /// Index into the notes given.
    pub note: usize,
    pub y: usize,
    /// Fewer than the note's height when it is cut at the bottom.
    pub rows: usize,
}

/// Where the notes of a band go, and how many could not be shown: those
/// counted go on a marker row at the band's top (above) or bottom
/// (below), which no note covers.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MarginLayout {
    pub placed: Vec<Placed>,
    /// Notes before the first shown.
    pub above: usize,
    /// Notes after the last shown in full (a cut one counts).
    pub below: usize,
}

impl MarginLayout {
    /// Whether the band's first row is a "more above" marker.
    pub fn marker_above(&self) -> bool {
        self.above > 0
    }

    /// Whether the band's last row is a "more below" marker.
    pub fn marker_below(&self) -> bool {
        self.below > 0
    }
}

/// Place `notes` (in the order their anchors come in the text) in a band
/// of `height` rows. `keep`: the note that must show whole if any can
/// (the selected note, or the current passage's first): when not all
/// fit, the notes before it give way first.
pub fn place(notes: &[MarginNote], height: usize, keep: Option<usize>) -> MarginLayout {
    let n = notes.len();
    if n == 0 {
        return MarginLayout::default();
    }
    if height == 0 {
        return MarginLayout {
            below: n,
            ..MarginLayout::default()
        };
    }
    if let Some(k) = keep.filter(|&k| k < n) {
        return aligned(notes, height, k);
    }
    // Everything, pushed down from the anchors, then pulled back up.
    let mut ys = forward(notes, 0, 0);
    let mut limit = height as isize;
    for i in (0..n).rev() {
        ys[i] = ys[i].min(limit - notes[i].height as isize);
        limit = ys[i] - GAP as isize;
    }
    if ys[0] >= 0 {
        let placed = (0..n)
            .map(|i| Placed {
                note: i,
                y: ys[i] as usize,
                rows: notes[i].height,
            })
            .collect();
        return MarginLayout {
            placed,
            above: 0,
            below: 0,
        };
    }
    crowded(notes, height, keep.unwrap_or(0).min(n - 1))
}

/// With a kept note: it lines up with its passage (as near as the band
/// lets it show whole), as a word processor lines up the active comment
/// with its text; the notes above fill the room above it and those that
/// do not fit give way upward into the "more above" count; the notes
/// after it follow it down, pulled back up near the bottom, and those
/// that do not fit are counted below.
fn aligned(notes: &[MarginNote], height: usize, k: usize) -> MarginLayout {
    let n = notes.len();
    let kh = notes[k].height as isize;
    let after: isize = notes[k + 1..]
        .iter()
        .map(|m| (m.height + GAP) as isize)
        .sum();
    let place_at = |bottom: isize| -> (usize, Vec<isize>) {
        // The kept note's row when nothing above is left out.
        let want = notes[k].anchor.min(bottom - kh).max(0);
        for first in 0..=k {
            let floor = isize::from(first > 0);
            let mut ys = forward(notes, first, floor as usize);
            ys[k] = want.max(floor);
            for i in (first..k).rev() {
                ys[i] = ys[i].min(ys[i + 1] - (notes[i].height + GAP) as isize);
            }
            if ys[first] >= floor {
                return (first, ys);
            }
        }
        unreachable!("the kept note alone always fits below the floor")
    };
    let height_i = height as isize;
    let (first, mut ys) = place_at(height_i);
    if ys[k] + kh + after <= height_i {
        // All after it fit: pushed down from their anchors, then pulled
        // back up towards it near the bottom.
        let mut next = ys[k] + kh + GAP as isize;
        for i in k + 1..n {
            ys[i] = notes[i].anchor.max(next);
            next = ys[i] + (notes[i].height + GAP) as isize;
        }
        let mut limit = height_i;
        for i in (k + 1..n).rev() {
            ys[i] = ys[i].min(limit - notes[i].height as isize);
            limit = ys[i] - GAP as isize;
        }
        let placed = (first..n)
            .map(|i| Placed {
                note: i,
                y: ys[i] as usize,
                rows: notes[i].height,
            })
            .collect();
        return MarginLayout {
            placed,
            above: first,
            below: 0,
        };
    }
    // Not all after it fit: a marker row at the bottom.
    let (first, mut ys) = place_at(height_i - 1);
    let mut next = ys[k] + kh + GAP as isize;
    for i in k + 1..n {
        ys[i] = notes[i].anchor.max(next);
        next = ys[i] + (notes[i].height + GAP) as isize;
    }
    shown_from(notes, height, first, &ys)
}

/// The notes `first..` at rows `ys`, as many as fit above the bottom
/// marker (the last note needs none), the first that does not fit cut,
/// the rest counted below.
fn shown_from(notes: &[MarginNote], height: usize, first: usize, ys: &[isize]) -> MarginLayout {
    let n = notes.len();
    let mut placed = Vec::new();
    let mut below = 0;
    for i in first..n {
        let y = ys[i].max(0) as usize;
        let whole = y + notes[i].height;
        // Room above the bottom marker (the last note needs none).
        let end = if i + 1 == n && whole <= height {
            height
        } else {
            height - 1
        };
        if whole <= end {
            placed.push(Placed {
                note: i,
                y,
                rows: notes[i].height,
            });
            continue;
        }
        // The first that does not fit: what fits of it, then the marker.
        if y < end {
            placed.push(Placed {
                note: i,
                y,
                rows: end - y,
            });
        }
        below = n - i;
        break;
    }
    MarginLayout {
        placed,
        above: first,
        below,
    }
}

/// The kept note, pushed down by the notes above it, goes back up towards
/// its anchor as far as those notes can give way above it (as a word
/// processor lines up the active comment with its text); the notes after
/// it follow it up. `first..`: the notes shown, from row `floor`.
fn align_kept(
    notes: &[MarginNote],
    ys: &mut [isize],
    first: usize,
    floor: usize,
    k: usize,
    height: usize,
) {
    let lowest = height.saturating_sub(notes[k].height).max(floor) as isize;
    let anchor = notes[k].anchor.clamp(floor as isize, lowest);
    let above: usize = notes[first..k].iter().map(|m| m.height + GAP).sum();
    let target = anchor.max((floor + above) as isize);
    if target >= ys[k] {
        return;
    }
    ys[k] = target;
    for i in (first..k).rev() {
        ys[i] = ys[i].min(ys[i + 1] - (notes[i].height + GAP) as isize);
    }
    let mut next = ys[k] + (notes[k].height + GAP) as isize;
    for i in k + 1..notes.len() {
        ys[i] = ys[i].min(notes[i].anchor.max(next));
        next = ys[i] + (notes[i].height + GAP) as isize;
    }
}

/// Top rows of notes `first..` pushed down from their anchors, starting no
/// higher than `floor`.
fn forward(notes: &[MarginNote], first: usize, floor: usize) -> Vec<isize> {
    let mut ys = vec![0isize; notes.len()];
    let mut next = floor as isize;
    for i in first..notes.len() {
        let y = notes[i].anchor.max(next);
        ys[i] = y;
        next = y + (notes[i].height + GAP) as isize;
    }
    ys
}

/// Not all fit: show a run of notes that holds `keep` whole (or as much of
/// it as the band holds), with marker rows for the rest.
fn crowded(notes: &[MarginNote], height: usize, keep: usize) -> MarginLayout {
    let n = notes.len();
    // A marker row at the bottom unless `keep` is the last note.
    let bottom = if keep + 1 < n { height - 1 } else { height } as isize;
    // The first note shown: the earliest from which the notes down to
    // `keep`, pushed down and pulled back up, hold it whole above the
    // bottom marker (below a top marker when notes give way above).
    let mut chosen = None;
    for first in 0..=keep {
        let floor = usize::from(first > 0) as isize;
        let mut ys = forward(notes, first, floor as usize);
        let mut limit = bottom;
        for i in (first..=keep).rev() {
            ys[i] = ys[i].min(limit - notes[i].height as isize);
            limit = ys[i] - GAP as isize;
        }
        if ys[first] >= floor {
            chosen = Some((first, ys));
            break;
        }
    }
    // Even alone it is taller than the band: as much of it as shows.
    let (first, mut ys) = chosen.unwrap_or_else(|| {
        let mut ys = vec![0; n];
        ys[keep] = isize::from(keep > 0);
        (keep, ys)
    });
    align_kept(
        notes,
        &mut ys,
        first,
        usize::from(first > 0),
        keep,
        bottom as usize,
    );
    // The notes after it follow from where it now ends.
    let mut next = ys[keep] + (notes[keep].height + GAP) as isize;
    for i in keep + 1..n {
        ys[i] = notes[i].anchor.max(next);
        next = ys[i] + (notes[i].height + GAP) as isize;
    }
    shown_from(notes, height, first, &ys)
}

/// The margin: the notes pane's rows (inside its border) beside the text
/// panes. One column for both text panes, as a word processor has one
/// margin for a page: a crowded pane's notes may spill beside the other
/// rather than be left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Band {
    /// Notes-pane rows, inside its border.
    pub rows: Range<usize>,
    /// Each text pane beside it, with the notes-pane row beside that
    /// pane's first row of text.
    pub panes: Vec<(Pane, usize)>,
}

/// The margin for a reader geometry; None when the notes pane is not
/// beside the text (folded below it, or hidden): the list is used there.
pub fn band(g: &ReaderGeometry) -> Option<Band> {
    let notes = g.notes;
    let text_x = g.summary.x.min(g.commentary.x);
    if notes.width < 3 || notes.height < 3 || notes.x <= text_x {
        return None;
    }
    let inner_top = usize::from(notes.y) + 1;
    let panes: Vec<(Pane, usize)> = [(Pane::Summary, g.summary), (Pane::Commentary, g.commentary)]
        .into_iter()
        .filter(|(_, r)| r.height > 2 && r.width > 2)
        .map(|(pane, r)| (pane, (usize::from(r.y) + 1).saturating_sub(inner_top)))
        .collect();
    (!panes.is_empty()).then(|| Band {
        rows: 0..usize::from(notes.height - 2),
        panes,
    })
}

/// Rows the block of notes on the whole brief (and detached ones) takes at
/// the bottom of a band of `height` rows, when they need `wanted` and the
/// notes beside the text leave `free` rows at the bottom: all it wants up
/// to a third of the band (never under three rows while the band has
/// them) or the free rows, whichever is more, so the notes beside the
/// text keep what they need.
pub fn block_rows(height: usize, wanted: usize, free: usize) -> usize {
    wanted.min((height / 3).max(3).max(free)).min(height)
}

#[cfg(test)]
mod tests;
