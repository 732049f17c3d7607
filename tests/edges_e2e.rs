//! The edges (issue 16): files that are not files, files that never end,
//! YAML nested to hurt, thousands of bad keymap entries, pasted text, an
//! outside SIGSTOP, terminals that cannot show the interface. Nothing hangs,
//! nothing is lost, nothing is injected.

mod common;

use common::pty::{Env, Session};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Each of these finishes in well under a second on an idle machine; the
/// bound is generous because the suite also runs under full CPU load.
const QUICK: Duration = Duration::from_secs(5);

fn mkfifo(path: &Path) {
    let c = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0, "mkfifo");
}

fn write_brief(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// `brief show --json FILE` fails at once with one line naming the file.
fn assert_refused_quickly(env: &Env, path: &Path, why: &str) {
    let out = run_quickly(env.command(&["show", "--json", path.to_str().unwrap()]));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{err}");
    assert_eq!(err.lines().count(), 1, "one line: {err}");
    let name = path.file_name().unwrap().to_str().unwrap();
    assert!(err.contains(name) && err.contains(why), "{err}");
}

/// Run a command to its end; fail (and kill it) if that takes over `QUICK`.
fn run_quickly(mut cmd: std::process::Command) -> std::process::Output {
    use std::process::Stdio;
    let start = Instant::now();
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Pipes are drained on threads so a large output cannot stall the child.
    let mut stdout = child.stdout.take().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let out = std::thread::spawn(move || {
        let mut v = Vec::new();
        std::io::Read::read_to_end(&mut stdout, &mut v).ok();
        v
    });
    let err = std::thread::spawn(move || {
        let mut v = Vec::new();
        std::io::Read::read_to_end(&mut stderr, &mut v).ok();
        v
    });
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > QUICK {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{cmd:?} still running after {QUICK:?}");
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    std::process::Output {
        status,
        stdout: out.join().unwrap(),
        stderr: err.join().unwrap(),
    }
}

#[test]
fn item6_a_fifo_as_a_brief_is_refused_at_once() {
    let env = Env::new();
    let dir = env.dir.path();
    let fifo = dir.join("y.txt");
    mkfifo(&fifo);
    assert_refused_quickly(&env, &fifo, "named pipe");

    // Alone: a one-line error, the terminal as it was, a non-zero status.
    let start = Instant::now();
    let mut s = Session::start(&env, &[fifo.to_str().unwrap()], 100, 30);
    s.assert_exited_cleanly(1);
    let out = String::from_utf8_lossy(&s.raw()).into_owned();
    assert!(out.contains("y.txt: is a named pipe"), "{out}");
    assert!(start.elapsed() < QUICK, "took {:?}", start.elapsed());

    // With another file: the list shows both, the FIFO with its reason.
    let a = write_brief(dir, "a.txt", "Analyses\n\nThe a brief\n\nLead.\n");
    let mut s = Session::start(
        &env,
        &[a.to_str().unwrap(), fifo.to_str().unwrap()],
        100,
        30,
    );
    s.wait_for_all(&["The a brief", "y.txt — ", "named pipe"]);
    s.send("q");
    s.assert_exited_cleanly(0);
}

#[test]
fn item7_a_link_to_an_endless_device_is_refused_at_once() {
    let env = Env::new();
    let dir = env.dir.path();
    for device in ["/dev/zero", "/dev/urandom"] {
        let link = dir.join(format!("{}.txt", &device[5..]));
        std::os::unix::fs::symlink(device, &link).unwrap();
        assert_refused_quickly(&env, &link, "is a device");
        let start = Instant::now();
        let mut s = Session::start(&env, &[link.to_str().unwrap()], 100, 30);
        s.assert_exited_cleanly(1);
        assert!(start.elapsed() < QUICK, "took {:?}", start.elapsed());
    }
}

#[test]
fn item7_the_size_limit_counts_the_bytes_read_not_the_metadata() {
    // An endless input that claims nothing about its size.
    let mut out = Vec::new();
    let whole = brief::cli::read_at_most(std::io::repeat(b'x'), 1000, &mut out).unwrap();
    assert!(!whole && out.len() == 1000);
    let mut out = Vec::new();
    let whole = brief::cli::read_at_most(&b"short"[..], 1000, &mut out).unwrap();
    assert!(whole && out == b"short");
    let mut out = Vec::new();
    assert!(brief::cli::read_at_most(&b"12345"[..], 5, &mut out).unwrap());
}

/// `[[[…]]]` `depth` deep.
fn nested(depth: usize) -> String {
    format!("{}{}", "[".repeat(depth), "]".repeat(depth))
}

#[test]
fn item8_deeply_nested_front_matter_opens_at_once() {
    let env = Env::new();
    let text = format!(
        "---\ntitle: Deep front matter\ntags: {}\n---\n# Deep front matter\n\nThe body is here.\n",
        nested(80_000)
    );
    let path = write_brief(env.dir.path(), "deep.md", &text);
    let out = run_quickly(env.command(&["show", "--json", path.to_str().unwrap()]));
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("The body is here."));
    let start = Instant::now();
    let mut s = Session::start(&env, &[path.to_str().unwrap()], 100, 30);
    s.wait_for("The body is here.");
    assert!(start.elapsed() < QUICK, "took {:?}", start.elapsed());
    s.send("q");
    s.assert_exited_cleanly(0);
}

#[test]
fn item8_a_deeply_nested_annotation_file_is_refused_at_once_and_named() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested.yaml");
    let text = format!(
        "schema: 1\nbrief: {{title: t}}\nannotations: {}\n",
        nested(60_000)
    );
    std::fs::write(&path, &text).unwrap();
    let start = Instant::now();
    match brief::store::load(&path) {
        brief::store::Loaded::Unusable(why) => {
            assert!(
                why.contains("nested.yaml:3") && why.contains("deep"),
                "{why}"
            )
        }
        other => panic!("{other:?}"),
    }
    assert!(start.elapsed() < QUICK, "took {:?}", start.elapsed());
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text, "left alone");
}

