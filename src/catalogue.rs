//! Every annotation of the library, one row each, as the annotations view
//! lists it: placed on its brief as the brief is now (re-anchored, as
//! `brief export` does), or by the position stored with it until its brief
//! has been read. Also the tags: a brief's `tags:` and `#tags` in notes.
//! Pure: the caller reads the files and hands them over.

use crate::annotations::{Annotation, AnnotationFile, Colour, Kind, Placement};
use crate::document::Brief;
use std::path::PathBuf;

/// Most characters of a quote kept for a row: more is never shown, and
/// 10,000 rows of whole passages would cost memory and filtering time.
const QUOTE_CHARS: usize = 240;

/// Where an annotation is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// On passage `passage` (0-based) of the brief as it is now, in the
    /// section named `section` (its heading, or "Summary").
    Passage {
        passage: usize,
        section: Option<String>,
    },
    /// Where it was when made: its brief has not been read yet.
    Hint { passage: usize },
    /// On the brief as a whole.
    Brief,
    /// Its text is no longer in its brief.
    Detached,
    /// Its brief is not where it was last seen.
    Lost,
}

impl Place {
    /// The passage to open the brief at.
    pub fn passage(&self) -> Option<usize> {
        match self {
            Place::Passage { passage, .. } | Place::Hint { passage } => Some(*passage),
            _ => None,
        }
    }
}

/// One annotation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub id: String,
    pub kind: Kind,
    pub colour: Option<Colour>,
    pub place: Place,
    /// The text it is on, as it is now (or as last known); its start when long.
    pub quote: String,
    /// A note's or draft's text, whole.
    pub note: Option<String>,
    /// When it was last changed (RFC 3339).
    pub updated: crate::annotations::Timestamp,
    /// The `#tags` of its note, normalised (`tag_name`).
    pub tags: Vec<String>,
}

impl Row {
    /// What a row shows of it: a note's first line, else the quote.
    pub fn text(&self) -> &str {
        match self.note.as_deref().map(str::trim) {
            Some(note) if !note.is_empty() => note.lines().next().unwrap_or(""),
            _ => &self.quote,
        }
    }
}

/// The annotations of one brief (one annotation file).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Set {
    /// The annotation file.
    pub file: PathBuf,
    /// The brief's title.
    pub title: String,
    /// The brief's file; None when it is not where it was last seen.
    pub brief: Option<PathBuf>,
    /// The brief's `tags:`, normalised (known once the brief is read).
    pub tags: Vec<String>,
    /// Placed on the brief as it is now (false: by stored positions).
    pub anchored: bool,
    pub rows: Vec<Row>,
}

impl Set {
    /// From the annotation file alone: each annotation where it was made
    /// (at once, before any brief is read). `brief`: where it was last seen.
    pub fn stored(file: PathBuf, annotations: &AnnotationFile, brief: Option<PathBuf>) -> Set {
        let place = |a: &Annotation| match &a.anchor {
            None => Place::Brief,
            Some(anchor) if brief.is_some() => Place::Hint {
                passage: anchor.passage,
            },
            Some(_) => Place::Lost,
        };
        Set {
            title: annotations.brief.title.clone(),
            rows: rows(annotations, |_, a| (place(a), None)),
            file,
            brief,
            tags: Vec::new(),
            anchored: false,
        }
    }

    /// Its brief is gone: every annotation with its last known quote.
    pub fn lost(file: PathBuf, annotations: &AnnotationFile) -> Set {
        Set {
            anchored: true,
            ..Set::stored(file, annotations, None)
        }
    }

    /// Placed on `brief`, read from `path` now; `placements` parallel to
    /// the file's annotations (`annotations::place_all`).
    pub fn placed(
        file: PathBuf,
        annotations: &AnnotationFile,
        path: PathBuf,
        brief: &Brief,
        placements: &[Placement],
    ) -> Set {
        let passages: Vec<(usize, &str)> = brief
            .passages()
            .map(|(s, p)| (s, p.text.as_str()))
            .collect();
        let section = |s: usize| brief.sections.get(s)?.shown_name();
        let rows = rows(annotations, |i, a| match placements.get(i) {
            Some(Placement::Attached(span)) => {
                let (s, text) = passages.get(span.passage).copied().unwrap_or((0, ""));
                let place = Place::Passage {
                    passage: span.passage,
                    section: section(s),
                };
                (place, text.get(span.bytes.clone()).map(str::to_string))
            }
            Some(Placement::Brief) => (Place::Brief, None),
            _ if a.anchor.is_none() => (Place::Brief, None),
            _ => (Place::Detached, None),
        });
        Set {
            file,
            title: brief.meta.title.clone(),
            brief: Some(path),
            tags: brief.meta.tags.iter().map(|t| tag_name(t)).collect(),
            anchored: true,
            rows,
        }
    }
}

