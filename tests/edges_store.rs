//! The annotation store at its edges (issue 16, items 11–19; issue 11,
//! item 14): files that cannot be used are said so in words, read as far as
//! they can be, and never replaced. Test names start with the item.

use brief::annotations::{Anchor, Annotation, AnnotationFile, Kind};
use brief::store::{self, Loaded, Store};
use std::collections::BTreeMap;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

const BRIEF: &str = "Analyses\n\nGas storage outlook\n\nFirst paragraph here.\n\nSecond paragraph here.\n\nThird one.\n";

fn note(id: &str, text: &str) -> Annotation {
    Annotation {
        id: id.into(),
        kind: Kind::Note,
        colour: None,
        note: Some(text.into()),
        anchor: Some(Anchor {
            exact: "Second paragraph here.".into(),
            passage: 1,
            char_start: 0,
            char_end: 22,
            ..Anchor::default()
        }),
        created: format!("2026-01-01T00:00:{id:0>2}Z").into(),
        updated: format!("2026-01-01T00:00:{id:0>2}Z").into(),
        deleted: false,
        draft_of: None,
        conflict_of: None,
        base: None,
        extra: BTreeMap::new(),
    }
}

/// A brief on disk with two notes saved for it; returns the brief's path,
/// the store and the annotation file's path.
fn annotated(dir: &Path) -> (PathBuf, Store, PathBuf) {
    let brief_path = dir.join("gas.txt");
    std::fs::write(&brief_path, BRIEF).unwrap();
    let store = Store::new(dir.join("data/annotations"));
    let found = open(&store, &brief_path);
    let mut file = found.file;
    file.annotations = vec![note("1", "first note"), note("2", "second note")];
    store::save(&found.path, &file).unwrap();
    (brief_path, store, found.path)
}

fn open(store: &Store, path: &Path) -> store::ForReader {
    let brief = brief::reading::read_brief(path).unwrap();
    let now = brief::reading::fingerprint(path, &brief, true);
    store.open_for_reader(&brief, &now, path, &mut brief::reading::probe)
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn item11_14_a_corrupt_file_shows_its_readable_notes_and_the_whole_reason() {
    let dir = tempfile::tempdir().unwrap();
    let (brief_path, store, file) = annotated(dir.path());
    // A typo inside the second note breaks the YAML from there on.
    let text = std::fs::read_to_string(&file).unwrap();
    let broken = text.replacen("note: second note", "note: [second note", 1);
    assert_ne!(broken, text);
    std::fs::write(&file, &broken).unwrap();
    let found = open(&store, &brief_path);
    let why = found.read_only.expect("read-only");
    let name = file.file_name().unwrap().to_string_lossy();
    assert!(
        why.contains(&*name) && why.contains("does not parse"),
        "{why}"
    );
    assert!(why.contains("1 of its 2 annotations can be read"), "{why}");
    let notes: Vec<_> = found
        .file
        .annotations
        .iter()
        .filter_map(|a| a.note.as_deref())
        .collect();
    assert_eq!(notes, ["first note"]);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), broken, "untouched");
}

#[test]
fn item16_16_a_read_only_annotation_file_is_never_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let (brief_path, store, file) = annotated(dir.path());
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o444)).unwrap();
    let before = std::fs::read(&file).unwrap();
    let found = open(&store, &brief_path);
    let why = found.read_only.expect("opens read-only");
    assert!(why.contains("read-only (mode 0444)"), "{why}");
    assert_eq!(found.file.live().count(), 2, "its notes are shown");
    // A save (even as root, who could write it) is refused in words.
    let mut more = found.file.clone();
    more.annotations.push(note("3", "third"));
    let err = store::save(&file, &more).unwrap_err().to_string();
    assert!(err.contains("read-only"), "{err}");
    assert_eq!(std::fs::read(&file).unwrap(), before);
    assert_eq!(mode(&file), 0o444);
}

#[test]
fn item16_16_an_open_annotations_folder_is_made_private_when_a_brief_opens() {
    let dir = tempfile::tempdir().unwrap();
    let (brief_path, store, _) = annotated(dir.path());
    std::fs::set_permissions(&store.dir, std::fs::Permissions::from_mode(0o777)).unwrap();
    let found = open(&store, &brief_path);
    assert!(found.save_problem.is_none(), "{:?}", found.save_problem);
    assert_eq!(mode(&store.dir), 0o700);
}