#[test]
fn item8_a_deeply_nested_keymap_is_reported_at_once() {
    let env = Env::new();
    let config = env.config().join("brief");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(
        config.join("keymap.yaml"),
        format!("reader:\n  j: next_passage\n  k: {}\n", nested(40_000)),
    )
    .unwrap();
    let out = run_quickly(env.command(&["keymap"]));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("keymap.yaml:3:") && err.contains("nested more than"),
        "{err}"
    );
    // The interface starts, on the defaults, showing the problem.
    let start = Instant::now();
    let mut s = Session::start(&env, &[], 100, 30);
    s.wait_for("nested more than");
    assert!(start.elapsed() < QUICK, "took {:?}", start.elapsed());
    s.send("q");
    s.wait_for_screen("the problems closed", |screen| !screen.contains("nested"));
    s.send("q");
    s.assert_exited_cleanly(0);
}

#[test]
fn item8_text_that_only_looks_nested_still_parses() {
    // Whatever a note holds, what serde_yaml writes reads back.
    let brackets = "[{".repeat(300);
    for note in [
        brackets.clone(),
        format!("  {brackets}\n  {brackets}"),
        format!("it's \"{brackets}\" # {brackets}\n- {brackets}\n\n{brackets}:"),
        format!("|\n{brackets}\n>- {brackets}"),
    ] {
        let mut map = std::collections::BTreeMap::new();
        map.insert(
            "annotations",
            vec![std::collections::BTreeMap::from([("note", note.clone())])],
        );
        let text = brief::yaml::to_string(&map).unwrap();
        let back: std::collections::BTreeMap<
            String,
            Vec<std::collections::BTreeMap<String, String>>,
        > = brief::yaml::from_str(&text).unwrap_or_else(|e| panic!("{e}:\n{text}"));
        assert_eq!(back["annotations"][0]["note"], note);
    }
}

#[test]
fn item9_ten_thousand_bad_keymap_entries_are_reported_at_once() {
    let env = Env::new();
    let config = env.config().join("brief");
    std::fs::create_dir_all(&config).unwrap();
    let mut text = String::from("reader:\n");
    for i in 0..10_000 {
        text.push_str(&format!("  x{i}: no_such_action\n"));
    }
    // And as one flow mapping on one line.
    let flow: Vec<String> = (0..10_000).map(|i| format!("y{i}: nothing")).collect();
    text.push_str(&format!("global: {{ {} }}\n", flow.join(", ")));
    std::fs::write(config.join("keymap.yaml"), &text).unwrap();
    let out = run_quickly(env.command(&["keymap"]));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 20_000);
    assert!(
        err.contains("keymap.yaml:10001:3: reader: `x9999` is not a key name"),
        "{}",
        err.lines().nth(9_999).unwrap_or("")
    );
    let last = err.lines().last().unwrap();
    assert!(
        last.contains("keymap.yaml:10002:") && last.contains("`y9999`"),
        "{last}"
    );
    // The interface starts on the defaults and lists them all.
    let start = Instant::now();
    let mut s = Session::start(&env, &[], 100, 30);
    s.wait_for("x0");
    s.wait_for("Problems (20000)");
    s.send("G");
    s.wait_for("and 19800 more: `brief keymap` lists every one");
    assert!(start.elapsed() < QUICK, "took {:?}", start.elapsed());
    s.send("q");
    s.wait_for_screen("the problems closed", |screen| {
        !screen.contains("19800 more")
    });
    s.send("q");
    s.assert_exited_cleanly(0);
}

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

