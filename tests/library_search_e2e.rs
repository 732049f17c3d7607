//! Research across the library (issue 14): `brief search` finds passages of
//! every brief and the notes written on them.

mod common;

use common::pty::{Env, Session};

const CTRL_S: &str = "\x13";

fn library(env: &Env) -> std::path::PathBuf {
    let dir = env.dir.path().join("library");
    std::fs::create_dir_all(&dir).unwrap();
    for name in ["seed_like.txt", "frontmatter.md", "transcript.txt"] {
        std::fs::copy(common::fixture_path(name), dir.join(name)).unwrap();
    }
    dir
}

fn search(env: &Env, args: &[&str]) -> (bool, String) {
    let mut all = vec!["search"];
    all.extend_from_slice(args);
    let out = env.command(&all).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.is_empty(), "stderr: {stderr}");
    (out.status.success(), String::from_utf8(out.stdout).unwrap())
}

#[test]
fn search_prints_each_matching_passage_with_its_file_and_number() {
    let env = Env::new();
    let dir = library(&env);
    let lib = dir.to_str().unwrap();
    let file = dir.join("seed_like.txt");
    let file = file.to_str().unwrap();

    // Words in any order, any case: one passage has both.
    let (found, out) = search(&env, &["zinc COPPER", lib]);
    assert!(!found);
    assert_eq!(out, "", "smart case: COPPER matches only upper case");
    let (found, out) = search(&env, &["zinc copper", lib]);
    assert!(found);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 1, "{out}");
    assert!(
        lines[0].starts_with(&format!("{file}:¶3: The decision makes Norway")),
        "{out}"
    );
    // A phrase must be there as written; across a line break in the file too.
    let (_, out) = search(&env, &["\"first country to move\"", lib]);
    assert!(out.contains(&format!("{file}:¶3:")), "{out}");
    let (found, out) = search(&env, &["\"move to first\"", lib]);
    assert!(!found && out.is_empty(), "{out}");
}

#[test]
fn search_finds_a_word_only_in_a_note_and_one_only_in_a_brief() {
    let env = Env::new();
    let dir = library(&env);
    let lib = dir.to_str().unwrap();
    let file = dir.join("seed_like.txt");
    let file = file.to_str().unwrap();
    let mut s = Session::start(&env, &[file], 110, 30);
    s.wait_for("¶ 1/5");
    s.send("j");
    s.send("a");
    s.send("Ask about the xylophonic assessments.");
    s.send(CTRL_S);
    s.wait_for("Note saved");
    s.send("q");
    s.assert_exited_cleanly(0);

    let (found, out) = search(&env, &["xylophonic", lib]);
    assert!(found);
    assert_eq!(
        out,
        format!("{file}:¶2: note: Ask about the xylophonic assessments.\n")
    );
    let (found, out) = search(&env, &["polymetallic", lib]);
    assert!(found);
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(
        out.starts_with(&format!("{file}:¶1: On 9 January")),
        "{out}"
    );
}

#[test]
fn search_finds_words_as_the_reader_shows_them() {
    // The reader re-joins a word broken at a line end ("assess-" /
    // "ment") and drops an invisible soft hyphen inside a word: the
    // search finds those words, the first time and from its index after.
    let env = Env::new();
    let dir = env.dir.path().join("lib");
    std::fs::create_dir_all(&dir).unwrap();
    let broken = dir.join("hyphenated.txt");
    std::fs::copy(common::fixture_path("pasted/hyphenated.txt"), &broken).unwrap();
    let soft = dir.join("soft.txt");
    std::fs::write(&soft, "Title\n\nThe zi\u{ad}nc price.\n").unwrap();
    let lib = dir.to_str().unwrap();
    for _ in 0..2 {
        let (found, out) = search(&env, &["assessment", lib]);
        assert!(found, "{out}");
        assert!(
            out.starts_with(&format!(
                "{}:¶1: The Mekong River Commission has published its first assessment of",
                broken.display()
            )),
            "{out}"
        );
        let (found, out) = search(&env, &["zinc", lib]);
        assert!(found, "{out}");
        assert_eq!(out, format!("{}:¶1: The zinc price.\n", soft.display()));
    }
}

#[test]
fn search_output_is_sanitised() {
    let env = Env::new();
    let dir = env.dir.path().join("lib");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("evil.txt"),
        "Title\n\nThe marker \u{1b}]0;x\u{7} here.\n",
    )
    .unwrap();
    let (found, out) = search(&env, &["marker", dir.to_str().unwrap()]);
    assert!(found);
    assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'), "{out:?}");
}

