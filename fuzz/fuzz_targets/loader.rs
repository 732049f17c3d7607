//! Any bytes, as plain text, Markdown, a saved page and a PDF: no panic,
//! and every passage is non-empty, trimmed and free of anything a terminal
//! would act on (code and tables keep their lines and indentation).
#![no_main]

use brief::loader::{load, sanitize::is_inert};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for name in ["f.txt", "f.md", "f", "f.html", "f.pdf"] {
        let Ok(brief) = load(data, name) else { continue };
        assert!(!brief.meta.title.is_empty() && is_inert(&brief.meta.title));
        for (_, p) in brief.passages() {
            assert!(!p.text.is_empty());
            assert!(is_inert(&p.text));
            if p.is_preformatted() {
                assert_eq!(p.text.trim_end(), p.text);
            } else {
                assert_eq!(p.text.trim(), p.text);
                assert!(!p.text.contains('\n'));
            }
        }
    }
});
