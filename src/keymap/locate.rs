//! Where an entry of a keymap file is written (line and column, 1-based).
//!
//! serde_yaml does not keep positions of values, so the source is searched:
//! a context at the start of a line, then within its block a key written as
//! `key:`, `"key":` or `'key':` (or inside a flow mapping, `{ key:` / `, key:`).
//! Searching the file once per error made a file of n bad entries cost n
//! times its size (5,000 entries: 38 s); the file is indexed instead, once,
//! on the first error (a file without errors costs nothing), and each
//! context's block on the first error in it.

use std::collections::HashMap;

/// Colons looked at for names ending before one, and how long a name can
/// be: names in a keymap are short; the bounds keep a hostile line (of
/// colons, of commas) linear. A longer name is reported at its context.
const MAX_COLONS: usize = 8;
const MAX_NAME: usize = 256;

/// Positions of the contexts and keys of one file.
pub(super) struct Locator<'a> {
    lines: Vec<&'a str>,
    /// Indices of lines that start a top-level entry, in order.
    top_level: Vec<usize>,
    /// Context name → the first line that starts an entry with it at column 0.
    contexts: HashMap<String, usize>,
    /// Per context line: key → (line, column) of each entry written with it.
    keys: HashMap<usize, HashMap<String, Vec<(usize, usize)>>>,
}

