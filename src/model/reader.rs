//! The reader: one brief, a cursor on a passage, panes that scroll to keep it
//! in view, and the motions that move it.

use super::annotated::Annotated;
use super::search::Search;
use super::{Effect, Model, Overlay, Screen, annotate, notes, position};
use crate::action::Action;
use crate::annotations::{Anchor, AnnotationFile, BriefRecord, Colour, Fingerprint, Timestamp};
use crate::document::Brief;
use crate::layout::{
    Column, Pane, PassageIndex, PassageRows, ReaderGeometry, WrapCache, reader_geometry,
};
use crate::store::SaveError;
use ratatui::layout::Rect;
use std::path::PathBuf;
use std::rc::Rc;

/// The first row shown in a text pane: passage `pos` of the pane's list,
/// row `line` of that passage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Top {
    pub pos: usize,
    pub line: usize,
}

/// A run of sentences selected in one passage (`anchor` where it started).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Selection {
    pub passage: usize,
    pub anchor: usize,
    pub head: usize,
}

#[derive(Debug, Clone)]
pub struct Reader {
    pub path: PathBuf,
    pub brief: Brief,
    pub index: PassageIndex,
    pub wraps: WrapCache,
    pub width: u16,
    pub height: u16,
    pub cursor: usize,
    /// The sentence under the cursor once sentence motions are used.
    pub sentence: Option<usize>,
    pub selection: Option<Selection>,
    pub focus: Pane,
    /// Flips the default visibility of the notes pane for this width.
    pub notes_toggled: bool,
    /// Scroll of the summary and commentary panes.
    pub tops: [Top; 2],
    /// Where the cursor was last in the summary and in the commentary
    /// pane: Tab goes back there.
    pub pane_cursor: [Option<usize>; 2],
    /// Selected entry of the notes pane, and its first shown entry (in
    /// the list view).
    pub notes_cursor: usize,
    pub notes_top: usize,
    /// Notes in the margin beside their passages, or as a list.
    pub notes_view: crate::layout::NotesView,
    /// The notes-pane entry read down with `j`, and lines scrolled past.
    pub note_scroll: Option<(usize, usize)>,
    pub search: Search,
    pub annotations: Annotated,
    pub editor: Option<notes::NoteEditor>,
    pub last_colour: Colour,
    /// Position when opened, to save only if it changed.
    opened_at: usize,
    /// Quit was pressed: leave once the save in flight has succeeded.
    pub(super) leaving: bool,
    /// Only the start of the brief is loaded yet (see `complete`).
    pub partial: bool,
    /// A position beyond the loaded start, to go to once the rest is in.
    pending_position: Option<usize>,
    /// The reading position's text, not found in the loaded start: looked
    /// for again once the rest is in.
    pending_anchor: Option<Anchor>,
    /// Rows of context kept above and below the cursor's passage
    /// (`scroll_off:` in config.yaml).
    pub scroll_off: usize,
    /// The text column's widest and whether it is kept to that.
    pub column: Column,
    /// Saving is known not to work (said when the brief opened): a first
    /// opening is not saved, so leaving is not held up by it.
    pub(super) cannot_save: bool,
    /// Changes to the annotations that can be undone and redone.
    pub history: super::undo::History,
    /// Re-attaching the detached annotation with this id: the reader
    /// chooses the passage, then confirms (see `annotate::choose`).
    pub choosing: Option<String>,
    /// Where the reader was last outside the notes pane (going through the
    /// notes moves the cursor; re-attaching starts from here).
    pub reading_at: usize,
    /// The furthest the cursor went this session, per cent (see progress.rs).
    pub furthest_seen: u8,
    /// The set-aside text is shown at the end (see `set_aside`), and the
    /// passage to go back to when it is hidden again.
    pub showing_set_aside: bool,
    pub back_from_set_aside: usize,
}

pub(super) fn pane_slot(pane: Pane) -> usize {
    usize::from(pane == Pane::Commentary)
}

