//! The library search's hot path, without process start-up: a library of
//! 1,000 seed-shaped briefs of about 10 KB (10 MB) searched for a word in
//! every brief and for a rare one, from the search index, and for the
//! common word with no index (every brief parsed: what the index saves).
//! Run with `cargo bench --bench search`; `scripts/bench-e2e --only search`
//! has the whole-program figures against `rg -i` on 10,000 briefs.

use brief::search::{FileHits, Index, Query, scan};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

fn library(dir: &Path) -> (Vec<PathBuf>, u64) {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/seed_like.txt");
    let seed = std::fs::read_to_string(path).expect("fixture");
    let body = seed.splitn(3, "\n\n").nth(2).expect("a body").to_string();
    let mut size = 0;
    for i in 0..1000 {
        let mut text = seed.replacen("Norway opens", &format!("Brief {i:04}: Norway opens"), 1);
        while text.len() < 10_000 {
            text.push_str("\n\n");
            text.push_str(&body);
        }
        if i % 100 == 7 {
            text.push_str(&format!("\n\nA rare word: quagmire {i}.\n"));
        }
        size += text.len() as u64;
        std::fs::write(dir.join(format!("brief-{i:04}.txt")), text).expect("written");
    }
    (brief::files::list_library(dir, &[]), size)
}

/// Hits found by one search of `files` for `query` with `index`.
fn search(files: &[PathBuf], query: &Query, index: &Index) -> usize {
    let hits = AtomicUsize::new(0);
    let each = |_: usize, found: Option<FileHits>| {
        if let Some(found) = found {
            hits.fetch_add(found.hits.len(), Ordering::Relaxed);
        }
    };
    scan(files, query, index, &AtomicBool::new(false), &each);
    hits.into_inner()
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let lib = dir.path().join("lib");
    std::fs::create_dir_all(&lib).expect("a library folder");
    let (files, size) = library(&lib);
    let index_file = dir.path().join("index");
    let common = Query::parse("zinc").expect("a query");
    let rare = Query::parse("quagmire").expect("a query");
    // The index made once, as the first search makes it.
    let index = Index::at(index_file.clone(), &lib);
    search(&files, &common, &index);
    index.save(&files).expect("index saved");

    let mut group = c.benchmark_group("search_1000_briefs");
    group.throughput(Throughput::Bytes(size));
    group.sample_size(20);
    group.bench_function("common_word_indexed", |b| {
        b.iter(|| search(&files, &common, &Index::at(index_file.clone(), &lib)))
    });
    group.bench_function("rare_word_indexed", |b| {
        b.iter(|| search(&files, &rare, &Index::at(index_file.clone(), &lib)))
    });
    group.sample_size(10);
    group.bench_function("common_word_parsed", |b| {
        b.iter(|| search(&files, &common, &Index::in_memory(&lib)))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
