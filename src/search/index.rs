//! The search index: for each brief of a library, where each passage's text
//! is in the file (or the text itself), its section and the brief's title,
//! so a search needs no parse of a brief it has seen before.
//!
//! An entry is keyed by the file's path in the library and a 128-bit hash
//! (xxh3) of its bytes, which the scan reads anyway: an entry is used only
//! for the very bytes it was made from, so a file edited since (even
//! within the file system's timestamp resolution, or to the same size) is
//! parsed again. The whole index is tied to the program that wrote it (its
//! version and the size and time of its executable): a rebuilt `brief`,
//! whose loader may cut passages differently, starts afresh.
//!
//! One file per library folder, in the data folder's `cache/search/`:
//! a header, then for each brief its path, hash and entry. It is read
//! whole at the start of a search (entries are decoded only for the files
//! that need them) and written anew, to a temporary file renamed over the
//! old one, when the search parsed something new. A damaged or foreign
//! file is an empty index, never an error: it is only ever a cache.

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

/// Where a passage's text comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Source<'a> {
    /// These bytes of the file, as UTF-8, with each run of white space one
    /// space (and none at the ends) are the passage's text: checked when
    /// the entry was made (`super::passages::plain_text`).
    Raw(Range<usize>),
    /// The passage's text (markup, joined hyphens, a saved page, a PDF).
    Text(Cow<'a, str>),
}

/// One passage of a brief, in reading order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Place<'a> {
    /// Index into `Entry::sections`.
    pub section: usize,
    pub source: Source<'a>,
}

/// What the index knows of one brief (nothing: a file that is not one).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Entry<'a> {
    pub title: Cow<'a, str>,
    /// Each section's name as the reader shows it.
    pub sections: Vec<Option<Cow<'a, str>>>,
    pub passages: Vec<Place<'a>>,
}

/// A library's search index (see the module's comment).
pub struct Index {
    /// Where it is kept; None: in memory only.
    file: Option<PathBuf>,
    /// The library folder: entries are keyed by paths relative to it.
    folder: PathBuf,
    /// The file as read; `table` points into it.
    data: Vec<u8>,
    table: Table,
    /// Entries made by this search, encoded, by relative path.
    added: Mutex<Added>,
}

/// Entries kept, by path relative to the library folder: the hash of the
/// bytes each was made from, and where it is in the index file.
type Table = HashMap<Vec<u8>, (u128, Range<usize>)>;

/// Entries made by a search, encoded, by relative path, with their hash.
type Added = HashMap<Vec<u8>, (u128, Vec<u8>)>;

const MAGIC: &[u8] = b"brief search index 1\n";

impl Index {
    /// The index of the library `folder`, kept in brief's data folder; an
    /// empty one when there is none yet, or none can be kept.
    pub fn open(folder: &Path) -> Index {
        let file = crate::store::cache_dir().map(|d| {
            let real = folder
                .canonicalize()
                .unwrap_or_else(|_| folder.to_path_buf());
            let key = xxhash_rust::xxh3::xxh3_64(real.as_os_str().as_encoded_bytes());
            d.join("search").join(format!("{key:016x}.idx"))
        });
        match file {
            Some(file) => Index::at(file, folder),
            None => Index::in_memory(folder),
        }
    }

    /// The index of `folder` kept in `file`.
    pub fn at(file: PathBuf, folder: &Path) -> Index {
        let data = std::fs::read(&file).unwrap_or_default();
        let table = read_table(&data).unwrap_or_default();
        Index {
            file: Some(file),
            folder: folder.to_path_buf(),
            data,
            table,
            added: Mutex::new(HashMap::new()),
        }
    }

    /// An index that is never kept (a search that must not write).
    pub fn in_memory(folder: &Path) -> Index {
        Index {
            file: None,
            folder: folder.to_path_buf(),
            data: Vec::new(),
            table: HashMap::new(),
            added: Mutex::new(HashMap::new()),
        }
    }

    /// How many briefs it has an entry for (kept or made by this search).
    pub fn len(&self) -> usize {
        let added = self.added.lock().map_or(0, |a| {
            a.keys().filter(|k| !self.table.contains_key(*k)).count()
        });
        self.table.len() + added
    }