impl Reader {
    pub fn new(opened: super::Opened, width: u16, height: u16) -> Reader {
        let brief = opened.brief;
        let index = PassageIndex::new(&brief);
        // The record is brought up to date by the store when the file is
        // found (app.rs); a brief opened without one gets a fresh record.
        let file = opened.annotations.unwrap_or_else(|| {
            let location = if opened.location.as_os_str().is_empty() {
                &opened.path
            } else {
                &opened.location
            };
            let fp = Fingerprint::of(&brief, 0, !opened.partial);
            AnnotationFile::new(BriefRecord::describe(&fp, Some(location)))
        });
        let last = index.len().saturating_sub(1);
        let (restored, pending_anchor) = match opened.passage {
            Some(_) => (None, None),
            None => position::restore(file.position.as_ref(), &brief, opened.partial),
        };
        let wanted = opened.passage.or(restored).unwrap_or(0);
        let cursor = wanted.min(last);
        let pending_position = (opened.partial && wanted > last).then_some(wanted);
        let mut reader = Reader {
            path: opened.path,
            index,
            wraps: WrapCache::default(),
            width,
            height,
            cursor,
            sentence: None,
            selection: None,
            focus: Pane::Summary,
            notes_toggled: false,
            tops: [Top::default(); 2],
            pane_cursor: [None; 2],
            notes_cursor: 0,
            notes_top: 0,
            notes_view: crate::layout::NotesView::default(),
            note_scroll: None,
            search: Search::default(),
            // Placed just below, once the reader holds the brief.
            annotations: Annotated::new(file, opened.annotations_path, opened.read_only, &[]),
            editor: None,
            last_colour: Colour::Yellow,
            opened_at: cursor,
            leaving: false,
            partial: opened.partial,
            pending_position,
            pending_anchor,
            choosing: None,
            scroll_off: crate::layout::Comfort::default().scroll_off,
            column: Column::default(),
            history: Default::default(),
            cannot_save: false,
            reading_at: cursor,
            furthest_seen: 0,
            showing_set_aside: false,
            back_from_set_aside: cursor,
            brief,
        };
        reader.replace_annotations();
        reader.focus = reader.pane_of(cursor);
        reader.reveal();
        reader
    }

    /// The whole brief arrived: swap it in under the reader, keeping the
    /// cursor and the view (the start parsed the same way in both).
    pub fn complete(&mut self, brief: Brief) {
        let showing = std::mem::take(&mut self.showing_set_aside);
        self.brief = brief;
        self.index = PassageIndex::new(&self.brief);
        self.wraps = WrapCache::default();
        let record = self.annotations.record_mut();
        record.refresh(&Fingerprint::of(&self.brief, record.bytes, true));
        self.partial = false;
        self.replace_annotations();
        if !self.search.query.is_empty() {
            self.refresh_search();
        }
        let anchored = self
            .pending_anchor
            .take()
            .and_then(|anchor| position::find(&self.brief, &anchor));
        match anchored.or(self.pending_position.take()) {
            Some(p) => self.move_to(p),
            None => self.cursor = self.cursor.min(self.index.len().saturating_sub(1)),
        }
        self.opened_at = self.cursor;
        self.show_set_aside(showing);
    }

    /// Passage `i`'s text, or "" past the end.
    pub fn passage_text_or_empty(&self, i: usize) -> &str {
        if i < self.index.len() {
            self.passage_text(i)
        } else {
            ""
        }
    }

    /// The whole brief is in (read again): no position waits for the rest.
    pub(super) fn forget_pending(&mut self) {
        self.pending_position = None;
        self.pending_anchor = None;
    }

    /// The position as opened is `at` (the same text, after a reload):
    /// leaving does not save it as a move.
    pub(super) fn mark_opened_at(&mut self, at: usize) {
        self.opened_at = at;
    }

