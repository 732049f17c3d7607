//! The annotations view over 10,000 annotations of 500 briefs: building
//! its index, opening it with its first frame (from the library and from a
//! brief being read), one filter keystroke, a background batch arriving,
//! and placing one brief's annotations (what the background reader does
//! for each brief). Run with `cargo bench --bench annotations`.

mod support;

use brief::action::Action;
use brief::annotations::place_all;
use brief::catalogue::Set;
use brief::keymap::{Key, KeyCode, Keymap};
use brief::model::annotations_filter::Index;
use brief::model::{LibraryEntry, Model, Opened, update};
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use ratatui::{Terminal, backend::TestBackend};
use std::hint::black_box;

const BRIEFS: usize = 500;
const PER_BRIEF: usize = 20;

fn press(model: &mut Model, c: char) {
    update(model, Action::Key(Key::char(c)));
}

/// The library of 500 briefs with their annotations read.
fn library(sets: &[Set]) -> Model {
    let mut m = Model::new(Keymap::defaults(), 120, 40);
    m.library = brief::model::Library::new(Some("library".into()), 40);
    let entries = (0..BRIEFS)
        .map(|n| LibraryEntry {
            path: format!("library/brief-{n:05}.txt").into(),
            title: format!("Brief {n:05}: Norway opens its continental shelf"),
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
    update(
        &mut m,
        Action::AnnotationsLoaded {
            sets: sets.to_vec(),
            done: true,
        },
    );
    m
}

fn benches(c: &mut Criterion) {
    let sets = support::library_annotations(BRIEFS, PER_BRIEF);
    assert_eq!(sets.iter().map(|s| s.rows.len()).sum::<usize>(), 10_000);
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();

    c.bench_function("annotations_10000_index", |b| {
        b.iter(|| Index::new(black_box(&sets)))
    });

    let mut m = library(&sets);
    c.bench_function("annotations_10000_open_and_first_frame", |b| {
        b.iter(|| {
            press(&mut m, 'i');
            terminal.draw(|f| brief::ui::draw(f, &m)).unwrap();
            press(&mut m, 'q');
        })
    });

    press(&mut m, 'i');
    press(&mut m, '/');
    c.bench_function("annotations_10000_filter_keystroke_and_frame", |b| {
        let mut n = 0;
        b.iter(|| {
            // Type and erase one letter: each filters all 10,000 again.
            let key = if n % 2 == 0 {
                Key::char('x')
            } else {
                Key::plain(KeyCode::Backspace)
            };
            n += 1;
            update(&mut m, Action::Key(key));
            terminal.draw(|f| brief::ui::draw(f, &m)).unwrap();
        })
    });

    c.bench_function("annotations_10000_batch_arrives_and_frame", |b| {
        b.iter_batched(
            || sets.clone(),
            |sets| {
                update(&mut m, Action::AnnotationsLoaded { sets, done: true });
                terminal.draw(|f| brief::ui::draw(f, &m)).unwrap();
            },
            BatchSize::LargeInput,
        )
    });

    // From a brief being read: its annotations are listed as the reader
    // has them, so the index is built again.
    let mut reading = library(&sets);
    let bytes = support::library_brief(7);
    let brief = brief::loader::load(&bytes, "brief-00007.txt").unwrap();
    let opened = Opened {
        path: "library/brief-00007.txt".into(),
        annotations: Some(support::seed_annotations(&brief, 7, PER_BRIEF)),
        annotations_path: "annotations/00007.yaml".into(),
        brief,
        ..Opened::default()
    };
    update(&mut reading, Action::Opened(Box::new(opened)));
    c.bench_function("annotations_10000_open_from_reader_and_first_frame", |b| {
        b.iter(|| {
            press(&mut reading, 'i');
            terminal.draw(|f| brief::ui::draw(f, &reading)).unwrap();
            press(&mut reading, 'q');
        })
    });

    // What the background reader does for each of the 500 briefs, once
    // the file is read: parse it, place its 20 annotations, list them.
    c.bench_function("annotations_place_one_brief_of_20", |b| {
        let file = support::seed_annotations(&brief::loader::load(&bytes, "b.txt").unwrap(), 7, 20);
        b.iter(|| {
            let brief = brief::loader::load(black_box(&bytes), "brief-00007.txt").unwrap();
            let texts: Vec<&str> = brief.passages().map(|(_, p)| p.text.as_str()).collect();
            let placements = place_all(&texts, &file.annotations);
            Set::placed("a.yaml".into(), &file, "b.txt".into(), &brief, &placements)
        })
    });
}

criterion_group!(annotations, benches);
criterion_main!(annotations);
