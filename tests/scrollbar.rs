//! The scrollbar on a pane's right border (issue 11, item 12): not drawn
//! when the whole pane fits, at the top for the first passage, at the bottom
//! for the last, and moving in between.

mod common;

use brief::layout::Pane;
use brief::model::Model;
use common::{press, reader, reader_from_bytes};
use ratatui::{Terminal, backend::TestBackend};

/// Rows of the commentary pane's border that carry the thumb (┃).
fn thumb(model: &Model) -> Vec<u16> {
    let (w, h) = (model.width, model.height);
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| brief::ui::draw(f, model)).unwrap();
    let buffer = terminal.backend().buffer().clone();
    let r = model.reader.as_ref().unwrap();
    let rect = r.geometry().pane(Pane::Commentary);
    (rect.y + 1..rect.bottom() - 1)
        .filter(|&y| buffer[(rect.right() - 1, y)].symbol() == "┃")
        .map(|y| y - rect.y - 1)
        .collect()
}

fn long_brief() -> Vec<u8> {
    let mut text = String::from(
        "Analyses\n\nA long commentary\n\nThe summary, in one paragraph.\n\nCommentary\n\n",
    );
    // Few passages, each taller than a third of the pane: the case where
    // a thumb counted in whole passages stopped short of the bottom.
    for i in 1..=6 {
        let sentence = format!("Point {i} is argued at length, sentence after sentence. ");
        text.push_str(&format!("• {}\n", sentence.repeat(8)));
    }
    text.into_bytes()
}

#[test]
fn no_scrollbar_when_everything_fits() {
    let model = reader("seed_like.txt", 120, 40);
    assert_eq!(thumb(&model), Vec::<u16>::new());
}

#[test]
fn the_thumb_runs_from_top_to_bottom() {
    let mut model = reader_from_bytes(&long_brief(), "long.txt", 80, 24);
    press(&mut model, "G");
    let track = model
        .reader
        .as_ref()
        .unwrap()
        .geometry()
        .pane(Pane::Commentary)
        .height
        - 2;
    let at_end = thumb(&model);
    assert_eq!(at_end.last(), Some(&(track - 1)), "G: thumb at the bottom");
    assert!(
        at_end.len() < usize::from(track),
        "the thumb is not the whole track"
    );
    press(&mut model, "g g j");
    let at_start = thumb(&model);
    assert_eq!(at_start.first(), Some(&0), "g g: thumb at the top");
    assert_ne!(at_start, at_end, "the thumb moved");
    // Half way, it is neither at the top nor at the bottom.
    press(&mut model, "j j");
    let middle = thumb(&model);
    assert!(
        middle.first() > Some(&0) && middle.last() < Some(&(track - 1)),
        "{middle:?}"
    );
}

/// The scrollbar column of the summary pane.
fn summary_column(model: &Model) -> Vec<String> {
    let (w, h) = (model.width, model.height);
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| brief::ui::draw(f, model)).unwrap();
    let buffer = terminal.backend().buffer().clone();
    let rect = model
        .reader
        .as_ref()
        .unwrap()
        .geometry()
        .pane(Pane::Summary);
    (rect.y + 1..rect.bottom() - 1)
        .map(|y| buffer[(rect.right() - 1, y)].symbol().to_string())
        .collect()
}

/// Notes marked on the scrollbar (✎) never hide where the view is: with a
/// note on each of ten passages at 60×20, the thumb is on the same rows as
/// without the notes, wherever the reader is.
#[test]
fn note_marks_leave_the_thumb_readable() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("briefs/drought-response-briefing.txt");
    let bytes = std::fs::read(path).expect("bundled brief");
    let name = "drought-response-briefing.txt";
    let mut plain = reader_from_bytes(&bytes, name, 60, 20);
    let mut noted = reader_from_bytes(&bytes, name, 60, 20);
    press(&mut noted, "g g");
    for n in 1..=10 {
        press(&mut noted, "a");
        for c in format!("Note {n}").chars() {
            brief::model::update(
                &mut noted,
                brief::action::Action::Key(brief::keymap::Key::char(c)),
            );
        }
        press(&mut noted, "ctrl-s j");
    }
    press(&mut noted, "g g");
    for step in 0..10 {
        let thumb: Vec<usize> = summary_column(&plain)
            .iter()
            .enumerate()
            .filter(|(_, s)| *s == "┃")
            .map(|(r, _)| r)
            .collect();
        assert!(!thumb.is_empty(), "a thumb at step {step}");
        let column = summary_column(&noted);
        assert!(
            thumb.iter().all(|&r| column[r] == "┃"),
            "after {step} j: thumb on rows {thumb:?}, drawn {}",
            column.concat()
        );
        press(&mut plain, "j");
        press(&mut noted, "j");
    }
}
