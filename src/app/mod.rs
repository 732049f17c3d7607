//! The loop that wires the pure core to the world: terminal set-up and
//! restore, events in, effects out. Three helper threads feed one channel:
//! terminal input, signals, and the library reader, so the loop blocks
//! (no CPU while idle) and still hears SIGTERM at once.

use crate::action::Action;
use crate::annotations::Timestamp;
use crate::config::load_keymap;
use crate::model::{self, Effect, LibraryEntry, Model};
use crate::store::{self, Store};
use crate::ui;
use anyhow::Result;
use ratatui::crossterm::event::Event;
use ratatui::crossterm::terminal;
use ratatui::crossterm::{execute, queue};
use std::io::Write;
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};

mod annotation_sets;
mod background;
mod caps;
mod clipboard;
mod disk;
mod find;
mod input;
mod library;
mod opener;
mod term;
mod watch;

use input::{action_for, spawn_input, spawn_signals};
use library::{Files, spawn_library};
pub use library::{StoredNotes, library_entry, list_folder};
use std::time::{Duration, Instant};
pub use term::restore_terminal;
use term::{Tui, enter_terminal, external_edit, new_terminal, reenter_terminal, setup_terminal};

/// A resize waits this long for the next one before the screen is redrawn.
const RESIZE_SETTLE: Duration = Duration::from_millis(16);

/// How long a pending key sequence (`g` of `g g`) waits for its next key.
const SEQUENCE_TIMEOUT: Duration = Duration::from_millis(1500);

/// What the helper threads send to the loop.
enum Incoming {
    /// Events read from the terminal together (see `spawn_input`).
    Input(Vec<std::io::Result<Event>>),
    Signal,
    /// SIGCONT: continued after being stopped.
    Continued,
    Library(Vec<LibraryEntry>, bool),
    /// Notes no brief of the library claimed, after the last batch.
    Unattached(Vec<model::UnattachedNotes>),
    /// Results of the library search `generation`; true after the last.
    Found(u64, Vec<crate::search::Found>, bool),
    /// Every annotation set, for the annotations view; true when all are
    /// placed on their briefs as they are now.
    Annotations(Vec<crate::catalogue::Set>, bool),
    /// The whole of a large brief, parsed after its start was shown.
    Completed(PathBuf, Box<Result<crate::document::Brief, String>>),
    /// The folders of the library, as just listed: the ones to watch.
    Folders(Vec<PathBuf>),
    /// Files changed on disk (settled; see watch.rs).
    Changed(watch::Changed),
    /// The open brief read again, for reload `generation`.
    Reloaded(PathBuf, u64, crate::payload::Reload),
    /// The library folder listed again: its briefs, and the entries read anew.
    Relisted(Vec<PathBuf>, Vec<LibraryEntry>),
    /// Annotation files a listing found the brief of (`NotesFoundTheirBrief`).
    NotesFound(Vec<PathBuf>),
}

/// Bytes of a large brief parsed before the first screen (several screens'
/// worth of text); the rest is read and parsed on a thread.
const QUICK_START_BYTES: u64 = 48 * 1024;

pub use crate::reading::Start;

