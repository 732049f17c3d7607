//! URLs written out in the text ("see https://example.org/report", "www.
//! example.org"): kept as links of their passage, like a Markdown or HTML
//! link, so that the reader underlines them and can open them. Finding
//! URLs is left to `linkify`, which knows where a URL ends before closing
//! punctuation ("(https://x.org/a)." gives "https://x.org/a").

use crate::document::{Link, Passage};
use linkify::{LinkFinder, LinkKind};

/// Add the passage's bare URLs to its links. A URL inside an existing
/// link's text, or already the target of one (the `<url>` written after a
/// Markdown link's text), is not added twice.
pub fn add(passage: &mut Passage) {
    let text = passage.text.as_str();
    // Most passages have no URL: two substring checks keep them cheap.
    let with_scheme = memchr::memmem::find(text.as_bytes(), b"://").is_some();
    let with_www = memchr::memmem::find(text.as_bytes(), b"www.").is_some();
    if !with_scheme && !with_www {
        return;
    }
    let mut finder = LinkFinder::new();
    finder.kinds(&[LinkKind::Url]);
    finder.url_must_have_scheme(!with_www);
    let mut found = Vec::new();
    for link in finder.links(text) {
        let written = link.as_str();
        let url = if written.contains("://") {
            written.to_string()
        } else if written.to_lowercase().starts_with("www.") {
            format!("https://{written}")
        } else {
            // A bare domain ("example.org") is text, not a link.
            continue;
        };
        let (start, end) = (link.start(), link.end());
        // Also the `<url>` shown after a link's text, which the finder
        // may cut short (at a space or a backtick in the URL).
        let known = passage
            .links
            .iter()
            .any(|l| l.url.starts_with(&url) || (l.start < end && start < l.end));
        if !known {
            found.push(Link { start, end, url });
        }
    }
    passage.links.extend(found);
    passage.links.sort_by_key(|l| l.start);
}

#[cfg(test)]
mod tests {
    use super::add;
    use crate::document::{Link, Passage, PassageKind};

    fn links(text: &str, existing: Vec<Link>) -> Vec<(String, String)> {
        let mut p = Passage::new(PassageKind::Paragraph, text.to_string());
        p.links = existing;
        add(&mut p);
        p.links
            .iter()
            .map(|l| (text[l.start..l.end].to_string(), l.url.clone()))
            .collect()
    }

    #[test]
    fn bare_urls_become_links_once() {
        let one = |t: &str, u: &str| vec![(t.to_string(), u.to_string())];
        assert_eq!(
            links("See https://example.org/report.", vec![]),
            one("https://example.org/report", "https://example.org/report")
        );
        assert_eq!(
            links("(at www.example.org/a), then", vec![]),
            one("www.example.org/a", "https://www.example.org/a")
        );
        assert_eq!(
            links("A file:///tmp/brief.pdf copy", vec![]),
            one("file:///tmp/brief.pdf", "file:///tmp/brief.pdf")
        );
        // A Markdown link: its text is the link; the `<url>` after it is
        // not a second one.
        let text = "the report <https://example.org/r>";
        let md = Link {
            start: 4,
            end: 10,
            url: "https://example.org/r".into(),
        };
        assert_eq!(
            links(text, vec![md]),
            one("report", "https://example.org/r")
        );
        // The `<url>` written after a link whose URL has a space or a
        // backtick is cut short by the finder: not a second link.
        for (text, url) in [
            (
                "spaced <https://example.com/a b>",
                "https://example.com/a b",
            ),
            (
                "tick <https://example.com/`id`>",
                "https://example.com/`id`",
            ),
        ] {
            let link = Link {
                start: 0,
                end: 6,
                url: url.into(),
            };
            assert_eq!(links(text, vec![link]).len(), 1, "{text}");
        }
        for nothing in ["No link here.", "e.g. example.org is a domain", "a://"] {
            assert_eq!(links(nothing, vec![]), vec![], "{nothing}");
        }
    }
}
