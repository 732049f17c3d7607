//! State machine tables: a brief, a terminal size and keys in; where the
//! cursor, the focus and the view end up out.

mod common;

use brief::action::Action;
use brief::layout::Pane;
use brief::model::{Effect, Overlay, Screen, update};
use common::{press, reader, reader_from_bytes, type_text};

struct Row {
    fixture: &'static str,
    size: (u16, u16),
    keys: &'static str,
    cursor: usize,
    focus: Pane,
}

const WIDE: (u16, u16) = (120, 40);
const NARROW: (u16, u16) = (60, 20);

fn row(
    fixture: &'static str,
    size: (u16, u16),
    keys: &'static str,
    cursor: usize,
    focus: Pane,
) -> Row {
    Row {
        fixture,
        size,
        keys,
        cursor,
        focus,
    }
}

#[test]
fn motions() {
    use Pane::{Commentary as C, Notes as N, Summary as S};
    let seed = "seed_like.txt";
    let md = "frontmatter.md";
    let table = [
        row(seed, WIDE, "", 0, S),
        row(seed, WIDE, "j", 1, S),
        row(seed, WIDE, "down", 1, S),
        row(seed, WIDE, "j j", 2, C),
        row(seed, WIDE, "j j j j j j j j", 4, C),
        row(seed, WIDE, "k", 0, S),
        row(seed, WIDE, "j j k", 1, S),
        row(seed, WIDE, "j j up", 1, S),
        row(seed, WIDE, "G", 4, C),
        row(seed, WIDE, "end", 4, C),
        row(seed, WIDE, "G g g", 0, S),
        row(seed, WIDE, "G home", 0, S),
        row(seed, WIDE, "}", 2, C),
        row(seed, WIDE, "] ]", 2, C),
        row(seed, WIDE, "} }", 2, C),
        row(seed, WIDE, "} {", 0, S),
        row(seed, WIDE, "G {", 2, C),
        row(seed, WIDE, "G [ [", 2, C),
        row(seed, WIDE, "tab", 2, C),
        row(seed, WIDE, "tab tab", 2, N),
        row(seed, WIDE, "tab tab tab", 0, S),
        row(seed, WIDE, "backtab", 0, N),
        row(seed, NARROW, "tab tab", 0, S),
        row(seed, NARROW, "t tab tab", 2, N),
        row(seed, WIDE, "right right right right", 1, S),
        row(seed, WIDE, "j left", 0, S),
        row(seed, NARROW, "space", 1, S),
        row(seed, NARROW, "space space space space space space", 4, C),
        row(seed, NARROW, "G b", 3, C),
        row(seed, NARROW, "ctrl-d", 0, S),
        row(seed, NARROW, "ctrl-d ctrl-d ctrl-d ctrl-d", 1, S),
        row(seed, NARROW, "G ctrl-u ctrl-u ctrl-u ctrl-u", 1, S),
        row(md, WIDE, "}", 2, S),
        row(md, WIDE, "} }", 6, C),
        row(md, WIDE, "} } }", 8, C),
        row(md, WIDE, "G {", 6, C),
        row(md, WIDE, "G { {", 2, S),
        row(md, WIDE, "j j j j j j", 6, C),
        // A pending sequence broken by another key: the other key counts.
        row(seed, WIDE, "g j", 1, S),
    ];
    for r in table {
        let mut model = reader(r.fixture, r.size.0, r.size.1);
        press(&mut model, r.keys);
        let reader = model.reader.as_ref().expect("reader open");
        assert_eq!(
            (reader.cursor, reader.focus),
            (r.cursor, r.focus),
            "{} at {:?} after `{}`",
            r.fixture,
            r.size,
            r.keys
        );
        if !reader.index.is_empty() && reader.focus != Pane::Notes {
            let shown: Vec<usize> = reader
                .visible(reader.focus)
                .iter()
                .map(|(p, _, _)| *p)
                .collect();
            assert!(
                shown.contains(&reader.cursor),
                "{} after `{}`: cursor not in view",
                r.fixture,
                r.keys
            );
        }
    }
}

