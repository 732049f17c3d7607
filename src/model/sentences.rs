//! Moving by section and by sentence. Sentences are UAX #29's, found in
//! the passage's text each time (cheap next to wrapping it); a selection
//! grows or shrinks by them.

use super::reader::Reader;
use unicode_segmentation::UnicodeSegmentation;

impl Reader {
    fn section_start(&self, passage: usize) -> usize {
        passage - self.index.position[passage]
    }

    pub fn next_section(&mut self) {
        let Some(&section) = self.index.section.get(self.cursor) else {
            return;
        };
        if let Some(next) =
            (self.cursor..self.index.len()).find(|&i| self.index.section[i] > section)
        {
            self.move_to(next);
        }
    }

    pub fn prev_section(&mut self) {
        if self.index.is_empty() {
            return;
        }
        let start = self.section_start(self.cursor);
        let target = if start < self.cursor || start == 0 {
            start
        } else {
            self.section_start(start - 1)
        };
        self.move_to(target);
    }

    /// Byte spans of the sentences of a passage (UAX #29).
    pub fn sentences(&self, passage: usize) -> Vec<(usize, usize)> {
        let text = self.passage_text(passage);
        text.split_sentence_bound_indices()
            .map(|(i, s)| (i, i + s.trim_end().len()))
            .filter(|(a, b)| b > a)
            .collect()
    }

    /// True when a selection is at its passage's last sentence already.
    pub fn next_sentence(&mut self) -> bool {
        if self.index.is_empty() {
            return false;
        }
        let count = self.sentences(self.cursor).len();
        if let Some(sel) = self.selection.as_mut() {
            let at_end = sel.head + 1 >= count;
            sel.head = (sel.head + 1).min(count.saturating_sub(1));
            self.sentence = Some(sel.head);
            return at_end;
        }
        match self.sentence {
            Some(s) if s + 1 < count => self.sentence = Some(s + 1),
            None if count > 1 => self.sentence = Some(1),
            _ if self.cursor + 1 < self.index.len() => {
                self.move_to(self.cursor + 1);
                self.sentence = Some(0);
            }
            _ => {}
        }
        false
    }

    pub fn prev_sentence(&mut self) {
        if self.index.is_empty() {
            return;
        }
        if let Some(sel) = self.selection.as_mut() {
            sel.head = sel.head.saturating_sub(1);
            self.sentence = Some(sel.head);
            return;
        }
        match self.sentence {
            Some(s) if s > 0 => self.sentence = Some(s - 1),
            _ if self.cursor > 0 => {
                let previous = self.cursor - 1;
                let last = self.sentences(previous).len().saturating_sub(1);
                self.move_to(previous);
                self.sentence = Some(last);
            }
            _ => {}
        }
    }
}
