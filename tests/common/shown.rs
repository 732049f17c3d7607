//! What a reader actually sees of a brief: every screen drawn while the
//! reader moves from the first passage to the last, collected row by row
//! from the TestBackend buffer, and the words of the input checked against
//! it. Used by the "every word is shown" tests.
#![allow(dead_code)]

use brief::layout::{GUTTER, Pane, Row};
use brief::model::Model;
use ratatui::{Terminal, backend::TestBackend, buffer::Buffer};
use std::collections::{BTreeMap, HashSet};
use unicode_width::UnicodeWidthStr;

/// Everything drawn while scrolling through a brief.
#[derive(Debug, Default)]
pub struct Drawn {
    /// Text of each pane row ever drawn, keyed by (pane, passage, row of the
    /// passage): a row seen on several screens counts once, in its place.
    pub rows: BTreeMap<(u8, usize, usize), String>,
    /// The header rows and the panes' title rows.
    pub chrome: Vec<String>,
}

impl Drawn {
    /// The text of one pane, rows in reading order, one row per line.
    pub fn pane_text(&self, pane: Pane) -> String {
        let key = pane_key(pane);
        let mut out = String::new();
        for ((p, _, _), text) in &self.rows {
            if *p == key {
                out.push_str(text);
                out.push('\n');
            }
        }
        out
    }

    /// All drawn text: chrome, then each passage's rows.
    pub fn all_text(&self) -> String {
        let mut out = self.chrome.join("\n");
        out.push('\n');
        out.push_str(&self.pane_text(Pane::Summary));
        out.push_str(&self.pane_text(Pane::Commentary));
        out
    }

    /// Whether `word` (compared without case) is on screen: as a word of a
    /// row, or, for a word that wrapping split across rows (at a hyphen or
    /// in the middle of a long word), as part of the passage's rows glued
    /// back together.
    pub fn shows(&self, word: &str) -> bool {
        let word = word.to_lowercase();
        self.tokens().contains(&word) || {
            let squeezed: String = word.chars().filter(|c| !c.is_whitespace()).collect();
            self.glued().iter().any(|g| g.contains(&squeezed))
        }
    }

    fn tokens(&self) -> HashSet<String> {
        self.all_text()
            .split(char::is_whitespace)
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    }

    /// Each passage's rows (and each chrome row) with all white space removed.
    fn glued(&self) -> Vec<String> {
        let mut out: Vec<String> = self.chrome.iter().map(|c| squeeze(c)).collect();
        let mut current: Option<(u8, usize)> = None;
        for ((pane, passage, _), text) in &self.rows {
            if current != Some((*pane, *passage)) {
                current = Some((*pane, *passage));
                out.push(String::new());
            }
            if let Some(last) = out.last_mut() {
                last.push_str(&squeeze(text));
            }
        }
        out
    }
}

fn pane_key(pane: Pane) -> u8 {
    match pane {
        Pane::Summary => 0,
        Pane::Commentary => 1,
        Pane::Notes => 2,
    }
}

/// Cells `x0..x1` of row `y` as text; the cells a wide character covers
/// are skipped (the buffer holds a blank there).
fn cells(buffer: &Buffer, y: u16, x0: u16, x1: u16) -> String {
    let mut out = String::new();
    let mut x = x0;
    while x < x1 {
        let symbol = buffer[(x, y)].symbol();
        out.push_str(symbol);
        x += u16::try_from(symbol.width().max(1)).unwrap_or(1);
    }
    out.trim_end().to_string()
}

