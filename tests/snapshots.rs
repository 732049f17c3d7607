//! Every view drawn through ratatui's TestBackend, at a wide and a narrow
//! size, compared with reviewed snapshots (insta). Run `cargo insta review`
//! (or INSTA_UPDATE=always) after an intended change of the screens.

mod common;

use brief::action::Action;
use brief::keymap::Keymap;
use brief::model::{Model, update};
use common::{press, reader, render, type_text};
use std::path::Path;

const SIZES: [(u16, u16); 2] = [(120, 40), (60, 20)];

fn library(width: u16, height: u16) -> Model {
    let dir = Path::new("tests/fixtures");
    let mut m = Model::new(Keymap::defaults(), width, height);
    m.library = brief::model::Library::new(Some(dir.to_path_buf()), height);
    let entries = brief::files::list_briefs(dir)
        .iter()
        .map(|p| brief::app::library_entry(p, None))
        .collect();
    update(
        &mut m,
        Action::LibraryLoaded {
            entries,
            done: true,
        },
    );
    m
}

fn snap(name: &str, model: &Model, (w, h): (u16, u16)) {
    insta::assert_snapshot!(format!("{name}_{w}x{h}"), render(model, w, h));
}

#[test]
fn library_view() {
    for size in SIZES {
        let mut m = library(size.0, size.1);
        // Wide, every title fits and rows fill the width exactly: nothing
        // is cut off at the right edge.
        if size.0 >= 120 {
            let screen = render(&m, size.0, size.1);
            assert!(screen.lines().all(|l| !l.ends_with('…')), "{screen}");
        }
        snap("library", &m, size);
        press(&mut m, "/");
        type_text(&mut m, "rail");
        snap("library_filter", &m, size);
    }
}

/// Press `j` until the cursor is on passage `n` (`j` first scrolls
/// through a passage taller than the pane).
fn to_passage(m: &mut Model, n: usize) {
    for _ in 0..100 {
        if m.reader.as_ref().is_none_or(|r| r.cursor >= n) {
            return;
        }
        press(m, "j");
    }
}

#[test]
fn reader_view() {
    for size in SIZES {
        snap(
            "reader_seed",
            &reader("seed_like.txt", size.0, size.1),
            size,
        );
        let mut m = reader("frontmatter.md", size.0, size.1);
        to_passage(&mut m, 3);
        snap("reader_markdown", &m, size);
        snap(
            "reader_transcript",
            &reader("transcript.txt", size.0, size.1),
            size,
        );
        snap(
            "reader_wrapped",
            &reader("hard_wrapped.txt", size.0, size.1),
            size,
        );
    }
}

#[test]
fn reader_with_annotations() {
    for size in SIZES {
        let mut m = reader("seed_like.txt", size.0, size.1);
        to_passage(&mut m, 1);
        press(&mut m, "m h h G v ) h");
        press(&mut m, "a");
        type_text(&mut m, "Worth checking against the 2025 licensing round.");
        press(&mut m, "ctrl-s");
        press(&mut m, ")");
        snap("reader_annotated", &m, size);
        press(&mut m, "t");
        snap("reader_notes_toggled", &m, size);
    }
}

#[test]
fn editor_view() {
    for size in SIZES {
        let mut m = reader("seed_like.txt", size.0, size.1);
        to_passage(&mut m, 1);
        press(&mut m, "a");
        type_text(&mut m, "A note being written");
        snap("editor", &m, size);
    }
}

#[test]
fn search_view() {
    for size in SIZES {
        let mut m = reader("seed_like.txt", size.0, size.1);
        press(&mut m, "/");
        type_text(&mut m, "gas");
        snap("search_typing", &m, size);
        press(&mut m, "enter n");
        snap("search_accepted", &m, size);
    }
}

#[test]
fn help_view() {
    for size in SIZES {
        let mut m = reader("seed_like.txt", size.0, size.1);
        press(&mut m, "?");
        snap("help", &m, size);
    }
}

