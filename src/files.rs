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
pub fn list_briefs(dir: &Path) -> Vec<PathBuf> {
    let Ok(read) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = read
        .filter_map(Result::ok)
        .filter(|e| {
            let name = e.file_name();
            let name = name.to_string_lossy();
            let ext = name
                .rsplit_once('.')
                .map(|(_, x)| x.to_lowercase())
                .unwrap_or_default();
            // The entry's own type needs no extra stat; only links are followed.
            let is_file = match e.file_type() {
                Ok(t) if t.is_symlink() => e.path().is_file(),
                Ok(t) => t.is_file(),
                Err(_) => false,
            };
            !name.starts_with('.') && EXTENSIONS.contains(&ext.as_str()) && is_file
        })
        .map(|e| e.path())
        .collect();
    files.sort();
    files
}
