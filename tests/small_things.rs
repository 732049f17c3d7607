//! Small things users asked for (issue 13): search says when it wraps
//! around, `n` with no search says so, `v v` leaves the selection, and a
//! selection reaching the end of its passage says so.

mod common;

use brief::model::Model;
use common::{press, reader, type_text};

fn message(m: &Model) -> String {
    m.message
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default()
}

#[test]
fn n_without_a_search_says_so() {
    let mut m = reader("seed_like.txt", 120, 40);
    press(&mut m, "n");
    assert_eq!(
        message(&m),
        m.keyed("No search yet: press {search} to search")
    );
    press(&mut m, "/");
    type_text(&mut m, "zzzz");
    press(&mut m, "enter n");
    assert_eq!(message(&m), "No match for “zzzz”");
}

#[test]
fn search_says_when_it_wraps_around() {
    let mut m = reader("seed_like.txt", 120, 40);
    press(&mut m, "/");
    type_text(&mut m, "norway");
    press(&mut m, "enter");
    let first = m.reader.as_ref().unwrap().cursor;
    press(&mut m, "n");
    assert!(!message(&m).contains("wrapped"), "{}", message(&m));
    press(&mut m, "n");
    assert_eq!(m.reader.as_ref().unwrap().cursor, first);
    assert_eq!(message(&m), "Search wrapped around to the start");
    press(&mut m, "N");
    assert_eq!(message(&m), "Search wrapped around to the end");
}

#[test]
fn v_v_leaves_the_selection_and_its_end_is_said() {
    let mut m = reader("seed_like.txt", 120, 40);
    press(&mut m, "v");
    assert!(m.reader.as_ref().unwrap().selection.is_some());
    press(&mut m, "v");
    assert!(
        m.reader.as_ref().unwrap().selection.is_none(),
        "v v leaves it"
    );
    press(&mut m, "v");
    let count = m.reader.as_ref().unwrap().sentences(0).len();
    for _ in 1..count {
        press(&mut m, ")");
        assert!(!message(&m).contains("ends"), "{}", message(&m));
    }
    press(&mut m, ")");
    assert_eq!(
        message(&m),
        "The selection ends with its passage: it stays in one passage"
    );
}

/// "How far it was read" is the furthest the reader went, not where the
/// cursor was when leaving (a new user's trial: `G` then `g g` then `q`
/// showed 14 % on a brief read to its end).
#[test]
fn progress_kept_is_the_furthest_reached_not_where_the_cursor_ended() {
    let mut m = reader("seed_like.txt", 120, 40);
    let fx = press(&mut m, "G g g q");
    let saved = fx.iter().find_map(|e| match e {
        brief::model::Effect::Save { file, .. } => file.position.clone(),
        _ => None,
    });
    let position = saved.expect("leaving saves the reading position");
    assert_eq!(position.passage, 0, "the place is where the reader was");
    assert_eq!(position.progress, Some(100), "how far is how far they went");
}
