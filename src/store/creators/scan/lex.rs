//! The lexical side of the fast reader: where it is in the text, spaces, comments and line
//! breaks, keys, strings and digits, by TOML's rules for the forms it follows.

use std::borrow::Cow;

/// Where the reader is in the table's text.
pub(super) struct Scan<'t> {
    pub(super) text: &'t str,
    bytes: &'t [u8],
    pub(super) pos: usize,
    /// 1-based line of `pos`, and where that line starts.
    pub(super) line: u32,
    line_start: usize,
}

impl<'t> Scan<'t> {
    pub(super) fn new(text: &'t str) -> Self {
        Scan {
            text,
            bytes: text.as_bytes(),
            pos: 0,
            line: 1,
            line_start: 0,
        }
    }

    pub(super) fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    /// The byte `n` bytes ahead, if there is one.
    pub(super) fn ahead(&self, n: usize) -> Option<u8> {
        self.bytes.get(self.pos + n).copied()
    }

    pub(super) fn done(&self) -> bool {
        self.pos >= self.bytes.len()
    }

    /// Line and column (in characters, 1-based) of a byte offset on the current line.
    pub(super) fn at(&self, pos: usize) -> (u32, u32) {
        let column = self.text[self.line_start..pos].chars().count();
        (self.line, u32::try_from(column + 1).unwrap_or(u32::MAX))
    }

