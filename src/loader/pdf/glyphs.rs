//! Characters of a PDF with where they stand, collected through
//! pdf-extract's `OutputDev` (it decodes fonts and encodings; we keep the
//! positions it would otherwise flatten into text), then grouped into
//! lines and the lines into segments split at wide gaps (columns).

use pdf_extract::{MediaBox, OutputDev, OutputError, Transform};

/// One character on a page; `y` grows downwards from the top of the page.
#[derive(Debug, Clone)]
pub struct Glyph {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub size: f64,
    pub text: String,
}

/// A page's characters, in content-stream order.
#[derive(Debug, Default)]
pub struct Page {
    pub height: f64,
    pub glyphs: Vec<Glyph>,
}

/// A run of text on one baseline, with no wide gap inside.
#[derive(Debug, Clone)]
pub struct Segment {
    pub x0: f64,
    pub x1: f64,
    /// Baseline, from the top of the page.
    pub y: f64,
    /// The usual character size of the run.
    pub size: f64,
    pub text: String,
}

#[derive(Default)]
pub struct Collector {
    pub pages: Vec<Page>,
}

impl OutputDev for Collector {
    fn begin_page(
        &mut self,
        _page_num: u32,
        media_box: &MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.pages.push(Page {
            height: (media_box.ury - media_box.lly).abs(),
            glyphs: Vec::new(),
        });
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        char: &str,
    ) -> Result<(), OutputError> {
        let Some(page) = self.pages.last_mut() else {
            return Ok(());
        };
        // The text rendering matrix scales the font; its determinant gives
        // the scale whatever the rotation.
        let scale = (trm.m11 * trm.m22 - trm.m12 * trm.m21).abs().sqrt();
        let size = font_size * scale;
        if !size.is_finite() || size <= 0.0 || !trm.m31.is_finite() || !trm.m32.is_finite() {
            return Ok(());
        }
        // What a font maps a glyph to is the file's say: control characters
        // and escape sequences never get through.
        let text = if char.chars().all(|c| !c.is_control() && c != '\u{FFFD}') && char.is_ascii() {
            char.to_string()
        } else {
            super::super::sanitize::clean(char).replace('\n', " ")
        };
        page.glyphs.push(Glyph {
            x: trm.m31,
            y: page.height - trm.m32,
            width: width * size,
            size,
            text,
        });
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}

/// Superscript digits, for footnote markers printed small and raised.
fn superscript(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '0' => '⁰',
            '1' => '¹',
            '2' => '²',
            '3' => '³',
            '4' => '⁴',
            '5' => '⁵',
            '6' => '⁶',
            '7' => '⁷',
            '8' => '⁸',
            '9' => '⁹',
            c => c,
        })
        .collect()
}

/// The page's characters as segments: runs of characters on one baseline
/// with no wide gap, in the order the page draws them. Pages draw text
/// line by line (whatever the column), so the drawing order, not a sort by
/// position, keeps two columns' lines that share a height apart.
pub fn segments(page: &Page) -> Vec<Segment> {
    let mut out: Vec<Segment> = Vec::new();
    let mut sizes: Vec<f64> = Vec::new();
    let mut current: Option<Segment> = None;
    let mut pending_space = false;
    let finish = |seg: Segment, sizes: &mut Vec<f64>, out: &mut Vec<Segment>| {
        let mut seg = seg;
        seg.size = median(std::mem::take(sizes));
        seg.text = super::super::collapse_whitespace(&seg.text);
        if !seg.text.is_empty() {
            out.push(seg);
        }
    };
    for g in &page.glyphs {
        if g.text.trim().is_empty() {
            pending_space = true;
            continue;
        }
        if let Some(seg) = current.as_mut() {
            let size = seg.size.max(1.0);
            let raised =
                g.size < size * 0.8 && g.y < seg.y - size * 0.15 && seg.y - g.y < size * 0.7;
            let same_line = (g.y - seg.y).abs() <= size * 0.45 || raised;
            let gap = g.x - seg.x1;
            if same_line && gap > -size * 0.5 && gap <= size * 1.2 {
                if (gap > size * 0.12 || pending_space) && !seg.text.ends_with(' ') {
                    seg.text.push(' ');
                }
                if raised {
                    seg.text.push_str(&superscript(&g.text));
                } else {
                    seg.text.push_str(&g.text);
                    sizes.push(g.size);
                }
                seg.x1 = seg.x1.max(g.x + g.width);
                pending_space = false;
                continue;
            }
        }
        if let Some(seg) = current.take() {
            finish(seg, &mut sizes, &mut out);
        }
        sizes.push(g.size);
        current = Some(Segment {
            x0: g.x,
            x1: g.x + g.width,
            y: g.y,
            size: g.size,
            text: g.text.clone(),
        });
        pending_space = false;
    }
    if let Some(seg) = current.take() {
        finish(seg, &mut sizes, &mut out);
    }
    out
}

pub fn median(mut values: Vec<f64>) -> f64 {
    if values.is_empty() {
        return 0.0;
    }
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}
