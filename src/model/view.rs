//! Keeping the cursor in view as a book reads: rows of context above and
//! below the cursor's passage (the scroll-off), and `j`/`k` that scroll
//! through a passage taller than the pane before moving on, so no line is
//! ever skipped.

use super::reader::{Reader, Top, pane_slot};

impl Reader {
    /// Scroll the cursor's pane so the cursor's passage is in view with
    /// `scroll_off` rows of context around it where there is room; a
    /// passage taller than the view shows its first rows (unless the view
    /// already lies inside it: `j` is scrolling through it).
    pub fn reveal(&mut self) {
        if self.index.is_empty() {
            return;
        }
        let pane = self.pane_of(self.cursor);
        let rect = self.geometry().pane(pane);
        let height = usize::from(rect.height.saturating_sub(2));
        let list = self.index.in_pane(pane).to_vec();
        let Ok(pos) = list.binary_search(&self.cursor) else {
            return;
        };
        let slot = pane_slot(pane);
        let own = self.height_of(list[pos], rect);
        let text = self.text_height(list[pos], rect);
        let top = self.tops[slot];
        if text >= height {
            let inside = top.pos == pos && text.saturating_sub(top.line) >= height;
            if !inside {
                self.tops[slot] = Top { pos, line: 0 };
            }
            return;
        }
        // Its blank row may be all that does not fit: it goes below.
        let own = own.min(height);
        // Context shrinks on small panes so the passage itself stays whole.
        let context = self.scroll_off.min((height - own) / 2);
        let start = if pos < top.pos || (pos == top.pos && top.line > 0) {
            // Above the view: it goes to the top, context above it.
            self.tops[slot] = Top { pos, line: 0 };
            0
        } else {
            // Rows from the view's top to the passage; counting stops once
            // it is clearly below the view.
            let mut rows = 0;
            for &p in &list[top.pos..pos] {
                rows += self.height_of(p, rect);
                if rows.saturating_sub(top.line) > height {
                    // Far below: it ends `context` rows above the bottom.
                    self.tops[slot] = Top { pos, line: 0 };
                    self.scroll_rows(pane, -((height - own - context) as isize));
                    self.no_empty_end(pane);
                    return;
                }
            }
            rows.saturating_sub(top.line)
        };
        let end = start + own;
        if end + context > height {
            self.scroll_rows(pane, (end + context - height) as isize);
        } else if start < context {
            self.scroll_rows(pane, -((context - start) as isize));
        }
        self.no_empty_end(pane);
    }

    /// Rows of a passage up to its last row of text (or speaker, or
    /// heading): without the blank row that spaces it from the next.
    pub(super) fn text_height(&self, passage: usize, rect: ratatui::layout::Rect) -> usize {
        let rows = self.rows(passage, rect);
        rows.rows
            .iter()
            .rposition(|r| !matches!(r, crate::layout::Row::Blank))
            .map_or(0, |n| n + 1)
    }

    /// Never scrolled past the point where the pane's last passage ends at
    /// the bottom (context below the last passage is empty rows).
    fn no_empty_end(&mut self, pane: crate::layout::Pane) {
        let slot = pane_slot(pane);
        let limit = self.max_top(pane);
        let top = self.tops[slot];
        if (top.pos, top.line) > (limit.pos, limit.line) {
            self.tops[slot] = limit;
        }
    }

    /// `j` (down) and `k` (up): scroll through the cursor's passage, when
    /// it is taller than the pane, while part of it is out of view in that
    /// direction, else move to the next
    /// (previous) passage. Two rows of the last view stay on screen.
    pub fn step(&mut self, down: bool) {
        if self.index.is_empty() {
            return;
        }
        let pane = self.pane_of(self.cursor);
        let rect = self.geometry().pane(pane);
        let height = usize::from(rect.height.saturating_sub(2));
        let stride = height.saturating_sub(2).max(1);
        let shown = self.visible(pane);
        // Only a passage taller than the pane is read down (or up): one
        // that fits was shown whole when the cursor came to it, and `j`
        // that does not move would put the next note on the wrong passage.
        let text = self.text_height(self.cursor, rect);
        let long = text > height;
        if down {
            if let Some((p, _, n)) = shown.last()
                && long
                && *p == self.cursor
                && n + 1 < text
            {
                let rest = text - n - 1;
                self.scroll_rows(pane, stride.min(rest) as isize);
                return;
            }
            self.move_to(self.cursor + 1);
            return;
        }
        if let Some((p, _, n)) = shown.first()
            && long
            && *p == self.cursor
            && *n > 0
        {
            self.scroll_rows(pane, -(stride.min(*n) as isize));
            return;
        }
        if self.cursor == 0 {
            return self.move_to(0);
        }
        self.move_to(self.cursor - 1);
        // Coming up into a passage taller than the view: its end first, so
        // it is read upwards without a jump.
        let pane = self.pane_of(self.cursor);
        let rect = self.geometry().pane(pane);
        let height = usize::from(rect.height.saturating_sub(2));
        let text = self.text_height(self.cursor, rect);
        if let Ok(pos) = self.index.in_pane(pane).binary_search(&self.cursor)
            && text > height
            && height > 0
        {
            self.tops[pane_slot(pane)] = Top {
                pos,
                line: text - height,
            };
        }
    }
}
