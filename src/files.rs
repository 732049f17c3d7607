//! Which files are briefs: the extensions the library lists, and listing a
//! folder. One place, so `brief add`, the library and the CLI agree.

use std::path::{Path, PathBuf};

/// Extensions (lower case) of the files the library lists and reads.
pub const EXTENSIONS: &[&str] = &["txt", "md", "markdown", "html", "htm", "pdf"];

/// Whether `path` has one of the extensions the library lists.
pub fn has_brief_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.contains(&e.to_lowercase().as_str()))
}

/// Brief files in a folder (not hidden, with one of `EXTENSIONS`), by name.
/// What cannot be listed is left out; `list_folder` says what and why.
pub fn list_briefs(dir: &Path) -> Vec<PathBuf> {
    list_folder(dir).map(|l| l.briefs).unwrap_or_default()
}

/// A folder's entries: the briefs, and the entries named like briefs that
/// are not files `brief` can read, each with the reason.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Listing {
    pub briefs: Vec<PathBuf>,
    pub skipped: Vec<(PathBuf, String)>,
}

/// List `dir` (an error: it cannot be listed at all). Named like a brief
/// but left out, with the reason: symbolic links that loop or lead
/// nowhere, folders, named pipes (reading one would wait forever), devices
/// and sockets.
pub fn list_folder(dir: &Path) -> std::io::Result<Listing> {
    let mut listing = Listing::default();
    for entry in std::fs::read_dir(dir)? {
        let Ok(entry) = entry else { continue };
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let ext = name
            .rsplit_once('.')
            .map(|(_, x)| x.to_lowercase())
            .unwrap_or_default();
        if name.starts_with('.') || !EXTENSIONS.contains(&ext.as_str()) {
            continue;
        }
        let path = entry.path();
        // The entry's own type needs no extra stat; only links are followed.
        let kind = match entry.file_type() {
            Ok(t) if t.is_symlink() => match std::fs::metadata(&path) {
                Ok(m) => Ok(m.file_type()),
                Err(e) => Err(broken_link(&path, &e)),
            },
            Ok(t) => Ok(t),
            Err(e) => Err(format!("cannot be read ({e})")),
        };
        match kind.and_then(|t| not_a_file(t).map_or(Ok(()), Err)) {
            Ok(()) => listing.briefs.push(path),
            Err(why) => listing.skipped.push((path, why)),
        }
    }
    listing.briefs.sort();
    listing.skipped.sort();
    Ok(listing)
}

/// Why an entry of this type is not a brief (None: it is a regular file).
fn not_a_file(kind: std::fs::FileType) -> Option<String> {
    use std::os::unix::fs::FileTypeExt;
    let why = if kind.is_file() {
        return None;
    } else if kind.is_dir() {
        "a folder, not a brief"
    } else if kind.is_fifo() {
        "a named pipe (FIFO), not a file: brief does not read it"
    } else if kind.is_socket() {
        "a socket, not a file"
    } else if kind.is_block_device() || kind.is_char_device() {
        "a device, not a file"
    } else {
        "not a regular file"
    };
    Some(why.to_string())
}

/// Why a symbolic link leads to no file, in words.
fn broken_link(path: &Path, e: &std::io::Error) -> String {
    let target = std::fs::read_link(path)
        .map(|t| crate::text::printable(&t.display().to_string()).into_owned())
        .unwrap_or_default();
    match e.raw_os_error() {
        Some(libc::ELOOP) => "a symbolic link that loops (it leads back to itself)".to_string(),
        Some(libc::ENOENT) => format!("a symbolic link to {target}, which does not exist"),
        _ => format!("a symbolic link to {target}, which cannot be read ({e})"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_named_like_a_brief_but_is_not_one_is_listed_with_the_reason() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::write(d.join("good.txt"), "Title\n\nText.\n").unwrap();
        std::fs::write(d.join("notes.docx"), "not named like a brief").unwrap();
        std::os::unix::fs::symlink("loop.txt", d.join("loop.txt")).unwrap();
        std::os::unix::fs::symlink("gone.txt", d.join("dangling.md")).unwrap();
        std::os::unix::fs::symlink("good.txt", d.join("link.txt")).unwrap();
        std::fs::create_dir(d.join("folder.txt")).unwrap();
        let fifo = std::ffi::CString::new(d.join("pipe.txt").into_os_string().into_encoded_bytes())
            .unwrap();
        // SAFETY: a valid path; mkfifo only reads it.
        assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o600) }, 0);
        let listing = list_folder(d).unwrap();
        assert_eq!(listing.briefs, [d.join("good.txt"), d.join("link.txt")]);
        let why = |name: &str| {
            listing
                .skipped
                .iter()
                .find(|(p, _)| p == &d.join(name))
                .map(|(_, w)| w.clone())
                .unwrap_or_default()
        };
        assert_eq!(listing.skipped.len(), 4, "{:?}", listing.skipped);
        assert!(why("loop.txt").contains("loops"));
        assert!(why("dangling.md").contains("to gone.txt, which does not exist"));
        assert!(why("folder.txt").contains("a folder"));
        assert!(why("pipe.txt").contains("named pipe"));
        assert!(list_folder(&d.join("missing")).is_err());
    }
}
