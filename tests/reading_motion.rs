//! Motion that reads like a book (issue 13): context rows around the
//! cursor's passage, and no line of the brief ever skipped while pressing
//! `j`, `k` or the page keys, at three window sizes.

mod common;

use brief::layout::{Pane, Row};
use brief::model::Model;
use common::{press, reader_from_bytes};
use std::collections::BTreeSet;

const SIZES: [(u16, u16); 3] = [(60, 16), (80, 24), (120, 40)];

/// A brief whose passages are short, with a few far taller than any pane.
fn brief_text() -> String {
    let mut text = String::from("Analyses\n\nA long read\n\n");
    for n in 0..24 {
        let sentences = if n % 7 == 3 { 90 } else { 1 + n % 3 };
        let body: Vec<String> = (0..sentences)
            .map(|s| format!("Passage {n} sentence {s} says something worth reading."))
            .collect();
        text.push_str(&body.join(" "));
        text.push_str("\n\n");
    }
    text
}

fn model(width: u16, height: u16) -> Model {
    reader_from_bytes(brief_text().as_bytes(), "long.txt", width, height)
}

/// Every (passage, row) the summary pane shows now.
fn shown(model: &Model) -> Vec<(usize, usize)> {
    let reader = model.reader.as_ref().expect("reader");
    reader
        .visible(Pane::Summary)
        .iter()
        .map(|(p, _, n)| (*p, *n))
        .collect()
}

/// Every (passage, row) of the brief at this size.
fn all_rows(model: &Model) -> BTreeSet<(usize, usize)> {
    let reader = model.reader.as_ref().expect("reader");
    let rect = reader.geometry().pane(Pane::Summary);
    (0..reader.index.len())
        .flat_map(|p| (0..reader.rows(p, rect).rows.len()).map(move |n| (p, n)))
        .collect()
}

fn cursor(model: &Model) -> usize {
    model.reader.as_ref().expect("reader").cursor
}

#[test]
fn every_line_is_seen_pressing_j_k_and_the_page_keys() {
    for (w, h) in SIZES {
        for (forward, back) in [("j", "k"), ("pagedown", "pageup"), ("ctrl-d", "ctrl-u")] {
            let mut m = model(w, h);
            let all = all_rows(&m);
            let last = m.reader.as_ref().unwrap().index.len() - 1;
            let mut seen: BTreeSet<_> = shown(&m).into_iter().collect();
            let mut presses = 0;
            while !all.is_subset(&seen) && presses < 2000 {
                press(&mut m, forward);
                let view = shown(&m);
                assert!(
                    view.iter().any(|(p, _)| *p == cursor(&m)),
                    "{w}x{h} {forward}: the cursor's passage is out of view"
                );
                seen.extend(view);
                presses += 1;
            }
            let missed: Vec<_> = all.difference(&seen).take(5).collect();
            assert!(
                missed.is_empty(),
                "{w}x{h}: pressing {forward} never showed (passage, row) {missed:?}"
            );
            // To the end, then all the way back up.
            while cursor(&m) < last && presses < 4000 {
                press(&mut m, forward);
                presses += 1;
            }
            let mut seen: BTreeSet<_> = shown(&m).into_iter().collect();
            let mut presses = 0;
            while !all.is_subset(&seen) && presses < 2000 {
                press(&mut m, back);
                seen.extend(shown(&m));
                presses += 1;
            }
            let missed: Vec<_> = all.difference(&seen).take(5).collect();
            assert!(
                missed.is_empty(),
                "{w}x{h}: pressing {back} never showed (passage, row) {missed:?}"
            );
        }
    }
}

/// Rows shown below (or above) the cursor's passage, and how many the
/// pane has there at all.
fn context(model: &Model) -> ((usize, usize), (usize, usize)) {
    let reader = model.reader.as_ref().expect("reader");
    let view = shown(model);
    let c = reader.cursor;
    let above = view.iter().take_while(|(p, _)| *p < c).count();
    let below = view.iter().filter(|(p, _)| *p > c).count();
    let rect = reader.geometry().pane(Pane::Summary);
    let rows = |range: std::ops::Range<usize>| -> usize {
        range.map(|p| reader.rows(p, rect).rows.len()).sum()
    };
    let exists_above = rows(0..c);
    let exists_below = rows(c + 1..reader.index.len());
    ((above, exists_above), (below, exists_below))
}

