//! Notes are never lost or misplaced (issue 11, items 2, 4, 5, 7 and parts
//! of 16): a brief keeps its notes through an edit, a rename or a move; a
//! different brief never gets them; notes whose brief is gone are listed and
//! can be attached; every number shown or exported is where the annotation
//! is now. The real binary, in a pty or on the command line.

mod common;

use common::pty::{Env, Session};
use std::path::{Path, PathBuf};

const CTRL_S: &str = "\x13";
const ESC: &str = "\x1b";
const TAB: &str = "\t";
const NOTE: &str = "Ask the ministry about the impact assessments.";
/// The note's first words: the notes pane wraps the rest.
const NOTE_SHOWN: &str = "Ask the ministry about the";
const TITLE: &str = "Norway opens its continental shelf to seabed mineral exploration";
const SECOND: &str = "Environmental organisations and the fishing industry criticised the decision";

/// The seed-like brief with a date line, so that every kind of edit
/// (title, category, date, paragraph) can be tried on it.
fn base_text() -> String {
    let seed = std::fs::read_to_string(common::fixture_path("seed_like.txt")).unwrap();
    seed.replacen("Analyses\n", "Analyses\n9 January 2025\n", 1)
}

/// `lib/NAME` in the test's folder, holding `text`.
fn write_brief(env: &Env, name: &str, text: &str) -> PathBuf {
    let path = env.dir.path().join("lib").join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, text).unwrap();
    path
}

fn arg(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// Bookmark the second passage and write a note on it, as a person does.
fn annotate(env: &Env, file: &Path) {
    let mut s = Session::start(env, &[arg(file)], 120, 40);
    s.wait_for("¶ 1/5");
    s.send("j");
    s.wait_for("¶ 2/5");
    s.send("m");
    s.wait_for("Bookmarked");
    s.send("a");
    s.send(NOTE);
    s.send(CTRL_S);
    s.wait_for("Note saved");
    s.send("q");
    s.assert_exited_cleanly(0);
}

fn run(env: &Env, args: &[&str]) -> String {
    let out = env.command(args).output().unwrap();
    assert!(
        out.status.success(),
        "brief {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn export_json(env: &Env, file: &Path) -> serde_json::Value {
    serde_json::from_str(&run(env, &["export", "--format", "json", arg(file)])).unwrap()
}

fn annotation_files(env: &Env) -> Vec<PathBuf> {
    let dir = env.data().join("brief/annotations");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "yaml"));
    files.sort();
    files
}

/// Item 2: the title line changed (a full stop added): the notes are there
/// on reopening, and no annotation file is left behind.
#[test]
fn title_edit_keeps_notes() {
    let env = Env::new();
    let file = write_brief(&env, "a.txt", &base_text());
    annotate(&env, &file);
    let edited = base_text().replace(TITLE, &format!("{TITLE}."));
    std::fs::write(&file, edited).unwrap();
    let mut s = Session::start(&env, &[arg(&file)], 120, 40);
    let screen = s.wait_for(NOTE_SHOWN);
    assert!(screen.contains("Notes (1)"), "{screen}");
    assert!(screen.contains("★"), "the bookmark is there:\n{screen}");
    s.send("q");
    s.assert_exited_cleanly(0);
    assert_eq!(
        annotation_files(&env).len(),
        1,
        "one annotation file, none left behind: {:?}",
        annotation_files(&env)
    );
    // The library's marks column counts them.
    std::fs::write(&file, base_text().replace(TITLE, "Norway opens its seabed")).unwrap();
    let mut s = Session::start(&env, &[arg(file.parent().unwrap())], 120, 40);
    let screen = s.wait_for("Norway opens its seabed");
    let screen = if screen.contains("★1 ✎1") {
        screen
    } else {
        s.wait_for("★1 ✎1")
    };
    assert!(!screen.contains("without a brief"), "{screen}");
    s.send("q");
    s.assert_exited_cleanly(0);
}

