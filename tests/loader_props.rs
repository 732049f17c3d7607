//! Property tests: no input bytes make the loader panic, and whatever it
//! returns is clean enough to hand to a terminal.

use brief::document::PassageKind;
use brief::loader::{load, sanitize::is_inert};
use proptest::prelude::*;

fn check(bytes: &[u8], name: &str) {
    let Ok(brief) = load(bytes, name) else { return };
    assert!(!brief.meta.title.is_empty());
    assert!(is_inert(&brief.meta.title) && !brief.meta.title.contains('\n'));
    for (_, passage) in brief.passages() {
        let text = &passage.text;
        assert!(!text.is_empty(), "empty passage");
        if passage.is_preformatted() {
            // Code and tables keep their lines and indentation.
            assert_eq!(text.trim_end(), text, "untrimmed passage");
            assert!(!text.starts_with('\n'), "leading blank line in {text:?}");
            assert!(
                !text.chars().any(|c| c.is_control() && c != '\n'),
                "control char in {text:?}"
            );
        } else {
            assert_eq!(text.trim(), text, "untrimmed passage");
            assert!(
                !text.chars().any(char::is_control),
                "control char in {text:?}"
            );
        }
        assert!(is_inert(text), "{text:?}");
    }
}

/// Bytes that look like briefs: lines, bullets, headings, escapes, NBSP.
fn brief_like() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        Just("\n".to_string()),
        Just("\r\n".to_string()),
        Just("\u{a0}".to_string()),
        Just("  • ".to_string()),
        Just("- ".to_string()),
        Just("# ".to_string()),
        Just("## ".to_string()),
        Just("---\n".to_string()),
        Just("Commentary\u{a0}\n".to_string()),
        Just("Q: ".to_string()),
        Just("NAME: ".to_string()),
        Just("\x1b[31m".to_string()),
        Just("\x1b]0;t\x07".to_string()),
        Just("\u{202e}".to_string()),
        Just("\t".to_string()),
        "[a-zA-Z ,.?]{0,40}",
        any::<String>(),
    ];
    proptest::collection::vec(piece, 0..40).prop_map(|v| v.concat().into_bytes())
}

/// Arbitrary bytes, nine times in ten without a NUL: a NUL anywhere makes
/// the loader refuse the input at once, so bytes drawn uniformly would
/// mostly test that one check and not the parser.
fn arbitrary_bytes() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        9 => proptest::collection::vec(1u8..=255, 0..2048),
        1 => proptest::collection::vec(any::<u8>(), 0..2048),
    ]
}

#[test]
fn arbitrary_bytes_mostly_reach_the_parser() {
    use proptest::strategy::ValueTree;
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let strategy = arbitrary_bytes();
    let total = 1000;
    let parsed = (0..total)
        .filter(|_| {
            let bytes = strategy.new_tree(&mut runner).unwrap().current();
            load(&bytes, "x.txt").is_ok()
        })
        .count();
    assert!(
        parsed * 100 >= total * 80,
        "only {parsed} of {total} inputs reached the parser"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in arbitrary_bytes()) {
        check(&bytes, "x.txt");
        check(&bytes, "x.md");
    }

    #[test]
    fn brief_like_text_never_panics(bytes in brief_like()) {
        check(&bytes, "x.txt");
        check(&bytes, "x.md");
        check(&bytes, "noext");
        check(&bytes, "x.html");
        check(&bytes, "x.pdf");
    }
}

/// PDFs cut short or with bytes changed: an error or a brief, never a
/// panic that reaches the reader.
#[test]
fn damaged_pdfs_are_read_or_refused() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/pdf");
    for name in ["two-column.pdf", "footnotes.pdf", "cyrillic.pdf"] {
        let bytes = std::fs::read(format!("{dir}/{name}")).expect("fixture");
        for cut in [
            0,
            8,
            100,
            bytes.len() / 3,
            bytes.len() / 2,
            bytes.len() - 10,
        ] {
            check(&bytes[..cut], name);
        }
        let mut state = 0x2545_f491_u32;
        for _ in 0..20 {
            let mut damaged = bytes.clone();
            for _ in 0..8 {
                state ^= state << 13;
                state ^= state >> 17;
                state ^= state << 5;
                let at = state as usize % damaged.len();
                damaged[at] = (state >> 8) as u8;
            }
            check(&damaged, name);
        }
    }
}

