//! End to end, in a real pseudo-terminal: a note written on the third
//! passage stands on the same screen row as that passage's first line;
//! `T` switches to the list and back; after a restart the note is still
//! beside its passage (issue 13, notes in the margin).

mod common;

use common::pty::{Env, Session};

const CTRL_S: &str = "\x13";
const THIRD: &str = "• The decision makes Norway the first country";
const NOTE: &str = "Compare with the Icelandic decision.";

/// The screen rows holding the third passage's first line and the note's
/// header and first line.
fn rows(screen: &str) -> (Option<usize>, Option<usize>, Option<usize>) {
    let row = |text: &str| screen.lines().position(|l| l.contains(text));
    (row(THIRD), row("¶3 “The decision makes"), row(NOTE))
}

fn beside(screen: &str) {
    let (passage, header, note) = rows(screen);
    assert!(passage.is_some(), "{screen}");
    assert_eq!(
        header, passage,
        "the note starts on its passage's row:\n{screen}"
    );
    assert_eq!(note, passage.map(|p| p + 1), "{screen}");
}

#[test]
fn a_note_stands_beside_its_passage_and_stays_there() {
    let env = Env::new();
    let path = env.dir.path().join("norway.txt");
    std::fs::copy(common::fixture_path("seed_like.txt"), &path).unwrap();
    let file = path.to_str().unwrap();
    let mut s = Session::start(&env, &[file], 120, 40);
    s.wait_for("¶ 1/5");
    s.send("j");
    s.wait_for("¶ 2/5");
    s.send("j");
    s.wait_for("¶ 3/5");
    s.send("a");
    s.wait_for("Write your note here.");
    s.send(NOTE);
    s.send(CTRL_S);
    let screen = s.wait_for_all(&["Note saved", NOTE]);
    beside(&screen);
    // The list: the note at the top of the notes pane, not by its passage.
    s.send("T");
    let screen = s.wait_for_all(&["Notes as a list (T: in the margin)", NOTE]);
    let (passage, header, _) = rows(&screen);
    assert_eq!(header, Some(3), "{screen}");
    assert_ne!(header, passage, "{screen}");
    s.send("T");
    let screen = s.wait_for_all(&["Notes in the margin, beside their passages", NOTE]);
    beside(&screen);
    s.send("q");
    s.assert_exited_cleanly(0);

    let mut s = Session::start(&env, &[file], 120, 40);
    let screen = s.wait_for_all(&["¶ 3/5", NOTE]);
    beside(&screen);
    s.send("q");
    s.assert_exited_cleanly(0);
}
