//! Plain-text briefs: the shape of the seed and its many real-world variants
//! (no blank lines, hard-wrapped PDF/e-mail text, subheadings, Q&A, transcripts).

use super::SectionBuilder;
use super::dehyphen::Vocabulary;
use super::furniture;
use super::lines::{
    self, HeaderLine, classify_header, classify_text, heading_kind, is_rule, looks_like_heading,
    strip_bullet,
};
use crate::document::{Meta, Passage, PassageKind, SectionKind};
use std::collections::HashMap;

/// Lines of the widest wrapped text we re-join; longer lines are whole paragraphs.
const MAX_WRAP_WIDTH: usize = 100;
/// Narrower blocks are lists of short lines (headers, fact-sheet items), not wrapped prose.
const MIN_WRAP_WIDTH: usize = 45;

#[derive(Debug, Clone, Copy)]
pub(super) struct Line<'a> {
    indent: usize,
    pub text: &'a str,
}

impl Line<'_> {
    pub fn is_blank(&self) -> bool {
        self.text.is_empty()
    }
    fn width(&self) -> usize {
        self.indent + self.text.chars().count()
    }
}

fn split_lines(text: &str) -> Vec<Line<'_>> {
    text.lines()
        .map(|raw| {
            let trimmed_start = raw.trim_start();
            Line {
                indent: raw[..raw.len() - trimmed_start.len()].chars().count(),
                text: trimmed_start.trim_end(),
            }
        })
        .collect()
}

/// Parse clean text (see `sanitize`) into metadata and sections.
pub fn parse(text: &str, meta: &mut Meta, sections: &mut SectionBuilder) {
    read(text, meta, sections, true);
}

/// Text whose title and header were already found (a PDF's body, one
/// paragraph per line): only the body is read.
pub fn parse_body(text: &str, meta: &mut Meta, sections: &mut SectionBuilder) {
    read(text, meta, sections, false);
}

fn read(text: &str, meta: &mut Meta, sections: &mut SectionBuilder, header: bool) {
    let all = furniture::sift(split_lines(text), meta, sections);
    let body_start = if header { read_header(&all, meta) } else { 0 };
    let body = &all[body_start..];
    let speakers = mixed_case_speakers(body);
    let blocks: Vec<&[Line]> = body
        .split(|l| l.is_blank())
        .filter(|b| !b.is_empty())
        .collect();
    let headings = heading_blocks(&blocks);
    let mut words = Vocabulary::new(text);
    for (block, heading) in blocks.iter().zip(headings) {
        read_block(block, heading, &speakers, &mut words, sections);
    }
}

/// Which blocks are headings, and of what kind: a `Commentary` line always;
/// a single short heading-like line only if text follows it. A heading-like
/// line followed by another heading, or ending the brief, heads nothing: it
/// is a paragraph ("What comes next" before `Commentary`), not an empty
/// section.
fn heading_blocks(blocks: &[&[Line]]) -> Vec<Option<SectionKind>> {
    let mut out = vec![None; blocks.len()];
    let mut next_is_heading = true; // the end of the brief: nothing to head
    for (i, block) in blocks.iter().enumerate().rev() {
        let heading = match block {
            [line] => {
                let kind = heading_kind(line.text);
                (kind == SectionKind::Commentary
                    || !next_is_heading && looks_like_heading(line.text))
                .then_some(kind)
            }
            _ => None,
        };
        out[i] = heading;
        next_is_heading = heading.is_some();
    }
    out
}

