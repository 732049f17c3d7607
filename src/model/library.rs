//! The library: every brief in a folder with its category, title, date and
//! annotation counts; a filter by words; unreadable files listed with their error.

use super::reader::Reader;
use super::{Effect, Model, Overlay};
use crate::action::Action;
use crate::annotations::Counts;
use crate::keymap::{Key, KeyCode};
use crate::payload::{LibraryEntry, UnattachedNotes};
use nucleo_matcher::pattern::{AtomKind, CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};
use std::path::PathBuf;

/// What the filter matches an entry against.
fn haystack(entry: &LibraryEntry) -> String {
    let name = entry
        .path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    format!(
        "{}{} {} {} {}",
        entry.folder,
        entry.title,
        entry.category.as_deref().unwrap_or(""),
        entry.date.as_deref().unwrap_or(""),
        name
    )
}

#[derive(Debug, Clone, Default)]
pub struct Library {
    /// The folder shown; None when `brief` was started on single files.
    pub dir: Option<PathBuf>,
    pub entries: Vec<LibraryEntry>,
    haystacks: Vec<String>,
    /// Entries shown, best match first (all, in order, without a filter).
    pub visible: Vec<usize>,
    pub filter: String,
    pub filtering: bool,
    pub cursor: usize,
    pub top: usize,
    /// Rows available for the list (the screen minus header and status).
    pub rows: usize,
    /// Entries are still being read in the background.
    pub loading: bool,
    /// Notes whose brief cannot be found.
    pub unattached: Vec<UnattachedNotes>,
    /// Choosing the brief to attach these notes to.
    pub attaching: Option<UnattachedNotes>,
    /// The order of the list (a key cycles it).
    pub sort: super::library_order::SortBy,
    /// The cursor was placed (on the last brief read, or by the reader):
    /// later batches no longer move it there.
    pub(super) landed: bool,
}

impl Library {
    pub fn new(dir: Option<PathBuf>, height: u16) -> Library {
        let mut library = Library {
            dir,
            loading: true,
            ..Library::default()
        };
        library.resize(height);
        library
    }

    pub fn resize(&mut self, height: u16) {
        self.rows = crate::layout::library_rows(height).max(1);
        self.keep_visible();
    }

    pub fn add_entries(&mut self, entries: Vec<LibraryEntry>, done: bool) {
        let selected = self.selected().map(|e| e.path.clone());
        self.haystacks.extend(entries.iter().map(haystack));
        self.entries.extend(entries);
        self.loading = !done;
        self.resort(selected, done);
    }

    /// The list as it is now on disk (see `live::relisted`), staying on
    /// `selected` if it is still listed, else where the cursor was.
    pub(super) fn replace_entries(
        &mut self,
        entries: Vec<LibraryEntry>,
        selected: Option<PathBuf>,
    ) {
        self.haystacks = entries.iter().map(haystack).collect();
        self.entries = entries;
        let done = !self.loading;
        self.resort(selected, done);
    }

    /// Sort the entries in the chosen order (on every batch, so the list
    /// never jumps when loading finishes), staying on `selected`; until the
    /// reader moves, the cursor goes to the brief read last.
    pub(super) fn resort(&mut self, selected: Option<PathBuf>, done: bool) {
        let order = self.order();
        let mut entries = std::mem::take(&mut self.entries)
            .into_iter()
            .map(Some)
            .collect::<Vec<_>>();
        let mut haystacks = std::mem::take(&mut self.haystacks)
            .into_iter()
            .map(Some)
            .collect::<Vec<_>>();
        self.entries = order.iter().filter_map(|&i| entries[i].take()).collect();
        self.haystacks = order.iter().filter_map(|&i| haystacks[i].take()).collect();
        self.refilter();
        // Stay on the brief that was selected before this batch.
        if let Some(path) = selected
            && let Some(pos) = self
                .visible
                .iter()
                .position(|&i| self.entries[i].path == path)
        {
            self.cursor = pos;
            self.keep_visible();
        }
        if !self.landed {
            self.land_on_last_read();
            self.landed = done;
        }
    }

    fn refilter(&mut self) {
        self.refilter_among(None);
    }

