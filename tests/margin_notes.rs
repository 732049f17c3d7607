//! Notes in the margin (issue 13): each note beside the row where its
//! passage starts, pushed down when notes crowd, the current passage's
//! notes standing out; the list view a key away; the list where the notes
//! pane folds below the text.

mod common;

use brief::model::Model;
use common::{press, reader_from_bytes, render, type_text};

/// Short passages close together (the notes on them crowd), a long one
/// with several sentences.
const BRIEF: &str = "Analyses\n\nGrid operators brace for a dry summer\n\n\
Reservoirs in the south stand at 41 per cent of capacity, the lowest for May since 1996.\n\n\
Hydropower supplies nine tenths of the country's electricity. Prices follow the water.\n\n\
Commentary\n\n\
• Prices rose 30 per cent in a week.\n\
• Exports to Sweden were cut.\n\
• Industry asked for relief.\n\
• The regulator said no.\n\
• Households pay more from July.\n\
• The opposition wants a price cap. The government says a cap would only move the cost to the budget. Economists agree with the government.\n\
• Rain is forecast for late June.\n";

const LONG: &str = "A long note. The export cut is the real story: Sweden relies on these flows in dry years, \
and the interconnector deal of 2019 was sold on exactly this point. Check what the ministry said then, \
what the regulator's winter report predicted, and whether anyone asked the grid operator for its own forecast. \
Ask the Swedish side too.";

fn note(m: &mut Model, keys: &str, text: &str) {
    press(m, keys);
    press(m, "a");
    type_text(m, text);
    press(m, "ctrl-s");
}

/// The brief with notes on four adjacent short passages (one long), one on
/// a sentence of a longer passage, one on the whole brief.
fn annotated(width: u16, height: u16) -> Model {
    let mut m = reader_from_bytes(BRIEF.as_bytes(), "dry.txt", width, height);
    note(&mut m, "j j", "Thirty per cent: compare with 2018.");
    note(&mut m, "j", LONG);
    note(&mut m, "j", "Who asked? The aluminium smelters.");
    note(&mut m, "j", "Regulator's letter of 3 May.");
    note(
        &mut m,
        "j j ) v",
        "Budget cost: 4 billion a year, says the finance ministry.",
    );
    press(&mut m, "A");
    type_text(&mut m, "File before the June meeting.");
    press(&mut m, "ctrl-s");
    press(&mut m, "g g j j j");
    m
}

#[test]
fn look() {
    for (w, h) in [(180, 40), (120, 40), (80, 24)] {
        let m = annotated(w, h);
        println!("{}", render(&m, w, h));
    }
}

#[test]
fn look2() {
    for (w, h, keys) in [
        (80, 24, "t"),
        (100, 30, ""),
        (100, 30, "tab j j"),
        (100, 30, "j j j j"),
        (120, 40, "T"),
    ] {
        let mut m = annotated(w, h);
        press(&mut m, keys);
        println!("{keys}\n{}", render(&m, w, h));
    }
}
