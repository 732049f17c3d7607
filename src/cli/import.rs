//! `brief import FILE.json`: takes back what `brief export --format json`
//! wrote (one brief's object, or `--all`'s list). Each brief's annotations
//! are merged into its annotation file by id: one already there is kept
//! (the newer of the two, by `updated`), one missing is added, re-anchored
//! on the brief as it is now (its passage and quote). Nothing is dropped:
//! a quote no longer in the brief is kept as a detached annotation.

use super::{fingerprint, read_brief};
use crate::annotations::{Anchor, Annotation, AnnotationFile, BriefRecord, Span};
use crate::store::{self, Loaded, Store};
use crate::text::printable;
use anyhow::{Context as _, Result, bail};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub fn import(file: &Path) -> Result<ExitCode> {
    let shown = printable(&file.display().to_string()).into_owned();
    let text = std::fs::read_to_string(file).with_context(|| format!("{shown}: cannot read"))?;
    let value: Value = serde_json::from_str(&text).with_context(|| format!("{shown}: not JSON"))?;
    let items = match value {
        Value::Array(items) => items,
        item @ Value::Object(_) => vec![item],
        _ => bail!("{shown}: not what `brief export --format json` writes"),
    };
    let store = Store::open_default().context("no data directory (is HOME set?)")?;
    let mut failed = 0;
    for item in &items {
        match import_one(&store, item) {
            Ok(line) => println!("{}", printable(&line)),
            Err(e) => {
                failed += 1;
                eprintln!("brief: {}", printable(&format!("{e:#}")));
            }
        }
    }
    Ok(if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// One brief's annotations merged into its file; the line says how many.
fn import_one(store: &Store, item: &Value) -> Result<String> {
    let title = item["title"].as_str().unwrap_or("(untitled)");
    let Some(path) = item["path"].as_str().map(PathBuf::from) else {
        bail!("{title}: no path to the brief; not imported");
    };
    let brief =
        read_brief(&path).with_context(|| format!("{title}: brief not found; not imported"))?;
    let now = fingerprint(&path, &brief, true);
    let finding = store.find(&brief, &now, &path, &mut crate::reading::probe);
    let mut file = match finding.loaded {
        Loaded::Ok(f) => *f,
        Loaded::Missing => {
            AnnotationFile::new(BriefRecord::describe(&now, Some(&store::location(&path))))
        }
        Loaded::Unusable(why) => bail!("{why}"),
    };
    let texts: Vec<&str> = brief.passages().map(|(_, p)| p.text.as_str()).collect();
    let (mut added, mut updated) = (0, 0);
    for exported in item["annotations"].as_array().into_iter().flatten() {
        let theirs = annotation(exported, &texts)?;
        match file.annotations.iter_mut().find(|a| a.id == theirs.id) {
            Some(ours) if ours.updated < theirs.updated => {
                ours.note = theirs.note;
                ours.colour = theirs.colour;
                ours.kind = theirs.kind;
                ours.updated = theirs.updated;
                ours.deleted = false;
                updated += 1;
            }
            Some(_) => {}
            None => {
                file.annotations.push(theirs);
                added += 1;
            }
        }
    }
    if added + updated > 0 {
        store::save(&finding.path, &file).map_err(|e| anyhow::anyhow!("{e}"))?;
    }
    Ok(format!(
        "{}: {added} added, {updated} updated",
        path.display()
    ))
}

/// An exported annotation as stored, anchored on `texts` (the brief's
/// passages as they are now).
fn annotation(exported: &Value, texts: &[&str]) -> Result<Annotation> {
    let mut fields = serde_json::Map::new();
    for key in ["id", "kind", "colour", "note", "created", "updated"] {
        if !exported[key].is_null() {
            fields.insert(key.to_string(), exported[key].clone());
        }
    }
    let mut a: Annotation = serde_json::from_value(Value::Object(fields))
        .context("an annotation that is not as `brief export` writes it")?;
    let passage = exported["passage"]
        .as_u64()
        .map(|p| (p as usize).saturating_sub(1));
    a.anchor = match exported["quote"].as_str() {
        Some(quote) if !quote.is_empty() => Some(anchor(quote, passage, texts)),
        _ => passage
            .filter(|p| *p < texts.len())
            .map(|p| Anchor::new(texts[p], &Span::whole(p, texts[p]))),
    };
    Ok(a)
}

/// Where `quote` is: in its passage, else in any passage; else kept as the
/// quote alone (shown detached, never lost).
fn anchor(quote: &str, passage: Option<usize>, texts: &[&str]) -> Anchor {
    let hint = passage.unwrap_or(0);
    let order = std::iter::once(hint).chain((0..texts.len()).filter(|p| *p != hint));
    for p in order {
        if let Some(start) = texts.get(p).and_then(|t| t.find(quote)) {
            return Anchor::new(texts[p], &Span::new(p, start..start + quote.len()));
        }
    }
    let mut detached = Anchor::new(quote, &Span::whole(hint, quote));
    detached.prefix.clear();
    detached.suffix.clear();
    detached
}
