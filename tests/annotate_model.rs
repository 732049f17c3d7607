//! Bookmarks, highlights and notes through the state machine: what a person
//! does, the effects it asks for, and that typed text is never lost.

mod common;

use brief::action::Action;
use brief::annotations::{Colour, Kind, Placement, Span};
use brief::model::{Effect, Overlay, update};
use common::{press, reader, type_text};

fn saves(effects: &[Effect]) -> usize {
    effects
        .iter()
        .filter(|e| matches!(e, Effect::Save { .. }))
        .count()
}

fn live(model: &brief::model::Model, kind: Kind) -> usize {
    model
        .reader
        .as_ref()
        .unwrap()
        .annotations
        .file()
        .live()
        .filter(|a| a.kind == kind)
        .count()
}

#[test]
fn bookmark_toggles_and_jumps() {
    let mut m = reader("seed_like.txt", 120, 40);
    let fx = press(&mut m, "j m");
    assert_eq!((saves(&fx), live(&m, Kind::Bookmark)), (1, 1));
    press(&mut m, "G m");
    assert_eq!(live(&m, Kind::Bookmark), 2);
    press(&mut m, "g g ] b");
    assert_eq!(m.reader.as_ref().unwrap().cursor, 1);
    press(&mut m, "] b");
    assert_eq!(m.reader.as_ref().unwrap().cursor, 4);
    press(&mut m, "[ b");
    assert_eq!(m.reader.as_ref().unwrap().cursor, 1);
    let fx = press(&mut m, "m");
    assert_eq!(
        (saves(&fx), live(&m, Kind::Bookmark)),
        (1, 1),
        "m again removes it"
    );
}

#[test]
fn highlight_passage_and_sentence_selection_cycles_colours() {
    let mut m = reader("seed_like.txt", 120, 40);
    press(&mut m, "h");
    press(&mut m, "h");
    let r = m.reader.as_ref().unwrap();
    let colours: Vec<Option<Colour>> = r.annotations.file().live().map(|a| a.colour).collect();
    assert_eq!(
        colours,
        vec![Some(Colour::Green)],
        "second h changes the colour, not a second highlight"
    );
    press(&mut m, "j v ) h");
    let r = m.reader.as_ref().unwrap();
    let (i, placement) = r
        .annotations
        .placements()
        .iter()
        .enumerate()
        .find(|(i, p)| p.passage() == Some(1) && !r.annotations.get(*i).deleted)
        .unwrap();
    let Placement::Attached(span) = placement else {
        panic!()
    };
    let text = &r.passage_text(1)[span.bytes.clone()];
    assert!(
        text.starts_with("Environmental organisations") && text.ends_with("extraction starts."),
        "{text}"
    );
    // A quote this long is stored by its two ends (issue 16 item 19).
    let anchor = r.annotations.get(i).anchor.as_ref().unwrap();
    assert!(text.starts_with(&anchor.exact) && text.ends_with(&anchor.exact_end));
    assert_eq!(anchor.char_end - anchor.char_start, text.chars().count());
    press(&mut m, "H");
    assert_eq!(
        live(&m, Kind::Highlight),
        1,
        "H removed the highlight on passage 2 only"
    );
}

