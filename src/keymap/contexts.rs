//! Which actions do something in which keymap context, and the ways out
//! that every keymap keeps. Both are read off what `model::update` handles
//! on each screen (tests/edges_model.rs checks the table against the model
//! and the chains against `Model::contexts`): a binding of an action where
//! it does nothing is warned about; a user entry that would leave a screen
//! without its way out is refused, and the default stays.

use super::{Context, Key, Keymap, Resolution};
use crate::action::Action;
use strum::IntoEnumIterator;

/// Whether `action`, bound in `context`, does something on a screen where
/// that context is consulted.
pub fn applies(context: Context, action: &Action) -> bool {
    use Action as A;
    // Handled by `model::dispatch` whatever is on screen.
    if matches!(
        action,
        A::ForceQuit | A::Suspend | A::Redraw | A::ToggleMouse
    ) {
        return true;
    }
    match context {
        // The library, its filter being off; its list of notes without a
        // brief; choosing a brief to attach notes to.
        Context::Library => matches!(
            action,
            A::Quit
                | A::Help
                | A::DismissMessage
                | A::Cancel
                | A::Deny
                | A::NextItem
                | A::PrevItem
                | A::FirstItem
                | A::LastItem
                | A::PageDown
                | A::PageUp
                | A::HalfPageDown
                | A::HalfPageUp
                | A::Filter
                | A::ClearFilter
                | A::Open
                | A::Bookmarks
                | A::Annotations
                | A::NotesWithoutBrief
                | A::SearchLibrary
                | A::SortLibrary
        ),
        // The reader, and choosing where a detached note goes (which
        // answers like a question).
        Context::Reader => {
            matches!(
                action,
                A::Quit
                    | A::Help
                    | A::DismissMessage
                    | A::NextPassage
                    | A::PrevPassage
                    | A::FirstPassage
                    | A::LastPassage
                    | A::NextSentence
                    | A::PrevSentence
                    | A::NextSection
                    | A::PrevSection
                    | A::PageDown
                    | A::PageUp
                    | A::HalfPageDown
                    | A::HalfPageUp
                    | A::NextPane
                    | A::PrevPane
                    | A::ToggleNotes
                    | A::ToggleNotesView
                    | A::ToggleSetAside
                    | A::ToggleColumnWidth
                    | A::Undo
                    | A::Redo
                    | A::Search
                    | A::SearchNext
                    | A::SearchPrev
                    | A::Select
                    | A::Bookmarks
                    | A::Annotations
                    | A::ToggleBookmark
                    | A::NextBookmark
                    | A::PrevBookmark
                    | A::Highlight
                    | A::RemoveHighlight
                    | A::AddNote
                    | A::AddBriefNote
                    | A::EditNote
                    | A::ExternalEdit
                    | A::DeleteNote
                    | A::Reattach
                    | A::CopyPassage
                    | A::CopyNote
                    | A::OpenLink
            ) || answers(action)
        }
        // The annotations list (its filter being off).
        Context::Annotations => matches!(
            action,
            A::Quit
                | A::Cancel
                | A::Help
                | A::DismissMessage
                | A::NextItem
                | A::PrevItem
                | A::FirstItem
                | A::LastItem
                | A::PageDown
                | A::PageUp
                | A::HalfPageDown
                | A::HalfPageUp
                | A::Filter
                | A::ClearFilter
                | A::Open
                | A::Annotations
                | A::CycleKind
                | A::ToggleScope
                | A::SortAnnotations
        ),
        // Typing a search in the reader or a filter in the library.
        Context::Search => matches!(action, A::Accept | A::Cancel | A::Quit | A::ClearInput),
        Context::Editor => matches!(
            action,
            A::SaveNote | A::KeepDraft | A::Cancel | A::Quit | A::DiscardDraft | A::ExternalEdit
        ),
        // The help and problems boxes.
        Context::Help => matches!(
            action,
            A::Quit
                | A::Cancel
                | A::Deny
                | A::DismissMessage
                | A::Help
                | A::NextItem
                | A::PrevItem
                | A::FirstItem
                | A::LastItem
                | A::PageDown
                | A::PageUp
                | A::HalfPageDown
                | A::HalfPageUp
        ),
        // A question; and choosing a passage, where it comes first and the
        // reader's motions move the choice.
        Context::Confirm => {
            answers(action)
                || matches!(
                    action,
                    A::NextPassage
                        | A::PrevPassage
                        | A::FirstPassage
                        | A::LastPassage
                        | A::NextSection
                        | A::PrevSection
                        | A::PageDown
                        | A::PageUp
                        | A::HalfPageDown
                        | A::HalfPageUp
                        | A::NextBookmark
                        | A::PrevBookmark
                        | A::Search
                        | A::ToggleNotes
                        | A::Help
                )
        }
        // Consulted after the library, the reader, the help box and the
        // annotations list.
        Context::Global => [
            Context::Library,
            Context::Reader,
            Context::Help,
            Context::Annotations,
        ]
        .iter()
        .any(|c| applies(*c, action)),
    }
}

