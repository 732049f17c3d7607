//! The note editor's one model, through the state machine: Ctrl-S saves,
//! Esc keeps a draft (the note unchanged), Ctrl-Q discards after asking;
//! drafts are annotations of their own kind, saved, listed and reachable;
//! stopping keeps drafts, never makes notes; failed saves are rescued;
//! two instances editing one note keep both versions.

mod common;

use brief::action::Action;
use brief::annotations::{Annotation, AnnotationFile, BriefRecord, Kind};
use brief::model::{Confirmed, Effect, Model, Overlay, rescue_unsaved, update};
use brief::store;
use common::{press, reader, type_text};

/// (kind, text) of the live notes and drafts, in file order.
fn written(m: &Model) -> Vec<(Kind, String)> {
    let r = m.reader.as_ref().unwrap();
    r.annotations
        .file()
        .live()
        .filter(|a| matches!(a.kind, Kind::Note | Kind::Draft))
        .map(|a| (a.kind, a.note.clone().unwrap_or_default()))
        .collect()
}

fn saved_files(fx: &[Effect]) -> Vec<AnnotationFile> {
    fx.iter()
        .filter_map(|e| match e {
            Effect::Save { file, .. } => Some((**file).clone()),
            _ => None,
        })
        .collect()
}

fn editor_text(m: &Model) -> Option<String> {
    m.reader.as_ref().unwrap().editor.as_ref().map(|e| e.text())
}

fn note(text: &str) -> (Kind, String) {
    (Kind::Note, text.into())
}

fn draft(text: &str) -> (Kind, String) {
    (Kind::Draft, text.into())
}

/// A model with one saved note, "orig", on passage 1.
fn with_a_note() -> Model {
    let mut m = reader("seed_like.txt", 120, 40);
    press(&mut m, "a");
    type_text(&mut m, "orig");
    press(&mut m, "ctrl-s");
    m
}

#[test]
fn esc_in_editor_keeps_a_draft_and_leaves_the_note_unchanged() {
    // (what is there, keys, text typed, keys after; what is written after,
    // whether the last step saved, the editor left open)
    type Case = (
        &'static str,
        bool,
        &'static str,
        &'static str,
        &'static str,
        Vec<(Kind, String)>,
        bool,
    );
    let cases: Vec<Case> = vec![
        (
            "new note, Esc",
            false,
            "a",
            "typed",
            "esc",
            vec![draft("typed")],
            true,
        ),
        (
            "edit, Esc",
            true,
            "e",
            " more",
            "esc",
            vec![note("orig"), draft("orig more")],
            true,
        ),
        (
            "edit, nothing typed, Esc",
            true,
            "e",
            "",
            "esc",
            vec![note("orig")],
            false,
        ),
        (
            "edit, Ctrl-S",
            true,
            "e",
            " more",
            "ctrl-s",
            vec![note("orig more")],
            true,
        ),
        (
            "new note, Ctrl-Q, no",
            false,
            "a",
            "typed",
            "ctrl-q n",
            vec![],
            false,
        ),
        (
            "new note, Ctrl-Q, yes",
            false,
            "a",
            "typed",
            "ctrl-q y",
            vec![],
            false,
        ),
        (
            "edit, Ctrl-Q, yes",
            true,
            "e",
            " more",
            "ctrl-q y",
            vec![note("orig")],
            false,
        ),
        (
            "empty new note, Ctrl-S",
            false,
            "a",
            "",
            "ctrl-s",
            vec![],
            false,
        ),
    ];
    for (name, has_note, open, typed, keys, expected, saves) in cases {
        let mut m = if has_note {
            with_a_note()
        } else {
            reader("seed_like.txt", 120, 40)
        };
        press(&mut m, open);
        type_text(&mut m, typed);
        let fx = press(&mut m, keys);
        assert_eq!(written(&m), expected, "{name}");
        assert_eq!(!saved_files(&fx).is_empty(), saves, "{name}: saved");
        // What is saved is what is shown: a draft is on disk as a draft.
        if let Some(file) = saved_files(&fx).last() {
            let on_disk: Vec<(Kind, String)> = file
                .live()
                .map(|a| (a.kind, a.note.clone().unwrap_or_default()))
                .collect();
            assert_eq!(on_disk, expected, "{name}: the file");
        }
        let open_after = keys.ends_with('n');
        assert_eq!(editor_text(&m).is_some(), open_after, "{name}: editor open");
    }
}

