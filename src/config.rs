//! `$XDG_CONFIG_HOME/brief/config.yaml`: the user's settings. Parsing is
//! pure (text in, settings and problems out); every key brief does not know
//! is reported with its line, never silently ignored.

use crate::keymap::Keymap;
use crate::layout::Comfort;
use crate::yaml::{self, Pairs, Value};
use std::path::{Path, PathBuf};

/// The settings brief understands, with what each is for (also the text
/// of the "unknown key" problem).
pub const KNOWN_KEYS: &[(&str, &str)] = &[
    (
        "library",
        "the folder of your briefs (absolute, or starting with ~/)",
    ),
    (
        "citation",
        "how a copied passage names its source: plain or markdown",
    ),
    (
        "scroll_off",
        "rows of context kept above and below the current passage (0 to 20)",
    ),
    (
        "theme",
        "the colours: dark, light or high-contrast (NO_COLOR still wins)",
    ),
    (
        "column_width",
        "widest text column in cells, centred when there is room (20 to 1000)",
    ),
    (
        "notes_view",
        "notes beside their passages or one after another: margin or list",
    ),
    (
        "watch",
        "follow changes on disk: the open brief and the library folder (true or false)",
    ),
];

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Config {
    /// Where `brief` (with no folder named) and `brief add` keep briefs.
    pub library: Option<PathBuf>,
    /// How `y` (copy a passage) names its source.
    pub citation: crate::payload::Citation,
    /// Scroll-off and column width.
    pub comfort: Comfort,
    /// `watch: false`: changes on disk are not followed (they are seen at
    /// the next start).
    pub watch_off: bool,
    /// `theme:` was given: the terminal's own colours are not asked.
    pub theme_chosen: bool,
}

/// Line (1-based) of the top-level `key:` in `text`, for messages.
fn line_of(text: &str, key: &str) -> usize {
    text.lines()
        .position(|l| {
            l.strip_prefix(key)
                .or_else(|| l.strip_prefix(&format!("\"{key}\"")))
                .or_else(|| l.strip_prefix(&format!("'{key}'")))
                .is_some_and(|rest| rest.trim_start().starts_with(':'))
        })
        .map_or(1, |n| n + 1)
}

/// `~/x` under `home`; any other path as written.
fn expand_home(path: &str, home: Option<&Path>) -> Option<PathBuf> {
    match path.strip_prefix("~/") {
        Some(rest) => home.map(|h| h.join(rest)),
        None if path == "~" => home.map(Path::to_path_buf),
        None => Some(PathBuf::from(path)),
    }
}

/// A whole number in `range`, written as YAML number or text.
fn number(value: &Value, range: std::ops::RangeInclusive<usize>) -> Option<usize> {
    yaml::value_to_text(value)
        .and_then(|t| t.trim().parse::<usize>().ok())
        .filter(|n| range.contains(n))
}

