//! A cheap look at YAML text before it is parsed: how deep do flow
//! collections (`[`, `{`) nest?
//!
//! libyaml (under serde_yaml) spends time proportional to the square of
//! the flow nesting depth: `[[[…]]]` 160 KB deep takes many seconds before
//! serde_yaml's own depth limit (128) is even consulted. This scan is
//! linear and runs first, so such a file is refused in microseconds.
//!
//! It follows YAML only as far as it must to avoid counting brackets that
//! are text: quoted scalars, comments and block scalars (`|`, `>`) are
//! skipped, and outside flow collections a bracket counts only where a
//! value can start. Where it cannot tell, it counts: a false alarm needs
//! over a hundred unclosed brackets at the start of values, which no
//! keymap, configuration, front matter or annotation file has.

/// Where a block scalar (`key: |`) is, to skip its text.
struct BlockScalar {
    /// The scalar's text is indented more than this.
    parent: usize,
    /// The indentation of its text, once its first line is seen.
    content: Option<usize>,
}

impl BlockScalar {
    /// The block scalar whose header (after `|` or `>`) is `header`, in a
    /// value indented `parent`; None when it is not a header (`a|b`).
    fn starting(header: &str, parent: usize) -> Option<BlockScalar> {
        let header = header.split(" #").next().unwrap_or("");
        header
            .trim_end()
            .bytes()
            .all(|h| matches!(h, b'-' | b'+' | b'0'..=b'9'))
            .then(|| BlockScalar {
                parent,
                content: header
                    .bytes()
                    .find(u8::is_ascii_digit)
                    .map(|d| parent + usize::from(d - b'0')),
            })
    }

    /// Whether `line` (indented `indent`) is still the scalar's text.
    fn holds(&mut self, line: &str, indent: usize) -> bool {
        if line.trim().is_empty() {
            return true;
        }
        match self.content {
            Some(content) => indent >= content,
            None if indent > self.parent => {
                self.content = Some(indent);
                true
            }
            None => false,
        }
    }
}

/// The 1-based line on which flow collections nest deeper than `max`, if
/// they do.
pub(super) fn flow_too_deep(text: &str, max: usize) -> Option<usize> {
    let mut flow = 0usize;
    let mut quote: Option<u8> = None;
    let mut block: Option<BlockScalar> = None;
    for (n, line) in text.split('\n').enumerate() {
        let bytes = line.as_bytes();
        let indent = bytes.iter().take_while(|&&b| b == b' ').count();
        if let Some(scalar) = block.as_mut() {
            if scalar.holds(line, indent) {
                continue;
            }
            block = None;
        }
        // Indentation plus any `- ` that open sequence entries on this line:
        // at least the indentation a block scalar's text must exceed.
        let mut parent = indent;
        // Whether a value (a quoted scalar, a collection) may start here.
        let mut at_value = true;
        // The previous token was a quoted scalar (`"a":[` is a key, then a value).
        let mut after_quote = false;
        let mut i = indent;
        while i < bytes.len() {
            let b = bytes[i];
            let next = bytes.get(i + 1).copied();
            let spaced = matches!(next, None | Some(b' ' | b'\t' | b'\r'));
            if let Some(q) = quote {
                match b {
                    b'\\' if q == b'"' => i += 1,
                    b'\'' if q == b'\'' && next == Some(b'\'') => i += 1,
                    _ if b == q => {
                        quote = None;
                        at_value = false;
                        after_quote = true;
                    }
                    _ => {}
                }
                i += 1;
                continue;
            }
            match b {
                b' ' | b'\t' | b'\r' => {}
                b'#' if i == 0 || matches!(bytes[i - 1], b' ' | b'\t') => break,
                b'[' | b'{' if flow > 0 || at_value => {
                    flow += 1;
                    if flow > max {
                        return Some(n + 1);
                    }
                    at_value = true;
                }
                b']' | b'}' if flow > 0 => {
                    flow -= 1;
                    at_value = false;
                }
                b',' if flow > 0 => at_value = true,
                b'"' | b'\'' if at_value => quote = Some(b),
                b':' if spaced || (flow > 0 && after_quote) => at_value = true,
                b'-' | b'?' if at_value && spaced => {
                    if flow == 0 {
                        parent = i + 2;
                    }
                }
                b'|' | b'>' if at_value && flow == 0 => {
                    block = BlockScalar::starting(&line[i + 1..], parent);
                    if block.is_some() {
                        break;
                    }
                    at_value = false;
                }
                _ => at_value = false,
            }
            if b != b'"' && b != b'\'' {
                after_quote = false;
            }
            i += 1;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::flow_too_deep;

    #[test]
    fn deep_flow_is_found_where_it_gets_too_deep() {
        let deep = format!("a: 1\nb: {}{}\n", "[".repeat(200), "]".repeat(200));
        assert_eq!(flow_too_deep(&deep, 128), Some(2));
        let lines = format!("x:\n{}", "- [\n".repeat(200));
        assert_eq!(flow_too_deep(&lines, 128), Some(130));
        assert_eq!(flow_too_deep("k: {a: [b, {c: [d]}]}", 3), Some(1));
        assert_eq!(flow_too_deep("k: {a: [b, {c: [d]}]}", 4), None);
        // Quoted JSON-like keys: `"a":[` opens a value.
        assert_eq!(flow_too_deep(r#"{"a":[{"b":[1]}]}"#, 3), Some(1));
    }

    #[test]
    fn brackets_in_text_do_not_count() {
        let many = "[".repeat(300);
        for text in [
            format!("note: \"{many}\"\n"),
            format!("note: '{many} it''s'\n"),
            format!("note: it's {many}\n"),
            format!("note: a - \"{many}\n"),
            format!("# {many}\nk: v # {many}\n"),
            format!("- id: x\n  note: |-\n    {many}\n\n    more {many}\n  other: 1\n"),
            format!("note: >\n  {many}\n"),
            // serde_yaml's own form for text that starts with spaces.
            format!("- note: |2-\n     {many}\n    {many}\n  id: x\n"),
            format!("note: \"multi\n  line {many}\n  end\"\n"),
        ] {
            assert_eq!(flow_too_deep(&text, 128), None, "{text}");
        }
    }

    #[test]
    fn text_after_a_block_scalar_still_counts() {
        let deep = format!("a: |\n  text\nb: {}\n", "[".repeat(200));
        assert_eq!(flow_too_deep(&deep, 128), Some(3));
        let deep = format!("- k: |\n    text\n  b: {}\n", "[".repeat(200));
        assert_eq!(flow_too_deep(&deep, 128), Some(3));
    }
}
