//! Opening a link with the user's own browser: `$BROWSER` (a `:`-separated
//! list of commands, `%s` standing for the URL, as `xdg-open` and `sensible-
//! browser` read it), else `xdg-open`, else macOS `open`. The URL is one
//! argument of a program started directly, never words handed to a shell;
//! the opener's output goes nowhere, so it cannot draw over the reader.

use std::process::{Command, Stdio};

/// Start an opener for `url`; returns the program that took it.
pub fn open(url: &str) -> Result<String, String> {
    // The model checked the scheme; checked again here, where it matters.
    crate::model::links::openable(url)?;
    let browser = std::env::var("BROWSER").unwrap_or_default();
    let mut tried = Vec::new();
    for command in browser
        .split(':')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(|c| command_line(c, url))
        .chain([
            vec!["xdg-open".to_string(), url.to_string()],
            vec!["open".to_string(), url.to_string()],
        ])
    {
        let Some((program, args)) = command.split_first() else {
            continue;
        };
        match Command::new(program)
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
        {
            Ok(mut child) => {
                // Reaped in the background: the reader does not wait for the browser.
                std::thread::spawn(move || child.wait());
                return Ok(program.clone());
            }
            Err(e) => tried.push(format!("{program}: {e}")),
        }
    }
    Err(format!(
        "no program could open the link (set $BROWSER): {}",
        tried.join("; ")
    ))
}

/// One `$BROWSER` entry as a program and its arguments: `%s` is the URL
/// (appended when absent), `%%` a percent sign.
fn command_line(entry: &str, url: &str) -> Vec<String> {
    let mut words: Vec<String> = entry.split_whitespace().map(str::to_string).collect();
    let mut placed = false;
    for word in words.iter_mut().skip(1) {
        if word.contains("%s") {
            *word = word.replace("%s", url);
            placed = true;
        }
        *word = word.replace("%%", "%");
    }
    if !placed {
        words.push(url.to_string());
    }
    words
}

#[cfg(test)]
mod tests {
    use super::command_line;

    #[test]
    fn browser_entries_take_the_url_as_one_argument() {
        let url = "https://example.org/a b;rm -rf ~";
        assert_eq!(command_line("firefox", url), ["firefox", url]);
        assert_eq!(
            command_line("w3m -o x=1 %s", url),
            ["w3m", "-o", "x=1", url]
        );
        assert_eq!(
            command_line("lynx --url=%s", url),
            ["lynx", &format!("--url={url}")]
        );
    }
}