    /// Whether it has no entry.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// `path` relative to the library folder, as bytes.
    fn key<'a>(&self, path: &'a Path) -> &'a [u8] {
        let path = path.as_os_str().as_encoded_bytes();
        let folder = self.folder.as_os_str().as_encoded_bytes();
        match path.strip_prefix(folder) {
            Some(rest) if folder.ends_with(b"/") => rest,
            Some(rest) => rest.strip_prefix(b"/").unwrap_or(path),
            None => path,
        }
    }

    /// The entry kept for the file at `path` whose bytes hash to `hash`
    /// (not those made by this search: it reads each file once).
    pub(super) fn get(&self, path: &Path, hash: u128) -> Option<Entry<'_>> {
        let (h, range) = self.table.get(self.key(path))?;
        (*h == hash)
            .then(|| decode_entry(self.data.get(range.clone())?))
            .flatten()
    }

    /// Keep `entry` for the file at `path` whose bytes hash to `hash`.
    pub(super) fn add(&self, path: &Path, hash: u128, entry: &Entry) {
        let key = self.key(path).to_vec();
        if let Ok(mut added) = self.added.lock() {
            added.insert(key, (hash, encode_entry(entry)));
        }
    }

    /// Write the index anew if this search made entries, or if it has
    /// entries for files no longer in `listed` (the library's briefs).
    pub fn save(&self, listed: &[PathBuf]) -> std::io::Result<()> {
        let Some(file) = &self.file else {
            return Ok(());
        };
        // Read where it is: the entries of a first search can be megabytes.
        let added = self.added.lock().unwrap_or_else(|e| e.into_inner());
        let keys: Vec<&[u8]> = listed.iter().map(|p| self.key(p)).collect();
        let kept = keys.iter().filter(|k| self.table.contains_key(**k)).count();
        if added.is_empty() && kept == self.table.len() {
            return Ok(());
        }
        let mut out = Vec::with_capacity(self.data.len());
        out.extend_from_slice(MAGIC);
        put_bytes(&mut out, identity());
        let mut entries = Vec::new();
        for key in keys {
            let found = added.get(key).map(|(h, b)| (*h, b.as_slice())).or_else(|| {
                let (h, r) = self.table.get(key)?;
                Some((*h, self.data.get(r.clone())?))
            });
            if let Some(found) = found {
                entries.push((key, found));
            }
        }
        put_u32(&mut out, entries.len());
        for (key, (hash, bytes)) in entries {
            put_bytes(&mut out, key);
            out.extend_from_slice(&hash.to_le_bytes());
            put_bytes(&mut out, bytes);
        }
        // Another search may write at the same time (in this process too):
        // the store writes each to its own temporary file, renamed over.
        crate::store::write_cache(file, &out)
    }
}

/// The program that writes the index: entries made by another (another
/// loader) are not used.
fn identity() -> &'static [u8] {
    static IDENTITY: OnceLock<Vec<u8>> = OnceLock::new();
    IDENTITY.get_or_init(|| {
        use std::os::unix::fs::MetadataExt as _;
        // The file this process runs from, even if a new build has since
        // replaced it at its path (then the path names the new one).
        let exe = std::fs::metadata("/proc/self/exe")
            .or_else(|_| std::env::current_exe().and_then(std::fs::metadata));
        let (file, size, time) =
            exe.map_or((0, 0, None), |m| (m.ino(), m.len(), m.modified().ok()));
        let nanos = time
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos());
        format!("{} {file} {size} {nanos}", env!("CARGO_PKG_VERSION")).into_bytes()
    })
}

/// The hash an entry is keyed by.
pub(super) fn hash(bytes: &[u8]) -> u128 {
    xxhash_rust::xxh3::xxh3_128(bytes)
}

fn read_table(data: &[u8]) -> Option<Table> {
    let mut r = Reader { data, at: 0 };
    if r.take(MAGIC.len())? != MAGIC || r.bytes()? != identity() {
        return None;
    }
    let count = r.u32()?;
    let mut table = HashMap::with_capacity(count.min(1 << 20));
    for _ in 0..count {
        let path = r.bytes()?.to_vec();
        let hash = u128::from_le_bytes(r.take(16)?.try_into().ok()?);
        let len = r.u32()?;
        let start = r.at;
        r.take(len)?;
        table.insert(path, (hash, start..start + len));
    }
    Some(table)
}