#[test]
fn a_draft_of_a_note_comes_back_on_e_and_a_save_uses_it_up() {
    let mut m = with_a_note();
    press(&mut m, "e");
    type_text(&mut m, " more");
    press(&mut m, "esc");
    let r = m.reader.as_ref().unwrap();
    let note_id = r.annotations.file().live().next().unwrap().id.clone();
    let d = r
        .annotations
        .file()
        .live()
        .find(|a| a.kind == Kind::Draft)
        .unwrap();
    assert_eq!(d.draft_of.as_deref(), Some(note_id.as_str()));
    assert_eq!(d.anchor, r.annotations.get(0).anchor);
    press(&mut m, "e");
    assert_eq!(editor_text(&m).as_deref(), Some("orig more"));
    // Set back to the note's text, the draft has nothing to keep.
    for _ in 0..5 {
        press(&mut m, "backspace");
    }
    press(&mut m, "esc");
    assert_eq!(written(&m), vec![note("orig")]);
    assert!(m.message.as_ref().unwrap().text.contains("Draft removed"));
}

#[test]
fn a_draft_on_a_selection_is_reached_by_a_on_the_passage_and_from_the_notes_pane() {
    let mut m = reader("seed_like.txt", 120, 40);
    press(&mut m, "j v ) a");
    type_text(&mut m, "on a selection");
    press(&mut m, "esc");
    // Other sentences, or none: a on the passage opens the draft.
    for keys in ["a", "v a", "v ) ) a"] {
        press(&mut m, keys);
        assert_eq!(editor_text(&m).as_deref(), Some("on a selection"), "{keys}");
        press(&mut m, "esc");
    }
    // Not on another passage.
    press(&mut m, "j a");
    assert_eq!(editor_text(&m).as_deref(), Some(""));
    press(&mut m, "esc k");
    // Listed in the notes pane, marked, and opened from there with Enter or e.
    let r = m.reader.as_ref().unwrap();
    let list = brief::model::notes::entries(r);
    assert_eq!(list.len(), 1);
    let blocks = brief::model::notes::note_blocks(r, &list);
    assert!(
        blocks[0].header.starts_with("DRAFT (not saved) · ¶2"),
        "{}",
        blocks[0].header
    );
    let screen = common::render(&m, 120, 40);
    assert!(screen.contains("Notes (0) · 1 draft"), "{screen}");
    press(&mut m, "g g tab tab");
    assert_eq!(m.reader.as_ref().unwrap().focus, brief::layout::Pane::Notes);
    for key in ["enter", "e"] {
        press(&mut m, key);
        assert_eq!(editor_text(&m).as_deref(), Some("on a selection"), "{key}");
        press(&mut m, "esc");
    }
    // d on it discards it, after asking.
    press(&mut m, "d");
    assert!(matches!(
        &m.overlay,
        Some(Overlay::Confirm { question, .. }) if question.starts_with("Discard the draft “on a selection”?")
    ));
    press(&mut m, "y");
    assert_eq!(written(&m), vec![]);
}

#[test]
fn stopping_keeps_the_editors_text_as_a_draft_not_a_note() {
    let mut m = with_a_note();
    press(&mut m, "e");
    type_text(&mut m, " edited when the signal came");
    let fx = rescue_unsaved(&mut m);
    let files = saved_files(&fx);
    assert_eq!(files.len(), 1);
    let on_disk: Vec<(Kind, String)> = files[0]
        .live()
        .map(|a| (a.kind, a.note.clone().unwrap_or_default()))
        .collect();
    assert_eq!(
        on_disk,
        vec![note("orig"), draft("orig edited when the signal came")]
    );
    // A new note's text, too, and nothing when nothing was typed.
    let mut m = reader("seed_like.txt", 120, 40);
    press(&mut m, "a");
    type_text(&mut m, "half");
    assert_eq!(
        saved_files(&rescue_unsaved(&mut m))[0]
            .live()
            .next()
            .unwrap()
            .kind,
        Kind::Draft
    );
    // No draft when nothing was typed; the brief is saved as opened only.
    let mut m = reader("seed_like.txt", 120, 40);
    press(&mut m, "a");
    let fx = rescue_unsaved(&mut m);
    assert!(
        saved_files(&fx).iter().all(|f| f.live().next().is_none()),
        "{fx:?}"
    );
}

