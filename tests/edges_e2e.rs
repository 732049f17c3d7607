//! The edges (issue 16): files that are not files, files that never end,
//! YAML nested to hurt, thousands of bad keymap entries. Nothing hangs.

mod common;

use common::cli::{QUICK, run_quickly, write_brief};
use common::pty::{Env, Session};
use std::path::Path;
use std::time::Instant;

fn mkfifo(path: &Path) {
    let c = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0, "mkfifo");
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
    let whole = brief::reading::read_at_most(std::io::repeat(b'x'), 1000, &mut out).unwrap();
    assert!(!whole && out.len() == 1000);
    let mut out = Vec::new();
    let whole = brief::reading::read_at_most(&b"short"[..], 1000, &mut out).unwrap();
    assert!(whole && out == b"short");
    let mut out = Vec::new();
    assert!(brief::reading::read_at_most(&b"12345"[..], 5, &mut out).unwrap());
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
    for i in 0..5_000 {
        text.push_str(&format!("  x{i}: no_such_action\n"));
    }
    // And as one flow mapping on one line.
    let flow: Vec<String> = (0..5_000).map(|i| format!("y{i}: nothing")).collect();
    text.push_str(&format!("global: {{ {} }}\n", flow.join(", ")));
    std::fs::write(config.join("keymap.yaml"), &text).unwrap();
    let out = run_quickly(env.command(&["keymap"]));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 10_000);
    assert!(
        err.contains("keymap.yaml:5001:3: reader: `x4999` is not a key name"),
        "{}",
        err.lines().nth(4_999).unwrap_or("")
    );
    let last = err.lines().last().unwrap();
    assert!(
        last.contains("keymap.yaml:5002:") && last.contains("`y4999`"),
        "{last}"
    );
    // The interface starts on the defaults and lists them all.
    let start = Instant::now();
    let mut s = Session::start(&env, &[], 100, 30);
    s.wait_for("x0");
    s.wait_for("Problems (10000)");
    s.send("G");
    s.wait_for("and 9800 more: `brief keymap` lists every one");
    assert!(start.elapsed() < QUICK, "took {:?}", start.elapsed());
    s.send("q");
    s.wait_for_screen("the problems closed", |screen| {
        !screen.contains("9800 more")
    });
    s.send("q");
    s.assert_exited_cleanly(0);
}
