//! Which annotation file belongs to which brief.
//!
//! A brief is recognised by evidence, not by one key: the path it was last
//! seen at, a fingerprint of its text (hashes of its passages) and, as weak
//! evidence, what it says about itself (title, category, date, id). The
//! rules (README, "Where your files live"):
//!
//! - the brief at the recorded path is the same brief unless it shares
//!   neither its text nor its title, category and date (any one edit keeps
//!   the notes, the same path with edited content is the same brief);
//! - a brief elsewhere (renamed, moved) is the same brief if most of its text
//!   is the same, counting both sizes, and only if the recorded path no
//!   longer holds the brief (a copy or a namesake beside it gets nothing);
//! - different briefs never share notes: a 5 MB file made by repeating a
//!   brief shares its passages but not its size, and is a different brief.
//!
//! The file name comes from the title (or id) and is only a home: when the
//! brief's key changes, the store renames the file (see `store::locate`).

use super::BriefRecord;
use crate::document::Brief;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// FNV-1a, 64 bit. Written here rather than taken from std because std's
/// hashers are not promised to give the same value across Rust releases, and
/// these hashes are stored in users' files for years.
pub fn stable_hash(text: &str) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in text.as_bytes() {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// The stem of a brief's annotation file name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BriefKey(pub String);

pub fn brief_key(brief: &Brief) -> BriefKey {
    let meta = &brief.meta;
    let (label, identity) = match &meta.id {
        Some(id) => (id.as_str(), format!("id:{id}")),
        None => (
            meta.title.as_str(),
            format!(
                "title:{}\ncategory:{}\ndate:{}",
                meta.title,
                meta.category.as_deref().unwrap_or(""),
                meta.date.as_deref().unwrap_or("")
            ),
        ),
    };
    BriefKey(format!("{}-{:016x}", slug(label), stable_hash(&identity)))
}

/// ASCII letters and digits from `text`, dashes between words, at most 40
/// characters: safe on every file system, never `..`, `/` or NUL.
fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
        if out.len() >= 40 {
            break;
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        "brief".to_string()
    } else {
        out
    }
}

/// File name for a key; `n` > 0 for a different brief that shares the key.
pub fn file_name_for(key: &BriefKey, n: usize) -> String {
    if n == 0 {
        format!("{}.yaml", key.0)
    } else {
        format!("{}-{n}.yaml", key.0)
    }
}

/// Whether `stem` (a file name without `.yaml`) is one of `key`'s names.
pub fn is_name_of(stem: &str, key: &BriefKey) -> bool {
    match stem.strip_prefix(key.0.as_str()) {
        Some("") => true,
        Some(rest) => rest
            .strip_prefix('-')
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())),
        None => false,
    }
}

/// Hashes kept of the first passages, in order.
pub const HEAD: usize = 32;
/// Hashes kept of the whole brief: the smallest of its distinct passage
/// hashes (a bottom-k sketch, which estimates the overlap of two whole
/// briefs from a few hundred bytes).
pub const SKETCH: usize = 32;

/// What can be told about a brief to recognise it again.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Fingerprint {
    pub title: String,
    pub category: Option<String>,
    pub date: Option<String>,
    pub id: Option<String>,
    /// Hashes of the first passages, in order.
    pub head: Vec<u64>,
    /// Bottom-k sketch of all distinct passage hashes, ascending (empty when
    /// only the start of the brief was read).
    pub sketch: Vec<u64>,
    /// Passages in the whole brief (0: not known).
    pub count: usize,
    /// Size of the file (0: not known).
    pub bytes: u64,
}

fn hex(h: u64) -> String {
    format!("{h:016x}")
}

fn unhex(text: &[String]) -> Vec<u64> {
    text.iter()
        .filter_map(|t| u64::from_str_radix(t, 16).ok())
        .collect()
}

