//! Key notation: `j`, `G`, `ctrl-d`, `alt-x`, `shift-tab`, `enter`, `f1`, and
//! sequences like `g g`. Terminal-independent: app.rs translates crossterm
//! events into these keys.

use std::fmt;

/// A key without modifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
pub enum KeyCode {
    Char(char),
    Enter,
    #[default]
    Esc,
    Tab,
    BackTab,
    Backspace,
    Delete,
    Insert,
    Up,
    Down,
    Left,
    Right,
    Home,
    End,
    PageUp,
    PageDown,
    F(u8),
}

/// A key press with its modifiers. Shift is folded into the character for
/// printable keys (`G`, not `shift-g`), so one press has one spelling.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
}

impl Key {
    pub const fn plain(code: KeyCode) -> Key {
        Key {
            code,
            ctrl: false,
            alt: false,
        }
    }

    pub const fn char(c: char) -> Key {
        Key::plain(KeyCode::Char(c))
    }

    pub const fn ctrl(c: char) -> Key {
        Key {
            code: KeyCode::Char(c),
            ctrl: true,
            alt: false,
        }
    }

    /// A printable character typed without ctrl/alt: text for a prompt.
    pub fn typed_char(&self) -> Option<char> {
        match self.code {
            KeyCode::Char(c) if !self.ctrl && !self.alt => Some(c),
            _ => None,
        }
    }
}

const NAMES: &[(&str, KeyCode)] = &[
    ("enter", KeyCode::Enter),
    ("esc", KeyCode::Esc),
    ("tab", KeyCode::Tab),
    ("backtab", KeyCode::BackTab),
    ("backspace", KeyCode::Backspace),
    ("delete", KeyCode::Delete),
    ("insert", KeyCode::Insert),
    ("up", KeyCode::Up),
    ("down", KeyCode::Down),
    ("left", KeyCode::Left),
    ("right", KeyCode::Right),
    ("home", KeyCode::Home),
    ("end", KeyCode::End),
    ("pageup", KeyCode::PageUp),
    ("pagedown", KeyCode::PageDown),
    ("space", KeyCode::Char(' ')),
];

/// Other spellings people write; accepted, printed in the canonical form.
const ALIASES: &[(&str, KeyCode)] = &[
    ("return", KeyCode::Enter),
    ("escape", KeyCode::Esc),
    ("del", KeyCode::Delete),
    ("pgup", KeyCode::PageUp),
    ("pgdn", KeyCode::PageDown),
    ("pgdown", KeyCode::PageDown),
];

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("ctrl-")?;
        }
        if self.alt {
            f.write_str("alt-")?;
        }
        if let Some((name, _)) = NAMES.iter().find(|(_, code)| *code == self.code) {
            return f.write_str(name);
        }
        match self.code {
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::F(n) => write!(f, "f{n}"),
            _ => f.write_str("?"),
        }
    }
}

/// Parse one key (`ctrl-d`), or say what is wrong with it.
pub fn parse_key(text: &str) -> Result<Key, String> {
    let mut rest = text;
    let mut key = Key::default();
    let mut shift = false;
    loop {
        // A lone "-" (or "ctrl--") is the minus key, not a separator.
        if rest.chars().count() <= 1 {
            break;
        }
        let lower = rest.to_ascii_lowercase();
        if let Some(r) = strip_any(&lower, &["ctrl-", "c-", "control-"]) {
            key.ctrl = true;
            rest = &rest[rest.len() - r.len()..];
        } else if let Some(r) = strip_any(&lower, &["alt-", "a-", "m-", "meta-"]) {
            key.alt = true;
            rest = &rest[rest.len() - r.len()..];
        } else if let Some(r) = strip_any(&lower, &["shift-", "s-"]) {
            shift = true;
            rest = &rest[rest.len() - r.len()..];
        } else {
            break;
        }
    }
    let mut chars = rest.chars();
    key.code = match (chars.next(), chars.next()) {
        (None, _) => return Err(format!("`{text}` names no key")),
        (Some(c), None) => {
            if c.is_control() {
                return Err(format!(
                    "`{}` is a control character, not a key name",
                    c.escape_default()
                ));
            }
            // ctrl-D and ctrl-d are the same press in a terminal.
            let c = if key.ctrl { c.to_ascii_lowercase() } else { c };
            KeyCode::Char(if shift {
                c.to_uppercase().next().unwrap_or(c)
            } else {
                c
            })
        }
        _ => {
            let lower = rest.to_ascii_lowercase();
            let named = NAMES
                .iter()
                .chain(ALIASES)
                .find(|(n, _)| *n == lower)
                .map(|(_, c)| *c);
            match named {
                Some(code) => code,
                None => parse_function_key(&lower).ok_or_else(|| {
                    format!(
                        "`{rest}` is not a key name (try enter, esc, tab, up, pagedown, f1, ctrl-x)"
                    )
                })?,
            }
        }
    };
    if shift && key.code == KeyCode::Tab {
        key.code = KeyCode::BackTab;
    }
    Ok(key)
}

fn strip_any<'a>(text: &'a str, prefixes: &[&str]) -> Option<&'a str> {
    prefixes
        .iter()
        .find_map(|p| text.strip_prefix(p))
        .filter(|r| !r.is_empty())
}

fn parse_function_key(text: &str) -> Option<KeyCode> {
    let n: u8 = text.strip_prefix('f')?.parse().ok()?;
    (1..=24).contains(&n).then_some(KeyCode::F(n))
}

/// Parse a key sequence: keys separated by spaces (`g g`).
pub fn parse_sequence(text: &str) -> Result<Vec<Key>, String> {
    if text == " " {
        return Ok(vec![Key::char(' ')]);
    }
    let keys: Result<Vec<Key>, String> = text.split_whitespace().map(parse_key).collect();
    let keys = keys?;
    if keys.is_empty() {
        return Err("empty key".to_string());
    }
    if keys.len() > 4 {
        return Err(format!("`{text}` is longer than 4 keys"));
    }
    Ok(keys)
}

pub fn format_sequence(keys: &[Key]) -> String {
    keys.iter()
        .map(Key::to_string)
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        for text in [
            "j",
            "G",
            "?",
            "-",
            "/",
            "ctrl-d",
            "alt-x",
            "ctrl-alt-k",
            "enter",
            "esc",
            "tab",
            "backtab",
            "space",
            "pagedown",
            "f1",
            "f12",
            "ctrl--",
            "g g",
            "] b",
            "ctrl-w ctrl-w",
            "é",
            "ж",
        ] {
            let keys = parse_sequence(text).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(format_sequence(&keys), text);
        }
    }

    #[test]
    fn spellings_fold_to_one_key() {
        let same: &[(&str, &str)] = &[
            ("shift-tab", "backtab"),
            ("C-d", "ctrl-d"),
            ("ctrl-D", "ctrl-d"),
            ("Return", "enter"),
            ("PgDn", "pagedown"),
            ("shift-g", "G"),
            ("M-x", "alt-x"),
        ];
        for (a, b) in same {
            assert_eq!(parse_key(a).unwrap(), parse_key(b).unwrap(), "{a} vs {b}");
        }
    }

    #[test]
    fn bad_keys_are_explained() {
        for bad in ["", "ctrl-", "hyper-x", "f99", "enterr", "a b c d e"] {
            assert!(parse_sequence(bad).is_err(), "{bad:?} should fail");
        }
    }
}
