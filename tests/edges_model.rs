//! The edges of issue 16 at the level of the model and its views: what the
//! library shows for a folder it cannot list, and which keymap bindings
//! are refused or warned about. Test names start with the item.

mod common;

use brief::action::Action;
use brief::keymap::Keymap;
use brief::model::{Library, Model, update};

#[test]
fn item16_14_a_library_folder_that_cannot_be_listed_says_why() {
    let dir = tempfile::tempdir().unwrap();
    // As root a folder of mode 000 can still be listed; a folder that is
    // gone cannot be, by anyone.
    let gone = dir.path().join("gone");
    let (entries, briefs) = brief::app::list_folder(&gone);
    assert!(briefs.is_empty());
    let mut model = Model::new(Keymap::defaults(), 120, 20);
    model.library = Library::new(Some(gone.clone()), 20);
    update(
        &mut model,
        Action::LibraryLoaded {
            entries,
            done: true,
        },
    );
    let screen = common::render(&model, 120, 20);
    assert!(
        screen.contains("gone — this folder cannot be listed (No such file or directory"),
        "{screen}"
    );
    assert!(!screen.contains("No briefs here yet"), "{screen}");
}

use brief::keymap::Context;
use brief::keymap::contexts::{applies, ways_out};
use brief::model::{Confirmed, Effect, LibraryEntry, Overlay, UnattachedNotes};
use common::{press, type_text};
use std::collections::BTreeSet;
use std::path::PathBuf;

fn library_model() -> Model {
    let mut m = Model::new(Keymap::defaults(), 80, 10);
    m.library = Library::new(Some(PathBuf::from("/lib")), 10);
    let entries = (0..12)
        .map(|i| LibraryEntry {
            path: PathBuf::from(format!("/lib/{i:02}.txt")),
            title: format!("Brief {i:02}"),
            ..LibraryEntry::default()
        })
        .collect();
    update(
        &mut m,
        Action::LibraryLoaded {
            entries,
            done: true,
        },
    );
    press(&mut m, "j j j j j j");
    m.info("a message");
    m
}

fn reader_model() -> Model {
    let mut m = common::reader("seed_like.txt", 70, 14);
    press(&mut m, "/");
    type_text(&mut m, "the");
    press(&mut m, "enter m G m g g j");
    // `j` scrolls through a passage taller than the pane before moving on.
    while m.reader.as_ref().is_some_and(|r| r.cursor == 0) {
        press(&mut m, "j");
    }
    m.info("a message");
    m
}

/// A model in each state a keymap context is consulted in (`label`, model).
fn states() -> Vec<(&'static str, Model)> {
    let mut out = vec![("library", library_model())];
    let mut m = library_model();
    m.library.attaching = Some(UnattachedNotes::default());
    out.push(("attaching notes", m));
    let mut m = library_model();
    update(
        &mut m,
        Action::AnnotationsLoaded {
            sets: common::annotation_sets(),
            done: true,
        },
    );
    press(&mut m, "i j");
    m.info("a message");
    out.push(("annotations list", m.clone()));
    press(&mut m, "/ x");
    out.push(("annotations filter", m));
    // Over a brief being read: the scope key narrows to it.
    let mut m = reader_model();
    press(&mut m, "i");
    m.info("a message");
    out.push(("annotations list over the reader", m));
    let mut m = library_model();
    m.library.unattached = vec![UnattachedNotes::default(); 3];
    m.overlay = Some(Overlay::Unattached { cursor: 1 });
    out.push(("notes without a brief", m));
    let mut m = library_model();
    press(&mut m, "/ x");
    out.push(("library filter", m));
    out.push(("reader", reader_model()));
    let mut m = reader_model();
    m.reader.as_mut().unwrap().choosing = Some("no-such-note".into());
    out.push(("choosing a passage", m));
    let mut m = reader_model();
    press(&mut m, "/");
    type_text(&mut m, "th");
    out.push(("reader search", m));
    let mut m = reader_model();
    press(&mut m, "a");
    type_text(&mut m, "hello");
    out.push(("note editor", m));
    for overlay in [Overlay::Help { scroll: 0 }, Overlay::Problems { scroll: 0 }] {
        let mut m = reader_model();
        m.problems = (0..30).map(|i| format!("problem {i}")).collect();
        m.overlay = Some(overlay);
        press(&mut m, "j j j");
        out.push(("help or problems", m));
    }
    let mut m = reader_model();
    m.overlay = Some(Overlay::Confirm {
        question: "Delete?".into(),
        on_yes: Confirmed::DeleteAnnotation { id: "x".into() },
    });
    out.push(("a question", m));
    out
}

/// Whether `action` does anything to `model`: a change of state, or an
/// effect for the outside world.
fn does_something(model: &Model, action: &Action) -> bool {
    let mut after = model.clone();
    let effects: Vec<Effect> = update(&mut after, action.clone());
    // The cache of wrapped lines fills as a side effect of any look at the
    // layout: it is not state a person sees.
    let shown = |m: &Model| {
        let mut m = m.clone();
        if let Some(r) = m.reader.as_mut() {
            r.wraps = Default::default();
        }
        format!("{m:?}")
    };
    !effects.is_empty() || shown(&after) != shown(model)
}

