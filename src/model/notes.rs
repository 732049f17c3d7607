//! The notes pane (the brief's notes and drafts in document order, detached
//! ones last) and the note editor. Typed text is never thrown away: leaving
//! the editor keeps it as a draft (see drafts.rs).

use super::reader::Reader;
use super::{Effect, Model, drafts};
use crate::action::Action;
use crate::annotations::{Kind, Placement, Span};
use crate::keymap::{Key, KeyCode};
use ratatui_textarea::{Input, Key as TextKey, TextArea, WrapMode};

/// What a note being written belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum NoteTarget {
    /// A new note on a stretch of a passage.
    Passage(Span),
    /// A new note on the whole brief.
    Brief,
    /// An existing note, by id.
    Existing(String),
}

/// The in-app editor: a text area and what it is for.
#[derive(Debug, Clone)]
pub struct NoteEditor {
    pub target: NoteTarget,
    pub area: TextArea<'static>,
    /// Opened only to hand the note to $EDITOR: save what comes back.
    pub external: bool,
    /// The id of the draft this text continues, if it does.
    pub draft: Option<String>,
    /// The note's text before this edit ("" for a new note): leaving with
    /// the text unchanged keeps no draft.
    pub original: String,
}

impl PartialEq for NoteEditor {
    fn eq(&self, other: &Self) -> bool {
        self.target == other.target && self.area.lines() == other.area.lines()
    }
}

impl NoteEditor {
    pub fn new(target: NoteTarget, text: &str) -> NoteEditor {
        let lines: Vec<String> = if text.is_empty() {
            vec![String::new()]
        } else {
            text.lines().map(String::from).collect()
        };
        let mut area = TextArea::new(lines);
        area.set_wrap_mode(WrapMode::WordOrGlyph);
        // The keys are in the title and the status line, from the keymap.
        area.set_placeholder_text("Write your note here.");
        area.move_cursor(ratatui_textarea::CursorMove::Bottom);
        area.move_cursor(ratatui_textarea::CursorMove::End);
        NoteEditor {
            target,
            area,
            external: false,
            draft: None,
            original: text.to_string(),
        }
    }

    pub fn text(&self) -> String {
        self.area.lines().join("\n")
    }
}

/// Indices (into the file's annotations) of what the notes pane lists:
/// notes and drafts on the brief, then in document order, then anything
/// detached.
pub fn entries(reader: &Reader) -> Vec<usize> {
    let mut brief = Vec::new();
    let mut attached = Vec::new();
    let mut detached = Vec::new();
    for (i, (a, placement)) in reader.annotations.placed().enumerate() {
        if a.deleted {
            continue;
        }
        let written = matches!(a.kind, Kind::Note | Kind::Draft);
        match placement {
            Placement::Brief if written => brief.push(i),
            Placement::Attached(span) if written => {
                attached.push(((span.passage, span.bytes.start), i))
            }
            Placement::Detached => detached.push(i),
            _ => {}
        }
    }
    attached.sort();
    brief
        .into_iter()
        .chain(attached.into_iter().map(|(_, i)| i))
        .chain(detached)
        .collect()
}

pub fn selected(reader: &Reader) -> Option<usize> {
    entries(reader).get(reader.notes_cursor).copied()
}

/// j/k in the notes pane: select a note and take the reader to its
/// passage; on a note taller than the room it has, read down it first.
pub fn move_cursor(reader: &mut Reader, delta: isize) {
    if (delta == 1 || delta == -1) && super::margin::scroll_note(reader, delta > 0) {
        return;
    }
    let list = entries(reader);
    if list.is_empty() {
        return;
    }
    let last = list.len() - 1;
    reader.notes_cursor = match delta {
        isize::MIN => 0,
        isize::MAX => last,
        d if d < 0 => reader.notes_cursor.saturating_sub(d.unsigned_abs()),
        d => (reader.notes_cursor + d as usize).min(last),
    };
    // Another note is read from its start.
    reader.note_scroll = None;
    if let Some(passage) = reader
        .annotations
        .placement(list[reader.notes_cursor])
        .passage()
    {
        reader.move_to(passage);
    }
    keep_selected_visible(reader);
}

