//! The state machine. Every key a person presses becomes an `Action`; every
//! change of state happens in `update`; every side effect leaves as an
//! `Effect` for app.rs to run. Nothing here touches the terminal or disk.

mod annotate;
mod annotated;
pub mod annotations_filter;
pub mod annotations_view;
mod copy;
mod drafts;
mod effect;
pub mod find;
mod leaving;
mod library;
mod library_order;
pub mod links;
pub mod live;
pub mod margin;
pub mod notes;
mod overlay;
pub mod overlay_text;
mod position;
mod progress;
mod reader;
mod scroll;
mod search;
mod sentences;
mod set_aside;
mod undo;
mod view;

use crate::action::Action;
use crate::annotations::Timestamp;
use crate::keymap::{Context, Key, Keymap, Resolution};
pub use crate::payload::{LibraryEntry, Opened, UnattachedNotes};
pub use annotate::note_counts;
pub use annotated::Annotated;
pub use drafts::rescue_unsaved;
pub use effect::Effect;
pub use library::Library;
pub use notes::{NoteEditor, NoteTarget};
pub use reader::{Reader, Top};
pub use search::{Found, Match, Search, find_all};
use strum::IntoEnumIterator;

/// Which screen is showing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Screen {
    #[default]
    Library,
    Reader,
    /// Every annotation of the library (`annotations_view`).
    Annotations,
}

/// Something drawn over the screen that takes the keys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    Help {
        scroll: usize,
    },
    Confirm {
        question: String,
        on_yes: Confirmed,
    },
    /// Problems found at start-up (keymap), shown until dismissed.
    Problems {
        scroll: usize,
    },
    /// Notes whose brief cannot be found (`library.unattached`).
    Unattached {
        cursor: usize,
    },
    /// The links of the passage under the cursor, to open one.
    Links {
        links: Vec<links::LinkChoice>,
        cursor: usize,
    },
}

/// What a "yes" does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Confirmed {
    DeleteAnnotation {
        id: String,
    },
    /// Leave although saving failed: the notes go to a rescue file.
    LeaveWithoutSaving,
    /// Throw away the note editor's text (and its draft).
    DiscardEdit,
}

/// A line in the status bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub error: bool,
}

/// Time and identity for new annotations. app.rs sets `now` before each
/// update, tests set it by hand: the model never reads a clock.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Clock {
    pub now: Timestamp,
    /// Distinguishes ids made by two instances in the same second.
    pub instance: String,
    pub counter: u64,
}

impl Clock {
    pub fn new_id(&mut self) -> String {
        self.counter += 1;
        let stamp: String = self.now.digits().chars().take(14).collect();
        format!("{stamp}-{}-{}", self.instance, self.counter)
    }
}

#[derive(Debug, Clone, Default)]
pub struct Model {
    pub keymap: Keymap,
    pub width: u16,
    pub height: u16,
    pub screen: Screen,
    pub library: Library,
    pub reader: Option<Reader>,
    pub overlay: Option<Overlay>,
    /// How a copied passage names its source (config.yaml).
    pub citation: crate::payload::Citation,
    /// The user switched mouse reporting off.
    pub mouse_off: bool,
    /// Searching the whole library (over the library screen).
    pub find: Option<find::Find>,
    /// Every annotation of the library, and the view of them.
    pub annotations: annotations_view::Annotations,
    /// Keys of a sequence typed so far (`g` of `g g`).
    pub pending: Vec<Key>,
    pub message: Option<Message>,
    /// Problems to show in full, one per entry: those found at start-up
    /// (the first `startup_problems`: keymap, config), then any met later.
    pub problems: Vec<String>,
    pub startup_problems: usize,
    pub clock: Clock,
    /// Whether colours may be used (NO_COLOR unset).
    pub colour: bool,
    /// The last action a key binding produced. Drawn nowhere: it lets tests
    /// (and anyone debugging a keymap) see what a key did.
    pub last_action: Option<Action>,
    /// Scroll-off and column width (config.yaml).
    pub comfort: crate::layout::Comfort,
    /// Files read again because they changed on disk.
    pub live: live::Live,
}

impl Model {
    pub fn new(keymap: Keymap, width: u16, height: u16) -> Model {
        Model {
            keymap,
            width,
            height,
            colour: true,
            comfort: crate::layout::Comfort::default(),
            ..Model::default()
        }
    }