    /// Filter again after `filter` grew at its end from `before`: an entry
    /// that did not match cannot match now (a longer word, one more word,
    /// smart case turning case-sensitive only narrow the list), so only the
    /// entries shown are looked at. Typing into a long filter over a large
    /// library stays as cheap as the list is short.
    fn refilter_after(&mut self, before: &str) {
        // `\ ` escapes a space: a filter ending in `\` can grow into another.
        if !before.is_empty() && self.filter.starts_with(before) && !before.ends_with('\\') {
            let shown = std::mem::take(&mut self.visible);
            self.refilter_among(Some(shown));
        } else {
            self.refilter();
        }
    }

    fn refilter_among(&mut self, among: Option<Vec<usize>>) {
        if self.filter.is_empty() {
            self.visible = (0..self.entries.len()).collect();
        } else {
            // `#tag`: a brief tagged so (`tags:`), or with a note saying
            // #tag; a prefix of the tag, so the list narrows as it is typed.
            let (tags, words): (Vec<&str>, Vec<&str>) = self
                .filter
                .split_whitespace()
                .partition(|w| w.starts_with('#'));
            let tags: Vec<String> = tags
                .iter()
                .map(|t| crate::catalogue::tag_name(t))
                .filter(|t| !t.is_empty())
                .collect();
            // Every word typed must appear as written (smart case): a fuzzy
            // subsequence would let "gas" match "Heat pumps in older
            // apartment buildings".
            let pattern = Pattern::new(
                &words.join(" "),
                CaseMatching::Smart,
                Normalization::Smart,
                AtomKind::Substring,
            );
            let mut matcher = Matcher::new(Config::DEFAULT);
            let mut buf = Vec::new();
            let among = among.unwrap_or_else(|| (0..self.haystacks.len()).collect());
            let mut scored: Vec<(u32, usize)> = among
                .into_iter()
                .filter(|&i| {
                    let e = &self.entries[i];
                    tags.iter().all(|t| {
                        crate::catalogue::has_tag(&e.tags, t)
                            || crate::catalogue::has_tag(&e.note_tags, t)
                    })
                })
                .filter_map(|i| {
                    if words.is_empty() {
                        return Some((0, i));
                    }
                    pattern
                        .score(Utf32Str::new(&self.haystacks[i], &mut buf), &mut matcher)
                        .map(|score| (score, i))
                })
                .collect();
            scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            self.visible = scored.into_iter().map(|(_, i)| i).collect();
        }
        self.cursor = self.cursor.min(self.visible.len().saturating_sub(1));
        self.keep_visible();
    }

    /// Show every brief again, staying on the one selected.
    pub fn clear_filter(&mut self) {
        let selected = self.visible.get(self.cursor).copied();
        self.filter.clear();
        self.refilter();
        if let Some(entry) = selected {
            self.cursor = entry.min(self.visible.len().saturating_sub(1));
            self.keep_visible();
        }
    }

    pub(super) fn keep_visible(&mut self) {
        if self.cursor < self.top {
            self.top = self.cursor;
        } else if self.cursor >= self.top + self.rows {
            self.top = self.cursor + 1 - self.rows;
        }
    }

    pub fn selected(&self) -> Option<&LibraryEntry> {
        self.visible.get(self.cursor).map(|&i| &self.entries[i])
    }

    pub fn type_key(&mut self, key: Key) {
        let before = self.filter.clone();
        if let Some(c) = key.typed_char() {
            self.filter.push(c);
        } else if key.code == KeyCode::Backspace {
            self.filter.pop();
        } else {
            return;
        }
        self.cursor = 0;
        self.refilter_after(&before);
    }

    /// Pasted text (one line, already clean) added to the filter at once.
    pub fn paste(&mut self, text: &str) {
        let before = self.filter.clone();
        self.filter.push_str(text);
        self.cursor = 0;
        self.refilter_after(&before);
    }

    fn move_by(&mut self, delta: isize) {
        self.landed = true;
        let last = self.visible.len().saturating_sub(1);
        self.cursor = self.cursor.saturating_add_signed(delta).min(last);
        self.keep_visible();
    }

    /// Counts for the brief just closed, so the list is current.
    pub fn update_counts(&mut self, reader: &Reader) {
        let Some(entry) = self.entries.iter_mut().find(|e| e.path == reader.path) else {
            return;
        };
        entry.counts = Counts::of(reader.annotations.file().live());
        entry.note_tags = reader
            .annotations
            .file()
            .live()
            .filter_map(|a| a.note.as_deref())
            .flat_map(crate::catalogue::note_tags)
            .fold(Vec::new(), |mut all, tag| {
                if !all.contains(&tag) {
                    all.push(tag);
                }
                all
            });
        if let Some(at) = reader.annotations.position() {
            entry.read = Some((at.progress.unwrap_or(0), at.updated.clone()));
        }
    }
}