/// Lines of lowercase words (so no heading, speaker or date rules apply),
/// with bullets, indentation, NBSP and blank lines in between.
fn plain_words() -> impl Strategy<Value = String> {
    let word = "[a-z]{1,12}";
    let line = (
        prop_oneof![
            Just(""),
            Just("  "),
            Just("• "),
            Just("- "),
            Just("  • "),
            Just("\t")
        ],
        proptest::collection::vec(word, 1..14),
        prop_oneof![
            Just(""),
            Just("."),
            Just(","),
            Just("?"),
            Just("\u{a0}"),
            Just(" ")
        ],
    )
        .prop_map(|(lead, words, end)| format!("{lead}{}{end}", words.join(" ")));
    let block = proptest::collection::vec(line, 1..6).prop_map(|lines| lines.join("\n"));
    proptest::collection::vec(block, 1..8).prop_map(|blocks| blocks.join("\n\n"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Reading never loses text: every word of the input is somewhere in
    /// what the loader returns (title, category, headings or passages).
    #[test]
    fn no_word_is_lost(text in plain_words()) {
        let brief = load(text.as_bytes(), "x.txt").unwrap();
        let mut out = vec![brief.meta.title.clone()];
        out.extend(brief.meta.category.clone());
        // Set aside is not lost: it is listed, with the reason.
        out.extend(brief.set_aside.iter().map(|s| s.text.clone()));
        for section in &brief.sections {
            out.extend(section.heading.clone());
            out.extend(section.passages.iter().map(|p| p.text.clone()));
        }
        let out = out.join(" ");
        let found: std::collections::HashSet<&str> =
            out.split(|c: char| !c.is_alphanumeric()).collect();
        for word in text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
            prop_assert!(found.contains(word), "lost {word:?}\ninput:\n{text}\noutput:\n{out}");
        }
    }
}

/// Like `plain_words`, with capitals and colons: headings, speaker turns,
/// header fields and questions all come into play.
fn mixed_words() -> impl Strategy<Value = String> {
    let word = prop_oneof![3 => "[a-z]{1,10}", 1 => "[A-Z][a-z]{0,9}", 1 => "[A-Z]{1,6}"];
    let line = (
        prop_oneof![Just(""), Just("• "), Just("  - "), Just("> ")],
        proptest::collection::vec(word, 1..10),
        prop_oneof![Just(""), Just(":"), Just("."), Just("?")],
        proptest::option::of(proptest::collection::vec("[a-z]{1,8}", 1..6)),
    )
        .prop_map(|(lead, words, mark, tail)| {
            let tail = tail
                .map(|t| format!(" {}", t.join(" ")))
                .unwrap_or_default();
            format!("{lead}{}{mark}{tail}", words.join(" "))
        });
    let block = proptest::collection::vec(line, 1..5).prop_map(|lines| lines.join("\n"));
    proptest::collection::vec(block, 1..8).prop_map(|blocks| blocks.join("\n\n"))
}

/// Words the loader drops on purpose: field labels and prefixes whose
/// meaning moves into metadata or the passage kind.
const LABELS: &[&str] = &[
    "date",
    "published",
    "source",
    "tags",
    "keywords",
    "category",
    "series",
    "author",
    "authors",
    "by",
    "url",
    "id",
    "subject",
    "q",
    "question",
    "a",
    "answer",
    "number",
    "issue",
    "vol",
    "volume",
    "nr",
    "no",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn no_word_is_lost_with_headings_speakers_and_fields(text in mixed_words()) {
        for name in ["x.txt", "x.md"] {
            let brief = load(text.as_bytes(), name).unwrap();
            let m = &brief.meta;
            let mut out = vec![m.title.clone()];
            out.extend([&m.category, &m.date, &m.source, &m.byline, &m.id, &m.place, &m.time, &m.site].into_iter().flatten().cloned());
            out.extend(brief.set_aside.iter().map(|s| s.text.clone()));
            out.extend(m.tags.iter().cloned());
            out.extend(m.extra.values().cloned());
            for section in &brief.sections {
                out.extend(section.heading.clone());
                for p in &section.passages {
                    out.push(p.text.clone());
                    if let PassageKind::Turn { speaker } = &p.kind {
                        out.push(speaker.clone());
                    }
                }
            }
            let out = out.join(" ");
            let found: std::collections::HashSet<&str> =
                out.split(|c: char| !c.is_alphanumeric()).collect();
            for word in text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
                if LABELS.contains(&word.to_lowercase().as_str()) {
                    continue;
                }
                prop_assert!(found.contains(word), "{name}: lost {word:?}\ninput:\n{text}\noutput:\n{out}");
            }
        }
    }
}