    /// Show problems (keymap errors) until dismissed.
    pub fn with_problems(mut self, problems: Vec<String>) -> Model {
        if !problems.is_empty() {
            self.overlay = Some(Overlay::Problems { scroll: 0 });
        }
        self.startup_problems = problems.len();
        self.problems = problems;
        self
    }

    /// The keymap contexts that apply now, most specific first.
    pub fn contexts(&self) -> &'static [Context] {
        if self.find.is_some() && self.overlay.is_none() {
            return &[Context::Search];
        }
        match &self.overlay {
            Some(Overlay::Confirm { .. }) => &[Context::Confirm],
            Some(Overlay::Help { .. }) | Some(Overlay::Problems { .. }) => {
                &[Context::Help, Context::Global]
            }
            Some(Overlay::Unattached { .. }) | Some(Overlay::Links { .. }) => {
                &[Context::Library, Context::Global]
            }
            None => match self.screen {
                Screen::Library if self.library.filtering => &[Context::Search],
                Screen::Library => &[Context::Library, Context::Global],
                Screen::Annotations
                    if self.annotations.view.as_ref().is_some_and(|v| v.filtering) =>
                {
                    &[Context::Search]
                }
                Screen::Annotations => &[Context::Annotations, Context::Global],
                Screen::Reader => match &self.reader {
                    Some(r) if r.editor.is_some() => &[Context::Editor],
                    Some(r) if r.search.typing() => &[Context::Search],
                    // Choosing a passage: the reader's motions, and the
                    // answers of a question (Enter attaches, Esc cancels).
                    Some(r) if r.choosing.is_some() => {
                        &[Context::Confirm, Context::Reader, Context::Global]
                    }
                    _ => &[Context::Reader, Context::Global],
                },
            },
        }
    }

    /// A problem whose reason is too long for the status line: the whole
    /// reason in the problems popup (wrapped, scrollable), `short` in the
    /// status line once the popup is dismissed.
    pub fn problem(&mut self, short: &str, full: String) {
        if !self.problems.contains(&full) {
            self.problems.push(full);
        }
        self.overlay = Some(Overlay::Problems { scroll: 0 });
        self.error(short);
    }

    pub fn error(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            error: true,
        });
    }

    /// A message for the status line; `{action}` in it names that action's
    /// key (see `keyed`).
    pub fn info(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: self.keyed(&text.into()),
            error: false,
        });
    }

    /// The keys shown for an action in the current contexts, for hints.
    /// Whether leaving the reader goes back to a library (or quits, for a
    /// brief opened on its own).
    pub fn has_library(&self) -> bool {
        self.library.dir.is_some() || !self.library.entries.is_empty()
    }

    /// What `q` (Quit) does now, in a word for the status line.
    pub fn quit_label(&self) -> &'static str {
        match (&self.overlay, self.screen) {
            (Some(_), _) => "close",
            (None, Screen::Library) if self.library.filtering => "cancel",
            (None, Screen::Library) if !self.library.filter.is_empty() => "clear filter",
            (None, Screen::Library) => "quit",
            (None, Screen::Annotations) => "close",
            (None, Screen::Reader) if self.has_library() => "back",
            (None, Screen::Reader) => "quit",
        }
    }

    /// The key for `action` in the keymap in force: bound in a context
    /// that applies now if it is, else wherever it is bound.
    pub fn key_hint(&self, action: &Action) -> Option<String> {
        self.contexts()
            .iter()
            .copied()
            .chain(Context::iter())
            .find_map(|c| self.keymap.keys_for(c, action).into_iter().next())
    }

    /// `template` with each `{action_name}` replaced by its key in the
    /// keymap in force, so no text names a key the user has rebound. An
    /// unbound action shows as its name in angle brackets.
    pub fn keyed(&self, template: &str) -> String {
        let mut out = String::with_capacity(template.len());
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            let Some(close) = after.find('}') else {
                rest = &rest[open..];
                break;
            };
            let name = &after[..close];
            match Action::from_name(name) {
                Some(action) => out.push_str(
                    &self
                        .key_hint(&action)
                        .unwrap_or_else(|| format!("<{name}>")),
                ),
                None => {
                    out.push('{');
                    out.push_str(name);
                    out.push('}');
                }
            }
            rest = &after[close + 1..];
        }
        out.push_str(rest);
        out
    }
}

