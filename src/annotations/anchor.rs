//! Finding an annotation's text again: the position hint, then an exact
//! search for the quote, then a fuzzy match on its words. An annotation that
//! cannot be placed is detached, never dropped.

use super::{Anchor, Annotation};
use std::collections::HashSet;
use std::ops::Range;
use unicode_segmentation::UnicodeSegmentation;

/// A stretch of one passage's text: what an annotation covers.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Span {
    /// Index of the passage in reading order.
    pub passage: usize,
    /// Byte offsets into the passage's text (always on char boundaries).
    pub bytes: Range<usize>,
}

impl Span {
    pub fn new(passage: usize, bytes: Range<usize>) -> Span {
        Span { passage, bytes }
    }

    /// All of passage `passage`, whose text is `text`.
    pub fn whole(passage: usize, text: &str) -> Span {
        Span::new(passage, 0..text.len())
    }

    /// The text it covers, given every passage's text ("" when the texts
    /// are not the ones it was placed on).
    pub fn quote<'t>(&self, passages: &[&'t str]) -> &'t str {
        passages
            .get(self.passage)
            .and_then(|text| text.get(self.bytes.clone()))
            .unwrap_or("")
    }
}

/// Where an annotation sits in the brief as loaded now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Placement {
    /// On a stretch of one passage.
    Attached(Span),
    /// On the brief as a whole.
    Brief,
    /// Its text is gone; shown with its quote until re-attached or deleted.
    Detached,
}

impl Placement {
    pub fn passage(&self) -> Option<usize> {
        match self {
            Placement::Attached(span) => Some(span.passage),
            _ => None,
        }
    }

    /// The stretch of text it covers, when it is on one.
    pub fn span(&self) -> Option<&Span> {
        match self {
            Placement::Attached(span) => Some(span),
            _ => None,
        }
    }
}

/// How many characters of context an anchor keeps on each side.
pub const CONTEXT_CHARS: usize = 32;

/// A quote longer than this (in characters) is stored as its first and
/// last `QUOTE_END_CHARS` characters plus a hash of the whole.
pub const MAX_QUOTE_CHARS: usize = 200;
pub const QUOTE_END_CHARS: usize = 96;

fn hash_hex(text: &str) -> String {
    format!("{:016x}", super::stable_hash(text))
}

impl Anchor {
    /// Anchor `span`, a stretch of the passage whose text is `text`.
    pub fn new(text: &str, span: &Span) -> Anchor {
        let (passage, start, end) = (span.passage, span.bytes.start, span.bytes.end);
        let before = &text[..start];
        let after = &text[end..];
        let prefix_start = before
            .char_indices()
            .rev()
            .nth(CONTEXT_CHARS - 1)
            .map_or(0, |(i, _)| i);
        let suffix_end = after
            .char_indices()
            .nth(CONTEXT_CHARS)
            .map_or(after.len(), |(i, _)| i);
        let quote = &text[start..end];
        let chars = quote.chars().count();
        let (exact, exact_end, exact_hash) = if chars > MAX_QUOTE_CHARS {
            let head_end = quote
                .char_indices()
                .nth(QUOTE_END_CHARS)
                .map_or(quote.len(), |(i, _)| i);
            let tail_start = quote
                .char_indices()
                .nth(chars - QUOTE_END_CHARS)
                .map_or(0, |(i, _)| i);
            (
                quote[..head_end].to_string(),
                quote[tail_start..].to_string(),
                hash_hex(quote),
            )
        } else {
            (quote.to_string(), String::new(), String::new())
        };
        Anchor {
            exact,
            exact_end,
            exact_hash,
            prefix: before[prefix_start..].to_string(),
            suffix: after[..suffix_end].to_string(),
            passage,
            char_start: before.chars().count(),
            char_end: before.chars().count() + chars,
        }
    }

    fn is_whole_passage(&self) -> bool {
        self.char_start == 0 && self.prefix.is_empty() && self.suffix.is_empty()
    }

    /// Whether only the ends of a long quote are stored.
    pub fn is_cut(&self) -> bool {
        !self.exact_end.is_empty()
    }

