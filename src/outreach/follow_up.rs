//! The follow-up rules' days and dates as people type them: follow-ups 3 and 7 days after an
//! invitation with no change, a `no_reply` suggestion at 14 days, and a "still live?" check 7
//! days after publication (the agenda applies them). A `follow_up` date written on the entry
//! wins over the rules.

use jiff::civil::Date;

use crate::model::Entry;

/// Days after contact with no change when the first follow-up is due.
pub const FIRST_FOLLOW_UP: i64 = 3;
/// … the second follow-up.
pub const SECOND_FOLLOW_UP: i64 = 7;
/// … when `no_reply` is suggested.
pub const GIVE_UP: i64 = 14;
/// Days after publication when the post is checked.
pub const STILL_LIVE: i64 = 7;

/// A date as people type it, relative to `today`: `2026-11-30`, `today`, `+3` or `-2` (days
/// from today), or `none`. `Ok(None)` clears the date.
pub fn read_date(text: &str, today: Date) -> Result<Option<Date>, String> {
    let text = text.trim();
    if matches!(text.to_lowercase().as_str(), "none" | "clear" | "-" | "") {
        return Ok(None);
    }
    let fail = || {
        format!(
            "{text:?} is not a date: write 2026-11-30, today, +3 or -2 (days from today), or none"
        )
    };
    if text.eq_ignore_ascii_case("today") {
        return Ok(Some(today));
    }
    let relative = match (text.strip_prefix('+'), text.strip_prefix('-')) {
        (Some(days), _) => Some((days, 1)),
        (_, Some(days)) => Some((days, -1)),
        _ => None,
    };
    if let Some((days, sign)) = relative {
        let digits = days.trim_end_matches(['d', 'D']);
        if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
            return Err(fail());
        }
        let days: i64 = digits.parse::<i64>().map_err(|_| fail())? * sign;
        let far = || format!("{text:?} is too far away");
        let span = jiff::Span::new().try_days(days).map_err(|_| far())?;
        return today.checked_add(span).map(Some).map_err(|_| far());
    }
    text.parse::<Date>().map(Some).map_err(|_| fail())
}

/// The day the entry entered its current stage, by its history (in the offset it was
/// recorded in).
pub fn since(entry: &Entry) -> Option<Date> {
    let last = entry.last_change()?;
    (last.stage == Some(entry.stage)).then(|| last.day())
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn dates_absolute_relative_and_none() {
        let today = date(2026, 11, 22);
        assert_eq!(read_date("2026-11-30", today), Ok(Some(date(2026, 11, 30))));
        assert_eq!(read_date("+3", today), Ok(Some(date(2026, 11, 25))));
        assert_eq!(read_date(" +10d ", today), Ok(Some(date(2026, 12, 2))));
        assert_eq!(read_date("none", today), Ok(None));
        assert_eq!(read_date("Today", today), Ok(Some(today)));
        assert_eq!(read_date("-2", today), Ok(Some(date(2026, 11, 20))));
        assert!(read_date("--2", today).is_err());
        assert_eq!(read_date("", today), Ok(None));
        assert_eq!(
            read_date("next week", today),
            Err(
                "\"next week\" is not a date: write 2026-11-30, today, +3 or -2 (days from today), or none"
                    .into()
            )
        );
        assert!(read_date("+x", today).is_err());
        assert!(read_date("+99999999", today).is_err());
    }
}
