//! Styles. Text keeps the terminal's own colours so it reads on dark and
//! light backgrounds alike; colour marks only what needs marking. With
//! NO_COLOR every mark falls back to bold, underline or reverse video.

use crate::annotations::Colour;
use crate::layout::ThemeName;
use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy)]
pub struct Theme {
    pub colour: bool,
    pub name: ThemeName,
}

impl Theme {
    pub fn new(colour: bool) -> Theme {
        Theme {
            colour,
            name: ThemeName::Dark,
        }
    }

    /// The theme chosen in config.yaml; without colour it changes only
    /// what needs no colour (NO_COLOR wins).
    pub fn named(self, name: ThemeName) -> Theme {
        Theme { name, ..self }
    }

    /// The colour a dark-background mark takes in this theme.
    fn shade(&self, fg: Color) -> Color {
        match (self.name, fg) {
            (ThemeName::Dark, c) => c,
            (ThemeName::Light, Color::Cyan) => Color::Blue,
            (ThemeName::Light, Color::Yellow) => Color::Red,
            (ThemeName::Light, c) => c,
            (ThemeName::HighContrast, Color::Cyan) => Color::LightCyan,
            (ThemeName::HighContrast, Color::Yellow) => Color::LightYellow,
            (ThemeName::HighContrast, Color::Magenta) => Color::LightMagenta,
            (ThemeName::HighContrast, Color::Red) => Color::LightRed,
            (ThemeName::HighContrast, c) => c,
        }
    }

    fn tint(&self, fg: Color) -> Style {
        if self.colour {
            Style::new().fg(self.shade(fg))
        } else {
            Style::new()
        }
    }

    pub fn accent(&self) -> Style {
        self.tint(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    /// Secondary text; high contrast dims nothing.
    pub fn dim(&self) -> Style {
        if self.name == ThemeName::HighContrast {
            Style::new()
        } else {
            Style::new().add_modifier(Modifier::DIM)
        }
    }

    pub fn title(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub fn border(&self, focused: bool) -> Style {
        if focused { self.accent() } else { self.dim() }
    }

    pub fn heading(&self) -> Style {
        self.tint(Color::Cyan)
            .add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }

    pub fn speaker(&self) -> Style {
        self.tint(Color::Magenta).add_modifier(Modifier::BOLD)
    }

    pub fn cursor_bar(&self) -> Style {
        self.tint(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    pub fn cursor_text(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub fn mark(&self) -> Style {
        self.tint(Color::Yellow).add_modifier(Modifier::BOLD)
    }

    pub fn highlight(&self, colour: Colour) -> Style {
        if !self.colour {
            return Style::new().add_modifier(Modifier::UNDERLINED);
        }
        let bg = match colour {
            Colour::Yellow => Color::Yellow,
            Colour::Green => Color::Green,
            Colour::Blue => Color::LightBlue,
            Colour::Pink => Color::LightMagenta,
        };
        Style::new().bg(bg).fg(Color::Black)
    }

    pub fn search_match(&self, current: bool) -> Style {
        let style = if self.colour {
            Style::new().bg(Color::Magenta).fg(Color::White)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        };
        if current {
            style.add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
        } else {
            style
        }
    }

    pub fn selection(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    /// The sentence under the cursor. Without colour, highlights are
    /// underlined, so the current sentence is shown in reverse video: the
    /// two must never look alike.
    pub fn sentence(&self) -> Style {
        if self.colour {
            Style::new().add_modifier(Modifier::UNDERLINED)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }

    pub fn error(&self) -> Style {
        self.tint(Color::Red).add_modifier(Modifier::BOLD)
    }

    pub fn selected_row(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn themes_differ_and_no_color_wins() {
        let names = ThemeName::ALL.map(|(_, t)| t);
        let accents: Vec<Style> = names
            .iter()
            .map(|n| Theme::new(true).named(*n).accent())
            .collect();
        assert_ne!(accents[0], accents[1], "light differs from dark");
        assert_ne!(accents[0], accents[2], "high contrast differs from dark");
        assert_eq!(
            Theme::new(true).named(ThemeName::HighContrast).dim(),
            Style::new(),
            "high contrast dims nothing"
        );
        for name in names {
            let theme = Theme::new(false).named(name);
            for style in [theme.accent(), theme.heading(), theme.mark(), theme.error()] {
                assert_eq!(
                    (style.fg, style.bg),
                    (None, None),
                    "{name:?} without colour"
                );
            }
        }
    }

    #[test]
    fn a_highlight_never_looks_like_the_current_sentence_or_a_match() {
        for (colour, name) in [true, false]
            .into_iter()
            .flat_map(|c| ThemeName::ALL.map(|(_, n)| (c, n)))
        {
            let theme = Theme::new(colour).named(name);
            for c in [Colour::Yellow, Colour::Green, Colour::Blue, Colour::Pink] {
                let h = theme.highlight(c);
                assert_ne!(h, theme.sentence(), "colour {colour}, {c:?}");
                assert_ne!(h, theme.search_match(false), "colour {colour}, {c:?}");
            }
        }
    }
}
