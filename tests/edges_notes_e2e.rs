//! The edges of issue 16 (items 11–19) and issue 11 item 14, as a person
//! meets them: the real binary, in a pseudo-terminal or on the command
//! line. Test names start with the item they cover.

mod common;

use brief::annotations::{Annotation, Kind};
use brief::store::{self, Store};
use common::pty::{Env, Session};
use std::collections::BTreeMap;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

/// A copy of a fixture in a folder of the test's own.
fn brief_copy(env: &Env, fixture: &str) -> PathBuf {
    let dir = env.dir.path().join("briefs");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(fixture);
    std::fs::copy(common::fixture_path(fixture), &path).unwrap();
    path
}

/// The screen's words in order, borders left out: a reason wrapped over
/// several rows of a box reads as one line.
fn words(screen: &str) -> String {
    screen
        .replace(['│', '┌', '┐', '└', '┘', '─'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Wait until the screen's words (see `words`) hold every one of `texts`.
fn wait_for_words(s: &Session, texts: &[&str]) -> String {
    let screen = s.wait_for_screen(&texts.join(" + "), |screen| {
        let w = words(screen);
        texts.iter().all(|t| w.contains(t))
    });
    words(&screen)
}

/// Dismiss the problems box and wait until it is gone and `then` shows.
fn dismiss(s: &mut Session, then: &str) {
    s.send("q");
    s.wait_for_screen(&format!("the box gone, {then} shown"), |screen| {
        !screen.contains("Problems (") && screen.contains(then)
    });
}

fn env_store(env: &Env) -> Store {
    Store::new(env.data().join("brief/annotations"))
}

fn brief_note(id: &str, text: &str) -> Annotation {
    Annotation {
        id: id.into(),
        kind: Kind::Note,
        colour: None,
        note: Some(text.into()),
        anchor: None,
        created: format!("2026-01-01T00:00:0{id}Z").into(),
        updated: format!("2026-01-01T00:00:0{id}Z").into(),
        deleted: false,
        draft_of: None,
        conflict_of: None,
        base: None,
        extra: BTreeMap::new(),
    }
}

/// Save notes on the whole brief at `path` where `brief` will find them;
/// returns the annotation file.
fn save_notes(env: &Env, path: &Path, notes: &[(&str, &str)]) -> PathBuf {
    let store = env_store(env);
    let brief = brief::reading::read_brief(path).unwrap();
    let now = brief::reading::fingerprint(path, &brief, true);
    let found = store.open_for_reader(&brief, &now, path, &mut brief::reading::probe);
    let mut file = found.file;
    file.annotations = notes.iter().map(|(id, t)| brief_note(id, t)).collect();
    store::save(&found.path, &file).unwrap();
    found.path
}

#[test]
fn item11_14_a_corrupt_annotation_file_shows_the_whole_reason_and_what_can_be_read() {
    let env = Env::new();
    let brief = brief_copy(&env, "seed_like.txt");
    let file = save_notes(
        &env,
        &brief,
        &[("1", "kept note one"), ("2", "lost note two")],
    );
    let text = std::fs::read_to_string(&file).unwrap();
    let broken = text.replacen("note: lost note two", "note: [lost note two", 1);
    std::fs::write(&file, &broken).unwrap();
    let mut s = Session::start(&env, &[brief.to_str().unwrap()], 120, 40);
    // The reason in full (wrapped in the problems box, not cut), naming
    // the file and its line, and how much of it could be read.
    let name = file.file_name().unwrap().to_str().unwrap();
    let line = format!("{name}:29: does not parse");
    wait_for_words(
        &s,
        &[
            "Problems (1)",
            &line,
            "it is left untouched. 1 of its 2 annotations can be read and are shown, read-only",
        ],
    );
    s.send("q");
    s.wait_for_screen("the box dismissed, the readable note shown", |screen| {
        !screen.contains("Problems (")
            && screen.contains("kept note one")
            && screen.contains("Annotations are read-only")
    });
    // A change is refused, and says why again.
    s.send("m");
    s.wait_for("Problems (1)");
    dismiss(&mut s, "kept note one");
    s.send("q");
    s.assert_exited_cleanly(0);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), broken, "untouched");
}

#[test]
fn item16_16_a_read_only_annotation_file_opens_read_only_and_says_why() {
    let env = Env::new();
    let brief = brief_copy(&env, "seed_like.txt");
    let file = save_notes(&env, &brief, &[("1", "a note of mine")]);
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o444)).unwrap();
    let before = std::fs::read(&file).unwrap();
    let mut s = Session::start(&env, &[brief.to_str().unwrap()], 120, 40);
    wait_for_words(
        &s,
        &[
            "Problems (1)",
            "only (mode 0444): brief leaves it as it is",
            "chmod u+w",
        ],
    );
    dismiss(&mut s, "a note of mine");
    s.send("j");
    s.send("m");
    s.wait_for("Problems (1)");
    dismiss(&mut s, "a note of mine");
    s.send("q");
    s.assert_exited_cleanly(0);
    assert_eq!(std::fs::read(&file).unwrap(), before, "not replaced");
}