#[test]
fn searching_the_library_finds_a_note_and_a_passage_and_opens_them() {
    let env = Env::new();
    let dir = library(&env);
    let lib = dir.to_str().unwrap();
    let file = dir.join("seed_like.txt");
    let mut s = Session::start(&env, &[file.to_str().unwrap()], 110, 30);
    s.wait_for("¶ 1/5");
    s.send("jj");
    s.send("a");
    s.send("Ask about the xylophonic assessments.");
    s.send(CTRL_S);
    s.wait_for("Note saved");
    s.send("q");
    s.assert_exited_cleanly(0);

    let mut s = Session::start(&env, &[lib], 110, 30);
    s.wait_for("3 briefs");
    s.send("S");
    s.wait_for("Search:");
    // Only in a note.
    s.send("xylophonic");
    s.wait_for_all(&["1 found", "¶3 · Norway opens", "note: Ask about the"]);
    // Only in a brief: the query typed anew.
    s.send("\x15");
    s.send("polymetallic");
    let screen = s.wait_for_all(&["1 found", "¶1 · Norway opens", "Summary", "polymetallic"]);
    assert!(!screen.contains("xylophonic"), "{screen}");
    s.send("\r");
    s.wait_for("¶ 1/5");
    s.send("q");
    s.wait_for("3 briefs");
    // The note's hit opens the brief at the note's passage.
    s.send("S");
    s.wait_for("Search:");
    s.send("xylophonic");
    s.wait_for("1 found");
    s.send("\r");
    s.wait_for_all(&["¶ 3/5", "xylophonic"]);
    s.send("q");
    s.wait_for("3 briefs");
    s.send("q");
    s.assert_exited_cleanly(0);
}

/// Occurrences of `what` in `bytes`.
fn count(bytes: &[u8], what: &[u8]) -> usize {
    bytes.windows(what.len()).filter(|w| *w == what).count()
}

#[test]
fn mouse_reporting_can_be_switched_off_so_the_terminal_selects_text() {
    let env = Env::new();
    let dir = library(&env);
    let mut s = Session::start(&env, &[dir.to_str().unwrap()], 100, 30);
    s.wait_for("3 briefs");
    const ON: &[u8] = b"\x1b[?1000h";
    const OFF: &[u8] = b"\x1b[?1000l";
    assert_eq!(count(&s.raw(), ON), 1);
    assert_eq!(count(&s.raw(), OFF), 0);
    s.send("M");
    s.wait_for("Mouse off: the terminal selects text; M turns it back on");
    assert_eq!(count(&s.raw(), OFF), 1, "mouse reporting switched off");
    s.send("M");
    s.wait_for("Mouse on");
    assert_eq!(count(&s.raw(), ON), 2, "mouse reporting back on");
    s.send("q");
    s.assert_exited_cleanly(0);
}

#[test]
fn export_delete_import_export_gives_the_same_annotations() {
    let env = Env::new();
    let dir = library(&env);
    let file = dir.join("seed_like.txt");
    let file = file.to_str().unwrap();
    let mut s = Session::start(&env, &[file], 110, 30);
    s.wait_for("¶ 1/5");
    s.send("j");
    s.send("m");
    s.wait_for("Bookmarked");
    s.send("jh");
    s.wait_for("Highlighted");
    s.send("a");
    s.send("A note to take home.");
    s.send(CTRL_S);
    s.wait_for("Note saved");
    s.send("q");
    s.assert_exited_cleanly(0);

    let export = |args: &[&str]| {
        let out = env.command(args).output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        out.stdout
    };
    let before = export(&["export", "--format", "json", file]);
    let json_file = env.dir.path().join("backup.json");
    std::fs::write(&json_file, &before).unwrap();
    std::fs::remove_dir_all(env.data()).unwrap();
    let emptied: serde_json::Value =
        serde_json::from_slice(&export(&["export", "--format", "json", file])).unwrap();
    assert_eq!(emptied["annotations"].as_array().unwrap().len(), 0);

    let out = env
        .command(&["import", json_file.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("3 added"));
    let before: serde_json::Value = serde_json::from_slice(&before).unwrap();
    let after: serde_json::Value =
        serde_json::from_slice(&export(&["export", "--format", "json", file])).unwrap();
    assert_eq!(before["annotations"], after["annotations"]);
    assert_eq!(before["annotations"].as_array().unwrap().len(), 3);

    // Again: nothing duplicated.
    let out = env
        .command(&["import", json_file.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("0 added, 0 updated"));
    let again: serde_json::Value =
        serde_json::from_slice(&export(&["export", "--format", "json", file])).unwrap();
    assert_eq!(before["annotations"], again["annotations"]);
}

/// The texts sent to the clipboard (OSC 52) in `raw`, decoded.
fn copied(raw: &[u8]) -> Vec<String> {
    let raw = String::from_utf8_lossy(raw);
    raw.split("\x1b]52;c;")
        .skip(1)
        .filter_map(|rest| rest.split('\x07').next())
        .map(|b64| String::from_utf8(decode64(b64)).unwrap())
        .collect()
}

fn decode64(text: &str) -> Vec<u8> {
    const ABC: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let digits: Vec<u32> = text
        .bytes()
        .filter(|b| *b != b'=')
        .map(|b| ABC.find(b as char).expect("base64") as u32)
        .collect();
    let mut out = Vec::new();
    for chunk in digits.chunks(4) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0, |n, (i, d)| n | (d << (18 - 6 * i)));
        for i in 0..chunk.len() - 1 {
            out.push((n >> (16 - 8 * i)) as u8);
        }
    }
    out
}