    pub(super) fn spaces(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t')) {
            self.pos += 1;
        }
    }

    pub(super) fn literal(&mut self, expected: &str) -> Option<()> {
        self.bytes[self.pos..]
            .starts_with(expected.as_bytes())
            .then(|| self.pos += expected.len())
    }

    /// A line break (`\n` or `\r\n`).
    fn newline(&mut self) -> Option<()> {
        let len = match self.bytes.get(self.pos..self.pos + 2) {
            Some(b"\r\n") => 2,
            _ if self.peek() == Some(b'\n') => 1,
            _ => return None,
        };
        self.pos += len;
        self.line += 1;
        self.line_start = self.pos;
        Some(())
    }

    /// A comment, if one starts here, up to its line break.
    fn comment(&mut self) -> Option<()> {
        if self.peek() != Some(b'#') {
            return Some(());
        }
        let rest = &self.bytes[self.pos..];
        let mut end = rest.iter().position(|&b| b == b'\n').unwrap_or(rest.len());
        if end < rest.len() && end > 0 && rest[end - 1] == b'\r' {
            end -= 1;
        }
        if rest[..end].iter().any(|&b| control(b) && b != b'\t') {
            return None;
        }
        self.pos += end;
        Some(())
    }

    /// Spaces and perhaps a comment, then a line break or the end of the text.
    pub(super) fn end_of_line(&mut self) -> Option<()> {
        self.spaces();
        self.comment()?;
        if self.done() {
            return Some(());
        }
        self.newline()
    }

    /// Lines holding nothing but spaces and comments.
    pub(super) fn blank_lines(&mut self) -> Option<()> {
        loop {
            let start = self.pos;
            self.spaces();
            self.comment()?;
            if self.done() {
                return Some(());
            }
            if self.newline().is_none() {
                self.pos = start;
                return Some(());
            }
        }
    }

    /// Spaces, comments and line breaks, as between the items of a list.
    pub(super) fn blank(&mut self) -> Option<()> {
        loop {
            self.spaces();
            self.comment()?;
            if self.newline().is_none() {
                return Some(());
            }
        }
    }

    /// A bare key.
    pub(super) fn key(&mut self) -> Option<&'t str> {
        let start = self.pos;
        while matches!(
            self.peek(),
            Some(b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'_' | b'-')
        ) {
            self.pos += 1;
        }
        (self.pos > start).then(|| &self.text[start..self.pos])
    }

    /// A string, basic or literal, on one line or several.
    pub(super) fn string(&mut self) -> Option<Cow<'t, str>> {
        let quote = self.peek().filter(|q| matches!(q, b'"' | b'\''))?;
        let multi = self.bytes[self.pos..].starts_with(&[quote; 3]);
        let mut i = self.pos + if multi { 3 } else { 1 };
        if multi {
            // A line break right after the opening quotes is not part of the string.
            let first = match self.bytes.get(i..i + 2) {
                Some(b"\r\n") => 2,
                _ => usize::from(self.bytes.get(i) == Some(&b'\n')),
            };
            if first > 0 {
                i += first;
                self.line += 1;
                self.line_start = i;
            }
        }
        let start = i;
        let mut owned: Option<String> = None;
        let mut run = start;
        let end = loop {
            let b = *self.bytes.get(i)?;
            match b {
                _ if b == quote && !multi => {
                    self.pos = i + 1;
                    break i;
                }
                _ if b == quote && self.bytes[i..].starts_with(&[quote; 3]) => {
                    // Up to two more quotes belong to the string.
                    let quotes = self.bytes[i..].iter().take_while(|&&b| b == quote).count();
                    if quotes > 5 {
                        return None;
                    }
                    self.pos = i + quotes;
                    break i + quotes - 3;
                }
                // A backslash at the end of a line is left to the full reader: `escape` knows
                // no escape of a space or a line break.
                b'\\' if quote == b'"' => {
                    let out = owned.get_or_insert_with(String::new);
                    out.push_str(&self.text[run..i]);
                    let (c, len) = escape(&self.text[i + 1..])?;
                    out.push(c);
                    i += 1 + len;
                    run = i;
                }
                b'\n' if multi => {
                    i += 1;
                    self.line += 1;
                    self.line_start = i;
                }
                b'\r' if multi && self.bytes.get(i + 1) == Some(&b'\n') => i += 1,
                _ if control(b) && b != b'\t' => return None,
                _ => i += 1,
            }
        };
        Some(match owned {
            Some(mut out) => {
                out.push_str(&self.text[run..end]);
                Cow::Owned(out)
            }
            None => Cow::Borrowed(&self.text[start..end]),
        })
    }

    /// Decimal digits with single underscores between them, without a sign or a leading zero.
    pub(super) fn digits(&mut self) -> Option<&'t str> {
        let start = self.pos;
        if !matches!(self.peek(), Some(b'0'..=b'9')) {
            return None;
        }
        loop {
            self.pos += 1;
            match self.peek() {
                Some(b'0'..=b'9') => {}
                Some(b'_') if matches!(self.bytes.get(self.pos + 1), Some(b'0'..=b'9')) => {
                    self.pos += 1;
                }
                _ => break,
            }
        }
        let digits = &self.text[start..self.pos];
        (digits == "0" || !digits.starts_with('0')).then_some(digits)
    }
}

/// A control character, which no TOML string may hold unescaped (except a tab).
fn control(b: u8) -> bool {
    b < 0x20 || b == 0x7f
}

/// Digits with underscores as a number, if it fits.
pub(super) fn number(digits: &str) -> Option<u64> {
    digits
        .bytes()
        .filter(|b| *b != b'_')
        .try_fold(0u64, |n, b| {
            n.checked_mul(10)?.checked_add(u64::from(b - b'0'))
        })
}

/// The character an escape after a backslash stands for, and how many bytes it took.
fn escape(after: &str) -> Option<(char, usize)> {
    let c = match after.as_bytes().first()? {
        b'b' => '\u{8}',
        b't' => '\t',
        b'n' => '\n',
        b'f' => '\u{c}',
        b'r' => '\r',
        b'"' => '"',
        b'\\' => '\\',
        b'u' => return hex(after.get(1..5)?).map(|c| (c, 5)),
        b'U' => return hex(after.get(1..9)?).map(|c| (c, 9)),
        _ => return None,
    };
    Some((c, 1))
}

fn hex(digits: &str) -> Option<char> {
    if !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    char::from_u32(u32::from_str_radix(digits, 16).ok()?)
}