/// Item 2: any one edit (title, category, date, a paragraph), a rename or a
/// move: the brief still has its notes.
#[test]
fn one_edit_rename_or_move_keeps_notes() {
    type Edit = fn(&Path) -> PathBuf;
    let edits: [(&str, Edit); 7] = [
        ("new title", |f| {
            let t = base_text().replace(TITLE, "Norway votes to open its seabed to mining");
            std::fs::write(f, t).unwrap();
            f.to_path_buf()
        }),
        ("new category", |f| {
            std::fs::write(f, base_text().replace("Analyses\n", "OSW Analyses\n")).unwrap();
            f.to_path_buf()
        }),
        ("new date", |f| {
            std::fs::write(f, base_text().replace("9 January 2025", "10 January 2025")).unwrap();
            f.to_path_buf()
        }),
        ("a paragraph edited", |f| {
            let t = base_text().replace("Licences are to be awarded in rounds", "Licences come");
            std::fs::write(f, t).unwrap();
            f.to_path_buf()
        }),
        ("renamed", |f| {
            let to = f.with_file_name("renamed.txt");
            std::fs::rename(f, &to).unwrap();
            to
        }),
        ("moved", |f| {
            let to = f.parent().unwrap().join("sub/a.txt");
            std::fs::create_dir_all(to.parent().unwrap()).unwrap();
            std::fs::rename(f, &to).unwrap();
            to
        }),
        ("moved and retitled", |f| {
            let to = f.with_file_name("elsewhere.txt");
            std::fs::write(&to, base_text().replace(TITLE, "Seabed mining: Norway")).unwrap();
            std::fs::remove_file(f).unwrap();
            to
        }),
    ];
    for (what, edit) in edits {
        let env = Env::new();
        let file = write_brief(&env, "a.txt", &base_text());
        annotate(&env, &file);
        let now = edit(&file);
        let md = run(&env, &["export", arg(&now)]);
        assert!(md.contains(NOTE), "{what}: the note is exported:\n{md}");
        assert!(md.contains("bookmark"), "{what}: the bookmark too:\n{md}");
        // Opening it moves the notes along: nothing is left behind.
        let mut s = Session::start(&env, &[arg(&now)], 120, 40);
        s.wait_for(NOTE_SHOWN);
        s.send("q");
        s.assert_exited_cleanly(0);
        assert_eq!(annotation_files(&env).len(), 1, "{what}");
        let all = run(&env, &["export", "--all"]);
        assert!(
            !all.contains("without a brief"),
            "{what}: nothing orphaned:\n{all}"
        );
    }
}

/// Item 2, the other way round: a different file that shares the title and
/// the first paragraph (a 5 MB file made by repeating the brief, or a copy)
/// does not get the brief's notes, and does not take its path.
#[test]
fn namesake_briefs_do_not_share_notes() {
    let env = Env::new();
    let file = write_brief(&env, "a.txt", &base_text());
    annotate(&env, &file);
    let mut big = String::new();
    while big.len() < 5 << 20 {
        big.push_str(&base_text());
        big.push('\n');
    }
    let big = write_brief(&env, "big.txt", &big);
    let md = run(&env, &["export", arg(&big)]);
    assert!(!md.contains(NOTE), "the repeat has no notes:\n{md}");
    let mut s = Session::start(&env, &[arg(&big)], 120, 40);
    let screen = s.wait_for("Notes (0)");
    assert!(!screen.contains(NOTE), "{screen}");
    // Moving on saves a reading position: for the big file, not the brief.
    s.send("j");
    s.send("j");
    s.wait_for("¶ 3/");
    s.send("q");
    s.assert_exited_cleanly(0);
    let copy = write_brief(&env, "copy.txt", &base_text());
    let md = run(&env, &["export", arg(&copy)]);
    assert!(
        !md.contains(NOTE),
        "a copy beside the brief has none:\n{md}"
    );
    let json = export_json(&env, &file);
    assert_eq!(
        json["path"].as_str().map(|p| p.ends_with("a.txt")),
        Some(true),
        "the brief keeps its recorded path: {json}"
    );
    assert_eq!(json["annotations"].as_array().unwrap().len(), 2, "{json}");
}

