//! Every shape of brief from DESIGN.md's table, read from fixtures written for
//! this project. Table-driven: one row per shape, listing what a reader sees.

use brief::document::{Brief, PassageKind, SectionKind};
use brief::loader::load;

fn fixture(name: &str) -> Brief {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    load(&bytes, name).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Compact outline: (section kind, heading, passage kinds as letters).
fn outline(brief: &Brief) -> Vec<(SectionKind, Option<&str>, String)> {
    brief
        .sections
        .iter()
        .map(|s| {
            let kinds = s
                .passages
                .iter()
                .map(|p| match (&p.kind, p.depth) {
                    (PassageKind::Paragraph, _) => 'p',
                    (PassageKind::Bullet, 0) => 'b',
                    (PassageKind::Bullet, _) => 'n',
                    (PassageKind::Quote, _) => 'q',
                    (PassageKind::Question, _) => '?',
                    (PassageKind::Turn { .. }, _) => 't',
                    (_, _) => 'x',
                })
                .collect();
            (s.kind, s.heading.as_deref(), kinds)
        })
        .collect()
}

use SectionKind::{Commentary, Other, Summary};

#[test]
fn shapes() {
    type Row = (
        &'static str,
        &'static str,
        Option<&'static str>,
        Vec<(SectionKind, Option<&'static str>, &'static str)>,
    );
    let table: Vec<Row> = vec![
        (
            "seed_like.txt",
            "Norway opens its continental shelf to seabed mineral exploration",
            Some("Analyses"),
            vec![
                (Summary, None, "pp"),
                (Commentary, Some("Commentary"), "bbb"),
            ],
        ),
        (
            "frontmatter.md",
            "Fiscal rules after the pandemic: what the new framework changes",
            Some("Policy brief"),
            vec![
                (Summary, None, "pp"),
                (Summary, Some("Key points"), "bnnb"),
                (Other, Some("What stays the same"), "pq"),
                (Commentary, Some("Commentary"), "p"),
            ],
        ),
        (
            "subheadings.txt",
            "Water pricing reform in small towns",
            None,
            vec![
                (Summary, None, "p"),
                (Other, Some("Background"), "p"),
                (Other, Some("Options"), "p"),
                (Other, Some("Recommendation"), "p"),
            ],
        ),
        (
            "no_blank_lines.txt",
            "Port congestion in the North Sea: a short assessment",
            None,
            vec![(Summary, None, "pppp")],
        ),
        (
            "hard_wrapped.txt",
            "Grain prices: a quiet quarter ahead",
            None,
            vec![(Summary, None, "ppp")],
        ),
        (
            "qa.txt",
            "The new rules on drone flights near airports",
            Some("Questions and answers"),
            vec![(Summary, None, "?p?p?p")],
        ),
        (
            "transcript.txt",
            "Press conference on the rail timetable",
            Some("Ministry of Transport"),
            vec![(Summary, None, "tt?ttttt")],
        ),
        (
            "header_meta.txt",
            "Hungary's presidency: a programme of continuity",
            Some("OSW Commentary"),
            vec![(Summary, None, "p")],
        ),
    ];
    for (name, title, category, want) in table {
        let brief = fixture(name);
        assert_eq!(brief.meta.title, title, "{name}: title");
        assert_eq!(brief.meta.category.as_deref(), category, "{name}: category");
        let want: Vec<_> = want
            .into_iter()
            .map(|(k, h, p)| (k, h, p.to_string()))
            .collect();
        assert_eq!(outline(&brief), want, "{name}: outline");
        for (_, passage) in brief.passages() {
            let t = &passage.text;
            assert!(!t.is_empty() && t.trim() == t, "{name}: untrimmed {t:?}");
            assert!(
                !t.contains('\u{a0}') && !t.contains("  "),
                "{name}: spacing {t:?}"
            );
            assert!(!t.starts_with(['•', '-', '*']), "{name}: marker left {t:?}");
        }
    }
}

#[test]
fn seed_like_text_is_clean() {
    let brief = fixture("seed_like.txt");
    let first = &brief.sections[0].passages[0].text;
    assert!(
        first.contains("surveys found polymetallic"),
        "NBSP inside words becomes a space: {first}"
    );
    assert!(first.ends_with("expected in 2025."));
}

#[test]
fn front_matter_becomes_meta() {
    let meta = fixture("frontmatter.md").meta;
    assert_eq!(meta.date.as_deref(), Some("2024-04-30"));
    assert_eq!(meta.source.as_deref(), Some("Sample Institute"));
    assert_eq!(meta.tags, vec!["fiscal policy", "EU"]);
    assert_eq!(meta.id.as_deref(), Some("sample-042"));
    // YAML escapes decode to control characters, which must not survive.
    assert_eq!(meta.extra["note"], "Line one with a bell and an escape");
}

#[test]
fn nested_items_follow_their_parent() {
    let brief = fixture("frontmatter.md");
    let items = &brief.sections[1].passages;
    assert_eq!(
        items[0].text,
        "Net expenditure becomes the single operational indicator."
    );
    assert_eq!((items[1].depth, items[2].depth, items[3].depth), (1, 1, 0));
    let all: String = brief.passages().map(|(_, p)| p.text.as_str()).collect();
    assert!(
        !all.contains("draft") && !all.contains("<!--"),
        "HTML comments dropped"
    );
}

#[test]
fn header_lines_become_meta() {
    let meta = fixture("header_meta.txt").meta;
    assert_eq!(meta.date.as_deref(), Some("18 June 2024"));
    assert_eq!(meta.byline.as_deref(), Some("Anna Kowalska"));
    assert_eq!(
        meta.source.as_deref(),
        Some("https://example.org/commentary/612")
    );
    let transcript = fixture("transcript.txt").meta;
    assert_eq!(
        transcript.source.as_deref(),
        Some("https://example.org/transcripts/rail-2024")
    );
}

#[test]
fn transcript_turns_carry_speakers() {
    let brief = fixture("transcript.txt");
    let speakers: Vec<String> = brief
        .passages()
        .filter_map(|(_, p)| match &p.kind {
            PassageKind::Turn { speaker } => Some(speaker.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(
        speakers,
        [
            "SPOKESPERSON",
            "MINISTER OKONKWO",
            "MINISTER OKONKWO",
            "Jan Novak",
            "Kirby Dale",
            "Jan Novak",
            "Kirby Dale"
        ]
    );
    let question = &brief.sections[0].passages[2];
    assert_eq!(
        (question.kind.clone(), question.text.as_str()),
        (PassageKind::Question, "Will ticket prices change?")
    );
}

#[test]
fn hard_wrapped_lines_rejoin() {
    let brief = fixture("hard_wrapped.txt");
    let p = &brief.sections[0].passages;
    assert!(p[0].text.starts_with(
        "Wheat futures ended the week slightly lower as harvest reports from the southern"
    ));
    assert!(
        p[1].text.starts_with("Maize followed wheat down.")
            && p[1].text.ends_with("record second crop.")
    );
    assert_eq!(brief.meta.extra["subject"], "Weekly note on grain markets");
}

#[test]
fn line_endings_bom_tabs_and_nbsp_lines() {
    let cases: &[(&[u8], &str)] = &[
        (
            b"Title\r\n\r\nFirst para.\r\n\r\nSecond para.\r\n",
            "First para.|Second para.",
        ),
        (
            b"Title\r\rFirst para.\r\rSecond para.\r",
            "First para.|Second para.",
        ),
        (
            b"\xEF\xBB\xBFTitle\n\nFirst para.\n\xC2\xA0\nSecond para.\n",
            "First para.|Second para.",
        ),
        (b"Title\n\n\tIndented\twith tabs.\n", "Indented with tabs."),
        (b"Title\n\nBad \xFF byte here.\n", "Bad \u{FFFD} byte here."),
    ];
    for (bytes, want) in cases {
        let brief = load(bytes, "x.txt").unwrap();
        assert_eq!(brief.meta.title, "Title", "{bytes:?}");
        let got: Vec<&str> = brief.passages().map(|(_, p)| p.text.as_str()).collect();
        assert_eq!(got.join("|"), *want, "{bytes:?}");
    }
}

#[test]
fn binary_is_refused_empty_is_not() {
    assert!(load(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "x.png").is_err());
    let empty = load(b"", "empty-brief.txt").unwrap();
    assert_eq!(empty.meta.title, "empty-brief");
    assert!(empty.sections.is_empty());
    assert!(
        load(b"\xEF\xBB\xBF", "bom.txt")
            .unwrap()
            .sections
            .is_empty()
    );
}

#[test]
fn control_sequences_never_survive() {
    let hostile = "\x1b]0;owned\x07Title \x1b[31mred\x1b[0m\n\nText \u{202e}reversed\u{202c} and \u{9b}2J C1 and \x1bP1$qm\x1b\\ DCS.\n";
    let brief = load(hostile.as_bytes(), "h.txt").unwrap();
    assert_eq!(brief.meta.title, "Title red");
    assert_eq!(
        brief.sections[0].passages[0].text,
        "Text reversed and C1 and DCS."
    );
}

#[test]
fn markdown_lead_paragraphs_stay_before_an_early_list() {
    let text =
        "Intro paragraph before anything.\n\n- first item\n- second item\n\n## Later\n\nText.\n";
    let brief = load(text.as_bytes(), "x.md").unwrap();
    let got: Vec<&str> = brief.passages().map(|(_, p)| p.text.as_str()).collect();
    assert_eq!(
        got,
        [
            "Intro paragraph before anything.",
            "first item",
            "second item",
            "Text."
        ]
    );
}

#[test]
fn markdown_text_above_the_title_is_not_lost() {
    let text = "Briefing note\n\nA long paragraph of context that someone wrote above the title.\n\n# The title\n\nBody.\n";
    let brief = load(text.as_bytes(), "x.md").unwrap();
    assert_eq!(brief.meta.category.as_deref(), Some("Briefing note"));
    assert_eq!(brief.meta.title, "The title");
    let got: Vec<&str> = brief.passages().map(|(_, p)| p.text.as_str()).collect();
    assert_eq!(
        got,
        [
            "A long paragraph of context that someone wrote above the title.",
            "Body."
        ]
    );
}
