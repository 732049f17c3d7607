//! Searching the whole library: a query (smart case, words in any order,
//! "quoted phrases") matched passage by passage against every brief of a
//! folder. Used by `brief search`; knows nothing of the terminal.
//!
//! Speed: each file is read once, hashed (xxh3, several GB/s) and looked up
//! in the library's search index (`index`): a brief seen before needs no
//! parse, only its passages where the query's words are in its bytes are
//! made into text and matched (`passages::hits`). A brief not in the index
//! is first checked whole for every word of the query with
//! `memchr::memmem` (SIMD substring search) on its bytes, lowered to ASCII
//! lower case, where that check is exact (`passages::bytes_tell`); the
//! others, and the few that pass, are parsed, matched, and put in the index.
//! The files are shared out between threads (one per core) by an atomic
//! counter. The index is a cache of what the loader made of each file's
//! bytes, never of what the user edits: a file changed is parsed again.

use crate::annotations::{Annotation, Placement, place_all};
use crate::document::Brief;
use crate::store::{Loaded, Store};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

mod index;
mod passages;

pub use index::Index;

/// What the user asked for, parsed.
#[derive(Debug, Clone)]
pub struct Query {
    /// Each a word or a quoted phrase, lower-cased unless `exact_case`.
    terms: Vec<String>,
    /// Smart case: a query with an upper-case letter matches case exactly.
    exact_case: bool,
    /// A searcher for each term and for each word of `words()`, made once
    /// (a search matches thousands of passages).
    term_finders: Vec<memchr::memmem::Finder<'static>>,
    word_finders: Vec<memchr::memmem::Finder<'static>>,
}

impl PartialEq for Query {
    fn eq(&self, other: &Query) -> bool {
        (&self.terms, self.exact_case) == (&other.terms, other.exact_case)
    }
}

impl Eq for Query {}

impl Query {
    /// Words separated by white space, or phrases in double quotes (an
    /// unclosed quote runs to the end). None when there is nothing to find.
    pub fn parse(text: &str) -> Option<Query> {
        let exact_case = text.chars().any(char::is_uppercase);
        let mut terms = Vec::new();
        for (i, part) in text.split('"').enumerate() {
            if i % 2 == 1 {
                let phrase = part.split_whitespace().collect::<Vec<_>>().join(" ");
                terms.push(phrase);
            } else {
                terms.extend(part.split_whitespace().map(str::to_string));
            }
        }
        terms.retain(|t| !t.is_empty());
        if !exact_case {
            terms = terms.iter().map(|t| t.to_lowercase()).collect();
        }
        let finder = |t: &str| memchr::memmem::Finder::new(t.as_bytes()).into_owned();
        let term_finders = terms.iter().map(|t| finder(t)).collect();
        let word_finders = terms
            .iter()
            .flat_map(|t| t.split(' '))
            .map(finder)
            .collect();
        (!terms.is_empty()).then_some(Query {
            terms,
            exact_case,
            term_finders,
            word_finders,
        })
    }

    /// Where every term occurs in `text` (byte ranges into `text`, in
    /// order), or None if one of them is missing.
    pub fn matches(&self, text: &str) -> Option<Vec<Range<usize>>> {
        if text.is_ascii() && folded_already(text) {
            // Most passages: folding changes only case, so every byte of
            // the folded text is the byte of `text` at the same place.
            let lowered;
            let folded = if self.exact_case {
                text
            } else {
                lowered = text.to_ascii_lowercase();
                &lowered
            };
            return self.find_terms(folded, |start, end| start..end);
        }
        if !self.may_match(text.as_bytes(), &mut Vec::new()) {
            return None; // Most passages: no word of the query at all.
        }
        // White space in the text counts as one space, as in a phrase.
        let (folded, origin) = fold(text, !self.exact_case);
        self.find_terms(&folded, |start, end| {
            origin[start]..origin_end(&origin, end, text)
        })
    }