/// Item 2: notes whose brief is gone are listed by `export --all` and in the
/// library, with the last path and title, and `brief attach` gives them to a
/// brief.
#[test]
fn orphaned_notes_are_listed_and_can_be_attached() {
    let env = Env::new();
    let file = write_brief(&env, "a.txt", &base_text());
    annotate(&env, &file);
    std::fs::remove_file(&file).unwrap();
    let all = run(&env, &["export", "--all"]);
    assert!(all.contains("without a brief"), "{all}");
    assert!(all.contains(TITLE) && all.contains(NOTE), "{all}");
    assert!(all.contains(arg(&file)), "the last path is given:\n{all}");
    let json: serde_json::Value =
        serde_json::from_str(&run(&env, &["export", "--all", "--format", "json"])).unwrap();
    let entry = &json[0];
    assert_eq!(entry["brief_found"], false, "{json}");
    let id = entry["id"]
        .as_str()
        .expect("an id to attach by")
        .to_string();
    assert!(all.contains(&format!("brief attach {id}")), "{all}");

    // The library says so.
    let other = write_brief(&env, "other.txt", "Analyses\n\nAnother brief\n\nText.\n");
    let lib = other.parent().unwrap().to_path_buf();
    let mut s = Session::start(&env, &[arg(&lib)], 120, 40);
    s.wait_for("Notes without a brief (1)");
    s.send("q");
    s.assert_exited_cleanly(0);

    // A rewritten brief (nothing in common) takes them when asked.
    let new = write_brief(
        &env,
        "new.txt",
        "Analyses\n\nSeabed mining\n\nA new text.\n",
    );
    let out = run(&env, &["attach", &id, arg(&new)]);
    assert!(out.contains("attached"), "{out}");
    let md = run(&env, &["export", arg(&new)]);
    assert!(md.contains(NOTE), "{md}");
    assert!(
        md.contains("detached"),
        "its quote is not in the new text:\n{md}"
    );
    let all = run(&env, &["export", "--all"]);
    assert!(!all.contains("without a brief"), "{all}");
    let _ = other;
}

/// Item 2 in the library: notes without a brief are attached from the list.
#[test]
fn orphaned_notes_are_attached_from_the_library() {
    let env = Env::new();
    let file = write_brief(&env, "a.txt", &base_text());
    annotate(&env, &file);
    std::fs::remove_file(&file).unwrap();
    write_brief(
        &env,
        "target.txt",
        "Analyses\n\nThe new home\n\nSome text.\n",
    );
    let lib = env.dir.path().join("lib");
    let mut s = Session::start(&env, &[arg(&lib)], 120, 40);
    s.wait_for("Notes without a brief (1)");
    s.send("o");
    s.wait_for(TITLE);
    s.send("\r");
    s.wait_for("Enter attaches");
    s.send("\r");
    s.wait_for("Attached");
    let screen = s.wait_for("✎1");
    assert!(!screen.contains("without a brief"), "{screen}");
    s.send("q");
    s.assert_exited_cleanly(0);
    let md = run(&env, &["export", arg(&lib.join("target.txt"))]);
    assert!(md.contains(NOTE), "{md}");
}

