//! Reading a brief from disk: regular files only, within a size limit
//! counted on the bytes read; the quick start of a large brief; the
//! fingerprint that recognises a brief's annotations. Used by the CLI and
//! by the interface alike.

use crate::annotations::Fingerprint;
use crate::document::Brief;
use anyhow::{Context as _, Result, bail};
use std::path::{Path, PathBuf};

/// What `brief` opens: a folder as a library, or files given by name.
pub enum Start {
    Library(PathBuf),
    Files(Vec<PathBuf>),
}

/// Largest brief read whole. Bigger files are almost certainly not briefs,
/// and reading them would cost memory the reader cannot justify.
pub const MAX_BRIEF_BYTES: u64 = 64 * 1024 * 1024;

/// Read and parse one brief file; every error names the file, on one line.
pub fn read_brief(path: &Path) -> Result<Brief> {
    let bytes = read_brief_bytes(path)?;
    parse_brief(path, &bytes)
}

/// Parse bytes read from `path`, naming the file in any error.
pub fn parse_brief(path: &Path, bytes: &[u8]) -> Result<Brief> {
    let shown = crate::text::printable(&path.display().to_string()).into_owned();
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    crate::loader::load(bytes, &name).map_err(|e| anyhow::anyhow!("{shown}: {e}"))
}

/// The start of a brief: when the file is larger than `min_size`, its first
/// `limit` bytes parsed up to the last blank line; otherwise the whole
/// brief. The flag says whether only the start was parsed.
pub fn read_brief_start(path: &Path, limit: u64, min_size: u64) -> Result<(Brief, bool)> {
    let (head, size) = read_brief_head(path, limit)?;
    // A saved page or a PDF means nothing cut short: it is read whole.
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    if !crate::loader::parses_in_parts(crate::loader::format_of(&name, &head)) {
        let bytes = if size as usize == head.len() {
            head
        } else {
            read_brief_bytes(path)?
        };
        // A long PDF shows its first pages while the rest is read.
        if size > min_size
            && let Some(Ok(start)) = crate::loader::load_start(&bytes, &name)
        {
            return Ok((start, true));
        }
        return Ok((parse_brief(path, &bytes)?, false));
    }
    let cut = (size > min_size).then(|| quick_cut(&head)).flatten();
    match cut {
        Some(cut) => Ok((parse_brief(path, &head[..cut])?, true)),
        None if size as usize == head.len() => Ok((parse_brief(path, &head)?, false)),
        None => Ok((read_brief(path)?, false)),
    }
}

/// Where to cut the first bytes of a large brief so its start can be shown
/// before the rest is read: the last blank line (a paragraph boundary, so
/// the passages before it parse as they will in the whole). None for UTF-16
/// or when there is no blank line to cut at.
pub fn quick_cut(head: &[u8]) -> Option<usize> {
    if head.starts_with(b"\xFF\xFE") || head.starts_with(b"\xFE\xFF") {
        return None;
    }
    [&b"\n\n"[..], b"\r\n\r\n", b"\r\r"]
        .iter()
        .filter_map(|sep| {
            head.windows(sep.len())
                .rposition(|w| w == *sep)
                .map(|i| i + sep.len())
        })
        .max()
}

/// The first `limit` bytes of a brief file and its whole size, with the
/// same checks as `read_brief_bytes`.
fn read_brief_head(path: &Path, limit: u64) -> Result<(Vec<u8>, u64)> {
    let shown = crate::text::printable(&path.display().to_string()).into_owned();
    let (file, size) = open_brief(path, &|| shown.clone())?;
    if size > MAX_BRIEF_BYTES {
        return read_brief_bytes(path).map(|b| (b, size));
    }
    let mut head = Vec::with_capacity(limit.min(size) as usize);
    read_at_most(file, limit, &mut head).with_context(|| format!("{shown}: cannot read"))?;
    Ok((head, size))
}

/// The bytes of a brief file, refusing folders, anything that is not a
/// regular file, and oversized files.
pub fn read_brief_bytes(path: &Path) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    read_brief_into(path, &mut bytes)?;
    Ok(bytes)
}

