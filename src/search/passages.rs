//! Finding hits without parsing: which files a check of their bytes may
//! rule out, where each passage's text is in a file (made into an index
//! entry once the file is parsed), and the hits of a file from its entry.
//!
//! Every shortcut here is exact, never a guess: a file is ruled out by its
//! bytes only when no step of the loader can make a word that is not in
//! them, and a passage is found again in the file's bytes only where its
//! text is those bytes with white space made single spaces (checked when
//! the entry is made, for the very bytes hashed).

use super::index::{Entry, Place, Source};
use super::{Hit, Query};
use crate::document::Brief;
use crate::loader::Format;
use std::borrow::Cow;
use std::ops::Range;
use std::path::Path;

/// Whether a word of a query missing from the bytes of the file at
/// `path` is missing from every passage of it: a UTF-8 `.txt` file whose
/// characters the loader keeps as they are (no control character, escape
/// sequence or invisible character to remove, which could join two pieces
/// of a word) and with no hyphen at a line end (the loader re-joins a word
/// broken there). Markdown (emphasis, entities), saved pages and PDFs are
/// parsed to be searched, once; then the index has them.
pub(super) fn bytes_tell(path: &Path, bytes: &[u8]) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    if !name.to_lowercase().ends_with(".txt")
        || crate::loader::format_of(&name, bytes) != Format::Text
    {
        return false;
    }
    let Ok(text) = std::str::from_utf8(bytes) else {
        return false;
    };
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            if !(b' '..=b'~').contains(&b) && !b"\t\n\x0B\x0C\r".contains(&b) {
                return false;
            }
            i += 1;
            continue;
        }
        let Some(c) = text[i..].chars().next() else {
            return false;
        };
        if !c.is_whitespace() && !crate::loader::sanitize::kept_as_is(c) {
            return false;
        }
        i += c.len_utf8();
    }
    !memchr::memchr_iter(b'-', bytes).any(|at| breaks_line(&text[at + 1..]))
}

/// Whether `text` starts with white space that holds a line break.
fn breaks_line(text: &str) -> bool {
    text.chars().take_while(|c| c.is_whitespace()).any(|c| {
        matches!(
            c,
            '\n' | '\r' | '\x0B' | '\x0C' | '\u{85}' | '\u{2028}' | '\u{2029}'
        )
    })
}

/// `raw` as UTF-8 with each run of white space one space, none at the
/// ends: the text of a passage whose entry is `Source::Raw`.
pub(super) fn plain_text(raw: &[u8]) -> Option<String> {
    if let Some(text) = already_plain(raw) {
        return Some(text.to_string());
    }
    let text = std::str::from_utf8(raw).ok()?;
    let mut out = String::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        // A run of visible ASCII, copied whole.
        let run = raw[i..]
            .iter()
            .take_while(|&&b| b > b' ' && b < 0x7F)
            .count();
        out.push_str(&text[i..i + run]);
        i += run;
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        if !c.is_whitespace() {
            out.push(c);
            i += c.len_utf8();
            continue;
        }
        // White space: one space, if a word comes before and after.
        let white = white_run(&raw[i..]);
        i += white;
        if !out.is_empty() && i < raw.len() {
            out.push(' ');
        }
    }
    Some(out)
}

/// `raw` as it is when it is its own plain text: printable ASCII with
/// single spaces (most passages: one line of a brief).
fn already_plain(raw: &[u8]) -> Option<&str> {
    let plain = crate::text::printable_ascii(raw)
        && raw.first() != Some(&b' ')
        && raw.last() != Some(&b' ')
        && memchr::memmem::find(raw, b"  ").is_none();
    // ASCII is UTF-8: the check cannot fail.
    plain.then(|| std::str::from_utf8(raw).ok()).flatten()
}

/// How far past the last passage found the next one is looked for, and
/// how many places where its first word is are tried: a passage not found
/// within these keeps its text in the entry (bigger, never wrong).
const WINDOW: usize = 256 * 1024;
const TRIES: usize = 64;

