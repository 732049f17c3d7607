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
        let top = self.tops[slot];
        if own >= height {
            let inside = top.pos == pos && own.saturating_sub(top.line) >= height;
            if !inside {
                self.tops[slot] = Top { pos, line: 0 };
            }
            return;
        }
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

    /// `j` (down) and `k` (up): scroll through the cursor's passage while
    /// part of it is out of view in that direction, else move to the next
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
        if down {
            if let Some((p, rows, n)) = shown.last()
                && *p == self.cursor
                && n + 1 < rows.rows.len()
            {
                let rest = rows.rows.len() - n - 1;
                self.scroll_rows(pane, stride.min(rest) as isize);
                return;
            }
            self.move_to(self.cursor + 1);
            return;
        }
        if let Some((p, _, n)) = shown.first()
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
        let own = self.height_of(self.cursor, rect);
        if let Ok(pos) = self.index.in_pane(pane).binary_search(&self.cursor)
            && own > height
            && height > 0
        {
            self.tops[pane_slot(pane)] = Top {
                pos,
                line: own - height,
            };
        }
    }
}
