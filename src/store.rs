//! The only code that writes the user's files: annotation files under the
//! data directory, briefs copied into the library (`library.rs`), rescue
//! files (`rescue.rs`). Annotation files are written so that a crash at any moment leaves the old or
//! the new file, both valid, and so that two instances lose nothing.

use crate::annotations::{AnnotationFile, SCHEMA};
use crate::yaml;
use std::fs::{self, File, OpenOptions};
use std::io::{Read, Write};
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

mod library;
mod rescue;
mod save_error;
pub use save_error::SaveError;
mod scratch;
pub use library::{Added, add_brief};
pub use rescue::{rescue_dirs, summary, texts, write_rescue};
pub use scratch::ScratchFile;
mod find;
pub use find::{Finding, ForReader, Probe, load_record, location};

/// Where annotation files live: `<data dir>/annotations`.
#[derive(Debug, Clone)]
pub struct Store {
    pub dir: PathBuf,
}

/// The state of one brief's annotation file.
#[derive(Debug)]
pub enum Loaded {
    Missing,
    Ok(Box<AnnotationFile>),
    /// It exists but must not be written: the reason names the file.
    Unusable(String),
}

/// The user's data directory for brief (`$XDG_DATA_HOME/brief`). A relative
/// XDG_DATA_HOME is ignored, as the XDG spec requires (the directories
/// crate does this).
pub fn data_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "brief").map(|d| d.data_dir().to_path_buf())
}

/// Folders of brief's own never read as part of a library, when a
/// library folder is a parent of them: the annotations folder (its files
/// are brief's, not briefs, and change at every save) and the cache (the
/// search index, written by searches).
pub fn own_folders() -> Vec<PathBuf> {
    data_dir()
        .into_iter()
        .map(|d| d.join("annotations"))
        .chain(cache_dir())
        .collect()
}

/// `<data dir>/cache`: what brief keeps only to be faster (the search
/// index); safe to delete.
pub fn cache_dir() -> Option<PathBuf> {
    data_dir().map(|d| d.join("cache"))
}

/// `$XDG_CONFIG_HOME/brief`.
pub fn config_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "brief").map(|d| d.config_dir().to_path_buf())
}

/// Create `dir` and its missing parents; the folders created here are
/// private to the user (0700). Existing folders keep their mode.
pub fn private_dir(dir: &Path) -> std::io::Result<()> {
    let missing: Vec<&Path> = dir
        .ancestors()
        .take_while(|a| !a.as_os_str().is_empty() && !a.exists())
        .collect();
    fs::create_dir_all(dir)?;
    for created in missing {
        fs::set_permissions(created, fs::Permissions::from_mode(0o700))?;
    }
    Ok(())
}

/// Make an annotations folder that others can read or write private
/// (0700), as the files in it are: a folder made 0777 by hand or by an old
/// umask would otherwise stay open. Only a folder of ours is changed.
pub fn tighten(dir: &Path) {
    use std::os::unix::fs::MetadataExt;
    let Ok(meta) = fs::symlink_metadata(dir) else {
        return;
    };
    // SAFETY: geteuid has no preconditions.
    let mine = meta.uid() == unsafe { libc::geteuid() };
    if meta.is_dir() && mine && meta.permissions().mode() & 0o077 != 0 {
        let _ = fs::set_permissions(dir, fs::Permissions::from_mode(0o700));
    }
}

/// Read a file without following a symlink planted in its place.
fn read_no_follow(path: &Path) -> std::io::Result<String> {
    let mut file = OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW)
        .open(path)?;
    let size = file.metadata()?.len();
    if size > yaml::MAX_YAML_BYTES as u64 {
        return Err(std::io::Error::other(format!(
            "{} MB is too large for an annotation file",
            size >> 20
        )));
    }
    let mut text = String::new();
    file.read_to_string(&mut text)?;
    Ok(text)
}

/// Why an annotation file cannot be read, in words.
fn unreadable(path: &Path, e: &std::io::Error) -> String {
    let shown = path.display();
    let link = fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    if link {
        // O_NOFOLLOW says only "Too many levels of symbolic links".
        return format!(
            "{shown} is a symbolic link; brief does not follow links for annotation files \
             (move the real file here); it is left untouched"
        );
    }
    format!("{shown}: cannot read ({e}); it is left untouched")
}