    /// The quote for people: whole, or its start and end around " … ".
    pub fn quote(&self) -> std::borrow::Cow<'_, str> {
        if self.is_cut() {
            format!("{} … {}", self.exact, self.exact_end).into()
        } else {
            self.exact.as_str().into()
        }
    }

    /// The words the fuzzy match looks for: all that is stored of the quote.
    fn stored_text(&self) -> std::borrow::Cow<'_, str> {
        if self.is_cut() {
            format!("{}\n{}", self.exact, self.exact_end).into()
        } else {
            self.exact.as_str().into()
        }
    }

    /// The end (a byte offset in `text`) of the quote if it starts at byte
    /// `start` there: None when the text there is not the quote.
    fn ends_at(&self, text: &str, start: usize) -> Option<usize> {
        let rest = text.get(start..)?;
        if !self.is_cut() {
            return rest
                .starts_with(self.exact.as_str())
                .then_some(start + self.exact.len());
        }
        if !rest.starts_with(self.exact.as_str()) {
            return None;
        }
        let chars = self.char_end.checked_sub(self.char_start)?;
        let len = byte_offset(rest, chars)?;
        let quote = &rest[..len];
        (quote.ends_with(self.exact_end.as_str()) && hash_hex(quote) == self.exact_hash)
            .then_some(start + len)
    }
}

/// Place every annotation on `passages` (the brief's passage texts in
/// reading order). The result is parallel to `annotations`.
pub fn place_all(passages: &[&str], annotations: &[Annotation]) -> Vec<Placement> {
    // The word-pair index for fuzzy matching is built once, and only if an
    // annotation needs it (most are found by their hint).
    let mut index: Option<PairIndex> = None;
    annotations
        .iter()
        .map(|a| match &a.anchor {
            None => Placement::Brief,
            Some(anchor) if anchor.exact.is_empty() => Placement::Detached,
            Some(anchor) => by_hint(passages, anchor)
                .or_else(|| by_exact_search(passages, anchor))
                .or_else(|| {
                    let index = index.get_or_insert_with(|| PairIndex::new(passages));
                    by_fuzzy_match(passages, index, anchor)
                })
                .unwrap_or(Placement::Detached),
        })
        .collect()
}

/// Place one anchor (the reading position) on `passages`: None if its
/// text is gone.
pub fn place_one(passages: &[&str], anchor: &Anchor) -> Option<Placement> {
    if anchor.exact.is_empty() {
        return None;
    }
    by_hint(passages, anchor)
        .or_else(|| by_exact_search(passages, anchor))
        .or_else(|| by_fuzzy_match(passages, &PairIndex::new(passages), anchor))
}

fn byte_offset(text: &str, chars: usize) -> Option<usize> {
    if chars == 0 {
        return Some(0);
    }
    text.char_indices()
        .nth(chars)
        .map(|(i, _)| i)
        .or_else(|| (text.chars().count() == chars).then_some(text.len()))
}

fn by_hint(passages: &[&str], anchor: &Anchor) -> Option<Placement> {
    let text = passages.get(anchor.passage)?;
    let start = byte_offset(text, anchor.char_start)?;
    let end = anchor.ends_at(text, start)?;
    Some(Placement::Attached(Span::new(anchor.passage, start..end)))
}

/// Characters shared by the end of `a` and the end of `b`.
fn common_suffix(a: &str, b: &str) -> usize {
    a.chars()
        .rev()
        .zip(b.chars().rev())
        .take_while(|(x, y)| x == y)
        .count()
}

fn common_prefix(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}

/// Passage indices by distance from `hint`: hint, hint+1, hint-1, hint+2, …
fn outward(hint: usize, len: usize) -> impl Iterator<Item = usize> {
    let hint = hint.min(len.saturating_sub(1));
    (0..len * 2)
        .filter_map(move |k| {
            let step = k.div_ceil(2);
            if k % 2 == 1 {
                hint.checked_add(step).filter(|&i| i < len)
            } else {
                hint.checked_sub(step)
            }
        })
        .take(len)
}

