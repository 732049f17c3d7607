//! Property tests: no input bytes make the loader panic, and whatever it
//! returns is clean enough to hand to a terminal.

use brief::loader::{load, sanitize::is_inert};
use proptest::prelude::*;

fn check(bytes: &[u8], name: &str) {
    let Ok(brief) = load(bytes, name) else { return };
    assert!(!brief.meta.title.is_empty());
    assert!(is_inert(&brief.meta.title) && !brief.meta.title.contains('\n'));
    for (_, passage) in brief.passages() {
        let text = &passage.text;
        assert!(!text.is_empty(), "empty passage");
        assert_eq!(text.trim(), text, "untrimmed passage");
        assert!(
            !text.chars().any(char::is_control),
            "control char in {text:?}"
        );
        assert!(is_inert(text), "{text:?}");
    }
}

/// Bytes that look like briefs: lines, bullets, headings, escapes, NBSP.
fn brief_like() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        Just("\n".to_string()),
        Just("\r\n".to_string()),
        Just("\u{a0}".to_string()),
        Just("  • ".to_string()),
        Just("- ".to_string()),
        Just("# ".to_string()),
        Just("## ".to_string()),
        Just("---\n".to_string()),
        Just("Commentary\u{a0}\n".to_string()),
        Just("Q: ".to_string()),
        Just("NAME: ".to_string()),
        Just("\x1b[31m".to_string()),
        Just("\x1b]0;t\x07".to_string()),
        Just("\u{202e}".to_string()),
        Just("\t".to_string()),
        "[a-zA-Z ,.?]{0,40}",
        any::<String>(),
    ];
    proptest::collection::vec(piece, 0..40).prop_map(|v| v.concat().into_bytes())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        check(&bytes, "x.txt");
        check(&bytes, "x.md");
    }

    #[test]
    fn brief_like_text_never_panics(bytes in brief_like()) {
        check(&bytes, "x.txt");
        check(&bytes, "x.md");
        check(&bytes, "noext");
    }
}
