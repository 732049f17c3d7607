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