    /// Where every term is in `folded`, each occurrence as `place(start,
    /// end)` gives it; None if a term is missing.
    fn find_terms(
        &self,
        folded: &str,
        place: impl Fn(usize, usize) -> Range<usize>,
    ) -> Option<Vec<Range<usize>>> {
        let mut marks = Vec::new();
        for finder in &self.term_finders {
            let before = marks.len();
            // Occurrences that do not overlap, as a reader counts them.
            let mut next = 0;
            for at in finder.find_iter(folded.as_bytes()) {
                if at >= next {
                    next = at + finder.needle().len();
                    marks.push(place(at, next));
                }
            }
            if marks.len() == before {
                return None;
            }
        }
        marks.sort_by_key(|r| (r.start, r.end));
        Some(marks)
    }

    /// Every word of every term (a phrase's words one by one).
    fn words(&self) -> impl Iterator<Item = &str> {
        self.terms.iter().flat_map(|t| t.split(' '))
    }

    /// Whether a file's bytes may hold a match: every word of every term is
    /// in them. Never false for a file that has a match, where bytes tell
    /// (`passages::bytes_tell`). `lowered` is a buffer to reuse.
    fn may_match(&self, bytes: &[u8], lowered: &mut Vec<u8>) -> bool {
        if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
            return true; // UTF-16: checked once parsed.
        }
        let hay: &[u8] = if self.exact_case {
            bytes
        } else {
            // ASCII lower case is exact for ASCII words unless the file has
            // one of the two non-ASCII letters whose lower case is ASCII; a
            // word with other letters needs Unicode case: left to the
            // exact check.
            if needs_unicode_case(bytes) || self.words().any(|w| !w.is_ascii()) {
                return true;
            }
            lowered.clear();
            lowered.extend_from_slice(bytes);
            lowered.make_ascii_lowercase();
            lowered
        };
        self.words()
            .zip(&self.word_finders)
            .all(|(w, f)| !markup_free(w) || f.find(hay).is_some())
    }
}

/// Whether `bytes` hold one of the two non-ASCII letters whose lower case
/// is ASCII (Kelvin sign, dotted capital I): lowering ASCII alone would not
/// find "kelvin" in "\u{212A}elvin".
fn needs_unicode_case(bytes: &[u8]) -> bool {
    memchr::memmem::find(bytes, "\u{212A}".as_bytes()).is_some()
        || memchr::memmem::find(bytes, "\u{130}".as_bytes()).is_some()
}

/// Words made only of letters and digits appear as such in the file: no
/// Markdown or entity can stand for part of them... except emphasis inside
/// a word, which briefs do not use. Other words are checked once parsed.
fn markup_free(word: &str) -> bool {
    word.chars().all(char::is_alphanumeric)
}

/// Whether folding `text` (ASCII) would change nothing but its case: no
/// white space but single spaces.
fn folded_already(text: &str) -> bool {
    let bytes = text.as_bytes();
    !bytes
        .iter()
        .any(|&b| b.is_ascii_whitespace() && b != b' ' || b == 0x0B)
        && memchr::memmem::find(bytes, b"  ").is_none()
}

/// `text` with runs of white space as one space and, if `lower`, lower
/// case; with, for each byte of the result, where it came from in `text`.
fn fold(text: &str, lower: bool) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(text.len());
    let mut origin = Vec::with_capacity(text.len());
    let mut space = false;
    for (at, c) in text.char_indices() {
        if c.is_whitespace() {
            if !space {
                out.push(' ');
                origin.push(at);
            }
            space = true;
            continue;
        }
        space = false;
        let before = out.len();
        if lower {
            out.extend(c.to_lowercase());
        } else {
            out.push(c);
        }
        origin.extend(std::iter::repeat_n(at, out.len() - before));
    }
    (out, origin)
}

/// The end in the original text of a match ending at `end` in the folded.
fn origin_end(origin: &[usize], end: usize, text: &str) -> usize {
    let last = origin[end - 1];
    last + text[last..].chars().next().map_or(0, char::len_utf8)
}

/// A passage that matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Index of the passage in reading order (0-based; shown as ¶ + 1).
    pub passage: usize,
    /// The section's heading, if it has one.
    pub section: Option<String>,
    pub text: String,
    /// Byte ranges of `text` that matched.
    pub marks: Vec<Range<usize>>,
}

/// Every passage of `brief` that matches.
pub fn hits(brief: &Brief, query: &Query) -> Vec<Hit> {
    brief
        .passages()
        .enumerate()
        .filter_map(|(n, (section, p))| {
            let marks = query.matches(&p.text)?;
            Some(Hit {
                passage: n,
                section: brief.sections[section].shown_name(),
                text: p.text.clone(),
                marks,
            })
        })
        .collect()
}

