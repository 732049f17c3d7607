//! What the interface promises, kept (issue 11, items 8 and on): the real
//! binary in a pseudo-terminal, as a person uses it.

mod common;

use common::pty::{Env, Session};

const ESC: &str = "\x1b";

fn write_config(env: &Env, text: &str) {
    let dir = env.config().join("brief");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("config.yaml"), text).unwrap();
}

/// A folder with the fixtures `names`, made for one test.
fn folder_with(env: &Env, name: &str, names: &[&str]) -> std::path::PathBuf {
    let dir = env.dir.path().join(name);
    std::fs::create_dir_all(&dir).unwrap();
    for n in names {
        std::fs::copy(common::fixture_path(n), dir.join(n)).unwrap();
    }
    dir
}

#[test]
fn config_library_is_the_library_brief_opens() {
    let env = Env::new();
    let library = folder_with(&env, "my briefs", &["seed_like.txt"]);
    write_config(&env, &format!("library: {}\n", library.display()));
    // Run from a folder with no briefs/ in it.
    let elsewhere = folder_with(&env, "elsewhere", &[]);
    let mut s = Session::start_in(&env, &elsewhere, &[], 100, 30, &[]);
    s.wait_for_all(&["my briefs", "Norway opens its continental shelf"]);
    s.send("q");
    s.assert_exited_cleanly(0);
    // `brief add` copies into the same folder.
    let out = env
        .command(&["add", common::fixture_path("qa.txt").to_str().unwrap()])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(library.join("qa.txt").is_file());
}

#[test]
fn config_mistakes_are_reported_not_ignored() {
    let env = Env::new();
    write_config(&env, "libary: ~/briefs\nlibrary: /no/such/folder\n");
    let elsewhere = folder_with(&env, "elsewhere", &[]);
    let mut s = Session::start_in(&env, &elsewhere, &[], 120, 30, &[]);
    let screen = s.wait_for_all(&["Problems (2)", "unknown setting `libary`"]);
    assert!(
        screen.contains("/no/such/folder: no such folder"),
        "{screen}"
    );
    assert!(screen.contains("config.yaml:1:") && screen.contains("config.yaml:2:"));
    s.send(ESC);
    s.wait_for_screen("the problems dismissed", |screen| {
        !screen.contains("Problems (")
    });
    s.send("q");
    s.assert_exited_cleanly(0);
}

#[test]
fn library_filter_esc_clears_and_slash_starts_afresh() {
    let env = Env::new();
    let library = folder_with(
        &env,
        "lib",
        &["seed_like.txt", "frontmatter.md", "transcript.txt"],
    );
    let mut s = Session::start(&env, &[library.to_str().unwrap()], 110, 30);
    s.wait_for("Norway opens its continental shelf");
    s.send("/");
    s.send("norway");
    s.wait_for("filter: norway");
    s.send("\r");
    s.send("/");
    s.send("fiscal");
    // A new filter, not "norwayfiscal".
    let screen = s.wait_for_all(&["filter: fiscal▏", "Fiscal rules after the pandemic"]);
    assert!(!screen.contains("Norway opens"), "{screen}");
    s.send("\x15"); // ctrl-u clears what was typed
    s.wait_for_all(&["Fiscal rules", "Norway opens"]);
    s.send("fiscal");
    s.wait_for_screen("only the fiscal brief", |screen| {
        screen.contains("Fiscal rules") && !screen.contains("Norway opens")
    });
    s.send(ESC);
    s.wait_for_all(&["Fiscal rules", "Norway opens"]);
    // Esc in the list clears an accepted filter too.
    s.send("/");
    s.send("norway\r");
    s.wait_for_screen("only the norway brief", |screen| {
        screen.contains("Norway opens") && !screen.contains("Fiscal rules")
    });
    s.send(ESC);
    s.wait_for_all(&["Fiscal rules", "Norway opens"]);
    s.send("q");
    s.assert_exited_cleanly(0);
}

#[test]
fn search_finds_a_word_that_is_only_in_a_note() {
    let env = Env::new();
    let file = common::fixture_path("seed_like.txt");
    let mut s = Session::start(&env, &[file.to_str().unwrap()], 120, 30);
    s.wait_for("¶ 1/5");
    s.send("j");
    s.send("a");
    s.send("Check the BRELL annex first");
    s.send("\x13");
    s.wait_for("Note saved");
    s.send("g");
    s.send("g");
    s.wait_for("¶ 1/5");
    s.send("/");
    s.send("brell");
    s.wait_for_all(&["/brell", "1 of 1 · in a note on ¶2"]);
    s.send("\r");
    s.wait_for_all(&["¶ 2/5", "/brell 1 of 1 · in a note on ¶2"]);
    s.send("q");
    s.assert_exited_cleanly(0);
}

