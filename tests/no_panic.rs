//! No terminal size and no sequence of input makes `brief` panic: every view
//! drawn at every size from 0×0 to 40×20 (and 1×1, 300×100), and random
//! keys, clicks, wheel turns and resizes thrown at the model.

mod common;

use brief::action::Action;
use brief::annotations::{Placement, Span};
use brief::keymap::{Key, KeyCode};
use brief::model::{Model, update};
use common::{press, reader, reader_from_bytes, type_text};
use proptest::prelude::*;
use ratatui::{Terminal, backend::TestBackend};

fn draw_at(model: &mut Model, w: u16, h: u16) {
    update(
        model,
        Action::Resize {
            width: w,
            height: h,
        },
    );
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| brief::ui::draw(f, model)).unwrap();
}

fn views() -> Vec<Model> {
    let mut views = vec![
        reader("seed_like.txt", 80, 24),
        reader("transcript.txt", 80, 24),
    ];
    let mut m = reader("frontmatter.md", 80, 24);
    press(&mut m, "j a");
    type_text(&mut m, "a note with 日本語 and 😀 emoji at the edge");
    views.push(m.clone());
    press(&mut m, "ctrl-s tab tab");
    views.push(m.clone());
    press(&mut m, "/");
    type_text(&mut m, "rule");
    views.push(m.clone());
    press(&mut m, "esc ?");
    views.push(m.clone());
    press(&mut m, "q d");
    views.push(m);
    let mut lib = Model::new(brief::keymap::Keymap::defaults(), 80, 24);
    lib.library = brief::model::Library::new(Some("x".into()), 24);
    update(
        &mut lib,
        Action::LibraryLoaded {
            entries: vec![Default::default(); 3],
            done: true,
        },
    );
    views.push(lib.clone());
    // The annotations view, with rows and while typing its filter.
    update(
        &mut lib,
        Action::AnnotationsLoaded {
            sets: common::annotation_sets(),
            done: true,
        },
    );
    press(&mut lib, "i");
    views.push(lib.clone());
    press(&mut lib, "/");
    type_text(&mut lib, "kind:note");
    views.push(lib);
    views.push(
        Model::new(brief::keymap::Keymap::defaults(), 80, 24).with_problems(vec!["x".repeat(300)]),
    );
    views.push(reader_from_bytes(b"", "empty.txt", 80, 24));
    views
}

#[test]
fn every_view_at_every_small_size() {
    for view in views() {
        for w in 0..=40 {
            for h in 0..=20 {
                draw_at(&mut view.clone(), w, h);
            }
        }
        for (w, h) in [(1, 1), (0, 0), (300, 100), (1000, 3), (2, 300)] {
            draw_at(&mut view.clone(), w, h);
        }
    }
}

fn any_action() -> impl Strategy<Value = Action> {
    let keys = "jkJKgGhHmMaAeEdDrRvVtTnNbB/?{}()[]q yx\t";
    prop_oneof![
        8 => proptest::sample::select(keys.chars().collect::<Vec<_>>()).prop_map(|c| Action::Key(Key::char(c))),
        2 => proptest::sample::select(vec![
            KeyCode::Enter, KeyCode::Esc, KeyCode::Tab, KeyCode::BackTab, KeyCode::Backspace,
            KeyCode::Up, KeyCode::Down, KeyCode::Left, KeyCode::Right, KeyCode::PageUp, KeyCode::PageDown,
            KeyCode::Home, KeyCode::End, KeyCode::Delete,
        ]).prop_map(|c| Action::Key(Key::plain(c))),
        1 => proptest::sample::select(vec!['d', 'u', 's', 'e', 'c', 'l', 'z'])
            .prop_map(|c| Action::Key(Key::ctrl(c))),
        1 => (0u16..130, 0u16..50).prop_map(|(w, h)| Action::Resize { width: w, height: h }),
        1 => (0u16..130, 0u16..50).prop_map(|(c, r)| Action::Click { column: c, row: r }),
        1 => (-10i16..10).prop_map(Action::Scroll),
        1 => Just(Action::Timeout),
        1 => any::<Option<String>>().prop_map(Action::EditorDone),
        1 => "[a-z ]{0,20}".prop_map(|error| Action::Saved(Err(brief::store::SaveError::other(error)))),
    ]
}