/// Category/series lines, bylines, dates and URLs above the title; returns the
/// index of the first body line.
fn read_header(all: &[Line], meta: &mut Meta) -> usize {
    let mut plain: Vec<&str> = Vec::new();
    // Only asked about a line below a title: most briefs never need it.
    let mut transcript_known: Option<bool> = None;
    let mut transcript = || *transcript_known.get_or_insert_with(|| is_transcript(all));
    let mut i = 0;
    while i < all.len() {
        let line = all[i];
        if line.is_blank() {
            i += 1;
            continue;
        }
        let category_line = heading_kind(line.text) == SectionKind::Commentary
            && plain.is_empty()
            && all
                .get(i + 1)
                .is_some_and(|n| !n.is_blank() && title_like(n.text) && looks_like_heading(n.text));
        if (heading_kind(line.text) == SectionKind::Commentary && !category_line)
            || strip_bullet(line.text).is_some()
            || lines::speaker_turn(line.text).is_some()
        {
            break;
        }
        match classify_header(line.text) {
            HeaderLine::Url(url) => meta.source = meta.source.take().or(Some(url.to_string())),
            HeaderLine::Date(date) => meta.date = meta.date.take().or(Some(date.to_string())),
            HeaderLine::Byline(by) => meta.byline = Some(by.to_string()),
            HeaderLine::Field(key, value) => super::apply_field(meta, &key, value.to_string()),
            HeaderLine::Plain(text)
                if plain_has_title(&plain, text) && is_place(text) && transcript() =>
            {
                // Under a transcript's title: where it was said.
                match &mut meta.place {
                    Some(place) => {
                        place.push_str(", ");
                        place.push_str(text);
                    }
                    None => meta.place = Some(text.to_string()),
                }
            }
            HeaderLine::Plain(text) => {
                // The header ends at the first line that is body text, or at the
                // first plain line once a title is known. A transcript's title
                // stands above its first turn; a title under a category line
                // that stands alone is the title even when the text below is
                // wrapped to nearly its width.
                let alone = stands_alone(all, i)
                    || (plain.len() == 1
                        && all[i - 1].width() < line.width()
                        && all
                            .get(i + 1)
                            .is_some_and(|n| n.text.starts_with(|c: char| c.is_uppercase())))
                    || transcript();
                if !title_like(text) || !alone || plain_has_title(&plain, text) {
                    break;
                }
                plain.push(text);
            }
        }
        i += 1;
    }
    match plain.as_slice() {
        [] => {}
        [title] => meta.title = title.to_string(),
        [first, second, ..] => {
            meta.category = Some(first.to_string());
            meta.title = second.to_string();
        }
    }
    i
}

/// Decide whether a new plain header line still belongs before the title.
fn plain_has_title(plain: &[&str], next: &str) -> bool {
    match plain {
        [] => false,
        // A short first line followed by a longer one is a category line.
        [first] => {
            let (a, b) = (first.chars().count(), next.chars().count());
            !(a <= 40 && b > a)
        }
        _ => true,
    }
}

/// A header line is not the first line of a wrapped paragraph: what follows
/// it is a blank line, another header line, or body text that could not be a
/// title; or a title-like line that itself stands alone.
fn stands_alone(all: &[Line], i: usize) -> bool {
    let ends_header = |j: usize| match all.get(j) {
        None => true,
        Some(line) if line.is_blank() => true,
        Some(line) => !matches!(classify_header(line.text), HeaderLine::Plain(_)),
    };
    if breaks_before_wrapped_text(all, i) {
        return true;
    }
    match all.get(i + 1) {
        Some(next) if !ends_header(i + 1) && short_unstopped(next.text) => ends_header(i + 2),
        _ => true,
    }
}

/// Line `i` is followed by hard-wrapped text whose first word would have
/// fitted after it: a text wrapper would not have broken there, so the
/// line ends on its own (a title above a brief with no blank lines).
fn breaks_before_wrapped_text(all: &[Line], i: usize) -> bool {
    let after: Vec<&Line> = all[i + 1..]
        .iter()
        .take_while(|l| !l.is_blank())
        .take(8)
        .collect();
    let Some(first) = after.first() else {
        return false;
    };
    let width = after.iter().map(|l| l.width()).max().unwrap_or(0);
    let first_word = first.text.split_whitespace().next().unwrap_or("");
    after.len() >= 2
        && (MIN_WRAP_WIDTH..=MAX_WRAP_WIDTH).contains(&width)
        && all[i].width() + 1 + first_word.chars().count() <= width
}

/// Several speaker turns near the start: a transcript.
fn is_transcript(all: &[Line]) -> bool {
    all.iter()
        .take(400)
        .filter(|l| lines::speaker_turn(l.text).is_some())
        .nth(1)
        .is_some()
}

