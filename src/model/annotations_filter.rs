//! What the annotations view's filter means, and the index it runs over:
//! every row of every set with the text its words are matched against,
//! in both orders (newest first, by brief), built once per load.
//!
//! The filter is one line of text, so what it does is always on screen:
//! words (each must appear, smart case, as in the library's filter), and
//! `kind:note` (bookmark, highlight, note, draft, detached; a prefix is
//! enough), `colour:green` (or `color:`), `#tag` (a brief's `tags:` or a
//! `#tag` in a note; a prefix of the tag).

use crate::annotations::{Colour, Kind};
use crate::catalogue::{Place, Row, Set, has_tag, tag_name};
use nucleo_matcher::pattern::{AtomKind, CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};
use std::path::Path;

/// The kinds the filter and the kind key know, in the key's order.
pub const KINDS: [&str; 5] = ["bookmark", "highlight", "note", "draft", "detached"];

/// A row's kind as the filter names it.
fn kind_name(row: &Row) -> &'static str {
    match (&row.place, row.kind) {
        (Place::Detached | Place::Lost, _) => "detached",
        (_, kind) => kind.name(),
    }
}

fn is_kind(row: &Row, name: &str) -> bool {
    match name {
        "detached" => matches!(row.place, Place::Detached | Place::Lost),
        _ => row.kind.name() == name,
    }
}

/// The filter, parsed.
pub struct Query {
    words: Option<Pattern>,
    /// None: any kind; else one of these (none: nothing matches).
    kinds: Option<Vec<&'static str>>,
    colours: Option<Vec<Colour>>,
    tags: Vec<String>,
}

/// A `key:value` token's value, if `token` is one for `keys`.
fn value<'a>(token: &'a str, keys: &[&str]) -> Option<&'a str> {
    let (key, value) = token.split_once(':')?;
    keys.iter()
        .any(|k| k.eq_ignore_ascii_case(key))
        .then_some(value)
}

/// Names among `names` that `typed` means: a prefix of one (`kind:n`), or
/// the name with more after it (`kind:notes`).
fn named<T: Copy>(typed: &str, names: &[(&str, T)]) -> Vec<T> {
    let typed = typed.to_lowercase();
    names
        .iter()
        .filter(|(name, _)| name.starts_with(&typed) || typed.starts_with(name))
        .map(|(_, t)| *t)
        .collect()
}

