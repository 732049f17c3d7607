//! The library's order (date, title, last read, progress) and opening on
//! the brief read last.

use super::library::Library;
use crate::annotations::Timestamp;
use crate::payload::LibraryEntry;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortBy {
    /// Newest first by the date the brief gives, then by title.
    #[default]
    Date,
    Title,
    /// Read most recently first; new briefs last.
    LastRead,
    /// Furthest read first; new briefs last.
    Progress,
}

impl SortBy {
    pub fn name(self) -> &'static str {
        match self {
            SortBy::Date => "date",
            SortBy::Title => "title",
            SortBy::LastRead => "last read",
            SortBy::Progress => "progress",
        }
    }

    fn next(self) -> SortBy {
        match self {
            SortBy::Date => SortBy::Title,
            SortBy::Title => SortBy::LastRead,
            SortBy::LastRead => SortBy::Progress,
            SortBy::Progress => SortBy::Date,
        }
    }
}

fn last_read(e: &LibraryEntry) -> Option<&Timestamp> {
    e.read.as_ref().map(|(_, when)| when)
}

impl Library {
    /// Indices of the entries in the chosen order.
    pub(super) fn order(&self) -> Vec<usize> {
        let e = &self.entries;
        let dates: Vec<Option<String>> = e
            .iter()
            .map(|e| e.date.as_deref().and_then(crate::loader::iso_date))
            .collect();
        let mut order: Vec<usize> = (0..e.len()).collect();
        order.sort_by(|&a, &b| {
            let by_title = e[a].title.cmp(&e[b].title);
            match self.sort {
                SortBy::Date => dates[b].cmp(&dates[a]).then(by_title),
                SortBy::Title => by_title.then(dates[b].cmp(&dates[a])),
                SortBy::LastRead => last_read(&e[b]).cmp(&last_read(&e[a])).then(by_title),
                SortBy::Progress => {
                    let p = |x: &LibraryEntry| x.read.as_ref().map(|(p, _)| *p);
                    p(&e[b]).cmp(&p(&e[a])).then(by_title)
                }
            }
        });
        order
    }

    /// The next order, staying on the brief selected.
    pub fn cycle_sort(&mut self) {
        self.sort = self.sort.next();
        let selected = self.selected().map(|e| e.path.clone());
        self.resort(selected, !self.loading);
    }

    /// Put the cursor on the brief read most recently, if any was read.
    pub(super) fn land_on_last_read(&mut self) {
        let last = self
            .visible
            .iter()
            .enumerate()
            .filter_map(|(pos, &i)| last_read(&self.entries[i]).map(|when| (when, pos)))
            .max();
        if let Some((_, pos)) = last {
            self.cursor = pos;
            self.keep_visible();
        }
    }
}