#[test]
fn note_write_save_edit_and_delete_with_confirmation() {
    let mut m = reader("seed_like.txt", 120, 40);
    press(&mut m, "a");
    assert!(m.reader.as_ref().unwrap().editor.is_some());
    type_text(&mut m, "First line");
    press(&mut m, "enter");
    type_text(&mut m, "second line");
    let fx = press(&mut m, "ctrl-s");
    assert_eq!(saves(&fx), 1);
    let r = m.reader.as_ref().unwrap();
    assert!(r.editor.is_none());
    let note = r.annotations.file().live().next().unwrap();
    assert_eq!(note.note.as_deref(), Some("First line\nsecond line"));
    assert_eq!(note.anchor.as_ref().unwrap().passage, 0);
    // e edits it: the text comes back.
    press(&mut m, "e");
    assert_eq!(
        m.reader.as_ref().unwrap().editor.as_ref().unwrap().text(),
        "First line\nsecond line"
    );
    type_text(&mut m, "!");
    press(&mut m, "ctrl-s");
    assert_eq!(
        m.reader.as_ref().unwrap().annotations.file().live().count(),
        1,
        "edited, not duplicated"
    );
    // d asks first; n keeps it, y deletes it.
    press(&mut m, "d");
    assert!(matches!(m.overlay, Some(Overlay::Confirm { .. })));
    press(&mut m, "n");
    assert_eq!(live(&m, Kind::Note), 1);
    press(&mut m, "d");
    let fx = press(&mut m, "y");
    assert_eq!((saves(&fx), live(&m, Kind::Note)), (1, 0));
}

#[test]
fn leaving_the_editor_keeps_a_draft() {
    let mut m = reader("seed_like.txt", 120, 40);
    press(&mut m, "a");
    type_text(&mut m, "half a thought");
    let fx = press(&mut m, "esc");
    assert_eq!(saves(&fx), 1, "the draft is written at once");
    assert_eq!((live(&m, Kind::Draft), live(&m, Kind::Note)), (1, 0));
    assert!(m.reader.as_ref().unwrap().editor.is_none());
    assert!(m.message.as_ref().unwrap().text.contains("draft"));
    press(&mut m, "a");
    assert_eq!(
        m.reader.as_ref().unwrap().editor.as_ref().unwrap().text(),
        "half a thought"
    );
}

#[test]
fn brief_notes_and_the_notes_pane_follow_the_cursor() {
    let mut m = reader("seed_like.txt", 120, 40);
    press(&mut m, "A");
    type_text(&mut m, "about the whole brief");
    press(&mut m, "ctrl-s");
    press(&mut m, "G a");
    type_text(&mut m, "on the last passage");
    press(&mut m, "ctrl-s");
    let r = m.reader.as_ref().unwrap();
    assert_eq!(
        r.annotations.placements(),
        vec![
            Placement::Brief,
            Placement::Attached(Span::whole(4, r.passage_text(4)))
        ]
    );
    // Tab into the notes pane; j/k move the reader to the note's passage.
    press(&mut m, "g g tab tab");
    press(&mut m, "g g j");
    assert_eq!(m.reader.as_ref().unwrap().cursor, 4);
    assert_eq!(m.reader.as_ref().unwrap().notes_cursor, 1);
}

#[test]
fn external_editor_round_trip() {
    let mut m = reader("seed_like.txt", 120, 40);
    let fx = press(&mut m, "E");
    assert_eq!(
        fx,
        vec![Effect::ExternalEdit {
            text: String::new()
        }]
    );
    let fx = update(&mut m, Action::EditorDone(Some("written in vim\n".into())));
    assert_eq!(saves(&fx), 1);
    let note = m
        .reader
        .as_ref()
        .unwrap()
        .annotations
        .file()
        .live()
        .next()
        .unwrap()
        .note
        .clone();
    assert_eq!(note.as_deref(), Some("written in vim"));
    // From inside the in-app editor, Ctrl-E hands the text over and back.
    press(&mut m, "j a");
    type_text(&mut m, "draft");
    let fx = press(&mut m, "ctrl-e");
    assert_eq!(
        fx,
        vec![Effect::ExternalEdit {
            text: "draft".into()
        }]
    );
    update(&mut m, Action::EditorDone(Some("draft, finished".into())));
    assert_eq!(
        m.reader.as_ref().unwrap().editor.as_ref().unwrap().text(),
        "draft, finished"
    );
}

