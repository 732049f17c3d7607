//! Page furniture in text pasted from a web page or a PDF: share widgets,
//! comment counts and forms, reading-time lines, captions, menus,
//! breadcrumbs, font-size widgets, mastheads, repeated titles. Such lines
//! are taken out of the text before it is read, and kept in the brief's
//! `set_aside` list with the reason (never deleted); date, byline and tag
//! lines become metadata.
//!
//! Every test here looks at one line (and, for runs, its neighbours) and
//! gives up early on long lines, so paragraphs cost next to nothing.

use super::SectionBuilder;
use super::lines::strip_bullet;
use super::plain::Line;
use crate::document::Meta;
use words::{HOME_WORDS, MENU_WORDS, PAGE_ACTIONS, PLATFORMS, SHARE_LABELS};

mod metadata;
mod words;

pub(crate) use metadata::is_clock_time;
use metadata::take_metadata;
pub(super) use metadata::{byline, labelled_date};

/// Lines longer than this (in bytes) are text, whatever they contain; a
/// caption may be as long as a widget line, no longer (a longer line with
/// a photo credit in it is a paragraph that names its source).
const MAX_WIDGET: usize = 160;
const MAX_CAPTION: usize = MAX_WIDGET;
/// The head of a page: where mastheads and repeated titles are looked for.
const HEAD_LINES: usize = 15;

/// Take furniture out of `lines`; what is left is the brief's text.
pub(super) fn sift<'a>(
    lines: Vec<Line<'a>>,
    meta: &mut Meta,
    out: &mut SectionBuilder,
) -> Vec<Line<'a>> {
    let repeated = repeated_titles(&lines, meta);
    // Page furniture gathers at the head and the foot of a page; in the
    // body of a long text only captions, share widgets, menus and
    // page actions turn up, so only those are looked for there.
    let nonblank = lines.iter().filter(|l| !l.is_blank()).count();
    let mut kept = Vec::with_capacity(lines.len());
    let mut i = 0;
    let mut comment_form = false;
    let mut after_share = 0usize;
    let mut nonblank_seen = 0usize;
    while i < lines.len() {
        let line = lines[i];
        let text = line.text;
        if line.is_blank() {
            kept.push(line);
            i += 1;
            continue;
        }
        nonblank_seen += 1;
        if repeated.contains(&i) {
            out.set_aside(text, "repeated title");
            i += 1;
            continue;
        }
        if comment_form {
            if text.split_whitespace().count() <= 20 {
                out.set_aside(text, "comment form");
                i += 1;
                continue;
            }
            comment_form = false;
        }
        if let Some(end) = navigation_run(&lines, i) {
            for l in &lines[i..end] {
                out.set_aside(l.text, "navigation menu");
            }
            i = end;
            continue;
        }
        after_share = after_share.saturating_sub(1);
        if text.len() > MAX_CAPTION {
            // A paragraph, whatever it contains.
            kept.push(line);
            i += 1;
            continue;
        }
        // Lower case once per line: every test below reads it.
        let lower = if text.is_ascii() {
            text.to_ascii_lowercase()
        } else {
            text.to_lowercase()
        };
        let edge = nonblank_seen <= EDGE_LINES || nonblank - nonblank_seen < EDGE_LINES;
        if !edge {
            if let Some(reason) = body_furniture(&lower) {
                out.set_aside(text, reason);
            } else {
                kept.push(line);
            }
            i += 1;
            continue;
        }
        let reason = if is_comment_form_start(&lower) {
            comment_form = true;
            Some("comment form")
        } else if is_share_label(&lower) {
            after_share = 4;
            Some("share widget")
        } else if text.len() <= MAX_WIDGET && is_share_buttons(&lower, after_share > 0) {
            Some("share widget")
        } else {
            furniture_reason(text, &lower, nonblank_seen)
        };
        if let Some(reason) = reason {
            out.set_aside(text, reason);
            i += 1;
            continue;
        }
        if text.len() <= MAX_WIDGET && take_metadata(text, &lower, meta, out) {
            i += 1;
            continue;
        }
        kept.push(line);
        i += 1;
    }
    kept
}

/// Lines at the head and at the foot of a text where all furniture is
/// looked for.
const EDGE_LINES: usize = 40;

/// Furniture in the body of a long text: captions, share labels, page
/// actions (`lower` is the line in lower case).
fn body_furniture(lower: &str) -> Option<&'static str> {
    if is_caption(lower) {
        Some("image caption")
    } else if is_share_label(lower) {
        Some("share widget")
    } else if lower.len() <= 40 && PAGE_ACTIONS.contains(&lower.trim_end_matches(['.', ':'])) {
        Some("page action")
    } else {
        None
    }
}

