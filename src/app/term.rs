//! The real terminal: raw mode and the alternate screen in and out (also
//! from the panic hook), and handing it to $VISUAL/$EDITOR.

use anyhow::Result;
use ratatui::crossterm::style::Print;
use ratatui::crossterm::terminal::{self, EnterAlternateScreen, LeaveAlternateScreen};
use ratatui::crossterm::{cursor, execute};
use ratatui::{DefaultTerminal, Terminal, backend::CrosstermBackend};
use std::io::Write;

/// Clicks and the wheel only (1000), in SGR encoding (1006). crossterm's
/// EnableMouseCapture also asks for every mouse motion (1003), which would
/// wake the program each time the pointer crosses the window.
const MOUSE_ON: &str = "\x1b[?1000h\x1b[?1006h";
const MOUSE_OFF: &str = "\x1b[?1006l\x1b[?1000l";

pub(super) fn enter_terminal() -> std::io::Result<()> {
    terminal::enable_raw_mode()?;
    execute!(
        std::io::stdout(),
        EnterAlternateScreen,
        Print(MOUSE_ON),
        cursor::Hide
    )
}

/// Put the terminal back as we found it. Safe to call more than once, and
/// from the panic hook.
pub fn restore_terminal() {
    let mut out = std::io::stdout();
    let _ = execute!(out, Print(MOUSE_OFF), LeaveAlternateScreen, cursor::Show);
    let _ = terminal::disable_raw_mode();
    let _ = out.flush();
}

pub(super) fn setup_terminal() -> Result<DefaultTerminal> {
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
    Ok(Terminal::new(CrosstermBackend::new(std::io::stdout()))?)
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
