//! Showing what the loader set aside (page furniture) so a reader can check
//! that nothing real was hidden. It is shown as a last, dimmed section, each
//! piece under its reason; the brief's own passages keep their numbers, so
//! annotations and the reading position are untouched.

use super::Reader;
use crate::document::{Passage, PassageKind, Section, SectionKind};
use crate::layout::{PassageIndex, WrapCache};

/// The heading of the section that shows set-aside text.
pub const HEADING: &str = "Set aside by brief (not part of the text)";

impl Reader {
    /// Passages of the brief itself: the set-aside ones, when shown, follow.
    pub fn own_passages(&self) -> usize {
        let shown = if self.showing_set_aside {
            self.brief.set_aside.len()
        } else {
            0
        };
        self.index.len().saturating_sub(shown)
    }

    /// Whether passage `i` is set-aside text shown for checking.
    pub fn is_set_aside(&self, i: usize) -> bool {
        self.showing_set_aside && i >= self.own_passages() && i < self.index.len()
    }

    /// Append (or remove) the section of set-aside text, without moving
    /// the cursor beyond the brief's own passages.
    pub(super) fn show_set_aside(&mut self, show: bool) {
        if show == self.showing_set_aside || self.brief.set_aside.is_empty() {
            return;
        }
        if show {
            let passages = self
                .brief
                .set_aside
                .iter()
                .map(|s| {
                    Passage::new(
                        PassageKind::SetAside {
                            reason: s.reason.clone(),
                        },
                        s.text.clone(),
                    )
                })
                .collect();
            self.brief.sections.push(Section {
                kind: SectionKind::Other,
                heading: Some(HEADING.to_string()),
                passages,
            });
        } else {
            self.brief.sections.pop();
        }
        self.showing_set_aside = show;
        self.index = PassageIndex::new(&self.brief);
        self.wraps = WrapCache::default();
        if !self.search.query.is_empty() {
            self.refresh_search();
        }
    }
}

/// The `toggle_set_aside` key: show the set-aside text and go to it, or
/// hide it and go back to where the reader was. Returns the message.
pub(super) fn toggle(reader: &mut Reader) -> String {
    if reader.brief.set_aside.is_empty() {
        return "Nothing in this brief was set aside: every word is in its passages".to_string();
    }
    if reader.showing_set_aside {
        let back = reader
            .back_from_set_aside
            .min(reader.own_passages().saturating_sub(1));
        reader.show_set_aside(false);
        reader.move_to(back);
        return "Set-aside text hidden".to_string();
    }
    let count = reader.brief.set_aside.len();
    let first = reader.index.len();
    reader.back_from_set_aside = reader.cursor;
    reader.show_set_aside(true);
    reader.move_to(first);
    format!(
        "{count} piece{} of page furniture, set aside, shown dimmed at the end; \
         {{toggle_set_aside}} hides them",
        if count == 1 { "" } else { "s" }
    )
}
