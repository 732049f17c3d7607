//! Reading a keymap file: every problem becomes a `FILE:LINE:COLUMN: message`
//! naming the entry, and the entries that are fine still apply.

use super::{Binding, Context, Key, Keymap, contexts, format_sequence, parse_sequence};
use crate::action::Action;
use crate::yaml::{self, Value};
use std::fmt;
use std::str::FromStr;

/// One problem in a keymap file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeymapError {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for KeymapError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file, self.line, self.column, self.message
        )
    }
}

/// A user's entries per context; `None` unbinds.
pub type UserEntries = Vec<(Context, Vec<(Vec<Key>, Option<Action>)>)>;

struct Reader<'a> {
    source: &'a str,
    file: &'a str,
    errors: Vec<KeymapError>,
}

impl Reader<'_> {
    fn error(&mut self, (line, column): (usize, usize), message: String) {
        self.errors.push(KeymapError {
            file: self.file.to_string(),
            line,
            column,
            message,
        });
    }
}

/// Parse a whole file on its own (the defaults).
pub fn parse_file(source: &str, file: &str) -> (Keymap, Vec<KeymapError>) {
    let (entries, errors) = parse_user(source, file, &Keymap::default());
    let mut keymap = Keymap::default();
    for (context, list) in entries {
        let bindings = keymap.contexts.entry(context).or_default();
        for (keys, action) in list {
            if let Some(action) = action {
                bindings.push(Binding { keys, action });
            }
        }
    }
    (keymap, errors)
}

/// Parse a user's file against the bindings it will be merged over.
pub fn parse_user(source: &str, file: &str, base: &Keymap) -> (UserEntries, Vec<KeymapError>) {
    let mut reader = Reader {
        source,
        file,
        errors: Vec::new(),
    };
    let root = match yaml::from_str::<Option<ContextPairs>>(source) {
        Ok(Some(root)) => root,
        Ok(None) => return (Vec::new(), reader.errors),
        Err(err) => {
            let at = (err.line.unwrap_or(1), err.column.unwrap_or(1));
            reader.error(at, format!("not valid YAML: {}", first_line(&err.message)));
            return (Vec::new(), reader.errors);
        }
    };
    let mut out: UserEntries = Vec::new();
    for (name, entries) in &root.0 {
        let name = scalar_text(name).unwrap_or_default();
        let Ok(context) = Context::from_str(&name) else {
            let known: Vec<&str> = <Context as strum::IntoEnumIterator>::iter()
                .map(Context::name)
                .collect();
            reader.error(
                locate(source, &name, None),
                format!("unknown context `{name}` (known: {})", known.join(", ")),
            );
            continue;
        };
        let list = read_context(&mut reader, context, &name, entries);
        let list = drop_prefix_conflicts(&mut reader, context, &name, list, base);
        out.push((context, list));
    }
    let out = refuse_lockouts(&mut reader, out, base);
    (out, reader.errors)
}

/// Entries that would leave a screen without its way out (ctrl-c, esc,
/// `q`, the editor's save and keep-draft) are refused, each reported where
/// it is written; the defaults stay for their keys.
fn refuse_lockouts(reader: &mut Reader, out: UserEntries, base: &Keymap) -> UserEntries {
    let flat: Vec<contexts::Entry> = out
        .iter()
        .flat_map(|(c, list)| list.iter().map(|(k, a)| (*c, k.clone(), a.clone())))
        .collect();
    let refused = contexts::lockouts(base, &flat);
    if refused.is_empty() {
        return out;
    }
    for (i, why) in &refused {
        let (context, keys, _) = &flat[*i];
        let text = format_sequence(keys);
        let at = locate(reader.source, context.name(), Some(&text));
        reader.error(at, format!("{}: `{text}`: {why}", context.name()));
    }
    let mut n = 0;
    out.into_iter()
        .map(|(context, list)| {
            let kept = list
                .into_iter()
                .filter(|_| {
                    n += 1;
                    !refused.iter().any(|(i, _)| *i == n - 1)
                })
                .collect();
            (context, kept)
        })
        .collect()
}

/// The file's shape: contexts, each a mapping of keys to actions, read as
/// pairs so that a key written twice is reported rather than fatal.
type ContextPairs = yaml::Pairs<Value, Option<yaml::Pairs<Value, Value>>>;