/// `read_brief_bytes` into `bytes` (emptied first): a search reading
/// thousands of files reuses one buffer.
pub fn read_brief_into(path: &Path, bytes: &mut Vec<u8>) -> Result<()> {
    // Named only in an error: made then.
    let shown = || crate::text::printable(&path.display().to_string()).into_owned();
    let (file, size) = open_brief(path, &shown)?;
    let too_large = |size: u64| {
        anyhow::anyhow!(
            "{}: too large for a brief ({} MB; the limit is {} MB)",
            shown(),
            size >> 20,
            MAX_BRIEF_BYTES >> 20
        )
    };
    if size > MAX_BRIEF_BYTES {
        return Err(too_large(size));
    }
    // The limit is on the bytes actually read: a file can grow while it is
    // read, and what the metadata says is only a hint.
    bytes.clear();
    bytes.reserve(size as usize + 1);
    let complete = read_at_most(file, MAX_BRIEF_BYTES, bytes)
        .with_context(|| format!("{}: cannot read", shown()))?;
    if !complete {
        return Err(too_large(MAX_BRIEF_BYTES + 1));
    }
    Ok(())
}

/// Read at most `limit` bytes into `out`; true if that was the whole input
/// (one byte more is asked for, to know).
pub fn read_at_most(
    input: impl std::io::Read,
    limit: u64,
    out: &mut Vec<u8>,
) -> std::io::Result<bool> {
    use std::io::Read;
    input.take(limit.saturating_add(1)).read_to_end(out)?;
    let whole = out.len() as u64 <= limit;
    out.truncate(limit.try_into().unwrap_or(usize::MAX));
    Ok(whole)
}

/// Open a brief for reading, only if it is a regular file, and its size.
///
/// A FIFO would block the open (and then every read) until a writer comes,
/// with the terminal in raw mode and signals waiting on the main loop; a
/// device such as /dev/zero never ends. So the kind is checked before
/// opening, and again on the open file (opened non-blocking, so that a FIFO
/// swapped in between cannot block either).
fn open_brief(path: &Path, shown: &dyn Fn() -> String) -> Result<(std::fs::File, u64)> {
    use std::os::unix::fs::OpenOptionsExt;
    let meta = std::fs::metadata(path).with_context(|| format!("{}: cannot read", shown()))?;
    not_a_file(&meta, shown)?;
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(path)
        .with_context(|| format!("{}: cannot read", shown()))?;
    let meta = file
        .metadata()
        .with_context(|| format!("{}: cannot read", shown()))?;
    not_a_file(&meta, shown)?;
    Ok((file, meta.len()))
}

/// An error naming what `meta` is when it is not a regular file.
fn not_a_file(meta: &std::fs::Metadata, shown: &dyn Fn() -> String) -> Result<()> {
    use std::os::unix::fs::FileTypeExt;
    let kind = meta.file_type();
    let what = if kind.is_file() {
        return Ok(());
    } else if kind.is_dir() {
        "is a folder, not a brief"
    } else if kind.is_fifo() {
        "is a named pipe (FIFO), not a brief file"
    } else if kind.is_char_device() || kind.is_block_device() {
        "is a device, not a brief file"
    } else if kind.is_socket() {
        "is a socket, not a brief file"
    } else {
        "is not a regular file"
    };
    bail!("{}: {what}", shown())
}

/// The fingerprint of a brief read from `path` (`whole`: all of it, not
/// only its start).
pub fn fingerprint(path: &Path, brief: &Brief, whole: bool) -> Fingerprint {
    let bytes = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    Fingerprint::of(brief, bytes, whole)
}

/// What the start of the file at `path` says (None: no brief there); the
/// store asks this to tell whether a record's own path still holds its brief.
pub fn probe(path: &Path) -> Option<Fingerprint> {
    const HEAD: u64 = 8 * 1024;
    let (brief, partial) = read_brief_start(path, HEAD, HEAD).ok()?;
    Some(fingerprint(path, &brief, !partial))
}