#[test]
fn item16_18_an_unusable_data_folder_is_said_when_the_brief_opens() {
    let env = Env::new();
    let brief = brief_copy(&env, "seed_like.txt");
    std::fs::create_dir_all(env.data()).unwrap();
    std::fs::write(env.data().join("brief"), "a file, not a folder").unwrap();
    let mut s = Session::start(&env, &[brief.to_str().unwrap()], 120, 40);
    // Before any key: the reason, in full.
    wait_for_words(
        &s,
        &[
            "Problems (1)",
            "is a file, not a folder, so notes cannot be saved",
        ],
    );
    dismiss(&mut s, "Notes cannot be saved");
    s.send("q");
    s.assert_exited_cleanly(0);
}

#[test]
fn item16_18_a_symlinked_annotation_file_is_refused_in_words() {
    let env = Env::new();
    let brief = brief_copy(&env, "seed_like.txt");
    let file = save_notes(&env, &brief, &[("1", "behind a link")]);
    let real = env.dir.path().join("elsewhere.yaml");
    std::fs::rename(&file, &real).unwrap();
    std::os::unix::fs::symlink(&real, &file).unwrap();
    let mut s = Session::start(&env, &[brief.to_str().unwrap()], 160, 40);
    let text = wait_for_words(
        &s,
        &[
            "Problems (1)",
            "is a symbolic link; brief does not follow links for annotation files (move the real file here)",
        ],
    );
    assert!(!text.contains("Too many levels"), "{text}");
    dismiss(&mut s, "Annotations are read-only");
    s.send("q");
    s.assert_exited_cleanly(0);
    assert!(
        std::fs::symlink_metadata(&file)
            .unwrap()
            .file_type()
            .is_symlink()
    );
}

#[test]
fn item16_11_export_all_names_every_file_it_cannot_export_whole() {
    let env = Env::new();
    let brief = brief_copy(&env, "seed_like.txt");
    save_notes(&env, &brief, &[("1", "a readable note")]);
    let dir = env.data().join("brief/annotations");
    let entry = |id: &str, note: &str| {
        format!(
            "- id: {id}\n  kind: note\n  note: {note}\n  created: '2026-01-01T00:00:00Z'\n  updated: '2026-01-01T00:00:00Z'\n"
        )
    };
    let files = [
        (
            "broken.yaml",
            format!(
                "schema: 1\nbrief:\n  title: Broken\nannotations:\n{}{}",
                entry("b1", "salvaged from a broken file"),
                entry("b2", "[unclosed")
            ),
        ),
        (
            "newer.yaml",
            format!(
                "schema: 99\nbrief:\n  title: Newer\nannotations:\n{}",
                entry("n1", "from a newer brief")
            ),
        ),
        (
            "misspelt.yaml",
            format!(
                "schema: 1\nbrief:\n  title: Misspelt\nanotations:\n{}",
                entry("m1", "under a misspelt key")
            ),
        ),
        (
            "misnamed.yml",
            format!(
                "schema: 1\nbrief:\n  title: Misnamed\nannotations:\n{}",
                entry("x1", "in a misnamed file")
            ),
        ),
    ];
    for (name, text) in &files {
        std::fs::write(dir.join(name), text).unwrap();
    }
    let out = env.command(&["export", "--all"]).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    // What can be read is exported.
    for text in [
        "a readable note",
        "salvaged from a broken file",
        "from a newer brief",
    ] {
        assert!(stdout.contains(text), "{text}: {stdout}");
    }
    // Each file that was not exported whole is named, one line each.
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 4, "{stderr}");
    let line = |name: &str| {
        lines
            .iter()
            .find(|l| l.contains(name))
            .unwrap_or_else(|| panic!("{name} not named: {stderr}"))
            .to_string()
    };
    assert!(line("broken.yaml").contains("does not parse"), "{stderr}");
    assert!(
        line("broken.yaml").contains("1 of its 2 annotations can be read"),
        "{stderr}"
    );
    assert!(
        line("newer.yaml").contains("newer brief (schema 99)"),
        "{stderr}"
    );
    assert!(line("misspelt.yaml").contains("`anotations`"), "{stderr}");
    assert!(line("misnamed.yml").contains("named *.yaml"), "{stderr}");
    for name in ["broken.yaml", "newer.yaml", "misspelt.yaml", "misnamed.yml"] {
        assert!(
            std::fs::read_to_string(dir.join(name)).unwrap()
                == files.iter().find(|(n, _)| *n == name).unwrap().1,
            "{name} untouched"
        );
    }
}

