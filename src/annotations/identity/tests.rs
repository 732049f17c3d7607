use super::*;
use crate::document::Meta;
use std::path::Path;

fn brief_with(title: &str, id: Option<&str>) -> Brief {
    Brief {
        meta: Meta {
            title: title.into(),
            id: id.map(Into::into),
            ..Meta::default()
        },
        ..Brief::default()
    }
}

#[test]
fn file_names_are_safe_and_distinct() {
    let ids = [
        "../x",
        "/etc/passwd",
        "a/b",
        "nul\0byte",
        &"x".repeat(300),
        "..",
        "",
        "Ünïcødé",
    ];
    let mut seen = std::collections::HashSet::new();
    for id in ids {
        let name = file_name_for(&brief_key(&brief_with("t", Some(id))), 0);
        assert!(
            !name.contains('/') && !name.contains('\0') && !name.starts_with('.'),
            "{name}"
        );
        assert!(name.len() < 80, "{name}");
        assert!(seen.insert(name.clone()), "{id} collides: {name}");
    }
}

#[test]
fn similar_titles_get_different_keys() {
    let a = brief_key(&brief_with("Gas storage: outlook", None));
    let b = brief_key(&brief_with("Gas storage outlook", None));
    assert_ne!(a, b);
    assert_eq!(a, brief_key(&brief_with("Gas storage: outlook", None)));
}

#[test]
fn names_of_a_key() {
    let key = BriefKey("gas-0123".into());
    assert!(is_name_of("gas-0123", &key));
    assert!(is_name_of("gas-0123-2", &key));
    assert!(!is_name_of("gas-0123-x", &key));
    assert!(!is_name_of("gas-01234", &key));
    assert!(!is_name_of("gas-0123-", &key));
}

#[test]
fn hash_is_stable() {
    // Stored in users' files: must never change.
    assert_eq!(stable_hash(""), 0xcbf29ce484222325);
    assert_eq!(stable_hash("a"), 0xaf63dc4c8601ec8c, "FNV-1a test vector");
}

const BRIEF: &str = "Analyses\n9 January 2025\n\nGas storage outlook\n\nFirst paragraph on storage levels.\n\nSecond paragraph on prices.\n\nCommentary\n\n• A first point about LNG.\n\n• A second point about winter.\n\n• A third point about demand.\n";

fn fp(text: &str) -> Fingerprint {
    let brief = crate::loader::load(text.as_bytes(), "b.txt").unwrap();
    Fingerprint::of(&brief, text.len() as u64, true)
}

/// As stored, and read back: what the matching sees of a record.
fn stored(text: &str) -> Fingerprint {
    Fingerprint::of_record(&BriefRecord::describe(&fp(text), Some(Path::new("/a.txt"))))
}

/// Item 11.2: any one edit keeps the brief's identity, wherever it is.
#[test]
fn title_edit_keeps_notes() {
    let record = stored(BRIEF);
    let edits = [
        (
            "title",
            BRIEF.replace("Gas storage outlook", "Gas storage outlook."),
        ),
        (
            "title rewritten",
            BRIEF.replace("Gas storage outlook", "Winter gas"),
        ),
        ("category", BRIEF.replace("Analyses", "Comment")),
        ("date", BRIEF.replace("9 January", "10 January")),
        ("paragraph", BRIEF.replace("on prices", "on gas prices")),
        (
            "paragraph inserted",
            BRIEF.replace("First paragraph", "A new lead.\n\nFirst paragraph"),
        ),
        (
            "paragraph removed",
            BRIEF.replace("• A third point about demand.\n", ""),
        ),
    ];
    for (what, text) in edits {
        let now = fp(&text);
        assert!(same_at_path(&record, &now), "{what} at the same path");
        assert!(same_elsewhere(&record, &now), "{what}, moved");
    }
}

