//! Turning a file's bytes into text the parsers accept: a byte-order mark is dropped, and
//! encodings other than UTF-8 are reported at the first byte that is wrong.

use super::diagnostic::{Diagnostic, LineIndex, Severity};

/// The text of a file, or the located reason it is not UTF-8.
pub fn decode<'b>(file: &str, bytes: &'b [u8]) -> Result<&'b str, Diagnostic> {
    let at = |line, column, message: String| Diagnostic {
        severity: Severity::Error,
        file: file.to_string(),
        line,
        column,
        message,
        subject: None,
    };
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
}