#[test]
fn sentences_and_selection() {
    let mut model = reader("seed_like.txt", 120, 40);
    press(&mut model, ")");
    assert_eq!(model.reader.as_ref().unwrap().sentence, Some(1));
    press(&mut model, "( (");
    let r = model.reader.as_ref().unwrap();
    assert_eq!((r.cursor, r.sentence), (0, Some(0)));
    press(&mut model, "v ) )");
    let sel = model.reader.as_ref().unwrap().selection.expect("selecting");
    assert_eq!((sel.anchor, sel.head), (0, 2));
    press(&mut model, "q");
    assert!(
        model.reader.as_ref().unwrap().selection.is_none(),
        "q leaves select mode first"
    );
    assert_eq!(model.screen, Screen::Reader);
}

#[test]
fn edge_briefs_never_panic_and_stay_put() {
    let all_keys = "j k down up ) ( } { g g G space b ctrl-d ctrl-u tab backtab t / x enter n N m h H v a esc A esc e d r q";
    let cases: &[(&[u8], usize)] = &[
        (b"", 0),
        (b"Title only\n", 0),
        (b"Title\n\nOnly passage.\n", 1),
    ];
    for (bytes, passages) in cases {
        for (w, h) in [(120, 40), (60, 20), (1, 1), (0, 0), (20, 5)] {
            let mut model = reader_from_bytes(bytes, "edge.txt", w, h);
            assert_eq!(model.reader.as_ref().unwrap().index.len(), *passages);
            press(&mut model, all_keys);
            let _ = common::render(&model, w.max(1), h.max(1));
        }
    }
}

#[test]
fn long_passage_pages_within_itself() {
    let long: String = (0..200)
        .map(|i| format!("Sentence number {i} is here. "))
        .collect();
    let text = format!("Title\n\n{long}\n\nSecond passage.\n");
    let mut model = reader_from_bytes(text.as_bytes(), "long.txt", 60, 20);
    press(&mut model, "space");
    let r = model.reader.as_ref().unwrap();
    assert_eq!(r.cursor, 0, "still inside the long passage");
    assert!(r.tops[0].line > 0, "scrolled within it: {:?}", r.tops);
    press(
        &mut model,
        "space space space space space space space space space space space space space space",
    );
    assert_eq!(
        model.reader.as_ref().unwrap().cursor,
        1,
        "reaches the next passage"
    );
    // `k` reads it upwards (issue 13): its end first, then back to its start.
    press(&mut model, "k");
    let r = model.reader.as_ref().unwrap();
    assert_eq!(r.cursor, 0);
    assert!(r.tops[0].line > 0, "its end is shown first: {:?}", r.tops);
    for _ in 0..30 {
        press(&mut model, "k");
    }
    let r = model.reader.as_ref().unwrap();
    assert_eq!(
        (r.cursor, r.tops[0].line),
        (0, 0),
        "its start is shown again"
    );
}

#[test]
fn search_incremental_accept_cancel_and_step() {
    let mut model = reader("seed_like.txt", 120, 40);
    press(&mut model, "/");
    type_text(&mut model, "norway");
    let r = model.reader.as_ref().unwrap();
    assert!(r.search.typing());
    assert_eq!(
        r.search.matches.len(),
        2,
        "smart case: lower-case query matches Norway"
    );
    assert_eq!(
        r.cursor, 2,
        "jumps to the first match at or after the cursor"
    );
    press(&mut model, "enter");
    press(&mut model, "n");
    assert_eq!(model.reader.as_ref().unwrap().cursor, 3);
    press(&mut model, "N N");
    assert_eq!(
        model.reader.as_ref().unwrap().cursor,
        3,
        "N N: back to 2, then wraps to the last match"
    );
    // Esc while typing restores the position the search started from.
    press(&mut model, "g g /");
    type_text(&mut model, "Kaliningrad-nowhere");
    press(&mut model, "esc");
    let r = model.reader.as_ref().unwrap();
    assert_eq!(r.cursor, 0);
    assert!(!r.search.typing());
    // Capital letters make it case-sensitive.
    press(&mut model, "/");
    type_text(&mut model, "Oslo");
    assert_eq!(model.reader.as_ref().unwrap().search.matches.len(), 1);
    press(&mut model, "esc");
}

