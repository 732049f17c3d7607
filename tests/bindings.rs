//! Every default binding reaches its action, in the context it is bound in,
//! and the help screen lists every bound action with its documentation.

mod common;

use brief::action::Action;
use brief::keymap::{Context, Keymap, format_sequence};
use brief::model::{Confirmed, LibraryEntry, Model, Overlay, update};
use common::{press, reader};

fn library_model() -> Model {
    let mut m = Model::new(Keymap::defaults(), 120, 40);
    m.library = brief::model::Library::new(Some("briefs".into()), 40);
    let entries = (0..30)
        .map(|i| LibraryEntry {
            path: format!("b{i}.txt").into(),
            title: format!("Brief {i}"),
            ..Default::default()
        })
        .collect();
    update(
        &mut m,
        Action::LibraryLoaded {
            entries,
            done: true,
        },
    );
    m
}

/// A model whose current contexts start with `context`.
fn model_in(context: Context) -> Model {
    let mut m = match context {
        // Global keys are checked in the reader: the library binds Esc
        // to clearing its filter.
        Context::Library => library_model(),
        Context::Annotations => {
            let mut m = library_model();
            update(
                &mut m,
                Action::AnnotationsLoaded {
                    sets: common::annotation_sets(),
                    done: true,
                },
            );
            press(&mut m, "i");
            m
        }
        _ => reader("seed_like.txt", 120, 40),
    };
    match context {
        Context::Search => drop(press(&mut m, "/")),
        Context::Editor => drop(press(&mut m, "a")),
        Context::Help => m.overlay = Some(Overlay::Help { scroll: 0 }),
        Context::Confirm => {
            m.overlay = Some(Overlay::Confirm {
                question: "?".into(),
                on_yes: Confirmed::LeaveWithoutSaving,
            })
        }
        _ => {}
    }
    assert!(m.contexts().contains(&context), "set-up for {context:?}");
    m
}

#[test]
fn every_default_binding_triggers_its_action() {
    let keymap = Keymap::defaults();
    let mut count = 0;
    for (context, bindings) in keymap.contexts() {
        for b in bindings {
            let mut m = model_in(context);
            m.last_action = None;
            let keys = format_sequence(&b.keys);
            press(&mut m, &keys);
            assert_eq!(
                m.last_action.as_ref(),
                Some(&b.action),
                "{}: `{keys}`",
                context.name()
            );
            count += 1;
        }
    }
    assert!(count > 80, "{count} bindings checked");
}

#[test]
fn help_lists_every_bound_action() {
    let m = reader("seed_like.txt", 120, 40);
    let text: String = brief::ui::help_lines(&m, brief::ui::Theme::new(false), 200)
        .iter()
        .map(|l| l.to_string() + "\n")
        .collect();
    for (_, bindings) in m.keymap.contexts() {
        for b in bindings {
            assert!(
                text.contains(b.action.description()),
                "help lacks {:?}",
                b.action
            );
            assert!(
                text.contains(&format_sequence(&b.keys)),
                "help lacks key {}",
                format_sequence(&b.keys)
            );
        }
    }
}
