//! `brief export`: annotations with their quotes, as Markdown or JSON. Every
//! passage number is where the annotation is now, after re-anchoring on the
//! brief as it is; an annotation whose text is gone says "detached", and
//! notes whose brief cannot be found are listed as such, with their last
//! path, title and the id to attach them by.

use super::{fingerprint, read_brief};
use crate::annotations::{
    Annotation, AnnotationFile, Colour, Fingerprint, Placement, place_all, same_at_path,
};
use crate::document::Brief;
use crate::store::{Loaded, Store};
use std::path::Path;

/// Where an annotation is in the brief as it is now.
enum Place {
    /// On passage `passage` (0-based), whose text there is `quote`.
    Attached {
        passage: usize,
        quote: String,
    },
    Brief,
    Detached,
}

/// One brief's annotations, placed.
pub struct Item {
    /// The annotation file's name without `.yaml`: what `brief attach` takes.
    id: String,
    file: AnnotationFile,
    /// Parallel to `file.annotations`; None when the brief was not found.
    places: Option<Vec<Place>>,
    /// The brief's `tags:` (front matter).
    tags: Vec<String>,
}

impl Item {
    pub fn new(path: &Path, file: AnnotationFile, brief: Option<&Brief>) -> Item {
        let places = brief.map(|brief| {
            let texts: Vec<&str> = brief.passages().map(|(_, p)| p.text.as_str()).collect();
            place_all(&texts, &file.annotations)
                .into_iter()
                .map(|p| match p {
                    Placement::Attached(span) => Place::Attached {
                        passage: span.passage,
                        quote: span.quote(&texts).to_string(),
                    },
                    Placement::Brief => Place::Brief,
                    Placement::Detached => Place::Detached,
                })
                .collect()
        });
        Item {
            tags: brief.map(|b| b.meta.tags.clone()).unwrap_or_default(),
            id: path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default(),
            file,
            places,
        }
    }

    /// Only what carries `tag`: every annotation of a brief with it in its
    /// front matter (`tags:`), else the notes that say `#tag`. False when
    /// nothing is left.
    pub fn keep_tagged(&mut self, tag: &str) -> bool {
        let tag = tag.trim_start_matches('#').to_lowercase();
        if self.tags.iter().any(|t| t.to_lowercase() == tag) {
            return self.live().next().is_some();
        }
        let hashed = format!("#{tag}");
        let tagged = |a: &Annotation| {
            a.note.as_deref().is_some_and(|n| {
                n.to_lowercase()
                    .split(|c: char| {
                        c.is_whitespace() || matches!(c, ',' | '.' | ';' | ':' | ')' | '(')
                    })
                    .any(|w| w == hashed)
            })
        };
        for a in &mut self.file.annotations {
            if !tagged(a) {
                a.deleted = true; // Left out of this export only (never saved).
            }
        }
        self.live().next().is_some()
    }

    fn live(&self) -> impl Iterator<Item = (&Annotation, Option<&Place>)> {
        self.file
            .annotations
            .iter()
            .enumerate()
            .filter(|(_, a)| !a.deleted)
            .map(|(i, a)| (a, self.places.as_ref().and_then(|p| p.get(i))))
    }
}

/// Every annotation file with something in it; each placed on its brief when
/// the brief is still where it was last seen. Second: a line for each file
/// that could not be exported whole (unparsable, newer, misspelt, misnamed),
/// naming it and saying what of it was exported.
pub fn all(store: &Store) -> (Vec<Item>, Vec<String>) {
    let mut problems = Vec::new();
    let mut items: Vec<Item> = Vec::new();
    for (path, loaded) in store.all() {
        let file = match loaded {
            Loaded::Ok(file) => {
                problems.extend(unknown_keys(&path, &file));
                *file
            }
            Loaded::Missing => continue,
            Loaded::Unusable(why) => {
                let Some(salvaged) = crate::store::salvage(&path) else {
                    problems.push(format!("{why}; nothing of it is exported"));
                    continue;
                };
                let exported = if salvaged.file.live().next().is_some() {
                    "; what can be read is exported"
                } else {
                    ""
                };
                problems.push(format!("{why}; {}{exported}", salvaged.summary()));
                salvaged.file
            }
        };
        if file.live().next().is_some() {
            let brief = brief_of(&file);
            items.push(Item::new(&path, file, brief.as_ref()));
        }
    }
    for other in store.misnamed() {
        problems.push(format!(
            "{}: not read: annotation files are named *.yaml (misnamed?)",
            other.display()
        ));
    }
    // Briefs found first, then the notes without one.
    items.sort_by_key(|item| item.places.is_none());
    (items, problems)
}

