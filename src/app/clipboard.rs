//! The clipboard through OSC 52: the terminal (and, through ssh, the one the
//! user sits at) puts the text on the system clipboard. Inside tmux it is
//! written twice: as it is, which tmux takes itself with `set-clipboard on`
//! (into its buffer, and on to the outer terminal), and wrapped in tmux's
//! passthrough, which reaches the outer terminal with `allow-passthrough
//! on`; tmux's defaults drop the one and refuse the other, so either
//! setting is enough. Only base64 of the text is written: nothing from a
//! brief can act on the terminal.

use std::io::Write;

/// The bytes that ask the terminal to copy `text`.
pub fn osc52(text: &str, in_tmux: bool) -> Vec<u8> {
    let seq = format!("\x1b]52;c;{}\x07", base64(text.as_bytes()));
    if !in_tmux {
        return seq.into_bytes();
    }
    // tmux passes through a DCS `tmux;` whose ESCs are doubled.
    let inner = seq.replace('\x1b', "\x1b\x1b");
    format!("{seq}\x1bPtmux;{inner}\x1b\\").into_bytes()
}

/// Write the copy request to the terminal.
pub fn copy(text: &str) -> std::io::Result<()> {
    let in_tmux = std::env::var_os("TMUX").is_some_and(|t| !t.is_empty());
    let mut out = std::io::stdout().lock();
    out.write_all(&osc52(text, in_tmux))?;
    out.flush()
}

fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ABC[(n >> (18 - 6 * i)) as usize & 63]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_as_the_rfc_says() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }

    #[test]
    fn tmux_gets_its_passthrough() {
        assert_eq!(osc52("hi", false), b"\x1b]52;c;aGk=\x07");
        assert_eq!(
            osc52("hi", true),
            b"\x1b]52;c;aGk=\x07\x1bPtmux;\x1b\x1b]52;c;aGk=\x07\x1b\\"
        );
    }
}
