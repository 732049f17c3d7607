//! The theme when config.yaml names none: light on a light terminal, dark
//! on a dark one. The terminal is asked for its colours (OSC 10/11, through
//! `terminal-colorsaurus`, which also asks for the device attributes so
//! that a terminal that does not answer colour queries is known at once
//! rather than after a timeout); failing that, `COLORFGBG` as rxvt, Konsole
//! and iTerm2 set it; failing that, dark.

use crate::layout::ThemeName;
use std::time::Duration;
use terminal_colorsaurus::{QueryOptions, ThemeMode};

/// How long a terminal (over ssh, say) may take to answer.
const ANSWER_WITHIN: Duration = Duration::from_millis(400);

/// The theme that suits the terminal, if it can be told. Called before
/// the input thread starts: the answer must not be read as keys.
pub fn detect() -> Option<ThemeName> {
    let mut options = QueryOptions::default();
    options.timeout = ANSWER_WITHIN;
    match terminal_colorsaurus::theme_mode(options) {
        Ok(ThemeMode::Light) => Some(ThemeName::Light),
        Ok(ThemeMode::Dark) => Some(ThemeName::Dark),
        Err(_) => from_colorfgbg(&std::env::var("COLORFGBG").ok()?),
    }
}

/// `COLORFGBG` is `fg;bg` (or `fg;default;bg`) in the 16 ANSI colours:
/// a background of 7 (white) or 9-15 (bright) is light; 0-6 and 8 dark.
fn from_colorfgbg(value: &str) -> Option<ThemeName> {
    let background: u8 = value.rsplit(';').next()?.trim().parse().ok()?;
    match background {
        7 | 9..=15 => Some(ThemeName::Light),
        0..=6 | 8 => Some(ThemeName::Dark),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::from_colorfgbg;
    use crate::layout::ThemeName;

    #[test]
    fn colorfgbg_names_the_background_last() {
        for (value, theme) in [
            ("15;0", Some(ThemeName::Dark)),
            ("0;15", Some(ThemeName::Light)),
            ("0;default;15", Some(ThemeName::Light)),
            ("12;8", Some(ThemeName::Dark)),
            ("0;7", Some(ThemeName::Light)),
            ("default;default", None),
            ("", None),
            ("0;99", None),
        ] {
            assert_eq!(from_colorfgbg(value), theme, "{value:?}");
        }
    }
}