/// A section's name as the reader shows it: its heading, or "Summary"
/// for the lead before the first heading.
/// One file's result: its title and hits (None if it could not be read).
pub struct FileHits {
    pub path: PathBuf,
    pub title: String,
    pub hits: Vec<Hit>,
}

/// Search `files`, in parallel, with `index` (entries made for briefs
/// parsed are added to it; `Index::save` keeps them); `found(index, hits)`
/// is called, from any thread, for each file as soon as it is searched,
/// with its hits if it has any (so results can be shown in file order as
/// they come). Stops early when `cancel` is set.
/// Search the library `folder`: its briefs listed (brief's own folders
/// left out), each found in the search index or parsed, `found` called for
/// each in turn, and what was parsed kept in the index for the next search
/// (only a cache: a search that cannot keep it still answers). Returns the
/// briefs searched, which the notes are searched against. `before_scan`
/// may stop it once the listing is read (a query changed meanwhile).
pub fn search_library(
    folder: &Path,
    query: &Query,
    cancel: &AtomicBool,
    before_scan: impl FnOnce() -> bool,
    found: &(dyn Fn(usize, Option<FileHits>) + Sync),
) -> Vec<PathBuf> {
    let files = crate::files::list_library(folder, &crate::store::own_folders());
    if !before_scan() {
        return files;
    }
    let index = Index::open(folder);
    scan(&files, query, &index, cancel, found);
    let _ = index.save(&files);
    files
}

pub fn scan(
    files: &[PathBuf],
    query: &Query,
    index: &Index,
    cancel: &AtomicBool,
    found: &(dyn Fn(usize, Option<FileHits>) + Sync),
) {
    let next = AtomicUsize::new(0);
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(files.len().max(1));
    let work = || {
        // One buffer a thread for the file read and one for its lower case.
        let (mut bytes, mut lowered) = (Vec::new(), Vec::new());
        loop {
            if cancel.load(Ordering::Relaxed) {
                return;
            }
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(path) = files.get(i) else { return };
            found(i, scan_file(path, query, index, &mut bytes, &mut lowered));
        }
    };
    std::thread::scope(|s| {
        for _ in 1..threads {
            s.spawn(work);
        }
        work();
    });
}

/// One file's hits, if it has any.
fn scan_file(
    path: &Path,
    query: &Query,
    index: &Index,
    bytes: &mut Vec<u8>,
    lowered: &mut Vec<u8>,
) -> Option<FileHits> {
    crate::reading::read_brief_into(path, bytes).ok()?;
    let bytes = bytes.as_slice();
    let hash = index::hash(bytes);
    let known = index.get(path, hash).and_then(|entry| {
        let hits = passages::hits(&entry, bytes, query, lowered)?;
        Some((entry.title.into_owned(), hits))
    });
    let (title, hits) = match known {
        Some(known) => known,
        None => {
            if passages::bytes_tell(path, bytes) && !query.may_match(bytes, lowered) {
                return None;
            }
            let Ok(brief) = crate::reading::parse_brief(path, bytes) else {
                // Not a brief (binary, a scan without text): nothing to
                // find in these bytes, next time either.
                index.add(path, hash, &index::Entry::default());
                return None;
            };
            index.add(path, hash, &passages::entry(path, bytes, &brief));
            let hits = hits(&brief, query);
            (brief.meta.title, hits)
        }
    };
    (!hits.is_empty()).then(|| FileHits {
        path: path.to_path_buf(),
        title,
        hits,
    })
}

/// A passage or note found, for the library's search list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The brief's file.
    pub path: PathBuf,
    pub title: String,
    /// Where the passage, or the note, is; for a note on the whole brief
    /// or one whose passage is gone, `hit.passage` is None.
    pub passage: Option<usize>,
    pub section: Option<String>,
    /// The passage's text, or the note's.
    pub text: String,
    /// Byte ranges of `text` that matched.
    pub marks: Vec<Range<usize>>,
    pub note: bool,
}