/// Why a line of text read from a web page's article is page furniture
/// (a share widget, a comment count, a reading-time line…), if it is.
pub(crate) fn line_reason(text: &str) -> Option<&'static str> {
    if text.len() > MAX_CAPTION {
        return None;
    }
    let lower = text.to_lowercase();
    if is_comment_form_start(&lower) {
        Some("comment form")
    } else if is_share_label(&lower) || is_share_buttons(&lower, false) {
        Some("share widget")
    } else if starts_with_labelled_date(text) {
        Some("date line")
    } else {
        furniture_reason(text, &lower, usize::MAX)
    }
}

/// `Posted on December 2, 2024 by Marek Novák · No Comments`: a short
/// line that starts with a labelled date.
fn starts_with_labelled_date(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() > 20 {
        return false;
    }
    (3..=6.min(words.len())).any(|n| {
        let head = words[..n].join(" ");
        labelled_date(head.trim_end_matches([',', '·', '|'])).is_some()
    })
}

/// Why a single line is furniture, if it is. `lower` is `text` in lower
/// case; `line` counts the page's non-blank lines from 1 (mastheads stand
/// in the first three, breadcrumbs without a `Home` in the first eight).
fn furniture_reason(text: &str, lower: &str, line: usize) -> Option<&'static str> {
    if is_caption(lower) {
        return Some("image caption");
    }
    if text.len() > MAX_WIDGET {
        return None;
    }
    let lower = lower.trim_end_matches(['.', ':']).trim();
    if is_image_file(lower) {
        Some("image file name")
    } else if is_comment_count(lower) {
        Some("comment count")
    } else if is_reading_time(lower) {
        Some("reading time")
    } else if is_font_size_widget(text, lower) {
        Some("font-size widget")
    } else if is_breadcrumb(text, line <= 8) {
        Some("breadcrumb")
    } else if lower.len() <= 40 && PAGE_ACTIONS.contains(&lower) {
        Some("page action")
    } else if matches!(lower, "end" | "end of transcript" | "# # #" | "###") {
        Some("transcript end mark")
    } else if line <= 3 && is_masthead(lower) {
        Some("masthead")
    } else {
        None
    }
}

/// A run of at least three list items that are all menu entries (one to
/// three words, no sentence punctuation), one of them a well-known menu
/// word: returns the end of the run.
fn navigation_run(lines: &[Line], start: usize) -> Option<usize> {
    fn item<'a>(l: &Line<'a>) -> Option<&'a str> {
        strip_bullet(l.text).filter(|t| {
            t.len() <= 30
                && t.split_whitespace().count() <= 3
                && !t.ends_with(['.', ',', ';', ':', '!', '?'])
        })
    }
    item(&lines[start])?;
    let mut end = start;
    let mut menu_word = false;
    while let Some(text) = lines.get(end).and_then(item) {
        menu_word |= MENU_WORDS.contains(&text.to_lowercase().as_str());
        end += 1;
    }
    (end - start >= 3 && menu_word).then_some(end)
}

/// `Share:`, `Поділитися:`, `Share: Facebook X LinkedIn` (in lower case).
fn is_share_label(lower: &str) -> bool {
    if lower.len() > MAX_WIDGET {
        return false;
    }
    let (label, rest) = match lower.split_once(':') {
        Some((label, rest)) => (label.trim(), rest.trim()),
        None => (lower.trim(), ""),
    };
    SHARE_LABELS.contains(&label) && (rest.is_empty() || only_platforms(rest))
}

fn only_platforms(text: &str) -> bool {
    text.split([' ', ',', '|', '/', '·', '•'])
        .filter(|w| !w.is_empty())
        .all(|w| PLATFORMS.contains(&w.trim_matches(|c: char| !c.is_alphanumeric())))
}

/// A line of share buttons: platform names only; a single one only just
/// after a share label (a lone `Telegram` might be a heading).
fn is_share_buttons(lower: &str, after_label: bool) -> bool {
    let first = lower
        .split([' ', ',', '|', '/', '·', '•'])
        .find(|w| !w.is_empty())
        .unwrap_or("");
    if lower.len() > 100 || !PLATFORMS.contains(&first.trim_matches(|c: char| !c.is_alphanumeric()))
    {
        return false;
    }
    if lower.split_whitespace().nth(8).is_some() {
        return false;
    }
    // Names only: a bare `x` or `link` is not enough to call a line buttons.
    let names = lower
        .split([' ', ',', '|', '/', '·', '•'])
        .filter(|w| w.chars().count() > 1 && !matches!(*w, "link" | "copy" | "mail"))
        .count();
    let words = lower.split_whitespace().count();
    only_platforms(lower) && (names >= 2 || after_label && names >= 1) && words <= 8
}

