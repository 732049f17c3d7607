//! Incremental search in a brief: smart case, matches in every pane, `n`/`N`
//! to step, Esc to go back to where the search started.

use super::reader::{Reader, Top};
use crate::action::Action;
use crate::keymap::{Key, KeyCode};
use crate::layout::Pane;

/// One match: passage and byte range in its text.
pub type Match = (usize, usize, usize);

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Search {
    /// The prompt is open and keys type into `query`.
    pub input: bool,
    pub query: String,
    pub matches: Vec<Match>,
    pub current: Option<usize>,
    /// Where the search started, restored by Cancel.
    saved: Option<(usize, [Top; 2], Pane)>,
    /// The accepted query before this one, restored by Cancel.
    previous: Option<String>,
}

impl Search {
    pub fn typing(&self) -> bool {
        self.input
    }

    /// Forget the matches; true if there were any to forget.
    pub fn clear(&mut self) -> bool {
        let had = !self.query.is_empty();
        *self = Search::default();
        had
    }
}

/// Smart case: a query with a capital letter is case-sensitive.
fn case_sensitive(query: &str) -> bool {
    query.chars().any(char::is_uppercase)
}

/// Byte ranges of `query` in `text`.
pub fn find_all(text: &str, query: &str) -> Vec<(usize, usize)> {
    if query.is_empty() {
        return Vec::new();
    }
    if case_sensitive(query) {
        return text
            .match_indices(query)
            .map(|(i, m)| (i, i + m.len()))
            .collect();
    }
    let lower = text.to_lowercase();
    if lower.len() == text.len() {
        // Lower-casing kept every byte where it was (nearly all text).
        return lower
            .match_indices(query)
            .map(|(i, m)| (i, i + m.len()))
            .collect();
    }
    // Some characters changed length: map offsets char by char.
    let mut map = Vec::with_capacity(lower.len() + 1);
    for (i, c) in text.char_indices() {
        for _ in 0..c.to_lowercase().map(char::len_utf8).sum::<usize>() {
            map.push(i);
        }
    }
    map.push(text.len());
    lower
        .match_indices(query)
        .map(|(i, m)| {
            (
                map[i],
                map[(i + m.len()).min(map.len() - 1)]
                    .max(map[i] + 1)
                    .min(text.len()),
            )
        })
        .filter(|(a, b)| text.is_char_boundary(*a) && text.is_char_boundary(*b))
        .collect()
}

impl Reader {
    pub fn start_search(&mut self) {
        let previous = (!self.search.query.is_empty()).then(|| self.search.query.clone());
        self.search = Search {
            input: true,
            saved: Some((self.cursor, self.tops, self.focus)),
            previous,
            ..Search::default()
        };
    }

    /// Recompute the matches after the text changed, without moving.
    pub fn refresh_search(&mut self) {
        let (cursor, tops, focus) = (self.cursor, self.tops, self.focus);
        self.run_search();
        (self.cursor, self.tops, self.focus) = (cursor, tops, focus);
    }

    fn run_search(&mut self) {
        let query = self.search.query.clone();
        self.search.matches.clear();
        if !query.is_empty() {
            for i in 0..self.index.len() {
                for (a, b) in find_all(self.passage_text(i), &query) {
                    self.search.matches.push((i, a, b));
                }
            }
        }
        // Jump to the first match at or after where the search started.
        let origin = self.search.saved.map_or(self.cursor, |s| s.0);
        self.search.current = self
            .search
            .matches
            .iter()
            .position(|m| m.0 >= origin)
            .or((!self.search.matches.is_empty()).then_some(0));
        match self.search.current {
            Some(n) => {
                let passage = self.search.matches[n].0;
                self.move_to(passage);
            }
            None => self.restore_origin(),
        }
    }

    fn restore_origin(&mut self) {
        if let Some((cursor, tops, focus)) = self.search.saved {
            self.cursor = cursor;
            self.tops = tops;
            self.focus = focus;
            // The window may have changed size since the search began:
            // the old view may no longer show the cursor.
            self.reveal();
        }
    }

    pub fn search_key(&mut self, key: Key) {
        if let Some(c) = key.typed_char() {
            self.search.query.push(c);
        } else if key.code == KeyCode::Backspace {
            self.search.query.pop();
        } else {
            return;
        }
        self.run_search();
    }

    /// Pasted text (one line, already clean) added to the query at once.
    pub fn search_paste(&mut self, text: &str) {
        self.search.query.push_str(text);
        self.run_search();
    }

    pub fn search_action(&mut self, action: Action) {
        match action {
            Action::Accept => {
                self.search.input = false;
                if self.search.query.is_empty() {
                    self.search.clear();
                }
            }
            Action::Cancel | Action::Quit => {
                self.restore_origin();
                let previous = self.search.previous.take();
                self.search.clear();
                if let Some(previous) = previous {
                    self.search.query = previous;
                    let (cursor, tops) = (self.cursor, self.tops);
                    self.run_search();
                    self.cursor = cursor;
                    self.tops = tops;
                }
                self.reveal();
            }
            Action::ClearInput => {
                self.search.query.clear();
                self.run_search();
            }
            Action::Key(key) => self.search_key(key),
            _ => {}
        }
    }

    /// `n` / `N`: the next or previous match, wrapping around.
    pub fn search_step(&mut self, forward: bool) {
        let count = self.search.matches.len();
        if count == 0 {
            return;
        }
        let next = match self.search.current {
            // After moving by hand, step from the cursor rather than the old match.
            Some(n) if self.search.matches[n].0 == self.cursor => {
                if forward {
                    (n + 1) % count
                } else {
                    (n + count - 1) % count
                }
            }
            _ if forward => self
                .search
                .matches
                .iter()
                .position(|m| m.0 > self.cursor)
                .unwrap_or(0),
            _ => self
                .search
                .matches
                .iter()
                .rposition(|m| m.0 < self.cursor)
                .unwrap_or(count - 1),
        };
        self.search.current = Some(next);
        let passage = self.search.matches[next].0;
        self.move_to(passage);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn smart_case() {
        assert_eq!(find_all("Gas and gas", "gas"), vec![(0, 3), (8, 11)]);
        assert_eq!(find_all("Gas and gas", "Gas"), vec![(0, 3)]);
        assert_eq!(find_all("Ünïcode ünïcode", "ünï").len(), 2);
        assert_eq!(find_all("İstanbul and istanbul", "istanbul").len(), 1);
        assert!(find_all("abc", "").is_empty());
    }
}