impl FileHits {
    /// Each hit as a `Found`.
    pub fn found(self) -> Vec<Found> {
        let FileHits { path, title, hits } = self;
        hits.into_iter()
            .map(|h| Found {
                path: path.clone(),
                title: title.clone(),
                passage: Some(h.passage),
                section: h.section,
                text: h.text,
                marks: h.marks,
                note: false,
            })
            .collect()
    }
}

/// Every note on one of `files` (the briefs of a library, as listed) that
/// matches, placed where it is now (re-anchored on the brief as it is).
/// `path` is the brief's path as listed. Sorted by file and passage.
pub fn notes(store: &Store, query: &Query, files: &[PathBuf], cancel: &AtomicBool) -> Vec<Found> {
    // A record keeps the brief's real path; the listing may reach it
    // through a link. Made at the first note that matches.
    let mut listed: Option<std::collections::HashMap<PathBuf, &PathBuf>> = None;
    let mut found = Vec::new();
    for (_, loaded) in store.all() {
        if cancel.load(Ordering::Relaxed) {
            return Vec::new();
        }
        let Loaded::Ok(file) = loaded else { continue };
        let noted = |a: &Annotation| a.note.as_deref().and_then(|n| query.matches(n));
        if !file.live().any(|a| noted(a).is_some()) {
            continue;
        }
        let Some(path) = file.brief.brief_path() else {
            continue;
        };
        let real = path.canonicalize().unwrap_or_else(|_| path.clone());
        let listed = listed.get_or_insert_with(|| {
            files
                .iter()
                .map(|f| (f.canonicalize().unwrap_or_else(|_| f.clone()), f))
                .collect()
        });
        let Some(shown) = listed.get(&real).map(|p| (*p).clone()) else {
            continue;
        };
        let brief = crate::reading::read_brief(&path).ok();
        let places = brief.as_ref().map(|b| {
            let texts: Vec<&str> = b.passages().map(|(_, p)| p.text.as_str()).collect();
            place_all(&texts, &file.annotations)
        });
        for (i, a) in file.annotations.iter().enumerate() {
            let Some(marks) = noted(a).filter(|_| !a.deleted) else {
                continue;
            };
            let passage = places
                .as_ref()
                .and_then(|p| p.get(i))
                .and_then(Placement::passage);
            let section = passage.and_then(|n| {
                let b = brief.as_ref()?;
                let (s, _) = b.passages().nth(n)?;
                b.sections[s].shown_name()
            });
            found.push(Found {
                path: shown.clone(),
                title: brief
                    .as_ref()
                    .map_or_else(|| file.brief.title.clone(), |b| b.meta.title.clone()),
                passage,
                section,
                text: a.note.clone().unwrap_or_default(),
                marks,
                note: true,
            });
        }
    }
    found.sort_by(|a, b| (&a.path, a.passage).cmp(&(&b.path, b.passage)));
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(text: &str) -> Query {
        Query::parse(text).expect("a query")
    }

    #[test]
    fn words_in_any_order_smart_case_and_phrases() {
        let text = "The Ministry said oil output  would fall.";
        assert!(q("fall ministry").matches(text).is_some());
        assert!(q("Ministry").matches(text).is_some());
        assert!(q("MINISTRY").matches(text).is_none());
        assert!(q("\"output would\"").matches(text).is_some());
        assert!(q("\"would output\"").matches(text).is_none());
        assert!(q("oil gas").matches(text).is_none());
        assert_eq!(Query::parse("  \"\" "), None);
    }

    #[test]
    fn marks_point_into_the_original_text() {
        let text = "Ärger über  Öl und öl";
        let marks = q("öl").matches(text).expect("found");
        let marked: Vec<&str> = marks.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(marked, ["Öl", "öl"]);
        let marks = q("\"über öl\"").matches(text).expect("found");
        assert_eq!(&text[marks[0].clone()], "über  Öl");
    }

    #[test]
    fn the_quick_check_never_drops_a_file_with_a_match() {
        for (query, file) in [
            ("kelvin", "\u{212A}elvin"),
            ("öl", "ÖL"),
            ("\"oil output\"", "oil\noutput"),
            ("a&b", "a&amp;b"),
        ] {
            let query = q(query);
            assert!(query.may_match(file.as_bytes(), &mut Vec::new()), "{file}");
        }
        assert!(!q("gas").may_match(b"oil", &mut Vec::new()));
    }
}
