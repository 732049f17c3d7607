//! A hostile or unlucky world: injected escape sequences, broken files,
//! hostile YAML, tiny and changing terminals, signals, panics, a vanishing
//! terminal, an unwritable data folder. Nothing injected, nothing lost.

mod common;

use brief::store::{self, Loaded};
use common::pty::{Env, Session};
use common::scan::check_output;
use std::time::{Duration, Instant};

/// The pid of `brief` itself (the session's shell is its parent).
fn brief_pid(s: &Session) -> i32 {
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

fn export(env: &Env, file: &str) -> String {
    let out = env.command(&["export", file]).output().unwrap();
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Text typed and never saved by the user is on disk as a draft (shown as
/// one, to finish or discard), never as a note.
fn assert_kept_as_a_draft(env: &Env, file: &str, text: &str) {
    let md = export(env, file);
    let draft = md
        .split("## ")
        .find(|section| section.contains(text))
        .unwrap_or_else(|| panic!("{text:?} not kept:\n{md}"));
    assert!(
        draft.starts_with("draft"),
        "kept as a draft, not a note:\n{md}"
    );
    assert!(!md.contains("## note"), "no note was made:\n{md}");
}

const HOSTILE: &str = "Analyses\u{1b}]0;pwned-title\u{7}\n\n\
Hostile \u{1b}[2J\u{1b}[31mbrief\u{1b}[0m about \u{1b}]52;c;ZWNobyBoaQ==\u{7}clipboards\n\n\
A link \u{1b}]8;;https://evil.example\u{1b}\\here\u{1b}]8;;\u{1b}\\ and a DCS \u{1b}Pq#0;2;0;0;0#0~~@@\u{1b}\\ sixel.\n\n\
C1 controls \u{9b}31m here \u{9d}0;t\u{9c} and a bell \u{7}\u{7} and \u{8}backspace.\n\n\
Commentary\n\n\
\u{2022} Bidi \u{202e}desrever\u{202c} and isolates \u{2066}x\u{2069} and zero\u{200b}width\u{feff} and \u{1b}[?1049l leaving.\n";

#[test]
fn nothing_from_a_brief_reaches_the_terminal_as_a_control_sequence() {
    let env = Env::new();
    let path = env.dir.path().join("hostile.txt");
    std::fs::write(&path, HOSTILE).unwrap();
    let mut s = Session::start(&env, &[path.to_str().unwrap()], 100, 30);
    let screen = s.wait_for("clipboards");
    assert!(
        screen.contains("Hostile brief about clipboards"),
        "{screen}"
    );
    assert!(screen.contains("A link here and a DCS sixel."), "{screen}");
    assert!(
        screen.contains("Bidi desrever and isolates x and zerowidth and leaving."),
        "{screen}"
    );
    // Notes and search echo text too.
    s.send("/");
    s.send("brief");
    s.send("\r");
    s.send("a");
    s.send("typed note");
    s.send("\x13");
    s.wait_for("Note saved");
    s.send("q");
    s.assert_exited_cleanly(0);
    let raw = s.raw();
    // Everything up to the shell's own `stty -a` output.
    let end = raw
        .windows(5)
        .position(|w| w == b"speed")
        .unwrap_or(raw.len());
    check_output(&raw[..end]);
    let json = env
        .command(&["show", "--json", path.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(!json.stdout.contains(&0x1b), "show --json carries no ESC");
}

#[test]
fn broken_files_give_a_screen_or_a_one_line_error() {
    let env = Env::new();
    let dir = env.dir.path();
    let long_line = "word ".repeat(200_000);
    let deep_md = format!("# Deep\n\n{}deep\n", "> - ".repeat(5_000));
    let cases: Vec<(&str, Vec<u8>, bool)> = vec![
        ("empty.txt", vec![], true),
        ("bom.txt", b"\xEF\xBB\xBF".to_vec(), true),
        ("binary.bin.txt", vec![0x7f, b'E', b'L', b'F', 0, 0, 1, 2], false),
        ("nul.txt", b"Title\n\nText\0more".to_vec(), false),
        ("latin1.txt", b"Caf\xe9 cr\xe8me\n\nPrix \xe0 la carte.\n".to_vec(), true),
        ("one-mb-line.txt", long_line.into_bytes(), true),
        ("crlf.txt", b"Title\r\n\r\nBody one.\r\n\r\nBody two.\r\n".to_vec(), true),
        ("cr.txt", b"Title\r\rBody one.\r\rBody two.\r".to_vec(), true),
        ("deep.md", deep_md.into_bytes(), true),
        ("long-words.txt", format!("Title\n\n{} https://example.org/{}\n", "x".repeat(5000), "y".repeat(3000)).into_bytes(), true),
        ("scripts.txt", "Title\n\nCombining: e\u{301}\u{302}\u{303} — NFD Hangul: \u{1112}\u{1161}\u{11ab}\u{1100}\u{1173}\u{11af} — family: 👨\u{200d}👩\u{200d}👧\u{200d}👦 — RTL: مرحبا بالعالم שלום עולם\n".as_bytes().to_vec(), true),
    ];
    for (name, bytes, ok) in cases {
        let path = dir.join(name);
        std::fs::write(&path, &bytes).unwrap();
        let out = env
            .command(&["show", "--json", path.to_str().unwrap()])
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.success(), ok, "{name}: {err}");
        if !ok {
            assert_eq!(err.lines().count(), 1, "{name}: one line: {err}");
            assert!(err.contains(name), "{name}: names the file: {err}");
            assert!(!err.contains("panicked"), "{err}");
        }
        if ok {
            let mut model = common::reader_from_bytes(&bytes, name, 80, 24);
            common::press(&mut model, "j j G g g / x enter n");
            for (w, h) in [(80, 24), (20, 6), (1, 1)] {
                let _ = common::render(&model, w, h);
            }
        }
    }
    // A 100 MB file is refused without being read.
    let huge = dir.join("huge.txt");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(100 * 1024 * 1024)
        .unwrap();
    let start = Instant::now();
    let out = env
        .command(&["show", "--json", huge.to_str().unwrap()])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        !out.status.success() && err.contains("too large") && err.contains("huge.txt"),
        "{err}"
    );
    assert!(start.elapsed() < Duration::from_secs(5));
}

#[test]
fn hostile_annotation_files_are_refused_quickly_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let bomb = "schema: 1\nbrief: {title: t}\na: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f,*f]\n".to_string();
    let deep = format!(
        "schema: 1\nbrief: {{title: t}}\nannotations: {}{}\n",
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    let dup = "schema: 1\nschema: 1\nbrief: {title: t}\n".to_string();
    let big = format!(
        "schema: 1\nbrief: {{title: t}}\n#{}\n",
        "x".repeat(50 * 1024 * 1024)
    );
    for (name, text) in [("bomb", bomb), ("deep", deep), ("dup", dup), ("big", big)] {
        let path = dir.path().join(format!("{name}.yaml"));
        std::fs::write(&path, &text).unwrap();
        let start = Instant::now();
        match store::load(&path) {
            Loaded::Unusable(why) => assert!(why.contains(&format!("{name}.yaml")), "{why}"),
            other => panic!("{name}: {other:?}"),
        }
        assert!(
            start.elapsed() < Duration::from_secs(5),
            "{name} took {:?}",
            start.elapsed()
        );
        assert!(
            store::save(
                &path,
                &brief::annotations::AnnotationFile::new(Default::default())
            )
            .is_err()
        );
        assert_eq!(
            std::fs::read(&path).unwrap().len(),
            text.len(),
            "{name} untouched"
        );
    }
}

#[test]
fn a_thousand_rapid_resizes() {
    let env = Env::new();
    let file = common::fixture_path("frontmatter.md");
    let mut s = Session::start(&env, &[file.to_str().unwrap()], 100, 30);
    s.wait_for("¶ 1/9");
    for i in 0..1000u16 {
        s.resize(1 + (i * 37) % 160, 1 + (i * 13) % 50);
    }
    s.resize(100, 30);
    // The test's own screen model may have seen output meant for another
    // size: ask for a full repaint, as a person would with ctrl-l.
    s.send("\x0c");
    s.wait_for("¶ 1/9");
    s.send("j");
    s.wait_for("¶ 2/9");
    s.send("q");
    s.assert_exited_cleanly(0);
}

fn signal_keeps_typed_text_as_a_draft(signal: i32) {
    let env = Env::new();
    let file = common::fixture_path("seed_like.txt");
    let file = file.to_str().unwrap();
    let mut s = Session::start(&env, &[file], 100, 30);
    s.wait_for("¶ 1/5");
    s.send("j");
    s.send("a");
    s.send("typed but never saved by hand");
    // All of it on screen, so all of it was read before the signal.
    s.wait_for("typed but never saved by hand");
    // SAFETY: sending a signal to a child process we started.
    unsafe { libc::kill(brief_pid(&s), signal) };
    s.assert_exited_cleanly(0);
    assert_kept_as_a_draft(&env, file, "typed but never saved by hand");
}

#[test]
fn sigterm_keeps_typed_text_as_a_draft_and_restores_the_terminal() {
    signal_keeps_typed_text_as_a_draft(libc::SIGTERM);
}

#[test]
fn sighup_keeps_typed_text_as_a_draft_and_restores_the_terminal() {
    signal_keeps_typed_text_as_a_draft(libc::SIGHUP);
}

#[test]
fn a_panic_restores_the_terminal_and_keeps_saved_notes() {
    let env = Env::new();
    let file = common::fixture_path("seed_like.txt");
    let file = file.to_str().unwrap();
    let mut s = Session::start_with(&env, &[file], 100, 30, &[("BRIEF_PANIC_ON_KEY", "Z")]);
    s.wait_for("¶ 1/5");
    s.send("a");
    s.send("saved before the crash");
    s.send("\x13");
    s.wait_for("Note saved");
    s.send("Z");
    s.assert_exited_cleanly(101);
    assert!(
        s.wait_for_output("panicking on purpose")
            .contains("panicking on purpose")
    );
    assert!(export(&env, file).contains("saved before the crash"));
}

#[test]
fn ctrl_z_suspends_and_fg_repaints() {
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
    s.send("\x1a");
    s.wait_for_output("Stopped");
    assert!(
        !s.alternate_screen(),
        "the shell has the normal screen back"
    );
    // grep finds "-icanon" only in raw mode: MODE_1 means cooked.
    s.send("stty -a | grep -qw -- -icanon; echo \"MODE_$?\"\r");
    s.wait_for_output("MODE_1");
    s.send("fg\r");
    s.wait_for("¶ 1/5");
    assert!(s.alternate_screen());
    s.send("j");
    s.wait_for("¶ 2/5");
    s.send("q");
    // Back at the shell's prompt before typing to it: `brief` must not be
    // the one to read the next line.
    s.wait_for_screen("the shell's prompt after brief", |screen| {
        screen.trim_end().lines().last() == Some("$")
    });
    assert!(!s.alternate_screen());
    s.send("stty -a; echo \"__EXIT__$?\"\r");
    s.assert_terminal_restored(0);
    s.send("exit\r");
}

#[test]
fn an_unwritable_data_folder_keeps_notes_in_memory_until_it_is_fixed() {
    let env = Env::new();
    // A file where the annotations folder should be: every save fails.
    let blocker = env.data().join("brief/annotations");
    std::fs::create_dir_all(blocker.parent().unwrap()).unwrap();
    std::fs::write(&blocker, "not a folder").unwrap();
    let file = common::fixture_path("seed_like.txt");
    let file = file.to_str().unwrap();
    let mut s = Session::start(&env, &[file], 110, 30);
    // Said as the brief opens (issue 16 item 18), before any note is lost.
    s.wait_for("Problems (1)");
    s.send("q");
    s.wait_for_screen("the notice dismissed", |screen| {
        !screen.contains("Problems (") && screen.contains("Notes cannot be saved")
    });
    s.send("a");
    s.send("kept in memory");
    s.send("\x13");
    s.wait_for("NOT saved");
    let screen = s.wait_for("kept in memory");
    assert!(screen.contains("Notes (1)"), "{screen}");
    // Fix the folder; the next change saves everything.
    std::fs::remove_file(&blocker).unwrap();
    s.send("j");
    s.send("m");
    s.wait_for("Bookmarked");
    s.send("q");
    s.assert_exited_cleanly(0);
    let md = export(&env, file);
    assert!(
        md.contains("kept in memory") && md.contains("bookmark"),
        "{md}"
    );
}

/// Run `brief FILE` on a pty made here, as session leader with the pty as
/// its controlling terminal, so that closing our side is a real hangup.
#[test]
fn the_terminal_closing_under_it_keeps_a_draft_and_exits() {
    use std::io::{Read, Write};
    use std::os::fd::{FromRawFd, OwnedFd};
    use std::os::unix::process::CommandExt;
    let env = Env::new();
    let file = common::fixture_path("seed_like.txt");
    let file_str = file.to_str().unwrap().to_string();
    let (mut master, slave) = unsafe {
        let (mut m, mut sl) = (0, 0);
        let size = libc::winsize {
            ws_row: 30,
            ws_col: 100,
            ws_xpixel: 0,
            ws_ypixel: 0,
        };
        // SAFETY: openpty writes two new descriptors we then own.
        assert_eq!(
            libc::openpty(
                &mut m,
                &mut sl,
                std::ptr::null_mut(),
                std::ptr::null(),
                &size
            ),
            0
        );
        // Other tests spawn processes meanwhile: they must not inherit the
        // master, or it would never close.
        libc::fcntl(m, libc::F_SETFD, libc::FD_CLOEXEC);
        libc::fcntl(sl, libc::F_SETFD, libc::FD_CLOEXEC);
        (std::fs::File::from_raw_fd(m), OwnedFd::from_raw_fd(sl))
    };
    let mut cmd = env.command(&[&file_str]);
    cmd.stdin(slave.try_clone().unwrap())
        .stdout(slave.try_clone().unwrap())
        .stderr(slave);
    // SAFETY: only async-signal-safe calls between fork and exec.
    unsafe {
        cmd.pre_exec(|| {
            libc::setsid();
            libc::ioctl(0, libc::TIOCSCTTY, 0);
            Ok(())
        });
    }
    let mut child = cmd.spawn().unwrap();
    drop(cmd);
    let mut parser = vt100::Parser::new(30.try_into().unwrap(), 100.try_into().unwrap(), 0);
    let mut read_until = |master: &mut std::fs::File, text: &str| {
        let start = Instant::now();
        let mut buf = [0u8; 8192];
        while !parser.screen().contents().contains(text) {
            assert!(
                start.elapsed() < common::pty::timeout(),
                "waited for {text:?}"
            );
            // Poll first, so a program that stops writing fails the test
            // instead of hanging it.
            let mut fds = libc::pollfd {
                fd: std::os::fd::AsRawFd::as_raw_fd(master),
                events: libc::POLLIN,
                revents: 0,
            };
            // SAFETY: one valid pollfd, for the duration of the call.
            if unsafe { libc::poll(&mut fds, 1, 100) } <= 0 {
                continue;
            }
            let n = master.read(&mut buf).unwrap();
            parser.process(&buf[..n]);
        }
    };
    read_until(&mut master, "¶ 1/5");
    master.write_all(b"a").unwrap();
    read_until(&mut master, "esc:draft");
    master.write_all(b"written as the window closed").unwrap();
    read_until(&mut master, "written as the window closed");
    drop(master); // the window closes: hangup, and reads fail
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.code().is_some(), "exited, not killed: {status:?}");
            break;
        }
        assert!(
            start.elapsed() < common::pty::timeout(),
            "still running after the hangup"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_kept_as_a_draft(&env, &file_str, "written as the window closed");
}

#[test]
fn a_relative_xdg_data_home_is_ignored() {
    let env = Env::new();
    let file = common::fixture_path("seed_like.txt");
    let mut s = Session::start_with(
        &env,
        &[file.to_str().unwrap()],
        100,
        30,
        &[("XDG_DATA_HOME", "relative/data")],
    );
    s.wait_for("¶ 1/5");
    s.send("m");
    s.wait_for("Bookmarked");
    s.send("q");
    s.assert_exited_cleanly(0);
    assert!(
        env.dir
            .path()
            .join(".local/share/brief/annotations")
            .is_dir()
    );
    assert!(
        !std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("relative")
            .exists()
    );
}

#[test]
fn ctrl_c_in_the_editor_keeps_the_text_as_a_draft() {
    let env = Env::new();
    let file = common::fixture_path("seed_like.txt");
    let file = file.to_str().unwrap();
    let mut s = Session::start(&env, &[file], 100, 30);
    s.wait_for("¶ 1/5");
    s.send("a");
    s.send("half written when ctrl-c came");
    s.wait_for("half written when ctrl-c came");
    s.send("\x03");
    s.assert_exited_cleanly(0);
    assert_kept_as_a_draft(&env, file, "half written when ctrl-c came");
}
