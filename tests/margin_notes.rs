//! Notes in the margin (issue 13): each note beside the row where its
//! passage starts, pushed down when notes crowd, the current passage's
//! notes standing out; the list view a key away; the list where the notes
//! pane folds below the text.

mod common;

use brief::action::Action;
use brief::layout::NotesView;
use brief::model::{Model, Opened, update};
use common::{press, reader_from_bytes, render, type_text};

/// Short passages close together (the notes on them crowd), a long one
/// with several sentences.
const BRIEF: &str = "Analyses\n\nGrid operators brace for a dry summer\n\n\
Reservoirs in the south stand at 41 per cent of capacity, the lowest for May since 1996.\n\n\
Hydropower supplies nine tenths of the country's electricity. Prices follow the water.\n\n\
Commentary\n\n\
• Prices rose 30 per cent in a week.\n\
• Exports to Sweden were cut.\n\
• Industry asked for relief.\n\
• The regulator said no.\n\
• Households pay more from July.\n\
• The opposition wants a price cap. The government says a cap would only move the cost to the budget. Economists agree with the government.\n\
• Rain is forecast for late June.\n";

const LONG: &str = "A long note. The export cut is the real story: Sweden relies on these flows in dry years, \
and the interconnector deal of 2019 was sold on exactly this point. Check what the ministry said then, \
what the regulator's winter report predicted, and whether anyone asked the grid operator for its own forecast. \
Ask the Swedish side too.";

fn note(m: &mut Model, keys: &str, text: &str) {
    press(m, keys);
    press(m, "a");
    type_text(m, text);
    press(m, "ctrl-s");
}

/// The brief with notes on four adjacent short passages (one long), one on
/// a sentence of a longer passage, one on the whole brief.
fn annotated(width: u16, height: u16) -> Model {
    let mut m = reader_from_bytes(BRIEF.as_bytes(), "dry.txt", width, height);
    note(&mut m, "j j", "Thirty per cent: compare with 2018.");
    note(&mut m, "j", LONG);
    note(&mut m, "j", "Who asked? The aluminium smelters.");
    note(&mut m, "j", "Regulator's letter of 3 May.");
    note(
        &mut m,
        "j j ) v",
        "Budget cost: 4 billion a year, says the finance ministry.",
    );
    press(&mut m, "A");
    type_text(&mut m, "File before the June meeting.");
    press(&mut m, "ctrl-s");
    press(&mut m, "g g j j j");
    m
}

/// The screen row where `text` is drawn (its first occurrence).
fn row_of(screen: &str, text: &str) -> Option<usize> {
    screen.lines().position(|l| l.contains(text))
}

/// The notes-pane part of screen row `row` (right of the text panes).
fn margin_cells(screen: &str, row: usize, from: usize) -> String {
    screen
        .lines()
        .nth(row)
        .map(|l| l.chars().skip(from).collect())
        .unwrap_or_default()
}

fn snap(name: &str, m: &Model, (w, h): (u16, u16)) {
    insta::assert_snapshot!(format!("{name}_{w}x{h}"), render(m, w, h));
}

/// A note starts on the screen row where its passage starts, at every
/// size the margin fits, and scrolls with it.
#[test]
fn a_note_is_on_its_passage_s_row() {
    for (w, h) in [(180, 40), (120, 40), (100, 30)] {
        let mut m = reader_from_bytes(BRIEF.as_bytes(), "dry.txt", w, h);
        note(&mut m, "j j", "Thirty per cent: compare with 2018.");
        press(&mut m, "g g");
        let screen = render(&m, w, h);
        let passage = row_of(&screen, "• Prices rose 30 per cent").expect("passage");
        assert_eq!(
            row_of(&screen, "¶3 “Prices rose"),
            Some(passage),
            "{w}x{h}:\n{screen}"
        );
        assert_eq!(
            row_of(&screen, "Thirty per cent"),
            Some(passage + 1),
            "{screen}"
        );
    }
    // Scrolled (the wheel, a row up): the note moves with its passage.
    let mut m = reader_from_bytes(BRIEF.as_bytes(), "dry.txt", 100, 24);
    note(&mut m, "G k", "Which economists?");
    let screen = render(&m, 100, 24);
    let passage = row_of(&screen, "• The opposition wants").expect("passage");
    assert_eq!(
        row_of(&screen, "¶8 “The opposition"),
        Some(passage),
        "{screen}"
    );
    update(&mut m, Action::Scroll(-1));
    let screen = render(&m, 100, 24);
    assert_eq!(
        row_of(&screen, "• The opposition wants"),
        Some(passage + 1),
        "{screen}"
    );
    assert_eq!(
        row_of(&screen, "¶8 “The opposition"),
        Some(passage + 1),
        "{screen}"
    );
}

