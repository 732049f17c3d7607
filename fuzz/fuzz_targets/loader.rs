//! Any bytes, as plain text and as Markdown: no panic, and every passage is
//! non-empty, trimmed and free of anything a terminal would act on.
#![no_main]

use brief::loader::{load, sanitize::is_inert};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for name in ["f.txt", "f.md", "f"] {
        let Ok(brief) = load(data, name) else { continue };
        assert!(!brief.meta.title.is_empty() && is_inert(&brief.meta.title));
        for (_, p) in brief.passages() {
            assert!(!p.text.is_empty());
            assert_eq!(p.text.trim(), p.text);
            assert!(is_inert(&p.text) && !p.text.contains('\n'));
        }
    }
});
