//! The annotations view: every bookmark, highlight, note and draft of the
//! library (and of briefs that are gone), one row each, filtered as you
//! type, sorted newest first or by brief. `Enter` opens the brief at the
//! annotation; leaving that brief comes back here, filter and selection
//! kept. The bookmarks key opens it showing bookmarks only.
//!
//! The rows are read off the model's thread (`Effect::LoadAnnotations`,
//! answered by `Action::AnnotationsLoaded`) and kept between openings, so
//! the view shows at once; the brief being read is listed as the reader
//! has it, never as last saved.

use super::annotations_filter::{Index, KINDS, next_kind, plural};
use super::reader::Reader;
use super::{Effect, Model, Overlay, Screen, leaving, notes};
use crate::action::Action;
use crate::catalogue::{Place, Row, Set};
use crate::key::{Key, KeyCode};
use std::path::PathBuf;

/// How the rows are sorted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// Last changed first.
    #[default]
    Newest,
    /// By the brief's title, then in the brief's order.
    Brief,
}

/// Every annotation as last read, and the view of them when it is open.
#[derive(Debug, Clone, Default)]
pub struct Annotations {
    pub sets: Vec<Set>,
    pub index: Index,
    /// Still being read (placed by stored positions until `done`).
    pub loading: bool,
    /// Open, or kept while a brief opened from it is read.
    pub view: Option<View>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct View {
    pub filter: String,
    /// Typing into the filter.
    pub filtering: bool,
    pub sort: Sort,
    /// Only the annotations of this brief: its annotation file and title.
    pub scope: Option<(PathBuf, String)>,
    /// Positions in `index.rows` shown, in order.
    pub visible: Vec<u32>,
    pub cursor: usize,
    pub top: usize,
    /// Rows the list has on screen.
    pub rows: usize,
    /// Enter was pressed on this annotation (its id): it is selected in
    /// the notes pane when its brief opens.
    pub opening: Option<String>,
}

impl Annotations {
    /// The set and row at position `i` of the index.
    pub fn row(&self, i: u32) -> (&Set, &Row) {
        let (s, r) = self.index.rows[i as usize];
        let set = &self.sets[s as usize];
        (set, &set.rows[r as usize])
    }

    /// The row under the cursor.
    pub fn selected(&self) -> Option<(&Set, &Row)> {
        let view = self.view.as_ref()?;
        view.visible.get(view.cursor).map(|&i| self.row(i))
    }

    fn selected_id(&self) -> Option<(PathBuf, String)> {
        self.selected().map(|(s, r)| (s.file.clone(), r.id.clone()))
    }

    /// Filter again (the filter, scope or sort changed, or the rows did),
    /// staying on `keep` (annotation file, id) when it is still shown.
    fn refilter(&mut self, keep: Option<(PathBuf, String)>) {
        let Some(view) = self.view.as_mut() else {
            return;
        };
        let order = match view.sort {
            Sort::Newest => &self.index.by_date,
            Sort::Brief => &self.index.by_brief,
        };
        let scope = view.scope.as_ref().map(|(f, _)| f.as_path());
        view.visible = self.index.filter(&self.sets, order, &view.filter, scope);
        let found = keep.and_then(|(file, id)| {
            view.visible.iter().position(|&i| {
                let (s, r) = self.index.rows[i as usize];
                let set = &self.sets[s as usize];
                set.file == file && set.rows[r as usize].id == id
            })
        });
        view.cursor = found.unwrap_or(view.cursor);
        view.clamp();
    }

    /// Replace the set of annotation file `set.file` (or add it).
    fn put(&mut self, set: Set) {
        match self.sets.iter_mut().find(|s| s.file == set.file) {
            Some(old) => *old = set,
            None => self.sets.push(set),
        }
    }
}

impl View {
    fn clamp(&mut self) {
        self.cursor = self.cursor.min(self.visible.len().saturating_sub(1));
        if self.cursor < self.top {
            self.top = self.cursor;
        } else if self.cursor >= self.top + self.rows.max(1) {
            self.top = self.cursor + 1 - self.rows.max(1);
        }
    }

