//! Any text as a user's keymap.yaml: no panic, every problem has a position
//! inside the file, and the merged keymap still resolves keys.
#![no_main]

use brief::keymap::{Context, Keymap, parse_sequence};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (keymap, errors) = Keymap::with_user_file(&text, "k.yaml");
    // Line breaks as YAML counts them: \n, \r\n and a lone \r.
    let lines = text.matches('\n').count() + text.replace("\r\n", "\n").matches('\r').count() + 2;
    for e in &errors {
        assert!(e.line >= 1 && e.line <= lines, "{e}");
    }
    let _ = keymap.resolve(&[Context::Reader, Context::Global], &parse_sequence("j").unwrap());
    if let Ok(keys) = parse_sequence(&text) {
        let again = brief::keymap::format_sequence(&keys);
        assert_eq!(parse_sequence(&again).unwrap(), keys, "notation round trip");
    }
});