/// Everything that can be read of an annotation file that `load` found
/// unusable: shown read-only, never written back.
pub fn salvage(path: &Path) -> Option<crate::annotations::Salvaged> {
    let text = read_no_follow(path).ok()?;
    Some(crate::annotations::salvage(&text))
}

/// Why an existing annotation file must not be replaced although it
/// parses: its owner made it read-only. The mode bits are asked as well as
/// access(2), which says yes to root whatever the mode.
pub fn read_only(path: &Path) -> Option<String> {
    let meta = fs::symlink_metadata(path).ok()?;
    let mode = meta.permissions().mode();
    let denied = std::ffi::CString::new(path.as_os_str().as_encoded_bytes())
        .ok()
        // SAFETY: a valid NUL-terminated path; access() only reads it.
        .is_some_and(|c| unsafe { libc::access(c.as_ptr(), libc::W_OK) } != 0);
    (meta.is_file() && (mode & 0o222 == 0 || denied)).then(|| {
        format!(
            "{} is read-only (mode {:04o}): brief leaves it as it is, so annotations are \
             read-only (make it writable, e.g. chmod u+w, to annotate)",
            path.display(),
            mode & 0o7777
        )
    })
}

pub fn load(path: &Path) -> Loaded {
    let shown = path.display();
    let text = match read_no_follow(path) {
        Ok(text) => text,
        // No file, or no folder where the folder should be: nothing was ever
        // saved here; saving will say what is wrong.
        Err(e)
            if e.kind() == std::io::ErrorKind::NotFound
                || e.raw_os_error() == Some(libc::ENOTDIR) =>
        {
            return Loaded::Missing;
        }
        Err(e) => return Loaded::Unusable(unreadable(path, &e)),
    };
    // Parsed once; the schema is looked at before the shape, so a newer
    // file is never misread as broken.
    let value = yaml::from_str::<yaml::Value>(&text);
    if let Ok(value) = &value
        && let Some(schema) = value.get("schema").as_ref().and_then(yaml::Value::as_u64)
        && schema > u64::from(SCHEMA)
    {
        return Loaded::Unusable(format!(
            "{shown}: written by a newer brief (schema {schema}); annotations are read-only"
        ));
    }
    match value.and_then(yaml::from_value::<AnnotationFile>) {
        Ok(file) => Loaded::Ok(Box::new(file)),
        Err(e) => {
            let at = e.line.map(|l| format!(":{l}")).unwrap_or_default();
            Loaded::Unusable(format!(
                "{shown}{at}: does not parse ({}); it is left untouched",
                e.message
            ))
        }
    }
}

impl Store {
    pub fn new(dir: PathBuf) -> Store {
        Store { dir }
    }

    /// The default store in the user's data directory.
    pub fn open_default() -> Option<Store> {
        data_dir().map(|d| Store::new(d.join("annotations")))
    }

    /// Called when a brief opens: makes the annotations folder private if
    /// it exists, and says now (not at the first save) why notes could not
    /// be saved in it: a file where a folder should be, or a folder that
    /// cannot be written. Nothing is created.
    pub fn check(&self) -> Result<(), String> {
        tighten(&self.dir);
        let Some(existing) = self.dir.ancestors().find(|a| fs::metadata(a).is_ok()) else {
            return Ok(());
        };
        if !existing.is_dir() {
            return Err(format!(
                "{} is a file, not a folder, so notes cannot be saved in {}",
                existing.display(),
                self.dir.display()
            ));
        }
        let writable = std::ffi::CString::new(existing.as_os_str().as_encoded_bytes())
            .ok()
            // SAFETY: a valid NUL-terminated path; access() only reads it.
            .is_some_and(|c| unsafe { libc::access(c.as_ptr(), libc::W_OK | libc::X_OK) } == 0);
        if !writable {
            return Err(format!(
                "{} cannot be written ({}), so notes cannot be saved in {}",
                existing.display(),
                std::io::Error::last_os_error(),
                self.dir.display()
            ));
        }
        Ok(())
    }

