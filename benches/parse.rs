//! Parse throughput: a seed-sized brief and a 5 MB brief of the same shape.
//! Run with `cargo bench --bench parse`; criterion prints MB/s.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;

fn seed_like() -> Vec<u8> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/seed_like.txt");
    std::fs::read(path).expect("fixture")
}

/// The seed-like shape repeated to about 5 MB: one header, then the lead
/// paragraphs and commentary bullets over and over.
pub fn five_megabytes(seed: &[u8]) -> Vec<u8> {
    let mut out = seed.to_vec();
    while out.len() < 5 * 1024 * 1024 {
        out.extend_from_slice(b"\n");
        out.extend_from_slice(seed);
    }
    out
}

fn parse(c: &mut Criterion) {
    let seed = seed_like();
    let big = five_megabytes(&seed);
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
    group.finish();
}

criterion_group!(benches, parse);
criterion_main!(benches);
