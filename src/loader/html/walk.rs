//! The article's HTML into sections and passages.

use super::super::chunk::Chunk;
use super::super::lines::{classify_text, heading_kind};
use super::super::table::{self, Align};
use super::super::{SectionBuilder, collapse_whitespace, furniture};
use crate::document::{Link, Meta, Passage, PassageKind, Styled, TextStyle};
use dom_query::{Document, NodeRef};
use std::collections::HashSet;

/// Elements that hold blocks; anything else is inline.
pub(super) const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "aside",
    "nav",
    "ul",
    "ol",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "table",
    "figure",
    "figcaption",
    "form",
    "dl",
    "dt",
    "dd",
    "hr",
    "details",
    "summary",
    "address",
    "body",
];
/// Elements whose text is never part of the article.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "button", "form", "nav", "iframe", "select",
    "input", "textarea", "head", "title",
];

pub(super) fn name(node: &NodeRef) -> String {
    node.node_name()
        .map(|n| n.to_ascii_lowercase())
        .unwrap_or_default()
}

fn is_block(node: &NodeRef) -> bool {
    node.is_element() && BLOCKS.contains(&name(node).as_str())
}

struct Walker<'m> {
    meta: &'m mut Meta,
    /// Everything placed in the brief, collapsed: the page's other text is
    /// compared with it (see `outside`).
    shown: HashSet<String>,
    quote: usize,
}

/// Read the article; returns every text it placed (collapsed).
pub(super) fn article(
    content: &Document,
    meta: &mut Meta,
    out: &mut SectionBuilder,
) -> HashSet<String> {
    let title = meta.title.clone();
    let mut walker = Walker {
        meta,
        shown: HashSet::from([title]),
        quote: 0,
    };
    if let Some(body) = content.body() {
        walker.blocks(&body, out);
    }
    walker.shown
}

impl Walker<'_> {
    /// The children of a block element: runs of inline nodes become
    /// paragraphs, block children are read in turn.
    fn blocks(&mut self, node: &NodeRef, out: &mut SectionBuilder) {
        let mut chunk = Chunk::default();
        for child in node.children() {
            if child.is_element() && SKIPPED.contains(&name(&child).as_str()) {
                continue;
            }
            if is_block(&child) {
                self.paragraph(std::mem::take(&mut chunk), out);
                self.block(&child, out);
            } else {
                inline(&child, &mut chunk);
            }
        }
        self.paragraph(chunk, out);
    }

    fn block(&mut self, node: &NodeRef, out: &mut SectionBuilder) {
        let tag = name(node);
        match tag.as_str() {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                let text = collapse_whitespace(&node.text());
                // The article's own title heading repeats the page title.
                if text.is_empty() || (tag == "h1" && same_title(&text, &self.meta.title)) {
                    return;
                }
                self.shown.insert(text.clone());
                out.start(heading_kind(&text), Some(text));
            }
            "ul" | "ol" => self.list(node, 0, out),
            "blockquote" => {
                self.quote += 1;
                self.blocks(node, out);
                self.quote -= 1;
            }
            "pre" => {
                let text = node.text().to_string();
                self.shown.insert(collapse_whitespace(&text));
                out.push(Passage::new(PassageKind::Code, text));
            }
            "table" => self.table(node, out),
            "figcaption" => {
                let text = collapse_whitespace(&node.text());
                self.shown.insert(text.clone());
                out.set_aside(&text, "image caption");
            }
            "hr" => {}
            _ => self.blocks(node, out),
        }
    }

    fn paragraph(&mut self, chunk: Chunk, out: &mut SectionBuilder) {
        let text = chunk.text.trim();
        if text.is_empty() {
            return;
        }
        let collapsed = collapse_whitespace(text);
        self.shown.insert(collapsed.clone());
        if let Some(reason) = furniture::line_reason(&collapsed) {
            out.set_aside(&collapsed, reason);
            return;
        }
        // `By Liis Tamm · 14 March 2025`: the byline Readability left in.
        if let Some(by) = furniture::byline(&collapsed) {
            if self.meta.byline.is_none() {
                self.meta.byline = Some(by.to_string());
            }
            out.set_aside(&collapsed, "byline");
            return;
        }
        let (kind, text) = if self.quote > 0 {
            (PassageKind::Quote, text.to_string())
        } else {
            classify_text(text, &[])
        };
        out.push(chunk.into_passage(kind, text));
    }

    fn list(&mut self, list: &NodeRef, depth: u8, out: &mut SectionBuilder) {
        let ordered = name(list) == "ol";
        let mut number: u64 = list
            .attr("start")
            .and_then(|s| s.trim().parse().ok())
            .unwrap_or(1);
        for item in list.element_children() {
            if name(&item) != "li" {
                continue;
            }
            let mut chunk = Chunk::default();
            let mut nested = Vec::new();
            for child in item.children() {
                match name(&child).as_str() {
                    "ul" | "ol" => nested.push(child),
                    n if SKIPPED.contains(&n) => {}
                    _ => {
                        inline(&child, &mut chunk);
                        if is_block(&child) {
                            chunk.text.push(' ');
                        }
                    }
                }
            }
            let text = chunk.text.trim().to_string();
            if !text.is_empty() {
                self.shown.insert(collapse_whitespace(&text));
                let mut p = chunk.into_passage(PassageKind::Bullet, text);
                p.depth = depth;
                if ordered {
                    p.marker = Some(format!("{number}."));
                }
                out.push(p);
            }
            number += 1;
            for list in nested {
                self.list(&list, depth.saturating_add(1), out);
            }
        }
    }

    fn table(&mut self, node: &NodeRef, out: &mut SectionBuilder) {
        let mut rows: Vec<Vec<String>> = Vec::new();
        let mut header = false;
        for row in node.descendants() {
            if name(&row) != "tr" {
                continue;
            }
            let cells: Vec<NodeRef> = row
                .element_children()
                .into_iter()
                .filter(|c| matches!(name(c).as_str(), "td" | "th"))
                .collect();
            if rows.is_empty() {
                header = cells.iter().all(|c| name(c) == "th");
            }
            rows.push(
                cells
                    .iter()
                    .map(|c| collapse_whitespace(&c.text()))
                    .collect(),
            );
        }
        if rows.iter().all(|r| r.iter().all(String::is_empty)) {
            return;
        }
        for row in &rows {
            self.shown.extend(row.iter().cloned());
        }
        let numeric = |c: usize| {
            rows.iter().skip(usize::from(header)).all(|r| {
                r.get(c).is_none_or(|cell| {
                    cell.chars().all(|ch| {
                        ch.is_ascii_digit() || matches!(ch, ',' | '.' | '%' | '+' | '-' | ' ')
                    })
                })
            })
        };
        let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
        let aligns: Vec<Align> = (0..columns)
            .map(|c| {
                if numeric(c) {
                    Align::Right
                } else {
                    Align::Left
                }
            })
            .collect();
        let text = table::layout(&rows, &aligns, header);
        out.push(Passage::new(PassageKind::Table, text));
    }
}