/// The index entry of `brief`, parsed from `bytes` (a file named `path`).
pub(super) fn entry<'a>(path: &Path, bytes: &[u8], brief: &'a Brief) -> Entry<'a> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    let searchable = matches!(
        crate::loader::format_of(&name, bytes),
        Format::Text | Format::Markdown
    ) && !bytes.starts_with(b"\xFF\xFE")
        && !bytes.starts_with(b"\xFE\xFF");
    let mut from = 0;
    let passages = brief
        .passages()
        .map(|(section, p)| {
            let found = searchable
                .then(|| locate(bytes, from, &p.text))
                .flatten()
                .filter(|r| plain_text(&bytes[r.clone()]).as_deref() == Some(p.text.as_str()));
            let source = match found {
                Some(range) => {
                    from = range.end;
                    Source::Raw(range)
                }
                None => Source::Text(Cow::Borrowed(&p.text)),
            };
            Place { section, source }
        })
        .collect();
    Entry {
        title: Cow::Borrowed(&brief.meta.title),
        sections: brief
            .sections
            .iter()
            .map(|s| s.shown_name().map(Cow::Owned))
            .collect(),
        passages,
    }
}

/// Where in `raw`, from `from` on, `text` is written with any white space
/// between its words.
fn locate(raw: &[u8], from: usize, text: &str) -> Option<Range<usize>> {
    let first = text.split(' ').next().filter(|w| !w.is_empty())?;
    let end = from.saturating_add(WINDOW + 2 * text.len()).min(raw.len());
    let window = raw.get(from..end)?;
    memchr::memmem::find_iter(window, first.as_bytes())
        .take(TRIES)
        .find_map(|at| {
            let start = from + at;
            walk(raw, start, text.as_bytes()).map(|end| start..end)
        })
}

/// Where `text` ends if it is written in `raw` from `at`, each of its
/// spaces as a run of white space.
fn walk(raw: &[u8], at: usize, text: &[u8]) -> Option<usize> {
    let mut j = at;
    for &b in text {
        if b == b' ' {
            let run = white_run(raw.get(j..)?);
            if run == 0 {
                return None;
            }
            j += run;
        } else if raw.get(j) == Some(&b) {
            j += 1;
        } else {
            return None;
        }
    }
    Some(j)
}

/// Length in bytes of the white space `raw` starts with.
fn white_run(raw: &[u8]) -> usize {
    let mut n = 0;
    while n < raw.len() {
        let b = raw[n];
        if b.is_ascii() {
            if !(b as char).is_whitespace() {
                break;
            }
            n += 1;
            continue;
        }
        let head = &raw[n..raw.len().min(n + 4)];
        let c = match std::str::from_utf8(head) {
            Ok(s) => s.chars().next(),
            Err(e) => std::str::from_utf8(&head[..e.valid_up_to()])
                .ok()
                .and_then(|s| s.chars().next()),
        };
        match c {
            Some(c) if c.is_whitespace() => n += c.len_utf8(),
            _ => break,
        }
    }
    n
}

