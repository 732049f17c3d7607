//! The library's filter, as a person uses it (issue 11, item 9): `/` starts a
//! new filter, every word typed must appear in the entry, `ctrl-u` clears the
//! input, and Esc clears the filter, in the prompt and in the list.

mod common;

use brief::action::Action;
use brief::keymap::Keymap;
use brief::model::{Library, LibraryEntry, Model, update};
use common::{press, type_text};

const TITLES: [&str; 4] = [
    "Heat pumps in older apartment buildings",
    "Gas storage before the winter",
    "Norway opens its continental shelf",
    "Fiscal rules after the pandemic",
];

fn library() -> Model {
    let mut model = Model::new(Keymap::defaults(), 100, 30);
    model.library = Library::new(Some("lib".into()), 30);
    let entries = TITLES
        .iter()
        .map(|t| LibraryEntry {
            path: format!("lib/{}.txt", t.len()).into(),
            title: t.to_string(),
            category: Some("Analyses".into()),
            ..LibraryEntry::default()
        })
        .collect();
    update(
        &mut model,
        Action::LibraryLoaded {
            entries,
            done: true,
        },
    );
    model
}

fn shown(model: &Model) -> Vec<&str> {
    let l = &model.library;
    l.visible
        .iter()
        .map(|&i| l.entries[i].title.as_str())
        .collect()
}

#[test]
fn library_filter_table() {
    // (keys before, text typed, keys after, filter left, titles shown)
    let cases: &[(&str, &str, &str, &str, &[&str])] = &[
        ("/", "gas", "", "gas", &["Gas storage before the winter"]),
        (
            "/",
            "gas",
            "enter",
            "gas",
            &["Gas storage before the winter"],
        ),
        (
            "/",
            "winter gas",
            "enter",
            "winter gas",
            &["Gas storage before the winter"],
        ),
        ("/", "GAS", "", "GAS", &[]),
        ("/", "gas", "esc", "", &TITLES),
        ("/", "gas", "enter esc", "", &TITLES),
        ("/", "gas", "enter q", "", &TITLES),
        ("/", "gas", "ctrl-u", "", &TITLES),
        (
            "/",
            "analyses pumps",
            "",
            "analyses pumps",
            &["Heat pumps in older apartment buildings"],
        ),
        ("/", "gas", "enter / ", "", &TITLES),
    ];
    for (before, typed, after, filter, titles) in cases {
        let mut model = library();
        press(&mut model, before);
        type_text(&mut model, typed);
        press(&mut model, after);
        let mut expected = titles.to_vec();
        let mut got = shown(&model);
        expected.sort();
        got.sort();
        assert_eq!(
            (model.library.filter.as_str(), got),
            (*filter, expected),
            "keys {before:?} {typed:?} {after:?}"
        );
    }
}

#[test]
fn a_second_filter_starts_empty_and_esc_keeps_the_selected_brief() {
    let mut model = library();
    press(&mut model, "/");
    type_text(&mut model, "norway");
    press(&mut model, "enter /");
    type_text(&mut model, "fiscal");
    assert_eq!(model.library.filter, "fiscal");
    press(&mut model, "enter esc");
    assert_eq!(
        model.library.selected().map(|e| e.title.as_str()),
        Some("Fiscal rules after the pandemic")
    );
}
