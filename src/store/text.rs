//! Turning a file's bytes into text the parsers accept: a byte-order mark is dropped, and
//! encodings other than UTF-8 are reported at the first byte that is wrong. And back: a file
//! that is changed keeps its byte-order mark and its line endings, and the lines the change did
//! not touch keep every byte they had.

use super::diagnostic::{Diagnostic, LineIndex};

/// The text of a file, or the located reason it is not UTF-8.
pub fn decode<'b>(file: &str, bytes: &'b [u8]) -> Result<&'b str, Diagnostic> {
    let at = |line, column, message: String| Diagnostic::error(file, line, column, message);
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(at(
            1,
            1,
            "the file is UTF-16 (as Windows Notepad saves \"Unicode\"); save it as UTF-8".into(),
        ));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| {
        let valid = &bytes[..e.valid_up_to()];
        // The prefix is valid UTF-8 by construction; an empty fallback cannot mislocate by
        // more than the line.
        let text = std::str::from_utf8(valid).unwrap_or_default();
        let (line, column) = LineIndex::new(text).locate(text, text.len());
        let bad = bytes.get(e.valid_up_to()).copied().unwrap_or(0);
        at(
            line,
            column,
            format!("the file is not valid UTF-8 (byte 0x{bad:02X}); save it as UTF-8"),
        )
    })
}

/// How a file's text is laid out on disk, beyond its content: a byte-order mark, and the line
/// ending most of its lines use (Windows `\r\n` or `\n`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Layout {
    pub bom: bool,
    pub crlf: bool,
}

impl Layout {
    /// The layout of a file's text as read (byte-order mark included, if any).
    pub fn of(raw: &str) -> Layout {
        let crlf = raw.matches("\r\n").count();
        let lf = raw.matches('\n').count() - crlf;
        Layout {
            bom: raw.starts_with('\u{feff}'),
            crlf: crlf > lf,
        }
    }

    /// The line ending new lines get.
    pub fn newline(self) -> &'static str {
        if self.crlf { "\r\n" } else { "\n" }
    }
}

/// The text of a file as the editing code works on it: no byte-order mark, `\n` line endings.
pub fn for_editing(raw: &str) -> String {
    let text = raw.strip_prefix('\u{feff}').unwrap_or(raw);
    if text.contains("\r\n") {
        text.replace("\r\n", "\n")
    } else {
        text.to_string()
    }
}

/// The text to write after `edited` was made from [`for_editing`]`(raw)`: every line the edit
/// did not change comes back with exactly the bytes it had in `raw` (its own line ending), new
/// and changed lines get the file's usual ending, and the byte-order mark stays.
pub fn restore(raw: &str, edited: &str) -> String {
    let layout = Layout::of(raw);
    let body = raw.strip_prefix('\u{feff}').unwrap_or(raw);
    let mut out = String::with_capacity(edited.len() + edited.len() / 16 + 3);
    if layout.bom {
        out.push('\u{feff}');
    }
    out.push_str(&restore_lines(body, edited, layout.crlf));
    out
}

/// Like [`restore`] for a part of a file (no byte-order mark), whose usual line ending is
/// `\r\n` when `crlf`.
pub fn restore_lines(raw: &str, edited: &str, crlf: bool) -> String {
    if !raw.contains('\r') && !crlf {
        return edited.to_string();
    }
    let old_raw: Vec<&str> = raw.split_inclusive('\n').collect();
    let old: Vec<String> = old_raw.iter().map(|l| normal(l)).collect();
    let new: Vec<&str> = edited.split_inclusive('\n').collect();
    let old_refs: Vec<&str> = old.iter().map(String::as_str).collect();
    let mut out = String::with_capacity(edited.len() + edited.len() / 16);
    let newline = |line: &str, out: &mut String| match line.strip_suffix('\n') {
        Some(body) if crlf && !body.ends_with('\r') => {
            out.push_str(body);
            out.push_str("\r\n");
        }
        _ => out.push_str(line),
    };
    let ops = similar::capture_diff_slices(similar::Algorithm::Myers, &old_refs, &new);
    for op in ops {
        match op {
            similar::DiffOp::Equal { old_index, len, .. } => {
                for line in &old_raw[old_index..old_index + len] {
                    out.push_str(line);
                }
            }
            similar::DiffOp::Delete { .. } => {}
            similar::DiffOp::Insert {
                new_index, new_len, ..
            }
            | similar::DiffOp::Replace {
                new_index, new_len, ..
            } => {
                for line in &new[new_index..new_index + new_len] {
                    newline(line, &mut out);
                }
            }
        }
    }
    out
}

/// A line with a `\r\n` ending as `\n`.
fn normal(line: &str) -> String {
    match line.strip_suffix("\r\n") {
        Some(body) => format!("{body}\n"),
        None => line.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_is_dropped() {
        assert_eq!(decode("f", b"\xEF\xBB\xBFa = 1"), Ok("a = 1"));
    }

    #[test]
    fn invalid_utf8_is_located() {
        let err = decode("f.toml", b"a = 1\nname = \"caf\xE9\"\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "f.toml:2:12: error: the file is not valid UTF-8 (byte 0xE9); save it as UTF-8"
        );
    }

    #[test]
    fn utf16_is_named() {
        let err = decode("f.toml", b"\xFF\xFEa\0").unwrap_err();
        assert!(err.message.contains("UTF-16"), "{err}");
    }

    #[test]
    fn an_edit_keeps_the_bom_and_the_line_endings_of_untouched_lines() {
        let raw = "\u{feff}a = 1\r\nb = 2\r\nc = 3\r\n";
        let editing = for_editing(raw);
        assert_eq!(editing, "a = 1\nb = 2\nc = 3\n");
        let edited = editing.replace("b = 2\n", "b = 20\nnew = 1\n");
        assert_eq!(
            restore(raw, &edited),
            "\u{feff}a = 1\r\nb = 20\r\nnew = 1\r\nc = 3\r\n"
        );
    }

    #[test]
    fn a_file_with_mixed_endings_keeps_each_line_as_it_was() {
        let raw = "a = 1\r\nb = 2\nc = 3\r\nd = 4\r\n";
        let edited = for_editing(raw) + "e = 5\n";
        assert_eq!(
            restore(raw, &edited),
            "a = 1\r\nb = 2\nc = 3\r\nd = 4\r\ne = 5\r\n"
        );
        let lf = "a = 1\nb = 2\n";
        assert_eq!(restore(lf, "a = 1\nb = 3\n"), "a = 1\nb = 3\n");
        assert_eq!(
            Layout::of(raw),
            Layout {
                bom: false,
                crlf: true
            }
        );
    }
}