/// `James S. Brady Press Briefing Room`, `Warsaw, Poland`: a short line
/// without sentence punctuation under a transcript's title.
fn is_place(text: &str) -> bool {
    text.split_whitespace().count() <= 10 && looks_like_heading(text) && title_like(text)
}

/// Titles are short and do not end like a sentence (a question mark is
/// fine), nor hold one sentence ending and the next starting: that is a
/// paragraph whose final full stop is missing.
fn title_like(text: &str) -> bool {
    short_unstopped(text) && !has_sentence_break(text)
}

fn short_unstopped(text: &str) -> bool {
    text.chars().count() <= 200 && !text.ends_with(['.', ',', ';', '。'])
}

/// `word. Next`: a full stop after a word of four or more letters (not
/// `Mr.`, `U.S.`, `No.`), then a capital; or a CJK full stop inside the text.
fn has_sentence_break(text: &str) -> bool {
    if text.trim_end().trim_end_matches('。').contains('。') {
        return true;
    }
    // Most titles have no full stop at all: skip the walk over the words.
    if !text.bytes().any(|b| matches!(b, b'.' | b'!' | b'?')) {
        return false;
    }
    let mut previous: Option<&str> = None;
    for word in text.split_whitespace() {
        let ends_sentence = previous
            .and_then(|p| p.strip_suffix(['.', '!', '?']))
            .is_some_and(|stem| {
                stem.chars().count() >= 4 && stem.chars().all(char::is_alphanumeric)
            });
        if ends_sentence && word.starts_with(char::is_uppercase) {
            return true;
        }
        previous = Some(word);
    }
    false
}

/// Mixed-case labels (`Kirby: …`) count as speakers only when they start at
/// least two lines: one `Note: …` is not a transcript.
fn mixed_case_speakers(body: &[Line]) -> Vec<String> {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for line in body {
        if let Some((name, _)) = lines::split_label(line.text)
            && name.chars().next().is_some_and(char::is_uppercase)
            && name
                .split_whitespace()
                .all(|w| w.chars().next().is_some_and(char::is_uppercase))
        {
            *counts.entry(name).or_default() += 1;
        }
    }
    let mut speakers: Vec<String> = counts
        .into_iter()
        .filter(|&(name, n)| {
            n >= 2 && !matches!(name.to_lowercase().as_str(), "note" | "source" | "update")
        })
        .map(|(name, _)| name.to_string())
        .collect();
    speakers.sort();
    speakers
}

fn read_block(
    block: &[Line],
    heading: Option<SectionKind>,
    speakers: &[String],
    words: &mut Vocabulary,
    out: &mut SectionBuilder,
) {
    // A single short line between blank lines is a heading (see `heading_blocks`).
    if let ([line], Some(kind)) = (block, heading) {
        out.start(kind, Some(line.text.trim_end_matches(':').to_string()));
        return;
    }
    let block_width = block.iter().map(|l| l.width()).max().unwrap_or(0);
    let wrapped = is_wrapped(block, block_width);
    let mut current: Option<Item> = None;
    let mut index = 0;
    while index < block.len() {
        let line = block[index];
        // Setext heading: a short line underlined with === or ---.
        if let Some(next) = block.get(index + 1)
            && is_rule(next.text)
            && looks_like_heading(line.text)
        {
            flush(&mut current, speakers, out);
            out.start(heading_kind(line.text), Some(line.text.to_string()));
            index += 2;
            continue;
        }
        index += 1;
        if is_rule(line.text) {
            flush(&mut current, speakers, out);
            continue;
        }
        let starts_item = strip_bullet(line.text).is_some()
            || lines::speaker_turn(line.text).is_some()
            || line.text.starts_with('>') && !current.as_ref().is_some_and(|c| c.quote);
        let continues = match &current {
            Some(item) if !starts_item && wrapped => item.continues_with(line, block_width),
            _ => false,
        };
        if continues {
            if let Some(item) = current.as_mut() {
                item.push(line, words);
            }
            continue;
        }
        flush(&mut current, speakers, out);
        // In a block of one passage per line, a heading-like line followed by
        // longer text is a heading.
        if !wrapped
            && block.len() > 1
            && looks_like_heading(line.text)
            && block
                .get(index)
                .is_some_and(|n| n.text.chars().count() > line.text.chars().count())
        {
            out.start(heading_kind(line.text), Some(line.text.to_string()));
            continue;
        }
        current = Some(Item::new(line));
    }
    flush(&mut current, speakers, out);
}

