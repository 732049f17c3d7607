//! The modules of `src/` in layers, lowest first. A module may use only
//! modules of lower layers: the core (loader, model, keymap, store) never
//! reaches up to the terminal, and no two modules depend on each other.
//! README's code map lists the same layers.

use std::collections::BTreeSet;
use std::path::Path;

const LAYERS: &[&[&str]] = &[
    &["document", "key", "yaml"],
    &["loader"],
    &["annotations", "text"],
    &[
        "catalogue",
        "files",
        "layout",
        "payload",
        "reading",
        "store",
    ],
    &["search"],
    &["action"],
    &["keymap"],
    &["config", "model"],
    &["ui"],
    &["app", "cli"],
];

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|l| l.contains(&module))
}

/// Top-level modules named as `crate::x` (or in `crate::{x, y::z}`) in
/// `source`, comments left out.
fn used_modules(source: &str) -> BTreeSet<String> {
    let mut used = BTreeSet::new();
    for line in source.lines() {
        let code = line.split("//").next().unwrap_or("");
        let mut rest = code;
        while let Some(at) = rest.find("crate::") {
            rest = &rest[at + "crate::".len()..];
            if let Some(group) = rest.strip_prefix('{') {
                let inner = group.split('}').next().unwrap_or("");
                for item in inner.split(',') {
                    let name: String = item
                        .trim()
                        .chars()
                        .take_while(|c| c.is_ascii_lowercase() || *c == '_')
                        .collect();
                    if !name.is_empty() {
                        used.insert(name);
                    }
                }
            } else {
                let name: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_lowercase() || *c == '_')
                    .collect();
                if !name.is_empty() {
                    used.insert(name);
                }
            }
        }
    }
    used
}

/// Every import of a module from the same or a higher layer.
fn violations(module: &str, source: &str) -> Vec<String> {
    let Some(own) = layer_of(module) else {
        return vec![format!("{module}: not in LAYERS (add it to its layer)")];
    };
    used_modules(source)
        .into_iter()
        .filter(|used| used != module)
        .filter_map(|used| match layer_of(&used) {
            Some(l) if l < own => None,
            Some(_) => Some(format!("{module} uses {used}, which is not below it")),
            None => Some(format!("{module} uses {used}, which is not in LAYERS")),
        })
        .collect()
}

fn sources(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn no_module_uses_a_module_above_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    let mut problems = Vec::new();
    for file in files {
        let rel = file.strip_prefix(&src).unwrap();
        let top = rel
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy();
        let module = top.trim_end_matches(".rs").to_string();
        if module == "lib" || module == "main" {
            continue;
        }
        let source = std::fs::read_to_string(&file).unwrap();
        for v in violations(&module, &source) {
            problems.push(format!("{}: {v}", rel.display()));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn an_upward_import_is_caught() {
    // The check itself can fail: the model reaching up to the ui, the
    // loader to the store, and two modules of one layer to each other.
    assert_eq!(
        violations("model", "use crate::ui::Theme;\nuse crate::action::Action;"),
        ["model uses ui, which is not below it"]
    );
    assert_eq!(
        violations("loader", "fn f() { crate::store::save(); } // crate::app"),
        ["loader uses store, which is not below it"]
    );
    assert_eq!(
        violations("cli", "use crate::{app::Start, text::printable};"),
        ["cli uses app, which is not below it"]
    );
    assert!(violations("ui", "use crate::{model::Model, layout::Pane};").is_empty());
}
