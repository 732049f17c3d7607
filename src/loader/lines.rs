//! Recognisers for single lines of a brief: bullets, headings, speaker turns,
//! questions and header metadata. Shared by the plain-text and Markdown readers.

use crate::document::{PassageKind, SectionKind};

pub use super::dates::{is_date, iso_date};

/// Bullet glyphs seen in real briefs (word processors, PDFs, e-mail).
const BULLET_GLYPHS: &[char] = &[
    '•', '-', '*', '►', '▪', '▸', '‣', '◦', '○', '●', '■', '□', '–', '—', '➢', '➤', '✓', '✔', '·',
];

/// If `text` (already left-trimmed) starts with a list marker, the text after it.
pub fn strip_bullet(text: &str) -> Option<&str> {
    let mut chars = text.char_indices();
    let (_, first) = chars.next()?;
    if BULLET_GLYPHS.contains(&first) {
        let rest = &text[first.len_utf8()..];
        // "-" and "*" need a space after them, or "-5%" and "*emphasis*" would be bullets.
        if rest.starts_with(' ')
            || (!matches!(first, '-' | '*' | '·' | '—' | '–') && !rest.is_empty())
        {
            let rest = rest.trim_start();
            return (!rest.is_empty()).then_some(rest);
        }
        return None;
    }
    // "1." "12)" "a)" numbered items: the marker is within the first bytes.
    let marker_end = text.bytes().take(4).position(|b| b == b'.' || b == b')')?;
    let marker = &text[..marker_end];
    let numbered = (1..=3).contains(&marker.len()) && marker.chars().all(|c| c.is_ascii_digit());
    let lettered = marker.len() == 1
        && marker.chars().all(|c| c.is_ascii_lowercase())
        && text[marker_end..].starts_with(')');
    if !(numbered || lettered) {
        return None;
    }
    let rest = &text[marker_end + 1..];
    if !rest.starts_with(' ') {
        return None;
    }
    let rest = rest.trim_start();
    (!rest.is_empty()).then_some(rest)
}

/// Punctuation that ends a sentence, in the scripts briefs come in.
pub fn ends_sentence(c: char) -> bool {
    matches!(
        c,
        '.' | '!' | '?' | ':' | '"' | '”' | '…' | '。' | '！' | '？' | '؟' | '।'
    )
}

/// Section kind for a heading text, by its well-known names.
pub fn heading_kind(heading: &str) -> SectionKind {
    // No known heading is long; a paragraph is not lower-cased to find out.
    if heading.len() > 64 {
        return SectionKind::Other;
    }
    let h = heading.trim().trim_end_matches(':').trim().to_lowercase();
    match h.as_str() {
        "commentary"
        | "comment"
        | "comments"
        | "komentarz"
        | "kommentar"
        | "commentaire"
        | "comentario"
        | "commento"
        | "комментарий"
        | "коментар"
        | "論評"
        | "评论"
        | "논평" => SectionKind::Commentary,
        "summary" | "executive summary" | "key points" | "main points" | "in brief"
        | "abstract" | "key findings" | "tl;dr" | "at a glance" | "streszczenie"
        | "zusammenfassung" | "résumé" | "resumen" | "резюме" | "要約" | "摘要" | "요약" => {
            SectionKind::Summary
        }
        _ => SectionKind::Other,
    }
}

fn word_count(text: &str) -> usize {
    text.split_whitespace().count()
}

/// A short line that reads like a heading: no sentence punctuation at the end,
/// starts with a capital or digit, a few words at most.
pub fn looks_like_heading(text: &str) -> bool {
    // Emoji after the words do not make a sentence a heading: the
    // punctuation before them decides (`…两句话。😀👍🏽`).
    let mut t = text.trim();
    if t.ends_with(|c: char| !c.is_ascii()) {
        t = t.trim_end_matches(|c: char| is_emoji_part(c) || c.is_whitespace());
    }
    if t.len() > 4 * 80 {
        return false;
    }
    let Some(first) = t.chars().next() else {
        return false;
    };
    let last = t.chars().last().unwrap_or(' ');
    t.chars().count() <= 80
        && word_count(t) <= 12
        && !ends_sentence(last)
        && !matches!(last, ',' | ';' | ')' | '、')
        && !first.is_lowercase()
        // A CJK full stop inside the line: sentences, not a heading.
        && !t.contains('。')
        && first.is_alphanumeric()
        && strip_bullet(t).is_none()
        && speaker_turn(t).is_none()
}

