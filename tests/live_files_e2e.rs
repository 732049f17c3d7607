//! Live files (issue 13), the real binary in a pty: the open brief follows
//! its file on disk, the library follows its folder, and briefs in
//! subfolders are listed with their folder and keep their notes. Every
//! wait is on the screen; the files are changed as editors and file
//! managers change them.

mod common;

use common::pty::{Env, Session};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const CTRL_S: &str = "\x13";
const NOTE: &str = "Check the storage figures";

fn brief_text(paragraphs: &[&str]) -> String {
    format!(
        "Analyses\n\nGas storage this winter\n\n{}\n",
        paragraphs.join("\n\n")
    )
}

const FIRST: &str = "Storage sites were filled early this year.";
const SECOND: &str = "Prices fell once the sites were full.";
const THIRD: &str = "The ministry expects a mild winter.";
const INSERTED: &str = "A paragraph written in the editor.";

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// Save as most editors do: a temporary file beside it, renamed over it.
fn save_like_an_editor(path: &Path, text: &str) {
    let tmp = path.with_file_name(".live.txt.swp");
    std::fs::write(&tmp, text).unwrap();
    std::fs::rename(&tmp, path).unwrap();
}

fn lib(env: &Env) -> PathBuf {
    env.dir.path().join("lib")
}

fn arg(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// The screen's line holding `text`.
fn line_with<'a>(screen: &'a str, text: &str) -> &'a str {
    screen
        .lines()
        .find(|l| l.contains(text))
        .unwrap_or_else(|| panic!("no line with {text:?} in\n{screen}"))
}

/// The note is shown, and marked on the passage it was written on (and
/// on no other): it moved with its text.
fn assert_note_on_second(screen: &str) {
    assert!(screen.contains(NOTE), "{screen}");
    assert!(line_with(screen, SECOND).contains('✎'), "{screen}");
    for other in [FIRST, INSERTED, THIRD] {
        if screen.contains(other) {
            assert!(!line_with(screen, other).contains('✎'), "{screen}");
        }
    }
}

#[test]
fn editing_the_open_brief_on_disk_shows_the_change_with_the_note_still_beside_its_text() {
    let env = Env::new();
    let file = lib(&env).join("live.txt");
    write(&file, &brief_text(&[FIRST, SECOND, THIRD]));
    // Opened on its own: only its own folder is watched.
    let mut s = Session::start(&env, &[arg(&file)], 120, 40);
    s.wait_for("¶ 1/3");
    s.send("j");
    s.wait_for("¶ 2/3");
    s.send("a");
    s.send(NOTE);
    s.send(CTRL_S);
    s.wait_for("Note saved");

    let edited = Instant::now();
    save_like_an_editor(&file, &brief_text(&[FIRST, INSERTED, SECOND, THIRD]));
    let screen = s.wait_for_all(&[INSERTED, "Reloaded: live.txt changed on disk"]);
    let took = edited.elapsed();
    assert!(
        took < Duration::from_secs(1),
        "the change took {took:?} to show"
    );
    assert_note_on_second(&screen);

    // Many writes in a burst, the last one a paragraph more: it ends on
    // the last version, with the note still on its text.
    for n in 0..30 {
        let extra = format!("Burst paragraph {n}.");
        std::fs::write(&file, brief_text(&[FIRST, INSERTED, &extra, SECOND, THIRD])).unwrap();
    }
    let screen = s.wait_for("Burst paragraph 29.");
    assert_note_on_second(&screen);

    // Deleted while open: still shown, said so; the note is kept.
    std::fs::remove_file(&file).unwrap();
    let screen = s.wait_for("live.txt is gone (deleted or moved away)");
    assert_note_on_second(&screen);
    s.send("q");
    s.assert_exited_cleanly(0);
}

