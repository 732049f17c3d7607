//! Words broken at a line end with a hyphen ("docu-" / "ment"): join them
//! back when the joined word is the word, keep the hyphen when the word is
//! a real compound ("two-thirds", "long-term").
//!
//! The rule, from the text's own evidence (no dictionary):
//! 1. the joined form occurs elsewhere in the text → join;
//! 2. the hyphenated form occurs elsewhere → keep the hyphen;
//! 3. the first part is a number or a number word ("two-", "1990s-"), or
//!    the second is a usual compound tail ("-based", "-term") → keep;
//! 4. both parts occur elsewhere as words of three letters or more
//!    ("dry" / "season") → keep;
//! 5. otherwise join: a typesetter's break is far more common at a line
//!    end than a compound ("assess-" / "ment", "res-" / "ervoirs").

use std::collections::HashSet;

const NUMBER_WORDS: &[&str] = &[
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    "hundred", "half", "first", "second", "third", "multi", "single", "double", "triple",
];

const COMPOUND_TAILS: &[&str] = &[
    "based", "term", "led", "related", "level", "scale", "wide", "free", "like", "owned", "run",
    "making", "oriented", "friendly", "income", "sized", "style", "backed", "funded", "linked",
    "driven", "focused", "specific", "bound", "up", "in", "out", "off", "on", "over",
];

/// The words of a text, gathered only when the first broken word needs them.
pub struct Vocabulary<'a> {
    text: &'a str,
    words: Option<HashSet<String>>,
}

impl<'a> Vocabulary<'a> {
    pub fn new(text: &'a str) -> Self {
        Vocabulary { text, words: None }
    }

    fn words(&mut self) -> &HashSet<String> {
        self.words.get_or_insert_with(|| {
            self.text
                .split_whitespace()
                // The first half of a broken word is not a word of the text.
                .filter(|w| !w.ends_with('-'))
                .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
                .filter(|w| !w.is_empty())
                .map(str::to_lowercase)
                .collect()
        })
    }

    /// Whether `left-` at a line end and `right` at the start of the next
    /// make one word without the hyphen.
    pub fn joins(&mut self, left: &str, right: &str) -> bool {
        if left.is_empty() || right.is_empty() || left.ends_with('-') {
            return false;
        }
        let left = left.to_lowercase();
        let right = right.to_lowercase();
        let joined = format!("{left}{right}");
        let hyphenated = format!("{left}-{right}");
        let words = self.words();
        if words.contains(&joined) {
            return true;
        }
        if words.contains(&hyphenated) {
            return false;
        }
        let last_part = left.rsplit('-').next().unwrap_or(&left);
        if last_part.starts_with(|c: char| c.is_ascii_digit())
            || NUMBER_WORDS.contains(&last_part)
            || COMPOUND_TAILS.contains(&right.as_str())
        {
            return false;
        }
        let standalone = |w: &str| w.chars().count() >= 3 && words.contains(w);
        !(standalone(last_part) && standalone(&right))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_words_keeps_compounds() {
        let text = "The assessment of dry season flows. Two-thirds of it. A long read \
                    and a term paper.";
        let mut v = Vocabulary::new(text);
        assert!(v.joins("assess", "ment"));
        assert!(v.joins("res", "ervoirs"));
        assert!(!v.joins("two", "thirds"));
        assert!(!v.joins("dry", "season"));
        assert!(!v.joins("long", "term"));
        assert!(!v.joins("evidence", "based"));
        assert!(!v.joins("2024", "style"));
    }
}
