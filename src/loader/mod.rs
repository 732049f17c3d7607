//! The loader: bytes in, `Brief` out. Pure: no terminal, no file system, no
//! global state, so every shape of brief can be tested from a byte string.

mod bare_links;
mod chunk;
mod dates;
mod dehyphen;
mod format;
mod furniture;
mod html;
mod lines;
mod markdown;
mod pdf;
mod plain;
pub mod sanitize;
mod table;

use crate::document::{Brief, Meta, Passage, PassageKind, Section, SectionKind, SetAside};
pub use sanitize::DecodeError;

thread_local! {
    /// Set while this thread runs a third-party extractor behind `guarded`.
    static GUARDED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Whether a panic on this thread now is one the loader catches (inside
/// the PDF or HTML library, on a damaged file) and turns into an error: a
/// panic hook should then stay quiet (print nothing, leave the terminal).
pub fn panic_is_caught() -> bool {
    GUARDED.with(std::cell::Cell::get)
}

/// Run a third-party extractor that was not written for hostile input:
/// its panic is caught (None), never a crash.
pub(crate) fn guarded<T>(f: impl FnOnce() -> T) -> Option<T> {
    let outer = GUARDED.with(|g| g.replace(true));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).ok();
    GUARDED.with(|g| g.set(outer));
    result
}

/// A brief's date as `YYYY-MM-DD` (or shorter) for sorting and listing, if
/// it is written in a way we recognise.
pub fn iso_date(date: &str) -> Option<String> {
    lines::iso_date(date)
}

/// Why a file could not be read as a brief (one line, for the user).
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error(transparent)]
    Decode(#[from] DecodeError),
    #[error("a scanned PDF with no text layer: run OCR on it first (e.g. ocrmypdf)")]
    NoTextLayer,
    #[error("not a readable PDF ({0})")]
    Pdf(String),
}

/// The formats a brief comes in, by file name (and, for a name without a
/// known extension, by the first bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Html,
    Pdf,
}

/// The format of a file named `name` starting with `head`.
pub fn format_of(name: &str, head: &[u8]) -> Format {
    let lower = name.to_lowercase();
    let ext = lower.rsplit_once('.').map_or("", |(_, e)| e);
    match ext {
        "pdf" => Format::Pdf,
        "html" | "htm" | "xhtml" => Format::Html,
        "md" | "markdown" => Format::Markdown,
        "txt" => Format::Text,
        _ if head.starts_with(b"%PDF-") => Format::Pdf,
        _ => {
            let start = String::from_utf8_lossy(&head[..head.len().min(512)]).to_lowercase();
            let start = start.trim_start_matches('\u{feff}').trim_start();
            if start.starts_with("<!doctype html") || start.starts_with("<html") {
                Format::Html
            } else {
                Format::Text
            }
        }
    }
}

/// Whether the start of a file of this format can be parsed on its own
/// (text can be cut at a blank line; a page or a PDF must be read whole).
pub fn parses_in_parts(format: Format) -> bool {
    matches!(format, Format::Text | Format::Markdown)
}

/// Read a brief. `name` is the file name, used to pick the format (`.md`,
/// `.html`, `.pdf`) and as the title of last resort.
pub fn load(bytes: &[u8], name: &str) -> Result<Brief, LoadError> {
    let mut meta = Meta::default();
    let mut sections = SectionBuilder::default();
    match format_of(name, bytes) {
        Format::Html => html::parse(bytes, &mut meta, &mut sections),
        Format::Pdf => {
            pdf::parse(bytes, &mut meta, &mut sections, None)?;
        }
        Format::Markdown | Format::Text => {
            let text = sanitize::decode(bytes)?;
            if is_markdown(name, &text) {
                markdown::parse(&text, &mut meta, &mut sections);
            } else {
                plain::parse(&text, &mut meta, &mut sections);
            }
        }
    }
    Ok(finish(meta, sections, name))
}

/// Pages of a long PDF parsed for a first screen, before the whole.
const QUICK_PAGES: u32 = 3;

/// The start of a long PDF (its first pages), to show while the whole is
/// read; None for other formats and for PDFs that short.
pub fn load_start(bytes: &[u8], name: &str) -> Option<Result<Brief, LoadError>> {
    if format_of(name, bytes) != Format::Pdf {
        return None;
    }
    let mut meta = Meta::default();
    let mut sections = SectionBuilder::default();
    match pdf::parse(bytes, &mut meta, &mut sections, Some(QUICK_PAGES)) {
        Ok(true) => None,
        Ok(false) => Some(Ok(finish(meta, sections, name))),
        Err(e) => Some(Err(e)),
    }
}