/// Notes that crowd are pushed down just enough (a blank row apart),
/// never drawn over one another, in the order of the text; a long note
/// is whole while its passage is the current one.
#[test]
fn crowded_notes_are_pushed_down() {
    for (w, h) in [(180, 40), (120, 40)] {
        let m = annotated(w, h);
        let screen = render(&m, w, h);
        let notes_x = usize::from(m.reader.as_ref().unwrap().geometry().notes.x) + 1;
        // ¶4, the current passage, has its note on its row; ¶3's note,
        // with no room above it, gives way upward where it must.
        let current = row_of(&screen, "▌✎• Exports to Sweden").expect("¶4");
        assert_eq!(row_of(&screen, "¶4 “"), Some(current), "{w}x{h}:\n{screen}");
        if row_of(&screen, "¶3 “").is_none() {
            assert!(screen.contains("▴ 1 more note above"), "{screen}");
        }
        let rows: Vec<usize> = ["¶4 “", "¶5 “", "¶6 “", "¶8 “"]
            .iter()
            .map(|h| row_of(&screen, h).unwrap_or_else(|| panic!("{h} in\n{screen}")))
            .collect();
        assert!(rows.windows(2).all(|r| r[0] < r[1]), "{rows:?}\n{screen}");
        let end_of_4 = row_of(&screen, "Swedish side too.").expect("¶4 whole");
        assert_eq!(rows[1], end_of_4 + 2, "{w}x{h}:\n{screen}");
        // A note on a sentence range: the text marks its rows.
        assert!(screen.contains("┆"), "{screen}");
        // The brief's own note, in the block at the bottom.
        let block = row_of(&screen, "─ On the whole brief, or detached").expect("block");
        assert!(block > rows[3], "{screen}");
        assert!(margin_cells(&screen, block + 2, notes_x).contains("File before the June"));
        snap("margin", &m, (w, h));
    }
}

/// Moving on, the margin follows: the current passage's note lines up
/// with it (the notes above give way upward) and shows whole; the long
/// one is cut to a few lines with an ellipsis.
#[test]
fn the_current_passage_s_note_stands_beside_it() {
    let mut m = annotated(120, 40);
    press(&mut m, "j j");
    let screen = render(&m, 120, 40);
    assert!(!screen.contains("Swedish side too."), "{screen}");
    assert!(
        screen.contains("these flows in dry years, and the…"),
        "{screen}"
    );
    let passage = row_of(&screen, "▌✎• The regulator said no.").expect("cursor on ¶6");
    assert_eq!(
        row_of(&screen, "¶6 “The regulator"),
        Some(passage),
        "{screen}"
    );
    snap("margin_moved", &m, (120, 40));
}

/// Where the notes pane folds below the text, the list is used; the text
/// still marks noted passages and sentences.
#[test]
fn narrow_the_list_is_used() {
    let mut m = annotated(80, 24);
    snap("margin", &m, (80, 24));
    press(&mut m, "t");
    let r = m.reader.as_ref().unwrap();
    assert_eq!(r.notes_view, NotesView::Margin, "the choice stays");
    assert!(!r.margin_shown());
    let screen = render(&m, 80, 24);
    assert!(
        !screen.contains("─ On the whole brief, or detached"),
        "{screen}"
    );
    // The list shows the current passage's note.
    assert!(screen.contains("¶4 “Exports to Sweden"), "{screen}");
    snap("margin_folded", &m, (80, 24));
}