fn fail_save(m: &mut Model, why: &str) -> Vec<Effect> {
    update(m, Action::Saved(Err(brief::store::SaveError::other(why))))
}

#[test]
fn leaving_after_a_failed_save_says_why_in_full_and_rescues_on_yes() {
    let why = "/home/someone/.local/share/brief/annotations/norway-opens-its-continental-shelf.yaml: \
               No space left on device (os error 28)";
    let mut m = with_a_note();
    fail_save(&mut m, why);
    press(&mut m, "q");
    fail_save(&mut m, why);
    let Some(Overlay::Confirm { question, on_yes }) = m.overlay.clone() else {
        panic!("asks: {:?}", m.overlay)
    };
    assert_eq!(on_yes, Confirmed::LeaveWithoutSaving);
    assert!(question.contains(why), "the whole reason: {question}");
    assert!(question.contains("press q again"), "{question}");
    assert!(question.contains("rescue file"), "{question}");
    let fx = press(&mut m, "y");
    let rescue = fx.iter().find_map(|e| match e {
        Effect::Rescue { file, why: w, .. } => Some((file.clone(), w.clone())),
        _ => None,
    });
    let (file, w) = rescue.expect("a rescue effect");
    assert_eq!(w, why);
    assert_eq!(file.live().next().unwrap().note.as_deref(), Some("orig"));
    assert!(fx.contains(&Effect::Quit));
    // The rescue holds them now: stopping does not write them again.
    assert!(rescue_unsaved(&mut m).is_empty());
}

#[test]
fn a_brief_replaced_with_unsaved_notes_is_rescued() {
    let mut m = with_a_note();
    fail_save(&mut m, "disk full");
    let opened = brief::model::Opened {
        brief: brief::loader::load(&common::fixture_bytes("qa.txt"), "qa.txt").unwrap(),
        ..Default::default()
    };
    let fx = update(&mut m, Action::Opened(Box::new(opened)));
    assert!(
        fx.iter()
            .any(|e| matches!(e, Effect::Rescue { why, .. } if why == "disk full")),
        "{fx:?}"
    );
}

fn a_note(id: &str, text: &str, updated: &str) -> Annotation {
    let text = format!(
        "id: {id}\nkind: note\nnote: {text}\ncreated: 2026-01-01T00:00:00Z\nupdated: {updated}\n"
    );
    brief::yaml::from_str(&text).unwrap()
}

#[test]
fn two_instances_editing_the_same_note_keep_both() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.yaml");
    let mut base = AnnotationFile::new(BriefRecord {
        title: "T".into(),
        ..BriefRecord::default()
    });
    base.annotations
        .push(a_note("n1", "original", "2026-01-01T00:00:00Z"));
    store::save(&path, &base).unwrap();
    // Both instances read "original" and change it.
    let edit = |text: &str, at: &str| {
        let mut copy = base.clone();
        let a = &mut copy.annotations[0];
        a.base = Some(a.updated.clone());
        a.note = Some(text.into());
        a.updated = at.into();
        copy
    };
    store::save(&path, &edit("original + edit A", "2026-01-01T00:00:01Z")).unwrap();
    let merged = store::save(&path, &edit("original + edit B", "2026-01-01T00:00:02Z")).unwrap();
    let texts: Vec<(&str, Option<&str>)> = merged
        .live()
        .map(|a| (a.note.as_deref().unwrap(), a.conflict_of.as_deref()))
        .collect();
    assert_eq!(
        texts,
        vec![
            ("original + edit B", None),
            ("original + edit A", Some("n1"))
        ]
    );
    // The first instance's next save keeps both, once each.
    let mut first = edit("original + edit A", "2026-01-01T00:00:01Z");
    first.annotations[0].base = None;
    let again = store::save(&path, &first).unwrap();
    assert_eq!(again.live().count(), 2);
    // An edit made on top of the other's save is no conflict.
    let mut later = again.clone();
    let a = &mut later.annotations[0];
    a.base = Some(a.updated.clone());
    a.note = Some("original + edit B + C".into());
    a.updated = "2026-01-01T00:00:03Z".into();
    assert_eq!(store::save(&path, &later).unwrap().live().count(), 2);
}

