//! Values as people type them in spreadsheets: counts with `k`/`M`/`萬`, percents written
//! `4.5%` or as a fraction `0.045`, fees with a currency sign, lists separated by commas or
//! `、`, and the cells a spreadsheet-safe export neutralised with a leading `'`.

use crate::model::{SizeError, parse_size};

/// What sheets write for "no value".
const BLANKS: &[&str] = &[
    "-", "--", "—", "–", "n/a", "na", "#n/a", "none", "null", "nil", "?", "無", "无", "暫無",
    "暂无",
];

/// A cell with the `'` a spreadsheet-safe export put before `= + - @` taken off again; a
/// placeholder for "no value" (`-`, `N/A`, `無`) is empty.
pub fn cell(text: &str) -> &str {
    let text = text.trim();
    if BLANKS.iter().any(|b| b.eq_ignore_ascii_case(text)) {
        return "";
    }
    match text.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => text,
    }
}

/// A follower or view count: `12.3k`, `1.2M`, `3.2萬`, `1,234`, `1 234`.
pub fn count(text: &str) -> Result<u64, String> {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    // "10K+" is at least 10,000: the number is what is known.
    let compact = compact.trim_end_matches('+');
    parse_size(compact).map_err(|e| match e {
        SizeError::Fraction => format!("\"{text}\" is not a whole number"),
        SizeError::TooLarge => format!("\"{text}\" is too large"),
        _ => format!("\"{text}\" is not a number (like 12.3k, 1.2M, 3.2萬 or 1,234)"),
    })
}

/// An engagement rate as a percent: `4.5%` and `4.5` are 4.5 %; in a column of `fractions`
/// (every value below 1), `0.045` without a `%` is 4.5 %.
pub fn percent(text: &str, fractions: bool) -> Result<f64, String> {
    let trimmed = text.trim();
    let (number, marked) = match trimmed.strip_suffix(['%', '％']) {
        Some(n) => (n.trim(), true),
        None => (trimmed, false),
    };
    let value: f64 = number
        .replace(',', ".")
        .parse()
        .map_err(|_| format!("\"{text}\" is not a percent (like 4.5% or 0.045)"))?;
    if !value.is_finite() || value < 0.0 {
        return Err(format!("\"{text}\" is not a percent (like 4.5% or 0.045)"));
    }
    let value = if fractions && !marked && value < 1.0 {
        value * 100.0
    } else {
        value
    };
    if value > 100.0 {
        return Err(format!("\"{text}\" is over 100%"));
    }
    // 0.045 * 100 is 4.499999…: keep what the person meant.
    Ok((value * 10_000.0).round() / 10_000.0)
}

/// Currency signs and codes a fee may be written with, and the code they stand for.
const CURRENCIES: &[(&str, &str)] = &[
    ("NT$", "TWD"),
    ("NTD", "TWD"),
    ("TWD", "TWD"),
    ("HK$", "HKD"),
    ("HKD", "HKD"),
    ("US$", "USD"),
    ("USD", "USD"),
    ("S$", "SGD"),
    ("SGD", "SGD"),
    ("RM", "MYR"),
    ("MYR", "MYR"),
    ("RMB", "CNY"),
    ("CNY", "CNY"),
    ("人民幣", "CNY"),
    ("人民币", "CNY"),
    ("JP¥", "JPY"),
    ("JPY", "JPY"),
    // Yuan or yen: the sign alone does not say which.
    ("¥", ""),
    ("￥", ""),
    ("€", "EUR"),
    ("EUR", "EUR"),
    ("$", ""),
    ("元", ""),
];

/// A fee: `30000`, `NT$30,000`, `3萬`, `HKD 12k`, with the currency code when it says one.
pub fn money(text: &str) -> Result<(u64, Option<&'static str>), String> {
    let mut rest = text.trim();
    let mut currency = None;
    for _ in 0..2 {
        for (sign, code) in CURRENCIES {
            let upper = rest.to_uppercase();
            if upper.starts_with(&sign.to_uppercase()) {
                rest = rest[sign.len()..].trim_start();
                if !code.is_empty() {
                    currency = Some(*code);
                }
            } else if upper.ends_with(&sign.to_uppercase()) && rest.len() > sign.len() {
                rest = rest[..rest.len() - sign.len()].trim_end();
                if !code.is_empty() {
                    currency = Some(*code);
                }
            }
        }
    }
    let value = count(rest)
        .map_err(|_| format!("\"{text}\" is not an amount (like 30000, NT$30,000 or 3萬)"))?;
    Ok((value, currency))
}