/// Outside the notes pane, the pane follows the cursor: the first note at
/// or after the cursor's passage is selected.
pub fn follow_cursor(reader: &mut Reader) {
    let list = entries(reader);
    let placements = reader.annotations.placements();
    // A note on the cursor's passage that is already selected (by search,
    // or by hand) stays selected.
    // (Scrolled into view all the same: the pane may just have unfolded.)
    if list
        .get(reader.notes_cursor)
        .is_some_and(|&i| placements[i].passage() == Some(reader.cursor))
    {
        if reader.notes_visible() {
            keep_selected_visible(reader);
        }
        return;
    }
    let at = list
        .iter()
        .position(|&i| placements[i].passage().is_some_and(|p| p >= reader.cursor))
        .unwrap_or(reader.notes_cursor.min(list.len().saturating_sub(1)));
    reader.notes_cursor = at;
    if reader.notes_visible() {
        keep_selected_visible(reader);
    }
}

/// A click on row `row` of the notes pane (inside its border).
pub fn click(reader: &mut Reader, row: u16) {
    let list = entries(reader);
    let top = reader.notes_top.min(list.len());
    let shown = &list[top..(top + usize::from(row) + 1).min(list.len())];
    let mut y = 0;
    for (k, block) in note_blocks(reader, shown).iter().enumerate() {
        let n = top + k;
        y += block.lines.len() + 1;
        if usize::from(row) < y {
            reader.notes_cursor = n;
            if let Some(p) = reader.annotations.placement(list[n]).passage() {
                reader.move_to(p);
            }
            return;
        }
    }
}

/// One entry of the notes pane, laid out: a header (where and what it
/// quotes) and the note's wrapped lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteBlock {
    /// Index into the file's annotations.
    pub annotation: usize,
    pub header: String,
    pub lines: Vec<String>,
    pub passage: Option<usize>,
}

/// The given entries of the notes pane wrapped to its inner width (callers
/// pass only the entries they show: wrapping every note each frame is the
/// cost that grows with a long-annotated brief).
pub fn note_blocks(reader: &Reader, list: &[usize]) -> Vec<NoteBlock> {
    let width = usize::from(reader.geometry().notes.width.saturating_sub(2)).max(8);
    list.iter()
        .map(|&i| {
            let a = reader.annotations.get(i);
            let placement = &reader.annotations.placement(i);
            let quote = a.anchor.as_ref().map(|q| q.exact.as_str()).unwrap_or("");
            let quote: String = quote.chars().take(width * 2).collect();
            let header = match placement {
                Placement::Brief => "On the whole brief".to_string(),
                Placement::Attached(span) => format!("¶{} “{quote}", span.passage + 1),
                Placement::Detached => format!("Detached {} “{quote}", a.kind.name()),
            };
            // Marked first, so a cut header still says what it is.
            let header = match (a.kind, &a.conflict_of) {
                (Kind::Draft, _) => format!("DRAFT (not saved) · {header}"),
                (_, Some(_)) => format!("CONFLICT copy · {header}"),
                _ => header,
            };
            let note = a.note.as_deref().unwrap_or("");
            let mut lines: Vec<String> = textwrap::wrap(note, width)
                .into_iter()
                .map(|l| l.into_owned())
                .collect();
            lines.insert(0, crate::text::fit(&header, width));
            NoteBlock {
                annotation: i,
                header,
                lines,
                passage: placement.passage(),
            }
        })
        .collect()
}

