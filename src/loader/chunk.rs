//! Text of one block as a reader of marked-up text builds it (Markdown,
//! a web page): the text, and its links and emphasis as byte ranges of it.

use super::collapse_whitespace;
use crate::document::{Link, Passage, PassageKind, Styled};

#[derive(Debug, Default)]
pub(super) struct Chunk {
    pub text: String,
    pub links: Vec<Link>,
    pub styles: Vec<Styled>,
}

impl Chunk {
    /// The text with its runs of whitespace made single spaces.
    pub fn plain(&self) -> String {
        collapse_whitespace(&self.text)
    }

    /// A passage of `kind` whose text is `text`, a part of this chunk's
    /// text (a `Q:` or speaker prefix taken off): the ranges move with it,
    /// and those outside it are dropped.
    pub fn into_passage(self, kind: PassageKind, text: String) -> Passage {
        let shift = self.text.find(text.as_str()).unwrap_or(0);
        let end = shift + text.len();
        let mut passage = Passage::new(kind, text);
        let keep = |start: usize, stop: usize| start >= shift && stop <= end && start < stop;
        passage.links = self
            .links
            .into_iter()
            .filter(|l| keep(l.start, l.end))
            .map(|l| Link {
                start: l.start - shift,
                end: l.end - shift,
                url: l.url,
            })
            .collect();
        passage.styles = self
            .styles
            .into_iter()
            .filter(|s| keep(s.start, s.end))
            .map(|s| Styled {
                start: s.start - shift,
                end: s.end - shift,
                style: s.style,
            })
            .collect();
        passage
    }
}