/// Keys this `brief` does not know, at the top of a file or in one of its
/// annotations: kept on save, but a misspelt `annotations:` or `note:`
/// would otherwise export as nothing without a word.
fn unknown_keys(path: &Path, file: &AnnotationFile) -> Option<String> {
    let mut keys: Vec<String> = file.extra.keys().map(|k| format!("`{k}`")).collect();
    for a in &file.annotations {
        for k in a.extra.keys() {
            let k = format!("`{k}` (in annotation {})", a.id);
            if !keys.contains(&k) {
                keys.push(k);
            }
        }
    }
    (!keys.is_empty()).then(|| {
        format!(
            "{}: keys this brief does not know (misspelt?): {}; they are not exported",
            path.display(),
            keys.join(", ")
        )
    })
}

/// The brief at a record's path, if it is still that brief.
fn brief_of(file: &AnnotationFile) -> Option<Brief> {
    let path = file.brief.brief_path()?;
    let brief = read_brief(&path).ok()?;
    let now = fingerprint(&path, &brief, true);
    same_at_path(&Fingerprint::of_record(&file.brief), &now).then_some(brief)
}

pub fn json(item: &Item) -> serde_json::Value {
    let annotations: Vec<serde_json::Value> = item
        .live()
        .map(|(a, place)| {
            let (passage, quote, detached) = match place {
                Some(Place::Attached { passage, quote }) => {
                    (Some(passage + 1), Some(quote.clone()), false)
                }
                Some(Place::Brief) => (None, None, false),
                Some(Place::Detached) | None => (
                    None,
                    a.anchor.as_ref().map(|q| q.quote().into_owned()),
                    a.anchor.is_some(),
                ),
            };
            serde_json::json!({
                "id": a.id,
                "kind": a.kind.name(),
                "passage": passage,
                "detached": detached,
                "quote": quote,
                "note": a.note,
                "colour": a.colour.map(Colour::name),
                "created": a.created,
                "updated": a.updated,
            })
        })
        .collect();
    serde_json::json!({
        "id": item.id,
        "title": item.file.brief.title,
        "path": item.file.brief.path,
        "brief_found": item.places.is_some(),
        "annotations": annotations,
    })
}

pub fn markdown(items: &[Item]) -> String {
    let mut out = String::new();
    for item in items.iter().filter(|i| i.places.is_some()) {
        out.push_str(&format!("# {}\n\n", item.file.brief.title));
        if let Some(path) = &item.file.brief.path {
            out.push_str(&format!("_{path}_\n\n"));
        }
        annotations(&mut out, item, "##");
    }
    let lost: Vec<&Item> = items.iter().filter(|i| i.places.is_none()).collect();
    if !lost.is_empty() {
        out.push_str(&format!(
            "# Notes without a brief ({})\n\nTheir brief is no longer where it was last seen. \
             Give them to a brief with `brief attach ID FILE`.\n\n",
            lost.len()
        ));
    }
    for item in lost {
        out.push_str(&format!("## {}\n\n", item.file.brief.title));
        let path = item
            .file
            .brief
            .path
            .as_deref()
            .unwrap_or("an unknown place");
        out.push_str(&format!(
            "_last seen at {path}_ · `brief attach {} FILE`\n\n",
            item.id
        ));
        annotations(&mut out, item, "###");
    }
    out
}

fn annotations(out: &mut String, item: &Item, level: &str) {
    for (a, place) in item.live() {
        let mut heading = a.kind.name().to_string();
        if let Some(c) = a.colour {
            heading.push_str(&format!(" ({})", c.name()));
        }
        let (where_, quote) = match place {
            Some(Place::Attached { passage, quote }) => {
                (format!(", ¶{}", passage + 1), Some(quote.as_str().into()))
            }
            Some(Place::Brief) => (" on the whole brief".to_string(), None),
            Some(Place::Detached) => (
                ", detached (its text is no longer in the brief)".to_string(),
                a.anchor.as_ref().map(|q| q.quote()),
            ),
            None if a.anchor.is_none() => (" on the whole brief".to_string(), None),
            None => (
                ", detached (brief not found)".to_string(),
                a.anchor.as_ref().map(|q| q.quote()),
            ),
        };
        out.push_str(&format!("{level} {heading}{where_}\n\n"));
        if let Some(quote) = quote {
            for line in quote.lines() {
                out.push_str(&format!("> {line}\n"));
            }
            out.push('\n');
        }
        if let Some(note) = &a.note {
            out.push_str(note.trim_end());
            out.push_str("\n\n");
        }
        out.push_str(&format!(
            "<sub>created {} · updated {}</sub>\n\n",
            a.created, a.updated
        ));
    }
}