/// Parse `text` (the file at `file`, named in problems). `home` expands `~`.
/// Problems come as `FILE:LINE: message`, one line each; what can be used
/// is used.
pub fn parse(text: &str, file: &str, home: Option<&Path>) -> (Config, Vec<String>) {
    let mut config = Config::default();
    let mut problems = Vec::new();
    if text.trim().is_empty() {
        return (config, problems);
    }
    let pairs: Pairs<String, Value> = match yaml::from_str(text) {
        Ok(pairs) => pairs,
        Err(e) => {
            let line = e.line.unwrap_or(1);
            problems.push(format!("{file}:{line}: {}; settings ignored", e.message));
            return (config, problems);
        }
    };
    for (key, value) in pairs.0 {
        let line = line_of(text, &key);
        match key.as_str() {
            "citation" => match yaml::value_to_text(&value).as_deref().map(str::trim) {
                Some("plain") => config.citation = crate::payload::Citation::Plain,
                Some("markdown") => config.citation = crate::payload::Citation::Markdown,
                _ => problems.push(format!(
                    "{file}:{line}: citation: plain or markdown; using plain"
                )),
            },
            "library" => {
                let Some(text) = yaml::value_to_text(&value).filter(|t| !t.trim().is_empty())
                else {
                    problems.push(format!("{file}:{line}: library: give a folder"));
                    continue;
                };
                match expand_home(text.trim(), home) {
                    Some(dir) if dir.is_absolute() && dir.is_dir() => config.library = Some(dir),
                    Some(dir) if dir.is_absolute() => problems.push(format!(
                        "{file}:{line}: library: {}: no such folder; using the default library",
                        crate::text::printable(&dir.display().to_string())
                    )),
                    _ => problems.push(format!(
                        "{file}:{line}: library: {}: give an absolute path or one starting with ~/",
                        crate::text::printable(&text)
                    )),
                }
            }
            "scroll_off" => match number(&value, 0..=20) {
                Some(n) => config.comfort.scroll_off = n,
                None => problems.push(format!(
                    "{file}:{line}: scroll_off: give a number of rows from 0 to 20; using {}",
                    config.comfort.scroll_off
                )),
            },
            "column_width" => match number(&value, 20..=1000) {
                Some(n) => config.comfort.column_width = n as u16,
                None => problems.push(format!(
                    "{file}:{line}: column_width: give a number of cells from 20 to 1000; using {}",
                    config.comfort.column_width
                )),
            },
            "watch" => match yaml::value_to_text(&value).as_deref().map(str::trim) {
                Some("true" | "yes" | "on") => config.watch_off = false,
                Some("false" | "no" | "off") => config.watch_off = true,
                _ => problems.push(format!("{file}:{line}: watch: true or false; using true")),
            },
            "theme" => match yaml::value_to_text(&value)
                .as_deref()
                .and_then(crate::layout::ThemeName::parse)
            {
                Some(theme) => {
                    config.comfort.theme = theme;
                    config.theme_chosen = true;
                }
                None => problems.push(format!(
                    "{file}:{line}: theme: give dark, light or high-contrast; using dark"
                )),
            },
            "notes_view" => match yaml::value_to_text(&value)
                .as_deref()
                .and_then(crate::layout::NotesView::parse)
            {
                Some(view) => config.comfort.notes_view = view,
                None => problems.push(format!(
                    "{file}:{line}: notes_view: give margin or list; using margin"
                )),
            },
            other => {
                let known: Vec<String> = KNOWN_KEYS
                    .iter()
                    .map(|(k, why)| format!("{k} ({why})"))
                    .collect();
                problems.push(format!(
                    "{file}:{line}: unknown setting `{}`; known: {}",
                    crate::text::printable(other),
                    known.join(", ")
                ));
            }
        }
    }
    (config, problems)
}

/// The user's config.yaml, if there is one, with its problems.
pub fn load() -> (Config, Vec<String>) {
    let Some(path) = crate::store::config_dir().map(|d| d.join("config.yaml")) else {
        return (Config::default(), Vec::new());
    };
    let home = directories::BaseDirs::new().map(|b| b.home_dir().to_path_buf());
    let shown = path.display().to_string();
    match crate::store::read_user_file(&path) {
        Ok(None) => (Config::default(), Vec::new()),
        Ok(Some(text)) => parse(&text, &shown, home.as_deref()),
        Err(e) => (Config::default(), vec![format!("{shown}: {e}")]),
    }
}

