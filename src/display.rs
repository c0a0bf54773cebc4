//! How values from data files are shown to people, the same on the command line, in the
//! interface and in exports: control characters escaped so that nothing in a file can drive the
//! terminal, counts and percents written the way marketers read them, and text cut to a column
//! width that counts a Chinese character as two.

use std::borrow::Cow;

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// `text` with every control character shown visibly: `^[` for escape, `^@` for NUL and so on,
/// `\u{85}` for the rarer ones, and line breaks and tabs as spaces. For one-line places such as
/// table cells.
pub fn escape(text: &str) -> Cow<'_, str> {
    escape_with(text, false)
}

/// Like [`escape`], but line breaks are kept (for notes shown over several lines).
pub fn escape_keeping_lines(text: &str) -> Cow<'_, str> {
    escape_with(text, true)
}

/// True for a character that must never reach a terminal as it is: control characters (they
/// move the cursor, change colours, write the clipboard), the bidirectional controls that make
/// text read in another order than it is, and the line and paragraph separators.
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
                | '\u{2028}' | '\u{2029}'
        )
}

/// How one unsafe character is shown: `^[` for escape, `^@` for NUL, `^?` for delete,
/// `\u{202e}` for the rest.
pub fn escape_char(c: char, out: &mut String) {
    match c {
        '\u{7f}' => out.push_str("^?"),
        c if (c as u32) < 0x20 => {
            out.push('^');
            out.push(char::from(b'@' + c as u8));
        }
        c => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
    }
}

fn escape_with(text: &str, keep_lines: bool) -> Cow<'_, str> {
    let needs = |c: char| is_unsafe(c) && !(keep_lines && c == '\n');
    if !text.chars().any(needs) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' if keep_lines => out.push('\n'),
            '\n' | '\t' | '\r' => out.push(' '),
            c if is_unsafe(c) => escape_char(c, &mut out),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// A count in three significant digits: `940`, `9.4k`, `52k`, `138k`, `1.45M`, `12M`.
pub fn compact(n: u64) -> String {
    if n < 1_000 {
        return n.to_string();
    }
    const UNITS: [(f64, &str); 3] = [(1e3, "k"), (1e6, "M"), (1e9, "B")];
    let mut text = String::new();
    for (divisor, suffix) in UNITS {
        let value = n as f64 / divisor;
        let digits = if value >= 99.95 {
            format!("{value:.0}")
        } else if value >= 9.995 {
            format!("{value:.1}")
        } else {
            format!("{value:.2}")
        };
        // Only a decimal part loses its trailing zeros: 100k stays 100k.
        let digits = if digits.contains('.') {
            digits
                .trim_end_matches('0')
                .trim_end_matches('.')
                .to_string()
        } else {
            digits
        };
        text = format!("{digits}{suffix}");
        // Rounding up to 1000 of a unit is one of the next unit.
        if digits.parse::<f64>().is_ok_and(|d| d < 1000.0) {
            break;
        }
    }
    text
}

/// A count with thousands separators: `52,000`.
pub fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `52000` as `52_000`, the way TOML lets people write it.
pub fn underscored(n: u64) -> String {
    group_with(i128::from(n), '_')
}

/// `n` with `sep` between each three digits: `-1,234,567`.
pub fn group_with(n: i128, sep: char) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    if n < 0 { format!("-{out}") } else { out }
}

/// A count in 萬 (ten thousands), as Chinese-speaking marketers quote audiences: `5.2 萬`; counts
/// under ten thousand are written in full.
pub fn wan(n: u64) -> String {
    if n < 10_000 {
        return grouped(n);
    }
    let value = n as f64 / 10_000.0;
    let text = if value >= 100.0 {
        grouped((value.round()) as u64)
    } else {
        let t = format!("{value:.1}");
        t.trim_end_matches(".0").to_string()
    };
    format!("{text} 萬")
}

/// A percent with at most one decimal: `4.5%`, `12%`.
pub fn percent(value: f64) -> String {
    let text = format!("{value:.1}");
    format!("{}%", text.trim_end_matches(".0"))
}

/// `text` as a shell reads it back: as it is when it holds only safe characters, else in
/// single quotes (a quote inside written `'\''`).
pub fn shell_quote(text: &str) -> String {
    let safe = |c: char| c.is_alphanumeric() || "-_./~@%+=:,".contains(c);
    if !text.is_empty() && text.chars().all(safe) && !text.starts_with('~') {
        text.to_string()
    } else {
        format!("'{}'", text.replace('\'', "'\\''"))
    }
}