/// Item 11.2: different briefs never share notes, even with the same title,
/// category and first paragraph; a file repeating the brief is not it.
#[test]
fn namesake_briefs_do_not_share_notes() {
    let record = stored(BRIEF);
    let namesake = BRIEF
        .replace("Second paragraph on prices.", "Other text.")
        .replace("A first point about LNG.", "Nothing alike.")
        .replace("A second point about winter.", "Different.")
        .replace("A third point about demand.", "Unrelated.");
    assert!(!same_elsewhere(&record, &fp(&namesake)), "namesake");
    let repeated = BRIEF.repeat(2000);
    assert!(!same_elsewhere(&record, &fp(&repeated)), "repeat, whole");
    // Only the start read (the library, a large brief opening): the
    // sizes in bytes tell the repeat apart.
    let head = crate::loader::load(&repeated.as_bytes()[..2048], "b.txt").unwrap();
    let start = Fingerprint::of(&head, repeated.len() as u64, false);
    assert!(!same_elsewhere(&record, &start), "repeat, start only");
    assert!(
        !same_at_path(&record, &fp("Analyses\n\nAnother\n\nText.\n")),
        "replaced"
    );
}

#[test]
fn sketch_estimates_large_briefs() {
    let text: String = (0..2000)
        .map(|i| format!("Paragraph number {i} about something.\n\n"))
        .collect();
    let a = fp(&format!("Title\n\n{text}"));
    assert_eq!(a.sketch.len(), SKETCH);
    let edited = text.replace("number 7 ", "number seven ");
    let b = fp(&format!("Title\n\n{edited}"));
    assert!(similarity(&a, &b) > 0.9, "{}", similarity(&a, &b));
    let other: String = (0..2000)
        .map(|i| format!("Another paragraph {i}.\n\n"))
        .collect();
    assert!(similarity(&a, &fp(&format!("Title\n\n{other}"))) < 0.1);
}

#[test]
fn find_record_prefers_the_path_and_skips_copies() {
    let at = |path: &str, text: &str| BriefRecord::describe(&fp(text), Some(Path::new(path)));
    let other = "Analyses\n\nOther\n\nUnrelated text here.\n";
    let records = [at("/x.txt", other), at("/a.txt", BRIEF)];
    let refs: Vec<Option<&BriefRecord>> = records.iter().map(Some).collect();
    let edited = fp(&BRIEF.replace("Gas storage outlook", "Gas"));
    // Same path, edited.
    let found = find_record(&refs, &edited, Path::new("/a.txt"), &mut |_| {
        panic!("not asked")
    });
    assert_eq!(found.best, Some(1));
    // Moved: found by its text when its old path no longer holds it.
    let found = find_record(&refs, &edited, Path::new("/b.txt"), &mut |_| false);
    assert_eq!(found.best, Some(1));
    // A copy beside a brief that is still there: nothing.
    let found = find_record(&refs, &edited, Path::new("/b.txt"), &mut |_| true);
    assert_eq!(found.best, None);
}

#[test]
fn claims_match_a_library_by_path_then_by_text() {
    let records = [
        BriefRecord::describe(&fp(BRIEF), Some(Path::new("/gone.txt"))),
        BriefRecord::describe(
            &fp("Analyses\n\nKept\n\nText.\n"),
            Some(Path::new("/kept.txt")),
        ),
        BriefRecord::describe(
            &fp("Analyses\n\nLost\n\nLost text.\n"),
            Some(Path::new("/lost.txt")),
        ),
    ];
    let refs: Vec<Option<&BriefRecord>> = records.iter().map(Some).collect();
    let mut claims = Claims::new(&refs, &|p| p == Path::new("/kept.txt"));
    assert_eq!(
        claims.claim(&fp("Analyses\n\nKept.\n\nText.\n"), Path::new("/kept.txt")),
        [1]
    );
    assert_eq!(claims.claim(&fp(BRIEF), Path::new("/moved.txt")), [0]);
    // A copy of the moved brief does not get its notes too.
    assert!(claims.claim(&fp(BRIEF), Path::new("/copy.txt")).is_empty());
    assert_eq!(claims.unclaimed(), [2]);
}
