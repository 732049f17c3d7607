//! From positioned lines to reading order: running headers, footers and
//! page numbers set aside; footnotes taken out; columns read one after the
//! other; lines gathered into paragraphs with words broken at line ends
//! re-joined; the title and the lines around it on the first page.

use super::super::SectionBuilder;
use super::super::dehyphen::Vocabulary;
use super::super::lines::{speaker_turn, strip_bullet};
use super::glyphs::{Page, Segment, median, segments};
use std::collections::HashMap;

/// Top and bottom bands of a page where running heads and folios stand.
const BAND: f64 = 0.09;

/// The first page's title and the lines above and below it.
#[derive(Debug, Default)]
pub struct Front {
    pub title: String,
    pub above: Vec<String>,
    pub below: Vec<String>,
}

/// A PDF read: the title area, the body as one paragraph per line with
/// blank lines between, and the footnotes.
#[derive(Debug, Default)]
pub struct Read {
    pub front: Front,
    pub body: String,
    pub notes: Vec<String>,
}

/// A segment and the page it is on.
#[derive(Debug, Clone)]
struct Placed {
    page: usize,
    column: usize,
    seg: Segment,
}

pub fn read(pages: &[Page], out: &mut SectionBuilder) -> Read {
    let per_page: Vec<Vec<Segment>> = pages.iter().map(segments).collect();
    let body_size = body_size(&per_page);
    let furniture = running_furniture(pages, &per_page, out);
    let mut notes = Vec::new();
    let mut ordered: Vec<Placed> = Vec::new();
    for (p, segs) in per_page.into_iter().enumerate() {
        let (text, page_notes): (Vec<Segment>, Vec<Segment>) = segs
            .into_iter()
            .filter(|s| !furniture.contains(&(p, key(s))))
            .partition(|s| !is_footnote_line(s, body_size, pages[p].height));
        let page_notes = footnotes_below_text(&text, page_notes, body_size);
        notes.extend(page_notes.0);
        let mut text = text;
        text.extend(page_notes.1);
        ordered.extend(reading_order(p, text));
    }
    let front = front_matter(&mut ordered, body_size);
    let blocks = paragraphs(&ordered, body_size);
    let mut vocabulary_text = String::new();
    for block in &blocks {
        for line in block {
            vocabulary_text.push_str(line);
            vocabulary_text.push('\n');
        }
    }
    let mut words = Vocabulary::new(&vocabulary_text);
    let body = blocks
        .iter()
        .map(|b| join_lines(b, &mut words))
        .collect::<Vec<_>>()
        .join("\n\n");
    let notes = gather_notes(&notes, &mut words);
    Read { front, body, notes }
}

/// The usual size of running text: the size most characters have.
fn body_size(pages: &[Vec<Segment>]) -> f64 {
    let mut weight: HashMap<i64, usize> = HashMap::new();
    for seg in pages.iter().flatten() {
        *weight.entry((seg.size * 4.0).round() as i64).or_default() += seg.text.len();
    }
    weight
        .into_iter()
        .max_by_key(|&(size, n)| (n, -size))
        .map_or(10.0, |(size, _)| size as f64 / 4.0)
}

/// What identifies a running line across pages: its band position and its
/// text with digits blanked (`Page 3` and `Page 4` are the same line).
fn key(seg: &Segment) -> String {
    let text: String = seg
        .text
        .chars()
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect();
    format!("{}:{text}", (seg.y / 6.0).round())
}

/// `12`, `Page 3`, `3 of 12`, `- 4 -`: a folio.
fn is_folio(text: &str) -> bool {
    let lower = text.to_lowercase();
    let t = lower
        .trim_matches(|c: char| c == '-' || c == '–' || c.is_whitespace())
        .trim_start_matches("page")
        .trim_start_matches("p.")
        .trim();
    let mut parts = t
        .split(|c: char| c == '/' || c.is_whitespace())
        .filter(|p| !p.is_empty() && *p != "of");
    let first = parts.next().unwrap_or("");
    let numeric = |p: &str| {
        !p.is_empty()
            && (p.chars().all(|c| c.is_ascii_digit())
                || p.chars().all(|c| matches!(c, 'i' | 'v' | 'x')))
    };
    numeric(first) && parts.all(numeric) && t.len() <= 16
}

