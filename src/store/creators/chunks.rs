//! Cutting a creator database into one piece of text per `[[creator]]` table as its lines go
//! by, so that a large file never has to be in memory at once and the pieces can be parsed in
//! parallel and cached by content.
//!
//! A line is a header only outside strings: the splitter follows TOML's quoting (basic and
//! literal strings, their multi-line forms, escapes and comments) from line to line. Anything
//! other than comments before the first creator makes the text unsplittable, and the caller
//! reads the document as a whole instead.

/// One `[[creator]]` table's text: from its header to the next header (or the end).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Chunk {
    /// 1-based line of the header in the whole file.
    pub line: u32,
    pub text: String,
}

/// What the splitter is inside of at the end of a line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Quote {
    None,
    MultiBasic,
    MultiLiteral,
}

/// Takes a file's lines in order and hands back each creator's text once it is complete.
#[derive(Debug)]
pub struct Splitter {
    line: u32,
    quote: Quote,
    current: Option<Chunk>,
    /// Content that is neither a comment nor a creator was found before the first header.
    pub unsplittable: bool,
}

impl Default for Splitter {
    fn default() -> Self {
        Splitter {
            line: 0,
            quote: Quote::None,
            current: None,
            unsplittable: false,
        }
    }
}

impl Splitter {
    /// Takes the next line (with its line ending); returns the previous chunk when this line
    /// starts a new one.
    pub fn push(&mut self, line: &str) -> Option<Chunk> {
        self.line += 1;
        let at_start = self.quote == Quote::None;
        self.quote = scan(line, self.quote);
        if at_start && is_header(line.trim_start()) {
            let done = self.current.take();
            self.current = Some(Chunk {
                line: self.line,
                text: line.to_string(),
            });
            return done;
        }
        match &mut self.current {
            Some(chunk) => chunk.text.push_str(line),
            None => {
                let t = line.trim();
                if !t.is_empty() && !t.starts_with('#') {
                    self.unsplittable = true;
                }
            }
        }
        None
    }

    /// The last chunk, once every line has been pushed.
    pub fn finish(&mut self) -> Option<Chunk> {
        self.current.take()
    }
}

/// The chunks of a whole text, or `None` when it cannot be split.
pub fn split(text: &str) -> Option<Vec<Chunk>> {
    let mut splitter = Splitter::default();
    let mut chunks: Vec<Chunk> = text
        .split_inclusive('\n')
        .filter_map(|l| splitter.push(l))
        .collect();
    chunks.extend(splitter.finish());
    (!splitter.unsplittable).then_some(chunks)
}

fn is_header(line: &str) -> bool {
    let Some(rest) = line.strip_prefix("[[creator]]") else {
        return false;
    };
    let rest = rest.trim_start();
    rest.is_empty() || rest.starts_with('#')
}

/// The quoting state after `line`, starting in `state`.
fn scan(line: &str, mut state: Quote) -> Quote {
    let b = line.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match state {
            Quote::MultiBasic => {
                if b[i] == b'\\' {
                    i += 2;
                    continue;
                }
                if b[i..].starts_with(b"\"\"\"") {
                    // Up to two more quotes may belong to the string's content.
                    i += 3;
                    while i < b.len() && b[i] == b'"' && i < b.len() {
                        i += 1;
                    }
                    state = Quote::None;
                    continue;
                }
                i += 1;
            }
            Quote::MultiLiteral => {
                if b[i..].starts_with(b"'''") {
                    i += 3;
                    while i < b.len() && b[i] == b'\'' {
                        i += 1;
                    }
                    state = Quote::None;
                    continue;
                }
                i += 1;
            }
            Quote::None => match b[i] {
                b'#' => return Quote::None,
                b'"' if b[i..].starts_with(b"\"\"\"") => {
                    state = Quote::MultiBasic;
                    i += 3;
                }
                b'\'' if b[i..].starts_with(b"'''") => {
                    state = Quote::MultiLiteral;
                    i += 3;
                }
                b'"' => {
                    // A basic string ends at the next unescaped quote on this line.
                    i += 1;
                    while i < b.len() && b[i] != b'"' && b[i] != b'\n' {
                        i += if b[i] == b'\\' { 2 } else { 1 };
                    }
                    i += 1;
                }
                b'\'' => {
                    i += 1;
                    while i < b.len() && b[i] != b'\'' && b[i] != b'\n' {
                        i += 1;
                    }
                    i += 1;
                }
                _ => i += 1,
            },
        }
    }
    state
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<(u32, String)> {
        split(text)
            .unwrap()
            .into_iter()
            .map(|c| (c.line, c.text))
            .collect()
    }

    #[test]
    fn splits_at_headers_and_keeps_comments_with_the_creator_above() {
        let text = "# db\n\n[[creator]]\nid = \"a\"\n# about b\n[[creator]] # b\nid = \"b\"\n";
        assert_eq!(
            texts(text),
            [
                (3, "[[creator]]\nid = \"a\"\n# about b\n".to_string()),
                (6, "[[creator]] # b\nid = \"b\"\n".to_string()),
            ]
        );
    }

    #[test]
    fn other_content_before_the_first_creator_is_not_split() {
        assert_eq!(split("title = \"x\"\n[[creator]]\nid = \"a\"\n"), None);
        assert_eq!(split("").unwrap(), vec![]);
    }

    #[test]
    fn crlf_headers_are_found() {
        let chunks = split("[[creator]]\r\nid = \"a\"\r\n[[creator]]\r\n").unwrap();
        assert_eq!(chunks.len(), 2);
        assert_eq!(chunks[1].line, 3);
    }

    #[test]
    fn only_creator_headers_split() {
        assert!(!is_header("[[creators]]\n"));
        assert!(!is_header("[[creator.channels]]\n"));
        assert!(is_header("[[creator]]\n"));
        assert!(is_header("[[creator]]   # note\n"));
    }

    #[test]
    fn headers_inside_multiline_strings_do_not_split() {
        for text in [
            "[[creator]]\nnotes = \"\"\"\n[[creator]]\n\"\"\"\n",
            "[[creator]]\nnotes = '''\n[[creator]]\n'''\n",
            "[[creator]]\nnotes = \"\"\"a \\\"\"\"\n[[creator]]\n\"\"\"\n",
            "[[creator]]\nnotes = \"\"\"\nends with quotes\"\"\"\"\"\n[[creator]]\n",
        ] {
            let chunks = split(text).unwrap();
            let expected = if text.ends_with("\"\"\"\"\"\n[[creator]]\n") {
                2
            } else {
                1
            };
            assert_eq!(chunks.len(), expected, "{text:?}");
        }
    }

    #[test]
    fn quotes_in_single_line_strings_and_comments_do_not_open_strings() {
        for text in [
            "[[creator]]\nname = \"say \\\"\\\"\\\" hi\"\n[[creator]]\n",
            "[[creator]]\nname = 'it''s'\n[[creator]]\n",
            "[[creator]]\n# a comment with \"\"\" in it\n[[creator]]\n",
            "[[creator]]\nname = \"\"\n[[creator]]\n",
        ] {
            assert_eq!(split(text).unwrap().len(), 2, "{text:?}");
        }
    }
}
