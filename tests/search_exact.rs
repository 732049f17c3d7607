//! The library search finds exactly what the reader's own search of each
//! brief finds: every passage whose text has the query, with the same ¶
//! number, section and marks, whether the brief is searched for the first
//! time (a byte check, then a parse) or from the search index (no parse).
//! The reference is the slow exact path: every brief parsed whole and each
//! passage matched (`search::hits`).

mod common;
#[path = "common/random_brief.rs"]
mod random_brief;

use brief::document::Brief;
use brief::search::{FileHits, Hit, Index, Query, hits, scan};
use proptest::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::AtomicBool;

/// (file, title, hits) of each file with a hit, in file order.
type Results = Vec<(PathBuf, String, Vec<Hit>)>;

/// Each file parsed whole, once (None: not a brief).
type Parsed = Vec<(PathBuf, Option<Brief>)>;

fn parse(files: &[PathBuf]) -> Parsed {
    files
        .iter()
        .map(|f| (f.clone(), brief::reading::read_brief(f).ok()))
        .collect()
}

fn exact(parsed: &Parsed, query: &Query) -> Results {
    parsed
        .iter()
        .filter_map(|(f, brief)| {
            let brief = brief.as_ref()?;
            let hits = hits(brief, query);
            (!hits.is_empty()).then(|| (f.clone(), brief.meta.title.clone(), hits))
        })
        .collect()
}

fn fast(files: &[PathBuf], query: &Query, index: &Index) -> Results {
    let found: Mutex<Vec<(usize, FileHits)>> = Mutex::new(Vec::new());
    let each = |i: usize, hits: Option<FileHits>| {
        if let Some(hits) = hits {
            found.lock().unwrap().push((i, hits));
        }
    };
    scan(files, query, index, &AtomicBool::new(false), &each);
    let mut found = found.into_inner().unwrap();
    found.sort_by_key(|(i, _)| *i);
    found
        .into_iter()
        .map(|(_, f)| (f.path, f.title, f.hits))
        .collect()
}