fn by_exact_search(passages: &[&str], anchor: &Anchor) -> Option<Placement> {
    let perfect = anchor.prefix.chars().count() + anchor.suffix.chars().count();
    let mut best: Option<(i64, Placement)> = None;
    // Nearest first: the first occurrence with its whole context intact is
    // the answer, and most moved quotes moved only a little.
    for i in outward(anchor.passage, passages.len()) {
        let text = passages[i];
        for (start, _) in text.match_indices(anchor.exact.as_str()) {
            let Some(end) = anchor.ends_at(text, start) else {
                continue;
            };
            let context = common_suffix(&text[..start], &anchor.prefix)
                + common_prefix(&text[end..], &anchor.suffix);
            let distance = i.abs_diff(anchor.passage).min(10_000);
            // Context outweighs distance: a quote with its surroundings intact
            // is the same text even if it moved far.
            let score = (context as i64) * 1000 - distance as i64;
            if best.as_ref().is_none_or(|(s, _)| score > *s) {
                best = Some((score, Placement::Attached(Span::new(i, start..end))));
            }
            if context == perfect {
                return best.map(|(_, p)| p);
            }
        }
    }
    best.map(|(_, p)| p)
}

fn words(text: &str) -> Vec<String> {
    text.unicode_words().map(str::to_lowercase).collect()
}

fn bigrams(words: &[String]) -> HashSet<(&str, &str)> {
    if words.len() == 1 {
        return std::iter::once((words[0].as_str(), "")).collect();
    }
    words
        .windows(2)
        .map(|w| (w[0].as_str(), w[1].as_str()))
        .collect()
}

/// Share of the quote's word pairs found in `text`.
fn overlap(quote: &HashSet<(&str, &str)>, text: &str) -> f64 {
    let text_words = words(text);
    let theirs = bigrams(&text_words);
    if quote.is_empty() {
        return 0.0;
    }
    quote.iter().filter(|b| theirs.contains(*b)).count() as f64 / quote.len() as f64
}

/// Which passages hold which word pairs: built once per placing.
struct PairIndex {
    passages: std::collections::HashMap<u64, Vec<usize>>,
}

fn pair_key(a: &str, b: &str) -> u64 {
    super::stable_hash(&format!("{a}\u{1f}{b}"))
}

impl PairIndex {
    fn new(passages: &[&str]) -> PairIndex {
        let mut map: std::collections::HashMap<u64, Vec<usize>> = std::collections::HashMap::new();
        for (i, text) in passages.iter().enumerate() {
            let w = words(text);
            for pair in bigrams(&w) {
                let list = map.entry(pair_key(pair.0, pair.1)).or_default();
                if list.last() != Some(&i) {
                    list.push(i);
                }
            }
        }
        PairIndex { passages: map }
    }
}

/// The quote was edited (a word changed, punctuation fixed): find the
/// passage sharing most of its word pairs, then the sentences within it.
fn by_fuzzy_match(passages: &[&str], index: &PairIndex, anchor: &Anchor) -> Option<Placement> {
    const THRESHOLD: f64 = 0.5;
    let stored = anchor.stored_text();
    let quote_words = words(&stored);
    if quote_words.is_empty() {
        return None;
    }
    let quote = bigrams(&quote_words);
    let mut hits: std::collections::HashMap<usize, usize> = std::collections::HashMap::new();
    for (a, b) in &quote {
        for &p in index
            .passages
            .get(&pair_key(a, b))
            .map(Vec::as_slice)
            .unwrap_or(&[])
        {
            *hits.entry(p).or_default() += 1;
        }
    }
    let mut best: Option<(f64, usize)> = None;
    for (&i, &n) in &hits {
        let score = n as f64 / quote.len() as f64 - i.abs_diff(anchor.passage) as f64 * 1e-9;
        if score >= THRESHOLD && best.is_none_or(|(s, b)| score > s || (score == s && i < b)) {
            best = Some((score, i));
        }
    }
    let (_, passage) = best?;
    let text = passages[passage];
    if anchor.is_whole_passage() {
        return Some(Placement::Attached(Span::whole(passage, text)));
    }
    // The run of sentences that share the quote's words.
    let matching: Vec<(usize, usize)> = text
        .split_sentence_bound_indices()
        .filter(|(_, s)| {
            overlap(&quote, s) > 0.0 && overlap(&bigrams(&words(s)), &stored) >= THRESHOLD
        })
        .map(|(i, s)| (i, i + s.trim_end().len()))
        .collect();
    let (start, end) = match (matching.first(), matching.last()) {
        (Some(first), Some(last)) => (first.0, last.1),
        _ => (0, text.len()),
    };
    Some(Placement::Attached(Span::new(passage, start..end)))
}