/// Item 4: after a paragraph is inserted above, `brief export` gives the
/// passage the annotation is on now, with the text there now; one whose text
/// is gone says "detached".
#[test]
fn export_numbers_follow_reanchoring() {
    let env = Env::new();
    let file = write_brief(&env, "a.txt", &base_text());
    annotate(&env, &file);
    let inserted = base_text().replace(
        "On 9 January the Storting",
        "A new opening paragraph.\n\nOn 9 January the Storting",
    );
    let inserted = inserted.replace("criticised", "condemned");
    std::fs::write(&file, &inserted).unwrap();
    let md = run(&env, &["export", arg(&file)]);
    assert!(md.contains("¶3"), "{md}");
    assert!(!md.contains("¶2"), "no stale number:\n{md}");
    assert!(
        md.contains("fishing industry condemned"),
        "the text now:\n{md}"
    );
    let json = export_json(&env, &file);
    let passages: Vec<_> = json["annotations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["passage"].clone())
        .collect();
    assert_eq!(
        passages,
        [serde_json::json!(3), serde_json::json!(3)],
        "{json}"
    );

    // The passage rewritten entirely: detached, not "¶2" or "¶3".
    let gone = inserted.replace(
        &inserted[inserted.find("Environmental").unwrap()..inserted.find("Commentary").unwrap()],
        "Something else entirely now stands here.\n\n",
    );
    std::fs::write(&file, gone).unwrap();
    let md = run(&env, &["export", arg(&file)]);
    assert!(md.contains("detached"), "{md}");
    assert!(
        !md.contains('¶'),
        "no number for a detached annotation:\n{md}"
    );
    assert!(md.contains(SECOND), "the last known quote:\n{md}");
    let json = export_json(&env, &file);
    for a in json["annotations"].as_array().unwrap() {
        assert_eq!(a["passage"], serde_json::Value::Null, "{json}");
        assert_eq!(a["detached"], true, "{json}");
    }
}

/// Item 4: the bookmarks list (`B`: the annotations list showing
/// bookmarks) shows where a bookmark is now, and Enter opens that passage.
#[test]
fn bookmark_list_follows_reanchoring() {
    let env = Env::new();
    let file = write_brief(&env, "a.txt", &base_text());
    annotate(&env, &file);
    let inserted = base_text().replace(
        "On 9 January the Storting",
        "A new opening paragraph.\n\nOn 9 January the Storting",
    );
    std::fs::write(&file, inserted).unwrap();
    let lib = file.parent().unwrap();
    let mut s = Session::start(&env, &[arg(lib)], 120, 40);
    s.wait_for(TITLE);
    s.send("B");
    let screen = s.wait_for_all(&["★ bookmark", "¶3 · "]);
    assert!(!screen.contains("¶2"), "{screen}");
    s.send("\r");
    s.wait_for("¶ 3/6");
    s.send("q");
    s.wait_for("★ bookmark");
    s.send("q");
    s.wait_for("1 briefs");
    s.send("q");
    s.assert_exited_cleanly(0);
}

/// Item 4: the reading position is restored by its text, not its number.
#[test]
fn reading_position_follows_its_text() {
    let env = Env::new();
    let file = write_brief(&env, "a.txt", &base_text());
    let mut s = Session::start(&env, &[arg(&file)], 120, 40);
    s.wait_for("¶ 1/5");
    s.send("j");
    s.send("j");
    s.send("j");
    s.wait_for("¶ 4/5");
    s.send("q");
    s.assert_exited_cleanly(0);
    let inserted = base_text().replace(
        "On 9 January the Storting",
        "A new opening paragraph.\n\nOn 9 January the Storting",
    );
    std::fs::write(&file, inserted).unwrap();
    let mut s = Session::start(&env, &[arg(&file)], 120, 40);
    s.wait_for("¶ 5/6");
    s.send("q");
    s.assert_exited_cleanly(0);
}

/// Item 5: `r` on a detached note lets the reader choose the passage and see
/// it before confirming; going through the notes pane does not move it.
#[test]
fn reattach_goes_to_the_chosen_passage() {
    let env = Env::new();
    let file = write_brief(&env, "a.txt", &base_text());
    annotate(&env, &file);
    // A second note, on the first passage, stays attached.
    let mut s = Session::start(&env, &[arg(&file)], 120, 40);
    s.wait_for("¶ 2/5");
    s.send("k");
    s.wait_for("¶ 1/5");
    s.send("a");
    s.send("On the Storting vote.");
    s.send(CTRL_S);
    s.wait_for("Note saved");
    s.send("q");
    s.assert_exited_cleanly(0);
    // The second passage rewritten: its note is detached.
    let text = base_text();
    let text = text.replace(
        &text[text.find("Environmental").unwrap()..text.find("Commentary").unwrap()],
        "Something else entirely now stands here.\n\n",
    );
    std::fs::write(&file, text).unwrap();
    let mut s = Session::start(&env, &[arg(&file)], 120, 40);
    s.wait_for("Detached");
    // Read on to the fourth passage, then go through the notes.
    s.send("G");
    s.send("k");
    s.wait_for("¶ 4/5");
    s.send(TAB);
    s.wait_for("· notes");
    s.send("g");
    s.send("g");
    s.send("G");
    s.send("r");
    let screen = s.wait_for("Enter attaches");
    assert!(
        screen.contains("¶ 4/5"),
        "back where the reader was:\n{screen}"
    );
    // Choose the third passage, see it, confirm.
    s.send("k");
    s.wait_for("¶ 3/5");
    s.send("\r");
    s.wait_for("Attached to passage 3");
    let screen = s.wait_for("¶3 “");
    assert!(!screen.contains("Detached note"), "{screen}");
    s.send("q");
    s.assert_exited_cleanly(0);
    let json = export_json(&env, &file);
    let on_third = json["annotations"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["kind"] == "note" && a["passage"] == 3)
        .count();
    assert_eq!(on_third, 1, "{json}");

    // On a note that is attached, r says what it is for.
    let mut s = Session::start(&env, &[arg(&file)], 120, 40);
    s.wait_for("Notes (2)");
    s.send(TAB);
    s.wait_for("· notes");
    s.send("r");
    s.wait_for("only a detached note");
    s.send(ESC);
    s.send("q");
    s.assert_exited_cleanly(0);
}

/// Item 16: `export --all` lists only briefs with annotations.
#[test]
fn export_all_skips_briefs_without_annotations() {
    let env = Env::new();
    let kept = write_brief(&env, "a.txt", &base_text());
    annotate(&env, &kept);
    // Read (a position saved) and a bookmark added and removed: nothing to export.
    let other = write_brief(
        &env,
        "b.txt",
        "Analyses\n\nA brief read but not annotated\n\nFirst.\n\nSecond.\n",
    );
    let mut s = Session::start(&env, &[arg(&other)], 120, 40);
    s.wait_for("¶ 1/2");
    s.send("j");
    s.send("m");
    s.wait_for("Bookmarked");
    s.send("m");
    s.wait_for("Bookmark removed");
    s.send("q");
    s.assert_exited_cleanly(0);
    assert_eq!(annotation_files(&env).len(), 2);
    let md = run(&env, &["export", "--all"]);
    assert!(md.contains(TITLE), "{md}");
    assert!(!md.contains("read but not annotated"), "{md}");
    let json: serde_json::Value =
        serde_json::from_str(&run(&env, &["export", "--all", "--format", "json"])).unwrap();
    assert_eq!(json.as_array().unwrap().len(), 1, "{json}");
}

/// Item 16: a detached bookmark is not counted as a note.
#[test]
fn detached_bookmarks_are_not_counted_as_notes() {
    let env = Env::new();
    let file = write_brief(&env, "a.txt", &base_text());
    let mut s = Session::start(&env, &[arg(&file)], 120, 40);
    s.wait_for("¶ 1/5");
    s.send("j");
    s.send("m");
    s.wait_for("Bookmarked");
    s.send("q");
    s.assert_exited_cleanly(0);
    let text = base_text();
    let text = text.replace(
        &text[text.find("Environmental").unwrap()..text.find("Commentary").unwrap()],
        "Something else entirely now stands here.\n\n",
    );
    std::fs::write(&file, text).unwrap();
    let mut s = Session::start(&env, &[arg(&file)], 120, 40);
    let screen = s.wait_for("Notes (0)");
    assert!(screen.contains("1 detached bookmark"), "{screen}");
    assert!(!screen.contains("✎"), "no note counted:\n{screen}");
    s.send("q");
    s.assert_exited_cleanly(0);
}

/// Item 2: attaching notes to a brief that has notes of its own merges the
/// two sets; nothing is left over.
#[test]
fn attaching_to_an_annotated_brief_merges() {
    let env = Env::new();
    let lost = write_brief(&env, "a.txt", &base_text());
    annotate(&env, &lost);
    std::fs::remove_file(&lost).unwrap();
    let other = base_text()
        .replace(TITLE, "Another brief")
        .replace("Environmental organisations", "Fishing organisations")
        .replace("On 9 January", "On 10 January");
    let kept = write_brief(&env, "b.txt", &other);
    let mut s = Session::start(&env, &[arg(&kept)], 120, 40);
    s.wait_for("¶ 1/5");
    s.send("a");
    s.send("A note of its own.");
    s.send(CTRL_S);
    s.wait_for("Note saved");
    s.send("q");
    s.assert_exited_cleanly(0);
    assert_eq!(annotation_files(&env).len(), 2);
    let json: serde_json::Value =
        serde_json::from_str(&run(&env, &["export", "--all", "--format", "json"])).unwrap();
    let id = json
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["brief_found"] == false)
        .and_then(|e| e["id"].as_str())
        .expect("the lost notes are listed")
        .to_string();
    run(&env, &["attach", &id, arg(&kept)]);
    let md = run(&env, &["export", arg(&kept)]);
    assert!(
        md.contains(NOTE) && md.contains("A note of its own."),
        "{md}"
    );
    assert_eq!(annotation_files(&env).len(), 1, "merged into one file");
    let out = env.command(&["attach", &id, arg(&kept)]).output().unwrap();
    assert!(!out.status.success(), "the id is gone once attached");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no such notes"), "{err}");
}
