//! The annotation store on a real file system: round trips, durability under
//! faults and SIGKILL, corrupt and newer files left alone, two instances.

use brief::annotations::{Anchor, Annotation, AnnotationFile, BriefRecord, Kind};
use brief::store::{self, Loaded, Store};
use std::collections::BTreeMap;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

fn note(id: &str, text: &str) -> Annotation {
    Annotation {
        id: id.into(),
        kind: Kind::Note,
        colour: None,
        note: Some(text.into()),
        anchor: Some(Anchor {
            exact: "quoted text".into(),
            passage: 1,
            char_start: 0,
            char_end: 11,
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

fn file_with(ids: &[&str]) -> AnnotationFile {
    let mut file = AnnotationFile::new(BriefRecord {
        title: "T".into(),
        ..BriefRecord::default()
    });
    file.annotations = ids
        .iter()
        .map(|id| note(id, &format!("note {id}")))
        .collect();
    file
}

fn loaded(path: &Path) -> AnnotationFile {
    match store::load(path) {
        Loaded::Ok(f) => *f,
        other => panic!("{}: {other:?}", path.display()),
    }
}

#[test]
fn round_trip_is_private_and_stable() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("data/brief/annotations/t.yaml");
    let file = file_with(&["1", "2"]);
    let merged = store::save(&path, &file).unwrap();
    assert_eq!(merged, file);
    assert_eq!(loaded(&path), file);
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&path), 0o600);
    assert_eq!(mode(path.parent().unwrap()), 0o700);
    assert_eq!(
        mode(&dir.path().join("data")),
        0o700,
        "folders it creates are private"
    );
    let first = std::fs::read_to_string(&path).unwrap();
    store::save(&path, &file).unwrap();
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        first,
        "saving twice changes nothing"
    );
    assert!(first.starts_with("schema: 1\n"));
    let leftovers: Vec<_> = std::fs::read_dir(path.parent().unwrap())
        .unwrap()
        .filter_map(Result::ok)
        .collect();
    assert_eq!(
        leftovers.len(),
        1,
        "no temporary or lock files left: {leftovers:?}"
    );
}

#[test]
fn two_instances_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.yaml");
    // Both start from the same file, each adds a note, both save.
    store::save(&path, &file_with(&["1"])).unwrap();
    let mut a = loaded(&path);
    let mut b = loaded(&path);
    a.annotations.push(note("2", "from instance A"));
    b.annotations.push(note("3", "from instance B"));
    let after_a = store::save(&path, &a).unwrap();
    let after_b = store::save(&path, &b).unwrap();
    assert_eq!(after_a.annotations.len(), 2);
    let ids: Vec<&str> = after_b.annotations.iter().map(|x| x.id.as_str()).collect();
    assert_eq!(ids, ["1", "2", "3"]);
    assert_eq!(loaded(&path).annotations.len(), 3);
}

#[test]
fn a_failed_write_leaves_the_old_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.yaml");
    store::save(&path, &file_with(&["1"])).unwrap();
    let before = std::fs::read(&path).unwrap();
    let half_then_full = |f: &mut std::fs::File, bytes: &[u8]| {
        use std::io::Write;
        f.write_all(&bytes[..bytes.len() / 2])?;
        Err(std::io::Error::from_raw_os_error(libc::ENOSPC))
    };
    let failed = store::save_with(&path, &file_with(&["1", "2"]), &half_then_full).unwrap_err();
    assert_eq!(failed.remedy(), "free some disk space");
    let err = failed.to_string();
    assert!(err.contains("No space left"), "{err}");
    assert!(err.contains("t.yaml"), "names the file: {err}");
    assert_eq!(std::fs::read(&path).unwrap(), before, "old file intact");
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "temporary file removed"
    );
    // Retrying once the disk has room works.
    store::save(&path, &file_with(&["1", "2"])).unwrap();
    assert_eq!(loaded(&path).annotations.len(), 2);
}

#[test]
fn corrupt_and_newer_files_are_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    for (name, text, needle) in [
        (
            "corrupt.yaml",
            "schema: 1\nannotations: [unclosed\n",
            "does not parse",
        ),
        (
            "newer.yaml",
            "schema: 99\nbrief: {title: T}\nfuture: yes\n",
            "newer brief",
        ),
        ("binary.yaml", "\u{0}\u{1}garbage", "does not parse"),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        match store::load(&path) {
            Loaded::Unusable(why) => {
                assert!(why.contains(needle), "{why}");
                assert!(why.contains(name), "names the file: {why}");
            }
            other => panic!("{name}: {other:?}"),
        }
        assert!(store::save(&path, &file_with(&["1"])).is_err());
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            text,
            "{name} byte-identical"
        );
    }
}

#[test]
fn a_planted_symlink_is_not_followed() {
    let dir = tempfile::tempdir().unwrap();
    let victim = dir.path().join("victim.txt");
    std::fs::write(&victim, "precious").unwrap();
    let store_dir = dir.path().join("annotations");
    std::fs::create_dir(&store_dir).unwrap();
    let path = store_dir.join("t.yaml");
    std::os::unix::fs::symlink(&victim, &path).unwrap();
    assert!(
        matches!(store::load(&path), Loaded::Unusable(_)),
        "not read through the link"
    );
    let _ = store::save(&path, &file_with(&["1"]));
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
}

