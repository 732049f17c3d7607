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
    press(&mut model, "k");
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
    let effects = press(&mut model, "q");
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
    let cut = brief::cli::quick_cut(&text.as_bytes()[..2000]).unwrap();
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
        updated: String::new(),
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
