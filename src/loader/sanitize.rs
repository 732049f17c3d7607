//! Bytes to clean text: decoding, line endings, and removal of everything a
//! terminal would interpret.
//!
//! This is the one gate every character of a brief passes through, so that no
//! later stage (ui, export, notes) has to think about control sequences. What
//! comes out contains no C0/C1 control character except `\n`, no escape
//! sequence, no bidi override and no invisible format character that could
//! reorder or hide text.

use super::format;
use std::borrow::Cow;

/// Why bytes could not be read as a brief.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("not a text brief (contains NUL bytes; binary file?)")]
    Binary,
}

/// Decode bytes (UTF-8 with or without BOM, or UTF-16 with a BOM) into text
/// with `\n` line endings and no control characters. Invalid UTF-8 becomes
/// U+FFFD rather than an error: a damaged brief is still worth reading.
pub fn decode(bytes: &[u8]) -> Result<String, DecodeError> {
    let text: Cow<str> = if let Some(utf16) = decode_utf16_with_bom(bytes) {
        Cow::Owned(utf16)
    } else {
        if memchr_nul(bytes) {
            return Err(DecodeError::Binary);
        }
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        String::from_utf8_lossy(bytes)
    };
    Ok(clean(&text))
}

fn memchr_nul(bytes: &[u8]) -> bool {
    bytes.contains(&0)
}

fn decode_utf16_with_bom(bytes: &[u8]) -> Option<String> {
    let (rest, little_endian) = if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        (rest, true)
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        (rest, false)
    } else {
        return None;
    };
    let units = rest.chunks_exact(2).map(|pair| {
        if little_endian {
            u16::from_le_bytes([pair[0], pair[1]])
        } else {
            u16::from_be_bytes([pair[0], pair[1]])
        }
    });
    let text: String = char::decode_utf16(units)
        .map(|r| r.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect();
    // A NUL inside UTF-16 text is as binary as one in UTF-8.
    if text.contains('\0') {
        return None;
    }
    Some(text)
}

/// What to do with one character outside an escape sequence.
enum Disposition {
    Keep,
    Drop,
    Replace(char),
    /// Kept only where it is needed (format.rs: ZWJ between two visible
    /// characters, one variation selector, the tags of a flag).
    Context,
}

fn disposition(c: char) -> Disposition {
    match c {
        // Most text: no table to look up.
        ' '..='~' | '\n' => Disposition::Keep,
        '\t' => Disposition::Replace('\t'),
        '\u{0B}' | '\u{0C}' | '\u{2028}' | '\u{2029}' | '\u{85}' => Disposition::Replace('\n'),
        '\u{00}'..='\u{1F}' | '\u{7F}'..='\u{9F}' => Disposition::Drop,
        // Spaces that look like spaces but are not: NBSP and friends.
        '\u{A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' => Disposition::Replace(' '),
        // Bidi embeddings, overrides, isolates and marks: they reorder what is shown.
        '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}'
        | '\u{200E}'
        | '\u{200F}'
        | '\u{061C}' => Disposition::Drop,
        // Invisible characters that hide text or break search: soft hyphen,
        // zero-width space, word joiner, invisible operators, BOM, interlinear
        // annotation controls, tags — every format character (format.rs),
        // but those a script needs where it needs them.
        c if format::contextual(c) => Disposition::Context,
        c if format::removed(c) => Disposition::Drop,
        _ => Disposition::Keep,
    }
}

/// Whether `clean` keeps `c` as it is, wherever it stands (the library
/// search trusts a check of a file's bytes only on text made of such
/// characters and white space).
pub fn kept_as_is(c: char) -> bool {
    matches!(disposition(c), Disposition::Keep)
}

fn is_ordinary(c: char) -> bool {
    (' '..='~').contains(&c)
        || c == '\n'
        || (c > '\u{AD}' && matches!(disposition(c), Disposition::Keep))
}