/// Open a brief as the reader does: find its annotation file, keeping the
/// file in step with the brief.
fn open(store: &Store, path: &Path) -> (std::path::PathBuf, Loaded, BriefRecord) {
    let brief = brief::reading::read_brief(path).unwrap();
    let now = brief::reading::fingerprint(path, &brief, true);
    let (file, loaded) = store.locate(&brief, &now, path, &mut brief::reading::probe);
    let record = BriefRecord::describe(&now, Some(&store::location(path)));
    (file, loaded, record)
}

#[test]
fn briefs_find_their_notes_after_rename_and_edit_but_not_a_namesake() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path().join("annotations"));
    let a = dir.path().join("a.txt");
    std::fs::write(&a, "Analyses\n\nGas storage outlook\n\nFirst paragraph here.\n\nSecond paragraph here.\n\nThird one.\n").unwrap();
    let (path, state, record) = open(&store, &a);
    assert!(matches!(state, Loaded::Missing));
    let mut file = AnnotationFile::new(record);
    file.annotations.push(note("1", "mine"));
    store::save(&path, &file).unwrap();
    // Renamed and edited (a paragraph added): same file.
    std::fs::remove_file(&a).unwrap();
    let renamed = dir.path().join("renamed.txt");
    std::fs::write(&renamed, "Analyses\n\nGas storage outlook\n\nA new lead.\n\nFirst paragraph here.\n\nSecond paragraph here.\n\nThird one.\n").unwrap();
    let (again, state, _) = open(&store, &renamed);
    assert_eq!(again, path);
    assert!(matches!(state, Loaded::Ok(_)));
    // A different brief with the same title and category: its own file.
    let b = dir.path().join("b.txt");
    std::fs::write(
        &b,
        "Analyses\n\nGas storage outlook\n\nCompletely different text.\n\nNothing shared.\n",
    )
    .unwrap();
    let (other, state, _) = open(&store, &b);
    assert_ne!(other, path);
    assert!(matches!(state, Loaded::Missing));
}

/// A retitled brief's file is renamed to its new title, and the record
/// follows: the next open finds it at once, nothing is left behind.
#[test]
fn a_retitled_brief_takes_its_file_along() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path().join("annotations"));
    let a = dir.path().join("a.txt");
    std::fs::write(&a, "Analyses\n\nGas storage outlook\n\nFirst.\n\nSecond.\n").unwrap();
    let (path, _, record) = open(&store, &a);
    let mut file = AnnotationFile::new(record);
    file.annotations.push(note("1", "mine"));
    store::save(&path, &file).unwrap();
    std::fs::write(
        &a,
        "Analyses\n\nGas storage: the outlook\n\nFirst.\n\nSecond.\n",
    )
    .unwrap();
    let (moved, state, _) = open(&store, &a);
    assert_ne!(moved, path, "renamed to the new title");
    assert!(!path.exists(), "nothing left behind");
    let Loaded::Ok(file) = state else {
        panic!("{state:?}")
    };
    assert_eq!(file.brief.title, "Gas storage: the outlook");
    assert_eq!(file.annotations.len(), 1);
    assert_eq!(loaded(&moved).brief.title, "Gas storage: the outlook");
}

/// Not a test on its own: the child process of `survives_sigkill_at_any_moment`.
#[test]
fn crash_child() {
    let Ok(path) = std::env::var("BRIEF_CRASH_CHILD") else {
        return;
    };
    let path = Path::new(&path);
    let mut file = loaded(path);
    // Tell the parent the save loop starts now, so its kill lands in it
    // however slowly this process started.
    println!("ready");
    use std::io::Write;
    std::io::stdout().flush().unwrap();
    for n in file.annotations.len() + 1.. {
        file.annotations
            .push(note(&n.to_string(), &"x".repeat(2000)));
        store::save(path, &file).unwrap();
    }
}

#[test]
fn survives_sigkill_at_any_moment() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.yaml");
    store::save(&path, &file_with(&["1"])).unwrap();
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut last = 1;
    for _ in 0..40 {
        let mut child = std::process::Command::new(std::env::current_exe().unwrap())
            .args(["--exact", "crash_child", "--nocapture", "--test-threads=1"])
            .env("BRIEF_CRASH_CHILD", &path)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let mut ready = String::new();
        let mut out = std::io::BufReader::new(child.stdout.take().unwrap());
        while !ready.contains("ready") {
            ready.clear();
            if std::io::BufRead::read_line(&mut out, &mut ready).unwrap() == 0 {
                break;
            }
        }
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        std::thread::sleep(std::time::Duration::from_micros(seed % 20_000));
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        let file = loaded(&path);
        let n = file.annotations.len();
        assert!(n >= last, "annotations never go backwards ({n} < {last})");
        let ids: Vec<String> = file.annotations.iter().map(|a| a.id.clone()).collect();
        let want: Vec<String> = (1..=n).map(|i| i.to_string()).collect();
        let mut sorted = ids.clone();
        sorted.sort_by_key(|s| s.parse::<usize>().unwrap());
        assert_eq!(sorted, want, "the old or the new file, nothing in between");
        last = n;
    }
    assert!(last > 1, "the child did save in between kills");
}
