//! The annotations view (issue 14) through the state machine: every
//! annotation of the library in one list, filtered by words, kind, colour
//! and tag, sorted by date or by brief; Enter opens the brief at the
//! annotation and leaving the brief comes back to the list as it was.

mod common;

use brief::action::Action;
use brief::annotations::{Anchor, Annotation, AnnotationFile, BriefRecord, Kind, Span};
use brief::keymap::Keymap;
use brief::model::{Effect, LibraryEntry, Model, Opened, Screen, update};
use common::{annotation_sets, press, type_text};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// The library of the fixtures, with the annotations read.
fn library() -> Model {
    let mut m = Model::new(Keymap::defaults(), 120, 40);
    m.clock.now = "2026-04-01T00:00:00Z".into();
    m.clock.instance = "test".into();
    m.library = brief::model::Library::new(Some("tests/fixtures".into()), 40);
    let entries = ["seed_like.txt", "frontmatter.md"]
        .iter()
        .map(|name| LibraryEntry {
            path: PathBuf::from("tests/fixtures").join(name),
            title: name.to_string(),
            ..LibraryEntry::default()
        })
        .collect();
    update(
        &mut m,
        Action::LibraryLoaded {
            entries,
            done: true,
        },
    );
    update(
        &mut m,
        Action::AnnotationsLoaded {
            sets: annotation_sets(),
            done: true,
        },
    );
    m
}

/// The ids of the rows shown, top down.
fn shown(m: &Model) -> Vec<String> {
    let notes = &m.annotations;
    let view = notes.view.as_ref().expect("the view is open");
    view.visible
        .iter()
        .map(|&i| notes.row(i).1.id.clone())
        .collect()
}

fn selected(m: &Model) -> Option<String> {
    m.annotations.selected().map(|(_, r)| r.id.clone())
}

fn filtered(filter: &str) -> Model {
    let mut m = library();
    press(&mut m, "i /");
    type_text(&mut m, filter);
    press(&mut m, "enter");
    m
}

#[test]
fn the_filter_keeps_what_every_word_kind_colour_and_tag_asks_for() {
    let cases: &[(&str, &[&str])] = &[
        ("", &["b2", "n1", "b1", "h1", "d1", "n2", "h2", "n3"]),
        // A word only in a note; words in any order; smart case.
        ("xylophonic", &["n1"]),
        ("Xylophonic", &[]),
        ("decision fishing", &["b1"]),
        // The brief's title and the section are searched too.
        ("norway commentary", &["n1", "h1"]),
        ("kind:note", &["n1", "n2", "n3"]),
        ("kind:notes", &["n1", "n2", "n3"]),
        ("KIND:Bookmark", &["b2", "b1"]),
        ("kind:draft", &["d1"]),
        // Detached: its text is gone, or its brief is.
        ("kind:detached", &["h2", "n3"]),
        ("kind:d", &["d1", "h2", "n3"]),
        ("kind:nonsense", &[]),
        ("kind:", &["b2", "n1", "b1", "h1", "d1", "n2", "h2", "n3"]),
        ("colour:green", &["h1"]),
        ("color:yel", &["h2"]),
        // A brief's `tags:`, or a #tag in a note; a prefix while typing.
        ("#energy", &["n1", "b1", "h1", "n2"]),
        ("#seabed", &["n1"]),
        ("#fisc", &["b2", "d1", "n2", "h2"]),
        ("#fiscal-policy kind:bookmark", &["b2"]),
        ("kind:note #energy", &["n1", "n2"]),
        ("norway kind:highlight", &["h1"]),
        ("orphaned", &["n3"]),
    ];
    for (filter, want) in cases {
        let m = filtered(filter);
        assert_eq!(shown(&m), *want, "filter {filter:?}");
    }
}

#[test]
fn sorted_newest_first_or_by_brief_and_the_header_says_which() {
    let mut m = library();
    press(&mut m, "i j j");
    assert_eq!(selected(&m).as_deref(), Some("b1"));
    let header = common::render(&m, 120, 40);
    assert!(header.contains("8 of 8 · newest first"), "{header}");
    press(&mut m, "s");
    // By brief (title order), in each the whole brief, then the text's
    // order, then what is detached; the selection stays on its row.
    assert_eq!(shown(&m), ["n3", "n2", "b2", "d1", "h2", "b1", "n1", "h1"]);
    assert_eq!(selected(&m).as_deref(), Some("b1"));
    assert!(common::render(&m, 120, 40).contains("8 of 8 · by brief"));
    press(&mut m, "s");
    assert_eq!(shown(&m)[0], "b2");
}