/// Remove escape sequences and control characters, normalise line endings,
/// NBSP and tabs (a tab becomes four spaces so indentation can be measured).
pub fn clean(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut run = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        // Printable ASCII and newlines are most of any brief: no decoding.
        if (0x20..0x7f).contains(&b) || b == b'\n' {
            i += 1;
            continue;
        }
        if b >= 0x80 {
            let c = text[i..].chars().next().unwrap_or(' ');
            if is_ordinary(c) {
                i += c.len_utf8();
                continue;
            }
        }
        out.push_str(&text[run..i]);
        i += special(&text[i..], &mut out);
        run = i;
    }
    out.push_str(&text[run..]);
    out
}

/// Handle the character at the start of `text`, which is not ordinary (a
/// control, an escape sequence, a space to normalise); returns the bytes used.
fn special(text: &str, out: &mut String) -> usize {
    let mut chars = text.char_indices().peekable();
    let Some((_, c)) = chars.next() else { return 0 };
    match c {
        '\r' => {
            if chars.peek().map(|&(_, n)| n) != Some('\n') {
                out.push('\n');
            }
        }
        '\u{1B}' => skip_escape(&mut chars),
        '\u{9B}' => skip_csi(&mut chars),
        '\u{9D}' | '\u{90}' | '\u{98}' | '\u{9E}' | '\u{9F}' => skip_string(&mut chars),
        _ => match disposition(c) {
            Disposition::Keep => out.push(c),
            Disposition::Context => {
                let kept = format::kept_len(out.chars().next_back(), text);
                if kept > 0 {
                    out.push_str(&text[..kept]);
                    return kept;
                }
            }
            Disposition::Drop => {}
            Disposition::Replace('\t') => out.push_str("    "),
            Disposition::Replace(r) => out.push(r),
        },
    }
    chars.peek().map_or(text.len(), |&(j, _)| j)
}

type Chars<'a> = std::iter::Peekable<std::str::CharIndices<'a>>;

/// After ESC: skip the rest of the sequence, whatever kind it is.
fn skip_escape(chars: &mut Chars) {
    match chars.peek().map(|&(_, c)| c) {
        Some('[') => {
            chars.next();
            skip_csi(chars);
        }
        Some(']' | 'P' | 'X' | '^' | '_') => {
            chars.next();
            skip_string(chars);
        }
        Some(' '..='/') => {
            // nF sequences: intermediates then one final byte.
            while let Some(&(_, c)) = chars.peek() {
                chars.next();
                if !(' '..='/').contains(&c) {
                    break;
                }
            }
        }
        Some('\n') | None => {}
        Some(_) => {
            chars.next();
        }
    }
}

/// Skip CSI parameters and intermediates up to and including the final byte.
fn skip_csi(chars: &mut Chars) {
    while let Some(&(_, c)) = chars.peek() {
        if c == '\n' {
            return;
        }
        chars.next();
        if ('\u{40}'..='\u{7E}').contains(&c) || !(' '..='?').contains(&c) {
            return;
        }
    }
}

/// Skip an OSC/DCS/SOS/PM/APC string up to its terminator (BEL, ESC \, or ST).
fn skip_string(chars: &mut Chars) {
    while let Some((_, c)) = chars.next() {
        match c {
            '\u{07}' | '\u{9C}' => return,
            '\u{1B}' => {
                if chars.peek().map(|&(_, n)| n) == Some('\\') {
                    chars.next();
                }
                return;
            }
            _ => {}
        }
    }
}

/// True if `text` holds nothing a terminal would act on and no invisible
/// character `clean` would remove (the loader's promise).
pub fn is_inert(text: &str) -> bool {
    if text
        .bytes()
        .all(|b| (b' '..=b'~').contains(&b) || b == b'\n')
    {
        return true;
    }
    let mut ok = true;
    walk(text, |piece| ok &= piece.is_some());
    ok
}

