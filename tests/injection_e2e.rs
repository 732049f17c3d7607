//! Nothing injected (issue 16 items 4, 5): what the command line prints is
//! sanitised like the interface, and invisible format characters are
//! removed from briefs, notes and annotation files.

mod common;

use common::cli::{run_quickly, write_brief};
use common::pty::{Env, Session};
use std::path::Path;

const PASTE_START: &str = "\x1b[200~";
const PASTE_END: &str = "\x1b[201~";
const CTRL_S: &str = "\x13";

/// The note exported for `file` (Markdown).
fn exported(env: &Env, file: &Path) -> String {
    let out = run_quickly(env.command(&["export", file.to_str().unwrap()]));
    String::from_utf8_lossy(&out.stdout).into_owned()
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
    assert!(String::from_utf8_lossy(&again.stdout).contains("already in the library"));
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
        s.assert_exited_cleanly(0);
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
