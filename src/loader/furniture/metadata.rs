//! Header lines of a pasted page that say something about the brief: the
//! date (`Updated …`), the time, the byline (`By …`) and tags. They become
//! the brief's metadata; a second one of a kind is set aside, not lost.

use super::super::SectionBuilder;
use super::super::lines;
use super::words::DATE_LABELS;
use crate::document::Meta;

/// `Updated …`, `Published …`, `By …`, `Tags: …`: into the metadata.
pub(super) fn take_metadata(
    text: &str,
    lower: &str,
    meta: &mut Meta,
    out: &mut SectionBuilder,
) -> bool {
    if let Some(date) = labelled_date_lower(text, lower) {
        if meta.date.is_none() {
            meta.date = Some(date.to_string());
        } else {
            out.set_aside(text, "date line");
        }
        return true;
    }
    if is_clock_time(text) {
        if meta.time.is_none() {
            meta.time = Some(text.to_string());
        } else {
            out.set_aside(text, "time line");
        }
        return true;
    }
    if let Some(by) = byline(text) {
        if meta.byline.is_none() {
            meta.byline = Some(by.to_string());
        } else {
            out.set_aside(text, "byline");
        }
        return true;
    }
    if let Some((label, rest)) = text.split_once(':') {
        let label = label.trim().to_lowercase();
        if matches!(
            label.as_str(),
            "tags" | "topics" | "keywords" | "filed under" | "теги" | "теми"
        ) && !rest.trim().is_empty()
            && rest.split_whitespace().count() <= 20
        {
            if meta.tags.is_empty() {
                super::super::apply_field(meta, "tags", rest.trim().to_string());
            }
            // The reader's header does not show tags: the line is listed.
            out.set_aside(text, "tags");
            return true;
        }
    }
    false
}

/// The date of `Updated December 23, 2024` or `Published: 3 March 2025,
/// 14:05`, as written after the label.
pub(in crate::loader) fn labelled_date(text: &str) -> Option<&str> {
    if text.len() > 80 {
        return None;
    }
    labelled_date_lower(text, &text.to_lowercase())
}

/// `labelled_date` with the text's lower case already made.
fn labelled_date_lower<'a>(text: &'a str, lower: &str) -> Option<&'a str> {
    if text.len() > 80 || lower.len() != text.len() {
        return None;
    }
    for label in DATE_LABELS {
        if let Some(rest) = lower.strip_prefix(label) {
            let skip = text.len() - rest.len();
            let rest = rest.trim_start_matches([':', ' ']);
            let date = text[text.len() - rest.len()..].trim();
            if skip > 0 && lines::iso_date(date).is_some() {
                return Some(date);
            }
        }
    }
    None
}

/// `1:34 P.M. EDT`: a line that is only a time of day.
pub(crate) fn is_clock_time(text: &str) -> bool {
    if !text.starts_with(|c: char| c.is_ascii_digit()) || text.len() > 24 {
        return false;
    }
    let lower = text.to_lowercase();
    let mut tokens = lower.split_whitespace();
    let clock = tokens
        .next()
        .and_then(|t| t.split_once(':'))
        .is_some_and(|(h, m)| {
            !h.is_empty()
                && h.len() <= 2
                && m.len() == 2
                && h.chars().chain(m.chars()).all(|c| c.is_ascii_digit())
        });
    clock
        && tokens.all(|t| {
            matches!(t, "a.m." | "p.m." | "am" | "pm")
                || (t.len() <= 4 && t.chars().all(char::is_alphabetic))
        })
}

/// `By Dana Serikbayeva`, `Author: …`, `Written by …`, `Автор: …`.
pub(in crate::loader) fn byline(text: &str) -> Option<&str> {
    if text.len() > 120 || text.ends_with('.') {
        return None;
    }
    for label in [
        "By ",
        "BY ",
        "Written by ",
        "Author: ",
        "Authors: ",
        "Автор: ",
        "Автори: ",
    ] {
        if let Some(rest) = text.strip_prefix(label) {
            let rest = rest.trim();
            let words = rest.split_whitespace().count();
            if (1..=12).contains(&words) && rest.starts_with(char::is_uppercase) {
                return Some(rest);
            }
        }
    }
    None
}
