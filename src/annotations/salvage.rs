//! Reading what can be read of an annotation file that does not parse as a
//! whole (a typo at line 60, one entry of a kind this `brief` does not know,
//! a newer schema): each annotation that parses on its own is kept. The
//! result is only ever shown, read-only; the file itself is never rewritten
//! from it.

use super::{Annotation, AnnotationFile, BriefRecord, Position, SCHEMA};
use crate::yaml::{self, Value};

/// A top-level mapping, in file order.
type Entries = Vec<(String, Value)>;

/// What could be read of a broken file.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Salvaged {
    pub file: AnnotationFile,
    /// Entries of its `annotations:` list that could not be read.
    pub unreadable: usize,
}

impl Salvaged {
    /// "3 of its 4 annotations can be read", for messages.
    pub fn summary(&self) -> String {
        let read = self.file.annotations.iter().filter(|a| !a.deleted).count();
        let total = read + self.unreadable;
        match (read, total) {
            (_, 0) => "it holds no annotations that can be read".to_string(),
            (0, _) => format!("none of its {total} annotations can be read"),
            (1, 1) => "its one annotation can be read".to_string(),
            (r, t) if r == t => format!("all {t} of its annotations can be read"),
            (r, t) => format!("{r} of its {t} annotations can be read"),
        }
    }
}

/// Everything in `text` that parses on its own.
pub fn salvage(text: &str) -> Salvaged {
    match yaml::from_str::<Value>(text).map(|v| v.entries()) {
        // Valid YAML of the wrong shape: entry by entry from the tree.
        Ok(Some(map)) => from_mapping(&map, Vec::new(), 0),
        Ok(None) => Salvaged::default(),
        // Broken YAML: block by block, then entry by entry, from the text.
        Err(_) => from_text(text),
    }
}

/// `map` is the file's top level; `more` annotations (and `lost` that could
/// not be read) were already taken from its text.
fn from_mapping(map: &Entries, more: Vec<Annotation>, lost: usize) -> Salvaged {
    let get = |key: &str| map.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone());
    let brief = get("brief")
        .and_then(|v| yaml::from_value::<BriefRecord>(v).ok())
        .unwrap_or_default();
    let mut file = AnnotationFile::new(brief);
    file.schema = get("schema")
        .and_then(|v| v.as_u64())
        .and_then(|n| u32::try_from(n).ok())
        .unwrap_or(SCHEMA);
    file.position = get("position").and_then(|v| yaml::from_value::<Position>(v).ok());
    let mut unreadable = lost;
    if let Some(entries) = get("annotations").and_then(|v| v.items()) {
        for entry in entries {
            match yaml::from_value::<Annotation>(entry) {
                Ok(a) => file.annotations.push(a),
                Err(_) => unreadable += 1,
            }
        }
    }
    file.annotations.extend(more);
    Salvaged { file, unreadable }
}

/// Top-level blocks (`brief:`, `position:`, `annotations:` …) parsed one
/// by one; a broken `annotations:` block is split into its entries.
fn from_text(text: &str) -> Salvaged {
    let mut map: Entries = Vec::new();
    let mut more = Vec::new();
    let mut lost = 0;
    for block in top_level_blocks(text) {
        match yaml::from_str::<Value>(&block).map(|v| v.entries()) {
            Ok(Some(parsed)) => {
                for (k, v) in parsed {
                    if !map.iter().any(|(seen, _)| *seen == k) {
                        map.push((k, v));
                    }
                }
            }
            _ if block.starts_with("annotations:") => {
                let (read, unread) = entries(&block);
                more.extend(read);
                lost += unread;
            }
            _ => {}
        }
    }
    from_mapping(&map, more, lost)
}

/// The text cut before each line that starts a top-level key (a line that
/// does not start with a space, `-` or `#`).
fn top_level_blocks(text: &str) -> Vec<String> {
    let mut blocks: Vec<String> = Vec::new();
    for line in text.split_inclusive('\n') {
        let starts_key = !line.starts_with([' ', '\t', '-', '#', '\n', '\r']);
        match blocks.last_mut() {
            Some(block) if !starts_key => block.push_str(line),
            _ => blocks.push(line.to_string()),
        }
    }
    blocks
}

/// The entries of an `annotations:` block, each parsed on its own: the
/// readable ones, and how many were not.
fn entries(block: &str) -> (Vec<Annotation>, usize) {
    let body: Vec<&str> = block.split_inclusive('\n').skip(1).collect();
    let Some(first) = body.iter().find(|l| l.trim_start().starts_with("- ")) else {
        return (Vec::new(), 0);
    };
    let indent = first.len() - first.trim_start().len();
    let mut chunks: Vec<String> = Vec::new();
    for line in body {
        let starts_entry =
            line.len() - line.trim_start().len() == indent && line.trim_start().starts_with("- ");
        // Entries are read as a list of one, at the left margin.
        let line = line
            .get(indent..)
            .filter(|_| line.len() > indent)
            .unwrap_or(line);
        match chunks.last_mut() {
            Some(chunk) if !starts_entry => chunk.push_str(line),
            _ if starts_entry => chunks.push(line.to_string()),
            _ => {}
        }
    }
    let mut read = Vec::new();
    let mut unread = 0;
    for chunk in chunks {
        match yaml::from_str::<Vec<Annotation>>(&chunk) {
            Ok(list) => read.extend(list),
            Err(_) => unread += 1,
        }
    }
    (read, unread)
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "- id: a\n  kind: note\n  note: first\n  created: '2026-01-01T00:00:00Z'\n  updated: '2026-01-01T00:00:00Z'\n";

    fn ids(s: &Salvaged) -> Vec<&str> {
        s.file.annotations.iter().map(|a| a.id.as_str()).collect()
    }

    #[test]
    fn a_syntax_error_loses_only_its_own_entry() {
        let text = format!(
            "schema: 1\nbrief:\n  title: T\nannotations:\n{GOOD}- id: b\n  kind: note\n  note: [unclosed\n  created: x\n  updated: x\n{}",
            GOOD.replace("id: a", "id: c")
        );
        assert!(yaml::from_str::<Value>(&text).is_err(), "really broken");
        let s = salvage(&text);
        assert_eq!(ids(&s), ["a", "c"]);
        assert_eq!(s.unreadable, 1);
        assert_eq!(s.file.brief.title, "T");
        assert_eq!(s.summary(), "2 of its 3 annotations can be read");
    }

    #[test]
    fn an_entry_of_the_wrong_shape_loses_only_itself() {
        let text = format!(
            "schema: 1\nbrief: {{title: T}}\nannotations:\n{GOOD}- id: b\n  kind: scribble\n  created: x\n  updated: x\n"
        );
        let s = salvage(&text);
        assert_eq!(ids(&s), ["a"]);
        assert_eq!(s.unreadable, 1);
    }

    #[test]
    fn indented_lists_and_garbage_are_handled() {
        let indented = format!(
            "schema: 1\nbrief: {{title: T}}\nannotations:\n{}  - broken: [\n",
            GOOD.lines().map(|l| format!("  {l}\n")).collect::<String>()
        );
        assert_eq!(ids(&salvage(&indented)), ["a"]);
        assert!(salvage("\u{0}\u{1}garbage").file.annotations.is_empty());
        assert!(salvage("[1, 2]").file.annotations.is_empty());
    }
}
