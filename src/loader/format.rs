//! Invisible characters: Unicode format characters (general category Cf)
//! and variation selectors. Most of them can hide or reorder text: the tag
//! characters U+E0020–E007F spell ASCII no one sees, a run of variation
//! selectors after an emoji can carry any bytes, bidi controls reorder a
//! line. A few are needed to render a script, and only where they do that
//! are they kept:
//!
//! - ZWJ and ZWNJ between two visible characters (emoji sequences, Indic
//!   and Persian shaping), one at a time;
//! - one variation selector after a visible character (emoji presentation,
//!   CJK ideographic variants);
//! - the tag characters of an emoji subdivision flag (🏴 + letters + cancel
//!   tag: England, Scotland, Wales);
//! - the prepended concatenation marks (Arabic number signs U+0600–0605,
//!   U+06DD, U+0890–0891, U+08E2, Syriac U+070F, Kaithi U+110BD and
//!   U+110CD), which are drawn as visible signs spanning the digits after;
//! - the format controls of Mongolian, Egyptian hieroglyphs and Duployan
//!   shorthand, after a character of their own script.
//!
//! Every other Cf character is removed. The category comes from the
//! `unicode-properties` crate (its tables follow each Unicode release)
//! rather than a hand-kept list, which had missed 140 of the 163.

use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};

const ZWNJ: char = '\u{200C}';
const ZWJ: char = '\u{200D}';
const BLACK_FLAG: char = '\u{1F3F4}';
const CANCEL_TAG: char = '\u{E007F}';

/// Whether `c` is invisible and kept only in context (see `kept_len`).
pub fn contextual(c: char) -> bool {
    matches!(c, ZWNJ | ZWJ | '\u{180E}' | '\u{E0000}'..='\u{E007F}')
        || is_variation_selector(c)
        || matches!(c, '\u{13430}'..='\u{1343F}' | '\u{1BCA0}'..='\u{1BCA3}')
}

/// Whether `c` is a format character to remove wherever it is.
pub fn removed(c: char) -> bool {
    !c.is_ascii()
        && c.general_category() == GeneralCategory::Format
        && !contextual(c)
        && !prepended_mark(c)
}

fn prepended_mark(c: char) -> bool {
    matches!(
        c,
        '\u{0600}'..='\u{0605}'
            | '\u{06DD}'
            | '\u{070F}'
            | '\u{0890}'..='\u{0891}'
            | '\u{08E2}'
            | '\u{110BD}'
            | '\u{110CD}'
    )
}

fn is_variation_selector(c: char) -> bool {
    matches!(
        c,
        '\u{FE00}'..='\u{FE0F}' | '\u{E0100}'..='\u{E01EF}' | '\u{180B}'..='\u{180D}' | '\u{180F}'
    )
}

/// A character that shows something (not space, control or invisible).
fn visible(c: char) -> bool {
    !c.is_whitespace() && !c.is_control() && !contextual(c) && !removed(c)
}

/// For a contextual character at the start of `rest`, after `prev` (the
/// last character kept): how many bytes of `rest` to keep (0: drop it).
pub fn kept_len(prev: Option<char>, rest: &str) -> usize {
    let mut chars = rest.chars();
    let Some(c) = chars.next() else { return 0 };
    let next = chars.next();
    let keep = match c {
        ZWJ | ZWNJ => prev.is_some_and(visible) && next.is_some_and(visible),
        '\u{180E}' => {
            // Between two Mongolian letters (not beside another separator).
            let mongolian = |c: char| ('\u{1800}'..='\u{18AF}').contains(&c) && c.is_alphabetic();
            prev.is_some_and(mongolian) && next.is_some_and(mongolian)
        }
        '\u{13430}'..='\u{1343F}' => prev.is_some_and(|p| ('\u{13000}'..='\u{1345F}').contains(&p)),
        '\u{1BCA0}'..='\u{1BCA3}' => prev.is_some_and(|p| ('\u{1BC00}'..='\u{1BCA3}').contains(&p)),
        '\u{E0000}'..='\u{E007F}' => return flag_tags(prev, rest),
        c if is_variation_selector(c) => prev.is_some_and(visible),
        _ => false,
    };
    if keep { c.len_utf8() } else { 0 }
}

/// The tags of a subdivision flag (🏴 then 2–7 tag letters or digits, then
/// the cancel tag), whole, or nothing.
fn flag_tags(prev: Option<char>, rest: &str) -> usize {
    if prev != Some(BLACK_FLAG) {
        return 0;
    }
    let mut len = 0;
    for (n, c) in rest.chars().enumerate() {
        match c {
            CANCEL_TAG if (2..=7).contains(&n) => return len + c.len_utf8(),
            '\u{E0030}'..='\u{E0039}' | '\u{E0061}'..='\u{E007A}' if n < 7 => len += c.len_utf8(),
            _ => return 0,
        }
    }
    0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_format_character_is_removed_or_kept_for_a_reason() {
        let mut kept = Vec::new();
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            if c.general_category() == GeneralCategory::Format && !removed(c) {
                kept.push(c);
            }
        }
        // ZWNJ, ZWJ, the Mongolian vowel separator, the prepended marks, the
        // Egyptian and Duployan controls and the tags: nothing else.
        for c in &kept {
            assert!(
                contextual(*c) || prepended_mark(*c),
                "U+{:04X} kept",
                u32::from(*c)
            );
        }
        assert!(kept.len() < 170, "{}", kept.len());
    }

    #[test]
    fn kept_only_where_they_join_or_select() {
        assert_eq!(kept_len(Some('👩'), "\u{200D}💻"), 3);
        assert_eq!(kept_len(Some(' '), "\u{200D}💻"), 0);
        assert_eq!(kept_len(Some('a'), "\u{200D}\u{200C}b"), 0);
        assert_eq!(kept_len(None, "\u{200C}a"), 0);
        assert_eq!(kept_len(Some('❤'), "\u{FE0F}"), 3);
        assert_eq!(kept_len(Some('\u{FE0F}'), "\u{FE0F}"), 0);
        let england = "\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}";
        assert_eq!(kept_len(Some(BLACK_FLAG), england), england.len());
        assert_eq!(kept_len(Some('a'), england), 0);
        let hidden = "\u{E0068}\u{E0069}\u{E0020}\u{E0074}\u{E0068}\u{E0065}\u{E0072}\u{E0065}";
        assert_eq!(kept_len(Some(BLACK_FLAG), hidden), 0);
    }
}
