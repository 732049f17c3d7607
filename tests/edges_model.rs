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
