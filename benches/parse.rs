//! Parse throughput: a seed-sized brief and a 5 MB brief of the same shape;
//! a 1 MB saved web page and a 60-page PDF.
//! Run with `cargo bench --bench parse`; criterion prints MB/s.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;

mod support;
use support::{five_megabytes, one_megabyte_page, seed_like};

fn parse(c: &mut Criterion) {
    let seed = seed_like();
    let big = five_megabytes();
    let mut group = c.benchmark_group("parse");
    group.throughput(Throughput::Bytes(seed.len() as u64));
    group.bench_function("seed_like", |b| {
        b.iter(|| brief::loader::load(black_box(&seed), "seed.txt"))
    });
    group.throughput(Throughput::Bytes(big.len() as u64));
    group.sample_size(20);
    group.bench_function("5MB", |b| {
        b.iter(|| brief::loader::load(black_box(&big), "big.txt"))
    });
    // Saved pages and PDFs, side by side with plain text in the same run.
    let page = one_megabyte_page();
    group.throughput(Throughput::Bytes(page.len() as u64));
    group.sample_size(10);
    group.bench_function("html_1MB", |b| {
        b.iter(|| brief::loader::load(black_box(&page), "page.html"))
    });
    let pdf = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/pdf/long-transcript.pdf"
    ))
    .expect("PDF fixture");
    group.throughput(Throughput::Bytes(pdf.len() as u64));
    group.bench_function("pdf_60_pages", |b| {
        b.iter(|| brief::loader::load(black_box(&pdf), "transcript.pdf"))
    });
    group.finish();
}

criterion_group!(benches, parse);
criterion_main!(benches);
