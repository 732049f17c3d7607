//! Non-interactive commands: `show`, `export`, `keymap`, `add`, and how the
//! interactive reader is started.

use crate::annotations::{AnnotationFile, BriefRecord, Fingerprint};
use crate::config::Config;
use crate::document::Brief;
use crate::keymap::{Context, Keymap, format_sequence};
use crate::store::{self, Loaded, Store};
use crate::text::printable;
use anyhow::{Context as _, Result, bail};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

mod export;

/// Largest brief read whole. Bigger files are almost certainly not briefs,
/// and reading them would cost memory the reader cannot justify.
pub const MAX_BRIEF_BYTES: u64 = 64 * 1024 * 1024;

/// Read and parse one brief file; every error names the file, on one line.
pub fn read_brief(path: &Path) -> Result<Brief> {
    let bytes = read_brief_bytes(path)?;
    parse_brief(path, &bytes)
}

/// Parse bytes read from `path`, naming the file in any error.
pub fn parse_brief(path: &Path, bytes: &[u8]) -> Result<Brief> {
    let shown = crate::text::printable(&path.display().to_string()).into_owned();
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    crate::loader::load(bytes, &name).map_err(|e| anyhow::anyhow!("{shown}: {e}"))
}

/// The start of a brief: when the file is larger than `min_size`, its first
/// `limit` bytes parsed up to the last blank line; otherwise the whole
/// brief. The flag says whether only the start was parsed.
pub fn read_brief_start(path: &Path, limit: u64, min_size: u64) -> Result<(Brief, bool)> {
    let (head, size) = read_brief_head(path, limit)?;
    // A saved page or a PDF means nothing cut short: it is read whole.
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    if !crate::loader::parses_in_parts(crate::loader::format_of(&name, &head)) {
        let bytes = if size as usize == head.len() {
            head
        } else {
            read_brief_bytes(path)?
        };
        // A long PDF shows its first pages while the rest is read.
        if size > min_size
            && let Some(Ok(start)) = crate::loader::load_start(&bytes, &name)
        {
            return Ok((start, true));
        }
        return Ok((parse_brief(path, &bytes)?, false));
    }
    let cut = (size > min_size).then(|| quick_cut(&head)).flatten();
    match cut {
        Some(cut) => Ok((parse_brief(path, &head[..cut])?, true)),
        None if size as usize == head.len() => Ok((parse_brief(path, &head)?, false)),
        None => Ok((read_brief(path)?, false)),
    }
}

/// Where to cut the first bytes of a large brief so its start can be shown
/// before the rest is read: the last blank line (a paragraph boundary, so
/// the passages before it parse as they will in the whole). None for UTF-16
/// or when there is no blank line to cut at.
pub fn quick_cut(head: &[u8]) -> Option<usize> {
    if head.starts_with(b"\xFF\xFE") || head.starts_with(b"\xFE\xFF") {
        return None;
    }
    [&b"\n\n"[..], b"\r\n\r\n", b"\r\r"]
        .iter()
        .filter_map(|sep| {
            head.windows(sep.len())
                .rposition(|w| w == *sep)
                .map(|i| i + sep.len())
        })
        .max()
}

/// The first `limit` bytes of a brief file and its whole size, with the
/// same checks as `read_brief_bytes`.
fn read_brief_head(path: &Path, limit: u64) -> Result<(Vec<u8>, u64)> {
    use std::io::Read;
    let shown = crate::text::printable(&path.display().to_string()).into_owned();
    let file = std::fs::File::open(path).with_context(|| format!("{shown}: cannot read"))?;
    let size = file
        .metadata()
        .with_context(|| format!("{shown}: cannot read"))?
        .len();
    if size > MAX_BRIEF_BYTES {
        return read_brief_bytes(path).map(|b| (b, size));
    }
    let mut head = Vec::with_capacity(limit.min(size) as usize);
    file.take(limit)
        .read_to_end(&mut head)
        .with_context(|| format!("{shown}: cannot read"))?;
    Ok((head, size))
}

