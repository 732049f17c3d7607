//! The temporary file a note is edited in by $VISUAL/$EDITOR: private,
//! ending with a newline (as editors and `echo >>` expect), and removed
//! when dropped, also when writing it failed half way.

use std::fs::OpenOptions;
use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::PathBuf;

pub struct ScratchFile {
    pub path: PathBuf,
}

impl ScratchFile {
    /// A new file in the system's temporary folder holding `text`.
    pub fn create(text: &str) -> std::io::Result<ScratchFile> {
        let stamp = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default();
        let scratch = ScratchFile {
            path: std::env::temp_dir()
                .join(format!("brief-note-{}-{stamp}.md", std::process::id())),
        };
        let mut file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .custom_flags(libc::O_NOFOLLOW)
            .open(&scratch.path)?;
        file.write_all(text.as_bytes())?;
        if !text.ends_with('\n') {
            file.write_all(b"\n")?;
        }
        file.sync_all()?;
        Ok(scratch)
    }

    /// The text as the editor left it, without the line ends at its end
    /// (the one added here, or the editor's own).
    pub fn read_back(&self) -> std::io::Result<String> {
        let bytes = std::fs::read(&self.path)?;
        let text = String::from_utf8_lossy(&bytes);
        Ok(text.trim_end_matches(['\n', '\r']).to_string())
    }
}

impl Drop for ScratchFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ends_with_a_newline_reads_back_without_it_and_is_removed() {
        let scratch = ScratchFile::create("a note").unwrap();
        let path = scratch.path.clone();
        assert_eq!(std::fs::read(&path).unwrap(), b"a note\n");
        // A script appending a line, as `echo more >> "$1"` does.
        std::fs::OpenOptions::new()
            .append(true)
            .open(&path)
            .unwrap()
            .write_all(b"more\n")
            .unwrap();
        assert_eq!(scratch.read_back().unwrap(), "a note\nmore");
        drop(scratch);
        assert!(!path.exists());
    }
}
