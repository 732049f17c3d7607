//! Searching the whole library from the library screen: the query as typed,
//! the passages and notes found so far. The search itself runs off the
//! model (`Effect::SearchLibrary`, run by app.rs on a thread); its results
//! come back as `Action::LibraryFound`, tagged with the query's generation
//! so that results of a query since changed are dropped.

use super::{Effect, Model, leaving};
use crate::action::Action;
use crate::key::{Key, KeyCode};
use crate::search::Found;

/// Most results kept: more would not be read, only cost memory and time.
pub const MAX_FOUND: usize = 1000;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Find {
    pub query: String,
    pub found: Vec<Found>,
    pub cursor: usize,
    /// Counts the queries; results carry the one they answer.
    pub generation: u64,
    /// A search is running.
    pub searching: bool,
}

/// Start a library search (on the library screen, with a folder).
pub fn open(model: &mut Model) {
    if model.library.dir.is_none() {
        model.error("no library folder to search (brief was started on files)");
        return;
    }
    model.find = Some(Find::default());
}

/// An action while the search is showing.
pub fn update(model: &mut Model, action: Action, fx: &mut Vec<Effect>) {
    let Some(find) = model.find.as_mut() else {
        return;
    };
    match action {
        Action::Cancel | Action::Quit => {
            find.generation += 1;
            fx.push(search(find.generation, String::new(), model));
            model.find = None;
        }
        Action::ClearInput => {
            find.query.clear();
            restart(model, fx);
        }
        Action::Accept => {
            let Some(chosen) = find.found.get(find.cursor).cloned() else {
                return;
            };
            find.generation += 1;
            fx.push(search(find.generation, String::new(), model));
            model.find = None;
            leaving::save_before_switch(model, fx);
            fx.push(Effect::OpenBrief {
                path: chosen.path,
                passage: chosen.passage,
            });
        }
        _ => {}
    }
}

/// Results of search `generation`; dropped unless it is the current one.
pub fn found(model: &mut Model, generation: u64, found: Vec<Found>, done: bool) {
    let Some(find) = model.find.as_mut().filter(|f| f.generation == generation) else {
        return;
    };
    let room = MAX_FOUND.saturating_sub(find.found.len());
    find.found.extend(found.into_iter().take(room));
    find.searching = !done;
}

/// A key no binding claimed: text for the query, or a move in the list.
pub fn key(model: &mut Model, key: Key, fx: &mut Vec<Effect>) {
    let Some(find) = model.find.as_mut() else {
        return;
    };
    let last = find.found.len().saturating_sub(1);
    match key.code {
        KeyCode::Down => find.cursor = (find.cursor + 1).min(last),
        KeyCode::Up => find.cursor = find.cursor.saturating_sub(1),
        KeyCode::Backspace => {
            find.query.pop();
            restart(model, fx);
        }
        _ => {
            let Some(c) = key.typed_char() else { return };
            if !crate::loader::sanitize::typeable(c) {
                return;
            }
            find.query.push(c);
            restart(model, fx);
        }
    }
}

/// Pasted text (one line, already clean) added to the query at once.
pub fn paste(model: &mut Model, text: &str, fx: &mut Vec<Effect>) {
    if let Some(find) = model.find.as_mut() {
        find.query.push_str(text);
        restart(model, fx);
    }
}

/// The query changed: forget the results, search again.
fn restart(model: &mut Model, fx: &mut Vec<Effect>) {
    let Some(find) = model.find.as_mut() else {
        return;
    };
    find.generation += 1;
    find.found.clear();
    find.cursor = 0;
    let query = find.query.clone();
    find.searching = crate::search::Query::parse(&query).is_some();
    let generation = find.generation;
    fx.push(search(generation, query, model));
}

fn search(generation: u64, query: String, model: &Model) -> Effect {
    Effect::SearchLibrary {
        generation,
        query,
        folder: model.library.dir.clone().unwrap_or_default(),
    }
}
