//! The library opens on the brief read last and `s` sorts it by date,
//! title, last read or progress, in turn (issue 13).

use brief::action::Action;
use brief::keymap::Keymap;
use brief::model::{Library, LibraryEntry, Model, update};

fn entry(title: &str, date: &str, read: Option<(u8, &str)>) -> LibraryEntry {
    LibraryEntry {
        path: format!("/lib/{title}.txt").into(),
        title: title.into(),
        date: Some(date.into()),
        read: read.map(|(p, when)| (p, when.into())),
        ..LibraryEntry::default()
    }
}

fn library() -> Model {
    let mut m = Model::new(Keymap::defaults(), 100, 30);
    m.library = Library::new(Some("/lib".into()), 30);
    let entries = vec![
        entry("Bravo", "2024-03-01", Some((40, "2026-11-02T10:00:00Z"))),
        entry("Alpha", "2024-01-01", None),
        entry("Delta", "2024-04-01", Some((100, "2026-11-01T10:00:00Z"))),
        entry("Charlie", "2024-02-01", Some((10, "2026-11-03T10:00:00Z"))),
    ];
    update(
        &mut m,
        Action::LibraryLoaded {
            entries,
            done: true,
        },
    );
    m
}

fn titles(m: &Model) -> Vec<&str> {
    let lib = &m.library;
    lib.visible
        .iter()
        .map(|&i| lib.entries[i].title.as_str())
        .collect()
}

fn selected(m: &Model) -> &str {
    m.library.selected().map_or("", |e| e.title.as_str())
}

#[test]
fn opens_on_the_last_read_and_sorts_in_turn() {
    let mut m = library();
    assert_eq!(titles(&m), ["Delta", "Bravo", "Charlie", "Alpha"]);
    assert_eq!(selected(&m), "Charlie", "the brief read last");
    let cases = [
        ("title", ["Alpha", "Bravo", "Charlie", "Delta"]),
        ("last read", ["Charlie", "Bravo", "Delta", "Alpha"]),
        ("progress", ["Delta", "Bravo", "Charlie", "Alpha"]),
        ("date", ["Delta", "Bravo", "Charlie", "Alpha"]),
    ];
    for (name, order) in cases {
        update(&mut m, Action::SortLibrary);
        assert_eq!(titles(&m), order, "sorted by {name}");
        assert_eq!(selected(&m), "Charlie", "stays on the brief selected");
        let message = m
            .message
            .as_ref()
            .map(|m| m.text.clone())
            .unwrap_or_default();
        assert_eq!(message, format!("Sorted by {name}"));
    }
}
