//! What to write instead when a TOML syntax error is in a value people often type: `12k`,
//! `1,234`, `4.5%`, or text without quotes.

use std::ops::Range;

/// The message for a TOML syntax error at `span` of `text`, with what to write instead when
/// the value there is one people often type: `12k`, `1,234`, `4.5%`, or text without quotes.
pub(crate) fn syntax_message(text: &str, span: &Range<usize>, message: &str) -> String {
    let mut out = format!("invalid TOML: {message}");
    if let Some(hint) = syntax_hint(text, span.start) {
        out.push_str("; ");
        out.push_str(&hint);
    }
    out
}

fn syntax_hint(text: &str, at: usize) -> Option<String> {
    let at = at.min(text.len());
    if !text.is_char_boundary(at) {
        return None;
    }
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    // The value the error is in: after the last `=` before it on the line.
    let before = &text[line_start..at];
    let eq = before.rfind('=')?;
    let rest = &text[line_start + eq + 1..line_end];
    let value = rest
        .split([',', '}', ']', '#'])
        .next()
        .unwrap_or_default()
        .trim();
    if value.is_empty() || value.starts_with(['"', '\'', '[', '{']) {
        return None;
    }
    // `1,234` was cut at its comma: take the digits after it too.
    let whole = rest.trim_start();
    let number_like: String = whole
        .chars()
        .take_while(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '_'))
        .collect();
    let after_number = whole[number_like.len()..].trim_start();
    if !number_like.is_empty() {
        if let Some(pct) = value.strip_suffix(['%', '％']) {
            return Some(format!("write a percent without %: {}", pct.trim()));
        }
        let suffix: String = after_number
            .chars()
            .take_while(|c| !matches!(c, ',' | '}' | ']' | '#' | ' '))
            .collect();
        let candidate = format!("{}{suffix}", number_like.trim_end_matches(','));
        if let Ok(n) = crate::model::parse_size(&candidate) {
            return Some(format!(
                "write the number as {} (12k, 1,234 and 3.2萬 are read in queries and imports, not in files)",
                crate::display::underscored(n)
            ));
        }
        return None;
    }
    if matches!(value, "true" | "false") || !value.chars().next()?.is_alphabetic() {
        return None;
    }
    Some(format!(
        "put text in quotes: \"{}\"",
        value.replace('\\', "\\\\").replace('"', "\\\"")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hint(line: &str, token: &str) -> Option<String> {
        let at = line.find(token).unwrap_or(0);
        syntax_hint(line, at)
    }

    #[test]
    fn values_people_type_get_what_to_write() {
        assert_eq!(
            hint("followers = 12k", "12k").as_deref(),
            Some(
                "write the number as 12_000 (12k, 1,234 and 3.2萬 are read in queries and imports, not in files)"
            )
        );
        assert!(
            hint(
                "  { platform = \"ig\", handle = \"a\", followers = 1,234 }",
                "1,234"
            )
            .unwrap()
            .starts_with("write the number as 1_234 ")
        );
        assert!(
            hint("followers = 3.2萬", "3.2")
                .unwrap()
                .starts_with("write the number as 32_000 ")
        );
        assert_eq!(
            hint("engagement = 4.5%", "%").as_deref(),
            Some("write a percent without %: 4.5")
        );
        assert_eq!(
            hint("name = A Lin", "A").as_deref(),
            Some("put text in quotes: \"A Lin\"")
        );
        assert_eq!(hint("name = \"A", "\"A"), None);
        assert_eq!(hint("[[creator]", "["), None);
        assert_eq!(hint("name == \"A\"", "= \""), None);
    }
}
