//! Live files at the level of the model (issue 13): what the reader and
//! the library become when the watcher says files changed and what was read
//! again comes back. State + actions → state, no disk.

mod common;

use brief::action::Action;
use brief::annotations::{Kind, Placement};
use brief::keymap::Keymap;
use brief::model::{Effect, Library, LibraryEntry, Model, update};
use brief::payload::Reload;
use common::{press, type_text};
use std::path::PathBuf;

const NAME: &str = "live.txt";

fn text(paragraphs: &[&str]) -> String {
    format!("Analyses\n\nA live brief\n\n{}\n", paragraphs.join("\n\n"))
}

const FIRST: [&str; 4] = [
    "Alpha opens the brief.",
    "Bravo follows it.",
    "Charlie carries the note.",
    "Delta closes it.",
];

fn model() -> Model {
    common::reader_from_bytes(text(&FIRST).as_bytes(), NAME, 100, 30)
}

/// The watcher saw the brief change: the model asks for it again, and
/// gets `now` back.
fn reload(model: &mut Model, now: Reload) -> Vec<Effect> {
    let fx = update(
        model,
        Action::FilesChanged {
            paths: vec![PathBuf::from(NAME)],
            library: vec![],
        },
    );
    let generation = match fx.as_slice() {
        [Effect::ReloadBrief { path, generation }] if path == &PathBuf::from(NAME) => *generation,
        other => panic!("expected one reload, got {other:?}"),
    };
    update(
        model,
        Action::BriefReloaded {
            path: PathBuf::from(NAME),
            generation,
            reload: now,
        },
    )
}

fn read(paragraphs: &[&str]) -> Reload {
    let bytes = text(paragraphs);
    Reload::Read {
        brief: Box::new(brief::loader::load(bytes.as_bytes(), NAME).unwrap()),
        bytes: bytes.len() as u64,
    }
}

fn cursor_text(model: &Model) -> String {
    let r = model.reader.as_ref().unwrap();
    r.passage_text(r.cursor).to_string()
}

fn message(model: &Model) -> String {
    model
        .message
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default()
}

/// The passage text each live note is placed on (None: detached).
fn notes(model: &Model) -> Vec<(String, Option<String>)> {
    let r = model.reader.as_ref().unwrap();
    r.annotations
        .placed()
        .filter(|(a, _)| !a.deleted && matches!(a.kind, Kind::Note | Kind::Draft))
        .map(|(a, p)| {
            (
                a.note.clone().unwrap_or_default(),
                p.passage().map(|i| r.passage_text(i).to_string()),
            )
        })
        .collect()
}

/// A note "mine" on Charlie, the cursor left on it.
fn with_note_on_charlie() -> Model {
    let mut m = model();
    press(&mut m, "j j");
    assert_eq!(cursor_text(&m), FIRST[2]);
    press(&mut m, "a");
    type_text(&mut m, "mine");
    press(&mut m, "ctrl-s");
    m
}

#[test]
fn a_reload_keeps_the_reading_position_and_the_notes_on_their_text() {
    let mut m = with_note_on_charlie();
    reload(
        &mut m,
        read(&[
            "Alpha opens the brief.",
            "A new paragraph.",
            "Bravo follows it.",
            FIRST[2],
            FIRST[3],
        ]),
    );
    assert_eq!(cursor_text(&m), FIRST[2], "the cursor stays on its text");
    assert_eq!(m.reader.as_ref().unwrap().cursor, 3);
    assert_eq!(notes(&m), [("mine".into(), Some(FIRST[2].into()))]);
    assert_eq!(message(&m), "Reloaded: live.txt changed on disk");
    let screen = common::render(&m, 100, 30);
    assert!(screen.contains("A new paragraph."), "{screen}");
}

#[test]
fn a_reload_that_cannot_be_read_leaves_the_brief_shown_and_says_why() {
    let mut m = with_note_on_charlie();
    let before = m.reader.as_ref().unwrap().brief.clone();
    reload(&mut m, Reload::Failed(format!("{NAME}: not a text brief")));
    assert_eq!(m.reader.as_ref().unwrap().brief, before);
    assert!(m.message.as_ref().unwrap().error);
    assert_eq!(
        message(&m),
        "Not reloaded (the version read before stays): live.txt: not a text brief"
    );
    // Emptied while being written: not read as a brief with no text.
    reload(&mut m, read(&[]));
    assert_eq!(m.reader.as_ref().unwrap().brief, before);
    assert!(message(&m).contains("live.txt is empty"), "{}", message(&m));
    assert_eq!(notes(&m), [("mine".into(), Some(FIRST[2].into()))]);
}

