//! Where popups go: help, lists, problems. The model bounds scrolling with
//! the same rectangles the ui draws, so the two always agree.

use ratatui::layout::Rect;

/// A rectangle `w`×`h` (at most the area) centred in `area`.
pub fn centred(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

/// Inside a one-cell border.
pub fn inside_border(rect: Rect) -> Rect {
    Rect {
        x: rect.x.saturating_add(1),
        y: rect.y.saturating_add(1),
        width: rect.width.saturating_sub(2),
        height: rect.height.saturating_sub(2),
    }
}

/// The help popup on a `width`×`height` screen.
pub fn help_popup(width: u16, height: u16) -> Rect {
    centred(Rect::new(0, 0, width, height), 76, height.saturating_sub(2))
}

/// A popup listing entries (bookmarks, notes without a brief): nearly the
/// whole screen.
pub fn list_popup(width: u16, height: u16) -> Rect {
    centred(
        Rect::new(0, 0, width, height),
        width.saturating_sub(4),
        height.saturating_sub(2),
    )
}

/// The start-up problems popup: as tall as its `rows` of text (plus the
/// border), at most the screen less two rows.
pub fn problems_popup(width: u16, height: u16, rows: usize) -> Rect {
    let tall = u16::try_from(rows).unwrap_or(u16::MAX).saturating_add(2);
    centred(
        Rect::new(0, 0, width, height),
        width.saturating_sub(4),
        tall.min(height.saturating_sub(2)),
    )
}

/// How far a popup of `rows` rows of text, `visible` at a time, can scroll.
pub fn max_scroll(rows: usize, visible: u16) -> usize {
    rows.saturating_sub(usize::from(visible))
}