/// Queries a reader would type for the passages of the briefs in `files`:
/// words (as written, lower case, capitalised), two-word phrases, a word
/// with its punctuation; one passage in `every`.
fn queries(parsed: &Parsed, every: usize) -> Vec<String> {
    let mut out = vec![
        "the".to_string(),
        "The".to_string(),
        "zinc copper".to_string(),
    ];
    let mut n = 0;
    for brief in parsed.iter().filter_map(|(_, b)| b.as_ref()) {
        // The first passage of each brief, so that every brief is found
        // (and put in the index) by some query.
        for (k, (_, p)) in brief.passages().enumerate() {
            n += 1;
            if k > 0 && n % every != 0 {
                continue;
            }
            let words: Vec<&str> = p.text.split_whitespace().collect();
            let Some(&word) = words.get(words.len() / 2) else {
                continue;
            };
            out.push(word.to_string());
            out.push(word.to_lowercase());
            let bare = word.trim_matches(|c: char| !c.is_alphanumeric());
            if !bare.is_empty() {
                out.push(bare.to_lowercase());
                let mut cap = bare.chars();
                if let Some(first) = cap.next() {
                    out.push(first.to_uppercase().chain(cap).collect());
                }
            }
            if let [a, b, ..] = &words[words.len() / 2..] {
                out.push(format!("\"{a} {b}\""));
                out.push(format!("{b} {a}").to_lowercase());
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

/// The search from scratch, then from the index it made, are both exact.
/// From scratch, one query in `cold_every` (each parses every file that
/// bytes cannot rule out).
fn check_alike(
    parsed: &Parsed,
    queries: &[String],
    index_file: &Path,
    folder: &Path,
    cold_every: usize,
) {
    let files: Vec<PathBuf> = parsed.iter().map(|(f, _)| f.clone()).collect();
    let files = files.as_slice();
    let _ = std::fs::remove_file(index_file);
    let mut cold_checked = 0;
    for (i, text) in queries.iter().enumerate() {
        let Some(query) = Query::parse(text) else {
            continue;
        };
        let want = exact(parsed, &query);
        if i % cold_every == 0 {
            let cold = Index::in_memory(folder);
            assert_eq!(fast(files, &query, &cold), want, "from scratch: {text}");
            cold_checked += 1;
        }
        // From the index, made by the first search and kept.
        let index = Index::at(index_file.to_path_buf(), folder);
        assert_eq!(fast(files, &query, &index), want, "with the index: {text}");
        index.save(files).unwrap();
    }
    assert!(cold_checked > 0);
    // So the index was tried on every brief with a passage.
    let with_text = parsed
        .iter()
        .filter(|(_, b)| b.as_ref().is_some_and(|b| b.passage_count() > 0))
        .count();
    assert!(
        Index::at(index_file.to_path_buf(), folder).len() >= with_text,
        "every brief indexed"
    );
}

/// Variants of the seed in the shapes that change bytes but not text.
fn variants(dir: &Path) {
    let seed = std::fs::read_to_string(common::fixture_path("seed_like.txt")).unwrap();
    let write = |name: &str, text: &[u8]| std::fs::write(dir.join(name), text).unwrap();
    write("crlf.txt", seed.replace('\n', "\r\n").as_bytes());
    write("lone-cr.txt", seed.replace('\n', "\r").as_bytes());
    write("tabs.txt", seed.replace("  •", "\t•").as_bytes());
    write("nbsp.txt", seed.replace(" the ", " the\u{a0}").as_bytes());
    write(
        "soft-hyphen.txt",
        seed.replace("zinc", "zi\u{ad}nc")
            .replace("copper", "cop\u{200b}per")
            .as_bytes(),
    );
    write(
        "escape.txt",
        seed.replace("cobalt", "co\u{1b}[1mbalt").as_bytes(),
    );
    write(
        "hyphen-broken.txt",
        b"Title\n\nThe seabed min-\nerals were surveyed and the min-\nerals found\nin the north.\n",
    );
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(seed.encode_utf16().flat_map(u16::to_le_bytes));
    write("utf16.txt", &utf16);
    write(
        "cjk.txt",
        "报告\n\n供应市场的风险 数据 zinc 价格。\n\n政策　储备（zinc）price。\n".as_bytes(),
    );
    write(
        "emphasis.md",
        b"# Metals\n\nThe zi*n*c price and **copper** too; AT&amp;T and caf&eacute; ahead.\n\n```\ncode  zinc   block\n  indented\n```\n\n- a *list* item about zinc\n  continued\n",
    );
    write(
        "entity.html",
        b"<html><head><title>Page</title></head><body><article><h1>Page</h1><p>The z&#105;nc price in Caf&eacute; terms, and copper.</p><p>Another paragraph about the copper market, long enough to be kept as the article's text by the extractor.</p></article></body></html>",
    );
    write("binary.txt", b"Title\n\nzinc\0\0\0");
}

#[test]
fn the_library_search_finds_what_each_brief_parsed_whole_has() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    std::fs::create_dir_all(&lib).unwrap();
    // Every fixture: plain, Markdown, pasted pages with furniture set aside,
    // saved pages (two in legacy charsets), PDFs.
    let fixtures = common::fixture_path("");
    for sub in ["", "pasted", "markdown", "html", "pdf"] {
        for entry in std::fs::read_dir(fixtures.join(sub)).unwrap() {
            let path = entry.unwrap().path();
            if path.is_file() && brief::files::has_brief_extension(&path) {
                let name = format!("{sub}-{}", path.file_name().unwrap().to_string_lossy());
                std::fs::copy(&path, lib.join(name.trim_start_matches('-'))).unwrap();
            }
        }
    }
    variants(&lib);
    let files = brief::files::list_library(&lib, &[]);
    assert!(files.len() > 40, "{}", files.len());
    let parsed = parse(&files);
    let mut queries = queries(&parsed, 11);
    queries.extend(
        [
            "zinc",
            "assessment",
            "minerals",
            "\"seabed minerals\"",
            "Kelvin",
            "café",
            "Café",
            "at&t",
            "zinc price",
            "\"zinc price\"",
            "code zinc",
            "供应",
            "(zinc)",
            "cobalt",
            "copper",
        ]
        .map(String::from),
    );
    check_alike(&parsed, &queries, &dir.path().join("index"), &lib, 40);
}

#[test]
fn an_edited_brief_is_searched_as_it_is_now() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    std::fs::create_dir_all(&lib).unwrap();
    let file = lib.join("a.txt");
    std::fs::write(&file, "Title\n\nThe zinc price.\n\nCopper too.\n").unwrap();
    let files = vec![file.clone()];
    let index_file = dir.path().join("index");
    let query = Query::parse("zinc").unwrap();
    let index = Index::at(index_file.clone(), &lib);
    assert_eq!(fast(&files, &query, &index), exact(&parse(&files), &query));
    index.save(&files).unwrap();
    // Same size, same second: only the bytes tell.
    std::fs::write(&file, "Title\n\nCopper too.\n\nThe zinc price.\n").unwrap();
    let index = Index::at(index_file, &lib);
    let found = fast(&files, &query, &index);
    assert_eq!(found, exact(&parse(&files), &query));
    assert_eq!(found[0].2[0].passage, 1, "¶2 now");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Random briefs (plain and Markdown; hard-wrapped, NBSP, CJK, emoji,
    /// bullets, transcripts, page furniture), with CRLF line ends or not.
    #[test]
    fn random_briefs_search_alike(specs in proptest::collection::vec(random_brief::spec(), 1..4), crlf in any::<bool>()) {
        let dir = tempfile::tempdir().unwrap();
        let lib = dir.path().join("lib");
        std::fs::create_dir_all(&lib).unwrap();
        for (i, spec) in specs.iter().enumerate() {
            let (text, _) = random_brief::Writer::default().write(spec);
            let text = if crlf { text.replace('\n', "\r\n") } else { text };
            let name = format!("b{i}.{}", if spec.markdown { "md" } else { "txt" });
            std::fs::write(lib.join(name), text).unwrap();
        }
        let parsed = parse(&brief::files::list_library(&lib, &[]));
        let queries = queries(&parsed, 2);
        check_alike(&parsed, &queries, &dir.path().join("index"), &lib, 4);
    }
}