    /// Re-anchor every annotation on the brief's text.
    pub fn replace_annotations(&mut self) {
        let texts = passage_texts(&self.brief);
        self.annotations.place(&texts);
    }

    /// Passage `i` in reading order, if there is one.
    pub fn passage(&self, i: usize) -> Option<&crate::document::Passage> {
        let section = self.brief.sections.get(*self.index.section.get(i)?)?;
        section.passages.get(*self.index.position.get(i)?)
    }

    pub fn passage_text(&self, i: usize) -> &str {
        let section = &self.brief.sections[self.index.section[i]];
        &section.passages[self.index.position[i]].text
    }

    pub fn pane_of(&self, passage: usize) -> Pane {
        self.index
            .pane
            .get(passage)
            .copied()
            .unwrap_or(Pane::Summary)
    }

    pub fn geometry(&self) -> ReaderGeometry {
        let area = Rect::new(0, 0, self.width, self.height);
        reader_geometry(
            area,
            crate::layout::header_height(&self.brief.meta, self.width, self.height),
            !self.index.summary.is_empty(),
            !self.index.commentary.is_empty(),
            self.notes_toggled,
            |inner, cap| {
                let mut rows = 0;
                for &i in &self.index.summary {
                    let width = self.column.text_width(inner);
                    rows += self.wraps.height(&self.brief, &self.index, i, width);
                    if rows > cap {
                        break;
                    }
                }
                rows
            },
        )
    }

    pub fn notes_visible(&self) -> bool {
        let notes = self.geometry().notes;
        notes.width > 0 && notes.height > 0
    }

    pub fn rows(&self, passage: usize, pane_rect: Rect) -> Rc<PassageRows> {
        self.wraps.rows(
            &self.brief,
            &self.index,
            passage,
            self.column.text_width(pane_rect.width.saturating_sub(2)),
        )
    }

    pub(super) fn height_of(&self, passage: usize, rect: Rect) -> usize {
        self.rows(passage, rect).rows.len()
    }

    /// The rows a text pane shows: (passage, its rows, row number), top down.
    pub fn visible(&self, pane: Pane) -> Vec<(usize, Rc<PassageRows>, usize)> {
        let rect = self.geometry().pane(pane);
        let height = usize::from(rect.height.saturating_sub(2));
        let list = self.index.in_pane(pane);
        let top = self.tops[pane_slot(pane)];
        let mut out = Vec::with_capacity(height);
        let mut line = top.line;
        for &passage in list.iter().skip(top.pos) {
            let rows = self.rows(passage, rect);
            for n in line..rows.rows.len() {
                if out.len() == height {
                    return out;
                }
                out.push((passage, rows.clone(), n));
            }
            line = 0;
            if out.len() == height {
                break;
            }
        }
        out
    }

    pub fn resize(&mut self, width: u16, height: u16) {
        self.width = width;
        self.height = height;
        for slot in 0..2 {
            self.tops[slot].line = 0;
        }
        if self.focus == Pane::Notes && !self.notes_visible() {
            self.focus = self.pane_of(self.cursor);
        }
        self.reveal();
        for pane in [Pane::Summary, Pane::Commentary] {
            self.fill_view(pane);
        }
    }

    /// A taller or wider window can show more: scroll a pane back so its
    /// last row is at the bottom rather than leaving empty rows below it
    /// (what was in view stays in view).
    fn fill_view(&mut self, pane: Pane) {
        let rect = self.geometry().pane(pane);
        let height = usize::from(rect.height.saturating_sub(2));
        let list = self.index.in_pane(pane);
        let slot = pane_slot(pane);
        let top = self.tops[slot];
        if height == 0 || top.pos >= list.len() || (top.pos == 0 && top.line == 0) {
            return;
        }
        // Rows from the top of the view to the end, as far as the height.
        let mut below = 0;
        for &p in &list[top.pos..] {
            below += self.height_of(p, rect);
            if below.saturating_sub(top.line) >= height {
                return;
            }
        }
        let mut free = height - below.saturating_sub(top.line);
        // Bring back the hidden rows of the top passage, then whole ones.
        let mut new_top = Top {
            line: top.line.saturating_sub(free),
            ..top
        };
        free -= top.line - new_top.line;
        while free > 0 && new_top.pos > 0 {
            let h = self.height_of(list[new_top.pos - 1], rect);
            new_top = Top {
                pos: new_top.pos - 1,
                line: h.saturating_sub(free),
            };
            free = free.saturating_sub(h);
        }
        self.tops[slot] = new_top;
    }