/// `brief add` as the CLI: stdout, stderr and the exit status.
fn add(env: &Env, args: &[&str]) -> (String, String, Option<i32>) {
    let mut all = vec!["add"];
    all.extend_from_slice(args);
    let out = env.command(&all).output().unwrap();
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code(),
    )
}

#[test]
fn brief_add_copies_every_brief_and_reports_each_failure() {
    let env = Env::new();
    let library = folder_with(&env, "library", &[]);
    write_config(&env, &format!("library: {}\n", library.display()));
    let src = folder_with(&env, "incoming", &["seed_like.txt", "qa.txt"]);
    // Another brief with the same name as one already added.
    let other = folder_with(&env, "other", &[]);
    std::fs::copy(
        common::fixture_path("transcript.txt"),
        other.join("seed_like.txt"),
    )
    .unwrap();
    std::fs::write(other.join("photo.png"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    std::fs::write(other.join("binary.txt"), b"\x7fELF\0\0\x01").unwrap();
    let p = |dir: &std::path::Path, name: &str| dir.join(name).to_string_lossy().into_owned();

    // A folder: every brief in it.
    let (out, err, code) = add(&env, &[src.to_str().unwrap()]);
    assert_eq!(code, Some(0), "{err}");
    assert!(
        out.contains("added") && out.contains("qa.txt") && out.contains("seed_like.txt"),
        "{out}"
    );

    // Failures are reported one by one; the good ones are still added.
    let (out, err, code) = add(
        &env,
        &[
            &p(&other, "photo.png"),
            &p(&other, "binary.txt"),
            &p(&other, "seed_like.txt"),
            &p(&src, "qa.txt"),
        ],
    );
    assert_eq!(code, Some(1), "non-zero after failures");
    assert!(
        err.contains("photo.png") && err.contains("only .txt"),
        "{err}"
    );
    assert!(
        err.contains("binary.txt") && err.contains("not a text brief"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 2, "one line per failure:\n{err}");
    assert!(
        out.contains("seed_like (2).txt") && out.contains("another brief already has the name"),
        "a different brief with a taken name is added under a new one:\n{out}"
    );
    assert!(out.contains("qa.txt: already in the library"), "{out}");
    assert_eq!(
        std::fs::read(library.join("seed_like.txt")).unwrap(),
        std::fs::read(common::fixture_path("seed_like.txt")).unwrap(),
        "the first seed_like.txt is untouched"
    );
    let mut names: Vec<String> = std::fs::read_dir(&library)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["qa.txt", "seed_like (2).txt", "seed_like.txt"]);
}

#[test]
fn without_a_terminal_brief_says_what_to_do() {
    let env = Env::new();
    let file = common::fixture_path("qa.txt");
    let out = env
        .command(&[file.to_str().unwrap()])
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        err.contains("needs a terminal") && err.contains("brief show --json"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[test]
fn output_cut_short_by_head_ends_quietly() {
    use std::io::Read;
    use std::os::unix::process::ExitStatusExt;
    let env = Env::new();
    let big = env.dir.path().join("big.txt");
    std::fs::write(
        &big,
        "Analyses\n\nBig\n\n".to_string() + &"A word or two. ".repeat(200_000),
    )
    .unwrap();
    let mut child = env
        .command(&["show", "--json", big.to_str().unwrap()])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Read one line, as `head -1` does, and go away.
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 16];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout);
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    let status = child.wait().unwrap();
    assert!(err.is_empty(), "nothing on stderr: {err}");
    assert!(
        status.success() || status.signal() == Some(libc::SIGPIPE),
        "{status:?}"
    );
}

#[test]
fn a_script_as_editor_appends_a_line_of_its_own() {
    use std::os::unix::fs::PermissionsExt;
    let env = Env::new();
    let script = env.dir.path().join("append.sh");
    std::fs::write(
        &script,
        "#!/bin/sh\necho 'a line added by the editor' >> \"$1\"\n",
    )
    .unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    let file = common::fixture_path("seed_like.txt");
    let file = file.to_str().unwrap();
    let mut s = Session::start_with(
        &env,
        &[file],
        120,
        30,
        &[("EDITOR", script.to_str().unwrap())],
    );
    s.wait_for("¶ 1/5");
    s.send("a");
    s.send("typed first");
    s.wait_for("typed first");
    s.send("\x05"); // ctrl-e: continue in $EDITOR
    s.wait_for("a line added by the editor");
    s.send("\x13");
    s.wait_for("Note saved");
    s.send("q");
    s.assert_exited_cleanly(0);
    let out = env
        .command(&["export", "--format", "json", file])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let notes: Vec<&str> = json["annotations"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|a| a["note"].as_str())
        .collect();
    assert_eq!(notes, ["typed first\na line added by the editor"]);
}
