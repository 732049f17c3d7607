//! Random briefs for the "every word shown" property: plain text and
//! Markdown in the shapes real briefs take (hard-wrapped e-mail text,
//! headings, bullets, transcripts, Q&A, NBSP, CJK, emoji, page furniture),
//! written together with the list of words a reader must see.

use proptest::prelude::*;

/// A word as the generator writes it; every word gets a serial number, so
/// no word can be found on screen by accident (the serial, three digits
/// between letters, occurs in no other word).
#[derive(Debug, Clone, Copy)]
enum Shape {
    Lower,
    Capital,
    Cjk,
    /// An emoji (with a skin-tone modifier) after the word.
    Emoji,
    /// Joined to the word before by a no-break space, as in the seed.
    Nbsp,
}

/// How a plain paragraph ends.
#[derive(Debug, Clone, Copy)]
enum Ending {
    Stop,
    /// No final punctuation: a short one looks like a heading.
    Bare,
    /// `。😀👍🏽`, as in the Chinese brief of issue 11.
    CjkEmoji,
    Question,
}

#[derive(Debug, Clone)]
enum Block {
    Paragraph {
        sentences: Vec<Vec<Shape>>,
        ending: Ending,
        /// Hard-wrapped at about 60 columns, as in e-mail or PDF text.
        wrapped: bool,
    },
    /// A short capitalised line without a full stop.
    HeadingLike(Vec<Shape>),
    /// The `Commentary` line, in one of its spellings.
    Commentary(u8),
    /// List items: depth, marker, words.
    Bullets(Vec<(u8, u8, Vec<Shape>)>),
    /// `NAME: words.`
    Turn(Vec<Shape>),
    /// `Q: words?` then `A: words.`
    QandA(Vec<Shape>, Vec<Shape>),
    /// A `##` (2) or `###` (3) heading in Markdown; a bare line in plain text.
    Heading(u8, Vec<Shape>),
    Quote(Vec<Shape>),
    /// Page furniture pasted with the text (share widget, comment count,
    /// reading time, caption, menu run, breadcrumb): shown, or set aside
    /// and listed by `brief show --json`.
    Furniture(u8, Vec<Shape>),
}

#[derive(Debug, Clone)]
pub struct Spec {
    pub markdown: bool,
    front_matter: bool,
    category: Option<Shape>,
    /// `By …` under the title.
    byline: Option<Vec<Shape>>,
    title: Vec<Shape>,
    blocks: Vec<Block>,
}

/// Writes a `Spec` as a brief, and lists the words a reader must see.
#[derive(Default)]
pub struct Writer {
    serial: usize,
    expected: Vec<String>,
}

const SYLLABLES: &[&str] = &["ka", "lo", "mi", "ne", "ru", "sa", "te", "vo", "zi", "pu"];
const HAN: &[&str] = &[
    "数据", "报告", "供应", "市场", "政策", "风险", "储备", "价格",
];
const SPEAKER_LETTERS: &[u8] = b"HJQWXY";

impl Writer {
    fn next_serial(&mut self) -> usize {
        self.serial += 1;
        self.serial
    }

    /// One word; its text is also recorded as expected on screen.
    fn word(&mut self, shape: Shape) -> String {
        let n = self.next_serial();
        let a = SYLLABLES[n % SYLLABLES.len()];
        let b = SYLLABLES[(n / 7) % SYLLABLES.len()];
        let text = match shape {
            Shape::Lower | Shape::Nbsp => format!("{a}{n:03}{b}"),
            Shape::Capital => {
                let mut t = format!("{a}{n:03}{b}");
                t[..1].make_ascii_uppercase();
                t
            }
            Shape::Cjk => format!("{}{n:03}{}", HAN[n % HAN.len()], HAN[(n / 3) % HAN.len()]),
            Shape::Emoji => format!("{a}{n:03}{b}😀"),
        };
        self.expected.push(text.clone());
        text
    }

    /// Words joined by spaces (or NBSP), the first one capitalised.
    fn words(&mut self, shapes: &[Shape], capital_first: bool) -> String {
        let mut out = String::new();
        for (i, &shape) in shapes.iter().enumerate() {
            let shape = match shape {
                Shape::Lower if i == 0 && capital_first => Shape::Capital,
                s => s,
            };
            if i > 0 {
                out.push(if matches!(shape, Shape::Nbsp) {
                    '\u{a0}'
                } else {
                    ' '
                });
            }
            out.push_str(&self.word(shape));
        }
        out
    }

