//! Scrolling the reader: page and half-page moves, the mouse wheel, clicks
//! and moving between panes. Kept apart from the motions in reader.rs.

use super::notes;
use super::reader::{Reader, Top, pane_slot};
use crate::layout::Pane;

impl Reader {
    /// Scroll a text pane by `delta` rows (negative: up), without passing
    /// the point where its last passage ends at the bottom.
    pub(super) fn scroll_rows(&mut self, pane: Pane, delta: isize) {
        let rect = self.geometry().pane(pane);
        let list = self.index.in_pane(pane).to_vec();
        if list.is_empty() {
            return;
        }
        let slot = pane_slot(pane);
        let mut top = self.tops[slot];
        let mut n = delta.unsigned_abs();
        if delta > 0 {
            let limit = self.max_top(pane);
            while n > 0 && (top.pos, top.line) < (limit.pos, limit.line) {
                let h = self.height_of(list[top.pos], rect);
                let step = n.min(h - top.line.min(h));
                top.line += step;
                n -= step;
                if top.line >= h {
                    top = Top {
                        pos: top.pos + 1,
                        line: 0,
                    };
                }
                if (top.pos, top.line) > (limit.pos, limit.line) {
                    top = limit;
                }
                if step == 0 {
                    break;
                }
            }
        } else {
            while n > 0 {
                if top.line > 0 {
                    let step = n.min(top.line);
                    top.line -= step;
                    n -= step;
                } else if top.pos > 0 {
                    top.pos -= 1;
                    top.line = self.height_of(list[top.pos], rect);
                } else {
                    break;
                }
            }
        }
        self.tops[slot] = top;
    }

    /// The furthest a pane scrolls: its last passage ends at the bottom.
    pub(super) fn max_top(&self, pane: Pane) -> Top {
        let rect = self.geometry().pane(pane);
        let height = usize::from(rect.height.saturating_sub(2));
        let list = self.index.in_pane(pane);
        let mut used = 0;
        for pos in (0..list.len()).rev() {
            let h = self.height_of(list[pos], rect);
            if used + h >= height {
                return Top {
                    pos,
                    line: h - (height - used),
                };
            }
            used += h;
        }
        Top::default()
    }

    /// Page and half-page moves: scroll, then put the cursor on the first
    /// passage that starts in view.
    pub fn page(&mut self, fraction: (usize, usize), down: bool) {
        if self.index.is_empty() {
            return;
        }
        let pane = self.pane_of(self.cursor);
        let rect = self.geometry().pane(pane);
        let height = usize::from(rect.height.saturating_sub(2)).max(1);
        let rows = (height * fraction.0 / fraction.1).max(1) as isize;
        let before = self.tops[pane_slot(pane)];
        self.scroll_rows(pane, if down { rows } else { -rows });
        let after = self.tops[pane_slot(pane)];
        let list = self.index.in_pane(pane);
        let target = if before == after {
            // Nothing left to scroll: go to the end (or start) of the pane.
            if down { list.last() } else { list.first() }
        } else if after.line == 0 {
            list.get(after.pos)
        } else {
            // The next passage, if it starts inside the view; else stay in
            // the long passage that fills it.
            let rest = self
                .height_of(list[after.pos], rect)
                .saturating_sub(after.line);
            if rest < height {
                list.get(after.pos + 1)
            } else {
                list.get(after.pos)
            }
        };
        let Some(&target) = target else { return };
        if before == after && down && target == self.cursor {
            // The last passage of this pane: continue into the next pane.
            if self.cursor + 1 < self.index.len() {
                self.move_to(self.cursor + 1);
            }
            return;
        }
        if before == after && !down && target == self.cursor && self.cursor > 0 {
            self.move_to(self.cursor - 1);
            return;
        }
        self.cursor = target;
        self.sentence = None;
        self.selection = None;
        // The view was just chosen: only make sure the target shows at all.
        if !self.visible(pane).iter().any(|(p, _, _)| *p == target) {
            self.reveal();
        }
    }

    /// Mouse wheel: scroll the focused pane; the cursor follows only if it
    /// would leave the view.
    pub fn wheel(&mut self, delta: i16) {
        let pane = if self.focus == Pane::Notes {
            self.pane_of(self.cursor)
        } else {
            self.focus
        };
        self.scroll_rows(pane, isize::from(delta));
        let shown: Vec<usize> = self.visible(pane).iter().map(|(p, _, _)| *p).collect();
        if self.pane_of(self.cursor) == pane
            && !shown.contains(&self.cursor)
            && let Some(&p) = if delta > 0 {
                shown.first()
            } else {
                shown.last()
            }
        {
            self.cursor = p;
            self.sentence = None;
        }
    }

    /// A click: the passage (or note) under the cell gets the cursor.
    pub fn click(&mut self, column: u16, row: u16) {
        let geometry = self.geometry();
        for pane in [Pane::Summary, Pane::Commentary] {
            let rect = geometry.pane(pane);
            if rect.contains((column, row).into()) && row > rect.y {
                let n = usize::from(row - rect.y - 1);
                if let Some((passage, _, _)) = self.visible(pane).get(n) {
                    self.focus = pane;
                    self.move_to(*passage);
                }
                return;
            }
        }
        if geometry.notes.contains((column, row).into()) {
            self.focus = Pane::Notes;
            let row = row.saturating_sub(geometry.notes.y + 1);
            if self.margin_shown() {
                super::margin::click(self, usize::from(row));
            } else {
                notes::click(self, row);
            }
        }
    }

    /// Tab: summary → commentary → notes (skipping empty or hidden panes).
    pub fn cycle_pane(&mut self, forward: bool) {
        let mut panes = Vec::new();
        if !self.index.summary.is_empty() {
            panes.push(Pane::Summary);
        }
        if !self.index.commentary.is_empty() {
            panes.push(Pane::Commentary);
        }
        if self.notes_visible() {
            panes.push(Pane::Notes);
        }
        let Some(at) = panes.iter().position(|p| *p == self.focus) else {
            if let Some(first) = panes.first() {
                self.focus = *first;
            }
            return;
        };
        let next = if forward {
            (at + 1) % panes.len()
        } else {
            (at + panes.len() - 1) % panes.len()
        };
        self.focus = panes[next];
        match self.focus {
            Pane::Notes => notes::follow_cursor(self),
            pane if self.pane_of(self.cursor) != pane => {
                // Back where the reader was in that pane; the first passage
                // shown there if they have not been in it yet.
                self.remember_pane_cursor();
                let shown = self.visible(pane);
                let target = self.pane_cursor[pane_slot(pane)]
                    .filter(|p| *p < self.index.len() && self.pane_of(*p) == pane)
                    .or(shown.first().map(|(p, _, _)| *p))
                    .or(self.index.in_pane(pane).first().copied());
                if let Some(p) = target {
                    self.cursor = p;
                    self.sentence = None;
                    self.selection = None;
                    self.reveal();
                }
            }
            _ => {}
        }
    }
}