    fn move_by(&mut self, delta: isize) {
        let last = self.visible.len().saturating_sub(1);
        self.cursor = self.cursor.saturating_add_signed(delta).min(last);
        self.clamp();
    }
}

/// Rows of the list: the screen less the title, filter and column lines
/// and the status line.
fn list_rows(height: u16) -> usize {
    usize::from(height.saturating_sub(4)).max(1)
}

/// The brief being read, as the reader has it now.
fn reader_set(reader: &Reader) -> Option<Set> {
    let file = &reader.annotations.path;
    if file.as_os_str().is_empty() {
        return None;
    }
    Some(Set::placed(
        file.clone(),
        reader.annotations.file(),
        reader.path.clone(),
        &reader.brief,
        reader.annotations.placements(),
    ))
}

/// List the brief being read as it is now, and filter again.
fn sync_reader(model: &mut Model) {
    let keep = model.annotations.selected_id();
    let notes = &mut model.annotations;
    if let Some(set) = model.reader.as_ref().and_then(reader_set)
        && notes.sets.iter().find(|s| s.file == set.file) != Some(&set)
    {
        // Only then: indexing 10,000 rows again costs milliseconds.
        notes.put(set);
        notes.index = Index::new(&notes.sets);
    }
    notes.refilter(keep);
}

/// Open the view afresh: every annotation, or (`bookmarks`) only the
/// bookmarks, of the brief being read if there is one.
pub fn open(model: &mut Model, bookmarks: bool, fx: &mut Vec<Effect>) {
    let scope = model
        .reader
        .as_ref()
        .filter(|_| bookmarks)
        .map(|r| (r.annotations.path.clone(), r.brief.meta.title.clone()));
    model.annotations.view = Some(View {
        filter: if bookmarks {
            "kind:bookmark".into()
        } else {
            String::new()
        },
        scope,
        rows: list_rows(model.height),
        ..View::default()
    });
    show(model, fx);
}

/// Show the view as it was left (filter, sort, selection), with the brief
/// being read as it is now, and read what changed on disk.
pub fn show(model: &mut Model, fx: &mut Vec<Effect>) {
    sync_reader(model);
    model.screen = Screen::Annotations;
    model.message = None;
    fx.push(Effect::LoadAnnotations);
}

/// A brief opened from the view is left: back to the view. False when
/// the brief was not opened from it.
pub fn back_from_reader(model: &mut Model, fx: &mut Vec<Effect>) -> bool {
    if model.annotations.view.is_none() {
        return false;
    }
    sync_reader(model);
    if let Some(reader) = model.reader.take() {
        model.library.update_counts(&reader);
    }
    model.screen = Screen::Annotations;
    model.message = None;
    fx.push(Effect::LoadAnnotations);
    true
}

/// Close the view: back to the brief being read, else to the library.
fn close(model: &mut Model, fx: &mut Vec<Effect>) {
    model.annotations.view = None;
    model.message = None;
    if model.reader.is_some() {
        model.screen = Screen::Reader;
    } else if model.has_library() {
        model.screen = Screen::Library;
    } else {
        fx.push(Effect::Quit);
    }
}

/// Sets read in the background replace those held (the brief being read
/// stays as the reader has it).
pub fn loaded(model: &mut Model, sets: Vec<Set>, done: bool) {
    let keep = model.annotations.selected_id();
    model.annotations.sets = sets;
    model.annotations.loading = !done;
    if let Some(set) = model.reader.as_ref().and_then(reader_set) {
        model.annotations.put(set);
    }
    model.annotations.index = Index::new(&model.annotations.sets);
    model.annotations.refilter(keep);
}

/// A brief was opened: if from the view, its annotation is selected.
pub fn opened(model: &mut Model) {
    let Some(id) = model
        .annotations
        .view
        .as_mut()
        .and_then(|v| v.opening.take())
    else {
        return;
    };
    if let Some(reader) = model.reader.as_mut() {
        select(reader, &id);
    }
}

/// Take the reader to annotation `id`, selected in the notes pane.
fn select(reader: &mut Reader, id: &str) {
    let Some(i) = reader.annotations.index_of(id) else {
        return;
    };
    if let Some(passage) = reader.annotations.placement(i).passage() {
        reader.move_to(passage);
        reader.reading_at = passage;
    }
    if let Some(n) = notes::entries(reader).iter().position(|&e| e == i) {
        reader.notes_cursor = n;
        notes::keep_selected_visible(reader);
    }
}

/// Enter: open the brief at the annotation under the cursor.
fn open_selected(model: &mut Model, fx: &mut Vec<Effect>) {
    let Some((set, row)) = model.annotations.selected() else {
        return;
    };
    let (file, id, passage) = (set.file.clone(), row.id.clone(), row.place.passage());
    let path = match (&set.brief, &row.place) {
        (Some(path), place) if *place != Place::Lost => path.clone(),
        _ => {
            let text = model.keyed(
                "this brief is not where it was last seen \
                 ({notes_without_brief} in the library lists its notes, to attach them)",
            );
            return model.error(text);
        }
    };
    // The brief being read: no need to read it again (and its undo
    // history stays).
    if let Some(reader) = model.reader.as_mut().filter(|r| r.annotations.path == file) {
        select(reader, &id);
        model.screen = Screen::Reader;
        return;
    }
    if let Some(view) = model.annotations.view.as_mut() {
        view.opening = Some(id);
    }
    leaving::save_before_switch(model, fx);
    fx.push(Effect::OpenBrief { path, passage });
}

/// An action while the view shows.
pub fn update(model: &mut Model, action: Action, fx: &mut Vec<Effect>) {
    let notes = &mut model.annotations;
    let Some(view) = notes.view.as_mut() else {
        return close(model, fx);
    };
    if view.filtering {
        match action {
            Action::Accept => view.filtering = false,
            // Esc leaves the filter empty, as the library's does.
            Action::Cancel | Action::Quit => {
                view.filtering = false;
                view.filter.clear();
                notes.refilter(None);
            }
            Action::ClearInput => {
                view.filter.clear();
                notes.refilter(None);
            }
            _ => {}
        }
        return;
    }
    let page = view.rows as isize;
    let keep = notes.selected_id();
    let Some(view) = notes.view.as_mut() else {
        return;
    };
    match action {
        Action::Quit | Action::Cancel | Action::Annotations => close(model, fx),
        Action::ClearFilter if view.filter.is_empty() => close(model, fx),
        Action::ClearFilter => {
            view.filter.clear();
            notes.refilter(keep);
        }
        Action::DismissMessage => model.message = None,
        Action::Help => model.overlay = Some(Overlay::Help { scroll: 0 }),
        Action::NextItem => view.move_by(1),
        Action::PrevItem => view.move_by(-1),
        Action::FirstItem => view.move_by(isize::MIN / 2),
        Action::LastItem => view.move_by(isize::MAX / 2),
        Action::PageDown => view.move_by(page),
        Action::PageUp => view.move_by(-page),
        Action::HalfPageDown => view.move_by(page / 2),
        Action::HalfPageUp => view.move_by(-page / 2),
        Action::Scroll(delta) => view.move_by(isize::from(delta)),
        Action::Click { row, .. } => {
            // Below the title, filter and column lines.
            if let Some(n) = usize::from(row).checked_sub(3).map(|r| r + view.top)
                && n < view.visible.len()
            {
                view.cursor = n;
            }
        }
        Action::Filter => view.filtering = true,
        Action::CycleKind => {
            let (filter, kind) = next_kind(&view.filter);
            view.filter = filter;
            notes.refilter(keep);
            let shown = kind.map_or("every kind".to_string(), plural);
            model.info(format!("Showing {shown} · {{cycle_kind}}: next kind"));
        }
        Action::ToggleScope => toggle_scope(model, keep),
        Action::SortAnnotations => {
            view.sort = match view.sort {
                Sort::Newest => Sort::Brief,
                Sort::Brief => Sort::Newest,
            };
            notes.refilter(keep);
        }
        Action::Open => open_selected(model, fx),
        _ => {}
    }
}

/// The whole library, or only the brief being read.
fn toggle_scope(model: &mut Model, keep: Option<(PathBuf, String)>) {
    let here = model
        .reader
        .as_ref()
        .map(|r| (r.annotations.path.clone(), r.brief.meta.title.clone()));
    let Some(view) = model.annotations.view.as_mut() else {
        return;
    };
    let text = if view.scope.is_some() {
        view.scope = None;
        "Showing the whole library · {toggle_scope}: only the brief being read"
    } else if let Some(here) = here {
        view.scope = Some(here);
        "Showing the brief being read · {toggle_scope}: the whole library"
    } else {
        "No brief is being read: the list is the whole library's"
    };
    model.annotations.refilter(keep);
    model.info(text);
}

/// A key no binding claimed, while typing the filter.
pub fn type_key(model: &mut Model, key: Key) {
    let Some(view) = model.annotations.view.as_mut().filter(|v| v.filtering) else {
        return;
    };
    if let Some(c) = key.typed_char() {
        view.filter.push(c);
    } else if key.code == KeyCode::Backspace {
        view.filter.pop();
    } else {
        return;
    }
    view.cursor = 0;
    model.annotations.refilter(None);
}

/// Pasted text (one line, already clean) added to the filter.
pub fn paste(model: &mut Model, text: &str) {
    if let Some(view) = model.annotations.view.as_mut().filter(|v| v.filtering) {
        view.filter.push_str(text);
        view.cursor = 0;
        model.annotations.refilter(None);
    }
}

/// The terminal changed size.
pub fn resize(model: &mut Model) {
    let rows = list_rows(model.height);
    if let Some(view) = model.annotations.view.as_mut() {
        view.rows = rows;
        view.clamp();
    }
}

/// Words for the view's header: how many, of what, in which order.
pub fn summary(model: &Model) -> String {
    let notes = &model.annotations;
    let Some(view) = notes.view.as_ref() else {
        return String::new();
    };
    let total = match &view.scope {
        Some((file, _)) => notes
            .sets
            .iter()
            .filter(|s| &s.file == file)
            .map(|s| s.rows.len())
            .sum(),
        None => notes.index.rows.len(),
    };
    let order = match view.sort {
        Sort::Newest => "newest first",
        Sort::Brief => "by brief",
    };
    let mut text = format!("{} of {total} · {order}", view.visible.len());
    if notes.loading {
        text.push_str(" · reading…");
    }
    text
}

/// The kinds the kind key goes through, for the hint line.
pub fn kinds() -> &'static [&'static str] {
    &KINDS
}
