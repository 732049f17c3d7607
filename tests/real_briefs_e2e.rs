//! Saved web pages and PDFs open in the reader like any brief: the real
//! binary in a pseudo-terminal.

mod common;

use common::pty::{Env, Session};

#[test]
fn a_saved_web_page_opens_in_the_reader_with_its_furniture_set_aside() {
    let env = Env::new();
    let page = common::fixture_path("html/think-tank-analysis.html");
    let mut s = Session::start(&env, &[page.to_str().expect("utf-8 path")], 110, 30);
    let screen = s.wait_for_all(&[
        "Baltic ports prepare for military mobility",
        "Liis Tamm",
        "The ports of Tallinn, Riga and Klaipėda",
    ]);
    assert!(!screen.contains("We use cookies"), "{screen}");
    // `z` shows what was set aside, under its reason.
    s.send("z");
    s.wait_for_all(&[
        "byline:",
        "By Liis Tamm · 14 March 2025",
        "pieces of page furniture",
    ]);
    s.send("G");
    s.wait_for_all(&["page footer:", "All rights reserved."]);
    s.send("q");
    s.assert_exited_cleanly(0);
}

#[test]
fn a_pdf_opens_in_the_reader_in_column_order() {
    let env = Env::new();
    let pdf = common::fixture_path("pdf/two-column.pdf");
    let mut s = Session::start(&env, &[pdf.to_str().expect("utf-8 path")], 110, 30);
    s.wait_for_all(&[
        "Rail freight across the Carpathians",
        "Oksana Melnyk",
        "Left column first. Freight trains between Ukraine and Romania cross",
    ]);
    s.send("G");
    s.wait_for("Right column last.");
    s.send("q");
    s.assert_exited_cleanly(0);
}

#[test]
fn a_scanned_pdf_says_it_has_no_text_layer() {
    let env = Env::new();
    let pdf = common::fixture_path("pdf/scanned-no-text.pdf");
    let mut s = Session::start(&env, &[pdf.to_str().expect("utf-8 path")], 110, 30);
    // One line naming the file and saying why; a failing exit status.
    s.wait_for("scanned-no-text.pdf: a scanned PDF with no text layer");
    s.assert_exited_cleanly(1);
}

/// A 60-page PDF shows its first screen from its first pages; the rest
/// arrives behind it, so the last answer is there to go to.
#[test]
fn a_long_pdf_opens_at_once_and_the_rest_follows() {
    let env = Env::new();
    let pdf = common::fixture_path("pdf/long-transcript.pdf");
    let mut s = Session::start(&env, &[pdf.to_str().expect("utf-8 path")], 110, 30);
    s.wait_for_all(&[
        "Press conference on the flood recovery programme",
        "Answer 1.",
    ]);
    // The whole is in when the position counts every passage.
    s.wait_for("¶ 1/964");
    s.send("G");
    s.wait_for("Answer 964.");
    s.send("q");
    s.assert_exited_cleanly(0);
}

/// A damaged PDF that makes the PDF library panic is listed as unreadable;
/// the panic, caught, neither prints over the screen nor hands the
/// terminal back: the library goes on working.
#[test]
fn a_damaged_pdf_in_the_library_leaves_the_reader_working() {
    let env = Env::new();
    let dir = env.dir.path().join("library");
    std::fs::create_dir_all(&dir).expect("library");
    for name in ["damaged.pdf", "two-column.pdf"] {
        std::fs::copy(common::fixture_path(&format!("pdf/{name}")), dir.join(name)).expect("copy");
    }
    let mut s = Session::start(&env, &[dir.to_str().expect("utf-8 path")], 110, 30);
    let screen = s.wait_for_all(&["damaged.pdf", "Rail freight across the Carpathians"]);
    assert!(!screen.contains("panicked"), "{screen}");
    s.send("/");
    s.send("Rail");
    s.send("\r");
    s.send("\r");
    s.wait_for("Left column first.");
    s.send("q");
    s.wait_for("Rail freight across the Carpathians");
    // Esc clears the filter: every brief is listed again.
    s.send("\x1b");
    s.wait_for_all(&["damaged.pdf", "not a readable"]);
    s.send("q");
    s.assert_exited_cleanly(0);
}