/// A row for each live annotation; `place` gives where it is and, when
/// placed, the text it is on now (else the stored quote is shown).
fn rows(
    file: &AnnotationFile,
    place: impl Fn(usize, &Annotation) -> (Place, Option<String>),
) -> Vec<Row> {
    file.annotations
        .iter()
        .enumerate()
        .filter(|(_, a)| !a.deleted)
        .map(|(i, a)| {
            let (place, now) = place(i, a);
            let quote = now.unwrap_or_else(|| {
                a.anchor
                    .as_ref()
                    .map(|q| q.quote().into_owned())
                    .unwrap_or_default()
            });
            Row {
                id: a.id.clone(),
                kind: a.kind,
                colour: a.colour.filter(|_| a.kind == Kind::Highlight),
                place,
                quote: quote.chars().take(QUOTE_CHARS).collect(),
                tags: a.note.as_deref().map(note_tags).unwrap_or_default(),
                note: a.note.clone(),
                updated: a.updated.clone(),
            }
        })
        .collect()
}

/// A tag as it is matched and shown: lower case, spaces as `-`
/// (`Fiscal policy` is `fiscal-policy`, typed `#fiscal-policy`).
pub fn tag_name(tag: &str) -> String {
    tag.trim()
        .trim_start_matches('#')
        .split_whitespace()
        .collect::<Vec<_>>()
        .join("-")
        .to_lowercase()
}

/// Characters a `#tag` in a note is made of.
fn in_tag(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '-' | '_' | '/')
}

/// The `#tags` written in a note, normalised, each once: `#` at the start
/// of a word, then letters, digits, `-`, `_` or `/`, at least one a letter
/// (`#1` and `C#` are no tags; Markdown's `# Heading` neither).
pub fn note_tags(text: &str) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    let mut previous = ' ';
    for (i, c) in text.char_indices() {
        let starts_word = !(previous.is_alphanumeric() || matches!(previous, '#' | '&'));
        previous = c;
        if c != '#' || !starts_word {
            continue;
        }
        let rest = &text[i + 1..];
        let end = rest.find(|c: char| !in_tag(c)).unwrap_or(rest.len());
        let tag = rest[..end].trim_end_matches(['-', '_', '/']);
        if tag.chars().any(char::is_alphabetic) {
            let tag = tag.to_lowercase();
            if !tags.contains(&tag) {
                tags.push(tag);
            }
        }
    }
    tags
}

/// Whether any of `tags` (normalised) starts with `wanted` (normalised):
/// a prefix, so the list narrows as the tag is typed.
pub fn has_tag<'a>(tags: impl IntoIterator<Item = &'a String>, wanted: &str) -> bool {
    tags.into_iter().any(|t| t.starts_with(wanted))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_in_notes() {
        let cases: &[(&str, &[&str])] = &[
            ("About #energy and #Oil-prices.", &["energy", "oil-prices"]),
            ("(#seabed) #seabed again", &["seabed"]),
            ("# A heading, issue #14, C# and a&#39;b", &[]),
            ("#eu/fiscal_rules, then #-", &["eu/fiscal_rules"]),
            ("#énergie", &["énergie"]),
        ];
        for (text, want) in cases {
            assert_eq!(note_tags(text), *want, "{text}");
        }
        assert_eq!(tag_name(" Fiscal  policy "), "fiscal-policy");
        assert_eq!(tag_name("#EU"), "eu");
        let tags = vec!["fiscal-policy".to_string()];
        assert!(has_tag(&tags, "fisc") && !has_tag(&tags, "policy"));
    }
}
