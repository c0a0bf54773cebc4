//! Which encoding a spreadsheet export is in, and its text. What Excel and creator platforms
//! really write: UTF-8 with or without a byte-order mark, UTF-16 ("Unicode text", with or
//! without a mark), UTF-32, and the legacy encodings of Chinese Windows — Big5 (code page 950,
//! Excel's "CSV" on Traditional Chinese Windows) and GB18030 (GBK, on Simplified Chinese
//! Windows). Without a mark the encoding is found from the bytes, and the report says it was.

use encoding_rs::{BIG5, Encoding, GB18030};
use std::borrow::Cow;

/// A file's text and the name of the encoding it was read in.
pub struct Decoded<'a> {
    /// The text: the bytes themselves when they are UTF-8 already, so that a large sheet is not
    /// in memory twice.
    pub text: Cow<'a, str>,
    /// "UTF-8", "UTF-8 with BOM", "UTF-16 LE", "Big5 (detected)"…
    pub encoding: String,
}

/// The encodings `--encoding` names.
pub const NAMES: &[&str] = &[
    "utf-8", "utf-16le", "utf-16be", "utf-32le", "utf-32be", "big5", "gb18030",
];

/// Why the bytes are not text in any encoding tried: the line where they stop being it.
#[derive(Debug, PartialEq, Eq)]
pub struct NotText {
    pub line: Option<u64>,
    pub message: String,
}

/// The text of `bytes`, in the encoding `forced` names or the one the bytes are found to be in.
/// `score` says how much a candidate text looks like a sheet (recognised headers), to choose
/// between legacy encodings that both decode.
pub fn decode<'a>(
    bytes: &'a [u8],
    forced: Option<&str>,
    score: &dyn Fn(&str) -> usize,
) -> Result<Decoded<'a>, NotText> {
    if let Some(name) = forced {
        return decode_as(bytes, name);
    }
    let done = |text: Cow<'a, str>, name: &str| {
        Ok(Decoded {
            text,
            encoding: name.to_string(),
        })
    };
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return match std::str::from_utf8(rest) {
            Ok(text) => done(Cow::Borrowed(text), "UTF-8 with BOM"),
            Err(e) => Err(NotText {
                line: Some(line_of(&rest[..e.valid_up_to()])),
                message: "not UTF-8 text after its UTF-8 mark".into(),
            }),
        };
    }
    // UTF-32 marks first: FF FE 00 00 also starts with UTF-16's FF FE.
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE\x00\x00") {
        return utf32(rest, true).map(|t| Decoded {
            text: Cow::Owned(t),
            encoding: "UTF-32 LE".into(),
        });
    }
    if let Some(rest) = bytes.strip_prefix(b"\x00\x00\xFE\xFF") {
        return utf32(rest, false).map(|t| Decoded {
            text: Cow::Owned(t),
            encoding: "UTF-32 BE".into(),
        });
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return utf16(rest, true).map(|t| Decoded {
            text: Cow::Owned(t),
            encoding: "UTF-16 LE".into(),
        });
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return utf16(rest, false).map(|t| Decoded {
            text: Cow::Owned(t),
            encoding: "UTF-16 BE".into(),
        });
    }
    // Without a mark: the zero bytes of ASCII text give UTF-16 and UTF-32 away.
    if let Some((width, little)) = wide_unicode(bytes) {
        let text = if width == 4 {
            utf32(bytes, little)
        } else {
            utf16(bytes, little)
        }?;
        let name = format!(
            "UTF-{} {} (detected)",
            width * 8,
            if little { "LE" } else { "BE" }
        );
        return done(Cow::Owned(text), &name);
    }
    let utf8 = std::str::from_utf8(bytes);
    if let Ok(text) = utf8 {
        return done(Cow::Borrowed(text), "UTF-8");
    }
    let mut candidates: Vec<(usize, String, &str)> = Vec::new();
    for (encoding, name) in [(BIG5, "Big5"), (GB18030, "GB18030")] {
        if let Some(text) = strict(encoding, bytes) {
            candidates.push((score(&text), text, name));
        }
    }
    // Both legacy encodings often decode the same bytes; the one whose headers read as
    // headers wins, and Big5 (Taiwan's) on a tie.
    candidates.sort_by_key(|(s, _, _)| std::cmp::Reverse(*s));
    if let Some((_, text, name)) = candidates.into_iter().next() {
        return done(Cow::Owned(text), &format!("{name} (detected)"));
    }
    let valid = utf8.err().map_or(0, |e| e.valid_up_to());
    Err(NotText {
        line: Some(line_of(&bytes[..valid])),
        message: format!(
            "not text in UTF-8, UTF-16, Big5 or GB18030; save it as \"CSV UTF-8\", or name its encoding with --encoding ({})",
            NAMES.join(", ")
        ),
    })
}