/// Open the interface on `start`; `problems` (from config.yaml) are shown
/// with the keymap's until dismissed.
pub fn run(
    start: Start,
    mut problems: Vec<String>,
    comfort: crate::layout::Comfort,
) -> Result<std::process::ExitCode> {
    // Before anything is read: a terminal that cannot show the interface
    // gets one line saying so, not a screen of escape codes.
    let caps = caps::init().map_err(anyhow::Error::msg)?;
    let (keymap, keymap_problems) = load_keymap();
    problems.extend(keymap_problems);
    let store = Store::open_default();
    let (width, height) = terminal::size().unwrap_or((80, 24));
    let mut model = Model::new(keymap, width, height).with_problems(problems);
    model.comfort = comfort;
    // NO_COLOR, or a terminal without colour.
    model.colour = caps.colours != caps::Colours::None;
    model.clock.instance = format!("{:x}", std::process::id());
    // Its problems were reported at start-up with the rest of config.yaml's.
    let config = crate::config::load().0;
    model.citation = config.citation;
    if !config.theme_chosen
        && model.colour
        && let Some(theme) = background::detect()
    {
        model.comfort.theme = theme;
    }

    let (tx, rx) = mpsc::channel();
    let permits = spawn_input(tx.clone());
    spawn_signals(tx.clone())?;
    let mut first_file = None;
    // The annotations view's rows are read once the library is listed
    // (at once when there is no library to list).
    let reading_annotations = store.clone().map(|s| annotation_sets::spawn(s, tx.clone()));
    if !matches!(start, Start::Library(_))
        && let Some(ask) = &reading_annotations
    {
        let _ = ask.send(());
    }
    match start {
        Start::Library(dir) => {
            model.library = model::Library::new(Some(dir.clone()), height);
            spawn_library(Files::In(dir), store.clone(), tx.clone());
        }
        Start::Files(files) if files.len() == 1 => {
            model.library = model::Library::new(None, height);
            model.library.loading = false;
            first_file = files.into_iter().next();
        }
        Start::Files(files) => {
            model.library = model::Library::new(None, height);
            spawn_library(Files::List(files), store.clone(), tx.clone());
        }
    }

    // Never dropped: ratatui's Drop re-shows the cursor and, if that fails
    // (the terminal is gone), prints with eprintln!, which panics when
    // stderr is gone too. restore_terminal() does the cleanup instead.
    let mut terminal = std::mem::ManuallyDrop::new(setup_terminal()?);
    let mut app = App {
        terminal: &mut terminal,
        store,
        tx: tx.clone(),
        permits,
        quit: false,
        clear_first: false,
        rescued: Vec::new(),
        searching: Default::default(),
        watch: if config.watch_off {
            None
        } else {
            watch::Watch::new(tx.clone())
        },
        reading_annotations,
    };
    if let Some(path) = first_file {
        app.run_effects(
            &mut model,
            vec![Effect::OpenBrief {
                path,
                passage: None,
            }],
        );
        if model.reader.is_none() {
            restore_terminal();
            let why = model.message.map(|m| m.text).unwrap_or_default();
            anyhow::bail!("{why}");
        }
    }
    let result = app.event_loop(&mut model, &rx);
    let rescued = std::mem::take(&mut app.rescued);
    restore_terminal();
    // Unsaved notes are never dropped silently: what went where is said
    // once the terminal is back, and the exit status says it went wrong.
    if !rescued.is_empty() {
        let mut err = std::io::stderr().lock();
        for report in &rescued {
            for line in report.lines() {
                let _ = writeln!(err, "brief: {}", crate::text::printable(line));
            }
        }
        return result.map(|_| std::process::ExitCode::FAILURE);
    }
    result.map(|_| std::process::ExitCode::SUCCESS)
}

struct App<'a> {
    terminal: &'a mut Tui,
    store: Option<Store>,
    tx: Sender<Incoming>,
    permits: Sender<()>,
    quit: bool,
    /// The next frame starts by clearing the screen (after ctrl-l, $EDITOR,
    /// a suspend), inside the same synchronized update.
    clear_first: bool,
    /// What could not be saved and where it went instead, for stderr on exit.
    rescued: Vec<String>,
    /// Set to stop the library search that is running.
    searching: std::sync::Arc<std::sync::atomic::AtomicBool>,
    /// Follows the open brief and the library folder (None: `watch: false`).
    watch: Option<watch::Watch>,
    /// Asks the thread that reads every annotation to read them again.
    reading_annotations: Option<Sender<()>>,
}

