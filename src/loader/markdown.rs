//! Markdown briefs (with optional YAML front matter), read with pulldown-cmark.

use super::lines::{HeaderLine, classify_header, classify_text, heading_kind};
use super::{SectionBuilder, collapse_whitespace, sanitize};
use crate::document::{Meta, Passage, PassageKind};
use crate::yaml;
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

pub fn parse(text: &str, meta: &mut Meta, out: &mut SectionBuilder) {
    let options = Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_FOOTNOTES;
    let mut reader = Reader::default();
    for event in Parser::new_ext(text, options) {
        reader.event(event, meta, out);
    }
    reader.flush_lead(out);
}

#[derive(Default)]
struct Reader {
    /// Text of the block being read (paragraph, heading, item, cell row).
    buffer: String,
    in_metadata: bool,
    heading: Option<HeadingLevel>,
    /// Open list items: each holds whether its own text was already emitted.
    items: Vec<bool>,
    quote_depth: usize,
    /// Paragraphs before the first heading, held back: above an `#` title
    /// they are category, date or byline lines, not the summary.
    lead: Vec<String>,
    seen_heading: bool,
    /// Just after the title, date/byline/URL paragraphs are metadata.
    after_title: bool,
}

impl Reader {
    fn event(&mut self, event: Event, meta: &mut Meta, out: &mut SectionBuilder) {
        match event {
            Event::Start(Tag::MetadataBlock(_)) => self.in_metadata = true,
            Event::End(TagEnd::MetadataBlock(_)) => self.in_metadata = false,
            Event::Text(text) if self.in_metadata => read_front_matter(&text, meta),
            Event::Start(Tag::Heading { level, .. }) => {
                self.flush_item_text(out);
                self.heading = Some(level);
                self.buffer.clear();
            }
            Event::End(TagEnd::Heading(_)) => self.end_heading(meta, out),
            Event::Start(Tag::Item) => {
                self.flush_item_text(out);
                self.items.push(false);
                self.buffer.clear();
            }
            Event::End(TagEnd::Item) => {
                self.flush_item_text(out);
                self.items.pop();
            }
            Event::Start(Tag::List(_)) => self.flush_item_text(out),
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
                    self.buffer.push(' ');
                }
            }
            Event::End(TagEnd::CodeBlock | TagEnd::TableHead | TagEnd::TableRow)
                if self.items.is_empty() =>
            {
                self.flush_paragraph(meta, out)
            }
            Event::End(TagEnd::TableCell) => self.buffer.push_str(" | "),
            Event::Text(text) | Event::Code(text) => self.buffer.push_str(&text),
            Event::SoftBreak | Event::HardBreak => self.buffer.push(' '),
            // HTML (comments included) is markup, not text of the brief.
            Event::Html(_) | Event::InlineHtml(_) => {}
            _ => {}
        }
    }

    fn take_buffer(&mut self) -> String {
        let text = collapse_whitespace(self.buffer.trim_end_matches([' ', '|']));
        self.buffer.clear();
        text
    }

    /// Emit an item's own text before its nested list or at its end.
    fn flush_item_text(&mut self, out: &mut SectionBuilder) {
        let depth = self.items.len();
        let Some(emitted) = self.items.last_mut() else {
            return;
        };
        let text = collapse_whitespace(&self.buffer);
        self.buffer.clear();
        if *emitted || text.is_empty() {
            return;
        }
        *emitted = true;
        let mut passage = Passage::new(PassageKind::Bullet, text);
        passage.depth = u8::try_from(depth - 1).unwrap_or(u8::MAX);
        if !self.seen_heading {
            // A list ends the header area: what was held back comes first.
            self.seen_heading = true;
            self.flush_lead(out);
        }
        out.push(passage);
    }

    fn flush_paragraph(&mut self, meta: &mut Meta, out: &mut SectionBuilder) {
        let text = self.take_buffer();
        if text.is_empty() {
            return;
        }
        if !self.seen_heading {
            self.lead.push(text);
            return;
        }
        if self.after_title && meta_paragraph(&text, meta) {
            return;
        }
        self.after_title = false;
        let (kind, text) = if self.quote_depth > 0 {
            (PassageKind::Quote, text)
        } else {
            classify_text(&text, &[])
        };
        out.push(Passage::new(kind, text));
    }

    fn end_heading(&mut self, meta: &mut Meta, out: &mut SectionBuilder) {
        let level = self.heading.take();
        let text = self.take_buffer();
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
        for text in std::mem::take(&mut self.lead) {
            if meta_paragraph(&text, meta) {
                continue;
            }
            if meta.category.is_none() && text.chars().count() <= 60 && !text.ends_with('.') {
                meta.category = Some(text);
            } else {
                let (kind, text) = classify_text(&text, &[]);
                out.push(Passage::new(kind, text));
            }
        }
    }

    /// Paragraphs before any heading are the summary.
    fn flush_lead(&mut self, out: &mut SectionBuilder) {
        for text in std::mem::take(&mut self.lead) {
            let (kind, text) = classify_text(&text, &[]);
            out.push(Passage::new(kind, text));
        }
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
