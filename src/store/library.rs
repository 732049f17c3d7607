//! Copying briefs into the user's library folder (`brief add`): written
//! atomically, never over another file.

use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

/// What adding one brief did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Added {
    /// Copied to this path (under another name when its own was taken).
    Copied(PathBuf),
    /// The same bytes are already in the library at this path.
    AlreadyThere(PathBuf),
}

/// `report.txt`, then `report (2).txt`, `report (3).txt`, …
fn candidate(name: &str, n: usize) -> String {
    if n == 1 {
        return name.to_string();
    }
    match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => format!("{stem} ({n}).{ext}"),
        _ => format!("{name} ({n})"),
    }
}

/// Put `bytes` into `dir` as `name`, or as the first free variant of it.
/// The copy is written to a temporary file, synced, then hard-linked into
/// place: the link fails if the name was taken meanwhile, so nothing is
/// ever overwritten, and a crash leaves no half-written brief.
pub fn add_brief(dir: &Path, name: &str, bytes: &[u8]) -> std::io::Result<Added> {
    // The same brief under its own or a numbered name: nothing to do.
    for n in 1..=1000 {
        let target = dir.join(candidate(name, n));
        match fs::read(&target) {
            Ok(existing) if existing == bytes => return Ok(Added::AlreadyThere(target)),
            Ok(_) => continue,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => break,
            Err(_) => continue,
        }
    }
    let temp = dir.join(format!(".{name}.{}.adding", std::process::id()));
    let result = (|| {
        let mut file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o644)
            .custom_flags(libc::O_NOFOLLOW)
            .open(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        for n in 1..=1000 {
            let target = dir.join(candidate(name, n));
            match fs::hard_link(&temp, &target) {
                Ok(()) => {
                    File::open(dir)?.sync_all()?;
                    return Ok(Added::Copied(target));
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(e),
            }
        }
        Err(std::io::Error::other("no free name for it in the library"))
    })();
    let _ = fs::remove_file(&temp);
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_never_reused_and_copies_are_recognised() {
        let dir = tempfile::tempdir().unwrap();
        let a = add_brief(dir.path(), "r.txt", b"one").unwrap();
        assert_eq!(a, Added::Copied(dir.path().join("r.txt")));
        let again = add_brief(dir.path(), "r.txt", b"one").unwrap();
        assert_eq!(again, Added::AlreadyThere(dir.path().join("r.txt")));
        let other = add_brief(dir.path(), "r.txt", b"two").unwrap();
        assert_eq!(other, Added::Copied(dir.path().join("r (2).txt")));
        assert_eq!(fs::read(dir.path().join("r.txt")).unwrap(), b"one");
        let other_again = add_brief(dir.path(), "r.txt", b"two").unwrap();
        assert_eq!(
            other_again,
            Added::AlreadyThere(dir.path().join("r (2).txt"))
        );
        assert_eq!(candidate("notes", 3), "notes (3)");
        let leftovers = fs::read_dir(dir.path())
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .starts_with('.')
            })
            .count();
        assert_eq!(leftovers, 0, "no temporary file left behind");
    }
}