/// Apply one action. Returns what the outside world must do.
pub fn update(model: &mut Model, action: Action) -> Vec<Effect> {
    let mut effects = Vec::new();
    dispatch(model, action, &mut effects);
    effects
}

fn dispatch(model: &mut Model, action: Action, fx: &mut Vec<Effect>) {
    let before = undo::before(model, &action);
    dispatch_action(model, action, fx);
    undo::after(model, before);
}

fn dispatch_action(model: &mut Model, action: Action, fx: &mut Vec<Effect>) {
    match action {
        Action::Key(key) => press(model, key, fx),
        Action::Paste(text) if model.find.is_some() => find::paste(model, &text, fx),
        Action::Paste(text) => paste(model, &text),
        Action::Timeout => model.pending.clear(),
        Action::Resize { width, height } => {
            model.width = width;
            model.height = height;
            if let Some(reader) = model.reader.as_mut() {
                reader.resize(width, height);
            }
            model.library.resize(height);
            annotations_view::resize(model);
        }
        Action::ForceQuit => fx.push(Effect::Quit),
        Action::Suspend => fx.push(Effect::Suspend),
        Action::Redraw => fx.push(Effect::Redraw),
        Action::ToggleMouse => {
            model.mouse_off = !model.mouse_off;
            fx.push(Effect::Mouse(!model.mouse_off));
            model.info(if model.mouse_off {
                "Mouse off: the terminal selects text; {toggle_mouse} turns it back on"
            } else {
                "Mouse on: the wheel scrolls, a click moves to a passage"
            });
        }
        Action::Saved(saved) => leaving::on_saved(model, saved, fx),
        Action::Opened(opened) => open(model, *opened, fx),
        Action::Rescued(Ok(path)) => model.error(format!(
            "Notes NOT saved in the annotations folder; they were written to {}",
            path.display()
        )),
        Action::Rescued(Err(why)) => model.error(format!(
            "Notes NOT saved, and no rescue file could be written ({why}); they are printed when brief exits"
        )),
        Action::OpenFailed(why) => model.error(why),
        Action::BriefCompleted { path, brief } => {
            // After a reload the whole brief is in already, newer than this.
            if let Some(reader) = model.reader.as_mut().filter(|r| r.path == path && r.partial) {
                reader.complete(*brief);
            }
        }
        Action::LibraryLoaded { entries, done } => {
            model.library.add_entries(entries, done);
            live::relist_if_idle(model, fx);
        }
        Action::FilesChanged { paths, library } => live::files_changed(model, paths, library, fx),
        Action::BriefReloaded {
            path,
            generation,
            reload,
        } => live::reloaded(model, path, generation, reload, fx),
        Action::LibraryRelisted { paths, fresh } => live::relisted(model, paths, fresh, fx),
        Action::AnnotationsLoaded { sets, done } => annotations_view::loaded(model, sets, done),
        Action::LibraryFound {
            generation,
            found,
            done,
        } => find::found(model, generation, found, done),
        Action::UnattachedFound(notes) => model.library.unattached = notes,
        Action::NotesFoundTheirBrief(files) => {
            model.library.unattached.retain(|u| !files.contains(&u.file))
        }
        Action::Attached {
            notes,
            brief,
            result,
        } => library::attached(model, notes, brief, result),
        action if model.find.is_some() && model.overlay.is_none() => {
            find::update(model, action, fx)
        }
        Action::SearchLibrary
            if model.screen == Screen::Library
                && model.overlay.is_none()
                && !model.library.filtering =>
        {
            find::open(model)
        }
        action if model.overlay.is_some() => overlay::act(model, action, fx),
        // Only while reading (not typing a search or a note, not choosing).
        Action::CopyPassage if model.contexts().first() == Some(&Context::Reader) => {
            copy::passage(model, fx)
        }
        Action::CopyNote if model.contexts().first() == Some(&Context::Reader) => {
            copy::note(model, fx)
        }
        action => match model.screen {
            Screen::Library => library::update(model, action, fx),
            Screen::Reader => reader::update(model, action, fx),
            Screen::Annotations => annotations_view::update(model, action, fx),
        },
    }
}

