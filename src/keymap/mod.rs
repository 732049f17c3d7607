//! Key bindings: the defaults in `keymap.yaml` (compiled in), the user's file
//! merged over them, validation with positions, and key-to-action lookup.
//! Pure: the caller reads the user's file and passes its text in.

pub mod contexts;
mod locate;
mod validate;

use crate::action::Action;
pub use crate::key::{Key, KeyCode, format_sequence, parse_key, parse_sequence};
use std::collections::BTreeMap;
use strum::{EnumIter, EnumString, IntoStaticStr};
pub use validate::KeymapError;

/// The default bindings, as shipped.
pub const DEFAULT_KEYMAP: &str = include_str!("../../keymap.yaml");

/// Where a binding applies.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, EnumIter, EnumString, IntoStaticStr,
)]
#[strum(serialize_all = "snake_case")]
pub enum Context {
    Global,
    Library,
    Reader,
    Search,
    Editor,
    Help,
    Confirm,
    /// The annotations list (every bookmark, highlight and note).
    Annotations,
}

impl Context {
    pub fn name(self) -> &'static str {
        self.into()
    }
}

/// One binding: a key sequence in a context.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    pub keys: Vec<Key>,
    pub action: Action,
}

/// The effective bindings, context by context, in file order.
#[derive(Debug, Clone, Default)]
pub struct Keymap {
    contexts: BTreeMap<Context, Vec<Binding>>,
}

/// What a key press means, given the keys already pending.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolution {
    Action(Action),
    /// The keys so far start a sequence: wait for the next key.
    Pending,
    /// No binding: the keys are typed text or nothing.
    Unbound,
}

impl Keymap {
    /// The built-in bindings. They are validated by the test suite, so a
    /// problem here is a bug in the shipped file, not the user's.
    pub fn defaults() -> Keymap {
        validate::parse_file(DEFAULT_KEYMAP, "keymap.yaml").0
    }

    /// Defaults with the user's file merged over them, and every problem
    /// found in it. Bad entries are skipped, so the defaults stay in force.
    pub fn with_user_file(text: &str, file: &str) -> (Keymap, Vec<KeymapError>) {
        let defaults = Keymap::defaults();
        let (user, errors) = validate::parse_user(text, file, &defaults);
        let entries: Vec<contexts::Entry> = user
            .into_iter()
            .flat_map(|(c, list)| list.into_iter().map(move |(k, a)| (c, k, a)))
            .collect();
        (contexts::merge(&defaults, entries.iter()), errors)
    }

    pub fn bindings(&self, context: Context) -> &[Binding] {
        self.contexts
            .get(&context)
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    pub fn contexts(&self) -> impl Iterator<Item = (Context, &[Binding])> {
        self.contexts.iter().map(|(c, b)| (*c, b.as_slice()))
    }

    /// Look `keys` up in each context in order; the first that knows them wins.
    pub fn resolve(&self, contexts: &[Context], keys: &[Key]) -> Resolution {
        for context in contexts {
            let bindings = self.bindings(*context);
            if let Some(b) = bindings.iter().find(|b| b.keys == keys) {
                return Resolution::Action(b.action.clone());
            }
            if bindings
                .iter()
                .any(|b| b.keys.len() > keys.len() && b.keys.starts_with(keys))
            {
                return Resolution::Pending;
            }
        }
        Resolution::Unbound
    }

    /// Keys bound to `action` in `context`, for hints and help.
    pub fn keys_for(&self, context: Context, action: &Action) -> Vec<String> {
        self.bindings(context)
            .iter()
            .filter(|b| &b.action == action)
            .map(|b| format_sequence(&b.keys))
            .collect()
    }
}

#[cfg(test)]
mod tests;