#[test]
fn overlays() {
    for size in SIZES {
        let mut m = reader("seed_like.txt", size.0, size.1);
        press(&mut m, "a");
        type_text(&mut m, "x");
        press(&mut m, "ctrl-s d");
        snap("confirm_delete", &m, size);
        let m = Model::new(Keymap::defaults(), size.0, size.1).with_problems(vec![
            "/home/u/.config/brief/keymap.yaml:3:3: reader: `j`: unknown action `nxt`".into(),
        ]);
        snap("problems", &m, size);
    }
}

#[test]
fn three_columns_when_very_wide() {
    let mut m = reader("seed_like.txt", 180, 40);
    press(&mut m, "j j");
    snap("reader_three_columns", &m, (180, 40));
}

#[test]
fn wide_script_brief() {
    let text = "分析\n\n東アジアの半導体サプライチェーン\n\n日本政府は国内の半導体製造能力の回復を経済安全保障の柱と位置づけ、大規模な補助金を投入してきた。😀 絵文字も含む。\n";
    for size in SIZES {
        let m = common::reader_from_bytes(text.as_bytes(), "ja.txt", size.0, size.1);
        snap("reader_japanese", &m, size);
    }
}

/// With keys remapped by the user, every hint on screen names the new keys.
#[test]
fn remapped_keys_are_the_keys_shown() {
    let user = "reader:\n  a: none\n  w: add_note\n  A: none\n  W: add_brief_note\neditor:\n  ctrl-s: none\n  ctrl-w: save_note\nglobal:\n  \"?\": none\n  f1: none\n  f2: help\n";
    let (keymap, errors) = Keymap::with_user_file(user, "keymap.yaml");
    assert!(errors.is_empty(), "{errors:?}");
    for size in SIZES {
        let mut m = reader("seed_like.txt", size.0, size.1);
        m.keymap = keymap.clone();
        let screen = render(&m, size.0, size.1);
        if size.0 >= 100 {
            assert!(screen.contains("Press w to write one"), "{screen}");
        }
        assert!(screen.contains("f2:help"), "{screen}");
        snap("remapped_reader", &m, size);
        press(&mut m, "w");
        let screen = render(&m, size.0, size.1);
        assert!(screen.contains("ctrl-w"), "{screen}");
        assert!(!screen.contains("ctrl-s"), "{screen}");
        snap("remapped_editor", &m, size);
    }
}

/// At 200 columns with the notes pane hidden, the text keeps to a readable
/// column, centred; `w` lets it fill the pane (issue 13).
#[test]
fn readable_column_when_wide() {
    let mut m = reader("seed_like.txt", 200, 40);
    if m.reader.as_ref().is_some_and(|r| r.notes_visible()) {
        press(&mut m, "t");
    }
    let screen = render(&m, 200, 40);
    let widest = |screen: &str| {
        screen
            .lines()
            .filter(|l| l.starts_with('│'))
            .map(|l| {
                l.trim_matches(|c| c == '│' || c == ' ' || c == '┃')
                    .chars()
                    .count()
            })
            .max()
            .unwrap_or(0)
    };
    assert!(widest(&screen) <= 84, "{screen}");
    assert!(
        screen.lines().any(|l| l.starts_with("│       ")),
        "centred: {screen}"
    );
    snap("reader_column", &m, (200, 40));
    press(&mut m, "w");
    let screen = render(&m, 200, 40);
    assert!(widest(&screen) > 150, "{screen}");
    snap("reader_full_width", &m, (200, 40));
}

/// The annotations view: every annotation of the library newest first,
/// then filtered as typed, then sorted by brief; and the bookmarks key in
/// the reader, which shows only that brief's bookmarks.
#[test]
fn annotations_view() {
    for size in SIZES {
        let mut m = library(size.0, size.1);
        update(
            &mut m,
            Action::AnnotationsLoaded {
                sets: common::annotation_sets(),
                done: true,
            },
        );
        press(&mut m, "i j");
        snap("annotations", &m, size);
        press(&mut m, "/");
        type_text(&mut m, "kind:note #ener");
        snap("annotations_filter", &m, size);
        press(&mut m, "esc s");
        snap("annotations_by_brief", &m, size);
    }
}
