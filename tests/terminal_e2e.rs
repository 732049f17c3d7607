//! The terminal itself (issue 16 items 13, 17): stopped and continued from
//! outside, and terminals that cannot show everything.

mod common;

use common::pty::{Env, Session};
use std::time::{Duration, Instant};

/// The pid of `brief`, a child of the session's shell.
fn child_pid(s: &Session) -> i32 {
    let sh = s.pid().expect("pid");
    let start = Instant::now();
    loop {
        let children =
            std::fs::read_to_string(format!("/proc/{sh}/task/{sh}/children")).unwrap_or_default();
        if let Some(pid) = children.split_whitespace().next() {
            return pid.parse().unwrap();
        }
        assert!(start.elapsed() < common::pty::timeout(), "no child of {sh}");
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[test]
fn item13_stopped_from_outside_and_continued_it_is_raw_again() {
    let env = Env::new();
    let file = common::fixture_path("seed_like.txt");
    let mut s = Session::bash(&env, 100, 30);
    s.wait_for_output("$ ");
    s.send(&format!(
        "{} {}\r",
        env!("CARGO_BIN_EXE_brief"),
        file.display()
    ));
    s.wait_for("¶ 1/5");
    let pid = child_pid(&s);
    // SAFETY: sending a signal to a process this test started.
    assert_eq!(unsafe { libc::kill(pid, libc::SIGSTOP) }, 0);
    s.wait_for_output("Stopped");
    s.send("fg\r");
    // Back as it was: the alternate screen, and keys read one by one
    // (raw), not echoed and held until Enter (cooked).
    s.wait_for("¶ 1/5");
    s.send("j");
    s.wait_for("¶ 2/5");
    assert!(s.alternate_screen());
    s.send("q");
    s.wait_for_screen("the shell's prompt after brief", |screen| {
        screen.trim_end().lines().last() == Some("$")
    });
    s.send("stty -a; echo \"__EXIT__$?\"\r");
    s.assert_terminal_restored(0);
    s.send("exit\r");
}

#[test]
fn item17_a_terminal_that_cannot_show_the_interface_is_refused() {
    let env = Env::new();
    let file = common::fixture_path("seed_like.txt");
    for term in ["dumb", ""] {
        let mut s =
            Session::start_with(&env, &[file.to_str().unwrap()], 100, 30, &[("TERM", term)]);
        s.assert_exited_cleanly(1);
        let out = String::from_utf8_lossy(&s.raw()).into_owned();
        assert!(
            out.contains("cannot show brief's interface") && out.contains("brief show --json"),
            "{out}"
        );
        assert!(!out.contains("\x1b["), "no escape codes at all: {out:?}");
    }
}

/// Every SGR colour parameter list the program wrote.
fn colour_codes(raw: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(raw);
    text.split("\x1b[")
        .skip(1)
        .filter_map(|seq| {
            let end = seq.find(|c: char| ('\u{40}'..='\u{7e}').contains(&c))?;
            (seq.as_bytes()[end] == b'm').then(|| seq[..end].to_string())
        })
        .collect()
}

#[test]
fn item17_colours_follow_the_terminal() {
    let file = common::fixture_path("seed_like.txt");
    // Each in fresh folders: the reading position is remembered.
    let run = |vars: &[(&str, &str)]| {
        let env = Env::new();
        let mut s = Session::start_with(&env, &[file.to_str().unwrap()], 100, 30, vars);
        s.wait_for("¶ 1/5");
        // A search match is drawn in colour.
        s.send("/");
        s.send("Norway");
        s.wait_for("1 of");
        s.send("\r");
        s.send("q");
        s.assert_exited_cleanly(0);
        s.raw()
    };
    // A 16-colour terminal: basic codes only.
    let raw = run(&[("TERM", "xterm"), ("COLORTERM", "")]);
    let codes = colour_codes(&raw);
    assert!(
        codes.iter().any(|c| c.split(';').any(|p| p == "45")),
        "{codes:?}"
    );
    assert!(!codes.iter().any(|c| c.contains("5;")), "{codes:?}");
    // One that says it has more keeps them.
    let raw = run(&[("TERM", "xterm-256color")]);
    assert!(colour_codes(&raw).iter().any(|c| c.contains("48;5;5")));
    // A VT100: no colour, no alternate screen, no mouse, no paste mode.
    let raw = run(&[("TERM", "vt100")]);
    let codes = colour_codes(&raw);
    assert!(
        !codes.iter().any(|c| c
            .split(';')
            .any(|p| p.starts_with(['3', '4']) && p.len() == 2 && p != "39" && p != "49")),
        "{codes:?}"
    );
    let text = String::from_utf8_lossy(&raw);
    for mode in ["?1049h", "?1000h", "?1006h", "?2004h"] {
        assert!(!text.contains(mode), "{mode} sent to a VT100");
    }
    // NO_COLOR still wins.
    let raw = run(&[("TERM", "xterm-256color"), ("NO_COLOR", "1")]);
    assert!(!colour_codes(&raw).iter().any(|c| c.contains("5;")));
}
