use std::fmt;

/// Why a follower count or other size could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SizeError {
    Empty,
    /// The text is not a number, with or without a suffix.
    NotANumber,
    /// A fraction with no suffix to scale it (`12.5` followers).
    Fraction,
    TooLarge,
}

impl fmt::Display for SizeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            SizeError::Empty => "no number given",
            SizeError::NotANumber => {
                "not a number (write it like 12000, 12_000, 12k, 1.2m or 1.2萬)"
            }
            SizeError::Fraction => {
                "a count cannot have a fraction unless it has a k, m or 萬 suffix"
            }
            SizeError::TooLarge => "number too large",
        })
    }
}

/// Reads a count as marketers type it: `12000`, `12_000`, `12,000`, `12k`, `1.2M`, `3.2萬`,
/// `3.2w` (萬 in Chinese shorthand), `1億`. Case and spaces before the suffix do not matter.
pub fn parse_size(text: &str) -> Result<u64, SizeError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(SizeError::Empty);
    }
    let (number, scale) = split_suffix(text);
    let digits: String = number
        .trim()
        .chars()
        .filter(|c| *c != '_' && *c != ',')
        .collect();
    if digits.is_empty()
        || digits.starts_with('.')
        || digits.ends_with('.')
        || !digits.chars().all(|c| c.is_ascii_digit() || c == '.')
        || digits.matches('.').count() > 1
    {
        return Err(SizeError::NotANumber);
    }
    let (whole, fraction) = digits.split_once('.').unwrap_or((&digits, ""));
    if scale == 1 && fraction.chars().any(|c| c != '0') {
        return Err(SizeError::Fraction);
    }
    let whole: u128 = whole.parse().map_err(|_| SizeError::TooLarge)?;
    let scale = u128::from(scale);
    let mut value = whole.checked_mul(scale).ok_or(SizeError::TooLarge)?;
    // The fraction, exactly: `.25` of a million is 25 * 1_000_000 / 100, rounded to nearest.
    let fraction = &fraction[..fraction.len().min(18)];
    if !fraction.is_empty() {
        let numerator: u128 = fraction.parse().map_err(|_| SizeError::NotANumber)?;
        let denominator = 10u128.pow(fraction.len() as u32);
        value += (numerator * scale + denominator / 2) / denominator;
    }
    u64::try_from(value).map_err(|_| SizeError::TooLarge)
}

fn split_suffix(text: &str) -> (&str, u64) {
    const SUFFIXES: &[(&str, u64)] = &[
        ("k", 1_000),
        ("K", 1_000),
        ("千", 1_000),
        ("m", 1_000_000),
        ("M", 1_000_000),
        ("萬", 10_000),
        ("万", 10_000),
        ("w", 10_000),
        ("W", 10_000),
        ("億", 100_000_000),
        ("亿", 100_000_000),
    ];
    for (suffix, scale) in SUFFIXES {
        if let Some(number) = text.strip_suffix(suffix) {
            return (number, *scale);
        }
    }
    (text, 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case("12000", 12_000)]
    #[case("12_000", 12_000)]
    #[case("12,000", 12_000)]
    #[case("1,234", 1_234)]
    #[case("12k", 12_000)]
    #[case("12K", 12_000)]
    #[case("12.3k", 12_300)]
    #[case("1.2M", 1_200_000)]
    #[case("1.25m", 1_250_000)]
    #[case("3.2萬", 32_000)]
    #[case("3.2 萬", 32_000)]
    #[case("5w", 50_000)]
    #[case("1億", 100_000_000)]
    #[case("0.5k", 500)]
    #[case("1.0005k", 1_001)]
    #[case("100.0", 100)]
    #[case(" 7 ", 7)]
    fn reads_sizes(#[case] text: &str, #[case] expected: u64) {
        assert_eq!(parse_size(text), Ok(expected));
    }

    #[rstest]
    #[case("", SizeError::Empty)]
    #[case("abc", SizeError::NotANumber)]
    #[case("k", SizeError::NotANumber)]
    #[case("-5", SizeError::NotANumber)]
    #[case("1.2.3k", SizeError::NotANumber)]
    #[case(".5k", SizeError::NotANumber)]
    #[case("12.5", SizeError::Fraction)]
    #[case("99999999999999999999999", SizeError::TooLarge)]
    fn rejects_non_sizes(#[case] text: &str, #[case] expected: SizeError) {
        assert_eq!(parse_size(text), Err(expected));
    }
}