    fn speaker(&mut self) -> String {
        let mut n = self.next_serial();
        let mut name = String::new();
        for _ in 0..4 {
            name.push(char::from(SPEAKER_LETTERS[n % SPEAKER_LETTERS.len()]));
            n /= SPEAKER_LETTERS.len();
        }
        self.expected.push(name.clone());
        name
    }

    fn paragraph(&mut self, sentences: &[Vec<Shape>], ending: Ending, wrapped: bool) -> String {
        let mut parts = Vec::new();
        for (i, shapes) in sentences.iter().enumerate() {
            let mut s = self.words(shapes, true);
            if i + 1 < sentences.len() {
                s.push('.');
            }
            parts.push(s);
        }
        let mut text = parts.join(" ");
        match ending {
            Ending::Stop => text.push('.'),
            Ending::Bare => {}
            Ending::Question => text.push('?'),
            Ending::CjkEmoji => {
                text.push_str("。😀👍🏽");
                // The emoji stick to the last word: that whole word must show.
                if let Some(last) = self.expected.last_mut() {
                    last.push_str("。😀👍🏽");
                }
            }
        }
        if wrapped { hard_wrap(&text, 60) } else { text }
    }

    pub fn write(mut self, spec: &Spec) -> (String, Vec<String>) {
        let mut out = String::new();
        let title = self.words(&spec.title, true);
        if spec.markdown {
            if spec.front_matter {
                out.push_str("---\n");
                if let Some(shape) = spec.category {
                    let category = self.word(shape);
                    out.push_str(&format!("category: {category}\n"));
                }
                out.push_str("---\n\n");
            } else if let Some(shape) = spec.category {
                out.push_str(&self.word(shape));
                out.push_str("\n\n");
            }
            out.push_str(&format!("# {title}\n\n"));
            if let Some(byline) = &spec.byline {
                out.push_str(&format!("By {}\n\n", self.words(byline, true)));
            }
        } else {
            if let Some(shape) = spec.category {
                out.push_str(&self.word(shape));
                out.push('\n');
            }
            out.push_str(&title);
            out.push('\n');
            if let Some(byline) = &spec.byline {
                out.push_str(&format!("By {}\n", self.words(byline, true)));
            }
            out.push('\n');
        }
        for block in &spec.blocks {
            let text = self.block(block, spec.markdown);
            out.push_str(&text);
            out.push_str("\n\n");
        }
        (out, self.expected)
    }

    fn block(&mut self, block: &Block, markdown: bool) -> String {
        match block {
            Block::Paragraph {
                sentences,
                ending,
                wrapped,
            } => self.paragraph(sentences, *ending, *wrapped),
            Block::HeadingLike(shapes) => self.words(shapes, true),
            Block::Commentary(variant) => {
                let word =
                    ["Commentary", "COMMENTARY", "Commentary\u{a0}"][usize::from(*variant) % 3];
                self.expected.push(word.trim_end().to_string());
                if markdown {
                    format!("## {word}")
                } else {
                    word.to_string()
                }
            }
            Block::Bullets(items) => {
                let mut lines = Vec::new();
                for (depth, marker, shapes) in items {
                    let marker = if markdown {
                        ["- ", "* ", "1. "][usize::from(*marker) % 3]
                    } else {
                        ["• ", "- ", "* ", "► ", "1. "][usize::from(*marker) % 5]
                    };
                    // Markdown nests under the parent's text; depth 0 first.
                    let depth = if lines.is_empty() { 0 } else { *depth };
                    let indent = " ".repeat(usize::from(depth) * if markdown { 3 } else { 2 });
                    let lead = if markdown { "" } else { "  " };
                    lines.push(format!(
                        "{lead}{indent}{marker}{}.",
                        self.words(shapes, true)
                    ));
                }
                lines.join("\n")
            }
            Block::Turn(shapes) => {
                let speaker = self.speaker();
                format!("{speaker}: {}.", self.words(shapes, true))
            }
            Block::QandA(q, a) => {
                let q = self.words(q, true);
                let a = self.words(a, true);
                format!("Q: {q}?\n\nA: {a}.")
            }
            Block::Heading(level, shapes) => {
                let text = self.words(shapes, true);
                if markdown {
                    format!("{} {text}", "#".repeat(usize::from(*level)))
                } else {
                    text
                }
            }
            Block::Quote(shapes) => format!("> {}.", self.words(shapes, true)),
            Block::Furniture(which, shapes) => {
                let fixed = |w: &mut Self, text: &str| {
                    w.expected
                        .extend(text.split_whitespace().map(str::to_string));
                    text.to_string()
                };
                match which % 6 {
                    0 => fixed(self, "Share:"),
                    1 => fixed(self, "No Comments"),
                    2 => fixed(self, "6 min read"),
                    3 => {
                        let words = self.words(shapes, true);
                        format!(
                            "{}{words} {}",
                            fixed(self, "Photo: "),
                            fixed(self, "/ Reuters")
                        )
                    }
                    4 => {
                        let mut lines = vec![format!("• {}", fixed(self, "Home"))];
                        for &shape in shapes.iter().take(4) {
                            lines.push(format!("• {}", self.word(shape)));
                        }
                        lines.join("\n")
                    }
                    _ => {
                        let words = self.words(shapes, true);
                        format!("{} {words}", fixed(self, "Home > Analysis >"))
                    }
                }
            }
        }
    }
}

