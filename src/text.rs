//! Display-width helpers shared by the model (layout of the notes pane) and
//! the ui. Widths are terminal cells (unicode-width): CJK and emoji take two.

use std::borrow::Cow;
use unicode_truncate::{Alignment, UnicodeTruncateStr};
use unicode_width::UnicodeWidthStr;

/// Cells `text` takes on screen.
pub fn width(text: &str) -> usize {
    UnicodeWidthStr::width(text)
}

/// `text` cut to at most `max` cells, with `…` where it was cut.
pub fn fit(text: &str, max: usize) -> String {
    if width(text) <= max {
        return text.to_string();
    }
    if max == 0 {
        return String::new();
    }
    // unicode-truncate (ratatui's own) cuts on cell widths, never inside a
    // wide character; one cell is kept for the ellipsis.
    let (cut, _) = text.unicode_truncate(max - 1);
    format!("{cut}…")
}

/// `text` fitted to exactly `cells` cells: cut with `…`, or padded.
pub fn pad(text: &str, cells: usize) -> String {
    fit(text, cells)
        .unicode_pad(cells, Alignment::Left, true)
        .into_owned()
}

/// Whether every byte is printable ASCII (space to `~`): most text, which
/// then needs no closer look. Checked in blocks without an early exit, so
/// the compiler can check many bytes at once.
pub fn printable_ascii(bytes: &[u8]) -> bool {
    bytes.chunks(32).all(|block| {
        block
            .iter()
            .fold(true, |ok, &b| ok & (b' '..=b'~').contains(&b))
    })
}

/// Text that did not pass through the loader (notes, file names, error
/// messages, hand-edited annotation files) with every control character
/// made visible, so nothing reaches the terminal as a control sequence.
pub fn printable(text: &str) -> Cow<'_, str> {
    if printable_ascii(text.as_bytes())
        || crate::loader::sanitize::is_inert(text) && !text.contains('\n')
    {
        return Cow::Borrowed(text);
    }
    Cow::Owned(crate::loader::sanitize::visible(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fits_by_cells() {
        assert_eq!(fit("hello", 10), "hello");
        assert_eq!(fit("hello world", 6), "hello…");
        assert_eq!(fit("日本語のテキスト", 7), "日本語…");
        assert_eq!(fit("abc", 0), "");
    }

    #[test]
    fn printable_removes_controls() {
        assert_eq!(printable("a\x1b[31mb"), "a\u{FFFD}[31mb");
        assert_eq!(printable("line\nbreak"), "line break");
        assert_eq!(printable("\u{202e}x"), "\u{FFFD}x");
        // Hidden tags are shown, a joiner that joins is kept.
        assert_eq!(printable("a\u{e0068}\u{e0069}"), "a\u{FFFD}\u{FFFD}");
        assert_eq!(printable("👩\u{200d}💻"), "👩\u{200d}💻");
    }
}
