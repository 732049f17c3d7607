//! The interactive costs: one frame of a 5 MB brief, a cursor move with its
//! frame, re-anchoring 1,000 annotations, a 10,000-brief library and one
//! filter keystroke. Run with `cargo bench --bench reader`.

mod support;

use brief::action::Action;
use brief::annotations::{Anchor, Annotation, AnnotationFile, BriefRecord, Kind, Span, place_all};
use brief::keymap::{Key, Keymap};
use brief::model::{LibraryEntry, Model, Opened, update};
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use ratatui::{Terminal, backend::TestBackend};
use std::collections::BTreeMap;
use std::hint::black_box;

fn open(bytes: &[u8], annotations: Option<AnnotationFile>) -> Model {
    let brief = brief::loader::load(bytes, "big.txt").unwrap();
    let mut model = Model::new(Keymap::defaults(), 120, 40);
    let opened = Opened {
        brief,
        annotations,
        ..Opened::default()
    };
    update(&mut model, Action::Opened(Box::new(opened)));
    model
}

/// 1,000 annotations spread over the brief, a third of them with a stale
/// position hint (as after an edit) so the exact search runs too.
fn thousand_annotations(model: &Model) -> AnnotationFile {
    let reader = model.reader.as_ref().unwrap();
    let count = reader.index.len();
    let mut file = AnnotationFile::new(BriefRecord::default());
    for n in 0..1000 {
        let passage = n * count / 1000;
        let text = reader.passage_text(passage);
        let end = text.char_indices().nth(80).map_or(text.len(), |(i, _)| i);
        let mut anchor = Anchor::new(text, &Span::new(passage, 0..end));
        if n % 3 == 0 {
            anchor.passage = passage.saturating_sub(7);
        }
        file.annotations.push(Annotation {
            id: n.to_string(),
            kind: [Kind::Note, Kind::Bookmark, Kind::Highlight][n % 3],
            colour: None,
            note: Some("a note".into()),
            anchor: Some(anchor),
            created: Default::default(),
            updated: Default::default(),
            deleted: false,
            draft_of: None,
            conflict_of: None,
            base: None,
            extra: BTreeMap::new(),
        });
    }
    file
}

fn reader_benches(c: &mut Criterion) {
    let big = support::five_megabytes();
    let mut model = open(&big, None);
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    terminal.draw(|f| brief::ui::draw(f, &model)).unwrap();
    c.bench_function("frame_5MB_120x40", |b| {
        b.iter(|| {
            terminal
                .draw(|f| brief::ui::draw(f, black_box(&model)))
                .unwrap();
        })
    });
    c.bench_function("cursor_move_and_frame_5MB", |b| {
        let mut down = true;
        b.iter(|| {
            // Back and forth over a screen's worth of passages.
            let key = if down { 'j' } else { 'k' };
            update(&mut model, Action::Key(Key::char(key)));
            if model.reader.as_ref().unwrap().cursor % 20 == 19 {
                down = !down;
            }
            terminal.draw(|f| brief::ui::draw(f, &model)).unwrap();
        })
    });
    let file = thousand_annotations(&model);
    let reader = model.reader.as_ref().unwrap();
    let texts: Vec<&str> = reader
        .brief
        .passages()
        .map(|(_, p)| p.text.as_str())
        .collect();
    c.bench_function("reanchor_1000_annotations_5MB", |b| {
        b.iter(|| place_all(black_box(&texts), black_box(&file.annotations)))
    });
    // The worst case: quotes whose text is gone, so every one goes through
    // the fuzzy match (and its word-pair index is built).
    let mut gone = file.clone();
    for a in gone.annotations.iter_mut().take(100) {
        if let Some(anchor) = a.anchor.as_mut() {
            anchor.exact = format!("words that appear nowhere in the brief {}", a.id);
        }
    }
    c.bench_function("reanchor_1000_with_100_detached_5MB", |b| {
        b.iter(|| place_all(black_box(&texts), black_box(&gone.annotations)))
    });
    let annotated = open(&big, Some(file.clone()));
    c.bench_function("frame_5MB_with_1000_annotations", |b| {
        b.iter(|| {
            terminal
                .draw(|f| brief::ui::draw(f, black_box(&annotated)))
                .unwrap();
        })
    });
    c.bench_function("open_5MB_with_1000_annotations", |b| {
        b.iter_batched(
            || file.clone(),
            |f| open(&big, Some(f)),
            BatchSize::LargeInput,
        )
    });
}

fn library_benches(c: &mut Criterion) {
    let entries: Vec<LibraryEntry> = (0..10_000)
        .map(|i| LibraryEntry {
            path: format!("briefs/{i:05}-brief.txt").into(),
            title: format!("Brief number {i} on energy security and grid synchronisation"),
            category: Some(["Analyses", "Policy brief", "Fact sheet"][i % 3].into()),
            date: Some(format!("2025-{:02}-{:02}", 1 + i % 12, 1 + i % 28)),
            ..LibraryEntry::default()
        })
        .collect();
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    c.bench_function("library_10000_load_and_first_frame", |b| {
        b.iter_batched(
            || entries.clone(),
            |entries| {
                let mut m = Model::new(Keymap::defaults(), 120, 40);
                m.library = brief::model::Library::new(Some("briefs".into()), 40);
                update(
                    &mut m,
                    Action::LibraryLoaded {
                        entries,
                        done: true,
                    },
                );
                terminal.draw(|f| brief::ui::draw(f, &m)).unwrap();
            },
            BatchSize::LargeInput,
        )
    });
    let mut m = Model::new(Keymap::defaults(), 120, 40);
    m.library = brief::model::Library::new(Some("briefs".into()), 40);
    update(
        &mut m,
        Action::LibraryLoaded {
            entries,
            done: true,
        },
    );
    update(&mut m, Action::Key(Key::char('/')));
    c.bench_function("library_10000_filter_keystroke", |b| {
        let mut n = 0;
        b.iter(|| {
            // Type and erase one character: each is a full refilter.
            let key = if n % 2 == 0 {
                Key::char('g')
            } else {
                Key::plain(brief::keymap::KeyCode::Backspace)
            };
            n += 1;
            update(&mut m, Action::Key(key));
            terminal.draw(|f| brief::ui::draw(f, &m)).unwrap();
        })
    });
}

criterion_group!(benches, reader_benches, library_benches);
criterion_main!(benches);