/// Emoji, their modifiers and joiners, and pictographic symbols.
fn is_emoji_part(c: char) -> bool {
    matches!(c,
        '\u{2600}'..='\u{27BF}'       // miscellaneous symbols, dingbats
        | '\u{2B00}'..='\u{2BFF}'     // arrows and stars
        | '\u{200D}'                  // zero-width joiner
        | '\u{20E3}'                  // combining keycap
        | '\u{FE00}'..='\u{FE0F}'     // variation selectors
        | '\u{1F000}'..='\u{1FAFF}'   // emoji, skin tones, pictographs
        | '\u{E0020}'..='\u{E007F}'   // tag characters (flags)
    )
}

/// A line made only of `=`, `-`, `_` or `*`: a Setext underline or a rule.
pub fn is_rule(text: &str) -> bool {
    let t = text.trim();
    t.chars().count() >= 3
        && t.chars()
            .all(|c| matches!(c, '=' | '-' | '_' | '*' | ' ' | '─' | '━'))
}

/// Labels that end in a colon but are not people speaking.
const NOT_SPEAKERS: &[&str] = &[
    "NOTE",
    "NB",
    "PS",
    "UPDATE",
    "EDITOR'S NOTE",
    "WARNING",
    "SOURCE",
    "SOURCES",
    "DATE",
    "TAGS",
    "CATEGORY",
    "URL",
    "HTTP",
    "HTTPS",
    "TITLE",
    "SUBJECT",
    "RE",
    "TO",
    "FROM",
    "CC",
];

/// `NAME: text` or `Q: text` / `Q  text`: the speaker and what follows.
/// Only all-capital names are taken here; mixed-case names need the whole
/// document's evidence (see `plain::mixed_case_speakers`).
pub fn speaker_turn(text: &str) -> Option<(&str, &str)> {
    if let Some(rest) = question_prefix(text) {
        return Some(("Q", rest));
    }
    if let Some(turn) = speaker_with_outlet(text) {
        return Some(turn);
    }
    let (name, rest) = split_label(text)?;
    let has_upper = name.chars().any(|c| c.is_uppercase());
    let all_caps = name.chars().all(|c| !c.is_lowercase());
    if has_upper && all_caps && !NOT_SPEAKERS.contains(&name) {
        Some((name, rest))
    } else {
        None
    }
}

/// `MS. JONES (Reuters): …`: a reporter named with the outlet, as press
/// briefing transcripts print them. The speaker keeps the outlet.
fn speaker_with_outlet(text: &str) -> Option<(&str, &str)> {
    // An all-capital name: most lines fail on their second letter.
    let mut start = text.chars();
    if !start.next().is_some_and(char::is_uppercase)
        || !start.next().is_some_and(|c| c.is_uppercase() || c == '.')
    {
        return None;
    }
    let mut end = text.len().min(80);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let close = text[..end].find(')')?;
    let rest = text[close + 1..].strip_prefix(':')?.trim();
    let open = text[..close].rfind(" (")?;
    let name = &text[..open];
    let outlet = &text[open + 2..close];
    let name_ok = !name.is_empty()
        && name.chars().any(char::is_uppercase)
        && name
            .chars()
            .all(|c| c.is_uppercase() || matches!(c, ' ' | '.' | '-' | '\'' | '’'));
    let outlet_ok = !outlet.is_empty() && outlet.split_whitespace().count() <= 5;
    (name_ok && outlet_ok && !rest.is_empty()).then_some((&text[..=close], rest))
}

