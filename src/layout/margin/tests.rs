use super::*;
use crate::layout::reader_geometry;
use ratatui::layout::Rect;

/// (what, notes as (anchor, height), band height, keep,
///  placed as (note, y, rows), above, below)
type Case = (
    &'static str,
    &'static [(isize, usize)],
    usize,
    Option<usize>,
    &'static [(usize, usize, usize)],
    usize,
    usize,
);

const CASES: &[Case] = &[
    ("no notes", &[], 20, None, &[], 0, 0),
    (
        "each on its passage's row",
        &[(0, 2), (5, 2), (12, 3)],
        20,
        None,
        &[(0, 0, 2), (1, 5, 2), (2, 12, 3)],
        0,
        0,
    ),
    (
        "crowding pushes later notes down just enough, a row apart",
        &[(3, 3), (4, 2), (5, 2)],
        20,
        None,
        &[(0, 3, 3), (1, 7, 2), (2, 10, 2)],
        0,
        0,
    ),
    (
        "a note that touches the next one's row is not moved",
        &[(0, 2), (3, 2)],
        20,
        None,
        &[(0, 0, 2), (1, 3, 2)],
        0,
        0,
    ),
    (
        "the kept note lines up with its passage: those above give way upward",
        &[(6, 3), (7, 2), (8, 2)],
        20,
        Some(1),
        &[(0, 3, 3), (1, 7, 2), (2, 10, 2)],
        0,
        0,
    ),
    (
        "the kept note last: all above it move up",
        &[(6, 3), (7, 2), (8, 2)],
        20,
        Some(2),
        &[(0, 1, 3), (1, 5, 2), (2, 8, 2)],
        0,
        0,
    ),
    (
        "no kept note: each pushed down from the one above",
        &[(6, 3), (7, 2), (8, 2)],
        20,
        None,
        &[(0, 6, 3), (1, 10, 2), (2, 13, 2)],
        0,
        0,
    ),
    (
        "the kept note lines up where the notes above cannot fit: they give way above",
        &[(0, 3), (1, 2), (2, 2)],
        20,
        Some(2),
        &[(2, 2, 2)],
        2,
        0,
    ),
    (
        "near the bottom, notes are pulled up rather than cut",
        &[(15, 3), (18, 3)],
        20,
        None,
        &[(0, 13, 3), (1, 17, 3)],
        0,
        0,
    ),
    (
        "pulling up stops where there is room",
        &[(2, 2), (15, 3), (18, 3)],
        20,
        None,
        &[(0, 2, 2), (1, 13, 3), (2, 17, 3)],
        0,
        0,
    ),
    (
        "a passage starting above the scroll top: its note at the top",
        &[(-4, 3), (2, 2)],
        20,
        None,
        &[(0, 0, 3), (1, 4, 2)],
        0,
        0,
    ),
    (
        "a sentence below the bottom: its note as low as it goes",
        &[(25, 2)],
        20,
        None,
        &[(0, 18, 2)],
        0,
        0,
    ),
    (
        "too many: the first ones show, the rest are counted below",
        &[(0, 5), (1, 5), (2, 5), (3, 5)],
        12,
        Some(0),
        &[(0, 0, 5), (1, 6, 5)],
        0,
        2,
    ),
    (
        "too many: the kept note shows whole on its row, earlier ones give way",
        &[(0, 5), (1, 5), (2, 5), (3, 5)],
        12,
        Some(3),
        &[(3, 3, 5)],
        3,
        0,
    ),
    (
        "too many: a kept note in the middle, markers at both ends",
        &[(0, 5), (1, 5), (2, 5), (3, 5), (4, 5)],
        14,
        Some(2),
        &[(2, 2, 5), (3, 8, 5)],
        2,
        1,
    ),
    (
        "a note taller than the band: its first rows, the rest below",
        &[(2, 30)],
        10,
        Some(0),
        &[(0, 0, 9)],
        0,
        1,
    ),
    (
        "a kept note taller than the band after another",
        &[(0, 2), (3, 30)],
        10,
        Some(1),
        &[(1, 1, 8)],
        1,
        1,
    ),
    (
        "a kept note below notes that fill the rows above its passage",
        &[(0, 4), (4, 4), (8, 4), (12, 4), (17, 4), (20, 4)],
        30,
        Some(4),
        &[(1, 2, 4), (2, 7, 4), (3, 12, 4), (4, 17, 4), (5, 22, 4)],
        1,
        0,
    ),
    ("a band with no rows", &[(0, 2)], 0, None, &[], 0, 1),
];

#[test]
fn margin_notes_are_placed_as_a_word_processor_places_comments() {
    for (what, notes, height, keep, placed, above, below) in CASES {
        let notes: Vec<MarginNote> = notes
            .iter()
            .map(|&(anchor, height)| MarginNote { anchor, height })
            .collect();
        let got = place(&notes, *height, *keep);
        let want: Vec<Placed> = placed
            .iter()
            .map(|&(note, y, rows)| Placed { note, y, rows })
            .collect();
        assert_eq!(
            (&got.placed, got.above, got.below),
            (&want, *above, *below),
            "{what}"
        );
        // Never overlapping, never off the band, never over a marker row.
        let top = usize::from(got.marker_above());
        let bottom = height - usize::from(got.marker_below() && *height > 0);
        let mut end = top;
        for p in &got.placed {
            assert!(p.y >= end && p.y + p.rows <= bottom, "{what}: {p:?}");
            end = p.y + p.rows;
        }
    }
}

#[test]
fn the_margin_runs_beside_the_text_panes() {
    let g =
        |w, h, toggled| reader_geometry(Rect::new(0, 0, w, h), 2, true, true, toggled, |_, _| 6);
    // 120 wide: summary above commentary, the margin beside both.
    let wide = g(120, 40, false);
    let b = band(&wide).expect("a margin at 120 columns");
    assert_eq!(b.rows, 0..usize::from(wide.notes.height) - 2);
    let commentary_top = usize::from(wide.commentary.y - wide.notes.y);
    assert_eq!(
        b.panes,
        vec![(Pane::Summary, 0), (Pane::Commentary, commentary_top)]
    );
    // 180 wide: three columns, both panes beside the same rows.
    let three = band(&g(180, 40, false)).expect("a margin at 180 columns");
    assert_eq!(three.panes, vec![(Pane::Summary, 0), (Pane::Commentary, 0)]);
    // 80 wide: the notes pane folds below the text (or away): no margin;
    // nor with the notes pane hidden.
    assert_eq!(band(&g(80, 24, true)), None);
    assert_eq!(band(&g(80, 24, false)), None);
    assert_eq!(band(&g(120, 40, true)), None);
}

#[test]
fn the_block_keeps_most_of_the_band_for_the_notes_beside_the_text() {
    // (band height, rows wanted, rows the notes beside the text leave, rows given)
    for (height, wanted, free, rows) in [
        (30, 4, 0, 4),
        (30, 20, 0, 10),
        (30, 20, 25, 20),
        (30, 40, 25, 25),
        (6, 5, 0, 3),
        (2, 5, 0, 2),
        (30, 0, 30, 0),
    ] {
        assert_eq!(
            block_rows(height, wanted, free),
            rows,
            "{height} {wanted} {free}"
        );
    }
}

#[test]
fn notes_view_names() {
    assert_eq!(NotesView::parse("margin"), Some(NotesView::Margin));
    assert_eq!(NotesView::parse(" list "), Some(NotesView::List));
    assert_eq!(NotesView::parse("side"), None);
    assert_eq!(NotesView::Margin.other(), NotesView::List);
}