#[test]
fn a_brief_deleted_while_open_stays_shown_and_its_notes_can_still_be_saved() {
    let mut m = with_note_on_charlie();
    let fx = reload(&mut m, Reload::Gone);
    assert!(fx.is_empty(), "{fx:?}");
    assert_eq!(
        message(&m),
        "live.txt is gone (deleted or moved away): still shown as it was; notes kept"
    );
    assert_eq!(cursor_text(&m), FIRST[2]);
    let fx = press(&mut m, "esc m");
    assert!(
        fx.iter().any(|e| matches!(e, Effect::Save { .. })),
        "a bookmark is still saved: {fx:?}"
    );
    // It comes back as it was: said, and nothing else changes.
    reload(&mut m, read(&FIRST));
    assert_eq!(message(&m), "live.txt is back");
    assert_eq!(notes(&m), [("mine".into(), Some(FIRST[2].into()))]);
}

#[test]
fn the_note_being_written_follows_its_passage_through_a_reload() {
    let mut m = model();
    press(&mut m, "j j a");
    type_text(&mut m, "half written");
    reload(
        &mut m,
        read(&[
            "A new first paragraph.",
            FIRST[0],
            FIRST[1],
            FIRST[2],
            FIRST[3],
        ]),
    );
    let r = m.reader.as_ref().unwrap();
    let editor = r.editor.as_ref().expect("the editor stays open");
    assert_eq!(editor.text(), "half written");
    press(&mut m, "ctrl-s");
    assert_eq!(notes(&m), [("half written".into(), Some(FIRST[2].into()))]);
}

#[test]
fn the_note_being_written_on_a_passage_that_went_is_kept_as_a_draft_with_its_quote() {
    let mut m = model();
    press(&mut m, "j j a");
    type_text(&mut m, "about charlie");
    let fx = reload(&mut m, read(&[FIRST[0], FIRST[1], FIRST[3]]));
    assert!(
        fx.iter().any(|e| matches!(e, Effect::Save { .. })),
        "the draft is written at once: {fx:?}"
    );
    assert!(message(&m).contains("kept as a draft"), "{}", message(&m));
    let r = m.reader.as_ref().unwrap();
    assert_eq!(r.editor.as_ref().unwrap().text(), "about charlie");
    assert_eq!(notes(&m), [("about charlie".into(), None)]);
    press(&mut m, "ctrl-s");
    let r = m.reader.as_ref().unwrap();
    let note = r
        .annotations
        .all()
        .iter()
        .find(|a| !a.deleted && a.kind == Kind::Note)
        .expect("saved as a note");
    assert_eq!(note.note.as_deref(), Some("about charlie"));
    assert_eq!(note.anchor.as_ref().unwrap().quote(), FIRST[2]);
    assert!(
        r.annotations.placements().contains(&Placement::Detached),
        "shown detached, with its quote"
    );
}

#[test]
fn only_the_latest_reload_counts_and_the_rest_of_a_large_brief_does_not_undo_it() {
    let mut m = model();
    let mut generations = Vec::new();
    for _ in 0..2 {
        for e in update(
            &mut m,
            Action::FilesChanged {
                paths: vec![PathBuf::from(NAME)],
                library: vec![],
            },
        ) {
            if let Effect::ReloadBrief { generation, .. } = e {
                generations.push(generation);
            }
        }
    }
    let stale = Action::BriefReloaded {
        path: PathBuf::from(NAME),
        generation: generations[0],
        reload: read(&["Stale."]),
    };
    update(&mut m, stale);
    assert_eq!(cursor_text(&m), FIRST[0], "a stale answer is dropped");
    update(
        &mut m,
        Action::BriefReloaded {
            path: PathBuf::from(NAME),
            generation: generations[1],
            reload: read(&["Fresh."]),
        },
    );
    assert_eq!(cursor_text(&m), "Fresh.");
    let old = brief::loader::load(text(&FIRST).as_bytes(), NAME).unwrap();
    update(
        &mut m,
        Action::BriefCompleted {
            path: PathBuf::from(NAME),
            brief: Box::new(old),
        },
    );
    assert_eq!(cursor_text(&m), "Fresh.");
}

#[test]
fn other_files_changing_reload_nothing() {
    let mut m = model();
    let fx = update(
        &mut m,
        Action::FilesChanged {
            paths: vec![PathBuf::from("other.txt")],
            library: vec![],
        },
    );
    assert!(fx.is_empty());
}

fn entry(path: &str, title: &str) -> LibraryEntry {
    LibraryEntry {
        path: PathBuf::from(path),
        title: title.into(),
        ..LibraryEntry::default()
    }
}

fn library() -> Model {
    let mut m = Model::new(Keymap::defaults(), 80, 20);
    m.library = Library::new(Some(PathBuf::from("/lib")), 20);
    let entries = vec![
        entry("/lib/a.txt", "Alpha"),
        entry("/lib/b.txt", "Bravo"),
        entry("/lib/c.txt", "Charlie"),
    ];
    update(
        &mut m,
        Action::LibraryLoaded {
            entries,
            done: true,
        },
    );
    m.library.sort = Default::default();
    press(&mut m, "s");
    // By title: Alpha, Bravo, Charlie; Bravo selected.
    press(&mut m, "g g j");
    m
}