    pub fn move_to(&mut self, passage: usize) {
        if self.index.is_empty() {
            return;
        }
        self.cursor = passage.min(self.index.len() - 1);
        self.remember_pane_cursor();
        self.sentence = None;
        if self.selection.is_some_and(|s| s.passage != self.cursor) {
            self.selection = None;
        }
        if self.focus != Pane::Notes {
            self.focus = self.pane_of(self.cursor);
        }
        self.reveal();
    }

    pub(super) fn remember_pane_cursor(&mut self) {
        let slot = pane_slot(self.pane_of(self.cursor));
        self.pane_cursor[slot] = Some(self.cursor);
    }

    /// The reading position to save, if it moved since the brief was opened.
    /// A brief opened for the first time is saved as opened (no longer new
    /// in the library) even where the cursor did not move — on leaving and
    /// when rescuing on a signal alike: the user did open it.
    pub fn position_to_save(&mut self, now: &Timestamp) -> bool {
        let first = !self.cannot_save && self.annotations.position().is_none() && !self.partial;
        if (self.cursor == self.opened_at && !first) || self.annotations.read_only.is_some() {
            return false;
        }
        self.opened_at = self.cursor;
        // Set-aside text is not a place in the brief: its last passage is.
        let at = self.cursor.min(self.own_passages().saturating_sub(1));
        let text = if at < self.index.len() {
            self.passage_text(at)
        } else {
            ""
        };
        let furthest = self.furthest_progress();
        let mut position = position::at(text, at, now);
        position.progress = Some(furthest);
        self.annotations.set_position(position);
        true
    }

    /// A save came back: take what other instances wrote, keep our changes.
    /// Err: the save failed; Ok(Some): a note was changed here and in
    /// another instance at once, and both versions are kept.
    pub(super) fn take_save_result(
        &mut self,
        saved: Result<Box<AnnotationFile>, SaveError>,
    ) -> Result<Option<String>, SaveError> {
        let merged = match saved {
            Ok(merged) => merged,
            Err(error) => {
                self.annotations.save_error = Some(error.to_string());
                return Err(error);
            }
        };
        self.annotations.save_error = None;
        // Effects run before the next action, so nothing changed since the save.
        self.annotations.dirty = false;
        let list = self.annotations.all();
        let conflicts = merged
            .live()
            .filter(|a| a.conflict_of.is_some() && !list.iter().any(|o| o.id == a.id))
            .count();
        self.annotations
            .take_merged(*merged, &passage_texts(&self.brief));
        Ok((conflicts > 0).then(|| {
            "Another brief window changed this note at the same time: both versions are kept \
             (the other one is marked CONFLICT in the notes pane)"
                .to_string()
        }))
    }
}