/// In the list view: whether the selected note runs past the pane's
/// bottom, and how many of its text rows show.
pub fn selected_rows(reader: &Reader) -> Option<(bool, usize)> {
    let height = usize::from(reader.geometry().notes.height.saturating_sub(2));
    let list = entries(reader);
    let cursor = reader.notes_cursor;
    if cursor >= list.len() || cursor < reader.notes_top {
        return None;
    }
    let skip = super::margin::note_skip(reader);
    let blocks = note_blocks(reader, &list[reader.notes_top..=cursor]);
    let (selected, above) = blocks.split_last()?;
    let top: usize = above.iter().map(|b| b.lines.len() + 1).sum();
    let rows = selected.lines.len().saturating_sub(skip);
    let room = height.saturating_sub(top);
    Some((rows > room, room.min(rows).saturating_sub(1)))
}

/// Keep the selected note within the pane's rows.
pub fn keep_selected_visible(reader: &mut Reader) {
    let height = usize::from(reader.geometry().notes.height.saturating_sub(2));
    if reader.notes_cursor < reader.notes_top {
        reader.notes_top = reader.notes_cursor;
        return;
    }
    let list = entries(reader);
    if list.is_empty() {
        return;
    }
    let cursor = reader.notes_cursor.min(list.len() - 1);
    // Heights of the entries from the top of the pane down to the selection.
    let heights: Vec<usize> = note_blocks(reader, &list[reader.notes_top.min(cursor)..=cursor])
        .iter()
        .map(|b| b.lines.len() + 1)
        .collect();
    let mut used: usize = heights.iter().sum();
    for h in heights {
        if used <= height || reader.notes_top >= cursor {
            break;
        }
        used -= h;
        reader.notes_top += 1;
    }
}

/// Keys the keymap did not claim go into the text area.
pub fn editor_key(reader: &mut Reader, key: Key) {
    let Some(editor) = reader.editor.as_mut() else {
        return;
    };
    let text_key = match key.code {
        KeyCode::Char(c) => TextKey::Char(c),
        KeyCode::Enter => TextKey::Enter,
        KeyCode::Esc => TextKey::Esc,
        KeyCode::Tab => TextKey::Tab,
        KeyCode::BackTab => return,
        KeyCode::Backspace => TextKey::Backspace,
        KeyCode::Delete => TextKey::Delete,
        KeyCode::Insert => return,
        KeyCode::Up => TextKey::Up,
        KeyCode::Down => TextKey::Down,
        KeyCode::Left => TextKey::Left,
        KeyCode::Right => TextKey::Right,
        KeyCode::Home => TextKey::Home,
        KeyCode::End => TextKey::End,
        KeyCode::PageUp => TextKey::PageUp,
        KeyCode::PageDown => TextKey::PageDown,
        KeyCode::F(n) => TextKey::F(n),
    };
    editor.area.input(Input {
        key: text_key,
        ctrl: key.ctrl,
        alt: key.alt,
        shift: false,
    });
}

/// Editor actions: save, leave (keeping a draft), discard, or hand over to
/// $EDITOR.
pub fn editor_action(model: &mut Model, action: Action, fx: &mut Vec<Effect>) {
    let Some(reader) = model.reader.as_mut() else {
        return;
    };
    match action {
        Action::SaveNote => drafts::save(model, fx),
        // Quit and Cancel reach the editor only from a user's own keymap:
        // they leave it the one way that loses nothing.
        Action::KeepDraft | Action::Cancel | Action::Quit => drafts::keep(model, fx),
        Action::DiscardDraft => drafts::ask_discard(model),
        Action::ExternalEdit => {
            if let Some(editor) = &reader.editor {
                fx.push(Effect::ExternalEdit {
                    text: editor.text(),
                });
            }
        }
        Action::EditorDone(Some(text)) => {
            let Some(editor) = reader.editor.as_mut() else {
                return;
            };
            editor.area = NoteEditor::new(editor.target.clone(), text.trim_end()).area;
            if editor.external {
                drafts::save(model, fx);
            }
        }
        Action::EditorDone(None) => {
            if reader.editor.as_ref().is_some_and(|e| e.external) {
                reader.editor = None;
            }
            model.error("the external editor did not finish; nothing was changed");
        }
        _ => {}
    }
}