#[test]
fn a_failed_save_keeps_notes_in_memory_and_says_so() {
    let mut m = reader("seed_like.txt", 120, 40);
    press(&mut m, "a");
    type_text(&mut m, "precious");
    press(&mut m, "ctrl-s");
    update(&mut m, Action::Saved(Err(disk_full("/data/x.yaml"))));
    let msg = m.message.clone().unwrap();
    assert!(msg.error && msg.text.contains("No space left"), "{msg:?}");
    assert_eq!(live(&m, Kind::Note), 1);
    // Leaving asks before dropping unsaved notes; the retry happens first.
    let fx = press(&mut m, "q");
    assert_eq!(saves(&fx), 1, "leaving tries to save again");
    update(&mut m, Action::Saved(Err(disk_full("/data/x.yaml"))));
    let Some(Overlay::Confirm { question, .. }) = &m.overlay else {
        panic!("leaving after a failed save asks first")
    };
    // The question says what to do about this failure in particular.
    assert!(question.contains("free some disk space"), "{question}");
    let fx = press(&mut m, "y");
    assert!(fx.contains(&Effect::Quit));
}

#[test]
fn read_only_annotations_refuse_changes_and_name_the_file() {
    let brief =
        brief::loader::load(&common::fixture_bytes("seed_like.txt"), "seed_like.txt").unwrap();
    let mut m = brief::model::Model::new(brief::keymap::Keymap::defaults(), 120, 40);
    let opened = brief::model::Opened {
        brief,
        read_only: Some("/data/broken.yaml:3: does not parse; it is left untouched".into()),
        ..Default::default()
    };
    update(&mut m, Action::Opened(Box::new(opened)));
    // The whole reason, in the problems box (the status line would cut it).
    assert!(m.problems.iter().any(|p| p.contains("broken.yaml")));
    assert!(matches!(
        m.overlay,
        Some(brief::model::Overlay::Problems { .. })
    ));
    for keys in ["m", "h", "a", "A"] {
        press(&mut m, "q");
        let fx = press(&mut m, keys);
        assert_eq!(saves(&fx), 0);
        assert!(m.reader.as_ref().unwrap().editor.is_none());
        assert!(
            m.message.as_ref().unwrap().text.contains("read-only"),
            "{keys}"
        );
    }
    let fx = press(&mut m, "q j q");
    assert_eq!(saves(&fx), 0, "not even the reading position is written");
}

#[test]
fn reading_position_is_saved_on_leaving() {
    let mut m = reader("seed_like.txt", 120, 40);
    let fx = press(&mut m, "j j q");
    let saved = fx.iter().find_map(|e| match e {
        Effect::Save { file, .. } => file.position.clone(),
        _ => None,
    });
    assert_eq!(saved.map(|p| p.passage), Some(2));
}

#[test]
fn a_note_deleted_by_another_instance_while_edited_here_is_not_lost() {
    let mut m = reader("seed_like.txt", 120, 40);
    press(&mut m, "j a");
    type_text(&mut m, "first");
    press(&mut m, "ctrl-s e");
    // Meanwhile another instance deleted it; our next save brings that in.
    let mut merged = m.reader.as_ref().unwrap().annotations.file().clone();
    merged.annotations[0].deleted = true;
    merged.annotations[0].updated = "2099-01-01T00:00:00Z".into();
    update(&mut m, Action::Saved(Ok(Box::new(merged))));
    type_text(&mut m, " and more");
    press(&mut m, "ctrl-s");
    let r = m.reader.as_ref().unwrap();
    let live: Vec<_> = r.annotations.file().live().collect();
    assert_eq!(live.len(), 1);
    assert_eq!(live[0].note.as_deref(), Some("first and more"));
    assert_eq!(
        r.annotations.placements().last().unwrap().passage(),
        Some(1),
        "where the old one was"
    );
}

fn disk_full(path: &str) -> brief::store::SaveError {
    brief::store::SaveError::Write {
        path: path.into(),
        reason: "No space left on device (os error 28)".into(),
        kind: std::io::ErrorKind::StorageFull,
    }
}