/// Draw the model once and record what its panes show.
pub fn record(model: &Model, width: u16, height: u16, drawn: &mut Drawn) {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
    terminal.draw(|f| brief::ui::draw(f, model)).expect("draw");
    let buffer = terminal.backend().buffer().clone();
    let Some(reader) = model.reader.as_ref() else {
        return;
    };
    let screen = buffer.area;
    let g = reader.geometry();
    let mut chrome = |text: String| {
        if !drawn.chrome.contains(&text) {
            drawn.chrome.push(text);
        }
    };
    // The header as one piece: a title wraps over its rows.
    let header: Vec<String> = (g.header.y..g.header.bottom().min(screen.bottom()))
        .map(|y| cells(&buffer, y, 0, width))
        .collect();
    chrome(header.join("\n"));
    for pane in [Pane::Summary, Pane::Commentary] {
        let rect = g.pane(pane).intersection(screen);
        if rect.width < 2 || rect.height < 2 {
            continue;
        }
        chrome(cells(&buffer, rect.y, rect.x, rect.right()));
        // The text column is centred in a wide pane (issue 13).
        let indent = reader.column.indent(g.pane(pane).width.saturating_sub(2));
        let text_x = rect.x + 1 + indent + GUTTER;
        let right = rect.right() - 1; // the border holds the position gauge
        for (k, (passage, rows, n)) in reader.visible(pane).iter().enumerate() {
            let y = rect.y + 1 + k as u16;
            if y + 1 >= rect.bottom() {
                break;
            }
            let x = match rows.rows[*n] {
                Row::Text { .. } => text_x + rows.prefix_width,
                _ => text_x,
            };
            let text = cells(&buffer, y, x.min(right), right);
            drawn.rows.insert((pane_key(pane), *passage, *n), text);
        }
    }
}

/// Move through the whole brief as a reader does: `j` from the first
/// passage to the last, then half pages (`ctrl-d`) from the top, which also
/// reach the rows of passages taller than the screen. Every screen is
/// recorded.
pub fn scroll_through(model: &mut Model, width: u16, height: u16) -> Drawn {
    let mut drawn = Drawn::default();
    crate::common::press(model, "g g");
    record(model, width, height, &mut drawn);
    let state = |m: &Model| {
        m.reader
            .as_ref()
            .map(|r| (r.cursor, r.tops, r.focus))
            .expect("reader open")
    };
    let passages = model.reader.as_ref().map_or(0, |r| r.index.len());
    // `j` scrolls through a passage taller than the pane before moving on:
    // it takes more presses than passages; the loop ends where `j` does
    // nothing more.
    for _ in 0..passages * 64 + 64 {
        let before = state(model);
        crate::common::press(model, "j");
        if state(model) == before {
            break;
        }
        record(model, width, height, &mut drawn);
    }
    crate::common::press(model, "g g");
    // Each half page moves at least one row; this bounds the loop.
    let total_rows = passages * 4 + 4 + drawn.rows.len() * 2;
    for _ in 0..total_rows {
        let before = state(model);
        crate::common::press(model, "ctrl-d");
        if state(model) == before {
            break;
        }
        record(model, width, height, &mut drawn);
    }
    drawn
}

/// What the loader set aside (page furniture), as listed by `brief show
/// --json`, each entry squeezed (lower case, no white space): the only
/// place a word missing from the screen may be instead. Metadata is not
/// excused: the header shows it.
pub fn set_aside(brief: &brief::document::Brief) -> Vec<String> {
    let json = brief.to_json();
    let mut strings = Vec::new();
    collect_strings(&json["set_aside"], &mut strings);
    strings.iter().map(|s| squeeze(s)).collect()
}

fn squeeze(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

fn collect_strings(value: &serde_json::Value, out: &mut Vec<String>) {
    match value {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Array(items) => items.iter().for_each(|v| collect_strings(v, out)),
        serde_json::Value::Object(map) => map.values().for_each(|v| collect_strings(v, out)),
        _ => {}
    }
}

/// The words of `expected` that a reader never sees at this size: not
/// drawn, and not set aside.
pub fn missing_words(
    bytes: &[u8],
    name: &str,
    expected: &[String],
    width: u16,
    height: u16,
) -> (Vec<String>, Drawn) {
    let mut model = crate::common::reader_from_bytes(bytes, name, width, height);
    let drawn = scroll_through(&mut model, width, height);
    let brief = &model.reader.as_ref().expect("reader open").brief;
    let elsewhere = set_aside(brief);
    let missing = expected
        .iter()
        .filter(|w| !drawn.shows(w) && !elsewhere.iter().any(|e| e.contains(&squeeze(w))))
        .cloned()
        .collect();
    (missing, drawn)
}