#[test]
fn help_overlay_opens_scrolls_and_closes() {
    let mut model = reader("seed_like.txt", 60, 20);
    press(&mut model, "?");
    assert_eq!(model.overlay, Some(Overlay::Help { scroll: 0 }));
    press(&mut model, "j j");
    assert_eq!(model.overlay, Some(Overlay::Help { scroll: 2 }));
    press(&mut model, "q");
    assert_eq!(model.overlay, None);
    assert_eq!(
        model.screen,
        Screen::Reader,
        "q closed help, not the reader"
    );
}

#[test]
fn quit_from_single_file_quits() {
    let mut model = reader("seed_like.txt", 60, 20);
    let mut effects = press(&mut model, "q");
    // A first opening is saved (the library then knows it is not new):
    // quit follows the save.
    let saved = effects.iter().find_map(|e| match e {
        Effect::Save { file, .. } => Some(file.clone()),
        _ => None,
    });
    if let Some(file) = saved {
        effects = update(&mut model, Action::Saved(Ok(file)));
    }
    assert!(effects.contains(&Effect::Quit));
}

#[test]
fn resize_keeps_cursor_in_view() {
    let mut model = reader("seed_like.txt", 120, 40);
    press(&mut model, "G");
    for (w, h) in [(40, 12), (200, 60), (30, 8), (120, 40)] {
        update(
            &mut model,
            Action::Resize {
                width: w,
                height: h,
            },
        );
        let r = model.reader.as_ref().unwrap();
        let shown: Vec<usize> = r
            .visible(r.pane_of(r.cursor))
            .iter()
            .map(|(p, _, _)| *p)
            .collect();
        assert!(
            shown.contains(&4),
            "cursor passage visible at {w}x{h}: {shown:?}"
        );
    }
}

#[test]
fn mouse_wheel_and_click() {
    let mut model = reader("seed_like.txt", 120, 40);
    let screen = common::render(&model, 120, 40);
    let row = screen
        .lines()
        .position(|l| l.contains("The European Parliament"))
        .expect("visible") as u16;
    update(&mut model, Action::Click { column: 10, row });
    assert_eq!(model.reader.as_ref().unwrap().cursor, 3);
    update(&mut model, Action::Scroll(3));
    update(&mut model, Action::Scroll(-3));
    assert_eq!(model.reader.as_ref().unwrap().cursor, 3);
}

#[test]
fn a_large_brief_shows_its_start_then_completes_in_place() {
    let whole: String = (0..300)
        .map(|i| format!("Paragraph {i} of a long brief.\n\n"))
        .collect();
    let text = format!("Analyses\n\nA long brief\n\n{whole}");
    let cut = brief::reading::quick_cut(&text.as_bytes()[..2000]).unwrap();
    let start = brief::loader::load(&text.as_bytes()[..cut], "long.txt").unwrap();
    let full = brief::loader::load(text.as_bytes(), "long.txt").unwrap();
    assert!(start.passage_count() < full.passage_count());
    // The start parses exactly as the same passages of the whole.
    let a: Vec<_> = start.passages().map(|(_, p)| p.text.clone()).collect();
    let b: Vec<_> = full
        .passages()
        .take(a.len())
        .map(|(_, p)| p.text.clone())
        .collect();
    assert_eq!(a, b);
    let mut model = brief::model::Model::new(brief::keymap::Keymap::defaults(), 80, 24);
    let mut file = brief::annotations::AnnotationFile::new(Default::default());
    file.position = Some(brief::annotations::Position {
        passage: 250,
        ..Default::default()
    });
    let opened = brief::model::Opened {
        path: "long.txt".into(),
        brief: start,
        annotations: Some(file),
        partial: true,
        ..Default::default()
    };
    update(&mut model, Action::Opened(Box::new(opened)));
    press(&mut model, "j");
    update(
        &mut model,
        Action::BriefCompleted {
            path: "long.txt".into(),
            brief: Box::new(full),
        },
    );
    let r = model.reader.as_ref().unwrap();
    assert!(!r.partial);
    assert_eq!(r.index.len(), 300);
    assert_eq!(
        r.cursor, 250,
        "the saved position beyond the start is reached once the rest is in"
    );
}