/// `Label: rest` where the label is a short name-like run of words.
pub fn split_label(text: &str) -> Option<(&str, &str)> {
    // A label is short: look for its colon near the start only.
    let colon = text.bytes().take(4 * 40 + 1).position(|b| b == b':')?;
    let name = text[..colon].trim();
    let rest = text[colon + 1..].trim();
    let name_like = !name.is_empty()
        && name.chars().count() <= 40
        && word_count(name) <= 5
        && name.chars().next().is_some_and(|c| c.is_alphabetic())
        && name
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, ' ' | '.' | '-' | '\'' | '’'));
    (name_like && !rest.is_empty()).then_some((name, rest))
}

/// `Q: …`, `Q. …`, `Q  …` (spaces or no-break spaces and no colon, as in
/// White House transcripts), `QUESTION: …`. A `Q` and a single space
/// needs a capital after it and more than one word (`Q Street` is not a
/// question).
pub fn question_prefix(text: &str) -> Option<&str> {
    for prefix in ["QUESTION:", "Question:", "Q:", "Q.", "Q  ", "Q\u{2003}"] {
        if let Some(rest) = text.strip_prefix(prefix) {
            let rest = rest.trim_start();
            if !rest.is_empty() {
                return Some(rest);
            }
        }
    }
    let rest = text.strip_prefix("Q ")?;
    (rest.starts_with(|c: char| c.is_uppercase()) && rest.split_whitespace().nth(2).is_some())
        .then_some(rest)
}

/// `A: …`, `A. …`, `ANSWER: …`: the answer text.
pub fn answer_prefix(text: &str) -> Option<&str> {
    for prefix in ["ANSWER:", "Answer:", "A:", "A.  "] {
        if let Some(rest) = text.strip_prefix(prefix) {
            let rest = rest.trim_start();
            if !rest.is_empty() {
                return Some(rest);
            }
        }
    }
    None
}

/// Kind and text of a paragraph-like run of text, from its own words.
pub fn classify_text(text: &str, speakers: &[String]) -> (PassageKind, String) {
    if let Some(rest) = question_prefix(text) {
        return (PassageKind::Question, rest.to_string());
    }
    if let Some(rest) = answer_prefix(text) {
        return (PassageKind::Paragraph, rest.to_string());
    }
    if let Some(rest) = text.strip_prefix('>') {
        return (PassageKind::Quote, rest.trim().to_string());
    }
    if let Some((name, rest)) = speaker_turn(text) {
        return (turn(name), rest.to_string());
    }
    if let Some((name, rest)) = split_label(text)
        && speakers.iter().any(|s| s == name)
    {
        return (turn(name), rest.to_string());
    }
    let body = text.trim_end_matches(['?', '？', '؟']);
    let is_question = body.len() < text.len()
        && text.chars().count() <= 300
        && !body.contains(['.', '!', '?', '。', '？']);
    if is_question {
        return (PassageKind::Question, text.to_string());
    }
    (PassageKind::Paragraph, text.to_string())
}

fn turn(name: &str) -> PassageKind {
    PassageKind::Turn {
        speaker: name.to_string(),
    }
}

