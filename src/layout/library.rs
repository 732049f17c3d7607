//! The library's geometry, shared by the model (paging, keeping the
//! selection in view) and the ui (drawing): rows of the list, and the
//! widths of its columns at a terminal width.

/// Rows above and below the list: the title, the column names, the status.
const CHROME_ROWS: u16 = 3;

/// How many briefs the list shows on a screen `height` rows tall.
pub fn library_rows(height: u16) -> usize {
    usize::from(height.saturating_sub(CHROME_ROWS))
}

/// Widths of the library's columns (0: not shown). Narrow screens drop the
/// category first, then the marks; the title and the date stay.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LibraryColumns {
    pub category: usize,
    pub title: usize,
    pub date: usize,
    /// How far each brief was read: "new", "42%", or "42% 2026-11-30".
    pub read: usize,
    pub marks: usize,
}

impl LibraryColumns {
    pub fn for_width(width: usize) -> LibraryColumns {
        let category = if width >= 70 { 18.min(width / 5) } else { 0 };
        let marks = if width >= 50 { 12.min(width / 6) } else { 0 };
        let date = 10.min(width / 4);
        let read = match width {
            140.. => 15,
            40.. => 4,
            _ => 0,
        };
        let others = [category, date, read, marks];
        let gaps = others.iter().filter(|&&c| c > 0).count();
        LibraryColumns {
            category,
            title: width.saturating_sub(others.iter().sum::<usize>() + gaps),
            date,
            read,
            marks,
        }
    }

    /// The columns' widths in the order they are drawn.
    pub fn in_order(&self) -> [usize; 5] {
        [self.category, self.title, self.date, self.read, self.marks]
    }

    /// Where the title column starts.
    pub fn title_at(&self) -> usize {
        if self.category > 0 {
            self.category + 1
        } else {
            0
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{LibraryColumns, library_rows};

    #[test]
    fn columns_fill_the_width_and_narrow_screens_drop_some() {
        for width in [20, 39, 40, 49, 50, 69, 70, 80, 139, 140, 200] {
            let c = LibraryColumns::for_width(width);
            let shown: Vec<usize> = c.in_order().into_iter().filter(|&w| w > 0).collect();
            assert_eq!(
                shown.iter().sum::<usize>() + shown.len() - 1,
                width,
                "{width}: {c:?}"
            );
            assert!(c.title >= width / 3, "{width}: the title keeps room: {c:?}");
        }
        assert_eq!(LibraryColumns::for_width(60).category, 0);
        assert_eq!(LibraryColumns::for_width(45).marks, 0);
        assert_eq!((library_rows(24), library_rows(2)), (21, 0));
    }
}