#[test]
fn the_cursor_stays_in_view_passage_by_passage() {
    // Every j and k in every fixture, at three sizes: the cursor's passage
    // is always (at least partly) on screen.
    for name in [
        "seed_like.txt",
        "frontmatter.md",
        "transcript.txt",
        "hard_wrapped.txt",
        "qa.txt",
    ] {
        for (w, h) in [(110, 30), (60, 20), (40, 12)] {
            let mut m = reader(name, w, h);
            let count = m.reader.as_ref().unwrap().index.len();
            for key in std::iter::repeat_n("j", count).chain(std::iter::repeat_n("k", count)) {
                press(&mut m, key);
                let r = m.reader.as_ref().unwrap();
                let shown: Vec<usize> = r
                    .visible(r.pane_of(r.cursor))
                    .iter()
                    .map(|(p, _, _)| *p)
                    .collect();
                assert!(
                    shown.contains(&r.cursor),
                    "{name} {w}x{h}: cursor {} not in {shown:?}",
                    r.cursor
                );
            }
        }
    }
}

#[test]
fn a_search_without_match_after_a_resize_keeps_the_cursor_in_view() {
    // Found by the random-input property: the view saved when the search
    // began was put back as it was, though the window had shrunk since.
    let mut model = reader("frontmatter.md", 80, 24);
    press(&mut model, "j j J /");
    update(
        &mut model,
        Action::Resize {
            width: 3,
            height: 9,
        },
    );
    press(&mut model, "j j");
    let r = model.reader.as_ref().unwrap();
    let shown: Vec<usize> = r
        .visible(r.pane_of(r.cursor))
        .iter()
        .map(|(p, _, _)| *p)
        .collect();
    assert!(
        shown.contains(&r.cursor),
        "cursor {} not in {shown:?}",
        r.cursor
    );
}

#[test]
fn tab_returns_to_where_the_reader_was_in_each_pane() {
    // (keys, cursor after them); seed_like: ¶1-2 summary, ¶3-5 commentary.
    let cases = [
        ("j tab", 2),
        ("j tab j tab tab", 1),
        ("j tab j tab tab tab", 3),
        ("G tab tab", 0),
        ("G tab tab tab", 4),
        ("G k k k tab", 2),
        ("G k k k tab tab tab", 1),
        ("G k k k tab tab tab backtab backtab", 2),
    ];
    for (keys, cursor) in cases {
        let mut model = reader("seed_like.txt", 120, 40);
        press(&mut model, keys);
        assert_eq!(
            model.reader.as_ref().unwrap().cursor,
            cursor,
            "after {keys:?}"
        );
    }
}

fn overlay_scroll(model: &brief::model::Model) -> usize {
    match model.overlay {
        Some(Overlay::Help { scroll }) | Some(Overlay::Problems { scroll }) => scroll,
        _ => panic!("no scrolling overlay: {:?}", model.overlay),
    }
}

#[test]
fn help_scrolls_no_further_than_its_last_row_and_back_at_once() {
    let mut model = reader("seed_like.txt", 80, 24);
    press(&mut model, "?");
    press(&mut model, &"j ".repeat(200));
    let bottom = overlay_scroll(&model);
    assert!(
        bottom > 0 && bottom < 150,
        "stopped at the last row: {bottom}"
    );
    press(&mut model, "k");
    assert_eq!(overlay_scroll(&model), bottom - 1, "k moves at once");
    // The last row drawn is the help's last entry.
    let screen = common::render(&model, 80, 24);
    press(&mut model, "G");
    assert_eq!(overlay_scroll(&model), bottom);
    press(&mut model, "g g");
    assert_eq!(overlay_scroll(&model), 0);
    assert!(
        screen.contains("Answer no") || screen.contains("answer"),
        "{screen}"
    );
}

#[test]
fn every_startup_problem_can_be_read_in_full() {
    // 15 problems at 80×24: the popup says how many and scrolls to the last.
    let problems: Vec<String> = (1..=15)
        .map(|i| format!("/home/u/.config/brief/keymap.yaml:{i}:3: reader: `x{i}`: unknown action `a_rather_long_action_name_number_{i}` in this entry"))
        .collect();
    let mut model =
        brief::model::Model::new(brief::keymap::Keymap::defaults(), 80, 24).with_problems(problems);
    let screen = common::render(&model, 80, 24);
    assert!(screen.contains("Problems (15)"), "{screen}");
    press(&mut model, &"j ".repeat(40));
    let screen = common::render(&model, 80, 24);
    assert!(
        screen.contains("number_15` in this entry"),
        "last problem in full:\n{screen}"
    );
    assert!(screen.contains("default bindings"), "{screen}");
}