/// Answers to a question (and to "attach here?").
fn answers(action: &Action) -> bool {
    use Action as A;
    matches!(
        action,
        A::Confirm | A::Accept | A::Open | A::Deny | A::Cancel | A::DismissMessage | A::Quit
    )
}

/// The contexts where `action` does something, for a warning's hint.
pub fn contexts_of(action: &Action) -> Vec<&'static str> {
    Context::iter()
        .filter(|c| applies(*c, action))
        .map(Context::name)
        .collect()
}

/// A screen and the ways out a keymap must leave on it: for each group,
/// one of its actions must be reachable by some key.
pub struct WayOut {
    /// The screen, for messages ("the note editor").
    pub screen: &'static str,
    /// The contexts consulted there, in order (as `Model::contexts`).
    pub chain: &'static [Context],
    /// Each: what it is for, and the actions that do it.
    pub needs: Vec<(&'static str, Vec<Action>)>,
}

/// Every screen's ways out. ctrl-c (force_quit) everywhere; `q` in the
/// library and reader; something that closes a box, abandons a search,
/// answers a question; save and leave in the note editor.
pub fn ways_out() -> Vec<WayOut> {
    use Action as A;
    let force = || ("quit at once", vec![A::ForceQuit]);
    let close = || vec![A::Quit, A::Cancel, A::Deny, A::DismissMessage];
    vec![
        WayOut {
            screen: "the library",
            chain: &[Context::Library, Context::Global],
            needs: vec![("quit", vec![A::Quit]), force()],
        },
        WayOut {
            screen: "the reader",
            chain: &[Context::Reader, Context::Global],
            needs: vec![("go back", vec![A::Quit]), force()],
        },
        WayOut {
            screen: "choosing a passage",
            chain: &[Context::Confirm, Context::Reader, Context::Global],
            needs: vec![("cancel", close()), force()],
        },
        WayOut {
            screen: "the annotations list",
            chain: &[Context::Annotations, Context::Global],
            needs: vec![
                ("close it", vec![A::Quit, A::Cancel, A::Annotations]),
                force(),
            ],
        },
        WayOut {
            screen: "a search or filter",
            chain: &[Context::Search],
            needs: vec![("cancel", vec![A::Cancel, A::Quit]), force()],
        },
        WayOut {
            screen: "the note editor",
            chain: &[Context::Editor],
            needs: vec![
                ("save the note", vec![A::SaveNote]),
                (
                    "close it keeping a draft",
                    vec![A::KeepDraft, A::Cancel, A::Quit],
                ),
                force(),
            ],
        },
        WayOut {
            screen: "the help and problems boxes",
            chain: &[Context::Help, Context::Global],
            needs: vec![("close them", [close(), vec![A::Help]].concat()), force()],
        },
        WayOut {
            screen: "a question",
            chain: &[Context::Confirm],
            needs: vec![
                ("answer no", close()),
                ("answer yes", vec![A::Confirm]),
                force(),
            ],
        },
    ]
}

/// The action pressing `keys` gives on a screen with `chain`: None when a
/// shorter binding fires first, or the keys mean nothing there.
pub fn reaches(keymap: &Keymap, chain: &[Context], keys: &[Key]) -> Option<Action> {
    let shorter_pending =
        (1..keys.len()).all(|n| keymap.resolve(chain, &keys[..n]) == Resolution::Pending);
    match keymap.resolve(chain, keys) {
        Resolution::Action(action) if shorter_pending => Some(action),
        _ => None,
    }
}

/// Whether some key reaches one of `actions` on a screen with `chain`.
pub fn reachable(keymap: &Keymap, chain: &[Context], actions: &[Action]) -> bool {
    chain.iter().any(|c| {
        keymap
            .bindings(*c)
            .iter()
            .filter(|b| actions.contains(&b.action))
            .any(|b| reaches(keymap, chain, &b.keys).is_some_and(|a| actions.contains(&a)))
    })
}

/// A user entry, as `validate` reads it: context, keys, action (None unbinds).
pub type Entry = (Context, Vec<Key>, Option<Action>);

/// The entries to refuse, each with why: those that, merged over `base`,
/// leave a screen without one of its ways out. Refusing them keeps the
/// defaults for their keys, which have every way out.
pub fn lockouts(base: &Keymap, entries: &[Entry]) -> Vec<(usize, String)> {
    let merged = merge(base, entries.iter());
    let mut refused: Vec<(usize, String)> = Vec::new();
    for way in ways_out() {
        for (what, actions) in &way.needs {
            if reachable(&merged, way.chain, actions) {
                continue;
            }
            // The defaults' keys for it here, and the entries that take
            // them away: the same keys rebound or unbound, or a sequence
            // one of them starts (or is the start of).
            let keys: Vec<&Vec<Key>> = way
                .chain
                .iter()
                .flat_map(|c| base.bindings(*c))
                .filter(|b| reaches(base, way.chain, &b.keys).is_some_and(|a| actions.contains(&a)))
                .map(|b| &b.keys)
                .collect();
            for (i, (context, entry_keys, _)) in entries.iter().enumerate() {
                let related = keys
                    .iter()
                    .any(|k| k.starts_with(entry_keys) || entry_keys.starts_with(k));
                if way.chain.contains(context) && related && !refused.iter().any(|(j, _)| *j == i) {
                    let names: Vec<&str> = actions.iter().map(Action::name).collect();
                    refused.push((
                        i,
                        format!(
                            "it would leave {} with no key to {what} ({}); refused, the default stays",
                            way.screen,
                            names.join(" or ")
                        ),
                    ));
                }
            }
        }
    }
    refused.sort_by_key(|(i, _)| *i);
    refused
}

/// `base` with `entries` merged over it, as `Keymap::with_user_file` does.
pub fn merge<'a>(base: &Keymap, entries: impl Iterator<Item = &'a Entry>) -> Keymap {
    use std::collections::{BTreeMap, HashMap, HashSet};
    let mut keymap = base.clone();
    // Per context, in one pass each: a user keymap with thousands of
    // entries must not cost entries × bindings.
    let mut by_context: BTreeMap<Context, Vec<&Entry>> = BTreeMap::new();
    for entry in entries {
        by_context.entry(entry.0).or_default().push(entry);
    }
    for (context, list) in by_context {
        // The last entry for a key wins, as if applied one by one.
        let last: HashMap<&Vec<Key>, usize> =
            list.iter().enumerate().map(|(i, e)| (&e.1, i)).collect();
        let replaced: HashSet<&Vec<Key>> = last.keys().copied().collect();
        let bindings = keymap.contexts.entry(context).or_default();
        bindings.retain(|b| !replaced.contains(&b.keys));
        for (i, (_, keys, action)) in list.iter().enumerate() {
            if last.get(keys) == Some(&i)
                && let Some(action) = action
            {
                bindings.push(super::Binding {
                    keys: keys.clone(),
                    action: action.clone(),
                });
            }
        }
    }
    keymap
}
