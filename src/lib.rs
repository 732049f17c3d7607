//! `brief`: a terminal reader for briefing documents.
//!
//! The pure core (loader, model, keymap, store) knows nothing of the
//! terminal; `ui` only draws; `app` wires them to the real terminal.

pub mod action;
pub mod cli;
pub mod document;
pub mod keymap;
pub mod loader;
pub mod yaml;
