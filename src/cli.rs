//! Non-interactive commands: `show`, `export`, `keymap`, `add`, and how the
//! interactive reader is started.

use crate::annotations::{AnnotationFile, BriefRecord};
use crate::config::Config;
use crate::keymap::{Context, Keymap, format_sequence};
use crate::reading::{Start, fingerprint, probe, read_brief};
use crate::store::{self, Loaded, Store};
use crate::text::printable;
use anyhow::{Context as _, Result, bail};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

mod export;
mod import;
mod search;

pub use import::import;
pub use search::search;

/// `brief show --json FILE`.
pub fn show_json(path: &Path) -> Result<ExitCode> {
    let brief = read_brief(path)?;
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "{}", json_text(&brief.to_json())?)?;
    Ok(ExitCode::SUCCESS)
}

/// Pretty JSON in which every character a terminal could act on, or that
/// hides or reorders text, is escaped as `\uXXXX`. serde_json escapes only
/// C0 controls; DEL, C1 controls, bidi overrides and other invisible
/// characters would reach a terminal that shows the output. Escaped, the
/// data is the same to any JSON reader (`brief import` included).
pub fn json_text(value: &serde_json::Value) -> Result<String> {
    let json = serde_json::to_string_pretty(value)?;
    if crate::loader::sanitize::is_inert(&json) {
        return Ok(json);
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        // Outside strings JSON is ASCII, so only string contents change.
        if c == '\n' || crate::loader::sanitize::is_inert(c.encode_utf8(&mut [0; 4])) {
            out.push(c);
        } else {
            for unit in c.encode_utf16(&mut [0; 2]) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        }
    }
    Ok(out)
}

/// What `brief` with no command opens.
pub fn start_for(paths: &[PathBuf], config: &Config) -> Result<Start> {
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
    let (keymap, problems) = crate::config::load_keymap();
    print_keymap(&mut out, &keymap)?;
    if problems.is_empty() {
        return Ok(ExitCode::SUCCESS);
    }
    for p in &problems {
        let _ = writeln!(std::io::stderr(), "{}", crate::text::printable(p));
    }
    Ok(ExitCode::from(2))
}

fn print_keymap(out: &mut impl Write, keymap: &Keymap) -> Result<()> {
    for (context, bindings) in keymap.contexts() {
        for b in bindings {
            let name = Context::name(context);
            let line = format!(
                "{name:<8} {:<12} {:<16} {}",
                format_sequence(&b.keys),
                b.action.name(),
                b.action.description()
            );
            writeln!(out, "{}", crate::text::printable(&line))?;
        }
    }
    Ok(())
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
pub fn export(file: Option<&Path>, json: bool, tag: Option<&str>) -> Result<ExitCode> {
    let store = Store::open_default().context("no data directory (is HOME set?)")?;
    // Files that could not be exported whole: named on stderr, exit 1.
    let mut unexported = Vec::new();
    let items = match file {
        Some(path) => {
            let brief = read_brief(path)?;
            let now = fingerprint(path, &brief, true);
            let finding = store.find(&brief, &now, path, &mut probe);
            let file = match finding.loaded {
                Loaded::Ok(f) => *f,
                Loaded::Missing => {
                    AnnotationFile::new(BriefRecord::describe(&now, Some(&store::location(path))))
                }
                Loaded::Unusable(why) => bail!("{why}"),
            };
            vec![export::Item::new(&finding.path, file, Some(&brief))]
        }
        None => {
            let (items, problems) = export::all(&store);
            unexported = problems;
            items
        }
    };
    let mut items = items;
    if let Some(tag) = tag {
        items.retain_mut(|item| item.keep_tagged(tag));
    }
    let mut out = std::io::stdout().lock();
    if json {
        let list: Vec<serde_json::Value> = items.iter().map(export::json).collect();
        let value = if file.is_some() {
            list.into_iter().next().unwrap_or_default()
        } else {
            list.into()
        };
        writeln!(out, "{}", json_text(&value)?)?;
    } else {
        // Notes, quotes and titles come from files a person can edit:
        // cleaned as a brief is, so Markdown carries no control character.
        write!(
            out,
            "{}",
            crate::loader::sanitize::clean(&export::markdown(&items))
        )?;
    }
    drop(out);
    for problem in &unexported {
        let _ = writeln!(std::io::stderr(), "brief: {}", printable(problem));
    }
    Ok(if unexported.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
