//! Non-interactive commands: `show`, and reading briefs from disk for them.

use crate::document::Brief;
use anyhow::{Context, Result};
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

/// Largest brief read whole. Bigger files are almost certainly not briefs,
/// and reading them would cost memory the reader cannot justify.
pub const MAX_BRIEF_BYTES: u64 = 64 * 1024 * 1024;

/// Read and parse one brief file; every error names the file, on one line.
pub fn read_brief(path: &Path) -> Result<Brief> {
    let shown = path.display();
    let size = std::fs::metadata(path)
        .with_context(|| format!("{shown}: cannot read"))?
        .len();
    if size > MAX_BRIEF_BYTES {
        anyhow::bail!(
            "{shown}: too large for a brief ({} MB; the limit is {} MB)",
            size / (1024 * 1024),
            MAX_BRIEF_BYTES / (1024 * 1024)
        );
    }
    let bytes = std::fs::read(path).with_context(|| format!("{shown}: cannot read"))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    crate::loader::load(&bytes, &name).map_err(|e| anyhow::anyhow!("{shown}: {e}"))
}

/// `brief show --json FILE`.
pub fn show_json(path: &Path) -> Result<ExitCode> {
    let brief = read_brief(path)?;
    let mut stdout = std::io::stdout().lock();
    serde_json::to_writer_pretty(&mut stdout, &brief.to_json())?;
    writeln!(stdout)?;
    Ok(ExitCode::SUCCESS)
}

/// Placeholder until the interactive reader lands.
pub fn not_yet(_paths: &[std::path::PathBuf]) -> Result<ExitCode> {
    anyhow::bail!("the interactive reader is not built yet; use `brief show --json FILE`")
}
