//! Helpers shared by the integration tests: models built from fixtures,
//! keys typed as a person types them, and screens rendered to text.
#![allow(dead_code)]

use brief::action::Action;
use brief::keymap::{Keymap, parse_sequence};
use brief::model::{Effect, Model, Opened, update};
use ratatui::{Terminal, backend::TestBackend};
use std::path::PathBuf;

pub fn fixture_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

pub fn fixture_bytes(name: &str) -> Vec<u8> {
    std::fs::read(fixture_path(name)).expect("fixture")
}

/// A model with one brief open, as if read from `name`.
pub fn reader_from_bytes(bytes: &[u8], name: &str, width: u16, height: u16) -> Model {
    let brief = brief::loader::load(bytes, name).expect("loads");
    let mut model = Model::new(Keymap::defaults(), width, height);
    model.clock.now = "2026-01-01T00:00:00Z".into();
    model.clock.instance = "test".into();
    let opened = Opened {
        path: PathBuf::from(name),
        brief,
        annotations_path: PathBuf::from("/nonexistent/annotations.yaml"),
        ..Opened::default()
    };
    update(&mut model, Action::Opened(Box::new(opened)));
    model
}

pub fn reader(name: &str, width: u16, height: u16) -> Model {
    reader_from_bytes(&fixture_bytes(name), name, width, height)
}

/// Type keys written in keymap notation, separated by spaces (`j j g g`).
/// Returns every effect they produced.
pub fn press(model: &mut Model, keys: &str) -> Vec<Effect> {
    let mut effects = Vec::new();
    if keys.is_empty() {
        return effects;
    }
    for key in parse_sequence_loose(keys) {
        effects.extend(update(model, Action::Key(key)));
    }
    effects
}

/// Like `parse_sequence`, without its four-key limit.
fn parse_sequence_loose(keys: &str) -> Vec<brief::keymap::Key> {
    keys.split(' ')
        .filter(|k| !k.is_empty())
        .map(|k| parse_sequence(k).expect("key")[0])
        .collect()
}

/// Type text into whatever prompt is open.
pub fn type_text(model: &mut Model, text: &str) {
    for c in text.chars() {
        update(model, Action::Key(brief::keymap::Key::char(c)));
    }
}

/// The screen as text, one line per row.
pub fn render(model: &Model, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
    terminal.draw(|f| brief::ui::draw(f, model)).expect("draw");
    let buffer = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..height {
        let mut line = String::new();
        for x in 0..width {
            line.push_str(buffer[(x, y)].symbol());
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}
pub mod cli;
pub mod pty;
pub mod scan;

/// Annotations of three briefs as the background reader hands them over:
/// a note, a bookmark and a green highlight on the seed-like brief (tagged
/// energy); a bookmark, a draft, a note on the whole brief (#energy) and a
/// detached yellow highlight on the front-matter brief (tagged fiscal
/// policy, EU); a note whose brief is gone.
pub fn annotation_sets() -> Vec<brief::catalogue::Set> {
    use brief::annotations::{Colour, Kind};
    use brief::catalogue::{Place, Row, Set, note_tags};
    let row =
        |id: &str, kind: Kind, place: Place, quote: &str, note: Option<&str>, day: &str| Row {
            id: id.into(),
            kind,
            colour: None,
            place,
            quote: quote.into(),
            note: note.map(String::from),
            updated: format!("{day}T10:00:00Z").into(),
            tags: note.map(note_tags).unwrap_or_default(),
        };
    let at = |passage: usize, section: &str| Place::Passage {
        passage,
        section: Some(section.into()),
    };
    vec![
        Set {
            file: "/data/norway.yaml".into(),
            title: "Norway opens its continental shelf to seabed mineral exploration".into(),
            brief: Some(PathBuf::from("tests/fixtures/seed_like.txt")),
            tags: vec!["energy".into()],
            anchored: true,
            rows: vec![
                row(
                    "n1",
                    Kind::Note,
                    at(2, "Commentary"),
                    "The decision makes Norway the first country to move towards commercial seabed mining",
                    Some("Ask about the xylophonic assessments. #seabed\nSecond line."),
                    "2026-03-02",
                ),
                row(
                    "b1",
                    Kind::Bookmark,
                    at(1, "Summary"),
                    "Environmental organisations and the fishing industry criticised the decision",
                    None,
                    "2026-03-01",
                ),
                Row {
                    colour: Some(Colour::Green),
                    ..row(
                        "h1",
                        Kind::Highlight,
                        at(3, "Commentary"),
                        "The European Parliament called for a moratorium only days later",
                        None,
                        "2026-02-10",
                    )
                },
            ],
        },
        Set {
            file: "/data/fiscal.yaml".into(),
            title: "Fiscal rules after the pandemic: what the new framework changes".into(),
            brief: Some(PathBuf::from("tests/fixtures/frontmatter.md")),
            tags: vec!["fiscal-policy".into(), "eu".into()],
            anchored: true,
            rows: vec![
                row(
                    "b2",
                    Kind::Bookmark,
                    at(0, "Summary"),
                    "The reformed framework replaces the single numerical path",
                    None,
                    "2026-03-03",
                ),
                row(
                    "d1",
                    Kind::Draft,
                    at(1, "Summary"),
                    "Net expenditure becomes the single operational indicator",
                    Some("Half a thought on the deficit"),
                    "2026-01-05",
                ),
                row(
                    "n2",
                    Kind::Note,
                    Place::Brief,
                    "",
                    Some("Compare with the 2011 six-pack #energy"),
                    "2025-12-24",
                ),
                Row {
                    colour: Some(Colour::Yellow),
                    ..row(
                        "h2",
                        Kind::Highlight,
                        Place::Detached,
                        "a sentence since removed",
                        None,
                        "2025-12-01",
                    )
                },
            ],
        },
        Set {
            file: "/data/gone.yaml".into(),
            title: "A brief since deleted".into(),
            brief: None,
            tags: Vec::new(),
            anchored: true,
            rows: vec![row(
                "n3",
                Kind::Note,
                Place::Lost,
                "words of a lost brief",
                Some("Orphaned thought"),
                "2025-11-11",
            )],
        },
    ]
}
