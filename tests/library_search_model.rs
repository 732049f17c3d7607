//! The library search in the model: typing never waits on the search (each
//! keystroke only asks for one, as an effect), and results of a query that
//! has since changed are dropped.

mod common;

use brief::action::Action;
use brief::keymap::Keymap;
use brief::model::{Effect, Library, Model, update};
use brief::search::Found;
use common::{press, type_text};
use std::path::PathBuf;

fn found(text: &str) -> Found {
    Found {
        path: PathBuf::from("/lib/a.txt"),
        title: "A brief".into(),
        passage: Some(2),
        section: None,
        text: text.into(),
        marks: std::iter::once(0..text.len().min(3)).collect(),
        note: false,
    }
}

fn searching() -> Model {
    let mut m = Model::new(Keymap::defaults(), 100, 20);
    m.library = Library::new(Some(PathBuf::from("/lib")), 20);
    press(&mut m, "S");
    m
}

#[test]
fn each_keystroke_asks_for_a_search_and_stale_results_are_dropped() {
    let mut m = searching();
    let fx = update(&mut m, Action::Key(brief::key::Key::char('o')));
    assert!(
        matches!(&fx[..], [Effect::SearchLibrary { query, .. }] if query == "o"),
        "{fx:?}"
    );
    let stale = m.find.as_ref().unwrap().generation;
    type_text(&mut m, "il");
    let current = m.find.as_ref().unwrap().generation;
    assert_ne!(stale, current);
    update(
        &mut m,
        Action::LibraryFound {
            generation: stale,
            found: vec![found("old")],
            done: true,
        },
    );
    assert!(
        m.find.as_ref().unwrap().found.is_empty(),
        "stale results kept"
    );
    update(
        &mut m,
        Action::LibraryFound {
            generation: current,
            found: vec![found("oil here")],
            done: true,
        },
    );
    let screen = common::render(&m, 100, 20);
    assert!(screen.contains("1 found"), "{screen}");
    assert!(screen.contains("¶3 · A brief · oil here"), "{screen}");
    let fx = update(
        &mut m,
        Action::Key(brief::key::Key::plain(brief::key::KeyCode::Enter)),
    );
    assert!(
        fx.iter().any(|e| matches!(e, Effect::OpenBrief { path, passage: Some(2) } if path == &PathBuf::from("/lib/a.txt"))),
        "{fx:?}"
    );
    assert!(m.find.is_none());
}

#[test]
fn closing_the_search_stops_it() {
    let mut m = searching();
    type_text(&mut m, "oil");
    let fx = update(&mut m, Action::Cancel);
    assert!(
        matches!(&fx[..], [Effect::SearchLibrary { query, .. }] if query.is_empty()),
        "{fx:?}"
    );
    assert!(m.find.is_none());
}

/// A result whose title and section are cut keeps the separator before its
/// text (a trial showed `Policy implicat……The storage`).
#[test]
fn a_cut_section_never_runs_into_the_text() {
    let mut m = searching();
    type_text(&mut m, "storage");
    let generation = m.find.as_ref().unwrap().generation;
    let hit = Found {
        title: "Winter gas storage: the picture after the first cold spell".into(),
        section: Some("Policy implications for the next winter".into()),
        ..found("The storage regulation expires at the end of the year.")
    };
    update(
        &mut m,
        Action::LibraryFound {
            generation,
            found: vec![hit],
            done: true,
        },
    );
    let screen = common::render(&m, 100, 20);
    let row = screen
        .lines()
        .find(|l| l.contains("¶3"))
        .expect("the result is listed");
    assert!(!row.contains("……"), "{row}");
    assert!(
        row.contains("… · The storage") || row.contains(" · The storage"),
        "{row}"
    );
}
