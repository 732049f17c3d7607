//! Undo and redo of every kind of change to annotations (issue 13), as a
//! table: each change, undone, leaves the annotations as they were; redone,
//! as it made them.

mod common;

use brief::annotations::Annotation;
use brief::model::Model;
use common::{press, reader, type_text};

/// The live annotations, without the times that undo restamps.
fn live(m: &Model) -> Vec<(String, String, Option<String>, Option<String>)> {
    let file = &m.reader.as_ref().unwrap().annotations.file();
    let mut out: Vec<_> = file
        .live()
        .map(|a: &Annotation| {
            (
                a.id.clone(),
                format!("{:?}", a.kind),
                a.colour.map(|c| format!("{c:?}")),
                a.note.clone(),
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn every_change_is_undone_and_redone() {
    // (what, keys to set up, keys of the change, text typed after them)
    let cases: [(&str, &str, &str, &str); 6] = [
        ("bookmark", "", "m", ""),
        ("highlight", "", "h", ""),
        ("highlight colour", "h", "h", ""),
        ("note", "", "a", "a note"),
        ("delete", "a ctrl-s", "d y", ""),
        ("edit", "a ctrl-s", "e", " more"),
    ];
    for (what, setup, change, text) in cases {
        let mut m = reader("seed_like.txt", 120, 40);
        press(&mut m, "j");
        if setup == "a ctrl-s" {
            press(&mut m, "a");
            type_text(&mut m, "first");
            press(&mut m, "ctrl-s");
        } else {
            press(&mut m, setup);
        }
        let before = live(&m);
        press(&mut m, change);
        if !text.is_empty() {
            type_text(&mut m, text);
            press(&mut m, "ctrl-s");
        }
        let after = live(&m);
        assert_ne!(before, after, "{what}: the change changed something");
        press(&mut m, "u");
        assert_eq!(live(&m), before, "{what}: undone");
        press(&mut m, "ctrl-r");
        assert_eq!(live(&m), after, "{what}: redone");
        press(&mut m, "u u u u");
        press(&mut m, "ctrl-r ctrl-r ctrl-r ctrl-r");
        assert_eq!(live(&m), after, "{what}: all redone");
    }
    let mut m = reader("seed_like.txt", 120, 40);
    press(&mut m, "u");
    let message = m.message.as_ref().map(|m| m.text.clone());
    assert_eq!(message.as_deref(), Some("Nothing to undo"));
}
