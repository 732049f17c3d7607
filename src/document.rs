//! What a brief becomes once loaded: metadata, sections, passages.
//!
//! These types are the contract between the loader and everything else
//! (model, ui, store, `brief show --json`), so they stay plain data.

use serde::Serialize;
use std::collections::BTreeMap;

/// A loaded brief.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct Brief {
    pub meta: Meta,
    pub sections: Vec<Section>,
    /// What the loader judged to be page furniture (captions, share
    /// widgets, running headers, …): kept, never deleted, so a reader can
    /// check that nothing real was hidden (`brief show --json`, and the
    /// reader's `toggle_set_aside` key).
    pub set_aside: Vec<SetAside>,
}

/// A piece of the input that is not part of the brief's text, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SetAside {
    pub text: String,
    /// A short lower-case phrase: `share widget`, `running header`, …
    pub reason: String,
}

/// Everything known about a brief besides its text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct Meta {
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub byline: Option<String>,
    /// Where a transcript's words were said (`James S. Brady Press Briefing Room`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// When, as printed under a transcript's title (`1:34 P.M. EDT`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time: Option<String>,
    /// The site or publisher a saved page or PDF came from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub site: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// An identifier given by the brief itself (front matter `id`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Front-matter keys this program has no field for, kept as text.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub extra: BTreeMap<String, String>,
}

/// What role a section plays in the brief.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SectionKind {
    /// The lead: paragraphs before the first heading, or a "Summary"/"Key points" section.
    Summary,
    /// The "Commentary" section of an analysis note.
    Commentary,
    /// Any other headed section.
    Other,
}

/// A run of passages under one heading.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Section {
    pub kind: SectionKind,
    pub heading: Option<String>,
    pub passages: Vec<Passage>,
}

impl Section {
    /// The name a result or an annotation is listed under: its heading,
    /// "Summary" for a summary without one, else none.
    pub fn shown_name(&self) -> Option<String> {
        self.heading
            .clone()
            .or_else(|| (self.kind == SectionKind::Summary).then(|| "Summary".to_string()))
    }
}

/// What kind of text a passage is; decides how it is drawn.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum PassageKind {
    Paragraph,
    Bullet,
    Quote,
    Question,
    Turn {
        speaker: String,
    },
    /// Preformatted text (a code block): its lines are kept as written.
    Code,
    /// A table, laid out as aligned rows of text (one line per row).
    Table,
    /// Text the loader set aside, shown (dimmed, under its reason) only
    /// while the reader asks for it; the loader never puts it in a section.
    #[serde(rename = "set_aside")]
    SetAside {
        reason: String,
    },
}

impl PassageKind {
    /// The label drawn on its own row above the text: a turn's speaker, or
    /// why set-aside text was set aside.
    pub fn label(&self) -> Option<&str> {
        match self {
            PassageKind::Turn { speaker } => Some(speaker),
            PassageKind::SetAside { reason } => Some(reason),
            _ => None,
        }
    }
}

/// The unit a reader moves between, bookmarks, highlights and annotates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Passage {
    #[serde(flatten)]
    pub kind: PassageKind,
    pub text: String,
    /// Nesting level of a list item (0 for top level and for non-list passages).
    #[serde(skip_serializing_if = "is_zero")]
    pub depth: u8,
    /// The number of an ordered list item as written (`3.`, `b)`); a
    /// bullet without one is drawn with `•`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub marker: Option<String>,
    /// Links in the text: the link text's byte range, and where it points
    /// (the URL is also in the text, after the link text, as `<url>`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<Link>,
    /// Emphasis over byte ranges of the text.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub styles: Vec<Styled>,
}

/// A link inside a passage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Link {
    pub start: usize,
    pub end: usize,
    pub url: String,
}

/// How a run of text is emphasised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TextStyle {
    Emphasis,
    Strong,
    Code,
    Strikethrough,
}

/// Bytes `start..end` of a passage's text in a style.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Styled {
    pub start: usize,
    pub end: usize,
    pub style: TextStyle,
}

fn is_zero(depth: &u8) -> bool {
    *depth == 0
}

impl Passage {
    pub fn new(kind: PassageKind, text: impl Into<String>) -> Self {
        Passage {
            kind,
            text: text.into(),
            depth: 0,
            marker: None,
            links: Vec::new(),
            styles: Vec::new(),
        }
    }

    /// Code and tables keep their lines and spacing.
    pub fn is_preformatted(&self) -> bool {
        matches!(self.kind, PassageKind::Code | PassageKind::Table)
    }
}

impl Brief {
    /// All passages in reading order, with their section index.
    pub fn passages(&self) -> impl Iterator<Item = (usize, &Passage)> {
        self.sections
            .iter()
            .enumerate()
            .flat_map(|(i, s)| s.passages.iter().map(move |p| (i, p)))
    }

    pub fn passage_count(&self) -> usize {
        self.sections.iter().map(|s| s.passages.len()).sum()
    }

    /// The JSON shape promised by `brief show --json`.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "title": self.meta.title,
            "category": self.meta.category,
            "meta": self.meta,
            "sections": self.sections,
            "set_aside": self.set_aside,
        })
    }
}
