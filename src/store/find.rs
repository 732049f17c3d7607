//! Finding a brief's annotation file on disk, moving it to the brief's
//! current name, and attaching notes whose brief was lost. The reasoning is
//! in `annotations::identity`; this is the part that reads and renames.

use super::{Loaded, Store, load, read_no_follow, save};
use crate::annotations::{
    AnnotationFile, BriefRecord, Fingerprint, brief_key, file_name_for, find_record, is_name_of,
    same_at_path,
};
use crate::document::Brief;
use crate::yaml;
use std::fs::{self, File};
use std::path::{Path, PathBuf};

/// Reads the start of the brief at a path (None: no brief there), to tell
/// whether a record's own path still holds its brief.
pub type Probe<'a> = &'a mut dyn FnMut(&Path) -> Option<Fingerprint>;

/// The absolute form of a brief's path, as records keep it.
pub fn location(path: &Path) -> PathBuf {
    fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

/// The record of an annotation file, read without its annotations: cheap
/// enough to read every file when one brief is opened, and readable even
/// when the annotations below it do not parse.
pub fn load_record(path: &Path) -> Option<BriefRecord> {
    #[derive(serde::Deserialize)]
    struct Head {
        brief: BriefRecord,
    }
    let text = read_no_follow(path).ok()?;
    // `brief` comes before `position` and `annotations` in every file this
    // program writes; parse only up to them, else the whole text.
    let cut = ["\nposition:", "\nannotations:"]
        .iter()
        .filter_map(|k| text.find(k))
        .min()
        .unwrap_or(text.len());
    yaml::from_str::<Head>(&text[..cut])
        .or_else(|_| yaml::from_str::<Head>(&text))
        .ok()
        .map(|h| h.brief)
}

/// A brief's annotations as the reader gets them (`open_for_reader`).
#[derive(Debug)]
pub struct ForReader {
    pub path: PathBuf,
    pub file: AnnotationFile,
    /// Why they must not be changed (the file does not parse, is newer,
    /// is read-only, is a link): the whole reason, naming the file.
    pub read_only: Option<String>,
    /// Why saving cannot work (the data folder is a file, or unwritable).
    pub save_problem: Option<String>,
}

fn upper(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Where a brief's annotations are.
#[derive(Debug)]
pub struct Finding {
    pub path: PathBuf,
    pub loaded: Loaded,
    /// Other files of the same brief (left by two instances at once).
    pub also: Vec<PathBuf>,
}

impl Store {
    /// Every annotation file with its record (None: unreadable).
    pub fn records(&self) -> Vec<(PathBuf, Option<BriefRecord>)> {
        self.files()
            .into_iter()
            .map(|p| {
                let record = load_record(&p);
                (p, record)
            })
            .collect()
    }

    /// The annotation files, by name (temporary files left out).
    pub fn files(&self) -> Vec<PathBuf> {
        self.visible_files(true)
    }

    /// Files in the annotations folder that are not annotation files by
    /// name (`notes.yml`, `x.yaml.bak`): never read, so worth naming.
    /// Hidden and temporary files are left out.
    pub fn misnamed(&self) -> Vec<PathBuf> {
        self.visible_files(false)
    }

    /// Files of the annotations folder, not hidden, sorted: those named
    /// `*.yaml` (`yaml`) or the others.
    fn visible_files(&self, yaml: bool) -> Vec<PathBuf> {
        let Ok(dir) = fs::read_dir(&self.dir) else {
            return Vec::new();
        };
        let mut paths: Vec<PathBuf> = dir
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| {
                p.extension().is_some_and(|e| e == "yaml") == yaml
                    && !p
                        .file_name()
                        .is_some_and(|n| n.to_string_lossy().starts_with('.'))
            })
            .collect();
        paths.sort();
        paths
    }

    /// Which annotation file belongs to `brief`, read at `at` (`now` is its
    /// fingerprint). Reads only; see `locate` for what opening a brief does.
    /// When none does, the file a new one would be written to.
    pub fn find(&self, brief: &Brief, now: &Fingerprint, at: &Path, probe: Probe) -> Finding {
        let location = location(at);
        let all = self.records();
        let refs: Vec<Option<&BriefRecord>> = all.iter().map(|(_, r)| r.as_ref()).collect();
        let found = find_record(&refs, now, &location, &mut |record| {
            holds_its_brief(record, probe)
        });
        if let Some(i) = found.best {
            let path = all[i].0.clone();
            return Finding {
                loaded: load(&path),
                path,
                also: found.also.iter().map(|&i| all[i].0.clone()).collect(),
            };
        }
        let key = brief_key(brief);
        for n in 0..64 {
            let path = self.dir.join(file_name_for(&key, n));
            let known = all.iter().find(|(p, _)| *p == path);
            match known {
                None if fs::symlink_metadata(&path).is_err() => {
                    return Finding {
                        path,
                        loaded: Loaded::Missing,
                        also: Vec::new(),
                    };
                }
                // A file whose record cannot be read may be this brief's:
                // it is shown read-only with its problem, never replaced.
                Some((_, None)) | None => {
                    let loaded = load(&path);
                    return Finding {
                        path,
                        loaded,
                        also: Vec::new(),
                    };
                }
                Some((_, Some(_))) => continue,
            }
        }
        let path = self.dir.join(file_name_for(&key, 64));
        Finding {
            loaded: load(&path),
            path,
            also: Vec::new(),
        }
    }

    /// `find`, then keep the file in step with the brief as it is now: its
    /// record (path, title, fingerprint) brought up to date, the file renamed
    /// to the brief's current name, copies left by two instances merged in.
    /// Nothing is orphaned by an edit, a rename or a move.
    pub fn locate(
        &self,
        brief: &Brief,
        now: &Fingerprint,
        at: &Path,
        probe: Probe,
    ) -> (PathBuf, Loaded) {
        let finding = self.find(brief, now, at, probe);
        let Loaded::Ok(mut file) = finding.loaded else {
            return (finding.path, finding.loaded);
        };
        // A file its owner made read-only is neither renamed nor rewritten.
        if super::read_only(&finding.path).is_some() {
            return (finding.path, Loaded::Ok(file));
        }
        let before = file.brief.clone();
        file.brief.refresh(now);
        file.brief.set_path(&location(at));
        let mut changed = file.brief != before;
        let mut merged = Vec::new();
        for other in &finding.also {
            if let Loaded::Ok(theirs) = load(other) {
                file.merge_from(&theirs);
                merged.push(other.clone());
                changed = true;
            }
        }
        let mut path = finding.path;
        let home = self.home(brief, &path);
        if home != path && rename_into(&path, &home).is_ok() {
            path = home;
        }
        if changed && let Ok(saved) = save(&path, &file) {
            *file = saved;
            for other in merged {
                let _ = fs::remove_file(other);
            }
        }
        (path, Loaded::Ok(file))
    }

    /// What the reader gets when it opens `brief` (read at `at`): its
    /// annotations, found and kept in step (`locate`), or what can be read
    /// of a file that cannot be used, with why annotations are read-only;
    /// and why saving will fail, said now rather than at the first save.
    pub fn open_for_reader(
        &self,
        brief: &Brief,
        now: &Fingerprint,
        at: &Path,
        probe: Probe,
    ) -> ForReader {
        let save_problem = self.check().err();
        let (path, loaded) = self.locate(brief, now, at, probe);
        let (file, read_only) = match loaded {
            Loaded::Missing => (
                AnnotationFile::new(BriefRecord::describe(now, Some(&location(at)))),
                None,
            ),
            Loaded::Ok(file) => {
                let why = super::read_only(&path);
                (*file, why)
            }
            Loaded::Unusable(why) => match super::salvage(&path) {
                Some(salvaged) => {
                    let summary = salvaged.summary();
                    let shown = if salvaged.file.annotations.is_empty() {
                        String::new()
                    } else {
                        " and are shown, read-only".to_string()
                    };
                    (
                        salvaged.file,
                        Some(format!("{why}. {}{shown}", upper(&summary))),
                    )
                }
                None => (
                    AnnotationFile::new(BriefRecord::describe(now, Some(&location(at)))),
                    Some(why),
                ),
            },
        };
        ForReader {
            path,
            file,
            read_only,
            save_problem,
        }
    }

    /// The name `brief`'s file should have: `current` if it is one of the
    /// brief's names already, else the first free one.
    fn home(&self, brief: &Brief, current: &Path) -> PathBuf {
        let key = brief_key(brief);
        let stem = current
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        if current.parent() == Some(self.dir.as_path()) && is_name_of(&stem, &key) {
            return current.to_path_buf();
        }
        (0..64)
            .map(|n| self.dir.join(file_name_for(&key, n)))
            .find(|p| fs::symlink_metadata(p).is_err())
            .unwrap_or_else(|| current.to_path_buf())
    }

    /// The annotation file named `id` (as listed for notes without a brief).
    pub fn by_id(&self, id: &str) -> Option<PathBuf> {
        let safe =
            !id.is_empty() && !id.starts_with('.') && !id.contains(['/', '\0']) && id != "..";
        let path = self.dir.join(format!("{id}.yaml"));
        (safe && path.is_file()).then_some(path)
    }

    /// Give the annotations in `orphan` to `brief` (read at `at`): merged
    /// into the brief's own file if it has one, else moved to the brief's
    /// name. Returns the brief's file as written.
    pub fn attach(
        &self,
        orphan: &Path,
        brief: &Brief,
        now: &Fingerprint,
        at: &Path,
        probe: Probe,
    ) -> Result<(PathBuf, AnnotationFile), String> {
        let theirs = match load(orphan) {
            Loaded::Ok(file) => *file,
            Loaded::Missing => return Err(format!("{}: no such notes", orphan.display())),
            Loaded::Unusable(why) => return Err(why),
        };
        // Checked now, not when the list was made: notes that found their
        // brief again since are never moved off it.
        if let Some(theirs_at) = theirs.brief.brief_path()
            && location(&theirs_at) != location(at)
            && holds_its_brief(&theirs.brief, probe)
        {
            return Err(format!(
                "these notes have their brief again ({}): left on it",
                crate::text::printable(&theirs_at.display().to_string())
            ));
        }
        let finding = self.find(brief, now, at, probe);
        let (path, mut file) = match finding.loaded {
            Loaded::Unusable(why) => return Err(why),
            Loaded::Ok(mine) if finding.path != orphan => {
                let mut mine = *mine;
                mine.merge_from(&theirs);
                (finding.path, mine)
            }
            Loaded::Ok(_) => (self.home(brief, orphan), theirs),
            Loaded::Missing => (finding.path, theirs),
        };
        file.brief.refresh(now);
        file.brief.set_path(&location(at));
        if path != orphan && !path.exists() {
            rename_into(orphan, &path).map_err(|e| format!("{}: {e}", orphan.display()))?;
        }
        let saved = save(&path, &file).map_err(|e| e.to_string())?;
        if path != orphan && orphan.exists() {
            fs::remove_file(orphan).map_err(|e| format!("{}: {e}", orphan.display()))?;
        }
        Ok((path, saved))
    }
}

/// Whether the file at `record`'s path is still the brief it describes.
fn holds_its_brief(record: &BriefRecord, probe: Probe) -> bool {
    let Some(path) = record.brief_path() else {
        return false;
    };
    probe(&path).is_some_and(|there| same_at_path(&Fingerprint::of_record(record), &there))
}

/// Rename an annotation file to a new name, under the store's lock, never
/// over an existing file.
fn rename_into(from: &Path, to: &Path) -> std::io::Result<()> {
    let dir = to
        .parent()
        .ok_or_else(|| std::io::Error::other("no parent directory"))?;
    let lock = File::open(dir)?;
    lock.lock()?;
    if fs::symlink_metadata(to).is_ok() {
        return Err(std::io::Error::from(std::io::ErrorKind::AlreadyExists));
    }
    fs::rename(from, to)?;
    File::open(dir)?.sync_all()
}
