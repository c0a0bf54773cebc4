//! What time it is: the local time with its offset, as history records it. `SHORTLIST_NOW`
//! fixes the clock (`2026-11-22T09:30:00+08:00`), for scripts that must be repeatable and for
//! tests.

use jiff::Zoned;
use jiff::fmt::temporal::Pieces;
use jiff::tz::TimeZone;

/// The variable that fixes the clock.
pub const NOW_VARIABLE: &str = "SHORTLIST_NOW";

/// Why the clock could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error(
    "{NOW_VARIABLE}={0:?} is not a time with an offset; write it like 2026-11-22T09:30:00+08:00"
)]
pub struct ClockError(pub String);

/// The time now, in the local time zone (or as `SHORTLIST_NOW` says).
pub fn now() -> Result<Zoned, ClockError> {
    match std::env::var(NOW_VARIABLE) {
        Ok(text) if !text.trim().is_empty() => parse(text.trim()),
        _ => Ok(Zoned::now()),
    }
}

/// Reads a time with an offset, or with a time zone in brackets.
pub fn parse(text: &str) -> Result<Zoned, ClockError> {
    let fail = || ClockError(text.to_string());
    if let Ok(zoned) = text.parse::<Zoned>() {
        return Ok(zoned);
    }
    let pieces = Pieces::parse(text).map_err(|_| fail())?;
    let offset = pieces.to_numeric_offset().ok_or_else(fail)?;
    let time = pieces.time().ok_or_else(fail)?;
    pieces
        .date()
        .to_datetime(time)
        .to_zoned(TimeZone::fixed(offset))
        .map_err(|_| fail())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_with_an_offset_or_a_zone() {
        let t = parse("2026-11-22T09:30:00+08:00").unwrap();
        assert_eq!(t.offset(), jiff::tz::Offset::constant(8));
        assert_eq!(t.strftime("%Y-%m-%d %H:%M").to_string(), "2026-11-22 09:30");
        let z = parse("2026-11-22T09:30:00+08:00[Asia/Taipei]").unwrap();
        assert_eq!(z.timestamp(), t.timestamp());
        assert_eq!(
            parse("2026-11-22T01:30:00Z").unwrap().timestamp(),
            t.timestamp()
        );
    }

    #[test]
    fn a_time_without_an_offset_is_refused() {
        for bad in ["2026-11-22T09:30:00", "2026-11-22", "soon"] {
            let error = parse(bad).unwrap_err();
            assert!(
                error.to_string().contains("write it like"),
                "{bad}: {error}"
            );
        }
    }
}