impl Fingerprint {
    /// `whole`: `brief` is the whole file, not only its start.
    pub fn of(brief: &Brief, bytes: u64, whole: bool) -> Fingerprint {
        let meta = &brief.meta;
        let mut fp = Fingerprint {
            title: meta.title.clone(),
            category: meta.category.clone(),
            date: meta.date.clone(),
            id: meta.id.clone(),
            bytes,
            ..Fingerprint::default()
        };
        let hashes = brief.passages().map(|(_, p)| stable_hash(&p.text));
        if !whole {
            fp.head = hashes.take(HEAD).collect();
            return fp;
        }
        let all: Vec<u64> = hashes.collect();
        fp.head = all.iter().take(HEAD).copied().collect();
        fp.count = all.len();
        let mut distinct = all;
        distinct.sort_unstable();
        distinct.dedup();
        distinct.truncate(SKETCH);
        fp.sketch = distinct;
        fp
    }

    pub fn of_record(record: &BriefRecord) -> Fingerprint {
        Fingerprint {
            title: record.title.clone(),
            category: record.category.clone(),
            date: record.date.clone(),
            id: record.id.clone(),
            head: unhex(&record.passages),
            sketch: unhex(&record.sketch),
            count: record.count,
            bytes: record.bytes,
        }
    }

    /// Known for the whole brief, not only its start.
    fn whole(&self) -> bool {
        self.count > 0 && !self.sketch.is_empty()
    }
}

impl BriefRecord {
    /// A record for a brief seen at `path`.
    pub fn describe(fp: &Fingerprint, path: Option<&Path>) -> BriefRecord {
        let mut record = BriefRecord::default();
        if let Some(path) = path {
            record.set_path(path);
        }
        record.refresh(fp);
        record
    }

    /// Bring the record up to date with the brief as seen now. What a
    /// partial read cannot tell (the whole brief's sketch and size) is kept.
    pub fn refresh(&mut self, fp: &Fingerprint) {
        self.title = fp.title.clone();
        self.category = fp.category.clone();
        self.date = fp.date.clone();
        self.id = fp.id.clone();
        self.passages = fp.head.iter().copied().map(hex).collect();
        if fp.whole() {
            self.sketch = fp.sketch.iter().copied().map(hex).collect();
            self.count = fp.count;
        }
        if fp.bytes > 0 {
            self.bytes = fp.bytes;
        }
    }
}

/// How much of the text two briefs share, 0 to 1, both sizes considered:
/// the Jaccard overlap of their passages times the square root of the
/// smaller size over the larger. The whole briefs are compared when both are
/// known; otherwise their first passages, and their sizes in bytes.
pub fn similarity(a: &Fingerprint, b: &Fingerprint) -> f64 {
    if a.whole() && b.whole() {
        return sketch_jaccard(&a.sketch, &b.sketch) * size_factor(a.count as f64, b.count as f64);
    }
    let k = a.head.len().min(b.head.len());
    if k == 0 {
        return 0.0;
    }
    let size = if a.bytes > 0 && b.bytes > 0 {
        size_factor(a.bytes as f64, b.bytes as f64)
    } else {
        1.0
    };
    set_jaccard(&a.head[..k], &b.head[..k]) * size
}

fn size_factor(a: f64, b: f64) -> f64 {
    (a.min(b) / a.max(b)).sqrt()
}

fn set_jaccard(a: &[u64], b: &[u64]) -> f64 {
    let a: std::collections::HashSet<u64> = a.iter().copied().collect();
    let b: std::collections::HashSet<u64> = b.iter().copied().collect();
    let union = a.union(&b).count();
    if union == 0 {
        return 0.0;
    }
    a.intersection(&b).count() as f64 / union as f64
}

/// Bottom-k estimate: of the k smallest hashes of the union, the share found
/// in both. Exact when both briefs have fewer than k distinct passages.
fn sketch_jaccard(a: &[u64], b: &[u64]) -> f64 {
    let mut union: Vec<u64> = a.iter().chain(b).copied().collect();
    union.sort_unstable();
    union.dedup();
    union.truncate(SKETCH);
    if union.is_empty() {
        return 0.0;
    }
    let both = union
        .iter()
        .filter(|h| a.binary_search(h).is_ok() && b.binary_search(h).is_ok())
        .count();
    both as f64 / union.len() as f64
}

