//! PDF briefs (`.pdf`): the text layer, read with pdf-extract (small, pure
//! Rust, on lopdf), which decodes fonts and gives each character with its
//! position; the rest is ours, since no extractor does it: reading order
//! across columns, running headers, footers and page numbers set aside,
//! words broken at line ends re-joined, footnotes gathered at the end,
//! title, author and date from the first page and the document
//! information. A PDF with no text layer (a scan) is refused with a
//! one-line error saying so.

mod glyphs;
mod layout;

use super::lines::iso_date;
use super::{LoadError, SectionBuilder, collapse_whitespace, sanitize};
use crate::document::{Meta, Passage, PassageKind, SectionKind};
use glyphs::Collector;

/// Read the PDF, or its first `limit` pages; true when every page was read.
pub fn parse(
    bytes: &[u8],
    meta: &mut Meta,
    out: &mut SectionBuilder,
    limit: Option<u32>,
) -> Result<bool, LoadError> {
    let (pages, complete, info) = extract(bytes, limit)?;
    if pages
        .iter()
        .all(|p| p.glyphs.iter().all(|g| g.text.trim().is_empty()))
    {
        return Err(LoadError::NoTextLayer);
    }
    let read = layout::read(&pages, out);
    let transcript = read
        .body
        .lines()
        .take(400)
        .filter(|l| super::lines::speaker_turn(l).is_some())
        .nth(1)
        .is_some();
    read_front(&read.front, transcript, meta);
    if meta.title.is_empty() {
        meta.title = info.title.unwrap_or_default();
    }
    if meta.byline.is_none() {
        meta.byline = info.author;
    }
    if meta.date.is_none() {
        meta.date = info.date;
    }
    super::plain::parse_body(&read.body, meta, out);
    if !read.notes.is_empty() {
        out.start(SectionKind::Other, Some("Notes".to_string()));
        for note in read.notes {
            out.push(Passage::new(PassageKind::Paragraph, note));
        }
    }
    Ok(complete)
}

/// The pages' characters. A damaged file is an error, never a panic: the
/// extractor is run behind `catch_unwind` because it was not written for
/// hostile input.
fn extract(bytes: &[u8], limit: Option<u32>) -> Result<(Vec<glyphs::Page>, bool, Info), LoadError> {
    let result = super::guarded(|| {
        let mut doc = pdf_extract::Document::load_mem(bytes).map_err(|e| e.to_string())?;
        if doc.is_encrypted() {
            // Many PDFs are "encrypted" with an empty password only to stop copying.
            doc.decrypt("")
                .map_err(|_| "encrypted with a password".to_string())?;
        }
        let mut collector = Collector::default();
        let numbers: Vec<u32> = doc.get_pages().keys().copied().collect();
        let wanted = limit.map_or(numbers.len(), |n| (n as usize).min(numbers.len()));
        if wanted == numbers.len() {
            pdf_extract::output_doc(&doc, &mut collector).map_err(|e| format!("{e:?}"))?;
        } else {
            for &n in &numbers[..wanted] {
                pdf_extract::output_doc_page(&doc, &mut collector, n)
                    .map_err(|e| format!("{e:?}"))?;
            }
        }
        let info = document_info(&doc);
        Ok::<_, String>((collector.pages, wanted == numbers.len(), info))
    });
    match result {
        Some(Ok(read)) => Ok(read),
        Some(Err(why)) => Err(LoadError::Pdf(first_line(&why))),
        None => Err(LoadError::Pdf("damaged or unsupported PDF".to_string())),
    }
}

/// The first line of an extractor's error, at most 120 characters (the
/// loader sits below `text`, so this counts characters, not cells).
fn first_line(text: &str) -> String {
    let line = text.lines().next().unwrap_or("").trim();
    if line.chars().count() <= 120 {
        return line.to_string();
    }
    let cut: String = line.chars().take(119).collect();
    format!("{cut}…")
}

/// What the document information dictionary says.
#[derive(Default)]
struct Info {
    title: Option<String>,
    author: Option<String>,
    date: Option<String>,
}