#[test]
fn a_brief_added_to_the_library_folder_appears_and_the_selection_stays() {
    let env = Env::new();
    let dir = lib(&env);
    write(
        &dir.join("a.txt"),
        "Analyses\n\nAlpha brief\n\nText of alpha.\n",
    );
    write(
        &dir.join("b.txt"),
        "Analyses\n\nBravo brief\n\nText of bravo.\n",
    );
    let mut s = Session::start(&env, &[arg(&dir)], 100, 30);
    s.wait_for_all(&["Alpha brief", "Bravo brief"]);
    s.send("s");
    s.wait_for("Sorted by title");
    s.send("j");
    // The message goes with the next key: `j` is in.
    s.wait_for_screen("the message to go", |screen| {
        !screen.contains("Sorted by title")
    });
    // Added before the selected one in the order, into a new subfolder.
    write(
        &dir.join("news/aardvark.txt"),
        "Analyses\n\nAardvark brief\n\nText of aardvark.\n",
    );
    s.wait_for("news/ Aardvark brief");
    // Bravo is still the one selected.
    s.send("\r");
    s.wait_for("Text of bravo.");
    s.send("q");
    s.wait_for("news/ Aardvark brief");
    // One removed.
    std::fs::remove_file(dir.join("a.txt")).unwrap();
    s.wait_for_screen("Alpha brief to go", |screen| {
        !screen.contains("Alpha brief")
    });
    s.send("q");
    s.assert_exited_cleanly(0);
}

#[test]
fn a_brief_in_a_subfolder_is_listed_with_its_folder_and_keeps_its_note_across_a_restart() {
    let env = Env::new();
    let dir = lib(&env);
    let file = dir.join("energy/gas/live.txt");
    write(&file, &brief_text(&[FIRST, SECOND, THIRD]));
    write(
        &dir.join("top.txt"),
        "Analyses\n\nTop brief\n\nAt the top.\n",
    );
    // A link back up the tree is read once, not forever.
    std::os::unix::fs::symlink("..", dir.join("energy/up")).unwrap();
    // Not part of the library: hidden folders.
    write(
        &dir.join(".git/hidden.txt"),
        "Analyses\n\nHidden brief\n\nNot shown.\n",
    );
    let mut s = Session::start(&env, &[arg(&dir)], 80, 24);
    let screen = s.wait_for_all(&["energy/gas/ Gas storage", "Top brief"]);
    assert!(!screen.contains("Hidden brief"), "{screen}");
    s.send("s");
    s.wait_for("Sorted by title");
    s.send("g g");
    s.send("\r");
    s.wait_for("¶ 1/3");
    s.send("j");
    s.wait_for("¶ 2/3");
    s.send("a");
    s.send(NOTE);
    s.send(CTRL_S);
    s.wait_for("Note saved");
    s.send("q");
    s.send("q");
    s.assert_exited_cleanly(0);

    let mut s = Session::start(&env, &[arg(&dir)], 80, 24);
    let screen = s.wait_for("energy/gas/ Gas storage");
    assert!(line_with(&screen, "Gas storage").contains("✎1"), "{screen}");
    // The library search reads the subfolder's brief and its note.
    s.send("S");
    s.wait_for("Search:");
    s.send("storage figures");
    s.wait_for_all(&["1 found", "¶2 · Gas storage", NOTE]);
    s.send("\x15");
    s.send("mild winter");
    s.wait_for_all(&["1 found", "¶3 · Gas storage"]);
    s.send("\r");
    s.wait_for("¶ 3/3");
    s.send("q");
    s.wait_for("Top brief");
    s.send("q");
    s.assert_exited_cleanly(0);

    // The command line reads the same library.
    let out = env
        .command(&["search", "storage figures", arg(&dir)])
        .output()
        .unwrap();
    let found = String::from_utf8_lossy(&out.stdout);
    assert!(
        found.contains(&format!("{}:¶2: note: {NOTE}", file.display())),
        "{found}"
    );
    let out = env
        .command(&["search", "mild winter", arg(&dir)])
        .output()
        .unwrap();
    let found = String::from_utf8_lossy(&out.stdout);
    assert!(
        found.contains(&format!("{}:¶3:", file.display())),
        "{found}"
    );
    let out = env.command(&["export", "--all"]).output().unwrap();
    let exported = String::from_utf8_lossy(&out.stdout);
    assert!(exported.contains(NOTE), "{exported}");
}

