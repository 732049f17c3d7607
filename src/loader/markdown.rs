//! Markdown briefs (with optional YAML front matter), read with pulldown-cmark.
//! Code blocks keep their lines, ordered lists their numbers, links their
//! URL (shown as `text <url>` and kept in the passage), tables become one
//! aligned table passage, emphasis is kept as styled ranges.

use super::chunk::Chunk;
use super::lines::{HeaderLine, classify_header, classify_text, heading_kind};
use super::table::{self, Align};
use super::{SectionBuilder, collapse_whitespace, sanitize};
use crate::document::{Link, Meta, Passage, PassageKind, Styled, TextStyle};
use crate::yaml;
use pulldown_cmark::{Alignment, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

pub fn parse(text: &str, meta: &mut Meta, out: &mut SectionBuilder) {
    let options = Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_FOOTNOTES;
    let mut reader = BlockReader::default();
    for event in Parser::new_ext(text, options) {
        reader.event(event, meta, out);
    }
    reader.flush_lead(out);
}

/// A paragraph of Markdown as a passage: a quote inside `>`, else what its
/// text says it is (a question, a speaker's turn, a paragraph).
fn classified(chunk: Chunk, quote: bool) -> Passage {
    let (kind, text) = if quote {
        (PassageKind::Quote, chunk.text.trim().to_string())
    } else {
        classify_text(chunk.text.trim(), &[])
    };
    chunk.into_passage(kind, text)
}

#[derive(Default)]
struct Table {
    aligns: Vec<Align>,
    rows: Vec<Vec<String>>,
    row: Vec<String>,
}

/// The Markdown events of one brief turned into sections and passages.
#[derive(Default)]
struct BlockReader {
    /// Text of the block being read (paragraph, heading, item, cell).
    chunk: Chunk,
    open_links: Vec<(usize, String)>,
    open_styles: Vec<(usize, TextStyle)>,
    in_metadata: bool,
    heading: Option<HeadingLevel>,
    /// Open list items: each holds whether its own text was already emitted.
    items: Vec<bool>,
    /// Open lists: the next number of an ordered one.
    lists: Vec<Option<u64>>,
    /// The number of each open item of an ordered list.
    markers: Vec<Option<String>>,
    quote_depth: usize,
    code: Option<String>,
    table: Option<Table>,
    /// Paragraphs before the first heading, held back: above an `#` title
    /// they are category, date or byline lines, not the summary.
    lead: Vec<Chunk>,
    seen_heading: bool,
    /// Just after the title, date/byline/URL paragraphs are metadata.
    after_title: bool,
}

impl BlockReader {
    fn event(&mut self, event: Event, meta: &mut Meta, out: &mut SectionBuilder) {
        match event {
            Event::Start(Tag::MetadataBlock(_)) => self.in_metadata = true,
            Event::End(TagEnd::MetadataBlock(_)) => self.in_metadata = false,
            Event::Text(text) if self.in_metadata => read_front_matter(&text, meta),
            Event::Start(Tag::CodeBlock(_)) => {
                self.flush_item_text(out);
                self.code = Some(String::new());
            }
            Event::Text(text) if self.code.is_some() => {
                if let Some(code) = self.code.as_mut() {
                    code.push_str(&text);
                }
            }
            Event::End(TagEnd::CodeBlock) => {
                let code = self.code.take().unwrap_or_default();
                self.emit_block(Passage::new(PassageKind::Code, code), out);
            }
            Event::Start(Tag::Table(_))
            | Event::End(
                TagEnd::TableCell | TagEnd::TableHead | TagEnd::TableRow | TagEnd::Table,
            ) => self.table_event(event, out),
            Event::Start(Tag::Heading { level, .. }) => {
                self.flush_item_text(out);
                self.heading = Some(level);
                self.chunk = Chunk::default();
            }
            Event::End(TagEnd::Heading(_)) => self.end_heading(meta, out),
            Event::Start(Tag::List(first)) => {
                self.flush_item_text(out);
                self.lists.push(first);
            }
            Event::End(TagEnd::List(_)) => {
                self.lists.pop();
            }
            Event::Start(Tag::Item) => {
                self.flush_item_text(out);
                self.items.push(false);
                let marker = match self.lists.last_mut() {
                    Some(Some(n)) => {
                        *n += 1;
                        Some(format!("{}.", *n - 1))
                    }
                    _ => None,
                };
                self.markers.push(marker);
                self.chunk = Chunk::default();
            }
            Event::End(TagEnd::Item) => {
                self.flush_item_text(out);
                self.items.pop();
                self.markers.pop();
            }
            Event::Start(Tag::BlockQuote(_)) => {
                self.flush_paragraph(meta, out);
                self.quote_depth += 1;
            }
            Event::End(TagEnd::BlockQuote(_)) => {
                self.quote_depth = self.quote_depth.saturating_sub(1)
            }
            Event::End(TagEnd::Paragraph) => {
                if self.items.is_empty() {
                    self.flush_paragraph(meta, out);
                } else {
                    self.chunk.text.push(' ');
                }
            }
            inline => self.inline_event(inline),
        }
    }

    /// A table's cells and rows, laid out as one passage at its end.
    fn table_event(&mut self, event: Event, out: &mut SectionBuilder) {
        match event {
            Event::Start(Tag::Table(aligns)) => {
                self.table = Some(Table {
                    aligns: aligns.iter().map(align).collect(),
                    ..Table::default()
                });
            }
            Event::End(TagEnd::TableCell) => {
                let cell = std::mem::take(&mut self.chunk).plain();
                if let Some(table) = self.table.as_mut() {
                    table.row.push(cell);
                }
            }
            Event::End(TagEnd::TableHead | TagEnd::TableRow) => {
                if let Some(table) = self.table.as_mut() {
                    let row = std::mem::take(&mut table.row);
                    table.rows.push(row);
                }
            }
            Event::End(TagEnd::Table) => {
                if let Some(t) = self.table.take() {
                    let text = table::layout(&t.rows, &t.aligns, true);
                    self.emit_block(Passage::new(PassageKind::Table, text), out);
                }
            }
            _ => {}
        }
    }

    /// Text and what happens inside a paragraph: links, emphasis, code
    /// spans, breaks. Byte offsets are taken where each starts and ends.
    fn inline_event(&mut self, event: Event) {
        let at = self.chunk.text.len();
        match event {
            Event::Start(Tag::Link { dest_url, .. }) => {
                self.open_links.push((at, dest_url.to_string()))
            }
            Event::End(TagEnd::Link) => {
                if let Some((start, url)) = self.open_links.pop() {
                    let shown = self.chunk.text[start..].trim();
                    if !url.is_empty() && shown != url && !url.starts_with('#') {
                        self.chunk.text.push_str(&format!(" <{url}>"));
                    }
                    if start < at {
                        self.chunk.links.push(Link {
                            start,
                            end: at,
                            url,
                        });
                    }
                }
            }
            Event::Start(Tag::Emphasis) => self.open_styles.push((at, TextStyle::Emphasis)),
            Event::Start(Tag::Strong) => self.open_styles.push((at, TextStyle::Strong)),
            Event::Start(Tag::Strikethrough) => {
                self.open_styles.push((at, TextStyle::Strikethrough))
            }
            Event::End(TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough) => {
                if let Some((start, style)) = self.open_styles.pop()
                    && start < at
                {
                    self.chunk.styles.push(Styled {
                        start,
                        end: at,
                        style,
                    });
                }
            }
            Event::Code(text) => {
                self.chunk.text.push_str(&text);
                self.chunk.styles.push(Styled {
                    start: at,
                    end: self.chunk.text.len(),
                    style: TextStyle::Code,
                });
            }
            Event::Text(text) => self.chunk.text.push_str(&text),
            Event::SoftBreak | Event::HardBreak => self.chunk.text.push(' '),
            // HTML (comments included) is markup, not text of the brief.
            Event::Html(_) | Event::InlineHtml(_) => {}
            _ => {}
        }
    }

    fn take_chunk(&mut self) -> Chunk {
        std::mem::take(&mut self.chunk)
    }

    /// A code block or table: it ends the header area like a list does.
    fn emit_block(&mut self, passage: Passage, out: &mut SectionBuilder) {
        if !self.seen_heading {
            self.seen_heading = true;
            self.flush_lead(out);
        }
        self.after_title = false;
        out.push(passage);
    }

    /// Emit an item's own text before its nested list or at its end.
    fn flush_item_text(&mut self, out: &mut SectionBuilder) {
        let depth = self.items.len();
        let Some(emitted) = self.items.last_mut() else {
            return;
        };
        let chunk = std::mem::take(&mut self.chunk);
        if *emitted || chunk.text.trim().is_empty() {
            return;
        }
        *emitted = true;
        let text = chunk.text.trim().to_string();
        let mut passage = chunk.into_passage(PassageKind::Bullet, text);
        passage.depth = u8::try_from(depth - 1).unwrap_or(u8::MAX);
        passage.marker = self.markers.last().cloned().flatten();
        if !self.seen_heading {
            // A list ends the header area: what was held back comes first.
            self.seen_heading = true;
            self.flush_lead(out);
        }
        out.push(passage);
    }

    fn flush_paragraph(&mut self, meta: &mut Meta, out: &mut SectionBuilder) {
        let chunk = self.take_chunk();
        if chunk.text.trim().is_empty() {
            return;
        }
        if !self.seen_heading {
            self.lead.push(chunk);
            return;
        }
        if self.after_title && meta_paragraph(&chunk.plain(), meta) {
            return;
        }
        self.after_title = false;
        out.push(classified(chunk, self.quote_depth > 0));
    }

    fn end_heading(&mut self, meta: &mut Meta, out: &mut SectionBuilder) {
        let level = self.heading.take();
        let text = self.take_chunk().plain();
        let first_heading = !self.seen_heading;
        self.seen_heading = true;
        if level == Some(HeadingLevel::H1) && (meta.title.is_empty() || meta.title == text) {
            if first_heading {
                self.lead_as_header(meta, out);
            }
            if meta.title.is_empty() {
                meta.title = text;
            }
            self.after_title = true;
            return;
        }
        self.flush_lead(out);
        self.after_title = false;
        if !text.is_empty() {
            out.start(heading_kind(&text), Some(text));
        }
    }

    /// Short paragraphs above the `#` title: category, date, byline,
    /// source. Anything longer is text, and stays in the summary.
    fn lead_as_header(&mut self, meta: &mut Meta, out: &mut SectionBuilder) {
        for chunk in std::mem::take(&mut self.lead) {
            let text = chunk.plain();
            if meta_paragraph(&text, meta) {
                continue;
            }
            if meta.category.is_none() && text.chars().count() <= 60 && !text.ends_with('.') {
                meta.category = Some(text);
            } else {
                out.push(classified(chunk, false));
            }
        }
    }

    /// Paragraphs before any heading are the summary.
    fn flush_lead(&mut self, out: &mut SectionBuilder) {
        for chunk in std::mem::take(&mut self.lead) {
            out.push(classified(chunk, false));
        }
    }
}

fn align(a: &Alignment) -> Align {
    match a {
        Alignment::Right => Align::Right,
        Alignment::Center => Align::Center,
        Alignment::Left | Alignment::None => Align::Left,
    }
}

/// A short paragraph that is a date, byline, URL or `Key: value` field.
fn meta_paragraph(text: &str, meta: &mut Meta) -> bool {
    match classify_header(text) {
        HeaderLine::Date(d) if meta.date.is_none() => meta.date = Some(d.to_string()),
        HeaderLine::Byline(b) if meta.byline.is_none() => meta.byline = Some(b.to_string()),
        HeaderLine::Url(u) if meta.source.is_none() => meta.source = Some(u.to_string()),
        _ => return false,
    }
    true
}

/// Front matter fields into meta. Values are sanitised again: YAML escapes
/// (`"\e[31m"`) can produce control characters the byte-level pass never saw.
fn read_front_matter(text: &str, meta: &mut Meta) {
    let Some(entries) = yaml::from_str::<yaml::Value>(text)
        .ok()
        .and_then(|v| v.entries())
    else {
        return;
    };
    let clean = |s: String| collapse_whitespace(&sanitize::clean(&s));
    for (key, value) in &entries {
        let key = key.to_lowercase();
        if matches!(key.as_str(), "tags" | "keywords") {
            meta.tags = yaml::value_to_list(value).into_iter().map(clean).collect();
            continue;
        }
        let Some(text) = yaml::value_to_text(value)
            .map(clean)
            .filter(|t| !t.is_empty())
        else {
            continue;
        };
        super::apply_field(meta, &key, text);
    }
}