/// The hits of a file whose bytes are `bytes`, from its entry. `lowered`
/// is a buffer to reuse. None when the entry does not fit the bytes (it
/// always does: they were hashed), and the file must be parsed.
pub(super) fn hits(
    entry: &Entry,
    bytes: &[u8],
    query: &Query,
    lowered: &mut Vec<u8>,
) -> Option<Vec<Hit>> {
    let candidates = raw_candidates(entry, bytes, query, lowered);
    // The file's bytes in the query's case, where they are known.
    let folded: Option<&[u8]> = match (&candidates, query.exact_case) {
        (_, true) => Some(bytes),
        (Some(_), false) => Some(lowered),
        (None, false) => None,
    };
    let mut hits = Vec::new();
    for (n, place) in entry.passages.iter().enumerate() {
        let (text, marks) = match &place.source {
            Source::Raw(_) if candidates.as_ref().is_some_and(|c| !c[n]) => continue,
            Source::Raw(range) => {
                let raw = bytes.get(range.clone())?;
                let same = already_plain(raw).zip(folded.and_then(|f| f.get(range.clone())));
                if let Some((text, folded)) = same {
                    // The text is these bytes, and in the query's case the
                    // same bytes of the folded file: matched there, with
                    // nothing made unless it is a hit.
                    let folded = std::str::from_utf8(folded).ok()?;
                    let Some(marks) = query.find_terms(folded, |start, end| start..end) else {
                        continue;
                    };
                    (text.to_string(), marks)
                } else {
                    let text = plain_text(raw)?;
                    let Some(marks) = query.matches(&text) else {
                        continue;
                    };
                    (text, marks)
                }
            }
            Source::Text(text) => {
                let Some(marks) = query.matches(text) else {
                    continue;
                };
                (text.to_string(), marks)
            }
        };
        hits.push(Hit {
            passage: n,
            section: entry
                .sections
                .get(place.section)
                .and_then(|s| s.as_ref().map(|s| s.to_string())),
            text,
            marks,
        });
    }
    Some(hits)
}

/// For each passage, whether its bytes in the file hold every word of the
/// query (the text of a `Source::Raw` passage holds a word, which has no
/// white space, only if its bytes do); None when that cannot be told from
/// bytes (a word that needs Unicode case).
fn raw_candidates(
    entry: &Entry,
    bytes: &[u8],
    query: &Query,
    lowered: &mut Vec<u8>,
) -> Option<Vec<bool>> {
    let words = &query.word_finders;
    let hay: &[u8] = if query.exact_case {
        bytes
    } else {
        if super::needs_unicode_case(bytes) || query.words().any(|w| !w.is_ascii()) {
            return None;
        }
        lowered.clear();
        lowered.extend_from_slice(bytes);
        lowered.make_ascii_lowercase();
        lowered
    };
    let ranges: Vec<(usize, Range<usize>)> = entry
        .passages
        .iter()
        .enumerate()
        .filter_map(|(n, p)| match &p.source {
            Source::Raw(r) => Some((n, r.clone())),
            Source::Text(_) => None,
        })
        .collect();
    // How many of the words each passage has.
    let mut count = vec![0usize; entry.passages.len()];
    for (w, finder) in words.iter().enumerate() {
        let mut k = 0;
        for at in finder.find_iter(hay) {
            let end = at + finder.needle().len();
            while k < ranges.len() && ranges[k].1.end < end {
                k += 1;
            }
            let Some((n, range)) = ranges.get(k) else {
                break;
            };
            // Counted once a word (the words so far: all of them).
            if range.start <= at && count[*n] == w {
                count[*n] = w + 1;
            }
        }
    }
    Some(count.into_iter().map(|c| c == words.len()).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_the_words_with_single_spaces() {
        for raw in [
            "",
            "  ",
            "one",
            " one  two\n\tthree ",
            "a\u{a0}b\u{2003}\u{3000}c",
            "\r\n  • zinc,\r\ncopper\u{85}",
            "数据\u{a0}报告 x\u{7f}y\u{1c}z",
        ] {
            let want = raw.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(
                plain_text(raw.as_bytes()).as_deref(),
                Some(want.as_str()),
                "{raw:?}"
            );
        }
        assert_eq!(plain_text(b"\xff"), None);
    }

    #[test]
    fn a_passage_is_found_in_the_bytes_only_where_its_text_is_them() {
        let raw = "Title\n\nThe seabed\u{a0}min-\nerals and   the\r\nzinc.\n".as_bytes();
        assert_eq!(locate(raw, 0, "The seabed min-"), Some(7..23));
        assert_eq!(locate(raw, 0, "The seabed minerals"), None);
        let at = locate(raw, 0, "erals and the zinc.").unwrap();
        assert_eq!(plain_text(&raw[at]).unwrap(), "erals and the zinc.");
    }
}