fn same_text(a: &Option<String>, b: &Option<String>) -> bool {
    a.as_deref().map(str::trim).unwrap_or("") == b.as_deref().map(str::trim).unwrap_or("")
}

/// Title, category and date all agree.
fn same_description(a: &Fingerprint, b: &Fingerprint) -> bool {
    a.title.trim() == b.title.trim()
        && same_text(&a.category, &b.category)
        && same_text(&a.date, &b.date)
}

fn ids_agree(a: &Fingerprint, b: &Fingerprint) -> bool {
    matches!((&a.id, &b.id), (Some(x), Some(y)) if x == y)
}

fn ids_differ(a: &Fingerprint, b: &Fingerprint) -> bool {
    matches!((&a.id, &b.id), (Some(x), Some(y)) if x != y)
}

/// Shares a quarter of its text: enough at the recorded path.
const AT_PATH: f64 = 0.25;
/// Shares half its text: the same brief wherever it is.
const STRONG: f64 = 0.5;
/// Shares a third: the same brief if the title agrees too.
const FAIR: f64 = 0.3;

/// `record` names the path where `now` was read: the same brief unless the
/// file there shares neither its text nor its description (a different
/// brief saved over the old one).
pub fn same_at_path(record: &Fingerprint, now: &Fingerprint) -> bool {
    ids_agree(record, now) || similarity(record, now) >= AT_PATH || same_description(record, now)
}

/// `now` was read somewhere else than `record`'s path (renamed, moved): the
/// same brief only if it is mostly the same text.
pub fn same_elsewhere(record: &Fingerprint, now: &Fingerprint) -> bool {
    if ids_differ(record, now) {
        return false;
    }
    let s = similarity(record, now);
    let contentless = record.head.is_empty() && now.head.is_empty();
    s >= STRONG
        || (s >= FAIR && record.title.trim() == now.title.trim())
        || (ids_agree(record, now) && s > 0.0)
        || (contentless && same_description(record, now))
}

/// For ranking candidates: the text first, then the description.
fn score(record: &Fingerprint, now: &Fingerprint) -> f64 {
    let mut s = similarity(record, now);
    if record.title.trim() == now.title.trim() {
        s += 0.05;
    }
    if same_description(record, now) {
        s += 0.05;
    }
    s
}

/// What `find_record` found.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Found {
    /// The record of the brief.
    pub best: Option<usize>,
    /// Other records that name the same path and fit as well: copies left by
    /// two instances; their annotations belong to the brief too.
    pub also: Vec<usize>,
}

/// Which of `records` (None: a file whose record cannot be read) is the
/// brief `now`, read at `location`: first those naming this path, then the
/// most similar one found elsewhere whose own path no longer holds its
/// brief (`holds_its_brief` is asked only about those).
pub fn find_record(
    records: &[Option<&BriefRecord>],
    now: &Fingerprint,
    location: &Path,
    holds_its_brief: &mut dyn FnMut(&BriefRecord) -> bool,
) -> Found {
    let fps: Vec<Option<Fingerprint>> = records
        .iter()
        .map(|r| r.map(Fingerprint::of_record))
        .collect();
    let here = |i: usize| records[i].is_some_and(|r| r.brief_path().as_deref() == Some(location));
    let mut at_path: Vec<(f64, usize)> = (0..records.len())
        .filter(|&i| here(i))
        .filter_map(|i| fps[i].as_ref().map(|fp| (i, fp)))
        .filter(|(_, fp)| same_at_path(fp, now))
        .map(|(i, fp)| (score(fp, now), i))
        .collect();
    if !at_path.is_empty() {
        at_path.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        return Found {
            best: Some(at_path[0].1),
            also: at_path[1..].iter().map(|(_, i)| *i).collect(),
        };
    }
    let mut elsewhere: Vec<(f64, usize)> = (0..records.len())
        .filter(|&i| !here(i))
        .filter_map(|i| fps[i].as_ref().map(|fp| (i, fp)))
        .filter(|(_, fp)| same_elsewhere(fp, now))
        .map(|(i, fp)| (score(fp, now), i))
        .collect();
    elsewhere.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let best = elsewhere
        .into_iter()
        .map(|(_, i)| i)
        .find(|&i| records[i].is_some_and(|r| !holds_its_brief(r)));
    Found {
        best,
        also: Vec::new(),
    }
}

