//! Incremental search in a brief: smart case, matches in every pane, `n`/`N`
//! to step, Esc to go back to where the search started.

use super::reader::{Reader, Top, pane_slot};
use crate::action::Action;
use crate::keymap::{Key, KeyCode};
use crate::layout::{Pane, Row};

/// Where a match is: in a passage's text, in a heading, or in a note's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    Passage(usize),
    /// In the heading of section `section`, drawn with passage `passage`
    /// (above its text, or below the last passage: `below`). Headings are
    /// text a reader sees, so search finds them.
    Heading {
        section: usize,
        passage: usize,
        below: bool,
    },
    /// In the text of annotation `annotation` (an index into the file),
    /// placed on `passage` (None: on the whole brief, or detached).
    Note {
        annotation: usize,
        passage: Option<usize>,
    },
}

/// One match: where, and its byte range in that text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match {
    pub found: Found,
    pub start: usize,
    pub end: usize,
}

impl Match {
    /// The passage the reader goes to for this match.
    pub fn passage(&self) -> Option<usize> {
        match self.found {
            Found::Passage(p) | Found::Heading { passage: p, .. } => Some(p),
            Found::Note { passage, .. } => passage,
        }
    }

    /// In document order: the headings drawn above a passage, its text, the
    /// headings drawn below it, then the notes on it; notes on the whole
    /// brief or detached come last.
    fn order(&self) -> (usize, u8, usize, usize) {
        match self.found {
            Found::Heading {
                section,
                passage,
                below,
            } => (passage, if below { 2 } else { 0 }, section, self.start),
            Found::Passage(p) => (p, 1, 0, self.start),
            Found::Note {
                annotation,
                passage,
            } => (passage.unwrap_or(usize::MAX), 3, annotation, self.start),
        }
    }
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
            for i in 0..self.index.len() {
                for (start, end) in find_all(self.passage_text(i), &query) {
                    let found = Found::Passage(i);
                    self.search.matches.push(Match { found, start, end });
                }
                let above: Vec<usize> = self.index.headings_above(i).collect();
                self.find_in_headings(i, &above, false, &query);
                let below: Vec<usize> = self.index.headings_below(i).collect();
                self.find_in_headings(i, &below, true, &query);
            }
            // The reader's own words are searched too: notes and drafts.
            for annotation in super::notes::entries(self) {
                let a = self.annotations.get(annotation);
                let Some(text) = a.note.as_deref() else {
                    continue;
                };
                let passage = self.annotations.placement(annotation).passage();
                for (start, end) in find_all(text, &query) {
                    let found = Found::Note {
                        annotation,
                        passage,
                    };
                    self.search.matches.push(Match { found, start, end });
                }
            }
            self.search.matches.sort_by_key(Match::order);
        }
        // Jump to the first match at or after where the search started.
        let origin = self.search.saved.map_or(self.cursor, |s| s.0);
        self.search.current = self
            .search
            .matches
            .iter()
            .position(|m| m.passage().is_some_and(|p| p >= origin))
            .or((!self.search.matches.is_empty()).then_some(0));
        match self.search.current {
            Some(n) => self.go_to_match(n),
            None => self.restore_origin(),
        }
    }

    /// Show match `n`: its passage, and for a match in a note, that note
    /// selected in the notes pane (or, with the pane folded away, named in
    /// the status line by the caller).
    fn go_to_match(&mut self, n: usize) {
        let m = self.search.matches[n];
        if let Some(passage) = m.passage() {
            self.move_to(passage);
            self.scroll_to_match(m);
        }
        if let Found::Note { annotation, .. } = m.found
            && let Some(at) = super::notes::entries(self)
                .iter()
                .position(|&i| i == annotation)
        {
            self.notes_cursor = at;
            super::notes::keep_selected_visible(self);
        }
    }

    fn find_in_headings(&mut self, passage: usize, sections: &[usize], below: bool, query: &str) {
        for &section in sections {
            let heading = self.brief.sections[section]
                .heading
                .as_deref()
                .unwrap_or("");
            for (start, end) in find_all(heading, query) {
                let found = Found::Heading {
                    section,
                    passage,
                    below,
                };
                self.search.matches.push(Match { found, start, end });
            }
        }
    }

    /// After moving to a match's passage, scroll its row into view: in a
    /// passage taller than the pane, or in a heading drawn below the last
    /// passage, moving to the passage alone would leave it off screen.
    fn scroll_to_match(&mut self, m: Match) {
        let (passage, heading) = match m.found {
            Found::Passage(p) => (p, None),
            Found::Heading {
                section, passage, ..
            } => (passage, Some(section)),
            Found::Note { .. } => return,
        };
        let pane = self.pane_of(passage);
        let rect = self.geometry().pane(pane);
        let height = usize::from(rect.height.saturating_sub(2));
        let rows = self.rows(passage, rect);
        let Some(row) = rows.rows.iter().position(|r| match (*r, heading) {
            (Row::Heading { section, end, .. }, Some(s)) => section == s && m.start < end,
            (Row::Text { end, .. }, None) => m.start < end,
            _ => false,
        }) else {
            return;
        };
        let Ok(pos) = self.index.in_pane(pane).binary_search(&passage) else {
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

    /// The match shown now, if it is in a note.
    pub fn current_note_match(&self) -> Option<&Match> {
        self.search
            .current
            .and_then(|n| self.search.matches.get(n))
            .filter(|m| matches!(m.found, Found::Note { .. }))
    }

    /// The annotation (an index into `annotations.all()`) holding the match
    /// shown now, if that match is in a note.
    pub fn current_note_annotation(&self) -> Option<usize> {
        match self.current_note_match()?.found {
            Found::Note { annotation, .. } => Some(annotation),
            Found::Passage(_) | Found::Heading { .. } => None,
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
            _ => {}
        }
    }

    /// `n` / `N`: the next or previous match, wrapping around.
    /// `n`/`N`: the next match; a message when there is no search, no
    /// match, or the step wrapped around the brief's end (or start).
    pub fn search_step(&mut self, forward: bool) -> Option<String> {
        let count = self.search.matches.len();
        if self.search.query.is_empty() {
            return Some("No search yet: press {search} to search".to_string());
        }
        if count == 0 {
            return Some(format!(
                "No match for “{}”",
                crate::text::printable(&self.search.query)
            ));
        }
        let before = self.search.current;
        let start = self.cursor;
        let next = match self.search.current {
            // After moving by hand, step from the cursor rather than the old match.
            Some(n)
                if self.search.matches[n]
                    .passage()
                    .is_none_or(|p| p == self.cursor) =>
            {
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
                .position(|m| m.passage().is_some_and(|p| p > self.cursor))
                .unwrap_or(0),
            _ => self
                .search
                .matches
                .iter()
                .rposition(|m| m.passage().is_some_and(|p| p < self.cursor))
                .unwrap_or(count - 1),
        };
        self.search.current = Some(next);
        self.go_to_match(next);
        // Wrapped: the match reached lies behind (ahead of) where it began.
        let from = start;
        let to = self.search.matches[next].passage().unwrap_or(from);
        let wrapped = match before {
            Some(n) => (forward && next <= n) || (!forward && next >= n),
            None => (forward && to < from) || (!forward && to > from),
        };
        wrapped.then(|| {
            if forward {
                "Search wrapped around to the start".to_string()
            } else {
                "Search wrapped around to the end".to_string()
            }
        })
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
