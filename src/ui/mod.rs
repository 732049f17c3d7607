//! Drawing. Reads `&Model`, writes cells; never changes state, never does I/O.

mod annotations_view;
mod find;
mod library;
mod margin;
mod overlay;
mod reader;
mod status;
mod theme;

pub use overlay::help_lines;
pub use theme::Theme;

use crate::model::{Model, Screen};
use ratatui::Frame;

pub fn draw(frame: &mut Frame, model: &Model) {
    let theme = Theme::new(model.colour).named(model.comfort.theme);
    match (&model.reader, model.screen) {
        (Some(reader), Screen::Reader) => reader::draw(frame, model, reader, theme),
        (_, Screen::Annotations) => annotations_view::draw(frame, model, theme),
        _ => library::draw(frame, model, theme),
    }
    if let Some(find) = model
        .find
        .as_ref()
        .filter(|_| model.screen == Screen::Library)
    {
        find::draw(frame, model, find, theme);
    }
    overlay::draw(frame, model, theme);
}