/// Lines in the top and bottom bands that repeat on most pages (running
/// headers and footers), and folios: set aside once each, with the pages
/// they were on. Returns (page, key) of every line to leave out.
fn running_furniture(
    pages: &[Page],
    per_page: &[Vec<Segment>],
    out: &mut SectionBuilder,
) -> std::collections::HashSet<(usize, String)> {
    let mut seen: HashMap<String, Vec<usize>> = HashMap::new();
    let in_band = |p: usize, s: &Segment| {
        let h = pages[p].height.max(1.0);
        s.y < h * BAND * 1.4 || s.y > h * (1.0 - BAND)
    };
    for (p, segs) in per_page.iter().enumerate() {
        for s in segs.iter().filter(|s| in_band(p, s)) {
            seen.entry(key(s)).or_default().push(p);
        }
    }
    let needed = (pages.len() / 2).max(2);
    let body = body_size(per_page);
    // A title page carries no running heads; the pages after it repeat
    // its title or its organisation line in their heads and feet.
    // The first page's lines in its margins or in other type than the
    // text (a title page's organisation line).
    let first: Vec<String> = per_page
        .first()
        .map(|segs| {
            segs.iter()
                .filter(|s| in_band(0, s) || (s.size - body).abs() > body * 0.1)
                .map(|s| s.text.to_lowercase())
                .collect()
        })
        .unwrap_or_default();
    let title = per_page
        .first()
        .and_then(|segs| segs.iter().max_by(|a, b| a.size.total_cmp(&b.size)))
        .map(|s| s.size)
        .map(|largest| {
            per_page[0]
                .iter()
                .filter(|s| s.size >= largest * 0.95)
                .map(|s| s.text.to_lowercase())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .unwrap_or_default();
    let echoes_first_page = |p: usize, text: &str| {
        let lower = text.to_lowercase();
        p > 0 && lower.len() >= 8 && (title.contains(&lower) || first.contains(&lower))
    };
    let mut drop = std::collections::HashSet::new();
    let mut folios = Vec::new();
    let mut listed: Vec<(String, &'static str)> = Vec::new();
    for (p, segs) in per_page.iter().enumerate() {
        for s in segs.iter().filter(|s| in_band(p, s)) {
            let k = key(s);
            let top = s.y < pages[p].height / 2.0;
            if is_folio(&s.text) {
                folios.push(s.text.clone());
            } else if seen.get(&k).is_some_and(|v| v.len() >= needed)
                || echoes_first_page(p, &s.text)
            {
                let reason = if top {
                    "running header"
                } else {
                    "running footer"
                };
                if !listed.iter().any(|(t, _)| *t == s.text) {
                    listed.push((s.text.clone(), reason));
                }
            } else if !top && s.size < body * 0.95 {
                // Small type in the bottom margin of one page: its footer.
                out.set_aside(&s.text, "page footer");
            } else {
                continue;
            }
            drop.insert((p, k));
        }
    }
    for (text, reason) in listed {
        out.set_aside(&text, reason);
    }
    if !folios.is_empty() {
        out.set_aside(&folios.join(" "), "page numbers");
    }
    drop
}

/// Small type low on the page, above the bottom margin: a footnote, if it
/// is below the text.
fn is_footnote_line(seg: &Segment, body: f64, height: f64) -> bool {
    seg.size < body * 0.88 && seg.y > height * 0.55 && seg.y <= height * (1.0 - BAND)
}

/// Of the small lines low on a page, those below all the running text are
/// footnotes (returned first); the others are text after all (a caption or
/// a small table inside the text).
fn footnotes_below_text(
    text: &[Segment],
    small: Vec<Segment>,
    body: f64,
) -> (Vec<Segment>, Vec<Segment>) {
    let lowest_text = text
        .iter()
        .filter(|s| s.size >= body * 0.95)
        .map(|s| s.y)
        .fold(f64::MIN, f64::max);
    small.into_iter().partition(|s| s.y > lowest_text)
}

/// Footnote lines into notes: a note starts with its number or mark.
fn gather_notes(lines: &[Segment], words: &mut Vocabulary) -> Vec<String> {
    let mut notes: Vec<Vec<String>> = Vec::new();
    for line in lines {
        let starts = line
            .text
            .starts_with(|c: char| c.is_ascii_digit() || "*†‡§¹²³⁴⁵⁶⁷⁸⁹⁰".contains(c));
        match notes.last_mut() {
            Some(note) if !starts => note.push(line.text.clone()),
            _ => notes.push(vec![line.text.clone()]),
        }
    }
    notes.iter().map(|n| join_lines(n, words)).collect()
}

/// A page's segments in reading order: columns found from the gaps no
/// narrow line crosses; a line across a gap (a title over both columns)
/// ends the column band above it.
fn reading_order(page: usize, segs: Vec<Segment>) -> Vec<Placed> {
    let gutters = gutters(&segs);
    let column_of = |s: &Segment| gutters.iter().filter(|&&g| s.x0 >= g).count();
    let spans = |s: &Segment| gutters.iter().any(|&g| s.x0 < g && s.x1 > g);
    let mut segs = segs;
    segs.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x0.total_cmp(&b.x0)));
    let mut out = Vec::new();
    let mut band: Vec<Vec<Segment>> = vec![Vec::new(); gutters.len() + 1];
    let flush = |band: &mut Vec<Vec<Segment>>, out: &mut Vec<Placed>| {
        for (column, segs) in band.iter_mut().enumerate() {
            out.extend(segs.drain(..).map(|seg| Placed { page, column, seg }));
        }
    };
    for seg in segs {
        if spans(&seg) {
            flush(&mut band, &mut out);
            out.push(Placed {
                page,
                column: 0,
                seg,
            });
        } else {
            let c = column_of(&seg);
            band[c].push(seg);
        }
    }
    flush(&mut band, &mut out);
    out
}

/// x positions of the gaps between columns.
fn gutters(segs: &[Segment]) -> Vec<f64> {
    let (Some(left), Some(right)) = (
        segs.iter().map(|s| s.x0).min_by(f64::total_cmp),
        segs.iter().map(|s| s.x1).max_by(f64::total_cmp),
    ) else {
        return Vec::new();
    };
    let width = right - left;
    let narrow: Vec<&Segment> = segs
        .iter()
        .filter(|s| s.x1 - s.x0 < width * 0.55 && s.text.chars().count() > 12)
        .collect();
    if width <= 0.0 || narrow.len() < 6 {
        return Vec::new();
    }
    let bins = (width / 2.0).ceil() as usize + 1;
    let mut covered = vec![0usize; bins];
    for s in &narrow {
        let a = ((s.x0 - left) / 2.0).floor().max(0.0) as usize;
        let b = (((s.x1 - left) / 2.0).ceil() as usize).min(bins - 1);
        for c in covered.iter_mut().take(b + 1).skip(a) {
            *c += 1;
        }
    }
    // Uncovered runs well inside the text, at least 6 pt wide, with text
    // on both sides.
    let mut out = Vec::new();
    let mut run_start = None;
    for (i, &c) in covered.iter().enumerate() {
        match (c == 0, run_start) {
            (true, None) => run_start = Some(i),
            (false, Some(start)) => {
                let (a, b) = (left + start as f64 * 2.0, left + i as f64 * 2.0);
                if b - a >= 6.0 && a > left + width * 0.15 && b < right - width * 0.15 {
                    out.push((a + b) / 2.0);
                }
                run_start = None;
            }
            _ => {}
        }
    }
    out
}

/// The title (the largest type on the first page, its lines joined) and
/// the short lines above and below it before the running text starts;
/// they are taken out of `ordered`.
fn front_matter(ordered: &mut Vec<Placed>, body: f64) -> Front {
    let first_page: Vec<usize> = (0..ordered.len())
        .filter(|&i| ordered[i].page == 0)
        .collect();
    let largest = first_page
        .iter()
        .map(|&i| ordered[i].seg.size)
        .fold(0.0, f64::max);
    if largest < body * 1.2 {
        return Front::default();
    }
    let Some(start) = first_page
        .iter()
        .copied()
        .find(|&i| ordered[i].seg.size >= largest * 0.95)
    else {
        return Front::default();
    };
    let mut end = start;
    while end + 1 < ordered.len()
        && ordered[end + 1].page == 0
        && ordered[end + 1].seg.size >= largest * 0.95
    {
        end += 1;
    }
    let title = ordered[start..=end]
        .iter()
        .map(|p| p.seg.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    // Short lines right after the title that are not running text.
    let mut below_end = end + 1;
    while below_end < ordered.len()
        && ordered[below_end].page == 0
        && ordered[below_end].seg.size < largest * 0.95
        && ordered[below_end].seg.text.split_whitespace().count() <= 10
        && !ordered[below_end].seg.text.ends_with('.')
        && ordered[below_end].seg.size <= body * 1.15
        && below_end - end <= 3
    {
        below_end += 1;
    }
    // Only lines set apart from the text below count (a gap or a page).
    let gap_after = |i: usize| {
        ordered.get(i + 1).is_none_or(|n| {
            n.page != ordered[i].page || n.seg.y - ordered[i].seg.y > ordered[i].seg.size * 2.2
        })
    };
    if below_end > end + 1 && !gap_after(below_end - 1) {
        below_end = end + 1;
    }
    let above: Vec<String> = ordered[..start]
        .iter()
        .map(|p| p.seg.text.clone())
        .collect();
    let below: Vec<String> = ordered[end + 1..below_end]
        .iter()
        .map(|p| p.seg.text.clone())
        .collect();
    ordered.drain(..below_end);
    Front {
        title,
        above,
        below,
    }
}

/// Lines gathered into paragraphs. A paragraph ends at a wider gap than
/// the usual line spacing, a change of type size (a heading), a list item
/// or speaker turn, a first-line indent, a short line ending a sentence,
/// a new column or page.
fn paragraphs(ordered: &[Placed], body: f64) -> Vec<Vec<String>> {
    let gaps: Vec<f64> = ordered
        .windows(2)
        .filter(|w| same_column(&w[0], &w[1]))
        .map(|w| w[1].seg.y - w[0].seg.y)
        .filter(|&g| g > body * 0.9 && g < body * 2.2)
        .collect();
    let leading = median(gaps).max(body);
    // The left and right edges of each column, from its lines.
    let mut edges: HashMap<(usize, usize), (f64, f64)> = HashMap::new();
    for p in ordered {
        let e = edges
            .entry((p.page, p.column))
            .or_insert((f64::MAX, f64::MIN));
        e.0 = e.0.min(p.seg.x0);
        e.1 = e.1.max(p.seg.x1);
    }
    let mut blocks: Vec<Vec<String>> = Vec::new();
    let mut in_item = false;
    for (i, p) in ordered.iter().enumerate() {
        let text = p.seg.text.as_str();
        let starts_item = strip_bullet(text).is_some() || speaker_turn(text).is_some();
        let heading = p.seg.size > body * 1.12;
        let new_block = match i.checked_sub(1).map(|j| &ordered[j]) {
            None => true,
            Some(prev) => {
                let (left, right) = edges[&(p.page, p.column)];
                let gap = p.seg.y - prev.seg.y;
                let prev_heading = prev.seg.size > body * 1.12;
                let indented = p.seg.x0 > left + body * 1.2;
                // The line before ended a sentence short of the edge by more
                // than this line's first word: the break was the author's.
                let first_word = text.split_whitespace().next().unwrap_or("");
                let room = (first_word.chars().count() as f64 + 1.0) * p.seg.size * 0.6;
                let prev_short = prev.seg.x1 + room < right
                    && prev.seg.text.ends_with(['.', '!', '?', ':', '"', '”']);
                if !same_column(prev, p) {
                    let (_, prev_right) = edges[&(prev.page, prev.column)];
                    let full = prev.seg.x1 + room >= prev_right;
                    !(continues_across(prev, p) || full && !indented)
                        || heading
                        || prev_heading
                        || starts_item
                } else {
                    gap > leading * 1.35
                        || gap < 0.0
                        || heading != prev_heading
                        || starts_item
                        || (indented && !in_item)
                        || prev_short
                }
            }
        };
        if new_block {
            blocks.push(Vec::new());
            in_item = strip_bullet(text).is_some();
        }
        if let Some(block) = blocks.last_mut() {
            block.push(text.to_string());
        }
    }
    blocks
}

fn same_column(a: &Placed, b: &Placed) -> bool {
    a.page == b.page && a.column == b.column
}

/// A paragraph that runs on into the next column or page: the line
/// before ends mid-sentence.
fn continues_across(prev: &Placed, next: &Placed) -> bool {
    !prev.seg.text.ends_with(['.', '!', '?', ':', '"', '”'])
        && next.seg.text.starts_with(|c: char| c.is_lowercase())
}

/// The lines of a paragraph as one line; a word broken at a line end is
/// joined back when the text shows the joined word is the word.
fn join_lines(lines: &[String], words: &mut Vocabulary) -> String {
    let mut out = String::new();
    for line in lines {
        let broken = out.ends_with('-')
            && out[..out.len() - 1].ends_with(char::is_alphabetic)
            && line.starts_with(char::is_lowercase);
        if broken {
            let left = out[..out.len() - 1]
                .rsplit(|c: char| !c.is_alphanumeric() && c != '-')
                .next()
                .unwrap_or("");
            let right = line
                .split(|c: char| !c.is_alphanumeric())
                .next()
                .unwrap_or("");
            if words.joins(left, right) {
                out.pop();
            }
        } else if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(line);
    }
    out
}