fn decode_as<'a>(bytes: &'a [u8], name: &str) -> Result<Decoded<'a>, NotText> {
    let key = name.trim().to_lowercase().replace('_', "-");
    let text: Cow<'a, str> = match key.as_str() {
        "utf-8" | "utf8" => {
            let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
            std::str::from_utf8(body)
                .map(Cow::Borrowed)
                .map_err(|e| NotText {
                    line: Some(line_of(&body[..e.valid_up_to()])),
                    message: "not UTF-8 text".into(),
                })?
        }
        "utf-16le" | "utf-16" => Cow::Owned(utf16(
            bytes.strip_prefix(b"\xFF\xFE").unwrap_or(bytes),
            true,
        )?),
        "utf-16be" => Cow::Owned(utf16(
            bytes.strip_prefix(b"\xFE\xFF").unwrap_or(bytes),
            false,
        )?),
        "utf-32le" | "utf-32" => Cow::Owned(utf32(
            bytes.strip_prefix(b"\xFF\xFE\x00\x00").unwrap_or(bytes),
            true,
        )?),
        "utf-32be" => Cow::Owned(utf32(
            bytes.strip_prefix(b"\x00\x00\xFE\xFF").unwrap_or(bytes),
            false,
        )?),
        "big5" | "cp950" | "big5-hkscs" => Cow::Owned(legacy(BIG5, bytes)?),
        "gb18030" | "gbk" | "gb2312" | "cp936" => Cow::Owned(legacy(GB18030, bytes)?),
        _ => {
            return Err(NotText {
                line: None,
                message: format!(
                    "--encoding {name}: not an encoding this program reads ({})",
                    NAMES.join(", ")
                ),
            });
        }
    };
    Ok(Decoded {
        text,
        encoding: key.to_uppercase().replace("BIG5", "Big5"),
    })
}

fn legacy(encoding: &'static Encoding, bytes: &[u8]) -> Result<String, NotText> {
    strict(encoding, bytes).ok_or_else(|| NotText {
        line: first_bad_line(encoding, bytes),
        message: format!("not {} text", encoding.name()),
    })
}

/// The text, if every byte is valid in `encoding`.
fn strict(encoding: &'static Encoding, bytes: &[u8]) -> Option<String> {
    encoding
        .decode_without_bom_handling_and_without_replacement(bytes)
        .map(|t| t.into_owned())
}

/// The line of the first byte that is not valid in `encoding`.
fn first_bad_line(encoding: &'static Encoding, bytes: &[u8]) -> Option<u64> {
    (1..)
        .zip(bytes.split_inclusive(|b| *b == b'\n'))
        .find(|(_, chunk)| strict(encoding, chunk).is_none())
        .map(|(line, _)| line)
}

/// `(2 or 4, little-endian)` when the bytes look like UTF-16 or UTF-32 without a mark: most
/// characters of a sheet (separators, digits, Latin letters) are ASCII, whose other bytes are
/// zero.
fn wide_unicode(bytes: &[u8]) -> Option<(usize, bool)> {
    let sample = &bytes[..bytes.len().min(4096)];
    if sample.len() < 4 || !sample.contains(&0) {
        return None;
    }
    let zeros_at = |width: usize, at: usize| {
        sample.chunks_exact(width).filter(|c| c[at] == 0).count() as f64
            / (sample.len() / width).max(1) as f64
    };
    if sample.len().is_multiple_of(4) || bytes.len().is_multiple_of(4) {
        if zeros_at(4, 2) > 0.9 && zeros_at(4, 3) > 0.9 {
            return Some((4, true));
        }
        if zeros_at(4, 0) > 0.9 && zeros_at(4, 1) > 0.9 {
            return Some((4, false));
        }
    }
    if zeros_at(2, 1) > 0.3 && zeros_at(2, 0) < 0.05 {
        return Some((2, true));
    }
    if zeros_at(2, 0) > 0.3 && zeros_at(2, 1) < 0.05 {
        return Some((2, false));
    }
    None
}

fn utf16(bytes: &[u8], little: bool) -> Result<String, NotText> {
    if !bytes.len().is_multiple_of(2) {
        return Err(NotText {
            line: None,
            message: "broken UTF-16 text (an odd number of bytes)".into(),
        });
    }
    let units = bytes.chunks_exact(2).map(|p| {
        if little {
            u16::from_le_bytes([p[0], p[1]])
        } else {
            u16::from_be_bytes([p[0], p[1]])
        }
    });
    char::decode_utf16(units)
        .collect::<Result<String, _>>()
        .map_err(|_| NotText {
            line: None,
            message: "broken UTF-16 text".into(),
        })
}

fn utf32(bytes: &[u8], little: bool) -> Result<String, NotText> {
    if !bytes.len().is_multiple_of(4) {
        return Err(NotText {
            line: None,
            message: "broken UTF-32 text (its length is not a multiple of 4 bytes)".into(),
        });
    }
    bytes
        .chunks_exact(4)
        .map(|p| {
            let n = if little {
                u32::from_le_bytes([p[0], p[1], p[2], p[3]])
            } else {
                u32::from_be_bytes([p[0], p[1], p[2], p[3]])
            };
            char::from_u32(n)
        })
        .collect::<Option<String>>()
        .ok_or_else(|| NotText {
            line: None,
            message: "broken UTF-32 text".into(),
        })
}

