//! Terminal input and signals, each on its own thread, turned into
//! messages for the loop.

use super::Incoming;
use crate::action::Action;
use crate::keymap::{Key, KeyCode};
use anyhow::Result;
use ratatui::crossterm::event::{
    self, Event, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind,
};
use std::sync::mpsc::{self, Sender};
use std::time::Duration;

/// Terminal events to actions; None for events that mean nothing here.
pub(super) fn action_for(event: Event) -> Option<Action> {
    match event {
        Event::Key(k) if k.kind != KeyEventKind::Release => {
            let code = match k.code {
                event::KeyCode::Char(c) => KeyCode::Char(c),
                event::KeyCode::Enter => KeyCode::Enter,
                event::KeyCode::Esc => KeyCode::Esc,
                event::KeyCode::Tab if k.modifiers.contains(KeyModifiers::SHIFT) => {
                    KeyCode::BackTab
                }
                event::KeyCode::Tab => KeyCode::Tab,
                event::KeyCode::BackTab => KeyCode::BackTab,
                event::KeyCode::Backspace => KeyCode::Backspace,
                event::KeyCode::Delete => KeyCode::Delete,
                event::KeyCode::Insert => KeyCode::Insert,
                event::KeyCode::Up => KeyCode::Up,
                event::KeyCode::Down => KeyCode::Down,
                event::KeyCode::Left => KeyCode::Left,
                event::KeyCode::Right => KeyCode::Right,
                event::KeyCode::Home => KeyCode::Home,
                event::KeyCode::End => KeyCode::End,
                event::KeyCode::PageUp => KeyCode::PageUp,
                event::KeyCode::PageDown => KeyCode::PageDown,
                event::KeyCode::F(n) => KeyCode::F(n),
                _ => return None,
            };
            let ctrl = k.modifiers.contains(KeyModifiers::CONTROL);
            let code = match code {
                KeyCode::Char(c) if ctrl => KeyCode::Char(c.to_ascii_lowercase()),
                other => other,
            };
            Some(Action::Key(Key {
                code,
                ctrl,
                alt: k.modifiers.contains(KeyModifiers::ALT),
            }))
        }
        Event::Paste(text) => Some(Action::Paste(text)),
        Event::Resize(width, height) => Some(Action::Resize { width, height }),
        Event::Mouse(m) => match m.kind {
            MouseEventKind::ScrollDown => Some(Action::Scroll(3)),
            MouseEventKind::ScrollUp => Some(Action::Scroll(-3)),
            MouseEventKind::Down(MouseButton::Left) => Some(Action::Click {
                column: m.column,
                row: m.row,
            }),
            _ => None,
        },
        _ => None,
    }
}

/// Most events read into one batch: the loop applies a batch, then draws
/// once. Bounded so that a flood of input still shows progress.
const MAX_BATCH: usize = 4096;

/// How long the input thread looks for more events to add to a batch.
const BATCH_WAIT: Duration = Duration::from_millis(1);

/// Terminal input on its own thread. It reads one batch per permit, so
/// while the loop runs $EDITOR or is suspended nobody steals the keys. A
/// batch is every event already waiting (a burst of typing, a paste in a
/// terminal without bracketed paste, a window being dragged): applying
/// them all before one frame keeps a burst from costing a frame per key,
/// and nothing typed is left unread.
pub(super) fn spawn_input(tx: Sender<Incoming>) -> Sender<()> {
    let (permit_tx, permit_rx) = mpsc::channel::<()>();
    std::thread::spawn(move || {
        while permit_rx.recv().is_ok() {
            let mut batch = vec![event::read()];
            // crossterm's poll(2) reader looks (even at events it has
            // already parsed) only while time is left, so not with a zero
            // timeout: a millisecond is enough under load, and is all the
            // end of a batch costs.
            while batch.len() < MAX_BATCH
                && batch.last().is_some_and(Result::is_ok)
                && event::poll(BATCH_WAIT).unwrap_or(false)
            {
                batch.push(event::read());
            }
            let failed = batch.iter().any(Result::is_err);
            if tx.send(Incoming::Input(batch)).is_err() || failed {
                break;
            }
        }
    });
    permit_tx
}

pub(super) fn spawn_signals(tx: Sender<Incoming>) -> Result<()> {
    use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGTERM};
    let mut signals =
        signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGCONT])?;
    std::thread::spawn(move || {
        for signal in signals.forever() {
            let message = match signal {
                SIGCONT => Incoming::Continued,
                _ => Incoming::Signal,
            };
            if tx.send(message).is_err() {
                break;
            }
        }
    });
    Ok(())
}