fn finish(mut meta: Meta, mut sections: SectionBuilder, name: &str) -> Brief {
    meta.title = collapse_whitespace(&meta.title);
    meta.category = meta
        .category
        .map(|c| collapse_whitespace(&c))
        .filter(|c| !c.is_empty());
    if meta.title.is_empty() {
        meta.title = fallback_title(name);
    }
    let set_aside = std::mem::take(&mut sections.set_aside);
    let mut sections = sections.finish();
    for passage in sections.iter_mut().flat_map(|s| s.passages.iter_mut()) {
        bare_links::add(passage);
    }
    Brief {
        meta,
        sections,
        set_aside,
    }
}

fn fallback_title(name: &str) -> String {
    let stem = std::path::Path::new(name)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem = collapse_whitespace(&sanitize::clean(&stem));
    if stem.is_empty() {
        "Untitled".to_string()
    } else {
        stem
    }
}

fn is_markdown(name: &str, text: &str) -> bool {
    let lower = name.to_lowercase();
    if lower.ends_with(".md") || lower.ends_with(".markdown") {
        return true;
    }
    if lower.ends_with(".txt") {
        return false;
    }
    text.starts_with("---\n")
        || text
            .lines()
            .take(200)
            .any(|l| l.starts_with("# ") || l.starts_with("## "))
}

/// A `key: value` about the brief (front matter, or a header line such as
/// `Date: …`) into its metadata; keys without a field of their own are kept
/// in `extra`.
pub(crate) fn apply_field(meta: &mut Meta, key: &str, value: String) {
    match key {
        "title" => meta.title = value,
        "category" | "series" | "type" => meta.category = Some(value),
        "date" | "published" => meta.date = Some(value),
        "source" | "url" | "publisher" => meta.source = Some(value),
        "author" | "authors" | "by" | "byline" => meta.byline = Some(value),
        "id" => meta.id = Some(value),
        "tags" | "keywords" => {
            meta.tags = value
                .split([',', ';'])
                .map(|t| t.trim().to_string())
                .filter(|t| !t.is_empty())
                .collect()
        }
        _ => {
            meta.extra.insert(key.to_string(), value);
        }
    }
}

/// Runs of white space (including the NBSP that sanitising turned into
/// spaces) become one space; ends are trimmed.
pub fn collapse_whitespace(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut word_start: Option<usize> = None;
    let mut i = 0;
    while i < bytes.len() {
        // ASCII is decided byte by byte; other characters are decoded.
        let (is_space, len) = if bytes[i] < 0x80 {
            (bytes[i].is_ascii_whitespace(), 1)
        } else {
            let c = text[i..].chars().next().unwrap_or('x');
            (c.is_whitespace(), c.len_utf8())
        };
        match (is_space, word_start) {
            (true, Some(start)) => {
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(&text[start..i]);
                word_start = None;
            }
            (false, None) => word_start = Some(i),
            _ => {}
        }
        i += len;
    }
    if let Some(start) = word_start {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&text[start..]);
    }
    // Every title, heading and passage passes here last.
    sanitize::settle(out)
}

/// `sanitize::settle` for a passage with links or styles (its text is
/// final only now: markup removed around an invisible joiner can leave it
/// out of place). Settling only removes characters, so each range moves to
/// the characters kept.
fn settle_keeping_spans(passage: &mut Passage) {
    let settled = sanitize::settle(passage.text.clone());
    if settled.len() == passage.text.len() {
        return;
    }
    let old = &passage.text;
    let mut new_at = vec![0; old.len() + 1];
    let mut j = 0;
    for (i, c) in old.char_indices() {
        new_at[i..i + c.len_utf8()].fill(j);
        if settled[j..].starts_with(c) {
            j += c.len_utf8();
        }
    }
    new_at[old.len()] = settled.len();
    for link in &mut passage.links {
        (link.start, link.end) = (
            new_at[link.start.min(old.len())],
            new_at[link.end.min(old.len())],
        );
    }
    for style in &mut passage.styles {
        (style.start, style.end) = (
            new_at[style.start.min(old.len())],
            new_at[style.end.min(old.len())],
        );
    }
    passage.text = settled;
}