/// `T` switches to the list and back; the choice holds for the next brief
/// opened in the session; `notes_view: list` in config.yaml starts with it.
#[test]
fn the_switch_key() {
    let mut m = annotated(120, 40);
    assert!(m.reader.as_ref().unwrap().margin_shown());
    press(&mut m, "T");
    assert_eq!(m.last_action, Some(Action::ToggleNotesView));
    let r = m.reader.as_ref().unwrap();
    assert_eq!(r.notes_view, NotesView::List);
    assert!(!r.margin_shown());
    assert_eq!(
        m.message.as_ref().map(|m| m.text.as_str()),
        Some("Notes as a list (T: in the margin)")
    );
    let screen = render(&m, 120, 40);
    // The list: every note one after another, the brief's first, from the top.
    assert_eq!(row_of(&screen, "On the whole brief"), Some(3), "{screen}");
    assert!(
        !screen.contains("─ On the whole brief, or detached"),
        "{screen}"
    );
    snap("list", &m, (120, 40));
    // Another brief opened in this session: still the list.
    let brief = brief::loader::load(BRIEF.as_bytes(), "again.txt").unwrap();
    let opened = Opened {
        path: "again.txt".into(),
        brief,
        annotations_path: "/nonexistent/again.yaml".into(),
        ..Opened::default()
    };
    update(&mut m, Action::Opened(Box::new(opened)));
    assert_eq!(m.reader.as_ref().unwrap().notes_view, NotesView::List);
    press(&mut m, "T");
    assert!(m.reader.as_ref().unwrap().margin_shown());
    assert_eq!(
        m.message.as_ref().map(|m| m.text.as_str()),
        Some("Notes in the margin, beside their passages (T: as a list)")
    );
    // config.yaml's choice is where a session starts.
    let (config, problems) = brief::config::parse("notes_view: list\n", "c.yaml", None);
    assert!(problems.is_empty(), "{problems:?}");
    let mut m = Model::new(brief::keymap::Keymap::defaults(), 120, 40);
    m.comfort = config.comfort;
    let brief = brief::loader::load(BRIEF.as_bytes(), "dry.txt").unwrap();
    let opened = Opened {
        path: "dry.txt".into(),
        brief,
        annotations_path: "/nonexistent/dry.yaml".into(),
        ..Opened::default()
    };
    update(&mut m, Action::Opened(Box::new(opened)));
    assert_eq!(m.reader.as_ref().unwrap().notes_view, NotesView::List);
}

fn selected_header(m: &Model) -> String {
    let r = m.reader.as_ref().unwrap();
    brief::model::margin::margin(r)
        .and_then(|margin| margin.notes.into_iter().find(|n| n.selected))
        .map(|n| n.lines[0].clone())
        .unwrap_or_default()
}

/// In the margin the notes pane works as the list does: Tab into it, j/k
/// between notes (the text follows), Enter edits the selected note, d
/// asks naming it, a click selects a note, a search match in a note
/// selects it, a draft shows as a draft.
#[test]
fn the_notes_pane_works_in_the_margin() {
    use brief::layout::Pane;
    use brief::model::{NoteTarget, Overlay};
    let mut m = annotated(120, 40);
    press(&mut m, "tab");
    assert_eq!(m.reader.as_ref().unwrap().focus, Pane::Notes);
    assert!(
        selected_header(&m).starts_with("¶4 “Exports"),
        "{}",
        selected_header(&m)
    );
    press(&mut m, "j");
    assert!(
        selected_header(&m).starts_with("¶5 “Industry"),
        "{}",
        selected_header(&m)
    );
    assert_eq!(m.reader.as_ref().unwrap().cursor, 4, "the text follows");
    press(&mut m, "k k");
    assert!(
        selected_header(&m).starts_with("¶3 “Prices"),
        "{}",
        selected_header(&m)
    );
    press(&mut m, "j j enter");
    let editor = m.reader.as_ref().unwrap().editor.clone().expect("editor");
    assert!(matches!(editor.target, NoteTarget::Existing(_)));
    assert_eq!(editor.text(), "Who asked? The aluminium smelters.");
    press(&mut m, "esc d");
    match &m.overlay {
        Some(Overlay::Confirm { question, .. }) => {
            assert!(question.contains("Who asked?"), "{question}")
        }
        other => panic!("{other:?}"),
    }
    press(&mut m, "n");
    // A click on a note in the margin selects it and goes to its passage.
    let screen = render(&m, 120, 40);
    let row = row_of(&screen, "¶8 “").expect("¶8 note") as u16;
    let x = m.reader.as_ref().unwrap().geometry().notes.x + 4;
    update(
        &mut m,
        Action::Click {
            column: x,
            row: row + 1,
        },
    );
    assert!(
        selected_header(&m).starts_with("¶8 “"),
        "{}",
        selected_header(&m)
    );
    assert_eq!(m.reader.as_ref().unwrap().cursor, 7);
    // A search match in a note selects that note; it shows whole.
    press(&mut m, "tab");
    press(&mut m, "/");
    type_text(&mut m, "regulator's winter");
    press(&mut m, "enter");
    let r = m.reader.as_ref().unwrap();
    let margin = brief::model::margin::margin(r).expect("margin");
    let found = margin
        .notes
        .iter()
        .find(|n| n.lines[0].starts_with("¶4 “"))
        .expect("¶4 in the margin");
    assert!(
        found.lines.iter().any(|l| l.contains("Swedish side too.")),
        "{found:?}"
    );
    // A draft: kept with Esc, shown as a draft beside its passage.
    press(&mut m, "esc G a");
    type_text(&mut m, "Half a thought on rain");
    press(&mut m, "esc");
    let screen = render(&m, 120, 40);
    let passage = row_of(&screen, "• Rain is forecast").expect("¶9");
    let draft = row_of(&screen, "DRAFT (not saved) · ¶9").expect("draft");
    assert_eq!(draft, passage, "{screen}");
}