/// A list in one cell: `beauty, skincare`, `美妝、保養`, `a; b`, `a / b`.
pub fn list(text: &str) -> Vec<String> {
    text.split([',', '，', '、', ';', '；', '|', '/'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// The platform and handle a profile link names: `https://www.instagram.com/sarsa.beauty/` →
/// (`instagram`, `sarsa.beauty`).
pub fn from_url(url: &str) -> Option<(crate::model::Platform, String)> {
    use crate::model::Platform;
    let rest = url.trim().split_once("://").map_or(url.trim(), |(_, r)| r);
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let host = host.trim_start_matches("www.").trim_start_matches("m.");
    let platform = match host {
        "instagram.com" => Platform::Instagram,
        "youtube.com" => Platform::YouTube,
        "tiktok.com" => Platform::TikTok,
        "facebook.com" | "fb.com" => Platform::Facebook,
        "threads.net" | "threads.com" => Platform::Threads,
        "x.com" | "twitter.com" => Platform::X,
        "xiaohongshu.com" => Platform::Xiaohongshu,
        "dcard.tw" => Platform::Dcard,
        "twitch.tv" => Platform::Twitch,
        _ => return None,
    };
    let segments: Vec<&str> = path
        .split(['/', '?', '#'])
        .filter(|s| !s.is_empty())
        .collect();
    let handle = match segments.as_slice() {
        ["channel" | "c" | "user" | "profile" | "@", h, ..] => h,
        [h, ..] => h,
        [] => return None,
    };
    let handle = handle.trim_start_matches('@');
    (!handle.is_empty()).then(|| (platform, handle.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case("12.3k", 12_300)]
    #[case("1.2M", 1_200_000)]
    #[case("3.2萬", 32_000)]
    #[case("3.2 萬", 32_000)]
    #[case("1,234", 1_234)]
    #[case("1 234", 1_234)]
    #[case("52000", 52_000)]
    #[case("10K+", 10_000)]
    #[case("52000.0", 52_000)]
    fn counts(#[case] text: &str, #[case] expected: u64) {
        assert_eq!(count(text), Ok(expected));
    }

    #[test]
    fn unreadable_counts_say_why() {
        assert_eq!(
            count("lots"),
            Err("\"lots\" is not a number (like 12.3k, 1.2M, 3.2萬 or 1,234)".into())
        );
        assert_eq!(count("12.5"), Err("\"12.5\" is not a whole number".into()));
    }

    #[rstest]
    #[case("4.5%", 4.5)]
    #[case("4.5", 4.5)]
    #[case("4,5%", 4.5)]
    #[case("12 %", 12.0)]
    #[case("0", 0.0)]
    fn percents(#[case] text: &str, #[case] expected: f64) {
        assert_eq!(percent(text, false), Ok(expected));
    }

    #[test]
    fn fractions_only_in_a_column_of_fractions() {
        assert_eq!(percent("0.045", true), Ok(4.5));
        assert_eq!(percent("4.5%", true), Ok(4.5));
        assert_eq!(percent("0.6", false), Ok(0.6));
    }

    #[test]
    fn percents_out_of_range() {
        assert_eq!(percent("140%", false), Err("\"140%\" is over 100%".into()));
        assert!(percent("high", false).is_err());
        assert!(percent("-3%", false).is_err());
    }

    #[rstest]
    #[case("30000", 30_000, None)]
    #[case("NT$30,000", 30_000, Some("TWD"))]
    #[case("HKD 12k", 12_000, Some("HKD"))]
    #[case("3萬", 30_000, None)]
    #[case("$500", 500, None)]
    #[case("30000 TWD", 30_000, Some("TWD"))]
    fn amounts(#[case] text: &str, #[case] value: u64, #[case] currency: Option<&str>) {
        assert_eq!(money(text), Ok((value, currency)));
    }

    #[test]
    fn lists_and_neutralised_cells() {
        assert_eq!(list("美妝、保養, skincare"), ["美妝", "保養", "skincare"]);
        assert_eq!(cell("'=SUM(A1)"), "=SUM(A1)");
        assert_eq!(cell("'quoted"), "'quoted");
        assert_eq!(cell(" N/A "), "");
        assert_eq!(cell("無"), "");
    }

    #[test]
    fn profile_links() {
        use crate::model::Platform;
        assert_eq!(
            from_url("https://www.instagram.com/sarsa.beauty/"),
            Some((Platform::Instagram, "sarsa.beauty".into()))
        );
        assert_eq!(
            from_url("https://youtube.com/@SarsaBeauty"),
            Some((Platform::YouTube, "SarsaBeauty".into()))
        );
        assert_eq!(from_url("https://example.com/x"), None);
    }
}
