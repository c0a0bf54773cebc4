//! The one way the program writes to standard output and standard error (the interface's screen
//! aside, which ratatui draws): through a writer
//! that shows every unsafe character escaped ([`crate::display::is_unsafe`]: control
//! characters, bidirectional controls), whatever the text came from — a table, a message
//! quoting a file, a CSV cell, an error from the system. Line breaks and tabs pass as they are.
//! The crate's lints forbid `println!` and friends everywhere else, so nothing from a data file
//! can reach a terminal another way.

#![allow(clippy::disallowed_macros, clippy::disallowed_methods)]

pub mod progress;
pub mod report;

use std::io::{self, IsTerminal, Write};

use crate::display::{escape_char, is_unsafe};

/// A writer that escapes every unsafe character of what passes through it.
pub struct Safe<W: Write> {
    inner: W,
    /// The first bytes of a character cut between two writes.
    carry: Vec<u8>,
}

impl<W: Write> Safe<W> {
    pub fn new(inner: W) -> Safe<W> {
        Safe {
            inner,
            carry: Vec::new(),
        }
    }

    /// Writes bytes of the program's own making (colour codes) as they are.
    pub fn raw(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.flush_carry()?;
        self.inner.write_all(bytes)
    }

    fn flush_carry(&mut self) -> io::Result<()> {
        if self.carry.is_empty() {
            return Ok(());
        }
        let carry = std::mem::take(&mut self.carry);
        let mut out = String::new();
        bytes_escaped(&carry, &mut out);
        self.inner.write_all(out.as_bytes())
    }
}

fn bytes_escaped(bytes: &[u8], out: &mut String) {
    for b in bytes {
        out.push_str(&format!("\\x{{{b:02x}}}"));
    }
}

impl<W: Write> Write for Safe<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut bytes = std::mem::take(&mut self.carry);
        bytes.extend_from_slice(buf);
        let mut out = String::with_capacity(bytes.len());
        let mut rest = bytes.as_slice();
        loop {
            match std::str::from_utf8(rest) {
                Ok(text) => {
                    push_escaped(text, &mut out);
                    break;
                }
                Err(e) => {
                    let (good, bad) = rest.split_at(e.valid_up_to());
                    // Checked by from_utf8 just now.
                    push_escaped(std::str::from_utf8(good).unwrap_or_default(), &mut out);
                    match e.error_len() {
                        Some(n) => {
                            bytes_escaped(&bad[..n], &mut out);
                            rest = &bad[n..];
                        }
                        None => {
                            // A character cut short: its end comes with the next write.
                            self.carry = bad.to_vec();
                            break;
                        }
                    }
                }
            }
        }
        self.inner.write_all(out.as_bytes())?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.flush_carry()?;
        self.inner.flush()
    }
}

impl<W: Write> Drop for Safe<W> {
    fn drop(&mut self) {
        let _ = self.flush();
    }
}

fn push_escaped(text: &str, out: &mut String) {
    for c in text.chars() {
        if is_unsafe(c) && c != '\n' && c != '\t' {
            escape_char(c, out);
        } else {
            out.push(c);
        }
    }
}

/// Standard output, escaped.
pub fn out() -> Safe<io::StdoutLock<'static>> {
    Safe::new(io::stdout().lock())
}

/// Writes a document of the program's own making whose text values were escaped when it was
/// built (an iCalendar file), to standard output as it is, so that its line ends (CR LF) stay.
pub fn document(bytes: &[u8]) -> io::Result<()> {
    let mut out = io::stdout().lock();
    out.write_all(bytes)?;
    out.flush()
}

/// Standard error, escaped.
pub fn err() -> Safe<io::StderrLock<'static>> {
    Safe::new(io::stderr().lock())
}

/// True when standard error is a terminal that takes colour (`NO_COLOR` unset).
pub fn colour() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && io::stderr().is_terminal()
}

/// True when both standard input and standard output are terminals, as the interface needs.
pub fn interactive() -> bool {
    io::stdin().is_terminal() && io::stdout().is_terminal()
}

/// True when standard output is a terminal.
pub fn stdout_is_terminal() -> bool {
    io::stdout().is_terminal()
}

/// JSON text with every unsafe character written as a `\uXXXX` escape: JSON that says the same
/// and that no terminal obeys. (Outside strings JSON is plain ASCII, so only strings change.)
pub fn json_safe(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if is_unsafe(c) && c != '\n' {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// `println!` through the escaping standard output; a closed output is not an error worth
/// stopping for.
#[macro_export]
macro_rules! outln {
    () => {{ let _ = std::io::Write::write_all(&mut $crate::term::out(), b"\n"); }};
    ($($arg:tt)*) => {{
        let _ = std::io::Write::write_fmt(
            &mut $crate::term::out(),
            format_args!("{}\n", format_args!($($arg)*)),
        );
    }};
}

/// `print!` through the escaping standard output.
#[macro_export]
macro_rules! out {
    ($($arg:tt)*) => {{
        let _ = std::io::Write::write_fmt(&mut $crate::term::out(), format_args!($($arg)*));
    }};
}

/// `eprintln!` through the escaping standard error.
#[macro_export]
macro_rules! errln {
    ($($arg:tt)*) => {{
        let _ = std::io::Write::write_fmt(
            &mut $crate::term::err(),
            format_args!("{}\n", format_args!($($arg)*)),
        );
    }};
}

#[cfg(test)]
mod tests {
    use super::*;

    fn through(parts: &[&[u8]]) -> String {
        let mut buf = Vec::new();
        {
            let mut safe = Safe::new(&mut buf);
            for p in parts {
                safe.write_all(p).unwrap();
            }
        }
        String::from_utf8(buf).unwrap()
    }

    #[test]
    fn control_and_bidi_characters_are_escaped_lines_kept() {
        assert_eq!(
            through(&["a\u{1b}]52;c;eA==\u{7}b\n\tc\u{202e}d\r\n".as_bytes()]),
            "a^[]52;c;eA==^Gb\n\tc\\u{202e}d^M\n"
        );
    }

    #[test]
    fn a_character_cut_between_writes_is_whole_and_bad_bytes_are_shown() {
        let text = "莎莎\u{9b}".as_bytes();
        assert_eq!(
            through(&[&text[..2], &text[2..5], &text[5..]]),
            "莎莎\\u{9b}"
        );
        assert_eq!(through(&[b"ok\xff!"]), "ok\\x{ff}!");
        assert_eq!(through(&[b"cut\xe8"]), "cut\\x{e8}");
    }

    #[test]
    fn json_escapes_stay_json() {
        let text = serde_json::to_string(&"a\u{1b}b\u{7f}\u{85}\u{202e}").unwrap();
        let safe = json_safe(&text);
        assert_eq!(safe, "\"a\\u001bb\\u007f\\u0085\\u202e\"");
        let back: String = serde_json::from_str(&safe).unwrap();
        assert_eq!(back, "a\u{1b}b\u{7f}\u{85}\u{202e}");
    }
}