#[test]
fn item16_15_a_brief_whose_name_is_not_utf8_reopens_from_the_bookmarks_list() {
    use std::os::unix::ffi::OsStringExt;
    let env = Env::new();
    let dir = env.dir.path().join("lib");
    std::fs::create_dir_all(&dir).unwrap();
    let name = std::ffi::OsString::from_vec(b"caf\xe9 notes.txt".to_vec());
    let path = dir.join(&name);
    std::fs::copy(common::fixture_path("seed_like.txt"), &path).unwrap();
    let mut s = Session::start(&env, &[dir.to_str().unwrap()], 120, 30);
    s.wait_for("Norway opens its continental shelf");
    s.send("\r");
    s.wait_for("¶ 1/5");
    s.send("j");
    s.wait_for("¶ 2/5");
    s.send("m");
    s.wait_for("Bookmarked");
    s.send("q");
    s.wait_for("★1");
    s.send("B");
    s.wait_for_all(&["Annotations · 1 of 1", "★ bookmark", "¶2 · Summary"]);
    s.send("\r");
    s.wait_for("¶ 2/5");
    s.send("q");
    s.wait_for("Annotations · 1 of 1");
    s.send("q");
    s.wait_for("1 briefs");
    s.send("q");
    s.assert_exited_cleanly(0);
    // The file keeps the name exactly, beside the readable one.
    let store = env_store(&env);
    let (file, record) = store.records().into_iter().next().unwrap();
    let record = record.unwrap();
    assert_eq!(
        record.brief_path(),
        Some(std::fs::canonicalize(&path).unwrap())
    );
    let text = std::fs::read_to_string(file).unwrap();
    assert!(text.contains("caf%E9 notes.txt"), "{text}");
}

#[test]
fn item16_19_three_marks_on_a_long_passage_keep_the_file_small_and_follow_an_edit() {
    let env = Env::new();
    let dir = env.dir.path().join("briefs");
    std::fs::create_dir_all(&dir).unwrap();
    let mut long = String::new();
    let mut n = 0;
    while long.len() < 100 * 1024 {
        n += 1;
        long.push_str(&format!("Clause {n} of the long passage. "));
    }
    let text =
        format!("Analyses\n\nA brief with one long passage\n\n{long}\n\nA short last passage.\n");
    let path = dir.join("long.txt");
    std::fs::write(&path, &text).unwrap();
    let file = path.to_str().unwrap();
    let mut s = Session::start(&env, &[file], 120, 30);
    s.wait_for_screen("the whole brief read", |screen| {
        screen.contains("¶ 1/2") && !screen.contains("reading the rest")
    });
    s.send("m");
    s.wait_for("Bookmarked");
    s.send("h");
    s.wait_for("Highlighted in yellow");
    s.send("a");
    s.send("a note on the long passage");
    s.send("\x13");
    s.wait_for_screen("the note saved", |screen| {
        screen.contains("a note on the long passage") && !screen.contains("DRAFT")
    });
    s.send("q");
    s.assert_exited_cleanly(0);
    let store = env_store(&env);
    let (annotations, _) = store.records().into_iter().next().unwrap();
    let size = std::fs::metadata(&annotations).unwrap().len();
    assert!(
        size < 6 * 1024,
        "three marks on a 100 KB passage take {size} bytes"
    );
    // A passage inserted above: every mark is found on the long passage,
    // now the second.
    std::fs::write(
        &path,
        text.replace("\n\nClause 1 ", "\n\nA new first passage.\n\nClause 1 "),
    )
    .unwrap();
    let out = env.command(&["export", file]).output().unwrap();
    let md = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for heading in [
        "## bookmark, ¶2",
        "## highlight (yellow), ¶2",
        "## note, ¶2",
    ] {
        assert!(
            md.contains(heading),
            "{heading}: {}",
            &md[..md.len().min(600)]
        );
    }
    assert!(!md.contains("detached"));
}

