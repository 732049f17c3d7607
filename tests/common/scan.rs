//! The byte scan: nothing `brief` writes to a terminal — the interface or
//! a command's output — holds a control sequence it did not mean to write.

/// Escape sequences that `brief` itself writes: SGR, cursor moves, erase,
/// and the private modes for the alternate screen, cursor and mouse.
fn allowed_csi(params: &str, final_byte: char) -> bool {
    match final_byte {
        'm' | 'H' | 'J' | 'K' | 'A' | 'B' | 'C' | 'D' | 'G' | 'd' | 'X' | 'r' => true,
        // The device attributes, asked with the colours at start-up.
        'c' => params.is_empty(),
        'h' | 'l' => matches!(
            params,
            "?1049" | "?1000" | "?1006" | "?25" | "?2004" | "?1002" | "?1003" | "?1015" | "?2026"
        ),
        _ => false,
    }
}

pub fn check_output(raw: &[u8]) {
    let text = String::from_utf8_lossy(raw);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{1b}' => match chars.next() {
                Some('[') => {
                    let mut params = String::new();
                    let final_byte = loop {
                        match chars.next() {
                            Some(p) if ('\u{20}'..='\u{3f}').contains(&p) => params.push(p),
                            Some(f) => break f,
                            None => return,
                        }
                    };
                    assert!(
                        allowed_csi(&params, final_byte),
                        "unexpected CSI {params:?}{final_byte}"
                    );
                }
                // The OSCs brief writes: 52 (`y` copies to the clipboard:
                // only base64 between `52;c;` and BEL), and at start-up the
                // questions for the terminal's colours (`10;?`, `11;?`).
                Some(']') => {
                    let mut body = String::new();
                    loop {
                        match chars.next() {
                            Some('\u{7}') => break,
                            Some('\u{1b}') if chars.peek() == Some(&'\\') => {
                                chars.next();
                                break;
                            }
                            Some(c) => body.push(c),
                            None => return,
                        }
                    }
                    let data = body.strip_prefix("52;c;");
                    assert!(
                        matches!(body.as_str(), "10;?" | "11;?")
                            || data.is_some_and(|d| d.chars().all(|c| {
                                c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '=')
                            })),
                        "unexpected OSC {body:?}"
                    );
                }
                Some('(' | ')') => {
                    chars.next();
                }
                Some('7' | '8' | '=' | '>') => {}
                other => panic!("unexpected escape ESC {other:?}"),
            },
            '\u{7}' => panic!("BEL reached the terminal"),
            '\u{80}'..='\u{9f}' => panic!("C1 control {c:?} reached the terminal"),
            '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => {
                panic!("bidi control {c:?} reached the terminal")
            }
            c if c.is_control() && !matches!(c, '\r' | '\n' | '\u{8}' | '\t') => {
                panic!("control {c:?} reached the terminal")
            }
            // Invisible format characters (tags, marks, soft hyphens) that
            // the loader removes wherever they are.
            c if !c.is_ascii() && !brief::loader::sanitize::typeable(c) => {
                panic!("invisible {c:?} reached the terminal")
            }
            _ => {}
        }
    }
}