/// The bytes of a brief file, refusing folders and oversized files.
pub fn read_brief_bytes(path: &Path) -> Result<Vec<u8>> {
    let shown = crate::text::printable(&path.display().to_string()).into_owned();
    let meta = std::fs::metadata(path).with_context(|| format!("{shown}: cannot read"))?;
    if meta.is_dir() {
        bail!("{shown}: is a folder, not a brief");
    }
    if meta.len() > MAX_BRIEF_BYTES {
        bail!(
            "{shown}: too large for a brief ({} MB; the limit is {} MB)",
            meta.len() >> 20,
            MAX_BRIEF_BYTES >> 20
        );
    }
    std::fs::read(path).with_context(|| format!("{shown}: cannot read"))
}

/// `brief show --json FILE`.
pub fn show_json(path: &Path) -> Result<ExitCode> {
    let brief = read_brief(path)?;
    let mut stdout = std::io::stdout().lock();
    serde_json::to_writer_pretty(&mut stdout, &brief.to_json())?;
    writeln!(stdout)?;
    Ok(ExitCode::SUCCESS)
}

/// What `brief` with no command opens.
pub fn start_for(paths: &[PathBuf], config: &Config) -> Result<crate::app::Start> {
    use crate::app::Start;
    if paths.is_empty() {
        let local = PathBuf::from("briefs");
        if local.is_dir() {
            return Ok(Start::Library(local));
        }
        let dir = user_library(config)?;
        return Ok(Start::Library(dir));
    }
    for path in paths {
        if !path.exists() {
            bail!(
                "{}: no such file or folder",
                crate::text::printable(&path.display().to_string())
            );
        }
    }
    match paths {
        [dir] if dir.is_dir() => Ok(Start::Library(dir.clone())),
        _ if paths.iter().any(|p| p.is_dir()) => bail!("give one folder, or any number of files"),
        _ => Ok(Start::Files(paths.to_vec())),
    }
}

/// The user's own library folder: `library:` in config.yaml, else one in
/// the data directory, created on first use.
pub fn user_library(config: &Config) -> Result<PathBuf> {
    if let Some(dir) = &config.library {
        return Ok(dir.clone());
    }
    let dir = store::data_dir()
        .context("no data directory (is HOME set?)")?
        .join("briefs");
    store::private_dir(&dir).with_context(|| format!("{}: cannot create", dir.display()))?;
    Ok(dir)
}