/// Bug: the open brief deleted was said once a session: a second brief
/// opened and deleted was not, nor a third.
#[test]
fn every_open_brief_deleted_is_said_to_be_gone_not_only_the_first() {
    let env = Env::new();
    let dir = lib(&env);
    for (file, title) in [("a.txt", "Alpha"), ("b.txt", "Bravo"), ("c.txt", "Charlie")] {
        write(
            &dir.join(file),
            &format!("Analyses\n\n{title} brief\n\nText of {title}.\n"),
        );
    }
    let mut s = Session::start(&env, &[arg(&dir)], 100, 30);
    s.wait_for_all(&["Alpha brief", "Bravo brief", "Charlie brief"]);
    s.send("s");
    s.wait_for("Sorted by title");
    for (file, title) in [("a.txt", "Alpha"), ("b.txt", "Bravo")] {
        // The first one listed is the one to open.
        s.send("g g");
        s.send("\r");
        s.wait_for(&format!("Text of {title}."));
        std::fs::remove_file(dir.join(file)).unwrap();
        s.wait_for(&format!("{file} is gone (deleted or moved away)"));
        s.send("q");
        s.wait_for_screen("the library without it", |screen| {
            screen.contains("Charlie brief") && !screen.contains(&format!("{title} brief"))
        });
    }
    s.send("q");
    s.assert_exited_cleanly(0);
}

/// Bug: the open brief moved to another folder of the library was lost:
/// its later edits never reached the screen. It is followed.
#[test]
fn the_open_brief_moved_within_the_library_is_followed_to_its_new_place() {
    let env = Env::new();
    let dir = lib(&env);
    write(&dir.join("live.txt"), &brief_text(&[FIRST, SECOND]));
    write(&dir.join("other.txt"), "Analyses\n\nOther brief\n\nElse.\n");
    let mut s = Session::start(&env, &[arg(&dir)], 100, 30);
    s.wait_for_all(&["Gas storage", "Other brief"]);
    s.send("s");
    s.wait_for("Sorted by title");
    s.send("g g");
    s.send("\r");
    s.wait_for("¶ 1/2");
    let moved = dir.join("archive/moved.txt");
    std::fs::create_dir_all(moved.parent().unwrap()).unwrap();
    std::fs::rename(dir.join("live.txt"), &moved).unwrap();
    s.wait_for("moved.txt");
    save_like_an_editor(&moved, &brief_text(&[FIRST, SECOND, THIRD]));
    s.wait_for_all(&[THIRD, "Reloaded: moved.txt changed on disk"]);
    s.send("q");
    s.wait_for("archive/ Gas storage");
    s.send("q");
    s.assert_exited_cleanly(0);
}

/// Bug: notes whose brief came back into the library (under another name)
/// stayed listed as without a brief, and could be moved onto another one.
#[test]
fn notes_whose_brief_comes_back_leave_the_without_a_brief_list_at_once() {
    let env = Env::new();
    let dir = lib(&env);
    write(&dir.join("live.txt"), &brief_text(&[FIRST, SECOND, THIRD]));
    write(&dir.join("other.txt"), "Analyses\n\nOther brief\n\nElse.\n");
    let mut s = Session::start(&env, &[arg(&dir)], 100, 30);
    s.wait_for_all(&["Gas storage", "Other brief"]);
    s.send("s");
    s.wait_for("Sorted by title");
    s.send("g g");
    s.send("\r");
    s.wait_for("¶ 1/3");
    s.send("a");
    s.send(NOTE);
    s.send(CTRL_S);
    s.wait_for("Note saved");
    s.send("q");
    s.send("q");
    s.assert_exited_cleanly(0);

    let away = env.dir.path().join("away.txt");
    std::fs::rename(dir.join("live.txt"), &away).unwrap();
    let mut s = Session::start(&env, &[arg(&dir)], 100, 30);
    s.wait_for_all(&["Other brief", "Notes without a brief (1)"]);
    std::fs::rename(&away, dir.join("back.txt")).unwrap();
    let screen = s.wait_for_screen("the brief back, its notes with it", |screen| {
        screen
            .lines()
            .any(|l| l.contains("Gas storage") && l.contains('✎'))
            && !screen.contains("Notes without a brief")
    });
    assert!(line_with(&screen, "Gas storage").contains("✎1"), "{screen}");
    s.send("o");
    s.wait_for("No notes without a brief found");
    s.send("q");
    s.assert_exited_cleanly(0);
}
