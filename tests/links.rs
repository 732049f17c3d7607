//! Links (issue 14): a passage's links — Markdown links, page links and
//! URLs written out in the text — are listed with `o` and the chosen one
//! is opened by the user's browser, as one argument, never through a
//! shell; only web and file links are opened.

mod common;

use brief::model::{Effect, Model, Overlay};
use common::pty::{Env, Session};
use common::{press, reader_from_bytes};

const BRIEF: &str = "---\ntitle: Links in a brief\n---\n\n\
The [fisheries report](https://example.org/fish) and the data at \
https://data.example.org/catch.csv (updated weekly).\n\n\
A paragraph with no link at all.\n\n\
A [bad link](javascript:alert(1)) and www.example.net/plain.\n";

fn model() -> Model {
    reader_from_bytes(BRIEF.as_bytes(), "links.md", 100, 30)
}

fn listed(m: &Model) -> Vec<(String, String)> {
    match &m.overlay {
        Some(Overlay::Links { links, .. }) => links
            .iter()
            .map(|l| (l.label.clone(), l.url.clone()))
            .collect(),
        other => panic!("no list of links: {other:?}"),
    }
}

fn opened(effects: &[Effect]) -> Vec<String> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::OpenUrl(url) => Some(url.clone()),
            _ => None,
        })
        .collect()
}

fn message(m: &Model) -> String {
    m.message
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default()
}

#[test]
fn o_lists_the_passage_s_links_and_enter_opens_the_chosen_one() {
    let mut m = model();
    press(&mut m, "o");
    assert_eq!(
        listed(&m),
        [
            ("fisheries report".into(), "https://example.org/fish".into()),
            (
                "https://data.example.org/catch.csv".into(),
                "https://data.example.org/catch.csv".into()
            ),
        ]
    );
    let fx = press(&mut m, "j enter");
    assert_eq!(opened(&fx), ["https://data.example.org/catch.csv"]);
    assert!(m.overlay.is_none());
    assert!(message(&m).starts_with("Opening https://data.example.org/catch.csv"));
    // Esc closes the list without opening anything.
    press(&mut m, "o");
    let fx = press(&mut m, "esc");
    assert!(opened(&fx).is_empty() && m.overlay.is_none());
}

#[test]
fn a_passage_without_links_says_so() {
    let mut m = model();
    press(&mut m, "j o");
    assert!(m.overlay.is_none());
    assert_eq!(message(&m), "No links in this passage");
}

#[test]
fn only_web_and_file_links_are_opened() {
    let mut m = model();
    press(&mut m, "j j o");
    assert_eq!(
        listed(&m),
        [
            ("bad link".into(), "javascript:alert(1)".into()),
            (
                "www.example.net/plain".into(),
                "https://www.example.net/plain".into()
            ),
        ]
    );
    let fx = press(&mut m, "enter");
    assert!(opened(&fx).is_empty(), "{fx:?}");
    assert!(m.message.as_ref().is_some_and(|m| m.error));
    assert!(
        message(&m).contains("only http, https and file"),
        "{}",
        message(&m)
    );
    let fx = press(&mut m, "o j enter");
    assert_eq!(opened(&fx), ["https://www.example.net/plain"]);
}

/// The real binary, a pretend browser that writes down what it was given.
#[test]
fn the_browser_gets_the_url_as_one_argument() {
    let env = Env::new();
    let dir = env.dir.path();
    let brief = dir.join("links.md");
    std::fs::write(&brief, BRIEF).unwrap();
    let got = dir.join("browser-got");
    let browser = dir.join("browser");
    std::fs::write(
        &browser,
        format!(
            "#!/bin/sh\nprintf '%s\\n' \"$#\" \"$@\" > {}.tmp && mv {0}.tmp {0}\n",
            got.display()
        ),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&browser, std::fs::Permissions::from_mode(0o755)).unwrap();
    let browser_var = format!("{} --new-tab %s", browser.display());
    let mut s = Session::start_with(
        &env,
        &[brief.to_str().unwrap()],
        100,
        30,
        &[("BROWSER", browser_var.as_str())],
    );
    s.wait_for("fisheries report");
    s.send("o");
    s.wait_for("Links of this passage");
    s.send("j\r");
    s.wait_for("Opening https://data.example.org/catch.csv");
    // The browser runs beside brief: wait for what it wrote, as long as
    // any wait of these tests.
    let deadline = std::time::Instant::now() + common::pty::timeout();
    let written = loop {
        if let Ok(text) = std::fs::read_to_string(&got) {
            break text;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the browser was not started"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    assert_eq!(
        written,
        "2\n--new-tab\nhttps://data.example.org/catch.csv\n"
    );
    s.send("q");
    s.assert_exited_cleanly(0);
}
