//! What is drawn before a passage's text (bullet, number, quote bar, `Q`),
//! and how preformatted text (code, tables) is cut into rows.

use crate::document::{Passage, PassageKind};
use unicode_width::UnicodeWidthChar;

/// The list marker drawn before a list item's first row: its number as
/// written, or a bullet.
pub fn marker_text(passage: &Passage) -> &str {
    passage.marker.as_deref().unwrap_or("•")
}

/// Width of the prefix drawn before a passage's text.
pub fn prefix_width(passage: &Passage) -> u16 {
    match passage.kind {
        PassageKind::Bullet => {
            let marker = u16::try_from(crate::text::width(marker_text(passage))).unwrap_or(1);
            marker.min(8) + 1 + 2 * u16::from(passage.depth.min(8))
        }
        PassageKind::Quote | PassageKind::Question | PassageKind::Code => 2,
        PassageKind::Paragraph
        | PassageKind::Turn { .. }
        | PassageKind::SetAside { .. }
        | PassageKind::Table => 0,
    }
}

/// Byte ranges of preformatted text, one or more rows per line: a line
/// wider than `width` cells is cut (never re-flowed), so columns stay
/// aligned and nothing is lost.
pub fn wrap_preformatted(text: &str, width: usize) -> Vec<(usize, usize)> {
    let width = width.max(1);
    let mut out = Vec::new();
    let mut line_start = 0;
    for line in text.split('\n') {
        let mut start = line_start;
        let mut used = 0;
        for (i, c) in line.char_indices() {
            let w = c.width().unwrap_or(0);
            if used + w > width && used > 0 {
                out.push((start, line_start + i));
                start = line_start + i;
                used = 0;
            }
            used += w;
        }
        out.push((start, line_start + line.len()));
        line_start += line.len() + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn preformatted_lines_are_kept_and_cut() {
        let text = "fn main() {\n    run();\n}";
        let rows: Vec<&str> = wrap_preformatted(text, 40)
            .into_iter()
            .map(|(a, b)| &text[a..b])
            .collect();
        assert_eq!(rows, ["fn main() {", "    run();", "}"]);
        let rows: Vec<&str> = wrap_preformatted("abcdef", 4)
            .into_iter()
            .map(|(a, b)| &"abcdef"[a..b])
            .collect();
        assert_eq!(rows, ["abcd", "ef"]);
    }
}
