//! Reading progress: how far into the brief the cursor is, and the furthest
//! it has been (kept with the reading position, shown in the status line
//! and the library).

use super::reader::Reader;

impl Reader {
    /// Per cent of the brief's passages up to and including the cursor's.
    pub fn progress(&self) -> u8 {
        let total = self.index.len();
        if total == 0 {
            return 100;
        }
        let done = (self.cursor + 1).min(total);
        // At most 100; rounded down so 100 means the last passage.
        u8::try_from(done * 100 / total).unwrap_or(100)
    }

    /// The furthest read: what was saved before, the furthest the cursor
    /// went this session, or where it is now.
    pub fn furthest_progress(&self) -> u8 {
        let saved = self
            .annotations
            .position()
            .and_then(|p| p.progress)
            .unwrap_or(0);
        saved.max(self.furthest_seen).max(self.progress())
    }
}
