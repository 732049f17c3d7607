//! Reading comfort settings that shape the reader's view: context rows
//! around the cursor and the width of the text column.

/// How the reader lays out text for reading (from config.yaml).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Comfort {
    /// Rows of context kept above and below the cursor's passage.
    pub scroll_off: usize,
    /// Widest text column, in cells; wider panes centre it.
    pub column_width: u16,
    /// The colours marks are drawn in (NO_COLOR still wins).
    pub theme: ThemeName,
    /// Notes in the margin or as a list (switched for the session by a key).
    pub notes_view: super::NotesView,
}

/// The themes `theme:` in config.yaml names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ThemeName {
    /// Marks in colours that read on a dark background.
    #[default]
    Dark,
    /// Darker marks, for a light background.
    Light,
    /// No dim text, strong colours and underlines.
    HighContrast,
}

impl ThemeName {
    pub const ALL: [(&'static str, ThemeName); 3] = [
        ("dark", ThemeName::Dark),
        ("light", ThemeName::Light),
        ("high-contrast", ThemeName::HighContrast),
    ];

    pub fn parse(name: &str) -> Option<ThemeName> {
        Self::ALL
            .iter()
            .find(|(n, _)| *n == name.trim())
            .map(|(_, t)| *t)
    }
}

impl Default for Comfort {
    fn default() -> Comfort {
        Comfort {
            scroll_off: 3,
            column_width: 84,
            theme: ThemeName::Dark,
            notes_view: super::NotesView::Margin,
        }
    }
}

/// The text column of the reader's panes: at most `width` cells of text
/// (gutter included) while `limited`, centred in the pane.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    pub width: u16,
    pub limited: bool,
}

impl Default for Column {
    fn default() -> Column {
        Column {
            width: Comfort::default().column_width,
            limited: true,
        }
    }
}

impl Column {
    /// Cells the text is wrapped to inside a pane `inner` cells wide.
    pub fn text_width(self, inner: u16) -> u16 {
        if self.limited {
            inner.min(self.width)
        } else {
            inner
        }
    }

    /// Blank cells left of the column, centring it in the pane.
    pub fn indent(self, inner: u16) -> u16 {
        (inner - self.text_width(inner)) / 2
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_column_is_capped_and_centred() {
        let on = Column {
            width: 84,
            limited: true,
        };
        let off = Column {
            limited: false,
            ..on
        };
        // (column, pane inner width, text width, indent)
        let cases = [
            (on, 40, 40, 0),
            (on, 84, 84, 0),
            (on, 85, 84, 0),
            (on, 198, 84, 57),
            (off, 198, 198, 0),
            (on, 0, 0, 0),
        ];
        for (column, inner, width, indent) in cases {
            assert_eq!(column.text_width(inner), width, "{column:?} in {inner}");
            assert_eq!(column.indent(inner), indent, "{column:?} in {inner}");
        }
    }
}