#[test]
fn item16_12_the_context_table_is_what_the_model_does() {
    let states = states();
    for context in <Context as strum::IntoEnumIterator>::iter() {
        let mut does: BTreeSet<&str> = BTreeSet::new();
        for (label, model) in states
            .iter()
            .filter(|(_, m)| m.contexts().contains(&context))
        {
            for action in Action::bindable() {
                if does_something(model, &action) {
                    does.insert(action.name());
                    assert!(
                        applies(context, &action),
                        "{label}: {} does something, but the table says not in {}",
                        action.name(),
                        context.name()
                    );
                }
            }
        }
        let table: BTreeSet<&str> = Action::bindable()
            .filter(|a| applies(context, a))
            .map(|a| a.name())
            .collect();
        let missing: Vec<_> = table.difference(&does).collect();
        assert!(
            missing.is_empty(),
            "{}: the table says these apply, the model does nothing with them: {missing:?}",
            context.name()
        );
    }
}

#[test]
fn item16_12_the_ways_out_are_checked_on_the_chains_the_model_uses() {
    let chains: BTreeSet<Vec<Context>> = states()
        .iter()
        .map(|(_, m)| m.contexts().to_vec())
        .collect();
    let checked: BTreeSet<Vec<Context>> = ways_out().iter().map(|w| w.chain.to_vec()).collect();
    assert_eq!(chains, checked);
}

#[test]
fn item16_12_every_default_binding_applies_where_it_is_bound() {
    let keymap = Keymap::defaults();
    for (context, bindings) in keymap.contexts() {
        for b in bindings {
            assert!(
                applies(context, &b.action),
                "{}: {}",
                context.name(),
                b.action.name()
            );
        }
    }
}

fn resolves(keymap: &Keymap, chain: &[Context], keys: &str) -> Option<Action> {
    brief::keymap::contexts::reaches(keymap, chain, &brief::keymap::parse_sequence(keys).unwrap())
}

#[test]
fn item16_12_a_keymap_cannot_take_away_the_ways_out() {
    let text = "global:\n  ctrl-c: none\n  q: help\neditor:\n  ctrl-s: none\n  esc: none\nreader:\n  \"q x\": next_passage\nsearch:\n  esc: none\nconfirm:\n  n: none\n  esc: none\n";
    let (keymap, errors) = Keymap::with_user_file(text, "keymap.yaml");
    let shown: Vec<String> = errors.iter().map(ToString::to_string).collect();
    for (at, key, screen) in [
        (
            "keymap.yaml:2:3:",
            "`ctrl-c`",
            "no key to quit at once (force_quit)",
        ),
        (
            "keymap.yaml:3:3:",
            "`q`",
            "the library with no key to quit (quit)",
        ),
        (
            "keymap.yaml:5:3:",
            "`ctrl-s`",
            "the note editor with no key to save the note",
        ),
        (
            "keymap.yaml:6:3:",
            "`esc`",
            "the note editor with no key to close it keeping a draft",
        ),
        (
            "keymap.yaml:8:3:",
            "`q x`",
            "the reader with no key to go back",
        ),
        (
            "keymap.yaml:10:3:",
            "`esc`",
            "a search or filter with no key to cancel",
        ),
        (
            "keymap.yaml:12:3:",
            "`n`",
            "a question with no key to answer no",
        ),
        (
            "keymap.yaml:13:3:",
            "`esc`",
            "a question with no key to answer no",
        ),
    ] {
        assert!(
            shown
                .iter()
                .any(|e| e.starts_with(at) && e.contains(key) && e.contains(screen)),
            "{at} {key} {screen}: {shown:#?}"
        );
    }
    assert_eq!(shown.len(), 8, "{shown:#?}");
    assert!(
        shown
            .iter()
            .all(|e| e.contains("refused, the default stays"))
    );
    // The defaults stay for every refused entry.
    let g = |c: Context| [c, Context::Global];
    assert_eq!(
        resolves(&keymap, &g(Context::Library), "ctrl-c"),
        Some(Action::ForceQuit)
    );
    assert_eq!(
        resolves(&keymap, &g(Context::Reader), "q"),
        Some(Action::Quit)
    );
    assert_eq!(
        resolves(&keymap, &[Context::Editor], "ctrl-s"),
        Some(Action::SaveNote)
    );
    assert_eq!(
        resolves(&keymap, &[Context::Editor], "esc"),
        Some(Action::KeepDraft)
    );
    assert_eq!(
        resolves(&keymap, &[Context::Search], "esc"),
        Some(Action::Cancel)
    );
    assert_eq!(
        resolves(&keymap, &[Context::Confirm], "n"),
        Some(Action::Deny)
    );
}

#[test]
fn item16_12_ways_out_may_move_to_other_keys() {
    let text = "editor:\n  ctrl-s: none\n  ctrl-w: save_note\n  esc: none\n  ctrl-g: keep_draft\nglobal:\n  q: none\n  x: quit\n";
    let (keymap, errors) = Keymap::with_user_file(text, "keymap.yaml");
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(
        resolves(&keymap, &[Context::Editor], "ctrl-w"),
        Some(Action::SaveNote)
    );
    assert_eq!(resolves(&keymap, &[Context::Editor], "ctrl-s"), None);
    assert_eq!(
        resolves(&keymap, &[Context::Library, Context::Global], "x"),
        Some(Action::Quit)
    );
}

#[test]
fn item16_12_a_binding_where_it_does_nothing_is_warned_about() {
    let text = "library:\n  h: highlight\nreader:\n  x: save_note\n  z: highlight\n";
    let (keymap, errors) = Keymap::with_user_file(text, "keymap.yaml");
    let shown: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert_eq!(
        shown,
        [
            "keymap.yaml:2:3: library: `h`: warning: highlight does nothing in library (it works in: global, reader)",
            "keymap.yaml:4:3: reader: `x`: warning: save_note does nothing in reader (it works in: editor)",
        ]
    );
    // Kept all the same: a warning, not a refusal.
    assert_eq!(
        resolves(&keymap, &[Context::Library], "h"),
        Some(Action::Highlight)
    );
}