#[test]
fn y_copies_the_passage_with_its_source_through_osc52() {
    let env = Env::new();
    let dir = library(&env);
    let file = dir.join("seed_like.txt");
    let file = file.to_str().unwrap();
    let mut s = Session::start(&env, &[file], 110, 30);
    s.wait_for("¶ 1/5");
    s.send("j");
    s.wait_for("¶ 2/5");
    s.send("y");
    s.wait_for("Copied ¶2 with its source");
    let texts = copied(&s.raw());
    assert_eq!(texts.len(), 1, "{texts:?}");
    let text = &texts[0];
    assert!(
        text.starts_with("“Environmental organisations and the fishing industry"),
        "{text}"
    );
    assert!(
        text.contains("— Norway opens its continental shelf to seabed mineral exploration"),
        "{text}"
    );
    assert!(text.contains(&format!("{file}, ¶2")), "{text}");
    // The note on the passage, with the same source.
    s.send("a");
    s.send("Worth quoting.");
    s.send(CTRL_S);
    s.wait_for("Note saved");
    s.send("Y");
    s.wait_for("Copied the note on ¶2");
    let texts = copied(&s.raw());
    assert_eq!(texts.len(), 2, "{texts:?}");
    assert!(texts[1].starts_with("“Worth quoting.”"), "{}", texts[1]);
    s.send("q");
    s.assert_exited_cleanly(0);
    common::scan::check_output(&s.raw());
}

#[test]
fn citation_markdown_in_config_yaml() {
    let env = Env::new();
    let dir = library(&env);
    std::fs::create_dir_all(env.config().join("brief")).unwrap();
    std::fs::write(
        env.config().join("brief/config.yaml"),
        "citation: markdown\n",
    )
    .unwrap();
    let file = dir.join("seed_like.txt");
    let file = file.to_str().unwrap();
    let mut s = Session::start(&env, &[file], 110, 30);
    s.wait_for("¶ 1/5");
    s.send("y");
    s.wait_for("Copied ¶1 with its source");
    let texts = copied(&s.raw());
    assert!(texts[0].starts_with("> On 9 January"), "{texts:?}");
    assert!(texts[0].contains("— *Norway opens"), "{texts:?}");
    assert!(texts[0].contains(&format!("`{file}`, ¶1")), "{texts:?}");
    s.send("q");
    s.assert_exited_cleanly(0);
}

#[test]
fn y_copies_only_the_selected_sentences() {
    let env = Env::new();
    let dir = library(&env);
    let file = dir.join("seed_like.txt");
    let mut s = Session::start(&env, &[file.to_str().unwrap()], 110, 30);
    s.wait_for("¶ 1/5");
    s.send("j");
    s.wait_for("¶ 2/5");
    s.send("v");
    s.send("y");
    s.wait_for("Copied ¶2 with its source");
    let texts = copied(&s.raw());
    assert!(
        texts[0].starts_with("“Environmental organisations and the fishing industry"),
        "{texts:?}"
    );
    assert!(!texts[0].contains("The government replied"), "{texts:?}");
    s.send("q");
    s.assert_exited_cleanly(0);
}

#[test]
fn export_tag_keeps_tagged_briefs_and_notes_saying_the_tag() {
    let env = Env::new();
    let dir = library(&env);
    let seed = dir.join("seed_like.txt");
    let tagged = dir.join("frontmatter.md");
    for (file, notes) in [
        (&seed, &["About #mining here.", "Nothing to see."][..]),
        (&tagged, &["On fiscal rules."][..]),
    ] {
        let mut s = Session::start(&env, &[file.to_str().unwrap()], 110, 30);
        s.wait_for("¶ 1/");
        for note in notes {
            s.send("a");
            s.send(note);
            s.send(CTRL_S);
            s.wait_for("Note saved");
            s.send("j");
        }
        s.send("q");
        s.assert_exited_cleanly(0);
    }
    let out = env
        .command(&["export", "--all", "--tag", "mining"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(md.contains("About #mining here."), "{md}");
    assert!(!md.contains("Nothing to see."), "{md}");
    assert!(!md.contains("On fiscal rules."), "{md}");
    // A brief tagged in its front matter: all its annotations.
    let out = env
        .command(&["export", "--all", "--tag", "EU"])
        .output()
        .unwrap();
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(md.contains("On fiscal rules."), "{md}");
    assert!(!md.contains("#mining"), "{md}");
}