fn line_of(before: &[u8]) -> u64 {
    before.iter().filter(|b| **b == b'\n').count() as u64 + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHEET: &str = "名稱,平台,帳號,粉絲數\n莎莎,IG,sarsa,52000\n";

    fn headers(text: &str) -> usize {
        ["名稱", "帳號", "粉絲數", "名称", "账号", "粉丝数"]
            .iter()
            .filter(|h| text.lines().next().unwrap_or("").contains(**h))
            .count()
    }

    #[test]
    fn utf_8_is_read_where_it_lies_and_other_encodings_are_decoded() {
        let plain = decode(SHEET.as_bytes(), None, &headers).unwrap();
        assert!(matches!(plain.text, Cow::Borrowed(SHEET)), "copied");
        let marked = format!("\u{feff}{SHEET}");
        let marked = decode(marked.as_bytes(), None, &headers).unwrap();
        assert!(matches!(marked.text, Cow::Borrowed(SHEET)), "copied");
        let forced = decode(SHEET.as_bytes(), Some("utf-8"), &headers).unwrap();
        assert!(matches!(forced.text, Cow::Borrowed(SHEET)), "copied");
        let bytes = utf16_bytes(SHEET, true);
        let wide = decode(&bytes, None, &headers).unwrap();
        assert_eq!(
            (wide.text.as_ref(), wide.encoding.as_str()),
            (SHEET, "UTF-16 LE (detected)")
        );
    }

    fn utf16_bytes(text: &str, little: bool) -> Vec<u8> {
        text.encode_utf16()
            .flat_map(|u| {
                if little {
                    u.to_le_bytes()
                } else {
                    u.to_be_bytes()
                }
            })
            .collect()
    }

    fn utf32_bytes(text: &str, little: bool) -> Vec<u8> {
        text.chars()
            .flat_map(|c| {
                let n = c as u32;
                if little {
                    n.to_le_bytes()
                } else {
                    n.to_be_bytes()
                }
            })
            .collect()
    }

    #[test]
    fn every_unicode_form_with_or_without_a_mark() {
        let cases: Vec<(Vec<u8>, &str)> = vec![
            (SHEET.as_bytes().to_vec(), "UTF-8"),
            (
                [b"\xEF\xBB\xBF".as_slice(), SHEET.as_bytes()].concat(),
                "UTF-8 with BOM",
            ),
            (
                [b"\xFF\xFE".as_slice(), &utf16_bytes(SHEET, true)].concat(),
                "UTF-16 LE",
            ),
            (
                [b"\xFE\xFF".as_slice(), &utf16_bytes(SHEET, false)].concat(),
                "UTF-16 BE",
            ),
            (utf16_bytes(SHEET, true), "UTF-16 LE (detected)"),
            (utf16_bytes(SHEET, false), "UTF-16 BE (detected)"),
            (
                [b"\xFF\xFE\x00\x00".as_slice(), &utf32_bytes(SHEET, true)].concat(),
                "UTF-32 LE",
            ),
            (
                [b"\x00\x00\xFE\xFF".as_slice(), &utf32_bytes(SHEET, false)].concat(),
                "UTF-32 BE",
            ),
            (utf32_bytes(SHEET, true), "UTF-32 LE (detected)"),
            (utf32_bytes(SHEET, false), "UTF-32 BE (detected)"),
        ];
        for (bytes, name) in cases {
            let decoded = decode(&bytes, None, &headers).unwrap();
            assert_eq!(decoded.text, SHEET, "{name}");
            assert_eq!(decoded.encoding, name);
        }
    }

    #[test]
    fn big5_and_gb18030_are_told_apart_by_their_headers() {
        let (big5, _, bad) = BIG5.encode(SHEET);
        assert!(!bad);
        let decoded = decode(&big5, None, &headers).unwrap();
        assert_eq!(decoded.text, SHEET);
        assert_eq!(decoded.encoding, "Big5 (detected)");
        let simplified = "名称,平台,账号,粉丝数\n莎莎,IG,sarsa,52000\n";
        let (gbk, _, bad) = GB18030.encode(simplified);
        assert!(!bad);
        let decoded = decode(&gbk, None, &headers).unwrap();
        assert_eq!(decoded.text, simplified);
        assert_eq!(decoded.encoding, "GB18030 (detected)");
    }

    #[test]
    fn a_named_encoding_wins_and_a_wrong_one_is_refused() {
        let (big5, _, _) = BIG5.encode(SHEET);
        assert_eq!(decode(&big5, Some("cp950"), &headers).unwrap().text, SHEET);
        let error = decode(b"a,b\n\xff\xff\xff\n", Some("utf-8"), &headers)
            .err()
            .unwrap();
        assert_eq!(error.line, Some(2));
        let error = decode(b"x", Some("ebcdic"), &headers).err().unwrap();
        assert!(
            error.message.contains("not an encoding"),
            "{}",
            error.message
        );
    }
}
