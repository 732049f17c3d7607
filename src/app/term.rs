//! The real terminal: raw mode and the alternate screen in and out (also
//! from the panic hook), and handing it to $VISUAL/$EDITOR.

use super::caps::{self, BasicColours, Colours};
use anyhow::Result;
use ratatui::crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
use ratatui::crossterm::style::Print;
use ratatui::crossterm::terminal::{self, EnterAlternateScreen, LeaveAlternateScreen};
use ratatui::crossterm::{cursor, execute};
use ratatui::{Terminal, backend::CrosstermBackend};
use std::io::Write;

/// Clicks and the wheel only (1000), in SGR encoding (1006). crossterm's
/// EnableMouseCapture also asks for every mouse motion (1003), which would
/// wake the program each time the pointer crosses the window.
const MOUSE_ON: &str = "\x1b[?1000h\x1b[?1006h";
const MOUSE_OFF: &str = "\x1b[?1006l\x1b[?1000l";

/// Whether the user wants mouse reporting (switched with toggle_mouse);
/// kept here so that coming back from a suspend or $EDITOR keeps it.
static MOUSE: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(true);

/// Switch mouse reporting on or off, now and after any re-entry.
pub(super) fn set_mouse(on: bool) -> std::io::Result<()> {
    MOUSE.store(on, std::sync::atomic::Ordering::Relaxed);
    if !caps::get().modes {
        return Ok(());
    }
    execute!(
        std::io::stdout(),
        Print(if on { MOUSE_ON } else { MOUSE_OFF })
    )
}

/// The terminal as the interface draws on it: colour codes rewritten for
/// a terminal of 16 colours (see caps.rs).
pub(super) type Tui = Terminal<CrosstermBackend<BasicColours<std::io::Stdout>>>;

/// A fresh `Tui`, which believes the screen is blank.
pub(super) fn new_terminal() -> std::io::Result<Tui> {
    let basic = caps::get().colours == Colours::Basic;
    Terminal::new(CrosstermBackend::new(BasicColours::new(
        std::io::stdout(),
        basic,
    )))
}

pub(super) fn enter_terminal() -> std::io::Result<()> {
    terminal::enable_raw_mode()?;
    let mut out = std::io::stdout();
    if caps::get().modes {
        // Bracketed paste: a paste arrives as one event, inserted at once,
        // and its line breaks and control characters cannot act as keys.
        execute!(out, EnterAlternateScreen, EnableBracketedPaste,)?;
        if MOUSE.load(std::sync::atomic::Ordering::Relaxed) {
            execute!(out, Print(MOUSE_ON))?;
        }
    } else {
        // No alternate screen to switch to: draw over what is there.
        execute!(out, terminal::Clear(terminal::ClearType::All))?;
    }
    execute!(out, cursor::Hide)
}

/// After being stopped from outside (SIGSTOP) and continued: the shell may
/// have put the terminal back in cooked mode and on its normal screen.
/// crossterm believes raw mode is still on, so it is turned off (back to
/// the modes from before `brief` started) and on again.
pub(super) fn reenter_terminal() -> std::io::Result<()> {
    let _ = terminal::disable_raw_mode();
    enter_terminal()
}

/// Put the terminal back as we found it. Safe to call more than once, and
/// from the panic hook.
pub fn restore_terminal() {
    let mut out = std::io::stdout();
    if caps::get().modes {
        let _ = execute!(
            out,
            DisableBracketedPaste,
            Print(MOUSE_OFF),
            LeaveAlternateScreen,
        );
    } else {
        let _ = execute!(
            out,
            terminal::Clear(terminal::ClearType::All),
            cursor::MoveTo(0, 0)
        );
    }
    let _ = execute!(out, cursor::Show);
    let _ = terminal::disable_raw_mode();
    let _ = out.flush();
}

pub(super) fn setup_terminal() -> Result<Tui> {
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        // A damaged PDF's panic is caught by the loader: the screen stays.
        if crate::loader::panic_is_caught() {
            return;
        }
        restore_terminal();
        default_hook(info);
    }));
    enter_terminal()?;
    Ok(new_terminal()?)
}

/// Run $VISUAL or $EDITOR (or vi) on a temporary file holding `text`.
/// Returns the edited text, or None if the editor failed.
pub(super) fn external_edit(text: &str) -> Option<String> {
    let scratch = crate::store::ScratchFile::create(text).ok()?;
    let editor = std::env::var("VISUAL")
        .ok()
        .filter(|e| !e.trim().is_empty())
        .or_else(|| {
            std::env::var("EDITOR")
                .ok()
                .filter(|e| !e.trim().is_empty())
        })
        .unwrap_or_else(|| "vi".to_string());
    // Through the shell, so EDITOR="code --wait" works as people expect.
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$1\""))
        .arg("brief")
        .arg(&scratch.path)
        .status();
    let edited = scratch.read_back().ok();
    match status {
        Ok(s) if s.success() => edited.map(|t| crate::loader::sanitize::clean(&t)),
        _ => None,
    }
}