/// What must hold after every input: the cursor is on a passage that
/// exists and is on screen (when its pane has room for a line), and every
/// annotation has a placement that points into the brief's text.
fn check_invariants(model: &Model, step: usize) {
    let Some(r) = model.reader.as_ref() else {
        return;
    };
    let count = r.index.len();
    if count > 0 {
        assert!(
            r.cursor < count,
            "step {step}: cursor {} of {count}",
            r.cursor
        );
        let pane = r.pane_of(r.cursor);
        let g = r.geometry();
        let rect = match pane {
            brief::layout::Pane::Summary => g.summary,
            _ => g.commentary,
        };
        if rect.width > 2 && rect.height > 2 {
            let shown: Vec<usize> = r.visible(pane).iter().map(|(p, _, _)| *p).collect();
            assert!(
                shown.contains(&r.cursor),
                "step {step} at {}x{}: cursor {} not in view {shown:?}",
                model.width,
                model.height,
                r.cursor
            );
        }
    }
    let annotations = &r.annotations;
    assert_eq!(
        annotations.placements().len(),
        annotations.all().len(),
        "step {step}: an annotation without its placement"
    );
    for placement in annotations.placements() {
        if let Placement::Attached(Span {
            passage,
            bytes: std::ops::Range { start, end },
        }) = *placement
        {
            assert!(
                passage < count,
                "step {step}: placed on passage {passage} of {count}"
            );
            let text = r.passage_text(passage);
            assert!(
                start <= end
                    && end <= text.len()
                    && text.is_char_boundary(start)
                    && text.is_char_boundary(end),
                "step {step}: placement {start}..{end} outside passage {passage} ({} bytes)",
                text.len()
            );
        }
    }
}

/// A reader with a bookmark, a highlight and a note already in place.
fn annotated(name: &str) -> Model {
    let mut model = reader(name, 80, 24);
    press(&mut model, "j m j h a");
    type_text(&mut model, "a note");
    press(&mut model, "ctrl-s");
    model
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn random_input_keeps_the_cursor_and_every_annotation_in_place(
        actions in proptest::collection::vec(any_action(), 0..120),
        which in 0usize..3,
    ) {
        let name = ["seed_like.txt", "frontmatter.md", "transcript.txt"][which];
        let mut model = annotated(name);
        check_invariants(&model, 0);
        for (step, action) in actions.into_iter().enumerate() {
            update(&mut model, action);
            let (w, h) = (model.width, model.height);
            let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
            terminal.draw(|f| brief::ui::draw(f, &model)).unwrap();
            check_invariants(&model, step + 1);
        }
    }
}

#[test]
fn wide_characters_never_overwrite_a_border() {
    let text = "分析\n\n東アジアの半導体サプライチェーン再編と日本の役割について\n\n日本政府は国内の半導体製造能力の回復を経済安全保障の柱と位置づけ、大規模な補助金を投入してきた。😀👩‍💻 絵文字と한국어 텍스트도 포함한다.\n\n論評\n\n• 補助金による工場誘致は第一段階にすぎない。技術者の育成と電力・水の安定供給が伴わなければならない。\n";
    for w in 20..=130u16 {
        let model = reader_from_bytes(text.as_bytes(), "ja.txt", w, 24);
        let mut terminal = Terminal::new(TestBackend::new(w, 24)).unwrap();
        terminal.draw(|f| brief::ui::draw(f, &model)).unwrap();
        let buffer = terminal.backend().buffer().clone();
        let r = model.reader.as_ref().unwrap();
        let g = r.geometry();
        for rect in [g.summary, g.commentary, g.notes] {
            if rect.width < 2 || rect.height < 2 {
                continue;
            }
            for y in rect.y + 1..rect.bottom() - 1 {
                let right = buffer[(rect.right() - 1, y)].symbol().to_string();
                let left = buffer[(rect.x, y)].symbol().to_string();
                assert!(
                    matches!(left.as_str(), "│" | "┃"),
                    "width {w}, row {y}: left border is {left:?}"
                );
                assert!(
                    matches!(right.as_str(), "│" | "┃" | "★" | "✎"),
                    "width {w}, row {y}: right border is {right:?}"
                );
            }
        }
    }
}