pub fn update(model: &mut Model, action: Action, fx: &mut Vec<Effect>) {
    let library = &mut model.library;
    let page = library.rows as isize;
    if library.filtering {
        match action {
            Action::Accept => library.filtering = false,
            // Esc leaves the filter empty, as the screen promises; the
            // list comes back whole, on the brief that was selected.
            Action::Cancel | Action::Quit => {
                library.filtering = false;
                library.clear_filter();
            }
            Action::ClearInput => library.clear_filter(),
            _ => {}
        }
        return;
    }
    if library.attaching.is_some() {
        match action {
            Action::Open => {
                let notes = library.attaching.take().unwrap_or_default();
                match library.selected() {
                    Some(entry) if entry.error.is_none() => fx.push(Effect::Attach {
                        notes: notes.file,
                        brief: entry.path.clone(),
                    }),
                    _ => model.error("Not attached: that file is not a readable brief"),
                }
                return;
            }
            Action::Quit | Action::Cancel | Action::DismissMessage => {
                library.attaching = None;
                model.info("Not attached: the notes are still listed (o)");
                return;
            }
            Action::Bookmarks | Action::Annotations | Action::NotesWithoutBrief => return,
            _ => {}
        }
    }
    match action {
        Action::Quit => {
            if library.filter.is_empty() {
                fx.push(Effect::Quit);
            } else {
                library.clear_filter();
            }
        }
        Action::Help => model.overlay = Some(Overlay::Help { scroll: 0 }),
        Action::DismissMessage => model.message = None,
        Action::NextItem => library.move_by(1),
        Action::PrevItem => library.move_by(-1),
        Action::FirstItem => library.move_by(isize::MIN / 2),
        Action::LastItem => library.move_by(isize::MAX / 2),
        Action::PageDown => library.move_by(page),
        Action::PageUp => library.move_by(-page),
        Action::HalfPageDown => library.move_by(page / 2),
        Action::HalfPageUp => library.move_by(-page / 2),
        Action::Scroll(delta) => library.move_by(isize::from(delta)),
        // A new filter starts empty: `/` again does not append to the last.
        Action::Filter => {
            library.clear_filter();
            library.filtering = true;
        }
        Action::ClearFilter => {
            model.message = None;
            library.clear_filter();
        }
        Action::Open => match library.selected() {
            Some(entry) if entry.error.is_some() => {
                let why = entry.error.clone().unwrap_or_default();
                model.error(why);
            }
            Some(entry) => fx.push(Effect::OpenBrief {
                path: entry.path.clone(),
                passage: None,
            }),
            None => {}
        },
        Action::Click { row, .. } => {
            let n = usize::from(row).checked_sub(2).map(|r| r + library.top);
            if let Some(n) = n.filter(|n| *n < library.visible.len()) {
                library.cursor = n;
            }
        }
        Action::Bookmarks => super::annotations_view::open(model, true, fx),
        Action::Annotations => super::annotations_view::open(model, false, fx),
        Action::SortLibrary => {
            library.cycle_sort();
            let by = library.sort.name();
            model.info(format!("Sorted by {by}"));
        }
        Action::NotesWithoutBrief if library.unattached.is_empty() => {
            // Notes of a brief deleted while brief runs are found at the
            // next start (README): not claimed as none here.
            model.info("No notes without a brief found when the library was read")
        }
        Action::NotesWithoutBrief => model.overlay = Some(Overlay::Unattached { cursor: 0 }),
        _ => {}
    }
}

/// Notes were attached to a brief (or could not be): the list is updated
/// with the brief's counts (bookmarks, highlights, notes) as written.
pub fn attached(model: &mut Model, notes: PathBuf, brief: PathBuf, result: Result<Counts, String>) {
    let library = &mut model.library;
    match result {
        Ok(counts) => {
            library.unattached.retain(|u| u.file != notes);
            let mut title = String::new();
            if let Some(entry) = library.entries.iter_mut().find(|e| e.path == brief) {
                entry.counts = counts;
                title = entry.title.clone();
            }
            model.info(format!("Attached: the notes are now on “{title}”"));
        }
        Err(why) => model.error(format!("Not attached: {why}")),
    }
}