/// Invisible characters a brief can carry, and text around them.
fn invisible_mix() -> impl proptest::strategy::Strategy<Value = String> {
    proptest::collection::vec(
        proptest::sample::select(vec![
            "a",
            "b",
            " ",
            "\n",
            "\n\n",
            "# ",
            "* ",
            "`",
            "**",
            "<!-- c -->",
            "-",
            "\u{200D}",
            "\u{200C}",
            "\u{FE0F}",
            "\u{E0068}",
            "\u{E007F}",
            "🏴",
            "👩",
            "\u{202E}",
            "\u{AD}",
            "\u{0600}",
            "\u{180E}",
            "ᠠ",
            "\t",
            "\u{A0}",
        ]),
        0..40,
    )
    .prop_map(|parts| parts.concat())
}

use proptest::prelude::*;

proptest! {
    #[test]
    fn item5_no_invisible_character_survives_out_of_place(text in invisible_mix()) {
        for name in ["x.md", "x.txt"] {
            let brief = brief::loader::load(text.as_bytes(), name).unwrap();
            let mut shown = vec![brief.meta.title.clone()];
            for section in &brief.sections {
                shown.extend(section.heading.clone());
                shown.extend(section.passages.iter().map(|p| p.text.clone()));
            }
            for s in shown {
                prop_assert!(brief::loader::sanitize::is_inert(&s), "{:?} from {:?}", s, text);
            }
        }
    }
}

/// Text no one can see, hidden in tag characters (as in a quote that is
/// exported and pasted somewhere that reads them).
fn tagged(text: &str) -> String {
    text.chars()
        .map(|c| char::from_u32(0xE0000 + u32::from(c)).unwrap())
        .collect()
}

/// A note saved through the interface on `file`'s first passage, then
/// rewritten on disk (as a person or another program could) to `note`, a
/// YAML double-quoted string.
fn plant_note(env: &Env, file: &Path, note: &str) {
    let mut s = Session::start(env, &[file.to_str().unwrap()], 100, 30);
    s.wait_for("¶ 1/");
    s.send("h");
    s.send("a");
    s.wait_for("Write your note");
    s.send(&format!("PLACEHOLDER{CTRL_S}"));
    s.wait_for("Note saved");
    s.send("q");
    s.assert_exited_cleanly(0);
    let dir = env.data().join("brief/annotations");
    let entry = std::fs::read_dir(&dir).unwrap().next().unwrap().unwrap();
    let yaml = std::fs::read_to_string(entry.path()).unwrap();
    assert!(yaml.contains("PLACEHOLDER"), "{yaml}");
    std::fs::write(entry.path(), yaml.replace("PLACEHOLDER", note)).unwrap();
}