#[test]
fn item16_18_a_symlinked_annotation_file_is_explained_in_words() {
    let dir = tempfile::tempdir().unwrap();
    let (_, _, file) = annotated(dir.path());
    let real = dir.path().join("real.yaml");
    std::fs::rename(&file, &real).unwrap();
    std::os::unix::fs::symlink(&real, &file).unwrap();
    match store::load(&file) {
        Loaded::Unusable(why) => {
            assert!(
                why.contains("is a symbolic link; brief does not follow links"),
                "{why}"
            );
            assert!(why.contains("move the real file here"), "{why}");
            assert!(!why.contains("Too many levels"), "{why}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn item16_18_an_unusable_data_folder_is_reported_when_the_brief_opens() {
    let dir = tempfile::tempdir().unwrap();
    let brief_path = dir.path().join("gas.txt");
    std::fs::write(&brief_path, BRIEF).unwrap();
    // A file where the data folder should be.
    std::fs::write(dir.path().join("data"), "not a folder").unwrap();
    let store = Store::new(dir.path().join("data/annotations"));
    let found = open(&store, &brief_path);
    let why = found.save_problem.expect("said at once");
    assert!(why.contains("is a file, not a folder"), "{why}");
    assert!(found.read_only.is_none(), "notes are still kept in memory");
}

/// Sentence `n` of a long passage: words vary from sentence to sentence,
/// as in prose, so a fuzzy match can tell them apart.
fn sentence(n: usize) -> String {
    const SYLLABLES: [&str; 15] = [
        "ka", "lo", "mi", "ne", "ru", "sa", "te", "vo", "zi", "ba", "de", "fu", "go", "pi", "ha",
    ];
    let word = |k: usize| {
        let mut x = (n * 31 + k) as u64 ^ 0x9e37_79b9_7f4a_7c15;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let i = (x % 225) as usize;
        format!("{}{}", SYLLABLES[i / 15], SYLLABLES[i % 15])
    };
    format!(
        "Point {n} {} {} {} {} {}.",
        word(1),
        word(2),
        word(3),
        word(4),
        word(5)
    )
}

/// A passage of about `bytes` bytes.
fn long_passage(bytes: usize) -> String {
    let mut text = String::new();
    let mut n = 0;
    while text.len() < bytes {
        n += 1;
        text.push_str(&sentence(n));
        text.push(' ');
    }
    text.trim_end().to_string()
}

#[test]
fn item16_19_marks_on_a_long_passage_store_a_bounded_quote_and_still_find_it() {
    use brief::annotations::{Placement, Span, place_all};
    let long = long_passage(100 * 1024);
    let passages = ["A short first passage.", long.as_str(), "A short last one."];
    let whole = |id: &str, kind: Kind| Annotation {
        kind,
        anchor: Some(Anchor::new(&long, &Span::whole(1, &long))),
        ..note(id, "on the long passage")
    };
    // A selection of many sentences inside it, too.
    let from = long.find("Point 100 ").unwrap();
    let to = long.find("Point 900 ").unwrap();
    let part = Annotation {
        anchor: Some(Anchor::new(&long, &Span::new(1, from..to - 1))),
        ..note("4", "on part of it")
    };
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a/t.yaml");
    let file = AnnotationFile {
        annotations: vec![
            whole("1", Kind::Bookmark),
            whole("2", Kind::Highlight),
            whole("3", Kind::Note),
            part,
        ],
        ..AnnotationFile::default()
    };
    store::save(&path, &file).unwrap();
    let size = std::fs::metadata(&path).unwrap().len();
    assert!(
        size < 8 * 1024,
        "four marks on a 100 KB passage take {size} bytes"
    );
    let Loaded::Ok(read) = store::load(&path) else {
        panic!("reads back")
    };
    // As the brief is, after a passage is inserted above, and after a
    // word in the middle of the long passage is changed.
    let edited = long.replacen("Point 500 ", "Point five hundred ", 1);
    for (what, texts, at) in [
        ("as written", vec![passages[0], &long, passages[2]], 1),
        ("moved", vec!["New.", passages[0], &long, passages[2]], 2),
        ("edited", vec![passages[0], &edited, passages[2]], 1),
    ] {
        let placed = place_all(&texts, &read.annotations);
        for p in &placed[..3] {
            assert_eq!(
                *p,
                Placement::Attached(Span::whole(at, texts[at])),
                "{what}"
            );
        }
        let Placement::Attached(Span {
            passage,
            bytes: std::ops::Range { start, end },
        }) = placed[3]
        else {
            panic!("{what}: the selection is detached")
        };
        assert_eq!(passage, at, "{what}");
        let quote = &texts[at][start..end];
        let ends = (&quote[..40], &quote[quote.len() - 60..]);
        assert!(quote.starts_with("Point 100 "), "{what}: {ends:?}");
        assert!(
            quote.trim_end().ends_with(&sentence(899)),
            "{what}: {ends:?}"
        );
    }
}
