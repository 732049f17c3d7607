//! Any text as an annotation file: no panic; what parses survives a save
//! and reload unchanged, and can be placed on a brief.
#![no_main]

use brief::annotations::{AnnotationFile, place_all};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let Ok(file) = brief::yaml::from_str::<AnnotationFile>(&text) else { return };
    let written = brief::yaml::to_string(&file).expect("serialises");
    let back: AnnotationFile = brief::yaml::from_str(&written).expect("reads back");
    assert_eq!(back, file);
    let passages = ["First passage of text.", "Second passage, with more words in it.", ""];
    let placements = place_all(&passages, &file.annotations);
    assert_eq!(placements.len(), file.annotations.len());
});
