//! Which files are briefs: the extensions the library lists, and listing a
//! folder. One place, so `brief add`, the library and the CLI agree.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// Extensions (lower case) of the files the library lists and reads.
pub const EXTENSIONS: &[&str] = &["txt", "md", "markdown", "html", "htm", "pdf"];

/// Whether `path` has one of the extensions the library lists.
pub fn has_brief_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.contains(&e.to_lowercase().as_str()))
}

/// Brief files in a folder itself (not hidden, with one of `EXTENSIONS`),
/// by name; subfolders are not read (`brief add FOLDER` copies these).
/// What cannot be listed is left out; `list_folder` says what and why.
pub fn list_briefs(dir: &Path) -> Vec<PathBuf> {
    let mut seen = HashSet::new();
    let mut listing = Listing::default();
    let _ = list_one(dir, &mut seen, &mut listing);
    listing.briefs.sort();
    listing.briefs
}

/// The briefs of a library folder and its subfolders (`list_tree`), as
/// the library lists them: what `brief search` and the library search read.
pub fn list_library(dir: &Path, skip: &[PathBuf]) -> Vec<PathBuf> {
    list_tree(dir, skip).map(|l| l.briefs).unwrap_or_default()
}

/// A library's entries: the briefs, and the entries named like briefs that
/// are not files `brief` can read, each with the reason; and the folders
/// read (the library folder first), which are the ones to watch.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Listing {
    pub briefs: Vec<PathBuf>,
    pub skipped: Vec<(PathBuf, String)>,
    pub folders: Vec<PathBuf>,
}

/// Folders deeper than this below a library are not read: a guard against
/// a tree made deep on purpose (loops are caught without it).
pub const MAX_DEPTH: usize = 32;

/// `list_tree` with nothing to skip.
pub fn list_folder(dir: &Path) -> std::io::Result<Listing> {
    list_tree(dir, &[])
}

/// List the library folder `dir` and its subfolders, recursively (an
/// error: `dir` itself cannot be listed). Hidden entries (`.git`, `.cache`,
/// dot-files) are left out, and so is every folder in `skip` (the data
/// folder, when the library is a parent of it). A folder reached twice (a
/// symbolic link back up the tree, or to a folder already read) is read
/// once, so no loop can make the walk go on. A subfolder that cannot be
/// listed is an entry of its own, with the reason. Named like a brief but
/// left out, with the reason: symbolic links that loop or lead nowhere,
/// named pipes (reading one would wait forever), devices and sockets.
pub fn list_tree(dir: &Path, skip: &[PathBuf]) -> std::io::Result<Listing> {
    list_tree_at_most(dir, skip, MAX_FOLDERS)
}

/// Folders read at most in one library: a library pointed at a home folder
/// would otherwise read (and watch) every folder in it.
pub const MAX_FOLDERS: usize = 5000;

fn list_tree_at_most(dir: &Path, skip: &[PathBuf], most: usize) -> std::io::Result<Listing> {
    let mut seen: HashSet<(u64, u64)> = skip
        .iter()
        .filter_map(|p| std::fs::metadata(p).ok())
        .map(|m| identity(&m))
        .collect();
    if let Ok(m) = std::fs::metadata(dir) {
        seen.insert(identity(&m));
    }
    let mut listing = Listing::default();
    let mut folders = list_one(dir, &mut seen, &mut listing)?;
    listing.folders.push(dir.to_path_buf());
    // Depth first, each folder's subfolders in name order.
    folders.reverse();
    let mut stack: Vec<(PathBuf, usize)> = folders.into_iter().map(|f| (f, 1)).collect();
    while let Some((folder, depth)) = stack.pop() {
        if depth > MAX_DEPTH {
            continue;
        }
        if listing.folders.len() >= most {
            // Said once, on the first folder left out.
            listing.skipped.push((
                folder,
                format!(
                    "not read, nor the folders after it: the library has more than {most} folders"
                ),
            ));
            break;
        }
        match list_one(&folder, &mut seen, &mut listing) {
            Ok(mut sub) => {
                listing.folders.push(folder);
                sub.reverse();
                stack.extend(sub.into_iter().map(|f| (f, depth + 1)));
            }
            Err(e) => listing
                .skipped
                .push((folder, format!("this folder cannot be listed ({e})"))),
        }
    }
    listing.briefs.sort();
    listing.skipped.sort();
    Ok(listing)
}

/// A file's identity on its file system: the same folder reached by two
/// paths has the same one.
fn identity(m: &std::fs::Metadata) -> (u64, u64) {
    use std::os::unix::fs::MetadataExt;
    (m.dev(), m.ino())
}

