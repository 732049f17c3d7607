//! Tables (from Markdown or HTML) drawn as aligned rows of text: one line
//! per row, columns padded to the widest cell, a rule under the header.

use unicode_width::UnicodeWidthStr;

/// How a column's cells are aligned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Align {
    #[default]
    Left,
    Right,
    Center,
}

/// Rows of cells (the first row is the header when `header` is true) as
/// one preformatted text. Cells are already clean single-line text.
pub fn layout(rows: &[Vec<String>], aligns: &[Align], header: bool) -> String {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut widths = vec![0; columns];
    for row in rows {
        for (c, cell) in row.iter().enumerate() {
            widths[c] = widths[c].max(cell.width());
        }
    }
    let mut out = String::new();
    for (r, row) in rows.iter().enumerate() {
        let mut line = String::new();
        for (c, width) in widths.iter().enumerate() {
            let cell = row.get(c).map_or("", String::as_str);
            let pad = width - cell.width();
            let (before, after) = match aligns.get(c).copied().unwrap_or_default() {
                Align::Left => (0, pad),
                Align::Right => (pad, 0),
                Align::Center => (pad / 2, pad - pad / 2),
            };
            if c > 0 {
                line.push_str("  ");
            }
            line.extend(std::iter::repeat_n(' ', before));
            line.push_str(cell);
            line.extend(std::iter::repeat_n(' ', after));
        }
        out.push_str(line.trim_end());
        out.push('\n');
        if r == 0 && header && rows.len() > 1 {
            let rule: Vec<String> = widths.iter().map(|w| "─".repeat((*w).max(1))).collect();
            out.push_str(&rule.join("  "));
            out.push('\n');
        }
    }
    out.truncate(out.trim_end().len());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_line_up() {
        let rows = vec![
            vec!["Country".to_string(), "Share".to_string()],
            vec!["Poland".to_string(), "41%".to_string()],
            vec!["Czechia".to_string(), "7%".to_string()],
        ];
        let text = layout(&rows, &[Align::Left, Align::Right], true);
        assert_eq!(
            text,
            "Country  Share\n───────  ─────\nPoland     41%\nCzechia     7%"
        );
    }
}