#[test]
fn item16_14_the_library_lists_what_it_cannot_read_with_the_reason() {
    let env = Env::new();
    let dir = brief_copy(&env, "seed_like.txt")
        .parent()
        .unwrap()
        .to_path_buf();
    std::os::unix::fs::symlink("loop.txt", dir.join("loop.txt")).unwrap();
    std::os::unix::fs::symlink("/no/such/brief.txt", dir.join("dangling.txt")).unwrap();
    // A folder, whatever its name, is a subfolder of the library (issue 13).
    std::fs::create_dir(dir.join("folder.txt")).unwrap();
    let fifo =
        std::ffi::CString::new(dir.join("pipe.md").into_os_string().into_encoded_bytes()).unwrap();
    // SAFETY: a valid path; mkfifo only reads it.
    assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o600) }, 0);
    let mut s = Session::start(&env, &[dir.to_str().unwrap()], 160, 30);
    let screen = s.wait_for_all(&[
        "Norway opens its continental shelf",
        "loop.txt — a symbolic link that loops",
        "dangling.txt — a symbolic link to /no/such/brief.txt, which does not exist",
        "pipe.md — a named pipe (FIFO), not a file",
    ]);
    assert!(!screen.contains("folder.txt"), "{screen}");
    assert!(screen.contains("4 briefs"), "{screen}");
    s.send("q");
    s.assert_exited_cleanly(0);
}

#[test]
fn item16_12_a_keymap_that_unbinds_every_way_out_still_lets_you_out() {
    let env = Env::new();
    let config = env.config().join("brief");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(
        config.join("keymap.yaml"),
        "global:\n  q: none\n  ctrl-c: none\n  esc: none\neditor:\n  ctrl-s: none\nlibrary:\n  h: highlight\n",
    )
    .unwrap();
    let brief = brief_copy(&env, "seed_like.txt");
    let mut s = Session::start(&env, &[brief.to_str().unwrap()], 160, 40);
    let text = wait_for_words(
        &s,
        &[
            "Problems (4)",
            "keymap.yaml:2:3: global: `q`: it would leave the library with no key to quit",
            "keymap.yaml:3:3: global: `ctrl-c`: it would leave",
            "keymap.yaml:6:3: editor: `ctrl-s`: it would leave the note editor with no key to save the note",
            "keymap.yaml:8:3: library: `h`: warning: highlight does nothing in library",
        ],
    );
    // `esc` in global only dismissed messages: the boxes close with their own.
    assert!(!text.contains("`esc`"), "{text}");
    dismiss(&mut s, "¶ 1/5");
    // The refused entries kept their defaults: ctrl-s saves, q leaves.
    s.send("a");
    s.send("saved all the same");
    s.send("\x13");
    s.wait_for_screen("the note saved", |screen| {
        screen.contains("saved all the same") && !screen.contains("DRAFT")
    });
    s.send("q");
    s.assert_exited_cleanly(0);
    // `brief keymap` reports the same, on stderr, with a non-zero status.
    let out = env.command(&["keymap"]).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert_eq!(stderr.lines().count(), 4, "{stderr}");
}