impl<'a> Locator<'a> {
    pub(super) fn new(source: &'a str) -> Locator<'a> {
        let lines: Vec<&str> = source.lines().collect();
        let mut top_level = Vec::new();
        let mut contexts = HashMap::new();
        for (i, line) in lines.iter().enumerate() {
            if !line.starts_with([' ', '\t', '#']) && !line.trim().is_empty() {
                top_level.push(i);
            }
            if !line.starts_with(char::is_whitespace) {
                for (name, _) in entry_names(line) {
                    contexts.entry(name).or_insert(i);
                }
            }
        }
        Locator {
            lines,
            top_level,
            contexts,
            keys: HashMap::new(),
        }
    }

    /// Line and column of a context, or of the `nth` (0-based) entry written
    /// as `key` inside it; the context's line (or the file's first) when it
    /// cannot be found.
    pub(super) fn locate(
        &mut self,
        context: &str,
        key: Option<&str>,
        nth: usize,
    ) -> (usize, usize) {
        let Some(&start) = self.contexts.get(context) else {
            return (1, 1);
        };
        let Some(key) = key else {
            return (start + 1, 1);
        };
        if !self.keys.contains_key(&start) {
            let index = self.index_block(start);
            self.keys.insert(start, index);
        }
        self.keys
            .get(&start)
            .and_then(|keys| keys.get(key))
            .and_then(|found| found.get(nth))
            .copied()
            .unwrap_or((start + 1, 1))
    }

    /// Every key written in the block that starts at line `start`, with
    /// where: on the context's own line only in a flow mapping
    /// (`reader: { j: next_passage }`), below it as an entry first.
    fn index_block(&self, start: usize) -> HashMap<String, Vec<(usize, usize)>> {
        let next = self.top_level.partition_point(|&i| i <= start);
        let end = self
            .top_level
            .get(next)
            .copied()
            .unwrap_or(self.lines.len());
        let mut index: HashMap<String, Vec<(usize, usize)>> = HashMap::new();
        for i in start..end {
            let line = self.lines[i];
            let mut found: HashMap<String, usize> = flow_names(line);
            if i > start {
                for (name, col) in entry_names(line) {
                    found.insert(name, col);
                }
            }
            for (name, col) in found {
                index.entry(name).or_default().push((i + 1, col + 1));
            }
        }
        index
    }
}

/// Names `name` for which `name:`, `"name":` or `'name':` starts this line
/// after its indentation, each with that indentation in characters.
fn entry_names(line: &str) -> Vec<(String, usize)> {
    let trimmed = line.trim_start();
    let col = line[..line.len() - trimmed.len()].chars().count();
    names_before_colons(trimmed)
        .into_iter()
        .map(|(name, _)| (name, col))
        .collect()
}

/// The names a text starting at a name could hold: up to each of its first
/// colons, as written and without the quotes around it. The flag says
/// which form: 0 plain, 1 double quotes, 2 single quotes.
fn names_before_colons(text: &str) -> Vec<(String, usize)> {
    let mut out = Vec::new();
    let mut window = text.len().min(MAX_NAME + 1);
    while !text.is_char_boundary(window) {
        window -= 1;
    }
    for (p, _) in text[..window].match_indices(':').take(MAX_COLONS) {
        let written = &text[..p];
        out.push((written.to_string(), 0));
        for (form, q) in [(1, '"'), (2, '\'')] {
            if let Some(inner) = written
                .strip_prefix(q)
                .and_then(|w| w.strip_suffix(q))
                .filter(|_| written.len() >= 2)
            {
                out.push((inner.to_string(), form));
            }
        }
    }
    out
}

/// Names written inside a flow mapping on this line (after `{ `, `{`, `, `
/// or `,`), each with the column after the separator. When a name is
/// written several times the search this replaces looked for the plain
/// form before the quoted ones, and for each separator in that order, and
/// took the first occurrence of the first that matched: so does this.
fn flow_names(line: &str) -> HashMap<String, usize> {
    const SEPARATORS: [&str; 4] = ["{ ", "{", ", ", ","];
    let mut best: HashMap<String, (usize, usize, usize)> = HashMap::new();
    let mut chars = 0;
    for (at, c) in line.char_indices() {
        if c == '{' || c == ',' {
            for (rank, sep) in SEPARATORS.iter().enumerate() {
                if !line[at..].starts_with(sep) {
                    continue;
                }
                let col = chars + sep.chars().count();
                // A name inside a flow mapping ends at the next flow
                // indicator (a quoted one could hold one; none does).
                let rest = &line[at + sep.len()..];
                let rest = &rest[..rest.find([',', '{', '}', '[', ']']).unwrap_or(rest.len())];
                for (name, form) in names_before_colons(rest) {
                    let key = (form * SEPARATORS.len() + rank, at, col);
                    let slot = best.entry(name).or_insert(key);
                    if (key.0, key.1) < (slot.0, slot.1) {
                        *slot = key;
                    }
                }
            }
        }
        chars += 1;
    }
    best.into_iter()
        .map(|(name, (_, _, col))| (name, col))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::Locator;

    /// The search the index replaced, kept to check the index against.
    fn by_scan(source: &str, context: &str, key: Option<&str>, nth: usize) -> (usize, usize) {
        let entry_column = |line: &str, name: &str| -> Option<usize> {
            let trimmed = line.trim_start();
            let col = line.len() - trimmed.len();
            [
                format!("{name}:"),
                format!("\"{name}\":"),
                format!("'{name}':"),
            ]
            .iter()
            .any(|q| trimmed.starts_with(q.as_str()))
            .then(|| line[..col].chars().count())
        };
        let flow_column = |line: &str, name: &str| -> Option<usize> {
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
        };
        let mut skip = nth;
        let lines: Vec<&str> = source.lines().collect();
        let Some(start) = lines
            .iter()
            .position(|l| entry_column(l, context).is_some_and(|c| c == 0))
        else {
            return (1, 1);
        };
        let Some(key) = key else {
            return (start + 1, 1);
        };
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

    #[test]
    fn the_index_finds_what_the_search_found() {
        let source = "global:\n  q: quit\nreader: { x: help, \"g\": help, 'h':x, ,g: y }\n  j: a\n  \"j\": b\n  'k': c\n  # j: no\n  l: { m: n, j: o }\n\"search\":\n  é: x\n  ü:\n  a:b: c\n\teditor: x\neditor:\n  g n: x\n  ctrl-s: y\n  j: z\nreader:\n  j: again\n";
        let contexts = [
            "global",
            "reader",
            "search",
            "editor",
            "nothing",
            "\"search\"",
        ];
        let keys = [
            "q", "x", "g", "h", "j", "k", "l", "m", "é", "ü", "a", "a:b", "g n", "ctrl-s", "none",
            " g", "'h'",
        ];
        let mut locator = Locator::new(source);
        for context in contexts {
            assert_eq!(
                locator.locate(context, None, 0),
                by_scan(source, context, None, 0),
                "{context}"
            );
            for key in keys {
                for nth in 0..3 {
                    assert_eq!(
                        locator.locate(context, Some(key), nth),
                        by_scan(source, context, Some(key), nth),
                        "{context} {key} {nth}"
                    );
                }
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn the_index_agrees_with_the_search_on_any_text(
            source in "(reader|global|\"g\"|'h'|j|g n|[ ]{0,2}|[:,{}#\n\t]){0,40}"
        ) {
            let mut locator = Locator::new(&source);
            for context in ["reader", "global", "g", "h"] {
                proptest::prop_assert_eq!(
                    locator.locate(context, None, 0),
                    by_scan(&source, context, None, 0)
                );
                for key in ["j", "g", "h", "g n", " j", "reader"] {
                    for nth in 0..2 {
                        proptest::prop_assert_eq!(
                            locator.locate(context, Some(key), nth),
                            by_scan(&source, context, Some(key), nth),
                            "{} {} {}", context, key, nth
                        );
                    }
                }
            }
        }
    }
}
