//! `brief`: a terminal reader for briefing documents.
//!
//! The pure core (loader, model, keymap, store) knows nothing of the
//! terminal; `ui` only draws; `app` wires them to the real terminal.

pub mod action;
pub mod annotations;
pub mod app;
pub mod catalogue;
pub mod cli;
pub mod config;
pub mod document;
pub mod files;
pub mod key;
pub mod keymap;
pub mod layout;
pub mod loader;
pub mod model;
pub mod payload;
pub mod reading;
pub mod search;
pub mod store;
pub mod text;
pub mod ui;
pub mod yaml;
