//! What the terminal can show, from the environment alone (TERM, COLORTERM,
//! NO_COLOR): whether the interface can run at all, how many colours it
//! may use, and whether to ask for the alternate screen, the mouse and
//! bracketed paste. Pure, so every case is a unit test.
//!
//! Names are looked at rather than terminfo: the terminals that matter are
//! few and their names say enough, and a terminfo parser would be a
//! dependency for the same answers.

use std::sync::OnceLock;

/// Colours the interface may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Colours {
    /// None (NO_COLOR, or a monochrome terminal): bold, underline, reverse.
    None,
    /// The 16 basic colours, written as SGR 30–37/90–97 and 40–47/100–107.
    Basic,
    /// The terminal says it has 256 colours or more (TERM `*-256color`,
    /// COLORTERM truecolor): crossterm's own codes (`38;5;N`) are fine.
    Extended,
}

/// What the terminal can do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Caps {
    pub colours: Colours,
    /// The alternate screen, mouse reporting and bracketed paste: modes of
    /// xterm and its descendants, which a DEC VT100-class terminal lacks.
    pub modes: bool,
}

impl Caps {
    /// What a modern terminal emulator has; the default before `detect`.
    pub const FULL: Caps = Caps {
        colours: Colours::Extended,
        modes: true,
    };
}

/// The terminal's capabilities, or why the interface cannot run on it.
pub fn detect(term: Option<&str>, colorterm: Option<&str>, no_color: bool) -> Result<Caps, String> {
    let term = term.unwrap_or("").trim();
    let name = term.to_ascii_lowercase();
    if name.is_empty() || matches!(name.as_str(), "dumb" | "unknown" | "cons25-m") {
        let shown = if term.is_empty() {
            "TERM is not set".to_string()
        } else {
            format!("TERM={}", crate::text::printable(term))
        };
        return Err(format!(
            "this terminal cannot show brief's interface ({shown}); \
             `brief show --json FILE` prints a brief, `brief export FILE` its notes"
        ));
    }
    // DEC VT52–VT520 and their emulations: no colour, no xterm modes.
    let vt = name.starts_with("vt") && name[2..].starts_with(|c: char| c.is_ascii_digit());
    let mono = vt || name.ends_with("-m") || name.ends_with("-mono");
    let colorterm = colorterm.unwrap_or("").to_ascii_lowercase();
    let colours = if no_color || mono {
        Colours::None
    } else if name.contains("256color")
        || name.contains("truecolor")
        || name.contains("direct")
        || matches!(colorterm.as_str(), "truecolor" | "24bit")
    {
        Colours::Extended
    } else {
        Colours::Basic
    };
    Ok(Caps {
        colours,
        modes: !vt,
    })
}

static CAPS: OnceLock<Caps> = OnceLock::new();

/// Decide once for this run (from the environment); later calls keep the
/// first answer.
pub fn init() -> Result<Caps, String> {
    let term = std::env::var("TERM").ok();
    let colorterm = std::env::var("COLORTERM").ok();
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let caps = detect(term.as_deref(), colorterm.as_deref(), no_color)?;
    Ok(*CAPS.get_or_init(|| caps))
}

/// What `init` decided (full capabilities if it was never called).
pub fn get() -> Caps {
    CAPS.get().copied().unwrap_or(Caps::FULL)
}

/// Rewrites crossterm's colour codes for a terminal of 16 colours: it
/// writes even the basic colours as `38;5;N`, which such a terminal shows
/// wrongly or not at all. Everything else passes through. Escape sequences
/// may arrive in pieces, so an unfinished one is held until its end.
pub struct BasicColours<W: std::io::Write> {
    inner: W,
    /// Whether to rewrite (a terminal of 16 colours) or pass all through.
    active: bool,
    /// An escape sequence begun and not yet finished.
    pending: Vec<u8>,
}

impl<W: std::io::Write> BasicColours<W> {
    pub fn new(inner: W, active: bool) -> Self {
        BasicColours {
            inner,
            active,
            pending: Vec::new(),
        }
    }
}

