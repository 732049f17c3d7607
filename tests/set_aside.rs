//! Set aside, never deleted: what the loader judged to be page furniture is
//! kept in the brief, listed by `brief show --json`, and shown by the
//! reader's `toggle_set_aside` key (dimmed, at the end, under its reason).

mod common;

use brief::action::Action;
use brief::document::{Brief, Passage, PassageKind, Section, SectionKind, SetAside};
use brief::keymap::Keymap;
use brief::model::{Model, Opened, update};
use std::path::PathBuf;

fn brief_with_furniture() -> Brief {
    let mut brief = Brief::default();
    brief.meta.title = "Grain corridors after the truce".into();
    brief.sections.push(Section {
        kind: SectionKind::Summary,
        heading: None,
        passages: vec![
            Passage::new(PassageKind::Paragraph, "Shipments resumed in March."),
            Passage::new(PassageKind::Paragraph, "Insurers remain wary."),
        ],
    });
    brief.set_aside = vec![
        SetAside {
            text: "Share: Facebook X LinkedIn".into(),
            reason: "share widget".into(),
        },
        SetAside {
            text: "No Comments".into(),
            reason: "comment count".into(),
        },
    ];
    brief
}

fn open(brief: Brief) -> Model {
    let mut model = Model::new(Keymap::defaults(), 100, 30);
    model.clock.now = "2026-01-01T00:00:00Z".into();
    let opened = Opened {
        path: PathBuf::from("grain.txt"),
        brief,
        annotations_path: PathBuf::from("/nonexistent/annotations.yaml"),
        ..Opened::default()
    };
    update(&mut model, Action::Opened(Box::new(opened)));
    model
}

#[test]
fn the_set_aside_key_shows_furniture_at_the_end_and_hides_it_again() {
    let mut model = open(brief_with_furniture());
    let screen = common::render(&model, 100, 30);
    assert!(
        !screen.contains("Share: Facebook"),
        "hidden at first:\n{screen}"
    );
    common::press(&mut model, "j");
    common::press(&mut model, "z");
    let screen = common::render(&model, 100, 30);
    for text in [
        "Set aside by brief",
        "share widget:",
        "Share: Facebook X LinkedIn",
        "comment count:",
        "No Comments",
    ] {
        assert!(screen.contains(text), "{text:?} not shown:\n{screen}");
    }
    let reader = model.reader.as_ref().expect("reader");
    assert_eq!(
        reader.passage_text(reader.cursor),
        "Share: Facebook X LinkedIn"
    );
    assert!(
        model
            .message
            .as_ref()
            .is_some_and(|m| m.text.contains("z hides")),
        "{:?}",
        model.message
    );

    // Furniture takes no bookmark: it is not part of the brief.
    common::press(&mut model, "m");
    let reader = model.reader.as_ref().expect("reader");
    assert!(reader.annotations.all().is_empty());

    common::press(&mut model, "z");
    let screen = common::render(&model, 100, 30);
    assert!(
        !screen.contains("Share: Facebook"),
        "hidden again:\n{screen}"
    );
    let reader = model.reader.as_ref().expect("reader");
    assert_eq!(reader.passage_text(reader.cursor), "Insurers remain wary.");
    assert_eq!(reader.index.len(), 2);
}

#[test]
fn a_brief_with_nothing_set_aside_says_so() {
    let mut brief = brief_with_furniture();
    brief.set_aside.clear();
    let mut model = open(brief);
    common::press(&mut model, "z");
    assert!(
        model
            .message
            .as_ref()
            .is_some_and(|m| m.text.contains("Nothing in this brief was set aside")),
        "{:?}",
        model.message
    );
}

#[test]
fn show_json_lists_set_aside_with_reasons() {
    let json = brief_with_furniture().to_json();
    assert_eq!(json["set_aside"][0]["text"], "Share: Facebook X LinkedIn");
    assert_eq!(json["set_aside"][0]["reason"], "share widget");
    let empty = Brief::default().to_json();
    assert_eq!(empty["set_aside"], serde_json::json!([]));
}