#[test]
fn a_conflict_found_on_saving_is_told() {
    let mut m = with_a_note();
    press(&mut m, "e");
    type_text(&mut m, " + B");
    let fx = press(&mut m, "ctrl-s");
    let mut merged = saved_files(&fx).pop().unwrap();
    // What the store merged in: the other instance's version, as a copy.
    let mut theirs = merged.annotations[0].clone();
    theirs.id = format!("{}-conflict-1", theirs.id);
    theirs.conflict_of = Some(merged.annotations[0].id.clone());
    theirs.note = Some("orig + A".into());
    merged.annotations.push(theirs);
    update(&mut m, Action::Saved(Ok(Box::new(merged))));
    let message = m.message.clone().unwrap().text;
    assert!(message.contains("both versions are kept"), "{message}");
    let screen = common::render(&m, 120, 40);
    assert!(screen.contains("CONFLICT copy"), "{screen}");
}

/// A new user's trial: after saving a note from a draft in the notes pane,
/// the selection jumped to another note, and the next `j` skipped the one
/// just saved. The note saved stays selected.
#[test]
fn the_note_saved_from_the_notes_pane_stays_selected() {
    let mut m = reader("seed_like.txt", 120, 40);
    for n in 1..=3 {
        press(&mut m, "a");
        type_text(&mut m, &format!("note {n}"));
        press(&mut m, "ctrl-s j");
    }
    // Into the notes pane, on the second note; edit it, keep a draft,
    // come back to the draft and save it.
    press(&mut m, "tab tab g g");
    let selected = |m: &Model| {
        let r = m.reader.as_ref().unwrap();
        let list = brief::model::notes::entries(r);
        r.annotations.get(list[r.notes_cursor]).note.clone()
    };
    assert_eq!(
        selected(&m).as_deref(),
        Some("note 1"),
        "tab tab reaches the notes"
    );
    press(&mut m, "j");
    assert_eq!(selected(&m).as_deref(), Some("note 2"));
    press(&mut m, "enter");
    type_text(&mut m, " changed");
    press(&mut m, "esc");
    assert_eq!(
        selected(&m).as_deref(),
        Some("note 2"),
        "the note, not its draft"
    );
    press(&mut m, "enter");
    press(&mut m, "ctrl-s");
    assert_eq!(selected(&m).as_deref(), Some("note 2 changed"));
    press(&mut m, "j");
    assert_eq!(selected(&m).as_deref(), Some("note 3"));
}

/// The same for a draft of a new note: saved from the notes pane, the
/// note it becomes stays selected.
#[test]
fn a_new_note_saved_from_its_draft_in_the_notes_pane_stays_selected() {
    let mut m = reader("seed_like.txt", 120, 40);
    press(&mut m, "a");
    type_text(&mut m, "note 1");
    press(&mut m, "ctrl-s j a");
    type_text(&mut m, "draft 2");
    press(&mut m, "esc j a");
    type_text(&mut m, "note 3");
    press(&mut m, "ctrl-s");
    let selected = |m: &Model| {
        let r = m.reader.as_ref().unwrap();
        let list = brief::model::notes::entries(r);
        r.annotations.get(list[r.notes_cursor]).note.clone()
    };
    press(&mut m, "tab tab g g j");
    assert_eq!(selected(&m).as_deref(), Some("draft 2"));
    press(&mut m, "enter");
    type_text(&mut m, " done");
    press(&mut m, "ctrl-s");
    assert_eq!(selected(&m).as_deref(), Some("draft 2 done"));
    press(&mut m, "j");
    assert_eq!(selected(&m).as_deref(), Some("note 3"));
}