/// A block is hard-wrapped prose if it has several lines and none is longer
/// than a typical wrap width.
fn is_wrapped(block: &[Line], widest: usize) -> bool {
    block.len() >= 2 && (MIN_WRAP_WIDTH..=MAX_WRAP_WIDTH).contains(&widest)
}

/// Lines gathered into one passage.
struct Item {
    indent: usize,
    text: String,
    last_width: usize,
    last_text_end: char,
    quote: bool,
    bullet: bool,
}

impl Item {
    fn new(line: Line) -> Item {
        Item {
            indent: line.indent,
            text: line.text.to_string(),
            last_width: line.width(),
            last_text_end: line.text.chars().last().unwrap_or(' '),
            quote: line.text.starts_with('>'),
            bullet: strip_bullet(line.text).is_some(),
        }
    }

    /// Would a text wrapper have broken the previous line here? If the next
    /// line's first word had fitted on the previous line, the break was the
    /// author's: a new passage starts.
    fn continues_with(&self, line: Line, width: usize) -> bool {
        let first_word = line.text.split_whitespace().next().unwrap_or("");
        let would_fit = self.last_width + 1 + first_word.chars().count() <= width;
        let ends_sentence = lines::ends_sentence(self.last_text_end);
        if self.bullet {
            // Continuation lines of a list item are usually indented under its text.
            return line.indent > self.indent || !(would_fit && ends_sentence);
        }
        if line.indent > self.indent + 1 {
            return false; // a first-line indent starts a paragraph
        }
        if self.last_text_end == '-' && line.text.starts_with(char::is_lowercase) {
            return true; // a word broken at the line end
        }
        !would_fit || !ends_sentence && !would_fit_far(self.last_width, width)
    }

    fn push(&mut self, line: Line, words: &mut Vocabulary) {
        // A word broken at the line end: re-joined without its hyphen when
        // the joined word is the word, else kept whole with its hyphen
        // ("two-thirds"); either way, no space.
        let broken = self.text.ends_with('-')
            && self.text[..self.text.len() - 1].ends_with(char::is_alphabetic)
            && line.text.starts_with(char::is_lowercase);
        if broken {
            let left = self.text[..self.text.len() - 1]
                .rsplit(|c: char| !c.is_alphanumeric() && c != '-')
                .next()
                .unwrap_or("");
            let right = line
                .text
                .split(|c: char| !c.is_alphanumeric())
                .next()
                .unwrap_or("");
            if words.joins(left, right) {
                self.text.pop();
            }
        } else {
            self.text.push(' ');
        }
        self.text.push_str(line.text);
        self.last_width = line.width();
        self.last_text_end = line.text.chars().last().unwrap_or(' ');
    }
}

/// A line much shorter than the block's width ends a paragraph even without
/// final punctuation (headings-in-text, signatures).
fn would_fit_far(last_width: usize, width: usize) -> bool {
    last_width * 2 < width
}

fn flush(current: &mut Option<Item>, speakers: &[String], out: &mut SectionBuilder) {
    let Some(item) = current.take() else { return };
    let text = item.text.as_str();
    if let Some(rest) = strip_bullet(text) {
        let depth = out.bullet_depth(item.indent);
        let mut passage = Passage::new(PassageKind::Bullet, rest);
        passage.depth = depth;
        // `1.` `12)` `a)`: the number is part of what the list says.
        let marker = text[..text.len() - rest.len()].trim();
        if marker.starts_with(|c: char| c.is_ascii_alphanumeric()) {
            passage.marker = Some(marker.to_string());
        }
        out.push(passage);
        return;
    }
    let (kind, text) = classify_text(text, speakers);
    out.push(Passage::new(kind, text));
}