impl<W: std::io::Write> std::io::Write for BasicColours<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if !self.active {
            return self.inner.write(buf);
        }
        let mut out = Vec::with_capacity(buf.len() + 8);
        for &b in buf {
            if self.pending.is_empty() {
                if b == 0x1b {
                    self.pending.push(b);
                } else {
                    out.push(b);
                }
                continue;
            }
            self.pending.push(b);
            let finished = match self.pending.len() {
                2 => b != b'[',
                _ => (0x40..=0x7e).contains(&b),
            };
            if finished {
                out.extend_from_slice(&basic_sgr(&self.pending));
                self.pending.clear();
            }
        }
        self.inner.write_all(&out)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// One escape sequence, with any 256-colour or RGB colour in an SGR
/// rewritten to a basic one (or to the default colour when it has none).
fn basic_sgr(sequence: &[u8]) -> Vec<u8> {
    let Some(params) = sequence
        .strip_prefix(b"\x1b[")
        .and_then(|s| s.strip_suffix(b"m"))
        .and_then(|s| std::str::from_utf8(s).ok())
    else {
        return sequence.to_vec();
    };
    let params: Vec<&str> = params.split(';').collect();
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < params.len() {
        let (base, default) = match params[i] {
            "38" => (30, "39"),
            "48" => (40, "49"),
            "58" => (0, "59"),
            p => {
                out.push(p.to_string());
                i += 1;
                continue;
            }
        };
        match params.get(i + 1).copied() {
            Some("5") => {
                let n: Option<u8> = params.get(i + 2).and_then(|n| n.parse().ok());
                out.push(match n {
                    Some(n) if n < 8 && base > 0 => (base + u16::from(n)).to_string(),
                    Some(n) if n < 16 && base > 0 => (base + 60 + u16::from(n - 8)).to_string(),
                    _ => default.to_string(),
                });
                i += 3;
            }
            Some("2") => {
                out.push(default.to_string());
                i += 5;
            }
            _ => {
                out.push(default.to_string());
                i += 1;
            }
        }
    }
    format!("\x1b[{}m", out.join(";")).into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn terminals_by_name() {
        let basic = Caps {
            colours: Colours::Basic,
            modes: true,
        };
        // TERM, COLORTERM, NO_COLOR, and what follows (None: refused).
        type Case<'a> = (Option<&'a str>, Option<&'a str>, bool, Option<Caps>);
        let cases: &[Case] = &[
            (None, None, false, None),
            (Some(""), None, false, None),
            (Some("dumb"), Some("truecolor"), false, None),
            (Some("xterm-256color"), None, false, Some(Caps::FULL)),
            (Some("xterm"), None, false, Some(basic)),
            (Some("xterm"), Some("truecolor"), false, Some(Caps::FULL)),
            (Some("screen"), None, false, Some(basic)),
            (Some("linux"), None, false, Some(basic)),
            (
                Some("xterm-256color"),
                None,
                true,
                Some(Caps {
                    colours: Colours::None,
                    modes: true,
                }),
            ),
            (
                Some("vt100"),
                Some("truecolor"),
                false,
                Some(Caps {
                    colours: Colours::None,
                    modes: false,
                }),
            ),
            (
                Some("vt220"),
                None,
                false,
                Some(Caps {
                    colours: Colours::None,
                    modes: false,
                }),
            ),
        ];
        for (term, colorterm, no_color, want) in cases {
            let got = detect(*term, *colorterm, *no_color);
            match want {
                Some(want) => assert_eq!(got.as_ref(), Ok(want), "{term:?}"),
                None => assert!(
                    got.as_ref().is_err_and(|e| e.contains("brief show --json")),
                    "{term:?}: {got:?}"
                ),
            }
        }
    }

    #[test]
    fn colours_are_rewritten_to_basic_codes_even_in_pieces() {
        let mut w = BasicColours::new(Vec::new(), true);
        for piece in [
            &b"a\x1b["[..],
            b"38;5;6",
            b"m",
            b"\x1b[48;5;11mb\x1b[39m\x1b[1;38;5;200;4m\x1b[38;2;1;2;3m\x1b[?1049h\x1b(B",
        ] {
            w.write_all(piece).unwrap();
        }
        assert_eq!(
            String::from_utf8(w.inner).unwrap(),
            "a\x1b[36m\x1b[103mb\x1b[39m\x1b[1;39;4m\x1b[39m\x1b[?1049h\x1b(B"
        );
    }
}