impl Query {
    pub fn parse(filter: &str) -> Query {
        let mut words = Vec::new();
        let mut kinds: Option<Vec<&'static str>> = None;
        let mut colours: Option<Vec<Colour>> = None;
        let mut tags = Vec::new();
        let kind_names: Vec<(&str, &'static str)> = KINDS.iter().map(|k| (*k, *k)).collect();
        let colour_names: Vec<(&str, Colour)> =
            Colour::ALL.iter().map(|c| (c.name(), *c)).collect();
        for token in filter.split_whitespace() {
            if let Some(v) = value(token, &["kind"]) {
                if !v.is_empty() {
                    kinds
                        .get_or_insert_with(Vec::new)
                        .extend(named(v, &kind_names));
                }
            } else if let Some(v) = value(token, &["colour", "color"]) {
                if !v.is_empty() {
                    colours
                        .get_or_insert_with(Vec::new)
                        .extend(named(v, &colour_names));
                }
            } else if let Some(tag) = token.strip_prefix('#') {
                let tag = tag_name(tag);
                if !tag.is_empty() {
                    tags.push(tag);
                }
            } else {
                words.push(token);
            }
        }
        let words = (!words.is_empty()).then(|| {
            Pattern::new(
                &words.join(" "),
                CaseMatching::Smart,
                Normalization::Smart,
                AtomKind::Substring,
            )
        });
        Query {
            words,
            kinds,
            colours,
            tags,
        }
    }

    fn keeps(&self, set: &Set, row: &Row, haystack: &str, m: &mut Matching) -> bool {
        if let Some(kinds) = &self.kinds
            && !kinds.iter().any(|k| is_kind(row, k))
        {
            return false;
        }
        if let Some(colours) = &self.colours
            && !row.colour.is_some_and(|c| colours.contains(&c))
        {
            return false;
        }
        if !self
            .tags
            .iter()
            .all(|t| has_tag(&set.tags, t) || has_tag(&row.tags, t))
        {
            return false;
        }
        match &self.words {
            Some(words) => words
                .score(Utf32Str::new(haystack, &mut m.buf), &mut m.matcher)
                .is_some(),
            None => true,
        }
    }
}

/// The matcher and its buffer, made once per filtering.
struct Matching {
    matcher: Matcher,
    buf: Vec<char>,
}

/// The next kind the kind key shows after the filter's (the last `kind:`
/// token), and the filter with it in place of every `kind:` token.
pub fn next_kind(filter: &str) -> (String, Option<&'static str>) {
    let mut current = None;
    let mut rest: Vec<&str> = Vec::new();
    for token in filter.split_whitespace() {
        match value(token, &["kind"]) {
            Some(v) => current = KINDS.iter().position(|k| !v.is_empty() && k.starts_with(v)),
            None => rest.push(token),
        }
    }
    let next = match current {
        None => Some(KINDS[0]),
        Some(i) => KINDS.get(i + 1).copied(),
    };
    let mut filter = rest.join(" ");
    if let Some(kind) = next {
        if !filter.is_empty() {
            filter.push(' ');
        }
        filter.push_str("kind:");
        filter.push_str(kind);
    }
    (filter, next)
}

/// Every row of every set, in the two orders the view sorts by, with the
/// text the filter's words look in.
#[derive(Debug, Clone, Default)]
pub struct Index {
    /// (set, row) of each row.
    pub rows: Vec<(u32, u32)>,
    haystacks: Vec<String>,
    /// Positions in `rows`: newest first; by brief (title, then place).
    pub by_date: Vec<u32>,
    pub by_brief: Vec<u32>,
}

impl Index {
    pub fn new(sets: &[Set]) -> Index {
        let mut rows = Vec::new();
        let mut haystacks = Vec::new();
        for (s, set) in sets.iter().enumerate() {
            for (r, row) in set.rows.iter().enumerate() {
                rows.push((s as u32, r as u32));
                haystacks.push(haystack(set, row));
            }
        }
        let get = |i: u32| {
            let (s, r) = rows[i as usize];
            let set = &sets[s as usize];
            (set, &set.rows[r as usize])
        };
        let mut by_date: Vec<u32> = (0..rows.len() as u32).collect();
        by_date.sort_by(|&a, &b| {
            let ((_, ra), (_, rb)) = (get(a), get(b));
            rb.updated.cmp(&ra.updated).then(a.cmp(&b))
        });
        // Each set's place in title order, so rows sort on numbers.
        let mut titles: Vec<(String, usize)> = sets
            .iter()
            .enumerate()
            .map(|(s, set)| (set.title.to_lowercase(), s))
            .collect();
        titles.sort();
        let mut rank = vec![0; sets.len()];
        for (n, (_, s)) in titles.iter().enumerate() {
            rank[*s] = n;
        }
        let mut by_brief: Vec<u32> = (0..rows.len() as u32).collect();
        by_brief.sort_by_key(|&i| {
            let (s, r) = rows[i as usize];
            let row = &sets[s as usize].rows[r as usize];
            // Notes on the whole brief first, then in the text's order,
            // then what is detached.
            let place = match &row.place {
                Place::Brief => (0, 0),
                Place::Passage { passage, .. } | Place::Hint { passage } => (1, *passage),
                Place::Detached | Place::Lost => (2, 0),
            };
            (rank[s as usize], place, i)
        });
        Index {
            rows,
            haystacks,
            by_date,
            by_brief,
        }
    }

    /// Positions in `rows` that `filter` keeps, in `order`, within the set
    /// of annotation file `scope` if given.
    pub fn filter(
        &self,
        sets: &[Set],
        order: &[u32],
        filter: &str,
        scope: Option<&Path>,
    ) -> Vec<u32> {
        let query = Query::parse(filter);
        let mut m = Matching {
            matcher: Matcher::new(Config::DEFAULT),
            buf: Vec::new(),
        };
        order
            .iter()
            .copied()
            .filter(|&i| {
                let (s, r) = self.rows[i as usize];
                let set = &sets[s as usize];
                scope.is_none_or(|f| set.file == f)
                    && query.keeps(
                        set,
                        &set.rows[r as usize],
                        &self.haystacks[i as usize],
                        &mut m,
                    )
            })
            .collect()
    }
}

/// What the words of the filter are looked for in: kind, colour, brief,
/// section, the quote and the note.
fn haystack(set: &Set, row: &Row) -> String {
    let section = match &row.place {
        Place::Passage {
            section: Some(s), ..
        } => s.as_str(),
        _ => "",
    };
    format!(
        "{} {} {} {} {} {}",
        kind_name(row),
        row.colour.map_or("", Colour::name),
        set.title,
        section,
        row.quote,
        row.note.as_deref().unwrap_or("")
    )
}

/// A kind's name for people, plural ("notes").
pub fn plural(kind: &str) -> String {
    match kind {
        "detached" => "detached annotations".to_string(),
        k => format!("{k}s"),
    }
}

/// `Kind` as the filter names it (for tests and the bookmarks key).
pub fn kind_token(kind: Kind) -> String {
    format!("kind:{}", kind.name())
}
