//! Parse throughput: a seed-sized brief and a 5 MB brief of the same shape.
//! Run with `cargo bench --bench parse`; criterion prints MB/s.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;

mod support;
use support::{five_megabytes, seed_like};

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
    group.finish();
}

criterion_group!(benches, parse);
criterion_main!(benches);