impl App<'_> {
    fn event_loop(&mut self, model: &mut Model, rx: &Receiver<Incoming>) -> Result<()> {
        // For the end-to-end test that a panic restores the terminal: a key
        // that panics on purpose, only when this variable names one.
        let panic_key = std::env::var("BRIEF_PANIC_ON_KEY")
            .ok()
            .and_then(|k| k.chars().next());
        let _ = self.permits.send(());
        // Draw only after a change; while the window is being resized, at
        // most once per RESIZE_SETTLE.
        let mut dirty = true;
        let mut settle: Option<Instant> = None;
        while !self.quit {
            if dirty && settle.is_none() {
                self.sync_size(model);
                if let Err(e) = self.draw(model) {
                    // The terminal is gone (closed window, broken pipe).
                    self.save_pending(model);
                    return Err(e.into());
                }
                dirty = false;
            }
            let message = match settle {
                Some(deadline) => {
                    rx.recv_timeout(deadline.saturating_duration_since(Instant::now()))
                }
                None if !model.pending.is_empty() => rx.recv_timeout(SEQUENCE_TIMEOUT),
                None => rx.recv().map_err(|_| RecvTimeoutError::Disconnected),
            };
            let action = match message {
                Ok(Incoming::Input(batch)) => {
                    if self
                        .apply_input(model, batch, panic_key, &mut settle)
                        .is_err()
                    {
                        // The terminal went away: save what is unsaved and stop.
                        self.save_pending(model);
                        return Ok(());
                    }
                    // Only now may the next batch be read: a key handled
                    // above may have handed the terminal to $EDITOR.
                    let _ = self.permits.send(());
                    dirty = true;
                    continue;
                }
                Err(RecvTimeoutError::Disconnected) => {
                    self.save_pending(model);
                    return Ok(());
                }
                Ok(Incoming::Signal) => {
                    self.save_pending(model);
                    return Ok(());
                }
                Ok(Incoming::Continued) => {
                    // A hangup comes with SIGCONT too: then the terminal is
                    // gone, and the next draw fails and saves what is unsaved.
                    if reenter_terminal().is_ok() {
                        self.repaint();
                        self.resize(model);
                    }
                    dirty = true;
                    continue;
                }
                Ok(Incoming::Library(entries, done)) => {
                    if done && let Some(ask) = &self.reading_annotations {
                        let _ = ask.send(());
                    }
                    Action::LibraryLoaded { entries, done }
                }
                Ok(Incoming::Annotations(sets, done)) => Action::AnnotationsLoaded { sets, done },
                Ok(Incoming::Unattached(notes)) => Action::UnattachedFound(notes),
                Ok(Incoming::Found(generation, found, done)) => Action::LibraryFound {
                    generation,
                    found,
                    done,
                },
                Ok(Incoming::Completed(path, result)) => match *result {
                    Ok(brief) => Action::BriefCompleted {
                        path,
                        brief: Box::new(brief),
                    },
                    Err(why) => Action::OpenFailed(why),
                },
                Ok(Incoming::Folders(folders)) => {
                    dirty |= self.watch_folders(model, &folders);
                    continue;
                }
                Ok(Incoming::Changed(changed)) => match self.changed(&changed) {
                    Some(action) => action,
                    // Nothing of what is shown: no frame either.
                    None => continue,
                },
                Ok(Incoming::Reloaded(path, generation, reload)) => Action::BriefReloaded {
                    path,
                    generation,
                    reload,
                },
                Ok(Incoming::NotesFound(files)) => Action::NotesFoundTheirBrief(files),
                Ok(Incoming::Relisted(paths, fresh)) => Action::LibraryRelisted { paths, fresh },
                Err(RecvTimeoutError::Timeout) if settle.is_some() => {
                    settle = None;
                    continue;
                }
                Err(RecvTimeoutError::Timeout) => Action::Timeout,
            };
            self.apply(model, action);
            dirty = true;
        }
        Ok(())
    }

    /// Apply a batch of terminal events, in order, stopping if one quits.
    /// Err when the terminal could not be read.
    fn apply_input(
        &mut self,
        model: &mut Model,
        batch: Vec<std::io::Result<Event>>,
        panic_key: Option<char>,
        settle: &mut Option<Instant>,
    ) -> std::io::Result<()> {
        for event in batch {
            let Some(action) = action_for(event?) else {
                continue;
            };
            if let (Action::Key(key), Some(c)) = (&action, panic_key)
                && key.typed_char() == Some(c)
            {
                panic!("BRIEF_PANIC_ON_KEY: panicking on purpose");
            }
            // While the window is being resized, draw at most once per
            // RESIZE_SETTLE.
            if matches!(action, Action::Resize { .. }) && settle.is_none() {
                *settle = Some(Instant::now() + RESIZE_SETTLE);
            }
            self.apply(model, action);
            if self.quit {
                break;
            }
        }
        Ok(())
    }

    /// One frame, as one synchronized update (DEC mode 2026): a terminal
    /// that knows the mode shows it whole, never half drawn, and the
    /// end-to-end tests read the screen only between frames.
    fn draw(&mut self, model: &Model) -> std::io::Result<()> {
        queue!(std::io::stdout(), terminal::BeginSynchronizedUpdate)?;
        if std::mem::take(&mut self.clear_first) {
            queue!(std::io::stdout(), terminal::Clear(terminal::ClearType::All))?;
        }
        self.terminal.draw(|frame| ui::draw(frame, model))?;
        execute!(std::io::stdout(), terminal::EndSynchronizedUpdate)?;
        find::trace_frame(model);
        Ok(())
    }

    /// Make sure the model knows the terminal's size before a frame: the
    /// resize event can come after a key that draws first (and with
    /// crossterm's default input source it could be lost altogether; see
    /// Cargo.toml). The ioctl behind `size` costs nothing.
    fn sync_size(&mut self, model: &mut Model) {
        if let Ok((width, height)) = terminal::size()
            && (width, height) != (model.width, model.height)
        {
            model::update(model, Action::Resize { width, height });
        }
    }

    fn apply(&mut self, model: &mut Model, action: Action) {
        model.clock.now = now();
        let effects = model::update(model, action);
        self.run_effects(model, effects);
        if let Some(watch) = self.watch.as_mut() {
            watch.set_brief(model.reader.as_ref().map(|r| r.path.as_path()));
        }
    }

    fn run_effects(&mut self, model: &mut Model, effects: Vec<Effect>) {
        for effect in effects {
            match effect {
                Effect::Quit => {
                    // Ctrl-C in the editor must not throw the typed text away.
                    self.save_pending(model);
                    self.quit = true;
                }
                Effect::Redraw => {
                    self.repaint();
                }
                Effect::Suspend => {
                    restore_terminal();
                    // SAFETY: raising a signal has no memory-safety conditions.
                    unsafe { libc::raise(libc::SIGTSTP) };
                    // Resumed by `fg`.
                    let _ = enter_terminal();
                    self.repaint();
                    self.resize(model);
                }
                Effect::OpenBrief { path, passage } => {
                    let action = match self.open(&path, passage) {
                        Ok(opened) => Action::Opened(Box::new(opened)),
                        Err(e) => Action::OpenFailed(format!("{e:#}")),
                    };
                    self.resize(model);
                    self.apply(model, action);
                }
                Effect::Save { path, file } => {
                    let saved = store::save(&path, &file).map(Box::new);
                    self.apply(model, Action::Saved(saved));
                }
                Effect::ExternalEdit { text } => {
                    restore_terminal();
                    let edited = external_edit(&text);
                    let _ = enter_terminal();
                    self.repaint();
                    self.apply(model, Action::EditorDone(edited));
                }
                Effect::SearchLibrary {
                    generation,
                    query,
                    folder,
                } => {
                    self.searching = find::start(
                        generation,
                        &query,
                        folder,
                        &self.searching,
                        self.store.clone(),
                        self.tx.clone(),
                    );
                }
                Effect::Copy { text } => {
                    if let Err(e) = clipboard::copy(&text) {
                        model.error(format!("could not copy: {e}"));
                    }
                }
                Effect::OpenUrl(url) => {
                    if let Err(e) = opener::open(&url) {
                        model.error(format!("could not open the link: {e}"));
                    }
                }
                Effect::Mouse(on) => {
                    let _ = term::set_mouse(on);
                }
                Effect::LoadAnnotations => {
                    if let Some(ask) = &self.reading_annotations {
                        let _ = ask.send(());
                    }
                }
                Effect::Rescue { path, file, why } => {
                    let result = self.rescue(&path, &file, &why);
                    self.apply(model, Action::Rescued(result));
                }
                Effect::ReloadBrief { path, generation } => {
                    watch::spawn_reload(path, generation, self.tx.clone())
                }
                Effect::ListLibrary {
                    dir,
                    known,
                    changed,
                } => {
                    library::spawn_relist(dir, known, changed, self.store.clone(), self.tx.clone())
                }
                Effect::Attach { notes, brief } => {
                    let result = self.attach(&notes, &brief);
                    self.apply(
                        model,
                        Action::Attached {
                            notes,
                            brief,
                            result,
                        },
                    );
                }
            }
        }
    }

    /// Clear the screen and forget what ratatui thinks is on it, so the next
    /// draw paints every cell. (Terminal::clear asks the terminal for the
    /// cursor position, which stalls on terminals that do not answer.)
    fn repaint(&mut self) {
        self.clear_first = true;
        if let Ok(fresh) = new_terminal() {
            let mut old = std::mem::replace(self.terminal, fresh);
            // ratatui's Drop re-shows a hidden cursor and, if that fails,
            // prints with eprintln!, which panics when stderr is gone too (a
            // closed terminal, as when SIGCONT comes with a hangup). Shown
            // here instead; a terminal that is gone is never dropped.
            if old.show_cursor().is_err() {
                std::mem::forget(old);
            }
        }
    }

    fn resize(&mut self, model: &mut Model) {
        if let Ok((width, height)) = terminal::size() {
            model::update(model, Action::Resize { width, height });
        }
    }
}

pub(crate) fn now() -> Timestamp {
    Timestamp::from(time::OffsetDateTime::now_utc())
}