fn is_comment_count(lower: &str) -> bool {
    if lower.len() > 40 {
        return false;
    }
    let lower = lower.trim_end_matches(')');
    let (count, word) = match lower.split_once([' ', '(']) {
        Some((a, b)) => (a.trim(), b.trim_matches([' ', '('])),
        None => return matches!(lower, "comments" | "коментарі" | "комментарии"),
    };
    let is_count = |t: &str| t == "no" || t == "one" || t.chars().all(|c| c.is_ascii_digit());
    let is_word = |t: &str| {
        matches!(
            t,
            "comment" | "comments" | "responses" | "replies" | "коментарів" | "коментарі"
        )
    };
    (is_count(count) && is_word(word)) || (is_word(count) && is_count(word))
}

fn is_comment_form_start(lower: &str) -> bool {
    lower.len() <= 40
        && matches!(
            lower.trim_end_matches(['.', ':']),
            "leave a reply"
                | "leave a comment"
                | "add a comment"
                | "post a comment"
                | "write a comment"
                | "join the conversation"
                | "залишити коментар"
                | "оставить комментарий"
        )
}

/// `6 min read`, `4 minute read`, `Reading time: 4 minutes`, `Час читання: 5 хв`.
fn is_reading_time(lower: &str) -> bool {
    if lower.len() > 60 || lower.split_whitespace().count() > 6 {
        return false;
    }
    for label in [
        "reading time",
        "read time",
        "estimated reading time",
        "час читання",
        "время чтения",
    ] {
        if let Some(rest) = lower.strip_prefix(label) {
            return rest
                .trim_start_matches([':', ' '])
                .starts_with(|c: char| c.is_ascii_digit());
        }
    }
    let Some(rest) = lower
        .strip_prefix(|c: char| c.is_ascii_digit())
        .map(|r| r.trim_start_matches(|c: char| c.is_ascii_digit()))
    else {
        return false;
    };
    let rest = rest.trim_start_matches(['-', '–', ' ']);
    ["min", "mins", "minute", "minutes", "хв", "мин"]
        .iter()
        .any(|unit| {
            rest.strip_prefix(unit).is_some_and(|after| {
                matches!(
                    after.trim(),
                    "" | "read" | "reading" | "read time" | "читання" | "чтения"
                )
            })
        })
}

/// `A A A`, `A- A+`, `Font size: A- A+`, `Text size`.
fn is_font_size_widget(text: &str, lower: &str) -> bool {
    if !(text.starts_with('A') || lower.starts_with(['f', 't', 'р'])) {
        return false;
    }
    let widget = |t: &str| {
        let tokens: Vec<&str> = t.split_whitespace().collect();
        !tokens.is_empty()
            && tokens
                .iter()
                .all(|w| matches!(*w, "A" | "A+" | "A-" | "A−" | "Aa" | "AA" | "AAA" | "A++"))
            && (tokens.len() >= 2 || matches!(tokens[0], "A+" | "A-" | "A−" | "AAA"))
    };
    for label in ["font size", "text size", "розмір шрифту", "размер шрифта"]
    {
        if let Some(rest) = lower.strip_prefix(label) {
            let rest = rest.trim_start_matches([':', ' ']);
            let offset = text.len() - rest.len();
            return rest.is_empty() || text.get(offset..).is_some_and(widget);
        }
    }
    widget(text)
}

/// `Home > Analysis > Energy`, `Home / Publications / Briefs`; at the head
/// of a page also `Analysis > Energy > Gas` (lower down, `A > B > C` may
/// be the text's own).
fn is_breadcrumb(text: &str, at_head: bool) -> bool {
    if !text.contains(['>', '›', '»', '/', '→', '⟩']) {
        return false;
    }
    for sep in [" > ", " › ", " » ", " / ", " → ", " ⟩ "] {
        if !text.contains(sep) {
            continue;
        }
        let parts: Vec<&str> = text.split(sep).map(str::trim).collect();
        let short = parts.iter().all(|p| {
            !p.is_empty()
                && p.split_whitespace().count() <= 5
                && !p.ends_with(['.', '!', '?', ',', ';'])
        });
        let home = HOME_WORDS.contains(&parts[0].to_lowercase().as_str());
        let arrow = sep != " / ";
        if short && ((home && parts.len() >= 2) || (at_head && arrow && parts.len() >= 3)) {
            return true;
        }
    }
    false
}