/// The defaults, with the user's keymap.yaml merged over them.
pub fn load_keymap() -> (Keymap, Vec<String>) {
    let Some(path) = crate::store::config_dir().map(|d| d.join("keymap.yaml")) else {
        return (Keymap::defaults(), Vec::new());
    };
    match crate::store::read_user_file(&path) {
        Ok(None) => (Keymap::defaults(), Vec::new()),
        Ok(Some(text)) => {
            let (keymap, errors) = Keymap::with_user_file(&text, &path.display().to_string());
            (keymap, errors.iter().map(ToString::to_string).collect())
        }
        Err(e) => (Keymap::defaults(), vec![format!("{}: {e}", path.display())]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_and_problems() {
        let home = std::env::temp_dir();
        let dir = home.display().to_string();
        let cases: Vec<(String, Option<PathBuf>, Vec<&str>)> = vec![
            (String::new(), None, vec![]),
            (format!("library: {dir}\n"), Some(home.clone()), vec![]),
            ("library: ~/\n".into(), Some(home.clone()), vec![]),
            (
                "library: /no/such/folder\n".into(),
                None,
                vec!["c.yaml:1: library: /no/such/folder: no such folder"],
            ),
            (
                "library: relative/x\n".into(),
                None,
                vec!["c.yaml:1: library: relative/x: give an absolute path"],
            ),
            (
                format!("# mine\nlibary: {dir}\ncolumn: 80\n"),
                None,
                vec![
                    "c.yaml:2: unknown setting `libary`",
                    "c.yaml:3: unknown setting `column`",
                ],
            ),
            ("library: [\n".into(), None, vec!["c.yaml:"]),
        ];
        for (text, library, expected) in cases {
            let (config, problems) = parse(&text, "c.yaml", Some(&home));
            assert_eq!(config.library, library, "{text:?}");
            assert_eq!(problems.len(), expected.len(), "{text:?}: {problems:?}");
            for (p, e) in problems.iter().zip(expected) {
                assert!(p.starts_with(e), "{text:?}: {p:?} should start with {e:?}");
            }
        }
    }

    #[test]
    fn themes() {
        use crate::layout::ThemeName;
        let cases = [
            ("", ThemeName::Dark, false),
            ("theme: light\n", ThemeName::Light, false),
            ("theme: high-contrast\n", ThemeName::HighContrast, false),
            ("theme: dark\n", ThemeName::Dark, false),
            ("theme: neon\n", ThemeName::Dark, true),
        ];
        for (text, theme, problem) in cases {
            let (config, problems) = parse(text, "c.yaml", None);
            assert_eq!(config.comfort.theme, theme, "{text:?}");
            assert_eq!(!problems.is_empty(), problem, "{text:?}: {problems:?}");
        }
    }

    #[test]
    fn notes_view() {
        use crate::layout::NotesView;
        let cases = [
            ("", NotesView::Margin, false),
            ("notes_view: list\n", NotesView::List, false),
            ("notes_view: margin\n", NotesView::Margin, false),
            ("notes_view: side\n", NotesView::Margin, true),
        ];
        for (text, view, problem) in cases {
            let (config, problems) = parse(text, "c.yaml", None);
            assert_eq!(config.comfort.notes_view, view, "{text:?}");
            assert_eq!(!problems.is_empty(), problem, "{text:?}: {problems:?}");
        }
    }

    #[test]
    fn comfort_settings() {
        let default = Comfort::default();
        let cases: Vec<(&str, usize, u16, Option<&str>)> = vec![
            ("", default.scroll_off, default.column_width, None),
            ("scroll_off: 0\n", 0, default.column_width, None),
            ("scroll_off: 7\ncolumn_width: 100\n", 7, 100, None),
            ("column_width: \"60\"\n", default.scroll_off, 60, None),
            (
                "scroll_off: -1\n",
                default.scroll_off,
                default.column_width,
                Some("c.yaml:1: scroll_off: give a number of rows from 0 to 20"),
            ),
            (
                "scroll_off: lots\n",
                default.scroll_off,
                default.column_width,
                Some("c.yaml:1: scroll_off: give a number"),
            ),
            (
                "# wide\ncolumn_width: 5\n",
                default.scroll_off,
                default.column_width,
                Some("c.yaml:2: column_width: give a number of cells from 20 to 1000"),
            ),
        ];
        for (text, scroll_off, column_width, problem) in cases {
            let (config, problems) = parse(text, "c.yaml", None);
            assert_eq!(config.comfort.scroll_off, scroll_off, "{text:?}");
            assert_eq!(config.comfort.column_width, column_width, "{text:?}");
            match problem {
                None => assert!(problems.is_empty(), "{text:?}: {problems:?}"),
                Some(p) => assert!(
                    problems.len() == 1 && problems[0].starts_with(p),
                    "{text:?}: {problems:?}"
                ),
            }
        }
    }

    #[test]
    fn watching_can_be_turned_off() {
        let cases = [
            ("", false, false),
            ("watch: true\n", false, false),
            ("watch: false\n", true, false),
            ("watch: off\n", true, false),
            ("watch: sometimes\n", false, true),
        ];
        for (text, off, problem) in cases {
            let (config, problems) = parse(text, "c.yaml", None);
            assert_eq!(config.watch_off, off, "{text:?}");
            assert_eq!(!problems.is_empty(), problem, "{text:?}: {problems:?}");
        }
    }
}
