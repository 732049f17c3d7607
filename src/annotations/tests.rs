use super::*;

fn annotation(id: &str, kind: Kind, anchor: Option<Anchor>, updated: &str) -> Annotation {
    Annotation {
        id: id.into(),
        kind,
        colour: None,
        note: Some(format!("note {id}")),
        anchor,
        created: "2026-01-01T00:00:00Z".into(),
        updated: updated.into(),
        deleted: false,
        draft_of: None,
        conflict_of: None,
        base: None,
        extra: BTreeMap::new(),
    }
}

const PASSAGES: [&str; 3] = [
    "The first passage talks about gas storage. It has two sentences.",
    "The second passage is about electricity grids in the Baltic states. Synchronisation ended in February.",
    "The third passage covers Kaliningrad and its gas-fired plants.",
];

fn anchor_on(passages: &[&str], passage: usize, quote: &str) -> Anchor {
    let start = passages[passage].find(quote).expect("quote in passage");
    Anchor::new(
        passages[passage],
        &Span::new(passage, start..start + quote.len()),
    )
}

fn placed(passages: &[&str], anchor: &Anchor) -> Option<(usize, String)> {
    match &place_all(
        passages,
        &[annotation("x", Kind::Note, Some(anchor.clone()), "t")],
    )[0]
    {
        Placement::Attached(span) => Some((span.passage, span.quote(passages).to_string())),
        _ => None,
    }
}

#[test]
fn anchors_keep_context() {
    let a = anchor_on(&PASSAGES, 1, "Synchronisation ended in February.");
    assert_eq!(a.exact, "Synchronisation ended in February.");
    assert!(a.prefix.ends_with("Baltic states. "));
    assert!(a.prefix.chars().count() <= 32);
    assert_eq!(a.suffix, "");
    assert_eq!((a.passage, a.char_start), (1, 68));
}

#[test]
fn reanchoring_table() {
    let quote = "Synchronisation ended in February.";
    let a = anchor_on(&PASSAGES, 1, quote);
    let inserted = [
        "A new opening paragraph was added above everything else.",
        PASSAGES[0],
        PASSAGES[1],
        PASSAGES[2],
    ];
    let word_changed = [
        PASSAGES[0],
        "The second passage is about electricity grids in the Baltic states. Synchronisation ended in early February.",
        PASSAGES[2],
    ];
    let deleted = [PASSAGES[0], PASSAGES[2]];
    let duplicated = [PASSAGES[1], PASSAGES[0], PASSAGES[0], PASSAGES[1]];
    type Case<'a> = (&'a str, Vec<&'a str>, Option<(usize, &'a str)>);
    let cases: Vec<Case> = vec![
        ("unchanged", PASSAGES.to_vec(), Some((1, quote))),
        (
            "paragraph inserted before",
            inserted.to_vec(),
            Some((2, quote)),
        ),
        (
            "word changed inside the quote",
            word_changed.to_vec(),
            Some((1, "Synchronisation ended in early February.")),
        ),
        ("passage deleted", deleted.to_vec(), None),
        (
            "quote appears twice: nearest to the hint wins",
            duplicated.to_vec(),
            Some((0, quote)),
        ),
    ];
    for (name, passages, want) in cases {
        let got = placed(&passages, &a);
        assert_eq!(got.as_ref().map(|(p, s)| (*p, s.as_str())), want, "{name}");
    }
}

#[test]
fn whole_passage_annotation_follows_an_edited_passage() {
    let a = Anchor::new(PASSAGES[2], &Span::whole(2, PASSAGES[2]));
    let edited = [
        PASSAGES[0],
        PASSAGES[1],
        "The third passage covers Kaliningrad and its four gas-fired plants.",
    ];
    assert_eq!(placed(&edited, &a), Some((2, edited[2].to_string())));
}

#[test]
fn detached_annotations_are_kept_not_dropped() {
    let a = anchor_on(&PASSAGES, 0, "It has two sentences.");
    let list = [
        annotation("1", Kind::Note, Some(a), "t"),
        annotation("2", Kind::Note, None, "t"),
    ];
    let placements = place_all(&["Nothing in common here at all."], &list);
    assert_eq!(placements, vec![Placement::Detached, Placement::Brief]);
}

#[test]
fn merge_keeps_both_sides_and_the_newer_edit() {
    let mut ours = AnnotationFile::new(BriefRecord::default());
    let mut theirs = AnnotationFile::new(BriefRecord::default());
    ours.annotations
        .push(annotation("a", Kind::Note, None, "2026-01-02T00:00:00Z"));
    ours.annotations.push(annotation(
        "shared",
        Kind::Note,
        None,
        "2026-01-03T00:00:00Z",
    ));
    theirs.annotations.push(annotation(
        "b",
        Kind::Bookmark,
        None,
        "2026-01-02T00:00:00Z",
    ));
    let mut newer = annotation("shared", Kind::Note, None, "2026-01-04T00:00:00Z");
    newer.note = Some("edited elsewhere".into());
    theirs.annotations.push(newer);
    let mut gone = annotation("c", Kind::Note, None, "2026-01-05T00:00:00Z");
    gone.deleted = true;
    theirs.annotations.push(gone.clone());
    ours.annotations
        .push(annotation("c", Kind::Note, None, "2026-01-01T00:00:00Z"));
    ours.merge_from(&theirs);
    let ids: Vec<&str> = ours.live().map(|a| a.id.as_str()).collect();
    assert_eq!(ids.len(), 3, "{ids:?}");
    assert!(ids.contains(&"a") && ids.contains(&"b") && ids.contains(&"shared"));
    let shared = ours.annotations.iter().find(|a| a.id == "shared").unwrap();
    assert_eq!(shared.note.as_deref(), Some("edited elsewhere"));
    assert!(
        !ours.live().any(|a| a.id == "c"),
        "a newer deletion is not undone"
    );
}

#[test]
fn unknown_fields_survive_a_round_trip() {
    let text = "schema: 1\nbrief:\n  title: T\nsynced_by: laptop\nannotations:\n- id: x\n  kind: note\n  note: hi\n  created: a\n  updated: b\n  mood: happy\n";
    let file: AnnotationFile = crate::yaml::from_str(text).unwrap();
    let again = crate::yaml::to_string(&file).unwrap();
    assert!(again.contains("synced_by: laptop"), "{again}");
    assert!(again.contains("mood: happy"), "{again}");
    let back: AnnotationFile = crate::yaml::from_str(&again).unwrap();
    assert_eq!(back, file);
}
