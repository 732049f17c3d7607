//! Pasting (issue 16 item 10): bracketed paste inserts at once, a burst of
//! keys is read in full, a key in a long note stays cheap, a paste into the
//! filter or the search is instant.

mod common;

use common::cli::{QUICK, run_quickly, write_brief};
use common::pty::{Env, Session};
use std::path::Path;
use std::time::Instant;

const PASTE_START: &str = "\x1b[200~";
const PASTE_END: &str = "\x1b[201~";
const CTRL_S: &str = "\x13";

/// The note exported for `file` (Markdown).
fn exported(env: &Env, file: &Path) -> String {
    let out = run_quickly(env.command(&["export", file.to_str().unwrap()]));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Words, line breaks and hostile bytes: `n` characters of a pasted text.
fn paste_text(n: usize) -> String {
    let mut text = String::new();
    let mut i = 0;
    while text.chars().count() < n {
        i += 1;
        text.push_str(&format!("word{i} "));
        if i % 12 == 0 {
            text.push('\n');
        }
    }
    text.chars().take(n).collect()
}

#[test]
fn item10_a_bracketed_paste_of_20000_characters_is_one_insertion() {
    let env = Env::new();
    let file = common::fixture_path("seed_like.txt");
    let mut s = Session::start(&env, &[file.to_str().unwrap()], 100, 30);
    s.wait_for("¶ 1/");
    assert!(
        String::from_utf8_lossy(&s.raw()).contains("\x1b[?2004h"),
        "bracketed paste is turned on"
    );
    s.send("a");
    s.wait_for("Write your note");
    let text = paste_text(20_000);
    let hostile = "tail \x1b]0;pwned\x07 \x1b[31mred\x1b[0m \u{202e}rtl\u{202c} \r\nlast line";
    let start = Instant::now();
    s.send(&format!("{PASTE_START}{text}{hostile}{PASTE_END}{CTRL_S}"));
    s.wait_for("Note saved");
    assert!(start.elapsed() < QUICK, "took {:?}", start.elapsed());
    s.send("q");
    s.assert_exited_cleanly(0);
    let md = exported(&env, &file);
    let first_lines: String = text.lines().take(3).collect::<Vec<_>>().join("\n");
    assert!(md.contains(&first_lines), "line breaks kept");
    assert!(md.contains("word1 word2"), "{}", &md[..300.min(md.len())]);
    assert!(
        md.contains("tail  red rtl \nlast line"),
        "cleaned like a brief"
    );
    assert!(!md.contains('\x1b') && !md.contains('\u{202e}') && !md.contains('\x07'));
    assert!(
        String::from_utf8_lossy(&s.raw()).contains("\x1b[?2004l"),
        "and off at exit"
    );
}

#[test]
fn item10_keys_arriving_faster_than_frames_are_all_read() {
    // A terminal without bracketed paste types a paste as keys: 3,000 of
    // them and ctrl-s in one burst, read in full without waiting for more.
    let env = Env::new();
    let file = common::fixture_path("seed_like.txt");
    let mut s = Session::start(&env, &[file.to_str().unwrap()], 100, 30);
    s.wait_for("¶ 1/");
    s.send("a");
    s.wait_for("Write your note");
    let text = paste_text(3_000).replace('\n', " ");
    let start = Instant::now();
    s.send(&format!("{text}{CTRL_S}"));
    s.wait_for("Note saved");
    assert!(start.elapsed() < QUICK, "took {:?}", start.elapsed());
    s.send("q");
    s.assert_exited_cleanly(0);
    assert!(exported(&env, &file).contains(text.trim_end()));
}

#[test]
fn item10_a_key_in_a_long_note_is_cheap() {
    let env = Env::new();
    let file = common::fixture_path("seed_like.txt");
    let mut s = Session::start(&env, &[file.to_str().unwrap()], 100, 30);
    s.wait_for("¶ 1/");
    s.send("a");
    s.wait_for("Write your note");
    s.send(&format!("{PASTE_START}{}{PASTE_END}", paste_text(15_000)));
    s.wait_for("word");
    // Forty keys, each read and drawn before the next: a frame per key.
    let start = Instant::now();
    for _ in 0..40 {
        s.send_and_settle("Z");
    }
    assert!(
        start.elapsed() < QUICK,
        "40 keys took {:?}",
        start.elapsed()
    );
    s.send(CTRL_S);
    s.wait_for("Note saved");
    s.send("q");
    s.assert_exited_cleanly(0);
    assert!(exported(&env, &file).contains(&"Z".repeat(40)));
}

#[test]
fn item10_a_paste_into_the_library_filter_and_the_search_is_instant() {
    let env = Env::new();
    let dir = env.dir.path().join("library");
    std::fs::create_dir_all(&dir).unwrap();
    for i in 0..300 {
        write_brief(
            &dir,
            &format!("b{i:03}.txt"),
            &format!("Analyses\n\nBrief number {i} on fiscal rules\n\nLead paragraph {i}.\n"),
        );
    }
    let mut s = Session::start(&env, &[dir.to_str().unwrap()], 100, 30);
    s.wait_for("Brief number 0 on fiscal rules");
    s.send("/");
    let pasted = format!("number 7\n{}", " fiscal".repeat(70));
    let start = Instant::now();
    s.send(&format!("{PASTE_START}{pasted}{PASTE_END}"));
    s.wait_for_screen("only the briefs of number 7", |screen| {
        screen.contains("Brief number 7 on") && !screen.contains("Brief number 8 on")
    });
    assert!(start.elapsed() < QUICK, "took {:?}", start.elapsed());
    s.send("\r");
    s.send("\r");
    s.wait_for("Lead paragraph 7.");
    s.send("/");
    s.send(&format!("{PASTE_START}paragraph\n7{PASTE_END}"));
    s.wait_for("1 of 1");
    s.send("\r");
    // Back to the library, clear its filter, quit.
    s.send("q");
    s.send("q");
    s.send("q");
    s.assert_exited_cleanly(0);
}
