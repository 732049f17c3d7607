//! Every word shown: for any brief the loader accepts, a reader who moves
//! from the first passage to the last (and pages through passages taller
//! than the screen) sees every word of it, at any width from 20 to 200
//! columns. Markup is not a word (list markers, `#`, `Q:`, `By`, front
//! matter keys); metadata is shown in the header; what the loader sets aside
//! (page furniture) must instead be listed by `brief show --json`, with its
//! reason.
//!
//! The screens are drawn with ratatui's TestBackend and read back cell by
//! cell: what counts is what is on screen, not what the model holds.

mod common;
#[path = "common/random_brief.rs"]
mod random_brief;
#[path = "common/shown.rs"]
mod shown;

use brief::layout::Pane;
use proptest::prelude::*;
use random_brief::{Writer, spec};
use shown::missing_words;

fn check(
    text: &str,
    name: &str,
    expected: &[String],
    width: u16,
    height: u16,
) -> Result<(), String> {
    let (missing, drawn) = missing_words(text.as_bytes(), name, expected, width, height);
    if missing.is_empty() {
        return Ok(());
    }
    Err(format!(
        "at {width}x{height}, never shown: {missing:?}\n--- input ({name}) ---\n{text}\n--- drawn ---\n{}",
        drawn.all_text()
    ))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(64)
    ))]

    /// Any brief, any width from 20 to 200 columns: nothing the brief says
    /// is hidden from the reader.
    #[test]
    fn every_word_of_any_brief_is_shown(
        spec in spec(),
        width in 20u16..=200,
        height in 16u16..=50,
    ) {
        let (text, expected) = Writer::default().write(&spec);
        let name = if spec.markdown { "brief.md" } else { "brief.txt" };
        if let Err(report) = check(&text, name, &expected, width, height) {
            prop_assert!(false, "{}", report);
        }
    }
}

/// The briefs of issue 11, item 1, at the widths a person uses.
const REPROS: &[(&str, &str, &str)] = &[
    (
        "heading-like paragraph before Commentary",
        "brief.txt",
        "Analyses\nA test title\n\nThis is the summary. It has two sentences.\n\nWhat comes next\n\nCommentary\n\n  • First point here.\n",
    ),
    (
        "Chinese summary ending in emoji",
        "brief.txt",
        "分析\n测试标题\n\n这是摘要。它有两句话。😀👍🏽\n\n评论\n\n  • 第一点。\n",
    ),
    (
        "Markdown section whose content is all under ### headings",
        "brief.md",
        "# Title here\n\nLead paragraph one.\n\n## Risks\n\n### Price risk\n\nPrices may fall.\n\n### Legal risk\n\nCourts may object.\n",
    ),
    (
        "Markdown Commentary directly followed by ###",
        "brief.md",
        "# Title here\n\nLead paragraph one.\n\n## Background\n\nSome background.\n\n## Commentary\n\n### First view\n\nThe first commentary paragraph.\n",
    ),
    (
        "headings with nothing after them",
        "brief.md",
        "# Title here\n\nLead paragraph one.\n\n## Loose ends\n\n### Still open\n",
    ),
    (
        "only headings",
        "brief.md",
        "# Title here\n\n## Nothing yet\n\n## Nor here\n",
    ),
    (
        "Commentary as the last line",
        "brief.txt",
        "Analyses\nA test title\n\nCommentary\n",
    ),
    (
        "long speaker name at 20 columns",
        "brief.txt",
        "Title\n\nMR. LONGSPEAKERNAME SMITHSONIAN: Good afternoon.\n\nMR. LONGSPEAKERNAME SMITHSONIAN: Thank you.\n",
    ),
];

/// Markup: list markers, Markdown heading marks.
const MARKUP: &[&str] = &["•", "#", "##", "###", "-", "*"];

fn repro_words(text: &str) -> Vec<String> {
    text.split(char::is_whitespace)
        .filter(|w| !w.is_empty() && !MARKUP.contains(w))
        .map(str::to_string)
        .collect()
}