/// How many terminal columns `text` takes.
pub fn width(text: &str) -> usize {
    UnicodeWidthStr::width(text)
}

/// `text` cut to at most `max` columns, ending in `…` when cut.
pub fn truncate(text: &str, max: usize) -> Cow<'_, str> {
    if width(text) <= max {
        return Cow::Borrowed(text);
    }
    if max == 0 {
        return Cow::Borrowed("");
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > max - 1 {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    Cow::Owned(out)
}

/// `text` padded with spaces to `columns` wide (on the right, or on the left when `right`).
pub fn pad(text: &str, columns: usize, right: bool) -> String {
    let fill = " ".repeat(columns.saturating_sub(width(text)));
    if right {
        format!("{fill}{text}")
    } else {
        format!("{text}{fill}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case("plain", "plain")]
    #[case("red\u{1b}[31mtext", "red^[[31mtext")]
    #[case("nul\0bell\u{7}", "nul^@bell^G")]
    #[case("del\u{7f}", "del^?")]
    #[case("c1\u{85}x", "c1\\u{85}x")]
    #[case("two\nlines\ttab", "two lines tab")]
    #[case("evil\u{202e}txt.exe", "evil\\u{202e}txt.exe")]
    #[case("a\u{2066}b\u{200f}c", "a\\u{2066}b\\u{200f}c")]
    #[case("osc\u{1b}]52;c;aGk=\u{7}", "osc^[]52;c;aGk=^G")]
    fn control_characters_are_shown_not_obeyed(#[case] text: &str, #[case] shown: &str) {
        assert_eq!(escape(text), shown);
    }

    #[test]
    fn notes_keep_their_lines() {
        assert_eq!(escape_keeping_lines("a\nb\u{1b}"), "a\nb^[");
    }

    #[rstest]
    #[case(0, "0")]
    #[case(940, "940")]
    #[case(9_400, "9.4k")]
    #[case(9_999, "10k")]
    #[case(52_000, "52k")]
    #[case(138_000, "138k")]
    #[case(1_450_000, "1.45M")]
    #[case(12_000_000, "12M")]
    #[case(2_300_000, "2.3M")]
    #[case(100_000, "100k")]
    #[case(200_000, "200k")]
    #[case(500_000, "500k")]
    #[case(10_000, "10k")]
    #[case(10_000_000, "10M")]
    #[case(100_000_000, "100M")]
    #[case(999_999, "1M")]
    #[case(999_499, "999k")]
    #[case(99_960, "100k")]
    fn compact_counts(#[case] n: u64, #[case] text: &str) {
        assert_eq!(compact(n), text);
    }

    #[rstest]
    #[case(999, "999")]
    #[case(52_000, "5.2 萬")]
    #[case(50_000, "5 萬")]
    #[case(1_450_000, "145 萬")]
    #[case(12_345_678, "1,235 萬")]
    fn counts_in_wan(#[case] n: u64, #[case] text: &str) {
        assert_eq!(wan(n), text);
    }

    #[test]
    fn grouping_and_percent() {
        assert_eq!(underscored(52_000), "52_000");
        assert_eq!(underscored(999), "999");
        assert_eq!(group_with(-1_234_567, ','), "-1,234,567");
        assert_eq!(grouped(52_000), "52,000");
        assert_eq!(grouped(1_234_567), "1,234,567");
        assert_eq!(percent(4.5), "4.5%");
        assert_eq!(percent(12.0), "12%");
        assert_eq!(percent(3.33), "3.3%");
    }

    #[test]
    fn truncation_counts_wide_characters_as_two() {
        assert_eq!(width("莎莎 Sarsa"), 10);
        assert_eq!(truncate("莎莎 Sarsa", 10), "莎莎 Sarsa");
        assert_eq!(truncate("莎莎 Sarsa", 5), "莎莎…");
        assert_eq!(truncate("莎莎 Sarsa", 4), "莎…");
        assert_eq!(width(&truncate("莎莎 Sarsa", 4)), 3);
        assert_eq!(pad("莎", 4, false), "莎  ");
        assert_eq!(pad("7", 3, true), "  7");
    }
}