/// Matching a whole library at once, from the briefs' first kilobytes: each
/// brief claims the records that name its path, or one whose path is gone
/// and whose text it shares. Linear in briefs plus records; no brief is read
/// beyond its header.
#[derive(Debug, Clone, Default)]
pub struct Claims {
    fps: Vec<Option<Fingerprint>>,
    by_path: HashMap<PathBuf, Vec<usize>>,
    /// The recorded path no longer exists (or none is recorded).
    gone: Vec<bool>,
    /// The brief now at the recorded path is a different one.
    replaced: Vec<bool>,
    claimed: Vec<bool>,
}

impl Claims {
    /// `exists(path)`: whether a file is at that path now.
    pub fn new(records: &[Option<&BriefRecord>], exists: &dyn Fn(&Path) -> bool) -> Claims {
        let mut by_path: HashMap<PathBuf, Vec<usize>> = HashMap::new();
        let mut gone = Vec::with_capacity(records.len());
        for (i, record) in records.iter().enumerate() {
            let path = record.and_then(|r| r.brief_path());
            gone.push(record.is_some() && !path.as_deref().is_some_and(exists));
            if let Some(path) = path {
                by_path.entry(path).or_default().push(i);
            }
        }
        Claims {
            fps: records
                .iter()
                .map(|r| r.map(Fingerprint::of_record))
                .collect(),
            by_path,
            gone,
            replaced: vec![false; records.len()],
            claimed: vec![false; records.len()],
        }
    }

    /// The records of the brief at `location` whose start gives `now`.
    pub fn claim(&mut self, now: &Fingerprint, location: &Path) -> Vec<usize> {
        let mut mine = Vec::new();
        for &i in self.by_path.get(location).map(Vec::as_slice).unwrap_or(&[]) {
            match &self.fps[i] {
                Some(fp) if same_at_path(fp, now) => mine.push(i),
                Some(_) => self.replaced[i] = true,
                None => {}
            }
        }
        if mine.is_empty() {
            let best = (0..self.fps.len())
                .filter(|&i| (self.gone[i] || self.replaced[i]) && !self.claimed[i])
                .filter_map(|i| self.fps[i].as_ref().map(|fp| (i, fp)))
                // From a header alone, a brief elsewhere must also keep its
                // title: first come would otherwise take notes that a
                // better match further down the list should have (opening
                // the brief weighs the whole text, see `find_record`).
                .filter(|(_, fp)| {
                    same_elsewhere(fp, now)
                        && (fp.title.trim() == now.title.trim() || ids_agree(fp, now))
                })
                .map(|(i, fp)| (score(fp, now), i))
                .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)));
            mine.extend(best.map(|(_, i)| i));
        }
        for &i in &mine {
            self.claimed[i] = true;
        }
        mine
    }

    /// Records a brief has claimed.
    pub fn claimed(&self) -> Vec<usize> {
        (0..self.claimed.len())
            .filter(|&i| self.claimed[i])
            .collect()
    }

    /// Records no brief has claimed whose brief cannot be found: the path
    /// is gone, or a different brief is there now.
    pub fn unclaimed(&self) -> Vec<usize> {
        (0..self.fps.len())
            .filter(|&i| !self.claimed[i] && (self.gone[i] || self.replaced[i]))
            .collect()
    }
}

#[cfg(test)]
mod tests;