fn same_title(heading: &str, title: &str) -> bool {
    let norm = |s: &str| s.to_lowercase();
    let (h, t) = (norm(heading), norm(title));
    !t.is_empty() && (h == t || h.starts_with(&t) || t.starts_with(&h))
}

/// Inline content into `chunk`: text, links (shown as `text <url>`),
/// emphasis. Block elements met inside are read as text too.
fn inline(node: &NodeRef, chunk: &mut Chunk) {
    if node.is_text() {
        chunk.text.push_str(&node.text());
        return;
    }
    if !node.is_element() {
        return;
    }
    let tag = name(node);
    if SKIPPED.contains(&tag.as_str()) {
        return;
    }
    let start = chunk.text.len();
    let style = match tag.as_str() {
        "br" => {
            chunk.text.push(' ');
            return;
        }
        "img" => return,
        "em" | "i" | "cite" => Some(TextStyle::Emphasis),
        "strong" | "b" => Some(TextStyle::Strong),
        "code" | "kbd" | "samp" => Some(TextStyle::Code),
        "s" | "del" | "strike" => Some(TextStyle::Strikethrough),
        _ => None,
    };
    for child in node.children() {
        inline(&child, chunk);
    }
    let end = chunk.text.len();
    if let Some(style) = style
        && start < end
    {
        chunk.styles.push(Styled { start, end, style });
    }
    if tag == "a"
        && let Some(href) = node.attr("href")
    {
        let url = href.trim().to_string();
        let shown = chunk.text[start..end].trim();
        let external =
            url.starts_with("http://") || url.starts_with("https://") || url.starts_with("mailto:");
        if external && start < end {
            if shown != url {
                chunk.text.push_str(&format!(" <{url}>"));
            }
            chunk.links.push(Link { start, end, url });
        }
    }
    if is_block(node) {
        chunk.text.push(' ');
    }
}