#[test]
fn the_kind_key_goes_through_the_kinds_in_the_filter() {
    let mut m = filtered("norway");
    let steps: &[(&str, &[&str])] = &[
        ("norway kind:bookmark", &["b1"]),
        ("norway kind:highlight", &["h1"]),
        ("norway kind:note", &["n1"]),
        ("norway kind:draft", &[]),
        ("norway kind:detached", &[]),
        ("norway", &["n1", "b1", "h1"]),
    ];
    for (filter, want) in steps {
        press(&mut m, "t");
        let view = m.annotations.view.as_ref().unwrap();
        assert_eq!(view.filter, *filter);
        assert_eq!(shown(&m), *want, "{filter}");
    }
}

#[test]
fn esc_ctrl_u_and_backspace_edit_the_filter_as_in_the_library() {
    let mut m = library();
    press(&mut m, "i /");
    type_text(&mut m, "xylo");
    assert_eq!(shown(&m), ["n1"]);
    press(&mut m, "backspace ctrl-u");
    assert_eq!(shown(&m).len(), 8);
    type_text(&mut m, "kind:note");
    press(&mut m, "esc");
    // Esc while typing: the filter is emptied.
    assert_eq!(m.annotations.view.as_ref().unwrap().filter, "");
    press(&mut m, "/");
    type_text(&mut m, "kind:note");
    press(&mut m, "enter");
    assert_eq!(shown(&m).len(), 3);
    // Esc: clears the filter; again: closes the view.
    press(&mut m, "esc");
    assert_eq!(shown(&m).len(), 8);
    assert_eq!(m.screen, Screen::Annotations);
    press(&mut m, "esc");
    assert_eq!(m.screen, Screen::Library);
    assert!(m.annotations.view.is_none());
    // Typed or pasted while the filter is not being typed: nothing.
    press(&mut m, "i x");
    update(&mut m, Action::Paste("pasted".into()));
    assert_eq!(m.annotations.view.as_ref().unwrap().filter, "");
    assert_eq!(shown(&m).len(), 8);
}

/// The annotation file of the seed-like brief, as the store reads it: the
/// note `n1` on ¶3 and the bookmark `b1` on ¶2.
fn seed_annotations(brief: &brief::document::Brief) -> AnnotationFile {
    let texts: Vec<&str> = brief.passages().map(|(_, p)| p.text.as_str()).collect();
    let mut file = AnnotationFile::new(BriefRecord::default());
    for (id, kind, passage, note) in [
        ("b1", Kind::Bookmark, 1, None),
        (
            "n1",
            Kind::Note,
            2,
            Some("Ask about the xylophonic assessments."),
        ),
    ] {
        file.annotations.push(Annotation {
            id: id.into(),
            kind,
            colour: None,
            note: note.map(String::from),
            anchor: Some(Anchor::new(
                texts[passage],
                &Span::whole(passage, texts[passage]),
            )),
            created: "2026-03-01T10:00:00Z".into(),
            updated: "2026-03-01T10:00:00Z".into(),
            deleted: false,
            draft_of: None,
            conflict_of: None,
            base: None,
            extra: BTreeMap::new(),
        });
    }
    file
}

/// Run what opening a brief asks of the outside world, as app.rs does.
fn open_as_asked(m: &mut Model, effects: Vec<Effect>) {
    for effect in effects {
        if let Effect::OpenBrief { path, passage } = effect {
            let brief = brief::loader::load(&std::fs::read(&path).unwrap(), "x.txt").unwrap();
            let annotations = Some(seed_annotations(&brief));
            let opened = Opened {
                path,
                brief,
                annotations,
                annotations_path: "/data/norway.yaml".into(),
                passage,
                ..Opened::default()
            };
            update(m, Action::Opened(Box::new(opened)));
        }
    }
}

/// Leave the brief, answering its save if it makes one.
fn leave(m: &mut Model, key: &str) {
    for effect in press(m, key) {
        if let Effect::Save { file, .. } = effect {
            update(m, Action::Saved(Ok(file)));
        }
    }
}

