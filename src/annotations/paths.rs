//! A brief's path as an annotation file records it. YAML text is UTF-8, and
//! a Unix file name need not be: `path` is for people (invalid bytes shown
//! as U+FFFD), and a name that is not UTF-8 is also kept byte for byte in
//! `path_bytes`, percent-encoded, so the brief can be found and opened
//! again. Files written before `path_bytes` existed read as before.

use super::BriefRecord;
use std::ffi::OsString;
use std::os::unix::ffi::{OsStrExt, OsStringExt};
use std::path::{Path, PathBuf};

impl BriefRecord {
    /// Record `path` as where the brief was last seen.
    pub fn set_path(&mut self, path: &Path) {
        let bytes = path.as_os_str().as_bytes();
        self.path = Some(path.to_string_lossy().into_owned());
        self.path_bytes = std::str::from_utf8(bytes)
            .is_err()
            .then(|| percent_encode(bytes));
    }

    /// Where the brief was last seen, exactly: from `path_bytes` when it is
    /// there (and decodes), else from `path`.
    pub fn brief_path(&self) -> Option<PathBuf> {
        self.path_bytes
            .as_deref()
            .and_then(percent_decode)
            .map(|b| PathBuf::from(OsString::from_vec(b)))
            .or_else(|| self.path.as_deref().map(PathBuf::from))
    }
}

/// Printable ASCII stays as it is (but `%`); every other byte is `%HH`.
fn percent_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    for &b in bytes {
        if b.is_ascii_graphic() && b != b'%' || b == b' ' {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn percent_decode(text: &str) -> Option<Vec<u8>> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn non_utf8_names_round_trip_and_utf8_names_stay_plain() {
        let raw = PathBuf::from(OsString::from_vec(b"/tmp/caf\xe9 100%.txt".to_vec()));
        let mut record = BriefRecord::default();
        record.set_path(&raw);
        assert_eq!(record.path.as_deref(), Some("/tmp/caf\u{fffd} 100%.txt"));
        assert_eq!(record.path_bytes.as_deref(), Some("/tmp/caf%E9 100%25.txt"));
        assert_eq!(record.brief_path(), Some(raw));
        record.set_path(Path::new("/tmp/café.txt"));
        assert_eq!(record.path_bytes, None);
        assert_eq!(record.brief_path(), Some(PathBuf::from("/tmp/café.txt")));
        // A hand-damaged encoding falls back to the text.
        record.path_bytes = Some("%G".into());
        assert_eq!(record.brief_path(), Some(PathBuf::from("/tmp/café.txt")));
    }
}
