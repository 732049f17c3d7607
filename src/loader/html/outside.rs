//! The page's text outside the article: menus, cookie banners, share
//! buttons, related lists, forms, footers. Read from the page before
//! Readability takes it apart, and set aside (never deleted) with the
//! reason taken from where on the page it stood.

use super::super::{SectionBuilder, collapse_whitespace};
use super::walk::{BLOCKS, name};
use crate::document::Meta;
use dom_query::{Document, NodeRef};
use std::collections::HashSet;

/// Elements that end a run of text besides the blocks (`walk::BLOCKS`):
/// table cells, form controls and line breaks, which in menus and
/// banners separate items the page shows apart.
const BREAKS: &[&str] = &["tr", "td", "th", "label", "button", "br"];
const INVISIBLE: &[&str] = &[
    "script", "style", "noscript", "template", "head", "svg", "iframe",
];

/// A run of text and where it stood.
pub(super) struct Run {
    text: String,
    reason: &'static str,
}

/// Every run of text in the page's body, in order.
pub(super) fn text_runs(document: &Document) -> Vec<Run> {
    let mut runs = Vec::new();
    if let Some(body) = document.body() {
        let mut current = String::new();
        collect(&body, "outside the article", &mut current, &mut runs);
        flush(&mut current, "outside the article", &mut runs);
    }
    runs
}

fn flush(current: &mut String, reason: &'static str, runs: &mut Vec<Run>) {
    let text = collapse_whitespace(current);
    current.clear();
    if !text.is_empty() {
        runs.push(Run { text, reason });
    }
}

fn collect(node: &NodeRef, reason: &'static str, current: &mut String, runs: &mut Vec<Run>) {
    for child in node.children() {
        if child.is_text() {
            current.push_str(&child.text());
            continue;
        }
        if !child.is_element() {
            continue;
        }
        let tag = name(&child);
        if INVISIBLE.contains(&tag.as_str()) {
            continue;
        }
        let breaks = BLOCKS.contains(&tag.as_str()) || BREAKS.contains(&tag.as_str());
        let reason = reason_of(&child, &tag).unwrap_or(reason);
        if breaks {
            flush(current, reason, runs);
        }
        // Buttons and links sit side by side with no space between them
        // in the source: keep their words apart.
        let spaced = matches!(tag.as_str(), "a" | "span" | "input");
        if spaced {
            current.push(' ');
        }
        collect(&child, reason, current, runs);
        if breaks {
            flush(current, reason, runs);
        } else if spaced {
            current.push(' ');
        }
    }
}

/// What part of a page an element is, from its tag, class and id.
fn reason_of(node: &NodeRef, tag: &str) -> Option<&'static str> {
    let names = format!(
        "{} {}",
        node.class().unwrap_or_default(),
        node.id_attr().unwrap_or_default()
    )
    .to_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| names.contains(w));
    if has(&["cookie", "consent", "gdpr"]) {
        Some("cookie banner")
    } else if has(&["share", "social"]) {
        Some("share buttons")
    } else if has(&["comment"]) {
        Some("comments")
    } else if has(&["related", "more-stories", "recommended", "read-next"]) {
        Some("related articles")
    } else if has(&["newsletter", "subscribe", "signup"]) {
        Some("newsletter form")
    } else if has(&["breadcrumb"]) {
        Some("breadcrumb")
    } else {
        match tag {
            "nav" => Some("navigation"),
            "footer" => Some("page footer"),
            "header" => Some("page header"),
            "aside" => Some("sidebar"),
            "form" => Some("form"),
            _ => None,
        }
    }
}

/// Set aside every run the article did not place, unless it is part of
/// the metadata shown in the header.
pub(super) fn set_aside(
    runs: Vec<Run>,
    shown: &HashSet<String>,
    meta: &Meta,
    out: &mut SectionBuilder,
) {
    let in_meta = |t: &str| {
        [&meta.byline, &meta.date, &meta.site]
            .into_iter()
            .flatten()
            .any(|m| m == t)
    };
    for run in runs {
        if !shown.contains(&run.text) && !in_meta(&run.text) {
            out.set_aside(&run.text, run.reason);
        }
    }
}