/// `collapse_whitespace` for a passage with links or styles: their byte
/// ranges are moved to the same text in the collapsed string.
fn collapse_keeping_spans(passage: &mut Passage) {
    settle_keeping_spans(passage);
    let text = &passage.text;
    // new_at[i]: where byte i of the old text is in the new one.
    let mut new_at = vec![0; text.len() + 1];
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
        } else {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            for b in 0..c.len_utf8() {
                new_at[i + b] = out.len() + b;
            }
            out.push(c);
            continue;
        }
        new_at[i] = out.len();
    }
    new_at[text.len()] = out.len();
    // A range's end that fell on white space maps to the end of the text before it.
    let end_at = |old: usize| {
        let mut e = new_at[old.min(text.len())];
        while e > 0 && out.as_bytes().get(e - 1) == Some(&b' ') {
            e -= 1;
        }
        e
    };
    for link in &mut passage.links {
        (link.start, link.end) = (new_at[link.start.min(text.len())], end_at(link.end));
    }
    for style in &mut passage.styles {
        (style.start, style.end) = (new_at[style.start.min(text.len())], end_at(style.end));
    }
    passage.links.retain(|l| l.start < l.end);
    passage.styles.retain(|s| s.start < s.end);
    passage.text = out;
}

/// Collects passages into sections as a reader finds headings.
#[derive(Default)]
pub(crate) struct SectionBuilder {
    sections: Vec<Section>,
    /// Indents of the open list levels, to turn indentation into depth.
    bullet_indents: Vec<usize>,
    /// Page furniture found so far, in reading order.
    pub set_aside: Vec<SetAside>,
}

impl SectionBuilder {
    /// Start a section; a heading-less empty section before it is dropped.
    pub fn start(&mut self, kind: SectionKind, heading: Option<String>) {
        self.drop_empty_unheaded();
        let heading = heading
            .map(|h| collapse_whitespace(&h))
            .filter(|h| !h.is_empty());
        self.sections.push(Section {
            kind,
            heading,
            passages: Vec::new(),
        });
        self.bullet_indents.clear();
    }

    fn drop_empty_unheaded(&mut self) {
        if self
            .sections
            .last()
            .is_some_and(|s| s.passages.is_empty() && s.heading.is_none())
        {
            self.sections.pop();
        }
    }

    pub fn push(&mut self, mut passage: Passage) {
        if passage.is_preformatted() {
            // Lines and spacing are the content: only blank lines around go.
            let text = passage.text.trim_end();
            let start = text.len() - text.trim_start_matches(['\n', ' ']).len();
            let first_line = text[..start].rfind('\n').map_or(0, |i| i + 1);
            passage.text = text[first_line..].to_string();
            if passage.text.trim().is_empty() {
                return;
            }
        } else if passage.links.is_empty() && passage.styles.is_empty() {
            passage.text = collapse_whitespace(&passage.text);
        } else {
            collapse_keeping_spans(&mut passage);
        }
        if passage.text.is_empty() {
            return;
        }
        if passage.kind != PassageKind::Bullet {
            self.bullet_indents.clear();
        }
        if self.sections.is_empty() {
            self.sections.push(Section {
                kind: SectionKind::Summary,
                heading: None,
                passages: Vec::new(),
            });
        }
        if let Some(section) = self.sections.last_mut() {
            section.passages.push(passage);
        }
    }

    /// Keep `text` out of the brief's passages, with the reason: it is
    /// listed, never deleted.
    pub fn set_aside(&mut self, text: &str, reason: &str) {
        let text = collapse_whitespace(text);
        if !text.is_empty() {
            self.set_aside.push(SetAside {
                text,
                reason: reason.to_string(),
            });
        }
    }

    /// Depth of a list item that starts at `indent` columns.
    pub fn bullet_depth(&mut self, indent: usize) -> u8 {
        while self.bullet_indents.last().is_some_and(|&top| top > indent) {
            self.bullet_indents.pop();
        }
        if self.bullet_indents.last() != Some(&indent) {
            self.bullet_indents.push(indent);
        }
        u8::try_from(self.bullet_indents.len().saturating_sub(1)).unwrap_or(u8::MAX)
    }

    pub fn finish(mut self) -> Vec<Section> {
        self.drop_empty_unheaded();
        if self.sections.iter().all(|s| s.passages.is_empty()) {
            // Headings with no text under any of them are the brief's text:
            // a reader moves between passages, so they become passages.
            let passages = self
                .sections
                .drain(..)
                .filter_map(|s| s.heading)
                .map(|h| Passage::new(PassageKind::Paragraph, h))
                .collect::<Vec<_>>();
            if !passages.is_empty() {
                self.sections.push(Section {
                    kind: SectionKind::Summary,
                    heading: None,
                    passages,
                });
            }
        }
        self.sections
    }
}
