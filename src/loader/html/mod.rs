//! Saved web pages (`.html`, `.htm`): the declared charset honoured, the
//! article found by `dom_smoothie` (a port of Mozilla's Readability, the
//! algorithm behind Firefox's reader view, rather than heuristics of our
//! own), its headings, paragraphs, lists, quotes, tables and code read
//! into passages; title, site, author and date from the page's metadata.
//! What the page holds outside the article (menus, cookie banners, share
//! buttons, related lists, forms, footers) is set aside with the reason.

mod outside;
mod walk;

use super::lines::iso_date;
use super::{SectionBuilder, collapse_whitespace, furniture, sanitize};
use crate::document::Meta;
use dom_query::Document;
use dom_smoothie::{Config, Readability};

/// Read a saved page.
pub fn parse(bytes: &[u8], meta: &mut Meta, out: &mut SectionBuilder) {
    let html = sanitize::clean(&decode(bytes));
    let document = Document::from(html.as_str());
    let runs = outside::text_runs(&document);
    let config = Config {
        max_elements_to_parse: 0,
        ..Config::default()
    };
    let article = super::guarded(|| {
        Readability::with_document(document, None, Some(config))
            .ok()
            .and_then(|mut r| r.parse().ok())
    })
    .flatten();
    let content = match &article {
        Some(article) => {
            read_metadata(article, meta);
            Document::from(article.content.as_ref())
        }
        // No article found: the whole page is read.
        None => Document::from(html.as_str()),
    };
    let shown = walk::article(&content, meta, out);
    outside::set_aside(runs, &shown, meta, out);
}

/// Title, site, author and date from what Readability read in the page's
/// metadata (`<title>`, `og:`, `article:published_time`, JSON-LD).
fn read_metadata(article: &dom_smoothie::Article, meta: &mut Meta) {
    let site = article
        .site_name
        .as_deref()
        .map(collapse_whitespace)
        .filter(|s| !s.is_empty());
    let mut title = collapse_whitespace(&article.title);
    if let (t, Some(s)) = furniture::split_site(&title) {
        let (t, s) = (t.to_string(), s.to_string());
        meta.site = Some(s);
        title = t;
    }
    if let Some(site) = site {
        if let Some(t) = title.strip_suffix(&site) {
            title = t
                .trim_end_matches([' ', '|', '-', '–', '—', ':'])
                .to_string();
        }
        meta.site = Some(site);
    }
    meta.title = title;
    if let Some(by) = article.byline.as_deref().map(collapse_whitespace) {
        let by = by.strip_prefix("By ").unwrap_or(&by).to_string();
        if !by.is_empty() && by.chars().count() <= 120 {
            meta.byline = Some(by);
        }
    }
    if let Some(published) = article.published_time.as_deref() {
        // `2025-03-14T09:00:00+02:00`: the day is what a reader needs.
        let day = published.get(..10).filter(|d| iso_date(d).is_some());
        meta.date = Some(day.unwrap_or(published).to_string());
    }
}

/// The page as text, in the charset it declares: a byte-order mark, else
/// `<meta charset>` or `<meta http-equiv="Content-Type" content="…;
/// charset=…">` in the first bytes, else UTF-8.
pub fn decode(bytes: &[u8]) -> String {
    if let Some((encoding, _)) = encoding_rs::Encoding::for_bom(bytes) {
        return encoding.decode_with_bom_removal(bytes).0.into_owned();
    }
    let encoding = declared_charset(&bytes[..bytes.len().min(4096)])
        .and_then(|label| encoding_rs::Encoding::for_label(label.as_bytes()))
        .unwrap_or(encoding_rs::UTF_8);
    encoding.decode_without_bom_handling(bytes).0.into_owned()
}

/// The charset named in a `<meta>` tag near the start of the page.
fn declared_charset(head: &[u8]) -> Option<String> {
    let head = String::from_utf8_lossy(head).to_lowercase();
    let mut from = 0;
    while let Some(at) = head[from..].find("<meta") {
        let start = from + at;
        let end = head[start..].find('>').map_or(head.len(), |e| start + e);
        let tag = &head[start..end];
        if let Some(i) = tag.find("charset") {
            let value = tag[i + "charset".len()..]
                .trim_start_matches([' ', '=', '"', '\''])
                .split(['"', '\'', ' ', ';', '/', '>'])
                .next()
                .unwrap_or("");
            if !value.is_empty() {
                return Some(value.to_string());
            }
        }
        from = end;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charsets_are_honoured() {
        let (cp1251, _, _) = encoding_rs::WINDOWS_1251.encode("Молдова");
        let page = [
            b"<html><head><meta charset=\"windows-1251\"></head><body>".as_slice(),
            &cp1251,
        ]
        .concat();
        assert!(decode(&page).ends_with("Молдова"));
        let (korean, _, _) = encoding_rs::EUC_KR.encode("반도체");
        let page = [
            b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=euc-kr\">".as_slice(),
            &korean,
        ]
        .concat();
        assert!(decode(&page).ends_with("반도체"));
        assert_eq!(decode("<p>ünï</p>".as_bytes()), "<p>ünï</p>");
    }
}
