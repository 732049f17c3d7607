//! Reading a keymap file: every problem becomes a `FILE:LINE:COLUMN: message`
//! naming the entry, and the entries that are fine still apply.

use super::locate::Locator;
use super::{Binding, Context, Key, Keymap, contexts, format_sequence, parse_sequence};
use crate::action::Action;
use crate::yaml::{self, Value};
use std::collections::{HashMap, HashSet};
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

struct Report<'a> {
    source: &'a str,
    file: &'a str,
    errors: Vec<KeymapError>,
    /// Built on the first error that needs a position.
    locator: Option<Locator<'a>>,
}

impl Report<'_> {
    fn error(&mut self, (line, column): (usize, usize), message: String) {
        self.errors.push(KeymapError {
            file: self.file.to_string(),
            line,
            column,
            message,
        });
    }

    /// An error at a context, or at the `nth` entry written as `key` in it.
    fn error_at(&mut self, context: &str, key: Option<&str>, nth: usize, message: String) {
        let source = self.source;
        let at = self
            .locator
            .get_or_insert_with(|| Locator::new(source))
            .locate(context, key, nth);
        self.error(at, message);
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
    let mut report = Report {
        source,
        file,
        errors: Vec::new(),
        locator: None,
    };
    let root = match yaml::from_str::<Option<ContextPairs>>(source) {
        Ok(Some(root)) => root,
        Ok(None) => return (Vec::new(), report.errors),
        Err(err) => {
            let at = (err.line.unwrap_or(1), err.column.unwrap_or(1));
            report.error(at, format!("not valid YAML: {}", first_line(&err.message)));
            return (Vec::new(), report.errors);
        }
    };
    let mut out: UserEntries = Vec::new();
    for (name, entries) in &root.0 {
        let name = name.scalar_text().unwrap_or_default();
        let Ok(context) = Context::from_str(&name) else {
            let known: Vec<&str> = <Context as strum::IntoEnumIterator>::iter()
                .map(Context::name)
                .collect();
            report.error_at(
                &name,
                None,
                0,
                format!("unknown context `{name}` (known: {})", known.join(", ")),
            );
            continue;
        };
        let list = read_context(&mut report, context, &name, entries);
        let list = drop_prefix_conflicts(&mut report, context, &name, list, base);
        out.push((context, list));
    }
    let out = refuse_lockouts(&mut report, out, base);
    (out, report.errors)
}

/// Entries that would leave a screen without its way out (ctrl-c, esc,
/// `q`, the editor's save and keep-draft) are refused, each reported where
/// it is written; the defaults stay for their keys.
fn refuse_lockouts(report: &mut Report, out: UserEntries, base: &Keymap) -> UserEntries {
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
        report.error_at(
            context.name(),
            Some(&text),
            0,
            format!("{}: `{text}`: {why}", context.name()),
        );
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
    report: &mut Report,
    context: Context,
    name: &str,
    entries: &Option<yaml::Pairs<Value, Value>>,
) -> Vec<(Vec<Key>, Option<Action>)> {
    let mut list: Vec<(Vec<Key>, Option<Action>)> = Vec::new();
    let Some(entries) = entries else {
        return list;
    };
    // Counted and looked up by hash: a file of thousands of entries must
    // not cost thousands times thousands.
    let mut seen: HashMap<&str, usize> = HashMap::new();
    let mut bound: HashMap<Vec<Key>, Option<Action>> = HashMap::new();
    for (key, value) in &entries.0 {
        let key_text = key.scalar_text().unwrap_or_default();
        let nth = seen.get(key_text.as_str()).copied().unwrap_or(0);
        if let Some(raw) = key.as_str() {
            *seen.entry(raw).or_default() += 1;
        }
        // Positions are looked up only for errors (the defaults, parsed at
        // every start, have none).
        let mut error = |message: String| report.error_at(name, Some(&key_text), nth, message);
        let keys = match parse_sequence(&key_text) {
            Ok(keys) => keys,
            Err(why) => {
                error(format!("{}: {why}", context.name()));
                continue;
            }
        };
        let action = match value.as_str() {
            _ if value.is_null() => None,
            Some("none") => None,
            Some(s) => match Action::from_name(s) {
                Some(action) => Some(action),
                None => {
                    error(format!(
                        "{}: `{key_text}`: unknown action `{s}` (see `brief keymap`)",
                        context.name()
                    ));
                    continue;
                }
            },
            _ => {
                error(format!(
                    "{}: `{key_text}`: the action must be a name or `none`",
                    context.name()
                ));
                continue;
            }
        };
        if let Some(action) = &action
            && !contexts::applies(context, action)
        {
            // Kept (it is harmless), but the user meant something by it.
            error(format!(
                "{}: `{key_text}`: warning: {} does nothing in {} (it works in: {})",
                context.name(),
                action.name(),
                context.name(),
                contexts::contexts_of(action).join(", ")
            ));
        }
        if let Some(earlier) = bound.get(&keys) {
            let earlier = earlier.as_ref().map(Action::name).unwrap_or("none");
            error(format!(
                "{}: `{key_text}` is bound twice (already to {earlier})",
                context.name()
            ));
            continue;
        }
        bound.insert(keys.clone(), action.clone());
        list.push((keys, action));
    }
    list
}

/// A key that is both a binding and the start of a longer sequence could never
/// reach the longer one. The user's entry is dropped; the default stays.
fn drop_prefix_conflicts(
    report: &mut Report,
    context: Context,
    name: &str,
    list: Vec<(Vec<Key>, Option<Action>)>,
    base: &Keymap,
) -> Vec<(Vec<Key>, Option<Action>)> {
    let overridden: HashSet<&Vec<Key>> = list.iter().map(|(k, _)| k).collect();
    let mut merged: Vec<Vec<Key>> = base
        .bindings(context)
        .iter()
        .map(|b| b.keys.clone())
        .filter(|k| !overridden.contains(k))
        .collect();
    merged.extend(
        list.iter()
            .filter(|(_, a)| a.is_some())
            .map(|(k, _)| k.clone()),
    );
    // Sequences are at most a few keys long: each one's clashes are found
    // through its prefixes, by hash, instead of against every other binding.
    // Both maps keep the first binding in `merged` order, as the report names
    // the first clash.
    let mut whole: HashMap<&[Key], usize> = HashMap::new();
    let mut by_prefix: HashMap<&[Key], usize> = HashMap::new();
    for (i, keys) in merged.iter().enumerate() {
        whole.entry(keys.as_slice()).or_insert(i);
        for len in 1..keys.len() {
            by_prefix.entry(&keys[..len]).or_insert(i);
        }
    }
    let mut kept = Vec::new();
    for (keys, action) in list.iter().cloned() {
        let clash = if action.is_some() {
            let longer = by_prefix.get(keys.as_slice()).copied();
            let shorter = (1..keys.len()).filter_map(|len| whole.get(&keys[..len]).copied());
            longer.into_iter().chain(shorter).min().map(|i| &merged[i])
        } else {
            None
        };
        if let Some(other) = clash {
            let text = format_sequence(&keys);
            report.error_at(
                name,
                Some(&text),
                0,
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

fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or(text)
}
