//! Inputs shared by the benchmarks: the seed-like fixture and a 5 MB brief
//! made of it, the shape `scripts/bench-e2e` also uses.
#![allow(dead_code)]

pub fn seed_like() -> Vec<u8> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/seed_like.txt");
    std::fs::read(path).expect("fixture")
}

/// The seed-like shape repeated to about 5 MB.
pub fn five_megabytes() -> Vec<u8> {
    let seed = seed_like();
    let mut out = seed.clone();
    while out.len() < 5 * 1024 * 1024 {
        out.extend_from_slice(b"\n");
        out.extend_from_slice(&seed);
    }
    out
}

/// A 1 MB saved web page: the think-tank fixture with its article repeated
/// (what `scripts/bench-e2e` also opens).
pub fn one_megabyte_page() -> Vec<u8> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/html/think-tank-analysis.html"
    );
    let page = std::fs::read_to_string(path).expect("fixture");
    let start = page.find("<p>The ports of Tallinn").expect("article start");
    let end = page
        .find("<div class=\"share-buttons\">")
        .expect("article end");
    let article = &page[start..end];
    let mut out = page[..end].to_string();
    while out.len() + page.len() - end < 1024 * 1024 {
        out.push_str(article);
    }
    out.push_str(&page[end..]);
    out.into_bytes()
}
