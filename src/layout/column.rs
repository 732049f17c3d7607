//! Reading comfort settings that shape the reader's view: context rows
//! around the cursor and the width of the text column.

/// How the reader lays out text for reading (from config.yaml).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Comfort {
    /// Rows of context kept above and below the cursor's passage.
    pub scroll_off: usize,
    /// Widest text column, in cells; wider panes centre it.
    pub column_width: u16,
}

impl Default for Comfort {
    fn default() -> Comfort {
        Comfort {
            scroll_off: 3,
            column_width: 84,
        }
    }
}