/// `brief add PATH...`: copy briefs (files, or every brief in a folder)
/// into the user's library. Each is checked and copied on its own: one
/// that fails is reported and the rest are still added.
pub fn add(paths: &[PathBuf], config: &Config) -> Result<ExitCode> {
    let dir = user_library(config)?;
    let shown = |p: &Path| printable(&p.display().to_string()).into_owned();
    let mut failed = 0;
    let mut report = |result: Result<String>| match result {
        Ok(line) => println!("{line}"),
        Err(e) => {
            failed += 1;
            let _ = writeln!(std::io::stderr(), "brief: {}", printable(&format!("{e:#}")));
        }
    };
    for path in paths {
        if path.is_dir() {
            let briefs = crate::files::list_briefs(path);
            if briefs.is_empty() {
                report(Err(anyhow::anyhow!(
                    "{}: no briefs in this folder (.{})",
                    shown(path),
                    crate::files::EXTENSIONS.join(", .")
                )));
            }
            for file in briefs {
                report(add_one(&file, &dir));
            }
        } else {
            report(add_one(path, &dir));
        }
    }
    Ok(if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// Check and copy one brief; the line to print says what happened.
fn add_one(file: &Path, dir: &Path) -> Result<String> {
    let shown = |p: &Path| printable(&p.display().to_string()).into_owned();
    if !crate::files::has_brief_extension(file) {
        bail!(
            "{}: the library lists only .{} files; not added",
            shown(file),
            crate::files::EXTENSIONS.join(", .")
        );
    }
    read_brief(file)?;
    let bytes = std::fs::read(file).with_context(|| format!("{}: cannot read", shown(file)))?;
    let name = file
        .file_name()
        .and_then(|n| n.to_str())
        .with_context(|| format!("{}: not a file name brief can keep", shown(file)))?;
    match store::add_brief(dir, name, &bytes)
        .with_context(|| format!("{}: cannot copy into {}", shown(file), shown(dir)))?
    {
        store::Added::Copied(target) if target.file_name() == file.file_name() => {
            Ok(format!("added {}", shown(&target)))
        }
        store::Added::Copied(target) => Ok(format!(
            "added {} (another brief already has the name {name})",
            shown(&target)
        )),
        store::Added::AlreadyThere(target) => Ok(format!(
            "{}: already in the library ({})",
            shown(file),
            shown(&target)
        )),
    }
}

/// `brief keymap [--defaults]`.
pub fn keymap(defaults: bool) -> Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    if defaults {
        out.write_all(crate::keymap::DEFAULT_KEYMAP.as_bytes())?;
        return Ok(ExitCode::SUCCESS);
    }
    let (keymap, problems) = crate::app::load_keymap();
    print_keymap(&mut out, &keymap)?;
    if problems.is_empty() {
        return Ok(ExitCode::SUCCESS);
    }
    for p in &problems {
        let _ = writeln!(std::io::stderr(), "{p}");
    }
    Ok(ExitCode::from(2))
}

fn print_keymap(out: &mut impl Write, keymap: &Keymap) -> Result<()> {
    for (context, bindings) in keymap.contexts() {
        for b in bindings {
            let name = Context::name(context);
            writeln!(
                out,
                "{name:<8} {:<12} {:<16} {}",
                format_sequence(&b.keys),
                b.action.name(),
                b.action.description()
            )?;
        }
    }
    Ok(())
}

/// The fingerprint of a brief read from `path` (`whole`: all of it, not
/// only its start).
pub fn fingerprint(path: &Path, brief: &Brief, whole: bool) -> Fingerprint {
    let bytes = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    Fingerprint::of(brief, bytes, whole)
}

/// What the start of the file at `path` says (None: no brief there); the
/// store asks this to tell whether a record's own path still holds its brief.
pub fn probe(path: &Path) -> Option<Fingerprint> {
    const HEAD: u64 = 8 * 1024;
    let (brief, partial) = read_brief_start(path, HEAD, HEAD).ok()?;
    Some(fingerprint(path, &brief, !partial))
}

/// `brief attach ID FILE`: give notes whose brief was lost to a brief.
pub fn attach(id: &str, path: &Path) -> Result<ExitCode> {
    let store = Store::open_default().context("no data directory (is HOME set?)")?;
    let notes = store.by_id(id).with_context(|| {
        format!("{id}: no such notes (`brief export --all` lists notes without a brief)")
    })?;
    let brief = read_brief(path)?;
    let now = fingerprint(path, &brief, true);
    let (_, file) = store
        .attach(&notes, &brief, &now, path, &mut probe)
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    println!(
        "attached {} annotation(s) to {} ({})",
        file.live().count(),
        path.display(),
        brief.meta.title
    );
    Ok(ExitCode::SUCCESS)
}

/// `brief export [--format markdown|json] FILE` or `--all`.
pub fn export(file: Option<&Path>, json: bool) -> Result<ExitCode> {
    let store = Store::open_default().context("no data directory (is HOME set?)")?;
    let items = match file {
        Some(path) => {
            let brief = read_brief(path)?;
            let now = fingerprint(path, &brief, true);
            let finding = store.find(&brief, &now, path, &mut probe);
            let file = match finding.loaded {
                Loaded::Ok(f) => *f,
                Loaded::Missing => {
                    AnnotationFile::new(BriefRecord::describe(&now, Some(store::location(path))))
                }
                Loaded::Unusable(why) => bail!("{why}"),
            };
            vec![export::Item::new(&finding.path, file, Some(&brief))]
        }
        None => export::all(&store),
    };
    let mut out = std::io::stdout().lock();
    if json {
        let list: Vec<serde_json::Value> = items.iter().map(export::json).collect();
        let value = if file.is_some() {
            list.into_iter().next().unwrap_or_default()
        } else {
            list.into()
        };
        serde_json::to_writer_pretty(&mut out, &value)?;
        writeln!(out)?;
    } else {
        write!(out, "{}", export::markdown(&items))?;
    }
    Ok(ExitCode::SUCCESS)
}