#[test]
fn enter_opens_the_brief_at_the_annotation_and_leaving_comes_back() {
    for way_back in ["q", "i", "esc"] {
        let mut m = filtered("xylophonic");
        let effects = press(&mut m, "enter");
        assert!(
            effects.contains(&Effect::OpenBrief {
                path: "tests/fixtures/seed_like.txt".into(),
                passage: Some(2),
            }),
            "{effects:?}"
        );
        open_as_asked(&mut m, effects);
        assert_eq!(m.screen, Screen::Reader);
        let reader = m.reader.as_ref().unwrap();
        assert_eq!(reader.cursor, 2, "at the note's passage");
        let selected_note = brief::model::notes::selected(reader).unwrap();
        assert_eq!(reader.annotations.get(selected_note).id, "n1");
        leave(&mut m, way_back);
        assert_eq!(m.screen, Screen::Annotations, "back with {way_back}");
        let view = m.annotations.view.as_ref().unwrap();
        assert_eq!(view.filter, "xylophonic", "the filter is kept");
        assert_eq!(selected(&m).as_deref(), Some("n1"));
        // `q` left the brief; `i` and Esc only went back to the list.
        assert_eq!(m.reader.is_some(), way_back != "q");
        press(&mut m, "q");
        let under = if way_back == "q" {
            Screen::Library
        } else {
            Screen::Reader
        };
        assert_eq!(m.screen, under, "closing the view after {way_back}");
    }
}

#[test]
fn enter_on_the_brief_being_read_moves_there_without_reading_it_again() {
    let mut m = filtered("norway");
    let effects = press(&mut m, "enter");
    open_as_asked(&mut m, effects);
    leave(&mut m, "i");
    // Listed as the reader has them: b1 and n1, the same age, in file order.
    assert_eq!(shown(&m), ["b1", "n1"]);
    press(&mut m, "k");
    assert_eq!(selected(&m).as_deref(), Some("b1"));
    let effects = press(&mut m, "enter");
    assert!(effects.is_empty(), "{effects:?}");
    assert_eq!(m.screen, Screen::Reader);
    assert_eq!(m.reader.as_ref().unwrap().cursor, 1);
}

#[test]
fn a_note_whose_brief_is_gone_says_so_and_stays() {
    let mut m = filtered("orphaned");
    let effects = press(&mut m, "enter");
    assert!(effects.is_empty());
    assert_eq!(m.screen, Screen::Annotations);
    let message = m.message.as_ref().unwrap();
    assert!(message.error && message.text.contains("not where it was last seen (o"));
}

#[test]
fn bookmarks_key_shows_this_briefs_bookmarks_and_a_key_widens_to_the_library() {
    // The library's B: every bookmark.
    let mut m = library();
    press(&mut m, "B");
    assert_eq!(shown(&m), ["b2", "b1"]);
    // The reader's B: this brief's, as the reader has them now (a new
    // bookmark too, not yet read back from disk).
    let mut m = filtered("xylophonic");
    let effects = press(&mut m, "enter");
    open_as_asked(&mut m, effects);
    press(&mut m, "g g m");
    press(&mut m, "B");
    assert_eq!(m.screen, Screen::Annotations);
    let view = m.annotations.view.as_ref().unwrap();
    assert_eq!(view.filter, "kind:bookmark");
    let rows = shown(&m);
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert!(rows.contains(&"b1".to_string()), "{rows:?}");
    let screen = common::render(&m, 120, 40);
    assert!(
        screen.contains("in “Norway opens its continental shelf"),
        "{screen}"
    );
    press(&mut m, "w");
    assert_eq!(shown(&m).len(), 3, "every brief's bookmarks");
    assert!(common::render(&m, 120, 40).contains("whole library"));
    press(&mut m, "w");
    assert_eq!(shown(&m).len(), 2);
}

#[test]
fn rows_read_again_keep_the_filter_and_the_selection() {
    let mut m = filtered("kind:note");
    press(&mut m, "j");
    assert_eq!(selected(&m).as_deref(), Some("n2"));
    let mut sets = annotation_sets();
    sets[0].rows.remove(0); // n1 deleted by another window
    update(&mut m, Action::AnnotationsLoaded { sets, done: true });
    assert_eq!(shown(&m), ["n2", "n3"]);
    assert_eq!(selected(&m).as_deref(), Some("n2"));
}