/// A tagline printed above the title: `… analysis for lawmakers since 1921`.
fn is_masthead(lower: &str) -> bool {
    if !lower.ends_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    let words: Vec<&str> = lower.split_whitespace().collect();
    words.len() <= 12
        && words.len() >= 3
        && words[words.len() - 2] == "since"
        && words[words.len() - 1].len() == 4
        && words[words.len() - 1].chars().all(|c| c.is_ascii_digit())
}

fn is_image_file(lower: &str) -> bool {
    !lower.contains(' ')
        && [".jpg", ".jpeg", ".png", ".gif", ".webp", ".svg", ".avif"]
            .iter()
            .any(|ext| lower.ends_with(ext))
}

/// `Photo: …`, `… (photo: Ukrainian Sea Ports Authority)`, `… / Reuters`.
fn is_caption(lower: &str) -> bool {
    if lower.len() > MAX_CAPTION {
        return false;
    }
    const STARTS: &[&str] = &[
        "photo:",
        "photo by ",
        "photo credit",
        "photograph:",
        "photos:",
        "image:",
        "image credit",
        "picture:",
        "illustration:",
        "illustrative photo",
        "фото:",
        "фото ",
        "світлина:",
    ];
    const IN_PARENTHESES: &[&str] = &[
        "(photo:",
        "(photo by",
        "(image:",
        "(credit:",
        "(фото:",
        "(ap photo",
    ];
    const INSIDE: &[&str] = &["getty images", "shutterstock", "epa-efe"];
    const ENDS: &[&str] = &[
        "/ reuters",
        "/reuters",
        "/ afp",
        "/afp",
        "/ ap",
        "/ epa",
        "/ dpa",
        "/ ukrinform",
    ];
    // Each list is looked for only when a character it needs is there:
    // most lines are text, and are passed over after one or two scans.
    STARTS.iter().any(|s| lower.starts_with(s))
        || (lower.contains('(') && IN_PARENTHESES.iter().any(|s| lower.contains(s)))
        || (lower.contains(':') && lower.contains("photo: "))
        || INSIDE.iter().any(|s| lower.contains(s))
        || lower.contains('/')
            && ENDS
                .iter()
                .any(|s| lower.trim_end_matches(['.', ')']).ends_with(s))
}

/// A title printed more than once at the head of a page (the browser's
/// page title `Title | Site`, then the article's heading): every copy but
/// the last is set aside; the site name is kept as the site.
fn repeated_titles(lines: &[Line], meta: &mut Meta) -> Vec<usize> {
    let head: Vec<(usize, &str)> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| !l.is_blank())
        .take(HEAD_LINES)
        .map(|(i, l)| (i, l.text))
        .collect();
    let titles: Vec<&str> = head
        .iter()
        // A title is short and does not end like a sentence: other lines
        // are not looked into.
        .map(|&(_, t)| {
            if t.len() > 200 || t.ends_with('.') || !t.contains(['|', '-', '–', '—', ':']) {
                t
            } else {
                split_site(t).0
            }
        })
        .collect();
    for (k, &title) in titles.iter().enumerate() {
        if title.len() > 200 || title.split_whitespace().count() < 3 {
            continue;
        }
        let copies: Vec<usize> = (k..head.len())
            .filter(|&j| titles[j] == title)
            .map(|j| head[j].0)
            .collect();
        if copies.len() < 2 {
            continue;
        }
        for &i in &copies {
            if let (_, Some(site)) = split_site(lines[i].text)
                && meta.site.is_none()
            {
                meta.site = Some(site.to_string());
            }
        }
        let mut copies = copies;
        copies.pop();
        return copies;
    }
    Vec::new()
}

/// `Title | Site name` → (`Title`, `Site name`).
pub(crate) fn split_site(text: &str) -> (&str, Option<&str>) {
    for sep in [" | ", " — ", " – ", " - ", " :: "] {
        if let Some((title, site)) = text.rsplit_once(sep) {
            let site = site.trim();
            if !site.is_empty()
                && site.split_whitespace().count() <= 5
                && title.split_whitespace().count() >= 3
                && !site.ends_with('.')
            {
                return (title.trim(), Some(site));
            }
        }
    }
    (text, None)
}

#[cfg(test)]
mod tests;
