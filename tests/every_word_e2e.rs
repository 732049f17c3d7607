//! End to end, in a real pseudo-terminal: text that looks like a heading but
//! heads nothing (issue 11, item 1) is on screen and found by `/` search,
//! and a Markdown heading over an empty section is drawn and found.

mod common;

use common::pty::{Env, Session};

const PLAIN: &str = "Analyses\nA test title\n\nThis is the summary. It has two sentences.\n\nWhat comes next\n\nCommentary\n\n  • First point here.\n";

const MARKDOWN: &str = "# Title here\n\nLead paragraph one.\n\n## Risks\n\n### Price risk\n\nPrices may fall.\n\n### Legal risk\n\nCourts may object.\n";

fn write(env: &Env, name: &str, text: &str) -> String {
    let path = env.dir.path().join(name);
    std::fs::write(&path, text).expect("write brief");
    path.to_string_lossy().into_owned()
}

#[test]
fn a_paragraph_that_looks_like_a_heading_is_shown_and_found() {
    let env = Env::new();
    let path = write(&env, "what-comes-next.txt", PLAIN);
    let mut s = Session::start(&env, &[&path], 80, 24);
    s.wait_for("What comes next");
    // The whole first frame (the status line is drawn last): three passages.
    s.wait_for("¶ 1/3 · Summary");
    s.send("/");
    s.send("comes next");
    s.wait_for("/comes next▏  1 of 1");
    s.send("\r");
    // The search took the cursor to it: the second of three passages.
    let screen = s.wait_for("¶ 2/3 · Summary · /comes next 1 of 1");
    assert!(screen.contains("What comes next"), "{screen}");
    s.send("q");
    s.assert_exited_cleanly(0);
}

#[test]
fn a_heading_over_an_empty_section_is_drawn_and_found() {
    let env = Env::new();
    let path = write(&env, "risks.md", MARKDOWN);
    let mut s = Session::start(&env, &[&path], 80, 24);
    // Drawn above its first subheading, in the order of the brief.
    s.wait_for("Risks");
    let screen = s.wait_for("¶ 1/3 · Summary");
    let (risks, price) = (screen.find("Risks"), screen.find("Price risk"));
    assert!(risks < price && price.is_some(), "{screen}");
    s.send("/");
    s.send("Risks");
    s.wait_for("/Risks▏  1 of 1");
    s.send("\r");
    // The cursor is on the passage drawn under the heading.
    s.wait_for("¶ 2/3 · Price risk · /Risks 1 of 1");
    s.send("q");
    s.assert_exited_cleanly(0);
}