/// What a line above the title says about the brief.
#[derive(Debug, PartialEq, Eq)]
pub enum HeaderLine<'a> {
    Url(&'a str),
    Date(&'a str),
    Byline(&'a str),
    Field(String, &'a str),
    Plain(&'a str),
}

/// `No. 612`, `Number 612`, `Issue 12`, `Vol. 3`: the number of a series issue.
fn series_number(text: &str) -> Option<&str> {
    for prefix in ["No.", "No ", "Number", "Issue", "Vol.", "Volume", "Nr", "#"] {
        if let Some(rest) = text.strip_prefix(prefix) {
            let rest = rest.trim();
            if !rest.is_empty()
                && rest.len() <= 12
                && rest.starts_with(|c: char| c.is_ascii_digit())
            {
                return Some(text);
            }
        }
    }
    None
}

pub fn classify_header(text: &str) -> HeaderLine<'_> {
    let t = text.trim();
    let lower = t.to_lowercase();
    if (lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("www."))
        && !t.contains(' ')
    {
        return HeaderLine::Url(t);
    }
    if is_date(t) {
        return HeaderLine::Date(t);
    }
    if let Some(date) = super::furniture::labelled_date(t) {
        return HeaderLine::Date(date);
    }
    if let Some(by) = super::furniture::byline(t) {
        return HeaderLine::Byline(by);
    }
    if (t.starts_with("By ") || t.starts_with("BY ")) && word_count(t) <= 10 && !t.ends_with('.') {
        return HeaderLine::Byline(t[3..].trim());
    }
    if let Some(number) = series_number(t) {
        return HeaderLine::Field("number".to_string(), number);
    }
    if let Some((label, rest)) = split_label(t) {
        let key = label.to_lowercase();
        if matches!(
            key.as_str(),
            "date"
                | "published"
                | "source"
                | "tags"
                | "keywords"
                | "category"
                | "series"
                | "author"
                | "authors"
                | "by"
                | "url"
                | "id"
                | "subject"
        ) {
            return HeaderLine::Field(key, rest);
        }
    }
    HeaderLine::Plain(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bullets() {
        let cases: &[(&str, Option<&str>)] = &[
            ("• item", Some("item")),
            ("- item", Some("item")),
            ("* item", Some("item")),
            ("► item", Some("item")),
            ("1. first", Some("first")),
            ("12) twelfth", Some("twelfth")),
            ("a) letter", Some("letter")),
            ("-5% growth", None),
            ("*emphasis*", None),
            ("2024. A year", None),
            ("Mr. Smith", None),
            ("•", None),
        ];
        for (line, want) in cases {
            assert_eq!(strip_bullet(line), *want, "{line:?}");
        }
    }

    #[test]
    fn speakers() {
        assert_eq!(
            speaker_turn("MR. KIRBY: Good afternoon."),
            Some(("MR. KIRBY", "Good afternoon."))
        );
        assert_eq!(speaker_turn("Q: Thanks."), Some(("Q", "Thanks.")));
        assert_eq!(
            speaker_turn("Q  Mr. President"),
            Some(("Q", "Mr. President"))
        );
        assert_eq!(speaker_turn("NOTE: this"), None);
        assert_eq!(
            speaker_turn("MS. JONES (Reuters):  Does it cover cobalt?"),
            Some(("MS. JONES (Reuters)", "Does it cover cobalt?"))
        );
        assert_eq!(
            speaker_turn("Q Thank you, Ana."),
            Some(("Q", "Thank you, Ana."))
        );
        assert_eq!(speaker_turn("Q Street"), None);
        assert_eq!(speaker_turn("The rate (percent): 5"), None);
        assert_eq!(speaker_turn("Kirby: hello"), None);
        assert_eq!(speaker_turn("The ratio was 3:1"), None);
    }

    #[test]
    fn headings() {
        assert!(looks_like_heading("Background"));
        assert!(looks_like_heading("What comes next"));
        assert!(!looks_like_heading("This is a sentence."));
        assert!(!looks_like_heading("lowercase start"));
        assert!(!looks_like_heading("• Bullet"));
        assert!(looks_like_heading("Highlights 🚀"));
        assert!(!looks_like_heading("这是摘要。它有两句话。😀👍🏽"));
        assert!(!looks_like_heading("第一句。第二句"));
        assert_eq!(heading_kind("Commentary\u{a0}"), SectionKind::Commentary);
        assert_eq!(heading_kind("KEY POINTS:"), SectionKind::Summary);
    }

    #[test]
    fn header_lines() {
        assert_eq!(
            classify_header("https://example.org/x"),
            HeaderLine::Url("https://example.org/x")
        );
        assert_eq!(
            classify_header("By Anna Nowak"),
            HeaderLine::Byline("Anna Nowak")
        );
        assert_eq!(
            classify_header("Date: 2024-01-02"),
            HeaderLine::Field("date".into(), "2024-01-02")
        );
        assert_eq!(classify_header("Analyses"), HeaderLine::Plain("Analyses"));
    }
}