/// Reader actions.
pub fn update(model: &mut Model, action: Action, fx: &mut Vec<Effect>) {
    let Some(reader) = model.reader.as_mut() else {
        model.screen = Screen::Library;
        return;
    };
    if reader.editor.is_some() {
        return notes::editor_action(model, action, fx);
    }
    if reader.search.typing() {
        return reader.search_action(action);
    }
    if reader.choosing.is_some() && !annotate::moves_while_choosing(&action) {
        return annotate::choose(model, action, fx);
    }
    let on_notes = reader.focus == Pane::Notes;
    match action {
        Action::Quit => {
            if reader.selection.take().is_none() {
                super::leaving::leave(model, fx);
            }
        }
        Action::Help => model.overlay = Some(Overlay::Help { scroll: 0 }),
        Action::DismissMessage => {
            // Esc: clear whatever is on top: message, selection, search
            // marks; with nothing to clear, back to the annotations view
            // this brief was opened from.
            if model.message.take().is_none() && reader.selection.take().is_none() {
                if reader.search.query.is_empty() && model.annotations.view.is_some() {
                    return super::annotations_view::show(model, fx);
                }
                reader.search.clear();
            }
        }
        Action::NextPassage if on_notes => notes::move_cursor(reader, 1),
        Action::PrevPassage if on_notes => notes::move_cursor(reader, -1),
        Action::FirstPassage if on_notes => notes::move_cursor(reader, isize::MIN),
        Action::LastPassage if on_notes => notes::move_cursor(reader, isize::MAX),
        Action::NextPassage => reader.step(true),
        Action::PrevPassage => reader.step(false),
        Action::FirstPassage => reader.move_to(0),
        Action::LastPassage => reader.move_to(usize::MAX),
        Action::NextSentence => {
            if reader.next_sentence() {
                model.info("The selection ends with its passage: it stays in one passage");
            }
        }
        Action::PrevSentence => reader.prev_sentence(),
        Action::NextSection => reader.next_section(),
        Action::PrevSection => reader.prev_section(),
        Action::PageDown => reader.page((1, 1), true),
        Action::PageUp => reader.page((1, 1), false),
        Action::HalfPageDown => reader.page((1, 2), true),
        Action::HalfPageUp => reader.page((1, 2), false),
        Action::NextPane => reader.cycle_pane(true),
        Action::PrevPane => reader.cycle_pane(false),
        Action::ToggleNotes => {
            reader.notes_toggled = !reader.notes_toggled;
            if reader.focus == Pane::Notes && !reader.notes_visible() {
                reader.focus = reader.pane_of(reader.cursor);
            }
            reader.reveal();
        }
        Action::ToggleNotesView => super::margin::switch(model),
        Action::ToggleSetAside => {
            let message = super::set_aside::toggle(reader);
            model.info(message);
        }
        Action::ToggleColumnWidth => {
            reader.column.limited = !reader.column.limited;
            reader.reveal();
        }
        Action::Undo => super::undo::step(model, true, fx),
        Action::Redo => super::undo::step(model, false, fx),
        Action::Search => reader.start_search(),
        Action::SearchNext | Action::SearchPrev => {
            let said = reader.search_step(action == Action::SearchNext);
            if let Some(message) = said {
                model.info(message);
            }
        }
        Action::Select => annotate::select(reader),
        Action::Bookmarks => return super::annotations_view::open(model, true, fx),
        // Back to the view this brief was opened from, or a new one.
        Action::Annotations if model.annotations.view.is_some() => {
            return super::annotations_view::show(model, fx);
        }
        Action::Annotations => return super::annotations_view::open(model, false, fx),
        Action::OpenLink => super::links::list(model),
        Action::Click { column, row } => reader.click(column, row),
        Action::Scroll(delta) => reader.wheel(delta),
        action => annotate::update(model, action, fx),
    }
    // While choosing where to re-attach, the notes pane keeps the note.
    if let Some(reader) = model.reader.as_mut()
        && reader.focus != Pane::Notes
        && reader.choosing.is_none()
    {
        notes::follow_cursor(reader);
        reader.reading_at = reader.cursor;
    }
    if let Some(reader) = model.reader.as_mut() {
        reader.furthest_seen = reader.furthest_seen.max(reader.progress());
    }
}

/// Every passage's text, in reading order.
pub(super) fn passage_texts(brief: &Brief) -> Vec<&str> {
    brief.passages().map(|(_, p)| p.text.as_str()).collect()
}