/// Read one folder into `listing`; its subfolders not `seen` yet (now
/// seen), by name, to read next.
fn list_one(
    dir: &Path,
    seen: &mut HashSet<(u64, u64)>,
    listing: &mut Listing,
) -> std::io::Result<Vec<PathBuf>> {
    let mut folders = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let Ok(entry) = entry else { continue };
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') {
            continue;
        }
        let ext = name
            .rsplit_once('.')
            .map(|(_, x)| x.to_lowercase())
            .unwrap_or_default();
        let brief_like = EXTENSIONS.contains(&ext.as_str());
        let path = entry.path();
        // The entry's own type needs no extra stat; only links are followed.
        let kind = match entry.file_type() {
            Ok(t) if t.is_symlink() => match std::fs::metadata(&path) {
                Ok(m) if m.is_dir() => {
                    if seen.insert(identity(&m)) {
                        folders.push(path);
                    }
                    continue;
                }
                Ok(m) => Ok(m.file_type()),
                Err(e) => Err(broken_link(&path, &e)),
            },
            Ok(t) if t.is_dir() => {
                if let Ok(m) = entry.metadata()
                    && seen.insert(identity(&m))
                {
                    folders.push(path);
                }
                continue;
            }
            Ok(t) => Ok(t),
            Err(e) => Err(format!("cannot be read ({e})")),
        };
        if !brief_like {
            continue;
        }
        match kind.and_then(|t| not_a_file(t).map_or(Ok(()), Err)) {
            Ok(()) => listing.briefs.push(path),
            Err(why) => listing.skipped.push((path, why)),
        }
    }
    folders.sort();
    Ok(folders)
}

/// The folder a brief is in, under the library folder `root`, as shown
/// before its title: `energy/`, `energy/gas/`; empty at the top.
pub fn folder_in(root: &Path, path: &Path) -> String {
    let Some(parent) = path.parent().and_then(|p| p.strip_prefix(root).ok()) else {
        return String::new();
    };
    parent
        .components()
        .map(|c| format!("{}/", c.as_os_str().to_string_lossy()))
        .collect()
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
        assert_eq!(listing.skipped.len(), 3, "{:?}", listing.skipped);
        assert!(why("loop.txt").contains("loops"));
        assert!(why("dangling.md").contains("to gone.txt, which does not exist"));
        // A folder named like a brief is a subfolder like any other.
        assert_eq!(listing.folders, [d.to_path_buf(), d.join("folder.txt")]);
        assert!(why("pipe.txt").contains("named pipe"));
        assert!(list_folder(&d.join("missing")).is_err());
    }

    #[test]
    fn subfolders_are_read_but_not_hidden_ones_loops_or_the_folders_skipped() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        for folder in [
            "energy/gas",
            ".git/objects",
            "data/brief/annotations",
            "empty",
        ] {
            std::fs::create_dir_all(d.join(folder)).unwrap();
        }
        for file in [
            "top.txt",
            "energy/a.md",
            "energy/gas/b.txt",
            ".git/objects/c.txt",
            "energy/.hidden.txt",
            "data/brief/annotations/d.txt",
        ] {
            std::fs::write(d.join(file), "Title\n\nText.\n").unwrap();
        }
        // Links back up the tree, and to a folder read already.
        std::os::unix::fs::symlink("..", d.join("energy/up")).unwrap();
        std::os::unix::fs::symlink(d, d.join("energy/gas/root")).unwrap();
        std::os::unix::fs::symlink("energy", d.join("again")).unwrap();
        let listing = list_tree(d, &[d.join("data/brief/annotations")]).unwrap();
        assert_eq!(
            listing.briefs,
            [
                d.join("energy/a.md"),
                d.join("energy/gas/b.txt"),
                d.join("top.txt")
            ]
        );
        assert!(listing.skipped.is_empty(), "{:?}", listing.skipped);
        assert_eq!(listing.folders[0], d);
        assert!(listing.folders.contains(&d.join("energy/gas")));
        assert!(!listing.folders.iter().any(|f| f.ends_with("objects")));
        assert_eq!(
            list_library(d, &[]).len(),
            4,
            "the data folder when not skipped"
        );
        assert_eq!(
            list_briefs(d),
            [d.join("top.txt")],
            "list_briefs reads one folder"
        );
        assert_eq!(folder_in(d, &d.join("energy/gas/b.txt")), "energy/gas/");
        assert_eq!(folder_in(d, &d.join("top.txt")), "");
        // Past the most folders read, each folder left is named.
        let few = list_tree_at_most(d, &[], 2).unwrap();
        assert_eq!(few.folders.len(), 2);
        assert_eq!(few.skipped.len(), 1, "{:?}", few.skipped);
        assert!(few.skipped[0].1.contains("more than 2 folders"));
    }
}
