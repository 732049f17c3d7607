//! Every annotation in one place (issue 14), driven in a real terminal:
//! notes and bookmarks of several briefs listed together, filtered by a
//! word, opened at their passage; `B` in the reader lists the bookmarks;
//! tags filter the library.

mod common;

use common::pty::{Env, Session};

const CTRL_S: &str = "\x13";

fn library(env: &Env) -> std::path::PathBuf {
    let dir = env.dir.path().join("library");
    std::fs::create_dir_all(&dir).unwrap();
    for name in ["seed_like.txt", "frontmatter.md", "transcript.txt"] {
        std::fs::copy(common::fixture_path(name), dir.join(name)).unwrap();
    }
    dir
}

/// Filter the library to one brief and open it.
fn open(s: &mut Session, filter: &str, shown: &str) {
    s.send("/");
    s.send(filter);
    s.send("\r");
    s.send("\r");
    s.wait_for(shown);
}

#[test]
fn notes_and_bookmarks_of_two_briefs_listed_filtered_and_opened() {
    let env = Env::new();
    let dir = library(&env);
    let mut s = Session::start(&env, &[dir.to_str().unwrap()], 120, 30);
    s.wait_for("3 briefs");
    // Brief A: a bookmark on ¶1 and a note on ¶3.
    open(&mut s, "norway", "¶ 1/5");
    s.send("m");
    s.wait_for("Bookmarked");
    s.send("jj");
    s.wait_for("¶ 3/5");
    s.send("a");
    s.send("Ask about the xylophonic assessments.");
    s.send(CTRL_S);
    s.wait_for("Note saved");
    // Left elsewhere: the note must open at its own passage.
    s.send("G");
    s.wait_for("¶ 5/5");
    s.send("q");
    s.wait_for("filter “norway”: 1");
    s.send("q");
    // Brief B: a bookmark.
    open(&mut s, "fiscal", "¶ 1/");
    s.send("m");
    s.wait_for("Bookmarked");
    s.send("q");
    s.wait_for("filter “fiscal”: 1");
    s.send("q");
    s.wait_for_all(&["3 briefs", "Press conference"]);

    // Both briefs' annotations, in one list.
    s.send("i");
    let screen = s.wait_for_all(&[
        "Annotations · 3 of 3",
        "✎ note",
        "Ask about the xylophonic assessments.",
        "¶3 · Commentary",
        "★ bookmark",
        "Fiscal rules after",
    ]);
    assert_eq!(screen.matches("★ bookmark").count(), 2, "{screen}");
    // A word only in the note.
    s.send("/");
    s.send("xylophonic");
    let screen = s.wait_for("Annotations · 1 of 3");
    assert!(
        screen.contains("Ask about the xylophonic") && !screen.contains("★ bookmark"),
        "{screen}"
    );
    s.send("\r");
    s.send("\r");
    // Brief A, at the note's passage, the note in the notes pane.
    s.wait_for_all(&["¶ 3/5", "Ask about the xylophonic assessments."]);
    // Back: the list as it was left.
    s.send("q");
    s.wait_for_all(&["Annotations · 1 of 3", "Filter: xylophonic"]);
    s.send("\r");
    s.wait_for("¶ 3/5");

    // B in the reader: this brief's bookmarks; w: every brief's.
    s.send("B");
    let screen = s.wait_for_all(&["Annotations · 1 of 2", "in “Norway opens", "¶1 · Summary"]);
    assert!(!screen.contains("Fiscal rules"), "{screen}");
    s.send("w");
    s.wait_for_all(&[
        "Annotations · 2 of 3",
        "whole library",
        "Fiscal rules after",
    ]);
    // Closing the list goes back to the brief, then to the library.
    s.send("q");
    s.wait_for("¶ 3/5");
    s.send("q");
    s.wait_for("3 briefs");
    s.send("q");
    s.assert_exited_cleanly(0);
}

#[test]
fn a_tag_filters_the_library_by_front_matter_and_by_notes() {
    let env = Env::new();
    let dir = library(&env);
    let mut s = Session::start(&env, &[dir.to_str().unwrap()], 160, 30);
    s.wait_for("3 briefs");
    // The brief's tags are shown beside its title.
    s.wait_for("#fiscal-policy #eu");
    open(&mut s, "rail", "¶ 1/");
    s.send("a");
    s.send("Timetable change matters for #energy use.");
    s.send(CTRL_S);
    s.wait_for("Note saved");
    s.send("q");
    s.send("q");
    s.wait_for("3 briefs");
    s.send("/");
    s.send("#eu");
    let screen = s.wait_for("filter: #eu▏  1 of 3");
    assert!(screen.contains("Fiscal rules"), "{screen}");
    s.send("\x15"); // ctrl-u
    s.send("#energy");
    let screen = s.wait_for("filter: #energy▏  1 of 3");
    assert!(screen.contains("Press conference"), "{screen}");
    s.send("\x1b");
    s.wait_for("3 briefs");
    s.send("q");
    s.assert_exited_cleanly(0);
}