#[test]
fn search_finds_words_in_notes_and_steps_through_them() {
    let mut model = reader("seed_like.txt", 120, 40);
    // A note on ¶2 and one on ¶4, with words found nowhere in the brief.
    press(&mut model, "j a");
    type_text(&mut model, "Ask about the UMBRELLA clause");
    press(&mut model, "ctrl-s j j a");
    type_text(&mut model, "umbrella again, and Oslo");
    press(&mut model, "ctrl-s g g /");
    type_text(&mut model, "umbrella");
    let r = model.reader.as_ref().unwrap();
    assert_eq!(r.search.matches.len(), 2, "both notes counted");
    assert_eq!(r.cursor, 1, "the first match is in the note on ¶2");
    assert!(r.current_note_match().is_some());
    press(&mut model, "enter n");
    let r = model.reader.as_ref().unwrap();
    assert_eq!(r.cursor, 3, "n goes to the note on ¶4");
    let selected = brief::model::notes::selected(r).unwrap();
    assert_eq!(
        r.annotations.get(selected).note.as_deref(),
        Some("umbrella again, and Oslo"),
        "that note is selected in the notes pane"
    );
    // A word in the text and in a note: both counted, in document order.
    press(&mut model, "g g /");
    type_text(&mut model, "Oslo");
    let r = model.reader.as_ref().unwrap();
    let places: Vec<Option<usize>> = r.search.matches.iter().map(|m| m.passage()).collect();
    assert_eq!(places, vec![Some(3), Some(3)], "¶4's text, then its note");
    assert!(
        matches!(r.search.matches[1].found, brief::model::Found::Note { .. }),
        "{:?}",
        r.search.matches
    );
}

#[test]
fn a_bigger_window_shows_more_instead_of_empty_rows() {
    for name in ["seed_like.txt", "frontmatter.md", "transcript.txt"] {
        for (from, to) in [
            ((120, 40), (200, 50)),
            ((60, 14), (120, 40)),
            ((80, 12), (80, 30)),
        ] {
            let mut model = reader(name, from.0, from.1);
            press(&mut model, "G");
            update(
                &mut model,
                Action::Resize {
                    width: to.0,
                    height: to.1,
                },
            );
            let r = model.reader.as_ref().unwrap();
            for pane in [
                brief::layout::Pane::Summary,
                brief::layout::Pane::Commentary,
            ] {
                let rect = r.geometry().pane(pane);
                let height = usize::from(rect.height.saturating_sub(2));
                let total: usize = r
                    .index
                    .in_pane(pane)
                    .iter()
                    .map(|&p| r.rows(p, rect).rows.len())
                    .sum();
                assert_eq!(
                    r.visible(pane).len(),
                    total.min(height),
                    "{name} {from:?} → {to:?} {pane:?}: rows left empty"
                );
            }
        }
    }
}

#[test]
fn deleting_one_of_two_notes_says_which() {
    let mut model = reader("seed_like.txt", 120, 40);
    press(&mut model, "j a");
    type_text(&mut model, "first note on this passage");
    press(&mut model, "ctrl-s a");
    type_text(&mut model, "second note on this passage");
    press(&mut model, "ctrl-s d");
    let question = |m: &brief::model::Model| match &m.overlay {
        Some(Overlay::Confirm { question, .. }) => question.clone(),
        other => panic!("no question: {other:?}"),
    };
    let q = question(&model);
    assert!(
        q.contains("“first note on this passage”") && q.contains("1 of 2 on ¶2"),
        "{q}"
    );
    // Chosen in the notes pane: the second one is named and deleted.
    press(&mut model, "n tab tab j d");
    let q = question(&model);
    assert!(
        q.contains("“second note on this passage”") && q.contains("2 of 2"),
        "{q}"
    );
    press(&mut model, "y");
    let left: Vec<&str> = model
        .reader
        .as_ref()
        .unwrap()
        .annotations
        .file()
        .live()
        .filter_map(|a| a.note.as_deref())
        .collect();
    assert_eq!(left, ["first note on this passage"]);
}
