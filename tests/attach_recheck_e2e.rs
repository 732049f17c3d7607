//! Notes listed as without a brief whose brief comes back before they are
//! attached: attaching them to another brief is refused, at the moment of
//! attaching, so notes are never moved off their own brief.

mod common;

use common::pty::{Env, Session};
use std::path::{Path, PathBuf};

const NOTE: &str = "Ask the ministry about the impact assessments.";

fn write_brief(env: &Env, name: &str, text: &str) -> PathBuf {
    let path = env.dir.path().join("lib").join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, text).unwrap();
    path
}

fn arg(path: &Path) -> &str {
    path.to_str().unwrap()
}

fn stdout(env: &Env, args: &[&str]) -> String {
    let out = env.command(args).output().unwrap();
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn notes_whose_brief_came_back_are_not_moved_onto_another_brief() {
    let env = Env::new();
    let seed = std::fs::read_to_string(common::fixture_path("seed_like.txt")).unwrap();
    let file = write_brief(&env, "a.txt", &seed);
    let mut s = Session::start(&env, &[arg(&file)], 120, 40);
    s.wait_for("¶ 1/5");
    s.send("a");
    s.send(NOTE);
    s.send("\x13");
    s.wait_for("Note saved");
    s.send("q");
    s.assert_exited_cleanly(0);

    // Gone: listed without a brief, with an id to attach by.
    let away = env.dir.path().join("away.txt");
    std::fs::rename(&file, &away).unwrap();
    let json: serde_json::Value =
        serde_json::from_str(&stdout(&env, &["export", "--all", "--format", "json"])).unwrap();
    assert_eq!(json[0]["brief_found"], false, "{json}");
    let id = json[0]["id"].as_str().expect("an id").to_string();

    // Back before the notes are attached: they stay on it.
    std::fs::rename(&away, &file).unwrap();
    let other = write_brief(&env, "other.txt", "Analyses\n\nAnother brief\n\nText.\n");
    let out = env.command(&["attach", &id, arg(&other)]).output().unwrap();
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "refused");
    assert!(said.contains("have their brief again"), "{said}");
    assert!(stdout(&env, &["export", arg(&file)]).contains(NOTE));
    assert!(!stdout(&env, &["export", arg(&other)]).contains(NOTE));
}
