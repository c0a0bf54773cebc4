//! Creators as vCards (RFC 2426, version 3.0, which khard, mutt's query tools, Thunderbird,
//! macOS Contacts and Google Contacts all read): name, nicknames, address, the link of each
//! channel that has one, niches as categories, and a note with the channels and the rate. Text is
//! escaped, lines end in CRLF and are folded at 75 bytes without splitting a character.

use std::io::{self, Write};

use crate::model::Creator;

/// Writes one vCard per creator; rates without a currency are in `currency`.
pub fn write<'c>(
    out: &mut dyn Write,
    creators: impl IntoIterator<Item = &'c Creator>,
    currency: &str,
) -> io::Result<()> {
    for c in creators {
        out.write_all(card(c, currency).as_bytes())?;
    }
    Ok(())
}

/// One creator's vCard.
pub fn card(c: &Creator, currency: &str) -> String {
    let mut lines = vec![
        "BEGIN:VCARD".to_string(),
        "VERSION:3.0".to_string(),
        format!("UID:shortlist-{}", escape(&c.id)),
        format!("FN:{}", escape(&c.name)),
        // The name as one piece: names in several scripts do not split into given and family.
        format!("N:{};;;;", escape(&c.name)),
    ];
    if !c.aliases.is_empty() {
        let aliases: Vec<String> = c.aliases.iter().map(|a| escape(a)).collect();
        lines.push(format!("NICKNAME:{}", aliases.join(",")));
    }
    if let Some(email) = &c.email {
        lines.push(format!("EMAIL;TYPE=INTERNET:{}", escape(email)));
    }
    if !c.niches.is_empty() {
        let niches: Vec<String> = c.niches.iter().map(|n| escape(n)).collect();
        lines.push(format!("CATEGORIES:{}", niches.join(",")));
    }
    for ch in &c.channels {
        if let Some(url) = &ch.url {
            lines.push(format!(
                "X-SOCIALPROFILE;TYPE={}:{}",
                parameter(ch.platform.name()),
                escape(url)
            ));
            lines.push(format!("URL:{}", escape(url)));
        }
    }
    let mut note: Vec<String> = c
        .channels
        .iter()
        .map(|ch| {
            let followers = ch
                .followers
                .map(|f| format!(" {} followers", crate::display::grouped(f)))
                .unwrap_or_default();
            format!("{} @{}{followers}", ch.platform.name(), ch.handle)
        })
        .collect();
    if let Some(rate) = c.rate {
        let currency = c.currency.as_deref().unwrap_or(currency);
        note.push(format!("rate {currency} {}", crate::display::grouped(rate)));
    }
    if let Some(place) = &c.location {
        note.push(place.to_string());
    }
    if !note.is_empty() {
        lines.push(format!("NOTE:{}", escape(&note.join("\n"))));
    }
    lines.push("END:VCARD".to_string());
    lines.iter().map(|l| fold(l)).collect()
}

/// Text as a vCard value: backslash, comma, semicolon and line breaks escaped.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ',' => out.push_str("\\,"),
            ';' => out.push_str("\\;"),
            '\n' => out.push_str("\\n"),
            // Nothing a terminal would obey: control characters and bidirectional controls.
            c if crate::display::is_unsafe(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// Text as a parameter value: letters, digits and dashes only (a platform's name of the
/// file's own spelling may hold anything, and a parameter cannot quote a colon or a control).
fn parameter(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric() || *c == '-')
        .collect()
}

/// A content line folded at 75 bytes (continuations start with a space), ending in CRLF.
fn fold(line: &str) -> String {
    let mut out = String::new();
    let mut used = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if used + n > 75 {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += n;
    }
    out.push_str("\r\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_long_lines_folded_between_characters() {
        assert_eq!(escape("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
        let long = format!("NOTE:{}", "美".repeat(40));
        let folded = fold(&long);
        for line in folded.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(line.len() <= 75, "{line}");
        }
        let unfolded = folded.replace("\r\n ", "");
        assert_eq!(unfolded, format!("{long}\r\n"));
    }
}