#[test]
fn issue_11_repros_show_every_word() {
    let mut failures = Vec::new();
    for (what, name, text) in REPROS {
        let expected = repro_words(text);
        for width in [20, 30, 45, 60, 80, 100, 120, 160, 200] {
            for height in [12, 24, 40] {
                if let Err(report) = check(text, name, &expected, width, height) {
                    failures.push(format!("{what}: {report}"));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// The text under a heading is drawn under that heading, not under the one
/// before it: in the bundled brief, the commentary paragraph follows a
/// "Commentary" heading, not "Recommendations".
#[test]
fn commentary_after_other_sections_is_drawn_under_its_heading() {
    let bytes = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/briefs/critical-minerals-stockpiling.md"
    ))
    .expect("bundled brief");
    let mut model = common::reader_from_bytes(&bytes, "critical-minerals-stockpiling.md", 120, 40);
    let drawn = shown::scroll_through(&mut model, 120, 40);
    let pane = drawn.pane_text(Pane::Commentary);
    let at = |needle: &str| {
        pane.find(needle)
            .unwrap_or_else(|| panic!("{needle:?} not drawn in the commentary pane:\n{pane}"))
    };
    let recommendations = at("Recommendations");
    let heading = recommendations
        + pane[recommendations..]
            .find("\nCommentary\n")
            .unwrap_or_else(|| panic!("no Commentary heading after Recommendations:\n{pane}"));
    assert!(heading < at("The proposal will face objections"), "{pane}");
}

/// What comes next in the plain-text repro is on the first screen at a
/// common size, as a passage or a heading of its own.
#[test]
fn heading_like_paragraph_is_on_the_first_screen() {
    let (_, _, text) = REPROS[0];
    let model = common::reader_from_bytes(text.as_bytes(), "brief.txt", 80, 24);
    let screen = common::render(&model, 80, 24);
    assert!(screen.contains("What comes next"), "{screen}");
}

/// Search finds words that are only in headings, takes the cursor to the
/// passage drawn under the heading, and shows the heading.
#[test]
fn search_finds_a_heading_over_an_empty_section() {
    let (_, name, text) = REPROS[2];
    let mut model = common::reader_from_bytes(text.as_bytes(), name, 80, 24);
    common::press(&mut model, "/");
    common::type_text(&mut model, "Risks");
    common::press(&mut model, "enter");
    let reader = model.reader.as_ref().expect("reader open");
    assert_eq!(reader.search.matches.len(), 1, "one match, in the heading");
    assert_eq!(reader.passage_text(reader.cursor), "Prices may fall.");
    let screen = common::render(&model, 80, 24);
    assert!(
        screen.contains("Risks") && screen.contains("/Risks 1 of 1"),
        "{screen}"
    );
}

/// A heading at the very end, below a passage taller than the screen: the
/// search scrolls down to it.
#[test]
fn search_scrolls_to_a_heading_below_a_long_last_passage() {
    let long = "Every sentence of this paragraph adds one more row. ".repeat(30);
    let text = format!("# Title\n\nLead.\n\n## Body\n\n{long}\n\n## Loose ends\n");
    let mut model = common::reader_from_bytes(text.as_bytes(), "brief.md", 60, 16);
    let first = common::render(&model, 60, 16);
    assert!(!first.contains("Loose ends"), "{first}");
    common::press(&mut model, "/");
    common::type_text(&mut model, "Loose");
    common::press(&mut model, "enter");
    let screen = common::render(&model, 60, 16);
    assert!(screen.contains("Loose ends"), "{screen}");
}

/// What the loader makes of the repros (`brief show --json` shows the same):
/// a heading-like line that heads nothing is a passage; real Markdown
/// headings stay headings even over nothing; a paragraph missing its final
/// full stop is not taken for a title.
#[test]
fn loader_reads_heading_like_text_that_heads_nothing_as_text() {
    let passages = |b: &brief::document::Brief| -> Vec<String> {
        b.passages().map(|(_, p)| p.text.clone()).collect()
    };
    let headings = |b: &brief::document::Brief| -> Vec<String> {
        b.sections
            .iter()
            .filter_map(|s| s.heading.clone())
            .collect()
    };
    let load = |text: &str, name: &str| brief::loader::load(text.as_bytes(), name).expect("loads");

    let b = load(REPROS[0].2, "brief.txt");
    assert_eq!(
        passages(&b),
        [
            "This is the summary. It has two sentences.",
            "What comes next",
            "First point here."
        ]
    );
    assert_eq!(headings(&b), ["Commentary"]);

    let b = load(REPROS[1].2, "brief.txt");
    assert_eq!(passages(&b), ["这是摘要。它有两句话。😀👍🏽", "第一点。"]);
    assert_eq!(headings(&b), ["评论"]);

    let b = load(REPROS[2].2, "brief.md");
    assert_eq!(headings(&b), ["Risks", "Price risk", "Legal risk"]);

    let b = load(REPROS[5].2, "brief.md");
    assert_eq!(passages(&b), ["Nothing yet", "Nor here"]);

    let b = load(
        "Analyses\n\nThe plan was agreed. Work starts in May\n",
        "brief.txt",
    );
    assert_eq!(b.meta.title, "Analyses");
    assert_eq!(passages(&b), ["The plan was agreed. Work starts in May"]);
}