fn selected(m: &Model) -> String {
    m.library
        .selected()
        .map(|e| e.title.clone())
        .unwrap_or_default()
}

fn titles(m: &Model) -> Vec<String> {
    m.library
        .visible
        .iter()
        .map(|&i| m.library.entries[i].title.clone())
        .collect()
}

/// The library folder changed: the model asks for a listing, which it gets.
fn relist(m: &mut Model, changed: &[&str], paths: &[&str], fresh: Vec<LibraryEntry>) {
    let fx = update(
        m,
        Action::FilesChanged {
            paths: vec![],
            library: changed.iter().map(PathBuf::from).collect(),
        },
    );
    let [Effect::ListLibrary { dir, known, .. }] = fx.as_slice() else {
        panic!("expected a listing, got {fx:?}");
    };
    assert_eq!(dir, &PathBuf::from("/lib"));
    assert_eq!(known.len(), m.library.entries.len());
    update(
        m,
        Action::LibraryRelisted {
            paths: paths.iter().map(PathBuf::from).collect(),
            fresh,
        },
    );
}

#[test]
fn the_library_follows_its_folder_and_keeps_the_brief_selected() {
    let mut m = library();
    assert_eq!(selected(&m), "Bravo");
    // Added before it in the order.
    relist(
        &mut m,
        &["/lib/aa.txt"],
        &["/lib/a.txt", "/lib/aa.txt", "/lib/b.txt", "/lib/c.txt"],
        vec![entry("/lib/aa.txt", "Abacus")],
    );
    assert_eq!(titles(&m), ["Abacus", "Alpha", "Bravo", "Charlie"]);
    assert_eq!(selected(&m), "Bravo");
    // Another removed.
    relist(
        &mut m,
        &["/lib/a.txt"],
        &["/lib/aa.txt", "/lib/b.txt", "/lib/c.txt"],
        vec![],
    );
    assert_eq!(titles(&m), ["Abacus", "Bravo", "Charlie"]);
    assert_eq!(selected(&m), "Bravo");
    // The selected one renamed (moved into a subfolder): still selected.
    let mut moved = entry("/lib/news/b.txt", "Bravo");
    moved.folder = "news/".into();
    relist(
        &mut m,
        &["/lib/b.txt", "/lib/news"],
        &["/lib/aa.txt", "/lib/c.txt", "/lib/news/b.txt"],
        vec![moved],
    );
    assert_eq!(selected(&m), "Bravo");
    assert_eq!(
        m.library.selected().unwrap().path,
        PathBuf::from("/lib/news/b.txt")
    );
    let screen = common::render(&m, 80, 20);
    assert!(screen.contains("news/ Bravo"), "{screen}");
}

#[test]
fn changes_while_the_library_is_read_wait_and_a_burst_makes_one_more_listing() {
    let mut m = Model::new(Keymap::defaults(), 80, 20);
    m.library = Library::new(Some(PathBuf::from("/lib")), 20);
    let change = |m: &mut Model, p: &str| {
        update(
            m,
            Action::FilesChanged {
                paths: vec![],
                library: vec![PathBuf::from(p)],
            },
        )
    };
    assert!(change(&mut m, "/lib/x.txt").is_empty(), "still being read");
    let fx = update(
        &mut m,
        Action::LibraryLoaded {
            entries: vec![entry("/lib/a.txt", "Alpha")],
            done: true,
        },
    );
    assert!(
        matches!(fx.as_slice(), [Effect::ListLibrary { changed, .. }] if changed == &[PathBuf::from("/lib/x.txt")])
    );
    // Fifty changes while it is listed: one listing more, for all of them.
    for n in 0..50 {
        assert!(change(&mut m, &format!("/lib/{n}.txt")).is_empty());
    }
    let fx = update(
        &mut m,
        Action::LibraryRelisted {
            paths: vec![PathBuf::from("/lib/a.txt")],
            fresh: vec![],
        },
    );
    assert!(matches!(fx.as_slice(), [Effect::ListLibrary { changed, .. }] if changed.len() == 50));
    let fx = update(
        &mut m,
        Action::LibraryRelisted {
            paths: vec![PathBuf::from("/lib/a.txt")],
            fresh: vec![],
        },
    );
    assert!(fx.is_empty());
}

#[test]
fn a_reload_that_loses_a_note_s_text_says_so_in_plain_words() {
    let mut m = with_note_on_charlie();
    reload(
        &mut m,
        read(&[
            "Alpha opens the brief.",
            "Bravo follows it.",
            "Zulu replaces every word that stood here.",
            FIRST[3],
        ]),
    );
    assert_eq!(
        message(&m),
        "Reloaded: live.txt changed on disk; 1 annotation no longer finds its text \
         (listed as detached)"
    );
}
