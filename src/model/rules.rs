//! What makes a value acceptable, shared by loading, importing and exporting so that every path
//! agrees on it.

/// More followers than any account has ever had: a number above this is a typo.
pub const MAX_FOLLOWERS: u64 = 1_000_000_000;
/// Average views per post above this are a typo.
pub const MAX_AVG_VIEWS: u64 = 1_000_000_000;
/// A fee per post above this is a typo, even in currencies with small units.
pub const MAX_RATE: u64 = 1_000_000_000_000;

/// Why an id is not acceptable, or `None` when it is. Ids become file names and appear in
/// campaign files, so they are limited to `a-z 0-9 - _ .` and start with a letter or digit.
pub fn id_problem(id: &str) -> Option<String> {
    if id.is_empty() {
        return Some("id is empty".to_string());
    }
    if let Some(bad) = id.chars().find(|c| !is_id_char(*c)) {
        let shown = if bad.is_whitespace() || bad.is_control() {
            bad.escape_debug().to_string()
        } else {
            bad.to_string()
        };
        let mut message = format!(
            "id \"{}\" may only use a-z, 0-9, \"-\", \"_\" and \".\" (found \"{shown}\")",
            id.escape_debug()
        );
        let suggestion = suggest_id(id);
        if !suggestion.is_empty() && suggestion != id {
            message.push_str(&format!("; try \"{suggestion}\""));
        }
        return Some(message);
    }
    if !id.starts_with(|c: char| c.is_ascii_alphanumeric()) {
        return Some(format!("id \"{id}\" must start with a letter or digit"));
    }
    None
}

fn is_id_char(c: char) -> bool {
    c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '-' | '_' | '.')
}

/// An id made from any text: lower-cased, other characters turned into single dashes.
/// Empty when the text has no ASCII letters or digits (a Chinese-only name, say).
pub fn suggest_id(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if is_id_char(c) {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches(|c| c == '-' || c == '.' || c == '_')
        .to_string()
}

/// Why an email address is not usable for sending an invitation, or `None` when it is.
///
/// Deliberately the common shape, not all of RFC 5322: one `@`, a local part of letters, digits
/// and `.!#$%&'*+/=?^_`{|}~-` without leading, trailing or doubled dots, and a domain of at least
/// two labels. A display name (`Amy <amy@x.example>`) is rejected with a hint.
pub fn email_problem(address: &str) -> Option<&'static str> {
    if address.contains('<') || address.contains('>') {
        return Some("write only the address, without a name or <>");
    }
    if address.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Some("an address cannot contain spaces");
    }
    let mut parts = address.split('@');
    let (Some(local), Some(domain), None) = (parts.next(), parts.next(), parts.next()) else {
        return Some(if address.contains('@') {
            "an address has exactly one @"
        } else {
            "an address needs an @"
        });
    };
    if local.is_empty() {
        return Some("nothing before the @");
    }
    if local.len() > 64 {
        return Some("the part before the @ is longer than 64 characters");
    }
    if local.starts_with('.') || local.ends_with('.') || local.contains("..") {
        return Some("dots before the @ cannot lead, trail or repeat");
    }
    if !local
        .chars()
        .all(|c| c.is_alphanumeric() || ".!#$%&'*+/=?^_`{|}~-".contains(c))
    {
        return Some("the part before the @ has a character addresses cannot use");
    }
    if domain.is_empty() {
        return Some("nothing after the @");
    }
    let labels: Vec<&str> = domain.split('.').collect();
    if labels.len() < 2 {
        return Some("the domain needs a dot, like example.com");
    }
    for label in &labels {
        if label.is_empty() {
            return Some("the domain has an empty part (two dots, or a dot at an end)");
        }
        if label.starts_with('-') || label.ends_with('-') {
            return Some("a domain part cannot start or end with -");
        }
        if !label.chars().all(|c| c.is_alphanumeric() || c == '-') {
            return Some("the domain has a character domains cannot use");
        }
    }
    if labels.last().is_some_and(|tld| tld.chars().count() < 2) {
        return Some("the domain ends in a one-letter part");
    }
    None
}

/// Why a currency code is not acceptable, or `None` when it is (three capital letters, as in
/// ISO 4217).
pub fn currency_problem(code: &str) -> Option<String> {
    if code.len() == 3 && code.chars().all(|c| c.is_ascii_uppercase()) {
        None
    } else {
        Some(format!(
            "currency \"{code}\" should be a three-letter code such as TWD, USD or JPY"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case("sarsa")]
    #[case("chen.coffee")]
    #[case("a-b_c.9")]
    #[case("9lives")]
    fn good_ids(#[case] id: &str) {
        assert_eq!(id_problem(id), None);
    }

    #[rstest]
    #[case("", "id is empty")]
    #[case(
        "Sarsa Lin",
        "id \"Sarsa Lin\" may only use a-z, 0-9, \"-\", \"_\" and \".\" (found \"S\"); try \"sarsa-lin\""
    )]
    #[case(
        "莎莎",
        "id \"莎莎\" may only use a-z, 0-9, \"-\", \"_\" and \".\" (found \"莎\")"
    )]
    #[case("..", "id \"..\" must start with a letter or digit")]
    #[case("-x", "id \"-x\" must start with a letter or digit")]
    #[case(
        "a/b",
        "id \"a/b\" may only use a-z, 0-9, \"-\", \"_\" and \".\" (found \"/\"); try \"a-b\""
    )]
    fn bad_ids(#[case] id: &str, #[case] message: &str) {
        assert_eq!(id_problem(id).as_deref(), Some(message));
    }

    #[rstest]
    #[case("hello@sarsa.example")]
    #[case("amy.lin+kol@lumi.example.com")]
    #[case("o'brien@example.org")]
    #[case("莎莎@例子.台灣")]
    fn good_emails(#[case] address: &str) {
        assert_eq!(email_problem(address), None);
    }

    #[rstest]
    #[case("hello", "an address needs an @")]
    #[case("a@@b.example", "an address has exactly one @")]
    #[case("@b.example", "nothing before the @")]
    #[case("a@", "nothing after the @")]
    #[case("a@localhost", "the domain needs a dot, like example.com")]
    #[case("a b@x.example", "an address cannot contain spaces")]
    #[case("a..b@x.example", "dots before the @ cannot lead, trail or repeat")]
    #[case(
        "a@x..example",
        "the domain has an empty part (two dots, or a dot at an end)"
    )]
    #[case("a@-x.example", "a domain part cannot start or end with -")]
    #[case("a@x.e", "the domain ends in a one-letter part")]
    #[case("Amy <a@x.example>", "write only the address, without a name or <>")]
    #[case("a\r\nBcc: x@y.example", "an address cannot contain spaces")]
    fn bad_emails(#[case] address: &str, #[case] problem: &str) {
        assert_eq!(email_problem(address), Some(problem));
    }

    #[test]
    fn currency_codes() {
        assert_eq!(currency_problem("TWD"), None);
        assert!(currency_problem("twd").is_some());
        assert!(currency_problem("NT$").is_some());
    }
}
