//! The reading position: saved with the first words of its passage and
//! found again by them, like any annotation; its number is only a hint (a
//! paragraph inserted above must not reopen the brief one passage early).

use crate::annotations::{Anchor, Position, Span, Timestamp, place_one};
use crate::document::Brief;

/// Characters of the passage kept to find the position again.
const CHARS: usize = 64;

/// The position on passage `passage`, whose text is `text`, at time `now`.
pub fn at(text: &str, passage: usize, now: &Timestamp) -> Position {
    let end = text
        .char_indices()
        .nth(CHARS)
        .map_or(text.len(), |(i, _)| i);
    Position {
        passage,
        anchor: (end > 0).then(|| Anchor::new(text, &Span::new(passage, 0..end))),
        updated: now.clone(),
        progress: None,
    }
}

/// Where `anchor` is in `brief` now.
pub fn find(brief: &Brief, anchor: &Anchor) -> Option<usize> {
    let texts: Vec<&str> = brief.passages().map(|(_, p)| p.text.as_str()).collect();
    place_one(&texts, anchor).and_then(|p| p.passage())
}

/// Where to reopen: the passage the saved text is on now, else the saved
/// number. When only the start of the brief is loaded (`partial`) and the
/// text is not in it, the anchor comes back to be looked for in the whole.
pub fn restore(
    position: Option<&Position>,
    brief: &Brief,
    partial: bool,
) -> (Option<usize>, Option<Anchor>) {
    let Some(position) = position else {
        return (None, None);
    };
    match &position.anchor {
        Some(anchor) => match find(brief, anchor) {
            Some(passage) => (Some(passage), None),
            None => (Some(position.passage), partial.then(|| anchor.clone())),
        },
        None => (Some(position.passage), None),
    }
}