fn document_info(doc: &pdf_extract::Document) -> Info {
    let dict = match doc.trailer.get(b"Info") {
        Ok(pdf_extract::Object::Reference(id)) => match doc.get_object(*id) {
            Ok(pdf_extract::Object::Dictionary(d)) => d.clone(),
            _ => return Info::default(),
        },
        Ok(pdf_extract::Object::Dictionary(d)) => d.clone(),
        _ => return Info::default(),
    };
    let text = |key: &[u8]| -> Option<String> {
        let object = dict.get(key).ok()?;
        let bytes = object.as_str().ok()?;
        let text = decode_pdf_string(bytes);
        let text = collapse_whitespace(&sanitize::clean(&text));
        (!text.is_empty()).then_some(text)
    };
    let title = text(b"Title").filter(|t| !junk_title(t));
    let date = text(b"CreationDate").and_then(|d| pdf_date(&d));
    let author = text(b"Author").filter(|a| {
        !matches!(
            a.to_lowercase().as_str(),
            "anonymous" | "unknown" | "user" | "admin"
        )
    });
    Info {
        title,
        author,
        date,
    }
}

/// PDF text strings are UTF-16 with a byte-order mark, or PDFDocEncoding
/// (close enough to Latin-1 for titles and names).
fn decode_pdf_string(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        return String::from_utf16_lossy(&units);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return text.to_string();
    }
    bytes.iter().map(|&b| char::from(b)).collect()
}

/// Titles that word processors write for the user: not the brief's title.
fn junk_title(title: &str) -> bool {
    let lower = title.to_lowercase();
    lower.starts_with("microsoft word")
        || lower == "untitled"
        || [".doc", ".docx", ".pdf", ".indd", ".odt"]
            .iter()
            .any(|ext| lower.ends_with(ext))
}

/// `D:20250210090000+02'00'` → `2025-02-10`.
fn pdf_date(text: &str) -> Option<String> {
    let digits = text.strip_prefix("D:").unwrap_or(text);
    let date = digits.get(..8)?;
    if !date.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let iso = format!("{}-{}-{}", &date[..4], &date[4..6], &date[6..8]);
    iso_date(&iso).map(|_| iso)
}

/// The lines of the first page around the title: the title itself (the
/// largest type), organisation or series lines above it, author and date
/// lines below it.
fn read_front(front: &layout::Front, transcript: bool, meta: &mut Meta) {
    meta.title = front.title.clone();
    for line in &front.above {
        if meta.category.is_none() {
            meta.category = Some(line.clone());
        } else {
            add_detail(line, false, meta);
        }
    }
    for line in &front.below {
        add_detail(line, transcript, meta);
    }
}

/// `Oksana Melnyk · February 2025`, `By Piet de Vries`, `Policy guide ·
/// November 2024`: dates, bylines and series names into the metadata;
/// under a transcript's title, where and when it was said.
fn add_detail(line: &str, transcript: bool, meta: &mut Meta) {
    if super::furniture::is_clock_time(line) && meta.time.is_none() {
        meta.time = Some(line.to_string());
        return;
    }
    if transcript && iso_date(line).is_none() && meta.place.is_none() {
        meta.place = Some(line.to_string());
        return;
    }
    for part in line
        .split(['·', '|', '•'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        if meta.date.is_none() && iso_date(part).is_some() {
            meta.date = Some(part.to_string());
        } else if let Some(by) = super::furniture::byline(part) {
            meta.byline = Some(by.to_string());
        } else if meta.byline.is_none() && looks_like_name(part) {
            meta.byline = Some(part.to_string());
        } else if meta.category.is_none() {
            meta.category = Some(part.to_string());
        } else {
            let site = meta.site.get_or_insert_with(String::new);
            if !site.is_empty() {
                site.push_str(" · ");
            }
            site.push_str(part);
        }
    }
}

/// Two to four capitalised words, none of them a common word of a title.
fn looks_like_name(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    (2..=4).contains(&words.len())
        && words.iter().all(|w| w.starts_with(char::is_uppercase))
        && !words.iter().any(|w| {
            matches!(
                w.to_lowercase().as_str(),
                "policy"
                    | "paper"
                    | "brief"
                    | "guide"
                    | "report"
                    | "centre"
                    | "center"
                    | "institute"
                    | "review"
                    | "analysis"
                    | "no."
                    | "transcript"
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn info_fields() {
        assert_eq!(
            pdf_date("D:20250210090000+02'00'").as_deref(),
            Some("2025-02-10")
        );
        assert_eq!(pdf_date("yesterday"), None);
        assert!(junk_title("Microsoft Word - brief_final_v3.docx"));
        assert!(!junk_title("Rail freight across the Carpathians"));
        assert_eq!(decode_pdf_string(b"\xFE\xFF\x00A\x04\x1F"), "AП");
        assert!(looks_like_name("Oksana Melnyk"));
        assert!(!looks_like_name("Policy guide"));
    }
}