/// A key: part of a sequence, a bound action, or typed text.
fn press(model: &mut Model, key: Key, fx: &mut Vec<Effect>) {
    // A message lasts until the next key, unless that key brings a new one.
    // Errors stay until dismissed: they matter more than a keystroke.
    if model.message.as_ref().is_some_and(|m| !m.error) && model.pending.is_empty() {
        model.message = None;
    }
    let mut keys = std::mem::take(&mut model.pending);
    keys.push(key);
    match model.keymap.resolve(model.contexts(), &keys) {
        Resolution::Action(action) => {
            model.last_action = Some(action.clone());
            dispatch(model, action, fx)
        }
        Resolution::Pending => model.pending = keys,
        Resolution::Unbound if keys.len() > 1 => {
            // A broken sequence: the last key starts afresh.
            press(model, key, fx)
        }
        Resolution::Unbound if model.find.is_some() => find::key(model, key, fx),
        Resolution::Unbound => typed(model, key),
    }
}

/// Longest paste kept in a one-line prompt (search, filter): they hold a
/// few words; more only costs matching time.
pub const MAX_PROMPT_PASTE: usize = 1000;

/// Pasted text goes where typed text goes, in one piece (a keystroke per
/// character made a long paste take seconds). It is cleaned as a brief is
/// (no control character, escape sequence or invisible format character
/// reaches a note or the screen); line breaks are kept only in the editor.
fn paste(model: &mut Model, text: &str) {
    model.pending.clear();
    if model.message.as_ref().is_some_and(|m| !m.error) {
        model.message = None;
    }
    if model.overlay.is_some() {
        return;
    }
    let clean = crate::loader::sanitize::clean(text);
    let one_line = || -> String {
        clean
            .chars()
            .map(|c| if c == '\n' { ' ' } else { c })
            .take(MAX_PROMPT_PASTE)
            .collect()
    };
    match model.screen {
        Screen::Library if model.library.filtering => model.library.paste(&one_line()),
        Screen::Annotations => annotations_view::paste(model, &one_line()),
        Screen::Reader => {
            if let Some(reader) = model.reader.as_mut() {
                if let Some(editor) = reader.editor.as_mut() {
                    editor.area.insert_str(&clean);
                } else if reader.search.typing() {
                    reader.search_paste(&one_line());
                }
            }
        }
        _ => {}
    }
}

/// A key no binding claimed: text for whatever is being typed into.
fn typed(model: &mut Model, key: Key) {
    if model.overlay.is_some() {
        return;
    }
    // A character the loader would remove from a brief (a bidi override, an
    // invisible tag) is not typed into a note or a prompt either.
    if let Some(c) = key.typed_char()
        && !crate::loader::sanitize::typeable(c)
    {
        return;
    }
    match model.screen {
        Screen::Library if model.library.filtering => model.library.type_key(key),
        Screen::Annotations => annotations_view::type_key(model, key),
        Screen::Reader => {
            if let Some(reader) = model.reader.as_mut() {
                if reader.editor.is_some() {
                    notes::editor_key(reader, key);
                } else if reader.search.typing() {
                    reader.search_key(key);
                }
            }
        }
        _ => {}
    }
}

/// Show a freshly read brief. The one it replaces had its chance to save
/// (`save_before_switch`); if that failed, its notes go to a rescue file.
fn open(model: &mut Model, opened: Opened, fx: &mut Vec<Effect>) {
    if let Some(previous) = model.reader.take() {
        model.library.update_counts(&previous);
        if let Some(rescue) = leaving::rescue_effect(&previous) {
            fx.push(rescue);
        }
    }
    let save_problem = opened.save_problem.clone();
    let mut reader = Reader::new(opened, model.width, model.height);
    reader.cannot_save = save_problem.is_some();
    reader.scroll_off = model.comfort.scroll_off;
    reader.notes_view = model.comfort.notes_view;
    reader.column = crate::layout::Column {
        width: model.comfort.column_width,
        limited: true,
    };
    reader.reveal();
    model.message = None;
    // Its notes, if they were listed as without a brief, have it again.
    let notes = &reader.annotations.path;
    model.library.unattached.retain(|u| &u.file != notes);
    if let Some(problem) = &reader.annotations.read_only {
        model.problem(annotate::READ_ONLY, problem.clone());
    } else if let Some(problem) = save_problem {
        model.problem(
            "Notes cannot be saved (why: in the problems box); kept while brief runs",
            problem,
        );
    }
    model.reader = Some(reader);
    model.screen = Screen::Reader;
    annotations_view::opened(model);
}
