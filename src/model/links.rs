//! Opening the links of a passage: the passage under the cursor lists its
//! links (Markdown and page links, and URLs written out in the text), the
//! reader picks one, and app.rs hands it to the system's opener. Only web
//! and file links are opened: a brief is untrusted text, and other schemes
//! can start programs.

use super::{Effect, Model, Overlay};

/// One link of a passage, as listed to choose from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkChoice {
    /// The linked text as the brief shows it.
    pub label: String,
    pub url: String,
}

/// The schemes `brief` opens.
const OPENABLE: &[&str] = &["http", "https", "file"];

/// Whether `url` may be opened, and if not, why (said to the user).
pub fn openable(url: &str) -> Result<(), String> {
    let scheme = url.split_once(':').map(|(s, _)| s.to_ascii_lowercase());
    match scheme {
        Some(s) if OPENABLE.contains(&s.as_str()) && !url.contains(char::is_control) => Ok(()),
        _ => Err(format!(
            "Not opened: brief opens only http, https and file links ({})",
            crate::text::printable(url)
        )),
    }
}

/// List the links of the passage under the cursor, to choose one.
pub fn list(model: &mut Model) {
    let Some(reader) = model.reader.as_ref() else {
        return;
    };
    let Some(passage) = reader.passage(reader.cursor) else {
        return;
    };
    let mut links: Vec<LinkChoice> = Vec::new();
    for link in &passage.links {
        if links.iter().any(|l| l.url == link.url) {
            continue;
        }
        let label = passage.text.get(link.start..link.end).unwrap_or("");
        links.push(LinkChoice {
            label: label.trim().to_string(),
            url: link.url.clone(),
        });
    }
    if links.is_empty() {
        model.info("No links in this passage");
    } else {
        model.overlay = Some(Overlay::Links { links, cursor: 0 });
    }
}

/// Open `link` (chosen in the list) with the system's opener.
pub fn open(model: &mut Model, link: LinkChoice, fx: &mut Vec<Effect>) {
    model.overlay = None;
    match openable(&link.url) {
        Ok(()) => {
            model.info(format!("Opening {}", crate::text::printable(&link.url)));
            fx.push(Effect::OpenUrl(link.url));
        }
        Err(why) => model.error(why),
    }
}

#[cfg(test)]
mod tests {
    use super::openable;

    #[test]
    fn only_web_and_file_links_open() {
        for yes in [
            "https://example.org/a?b=c",
            "HTTP://EXAMPLE.ORG",
            "file:///home/me/brief.pdf",
        ] {
            assert_eq!(openable(yes), Ok(()), "{yes}");
        }
        for no in [
            "javascript:alert(1)",
            "mailto:someone@example.org",
            "ssh://host",
            "-e",
            "",
            "https://example.org/\u{1b}]52;c;eA==\u{7}",
        ] {
            assert!(openable(no).is_err(), "{no}");
        }
    }
}