/// Every word of every note can be brought on screen in either view, at
/// every size: Tab into the notes pane, then j through it; a note taller
/// than the room it has is read down before the next one is selected.
#[test]
fn every_note_is_reachable() {
    use brief::layout::Pane;
    let huge: String = (1..=240).map(|n| format!("w{n:03} ")).collect();
    for (w, h, keys) in [
        (120, 40, ""),
        (120, 40, "T"),
        (100, 30, ""),
        (100, 30, "T"),
        (180, 40, ""),
        (80, 24, "t"),
    ] {
        let mut m = annotated(w, h);
        note(&mut m, "g g j j j j j j", huge.trim_end());
        press(&mut m, keys);
        for _ in 0..3 {
            if m.reader.as_ref().unwrap().focus != Pane::Notes {
                press(&mut m, "tab");
            }
        }
        press(&mut m, "g g");
        let mut seen = std::collections::HashSet::new();
        for _ in 0..300 {
            let notes = m.reader.as_ref().unwrap().geometry().notes;
            let screen = render(&m, w, h);
            for line in screen
                .lines()
                .skip(usize::from(notes.y))
                .take(usize::from(notes.height))
            {
                let cells: String = line
                    .chars()
                    .skip(usize::from(notes.x))
                    .take(usize::from(notes.width))
                    .collect();
                for word in cells.split(|c: char| !c.is_alphanumeric() && c != '\'') {
                    seen.insert(word.to_string());
                }
            }
            let before = m.reader.as_ref().map(|r| (r.notes_cursor, r.note_scroll));
            press(&mut m, "j");
            if m.reader.as_ref().map(|r| (r.notes_cursor, r.note_scroll)) == before {
                break;
            }
        }
        let r = m.reader.as_ref().unwrap();
        for a in r.annotations.all().iter().filter(|a| !a.deleted) {
            for word in a
                .note
                .as_deref()
                .unwrap_or("")
                .split(|c: char| !c.is_alphanumeric() && c != '\'')
                .filter(|w| !w.is_empty())
            {
                assert!(
                    seen.contains(word),
                    "{w}x{h} {keys:?}: `{word}` never shown"
                );
            }
        }
    }
}

/// Many notes on the whole brief: the block takes the rows the notes
/// beside the text leave free, says how many more there are, and j in the
/// notes pane brings each on screen.
#[test]
fn a_crowded_block_says_what_is_left_and_shows_each_in_turn() {
    use brief::layout::Pane;
    let mut m = reader_from_bytes(BRIEF.as_bytes(), "dry.txt", 100, 30);
    for n in 0..40 {
        press(&mut m, "A");
        type_text(&mut m, &format!("brief{n:02} note"));
        press(&mut m, "ctrl-s");
    }
    let screen = render(&m, 100, 30);
    assert!(screen.contains("▾ "), "{screen}");
    let block = row_of(&screen, "─ On the whole brief").expect("block");
    assert!(
        block < 10,
        "no notes beside the text: the block has the room\n{screen}"
    );
    press(&mut m, "tab");
    while m.reader.as_ref().unwrap().focus != Pane::Notes {
        press(&mut m, "tab");
    }
    press(&mut m, "g g");
    let mut seen = std::collections::HashSet::new();
    for _ in 0..45 {
        let screen = render(&m, 100, 30);
        for n in 0..40 {
            if screen.contains(&format!("brief{n:02} note")) {
                seen.insert(n);
            }
        }
        press(&mut m, "j");
    }
    assert_eq!(seen.len(), 40, "{seen:?}");
}

/// The bundled drought brief with a note of a few lines on each of its
/// ten passages, ¶6 (a question by Tomas Berg) the current one.
fn drought(width: u16, height: u16) -> Model {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("briefs/drought-response-briefing.txt");
    let bytes = std::fs::read(path).expect("bundled brief");
    let mut m = reader_from_bytes(&bytes, "drought-response-briefing.txt", width, height);
    press(&mut m, "g g");
    for n in 1..=10 {
        press(&mut m, "a");
        type_text(
            &mut m,
            &format!(
                "Note {n}: check this against the minutes of the board meeting and \
                 the reservoir figures published on Friday; ask the press office."
            ),
        );
        press(&mut m, "ctrl-s j");
    }
    press(&mut m, "g g j j j j j");
    assert_eq!(m.reader.as_ref().unwrap().cursor, 5);
    m
}

