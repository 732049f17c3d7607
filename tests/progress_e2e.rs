//! Where you left off (issue 13): the status line shows how far into the
//! brief the reader is, and the library says for each brief whether it is
//! new or how far it was read, across a restart. The real binary in a pty.

mod common;

use common::pty::{Env, Session};
use std::path::PathBuf;

const A_TITLE: &str = "Norway opens its continental";
const B_TITLE: &str = "Press conference on the rail";

fn write(env: &Env, name: &str, fixture: &str) -> PathBuf {
    let path = env.dir.path().join("lib").join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::copy(common::fixture_path(fixture), &path).unwrap();
    path
}

fn line_with<'a>(screen: &'a str, text: &str) -> &'a str {
    screen
        .lines()
        .find(|l| l.contains(text))
        .unwrap_or_else(|| panic!("no line with {text:?}:\n{screen}"))
}

#[test]
fn progress_and_new_survive_a_restart() {
    let env = Env::new();
    let a = write(&env, "a.txt", "seed_like.txt");
    write(&env, "b.txt", "transcript.txt");
    let lib = a.parent().unwrap().to_str().unwrap().to_string();

    // Both briefs are new before anything is read.
    let mut s = Session::start(&env, &[&lib], 120, 40);
    let screen = s.wait_for_all(&[A_TITLE, B_TITLE]);
    assert!(line_with(&screen, A_TITLE).contains("new"), "{screen}");
    assert!(line_with(&screen, B_TITLE).contains("new"), "{screen}");
    s.send("q");
    s.assert_exited_cleanly(0);

    // Read a.txt to the end: the status line says 100%.
    let mut s = Session::start(&env, &[a.to_str().unwrap()], 120, 40);
    s.wait_for_all(&["¶ 1/5 · ", " · 20%"]);
    s.send("G");
    s.wait_for_all(&["¶ 5/5 · ", " · 100%"]);
    s.send("q");
    s.assert_exited_cleanly(0);

    // After a restart the library knows: a.txt read to the end, b.txt new.
    let mut s = Session::start(&env, &[&lib], 120, 40);
    let screen = s.wait_for_screen("a.txt read, b.txt new", |screen| {
        screen
            .lines()
            .any(|l| l.contains(A_TITLE) && l.contains("100%"))
            && screen
                .lines()
                .any(|l| l.contains(B_TITLE) && l.contains("new"))
    });
    assert!(!line_with(&screen, A_TITLE).contains("new"), "{screen}");
    s.send("q");
    s.assert_exited_cleanly(0);
}

/// Bug: a brief read to the end and back to its first passage, then the
/// program stopped by SIGTERM or SIGHUP, came back "new" with no progress.
fn a_signal_keeps_a_brief_opened_and_its_progress(signal: i32) {
    let env = Env::new();
    let a = write(&env, "a.txt", "seed_like.txt");
    let lib = a.parent().unwrap().to_str().unwrap().to_string();

    let mut s = Session::start(&env, &[a.to_str().unwrap()], 120, 40);
    s.wait_for_all(&["¶ 1/5 · ", " · 20%"]);
    s.send("G");
    s.wait_for_all(&["¶ 5/5 · ", " · 100%"]);
    s.send("gg");
    s.wait_for_all(&["¶ 1/5 · ", " · 20%"]);
    let pid = s.brief_pid();
    // SAFETY: sending a signal to a child process we started.
    unsafe { libc::kill(pid, signal) };
    s.assert_exited_cleanly(0);

    // As after `q`: opened, no longer new, and how far it was read (to
    // its end, though the cursor went back to the start) shown.
    let mut s = Session::start(&env, &[&lib], 120, 40);
    let screen = s.wait_for_screen("a.txt opened", |screen| {
        screen
            .lines()
            .any(|l| l.contains(A_TITLE) && l.contains("100%"))
    });
    assert!(!line_with(&screen, A_TITLE).contains("new"), "{screen}");
    s.send("q");
    s.assert_exited_cleanly(0);
}

#[test]
fn sigterm_after_reading_back_to_the_start_keeps_the_brief_opened_with_its_progress() {
    a_signal_keeps_a_brief_opened_and_its_progress(libc::SIGTERM);
}

#[test]
fn sighup_after_reading_back_to_the_start_keeps_the_brief_opened_with_its_progress() {
    a_signal_keeps_a_brief_opened_and_its_progress(libc::SIGHUP);
}
