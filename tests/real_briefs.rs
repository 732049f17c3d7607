//! Real briefs as they arrive: text pasted from web pages and PDFs, saved
//! web pages, PDFs. Each fixture in tests/fixtures/{pasted,html,pdf} was
//! written for this test (own words, real layouts); what it must become is
//! data in the tables below.

mod common;

use brief::document::{Brief, PassageKind};

#[path = "real_briefs/expected.rs"]
mod expected;

use expected::{Expect, HTML, PASTED, PDF};

fn load(file: &str) -> Brief {
    let path = format!("{}/tests/fixtures/{file}", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    brief::loader::load(&bytes, file).unwrap_or_else(|e| panic!("{file}: {e}"))
}

fn kind_name(kind: &PassageKind) -> String {
    match kind {
        PassageKind::Turn { speaker } => format!("turn {speaker}"),
        other => serde_json::to_value(other)
            .ok()
            .and_then(|v| v["kind"].as_str().map(str::to_string))
            .unwrap_or_default(),
    }
}

/// Every way `brief` differs from what is expected, as lines.
fn check(e: &Expect) -> Vec<String> {
    let brief = load(e.file);
    let mut problems = Vec::new();
    let mut expect = |what: &str, got: Option<&str>, want: Option<&str>| {
        if got != want {
            problems.push(format!("{what}: got {got:?}, want {want:?}"));
        }
    };
    let meta = &brief.meta;
    expect("title", Some(&meta.title), Some(e.title));
    expect("category", meta.category.as_deref(), e.category);
    expect("date", meta.date.as_deref(), e.date);
    expect("byline", meta.byline.as_deref(), e.byline);
    let json = serde_json::to_value(meta).unwrap_or_default();
    for (field, want) in e.meta {
        expect(field, json[field].as_str(), Some(want));
    }
    let passages: Vec<(String, &str)> = brief
        .passages()
        .map(|(_, p)| (kind_name(&p.kind), p.text.as_str()))
        .collect();
    for (n, (kind, start)) in e.passages.iter().enumerate() {
        match passages.get(n) {
            Some((k, text)) if k == kind && text.starts_with(start) => {}
            got => problems.push(format!(
                "passage {n}: got {got:?}, want ({kind}, {start:?}…)"
            )),
        }
    }
    if let Some(headings) = e.headings {
        let got: Vec<&str> = brief
            .sections
            .iter()
            .filter_map(|s| s.heading.as_deref())
            .collect();
        if got != headings {
            problems.push(format!("headings: got {got:?}, want {headings:?}"));
        }
    }
    for (reason, start) in e.set_aside {
        if !brief
            .set_aside
            .iter()
            .any(|s| s.reason == *reason && s.text.starts_with(start))
        {
            problems.push(format!("not set aside as {reason}: {start:?}"));
        }
    }
    let all_text: Vec<&str> = passages
        .iter()
        .map(|(_, t)| *t)
        .chain(brief.sections.iter().filter_map(|s| s.heading.as_deref()))
        .collect();
    for text in e.absent {
        if let Some(found) = all_text.iter().find(|t| t.contains(text)) {
            problems.push(format!("{text:?} should not be in the text: {found:?}"));
        }
    }
    for text in e.present {
        if !all_text.iter().any(|t| t.contains(text)) {
            problems.push(format!("{text:?} missing from the text"));
        }
    }
    // Nothing set aside is also in the text: it was moved, not copied.
    for s in &brief.set_aside {
        if all_text.iter().any(|t| *t == s.text) {
            problems.push(format!("set aside and also a passage: {:?}", s.text));
        }
    }
    problems
}

fn check_all(table: &[Expect]) {
    let failures: Vec<String> = table
        .iter()
        .filter_map(|e| {
            let problems = check(e);
            (!problems.is_empty()).then(|| format!("{}:\n  {}", e.file, problems.join("\n  ")))
        })
        .collect();
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn pasted_text_furniture_is_set_aside_and_metadata_found() {
    check_all(PASTED);
}

#[test]
fn pdfs_read_in_order_without_running_heads_and_with_notes_at_the_end() {
    check_all(PDF);
    // Every turn of the 60-page transcript is a turn or a question.
    let brief = load("pdf/long-transcript.pdf");
    let kinds: Vec<String> = brief.passages().map(|(_, p)| kind_name(&p.kind)).collect();
    assert!(kinds.len() > 600, "{}", kinds.len());
    let stray: Vec<&String> = kinds
        .iter()
        .filter(|k| !k.starts_with("turn ") && *k != "question")
        .collect();
    assert!(stray.is_empty(), "{stray:?}");
}

/// A scan with no text layer: a one-line error saying so, non-zero exit.
#[test]
fn a_scanned_pdf_is_refused_with_a_one_line_reason() {
    let path = format!(
        "{}/tests/fixtures/pdf/scanned-no-text.pdf",
        env!("CARGO_MANIFEST_DIR")
    );
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(["show", "--json", &path])
        .output()
        .expect("runs");
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("scanned-no-text.pdf") && stderr.contains("no text layer"),
        "{stderr}"
    );
    // Damaged bytes with a PDF name: an error too, never a panic.
    let err = brief::loader::load(b"%PDF-1.4\n1 0 obj <<", "broken.pdf").expect_err("damaged");
    assert!(err.to_string().contains("PDF"), "{err}");
}

#[test]
fn saved_web_pages_give_their_article_and_metadata() {
    check_all(HTML);
}

/// `brief show --json` reads a saved page in a legacy charset.
#[test]
fn show_json_reads_a_windows_1251_page() {
    let path = format!(
        "{}/tests/fixtures/html/news-windows-1251.html",
        env!("CARGO_MANIFEST_DIR")
    );
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(["show", "--json", &path])
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(json["title"], "Молдова и газ: первая зима без транзита");
}

/// `brief show --json` lists what was set aside, with the reason.
#[test]
fn show_json_lists_set_aside_furniture() {
    let path = format!(
        "{}/tests/fixtures/pasted/comments.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(["show", "--json", &path])
        .output()
        .expect("runs");
    assert!(out.status.success());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let aside = json["set_aside"].as_array().expect("set_aside array");
    assert!(
        aside
            .iter()
            .any(|s| s["text"] == "No Comments" && s["reason"] == "comment count"),
        "{aside:?}"
    );
}

/// Markdown keeps what its markup says: code lines, list numbers, link
/// URLs, tables as tables, emphasis.
#[test]
fn markdown_structure_is_kept() {
    let brief = load("markdown/structure.md");
    let passages: Vec<&brief::document::Passage> = brief.passages().map(|(_, p)| p).collect();
    let find = |kind: &str| {
        passages
            .iter()
            .find(|p| kind_name(&p.kind) == kind)
            .unwrap_or_else(|| panic!("no {kind} passage: {passages:#?}"))
    };
    let code = find("code");
    assert_eq!(
        code.text,
        "import csv\n\nfor row in csv.reader(open(\"companies.csv\")):\n    name = row[0].strip().upper()\n    print(name)"
    );
    let table = find("table");
    let rows: Vec<&str> = table.text.lines().collect();
    assert_eq!(rows.len(), 5, "{}", table.text);
    assert!(
        rows[0].starts_with("List") && rows[1].starts_with('─'),
        "{}",
        table.text
    );
    // Right-aligned numbers end in the same column.
    let ends: Vec<usize> = rows[2..]
        .iter()
        .map(|r| {
            r.find("  ")
                .map(|_| r.rfind(|c: char| c.is_ascii_digit()).unwrap_or(0))
        })
        .map(Option::unwrap_or_default)
        .collect();
    assert!(ends.windows(2).all(|w| w[0] == w[1]), "{}", table.text);
    let markers: Vec<Option<&str>> = passages
        .iter()
        .filter(|p| p.kind == PassageKind::Bullet)
        .map(|p| p.marker.as_deref())
        .collect();
    assert_eq!(markers, [Some("1."), Some("2."), Some("3.")]);
    let lead = passages[0];
    assert!(
        lead.text
            .contains("US Treasury <https://ofac.treasury.gov/sanctions-list-service>"),
        "{}",
        lead.text
    );
    let link = &lead.links[0];
    assert_eq!(&lead.text[link.start..link.end], "US Treasury");
    assert_eq!(link.url, "https://ofac.treasury.gov/sanctions-list-service");
    let styled: Vec<(&str, brief::document::TextStyle)> = lead
        .styles
        .iter()
        .map(|s| (&lead.text[s.start..s.end], s.style))
        .collect();
    assert_eq!(
        styled,
        [
            ("EU", brief::document::TextStyle::Strong),
            ("UK", brief::document::TextStyle::Emphasis)
        ]
    );
}

/// Numbered items show their numbers, code its lines, tables their rows
/// aligned — on screen, at a narrow and a wide size.
#[test]
fn markdown_numbers_code_and_tables_are_drawn_as_written() {
    let bytes = common::fixture_bytes("markdown/structure.md");
    for (w, h) in [(100, 60), (60, 80)] {
        let mut model = common::reader_from_bytes(&bytes, "structure.md", w, h);
        common::press(&mut model, "G");
        let screen = common::render(&model, w, h);
        for text in [
            "1. Download the consolidated lists.",
            "2. Normalise company names",
            "    name = row[0].strip().upper()",
            "EU consolidated    2,311    daily",
            "US SDN            16,884  as needed",
        ] {
            assert!(
                screen.contains(text),
                "{w}x{h}: {text:?} not drawn:\n{screen}"
            );
        }
    }
}

/// Set aside, never deleted: every word of each pasted brief is in a
/// passage, a heading, the metadata or the set-aside list.
#[test]
fn no_word_of_a_pasted_brief_is_lost() {
    const MARKUP: &[&str] = &["•", "q", "by", "updated", "tags", "-", "–"];
    let squeeze = |s: &str| -> String {
        s.chars()
            .filter(|c| !c.is_whitespace())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let mut failures = Vec::new();
    for e in PASTED {
        let brief = load(e.file);
        let json = brief.to_json();
        let mut everything = String::new();
        collect(&json, &mut everything);
        let everything = squeeze(&everything);
        let path = format!("{}/tests/fixtures/{}", env!("CARGO_MANIFEST_DIR"), e.file);
        let input = std::fs::read_to_string(&path).expect("fixture");
        for word in input.split_whitespace() {
            let word = word
                .trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase();
            if word.is_empty() || MARKUP.contains(&word.as_str()) {
                continue;
            }
            if !everything.contains(&squeeze(&word)) {
                failures.push(format!("{}: {word:?}", e.file));
            }
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

fn collect(value: &serde_json::Value, out: &mut String) {
    match value {
        serde_json::Value::String(s) => {
            out.push_str(s);
            out.push(' ');
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| collect(v, out)),
        serde_json::Value::Object(map) => map.values().for_each(|v| collect(v, out)),
        _ => {}
    }
}

/// A long PDF's first pages are parsed alone for the first screen; they
/// read as the same passages as the start of the whole.
#[test]
fn a_long_pdf_starts_with_its_first_pages() {
    let path = format!(
        "{}/tests/fixtures/pdf/long-transcript.pdf",
        env!("CARGO_MANIFEST_DIR")
    );
    let bytes = std::fs::read(path).expect("fixture");
    let start = brief::loader::load_start(&bytes, "long-transcript.pdf")
        .expect("a 60-page PDF has a start")
        .expect("reads");
    let whole = brief::loader::load(&bytes, "long-transcript.pdf").expect("reads");
    assert_eq!(start.meta.title, whole.meta.title);
    let first: Vec<&str> = start.passages().map(|(_, p)| p.text.as_str()).collect();
    let all: Vec<&str> = whole.passages().map(|(_, p)| p.text.as_str()).collect();
    assert!(
        first.len() > 20 && first.len() < all.len() / 10,
        "{}",
        first.len()
    );
    // All but the last (which may run on to the next page) are the same.
    assert_eq!(first[..first.len() - 1], all[..first.len() - 1]);
    // Short PDFs and other formats have no separate start.
    let short = std::fs::read(format!(
        "{}/tests/fixtures/pdf/two-column.pdf",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("fixture");
    assert!(brief::loader::load_start(&short, "two-column.pdf").is_none());
    assert!(brief::loader::load_start(b"Title\n\nText.", "a.txt").is_none());
}

/// A PDF that makes the PDF library panic: one line on stderr naming the
/// file, a failing exit status, no panic message.
#[test]
fn a_damaged_pdf_gives_one_line_not_a_panic() {
    let path = format!(
        "{}/tests/fixtures/pdf/damaged.pdf",
        env!("CARGO_MANIFEST_DIR")
    );
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(["show", "--json", &path])
        .env("RUST_BACKTRACE", "0")
        .output()
        .expect("runs");
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("damaged.pdf") && stderr.contains("PDF"),
        "{stderr}"
    );
}
