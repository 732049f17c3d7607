//! Undo and redo (issue 13): `u` brings back a deleted note, `ctrl-r`
//! deletes it again, and what undo restored is what is saved. The real
//! binary in a pty.

mod common;

use common::pty::{Env, Session};

const CTRL_S: &str = "\x13";
const CTRL_R: &str = "\x12";
const NOTE: &str = "Check the licensing round";

#[test]
fn u_brings_back_a_deleted_note() {
    let env = Env::new();
    let path = env.dir.path().join("a.txt");
    std::fs::copy(common::fixture_path("seed_like.txt"), &path).unwrap();
    let file = path.to_str().unwrap();
    let mut s = Session::start(&env, &[file], 120, 40);
    s.wait_for("Notes (0)");
    s.send("a");
    s.send(NOTE);
    s.send(CTRL_S);
    s.wait_for_all(&["Notes (1)", NOTE]);
    s.send("d");
    s.wait_for(&format!("Delete the note “{NOTE}”"));
    s.send("y");
    s.wait_for_screen("the note deleted", |screen| {
        screen.contains("Notes (0)") && !screen.contains(NOTE)
    });
    s.send("u");
    s.wait_for_all(&["Notes (1)", NOTE, "Undone"]);
    s.send(CTRL_R);
    s.wait_for_screen("deleted again", |screen| {
        screen.contains("Notes (0)") && screen.contains("Redone") && !screen.contains(NOTE)
    });
    s.send("u");
    s.wait_for_all(&["Notes (1)", NOTE, "Undone"]);
    s.send("q");
    s.assert_exited_cleanly(0);

    // The note undo brought back is the one saved.
    let mut s = Session::start(&env, &[file], 120, 40);
    s.wait_for_all(&["Notes (1)", NOTE]);
    s.send("q");
    s.assert_exited_cleanly(0);
}
