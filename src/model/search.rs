//! Incremental search in a brief: smart case, matches in every pane, `n`/`N`
//! to step, Esc to go back to where the search started.

use super::reader::{Reader, Top, pane_slot};
use crate::action::Action;
use crate::keymap::{Key, KeyCode};
use crate::layout::{Pane, Row};

/// One match: a byte range in a passage's text, or in a heading drawn with
/// that passage (headings are text a reader sees, so search finds them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match {
    /// The passage the match is in, or that draws the heading it is in:
    /// where `n`/`N` take the cursor.
    pub passage: usize,
    /// The section whose heading holds the match; `None`: the passage text.
    pub heading: Option<usize>,
    pub start: usize,
    pub end: usize,
}

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
            // In reading order: headings above a passage, its text, then
            // any headings drawn below it.
            for i in 0..self.index.len() {
                let above: Vec<usize> = self.index.headings_above(i).collect();
                self.find_in_headings(i, &above, &query);
                for (start, end) in find_all(self.passage_text(i), &query) {
                    self.search.matches.push(Match {
                        passage: i,
                        heading: None,
                        start,
                        end,
                    });
                }
                let below: Vec<usize> = self.index.headings_below(i).collect();
                self.find_in_headings(i, &below, &query);
            }
        }
        // Jump to the first match at or after where the search started.
        let origin = self.search.saved.map_or(self.cursor, |s| s.0);
        self.search.current = self
            .search
            .matches
            .iter()
            .position(|m| m.passage >= origin)
            .or((!self.search.matches.is_empty()).then_some(0));
        match self.search.current {
            Some(n) => self.show_match(n),
            None => self.restore_origin(),
        }
    }

    fn find_in_headings(&mut self, passage: usize, sections: &[usize], query: &str) {
        for &s in sections {
            let heading = self.brief.sections[s].heading.as_deref().unwrap_or("");
            for (start, end) in find_all(heading, query) {
                self.search.matches.push(Match {
                    passage,
                    heading: Some(s),
                    start,
                    end,
                });
            }
        }
    }

    fn restore_origin(&mut self) {
        if let Some((cursor, tops, focus)) = self.search.saved {
            self.cursor = cursor;
            self.tops = tops;
            self.focus = focus;
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
            Some(n) if self.search.matches[n].passage == self.cursor => {
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
                .position(|m| m.passage > self.cursor)
                .unwrap_or(0),
            _ => self
                .search
                .matches
                .iter()
                .rposition(|m| m.passage < self.cursor)
                .unwrap_or(count - 1),
        };
        self.search.current = Some(next);
        self.show_match(next);
    }

    /// Move to match `n` and scroll its row into view: in a passage taller
    /// than the pane, or in a heading drawn below the last passage, moving
    /// to the passage alone would leave the match off screen.
    fn show_match(&mut self, n: usize) {
        let Some(m) = self.search.matches.get(n).copied() else {
            return;
        };
        self.move_to(m.passage);
        let pane = self.pane_of(m.passage);
        let rect = self.geometry().pane(pane);
        let height = usize::from(rect.height.saturating_sub(2));
        let rows = self.rows(m.passage, rect);
        let Some(row) = rows.rows.iter().position(|r| match (*r, m.heading) {
            (Row::Heading { section, end, .. }, Some(s)) => section == s && m.start < end,
            (Row::Text { end, .. }, None) => m.start < end,
            _ => false,
        }) else {
            return;
        };
        let Ok(pos) = self.index.in_pane(pane).binary_search(&m.passage) else {
            return;
        };
        let slot = pane_slot(pane);
        let top = self.tops[slot];
        if top.pos == pos && height > 0 && row >= top.line + height {
            // The match's row a few rows below the top of the pane.
            self.tops[slot] = Top {
                pos,
                line: row.saturating_sub(height / 3),
            };
        }
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
