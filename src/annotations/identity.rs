//! Which annotation file belongs to which brief.
//!
//! The key comes from what the brief says about itself (its `id`, or its
//! title, category and date), never from its path: renaming or moving a file
//! keeps its notes. Two different briefs that share a title are told apart by
//! hashes of their first passages (see `same_brief`).

use super::BriefRecord;
use crate::document::Brief;

/// FNV-1a, 64 bit. Written here rather than taken from std because std's
/// hashers are not promised to give the same value across Rust releases, and
/// these hashes are stored in users' files for years.
pub fn stable_hash(text: &str) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in text.as_bytes() {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// The stem of a brief's annotation file name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BriefKey(pub String);

pub fn brief_key(brief: &Brief) -> BriefKey {
    let meta = &brief.meta;
    let (label, identity) = match &meta.id {
        Some(id) => (id.as_str(), format!("id:{id}")),
        None => (
            meta.title.as_str(),
            format!(
                "title:{}\ncategory:{}\ndate:{}",
                meta.title,
                meta.category.as_deref().unwrap_or(""),
                meta.date.as_deref().unwrap_or("")
            ),
        ),
    };
    BriefKey(format!("{}-{:016x}", slug(label), stable_hash(&identity)))
}

/// ASCII letters and digits from `text`, dashes between words, at most 40
/// characters: safe on every file system, never `..`, `/` or NUL.
fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
        if out.len() >= 40 {
            break;
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        "brief".to_string()
    } else {
        out
    }
}

/// File name for a key; `n` > 0 for a different brief that shares the key.
pub fn file_name_for(key: &BriefKey, n: usize) -> String {
    if n == 0 {
        format!("{}.yaml", key.0)
    } else {
        format!("{}-{n}.yaml", key.0)
    }
}

/// Hashes of the first passages, stored with the annotations.
pub fn content_hashes(brief: &Brief) -> Vec<String> {
    brief
        .passages()
        .take(32)
        .map(|(_, p)| format!("{:016x}", stable_hash(&p.text)))
        .collect()
}

/// An edited brief keeps most of its passages; a different brief with the
/// same title shares almost none. A record with no hashes (an empty brief,
/// or a file written by hand) matches.
pub fn same_brief(record: &BriefRecord, brief: &Brief) -> bool {
    if record.passages.is_empty() {
        return true;
    }
    let now = content_hashes(brief);
    let shared = record.passages.iter().filter(|h| now.contains(h)).count();
    shared * 4 >= record.passages.len().min(now.len().max(1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Meta;

    fn brief_with(title: &str, id: Option<&str>) -> Brief {
        Brief {
            meta: Meta {
                title: title.into(),
                id: id.map(Into::into),
                ..Meta::default()
            },
            sections: vec![],
        }
    }

    #[test]
    fn file_names_are_safe_and_distinct() {
        let ids = [
            "../x",
            "/etc/passwd",
            "a/b",
            "nul\0byte",
            &"x".repeat(300),
            "..",
            "",
            "Ünïcødé",
        ];
        let mut seen = std::collections::HashSet::new();
        for id in ids {
            let name = file_name_for(&brief_key(&brief_with("t", Some(id))), 0);
            assert!(
                !name.contains('/') && !name.contains('\0') && !name.starts_with('.'),
                "{name}"
            );
            assert!(name.len() < 80, "{name}");
            assert!(seen.insert(name.clone()), "{id} collides: {name}");
        }
    }

    #[test]
    fn similar_titles_get_different_keys() {
        let a = brief_key(&brief_with("Gas storage: outlook", None));
        let b = brief_key(&brief_with("Gas storage outlook", None));
        assert_ne!(a, b);
        assert_eq!(a, brief_key(&brief_with("Gas storage: outlook", None)));
    }

    #[test]
    fn hash_is_stable() {
        // Stored in users' files: must never change.
        assert_eq!(stable_hash(""), 0xcbf29ce484222325);
        assert_eq!(stable_hash("a"), 0xaf63dc4c8601ec8c, "FNV-1a test vector");
    }
}
