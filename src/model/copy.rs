//! Quoting with the source: the passage under the cursor (or the selected
//! sentences), or its note,
//! with a citation (title, author, date, URL or file, ¶), for app.rs to put
//! on the clipboard (`Effect::Copy`, written as OSC 52, base64 only).

use super::{Effect, Model};
use crate::document::Meta;
use crate::payload::Citation;
use std::path::Path;

/// `y`: the passage under the cursor.
pub fn passage(model: &mut Model, fx: &mut Vec<Effect>) {
    let Some(reader) = model.reader.as_ref() else {
        return;
    };
    // The selected sentences, else the whole passage.
    let span = super::annotate::target_range(reader);
    let n = span.passage;
    let text = reader
        .passage_text(n)
        .get(span.bytes)
        .unwrap_or("")
        .to_string();
    let cited = cite(&text, &reader.brief.meta, &reader.path, n, model.citation);
    fx.push(Effect::Copy { text: cited });
    // Copying ends the selection, as annotating it does.
    if let Some(reader) = model.reader.as_mut() {
        reader.selection = None;
    }
    model.info(format!("Copied ¶{} with its source", n + 1));
}

/// The passage's note (the first, if it has several).
pub fn note(model: &mut Model, fx: &mut Vec<Effect>) {
    let Some(reader) = model.reader.as_ref() else {
        return;
    };
    let n = reader.cursor;
    let annotated = &reader.annotations;
    let note = annotated
        .placed()
        .find(|(a, p)| !a.deleted && a.note.is_some() && p.passage() == Some(n))
        .and_then(|(a, _)| a.note.clone());
    let Some(note) = note else {
        model.info("This passage has no note to copy ({add_note} writes one)");
        return;
    };
    let cited = cite(&note, &reader.brief.meta, &reader.path, n, model.citation);
    fx.push(Effect::Copy { text: cited });
    model.info(format!("Copied the note on ¶{} with its source", n + 1));
}

/// `text` with its source, as the user chose (config.yaml `citation:`).
pub fn cite(text: &str, meta: &Meta, path: &Path, passage: usize, how: Citation) -> String {
    let text = text.trim();
    let mut who = Vec::new();
    for part in [&meta.byline, &meta.category, &meta.date] {
        if let Some(p) = part.as_deref().filter(|p| !p.trim().is_empty()) {
            who.push(p.trim().to_string());
        }
    }
    let source = meta
        .source
        .clone()
        .filter(|s| !s.trim().is_empty())
        .unwrap_or_else(|| path.display().to_string());
    let at = format!("¶{}", passage + 1);
    match how {
        Citation::Plain => {
            let mut line = format!("— {}", meta.title);
            for w in &who {
                line.push_str(", ");
                line.push_str(w);
            }
            format!("“{text}”\n{line}. {source}, {at}\n")
        }
        Citation::Markdown => {
            let quoted: Vec<String> = text.lines().map(|l| format!("> {l}")).collect();
            let mut line = format!("— *{}*", meta.title);
            for w in &who {
                line.push_str(", ");
                line.push_str(w);
            }
            let link = if source.contains("://") {
                format!("<{source}>")
            } else {
                format!("`{source}`")
            };
            format!("{}\n\n{line}. {link}, {at}\n", quoted.join("\n"))
        }
    }
}
