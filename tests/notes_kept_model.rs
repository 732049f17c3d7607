//! Notes are never lost or misplaced (issue 11, items 5 and 7): the state
//! machine's side of re-attaching, merging two instances by time, and the
//! screens for notes without a brief. The end-to-end side is in
//! notes_kept_e2e.rs.

mod common;

const TITLE: &str = "Norway opens its continental shelf to seabed mineral exploration";

/// Item 7: two instances merge by time, not by the text of the time: RFC 3339
/// with trimmed fractional seconds does not sort as text.
#[test]
fn merge_keeps_the_newer_edit_by_time() {
    use brief::annotations::{AnnotationFile, BriefRecord};
    let at = |updated: &str, text: &str| {
        let yaml = format!(
            "schema: 1\nbrief: {{title: T}}\nannotations:\n- id: n1\n  kind: note\n  note: {text}\n  created: 2026-01-01T00:00:00Z\n  updated: {updated}\n"
        );
        serde_yaml::from_str::<AnnotationFile>(&yaml).unwrap()
    };
    // Ours at 12:00:00 exactly; theirs half a second later. As text,
    // "…00Z" sorts after "…00.5Z".
    let mut ours = at("2026-01-01T12:00:00Z", "older");
    ours.merge_from(&at("2026-01-01T12:00:00.5Z", "newer"));
    assert_eq!(ours.annotations[0].note.as_deref(), Some("newer"));
    let mut ours = at("2026-01-01T12:00:00.5Z", "newer");
    ours.merge_from(&at("2026-01-01T12:00:00Z", "older"));
    assert_eq!(ours.annotations[0].note.as_deref(), Some("newer"));
    // An offset other than Z is a time like any other.
    let mut ours = at("2026-01-01T12:30:00Z", "newer");
    ours.merge_from(&at("2026-01-01T13:00:00+01:00", "older"));
    assert_eq!(ours.annotations[0].note.as_deref(), Some("newer"));
    let _ = BriefRecord::default();
}

/// A model with the seed brief open and `file` as its annotations.
fn model_with(file: brief::annotations::AnnotationFile) -> brief::model::Model {
    use brief::action::Action;
    let bytes = common::fixture_bytes("seed_like.txt");
    let brief = brief::loader::load(&bytes, "seed_like.txt").unwrap();
    let mut model = brief::model::Model::new(brief::keymap::Keymap::defaults(), 120, 40);
    model.clock.now = "2026-01-01T00:00:00Z".into();
    let opened = brief::model::Opened {
        path: "seed_like.txt".into(),
        brief,
        annotations: Some(file),
        annotations_path: "/nonexistent/a.yaml".into(),
        ..Default::default()
    };
    brief::model::update(&mut model, Action::Opened(Box::new(opened)));
    model
}

/// Item 5, the state machine: `r` starts choosing from where the reader
/// was, Esc leaves the note detached and saves nothing, Enter attaches it
/// to the passage shown.
#[test]
fn reattach_chooses_then_confirms_or_cancels() {
    use brief::annotations::{Anchor, Annotation, AnnotationFile, Kind, Placement};
    use brief::model::Effect;
    let mut file = AnnotationFile::default();
    let note = |id: &str, exact: &str| Annotation {
        id: id.into(),
        kind: Kind::Note,
        colour: None,
        note: Some(format!("note {id}")),
        anchor: Some(Anchor {
            exact: exact.into(),
            passage: 0,
            char_start: 0,
            char_end: exact.chars().count(),
            ..Anchor::default()
        }),
        created: "2026-01-01T00:00:00Z".into(),
        updated: "2026-01-01T00:00:00Z".into(),
        deleted: false,
        extra: Default::default(),
        draft_of: None,
        conflict_of: None,
        base: None,
    };
    file.annotations
        .push(note("on-first", "On 9 January the Storting"));
    file.annotations
        .push(note("gone", "A sentence that is in no passage."));
    let mut m = model_with(file);
    let reader = |m: &brief::model::Model| m.reader.clone().unwrap();
    assert_eq!(*reader(&m).annotations.placement(1), Placement::Detached);
    common::press(&mut m, "j j j");
    assert_eq!(reader(&m).cursor, 3);
    common::press(&mut m, "tab g g");
    assert_eq!(reader(&m).cursor, 0, "the notes pane took the cursor along");
    common::press(&mut m, "G");
    common::press(&mut m, "r");
    assert_eq!(reader(&m).choosing.as_deref(), Some("gone"));
    assert_eq!(reader(&m).cursor, 3, "back where the reader was");
    let screen = common::render(&m, 120, 40);
    assert!(screen.contains("Enter attaches"), "{screen}");
    insta::assert_snapshot!("reattach_choose_120x40", screen);
    let fx = common::press(&mut m, "esc");
    assert!(reader(&m).choosing.is_none());
    assert_eq!(*reader(&m).annotations.placement(1), Placement::Detached);
    assert!(!fx.iter().any(|e| matches!(e, Effect::Save { .. })));
    common::press(&mut m, "tab G r k");
    assert_eq!(reader(&m).cursor, 2);
    let fx = common::press(&mut m, "enter");
    assert!(fx.iter().any(|e| matches!(e, Effect::Save { .. })));
    assert_eq!(reader(&m).annotations.placement(1).passage(), Some(2));
    assert_eq!(
        m.message.as_ref().map(|m| m.text.as_str()),
        Some("Attached to passage 3")
    );
}

/// The screens this adds, reviewed as snapshots: notes without a brief in
/// the library, and choosing the passage for a detached note.
#[test]
fn notes_without_a_brief_and_choosing_a_passage_snapshots() {
    use brief::action::Action;
    use brief::model::{LibraryEntry, Overlay, UnattachedNotes, update};
    for (w, h) in [(120, 40), (60, 20)] {
        let mut m = brief::model::Model::new(brief::keymap::Keymap::defaults(), w, h);
        m.library = brief::model::Library::new(Some("/home/u/briefs".into()), h);
        let entries = vec![LibraryEntry {
            path: "/home/u/briefs/new.txt".into(),
            title: "Seabed mining: the new text".into(),
            category: Some("Analyses".into()),
            ..Default::default()
        }];
        update(
            &mut m,
            Action::LibraryLoaded {
                entries,
                done: true,
            },
        );
        update(
            &mut m,
            Action::UnattachedFound(vec![UnattachedNotes {
                id: "norway-opens-its-continental-shelf-12e14305f07d8065".into(),
                file: "/data/x.yaml".into(),
                title: TITLE.into(),
                last_path: Some("/home/u/briefs/a.txt".into()),
                counts: brief::annotations::Counts {
                    bookmarks: 1,
                    notes: 2,
                    ..Default::default()
                },
            }]),
        );
        insta::assert_snapshot!(
            format!("library_unattached_{w}x{h}"),
            common::render(&m, w, h)
        );
        common::press(&mut m, "o");
        assert!(matches!(m.overlay, Some(Overlay::Unattached { .. })));
        insta::assert_snapshot!(format!("unattached_list_{w}x{h}"), common::render(&m, w, h));
        common::press(&mut m, "enter");
        insta::assert_snapshot!(format!("attach_choose_{w}x{h}"), common::render(&m, w, h));
    }
}