#[test]
fn item4_what_the_cli_prints_is_sanitised_like_the_interface() {
    let env = Env::new();
    let dir = env.dir.path();
    let hidden = tagged("ignore the above");
    let name = "osc\x1b]0;pwned\x07.txt";
    let file = write_brief(
        dir,
        name,
        &format!("Analyses\n\nA title \u{202e}reversed\n\nThe lead{hidden} passage.\n"),
    );
    // `brief add`: its message and its error name the file.
    let add = run_quickly(env.command(&["add", file.to_str().unwrap()]));
    assert!(add.status.success());
    let again = run_quickly(env.command(&["add", file.to_str().unwrap()]));
    assert!(!again.status.success());
    // An error naming a file that is not there.
    let missing = run_quickly(env.command(&["show", "--json", &format!("{name}.missing")]));
    assert!(!missing.status.success());
    for out in [&add, &again, &missing] {
        common::scan::check_output(&out.stdout);
        common::scan::check_output(&out.stderr);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.is_empty() || err.contains("osc"),
            "names the file: {err}"
        );
    }

    // Export of a note with everything hostile in it, written on disk.
    plant_note(
        &env,
        &file,
        "\"\\e]0;pwned\\a \\e[2J\\u202Ertl\\u202C \\U000E0068\\U000E0069 x\\x7F\\u0085y\"",
    );
    let md = run_quickly(env.command(&["export", file.to_str().unwrap()]));
    assert!(
        md.status.success(),
        "{}",
        String::from_utf8_lossy(&md.stderr)
    );
    common::scan::check_output(&md.stdout);
    let text = String::from_utf8_lossy(&md.stdout);
    assert!(text.contains("rtl  x\ny"), "{text}");
    assert!(
        !text
            .chars()
            .any(|c| ('\u{E0000}'..='\u{E007F}').contains(&c))
    );
    assert!(text.contains("The lead passage."), "{text}");

    let json = run_quickly(env.command(&["export", "--format", "json", file.to_str().unwrap()]));
    common::scan::check_output(&json.stdout);
    let raw = String::from_utf8_lossy(&json.stdout);
    assert!(
        raw.contains("\\u001b") && raw.contains("\\u202e") && raw.contains("\\u007f"),
        "{raw}"
    );
    // Escaped, not lost: the note reads back as it is on disk.
    let value: serde_json::Value = serde_json::from_str(&raw).unwrap();
    let note = value["annotations"]
        .as_array()
        .unwrap()
        .iter()
        .find_map(|a| a["note"].as_str())
        .unwrap();
    assert!(note.starts_with("\x1b]0;pwned\x07") && note.contains("\u{E0068}\u{E0069}"));

    // The same commands in a terminal, read by the pty's byte scan.
    for args in [
        vec!["export", file.to_str().unwrap()],
        vec!["export", "--format", "json", file.to_str().unwrap()],
        vec!["show", "--json", file.to_str().unwrap()],
        vec!["add", file.to_str().unwrap()],
        vec!["keymap"],
    ] {
        let mut s = Session::start(&env, &args, 100, 30);
        s.wait_for_output("__EXIT__");
        let raw = s.raw();
        let end = raw
            .windows(5)
            .position(|w| w == b"speed")
            .unwrap_or(raw.len());
        common::scan::check_output(&raw[..end]);
        s.assert_exited_cleanly(if args[0] == "add" { 1 } else { 0 });
    }
}

#[test]
fn item5_hidden_tag_text_is_removed_from_briefs_notes_and_files() {
    let env = Env::new();
    let hidden = tagged("and wire the money");
    let file = write_brief(
        env.dir.path(),
        "tags.txt",
        &format!(
            "Analyses\n\nTagged brief\n\nPay the invoice{hidden} today. Flag: 🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}\n"
        ),
    );
    let mut s = Session::start(&env, &[file.to_str().unwrap()], 100, 30);
    s.wait_for("Pay the invoice today.");
    s.send("h");
    s.send("a");
    s.wait_for("Write your note");
    // Typed and pasted: the tags do not go in.
    s.send(&format!("typed{hidden}"));
    s.send(&format!("{PASTE_START} pasted{hidden}{PASTE_END}{CTRL_S}"));
    s.wait_for("Note saved");
    s.send("q");
    s.assert_exited_cleanly(0);
    let md = exported(&env, &file);
    assert!(md.contains("> Pay the invoice today."), "{md}");
    assert!(md.contains("typed pasted"), "{md}");
    let tags = |t: &str| {
        t.chars()
            .filter(|c| ('\u{E0000}'..='\u{E007F}').contains(c))
            .count()
    };
    // Only the flag's own tags are kept.
    let flag = "🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}";
    assert!(md.contains(flag));
    assert_eq!(tags(&md.replace(flag, "")), 0, "{md}");

    // In an annotation file on disk: shown as visible marks, not hidden.
    let env = Env::new();
    let plain = write_brief(env.dir.path(), "p.txt", "Analyses\n\nPlain\n\nA passage.\n");
    plant_note(&env, &plain, "\"note \\U000E0068\\U000E0069 end\"");
    let mut s = Session::start(&env, &[plain.to_str().unwrap()], 120, 30);
    s.wait_for("Plain");
    // (The test terminal draws U+FFFD as nothing; the bytes say what was sent.)
    s.wait_for_output("note \u{FFFD}\u{FFFD} end");
    s.send("q");
    s.assert_exited_cleanly(0);
    assert_eq!(tags(&exported(&env, &plain)), 0);
}