/// Break `text` into lines of at most `width` characters at ordinary spaces.
fn hard_wrap(text: &str, width: usize) -> String {
    let mut out = String::new();
    let mut line_len = 0;
    for word in text.split(' ') {
        let len = word.chars().count();
        if line_len > 0 && line_len + 1 + len > width {
            out.push('\n');
            line_len = 0;
        } else if line_len > 0 {
            out.push(' ');
            line_len += 1;
        }
        out.push_str(word);
        line_len += len;
    }
    out
}

fn shape() -> impl Strategy<Value = Shape> {
    prop_oneof![
        8 => Just(Shape::Lower),
        2 => Just(Shape::Capital),
        1 => Just(Shape::Cjk),
        1 => Just(Shape::Emoji),
        1 => Just(Shape::Nbsp),
    ]
}

fn shapes(range: std::ops::Range<usize>) -> impl Strategy<Value = Vec<Shape>> {
    proptest::collection::vec(shape(), range)
}

fn block(markdown: bool) -> impl Strategy<Value = Block> {
    let ending = prop_oneof![
        6 => Just(Ending::Stop),
        2 => Just(Ending::Bare),
        1 => Just(Ending::CjkEmoji),
        1 => Just(Ending::Question),
    ];
    let paragraph = (
        proptest::collection::vec(shapes(1..14), 1..4),
        ending,
        any::<bool>(),
    )
        .prop_map(|(sentences, ending, wrapped)| Block::Paragraph {
            sentences,
            ending,
            wrapped,
        });
    let item = (0u8..3, any::<u8>(), shapes(1..10));
    prop_oneof![
        6 => paragraph,
        3 => shapes(1..5).prop_map(Block::HeadingLike),
        2 => (0u8..3).prop_map(Block::Commentary),
        3 => proptest::collection::vec(item, 1..5).prop_map(Block::Bullets),
        1 => shapes(1..12).prop_map(Block::Turn),
        1 => (shapes(1..8), shapes(1..10)).prop_map(|(q, a)| Block::QandA(q, a)),
        if markdown { 3 } else { 1 } => (2u8..4, shapes(1..5)).prop_map(|(l, w)| Block::Heading(l, w)),
        1 => shapes(1..12).prop_map(Block::Quote),
        2 => (any::<u8>(), shapes(1..5)).prop_map(|(w, s)| Block::Furniture(w, s)),
    ]
}

pub fn spec() -> impl Strategy<Value = Spec> {
    any::<bool>().prop_flat_map(|markdown| {
        (
            any::<bool>(),
            proptest::option::of(prop_oneof![Just(Shape::Capital), Just(Shape::Cjk)]),
            proptest::option::weighted(0.2, proptest::collection::vec(Just(Shape::Capital), 1..4)),
            shapes(1..7),
            proptest::collection::vec(block(markdown), 0..14),
        )
            .prop_map(
                move |(front_matter, category, byline, title, blocks)| Spec {
                    markdown,
                    front_matter,
                    category,
                    byline,
                    title,
                    blocks,
                },
            )
    })
}