/// The current passage's note is on the row where its passage starts;
/// notes above that do not fit between the top and it are counted on a
/// `▴ N more notes above` row.
fn assert_current_note_lines_up(m: &Model, (w, h): (u16, u16), what: &str) {
    let screen = render(m, w, h);
    let passage = row_of(&screen, "Q Tomas Berg").expect("¶6 on screen");
    assert_eq!(
        row_of(&screen, "¶6 “Tomas Berg"),
        Some(passage),
        "{what} {w}x{h}: ¶6's note beside ¶6\n{screen}"
    );
    let hidden = (2..=5).any(|n| row_of(&screen, &format!("¶{n} “")).is_none());
    assert!(
        !hidden || screen.contains("more note") && screen.contains("▴"),
        "{what} {w}x{h}: notes given way are counted above\n{screen}"
    );
}

#[test]
fn the_current_note_lines_up_with_its_passage_after_a_resize() {
    for size in [(120, 40), (180, 40)] {
        let mut m = drought(80, 24);
        update(
            &mut m,
            Action::Resize {
                width: size.0,
                height: size.1,
            },
        );
        assert_current_note_lines_up(&m, size, "after a resize from 80x24");
        press(&mut m, "j k");
        assert_current_note_lines_up(&m, size, "after a resize, then j k");
        let m = drought(size.0, size.1);
        assert_current_note_lines_up(&m, size, "opened at this size");
    }
    let mut m = drought(80, 24);
    update(
        &mut m,
        Action::Resize {
            width: 180,
            height: 40,
        },
    );
    snap("drought_resized", &m, (180, 40));
}

/// Two notes on the current passage: both shown whole where there is
/// room, not the second cut to three lines.
#[test]
fn every_note_of_the_current_passage_is_whole_when_there_is_room() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("briefs/drought-response-briefing.txt");
    let bytes = std::fs::read(path).expect("bundled brief");
    let mut m = reader_from_bytes(&bytes, "drought-response-briefing.txt", 120, 40);
    let first = "First thought: the reservoirs figure of 41 percent is for the three main \
                 ones only; the smaller northern ones were lower still last week, and the \
                 authority has not said by how much.";
    let second = "Second thought: ask whether stage two covers businesses that water \
                  commercially, golf courses and garden centres especially; they were \
                  exempt in 2018 and I hope at least that has changed this time.";
    note(&mut m, "g g j j", first);
    note(&mut m, "", second);
    let r = m.reader.as_ref().unwrap();
    assert_eq!(r.cursor, 2, "¶3 current");
    let screen = render(&m, 120, 40);
    for end in ["authority has not said by how much.", "changed this time."] {
        assert!(screen.contains(end), "`{end}` not shown:\n{screen}");
    }
}

/// A passage whose first line is scrolled off the top of the commentary
/// pane: its note stays beside the pane's text rows, not its border.
#[test]
fn a_note_stays_inside_the_pane_its_passage_is_in() {
    use brief::layout::Pane;
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("briefs/baltic-grid-synchronisation.txt");
    let bytes = std::fs::read(path).expect("bundled brief");
    let mut m = reader_from_bytes(&bytes, "baltic-grid-synchronisation.txt", 120, 40);
    note(&mut m, "g g j j j", "On the commentary's second point.");
    let r = m.reader.as_ref().unwrap();
    assert_eq!(r.pane_of(r.cursor), Pane::Commentary);
    // Scroll until the passage's first line is just off the top.
    for _ in 0..40 {
        let r = m.reader.as_ref().unwrap();
        let first = r
            .visible(Pane::Commentary)
            .first()
            .map(|(p, _, n)| (*p, *n));
        if first.is_some_and(|(p, n)| p == r.cursor && n > 0) {
            break;
        }
        update(&mut m, Action::Scroll(1));
    }
    let r = m.reader.as_ref().unwrap();
    let first = r
        .visible(Pane::Commentary)
        .first()
        .map(|(p, _, n)| (*p, *n));
    assert!(
        first.is_some_and(|(p, n)| p == r.cursor && n > 0),
        "scrolled into the passage: {first:?}"
    );
    let pane = r.geometry().pane(Pane::Commentary);
    let screen = render(&m, 120, 40);
    let header = row_of(&screen, "On the commentary's").expect("the note") - 1;
    assert!(
        header > usize::from(pane.y),
        "the note's header is beside the pane's border row {}:\n{screen}",
        pane.y
    );
}
