//! Inputs shared by the benchmarks: the seed-like fixture and a 5 MB brief
//! made of it, the shape `scripts/bench-e2e` also uses.
#![allow(dead_code)]

pub fn seed_like() -> Vec<u8> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/seed_like.txt");
    std::fs::read(path).expect("fixture")
}

/// The seed-like shape repeated to about 5 MB.
pub fn five_megabytes() -> Vec<u8> {
    let seed = seed_like();
    let mut out = seed.clone();
    while out.len() < 5 * 1024 * 1024 {
        out.extend_from_slice(b"\n");
        out.extend_from_slice(&seed);
    }
    out
}

/// A 1 MB saved web page: the think-tank fixture with its article repeated
/// (what `scripts/bench-e2e` also opens).
pub fn one_megabyte_page() -> Vec<u8> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/html/think-tank-analysis.html"
    );
    let page = std::fs::read_to_string(path).expect("fixture");
    let start = page.find("<p>The ports of Tallinn").expect("article start");
    let end = page
        .find("<div class=\"share-buttons\">")
        .expect("article end");
    let article = &page[start..end];
    let mut out = page[..end].to_string();
    while out.len() + page.len() - end < 1024 * 1024 {
        out.push_str(article);
    }
    out.push_str(&page[end..]);
    out.into_bytes()
}

/// The annotation file of one seed-like brief: `per_brief` annotations
/// spread over its passages, every kind, some notes with a #tag.
pub fn seed_annotations(
    brief: &brief::document::Brief,
    n: usize,
    per_brief: usize,
) -> brief::annotations::AnnotationFile {
    use brief::annotations::{Anchor, Annotation, AnnotationFile, BriefRecord, Colour, Kind, Span};
    let texts: Vec<&str> = brief.passages().map(|(_, p)| p.text.as_str()).collect();
    let mut file = AnnotationFile::new(BriefRecord::default());
    for k in 0..per_brief {
        let passage = k % texts.len();
        let text = texts[passage];
        let end = text.char_indices().nth(60).map_or(text.len(), |(i, _)| i);
        let kind = [Kind::Note, Kind::Bookmark, Kind::Highlight, Kind::Draft][k % 4];
        file.annotations.push(Annotation {
            id: format!("{n}-{k}"),
            kind,
            colour: (kind == Kind::Highlight).then_some(Colour::ALL[k % 4]),
            note: matches!(kind, Kind::Note | Kind::Draft)
                .then(|| format!("Note {k} on brief {n}: ask about the licences #energy")),
            anchor: Some(Anchor::new(text, &Span::new(passage, 0..end))),
            created: format!("2026-{:02}-{:02}T10:00:00Z", 1 + n % 12, 1 + k % 28).into(),
            updated: format!("2026-{:02}-{:02}T10:00:00Z", 1 + n % 12, 1 + k % 28).into(),
            deleted: false,
            draft_of: None,
            conflict_of: None,
            base: None,
            extra: Default::default(),
        });
    }
    file
}

/// One seed-like brief of a generated library, each with its own title.
pub fn library_brief(n: usize) -> Vec<u8> {
    let seed = String::from_utf8(seed_like()).expect("UTF-8 fixture");
    seed.replacen("Norway opens", &format!("Brief {n:05}: Norway opens"), 1)
        .into_bytes()
}

/// The annotations of a library of `briefs` briefs, `per_brief` each, as
/// the background reader hands them over: placed on their briefs.
pub fn library_annotations(briefs: usize, per_brief: usize) -> Vec<brief::catalogue::Set> {
    (0..briefs)
        .map(|n| {
            let name = format!("brief-{n:05}.txt");
            let brief = brief::loader::load(&library_brief(n), &name).expect("loads");
            let file = seed_annotations(&brief, n, per_brief);
            let texts: Vec<&str> = brief.passages().map(|(_, p)| p.text.as_str()).collect();
            let placements = brief::annotations::place_all(&texts, &file.annotations);
            brief::catalogue::Set::placed(
                format!("annotations/{n:05}.yaml").into(),
                &file,
                format!("library/{name}").into(),
                &brief,
                &placements,
            )
        })
        .collect()
}