fn read_context(
    reader: &mut Reader,
    context: Context,
    name: &str,
    entries: &Option<yaml::Pairs<Value, Value>>,
) -> Vec<(Vec<Key>, Option<Action>)> {
    let mut list: Vec<(Vec<Key>, Option<Action>)> = Vec::new();
    let Some(entries) = entries else {
        return list;
    };
    let mut seen: Vec<&str> = Vec::new();
    for (key, value) in &entries.0 {
        let key_text = scalar_text(key).unwrap_or_default();
        let nth = seen.iter().filter(|k| **k == key_text).count();
        // Positions are looked up only for errors: finding them is a text
        // search, and the defaults (parsed at every start) have none.
        let source = reader.source;
        let at = || locate_nth(source, name, &key_text, nth);
        if let Some(raw) = key.as_str() {
            seen.push(raw);
        }
        let keys = match parse_sequence(&key_text) {
            Ok(keys) => keys,
            Err(why) => {
                reader.error(at(), format!("{}: {why}", context.name()));
                continue;
            }
        };
        let action = match value {
            Value::Null => None,
            Value::String(s) if s == "none" => None,
            Value::String(s) => match Action::from_name(s) {
                Some(action) => Some(action),
                None => {
                    reader.error(
                        at(),
                        format!(
                            "{}: `{key_text}`: unknown action `{s}` (see `brief keymap`)",
                            context.name()
                        ),
                    );
                    continue;
                }
            },
            _ => {
                reader.error(
                    at(),
                    format!(
                        "{}: `{key_text}`: the action must be a name or `none`",
                        context.name()
                    ),
                );
                continue;
            }
        };
        if let Some(action) = &action
            && !contexts::applies(context, action)
        {
            // Kept (it is harmless), but the user meant something by it.
            reader.error(
                at(),
                format!(
                    "{}: `{key_text}`: warning: {} does nothing in {} (it works in: {})",
                    context.name(),
                    action.name(),
                    context.name(),
                    contexts::contexts_of(action).join(", ")
                ),
            );
        }
        if let Some((_, earlier)) = list.iter().find(|(k, _)| *k == keys) {
            let earlier = earlier.as_ref().map(Action::name).unwrap_or("none");
            reader.error(
                at(),
                format!(
                    "{}: `{key_text}` is bound twice (already to {earlier})",
                    context.name()
                ),
            );
            continue;
        }
        list.push((keys, action));
    }
    list
}

/// A key that is both a binding and the start of a longer sequence could never
/// reach the longer one. The user's entry is dropped; the default stays.
fn drop_prefix_conflicts(
    reader: &mut Reader,
    context: Context,
    name: &str,
    list: Vec<(Vec<Key>, Option<Action>)>,
    base: &Keymap,
) -> Vec<(Vec<Key>, Option<Action>)> {
    let overridden = |keys: &Vec<Key>| list.iter().any(|(k, _)| k == keys);
    let mut merged: Vec<Vec<Key>> = base
        .bindings(context)
        .iter()
        .map(|b| b.keys.clone())
        .filter(|k| !overridden(k))
        .collect();
    merged.extend(
        list.iter()
            .filter(|(_, a)| a.is_some())
            .map(|(k, _)| k.clone()),
    );
    let mut kept = Vec::new();
    for (keys, action) in list.iter().cloned() {
        let clash = if action.is_some() {
            merged.iter().find(|other| {
                **other != keys && (other.starts_with(&keys) || keys.starts_with(other))
            })
        } else {
            None
        };
        if let Some(other) = clash {
            let text = format_sequence(&keys);
            let at = locate(reader.source, name, Some(&text));
            reader.error(
                at,
                format!(
                    "{}: `{text}` clashes with `{}`: one is the start of the other",
                    context.name(),
                    format_sequence(other)
                ),
            );
            continue;
        }
        kept.push((keys, action));
    }
    kept
}

fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or(text)
}

/// Line and column (1-based) of a context, or of a key inside it. serde_yaml
/// does not keep positions of values, so the source is searched: the context
/// at the start of a line, then the key as `key:`, `"key":` or `'key':`.
fn locate(source: &str, context: &str, key: Option<&str>) -> (usize, usize) {
    match key {
        Some(key) => locate_nth(source, context, key, 0),
        None => locate_key(source, context, None, 0),
    }
}

/// Position of the `nth` (0-based) entry written as `key` in `context`.
fn locate_nth(source: &str, context: &str, key: &str, nth: usize) -> (usize, usize) {
    locate_key(source, context, Some(key), nth)
}

fn locate_key(source: &str, context: &str, key: Option<&str>, nth: usize) -> (usize, usize) {
    let mut skip = nth;
    let lines: Vec<&str> = source.lines().collect();
    let context_line = lines
        .iter()
        .position(|l| entry_column(l, context).is_some_and(|c| c == 0));
    let Some(start) = context_line else {
        return (1, 1);
    };
    let Some(key) = key else {
        return (start + 1, 1);
    };
    // A flow mapping on the context's own line: `reader: { j: next_passage }`.
    for (i, line) in lines.iter().enumerate().skip(start) {
        let top_level = !line.starts_with([' ', '\t', '#']) && !line.trim().is_empty();
        if i > start && top_level {
            break;
        }
        let found = if i == start {
            flow_column(line, key)
        } else {
            entry_column(line, key).or_else(|| flow_column(line, key))
        };
        if let Some(col) = found {
            if skip == 0 {
                return (i + 1, col + 1);
            }
            skip -= 1;
        }
    }
    (start + 1, 1)
}

/// Column where `name:` starts a mapping entry on this line, if it does.
fn entry_column(line: &str, name: &str) -> Option<usize> {
    let trimmed = line.trim_start();
    let col = line.len() - trimmed.len();
    for quoted in [
        format!("{name}:"),
        format!("\"{name}\":"),
        format!("'{name}':"),
    ] {
        if trimmed.starts_with(&quoted) {
            return Some(line[..col].chars().count());
        }
    }
    None
}

fn flow_column(line: &str, name: &str) -> Option<usize> {
    for quoted in [
        format!("{name}:"),
        format!("\"{name}\":"),
        format!("'{name}':"),
    ] {
        for sep in ["{ ", "{", ", ", ","] {
            if let Some(pos) = line.find(&format!("{sep}{quoted}")) {
                return Some(line[..pos + sep.len()].chars().count());
            }
        }
    }
    None
}
