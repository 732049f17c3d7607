//! End to end: the real binary in a real pseudo-terminal, keys typed as a
//! person types them, the screen read back, notes still there after a restart.

mod common;

use common::pty::{Env, Session};

const DOWN: &str = "\x1b[B";
const ESC: &str = "\x1b";
const CTRL_S: &str = "\x13";

fn library_copy(env: &Env) -> String {
    let dir = env.dir.path().join("library");
    std::fs::create_dir_all(&dir).unwrap();
    for name in ["seed_like.txt", "frontmatter.md", "transcript.txt"] {
        std::fs::copy(common::fixture_path(name), dir.join(name)).unwrap();
    }
    std::fs::write(dir.join("broken.txt"), b"\x00\x01binary").unwrap();
    dir.to_string_lossy().into_owned()
}

#[test]
fn read_a_brief_from_the_library() {
    let env = Env::new();
    let lib = library_copy(&env);
    let mut s = Session::start(&env, &[&lib], 100, 30);
    let screen = s.wait_for("Norway opens its continental shelf");
    assert!(screen.contains("Fiscal rules after the pandemic"));
    assert!(
        screen.contains("unreadable"),
        "broken file listed with its error:\n{screen}"
    );
    assert!(s.alternate_screen());
    // Filter, open, move.
    s.send("/");
    s.send("norway");
    s.send("\r");
    s.send("\r");
    let screen = s.wait_for("¶ 1/5");
    assert!(
        screen.contains("Summary") && screen.contains("Commentary") && screen.contains("Notes")
    );
    s.send("j");
    s.send(DOWN);
    s.wait_for("¶ 3/5");
    s.send("G");
    s.wait_for("¶ 5/5");
    // Search: typing jumps, Esc goes back.
    s.send("g");
    s.send("g");
    s.wait_for("¶ 1/5");
    s.send("/");
    s.send("Oslo");
    s.wait_for("1 of 1");
    s.send(ESC);
    s.wait_for("¶ 1/5");
    s.send("/");
    s.send("Oslo\r");
    s.wait_for("¶ 4/5");
    // Help, built from the keymap.
    s.send("?");
    s.wait_for("Move to the next passage");
    s.send("q");
    // Resize: narrow folds the notes pane away, the cursor stays in view.
    s.send("G");
    s.resize(60, 20);
    let screen = s.wait_for("¶ 5/5");
    assert!(
        !screen.contains("Notes ("),
        "notes pane folded at 60 columns:\n{screen}"
    );
    assert!(
        screen.contains("In practice, extraction"),
        "cursor passage in view:\n{screen}"
    );
    s.resize(120, 40);
    s.wait_for("Notes (");
    s.send("q");
    let screen = s.wait_for("filter “norway”: 1");
    assert!(
        !screen.contains("Fiscal rules"),
        "the filter is kept on return:\n{screen}"
    );
    s.send("q");
    s.wait_for("Fiscal rules");
    s.send("q");
    s.assert_exited_cleanly(0);
}

#[test]
fn notes_survive_a_restart_and_export() {
    let env = Env::new();
    let file = common::fixture_path("seed_like.txt");
    let file = file.to_str().unwrap();
    let mut s = Session::start(&env, &[file], 110, 30);
    s.wait_for("¶ 1/5");
    s.send("j");
    s.send("m");
    s.wait_for("Bookmarked");
    s.send("a");
    s.send("Ask the ministry about the impact assessments.");
    s.send(CTRL_S);
    s.wait_for("Note saved");
    s.send("q");
    s.assert_exited_cleanly(0);

    let mut s = Session::start(&env, &[file], 110, 30);
    // One complete frame with the note and the restored position.
    let screen = s.wait_for_all(&["Ask the ministry about the impact", "¶ 2/5"]);
    assert!(screen.contains("★"), "bookmark marked:\n{screen}");
    s.send("q");
    s.assert_exited_cleanly(0);

    let out = env.command(&["export", file]).output().unwrap();
    assert!(out.status.success());
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(
        md.contains("Ask the ministry about the impact assessments."),
        "{md}"
    );
    assert!(
        md.contains("> Environmental organisations and the fishing industry"),
        "quote in export:\n{md}"
    );
    let out = env
        .command(&["export", "--format", "json", file])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["annotations"].as_array().unwrap().len(), 2);
}

#[test]
fn a_user_keymap_rebinds_a_motion() {
    let env = Env::new();
    std::fs::create_dir_all(env.config().join("brief")).unwrap();
    std::fs::write(
        env.config().join("brief/keymap.yaml"),
        "reader:\n  x: next_passage\n  j: none\n",
    )
    .unwrap();
    let file = common::fixture_path("seed_like.txt");
    let mut s = Session::start(&env, &[file.to_str().unwrap()], 100, 30);
    s.wait_for("¶ 1/5");
    s.send("j");
    s.send("x");
    s.send("x");
    s.wait_for("¶ 3/5");
    s.send("q");
    s.assert_exited_cleanly(0);
}

#[test]
fn a_bad_user_keymap_is_reported_and_the_defaults_still_work() {
    let env = Env::new();
    std::fs::create_dir_all(env.config().join("brief")).unwrap();
    std::fs::write(
        env.config().join("brief/keymap.yaml"),
        "reader:\n  j: next_pasage\n",
    )
    .unwrap();
    let out = env.command(&["keymap"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("keymap.yaml:2:3: reader: `j`: unknown action `next_pasage`"),
        "{err}"
    );
    let file = common::fixture_path("seed_like.txt");
    let mut s = Session::start(&env, &[file.to_str().unwrap()], 100, 30);
    s.wait_for("unknown action `next_pasage`");
    s.send(ESC);
    s.send("j");
    s.wait_for("¶ 2/5");
    s.send("q");
    s.assert_exited_cleanly(0);
}