fn encode_entry(entry: &Entry) -> Vec<u8> {
    let mut out = Vec::new();
    put_bytes(&mut out, entry.title.as_bytes());
    put_u32(&mut out, entry.sections.len());
    for name in &entry.sections {
        match name {
            Some(name) => {
                out.push(1);
                put_bytes(&mut out, name.as_bytes());
            }
            None => out.push(0),
        }
    }
    put_u32(&mut out, entry.passages.len());
    for place in &entry.passages {
        put_u32(&mut out, place.section);
        match &place.source {
            Source::Raw(range) => {
                out.push(0);
                put_u32(&mut out, range.start);
                put_u32(&mut out, range.end);
            }
            Source::Text(text) => {
                out.push(1);
                put_bytes(&mut out, text.as_bytes());
            }
        }
    }
    out
}

fn decode_entry(data: &[u8]) -> Option<Entry<'_>> {
    let mut r = Reader { data, at: 0 };
    let title = r.string()?;
    let count = r.u32()?;
    let mut sections = Vec::with_capacity(count.min(data.len()));
    for _ in 0..count {
        sections.push(match r.take(1)?[0] {
            0 => None,
            _ => Some(r.string()?),
        });
    }
    let count = r.u32()?;
    let mut passages = Vec::with_capacity(count.min(data.len()));
    let mut last_end = 0;
    for _ in 0..count {
        let section = r.u32()?;
        if section >= sections.len() {
            return None;
        }
        let source = match r.take(1)?[0] {
            0 => {
                let (start, end) = (r.u32()?, r.u32()?);
                // In order, one after another, as they were made.
                if start > end || start < last_end {
                    return None;
                }
                last_end = end;
                Source::Raw(start..end)
            }
            _ => Source::Text(r.string()?),
        };
        passages.push(Place { section, source });
    }
    Some(Entry {
        title,
        sections,
        passages,
    })
}

fn put_u32(out: &mut Vec<u8>, n: usize) {
    // Briefs are at most 64 MB: every count and offset fits.
    out.extend_from_slice(&u32::try_from(n).unwrap_or(u32::MAX).to_le_bytes());
}

fn put_bytes(out: &mut Vec<u8>, bytes: &[u8]) {
    put_u32(out, bytes.len());
    out.extend_from_slice(bytes);
}

/// Reads what `put_*` wrote; None past the end (a damaged file).
struct Reader<'a> {
    data: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let end = self.at.checked_add(n)?;
        let slice = self.data.get(self.at..end)?;
        self.at = end;
        Some(slice)
    }

    fn u32(&mut self) -> Option<usize> {
        let b = self.take(4)?;
        Some(u32::from_le_bytes(b.try_into().ok()?) as usize)
    }

    fn bytes(&mut self) -> Option<&'a [u8]> {
        let n = self.u32()?;
        self.take(n)
    }

    fn string(&mut self) -> Option<Cow<'a, str>> {
        std::str::from_utf8(self.bytes()?).ok().map(Cow::Borrowed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_come_back_as_they_were_kept_and_only_for_the_same_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("i.idx");
        let lib = dir.path().join("lib");
        let brief = lib.join("a.txt");
        let entry = Entry {
            title: "Title".into(),
            sections: vec![Some("Summary".into()), None],
            passages: vec![
                Place {
                    section: 0,
                    source: Source::Raw(3..9),
                },
                Place {
                    section: 1,
                    source: Source::Text("zinc".into()),
                },
            ],
        };
        let index = Index::at(file.clone(), &lib);
        index.add(&brief, 7, &entry);
        index.save(std::slice::from_ref(&brief)).unwrap();
        let again = Index::at(file.clone(), &lib);
        assert_eq!(again.get(&brief, 7), Some(entry));
        assert_eq!(again.get(&brief, 8), None, "other bytes");
        // A damaged file is an empty index.
        let data = std::fs::read(&file).unwrap();
        std::fs::write(&file, &data[..data.len() - 3]).unwrap();
        assert!(Index::at(file, &lib).is_empty());
    }
}