    /// Every annotation file in the store (for the library, the bookmarks
    /// list and export --all).
    pub fn all(&self) -> Vec<(PathBuf, Loaded)> {
        self.files()
            .into_iter()
            .map(|p| {
                let loaded = load(&p);
                (p, loaded)
            })
            .collect()
    }
}

static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

/// Save `ours` to `path`: under an exclusive lock, merge with what another
/// instance may have written since, then write a temporary file, fsync it,
/// rename it over the old one and fsync the directory. Returns the merged
/// file. A file on disk that does not parse, or is newer, is not touched.
pub fn save(path: &Path, ours: &AnnotationFile) -> Result<AnnotationFile, SaveError> {
    save_with(path, ours, &|file, bytes| file.write_all(bytes))
}

/// How the bytes reach the temporary file; tests pass one that fails.
pub type WriteFn = dyn Fn(&mut File, &[u8]) -> std::io::Result<()>;

/// `save` with the write step given: fault tests make it fail half-way.
pub fn save_with(
    path: &Path,
    ours: &AnnotationFile,
    write: &WriteFn,
) -> Result<AnnotationFile, SaveError> {
    let shown = path.display().to_string();
    let dir = path
        .parent()
        .ok_or_else(|| SaveError::Refused(format!("{shown}: no parent directory")))?;
    private_dir(dir).map_err(|e| SaveError::folder(dir, "create", &e))?;
    tighten(dir);
    // One lock on the folder serialises every save of every instance: the
    // read-merge-write below is then never interleaved with another's.
    let lock = File::open(dir).map_err(|e| SaveError::folder(dir, "open", &e))?;
    lock.lock()
        .map_err(|e| SaveError::folder(dir, "lock", &e))?;
    if let Some(why) = read_only(path) {
        return Err(SaveError::Refused(why));
    }
    let mut merged = ours.clone();
    match load(path) {
        Loaded::Missing => {}
        Loaded::Ok(disk) => merged.merge_from(&disk),
        Loaded::Unusable(why) => return Err(SaveError::Refused(why)),
    }
    merged.schema = SCHEMA;
    let text = yaml::to_string(&merged).map_err(|e| SaveError::Refused(format!("{shown}: {e}")))?;
    write_atomically(path, dir, text.as_bytes(), write).map_err(|e| SaveError::write(path, &e))?;
    drop(lock);
    Ok(merged)
}

fn write_atomically(path: &Path, dir: &Path, bytes: &[u8], write: &WriteFn) -> std::io::Result<()> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = dir.join(format!(
        ".{name}.{}.{}.tmp",
        std::process::id(),
        TEMP_COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let result = (|| {
        let mut file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .custom_flags(libc::O_NOFOLLOW)
            .open(&temp)?;
        write(&mut file, bytes)?;
        file.sync_all()?;
        // rename() replaces a symlink planted at `path`; it never writes through it.
        fs::rename(&temp, path)?;
        File::open(dir)?.sync_all()
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result
}

/// Write a cache file in the data folder (the search index): made in a
/// private folder, written whole to a temporary file and renamed over, so a
/// reader sees the old file or the new one, never half of one.
pub fn write_cache(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path
        .parent()
        .ok_or_else(|| std::io::Error::other("a cache file needs a folder"))?;
    private_dir(dir)?;
    write_atomically(path, dir, bytes, &|file, bytes| file.write_all(bytes))
}

/// A small user file (keymap, config), refused above the YAML size limit.
pub fn read_user_file(path: &Path) -> std::io::Result<Option<String>> {
    match std::fs::metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
        Ok(m) if m.len() > crate::yaml::MAX_YAML_BYTES as u64 => {
            return Err(std::io::Error::other(format!(
                "{} MB is too large for a keymap; ignored",
                m.len() >> 20
            )));
        }
        Ok(_) => {}
    }
    let bytes = std::fs::read(path)?;
    Ok(Some(String::from_utf8_lossy(&bytes).into_owned()))
}