/// Remove the invisible characters that `clean` kept for a neighbour the
/// parser has since taken away (a joiner before Markdown's closing
/// backtick): what the loader hands on stays inert.
pub fn settle(text: String) -> String {
    if text.is_ascii() || is_inert(&text) {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    walk(&text, |piece| out.push_str(piece.unwrap_or("")));
    out
}

/// Whether a typed character may go into a note or a prompt: not a control
/// and not an invisible character removed wherever it is (a joiner or a
/// variation selector is judged where it ends up, as in a brief).
pub fn typeable(c: char) -> bool {
    !c.is_control() && matches!(disposition(c), Disposition::Keep | Disposition::Context)
}

/// `text` with every character that `clean` would remove or change made
/// visible as U+FFFD, and line breaks as spaces: for text that did not pass
/// through the loader (file names, notes read from disk, messages).
pub fn visible(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    walk(text, |piece| match piece {
        Some("\n") => out.push(' '),
        Some(piece) => out.push_str(piece),
        None => out.push('\u{FFFD}'),
    });
    out
}

/// Call `each` with every piece of `text` that `clean` keeps as it is
/// (`Some`: a character, or a flag's tags), or `None` for one character it
/// would not.
fn walk<'a>(text: &'a str, mut each: impl FnMut(Option<&'a str>)) {
    let mut prev = None;
    let mut i = 0;
    while let Some(c) = text[i..].chars().next() {
        let len = match disposition(c) {
            Disposition::Keep if c == '\n' || !c.is_control() => c.len_utf8(),
            Disposition::Context => format::kept_len(prev, &text[i..]),
            _ => 0,
        };
        if len == 0 {
            each(None);
            i += c.len_utf8();
        } else {
            each(Some(&text[i..i + len]));
            prev = text[i..i + len].chars().next_back();
            i += len;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cleans_table() {
        let cases: &[(&str, &str)] = &[
            ("plain", "plain"),
            ("a\r\nb\rc", "a\nb\nc"),
            ("tab\there", "tab    here"),
            ("nb\u{a0}sp", "nb sp"),
            ("red \x1b[31mtext\x1b[0m", "red text"),
            ("title \x1b]0;pwned\x07done", "title done"),
            ("clip \x1b]52;c;aGVsbG8=\x1b\\end", "clip end"),
            ("link \x1b]8;;http://x\x1b\\here\x1b]8;;\x1b\\", "link here"),
            ("dcs \x1bPq#0;2;0;0;0\x1b\\x", "dcs x"),
            ("c1 \u{9b}31mcsi", "c1 csi"),
            ("c1 \u{9d}0;t\u{9c}osc", "c1 osc"),
            ("bell\x07 back\x08", "bell back"),
            ("bidi \u{202e}txet\u{202c} \u{2067}x\u{2069}", "bidi txet x"),
            ("zero\u{200b}width\u{feff}", "zerowidth"),
            ("emoji 👩\u{200d}💻", "emoji 👩\u{200d}💻"),
            ("lone \u{200d} joiner\u{200c}", "lone  joiner"),
            ("tags a\u{e0068}\u{e0069}\u{e007f}b", "tags ab"),
            (
                "flag 🏴\u{e0067}\u{e0062}\u{e0077}\u{e006c}\u{e0073}\u{e007f}",
                "flag 🏴\u{e0067}\u{e0062}\u{e0077}\u{e006c}\u{e0073}\u{e007f}",
            ),
            ("vs ❤\u{fe0f}\u{fe0e}\u{fe0f}", "vs ❤\u{fe0f}"),
            (
                "marks \u{ad}\u{200e}\u{200f}\u{61c}\u{206a}\u{1d173}\u{fff9}x",
                "marks x",
            ),
            ("arabic \u{0600}١٢", "arabic \u{0600}١٢"),
            ("charset \x1b(Bok", "charset ok"),
            ("dangling \x1b", "dangling "),
            ("ff\x0cpage", "ff\npage"),
        ];
        for (input, want) in cases {
            let got = clean(input);
            assert_eq!(&got, want, "input {input:?}");
            assert!(is_inert(&got), "{got:?}");
        }
    }

    #[test]
    fn decodes_encodings() {
        assert_eq!(decode(b"\xEF\xBB\xBFhi").unwrap(), "hi");
        assert_eq!(decode(b"bad \xFF byte").unwrap(), "bad \u{FFFD} byte");
        assert_eq!(decode(b"\xFF\xFEh\0i\0").unwrap(), "hi");
        assert_eq!(decode(b"\xFE\xFF\0h\0i").unwrap(), "hi");
        assert_eq!(decode(b"a\0b"), Err(DecodeError::Binary));
        assert_eq!(decode(b"").unwrap(), "");
    }
}