#[test]
fn context_rows_stay_around_the_cursor() {
    for (w, h) in SIZES {
        let mut m = model(w, h);
        let height = usize::from(
            m.reader
                .as_ref()
                .unwrap()
                .geometry()
                .pane(Pane::Summary)
                .height
                - 2,
        );
        let last = m.reader.as_ref().unwrap().index.len() - 1;
        for keys in ["j", "k"] {
            for _ in 0..60 {
                press(&mut m, keys);
                let reader = m.reader.as_ref().unwrap();
                let rect = reader.geometry().pane(Pane::Summary);
                let own = reader.rows(reader.cursor, rect).rows.len();
                if own + 2 > height {
                    continue; // a long passage fills the view
                }
                let want = 3.min((height - own) / 2);
                let ((above, has_above), (below, has_below)) = context(&m);
                // The context asked for, unless the brief has no more rows
                // there; moving down, below is what matters (and above
                // moving up), while the other side is never squeezed out
                // by the cursor's own passage.
                if keys == "j" {
                    assert!(
                        below >= want.min(has_below),
                        "{w}x{h} j to {}: {below} rows below, want {want}",
                        reader.cursor
                    );
                } else {
                    assert!(
                        above >= want.min(has_above),
                        "{w}x{h} k to {}: {above} rows above, want {want}",
                        reader.cursor
                    );
                }
                if reader.cursor == last && keys == "j" {
                    break;
                }
            }
        }
    }
}

fn bundled(name: &str, width: u16, height: u16) -> Model {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("briefs")
        .join(name);
    let bytes = std::fs::read(path).expect("bundled brief");
    reader_from_bytes(&bytes, name, width, height)
}

/// Rows of the cursor's passage with text (not the blank row after it),
/// rows it has on screen, and the pane's height.
fn cursor_rows(model: &Model) -> (usize, usize, usize) {
    let reader = model.reader.as_ref().expect("reader");
    let pane = reader.pane_of(reader.cursor);
    let rect = reader.geometry().pane(pane);
    let rows = reader.rows(reader.cursor, rect);
    let own = rows
        .rows
        .iter()
        .rposition(|r| !matches!(r, Row::Blank))
        .map_or(0, |n| n + 1);
    let shown = reader
        .visible(pane)
        .iter()
        .filter(|(p, _, n)| *p == reader.cursor && *n < own)
        .count();
    (own, shown, usize::from(rect.height - 2))
}

/// `j` on a passage that fits the pane moves on at once (a note typed
/// next goes on the passage the reader sees marked); only a passage
/// taller than the pane is read down first. At 100×30 the Baltic brief's
/// ¶2 has 10 rows of text in a 10-row summary pane.
#[test]
fn j_on_a_passage_that_fits_moves_on_at_once() {
    for (w, h) in [(100, 30), (60, 16), (80, 24), (120, 40)] {
        let mut m = bundled("baltic-grid-synchronisation.txt", w, h);
        let last = m.reader.as_ref().unwrap().index.len() - 1;
        while cursor(&m) < last {
            let (own, _, height) = cursor_rows(&m);
            let before = cursor(&m);
            press(&mut m, "j");
            if own <= height {
                assert_eq!(
                    cursor(&m),
                    before + 1,
                    "{w}x{h}: ¶{} is {own} rows in a {height}-row pane: j must move on",
                    before + 1
                );
            }
            // The passage moved to is whole on screen, if it fits.
            let (own, shown, height) = cursor_rows(&m);
            if cursor(&m) != before && own <= height {
                assert_eq!(shown, own, "{w}x{h}: ¶{} not whole", cursor(&m) + 1);
            }
        }
        // And back up with k.
        while cursor(&m) > 0 {
            let (own, _, height) = cursor_rows(&m);
            let before = cursor(&m);
            press(&mut m, "k");
            if own <= height {
                assert_eq!(cursor(&m) + 1, before, "{w}x{h}: k on ¶{}", before + 1);
            }
            let (own, shown, height) = cursor_rows(&m);
            if cursor(&m) != before && own <= height {
                assert_eq!(shown, own, "{w}x{h}: k, ¶{} not whole", cursor(&m) + 1);
            }
        }
    }
}
